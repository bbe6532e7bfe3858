"""Panels of lesson 03 (gradient descent, the gentle part): derivative, 1-D and 2-D descent."""

from __future__ import annotations

from . import Frame, Panel, PanelResult, PlotSpec, Series
from .fields import Expression, Function, Integer, Number, Variables, Vector
from .format import evenly_spaced, expr_text, fmt_array, fmt_num
from .iterative import check_slope, check_start, divergence_text, first_blowup

MAX_FRAMES = 400


def _level_points(func, xs, ys, levels):
    """Points where f crosses each level, found on a grid (a light marching squares)."""
    import numpy as np

    gx, gy = np.meshgrid(xs, ys)
    fz = func(gx, gy)
    out_x: list[float] = []
    out_y: list[float] = []
    with np.errstate(all="ignore"):
        for level in levels:
            s = fz - level
            # Horizontal neighbours with opposite signs: interpolate the crossing in x.
            r, c = np.nonzero((s[:, :-1] * s[:, 1:]) < 0)
            t = s[r, c] / (s[r, c] - s[r, c + 1])
            out_x.extend((xs[c] + t * (xs[c + 1] - xs[c])).tolist())
            out_y.extend(ys[r].tolist())
            r, c = np.nonzero((s[:-1, :] * s[1:, :]) < 0)
            t = s[r, c] / (s[r, c] - s[r + 1, c])
            out_x.extend(xs[c].tolist())
            out_y.extend((ys[r] + t * (ys[r + 1] - ys[r])).tolist())
    return out_x, out_y


def _derivative_plot(f, slope, x0: float, f_val: float, g_val: float, var: str) -> PlotSpec:
    import numpy as np

    grid = np.linspace(x0 - 5.0, x0 + 5.0, 201)
    series = [Series(grid.tolist(), f(grid).tolist(), label="f"),
              Series(grid.tolist(), slope(grid).tolist(), label="f'")]
    defined = np.isfinite(f_val) and np.isfinite(g_val)
    if defined:
        series.append(Series(grid.tolist(), (f_val + g_val * (grid - x0)).tolist(), label="접선"))
    return PlotSpec(kind="line", title="함수, 도함수, 접선", xlabel=var, ylabel="값", series=series,
                    highlight=(x0, f_val, "계산한 점") if defined else None, vlines=[] if defined else [x0])


