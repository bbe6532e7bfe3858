"""Generated questions for lesson 01 (vectors): norms, angle, projection, Hadamard product."""

from __future__ import annotations

import math

from content.generators import Generated, generator
from content.generators._common import (distinct_wrongs, draw_until, equals, factor, fixed, int_param,
                                        matrix, numeric, products, relation, vector)

NORM_KINDS = ("l1", "l2", "linf")


def _sqrt(n: int) -> str:
    """LaTeX for the square root of a non-negative integer, simplified when it is a perfect square."""
    root = math.isqrt(int(n))
    return str(root) if root * root == n else f"\\sqrt{{{int(n)}}}"


def _tail(value: float, square: int) -> str:
    """What follows a written square root: nothing for a perfect square, else ``\\approx`` value."""
    return "" if math.isqrt(int(square)) ** 2 == square else f" \\approx {fixed(value)}"


def _nonzero_vector(rng, n: int, low: int, high: int, max_zeros: int | None = None):
    """Integer vector in [low, high]^n, not the zero vector, with at most ``max_zeros`` zeros."""
    limit = n - 1 if max_zeros is None else max_zeros
    return draw_until(lambda: rng.integers(low, high + 1, size=n), lambda v: int((v == 0).sum()) <= limit)


@generator("vectors.norm")
def norm(rng, params: dict) -> Generated:
    """L1, L2 or L∞ norm of a random integer vector (``params.kind``, ``params.dim``)."""
    from mathcore import linalg

    kind = str(params.get("kind", "l2")).lower()
    if kind not in NORM_KINDS:
        raise ValueError(f"params.kind must be one of {NORM_KINDS}, got {kind!r}")
    n = int_param(params, "dim", 3, 2, 6)
    v = _nonzero_vector(rng, n, -6, 6, max_zeros=1)
    shown = vector(v)
    l1, l2, linf = linalg.l1_norm(v), linalg.l2_norm(v), linalg.linf_norm(v)
    squares = int((v * v).sum())
    signed_sum = int(v.sum())
    tol = 1e-3

    if kind == "l1":
        key = l1
        symbol = r"\|\mathbf{v}\|_1"
        name = "L1 노름"
        working = " + ".join(str(abs(int(c))) for c in v)
        explanation = (f"L1 노름은 성분 절댓값의 합입니다: ${symbol} = {working} = {fixed(l1)}$. "
                       "축을 따라서만 움직일 때의 거리이므로 부호와 상관없이 각 성분의 크기를 더합니다. "
                       f"참고로 L2 노름은 ${_sqrt(squares)}{_tail(l2, squares)}$입니다.")
        hints = ["각 성분의 절댓값을 구해 모두 더하세요."]
        wrongs = distinct_wrongs(key, tol, [
            (signed_sum, "절댓값을 빼먹고 성분을 그대로 더했습니다. 음수 성분은 부호를 떼고 더하세요."),
            (l2, "그것은 L2 노름(제곱합의 제곱근)입니다. L1은 절댓값의 합입니다."),
        ])
    elif kind == "l2":
        key = l2
        symbol = r"\|\mathbf{v}\|_2"
        name = "L2 노름"
        working = " + ".join(f"{factor(c)}^2" for c in v)
        explanation = (f"L2 노름은 제곱합의 제곱근입니다: ${symbol} = \\sqrt{{{working}}} = "
                       f"{_sqrt(squares)}{_tail(l2, squares)}$. 피타고라스 정리를 축마다 되풀이한 것이므로 "
                       "원점에서 끝점까지의 곧은 길이입니다.")
        hints = ["각 성분을 제곱해서 모두 더하세요.", f"제곱합은 {squares}입니다. 마지막 단계가 남았습니다."]
        wrongs = distinct_wrongs(key, tol, [
            (float(squares), "제곱합은 L2 노름의 제곱입니다. 제곱근을 씌우세요."),
            (l1, "그것은 L1 노름(절댓값의 합)입니다. L2는 제곱합의 제곱근입니다."),
        ])
    else:
        key = linf
        symbol = r"\|\mathbf{v}\|_\infty"
        name = "L∞ 노름"
        explanation = (f"L∞ 노름은 절댓값이 가장 큰 성분입니다: 절댓값 {vector(abs(v))} 중 최댓값 "
                       f"${symbol} = {fixed(linf)}$. 가장 크게 벗어난 성분 하나만 보므로 나머지 성분은 값에 "
                       "영향을 주지 않습니다.")
        hints = ["모든 성분의 절댓값을 비교해 가장 큰 것을 고르세요."]
        wrongs = distinct_wrongs(key, tol, [
            (float(v.max()), "절댓값이 아니라 부호 있는 값 중 최댓값을 골랐습니다. 음수 성분의 크기도 보세요."),
            (l1, "그것은 L1 노름(절댓값의 합)입니다. L∞는 가장 큰 절댓값 하나입니다."),
        ])
    note = " (소수 셋째 자리까지, 또는 `sqrt(...)` 꼴로 입력)" if kind == "l2" else ""
    prompt = f"벡터 $\\mathbf{{v}} = {shown}$의 {name} ${symbol}$를 구하세요.{note}"
    return numeric(prompt, float(key), explanation, tolerance=tol, hints=hints, wrong_answers=wrongs)


