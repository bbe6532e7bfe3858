"""Panels of lesson 06 (probability): Monte Carlo integration, moments of samples."""

from __future__ import annotations

import math

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Progress, Series
from .fields import SEED, Choice, Expression, Integer, Number, Vector
from .format import expr_text, fmt_num


EXACT_TIMEOUT = 2.0  # seconds SymPy may spend looking for an exact integral


def _exact_integral(expr, low: float, high: float, progress: Progress):
    """SymPy's exact integral when it finds one within EXACT_TIMEOUT seconds, else (None, reason).

    The search runs in mathcore's bounded worker process, which is killed on overrun, so a
    pathological f can neither freeze the panel nor keep a CPU busy afterwards.
    """
    import sympy

    from mathcore import InputError
    from mathcore.bounded import definite_integral

    progress.check()
    try:
        exact, _value = definite_integral(expr, low, high, timeout=EXACT_TIMEOUT)
    except InputError:
        return None, "timeout"
    if exact is None or exact.has(sympy.Integral):
        return None, None
    number = complex(sympy.N(exact, 15))
    value = number.real
    # A pole inside [a, b] can come back as a complex "principal value" (−log 2 − iπ): no real integral.
    if number.imag or not math.isfinite(value):
        return None, "infinite"
    return value, expr_text(exact)


def compute_monte_carlo(v: dict, progress: Progress | None = None) -> PanelResult:
    import numpy as np

    from mathcore import probability

    f, low, high, n, repeat, seed = (v[k] for k in ("f", "low", "high", "n", "repeat", "seed"))
    expr = f.expr
    if high <= low:
        raise InputError("b가 a보다 커야 합니다.", field="high")
    if n * repeat > 5_000_000:
        raise InputError("N × 반복 횟수는 5,000,000 이하로 해 주세요.", field="repeat")
    progress = progress or Progress()
    progress.update(0, 3, "몬테카를로 추정")
    mean, std = probability.monte_carlo_integral(f, low, high, sample_size=n, repeat=repeat, seed=seed)
    if not (np.isfinite(mean) and np.isfinite(std)):
        raise InputError("구간 안에서 f가 정의되지 않거나 무한대인 점이 있습니다.", field="f")
    progress.update(1, 3, "N에 따른 수렴")

    sizes = [s for s in (10, 30, 100, 300, 1000, 3000, 10_000) if s <= max(n, 10)]
    if n not in sizes:
        sizes.append(n)
    curve = []
    for s in sizes:
        m, sd = probability.monte_carlo_integral(f, low, high, sample_size=s, repeat=repeat, seed=seed)
        curve.append((s, float(m), float(sd)))
    progress.update(2, 3, "SymPy로 정확한 값 찾는 중")
    exact, symbolic = _exact_integral(expr, low, high, progress)
    progress.update(3, 3, "완료")

    lines = [
        f"∫ f(x) dx,  f(x) = {f.text},  구간 [{fmt_num(low)}, {fmt_num(high)}]",
        f"균등분포 표본 N = {n}개로 (b − a)·평균 f(xᵢ)를 {repeat}번 반복 (시드 {seed})",
        "",
        f"몬테카를로 추정 = {mean:.4f} ± {std:.4f}  (반복 사이 표준편차)",
    ]
    if exact is not None:
        lines.append(f"정확한 값 = {exact:.7f}  ({symbolic})")
        lines.append(f"추정 오차 = {fmt_num(abs(mean - exact), 3)}")
    elif symbolic == "timeout":
        lines.append(f"SymPy가 {EXACT_TIMEOUT:g}초 안에 정확한 값을 찾지 못했습니다 (추정값만 표시).")
    elif symbolic == "infinite":
        lines.append("정확한 적분은 무한대로 발산합니다: 추정값은 표본에 따라 크게 흔들립니다.")
    else:
        lines.append("SymPy가 정확한 값을 찾지 못했습니다 (추정값만 표시).")
    lines.append("추정은 확률적이라 표준편차를 함께 보고합니다. N을 4배로 늘리면 표준편차는 약 절반이 됩니다 (1/√N).")

    ns = [c[0] for c in curve]
    series = [
        Series(ns, [c[1] for c in curve], label="추정 평균"),
        Series(ns, [c[1] + c[2] for c in curve], label="평균 + 표준편차"),
        Series(ns, [c[1] - c[2] for c in curve], label="평균 − 표준편차"),
    ]
    if exact is not None:
        series.append(Series([ns[0], ns[-1]], [exact, exact], label="정확한 값"))
    plot = PlotSpec(kind="line", title="표본 크기 N에 따른 추정값", xlabel="N (표본 크기)", ylabel="적분 추정",
                    series=series, xlog=True)
    data = {"mean": float(mean), "std": float(std), "exact": exact, "curve": curve}
    return PanelResult("\n".join(lines), [plot], data)


