"""Panels of lesson 02 (matrices): operations, inverse, regression, linear systems."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Choice, Matrix, Vector
from .format import fmt_array, fmt_num, shape_text, table

SEED_X = "[[1,-2,3],[7,5,0],[-2,-1,2]]"
SEED_Y = "[[0,1],[1,-1],[-2,1]]"

OPS_CHOICES = ("전체", "A @ B", "inner(A, C)", "전치 Aᵀ", "성분곱 A ⊙ B")
OPS_FIELD = Choice("op", "연산", OPS_CHOICES)


def compute_ops(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    a, b, c, op = v["A"], v["B"], v["C"], v["op"]
    lines: list[str] = [f"A: {shape_text(a)},  B: {shape_text(b)},  C: {shape_text(c)}", ""]
    data: dict = {}

    if op in ("전체", "A @ B"):
        if a.shape[1] != b.shape[0]:
            raise InputError(f"A @ B는 A의 열 수와 B의 행 수가 같아야 합니다 "
                             f"(A: {shape_text(a)}, B: {shape_text(b)}).", field="B")
        prod = linalg.matmul(a, b)
        data["matmul"] = prod
        lines += [f"A @ B ({shape_text(prod)}): 행과 열의 내적", fmt_array(prod), ""]
        if b.shape[1] == a.shape[0]:
            other = linalg.matmul(b, a)
            same = other.shape == prod.shape and np.allclose(other, prod)
            lines += [f"B @ A ({shape_text(other)})" + (" = A @ B" if same else " ≠ A @ B (곱셈은 교환법칙이 없습니다)"), ""]
    if op in ("전체", "inner(A, C)"):
        if a.shape[1] != c.shape[1]:
            raise InputError(f"inner(A, C)는 A와 C의 열 수가 같아야 합니다 "
                             f"(A: {shape_text(a)}, C: {shape_text(c)}).", field="C")
        try:
            inn = linalg.inner(a, c)
            check = linalg.matmul(a, linalg.transpose(c))
        except InputError as err:
            raise InputError(err.message, field="C") from None
        data["inner"] = inn
        lines += [
            f"inner(A, C) ({shape_text(inn)}): A의 행과 C의 행끼리의 내적 = A @ Cᵀ",
            fmt_array(inn),
            "A @ Cᵀ와 같음: " + ("예" if np.allclose(inn, check) else "아니오"),
            "",
        ]
    if op in ("전체", "전치 Aᵀ"):
        at = linalg.transpose(a)
        data["transpose"] = at
        lines += [f"Aᵀ ({shape_text(at)})", fmt_array(at), ""]
    if op in ("전체", "성분곱 A ⊙ B"):
        if a.shape != b.shape:
            message = f"성분곱은 모양이 같아야 합니다 (A: {shape_text(a)}, B: {shape_text(b)})."
            if op != "전체":
                raise InputError(message, field="B")
            lines.append("A ⊙ B: 계산할 수 없음 — " + message)
        else:
            had = linalg.hadamard(a, b)
            data["hadamard"] = had
            lines += [f"A ⊙ B ({shape_text(had)})", fmt_array(had)]
    return PanelResult("\n".join(lines).rstrip(), [], data)


def compute_inverse(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    a, b = v["A"], v["B"]
    lines: list[str] = [f"A: {shape_text(a)}"]
    data: dict = {}
    if a.shape[0] == a.shape[1]:
        det = linalg.determinant(a)
        cond = linalg.condition_number(a)
        data.update(det=det, cond=cond)
        lines += [f"행렬식 det(A) = {fmt_num(det, 8)}", f"조건수 cond(A) = {fmt_num(cond)}"]
        try:
            inv = linalg.inverse(a)
        except InputError as err:
            lines += [f"역행렬 없음: {getattr(err, 'message', str(err))}", "대신 유사역행렬을 씁니다."]
            inv = None
        if inv is not None:
            ident = linalg.matmul(inv, a)
            data.update(inverse=inv, inverse_check=ident)
            lines += ["", "A⁻¹ =", fmt_array(inv), "",
                      "A⁻¹ @ A =", fmt_array(ident),
                      "단위행렬과 같음 (반올림 오차 안): " + ("예" if np.allclose(ident, np.eye(len(a))) else "아니오")]
    else:
        lines.append("정사각행렬이 아니라 역행렬이 없습니다. 유사역행렬을 씁니다.")
    if "inverse" not in data:
        lines += _pinv_lines(linalg.pinv(a), a, "A", data, "a_pinv")

    if b is not None:
        lines += ["", f"B: {shape_text(b)}"]
        lines += _pinv_lines(linalg.pinv(b), b, "B", data, "pinv")
    return PanelResult("\n".join(lines), [], data)


def _pinv_lines(p, m, name: str, data: dict, key: str) -> list[str]:
    import numpy as np

    from mathcore import linalg

    n_rows, n_cols = m.shape
    data[key] = p
    lines = ["", f"유사역행렬 {name}⁺ ({shape_text(p)}) =", fmt_array(p)]
    if n_rows >= n_cols:
        check = linalg.matmul(p, m)
        data[key + "_check"] = check
        lines += ["", f"행 수 ≥ 열 수 → {name}⁺ @ {name} = I 를 확인:", fmt_array(check)]
    else:
        check = linalg.matmul(m, p)
        data[key + "_check"] = check
        lines += ["", f"행 수 ≤ 열 수 → {name} @ {name}⁺ = I 를 확인:", fmt_array(check)]
    ok = np.allclose(check, np.eye(check.shape[0]))
    lines.append("단위행렬과 같음: " + ("예" if ok else "아니오 (랭크가 부족한 행렬입니다)"))
    return lines


def _coef_text(beta, intercept) -> str:
    parts = [f"β{i + 1} = {fmt_num(b, 8)}" for i, b in enumerate(beta)]
    return ", ".join(parts + [f"절편 = {fmt_num(intercept, 8)}"])


def _null_vector(design):
    """A vector n ≠ 0 with design·n = 0 (largest column of I − D⁺D, scaled so max |nᵢ| = 1)."""
    import numpy as np

    from mathcore import linalg

    projector = np.eye(design.shape[1]) - linalg.matmul(linalg.pinv(design), design)
    column = projector[:, int(np.argmax(np.linalg.norm(projector, axis=0)))]
    return column / column[int(np.argmax(np.abs(column)))]


def _rank_deficient_lines(design, y, beta_min, beta_lib) -> tuple[list[str], dict]:
    """Two more least-squares solutions next to the minimum-norm one: the library-style fit and
    min-norm + a null-space vector. Same residual and predictions, different coefficients."""
    import numpy as np

    from mathcore import linalg

    null = _null_vector(design)
    other = beta_min + null
    rows = [("최소 노름 해 (pinv·lstsq)", beta_min), ("라이브러리 방식 (중심화)", beta_lib),
            ("최소 노름 해 + n", other)]
    preds = [linalg.matmul(design, b.reshape(-1, 1)).ravel() for _, b in rows]
    cells = [[name, fmt_array(b, 6), fmt_num(linalg.l2_norm(b)), fmt_num(linalg.l2_norm(y - pred), 4)]
             for (name, b), pred in zip(rows, preds)]
    gap = float(max(np.max(np.abs(p - preds[0])) for p in preds))
    lines = ["", f"랭크가 부족합니다(rank {linalg.rank(design)} < 계수 {design.shape[1]}개): "
                 "잔차를 가장 작게 만드는 β가 무수히 많습니다.", "",
             *table(["해", "β", "‖β‖₂", "잔차 ‖y − Xβ‖₂"], cells), "",
             f"n = {fmt_array(null, 6)}: Xn = 0인 영공간 벡터라 더해도 예측이 바뀌지 않습니다.",
             f"세 해의 예측값은 같고(최대 차이 {fmt_num(gap, 3)}) 계수만 다릅니다. pinv와 lstsq는 절편까지 "
             "포함한 전체 계수의 노름이 가장 작은 해를, 라이브러리는 평균을 뺀 데이터에서 기울기의 노름이 "
             "가장 작은 해를 고르고 절편을 따로 계산합니다. 계수에 뜻을 두려면 원-핫 열 하나를 빼세요."]
    return lines, {"null_vector": null, "other_solution": other, "prediction_gap": gap}


def _ones_sentence(r_ones: float, r_plain: float) -> str:
    if r_plain > r_ones * (1 + 1e-9) + 1e-12:
        return ("1 열이 없으면 모델에 절편이 없어 직선(초평면)이 원점을 지나도록 강제되므로 라이브러리 회귀와 "
                "다른 답이 나옵니다. 1 열을 붙이면 pinv, lstsq, 라이브러리 방식이 같은 문제를 풉니다.")
    return ("1 열이 없어도 잔차가 같습니다. X의 열들을 더하면 이미 1 열이 나와서(원-핫 열처럼) 절편을 "
            "표현할 수 있기 때문이고, 그래서 1 열을 붙이면 열이 선형종속이 됩니다.")


def _regression_plot(x, y, beta_ones, beta_plain):
    import numpy as np

    xs = x[:, 0]
    grid = np.linspace(min(0.0, float(xs.min())), float(xs.max()), 50)
    return PlotSpec(
        kind="scatter", title="선형회귀: 절편 있음 vs 없음", xlabel="x", ylabel="y",
        series=[
            Series(xs.tolist(), y.tolist(), label="데이터", kind="scatter"),
            Series(grid.tolist(), (beta_ones[0] * grid + beta_ones[1]).tolist(), label="1 열 추가 (절편 있음)", kind="line"),
            Series(grid.tolist(), (beta_plain[0] * grid).tolist(), label="1 열 없음 (원점 통과)", kind="line"),
        ],
    )


def compute_regression(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg, regression

    x, y = v["X"], v["y"]
    if y.size != x.shape[0]:
        raise InputError(f"y의 개수({y.size})가 X의 행 수({x.shape[0]})와 같아야 합니다.", field="y")
    if x.shape[0] < 2:
        raise InputError("데이터가 2개 이상이어야 합니다.", field="X")

    design = linalg.design_matrix(x, intercept=True)
    beta_ones = linalg.matmul(linalg.pinv(design), y.reshape(-1, 1)).ravel()
    beta_plain = linalg.matmul(linalg.pinv(x), y.reshape(-1, 1)).ravel()
    # LAPACK's least-squares driver: an independent solver to set next to the pseudo-inverse.
    beta_lstsq, _, rank, _ = np.linalg.lstsq(design, y, rcond=None)
    rank = int(rank)
    # Library style (scikit-learn's LinearRegression): centre X and y, fit the slopes, then
    # intercept = ȳ − x̄ᵀβ — mathcore's ridge with λ = 0 (intercept last).
    beta_lib = regression.ridge(x, y, 0.0)

    def resid(design_matrix, beta):
        return float(linalg.l2_norm(y - linalg.matmul(design_matrix, beta.reshape(-1, 1)).ravel()))

    r_ones, r_plain = resid(design, beta_ones), resid(x, beta_plain)
    lines = [
        f"X: {shape_text(x)} (특성 {x.shape[1]}개),  y: {y.size}개",
        "",
        f"pinv, 1 열 추가:   {_coef_text(beta_ones[:-1], beta_ones[-1])}",
        f"lstsq (절편 포함): {_coef_text(beta_lstsq[:-1], beta_lstsq[-1])}",
        f"라이브러리 방식:   {_coef_text(beta_lib[:-1], beta_lib[-1])}",
        f"pinv, 1 열 없음:   {_coef_text(beta_plain, 0.0)} (고정)",
        f"잔차 ‖y − Xβ‖₂: 1 열 추가 {fmt_num(r_ones)}, 1 열 없음 {fmt_num(r_plain)}",
        "(라이브러리 방식: 평균을 뺀 데이터로 기울기를 구하고 절편은 ȳ − x̄ᵀβ로 따로 계산)",
        "",
        _ones_sentence(r_ones, r_plain),
        f"1 열 추가 pinv와 lstsq의 최대 차이: {fmt_num(float(np.max(np.abs(beta_ones - beta_lstsq))), 3)}",
    ]
    data = {"pinv_with_ones": beta_ones, "pinv_without_ones": beta_plain, "lstsq": beta_lstsq,
            "library": beta_lib, "residual_with_ones": r_ones, "residual_without_ones": r_plain,
            "rank": rank}
    if rank < design.shape[1]:
        more, extra = _rank_deficient_lines(design, y, beta_ones, beta_lib)
        lines += more
        data.update(extra)
    else:
        gap = float(np.max(np.abs(beta_lib - beta_ones)))
        lines.append(f"랭크가 가득 차 해가 하나뿐이라 라이브러리 방식과 pinv의 최대 차이도 {fmt_num(gap, 3)}입니다.")
    plots = [_regression_plot(x, y, beta_ones, beta_plain)] if x.shape[1] == 1 else []
    return PanelResult("\n".join(lines), plots, data)


def compute_solve(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    a, b = v["A"], v["b"]
    if b.size != a.shape[0]:
        raise InputError(f"b의 개수({b.size})가 A의 행 수({a.shape[0]})와 같아야 합니다.", field="b")
    p = linalg.pinv(a)
    sol = np.asarray(linalg.solve_min_norm(a, b), dtype=float).ravel()
    back = linalg.matmul(a, sol.reshape(-1, 1)).ravel()
    residual = float(linalg.l2_norm(back - b))
    n_rows, n_cols = a.shape
    lines = [f"A: {shape_text(a)}  (식 {n_rows}개, 미지수 {n_cols}개)"]
    if n_rows < n_cols:
        lines.append("식보다 미지수가 많아 해가 무수히 많습니다. x = A⁺b는 그중 노름이 가장 작은 해입니다.")
    elif n_rows > n_cols:
        lines.append("식이 미지수보다 많습니다. x = A⁺b는 ‖Ax − b‖₂를 가장 작게 하는 최소제곱 해입니다.")
    lines += [
        "",
        "A⁺ =", fmt_array(p), "",
        f"x = A⁺ b = {fmt_array(sol)}",
        f"A x = {fmt_array(back)}   (b = {fmt_array(b)})",
        f"잔차 ‖Ax − b‖₂ = {fmt_num(residual, 3)}",
        f"해의 노름 ‖x‖₂ = {fmt_num(linalg.l2_norm(sol))}",
    ]
    if n_rows <= n_cols:
        check = linalg.matmul(a, p)
        ok = np.allclose(check, np.eye(n_rows))
        lines.append("A A⁺ = I: " + ("예" if ok else "아니오 (A의 행이 선형 종속입니다)"))
        # Another solution: add a null-space direction (I − A⁺A) e to the minimum-norm one.
        if n_rows < n_cols:
            projector = np.eye(n_cols) - linalg.matmul(p, a)
            direction = projector[:, int(np.argmax(np.abs(projector).sum(axis=0)))]
            other = sol + direction
            lines.append(
                f"다른 해 x + (I − A⁺A)e = {fmt_array(other, 6)}: A x = "
                f"{fmt_array(linalg.matmul(a, other.reshape(-1, 1)).ravel(), 6)}, ‖x‖₂ = {fmt_num(linalg.l2_norm(other))} (더 큼)"
            )
    data = {"x": sol, "residual": residual, "pinv": p}
    return PanelResult("\n".join(lines), [], data)


PANELS = [
    Panel(
        id="matrices.ops",
        title="행렬 연산: 곱, inner, 전치, 성분곱",
        lesson="matrices",
        description="A @ B (행과 열), inner(A, C) = A Cᵀ (행과 행), 전치, 성분곱을 모양 검사와 함께 계산합니다.",
        fields=[
            Matrix("A", "행렬 A", SEED_X, help="[[1,2],[3,4]] 또는 1 2; 3 4"),
            Matrix("B", "행렬 B", SEED_Y, help="A @ B에 쓰는 행렬"),
            Matrix("C", "행렬 C", "[[0,1,-1],[1,-1,0]]", help="inner(A, C)에 쓰는 행렬 (열 수가 A와 같아야 함)"),
            OPS_FIELD,
        ],
        compute=compute_ops,
        arg_fields={"A": "A", "B": "B"},
    ),
    Panel(
        id="matrices.inverse",
        title="역행렬과 유사역행렬",
        lesson="matrices",
        description="행렬식, 조건수, 역행렬(또는 유사역행렬)과 단위행렬 확인. B에는 유사역행렬을 구할 행렬을 넣습니다.",
        fields=[
            Matrix("A", "행렬 A", SEED_X, help="정사각행렬이면 역행렬, 아니면 유사역행렬"),
            Matrix("B", "행렬 B (유사역행렬)", SEED_Y, optional=True, help="비워 두면 건너뜁니다"),
        ],
        compute=compute_inverse,
    ),
    Panel(
        id="matrices.regression",
        title="유사역행렬로 푸는 선형회귀",
        lesson="matrices",
        description="β = X⁺y를 1 열(절편)을 붙였을 때와 붙이지 않았을 때 구하고 lstsq, 라이브러리 방식(중심화)과 비교합니다. 랭크가 부족하면 같은 잔차의 다른 해도 보여 줍니다.",
        fields=[
            Matrix("X", "입력 X", "1; 2; 3; 4; 5", row_is_column=True,
                   help="한 행이 데이터 하나 (특성이 하나면 1, 2, 3처럼 써도 됩니다)"),
            Vector("y", "출력 y", "3.1, 4.9, 7.2, 8.8, 11.1"),
        ],
        compute=compute_regression,
    ),
    Panel(
        id="matrices.solve",
        title="유사역행렬로 연립방정식 풀기",
        lesson="matrices",
        description="미지수가 식보다 많은 Ax = b를 x = A⁺b로 풀고, 노름이 가장 작은 해임을 확인합니다.",
        fields=[
            Matrix("A", "계수 행렬 A", "[[0,1,-2],[1,-1,1]]"),
            Vector("b", "우변 b", "1, 2"),
        ],
        compute=compute_solve,
    ),
]
