"""Panels of lesson 07 (statistics): maximum likelihood, central limit theorem, KL divergence."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import SEED, Choice, Integer, Number, Vector, on_field
from .format import fmt_array, fmt_num, table

MODELS = ("정규분포", "카테고리 분포")
MODEL_FIELD = Choice("model", "모델", MODELS)
_NORMAL = ("model", (MODELS[0],))
_CATEGORICAL = ("model", (MODELS[1],))


def _mle_normal(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import probability, statistics

    n, seed, x = v["n"], v["seed"], v["samples"]
    if x is not None:
        source = f"직접 입력한 표본 {x.size}개"
    else:
        mu, sigma = v["mu"], v["sigma"]
        x = np.asarray(probability.draw_samples("normal", n, seed=seed, mu=mu, sigma=sigma), dtype=float)
        source = f"N({fmt_num(mu)}, {fmt_num(sigma)}²)에서 {n}개 (시드 {seed})"
    mu_hat, var_hat = statistics.mle_normal(x)
    s2 = statistics.sample_variance(x)
    lines = [
        f"표본: {source}",
        "",
        f"최대가능도 추정  μ̂ = 표본평균 = {fmt_num(mu_hat, 6)}",
        f"                σ̂² = (1/n)Σ(xᵢ − μ̂)² = {fmt_num(var_hat, 6)}  (σ̂ = {fmt_num(np.sqrt(var_hat), 6)})",
        f"표본분산 (1/(n − 1)) = {fmt_num(s2, 6)}  — 불편추정량이라 MLE보다 약간 큽니다.",
    ]
    grid = np.linspace(float(x.min()), float(x.max()), 120)
    if not var_hat > 0:
        raise InputError("표본이 모두 같아 분산이 0입니다. 서로 다른 값을 넣으세요.", field="samples")
    density = np.asarray(statistics.normal_pdf(grid, mu_hat, var_hat), dtype=float)
    bins = 25
    width = (float(x.max()) - float(x.min())) / bins or 1.0
    expected = density * x.size * width  # density scaled to the histogram's counts
    plot = PlotSpec(kind="hist", title="표본 히스토그램과 추정한 정규분포", xlabel="x", ylabel="개수", yint=True,
                    series=[Series([], x.tolist(), label="표본", kind="hist"),
                            Series(grid.tolist(), expected.tolist(), label="추정한 밀도 × n × 폭", kind="line")],
                    bins=bins)
    data = {"mu": float(mu_hat), "var": float(var_hat), "sample_variance": float(s2), "samples": x}
    return PanelResult("\n".join(lines), [plot], data)


def _mle_categorical(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import statistics

    k, n, seed, raw = v["k"], v["n"], v["seed"], v["samples"]
    if raw is not None:
        if np.any(raw != np.round(raw)) or np.any(raw < 0) or np.any(raw >= k):
            raise InputError(f"카테고리 표본은 0부터 {k - 1}까지의 정수여야 합니다.", field="samples")
        labels = raw.astype(int)
        source = f"직접 입력한 표본 {labels.size}개"
    else:
        probs = v["probs"]
        if probs.size != k:
            raise InputError(f"성분이 K = {k}개여야 합니다 (입력: {probs.size}개).", field="probs")
        if np.any(probs < 0) or abs(probs.sum() - 1.0) > 1e-6:
            raise InputError(f"음수가 없고 합이 1이어야 합니다 (합: {fmt_num(probs.sum())}).", field="probs")
        labels = np.random.default_rng(seed).choice(k, size=n, p=probs / probs.sum())
        source = f"확률 {fmt_array(probs, 4)}인 카테고리 분포에서 {n}개 (시드 {seed})"
    p_hat = np.asarray(statistics.mle_categorical(labels, k), dtype=float)
    counts = np.bincount(labels, minlength=k)
    lines = [
        f"표본: {source}",
        "",
        "최대가능도 추정 p̂ₖ = nₖ / n (라그랑주 승수로 Σp = 1 조건을 넣어 유도)",
        *[f"  클래스 {i}: nₖ = {counts[i]},  p̂ = {fmt_num(p_hat[i], 6)}" for i in range(k)],
        "",
        "딥러닝의 분류도 같은 일을 합니다: 소프트맥스 출력을 카테고리 분포의 모수로 보고 로그가능도를 최대화합니다.",
    ]
    plot = PlotSpec(kind="bar", title="카테고리별 추정 확률 p̂", xlabel="클래스", ylabel="확률", ylim=(0.0, 1.0),
                    series=[Series([str(i) for i in range(k)], p_hat.tolist(), label="p̂")])
    return PanelResult("\n".join(lines), [plot], {"p_hat": p_hat, "counts": counts, "labels": labels})


def compute_mle(v: dict) -> PanelResult:
    return _mle_normal(v) if v["model"] == MODELS[0] else _mle_categorical(v)


# The choice the learner sees (Korean) → mathcore's population name.
POPULATIONS = {"균등분포 U(0, 1)": "uniform", "지수분포 (비율 1)": "exponential", "베르누이분포 (p = 0.3)": "bernoulli"}
POP_FIELD = Choice("population", "모집단", tuple(POPULATIONS), default="지수분포 (비율 1)",
                   help="표본을 뽑을 모집단의 분포")


def compute_clt(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import statistics

    shown, sizes, trials, seed = v["population"], v["sizes"], v["trials"], v["seed"]
    population = POPULATIONS[shown]
    if np.any(sizes < 1) or np.any(sizes != np.round(sizes)) or np.any(sizes > 10_000):
        raise InputError("1 이상 10000 이하의 정수들을 입력하세요.", field="sizes")
    if float(sizes.sum()) * trials > 20_000_000:
        raise InputError("n × 반복 횟수의 합이 너무 큽니다 (2천만 이하).", field="trials")

    mu, variance = statistics.POPULATIONS[population]
    sigma = float(np.sqrt(variance))
    lines = [
        f"모집단: {shown} (평균 μ = {fmt_num(mu, 4)}, 표준편차 σ = {fmt_num(sigma, 4)})",
        f"크기 n인 표본의 평균을 {trials}번 구합니다 (시드 {seed}).",
        "",
    ]
    rows = []
    plots = []
    data: dict = {"population_mean": mu, "population_std": sigma}
    for n in sizes.astype(int):
        means = np.asarray(statistics.sample_means(population, int(n), trials, seed=seed), dtype=float)
        data[int(n)] = means
        rows.append([str(n), fmt_num(means.mean(), 5), fmt_num(means.std(), 5), fmt_num(sigma / np.sqrt(n), 5)])
        plots.append(PlotSpec(kind="hist", title=f"표본평균의 분포 (n = {n})", xlabel="표본평균", ylabel="개수", yint=True,
                              series=[Series([], means.tolist(), label=f"n = {n}", kind="hist")], bins=30))
    lines += table(["n", "표본평균의 평균", "표본평균의 표준편차", "σ/√n"], rows)
    lines += ["", "n이 커질수록 모집단 모양과 상관없이 표본평균의 분포가 정규분포에 가까워지고 폭은 σ/√n으로 줄어듭니다."]
    return PanelResult("\n".join(lines), plots, data)


def compute_kl(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import statistics

    p, q = v["p"], v["q"]
    if q.size != p.size:
        raise InputError(f"p와 성분 수가 같아야 합니다 (p: {p.size}개, q: {q.size}개).", field="q")
    h_p = float(on_field(statistics.entropy, "p", p))
    h_q = float(on_field(statistics.entropy, "q", q))
    ce_pq = float(statistics.cross_entropy_dist(p, q))
    ce_qp = float(statistics.cross_entropy_dist(q, p))
    kl_pq = float(statistics.kl_divergence(p, q))
    kl_qp = float(statistics.kl_divergence(q, p))
    lines = [
        f"p = {fmt_array(p, 4)}",
        f"q = {fmt_array(q, 4)}",
        "",
        f"엔트로피 H(p) = {fmt_num(h_p, 6)},  H(q) = {fmt_num(h_q, 6)}",
        f"교차 엔트로피 H(p, q) = {fmt_num(ce_pq, 6)},  H(q, p) = {fmt_num(ce_qp, 6)}",
        f"KL(p‖q) = {fmt_num(kl_pq, 6)}",
        f"KL(q‖p) = {fmt_num(kl_qp, 6)}",
        f"확인: H(p, q) − H(p) = {fmt_num(ce_pq - h_p, 6)} = KL(p‖q)" if np.isfinite(kl_pq)
        else "q가 0인 곳에 p의 확률이 있어 KL(p‖q)는 무한대입니다.",
        "",
        "KL 발산은 0 이상이고 두 분포가 같을 때만 0입니다. 대칭이 아니라서 KL(p‖q) ≠ KL(q‖p)이므로 거리(metric)는 아닙니다.",
    ]
    classes = [str(i) for i in range(p.size)]
    plot = PlotSpec(kind="bar", title="두 분포 p, q", xlabel="사건", ylabel="확률", ylim=(0.0, 1.0),
                    series=[Series(classes, p.tolist(), label="p"), Series(classes, q.tolist(), label="q")])
    data = {"entropy_p": h_p, "entropy_q": h_q, "cross_entropy_pq": ce_pq, "cross_entropy_qp": ce_qp,
            "kl_pq": kl_pq, "kl_qp": kl_qp}
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="statistics.mle",
        title="최대가능도 추정 (MLE)",
        lesson="statistics",
        description="정규분포나 카테고리 분포의 모수를 최대가능도로 추정하고 히스토그램 위에 겹쳐 봅니다.",
        fields=[
            MODEL_FIELD,
            Vector("samples", "표본 직접 입력", "", min_len=2, optional=True,
                   help="비워 두면 아래 설정으로 표본을 만듭니다"),
            Integer("n", "표본 개수", "500", low=2, high=1_000_000),
            Number("mu", "생성 평균 μ", "1", low=-1e6, high=1e6, when=_NORMAL, help="정규분포용"),
            Number("sigma", "생성 표준편차 σ", "2", low=0.0, low_open=True, high=1e6, when=_NORMAL, help="정규분포용"),
            Integer("k", "카테고리 수 K", "3", low=2, high=50, when=_CATEGORICAL, help="카테고리 분포용"),
            Vector("probs", "생성 확률", "0.2, 0.5, 0.3", max_len=50, when=_CATEGORICAL, help="카테고리 분포용, 합이 1"),
            SEED,
        ],
        compute=compute_mle,
    ),
    Panel(
        id="statistics.clt",
        title="중심극한정리",
        lesson="statistics",
        description="모집단에서 크기 n인 표본을 여러 번 뽑아 표본평균의 히스토그램을 n별로 그립니다.",
        fields=[
            POP_FIELD,
            Vector("sizes", "표본 크기 n 목록", "1, 2, 10, 50", max_len=6),
            Integer("trials", "반복 횟수", "5000", low=10, high=200_000),
            SEED,
        ],
        compute=compute_clt,
    ),
    Panel(
        id="statistics.kl",
        title="쿨백-라이블러 발산",
        lesson="statistics",
        description="두 이산분포의 엔트로피, 교차 엔트로피, KL(p‖q), KL(q‖p)를 계산해 비대칭성을 봅니다.",
        fields=[
            Vector("p", "분포 p", "0.1, 0.4, 0.5", min_len=2, max_len=50),
            Vector("q", "분포 q", "0.8, 0.15, 0.05", min_len=2, max_len=50),
        ],
        compute=compute_kl,
    ),
]