DISTRIBUTIONS = {
    "정규분포 N(0, 1)": "normal",
    "균등분포 U(0, 1)": "uniform",
    "지수분포 Exp(1)": "exponential",
    "라플라스분포 Laplace(0, 1)": "laplace",
    "베타분포 Beta(2, 5)": "beta",
    "베르누이분포 (p = 0.5)": "bernoulli",
}
THEORY = {
    "normal": "이론값: 평균 0, 분산 1, 왜도 0, 첨도 0",
    "uniform": "이론값: 평균 0.5, 분산 1/12 ≈ 0.0833, 왜도 0, 첨도 −1.2",
    "exponential": "이론값: 평균 1, 분산 1, 왜도 2, 첨도 6",
    "laplace": "이론값: 평균 0, 분산 2, 왜도 0, 첨도 3",
    "beta": "이론값: 평균 2/7 ≈ 0.2857, 분산 ≈ 0.0255, 왜도 ≈ 0.596, 첨도 ≈ −0.12",
    "bernoulli": "이론값: 평균 0.5, 분산 0.25, 왜도 0, 첨도 −2",
}
DIST_FIELD = Choice("dist", "분포", tuple(DISTRIBUTIONS))


def compute_moments(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import probability

    which, n, seed, typed = v["dist"], v["n"], v["seed"], v["samples"]
    rng = np.random.default_rng(seed + 1)
    if typed is None:
        a = np.asarray(probability.draw_samples(DISTRIBUTIONS[which], n, seed=seed), dtype=float)
        source = f"{which}에서 {n}개 (시드 {seed})"
    else:
        a = typed
        source = f"직접 입력한 표본 {a.size}개"
    # The second variable shares half of its variance with the first, so Cov(a, b) ≈ Var(a) / 2.
    b = 0.5 * a + rng.standard_normal(a.size)
    m = probability.moments(a)
    cov = float(probability.covariance(a, b))
    lines = [
        f"표본: {source}",
        "",
        f"평균 E[X] = {fmt_num(m['mean'], 6)}",
        f"분산 V[X] = {fmt_num(m['variance'], 6)}  (1/n)",
        f"왜도 = {fmt_num(m['skewness'], 6)}",
        f"첨도 (초과) = {fmt_num(m['kurtosis'], 6)}",
        f"공분산 Cov(X, Y) = {fmt_num(cov, 6)},  Y = 0.5·X + 잡음",
    ]
    if typed is None:
        lines.append(THEORY[DISTRIBUTIONS[which]])
    plot = PlotSpec(kind="hist", title="표본의 히스토그램", xlabel="값", ylabel="개수", yint=True,
                    series=[Series([], a.tolist(), label="표본", kind="hist")], bins=30)
    data = {**{k: float(v) for k, v in m.items()}, "covariance": cov, "samples": a, "other": b}
    return PanelResult("\n".join(lines), [plot], data)


PANELS = [
    Panel(
        id="probability.monte_carlo",
        title="몬테카를로 적분",
        lesson="probability",
        description="구간에서 균등하게 뽑은 표본으로 ∫f를 추정하고, 반복 사이의 표준편차와 정확한 값을 함께 보여 줍니다.",
        fields=[
            Expression("f", "함수 f(x)", "exp(-x^2)"),
            Number("low", "구간 시작 a", "-1", low=-1e6, high=1e6),
            Number("high", "구간 끝 b", "1", low=-1e6, high=1e6),
            Integer("n", "표본 크기 N", "1000", low=2, high=200_000),
            Integer("repeat", "반복 횟수", "100", low=2, high=1000),
            SEED,
        ],
        compute=compute_monte_carlo,
        long_running=True,
        arg_fields={"sample_size": "n"},
    ),
    Panel(
        id="probability.moments",
        title="기댓값, 분산, 왜도, 첨도, 공분산",
        lesson="probability",
        description="고른 분포에서 뽑은 표본(또는 직접 입력한 표본)의 적률과 히스토그램을 봅니다.",
        fields=[
            DIST_FIELD,
            Integer("n", "표본 개수", "2000", low=3, high=1_000_000),
            SEED,
            Vector("samples", "표본 직접 입력", "", min_len=3, optional=True, help="비워 두면 분포에서 뽑습니다"),
        ],
        compute=compute_moments,
    ),
]
