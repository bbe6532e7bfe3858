"""Panels of lesson 13 (where losses come from, information theory): MSE against MAE under
Gaussian or Laplace noise with outliers, ridge as a Gaussian prior, entropy and mutual information."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import SEED, Choice, Integer, Matrix, Number, Vector, on_field
from .format import fmt_array, fmt_num, table

NOISES = ("가우스", "라플라스")
TRUE_SLOPE, TRUE_INTERCEPT = 2.0, 1.0


def noisy_line(n: int, noise: str, scale: float, outliers: int, seed: int):
    """x ~ U(0, 10), y = 2x + 1 + ε (ε Gaussian with σ = scale or Laplace with b = scale); the
    first ``outliers`` points get +30."""
    import numpy as np

    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0.0, 10.0, n))
    eps = rng.normal(0.0, scale, n) if noise == NOISES[0] else rng.laplace(0.0, scale, n)
    y = TRUE_SLOPE * x + TRUE_INTERCEPT + eps
    y[rng.permutation(n)[:outliers]] += 30.0
    return x, y


def compute_noise_to_loss(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg, regression

    n, outliers = v["n"], v["outliers"]
    if outliers >= n:
        raise InputError(f"데이터 개수({n})보다 작아야 합니다.", field="outliers")
    x, y = noisy_line(n, v["noise"], v["scale"], outliers, v["seed"])
    mse = np.asarray(linalg.least_squares(x, y), dtype=float)
    mae = np.asarray(regression.lad_regression(x, y), dtype=float)
    rows = [["참값", fmt_num(TRUE_SLOPE), fmt_num(TRUE_INTERCEPT)],
            ["MSE (최소제곱)", fmt_num(mse[0], 5), fmt_num(mse[1], 5)],
            ["MAE (최소절대편차)", fmt_num(mae[0], 5), fmt_num(mae[1], 5)]]
    lines = [f"데이터 {n}개: y = 2x + 1 + {v['noise']} 잡음 (척도 {fmt_num(v['scale'])}), 이상치 {outliers}개 (+30), 시드 {v['seed']}",
             "", *table(["적합", "기울기", "절편"], rows), "",
             "가우스 잡음의 최대가능도 = 제곱오차 최소화, 라플라스 잡음의 최대가능도 = 절대오차 최소화.",
             "제곱은 큰 잔차를 크게 벌하므로 이상치가 MSE 직선을 끌어당기고, MAE는 중앙값처럼 버팁니다."]
    xs = [0.0, 10.0]
    plot = PlotSpec(kind="line", title="MSE 직선과 MAE 직선", xlabel="x", ylabel="y", series=[
        Series(x.tolist(), y.tolist(), label="데이터", kind="scatter"),
        Series(xs, [mse[0] * t + mse[1] for t in xs], label="MSE"),
        Series(xs, [mae[0] * t + mae[1] for t in xs], label="MAE"),
    ])
    return PanelResult("\n".join(lines), [plot], {"x": x, "y": y, "mse": mse, "mae": mae})


def compute_ridge(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import regression

    X, y, lams, sigma = v["X"], v["y"], v["lams"], v["sigma"]
    if y.size != X.shape[0]:
        raise InputError(f"y의 개수({y.size})가 X의 행 수({X.shape[0]})와 같아야 합니다.", field="y")
    if np.any(lams < 0):
        raise InputError("λ는 0 이상이어야 합니다.", field="lams")
    betas = np.array([regression.ridge(X, y, float(lam)) for lam in lams])
    names = [f"β{i + 1}" for i in range(X.shape[1])]
    rows = []
    for lam, beta in zip(lams, betas):
        tau = "∞ (사전분포 없음)" if lam == 0 else fmt_num(sigma / np.sqrt(lam), 4)
        rows.append([fmt_num(lam), *(fmt_num(b, 5) for b in beta[:-1]), fmt_num(beta[-1], 5), tau])
    lines = ["β̂ = (X_cᵀX_c + λI)⁻¹X_cᵀy_c, 절편 b = ȳ − x̄ᵀβ̂ (절편은 규제하지 않음)",
             f"잡음 σ = {fmt_num(sigma)}일 때 λ = σ²/τ² ⇔ 사전분포 β ~ N(0, τ²I), τ = σ/√λ", "",
             *table(["λ", *names, "절편", "사전 τ"], rows), "",
             "λ가 커질수록 계수가 0 쪽으로 줄어들고(수축), 절편은 평균을 맞추느라 커집니다."]
    positive = lams > 0
    plots = []
    if np.count_nonzero(positive) >= 2:
        order = np.argsort(lams[positive])
        lp = lams[positive][order]
        plots.append(PlotSpec(kind="line", title="λ에 따른 능형 회귀 계수 (로그 눈금)", xlabel="λ", ylabel="계수", xlog=True,
                              series=[Series(lp.tolist(), betas[positive][order][:, j].tolist(), label=names[j])
                                      for j in range(X.shape[1])]))
    return PanelResult("\n".join(lines), plots, {"betas": betas, "lams": lams})


UNITS = ("비트 (밑 2)", "내트 (밑 e)")


def compute_entropy(v: dict) -> PanelResult:
    import math

    import numpy as np

    from mathcore import statistics

    p, q, joint = v["p"], v["q"], v["joint"]
    base = 2.0 if v["unit"] == UNITS[0] else math.e
    unit = "비트" if base == 2.0 else "내트"
    h = on_field(statistics.entropy, "p", p, base=base)
    lines = [f"p = {fmt_array(p, 6)}", f"H(p) = {fmt_num(h, 8)} {unit}   (균등분포의 최댓값 log {p.size} = "
             f"{fmt_num(math.log(p.size, base), 8)} {unit})",
             f"퍼플렉서티 exp(H) = {fmt_num(statistics.perplexity(p), 8)}  (사실상 고르는 가짓수)"]
    data = {"entropy": h}
    if q is not None:
        if q.size != p.size:
            raise InputError(f"성분이 {p.size}개여야 합니다 (p와 같은 길이).", field="q")
        ce = on_field(statistics.cross_entropy_dist, "q", p, q) / math.log(base)
        kl = statistics.kl_divergence(p, q) / math.log(base)
        lines += ["", f"q = {fmt_array(q, 6)}", f"교차 엔트로피 H(p, q) = {fmt_num(ce, 8)} {unit}",
                  f"KL(p‖q) = H(p, q) − H(p) = {fmt_num(kl, 8)} {unit}  (항상 0 이상)",
                  f"q로 잰 퍼플렉서티 exp(H(p, q)) = {fmt_num(statistics.perplexity(p, q), 8)}"]
        data.update(cross_entropy=ce, kl=kl)
    mi = on_field(statistics.mutual_information, "joint", joint, base=base)
    lines += ["", f"결합분포 p(x, y) = {fmt_array(joint, 4)}".replace("\n", " "),
              f"상호정보량 I(X; Y) = KL(p(x, y) ‖ p(x)p(y)) = {fmt_num(mi, 8)} {unit}"]
    data["mutual_information"] = mi
    idx = list(range(1, p.size + 1))
    series = [Series(idx, p.tolist(), label="p")] + ([Series(idx, q.tolist(), label="q")] if q is not None else [])
    plot = PlotSpec(kind="bar", title="분포 p와 q", xlabel="결과", ylabel="확률", xint=True, series=series)
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="losses_info.noise_to_loss",
        title="잡음의 모양이 손실을 정한다: MSE와 MAE",
        lesson="losses_info",
        description="가우스 또는 라플라스 잡음과 이상치가 섞인 데이터에 MSE 직선과 MAE 직선을 나란히 맞춥니다.",
        fields=[
            Choice("noise", "잡음 분포", NOISES),
            Integer("n", "데이터 개수", "40", low=5, high=2000),
            Number("scale", "잡음 척도", "1", low=0.0, high=100.0),
            Integer("outliers", "이상치 개수", "3", low=0, high=1000),
            SEED,
        ],
        compute=compute_noise_to_loss,
    ),
    Panel(
        id="losses_info.ridge",
        title="능형 회귀: λ와 가우스 사전분포",
        lesson="losses_info",
        description="λ를 키우며 능형 회귀 계수(절편은 규제하지 않음)와 λ에 대응하는 사전분포의 표준편차를 봅니다.",
        fields=[
            Matrix("X", "입력 X", "[[1, 1], [1, 2], [2, 2], [2, 3]]", max_cells=4000),
            Vector("y", "출력 y", "6, 8, 9, 11", help="기본값은 X·[1, 2] + 3"),
            Vector("lams", "λ 목록", "0, 0.1, 1, 10, 100", max_len=20),
            Number("sigma", "잡음 표준편차 σ", "1", low=0.0, low_open=True, high=1e6),
        ],
        compute=compute_ridge,
    ),
    Panel(
        id="losses_info.entropy",
        title="엔트로피, 교차 엔트로피, KL, 퍼플렉서티, 상호정보량",
        lesson="losses_info",
        description="입력한 분포의 정보량을 비트 또는 내트로 계산하고, 결합분포 표의 상호정보량을 구합니다.",
        fields=[
            Vector("p", "분포 p", "0.5, 0.25, 0.25", max_len=100),
            Vector("q", "모델 분포 q", "1/3, 1/3, 1/3", max_len=100, optional=True, help="비우면 생략"),
            Choice("unit", "단위", UNITS),
            Matrix("joint", "결합분포 표", "[[0.4, 0.1], [0.1, 0.4]]", max_cells=400),
        ],
        compute=compute_entropy,
    ),
]
