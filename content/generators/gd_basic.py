"""Question generators for lesson 03 (gd_basic): derivatives, descent steps, partial derivatives."""

from __future__ import annotations

from . import Generated, generator
from ._common import compact, draw_until, expression, factor, numeric


def _answer_text(expr) -> str:
    """A SymPy expression in the syntax a learner types (^ for powers)."""
    return str(expr).replace("**", "^")


def _nonzero(rng, low: int, high: int) -> int:
    """A random integer in [low, high] other than zero."""
    return draw_until(lambda: int(rng.integers(low, high + 1)), bool)


@generator("gd_basic.quadratic_derivative")
def quadratic_derivative(rng, params: dict) -> Generated:
    """d/dx of a random quadratic a x² + b x + c (key from mathcore.calculus.derivative)."""
    import sympy

    from mathcore import calculus

    x = sympy.Symbol("x")
    a = _nonzero(rng, -5, 5)
    b = _nonzero(rng, -8, 8)
    c = int(rng.integers(-9, 10))
    f = a * x**2 + b * x + c
    df = calculus.derivative(f, "x")
    prompt = (f"$f(x) = {sympy.latex(f)}$의 도함수 $f'(x)$를 입력하세요.")
    explanation = (
        f"거듭제곱 규칙으로 ${sympy.latex(a * x**2)} \\to {sympy.latex(2 * a * x)}$, "
        f"${sympy.latex(b * x)} \\to {b}$이고 상수항은 0이 됩니다. "
        f"따라서 $f'(x) = {sympy.latex(df)}$입니다. 도함수가 0인 점 "
        f"$x = {sympy.latex(sympy.Rational(-b, 2 * a))}$에서 기울기가 0이 됩니다."
    )
    wrong = [{"answer": _answer_text(a * x + b),
              "message": "x²의 미분은 2x입니다. 지수 2를 앞으로 내려 계수에 곱하세요."}]
    if c != 0:
        wrong.append({"answer": _answer_text(df + c),
                      "message": "상수항은 x가 변해도 변하지 않으므로 미분하면 0입니다."})
    return expression(prompt, _answer_text(df), explanation, variables=["x"], wrong_answers=wrong,
                      hints=["$\\frac{d}{dx} x^n = n x^{n-1}$을 항마다 적용하세요.", "상수의 도함수는 0입니다."])


@generator("gd_basic.descent_steps")
def descent_steps(rng, params: dict) -> Generated:
    """Position after two gradient-descent steps on a random quadratic (derivative from mathcore)."""
    import sympy

    from mathcore import calculus

    x = sympy.Symbol("x")
    a = int(rng.choice([1, 2]))
    b = int(rng.integers(-6, 7))
    c = int(rng.integers(-5, 6))
    lr = float(rng.choice([0.1, 0.25] if a == 1 else [0.1, 0.05]))
    x0 = _nonzero(rng, -4, 4)
    f = a * x**2 + b * x + c
    df = calculus.derivative(f, "x")
    slope = sympy.lambdify(x, df, modules="math")

    points = [float(x0)]
    slopes = []
    for _ in range(2):
        slopes.append(slope(points[-1]))
        points.append(points[-1] - lr * slopes[-1])
    x2 = points[2]
    # The same two steps with the sign flipped: a learner who climbs instead of descending.
    up = float(x0)
    for _ in range(2):
        up = up + lr * slope(up)

    prompt = (
        f"$f(x) = {sympy.latex(f)}$에서 $x_0 = {x0}$, 학습률 $\\eta = {compact(lr)}$로 경사하강법을 "
        "두 걸음 진행합니다. $x_2$는? (소수로 입력)"
    )
    explanation = (
        f"$f'(x) = {sympy.latex(df)}$. 첫 걸음: $f'({x0}) = {compact(slopes[0])}$, "
        f"$x_1 = {x0} - {compact(lr)} \\cdot {factor(slopes[0], compact)} = {compact(points[1])}$. "
        f"둘째 걸음: $f'({compact(points[1])}) = {compact(slopes[1])}$, "
        f"$x_2 = {compact(points[1])} - {compact(lr)} \\cdot {factor(slopes[1], compact)} = {compact(x2)}$. "
        f"미분값의 부호가 오르막 방향을 알려 주므로 그 반대로 움직이면 최솟점 "
        f"$x = {sympy.latex(sympy.Rational(-b, 2 * a))}$ 쪽으로 다가갑니다."
    )
    wrong = []
    if abs(points[1] - x2) > 1e-9:
        wrong.append({"answer": compact(points[1]),
                      "message": "한 걸음 뒤의 값 x₁입니다. 같은 갱신을 한 번 더 적용하세요."})
    if abs(up - x2) > 1e-9:
        wrong.append({"answer": compact(up),
                      "message": "미분값을 더했습니다(경사상승). 최소화하려면 x − η f′(x)로 빼야 합니다."})
    return numeric(prompt, x2, explanation, tolerance=1e-6, wrong_answers=wrong,
                   hints=["갱신식은 $x_{k+1} = x_k - \\eta f'(x_k)$입니다.",
                          f"먼저 $f'(x) = {sympy.latex(df)}$에 $x_0$를 넣으세요."])


