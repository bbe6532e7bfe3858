"""Question generators for lesson 11 (matrix_calculus): a linear layer's weight gradient, the
gradient of a quadratic form, and the softmax cross-entropy gradient s − e_y."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, distinct_wrongs, draw_until, matrix, nested, rows, vector

_vec = partial(vector, fmt=compact)


def _shown(value) -> str:
    """A vector or matrix answer as a learner types it."""
    import numpy as np

    arr = np.asarray(value, dtype=float)
    return nested(arr, compact) if arr.ndim == 2 else ", ".join(compact(v) for v in arr)


@generator("matrix_calculus.weight_grad")
def weight_grad(rng, params: dict) -> Generated:
    """∂L/∂W = Aᵀ δZ for a layer Z = AW + b with a 2×2 input batch A and upstream δZ (2×2)."""
    import numpy as np

    from mathcore import linalg

    A = draw_until(lambda: rng.integers(-2, 4, size=(2, 2)).astype(float),
                   lambda a: not np.allclose(a, a.T))
    dZ = draw_until(lambda: rng.integers(-2, 3, size=(2, 2)).astype(float),
                    lambda d: not np.allclose(linalg.matmul(linalg.transpose(A), d),
                                              linalg.matmul(linalg.transpose(d), A)))
    key = np.asarray(linalg.matmul(linalg.transpose(A), dZ), dtype=float)
    prompt = (
        f"층 $Z = AW + \\mathbf{{b}}$에 입력 두 개를 행으로 쌓은 $A$의 행이 {rows(A, compact)}이고, "
        f"위에서 내려온 그래디언트 $\\delta Z = \\partial L / \\partial Z$의 행이 {rows(dZ, compact)}입니다. "
        "$\\partial L / \\partial W$를 `[[., .], [., .]]` 꼴로 입력하세요."
    )
    explanation = (
        f"$\\partial L / \\partial W = A^\\top \\delta Z$이고 결과는 $W$와 같은 2 × 2입니다. "
        f"$A^\\top$의 행이 {rows(A.T, compact)}이므로 답의 행은 {rows(key, compact)}입니다. "
        "$w_{jk}$는 모든 예제 $r$의 $a_{rj}$와 $\\delta z_{rk}$를 곱해 더한 값이라 $A$ 쪽에 전치가 붙습니다."
    )
    wrongs = distinct_wrongs(key, 1e-9, [
        (linalg.matmul(linalg.transpose(dZ), A), "$\\delta Z^\\top A$를 계산했습니다. 그것은 답의 전치입니다. "
                                                "$(\\partial L/\\partial W)_{jk}$는 $j$가 입력, $k$가 출력이므로 $A^\\top \\delta Z$입니다."),
        (linalg.matmul(A, dZ), "$A \\delta Z$를 계산했습니다. $A$를 전치해야 모든 예제에 대한 합이 됩니다."),
        (linalg.matmul(dZ, linalg.transpose(A)), "$\\delta Z A^\\top$는 답의 전치와 같지 않은 다른 행렬입니다. "
                                                "모양 규칙으로 $A^\\top \\delta Z$를 고르세요."),
    ], shown=_shown)
    return matrix(prompt, key.tolist(), explanation, tolerance=1e-9, wrong_answers=wrongs,
                  hints=["결과는 $W$와 같은 모양(입력 수 × 출력 수)이어야 합니다.",
                         "$(\\partial L / \\partial W)_{jk} = \\sum_r a_{rj} \\, \\delta z_{rk}$입니다."])


@generator("matrix_calculus.quadratic_grad")
def quadratic_grad(rng, params: dict) -> Generated:
    """∇(xᵀAx) = (A + Aᵀ)x for a non-symmetric integer 2×2 A."""
    import numpy as np

    from mathcore import linalg

    A = draw_until(lambda: rng.integers(-3, 4, size=(2, 2)).astype(float), lambda a: a[0, 1] != a[1, 0])
    x = draw_until(lambda: rng.integers(-2, 3, size=2).astype(float), lambda v: np.any(v != 0))
    key = np.asarray(linalg.matmul(A + linalg.transpose(A), x), dtype=float)
    prompt = (
        f"행이 {rows(A, compact)}인 $A$와 $\\mathbf{{x}} = {_vec(x)}$에서 "
        "$f(\\mathbf{x}) = \\mathbf{x}^\\top A \\mathbf{x}$의 그래디언트 $\\nabla f(\\mathbf{x})$를 `a, b` 꼴로 입력하세요."
    )
    explanation = (
        f"$\\nabla(\\mathbf{{x}}^\\top A \\mathbf{{x}}) = (A + A^\\top)\\mathbf{{x}}$입니다. "
        f"$A + A^\\top$의 행이 {rows(A + A.T, compact)}이므로 답은 ${_vec(key)}$입니다. "
        "$x_k$는 $x_i a_{ij} x_j$의 $i$ 자리와 $j$ 자리에 모두 나오므로 $A$와 $A^\\top$이 함께 나타납니다."
    )
    wrongs = distinct_wrongs(key, 1e-9, [
        (2 * np.asarray(linalg.matmul(A, x)), "$2A\\mathbf{x}$는 $A$가 대칭일 때만 맞습니다. 이 $A$는 대칭이 아니므로 $(A + A^\\top)\\mathbf{x}$를 쓰세요."),
        (np.asarray(linalg.matmul(A, x)), "$A\\mathbf{x}$만 계산했습니다. $x$가 두 번 나오므로 항이 두 개($A\\mathbf{x}$와 $A^\\top\\mathbf{x}$)입니다."),
    ], shown=_shown)
    return matrix(prompt, key.tolist(), explanation, tolerance=1e-9, wrong_answers=wrongs,
                  hints=["성분으로 쓰면 $f = \\sum_{i,j} x_i a_{ij} x_j$입니다.",
                         "$\\partial f / \\partial x_k = \\sum_j a_{kj} x_j + \\sum_i x_i a_{ik}$입니다."])


@generator("matrix_calculus.softmax_ce_grad")
def softmax_ce_grad(rng, params: dict) -> Generated:
    """∂L/∂o = softmax(o) − e_y for three integer logits and a class y (numbered from 1)."""
    import numpy as np

    from mathcore import nn

    o = rng.integers(-2, 3, size=3).astype(float)
    y = int(rng.integers(1, 4))
    s = np.asarray(nn.softmax(o), dtype=float)
    e = np.eye(3)[y - 1]
    key = s - e
    prompt = (
        f"로짓 $\\mathbf{{o}} = {_vec(o)}$이고 정답이 클래스 {y}(클래스는 1부터 셉니다)일 때, "
        "교차 엔트로피 $L = -\\log \\operatorname{softmax}(\\mathbf{o})_y$의 그래디언트 "
        "$\\partial L / \\partial \\mathbf{o}$를 소수 넷째 자리까지 `a, b, c` 꼴로 입력하세요."
    )
    explanation = (
        f"$\\partial L / \\partial \\mathbf{{o}} = \\mathbf{{s}} - \\mathbf{{e}}_y$이고 "
        f"$\\mathbf{{s}} \\approx ({', '.join(f'{v:.4f}' for v in s)})$이므로 답은 "
        f"$({', '.join(f'{v:.4f}' for v in key)})$입니다. 소프트맥스의 야코비안 "
        "$\\operatorname{diag}(\\mathbf{s}) - \\mathbf{s}\\mathbf{s}^\\top$과 $-1/s_y$가 약분되어 이렇게 간단해집니다."
    )
    wrongs = distinct_wrongs(key, 1e-3, [
        (s, "소프트맥스 확률 $\\mathbf{s}$ 자체입니다. 정답 자리에서 1을 빼야 합니다."),
        (e - s, "부호가 반대입니다. $\\mathbf{e}_y - \\mathbf{s}$는 손실을 늘리는 방향입니다."),
        (s * (1 - s), "$\\mathbf{s} \\odot (1 - \\mathbf{s})$는 소프트맥스 야코비안의 대각 성분일 뿐입니다."),
    ], shown=lambda v: ", ".join(f"{x:.4f}" for x in v))
    return matrix(prompt, key.tolist(), explanation, tolerance=1e-3, wrong_answers=wrongs,
                  hints=["소프트맥스와 교차 엔트로피를 합치면 그래디언트는 '예측 확률 − 정답(원-핫)'입니다.",
                         "먼저 $\\mathbf{s} = \\operatorname{softmax}(\\mathbf{o})$를 구하세요."])
