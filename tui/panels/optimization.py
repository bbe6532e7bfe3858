"""Panels of lesson 14 (optimisation in depth): an optimiser race over level sets, the Hessian at
a point with its verdict and the bound 2/λ_max, and the spread of activations under three
initialisations."""

from __future__ import annotations

import math

from mathcore import InputError

from . import Frame, Panel, PanelResult, PlotSpec, Series
from .fields import Choice, Expression, Function, Integer, Number, Variables, Vector
from .format import evenly_spaced, expr_text, fmt_array, fmt_num, table
from .gd_basic import _level_points
from .iterative import check_slope, check_start, divergence_text, first_blowup, loss_divergence

RACERS = ("gd", "momentum", "rmsprop", "adam", "newton")
RACER_NAMES = {"gd": "경사하강법", "momentum": "모멘텀", "rmsprop": "RMSProp", "adam": "Adam", "newton": "뉴턴법"}
SHORT = {**RACER_NAMES, "gd": "GD", "newton": "뉴턴"}  # the playback line
MAX_FRAMES = 200
LOG_FLOOR = 1e-12  # the loss plot (log scale) shows f below this share of its largest value at the floor
XY = ("x", "y")


def hessian_parts(expr, names):
    """The symbolic Hessian with DiracDelta terms (second derivatives of abs, max, min) set to 0, as
    they are away from a kink, and the arguments of those deltas (the kinks are where one is 0)."""
    import sympy

    from mathcore import calculus

    H = calculus.hessian(expr, names)
    kinks = sorted({d.args[0] for e in H for d in e.atoms(sympy.DiracDelta)}, key=str)
    return H.replace(sympy.DiracDelta, lambda *args: sympy.S.Zero), kinks


def _race_one(method: str, f: Function, v: dict) -> dict:
    """One optimiser from the start, cut at the first blow-up (shared divergence rules)."""
    import numpy as np

    from mathcore import optim

    hyper = {"momentum": v["momentum"]} if method == "momentum" else {}
    lr = 1.0 if method == "newton" else v["lr"]
    with np.errstate(all="ignore"):
        run = optim.optimize(method, f.expr, v["init"], lr, v["steps"], variables=XY, **hyper)
    path, values = np.asarray(run.path, dtype=float), np.asarray(run.values, dtype=float)
    stop, step = loss_divergence(values)
    blown = first_blowup(path)
    if blown is not None and (stop is None or blown < stop):
        stop = step = blown
    if run.diverged and step is None:
        step = path.shape[0]
    if stop is not None:
        path, values = path[:max(stop, 1)], values[:max(stop, 1)]
    grew = step is not None and stop is None
    return {"method": method, "path": path, "values": values, "step": step, "grew": grew,
            "stopped": run.stopped, "reason": run.reason}


def _verdict(run: dict, grads, hess) -> str:
    """Korean outcome of one run: diverged, stopped, converged (to what kind of point) or not yet."""
    import numpy as np

    if run["step"] is not None:
        falling = run["values"][-1] < run["values"][0]
        return "발산 (f가 한없이 작아짐)" if falling and not run["grew"] else "발산"
    if run["stopped"]:
        return "멈춤 (헤세 행렬이 특이)"
    end = run["path"][-1]
    gnorm = float(np.hypot(*[g.at(*end) for g in grads]))
    run["grad_norm"] = gnorm
    tol = 1e-4 * max(1.0, abs(float(run["values"][0])))
    if gnorm > tol:
        return "진행 중"
    with np.errstate(all="ignore"):
        norms = np.hypot(*[np.broadcast_to(g(run["path"][:, 0], run["path"][:, 1]), run["path"].shape[:1])
                           for g in grads])
    run["settled"] = int(np.argmax(norms <= tol)) if (norms <= tol).any() else run["path"].shape[0] - 1
    eig = np.linalg.eigvalsh(np.array([[h.at(*end) for h in row] for row in hess]))
    if eig.min() < -1e-8:
        return "안장점에 멈춤" if eig.max() > 1e-8 else "극대점에 멈춤"
    return "수렴"