def compute_derivative(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import calculus

    names, f = v["variables"], v["f"]
    grads = [Function(g, names) for g in calculus.gradient(f.expr, names)]
    lines = [f"f({', '.join(names)}) = {f.text}", ""]
    if len(names) == 1:
        lines.append(f"f'({names[0]}) = df/d{names[0]} = {grads[0].text}")
    else:
        lines += [f"∂f/∂{var} = {g.text}" for var, g in zip(names, grads)]
        lines.append("∇f = (" + ", ".join(g.text for g in grads) + ")")
    data: dict = {"gradient": [g.text for g in grads], "gradient_exprs": tuple(g.expr for g in grads)}
    plots = []
    point = v["point"]
    if point is not None:
        f_val = f.at(*point)
        g_val = np.array([g.at(*point) for g in grads])
        data.update(point=point, value=f_val, gradient_value=g_val)
        where = ", ".join(f"{var} = {fmt_num(p)}" for var, p in zip(names, point))
        lines += ["", f"{where} 에서:"]
        if not np.isfinite(f_val):
            lines.append(f"  f가 이 점에서 정의되지 않습니다 (f = {fmt_num(f_val)}). 그래프에서 세로선으로 표시합니다.")
        else:
            lines.append(f"  f = {fmt_num(f_val)}")
            if len(names) == 1:
                lines.append(f"  f' = {fmt_num(g_val[0])}  (접선의 기울기)")
                lines.append("  f'이 양수면 x를 줄이고, 음수면 x를 늘려야 f가 작아집니다.")
            else:
                lines.append(f"  ∇f = {fmt_array(g_val, 6)}")
                lines.append("  −∇f 방향이 f가 가장 빨리 줄어드는 방향입니다.")
        if len(names) == 1:
            plots.append(_derivative_plot(f, grads[0], float(point[0]), f_val, float(g_val[0]), names[0]))
    return PanelResult("\n".join(lines), plots, data)


def _run_descent(v: dict, names: tuple[str, ...]):
    """mathcore's descent from a start where f and ∇f are defined, cut at the first blow-up."""
    import numpy as np

    from mathcore import calculus

    f, init = v["f"], v["init"]
    check_start(f, init)
    grads = calculus.gradient(f.expr, names)
    slopes = [Function(g, names) for g in grads]
    check_slope([g.at(*init) for g in slopes], init)
    with np.errstate(all="ignore"):
        result = calculus.gradient_descent(f.expr, init if len(names) > 1 else float(init[0]), lr=v["lr"],
                                           eps=v["eps"], max_iter=v["max_iter"], variables=names)
    path = np.asarray(result.path, dtype=float).reshape(-1, len(names))
    values = np.asarray(result.values, dtype=float).reshape(-1)
    stop = first_blowup(np.column_stack([path, values]))
    diverged = bool(result.diverged) or stop is not None
    if stop is not None:
        path, values = path[:max(stop, 1)], values[:max(stop, 1)]
    step = int(stop) if stop is not None else path.shape[0]
    return slopes, result, path, values, diverged, step


def _status_lines(result, diverged: bool, step: int, eps: float) -> list[str]:
    if diverged:
        return [divergence_text(step, "x나 f(x)가")]
    if result.converged:
        return [f"수렴: {result.iterations}번 반복 뒤 기울기 크기가 ε = {fmt_num(eps)}보다 작아졌습니다."]
    return [f"최대 반복 수({result.iterations}번)에 도달했지만 아직 수렴하지 않았습니다."]


def compute_descent(v: dict) -> PanelResult:
    import numpy as np

    f = v["f"]
    slopes, result, path2, fvals, diverged, step = _run_descent(v, ("x",))
    path = path2[:, 0]
    slope = slopes[0](path)
    lines = [
        f"f(x) = {f.text},   f'(x) = {slopes[0].text}",
        f"시작점 x₀ = {fmt_num(path[0])},  학습률 η = {fmt_num(v['lr'])}",
        "갱신 규칙: x ← x − η·f'(x)",
        "",
        *_status_lines(result, diverged, step, v["eps"]),
    ]
    if not diverged:
        lines.append(f"최소점 x ≈ {fmt_num(path[-1], 8)},  f(x) ≈ {fmt_num(fvals[-1], 8)}")
    lines.append(f"반복 {path.size - 1}번, 경로의 점 {path.size}개" + (" (발산 전까지)" if diverged else ""))

    lo, hi = float(path.min()), float(path.max())
    margin = max(1.0, 0.25 * (hi - lo))
    grid = np.linspace(lo - margin, hi + margin, 200)
    keep = evenly_spaced(path.size, MAX_FRAMES)
    last = int(keep[-1])
    plots = [
        PlotSpec(kind="line", title="f(x)와 경사하강 경로", xlabel="x", ylabel="f(x)",
                 series=[Series(grid.tolist(), f(grid).tolist(), label="f(x)"),
                         Series(path[keep].tolist(), fvals[keep].tolist(), label="경로", kind="scatter")],
                 highlight=(float(path[last]), float(fvals[last]), "현재 점")),
        PlotSpec(kind="line", title="반복에 따른 f(x)", xlabel="반복", ylabel="f(x)", xint=True,
                 series=[Series(keep.tolist(), fvals[keep].tolist(), label="f(xₖ)")],
                 highlight=(float(last), float(fvals[last]), "현재 반복")),
    ]
    frames = [
        Frame(text=f"반복 {k}: x = {fmt_num(path[k], 8)}, f(x) = {fmt_num(fvals[k], 8)}, "
                   f"f'(x) = {fmt_num(slope[k], 6)}",
              highlights={0: (float(path[k]), float(fvals[k])), 1: (float(k), float(fvals[k]))})
        for k in keep
    ]
    data = {"path": path, "values": fvals, "iterations": result.iterations,
            "converged": bool(result.converged) and not diverged, "diverged": diverged,
            "minimizer": result.minimizer, "derivative": slopes[0].text}
    return PanelResult("\n".join(lines), plots, data, frames)


def _contours(f, path, fvals):
    import numpy as np

    lo, hi = path.min(axis=0), path.max(axis=0)
    margin = np.maximum(0.5, 0.2 * (hi - lo))
    xs = np.linspace(lo[0] - margin[0], hi[0] + margin[0], 90)
    ys = np.linspace(lo[1] - margin[1], hi[1] + margin[1], 60)
    levels = np.unique(np.quantile(fvals, [0.02, 0.1, 0.3, 0.6, 1.0]))
    if levels.size < 3:
        levels = np.linspace(fvals.min(), fvals.max() + 1.0, 5)[1:]
    lx, ly = _level_points(f, xs, ys, levels)
    return lx, ly, (float(xs[0]), float(xs[-1])), (float(ys[0]), float(ys[-1]))


def compute_descent2d(v: dict) -> PanelResult:
    import numpy as np

    f = v["f"]
    slopes, result, path, fvals, diverged, step = _run_descent(v, ("x", "y"))
    lines = [
        f"f(x, y) = {f.text}",
        f"∇f = ({slopes[0].text}, {slopes[1].text})",
        f"시작점 = {fmt_array(path[0], 6)},  학습률 η = {fmt_num(v['lr'])}",
        "갱신 규칙: (x, y) ← (x, y) − η·∇f(x, y),  ‖∇f‖ < ε 이면 멈춤",
        "",
        *_status_lines(result, diverged, step, v["eps"]),
    ]
    if not diverged:
        lines.append(f"최소점 ≈ {fmt_array(path[-1], 8)},  f ≈ {fmt_num(fvals[-1], 8)}")
    lines.append(f"반복 {path.shape[0] - 1}번" + (" (발산 전까지)" if diverged else ""))
    lx, ly, xlim, ylim = _contours(f, path, fvals)
    keep = evenly_spaced(path.shape[0], MAX_FRAMES)
    last = int(keep[-1])
    plots = [
        PlotSpec(kind="line", title="등고선 위의 경사하강 경로", xlabel="x", ylabel="y", equal_aspect=True,
                 series=[Series(lx, ly, label="등고선", kind="scatter", marker="dot"),
                         Series(path[keep, 0].tolist(), path[keep, 1].tolist(), label="경로", kind="line")],
                 highlight=(float(path[last, 0]), float(path[last, 1]), "현재 점"), xlim=xlim, ylim=ylim),
        PlotSpec(kind="line", title="반복에 따른 f(x, y)", xlabel="반복", ylabel="f", xint=True,
                 series=[Series(keep.tolist(), fvals[keep].tolist(), label="f(xₖ, yₖ)")],
                 highlight=(float(last), float(fvals[last]), "현재 반복")),
    ]
    gnorm = np.hypot(slopes[0](path[:, 0], path[:, 1]), slopes[1](path[:, 0], path[:, 1]))
    frames = [
        Frame(text=f"반복 {k}: (x, y) = ({fmt_num(path[k, 0], 6)}, {fmt_num(path[k, 1], 6)}), "
                   f"f = {fmt_num(fvals[k], 6)}, ‖∇f‖ = {fmt_num(gnorm[k], 4)}",
              highlights={0: (float(path[k, 0]), float(path[k, 1])), 1: (float(k), float(fvals[k]))})
        for k in keep
    ]
    data = {"path": path, "values": fvals, "iterations": result.iterations,
            "converged": bool(result.converged) and not diverged, "diverged": diverged,
            "minimizer": result.minimizer}
    return PanelResult("\n".join(lines), plots, data, frames)


def _descent_fields(names: tuple[str, ...], f_default: str, init_default: str, init_label: str, eps_help: str):
    label = f"함수 f({', '.join(names)})"
    return [
        Expression("f", label, f_default, variables=names,
                   help="예: x^2 + 2x + 3, sin(x) + x^2/4" if len(names) == 1 else "변수는 x, y"),
        Vector("init", init_label, init_default, length=len(names)),
        Number("lr", "학습률 η", "0.1", low=0.0, low_open=True, high=100.0),
        Number("eps", "종료 기준 ε", "1e-5", low=0.0, low_open=True, high=1e3, help=eps_help),
        Integer("max_iter", "최대 반복 수", "1000", low=1, high=100_000),
    ]


DESCENT_FIELDS = _descent_fields(("x",), "x^2 + 2x + 3", "3", "시작점 x₀", "|f'(x)| < ε 이면 멈춥니다")
_ARGS = {"expr": "f"}


def _point_length(parsed) -> int:
    return len(parsed["variables"])


PANELS = [
    Panel(
        id="gd_basic.derivative",
        title="미분, 편미분, 그래디언트",
        lesson="gd_basic",
        description="식을 입력하면 SymPy로 도함수(변수가 여럿이면 편미분과 그래디언트)를 구하고 한 점에서 값을 계산합니다.",
        fields=[
            Expression("f", "함수 f", "x^2 + 2x + 3", variables="variables",
                       help="예: x^2 + 2xy + 3 + cos(x + 2y) (변수에 y 추가)"),
            Variables("variables", "변수", "x", help="쉼표로 구분 (예: x, y)"),
            Vector("point", "계산할 점", "1", optional=True, length=_point_length, after=("variables",),
                   help="변수 개수만큼 (비워 두면 건너뜀)"),
        ],
        compute=compute_derivative,
        arg_fields=_ARGS,
    ),
    Panel(
        id="gd_basic.descent",
        title="1차원 경사하강법",
        lesson="gd_basic",
        description="x ← x − η f'(x)를 |f'(x)| < ε가 될 때까지 반복합니다. n / p / 스페이스로 한 단계씩 볼 수 있습니다.",
        fields=DESCENT_FIELDS,
        compute=compute_descent,
        playback=True,
        arg_fields=_ARGS,
    ),
    Panel(
        id="gd_basic.descent2d",
        title="2차원 경사하강법과 등고선",
        lesson="gd_basic",
        description="f(x, y)의 등고선 위에서 −∇f 방향으로 내려가는 경로를 봅니다. n / p / 스페이스로 재생합니다.",
        fields=_descent_fields(("x", "y"), "x^2 + 2y^2 + x*y", "-2, 2", "시작점 (x₀, y₀)", "‖∇f‖ < ε 이면 멈춥니다"),
        compute=compute_descent2d,
        playback=True,
        arg_fields=_ARGS,
    ),
]