@generator("vectors.angle")
def angle(rng, params: dict) -> Generated:
    """Angle in degrees between two random non-parallel 2-D integer vectors."""
    from mathcore import linalg

    while True:
        a = _nonzero_vector(rng, 2, -5, 5)
        b = _nonzero_vector(rng, 2, -5, 5)
        if a[0] * b[1] - a[1] * b[0] != 0:  # parallel vectors make a dull question
            break
    theta = linalg.angle(a, b)
    degrees = math.degrees(theta)
    dot = float(linalg.inner(a, b))
    na, nb = linalg.l2_norm(a), linalg.l2_norm(b)
    cos = dot / (na * nb)
    tol = 0.05
    prompt = (f"두 벡터 $\\mathbf{{a}} = {vector(a)}$, $\\mathbf{{b}} = {vector(b)}$ 사이의 각도를 "
              "**도(°)** 단위로 구하세요. (소수 둘째 자리까지)")
    explanation = (
        f"내적은 ${products(a, b)} = {fixed(dot)}$, "
        f"길이는 $\\|\\mathbf{{a}}\\|_2 = {_sqrt(int(a @ a))}$, $\\|\\mathbf{{b}}\\|_2 = {_sqrt(int(b @ b))}$입니다. "
        f"$\\cos\\theta = {fixed(dot)} / {_sqrt(int(a @ a) * int(b @ b))} {equals(cos)}$이므로 "
        f"$\\theta \\approx {fixed(theta)}$ rad ${equals(degrees, 2)}^\\circ$입니다."
    )
    wrongs = distinct_wrongs(degrees, tol, [
        (theta, "라디안 값입니다. 도 단위로 바꾸려면 180/π를 곱하세요."),
        (cos, "cos θ의 값입니다. arccos를 적용해 각도로 바꾸세요."),
    ])
    return numeric(prompt, degrees, explanation, tolerance=tol, wrong_answers=wrongs,
                   hints=["cos θ = (a와 b의 내적) / (‖a‖₂‖b‖₂)를 먼저 구하세요.",
                          "arccos의 결과는 라디안입니다. 180/π를 곱하면 도가 됩니다."])


@generator("vectors.projection")
def projection(rng, params: dict) -> Generated:
    """Orthogonal projection of a random 3-D integer vector x onto a small integer vector y."""
    from mathcore import linalg

    x = _nonzero_vector(rng, 3, -4, 6)
    y = _nonzero_vector(rng, 3, -2, 2)
    proj = linalg.projection(x, y)
    other = linalg.projection(y, x)
    dot = float(linalg.inner(x, y))
    yy = int(y @ y)
    tol = 0.01
    prompt = (f"$\\mathbf{{x}} = {vector(x)}$를 $\\mathbf{{y}} = {vector(y)}$ 위로 정사영한 벡터 "
              "$\\operatorname{proj}_{\\mathbf{y}}\\mathbf{x}$를 `a, b, c` 꼴로 입력하세요. "
              "(각 성분 소수 둘째 자리까지)")
    explanation = (
        f"$\\mathbf{{x}}^\\top\\mathbf{{y}} = {fixed(dot)}$, $\\|\\mathbf{{y}}\\|_2^2 = {yy}$이므로 "
        f"$\\operatorname{{proj}}_{{\\mathbf{{y}}}}\\mathbf{{x}} = \\frac{{{fixed(dot)}}}{{{yy}}}{vector(y)} "
        f"{relation(proj)} {vector([round(float(c), 4) for c in proj])}$. 정사영은 $\\mathbf{{x}}$에서 "
        "$\\mathbf{y}$ 방향 성분만 남긴 것이므로, 남은 부분 $\\mathbf{x} - \\operatorname{proj}_{\\mathbf{y}}\\mathbf{x}$는 "
        "$\\mathbf{y}$와 직교합니다."
    )
    wrongs = []
    if not all(abs(float(p) - float(o)) <= tol for p, o in zip(proj, other)):
        wrongs.append({"answer": [round(float(c), 4) + 0.0 for c in other],
                       "message": "y를 x 위로 내린 정사영입니다. x를 y 위로 내려야 합니다."})
    return matrix(prompt, [float(c) + 0.0 for c in proj], explanation, tolerance=tol, wrong_answers=wrongs,
                  hints=["공식: proj_y x = (xᵀy / ‖y‖₂²) · y", f"xᵀy = {fixed(dot)}, ‖y‖₂² = {yy}입니다."])


@generator("vectors.hadamard")
def hadamard(rng, params: dict) -> Generated:
    """Hadamard (element-wise) product of two random integer vectors."""
    from mathcore import linalg

    n = int_param(params, "dim", 4, 2, 6)
    x = rng.integers(-5, 6, size=n)
    y = rng.integers(-5, 6, size=n)
    prod = linalg.hadamard(x, y)
    dot = float(linalg.inner(x, y))
    prompt = (f"$\\mathbf{{x}} = {vector(x)}$, $\\mathbf{{y}} = {vector(y)}$의 성분곱 "
              "$\\mathbf{x} \\odot \\mathbf{y}$를 `a, b, ...` 꼴로 입력하세요.")
    explanation = (f"같은 자리끼리 곱합니다: $({products(x, y, sep=', ')}) = {vector(prod)}$. "
                   "자리마다 따로 곱하므로 결과도 같은 길이의 벡터이고, "
                   f"이 성분을 모두 더하면 내적 ${fixed(dot)}$이 됩니다.")
    wrongs = []
    total = x + y
    if (total != prod).any():
        wrongs.append({"answer": [int(c) for c in total],
                       "message": "성분끼리 더한 x + y입니다. 성분곱은 같은 자리끼리 곱합니다."})
    # + 0.0 turns a -0.0 product (0 times a negative) into 0.0, so no key reads "-0.0".
    return matrix(prompt, [float(c) + 0.0 for c in prod], explanation, tolerance=1e-9, wrong_answers=wrongs,
                  hints=["첫 성분은 x₁·y₁입니다. 결과는 숫자 하나가 아니라 벡터입니다."])
