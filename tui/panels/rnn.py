"""Panels of lesson 10 (RNN): hidden states of a small RNN, vanishing/exploding gradients."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import SEED, Choice, Integer, Matrix, Vector
from .format import fmt_array, fmt_num, shape_text, table


def _hidden(parsed) -> int:
    W_x = parsed.get("W_x")
    return 0 if W_x is None else W_x.shape[1]


def compute_forward(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import rnn

    X, W_x, W_h, b, h0, W_o = (v[k] for k in ("X", "W_x", "W_h", "b", "h0", "W_o"))
    T, d = X.shape
    if W_x.shape[0] != d:
        raise InputError(f"행 수가 입력 차원 {d}와 같아야 합니다 (입력: {shape_text(W_x)}).", field="W_x")
    h = W_x.shape[1]
    if W_h.shape != (h, h):
        raise InputError(f"{h}×{h} 행렬이어야 합니다 (입력: {shape_text(W_h)}).", field="W_h")
    if W_o.shape[0] == 1 and h > 1 and W_o.shape[1] == h:
        W_o = W_o.T
    if W_o.shape[0] != h:
        raise InputError(f"행 수가 은닉 차원 {h}와 같아야 합니다 (입력: {shape_text(W_o)}).", field="W_o")
    H = np.asarray(rnn.rnn_forward(X, W_x, W_h, b, h0=h0), dtype=float)
    with np.errstate(all="ignore"):
        O = H @ W_o
    lines = [
        "Hₜ = tanh(Xₜ W_X + Hₜ₋₁ W_H + b),   Oₜ = Hₜ W_O",
        f"X: {shape_text(X)} (길이 T = {T}, 입력 차원 {d}),  은닉 차원 {h}",
        "모든 시점이 같은 W_X, W_H, b를 씁니다 (가중치 공유).",
        "",
    ]
    rows = [[str(t + 1), fmt_array(X[t], 3), fmt_array(H[t], 4), fmt_array(O[t], 4)] for t in range(T)]
    lines += table(["t", "Xₜ", "Hₜ", "Oₜ"], rows)
    lines += ["", f"마지막 상태 H_T = {fmt_array(H[-1], 6)} 가 지금까지의 시퀀스를 요약합니다."]
    steps = list(range(1, T + 1))
    plot = PlotSpec(kind="line", title="시점별 은닉 상태", xlabel="시점 t", ylabel="Hₜ의 성분", xint=True,
                    series=[Series(steps, H[:, j].tolist(), label=f"h{j + 1}") for j in range(min(h, 6))])
    return PanelResult("\n".join(lines), [plot], {"H": H, "O": O})


BPTT_MODELS = ("선형 RNN", "tanh RNN")
BPTT_MODEL_FIELD = Choice("model", "모델", BPTT_MODELS,
                          help="선형: Hₜ = Hₜ₋₁W_H, tanh: 무작위 입력으로 실제 궤적을 따라 계산")


def compute_bptt(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import rnn

    radii, T, size, trunc, seed, model = (v[k] for k in ("radii", "T", "hidden", "truncate", "seed", "model"))
    if np.any(radii <= 0) or np.any(radii > 10):
        raise InputError("0보다 크고 10 이하인 값들을 입력하세요.", field="radii")
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
    ]
    rows = []
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
        rows.append([fmt_num(r), pick(1), pick(trunc), pick(T - 1)])
        ok = np.isfinite(norms) & (norms > 0)
        series.append(Series(distances[ok].tolist(), norms[ok].tolist(), label=f"r = {fmt_num(r)}"))
    lines += table(["r", "거리 1", f"거리 {min(trunc, T - 1)}", f"거리 {T - 1}"], rows)
    lines += [
        "",
        "r < 1 이면 거리가 멀어질수록 기울기가 지수적으로 사라지고(소실), r > 1 이면 커질 수 있습니다(폭주).",
        f"잘라낸 BPTT(k = {trunc})는 거리 {trunc}보다 먼 과거로는 기울기를 보내지 않아 계산을 줄이고 폭주를 막지만,",
        "그만큼 먼 의존성은 배우지 못합니다. 이 한계 때문에 LSTM, GRU, 어텐션이 나왔습니다.",
    ]
    plot = PlotSpec(kind="line", title="시간 거리에 따른 기울기 크기 (로그 눈금)", xlabel="거리 T − t",
                    ylabel="‖∂H_T/∂Hₜ‖", series=series, ylog=True, vlines=[float(trunc)], xint=True)
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="rnn.forward",
        title="RNN의 순전파",
        lesson="rnn",
        description="입력 시퀀스를 넣어 시점마다 은닉 상태 Hₜ와 출력 Oₜ를 계산합니다.",
        fields=[
            Matrix("X", "입력 시퀀스 X", "1, 0.5, -1, 0, 2", row_is_column=True, max_rows=200, max_cols=16,
                   help="한 행이 한 시점 (스칼라면 쉼표로 나열)"),
            Matrix("W_x", "입력 가중치 W_X", "[[0.5, -0.3]]", max_cols=16, help="입력 차원 × 은닉 차원"),
            Matrix("W_h", "순환 가중치 W_H", "[[0.8, 0.1],[-0.2, 0.7]]", help="은닉 차원 × 은닉 차원"),
            Vector("b", "편향 b", "0, 0.1", length=_hidden, after=("W_x",)),
            Vector("h0", "초기 상태 H₀", "", optional=True, length=_hidden, after=("W_x",), help="비워 두면 0"),
            Matrix("W_o", "출력 가중치 W_O", "1; -1", max_cols=16, help="은닉 차원 × 출력 차원"),
        ],
        compute=compute_forward,
        arg_fields={"W_x": "W_x", "W_h": "W_h", "b": "b", "h0": "h0", "X": "X"},
    ),
    Panel(
        id="rnn.bptt",
        title="BPTT와 기울기 소실·폭주",
        lesson="rnn",
        description="W_H의 스펙트럼 반지름에 따라 기울기 크기가 시간 거리에 따라 어떻게 변하는지 그리고, 잘라낸 BPTT를 설명합니다.",
        fields=[
            Vector("radii", "스펙트럼 반지름 목록", "0.5, 0.9, 1.0, 1.5", max_len=6),
            Integer("T", "시퀀스 길이 T", "40", low=2, high=500),
            Integer("hidden", "은닉 차원", "8", low=1, high=64),
            Integer("truncate", "잘라내기 길이 k", "10", low=1, high=500),
            SEED,
            BPTT_MODEL_FIELD,
        ],
        compute=compute_bptt,
    ),
]
