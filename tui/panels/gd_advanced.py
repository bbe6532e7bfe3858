"""Panels of lesson 04 (gradient descent, the hard part): regression by GD, SGD, learning rates."""

from __future__ import annotations

from mathcore import InputError

from . import Frame, Panel, PanelResult, PlotSpec, Progress, Series
from .fields import SEED, Choice, Integer, Matrix, Number, Vector
from .format import evenly_spaced, fmt_array, fmt_num, table
from .iterative import HINT, divergence_text, loss_divergence

SEED_X = "[[1,1],[1,2],[2,2],[2,3]]"
SEED_Y = "6, 8, 9, 11"  # X·[1, 2] + 3
MAX_FRAMES = 200


def run_regression(X, y, **kwargs):
    """mathcore's GD regression with floating-point warnings silenced (divergence is reported)."""
    import numpy as np

    from mathcore import regression

    with np.errstate(all="ignore"):
        return regression.gd_linear_regression(X, y, **kwargs)


DATASETS = ("입력한 X, y", "잡음 섞인 데이터 (n = 20)")
DATASET_FIELD = Choice("dataset", "데이터", DATASETS, help="잡음 데이터는 y = x₁ + 2x₂ + 3 + 잡음 (시드 0)")
_TYPED = ("dataset", (DATASETS[0],))


def _noisy_data(n: int = 20, seed: int = 0):
    import numpy as np

    rng = np.random.default_rng(seed)
    X = rng.uniform(0.0, 2.0, size=(n, 2))
    y = X @ np.array([1.0, 2.0]) + 3.0 + 0.2 * rng.standard_normal(n)
    return X, y


def _data(v: dict):
    if v["dataset"] == DATASETS[1]:
        return _noisy_data()
    X, y = v["X"], v["y"]
    if y.size != X.shape[0]:
        raise InputError(f"y의 개수({y.size})가 X의 행 수({X.shape[0]})와 같아야 합니다.", field="y")
    return X, y


def _coefficients(parsed) -> int:
    X = parsed.get("X")
    return (2 if X is None else X.shape[1]) + 1


def run_regression_to_divergence(X, y, **kwargs):
    """GD regression cut at the first blow-up: (history, mse, ½‖r‖², divergence step or None)."""
    import numpy as np

    result = run_regression(X, y, **kwargs)
    history = np.asarray(result.history, dtype=float)
    mse = np.asarray(result.loss, dtype=float)
    half = 0.5 * np.asarray(X).shape[0] * mse
    stop, step = loss_divergence(half)
    if result.diverged and step is None:
        step = history.shape[0]
    if stop is not None:
        cut = max(stop, 1)
        history, mse, half = history[:cut], mse[:cut], half[:cut]
    return history, mse, half, step


