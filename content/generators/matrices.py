"""Generated questions for lesson 02 (matrices): product, np.inner, 2×2 inverse, regression line."""

from __future__ import annotations

from content.generators import Generated, generator
from content.generators._common import (distinct_wrongs, draw_until, equals, fixed, joined, matrix, products,
                                        rows, vector)


def _as_key(m) -> list:
    """A matrix as a key: floats, with -0.0 written as 0.0."""
    return [[float(v) + 0.0 for v in row] for row in m]


def _transposed(m, message: str) -> list[dict]:
    """The transpose of ``m`` as a wrong answer, unless ``m`` is symmetric."""
    return [{"answer": _as_key(m.T), "message": message}] if (m.T != m).any() else []


def _int_matrix(rng, n_rows: int, n_cols: int, low: int = -3, high: int = 4):
    """Random integer matrix with no all-zero row."""
    return draw_until(lambda: rng.integers(low, high + 1, size=(n_rows, n_cols)),
                      lambda m: (m != 0).any(axis=1).all())


@generator("matrices.matmul")
def matmul(rng, params: dict) -> Generated:
    """Product of a random 2×3 and 3×2 integer matrix."""
    from mathcore import linalg

    a = _int_matrix(rng, 2, 3)
    b = _int_matrix(rng, 3, 2)
    prod = linalg.matmul(a, b)
    prompt = (f"행이 {rows(a)}인 $2 \\times 3$ 행렬 $A$와 행이 {rows(b)}인 $3 \\times 2$ 행렬 $B$의 "
              "곱 $AB$를 `[[a, b], [c, d]]` 꼴로 입력하세요.")
    explanation = (
        f"$AB$는 $2 \\times 2$이고 $(i, j)$ 성분은 $A$의 $i$행과 $B$의 $j$열의 내적입니다. 예를 들어 "
        f"1행 1열은 ${products(a[0], b[:, 0])} = {fixed(prod[0, 0])}$, "
        f"2행 2열은 ${products(a[1], b[:, 1])} = {fixed(prod[1, 1])}$입니다. "
        f"결과는 행이 {rows(prod)}인 행렬입니다."
    )
    wrongs = _transposed(prod, "행과 열의 자리가 바뀐 결과(전치)입니다. (i, j) 성분은 A의 i행과 B의 j열의 내적입니다.")
    return matrix(prompt, _as_key(prod), explanation, tolerance=1e-9, wrong_answers=wrongs,
                  hints=["결과의 모양은 (2×3)(3×2) = 2×2입니다.",
                         f"1행 1열: A의 첫 행 {vector(a[0])}과 B의 첫 열 {vector(b[:, 0])}의 내적."])


@generator("matrices.inner")
def inner(rng, params: dict) -> Generated:
    """``np.inner`` of two random 2×3 integer matrices (rows against rows)."""
    from mathcore import linalg

    a = _int_matrix(rng, 2, 3)
    c = _int_matrix(rng, 2, 3)
    result = linalg.inner(a, c)
    prompt = (f"행이 {rows(a)}인 행렬 $A$와 행이 {rows(c)}인 행렬 $C$ (둘 다 $2 \\times 3$)에 대해 "
              "`np.inner(A, C)`를 `[[a, b], [c, d]]` 꼴로 입력하세요.")
    explanation = (
        f"`np.inner`는 $A$의 행과 $C$의 행을 내적하므로 결과는 $AC^\\top$ ($2 \\times 2$)입니다. "
        f"1행 2열은 $A$의 첫 행과 $C$의 둘째 행의 내적 ${products(a[0], c[1])} = {fixed(result[0, 1])}$입니다. "
        f"결과는 행이 {rows(result)}인 행렬입니다. `A @ C`는 $(2 \\times 3)(2 \\times 3)$이라 정의되지 않습니다."
    )
    wrongs = _transposed(result, "순서를 바꾼 np.inner(C, A) = C Aᵀ입니다. 결과의 i행은 A의 i번째 행에서 나옵니다.")
    return matrix(prompt, _as_key(result), explanation, tolerance=1e-9, wrong_answers=wrongs,
                  hints=["np.inner(A, C)는 A @ Cᵀ와 같습니다.", f"1행 1열: {vector(a[0])}와 {vector(c[0])}의 내적."])


