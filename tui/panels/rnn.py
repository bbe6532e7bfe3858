"""Panels of lesson 10 (RNN): hidden states of a small RNN, vanishing/exploding gradients."""

from __future__ import annotations

from mathcore import InputError

from . import Field, Panel, PanelResult, PlotSpec, Series
from ._inputs import choice, fail, fmt_array, fmt_num, integer, is_blank, matrix, shape_text, vector


def _sequence(values: dict[str, str]):
    X = matrix(values, "X", "입력 시퀀스 X")
    if X.shape[0] == 1 and X.shape[1] > 1:
        X = X.T  # "1, 0, -1" typed on one line is a sequence of scalars
    return X


def compute_forward(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import linalg, rnn

    X = _sequence(values)
    T, d = X.shape
    W_x = matrix(values, "W_x", "입력 가중치 W_X")
    if W_x.shape[0] != d:
        raise fail("W_x", "입력 가중치 W_X", f"행 수가 입력 차원 {d}와 같아야 합니다 (입력: {shape_text(W_x)}).")
    h = W_x.shape[1]
    W_h = matrix(values, "W_h", "순환 가중치 W_H")
    if W_h.shape != (h, h):
        raise fail("W_h", "순환 가중치 W_H", f"{h}×{h} 행렬이어야 합니다 (입력: {shape_text(W_h)}).")
    b = vector(values, "b", "편향 b", length=h)
    h0 = None if is_blank(values, "h0") else vector(values, "h0", "초기 상태 H₀", length=h)
    W_o = matrix(values, "W_o", "출력 가중치 W_O")
    if W_o.shape[0] == 1 and h > 1 and W_o.shape[1] == h:
        W_o = W_o.T
    if W_o.shape[0] != h:
        raise fail("W_o", "출력 가중치 W_O", f"행 수가 은닉 차원 {h}와 같아야 합니다 (입력: {shape_text(W_o)}).")

    try:
        H = np.asarray(rnn.rnn_forward(X, W_x, W_h, b, h0=h0), dtype=float)
    except InputError as err:
        raise fail("X", "입력 시퀀스 X", getattr(err, "message", str(err))) from None
    O = np.asarray(linalg.matmul(H, W_o), dtype=float)
    lines = [
        "Hₜ = tanh(Xₜ W_X + Hₜ₋₁ W_H + b),   Oₜ = Hₜ W_O",
        f"X: {shape_text(X)} (길이 T = {T}, 입력 차원 {d}),  은닉 차원 {h}",
        "모든 시점이 같은 W_X, W_H, b를 씁니다 (가중치 공유).",
        "",
        "t    Xₜ                Hₜ                          Oₜ",
    ]
    for t in range(T):
        lines.append(f"{t + 1:<4} {fmt_array(X[t], 3):<17} {fmt_array(H[t], 4):<27} {fmt_array(O[t], 4)}")
    lines += ["", f"마지막 상태 H_T = {fmt_array(H[-1], 6)} 가 지금까지의 시퀀스를 요약합니다."]
    steps = list(range(1, T + 1))
    plot = PlotSpec(kind="line", title="시점별 은닉 상태", xlabel="시점 t", ylabel="Hₜ의 성분",
                    series=[Series(steps, H[:, j].tolist(), label=f"h{j + 1}") for j in range(min(h, 6))])
    return PanelResult("\n".join(lines), [plot], {"H": H, "O": O})


BPTT_MODELS = ("선형 RNN", "tanh RNN")
BPTT_MODEL_FIELD = Field("model", "모델", BPTT_MODELS[0], choices=BPTT_MODELS,
                         help="선형: Hₜ = Hₜ₋₁W_H, tanh: 무작위 입력으로 실제 궤적을 따라 계산")


def compute_bptt(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import rnn

    radii = vector(values, "radii", "스펙트럼 반지름 목록", max_len=6)
    if np.any(radii <= 0) or np.any(radii > 10):
        raise fail("radii", "스펙트럼 반지름 목록", "0보다 크고 10 이하인 값들을 입력하세요.")
    T = integer(values, "T", "시퀀스 길이 T", low=2, high=500)
    size = integer(values, "hidden", "은닉 차원", low=1, high=64)
    trunc = integer(values, "truncate", "잘라내기 길이 k", low=1, high=500)
    seed = integer(values, "seed", "난수 시드", low=0, high=2**32 - 1)
    model = choice(values, BPTT_MODEL_FIELD)
    linear = model == BPTT_MODELS[0]
    if linear:
        extra: dict = {}
        jacobian = "선형 RNN에서 ∂Hₛ/∂Hₛ₋₁ = W_H 이므로 ‖∂H_T/∂Hₜ‖ = ‖W_H^(T−t)‖ ≈ r^(T−t) 입니다."
    else:
        rng = np.random.default_rng(seed + 1)
        extra = {"X": rng.standard_normal((T, 1)), "W_x": 0.5 * rng.standard_normal((1, size))}
        jacobian = "tanh RNN에서 ∂Hₛ/∂Hₛ₋₁ = W_H·diag(1 − Hₛ²): tanh의 기울기(≤ 1)가 곱해져 더 빨리 줄어듭니다."

    lines = [
        jacobian,
        f"W_H: 스펙트럼 반지름이 r이 되도록 조정한 무작위 행렬 (시드 {seed}),  은닉 차원 {size},  T = {T}",
        "",
        "r        거리 1          거리 " + f"{min(trunc, T - 1):<10} 거리 {T - 1}",
    ]
    series = []
    data: dict = {}
    for r in radii:
        W_h = rnn.random_recurrent_matrix(size, float(r), seed=seed)
        with np.errstate(all="ignore"):
            norms = np.asarray(rnn.gradient_norms_through_time(W_h, T, **extra), dtype=float).reshape(-1)
        # norms[0] is t = T (distance 0) ... norms[-1] is t = 1 (distance T - 1).
        distances = np.arange(norms.size)
        data[float(r)] = norms
        pick = lambda k: fmt_num(norms[min(k, norms.size - 1)], 4)  # noqa: E731
        lines.append(f"{fmt_num(r):<8} {pick(1):<15} {pick(trunc):<15} {pick(T - 1)}")
        ok = np.isfinite(norms) & (norms > 0)
        series.append(Series(distances[ok].tolist(), norms[ok].tolist(), label=f"r = {fmt_num(r)}"))
    lines += [
        "",
        "r < 1 이면 거리가 멀어질수록 기울기가 지수적으로 사라지고(소실), r > 1 이면 커질 수 있습니다(폭주).",
        f"잘라낸 BPTT(k = {trunc})는 거리 {trunc}보다 먼 과거로는 기울기를 보내지 않아 계산을 줄이고 폭주를 막지만,",
        "그만큼 먼 의존성은 배우지 못합니다. 이 한계 때문에 LSTM, GRU, 어텐션이 나왔습니다.",
    ]
    plot = PlotSpec(kind="line", title="시간 거리에 따른 기울기 크기 (로그 눈금)", xlabel="거리 T − t",
                    ylabel="‖∂H_T/∂Hₜ‖", series=series, ylog=True, vlines=[float(trunc)])
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="rnn.forward",
        title="RNN의 순전파",
        lesson="rnn",
        description="입력 시퀀스를 넣어 시점마다 은닉 상태 Hₜ와 출력 Oₜ를 계산합니다.",
        fields=[
            Field("X", "입력 시퀀스 X", "1, 0.5, -1, 0, 2", help="한 행이 한 시점 (스칼라면 쉼표로 나열)"),
            Field("W_x", "입력 가중치 W_X", "[[0.5, -0.3]]", help="입력 차원 × 은닉 차원"),
            Field("W_h", "순환 가중치 W_H", "[[0.8, 0.1],[-0.2, 0.7]]", help="은닉 차원 × 은닉 차원"),
            Field("b", "편향 b", "0, 0.1"),
            Field("h0", "초기 상태 H₀", "", help="비워 두면 0"),
            Field("W_o", "출력 가중치 W_O", "1; -1", help="은닉 차원 × 출력 차원"),
        ],
        compute=compute_forward,
    ),
    Panel(
        id="rnn.bptt",
        title="BPTT와 기울기 소실·폭주",
        lesson="rnn",
        description="W_H의 스펙트럼 반지름에 따라 기울기 크기가 시간 거리에 따라 어떻게 변하는지 그리고, 잘라낸 BPTT를 설명합니다.",
        fields=[
            Field("radii", "스펙트럼 반지름 목록", "0.5, 0.9, 1.0, 1.5"),
            Field("T", "시퀀스 길이 T", "40"),
            Field("hidden", "은닉 차원", "8"),
            Field("truncate", "잘라내기 길이 k", "10"),
            Field("seed", "난수 시드", "0"),
            BPTT_MODEL_FIELD,
        ],
        compute=compute_bptt,
    ),
]
