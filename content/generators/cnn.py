"""Question generators for lesson 09 (CNN): cross-correlation, output shapes, kernel gradients."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, draw_until, matrix, nested, numeric, products, rows


# Numbers in this lesson's prompts: integers bare, others with four significant digits.
_num = partial(compact, spec=".4g")
_rows = partial(rows, fmt=_num)
_nested = partial(nested, fmt=_num)


def _window_sum(window, kernel) -> str:
    """LaTeX 'a \\cdot b + c \\cdot d + ...' for one output cell, negatives in parentheses."""
    return products(window.ravel(), kernel.ravel(), _num)


def _random_kernel(rng, shape):
    """An integer kernel that is not symmetric under a 180° turn, so correlation ≠ convolution."""
    return draw_until(lambda: rng.integers(-2, 3, size=shape), lambda k: (k != k[::-1, ::-1]).any())


@generator("cnn.correlate2d")
def correlate2d_question(rng, params: dict) -> Generated:
    """Valid 2-D cross-correlation of a random 3×3 (or n×n) input with a 2×2 kernel."""
    import numpy as np

    from mathcore import conv

    size = int(params.get("size", 3))
    X = rng.integers(-2, 4, size=(size, size))
    K = _random_kernel(rng, (2, 2))
    Y = np.asarray(conv.correlate2d(X.astype(float), K.astype(float)), dtype=float)
    flipped = np.asarray(conv.convolve2d(X.astype(float), K.astype(float)), dtype=float)
    out = size - 1
    prompt = (
        f"입력 $X$({size}×{size})의 행이 {_rows(X)}이고 커널 $K$(2×2)의 행이 {_rows(K)}입니다. "
        f"CNN 층처럼 커널을 뒤집지 않는 **교차상관**(valid)으로 {out}×{out} 출력을 구해 "
        "`[[a, b], [c, d]]` 꼴로 입력하세요."
    )
    explanation = (
        f"출력 크기는 ${size} - 2 + 1 = {out}$입니다. 왼쪽 위 칸은 창 {_rows(X[:2, :2])}과 커널을 같은 자리끼리 "
        f"곱해 더한 ${_window_sum(X[:2, :2], K)} = {_num(Y[0, 0])}$이고, 창을 한 칸씩 옮기며 같은 계산을 하면 "
        f"$X \\star K$ = {_nested(Y)}입니다. (커널을 180° 뒤집는 합성곱이었다면 {_nested(flipped)}.) "
        "CNN 층은 커널을 학습하므로 뒤집을 이유가 없어, 커널의 왼쪽 위 성분이 창의 왼쪽 위에 그대로 곱해집니다."
    )
    wrong = []
    if not np.allclose(Y, flipped):
        wrong.append({"answer": _nested(flipped),
                      "message": "커널을 180° 뒤집어 계산한 합성곱 결과입니다. CNN 층은 뒤집지 않습니다."})
    return matrix(prompt, Y.tolist(), explanation, tolerance=1e-9, wrong_answers=wrong,
                  hints=["커널을 뒤집지 말고 왼쪽 위 2×2 창에 그대로 겹쳐 같은 자리끼리 곱해 더하세요."])


@generator("cnn.output_shape")
def output_shape_question(rng, params: dict) -> Generated:
    """Number of output values of a conv layer: O_C × (H − k + 1) × (W − k + 1)."""
    import numpy as np

    from mathcore import conv

    H = int(rng.integers(5, 13))
    W = int(rng.integers(5, 13))
    C = int(rng.integers(1, 4))
    k = int(rng.choice([1, 2, 3, 5]))
    O = int(rng.integers(1, 9))
    # The key is the size of a real forward pass through mathcore, not a hand formula.
    Y = np.asarray(conv.conv2d(np.zeros((C, H, W)), np.zeros((O, C, k, k))))
    count = int(Y.size)
    oh, ow = H - k + 1, W - k + 1
    prompt = (
        f"채널 {C}개, 크기 {H}×{W}인 입력에 {k}×{k} 커널 {O}개를 패딩 없이 보폭 1로 적용합니다. "
        "출력 텐서의 원소는 모두 몇 개인가요?"
    )
    explanation = (
        f"커널 하나는 {C}×{k}×{k} 모양으로 모든 입력 채널을 더해 출력 한 장을 만듭니다. "
        f"한 장의 크기는 $({H} - {k} + 1) \\times ({W} - {k} + 1) = {oh} \\times {ow}$이고, 커널이 {O}개이므로 "
        f"출력은 ${O} \\times {oh} \\times {ow} = {count}$개입니다. 입력 채널 수는 출력 크기에 곱해지지 않습니다."
    )
    wrong = []
    candidates = {
        O * (H - k) * (W - k): "위치 수를 $H - k$로 셌습니다. $H - k + 1$이어야 합니다.",
        C * O * oh * ow: "입력 채널 수를 곱했습니다. 채널별 결과는 더해져 출력 한 장이 됩니다.",
        oh * ow: "출력 채널(커널 개수)을 곱하지 않았습니다.",
    }
    for value, message in candidates.items():
        if value != count:
            wrong.append({"answer": str(value), "message": message})
    return numeric(prompt, count, explanation, tolerance=0.0, wrong_answers=wrong,
                   hints=["한 장의 크기는 (H − k + 1) × (W − k + 1)입니다.", "출력 장 수는 커널 개수와 같습니다."])


@generator("cnn.kernel_gradient")
def kernel_gradient_question(rng, params: dict) -> Generated:
    """∂L/∂K for Y = X ⋆ K given ∂L/∂Y: the correlation of the input with the output gradient."""
    import numpy as np

    from mathcore import conv

    X = rng.integers(-2, 4, size=(3, 3)).astype(float)
    K = rng.integers(-2, 3, size=(2, 2)).astype(float)
    G = rng.integers(-2, 3, size=(2, 2)).astype(float)
    while not G.any():
        G = rng.integers(-2, 3, size=(2, 2)).astype(float)
    _, dK = conv.conv2d_backward(X[None], K[None, None], G[None])
    dK = np.asarray(dK, dtype=float).reshape(2, 2)
    prompt = (
        f"입력 $X$(3×3)의 행이 {_rows(X)}이고, $Y = X \\star K$(2×2 커널, valid)의 "
        f"출력 그래디언트 $\\partial L / \\partial Y$의 행이 {_rows(G)}입니다. "
        "커널 그래디언트 $\\partial L / \\partial K$(2×2)를 `[[a, b], [c, d]]` 꼴로 구하세요."
    )
    explanation = (
        "$K_{p,q}$는 모든 출력 위치에서 쓰였으므로 기여를 모두 더합니다: "
        "$\\partial L / \\partial K_{p,q} = \\sum_{i,j} \\delta_{i,j} X_{i+p, j+q}$, 곧 $X \\star \\delta$(valid). "
        f"왼쪽 위 성분은 창 {_rows(X[:2, :2])}과 $\\delta$의 곱의 합 "
        f"${_window_sum(X[:2, :2], G)} = {_num(dK[0, 0])}$이고, 전체는 {_nested(dK)}입니다. "
        "커널 값 자체는 답에 영향을 주지 않습니다."
    )
    wrong = []
    flipped = np.asarray(conv.convolve2d(X, G), dtype=float)
    if not np.allclose(flipped, dK):
        wrong.append({"answer": _nested(flipped),
                      "message": "출력 그래디언트를 뒤집어 계산했습니다. 커널 그래디언트는 뒤집지 않는 교차상관입니다."})
    return matrix(prompt, dK.tolist(), explanation, tolerance=1e-9, wrong_answers=wrong,
                  hints=["출력 그래디언트를 커널처럼 X 위에 올려 놓고 교차상관하세요."])
