r"""Monte Carlo integration, sample moments and covariance, and sample generators."""
from __future__ import annotations

from typing import Callable

import numpy as np

from mathcore import InputError
from mathcore._util import as_float, as_int, as_vector, mean_and_deviations, scaled_square

MAX_SAMPLES = 50_000_000


def _function(f) -> Callable:
    if isinstance(f, str):
        from mathcore.parse import parse_function

        return parse_function(f, ("x",))
    if callable(f):
        return f
    try:
        import sympy

        if isinstance(f, sympy.Expr):
            from mathcore.parse import numeric_function

            return numeric_function(f, ("x",))
    except ImportError:  # pragma: no cover - sympy is a dependency
        pass
    raise InputError("f는 x에 대한 식(문자열)이나 벡터화된 함수여야 합니다.")


def monte_carlo_integral(f, low, high, sample_size: int = 1000, repeat: int = 10, seed=None):
    r"""Monte Carlo estimate of ∫_a^b f(x) dx = (b − a)·E[f(U)], U ~ Uniform(a, b).

    Each of ``repeat`` runs draws ``sample_size`` points with ``numpy.random.default_rng(seed)``
    and computes (b − a)·mean f(xᵢ).  Returns (mean of the run estimates, their standard
    deviation (1/repeat)), so the spread of the estimate is always reported.  The standard
    error of one run is ≈ (b − a)·sd(f(U))/√sample_size.
    f: vectorised callable or expression text in x; a < b finite.
    """
    fn = _function(f)
    a = as_float(low, "하한", field="low")
    b = as_float(high, "상한", field="high")
    if not a < b:
        raise InputError(f"하한({a:g})이 상한({b:g})보다 작아야 합니다.", field="high")
    n = as_int(sample_size, "표본 크기", 1, field="sample_size")
    r = as_int(repeat, "반복 횟수", 1, field="repeat")
    if n * r > MAX_SAMPLES:
        raise InputError(f"표본이 너무 많습니다 (표본 크기 × 반복 ≤ {MAX_SAMPLES:,}).", field="repeat")
    rng = np.random.default_rng(seed)
    width = b - a
    estimates = np.empty(r)
    for i in range(r):
        xs = rng.uniform(a, b, n)
        with np.errstate(all="ignore"):
            vals = fn(xs)
            total = np.sum(vals) if np.ndim(vals) else vals * n
        if not np.isfinite(total):
            raise InputError("구간 안에서 함수값이 정의되지 않거나 무한대인 점이 있습니다.", field="f")
        estimates[i] = width * (total / n)
    return float(np.mean(estimates)), float(np.std(estimates))


def moments(samples) -> dict:
    r"""Sample moments with the 1/n convention.

    mean = x̄; variance m₂ = (1/n)Σ(xᵢ − x̄)²; skewness = m₃/m₂^{3/2};
    kurtosis (excess) = m₄/m₂² − 3, where m_k = (1/n)Σ(xᵢ − x̄)^k — the defaults of
    ``scipy.stats.skew`` / ``scipy.stats.kurtosis``.  samples: (n,).  For constant data the
    skewness and kurtosis are undefined and returned as NaN (as SciPy does).
    """
    x = as_vector(samples, "표본")
    mean, dz, scale = mean_and_deviations(x)
    zmax = float(np.max(np.abs(dz)))
    if scale == 0.0 or zmax == 0.0:
        m2 = 0.0
        skew = kurt = float("nan")
    else:
        m2 = scaled_square(float(np.mean(dz * dz)), scale, "분산")
        z = dz / zmax  # deviations in units of the largest one: scale-free, no under/overflow
        z2 = float(np.mean(z * z))
        skew = float(np.mean(z**3)) / z2**1.5
        kurt = float(np.mean(z**4)) / (z2 * z2) - 3.0
    return {"mean": mean, "variance": m2, "skewness": skew, "kurtosis": kurt, "n": int(x.size)}


def covariance(a, b) -> float:
    r"""Cov(a, b) = E[(a − Ea)(b − Eb)] = (1/n)Σ(aᵢ − ā)(bᵢ − b̄).  a, b: (n,)."""
    x = as_vector(a, "a")
    y = as_vector(b, "b")
    if x.shape != y.shape:
        raise InputError(f"두 표본의 길이가 같아야 합니다 ({x.size}와 {y.size}).")
    _, dx, sx = mean_and_deviations(x)
    _, dy, sy = mean_and_deviations(y)
    with np.errstate(over="ignore"):
        out = float(np.mean(dx * dy)) * sx * sy
    if not np.isfinite(out):
        raise InputError("공분산: 값이 너무 커서 결과가 float64 범위를 넘었습니다.")
    return out


DISTRIBUTIONS = ("normal", "uniform", "exponential", "laplace", "lognormal", "gamma", "bernoulli", "beta")


def draw_samples(distribution: str, size: int, seed: int = 0, **params) -> np.ndarray:
    r"""``size`` i.i.d. samples from a named distribution (``numpy.random.default_rng(seed)``).

    normal(mu=0, sigma=1), uniform(low=0, high=1), exponential(scale=1), laplace(mu=0, b=1),
    lognormal(mu=0, sigma=1), gamma(shape=2, scale=1), bernoulli(p=0.5), beta(a=2, b=5).
    """
    size = as_int(size, "표본 크기", 1, MAX_SAMPLES)
    rng = np.random.default_rng(seed)

    def p(name, default, low=None, low_open=False, high=None):
        return as_float(params.get(name, default), name, low, high=high, low_open=low_open)

    if distribution == "normal":
        return rng.normal(p("mu", 0.0), p("sigma", 1.0, 0.0, True), size)
    if distribution == "uniform":
        lo, hi = p("low", 0.0), p("high", 1.0)
        if not lo < hi:
            raise InputError("low < high 이어야 합니다.")
        return rng.uniform(lo, hi, size)
    if distribution == "exponential":
        return rng.exponential(p("scale", 1.0, 0.0, True), size)
    if distribution == "laplace":
        return rng.laplace(p("mu", 0.0), p("b", 1.0, 0.0, True), size)
    if distribution == "lognormal":
        return rng.lognormal(p("mu", 0.0), p("sigma", 1.0, 0.0, True), size)
    if distribution == "gamma":
        return rng.gamma(p("shape", 2.0, 0.0, True), p("scale", 1.0, 0.0, True), size)
    if distribution == "bernoulli":
        return (rng.random(size) < p("p", 0.5, 0.0, high=1.0)).astype(float)
    if distribution == "beta":
        return rng.beta(p("a", 2.0, 0.0, True), p("b", 5.0, 0.0, True), size)
    raise InputError(f"분포는 {', '.join(DISTRIBUTIONS)} 중 하나여야 합니다.")


__all__ = ["monte_carlo_integral", "moments", "covariance", "draw_samples", "DISTRIBUTIONS"]