def _race_box(runs, start):
    """x and y limits around the paths that did not diverge (or around the start)."""
    import numpy as np

    kept = [r["path"] for r in runs if r["step"] is None] or [np.asarray(start, dtype=float)[None, :]]
    pts = np.vstack(kept + [np.asarray(start, dtype=float)[None, :]])
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    margin = np.maximum(0.5, 0.2 * (hi - lo))
    return lo - margin, hi + margin


def _race_plots(f: Function, runs, start, follow: int) -> tuple[float | None, list[PlotSpec]]:
    import numpy as np

    lo, hi = _race_box(runs, start)
    xs, ys = np.linspace(lo[0], hi[0], 90), np.linspace(lo[1], hi[1], 60)
    finite = np.concatenate([r["values"][np.isfinite(r["values"])] for r in runs])
    inside = f(*np.meshgrid(xs, ys))
    pool = np.concatenate([finite, inside[np.isfinite(inside)].ravel()[::37]])
    levels = np.unique(np.quantile(pool, [0.02, 0.08, 0.2, 0.4, 0.7]))
    lx, ly = _level_points(f, xs, ys, levels)
    paths = [Series(r["path"][:, 0].tolist(), r["path"][:, 1].tolist(), label=RACER_NAMES[r["method"]], kind="line")
             for r in runs]
    ylog = bool(finite.size) and finite.min() >= 0 and finite.max() > 0
    floor = LOG_FLOOR * finite.max() if ylog else None
    curves = [Series(list(range(r["values"].size)), (np.maximum(r["values"], floor) if ylog else r["values"]).tolist(),
                     label=RACER_NAMES[r["method"]]) for r in runs]
    first = runs[follow]
    return floor, [
        PlotSpec(kind="line", title="등고선 위의 경로", xlabel="x", ylabel="y", equal_aspect=True,
                 series=[Series(lx, ly, label="등고선", kind="scatter", marker="dot"), *paths],
                 highlight=(float(first["path"][0, 0]), float(first["path"][0, 1]), RACER_NAMES[first["method"]]),
                 xlim=(float(lo[0]), float(hi[0])), ylim=(float(lo[1]), float(hi[1]))),
        PlotSpec(kind="line", title="반복에 따른 f" + (" (로그 눈금, 최대의 1e-12배 아래는 바닥에)" if ylog else ""),
                 xlabel="반복", ylabel="f",
                 xint=True, ylog=ylog, series=curves,
                 highlight=(0.0, float(curves[follow].y[0]), RACER_NAMES[first["method"]])),
    ]


def _race_frames(runs, follow: int, steps: int, floor: float | None) -> list[Frame]:
    followed = runs[follow]
    frames = []
    for k in evenly_spaced(steps + 1, MAX_FRAMES):
        k = int(k)
        j = min(k, followed["path"].shape[0] - 1)
        x, y = followed["path"][j]
        others = " · ".join(f"{SHORT[r['method']]} {fmt_num(r['values'][k], 3)}" if k < r["values"].size
                            else f"{SHORT[r['method']]} {'발산' if r['step'] is not None else '끝'}" for r in runs)
        text = (f"반복 {k} · {RACER_NAMES[followed['method']]} ({fmt_num(x, 5)}, {fmt_num(y, 5)}), "
                f"f = {fmt_num(followed['values'][j], 4)} │ {others}")
        frames.append(Frame(text=text, highlights={0: (float(x), float(y)), 1: (float(j), float(max(followed["values"][j], floor or -math.inf)))}))
    return frames