@generator("matrices.inverse")
def inverse(rng, params: dict) -> Generated:
    """Inverse of a random 2×2 integer matrix whose determinant is ±1 or ±2."""
    import numpy as np

    from mathcore import linalg

    while True:
        m = rng.integers(-4, 6, size=(2, 2))
        det = int(m[0, 0] * m[1, 1] - m[0, 1] * m[1, 0])
        if det in (-2, -1, 1, 2):
            break
    a, b, c, d = (int(v) for v in m.ravel())
    inv = np.round(linalg.inverse(m), 12)  # strip float noise like 2.0000000000000004
    det_check = linalg.determinant(m)
    adj = [[d, -b], [-c, a]]
    prompt = (f"행이 {rows(m)}인 행렬 $A$의 역행렬 $A^{{-1}}$을 `[[a, b], [c, d]]` 꼴로 입력하세요. "
              "(분수나 소수 모두 됩니다)")
    explanation = (
        f"$\\det A = {products([a, b], [d, c], sep=' - ')} = {fixed(det_check)}$입니다. "
        f"대각 성분의 자리를 바꾸고 나머지의 부호를 바꾸면 행이 {rows(adj)}인 행렬이 되고, "
        f"이를 {det}로 나누면 $A^{{-1}}$의 행은 {rows(inv)}입니다. "
        "행렬식으로 나누는 이유는 $A \\cdot \\operatorname{adj} A = (\\det A)\\,I$이기 때문이고, 그래서 행렬식이 0인 행렬은 역행렬이 없습니다."
    )
    unswapped = [[v / det for v in row] for row in [[a, -b], [-c, d]]]
    wrongs = distinct_wrongs(np.asarray(inv, dtype=float), 1e-4, [
        (np.asarray(unswapped, dtype=float), "대각 성분 a와 d의 자리를 바꾸는 것을 빠뜨렸습니다."),
        (np.asarray(adj, dtype=float), "행렬식으로 나누는 것을 빠뜨렸습니다."),
    ], shown=_as_key)
    return matrix(prompt, _as_key(inv), explanation, tolerance=1e-3, wrong_answers=wrongs,
                  hints=["2×2 행렬의 행렬식은 ad − bc입니다.",
                         "a와 d의 자리를 바꾸고, b와 c의 부호를 바꾼 뒤 행렬식으로 나누세요."])


@generator("matrices.regression")
def regression(rng, params: dict) -> Generated:
    """Least-squares line through four points with the column of ones (slope, intercept)."""
    from mathcore import linalg

    x = rng.choice(7, size=4, replace=False)
    x.sort()
    slope_true = int(rng.integers(-3, 4))
    intercept_true = int(rng.integers(-5, 6))
    y = slope_true * x + intercept_true + rng.integers(-1, 2, size=4)
    slope, intercept = (float(v) for v in linalg.least_squares(x, y, intercept=True))
    (origin_slope,) = (float(v) for v in linalg.least_squares(x, y, intercept=False))
    xm, ym = float(x.mean()), float(y.mean())
    sxy = float(((x - xm) * (y - ym)).sum())
    sxx = float(((x - xm) ** 2).sum())
    prompt = (f"데이터 $x = {joined(x)}$, $y = {joined(y)}$의 "
              "각 행 끝에 1을 붙인 설계행렬로 $\\boldsymbol{\\beta} = X^+\\mathbf{y}$를 구하세요. "
              "(기울기, 절편) 순서로, 소수 셋째 자리까지 입력하세요.")
    explanation = (
        f"1의 열을 붙인 최소제곱 해는 평균을 이용해 쓸 수 있습니다. $\\bar{{x}} = {fixed(xm)}$, "
        f"$\\bar{{y}} = {fixed(ym)}$, $\\sum (x_i - \\bar{{x}})(y_i - \\bar{{y}}) = {fixed(sxy)}$, "
        f"$\\sum (x_i - \\bar{{x}})^2 = {fixed(sxx)}$이므로 기울기는 ${fixed(sxy)} / {fixed(sxx)} {equals(slope)}$, "
        f"절편은 $\\bar{{y}} - (\\text{{기울기}})\\,\\bar{{x}} {equals(intercept)}$입니다. "
        "1의 열에 대한 정규방정식이 오차의 합을 0으로 만들므로 직선은 평균점 $(\\bar{x}, \\bar{y})$를 지나고, "
        "그래서 중심화한 데이터만으로 기울기를 구할 수 있습니다. "
        f"1의 열 없이 풀면 기울기가 ${fixed(origin_slope)}$인, 원점을 지나는 다른 직선이 나옵니다."
    )
    wrongs = []
    if abs(slope - intercept) > 1e-2:
        wrongs.append({"answer": [round(intercept, 4), round(slope, 4)],
                       "message": "순서가 바뀌었습니다. 1의 열을 마지막에 붙였으므로 절편이 마지막 계수입니다."})
    if abs(origin_slope - slope) > 1e-2 or abs(intercept) > 1e-2:
        wrongs.append({"answer": [round(origin_slope, 4), 0.0],
                       "message": "1의 열 없이 원점을 지나도록 맞춘 기울기입니다. 1의 열을 붙이면 절편이 생깁니다."})
    return matrix(prompt, [slope, intercept], explanation, tolerance=1e-3, wrong_answers=wrongs,
                  hints=["설계행렬의 행은 (xᵢ, 1)입니다. β = (XᵀX)⁻¹Xᵀy를 계산하거나 평균을 이용한 공식을 쓰세요.",
                         "기울기 = Σ(xᵢ − x̄)(yᵢ − ȳ) / Σ(xᵢ − x̄)², 절편 = ȳ − 기울기·x̄"])
