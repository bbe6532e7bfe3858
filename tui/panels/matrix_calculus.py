"""Panels of lesson 11 (matrix calculus and backprop): a typed Jacobian, the softmax Jacobian,
and the two-layer network's backprop graph stepped node by node."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

from mathcore import InputError

from . import Frame, Panel, PanelResult, PlotSpec, Series
from .fields import Choice, Field, Integer, Matrix, Variables, Vector
from .format import fmt_array, fmt_num, shape_text
from .mathtext import expr_text

ACTIVATIONS = ("sigmoid", "tanh", "relu")


@dataclass(frozen=True)
class Components(Field):
    """A vector function typed as components split by commas (``x^2*y, sin(x) + y``), each
    parsed by mathcore's safe parser in the variables of another field -> list of SymPy trees."""

    variables: str = "vars"

    kind = "expression"
    example = "x^2*y, sin(x) + y"

    def needs(self) -> tuple[str, ...]:
        return super().needs() + (self.variables,)

    def convert(self, text: str, parsed: Mapping[str, Any]) -> list:
        from mathcore import calculus

        return calculus.expression_list(text, tuple(parsed.get(self.variables) or ("x",)))


def compute_jacobian(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import calculus

    names, fs, point = v["vars"], v["funcs"], v["point"]
    if point.size != len(names):
        raise InputError(f"성분이 {len(names)}개여야 합니다 (변수 {', '.join(names)}).", field="point")
    J = calculus.jacobian(fs, names)
    try:
        value = calculus.evaluate(J, names, point)
    except InputError as err:
        raise InputError(err.message, field="point") from None
    numeric = calculus.numerical_jacobian(fs, names, point, h=1e-6)
    gap = float(np.max(np.abs(value - numeric))) if np.all(np.isfinite(numeric)) else float("inf")
    at = ", ".join(f"{n} = {fmt_num(v)}" for n, v in zip(names, point))
    lines = [f"f({', '.join(names)}) = (" + ", ".join(expr_text(f) for f in fs) + ")",
             f"야코비안 J의 모양: {len(fs)}×{len(names)} (행 = 성분 fᵢ, 열 = 변수)", ""]
    for i, f in enumerate(fs):
        lines.append(f"∂f{i + 1}/∂({', '.join(names)}) = [" + ", ".join(expr_text(J[i, j]) for j in range(len(names))) + "]")
    lines += ["", f"{at} 에서의 값 J(x₀) =", fmt_array(value, 8), "",
              "중앙 차분 (f(x₀ + h eⱼ) − f(x₀ − h eⱼ)) / 2h, h = 1e-6:", fmt_array(numeric, 8),
              f"최대 차이 {fmt_num(gap, 3)}" + (" → 일치합니다." if gap < 1e-5 else " → 차이가 큽니다 (미분 불가능한 점일 수 있습니다).")]
    return PanelResult("\n".join(lines), [], {"jacobian": [[expr_text(J[i, j]) for j in range(J.cols)] for i in range(J.rows)],
                                              "value": value, "numeric": numeric, "gap": gap})


def compute_softmax_grad(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import nn

    o, label = v["logits"], v["label"]
    if label > o.size:
        raise InputError(f"1 이상 {o.size} 이하여야 합니다 (클래스 {o.size}개, 입력: {label}).", field="label")
    s = nn.softmax(o)
    J = nn.softmax_jacobian(o)
    grad = s - np.eye(o.size)[label - 1]
    h = 1e-6
    numeric = np.array([(-nn.log_softmax(o + h * e)[label - 1] + nn.log_softmax(o - h * e)[label - 1]) / (2 * h)
                        for e in np.eye(o.size)])
    gap = float(np.max(np.abs(numeric - grad)))
    lines = [f"s = softmax(o) = {fmt_array(s, 8)}   (합 {fmt_num(s.sum(), 10)})", "",
             "야코비안 ∂s/∂o = diag(s) − s sᵀ:", fmt_array(J, 8),
             f"각 열의 합 = {fmt_array(J.sum(axis=0), 3)} (확률의 합은 항상 1이라 변하지 않습니다)", "",
             f"교차 엔트로피 L = −log s_y = {fmt_num(-np.log(s[label - 1]), 8)}  (y = {label}, 클래스는 1부터)",
             f"∂L/∂o = s − e_y = {fmt_array(grad, 8)}",
             f"중앙 차분 검산       {fmt_array(numeric, 8)}",
             f"두 값의 최대 차이 {fmt_num(gap, 3)}"]
    idx = list(range(1, o.size + 1))
    plots = [PlotSpec(kind="bar", title="소프트맥스 확률 s와 그래디언트 s − e_y", xlabel="클래스", ylabel="값",
                      series=[Series(idx, s.tolist(), label="s"), Series(idx, grad.tolist(), label="s − e_y")])]
    return PanelResult("\n".join(lines), plots, {"s": s, "jacobian": J, "grad": grad, "numeric": numeric})


NODES = [  # (key, Korean label, formula) in forward then backward order
    ("x", "입력", "x"),
    ("z1", "은닉 선형", "z₁ = xW₁ + b₁"),
    ("h", "은닉 활성", "h = σ(z₁)"),
    ("o", "출력 로짓", "o = hW₂ + b₂"),
    ("s", "소프트맥스", "s = softmax(o)"),
    ("loss", "손실", "L = −log s_y"),
    ("do", "출력의 그래디언트", "δo = ∂L/∂o = s − e_y"),
    ("dW2", "W₂의 그래디언트", "∂L/∂W₂ = hᵀ δo"),
    ("db2", "b₂의 그래디언트", "∂L/∂b₂ = δo"),
    ("dh", "은닉 출력의 그래디언트", "δh = δo W₂ᵀ"),
    ("dz1", "활성 이전의 그래디언트", "δz₁ = δh ⊙ σ′(z₁)"),
    ("dW1", "W₁의 그래디언트", "∂L/∂W₁ = xᵀ δz₁"),
    ("db1", "b₁의 그래디언트", "∂L/∂b₁ = δz₁"),
]


def _check_network(v: dict):
    """Shapes across the fields: x (d,), W1 (d, h), b1 (h,), W2 (h, p), b2 (p,), label in 1..p."""
    x, W1, b1, W2, b2, label = (v[k] for k in ("x", "W1", "b1", "W2", "b2", "label"))
    if W1.shape[0] != x.size:
        raise InputError(f"행 수({W1.shape[0]})가 x의 길이({x.size})와 같아야 합니다 (모양 d×h).", field="W1")
    if b1.size != W1.shape[1]:
        raise InputError(f"성분이 {W1.shape[1]}개여야 합니다 (W₁의 열 수, 입력: {b1.size}개).", field="b1")
    if W2.shape[0] != W1.shape[1]:
        raise InputError(f"행 수({W2.shape[0]})가 W₁의 열 수({W1.shape[1]})와 같아야 합니다 (모양 h×p).", field="W2")
    if W2.shape[1] < 2:
        raise InputError("클래스가 2개 이상이어야 합니다 (열 수 p ≥ 2).", field="W2")
    if b2.size != W2.shape[1]:
        raise InputError(f"성분이 {W2.shape[1]}개여야 합니다 (W₂의 열 수, 입력: {b2.size}개).", field="b2")
    if label > W2.shape[1]:
        raise InputError(f"1 이상 {W2.shape[1]} 이하여야 합니다 (클래스 {W2.shape[1]}개).", field="label")
    return x, label, W1, b1, W2, b2


def _node_text(key: str, value) -> str:
    import numpy as np

    arr = np.asarray(value, dtype=float)
    return fmt_num(arr, 8) if arr.ndim == 0 else fmt_array(arr, 8).replace("\n", " ")


def compute_backprop_graph(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import gradcheck, nn

    x, label, W1, b1, W2, b2 = _check_network(v)
    activation = v["activation"]
    trace = nn.backprop_trace(x, label - 1, W1, b1, W2, b2, activation)
    numeric = gradcheck.backprop_numerical(x, label - 1, W1, b1, W2, b2, activation)
    frames, lines = [], [f"2층 신경망, 예제 하나: x {shape_text((1, x.size))}, W₁ {shape_text(W1)}, W₂ {shape_text(W2)}, "
                         f"σ = {activation}, 정답 클래스 {label}", ""]
    for i, (key, label_ko, formula) in enumerate(NODES):
        phase = "순전파" if i <= 5 else "역전파"
        dims = np.shape(trace[key])
        shape = "스칼라" if key == "loss" else shape_text((1, *dims) if len(dims) == 1 else dims)
        text = f"{phase} · {label_ko}: {formula}  [{shape}]  = {_node_text(key, trace[key])}"
        # The value on its own lines (a matrix row by row), so no step wraps in the side panel.
        value = np.asarray(trace[key], dtype=float)
        shown = fmt_num(value, 8) if value.ndim == 0 else fmt_array(value, 8)
        lines.append(f"{i + 1:2d}. {phase} · {label_ko}: {formula}  [{shape}]")
        lines += [("      = " if k == 0 else "        ") + row for k, row in enumerate(shown.split("\n"))]
        frames.append(Frame(text=text, highlights={0: (float(i), 0.0)}))
    errors = {name: gradcheck.relative_error(trace[name], numeric[name]) for name in ("dW1", "db1", "dW2", "db2")}
    lines += ["", "그래디언트 검산 (중앙 차분, h = 1e-6), 상대 오차:",
              "  ".join(f"{name} {fmt_num(err, 2)}" for name, err in errors.items()),
              "각 그래디언트의 모양이 그 파라미터의 모양과 같습니다 (∂L/∂W는 W의 모양)."]
    sizes = [float(np.linalg.norm(np.atleast_1d(trace[key]))) for key, _, _ in NODES]
    plots = [PlotSpec(kind="bar", title="노드별 크기 ‖값‖ (순전파 1–6, 역전파 7–13)", xlabel="노드 번호", ylabel="노름",
                      series=[Series(list(range(1, len(NODES) + 1)), sizes, label="‖값‖")])]
    for i, frame in enumerate(frames):
        frame.highlights = {0: (float(i + 1), sizes[i])}
    return PanelResult("\n".join(lines), plots, {"trace": trace, "numeric": numeric, "errors": errors}, frames)


PANELS = [
    Panel(
        id="matrix_calculus.jacobian",
        title="야코비안: 기호 미분과 수치 검산",
        lesson="matrix_calculus",
        description="벡터 함수의 야코비안을 기호로 구하고, 한 점에서의 값을 중앙 차분과 비교합니다.",
        fields=[
            Variables("vars", "변수", "x, y", help="열의 순서"),
            Components("funcs", "함수 f", "x^2*y, sin(x) + y", help="성분을 쉼표로 구분 (최대 8개)"),
            Vector("point", "점 x₀", "1, 2", max_len=4),
        ],
        compute=compute_jacobian,
    ),
    Panel(
        id="matrix_calculus.softmax_grad",
        title="소프트맥스의 야코비안과 s − e_y",
        lesson="matrix_calculus",
        description="로짓의 소프트맥스, 그 야코비안 diag(s) − ssᵀ, 교차 엔트로피의 그래디언트 s − e_y를 수치로 검산합니다.",
        fields=[
            Vector("logits", "로짓 o", "1, 2, 3", min_len=2, max_len=12),
            Integer("label", "정답 클래스 y", "3", low=1, high=12, help="1부터 센 번호"),
        ],
        compute=compute_softmax_grad,
    ),
    Panel(
        id="matrix_calculus.backprop_graph",
        title="역전파 계산 그래프: 노드별 값과 모양",
        lesson="matrix_calculus",
        description="2층 신경망의 순전파와 역전파를 노드 하나씩 따라갑니다. n / p로 한 단계씩, 스페이스로 재생합니다.",
        fields=[
            Vector("x", "입력 x", "1, 2", max_len=8),
            Matrix("W1", "W₁", "[[0.1, -0.2], [0.3, 0.4]]", max_cells=64, help="모양 d×h"),
            Vector("b1", "b₁", "0, 0.1", max_len=8),
            Matrix("W2", "W₂", "[[0.5, -0.5], [-0.6, 0.2]]", max_cells=64, help="모양 h×p"),
            Vector("b2", "b₂", "0, 0", max_len=8),
            Integer("label", "정답 클래스 y", "1", low=1, high=8, help="1부터 센 번호"),
            Choice("activation", "활성함수 σ", ACTIVATIONS),
        ],
        compute=compute_backprop_graph,
        playback=True,
    ),
]