def compute_race(v: dict) -> PanelResult:
    from mathcore import calculus

    f, init = v["f"], v["init"]
    check_start(f, init)
    grads = [Function(g, XY) for g in calculus.gradient(f.expr, XY)]
    check_slope([g.at(*init) for g in grads], init)
    H, kinks = hessian_parts(f.expr, XY)
    hess = [[Function(e, XY) for e in row] for row in H.tolist()]
    racers = RACERS[:-1] if kinks else RACERS
    runs = [_race_one(m, f, v) for m in racers]
    follow = min(list(RACER_NAMES.values()).index(v["follow"]), len(runs) - 1)
    lines = [f"f(x, y) = {f.text},   ∇f = ({grads[0].text}, {grads[1].text})",
             f"시작점 {fmt_array(init, 6)}, η = {fmt_num(v['lr'])} (뉴턴법은 1), μ = {fmt_num(v['momentum'])}, "
             f"최대 {v['steps']}번 반복", ""]
    rows, points, notes = [], [], []
    for r in runs:
        verdict = _verdict(r, grads, hess)
        end = r["path"][-1]
        rows.append([RACER_NAMES[r["method"]], fmt_num(r["values"][-1], 4),
                     fmt_num(r["grad_norm"], 3) if "grad_norm" in r else "—",
                     str(r.get("settled", r["path"].shape[0] - 1)), verdict])
        points.append([RACER_NAMES[r["method"]], f"({fmt_num(end[0], 4)}, {fmt_num(end[1], 4)})"])
        if r["step"] is not None:
            notes.append(f"{RACER_NAMES[r['method']]}: " + divergence_text(r["step"], "f가", grew=r["grew"]))
            if verdict.startswith("발산 (f가"):
                notes.append("  f가 아래로 끝없이 내려가면 최솟값이 없는 함수일 수 있습니다.")
        elif r["stopped"]:
            notes.append(f"{RACER_NAMES[r['method']]}: {r['path'].shape[0] - 1}번 갱신한 뒤 헤세 행렬이 특이해서(역행렬 없음) 멈췄습니다.")
    # Two narrow tables rather than one wide one: each row fits the side panel at 120 columns.
    lines += table(["방법", "f", "‖∇f‖", "반복", "결과"], rows)
    lines += ["", *table(["방법", "마지막 점 (x, y)"], points)]
    if kinks:
        notes.append("뉴턴법: f가 두 번 미분 가능하지 않은 곳(절댓값, max, min의 꺾인 점)이 있어 건너뜁니다.")
    lines += ["", *notes] if notes else []
    lines += ["", "경사하강법과 모멘텀은 그래디언트 크기대로, RMSProp과 Adam은 좌표마다 나누어 맞춘 "
              "걸음으로, 뉴턴법은 헤세 행렬로 곡률을 나눈 걸음으로 움직입니다. 반복 칸은 수렴한 방법이면 "
              "처음 수렴한 반복, 아니면 실행한 반복 수입니다.",
              "n / p로 한 걸음씩, 스페이스로 재생합니다."]
    data = {r["method"]: {"path": r["path"], "values": r["values"], "diverged": r["step"] is not None,
                          "divergence_step": r["step"], "verdict": row[-1]} for r, row in zip(runs, rows)}
    floor, plots = _race_plots(f, runs, init, follow)
    return PanelResult("\n".join(lines), plots, data,
                       _race_frames(runs, follow, max(r["values"].size for r in runs) - 1, floor))


def _classify(values, grad_norm: float) -> str:
    import numpy as np

    scale = max(1.0, float(np.max(np.abs(values))))
    pos, neg = values > 1e-10 * scale, values < -1e-10 * scale
    if grad_norm > 1e-6:
        shape = "볼록(위로 휨)" if not neg.any() else "오목(아래로 휨)" if not pos.any() else "말안장 모양"
        return f"임계점이 아닙니다 (∇f ≠ 0). 이 점 근처의 곡률은 {shape}입니다."
    if pos.all():
        return "극소 (모든 고윳값이 양수: 양의 정부호)"
    if neg.all():
        return "극대 (모든 고윳값이 음수: 음의 정부호)"
    if pos.any() and neg.any():
        return "안장점 (양수와 음수 고윳값이 섞임: 부정부호)"
    return "2차로는 판정할 수 없습니다 (고윳값에 0이 있음: 더 높은 차수의 항을 보아야 합니다)"


