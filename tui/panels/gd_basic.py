"""Panels of lesson 03 (gradient descent, the gentle part): derivative, 1-D and 2-D descent."""

from __future__ import annotations

from mathcore import InputError

from . import Field, Frame, Panel, PanelResult, PlotSpec, Series
from ._inputs import (
    compile_function, downsample_indices, expression, fail, fmt_array, fmt_num, integer,
    is_blank, number, variables, vector,
)

MAX_FRAMES = 400


def _pretty(expr) -> str:
    import sympy

    text = sympy.sstr(expr)
    return text.replace("**", "^")


def _level_points(func, xs, ys, levels):
    """Points where f crosses each level, found on a grid (a light marching squares)."""
    import numpy as np

    gx, gy = np.meshgrid(xs, ys)
    fz = func(gx, gy)
    out_x: list[float] = []
    out_y: list[float] = []
    for level in levels:
        s = fz - level
        # Horizontal neighbours with opposite signs: interpolate the crossing in x.
        h = (s[:, :-1] * s[:, 1:]) < 0
        r, c = np.nonzero(h)
        t = s[r, c] / (s[r, c] - s[r, c + 1])
        out_x.extend((xs[c] + t * (xs[c + 1] - xs[c])).tolist())
        out_y.extend(ys[r].tolist())
        v = (s[:-1, :] * s[1:, :]) < 0
        r, c = np.nonzero(v)
        t = s[r, c] / (s[r, c] - s[r + 1, c])
        out_x.extend(xs[c].tolist())
        out_y.extend((ys[r] + t * (ys[r + 1] - ys[r])).tolist())
    return out_x, out_y


