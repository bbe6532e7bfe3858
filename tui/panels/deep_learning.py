"""Panels of lesson 05 (deep learning): softmax, activation functions, a trained MLP."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Progress, Series
from .fields import SEED, Choice, Integer, Number, Vector
from .format import fmt_array, fmt_num, table as text_table
from .iterative import divergence_text, loss_divergence


def compute_softmax(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import nn

    logits, label = v["o"], v["label"]
    if label >= logits.size:
        raise InputError(f"0 이상 {logits.size - 1} 이하여야 합니다 (클래스 {logits.size}개, 입력: {label}).",
                         field="label")
    probs = np.asarray(nn.softmax(logits), dtype=float)
    onehot = np.asarray(nn.one_hot_argmax(logits), dtype=float)
    ce = float(nn.cross_entropy(logits.reshape(1, -1), np.array([label])))
    shifted = logits - logits.max()
    lines = [
        f"o = {fmt_array(logits, 6)}",
        f"안정화: o − max(o) = {fmt_array(shifted, 6)}  (결과는 같고 exp가 넘치지 않습니다)",
        f"softmax(o) = {fmt_array(probs, 6)}",
        f"합계 = {fmt_num(probs.sum(), 10)}",
        f"argmax 원-핫 = {fmt_array(onehot, 0)}  (클래스 {int(np.argmax(onehot))})",
        f"정답 클래스 {label}의 확률 = {fmt_num(probs[label], 6)}",
        f"교차 엔트로피 −log p[{label}] = {fmt_num(ce, 6)}",
        "",
        "softmax는 단조 증가라 가장 큰 출력의 위치가 바뀌지 않습니다: 추론에서 클래스만 필요하면 argmax만으로 충분합니다.",
    ]
    classes = [str(i) for i in range(logits.size)]
    plot = PlotSpec(kind="bar", title="softmax 확률", xlabel="클래스", ylabel="확률", ylim=(0.0, 1.0),
                    series=[Series(classes, probs.tolist(), label="확률")])
    data = {"softmax": probs, "one_hot": onehot, "cross_entropy": ce}
    return PanelResult("\n".join(lines), [plot], data)


ACTIVATIONS = ("전체", "sigmoid", "tanh", "ReLU")
ACT_FIELD = Choice("which", "활성함수", ACTIVATIONS)


def compute_activations(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import nn

    low, high, points, which = v["low"], v["high"], v["points"], v["which"]
    if high <= low:
        raise InputError("구간 끝이 시작보다 커야 합니다.", field="high")
    table = {
        "sigmoid": (nn.sigmoid, nn.sigmoid_grad),
        "tanh": (nn.tanh, nn.tanh_grad),
        "ReLU": (nn.relu, nn.relu_grad),
    }
    chosen = list(table) if which == "전체" else [which]
    grid = np.linspace(low, high, 201)
    f_series, g_series = [], []
    data: dict = {}
    for name in chosen:
        f, g = table[name]
        f_series.append(Series(grid.tolist(), np.asarray(f(grid), dtype=float).tolist(), label=name))
        g_series.append(Series(grid.tolist(), np.asarray(g(grid), dtype=float).tolist(), label=name + "'"))
        data[name] = np.asarray(f(points), dtype=float)
        data[name + "_grad"] = np.asarray(g(points), dtype=float)
    header = ["점"] + [label for name in chosen for label in (name, name + "'")]
    rows = [[fmt_num(p)] + [fmt_num(data[key][i], 5) for name in chosen for key in (name, name + "_grad")]
            for i, p in enumerate(points)]
    lines = text_table(header, rows)
    lines += [
        "",
        "활성함수는 성분마다 따로 적용되는 비선형 함수입니다. 비선형성이 없으면 층을 아무리 쌓아도 하나의 선형사상이 됩니다.",
        "sigmoid와 tanh는 입력이 크면 기울기가 0에 가까워지고(포화), ReLU는 양수 구간에서 기울기가 항상 1입니다.",
    ]
    plots = [
        PlotSpec(kind="line", title="활성함수", xlabel="x", ylabel="σ(x)", series=f_series),
        PlotSpec(kind="line", title="활성함수의 도함수", xlabel="x", ylabel="σ'(x)", series=g_series),
    ]
    return PanelResult("\n".join(lines), plots, data)


DATASETS = ("XOR", "나선 2개 (spiral)")
DATASET_FIELD = Choice("dataset", "데이터", DATASETS)
MLP_ACTS = ("tanh", "relu", "sigmoid")
MLP_ACT_FIELD = Choice("activation", "활성함수", MLP_ACTS)


def make_dataset(which: str, seed: int):
    """XOR's four corners, or two interleaved spirals (mathcore's generators)."""
    from mathcore import nn

    if which == "XOR":
        return nn.make_xor()
    return nn.make_spiral(n_per_class=50, classes=2, noise=0.15, seed=seed)


def gradient_check(model, X, labels):
    """Largest relative gap between backprop and central finite differences over all weights."""
    import numpy as np

    _, dweights, dbiases = model.loss_and_gradients(X, labels)
    nweights, nbiases = model.numerical_gradients(X, labels, eps=1e-6)
    worst = 0.0
    count = 0
    for analytic, numeric in zip(list(dweights) + list(dbiases), list(nweights) + list(nbiases)):
        a, b = np.asarray(analytic, dtype=float), np.asarray(numeric, dtype=float)
        gap = np.abs(a - b) / np.maximum(1e-7, np.abs(a) + np.abs(b))
        worst = max(worst, float(gap.max()))
        count += a.size
    return worst, count


def _fit(model, X, labels, lr: float, epochs: int, progress: Progress):
    """Train in chunks (progress and Esc work mid-run), stopping at a blow-up:
    (losses before it, divergence line or None)."""
    import numpy as np

    chunk = max(1, min(200, epochs // 20 or 1))
    losses: list[float] = []
    progress.update(0, epochs, "학습 시작")
    done = 0
    blown_at = None
    while done < epochs:
        step = min(chunk, epochs - done)
        with np.errstate(all="ignore"):
            try:
                losses.extend(np.asarray(model.fit(X, labels, lr=lr, epochs=step), dtype=float).tolist())
            except InputError:  # the loss became non-finite inside this chunk
                blown_at = done + 1
                break
        done += step
        progress.update(done, epochs, f"에폭 {done}/{epochs}")
        if loss_divergence(losses)[0] is not None:
            break
    stop, diverged_at = loss_divergence(losses)
    if stop is not None:
        losses = losses[:max(stop, 1)]
    diverged_at = diverged_at if diverged_at is not None else blown_at
    if not losses:
        raise InputError(divergence_text(blown_at or 1, "손실이"), field="lr")
    note = None
    if diverged_at is not None:
        note = divergence_text(diverged_at, "손실이", grew=stop is None and blown_at is None)
    return np.asarray(losses), note


def _mlp_plots(model, X, labels, losses_arr) -> list[PlotSpec]:
    """The loss curve and the decision regions on a 60×30 grid around the data."""
    import numpy as np

    lo = X.min(axis=0) - 0.3
    hi = X.max(axis=0) + 0.3
    gx, gy = np.meshgrid(np.linspace(lo[0], hi[0], 60), np.linspace(lo[1], hi[1], 30))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    region = np.argmax(np.asarray(model.forward(grid)), axis=1)
    region_series = [
        Series(grid[region == k, 0].tolist(), grid[region == k, 1].tolist(), label=f"영역 {k}",
               kind="scatter", marker="dot")
        for k in (0, 1)
    ]
    point_series = [
        Series(X[labels == k, 0].tolist(), X[labels == k, 1].tolist(), label=f"클래스 {k}", kind="scatter")
        for k in (0, 1)
    ]
    ok = np.isfinite(losses_arr)
    return [
        PlotSpec(kind="line", title="에폭별 손실", xlabel="에폭", ylabel="교차 엔트로피", xint=True,
                 series=[Series(np.flatnonzero(ok).tolist(), losses_arr[ok].tolist(), label="손실")]),
        PlotSpec(kind="scatter", title="결정 영역", xlabel="x₁", ylabel="x₂",
                 series=region_series + point_series,
                 xlim=(float(lo[0]), float(hi[0])), ylim=(float(lo[1]), float(hi[1]))),
    ]


def compute_mlp(v: dict, progress: Progress | None = None) -> PanelResult:
    import numpy as np

    from mathcore import nn

    which, hidden, activation, lr, epochs, seed = (
        v[k] for k in ("dataset", "hidden", "activation", "lr", "epochs", "seed"))
    X, labels = make_dataset(which, seed)
    model = nn.MLP([2, hidden, 2], activation=activation, seed=seed)
    losses_arr, note = _fit(model, X, labels, lr, epochs, progress or Progress())
    predicted = np.argmax(np.asarray(model.forward(X)), axis=1)
    accuracy = float(np.mean(predicted == labels))
    worst, checked = gradient_check(model, X, labels)
    final = losses_arr[-1] if losses_arr.size else float("nan")
    lines = [
        f"데이터: {which} ({X.shape[0]}개),  구조 2 → {hidden} ({activation}) → 2 (softmax)",
        f"학습률 η = {fmt_num(lr)},  {epochs} 에폭,  시드 {seed}",
        "",
        f"손실: 처음 {fmt_num(losses_arr[0], 5)} → 마지막 {fmt_num(final, 5)}",
        f"정확도 {accuracy * 100:.1f}%",
        f"기울기 검사: 역전파와 중앙 차분을 매개변수 {checked}개 모두에서 비교한 최대 상대 오차 {fmt_num(worst, 3)}"
        + (" (일치)" if worst < 1e-4 else " (차이가 큽니다)"),
    ]
    if note is not None:
        lines.append(note)
    data = {"loss": losses_arr, "accuracy": accuracy, "gradient_check": worst, "model": model}
    return PanelResult("\n".join(lines), _mlp_plots(model, X, labels, losses_arr), data)


PANELS = [
    Panel(
        id="deep_learning.softmax",
        title="소프트맥스와 교차 엔트로피",
        lesson="deep_learning",
        description="출력 벡터를 확률로 바꾸고, argmax 원-핫과 정답 클래스의 교차 엔트로피를 계산합니다.",
        fields=[
            Vector("o", "출력 o (로짓)", "3, 1, 0.2", min_len=2, max_len=50,
                   help="쉼표로 구분 (예: 1000, 999, 998도 안정적으로 계산)"),
            Integer("label", "정답 클래스", "0", low=0, high=49, help="0부터 시작하는 번호"),
        ],
        compute=compute_softmax,
    ),
    Panel(
        id="deep_learning.activations",
        title="활성함수와 도함수",
        lesson="deep_learning",
        description="sigmoid, tanh, ReLU와 그 도함수를 그리고 몇 점에서 값을 보여 줍니다.",
        fields=[
            ACT_FIELD,
            Number("low", "구간 시작", "-5", low=-1e3, high=1e3),
            Number("high", "구간 끝", "5", low=-1e3, high=1e3),
            Vector("points", "값을 볼 점", "-2, 0, 2", max_len=10),
        ],
        compute=compute_activations,
    ),
    Panel(
        id="deep_learning.mlp",
        title="2층 신경망(MLP) 학습",
        lesson="deep_learning",
        description="XOR이나 나선 데이터에 2층 MLP를 역전파로 학습시키고, 결정 영역과 기울기 검사를 보여 줍니다. Esc로 중단합니다.",
        fields=[
            DATASET_FIELD,
            Integer("hidden", "은닉 유닛 수", "8", low=1, high=256),
            MLP_ACT_FIELD,
            Number("lr", "학습률 η", "0.5", low=0.0, low_open=True, high=100.0),
            Integer("epochs", "에폭 수", "2000", low=1, high=100_000),
            SEED,
        ],
        compute=compute_mlp,
        long_running=True,
    ),
]