def _hessian_plot(f: Function, point, values, vectors) -> PlotSpec:
    import numpy as np

    xs = np.linspace(point[0] - 2.0, point[0] + 2.0, 90)
    ys = np.linspace(point[1] - 2.0, point[1] + 2.0, 90)
    grid = f(*np.meshgrid(xs, ys))
    finite = grid[np.isfinite(grid)]
    levels = np.unique(np.quantile(finite, [0.1, 0.3, 0.5, 0.7, 0.9])) if finite.size else []
    lx, ly = _level_points(f, xs, ys, levels)
    series = [Series(lx, ly, label="등고선", kind="scatter", marker="dot")]
    for lam, vec in zip(values, vectors.T):
        ends = [point - 1.5 * vec, point + 1.5 * vec]
        series.append(Series([float(e[0]) for e in ends], [float(e[1]) for e in ends],
                             label=f"고유벡터 λ = {fmt_num(lam, 4)}", kind="line"))
    return PlotSpec(kind="line", title="점 주변의 등고선과 헤세 행렬의 고유 방향", xlabel="x", ylabel="y",
                    series=series, equal_aspect=True, highlight=(float(point[0]), float(point[1]), "점"),
                    xlim=(float(xs[0]), float(xs[-1])), ylim=(float(ys[0]), float(ys[-1])))


def _at_point(f: Function, names, point):
    """f, ∇f and the Hessian (symbolic and its value) at the typed point, each problem an error on it."""
    import numpy as np

    from mathcore import calculus

    where = fmt_array(point, 6)
    if not np.isfinite(f.at(*point)):
        raise InputError(f"점 {where}에서 f가 정의되지 않습니다. f가 정의되는 다른 점을 고르세요.", field="point")
    H_sym, kinks = hessian_parts(f.expr, names)
    if any(abs(Function(k, names).at(*point)) < 1e-12 for k in kinks):
        raise InputError(f"점 {where}은 f가 꺾이는 곳이라 두 번 미분할 수 없습니다 (절댓값, max, min). "
                         "조금 옮긴 점을 넣어 보세요.", field="point")
    grad_exprs = list(calculus.gradient(f.expr, names))
    grad = np.array([Function(g, names).at(*point) for g in grad_exprs])
    if not np.all(np.isfinite(grad)):
        raise InputError(f"점 {where}에서 기울기를 계산할 수 없습니다 (미분이 정의되지 않음). 다른 점을 고르세요.",
                         field="point")
    try:
        H = calculus.evaluate(H_sym, names, point)
        numeric = calculus.numerical_jacobian(grad_exprs, names, point, h=1e-5)
    except InputError as err:
        raise InputError(err.message, field="point") from None
    return H_sym, H, numeric, grad


