"""Panels of lesson 04 (gradient descent, the hard part): regression by GD, SGD, learning rates."""

from __future__ import annotations

from . import Field, Frame, Panel, PanelResult, PlotSpec, Progress, Series
from ._inputs import (
    choice, downsample_indices, fail, fmt_array, fmt_num, integer, matrix, number, pad, vector,
)

SEED_X = "[[1,1],[1,2],[2,2],[2,3]]"
SEED_Y = "6, 8, 9, 11"  # X·[1, 2] + 3
MAX_FRAMES = 200
DIVERGENCE_FACTOR = 1e6


def run_regression(X, y, **kwargs):
    """mathcore's GD regression with floating-point warnings silenced (divergence is reported)."""
    import numpy as np

    from mathcore import regression

    with np.errstate(all="ignore"):
        return regression.gd_linear_regression(X, y, **kwargs)


DATASETS = ("입력한 X, y", "잡음 섞인 데이터 (n = 20)")
DATASET_FIELD = Field("dataset", "데이터", DATASETS[0], choices=DATASETS,
                      help="잡음 데이터는 y = x₁ + 2x₂ + 3 + 잡음 (시드 0)")


def _noisy_data(n: int = 20, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    X = rng.uniform(0.0, 2.0, size=(n, 2))
    y = X @ np.array([1.0, 2.0]) + 3.0 + 0.2 * rng.standard_normal(n)
    return X, y


def _data(values: dict[str, str]):
    which = choice(values, DATASET_FIELD)
    if which == DATASETS[1]:
        return _noisy_data()
    X = matrix(values, "X", "입력 X")
    y = vector(values, "y", "출력 y")
    if y.size != X.shape[0]:
        raise fail("y", "출력 y", f"y의 개수({y.size})가 X의 행 수({X.shape[0]})와 같아야 합니다.")
    return X, y


def compute_linreg(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    X, y = _data(values)
    p = X.shape[1] + 1
    init = vector(values, "init", "초기 β₀", length=p)
    lr = number(values, "lr", "학습률 η", low=0.0, low_open=True, high=10.0)
    steps = integer(values, "steps", "반복 수", low=1, high=100_000)

    result = run_regression(X, y, lr=lr, steps=steps, init=init, intercept=True)
    history = np.asarray(result.history, dtype=float)
    loss = np.asarray(result.loss, dtype=float)
    upto = history.shape[0]
    exact = np.asarray(linalg.least_squares(X, y, intercept=True), dtype=float)
    names = [f"β{i + 1}" for i in range(p - 1)] + ["절편"]
    lines = [
        f"데이터 X: {X.shape[0]}×{X.shape[1]} (1 열을 붙여 절편까지 {p}개 계수)",
        "갱신 β ← β + η·Xᵀ(y − Xβ)",
        f"시작 β₀ = {fmt_array(init, 4)},  η = {fmt_num(lr)},  {steps}번 반복",
        "",
    ]
    diverged = bool(result.diverged)
    if diverged:
        lines.append(f"발산: {upto}번째 반복에서 β가 폭발해 멈췄습니다. 학습률을 줄여 보세요.")
    else:
        beta = history[-1]
        lines += [
            "경사하강법 β = " + "  ".join(f"{b:.8f}" for b in beta),
            "유사역행렬 β = " + "  ".join(f"{b:.8f}" for b in exact) + "   (X⁺y, 1 열 포함)",
            f"두 해의 차이 ‖β_GD − β_pinv‖₂ = {fmt_num(linalg.l2_norm(beta - exact), 3)}",
            f"마지막 손실 (평균제곱오차) = {fmt_num(loss[-1], 6)}",
        ]
    lines.append("계수 순서: " + ", ".join(names))

    keep = downsample_indices(upto, MAX_FRAMES)
    loss_keep = keep[keep < loss.size]
    loss_vals = loss[loss_keep]
    positive = loss_vals > 0
    plots = [
        PlotSpec(
            kind="line", title="반복에 따른 β", xlabel="반복", ylabel="계수 값",
            series=[Series(keep.tolist(), history[keep, j].tolist(), label=names[j]) for j in range(p)],
            highlight=(float(keep[-1]), float(history[keep[-1], 0]), "현재 반복"),
        ),
        PlotSpec(
            kind="line", title="반복에 따른 손실 (로그 눈금)", xlabel="반복", ylabel="평균제곱오차",
            series=[Series(loss_keep[positive].tolist(), loss_vals[positive].tolist(), label="손실")],
            ylog=True,
        ),
    ]
    frames = []
    for k in keep:
        hl = {0: (float(k), float(history[k, 0]))}
        if k < loss.size and loss[k] > 0:
            hl[1] = (float(k), float(loss[k]))
        frames.append(Frame(text=f"반복 {k}: β = " + ", ".join(f"{b:.6f}" for b in history[k]), highlights=hl))
    data = {"beta": history[upto - 1], "history": history, "loss": loss, "pinv": exact, "diverged": diverged}
    return PanelResult("\n".join(lines), plots, data, frames)


def compute_sgd(values: dict[str, str], progress: Progress | None = None) -> PanelResult:
    import numpy as np

    from mathcore import linalg, regression

    progress = progress or Progress()
    n = integer(values, "n", "데이터 개수", low=10, high=100_000)
    noise = number(values, "noise", "잡음 표준편차", low=0.0, high=100.0)
    lr = number(values, "lr", "학습률 η", low=0.0, low_open=True, high=10.0)
    epochs = integer(values, "epochs", "에폭 수", low=1, high=10_000)
    batch = integer(values, "batch", "미니배치 크기", low=1, high=100_000)
    if batch > n:
        raise fail("batch", "미니배치 크기", f"데이터 개수({n})보다 클 수 없습니다.")
    seed = integer(values, "seed", "난수 시드", low=0, high=2**32 - 1)

    X, y = regression.make_linear_data(n, coef=(1.0, 2.0), intercept=3.0, noise=noise, seed=seed,
                                       low=-1.0, high=1.0)
    exact = np.asarray(linalg.least_squares(X, y, intercept=True), dtype=float)

    # Train in chunks of epochs (continuing from the last β) so progress and Esc work mid-run.
    chunks = max(1, min(10, epochs))
    bounds = [round(epochs * c / chunks) for c in range(chunks + 1)]
    total_work = 2 * epochs
    runs = {}
    for stage, (name, size) in enumerate((("full", n), ("mini", batch))):
        beta = None
        losses: list[np.ndarray] = []
        diverged = False
        for c in range(chunks):
            span = bounds[c + 1] - bounds[c]
            if span == 0:
                continue
            with np.errstate(all="ignore"):
                res = regression.sgd_linear_regression(X, y, lr=lr, epochs=span, batch_size=size,
                                                       seed=seed + c, intercept=True, init=beta)
            beta = res.beta
            losses.append(np.asarray(res.loss, dtype=float) if not losses else np.asarray(res.loss, dtype=float)[1:])
            done = stage * epochs + bounds[c + 1]
            label = "전체 배치 경사하강법" if name == "full" else "미니배치 SGD"
            progress.update(done, total_work, f"{label}: 에폭 {bounds[c + 1]}/{epochs}")
            if res.diverged:
                diverged = True
                break
        runs[name] = (np.asarray(beta, dtype=float), np.concatenate(losses), diverged)

    def summary(name, run):
        beta, loss, diverged = run
        if diverged:
            return f"{name}: 발산했습니다 (학습률을 줄여 보세요)."
        return (f"{name}: β = {fmt_array(beta, 5)},  마지막 손실 {fmt_num(loss[-1], 5)},  "
                f"‖β − β*‖ = {fmt_num(linalg.l2_norm(beta - exact), 3)}")

    updates_full = epochs
    updates_mini = epochs * int(np.ceil(n / batch))
    lines = [
        f"데이터 {n}개: y = x₁ + 2x₂ + 3 + 잡음 (표준편차 {fmt_num(noise)}),  시드 {seed}",
        f"최소제곱 해 β* = {fmt_array(exact, 5)}",
        "",
        summary("전체 배치 GD", runs["full"]),
        summary(f"미니배치 SGD (배치 {batch})", runs["mini"]),
        "",
        f"같은 {epochs} 에폭 동안 갱신 횟수: 전체 배치 {updates_full}번, 미니배치 {updates_mini}번.",
        "미니배치 기울기는 전체 기울기의 불편추정량이라 평균적으로 같은 방향이지만, 배치마다 목적함수가 달라져 손실이 출렁입니다.",
    ]
    full_loss, mini_loss = runs["full"][1], runs["mini"][1]
    per_epoch = int(np.ceil(n / batch))
    plots = []
    for title, curve, updates in (("전체 배치 GD의 손실", full_loss, 1), ("미니배치 SGD의 손실", mini_loss, per_epoch)):
        idx = downsample_indices(curve.size, 400)
        vals = curve[idx]
        ok = np.isfinite(vals) & (vals > 0)
        plots.append(PlotSpec(kind="line", title=title, xlabel="에폭", ylabel="평균제곱오차",
                              series=[Series((idx[ok] / updates).tolist(), vals[ok].tolist(), label="손실")], ylog=True))
    data = {"full_beta": runs["full"][0], "mini_beta": runs["mini"][0], "exact": exact,
            "full_loss": full_loss, "mini_loss": mini_loss, "X": X, "y": y}
    return PanelResult("\n".join(lines), plots, data)


def compute_learning_rate(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    X = matrix(values, "X", "입력 X")
    y = vector(values, "y", "출력 y")
    if y.size != X.shape[0]:
        raise fail("y", "출력 y", f"y의 개수({y.size})가 X의 행 수({X.shape[0]})와 같아야 합니다.")
    rates = vector(values, "rates", "학습률 목록", max_len=8)
    if np.any(rates <= 0):
        raise fail("rates", "학습률 목록", "학습률은 모두 0보다 커야 합니다.")
    scale = number(values, "scale", "X 배율", low=0.0, low_open=True, high=1e4)
    steps = integer(values, "steps", "반복 수", low=1, high=50_000)

    Xs = X * scale
    exact = np.asarray(linalg.least_squares(Xs, y, intercept=True), dtype=float)
    init = np.zeros(X.shape[1] + 1)
    lines = [
        f"X 배율 {fmt_num(scale)}: β ← β + η·Xᵀ(y − Xβ)를 {steps}번 반복 (시작 β = 0)",
        f"발산 판정: β가 무한대가 되거나 손실이 처음의 {DIVERGENCE_FACTOR:g}배를 넘으면 그 반복에서 멈춘 것으로 봅니다.",
        f"최소제곱 해 β* = {fmt_array(exact, 5)}",
        "",
        pad("학습률", 10) + pad("결과", 20) + pad("마지막 손실", 16) + "‖β − β*‖",
    ]
    series = []
    outcomes = []
    for lr in rates:
        res = run_regression(Xs, y, lr=float(lr), steps=steps, init=init, intercept=True)
        history = np.asarray(res.history, dtype=float)
        loss = np.asarray(res.loss, dtype=float)
        with np.errstate(invalid="ignore"):
            blown = np.flatnonzero(~np.isfinite(loss) | (loss > DIVERGENCE_FACTOR * max(loss[0], 1e-300)))
        upto = int(blown[0]) if blown.size else history.shape[0]
        if res.diverged or blown.size:
            status = f"발산 (반복 {upto})"
            last, gap = float("inf"), float("inf")
        else:
            gap = float(linalg.l2_norm(history[-1] - exact))
            last = float(loss[-1])
            status = "수렴" if gap < 1e-3 * max(1.0, float(linalg.l2_norm(exact))) else "느림 (덜 수렴)"
        outcomes.append({"lr": float(lr), "status": status, "loss": last, "gap": gap, "steps_ok": upto})
        shown = ("—", "—") if not np.isfinite(last) else (fmt_num(last, 4), fmt_num(gap, 4))
        lines.append(pad(fmt_num(lr), 10) + pad(status, 20) + pad(shown[0], 16) + shown[1])
        n_loss = min(upto, loss.size)
        idx = downsample_indices(n_loss, 300)
        vals = loss[idx]
        ok = np.isfinite(vals) & (vals > 0)
        series.append(Series(idx[ok].tolist(), vals[ok].tolist(), label=f"η = {fmt_num(lr)}"))
    lines += [
        "",
        "너무 작으면 느리고, 너무 크면 발산합니다. 알맞은 학습률은 데이터의 크기(배율)에 달려 있어,",
        "X 배율을 10으로 바꾸면 같은 학습률도 발산할 수 있습니다 (\"보통 1e-4\" 같은 값은 규칙이 아닙니다).",
    ]
    plot = PlotSpec(kind="line", title="학습률별 손실 (로그 눈금, 발산한 곡선은 그 지점까지)",
                    xlabel="반복", ylabel="손실", series=series, ylog=True)
    return PanelResult("\n".join(lines), [plot], {"outcomes": outcomes, "exact": exact})


PANELS = [
    Panel(
        id="gd_advanced.linreg",
        title="경사하강법으로 선형회귀",
        lesson="gd_advanced",
        description="β ← β + η·Xᵀ(y − Xβ)를 반복해 계수를 찾고 유사역행렬 해와 비교합니다. n / p / 스페이스로 재생합니다.",
        fields=[
            DATASET_FIELD,
            Field("X", "입력 X", SEED_X, help="한 행이 데이터 하나"),
            Field("y", "출력 y", SEED_Y, help="기본값은 X·[1, 2] + 3"),
            Field("init", "초기 β₀", "10.1, 15.1, -6.5", help="특성 수 + 1개 (마지막이 절편)"),
            Field("lr", "학습률 η", "0.01"),
            Field("steps", "반복 수", "5000"),
        ],
        compute=compute_linreg,
        playback=True,
    ),
    Panel(
        id="gd_advanced.sgd",
        title="전체 배치 GD와 미니배치 SGD",
        lesson="gd_advanced",
        description="잡음 섞인 데이터에서 전체 배치 경사하강법과 미니배치 SGD의 손실 곡선을 나란히 봅니다. Esc로 중단합니다.",
        fields=[
            Field("n", "데이터 개수", "1000"),
            Field("noise", "잡음 표준편차", "0.5"),
            Field("lr", "학습률 η", "0.1"),
            Field("epochs", "에폭 수", "30"),
            Field("batch", "미니배치 크기", "32"),
            Field("seed", "난수 시드", "0"),
        ],
        compute=compute_sgd,
        long_running=True,
    ),
    Panel(
        id="gd_advanced.learning_rate",
        title="학습률 비교: 느림, 수렴, 발산",
        lesson="gd_advanced",
        description="여러 학습률로 같은 회귀를 풀어 손실 곡선을 겹쳐 그립니다. 발산은 감지해서 알려 줍니다.",
        fields=[
            Field("X", "입력 X", SEED_X),
            Field("y", "출력 y", SEED_Y),
            Field("rates", "학습률 목록", "0.001, 0.01, 0.05, 0.08", help="쉼표로 구분, 최대 8개"),
            Field("scale", "X 배율", "1", help="X에 곱하는 수 (데이터 크기가 학습률에 주는 영향)"),
            Field("steps", "반복 수", "500"),
        ],
        compute=compute_learning_rate,
    ),
]
