"""Panels of lesson 01 (vectors): norms, angle and projection, unit balls."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Integer, Number, Vector
from .format import fmt_array, fmt_num


def _arrow(vec, label: str) -> Series:
    """A vector drawn as a segment from the origin (first two components)."""
    x = float(vec[0])
    y = float(vec[1]) if len(vec) > 1 else 0.0
    return Series([0.0, x], [0.0, y], label=label, kind="line")


def _same_length(x, y) -> None:
    if x.shape != y.shape:
        raise InputError(f"두 벡터의 성분 수가 같아야 합니다 (x: {x.size}개, y: {y.size}개).", field="y")


def _plane_note(n: int) -> str:
    return "" if n <= 2 else " (처음 두 성분)"


def compute_norms(v: dict) -> PanelResult:
    from mathcore import linalg

    x, y, c = v["x"], v["y"], v["c"]
    _same_length(x, y)

    norms = {
        "x": (linalg.l1_norm(x), linalg.l2_norm(x), linalg.linf_norm(x)),
        "y": (linalg.l1_norm(y), linalg.l2_norm(y), linalg.linf_norm(y)),
    }
    had = linalg.hadamard(x, y)
    total = x + y
    diff = x - y
    scaled = c * x
    dist1, dist2 = linalg.l1_norm(diff), linalg.l2_norm(diff)

    lines = [
        "노름 (norm)",
        f"  ‖x‖₁ = {fmt_num(norms['x'][0])}   ‖x‖₂ = {fmt_num(norms['x'][1])}   ‖x‖∞ = {fmt_num(norms['x'][2])}",
        f"  ‖y‖₁ = {fmt_num(norms['y'][0])}   ‖y‖₂ = {fmt_num(norms['y'][1])}   ‖y‖∞ = {fmt_num(norms['y'][2])}",
        "",
        f"성분곱 x ⊙ y = {fmt_array(had, 6)}",
        f"덧셈 x + y = {fmt_array(total, 6)}",
        f"뺄셈 x − y = {fmt_array(diff, 6)}",
        f"스칼라배 c·x = {fmt_array(scaled, 6)}  (c = {fmt_num(c)}"
        + (", 음수라서 방향이 반대가 됩니다)" if c < 0 else ")"),
        "",
        f"거리: ‖x − y‖₁ = {fmt_num(dist1)} (맨해튼),  ‖x − y‖₂ = {fmt_num(dist2)} (유클리드)",
    ]
    plot = PlotSpec(
        kind="line",
        title="벡터 x, y, x + y, c·x" + _plane_note(x.size),
        xlabel="첫째 성분",
        ylabel="둘째 성분",
        equal_aspect=True,
        series=[_arrow(x, "x"), _arrow(y, "y"), _arrow(total, "x + y"), _arrow(scaled, "c·x")],
    )
    data = {
        "l1": norms["x"][0], "l2": norms["x"][1], "linf": norms["x"][2],
        "l1_y": norms["y"][0], "l2_y": norms["y"][1], "linf_y": norms["y"][2],
        "hadamard": had, "sum": total, "difference": diff, "scaled": scaled,
        "distance_l1": dist1, "distance_l2": dist2,
    }
    return PanelResult("\n".join(lines), [plot], data)


def compute_angle(v: dict) -> PanelResult:
    import math

    from mathcore import linalg

    x, y = v["x"], v["y"]
    _same_length(x, y)
    for name, vec in (("x", x), ("y", y)):
        if linalg.l2_norm(vec) == 0:
            raise InputError("영벡터는 각도를 정의할 수 없습니다.", field=name)

    theta = linalg.angle(x, y)
    dot = float(linalg.inner(x, y))
    proj = linalg.projection(x, y)
    scalar_proj = linalg.l2_norm(x) * math.cos(theta)
    lines = [
        f"각도 θ = {fmt_num(theta)} rad = {fmt_num(math.degrees(theta))}°",
        f"내적 ⟨x, y⟩ = {fmt_num(dot)}",
        f"cos θ = ⟨x, y⟩ / (‖x‖₂‖y‖₂) = {fmt_num(math.cos(theta))}",
        "",
        f"x를 y 위로 정사영: proj_y(x) = {fmt_array(proj, 6)}",
        f"정사영의 길이 ‖x‖₂ cos θ = {fmt_num(scalar_proj)}",
        f"확인: (정사영의 길이) × ‖y‖₂ = {fmt_num(scalar_proj * linalg.l2_norm(y))} = 내적",
    ]
    if abs(dot) < 1e-12 * max(1.0, linalg.l2_norm(x) * linalg.l2_norm(y)):
        lines.append("두 벡터는 직교합니다 (내적 0, θ = 90°).")
    plot = PlotSpec(
        kind="line",
        title="x, y와 정사영" + _plane_note(x.size),
        xlabel="첫째 성분",
        ylabel="둘째 성분",
        equal_aspect=True,
        series=[
            _arrow(x, "x"),
            _arrow(y, "y"),
            _arrow(proj, "x의 정사영"),
            Series([float(x[0]), float(proj[0])], [float(x[1]) if x.size > 1 else 0.0,
                   float(proj[1]) if proj.size > 1 else 0.0], label="수선", kind="line"),
        ],
    )
    data = {"angle": theta, "degrees": math.degrees(theta), "inner": dot,
            "projection": proj, "projection_length": scalar_proj}
    return PanelResult("\n".join(lines), [plot], data)


def compute_unit_balls(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    count, point = v["points"], v["v"]

    angles = np.linspace(0.0, 2.0 * np.pi, count)
    directions = np.stack([np.cos(angles), np.sin(angles)], axis=1)
    boundaries = {}
    for key, norm in (("L1", linalg.l1_norm), ("L2", linalg.l2_norm), ("L∞", linalg.linf_norm)):
        # Scaling every direction by its own norm puts it on that norm's unit sphere.
        scale = np.array([norm(d) for d in directions])
        boundaries[key] = directions / scale[:, None]

    v_norms = {"L1": linalg.l1_norm(point), "L2": linalg.l2_norm(point), "L∞": linalg.linf_norm(point)}
    shapes = {"L1": "마름모", "L2": "원", "L∞": "정사각형"}
    lines = ["단위 공 {v : ‖v‖ ≤ 1}의 모양", ""]
    for key in ("L1", "L2", "L∞"):
        inside = "안" if v_norms[key] <= 1 + 1e-12 else "밖"
        lines.append(f"  {key}: {shapes[key]}   ‖v‖ = {fmt_num(v_norms[key])} → v는 단위 공 {inside}")
    lines += [
        "",
        "같은 점도 노름에 따라 길이가 다릅니다: 항상 ‖v‖∞ ≤ ‖v‖₂ ≤ ‖v‖₁.",
        "L1 노름은 좌표축 위의 꼭짓점 때문에 정규화에서 성분을 0으로 만드는 경향이 있습니다.",
    ]
    series = [Series(b[:, 0].tolist(), b[:, 1].tolist(), label=f"{k} ({shapes[k]})", kind="line")
              for k, b in boundaries.items()]
    series.append(Series([float(point[0])], [float(point[1])], label="점 v", kind="scatter"))
    plot = PlotSpec(kind="line", title="L1, L2, L∞ 단위 공", xlabel="x₁", ylabel="x₂",
                    series=series, equal_aspect=True)
    data = {"boundaries": boundaries, "v_norms": v_norms}
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="vectors.norms",
        title="벡터의 노름과 연산",
        lesson="vectors",
        description="두 벡터의 L1·L2·L∞ 노름, 성분곱, 덧셈·뺄셈, 스칼라배, 거리를 계산합니다.",
        fields=[
            Vector("x", "벡터 x", "1, 7, 2", help="쉼표나 공백으로 구분 (예: 1, 7, 2)"),
            Vector("y", "벡터 y", "5, 2, 1", help="x와 성분 수가 같아야 합니다"),
            Number("c", "스칼라 c", "2", help="c·x 계산에 쓰는 수 (음수면 방향이 바뀝니다)"),
        ],
        compute=compute_norms,
    ),
    Panel(
        id="vectors.angle",
        title="두 벡터 사이의 각도와 정사영",
        lesson="vectors",
        description="코사인 법칙으로 각도를 구하고, 내적과 x의 y 위 정사영을 보여 줍니다.",
        fields=[
            Vector("x", "벡터 x", "1, 7, 2"),
            Vector("y", "벡터 y", "5, 2, 1"),
        ],
        compute=compute_angle,
    ),
    Panel(
        id="vectors.unit_balls",
        title="L1, L2, L∞ 단위 공",
        lesson="vectors",
        description="노름마다 다른 단위 공의 모양을 그리고, 한 점이 각 단위 공 안에 있는지 확인합니다.",
        fields=[
            Vector("v", "확인할 점 v", "0.6, 0.6", length=2, help="2차원 점"),
            Integer("points", "경계 점 개수", "200", low=16, high=2000, help="16~2000"),
        ],
        compute=compute_unit_balls,
    ),
]
