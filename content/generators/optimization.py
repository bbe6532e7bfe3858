"""Question generators for lesson 14 (optimization): the stable learning rate 2/λ_max of gradient
descent on a quadratic, Adam's first step (bias correction), and the kind of a critical point from
its Hessian."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, distinct_wrongs, draw_until, equals, fixed, numeric, ro, rows, vector

_vec = partial(vector, fmt=compact)


def _quadratic_text(A, half: bool) -> str:
    """½xᵀAx (``half``) or xᵀAx for a symmetric 2×2 A, written out in x and y."""
    a, b, c = float(A[0, 0]), float(A[0, 1]), float(A[1, 1])
    scale = 0.5 if half else 1.0
    terms = []
    for coef, mono in ((scale * a, "x^2"), (scale * 2 * b, "xy"), (scale * c, "y^2")):
        if coef == 0:
            continue
        sign = "-" if coef < 0 else "+"
        size = "" if abs(coef) == 1 else compact(abs(coef))
        terms.append(f"{sign} {size}{mono}")
    text = " ".join(terms)
    return text[2:] if text.startswith("+ ") else "-" + text[2:]


@generator("optimization.gd_bound")
def gd_bound(rng, params: dict) -> Generated:
    """The largest stable η of GD on f = ½xᵀAx or xᵀAx (Hessian A or 2A): 2/λ_max(Hessian)."""
    import numpy as np

    from mathcore import linalg

    def draw():
        a, b, c = (int(v) for v in (rng.integers(1, 9), rng.integers(-2, 3), rng.integers(1, 9)))
        return np.array([[a, b], [b, c]], dtype=float)

    A = draw_until(draw, lambda m: np.linalg.det(m) > 0 and m[0, 0] != m[1, 1])
    half = bool(rng.integers(0, 2))
    H = A if half else 2 * A
    lam = np.sort(np.asarray(linalg.eig(H)[0], dtype=float).real)
    key = 2.0 / lam[-1]
    form = "\\frac{1}{2}\\mathbf{x}^\\top A \\mathbf{x}" if half else "\\mathbf{x}^\\top A \\mathbf{x}"
    prompt = (f"$f(x, y) = {_quadratic_text(A, half)}$ (곧 $f = {form}$, $A$의 행 {rows(A, compact)})에 "
              "경사하강법 $\\mathbf{x} \\leftarrow \\mathbf{x} - \\eta\\nabla f$를 쓸 때, 어느 시작점에서나 수렴하는 "
              "학습률 $\\eta$의 상한은? (소수 넷째 자리까지)")
    explanation = (f"헤세 행렬은 {'$A$' if half else '$2A$'}이고 고윳값은 {fixed(lam[0])}, {fixed(lam[1])}입니다. "
                   f"각 고유 방향의 오차가 매 걸음 $1 - \\eta\\lambda$배가 되므로 모두 줄어들려면 "
                   f"$\\eta < 2/\\lambda_{{\\max}} {equals(key)}$이어야 합니다. 가장 가파른 방향이 상한을 정하기 때문입니다.")
    wrongs = distinct_wrongs(key, 1e-4, [
        (1.0 / lam[-1], "$1/\\lambda_{\\max}$는 가장 가파른 방향을 한 걸음에 0으로 만드는 값입니다. 상한은 그 두 배입니다."),
        (2.0 / lam[0], "$\\lambda_{\\min}$을 썼습니다. 상한은 가장 큰 고윳값(가장 가파른 방향)이 정합니다."),
        (2.0 / (lam[-1] / 2 if not half else lam[-1] * 2),
         "$\\tfrac12$의 유무를 놓쳤습니다. $\\mathbf{x}^\\top A\\mathbf{x}$의 헤세 행렬은 $2A$, "
         "$\\tfrac12\\mathbf{x}^\\top A\\mathbf{x}$의 헤세 행렬은 $A$입니다."),
        (2.0 / float(max(H[0, 0], H[1, 1])), "대각 성분만 보았습니다. 비대각 성분이 있으면 고윳값을 구해야 합니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-4, wrong_answers=wrongs,
                   hints=["먼저 헤세 행렬을 구하세요: $\\mathbf{x}^\\top A\\mathbf{x}$를 두 번 미분하면 $2A$입니다.",
                          "2 × 2 대칭행렬의 고윳값은 $\\lambda^2 - (\\operatorname{tr})\\lambda + \\det = 0$의 근입니다."])


@generator("optimization.adam_first_step")
def adam_first_step(rng, params: dict) -> Generated:
    """x after one Adam step on f = c·x² (β = (0.9, 0.999), ε = 1e-8): x₀ − η·sign(g) whatever c."""
    import math

    from mathcore import optim

    c = float(rng.choice([0.5, 2.0, 5.0, 50.0, 1000.0]))
    x0 = float(rng.choice([-3.0, -2.0, -1.0, 1.0, 2.0, 4.0]))
    lr = float(rng.choice([0.01, 0.05, 0.1, 0.2]))
    key = float(optim.optimize("adam", f"{compact(c)}*x^2", [x0], lr, 1).path[1, 0])
    g = 2 * c * x0
    sign = 1.0 if g > 0 else -1.0
    prompt = (f"$f(x) = {compact(c)}x^2$를 $x_0 = {compact(x0)}$에서 Adam($\\eta = {compact(lr)}$, "
              "$\\beta_1 = 0.9$, $\\beta_2 = 0.999$, $\\varepsilon = 10^{-8}$, 편향 보정 포함)으로 한 걸음 갔을 때 "
              "$x_1$은? (소수 넷째 자리까지)")
    explanation = (f"$g = {compact(g)}$, $m_1 = 0.1g$, $v_1 = 0.001g^2$이고 편향 보정으로 $\\hat m = g$, $\\hat v = g^2$이므로 "
                   f"걸음은 $\\eta \\, g/(|g| + \\varepsilon) \\approx {compact(sign * lr)}$이고 $x_1 \\approx {fixed(key)}$입니다. "
                   "첫 걸음의 길이가 그래디언트의 크기와 상관없이 $\\eta$가 되는 것은 보정이 $m$과 $v$를 같은 비율로 되돌리기 때문입니다.")
    wrongs = distinct_wrongs(key, 1e-4, [
        (x0 - sign * lr * 0.1 / math.sqrt(0.001),
         "편향 보정을 빼고 계산했습니다. $m_1/\\sqrt{v_1} = 0.1/\\sqrt{0.001} \\approx 3.16$이라 걸음이 $\\eta$의 3.16배가 됩니다."),
        (x0 - lr * g, "경사하강법의 걸음 $\\eta g$입니다. Adam은 $\\hat m/\\sqrt{\\hat v}$로 그래디언트의 크기를 나누어 없앱니다."),
        (x0 - sign * lr * 0.1, "$v$만 보정하고 $m$은 보정하지 않았습니다. $m_1 = 0.1g$를 $1 - \\beta_1$로 나누어야 걸음이 $\\eta$가 됩니다."),
        (x0 - sign * lr * 0.1 / 0.001 ** 0.5 / 0.1, "$m$만 보정하고 $v$는 보정하지 않았습니다. $\\sqrt{v_1} = \\sqrt{0.001}\\,|g|$도 "
                                                     "$1 - \\beta_2$로 나누어 되돌려야 합니다."),
        (x0 + sign * lr, "부호가 반대입니다. 그래디언트의 반대 방향으로 움직여야 합니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-4, wrong_answers=wrongs,
                   hints=["$\\hat m_1 = m_1/(1 - \\beta_1)$, $\\hat v_1 = v_1/(1 - \\beta_2)$입니다.",
                          "첫 걸음은 $\\eta\\,\\hat m_1/(\\sqrt{\\hat v_1} + \\varepsilon)$입니다."])


KINDS = ["극소", "극대", "안장점", "2차 조건으로는 판정할 수 없다"]


def _kind(values) -> int:
    if min(values) > 1e-12:
        return 0
    if max(values) < -1e-12:
        return 1
    if min(values) < -1e-12 < 1e-12 < max(values):
        return 2
    return 3


def _kind_message(i: int, key: int, halved: int, a: int, c: int, det: int) -> str:
    """Feedback for choosing KINDS[i] when the answer is KINDS[key] (halved: the verdict of the
    Hessian without the factor 2 on its diagonal)."""
    if i == halved:
        return ("$ax^2$의 두 번 미분을 $a$로 두었습니다. $ax^2$을 두 번 미분하면 $2a$이므로 헤세 행렬의 대각은 "
                "$2a$, $2c$입니다.")
    if key == 2 and i in (0, 1):
        same = "양수" if i == 0 else "음수"
        lead = f"$x^2$과 $y^2$의 계수가 {same}라도 $xy$ 항이 크면 다른 방향으로 휩니다. " if (a > 0) == (c > 0) == (i == 0) else ""
        return lead + f"행렬식이 ${det}${ro(det)} 음수라 두 고윳값의 부호가 다릅니다."
    if i in (0, 1):
        return (f"행렬식이 양수일 때는 대각 성분의 부호가 극소(양수)와 극대(음수)를 가릅니다. 여기서 $2a = {2 * a}$입니다.")
    if i == 2:
        return f"행렬식이 ${det}${ro(det)} 양수라 두 고윳값의 부호가 같습니다. 안장점은 행렬식이 음수일 때입니다."
    return f"행렬식이 ${det}${ro(det)} 0이 아니므로 고윳값에 0이 없어 2차 조건으로 판정됩니다."


@generator("optimization.critical_point")
def critical_point(rng, params: dict) -> Generated:
    """The kind of the critical point of f = ax² + bxy + cy² + dx + ey from its Hessian [[2a, b], [b, 2c]]."""
    import numpy as np

    a, b, c = draw_until(lambda: tuple(int(v) for v in rng.integers(-3, 4, size=3)),
                         lambda t: t[0] != 0 and t[2] != 0 and t[1] != 0 and 4 * t[0] * t[2] != t[1] ** 2)
    d, e = (int(v) for v in rng.integers(-4, 5, size=2))
    H = np.array([[2 * a, b], [b, 2 * c]], dtype=float)
    values = np.linalg.eigvalsh(H)
    key = _kind(values)
    det = 4 * a * c - b * b
    halved = _kind(np.linalg.eigvalsh(np.array([[a, b], [b, c]], dtype=float)))
    poly = " ".join(f"{'-' if k < 0 else '+'} {'' if abs(k) == 1 else abs(k)}{m}"
                    for k, m in ((a, "x^2"), (b, "xy"), (c, "y^2"), (d, "x"), (e, "y")) if k)
    poly = poly[2:] if poly.startswith("+ ") else "-" + poly[2:]
    prompt = f"$f(x, y) = {poly}$의 임계점($\\nabla f = \\mathbf{{0}}$인 점)은 어떤 점인가요?"
    explanation = (f"헤세 행렬의 행은 $({2 * a}, {b})$, $({b}, {2 * c})$이고 행렬식은 $4ac - b^2 = {det}$입니다. "
                   f"고윳값이 {', '.join(fixed(v, 3) for v in values)}이므로 답은 '{KINDS[key]}'입니다. "
                   "고윳값이 방향별 곡률이라서 부호가 모두 같으면 극소나 극대, 섞이면 안장점이 됩니다.")
    wrongs = []
    for i in range(len(KINDS)):
        if i != key:
            wrongs.append({"answer": i, "message": _kind_message(i, key, halved, a, c, det)})
    return Generated(type="choice", prompt=prompt, answer=key, explanation=explanation, choices=list(KINDS),
                     hints=["$ax^2 + bxy + cy^2$의 헤세 행렬은 행이 $(2a, b)$, $(b, 2c)$인 행렬입니다.",
                            "2 × 2에서는 행렬식이 음수면 안장점, 양수면 대각 성분의 부호로 극소와 극대를 가릅니다."],
                     wrong_answers=wrongs)