def compute_hessian(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    names, f, point = v["vars"], v["f"], v["point"]
    H_sym, H, numeric, grad = _at_point(f, names, point)
    values, vectors = linalg.eig((H + H.T) / 2)
    values, vectors = np.real(values), np.real(vectors)
    gnorm = float(np.linalg.norm(grad))
    gap = float(np.max(np.abs(H - numeric))) if np.all(np.isfinite(numeric)) else float("inf")
    verdict = _classify(values, gnorm)
    at = ", ".join(f"{n} = {fmt_num(p)}" for n, p in zip(names, point))
    lines = [f"f = {f.text}", f"헤세 행렬 Hᵢⱼ = ∂²f/∂xᵢ∂xⱼ (행과 열의 변수 순서: {', '.join(names)}):"]
    rows = ["[" + ", ".join(expr_text(H_sym[i, j]) for j in range(H_sym.cols)) + "]" for i in range(H_sym.rows)]
    lines.append("  [" + ",\n   ".join(rows) + "]")  # the same bracket layout as the numeric H below
    lines += ["", f"{at}에서:", f"  ∇f = {fmt_array(grad, 6)}   (‖∇f‖ = {fmt_num(gnorm, 4)})",
              "  H =", "  " + fmt_array(H, 6).replace("\n", "\n  "),
              f"  중앙 차분으로 구한 H와의 최대 차이 {fmt_num(gap, 2)}",
              f"  고윳값 (작은 것부터) {fmt_array(values, 6)}", "", "판정: " + verdict]
    top = float(values.max())
    if top > 0:
        lines.append(f"경사하강법이 이 점 근처에서 안정하려면 0 < η < 2/λ_max = {fmt_num(2 / top, 6)}")
        if values.min() > 0:
            lines.append(f"조건수 κ = λ_max/λ_min = {fmt_num(top / values.min(), 6)} (클수록 좁은 골짜기, 느린 수렴)")
    else:
        lines.append("양수인 고윳값이 없어 어느 방향도 위로 휘지 않습니다: 2/λ_max 같은 상한이 생기지 않습니다.")
    if len(names) == 2:
        plot = _hessian_plot(f, np.asarray(point, dtype=float), values, vectors)
    else:
        idx = list(range(1, values.size + 1))
        plot = PlotSpec(kind="bar", title="헤세 행렬의 고윳값 (방향별 곡률)", xlabel="번호", ylabel="고윳값", xint=True,
                        series=[Series(idx, values.tolist(), label="λ")])
    data = {"hessian": H, "numeric": numeric, "eigenvalues": values, "eigenvectors": vectors, "gradient": grad,
            "verdict": verdict, "bound": 2 / top if top > 0 else None, "gap": gap}
    return PanelResult("\n".join(lines), [plot], data)


SCHEMES = ("naive", "xavier", "he")
SCHEME_NAMES = {"naive": "표준정규 N(0, 1)", "xavier": "자비에 N(0, 1/n)",
                "he": "He N(0, 2/n)"}
SCHEME_SHORT = {"naive": "표준정규", "xavier": "자비에", "he": "He"}  # the table's first column
INIT_BUDGET = 1e8  # depth × samples × width² multiply-adds per scheme


def compute_init(v: dict) -> PanelResult:
    import math

    import numpy as np

    from mathcore import optim

    depth, width, samples, act = v["depth"], v["width"], v["samples"], v["activation"]
    if depth * samples * width * width > INIT_BUDGET:
        raise InputError(f"층 수 × 표본 수 × 너비²가 너무 큽니다 ({INIT_BUDGET:.0e} 이하로). 너비나 표본 수를 줄이세요.",
                         field="width")
    spreads = {s: optim.init_spread(depth, width, act, s, samples=samples, seed=v["seed"]) for s in SCHEMES}
    shown = evenly_spaced(depth, 4)
    weight_std = {"naive": 1.0, "xavier": math.sqrt(1 / width), "he": math.sqrt(2 / width)}
    # Short scheme names and the weights' spread on its own line: each row fits the side panel.
    rows = [[SCHEME_SHORT[s], fmt_num(width * weight_std[s] ** 2, 4),
             *(fmt_num(spreads[s][i], 3) for i in shown)] for s in SCHEMES]
    lines = [f"너비 {width}인 층 {depth}개, h ← {act}(h W), 입력 {samples}개 ~ N(0, 1), 시드 {v['seed']}",
             "Var(z) = n·Var(w)·E[h²]: n·Var(w)가 1(tanh) 또는 2(ReLU)이면 층을 지나도 크기가 유지됩니다. "
             "표의 수는 층별 활성값의 표준편차입니다.",
             f"w의 표준편차: 표준정규 1, 자비에 √(1/n) = {fmt_num(weight_std['xavier'], 4)}, "
             f"He √(2/n) = {fmt_num(weight_std['he'], 4)}", "",
             *table(["초기화", "n·Var(w)", *(f"{i + 1}층" for i in shown)], rows), ""]
    for s in SCHEMES:
        last = spreads[s][-1]
        first = spreads[s][0]
        if not np.isfinite(last) or last > 1e3 * max(first, 1.0):
            lines.append(f"{SCHEME_NAMES[s]}: 폭주 (마지막 층 {fmt_num(last, 3)})")
        elif last < 1e-2 * first:
            lines.append(f"{SCHEME_NAMES[s]}: 소실 (마지막 층 {fmt_num(last, 3)})")
        elif act == "tanh" and last > 0.9:
            lines.append(f"{SCHEME_NAMES[s]}: 포화 (값이 거의 ±1이라 tanh의 미분이 0에 가까움)")
        elif last < 0.5 * first:
            lines.append(f"{SCHEME_NAMES[s]}: 천천히 줄어듦 (첫 층의 {fmt_num(last / first, 2)}배, 마지막 층 {fmt_num(last, 3)})")
        else:
            lines.append(f"{SCHEME_NAMES[s]}: 유지 (마지막 층 {fmt_num(last, 3)})")
    layers = list(range(1, depth + 1))
    plot = PlotSpec(kind="line", title=f"층별 활성값의 표준편차 ({act}, 로그 눈금)", xlabel="층", ylabel="표준편차",
                    ylog=True, xint=True, series=[Series(layers, spreads[s].tolist(), label=SCHEME_NAMES[s]) for s in SCHEMES])
    return PanelResult("\n".join(lines), [plot], {"spreads": spreads, "weight_std": weight_std})


def _point_length(parsed) -> int:
    return len(parsed.get("vars") or ("x",))


PANELS = [
    Panel(
        id="optimization.race",
        title="옵티마이저 경주: GD, 모멘텀, RMSProp, Adam, 뉴턴법",
        lesson="optimization",
        description="같은 함수와 시작점에서 다섯 방법의 경로를 등고선 위에 겹쳐 그립니다. n / p로 한 걸음씩, 스페이스로 재생합니다.",
        fields=[
            Expression("f", "함수 f(x, y)", "x^2/2 + 5y^2", variables=XY, help="변수는 x, y"),
            Vector("init", "시작점 (x₀, y₀)", "1, 1", length=2),
            Number("lr", "학습률 η", "0.1", low=0.0, low_open=True, high=100.0, help="뉴턴법은 η = 1"),
            Number("momentum", "모멘텀 μ", "0.9", low=0.0, high=1.0, high_open=True),
            Integer("steps", "최대 반복 수", "30", low=1, high=2000),
            Choice("follow", "재생할 방법", tuple(RACER_NAMES.values()), default="모멘텀"),
        ],
        compute=compute_race,
        playback=True,
        arg_fields={"expr": "f"},
    ),
    Panel(
        id="optimization.hessian",
        title="헤세 행렬: 극소, 극대, 안장점과 2/λ_max",
        lesson="optimization",
        description="한 점에서 헤세 행렬과 고윳값을 구해 임계점의 종류를 판정하고, 경사하강법의 학습률 상한을 계산합니다.",
        fields=[
            Variables("vars", "변수", "x, y", help="쉼표로 구분"),
            Expression("f", "함수 f", "x^2 + 3xy + y^2", variables="vars"),
            Vector("point", "점", "0, 0", length=_point_length, after=("vars",), help="변수 개수만큼"),
        ],
        compute=compute_hessian,
        arg_fields={"expr": "f"},
    ),
    Panel(
        id="optimization.init",
        title="초기화와 깊은 층의 신호 크기",
        lesson="optimization",
        description="표준정규, 자비에, He 초기화로 깊은 층을 통과시키며 층별 활성값의 표준편차를 비교합니다.",
        fields=[
            Choice("activation", "활성함수", ("tanh", "relu")),
            Integer("depth", "층 수", "20", low=1, high=100),
            Integer("width", "층의 너비 n", "100", low=2, high=512),
            Integer("samples", "표본 수", "100", low=1, high=2000),
            Integer("seed", "난수 시드", "0", low=0, high=2**32 - 1),
        ],
        compute=compute_init,
    ),
]
