"""Panels of lesson 12 (eigen-decomposition and SVD): a 2×2 matrix acting on the unit circle,
both decompositions of a typed matrix with the pseudo-inverse, and PCA of built-in or typed data."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Choice, Integer, Matrix
from .format import fmt_array, fmt_num

CIRCLE_POINTS = 181


def _axis_segment(vector, label: str) -> Series:
    """A line from −v to v through the origin (an axis of the picture)."""
    return Series([-float(vector[0]), 0.0, float(vector[0])], [-float(vector[1]), 0.0, float(vector[1])], label=label)


def compute_transform(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    A = v["A"]
    if A.shape != (2, 2):
        raise InputError(f"2×2 행렬이어야 합니다 (입력 모양 {A.shape[0]}×{A.shape[1]}).", field="A")
    t = np.linspace(0.0, 2.0 * np.pi, CIRCLE_POINTS)
    circle = np.vstack([np.cos(t), np.sin(t)])
    image = A @ circle
    U, S, Vt = linalg.svd(A)
    for k in range(2):  # show each singular pair with its larger entry positive (uσvᵀ is unchanged)
        if U[np.argmax(np.abs(U[:, k])), k] < 0:
            U[:, k], Vt[k] = -U[:, k], -Vt[k]
    values, vectors = linalg.eig(A)
    series = [Series(circle[0].tolist(), circle[1].tolist(), label="단위원"),
              Series(image[0].tolist(), image[1].tolist(), label="Ax (타원)")]
    lines = ["A =", fmt_array(A, 6), f"det A = {fmt_num(linalg.determinant(A))} (넓이 배율, 부호는 방향)", ""]
    if np.iscomplexobj(values):
        lines.append(f"고윳값 {', '.join(f'{z.real:.4g} ± {abs(z.imag):.4g}i' for z in values[:1])}: 복소수 → "
                     "회전이 섞여 있어 늘이기만 하는 실수 방향이 없습니다.")
    else:
        for k, lam in enumerate(values):
            vec = vectors[:, k]
            lines.append(f"고윳값 λ{k + 1} = {fmt_num(lam)}, 고유벡터 {fmt_array(vec, 4)}  (A v = λ v)")
            series.append(_axis_segment(vec * max(abs(lam), 1e-9), f"고유벡터 {k + 1} × |λ|"))
    lines += ["", f"특잇값 σ = {fmt_array(S, 6)}: 타원의 반지름(긴 축, 짧은 축)",
              f"긴 축 방향 u₁ = {fmt_array(U[:, 0], 4)}, 그 축으로 가는 입력 v₁ = {fmt_array(Vt[0], 4)}"]
    for k in range(2):
        series.append(_axis_segment(U[:, k] * S[k], f"특잇값 축 {k + 1} (σ{k + 1}u{k + 1})"))
    cond = linalg.condition_number(A)
    flat = linalg.rank(A) < 2
    lines.append(f"조건수 σ_max/σ_min = {fmt_num(cond) if not flat else '∞'}"
                 + ("  (특이행렬: 원이 선분이나 점으로 눌립니다)" if flat else ""))
    reach = float(max(1.0, np.max(np.abs(image)))) * 1.1
    plot = PlotSpec(kind="line", title="단위원과 그 상 Ax, 고유벡터와 특잇값 축", xlabel="x₁", ylabel="x₂",
                    series=series, xlim=(-reach, reach), ylim=(-reach, reach), equal_aspect=True)
    data = {"eigenvalues": values, "eigenvectors": vectors, "singular_values": S, "U": U, "Vt": Vt, "image": image}
    return PanelResult("\n".join(lines), [plot], data)


def compute_decompose(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    A = v["A"]
    U, S, Vt = linalg.svd(A)
    rank = linalg.rank(A)
    lines = [f"A ({A.shape[0]}×{A.shape[1]}) =", fmt_array(A, 6), ""]
    if A.shape[0] == A.shape[1]:
        values, vectors = linalg.eig(A)
        if np.iscomplexobj(values):
            lines.append("고윳값 = " + ", ".join(f"{z.real:.6g}{z.imag:+.6g}i" for z in values) + " (복소수)")
        else:
            lines.append(f"고윳값 = {fmt_array(values, 8)}  (곱 = det {fmt_num(np.prod(values))}, 합 = trace {fmt_num(np.sum(values))})")
            Q = vectors
            if np.allclose(A, A.T):
                err = float(np.max(np.abs(Q @ np.diag(values) @ Q.T - A)))
                lines.append(f"대칭행렬: A = QΛQᵀ, 재구성 오차 {fmt_num(err, 3)}")
    else:
        lines.append("정사각행렬이 아니라 고윳값 분해는 없습니다. SVD는 어떤 행렬에도 있습니다.")
    err = float(np.max(np.abs(U @ np.diag(S) @ Vt - A)))
    cond = linalg.condition_number(A)
    plus = linalg.pinv_svd(A)
    gap = float(np.max(np.abs(plus - linalg.pinv(A))))
    lines += ["", f"특잇값 σ = {fmt_array(S, 8)}", f"SVD 재구성 오차 max|UΣVᵀ − A| = {fmt_num(err, 3)}",
              f"랭크(0이 아닌 특잇값의 개수) = {rank}", f"조건수 σ_max/σ_min = {fmt_num(cond, 8)}", "",
              "유사역행렬 A⁺ = VΣ⁺Uᵀ:", fmt_array(plus, 8), f"pinv(A)와의 최대 차이 {fmt_num(gap, 3)}"]
    plot = PlotSpec(kind="bar", title="특잇값 (큰 것부터)", xlabel="번호", ylabel="σ", xint=True,
                    series=[Series(list(range(1, S.size + 1)), S.tolist(), label="σ")])
    data = {"U": U, "S": S, "Vt": Vt, "rank": rank, "cond": cond, "pinv_svd": plus, "reconstruction": err}
    return PanelResult("\n".join(lines), [plot], data)


DATASETS = ("기본 데이터 (2차원, 100개)", "입력한 X")


def builtin_data():
    """100 points in 2-D stretched along (2, 1)/√5: standard deviations 3 and 0.5, centre (1, 2)."""
    import numpy as np

    rng = np.random.default_rng(0)
    z = rng.standard_normal((100, 2)) * np.array([3.0, 0.5])
    axes = np.array([[2.0, 1.0], [-1.0, 2.0]]) / np.sqrt(5.0)
    return z @ axes + np.array([1.0, 2.0])


def compute_pca(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    X = builtin_data() if v["dataset"] == DATASETS[0] else v["X"]
    if X.shape[0] < 2:
        raise InputError("데이터(행)가 2개 이상이어야 합니다.", field="X")
    k = v["k"]
    if k > min(X.shape):
        raise InputError(f"min(행 수, 열 수) = {min(X.shape)} 이하여야 합니다 (입력: {k}).", field="k")
    full = linalg.pca(X, min(X.shape))
    res = linalg.pca(X, k)
    total = float(np.sum(full.explained_variance))
    lines = [f"데이터 {X.shape[0]}개 × {X.shape[1]}차원, 평균 {fmt_array(res.mean, 4)}", ""]
    for i in range(k):
        lines.append(f"주성분 {i + 1}: {fmt_array(res.components[i], 4)}  분산 {fmt_num(res.explained_variance[i], 5)}"
                     f"  설명 비율 {100 * res.explained_variance_ratio[i]:.2f}%")
    errors = []
    centred = X - full.mean
    for j in range(1, min(X.shape) + 1):
        rebuilt = centred @ full.components[:j].T @ full.components[:j]
        error = float(np.mean(np.sum((centred - rebuilt) ** 2, axis=1)))
        errors.append(error if error > 1e-12 * max(total, 1e-300) else 0.0)
    lines += ["", "k개 주성분으로 재구성했을 때 평균 제곱 오차 (버린 분산 × (n − 1)/n):"]
    lines += [f"  k = {j}: {fmt_num(e, 5)}" for j, e in enumerate(errors, start=1)]
    lines.append(f"전체 분산 {fmt_num(total, 5)} = 주성분 분산의 합 (공분산 행렬의 고윳값의 합)")
    plots = []
    if X.shape[1] == 2:
        series = [Series(X[:, 0].tolist(), X[:, 1].tolist(), label="데이터", kind="scatter")]
        for i in range(2):
            half = 2.0 * np.sqrt(full.explained_variance[i]) * full.components[i]
            series.append(Series([full.mean[0] - half[0], full.mean[0] + half[0]],
                                 [full.mean[1] - half[1], full.mean[1] + half[1]], label=f"주성분 {i + 1} (±2σ)"))
        plots.append(PlotSpec(kind="line", title="데이터와 주성분 축", xlabel="x₁", ylabel="x₂", series=series,
                              equal_aspect=True))
    ratio = full.explained_variance_ratio
    plots.append(PlotSpec(kind="bar", title="주성분별 설명 분산 비율", xlabel="주성분", ylabel="비율", xint=True,
                          series=[Series(list(range(1, ratio.size + 1)), ratio.tolist(), label="비율")]))
    data = {"components": res.components, "ratio": res.explained_variance_ratio, "variance": res.explained_variance,
            "errors": errors, "scores": res.scores}
    return PanelResult("\n".join(lines), plots, data)


PANELS = [
    Panel(
        id="eigen_svd.transform",
        title="행렬이 단위원을 타원으로: 고유벡터와 특잇값",
        lesson="eigen_svd",
        description="2×2 행렬이 단위원을 어떤 타원으로 보내는지 그리고, 고유벡터와 특잇값 축을 함께 표시합니다.",
        fields=[Matrix("A", "행렬 A", "[[2, 1], [1, 2]]", max_rows=2, max_cols=2, help="2×2")],
        compute=compute_transform,
    ),
    Panel(
        id="eigen_svd.decompose",
        title="고윳값 분해와 SVD, 유사역행렬",
        lesson="eigen_svd",
        description="고윳값과 특잇값, 재구성 오차, 랭크, 조건수, VΣ⁺Uᵀ로 만든 유사역행렬을 pinv와 비교합니다.",
        fields=[Matrix("A", "행렬 A", "[[0, 1], [1, -1], [-2, 1]]", max_cells=400)],
        compute=compute_decompose,
    ),
    Panel(
        id="eigen_svd.pca",
        title="주성분 분석 (PCA)",
        lesson="eigen_svd",
        description="중심화한 데이터의 SVD로 주성분, 설명 분산 비율, k별 재구성 오차를 구합니다.",
        fields=[
            Choice("dataset", "데이터", DATASETS),
            Matrix("X", "입력 X", "[[1, 2], [2, 3], [3, 5], [4, 4], [5, 6]]", max_cells=4000,
                   when=("dataset", (DATASETS[1],)), help="한 행이 데이터 하나"),
            Integer("k", "주성분 개수 k", "1", low=1, high=50),
        ],
        compute=compute_pca,
    ),
]