@generator("gd_basic.partial_at_point")
def partial_at_point(rng, params: dict) -> Generated:
    """A partial derivative of a two-variable quadratic at an integer point (mathcore.calculus.gradient)."""
    import sympy

    from mathcore import calculus

    x, y = sympy.symbols("x y")
    a = _nonzero(rng, -3, 3)
    b = _nonzero(rng, -4, 4)
    c = _nonzero(rng, -3, 3)
    d = int(rng.integers(-5, 6))
    px = int(rng.integers(-3, 4))
    py = int(rng.integers(-3, 4))
    wrt = str(params.get("variable") or rng.choice(["x", "y"]))
    if wrt not in ("x", "y"):
        raise ValueError(f"variable must be 'x' or 'y', not {wrt!r}")
    f = a * x**2 + b * x * y + c * y**2 + d * x
    gx, gy = calculus.gradient(f, ("x", "y"))
    at = {x: px, y: py}
    value_x = float(gx.subs(at))
    value_y = float(gy.subs(at))
    key, other = (value_x, value_y) if wrt == "x" else (value_y, value_x)
    chosen = gx if wrt == "x" else gy
    prompt = (
        f"$f(x, y) = {sympy.latex(f)}$일 때, 점 $({px}, {py})$에서의 편미분 "
        f"$\\frac{{\\partial f}}{{\\partial {wrt}}}$의 값은?"
    )
    other_name = "y" if wrt == "x" else "x"
    explanation = (
        f"{other_name}를 상수로 두고 {wrt}로 미분하면 "
        f"$\\frac{{\\partial f}}{{\\partial {wrt}}} = {sympy.latex(chosen)}$입니다. "
        f"$({px}, {py})$를 대입하면 ${compact(key)}$입니다. 편미분은 다른 변수를 고정한 채 한 축 방향의 기울기만 "
        "재므로 그 변수가 든 항은 상수처럼 다룹니다. "
        f"(그래디언트 전체는 $\\nabla f({px}, {py}) = ({compact(value_x)}, {compact(value_y)})$.)"
    )
    wrong = []
    if abs(other - key) > 1e-9:
        wrong.append({"answer": compact(other),
                      "message": f"{other_name}에 대한 편미분 값입니다. {wrt}로 미분하세요."})
    return numeric(prompt, key, explanation, tolerance=1e-9, wrong_answers=wrong,
                   hints=[f"{other_name}는 숫자처럼 취급합니다. 예를 들어 $xy$를 {wrt}로 미분하면 "
                          f"{other_name}만 남습니다.",
                          "편도함수를 구한 뒤 점의 좌표를 대입하세요."])
