"""Question generators for lesson 10 (RNN): hidden states, gradient decay, global-norm clipping."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, equals, factor, matrix, nested, numeric, relation, vector


# Numbers in this lesson's prompts: integers bare, others with at most four decimals.
_num = partial(compact, spec=".4f")
_term = partial(factor, fmt=_num)  # a number after an operator: negatives in parentheses
_vec = partial(vector, fmt=_num)
_nested = partial(nested, fmt=_num)


@generator("rnn.hidden_state")
def hidden_state_question(rng, params: dict) -> Generated:
    """h_T of a scalar RNN h_t = tanh(w_x x_t + w_h h_{t-1} + b), h_0 = 0."""
    import numpy as np

    from mathcore import rnn

    steps = int(params.get("steps", rng.choice([2, 3])))
    while True:
        w_x = float(rng.choice([0.5, 1.0, 1.5, -1.0, 2.0]))
        w_h = float(rng.choice([-0.5, 0.3, 0.5, 0.8]))
        b = float(rng.choice([-0.2, 0.0, 0.1, 0.3]))
        x = rng.integers(-2, 3, size=steps).astype(float)
        H = np.asarray(rnn.rnn_forward(x.reshape(-1, 1), np.array([[w_x]]), np.array([[w_h]]),
                                       np.array([b])), dtype=float).reshape(-1)
        if abs(H[-1]) > 0.05:  # keep the key clear of zero so a wrong answer cannot pass
            break
    lines = []
    h_prev = 0.0
    for t, (x_t, h_t) in enumerate(zip(x, H), start=1):
        pre = w_x * x_t + w_h * h_prev + b
        lines.append(
            f"$h_{t} = \\tanh({_num(w_x)} \\cdot {_term(x_t)} + {_term(w_h)} \\cdot {_term(h_prev)} + {_term(b)}) "
            f"= \\tanh({_num(pre)}) {equals(h_t, 4, _num)}$"
        )
        h_prev = h_t
    prompt = (
        f"스칼라 RNN $h_t = \\tanh(w_x x_t + w_h h_{{t-1}} + b)$에서 $w_x = {_num(w_x)}$, $w_h = {_num(w_h)}$, "
        f"$b = {_num(b)}$, $h_0 = 0$이고 입력 시퀀스는 $x = {_vec(x)}$입니다. "
        f"$h_{steps}$를 소수 넷째 자리까지 구하세요."
    )
    explanation = ("시점 순서대로 같은 가중치를 적용합니다. " + ", ".join(lines) + ". "
                   "이전 상태가 $w_h$를 거쳐 다음 식에 들어가므로, 마지막 상태에는 앞선 입력이 모두 반영됩니다.")
    wrong = []
    if steps > 1 and abs(H[-2] - H[-1]) > 1e-3:
        wrong.append({"answer": _num(H[-2]),
                      "message": f"그건 $h_{steps - 1}$입니다. 한 시점 더 진행하세요."})
    return numeric(prompt, float(H[-1]), explanation, tolerance=5e-4, wrong_answers=wrong,
                   hints=["h₁ = tanh(w_x·x₁ + b)부터 시작해 이전 상태를 다음 식에 넣으세요.",
                          "가중치는 모든 시점에서 같습니다."])


_SHAPES = (
    ("회전", lambda r: [[0.0, -r], [r, 0.0]]),
    ("교환", lambda r: [[0.0, r], [r, 0.0]]),
    ("대각", lambda r: [[r, 0.0], [0.0, -r]]),
)
_START = ((3.0, 4.0), (6.0, 8.0), (5.0, 12.0), (0.0, 2.0), (1.0, 0.0))


@generator("rnn.gradient_decay")
def gradient_decay_question(rng, params: dict) -> Generated:
    """‖∂L/∂H_{T−k}‖ in a linear RNN whose W_h is ρ times an orthogonal matrix."""
    from mathcore import linalg

    rho = float(rng.choice([0.5, 0.8, 0.9, 1.1, 1.2, 1.5]))
    k = int(rng.integers(2, 9))
    _, make = _SHAPES[int(rng.integers(len(_SHAPES)))]
    W = make(rho)
    g_T = list(_START[int(rng.integers(len(_START)))])
    # Backpropagate k steps: ∂L/∂H_{t-1} = ∂L/∂H_t · W_hᵀ (linear RNN, row vectors).
    W_T = linalg.transpose(W)
    g = [g_T]
    for _ in range(k):
        g = linalg.matmul(g, W_T).tolist()
    norm_T = linalg.l2_norm(g_T)
    answer = float(linalg.l2_norm(g[0]))
    prompt = (
        f"선형 RNN $H_t = H_{{t-1}} W_h$ (활성함수 없음)에서 $W_h$의 행이 {_vec(W[0])}, {_vec(W[1])}입니다. "
        f"마지막 시점의 그래디언트가 $\\partial L / \\partial H_T = {_vec(g_T)}$일 때, "
        f"{k}걸음 거슬러 올라간 $\\lVert \\partial L / \\partial H_{{T-{k}}} \\rVert_2$를 소수 넷째 자리까지 구하세요."
    )
    kind = "소실" if rho < 1 else "폭주"
    explanation = (
        f"한 걸음마다 $\\partial L / \\partial H_{{t-1}} = \\partial L / \\partial H_t \\, W_h^\\top$입니다. "
        f"이 $W_h$는 직교행렬의 ${_num(rho)}$배라 모든 벡터의 길이를 정확히 ${_num(rho)}$배로 바꿉니다(스펙트럼 반지름 ${_num(rho)}$). "
        f"따라서 ${_num(norm_T)} \\times {_num(rho)}^{{{k}}} {equals(answer, 4, _num)}$이고, "
        f"끝의 그래디언트는 $\\partial L / \\partial H_{{T-{k}}} {relation(g[0])} {_vec(g[0])}$입니다. "
        f"$\\rho {'<' if rho < 1 else '>'} 1$이라 거리에 따라 지수적으로 {kind}합니다."
    )
    wrong = [{"answer": _num(norm_T * rho * k),
              "message": "배율은 걸음 수만큼 곱해집니다(거듭제곱). ρ에 k를 곱하면 안 됩니다."}]
    return numeric(prompt, answer, explanation, tolerance=5e-4, wrong_answers=wrong,
                   hints=["한 걸음에 그래디언트에 W_hᵀ가 한 번 곱해집니다.",
                          "이 W_h는 모든 벡터의 길이를 같은 배율로 바꿉니다. 그 배율을 k번 곱하세요."])


@generator("rnn.clip_global_norm")
def clip_global_norm_question(rng, params: dict) -> Generated:
    """Clip two gradient vectors by their global norm."""
    import numpy as np

    from mathcore import rnn

    theta = float(rng.choice([1.0, 2.0, 5.0]))
    while True:
        g1 = rng.integers(-6, 7, size=2).astype(float)
        g2 = rng.integers(-6, 7, size=2).astype(float)
        total = float(np.sqrt(np.sum(g1 ** 2) + np.sum(g2 ** 2)))
        if total > theta * 1.2 and g1.any() and g2.any():
            break
    clipped = [np.asarray(c, dtype=float) for c in rnn.clip_gradients([g1, g2], theta)]
    answer = np.vstack(clipped)
    scale = theta / total
    prompt = (
        f"두 파라미터의 그래디언트가 $g_1 = {_vec(g1)}$, $g_2 = {_vec(g2)}$입니다. "
        f"전역 노름 문턱 $\\theta = {_num(theta)}$로 클리핑한 결과를 첫 행이 $g_1$, 둘째 행이 $g_2$인 "
        "2×2 행렬 `[[a, b], [c, d]]`로 입력하세요(소수 넷째 자리까지)."
    )
    explanation = (
        f"전역 노름은 네 성분을 모두 모아 $\\sqrt{{{_num(np.sum(g1 ** 2) + np.sum(g2 ** 2))}}} {equals(total, 4, _num)}$이고 "
        f"문턱 ${_num(theta)}$보다 크므로 배율(${_num(theta)} / {_num(total)} {equals(scale, 4, _num)}$)을 "
        f"모든 성분에 곱합니다: {'' if relation(answer) == '=' else '약 '}{_nested(answer)}. 같은 배율을 곱하므로 방향은 그대로입니다."
    )
    unclipped = np.vstack([g1, g2])
    per_tensor = np.vstack([g * min(1.0, theta / float(np.linalg.norm(g))) for g in (g1, g2)])
    wrong = [{"answer": _nested(unclipped),
              "message": "전역 노름이 문턱보다 크므로 클리핑해야 합니다."}]
    # When no single tensor exceeds θ, clipping per tensor changes nothing: that is the
    # unclipped answer above, which already has its message.
    if not np.allclose(per_tensor, answer, atol=1e-3) and not np.allclose(per_tensor, unclipped):
        wrong.append({"answer": _nested(per_tensor),
                      "message": "텐서마다 따로 잘랐습니다. 전역 노름 하나로 모두 같은 비율로 줄여야 합니다."})
    return matrix(prompt, answer.round(6).tolist(), explanation, tolerance=5e-4, wrong_answers=wrong,
                  hints=["전역 노름은 g₁, g₂의 성분 네 개 제곱합의 제곱근입니다.",
                         "배율 min(1, θ / 전역 노름)을 모든 성분에 곱하세요."])
