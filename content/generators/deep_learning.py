"""Question generators for lesson 05 (deep_learning): softmax, cross-entropy, a ReLU layer."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, draw_until, equals, matrix, numeric, relation, rows, vector


_vec = partial(vector, fmt=compact)
_f4 = "{:.4f}".format


def _logits(rng, size: int = 3):
    """Small integer logits with a unique maximum (so the argmax is unambiguous)."""
    return draw_until(lambda: rng.integers(-2, 4, size=size).astype(float), lambda o: (o == o.max()).sum() == 1)


@generator("deep_learning.softmax_prob")
def softmax_prob(rng, params: dict) -> Generated:
    """One component of softmax of three integer logits (mathcore.nn.softmax)."""
    import numpy as np

    from mathcore import nn

    o = _logits(rng)
    k = int(rng.integers(0, 3))
    p = np.asarray(nn.softmax(o), dtype=float)
    key = float(p[k])
    exps = " + ".join(f"e^{{{compact(v)}}}" for v in o)
    prompt = (
        f"로짓 $\\mathbf{{o}} = {_vec(o)}$에 소프트맥스를 적용했을 때 {k + 1}번째 성분 "
        f"$\\operatorname{{softmax}}(\\mathbf{{o}})_{k + 1}$은? (소수 셋째 자리까지, 또는 `exp`를 쓴 식으로)"
    )
    explanation = (
        f"$\\operatorname{{softmax}}(\\mathbf{{o}})_{k + 1} = e^{{{compact(o[k])}}} / ({exps}) "
        f"{equals(key, 4, _f4)}$입니다. 전체 확률 벡터는 "
        f"$({', '.join(f'{v:.4f}' for v in p)})$이고 합은 1입니다. "
        f"지수함수는 증가함수이므로 가장 큰 로짓 ${compact(o.max())}$의 자리가 가장 큰 확률을 가집니다(소프트맥스는 순서를 보존)."
    )
    wrong = []
    total = float(o.sum())
    if total != 0 and abs(o[k] / total - key) > 1e-3:
        wrong.append({"answer": compact(round(o[k] / total, 6)),
                      "message": "로짓을 로짓의 합으로 나눴습니다. 소프트맥스는 먼저 지수를 취한 뒤 정규화합니다."})
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrong,
                   hints=["$\\operatorname{softmax}(\\mathbf{o})_k = e^{o_k} / \\sum_j e^{o_j}$입니다.",
                          "모든 로짓에서 최댓값을 빼고 계산해도 결과는 같습니다."])


@generator("deep_learning.cross_entropy")
def cross_entropy(rng, params: dict) -> Generated:
    """Cross-entropy −log softmax(o)_y of three integer logits (mathcore.nn.cross_entropy)."""
    import math

    import numpy as np

    from mathcore import nn

    o = _logits(rng)
    label = int(rng.integers(0, 3))
    key = float(nn.cross_entropy(o[None, :], np.array([label])))
    p = np.asarray(nn.softmax(o), dtype=float)
    lse = float(np.log(np.exp(o).sum()))
    prompt = (
        f"로짓 $\\mathbf{{o}} = {_vec(o)}$이고 정답이 {label + 1}번째 클래스일 때 교차 엔트로피 "
        f"$-\\log \\operatorname{{softmax}}(\\mathbf{{o}})_{label + 1}$은? (자연로그, 소수 셋째 자리까지)"
    )
    explanation = (
        f"$-o_y + \\log\\sum_j e^{{o_j}} = -({compact(o[label])}) + {lse:.4f} {relation([lse, key])} {key:.4f}$입니다. "
        f"정답 클래스의 확률은 ${p[label]:.4f}$이고 $-\\log {p[label]:.4f} {relation([p[label], key])} {key:.4f}$로 같습니다. "
        "$-\\log$는 1에서 0이고 0에 가까울수록 커지므로, 정답에 준 확률이 작을수록 손실이 커집니다."
    )
    wrong = []
    if abs(p[label] - key) > 1e-3:
        wrong.append({"answer": f"{p[label]:.4f}",
                      "message": "정답 클래스의 확률 자체입니다. 손실은 그 확률에 −log를 취한 값입니다."})
    log10 = -math.log10(p[label])
    if abs(log10 - key) > 1e-3:
        wrong.append({"answer": f"{log10:.4f}",
                      "message": "상용로그(밑 10)를 썼습니다. 교차 엔트로피는 자연로그로 계산합니다."})
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrong,
                   hints=["$-\\log \\operatorname{softmax}(\\mathbf{o})_y = -o_y + \\log\\sum_j e^{o_j}$입니다.",
                          "먼저 정답 클래스의 소프트맥스 확률을 구해도 됩니다."])


@generator("deep_learning.relu_layer")
def relu_layer(rng, params: dict) -> Generated:
    """h = ReLU(xW + b) for a 2-vector x and a 2×2 W; at least one unit is cut to zero."""
    import numpy as np

    from mathcore import linalg, nn

    while True:
        x = rng.integers(-2, 3, size=2).astype(float)
        W = rng.integers(-2, 3, size=(2, 2)).astype(float)
        b = rng.integers(-2, 3, size=2).astype(float)
        z = np.asarray(linalg.matmul(x, W), dtype=float) + b
        # One unit on each side of zero, so that the ReLU visibly matters.
        if z.min() < 0 < z.max():
            break
    h = np.asarray(nn.relu(z), dtype=float)
    prompt = (
        f"입력 $\\mathbf{{x}} = {_vec(x)}$, 가중치 $W$의 행이 {rows(W, compact)}, 편향 $\\mathbf{{b}} = {_vec(b)}$입니다. "
        "은닉층 출력 $\\mathbf{h} = \\operatorname{ReLU}(\\mathbf{x}W + \\mathbf{b})$를 `h1, h2` 꼴로 입력하세요."
    )
    explanation = (
        f"$\\mathbf{{x}}W = {_vec(z - b)}$, 편향을 더하면 $\\mathbf{{z}} = {_vec(z)}$입니다. "
        f"ReLU는 성분마다 음수를 0으로 자르므로 $\\mathbf{{h}} = {_vec(h)}$입니다."
    )
    wrong = [{"answer": z.tolist(),
              "message": "활성함수 전의 값 z입니다. ReLU로 음수 성분을 0으로 바꾸세요."}]
    no_bias = np.maximum(z - b, 0.0)
    if not np.allclose(no_bias, h):
        wrong.append({"answer": no_bias.tolist(),
                      "message": "편향 b를 더하지 않았습니다. ReLU는 xW + b에 적용합니다."})
    return matrix(prompt, h.tolist(), explanation, tolerance=1e-9, wrong_answers=wrong,
                  hints=["$\\mathbf{x}W$의 j번째 성분은 x와 W의 j번째 열의 내적입니다.",
                         "ReLU(z) = max(0, z)를 성분마다 적용합니다."])
