"""Question generators for lesson 12 (eigen_svd): the larger eigenvalue of a symmetric 2×2
matrix, the condition number of a 2×2 matrix, and PCA's explained-variance ratio."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, equals, distinct_wrongs, draw_until, numeric, rows, vector

_vec = partial(vector, fmt=compact)


@generator("eigen_svd.symmetric_eigenvalue")
def symmetric_eigenvalue(rng, params: dict) -> Generated:
    """λ_max of [[a, b], [b, c]] (mathcore.linalg.eig)."""
    import numpy as np

    from mathcore import linalg

    a, b, c = draw_until(lambda: rng.integers(-3, 6, size=3).astype(float), lambda v: v[1] != 0)
    A = np.array([[a, b], [b, c]])
    values, _ = linalg.eig(A)
    key = float(values[-1])
    tr, det = a + c, a * c - b * b
    prompt = (f"대칭행렬 $A$의 행이 {rows(A, compact)}입니다. $A$의 두 고윳값 중 큰 값은? "
              "(소수 셋째 자리까지, 또는 `sqrt`를 쓴 식으로)")
    explanation = (f"$\\lambda^2 - (\\operatorname{{tr}} A)\\lambda + \\det A = \\lambda^2 - ({compact(tr)})\\lambda + ({compact(det)}) = 0$"
                   f"의 큰 근이 ${key:.4f}$입니다(작은 근은 ${values[0]:.4f}$). 두 근의 합은 대각합, 곱은 행렬식이므로 "
                   "이 이차방정식으로 검산할 수 있습니다.")
    wrongs = distinct_wrongs(key, 1e-3, [
        (max(a, c), "대각 성분을 그대로 골랐습니다. 비대각 성분 $b$가 0이 아니면 고윳값은 대각 성분과 다릅니다."),
        (tr, "대각합은 두 고윳값의 **합**입니다. 각 고윳값은 특성방정식의 근입니다."),
        (det, "행렬식은 두 고윳값의 **곱**입니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrongs,
                   hints=["$\\det(A - \\lambda I) = 0$을 풀어 보세요.",
                          "2 × 2에서는 $\\lambda^2 - (\\operatorname{tr} A)\\lambda + \\det A = 0$입니다."])


@generator("eigen_svd.condition_number")
def condition_number(rng, params: dict) -> Generated:
    """κ = σ_max/σ_min of an upper-triangular integer 2×2 matrix (mathcore.linalg.svd)."""
    import numpy as np

    from mathcore import linalg

    A = draw_until(lambda: np.array([[rng.integers(1, 5), rng.integers(-3, 4)], [0, rng.integers(1, 5)]], dtype=float),
                   lambda m: m[0, 1] != 0)
    _, S, _ = linalg.svd(A)
    key = float(S[0] / S[1])
    prompt = (f"행이 {rows(A, compact)}인 행렬 $A$의 조건수 $\\kappa(A) = \\sigma_{{\\max}} / \\sigma_{{\\min}}$은? "
              "(소수 셋째 자리까지)")
    explanation = (f"특잇값은 $A^\\top A$의 고윳값의 제곱근으로 ${S[0]:.4f}$, ${S[1]:.4f}$이고 비는 ${key:.4f}$입니다. "
                   "삼각행렬의 고윳값은 대각 성분이지만, 비대칭이라 특잇값과 다르므로 고윳값의 비로는 조건수를 구할 수 없습니다.")
    eig_ratio = max(A[0, 0], A[1, 1]) / min(A[0, 0], A[1, 1])
    wrongs = distinct_wrongs(key, 1e-3, [
        (eig_ratio, "고윳값(대각 성분)의 비를 구했습니다. 비대칭 행렬에서는 특잇값의 비가 조건수입니다."),
        (float(S[0] ** 2 / S[1] ** 2), "$A^\\top A$의 고윳값의 비를 구했습니다. 특잇값은 그 제곱근이므로 비도 제곱근입니다."),
        (abs(float(np.linalg.det(A))), "행렬식은 특잇값의 곱입니다. 조건수는 가장 큰 특잇값과 가장 작은 특잇값의 비입니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrongs,
                   hints=["특잇값은 $A^\\top A$의 고윳값의 제곱근입니다.",
                          "$A^\\top A$는 대칭이라 2 × 2 특성방정식으로 고윳값을 구할 수 있습니다."])


@generator("eigen_svd.explained_ratio")
def explained_ratio(rng, params: dict) -> Generated:
    """PCA's explained-variance ratio of the first component from the singular values of centred data."""
    import numpy as np

    s = draw_until(lambda: np.sort(rng.integers(1, 8, size=3).astype(float))[::-1], lambda v: v[0] > v[1] > v[2])
    key = float(s[0] ** 2 / np.sum(s * s))
    prompt = (f"평균을 뺀 데이터 행렬 $X_c$의 특잇값이 ${_vec(s)}$입니다. 첫 주성분의 설명 분산 비율은? "
              "(0과 1 사이의 수로, 소수 셋째 자리까지)")
    explanation = (f"주성분의 분산은 $\\sigma_i^2 / (n - 1)$이라 $(n - 1)$은 약분되고, 비율은 "
                   f"${compact(s[0] ** 2)} / ({' + '.join(compact(v * v) for v in s)}) {equals(key)}$입니다. "
                   "분산은 특잇값의 제곱에 비례하기 때문에 특잇값 자체의 비율을 쓰면 안 됩니다.")
    wrongs = distinct_wrongs(key, 1e-3, [
        (float(s[0] / s.sum()), "특잇값 자체의 비율입니다. 분산은 $\\sigma_i^2$에 비례하므로 제곱해서 비율을 구하세요."),
        (float(s[0] ** 2 / s.sum()), "분자만 제곱했습니다. 분모도 $\\sigma_i^2$의 합이어야 합니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrongs,
                   hints=["공분산 행렬의 고윳값은 $\\sigma_i^2 / (n - 1)$입니다.",
                          "설명 분산 비율 = 그 고윳값 / 모든 고윳값의 합입니다."])