def compute_derivative(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import calculus

    names = variables(values, "variables", "변수")
    expr = expression(values, "f", "함수 f", names)
    try:
        grads = calculus.gradient(expr, names)
    except InputError as err:
        raise fail("f", "함수 f", getattr(err, "message", str(err))) from None
    lines = [f"f({', '.join(names)}) = {_pretty(expr)}", ""]
    if len(names) == 1:
        lines.append(f"f'({names[0]}) = d f / d{names[0]} = {_pretty(grads[0])}")
    else:
        for var, g in zip(names, grads):
            lines.append(f"∂f/∂{var} = {_pretty(g)}")
        lines.append("∇f = (" + ", ".join(_pretty(g) for g in grads) + ")")
    data: dict = {"gradient": [_pretty(g) for g in grads], "gradient_exprs": grads}

    plots = []
    if not is_blank(values, "point"):
        point = vector(values, "point", "계산할 점", length=len(names))
        f_num = compile_function(expr, names, "f", "함수 f")
        g_nums = [compile_function(g, names, "f", "함수 f") for g in grads]
        args = [np.array([p]) for p in point]
        f_val = float(f_num(*args)[0])
        g_val = np.array([float(g(*args)[0]) for g in g_nums])
        data.update(point=point, value=f_val, gradient_value=g_val)
        where = ", ".join(f"{v} = {fmt_num(p)}" for v, p in zip(names, point))
        lines += ["", f"{where} 에서:", f"  f = {fmt_num(f_val)}"]
        if len(names) == 1:
            lines.append(f"  f' = {fmt_num(g_val[0])}  (접선의 기울기)")
            lines.append("  f'이 양수면 x를 줄이고, 음수면 x를 늘려야 f가 작아집니다.")
        else:
            lines.append(f"  ∇f = {fmt_array(g_val, 6)}")
            lines.append("  −∇f 방향이 f가 가장 빨리 줄어드는 방향입니다.")
        if len(names) == 1:
            x0 = float(point[0])
            grid = np.linspace(x0 - 5.0, x0 + 5.0, 201)
            fy = f_num(grid)
            gy = g_nums[0](grid)
            tangent = f_val + g_val[0] * (grid - x0)
            finite = np.isfinite(fy)
            plots.append(PlotSpec(
                kind="line",
                title="함수, 도함수, 접선",
                xlabel=names[0],
                ylabel="값",
                series=[
                    Series(grid[finite].tolist(), fy[finite].tolist(), label="f"),
                    Series(grid[np.isfinite(gy)].tolist(), gy[np.isfinite(gy)].tolist(), label="f'"),
                    Series(grid[np.isfinite(tangent)].tolist(), tangent[np.isfinite(tangent)].tolist(), label="접선"),
                ],
                highlight=(x0, f_val, "계산한 점"),
            ))
    return PanelResult("\n".join(lines), plots, data)


def _run_descent(values: dict[str, str], names: tuple[str, ...], init_label: str):
    from mathcore import calculus

    f_label = f"함수 f({', '.join(names)})"
    expr = expression(values, "f", f_label, names)
    init = vector(values, "init", init_label, length=len(names))
    lr = number(values, "lr", "학습률 η", low=0.0, low_open=True, high=100.0)
    eps = number(values, "eps", "종료 기준 ε", low=0.0, low_open=True, high=1e3)
    max_iter = integer(values, "max_iter", "최대 반복 수", low=1, high=100_000)
    try:
        result = calculus.gradient_descent(
            expr, init if len(names) > 1 else float(init[0]), lr=lr, eps=eps,
            max_iter=max_iter, variables=names,
        )
    except InputError as err:
        raise fail(err.field if err.field in ("init", "lr", "eps", "max_iter") else "f",
                   {"init": init_label, "lr": "학습률 η", "eps": "종료 기준 ε",
                    "max_iter": "최대 반복 수"}.get(err.field or "", f_label),
                   getattr(err, "message", str(err))) from None
    grads = calculus.gradient(expr, names)
    return expr, grads, result, lr, eps


def _status_lines(result, eps: float) -> list[str]:
    if result.diverged:
        return ["발산했습니다: 값이 너무 커져 멈췄습니다. 학습률을 줄여 보세요."]
    if result.converged:
        return [f"수렴: {result.iterations}번 반복 뒤 기울기 크기가 ε = {fmt_num(eps)}보다 작아졌습니다."]
    return [f"최대 반복 수({result.iterations}번)에 도달했지만 아직 수렴하지 않았습니다."]


def compute_descent(values: dict[str, str]) -> PanelResult:
    import numpy as np

    expr, grads, result, lr, eps = _run_descent(values, ("x",), "시작점 x₀")
    path = np.asarray(result.path, dtype=float).reshape(-1)
    fvals = np.asarray(result.values, dtype=float).reshape(-1)
    g_num = compile_function(grads[0], ("x",), "f", "함수 f(x)")
    f_num = compile_function(expr, ("x",), "f", "함수 f(x)")
    slopes = g_num(path)

    lines = [
        f"f(x) = {_pretty(expr)},   f'(x) = {_pretty(grads[0])}",
        f"시작점 x₀ = {fmt_num(path[0])},  학습률 η = {fmt_num(lr)}",
        "갱신 규칙: x ← x − η·f'(x)",
        "",
        *_status_lines(result, eps),
    ]
    if not result.diverged:
        minimizer = float(np.asarray(result.minimizer, dtype=float).reshape(-1)[0])
        lines.append(f"최소점 x ≈ {fmt_num(minimizer, 8)},  f(x) ≈ {fmt_num(fvals[-1], 8)}")
    lines.append(f"반복 {result.iterations}번, 경로의 점 {path.size}개")

    finite = np.isfinite(path) & np.isfinite(fvals)
    lo, hi = float(path[finite].min()), float(path[finite].max())
    pad = max(1.0, 0.25 * (hi - lo))
    grid = np.linspace(lo - pad, hi + pad, 200)
    curve = f_num(grid)
    ok = np.isfinite(curve)
    keep = downsample_indices(path.size, MAX_FRAMES)
    keep = keep[finite[keep]]
    plots = [
        PlotSpec(
            kind="line", title="f(x)와 경사하강 경로", xlabel="x", ylabel="f(x)",
            series=[
                Series(grid[ok].tolist(), curve[ok].tolist(), label="f(x)"),
                Series(path[keep].tolist(), fvals[keep].tolist(), label="경로", kind="scatter"),
            ],
            highlight=(float(path[keep[-1]]), float(fvals[keep[-1]]), "현재 점"),
        ),
        PlotSpec(
            kind="line", title="반복에 따른 f(x)", xlabel="반복", ylabel="f(x)",
            series=[Series(keep.tolist(), fvals[keep].tolist(), label="f(xₖ)")],
            highlight=(float(keep[-1]), float(fvals[keep[-1]]), "현재 반복"),
        ),
    ]
    frames = [
        Frame(
            text=f"반복 {k}: x = {fmt_num(path[k], 8)}, f(x) = {fmt_num(fvals[k], 8)}, f'(x) = {fmt_num(slopes[k], 6)}",
            highlights={0: (float(path[k]), float(fvals[k])), 1: (float(k), float(fvals[k]))},
        )
        for k in keep
    ]
    data = {"path": path, "values": fvals, "iterations": result.iterations,
            "converged": bool(result.converged), "diverged": bool(result.diverged),
            "minimizer": result.minimizer, "derivative": _pretty(grads[0])}
    return PanelResult("\n".join(lines), plots, data, frames)


def compute_descent2d(values: dict[str, str]) -> PanelResult:
    import numpy as np

    names = ("x", "y")
    expr, grads, result, lr, eps = _run_descent(values, names, "시작점 (x₀, y₀)")
    path = np.asarray(result.path, dtype=float).reshape(-1, 2)
    fvals = np.asarray(result.values, dtype=float).reshape(-1)
    f_num = compile_function(expr, names, "f", "함수 f(x, y)")
    g_nums = [compile_function(g, names, "f", "함수 f(x, y)") for g in grads]

    lines = [
        f"f(x, y) = {_pretty(expr)}",
        f"∇f = ({_pretty(grads[0])}, {_pretty(grads[1])})",
        f"시작점 = {fmt_array(path[0], 6)},  학습률 η = {fmt_num(lr)}",
        "갱신 규칙: (x, y) ← (x, y) − η·∇f(x, y),  ‖∇f‖ < ε 이면 멈춤",
        "",
        *_status_lines(result, eps),
    ]
    if not result.diverged:
        lines.append(f"최소점 ≈ {fmt_array(np.asarray(result.minimizer, dtype=float), 8)},  f ≈ {fmt_num(fvals[-1], 8)}")
    lines.append(f"반복 {result.iterations}번")

    finite = np.all(np.isfinite(path), axis=1) & np.isfinite(fvals)
    good = path[finite]
    lo, hi = good.min(axis=0), good.max(axis=0)
    pad = np.maximum(0.5, 0.2 * (hi - lo))
    xs = np.linspace(lo[0] - pad[0], hi[0] + pad[0], 90)
    ys = np.linspace(lo[1] - pad[1], hi[1] + pad[1], 60)
    fin_vals = fvals[finite]
    levels = np.unique(np.quantile(fin_vals, [0.02, 0.1, 0.3, 0.6, 1.0]))
    if levels.size < 3:
        levels = np.linspace(fin_vals.min(), fin_vals.max() + 1.0, 5)[1:]
    lx, ly = _level_points(f_num, xs, ys, levels)
    keep = downsample_indices(path.shape[0], MAX_FRAMES)
    keep = keep[finite[keep]]
    plots = [
        PlotSpec(
            kind="line", title="등고선 위의 경사하강 경로", xlabel="x", ylabel="y",
            series=[
                Series(lx, ly, label="등고선", kind="scatter", marker="dot"),
                Series(path[keep, 0].tolist(), path[keep, 1].tolist(), label="경로", kind="line"),
            ],
            highlight=(float(path[keep[-1], 0]), float(path[keep[-1], 1]), "현재 점"),
            xlim=(float(xs[0]), float(xs[-1])), ylim=(float(ys[0]), float(ys[-1])),
        ),
        PlotSpec(
            kind="line", title="반복에 따른 f(x, y)", xlabel="반복", ylabel="f",
            series=[Series(keep.tolist(), fvals[keep].tolist(), label="f(xₖ, yₖ)")],
            highlight=(float(keep[-1]), float(fvals[keep[-1]]), "현재 반복"),
        ),
    ]
    frames = []
    for k in keep:
        px, py = np.array([path[k, 0]]), np.array([path[k, 1]])
        gnorm = float(np.hypot(g_nums[0](px, py)[0], g_nums[1](px, py)[0]))
        frames.append(Frame(
            text=f"반복 {k}: (x, y) = ({fmt_num(path[k, 0], 6)}, {fmt_num(path[k, 1], 6)}), "
                 f"f = {fmt_num(fvals[k], 6)}, ‖∇f‖ = {fmt_num(gnorm, 4)}",
            highlights={0: (float(path[k, 0]), float(path[k, 1])), 1: (float(k), float(fvals[k]))},
        ))
    data = {"path": path, "values": fvals, "iterations": result.iterations,
            "converged": bool(result.converged), "diverged": bool(result.diverged),
            "minimizer": result.minimizer}
    return PanelResult("\n".join(lines), plots, data, frames)


DESCENT_FIELDS = [
    Field("f", "함수 f(x)", "x^2 + 2x + 3", help="예: x^2 + 2x + 3, sin(x) + x^2/4"),
    Field("init", "시작점 x₀", "3"),
    Field("lr", "학습률 η", "0.1"),
    Field("eps", "종료 기준 ε", "1e-5", help="|f'(x)| < ε 이면 멈춥니다"),
    Field("max_iter", "최대 반복 수", "1000"),
]

PANELS = [
    Panel(
        id="gd_basic.derivative",
        title="미분, 편미분, 그래디언트",
        lesson="gd_basic",
        description="식을 입력하면 SymPy로 도함수(변수가 여럿이면 편미분과 그래디언트)를 구하고 한 점에서 값을 계산합니다.",
        fields=[
            Field("f", "함수 f", "x^2 + 2x + 3", help="예: x^2 + 2xy + 3 + cos(x + 2y) (변수에 y 추가)"),
            Field("variables", "변수", "x", help="쉼표로 구분 (예: x, y)"),
            Field("point", "계산할 점", "1", help="변수 개수만큼 (비워 두면 건너뜀)"),
        ],
        compute=compute_derivative,
    ),
    Panel(
        id="gd_basic.descent",
        title="1차원 경사하강법",
        lesson="gd_basic",
        description="x ← x − η f'(x)를 |f'(x)| < ε가 될 때까지 반복합니다. n / p / 스페이스로 한 단계씩 볼 수 있습니다.",
        fields=DESCENT_FIELDS,
        compute=compute_descent,
        playback=True,
    ),
    Panel(
        id="gd_basic.descent2d",
        title="2차원 경사하강법과 등고선",
        lesson="gd_basic",
        description="f(x, y)의 등고선 위에서 −∇f 방향으로 내려가는 경로를 봅니다. n / p / 스페이스로 재생합니다.",
        fields=[
            Field("f", "함수 f(x, y)", "x^2 + 2y^2 + x*y", help="변수는 x, y"),
            Field("init", "시작점 (x₀, y₀)", "-2, 2"),
            Field("lr", "학습률 η", "0.1"),
            Field("eps", "종료 기준 ε", "1e-5", help="‖∇f‖ < ε 이면 멈춥니다"),
            Field("max_iter", "최대 반복 수", "1000"),
        ],
        compute=compute_descent2d,
        playback=True,
    ),
]