def compute_linreg(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    X, y = _data(v)
    p = X.shape[1] + 1
    init, lr, steps = v["init"], v["lr"], v["steps"]
    history, mse, half, step = run_regression_to_divergence(X, y, lr=lr, steps=steps, init=init, intercept=True)
    upto = history.shape[0]
    exact = np.asarray(linalg.least_squares(X, y, intercept=True), dtype=float)
    names = [f"β{i + 1}" for i in range(p - 1)] + ["절편"]
    lines = [
        f"데이터 X: {X.shape[0]}×{X.shape[1]} (1 열을 붙여 절편까지 {p}개 계수)",
        "손실 L(β) = ½‖y − Xβ‖², 갱신 β ← β + η·Xᵀ(y − Xβ)",
        f"시작 β₀ = {fmt_array(init, 4)},  η = {fmt_num(lr)},  {steps}번 반복",
        "",
    ]
    diverged = step is not None
    if diverged:
        lines.append(divergence_text(step, "손실이", grew=history.shape[0] == steps + 1))
        lines.append("그래프는 발산하기 전까지의 값입니다 (세로축은 로그 눈금).")
    else:
        beta = history[-1]
        lines += [
            "경사하강법 β = " + "  ".join(f"{b:.8f}" for b in beta),
            "유사역행렬 β = " + "  ".join(f"{b:.8f}" for b in exact) + "  (X⁺y)",
            f"두 해의 차이 ‖β_GD − β_pinv‖₂ = {fmt_num(linalg.l2_norm(beta - exact), 3)}",
        ]
    lines.append(f"마지막 손실: L = ½‖y − Xβ‖² = {fmt_num(half[-1], 6)}")
    lines.append(f"평균제곱오차 MSE = {fmt_num(mse[-1], 6)}  (L = n/2 · MSE)")
    lines.append("계수 순서: " + ", ".join(names))

    keep = evenly_spaced(upto, MAX_FRAMES)
    loss = half
    loss_vals = loss[keep]
    positive = loss_vals > 0
    loss_keep = keep
    plots = [
        PlotSpec(
            kind="line", title="반복에 따른 β", xlabel="반복", ylabel="계수 값", xint=True,
            series=[Series(keep.tolist(), history[keep, j].tolist(), label=names[j]) for j in range(p)],
            highlight=(float(keep[-1]), float(history[keep[-1], 0]), "현재 반복"),
        ),
        PlotSpec(
            kind="line", title="반복에 따른 손실 L (로그 눈금)", xlabel="반복", ylabel="½‖y − Xβ‖²", xint=True,
            series=[Series(loss_keep[positive].tolist(), loss_vals[positive].tolist(), label="L(β)")],
            ylog=True,
        ),
    ]
    frames = []
    for k in keep:
        hl = {0: (float(k), float(history[k, 0]))}
        if k < loss.size and loss[k] > 0:
            hl[1] = (float(k), float(loss[k]))
        frames.append(Frame(text=f"반복 {k}: β = " + ", ".join(f"{b:.6f}" for b in history[k]), highlights=hl))
    data = {"beta": history[upto - 1], "history": history, "loss": mse, "mse": mse, "half_sse": half,
            "pinv": exact, "diverged": diverged, "divergence_step": step}
    return PanelResult("\n".join(lines), plots, data, frames)


def _train(X, y, v: dict, size: int, stage: int, progress: Progress):
    """One SGD run (batch ``size``) in chunks of epochs, continuing from the last β, so progress
    and Esc work mid-run: (β, loss curve cut at a blow-up, divergence step or None)."""
    import numpy as np

    from mathcore import regression

    epochs, seed = v["epochs"], v["seed"]
    chunks = max(1, min(10, epochs))
    bounds = [round(epochs * c / chunks) for c in range(chunks + 1)]
    label = "전체 배치 경사하강법" if stage == 0 else "미니배치 SGD"
    beta = None
    losses: list[np.ndarray] = []
    diverged = False
    for c in range(chunks):
        span = bounds[c + 1] - bounds[c]
        if span == 0:
            continue
        with np.errstate(all="ignore"):
            res = regression.sgd_linear_regression(X, y, lr=v["lr"], epochs=span, batch_size=size,
                                                   seed=seed + c, intercept=True, init=beta)
        beta = res.beta
        losses.append(np.asarray(res.loss, dtype=float) if not losses else np.asarray(res.loss, dtype=float)[1:])
        progress.update(stage * epochs + bounds[c + 1], 2 * epochs, f"{label}: 에폭 {bounds[c + 1]}/{epochs}")
        if res.diverged:
            diverged = True
            break
    curve = np.concatenate(losses)
    stop, step = loss_divergence(curve)
    if diverged and step is None:
        step = curve.size
    if stop is not None:
        curve = curve[:max(stop, 1)]
    return np.asarray(beta, dtype=float), curve, step


def _sgd_summary(name: str, run, exact) -> str:
    from mathcore import linalg

    beta, loss, step = run
    if step is not None:
        return f"{name}: 발산 ({step}번째 갱신에서 손실이 한없이 커짐). {HINT}"
    return (f"{name}: β = {fmt_array(beta, 5)}\n"
            f"  마지막 손실 {fmt_num(loss[-1], 5)},  ‖β − β*‖ = {fmt_num(linalg.l2_norm(beta - exact), 3)}")


def compute_sgd(v: dict, progress: Progress | None = None) -> PanelResult:
    import numpy as np

    from mathcore import linalg, regression

    progress = progress or Progress()
    n, noise, epochs, batch, seed = (v[k] for k in ("n", "noise", "epochs", "batch", "seed"))
    if batch > n:
        raise InputError(f"데이터 개수({n})보다 클 수 없습니다.", field="batch")
    if epochs * -(-n // batch) > regression.MAX_UPDATES:
        raise InputError(f"에폭 수 × 배치 수가 너무 많습니다 ({regression.MAX_UPDATES:,} 이하로).", field="epochs")

    X, y = regression.make_linear_data(n, coef=(1.0, 2.0), intercept=3.0, noise=noise, seed=seed,
                                       low=-1.0, high=1.0)
    exact = np.asarray(linalg.least_squares(X, y, intercept=True), dtype=float)
    full = _train(X, y, v, n, 0, progress)
    mini = _train(X, y, v, batch, 1, progress)
    per_epoch = int(np.ceil(n / batch))
    lines = [
        f"데이터 {n}개: y = x₁ + 2x₂ + 3 + 잡음 (표준편차 {fmt_num(noise)}),  시드 {seed}",
        f"최소제곱 해 β* = {fmt_array(exact, 5)}",
        "",
        _sgd_summary("전체 배치 GD", full, exact),
        _sgd_summary(f"미니배치 SGD (배치 {batch})", mini, exact),
        "",
        f"같은 {epochs} 에폭 동안 갱신 횟수: 전체 배치 {epochs}번, 미니배치 {epochs * per_epoch}번.",
        "미니배치 기울기는 전체 기울기의 불편추정량이라 평균적으로 같은 방향이지만, 배치마다 목적함수가 달라져 손실이 출렁입니다.",
    ]
    plots = []
    for title, curve, updates in (("전체 배치 GD의 손실", full[1], 1), ("미니배치 SGD의 손실", mini[1], per_epoch)):
        idx = evenly_spaced(curve.size, 400)
        plots.append(PlotSpec(kind="line", title=title, xlabel="에폭", ylabel="평균제곱오차 (½ 포함)",
                              series=[Series((idx / updates).tolist(), curve[idx].tolist(), label="손실")], ylog=True))
    data = {"full_beta": full[0], "mini_beta": mini[0], "exact": exact,
            "full_loss": full[1], "mini_loss": mini[1], "X": X, "y": y}
    return PanelResult("\n".join(lines), plots, data)


def compute_learning_rate(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    X, y, rates, scale, steps = (v[k] for k in ("X", "y", "rates", "scale", "steps"))
    if y.size != X.shape[0]:
        raise InputError(f"y의 개수({y.size})가 X의 행 수({X.shape[0]})와 같아야 합니다.", field="y")
    if np.any(rates <= 0):
        raise InputError("학습률은 모두 0보다 커야 합니다.", field="rates")

    Xs = X * scale
    exact = np.asarray(linalg.least_squares(Xs, y, intercept=True), dtype=float)
    init = np.zeros(X.shape[1] + 1)
    lines = [
        f"X 배율 {fmt_num(scale)}: L(β) = ½‖y − Xβ‖²에서 β ← β + η·Xᵀ(y − Xβ)를 {steps}번 반복 (시작 β = 0)",
        "발산 판정: β나 손실이 무한대가 되거나 처음의 10⁶배를 넘으면, 또는 손실이 처음보다 커진 채 계속 커지면 발산입니다.",
        f"최소제곱 해 β* = {fmt_array(exact, 5)}",
        "",
    ]
    series, outcomes, rows = [], [], []
    for lr in rates:
        history, _mse, loss, step = run_regression_to_divergence(Xs, y, lr=float(lr), steps=steps, init=init,
                                                                  intercept=True)
        if step is not None:
            status = f"발산 (반복 {step})"
            last, gap = float("inf"), float("inf")
        else:
            gap = float(linalg.l2_norm(history[-1] - exact))
            last = float(loss[-1])
            status = "수렴" if gap < 1e-3 * max(1.0, float(linalg.l2_norm(exact))) else "느림 (덜 수렴)"
        outcomes.append({"lr": float(lr), "status": status, "loss": last, "gap": gap,
                         "steps_ok": history.shape[0] if step is None else step})
        shown = ("—", "—") if step is not None else (fmt_num(last, 4), fmt_num(gap, 4))
        rows.append([fmt_num(lr), status, *shown])
        idx = evenly_spaced(loss.size, 300)
        series.append(Series(idx.tolist(), loss[idx].tolist(), label=f"η = {fmt_num(lr)}"))
    lines += table(["학습률", "결과", "마지막 손실 L", "‖β − β*‖"], rows)
    if any(o["status"].startswith("발산") for o in outcomes):
        lines.append(f"발산한 학습률은 그 반복에서 멈췄습니다. {HINT}")
    lines += [
        "",
        "너무 작으면 느리고, 너무 크면 발산합니다. 알맞은 학습률은 데이터의 크기(배율)에 달려 있어,",
        "X 배율을 10으로 바꾸면 같은 학습률도 발산할 수 있습니다 (\"보통 1e-4\" 같은 값은 규칙이 아닙니다).",
    ]
    plot = PlotSpec(kind="line", title="학습률별 손실 (로그 눈금, 발산한 곡선은 그 지점까지)",
                    xlabel="반복", ylabel="½‖y − Xβ‖²", series=series, ylog=True, xint=True)
    return PanelResult("\n".join(lines), [plot], {"outcomes": outcomes, "exact": exact})


PANELS = [
    Panel(
        id="gd_advanced.linreg",
        title="경사하강법으로 선형회귀",
        lesson="gd_advanced",
        description="β ← β + η·Xᵀ(y − Xβ)를 반복해 계수를 찾고 유사역행렬 해와 비교합니다. n / p / 스페이스로 재생합니다.",
        fields=[
            DATASET_FIELD,
            Matrix("X", "입력 X", SEED_X, when=_TYPED, row_is_column=True, help="한 행이 데이터 하나"),
            Vector("y", "출력 y", SEED_Y, when=_TYPED, help="기본값은 X·[1, 2] + 3"),
            Vector("init", "초기 β₀", "10.1, 15.1, -6.5", length=_coefficients, after=("X",),
                   help="특성 수 + 1개 (마지막이 절편)"),
            Number("lr", "학습률 η", "0.01", low=0.0, low_open=True, high=10.0),
            Integer("steps", "반복 수", "5000", low=1, high=100_000),
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
            Integer("n", "데이터 개수", "1000", low=10, high=100_000),
            Number("noise", "잡음 표준편차", "0.5", low=0.0, high=100.0),
            Number("lr", "학습률 η", "0.1", low=0.0, low_open=True, high=10.0),
            Integer("epochs", "에폭 수", "30", low=1, high=10_000),
            Integer("batch", "미니배치 크기", "32", low=1, high=100_000),
            SEED,
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
            Matrix("X", "입력 X", SEED_X, row_is_column=True),
            Vector("y", "출력 y", SEED_Y),
            Vector("rates", "학습률 목록", "0.001, 0.01, 0.05, 0.08", max_len=8, help="쉼표로 구분, 최대 8개"),
            Number("scale", "X 배율", "1", low=0.0, low_open=True, high=1e4,
                   help="X에 곱하는 수 (데이터 크기가 학습률에 주는 영향)"),
            Integer("steps", "반복 수", "500", low=1, high=50_000),
        ],
        compute=compute_learning_rate,
    ),
]
