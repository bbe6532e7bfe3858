r"""Maximum likelihood estimates, sample variance, entropy, cross-entropy, KL divergence, CLT sampling."""
from __future__ import annotations

import math

import numpy as np

from mathcore import InputError
from mathcore._util import as_array, as_float, as_int, as_vector, mean_and_deviations, scaled_square

SUM_TOLERANCE = 1e-6


def mle_normal(x) -> tuple[float, float]:
    r"""MLE of a normal distribution: μ̂ = (1/n)Σxᵢ, σ̂² = (1/n)Σ(xᵢ − μ̂)² (biased, 1/n).  x: (n,)."""
    v = as_vector(x, "표본")
    mu, dz, scale = mean_and_deviations(v)
    return mu, scaled_square(float(np.mean(dz * dz)), scale, "분산")


def sample_variance(x) -> float:
    r"""Unbiased sample variance S² = (1/(n − 1))Σ(xᵢ − x̄)².  x: (n,), n ≥ 2."""
    v = as_vector(x, "표본")
    if v.size < 2:
        raise InputError("표본분산은 표본이 2개 이상일 때만 정의됩니다 (n − 1로 나누므로).")
    _, dz, scale = mean_and_deviations(v)
    return scaled_square(float(np.dot(dz, dz) / (v.size - 1)), scale, "표본분산")


def mle_categorical(labels, k: int) -> np.ndarray:
    r"""MLE of a categorical distribution: p̂_c = n_c / n for c = 0, …, k − 1.  labels: (n,) ints in [0, k)."""
    k = as_int(k, "클래스 수", 1, 100_000)
    v = as_vector(labels, "레이블")
    if np.any(v != np.round(v)) or v.min() < 0 or v.max() >= k:
        raise InputError(f"레이블은 0 이상 {k - 1} 이하의 정수여야 합니다.")
    return np.bincount(v.astype(int), minlength=k) / v.size


def _distribution(p, name: str) -> np.ndarray:
    v = as_vector(p, name)
    if np.any(v < 0):
        raise InputError(f"{name}: 확률은 음수일 수 없습니다.")
    total = float(v.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise InputError(f"{name}: 확률의 합이 1이어야 합니다 (지금 합: {total:.6g}).")
    return v


def _pair(p, q):
    a = _distribution(p, "p")
    b = _distribution(q, "q")
    if a.shape != b.shape:
        raise InputError(f"두 분포의 길이가 같아야 합니다 ({a.size}와 {b.size}).")
    return a, b


def _log_base(base) -> float:
    """ln(base) for a logarithm base b > 0, b ≠ 1 (2 gives bits, e nats, 10 hartleys)."""
    b = as_float(base, "로그의 밑", 0.0, low_open=True)
    if b == 1.0:
        raise InputError("로그의 밑은 1이 될 수 없습니다 (2: 비트, e: 내트).")
    return float(np.log(b))


def entropy(p, base: float = math.e) -> float:
    r"""Shannon entropy H(p) = −Σᵢ pᵢ log_b pᵢ (0·log 0 = 0).  p: (k,), pᵢ ≥ 0, Σ = 1.

    base: b = e (default) gives nats, b = 2 bits; H in bits = H in nats / ln 2.  The uniform
    distribution over k outcomes has the largest entropy, log_b k.
    """
    v = _distribution(p, "p")
    nz = v > 0
    return float(max(0.0, -np.sum(v[nz] * np.log(v[nz])))) / _log_base(base)


def mutual_information(joint, base: float = math.e) -> float:
    r"""Mutual information I(X; Y) = KL(p(x, y) ‖ p(x)p(y)) = Σ p(x, y) log_b [p(x, y) / (p(x)p(y))] ≥ 0.

    joint: (a, b) table of p(x, y) (rows x, columns y), entries ≥ 0 summing to 1.  I = 0 exactly
    when the table is the product of its margins (X and Y independent); I ≤ min(H(X), H(Y)).
    """
    table = as_array(joint, "결합분포", ndim=2, parse_text="matrix")
    if np.any(table < 0):
        raise InputError("결합분포: 확률은 음수일 수 없습니다.")
    total = float(table.sum())
    if abs(total - 1.0) > SUM_TOLERANCE:
        raise InputError(f"결합분포: 모든 칸의 합이 1이어야 합니다 (지금 합: {total:.6g}).")
    px, py = table.sum(axis=1), table.sum(axis=0)
    product = np.outer(px, py)
    nz = table > 0
    value = float(np.sum(table[nz] * np.log(table[nz] / product[nz])))
    return max(0.0, value) / _log_base(base)


def perplexity(p, q=None, base: float = math.e) -> float:
    r"""Perplexity b^{H(p)} = e^{H_nats(p)}, or with q, b^{H(p, q)}: the effective number of equally
    likely outcomes.  It does not depend on the base (the base only cancels); ``base`` is accepted so
    callers can pass the one they use elsewhere.  The uniform distribution over k outcomes gives k.
    q: a model distribution; a zero where p is positive gives +∞.
    """
    _log_base(base)
    h = entropy(p) if q is None else cross_entropy_dist(p, q)
    with np.errstate(over="ignore"):
        return float(np.exp(h))


def cross_entropy_dist(p, q) -> float:
    r"""Cross-entropy H(p, q) = −Σᵢ pᵢ log qᵢ (natural log; terms with pᵢ = 0 are 0;
    qᵢ = 0 < pᵢ gives +∞).  p, q: (k,)."""
    a, b = _pair(p, q)
    nz = a > 0
    if np.any(b[nz] == 0):
        return float("inf")
    return float(-np.sum(a[nz] * np.log(b[nz])))


def kl_divergence(p, q) -> float:
    r"""KL(p‖q) = Σᵢ pᵢ log(pᵢ/qᵢ) = H(p, q) − H(p) ≥ 0 (natural log; 0·log(0/q) = 0;
    qᵢ = 0 < pᵢ gives +∞).  Not symmetric.  p, q: (k,)."""
    a, b = _pair(p, q)
    nz = a > 0
    if np.any(b[nz] == 0):
        return float("inf")
    return float(max(0.0, np.sum(a[nz] * np.log(a[nz] / b[nz]))))


POPULATIONS = {
    # name: (mean, variance) of the population
    "uniform": (0.5, 1.0 / 12.0),
    "exponential": (1.0, 1.0),
    "bernoulli": (0.3, 0.21),
}


def sample_means(population: str, n: int, trials: int, seed: int = 0) -> np.ndarray:
    r"""Means of ``trials`` independent samples of size n, for the central limit theorem:
    X̄ₙ ≈ N(μ, σ²/n) for large n.  population: "uniform" (U(0, 1)), "exponential" (rate 1) or
    "bernoulli" (p = 0.3); see :data:`POPULATIONS` for μ and σ².  Returns (trials,)."""
    n = as_int(n, "표본 크기 n", 1, 1_000_000)
    trials = as_int(trials, "반복 횟수", 1, 1_000_000)
    if n * trials > 20_000_000:
        raise InputError("n × 반복 횟수가 너무 큽니다 (2천만 이하).")
    rng = np.random.default_rng(seed)
    if population == "uniform":
        data = rng.random((trials, n))
    elif population == "exponential":
        data = rng.exponential(1.0, (trials, n))
    elif population == "bernoulli":
        data = (rng.random((trials, n)) < 0.3).astype(float)
    else:
        raise InputError(f"모집단은 {', '.join(POPULATIONS)} 중 하나여야 합니다.")
    return data.mean(axis=1)


def normal_pdf(x, mu: float = 0.0, var: float = 1.0) -> np.ndarray:
    r"""Normal density N(x; μ, σ²) = exp(−(x − μ)²/(2σ²)) / √(2πσ²)."""
    v = as_float(var, "분산", 0.0, low_open=True)
    m = as_float(mu, "평균")
    xs = np.asarray(x, dtype=float)
    return np.exp(-(xs - m) ** 2 / (2 * v)) / np.sqrt(2 * np.pi * v)


def normal_log_likelihood(x, mu: float, var: float) -> float:
    r"""log L(μ, σ²) = −(n/2) log(2πσ²) − Σ(xᵢ − μ)²/(2σ²)."""
    v = as_vector(x, "표본")
    s2 = as_float(var, "분산", 0.0, low_open=True)
    m = as_float(mu, "평균")
    return float(-0.5 * v.size * np.log(2 * np.pi * s2) - np.sum((v - m) ** 2) / (2 * s2))


__all__ = [
    "mle_normal", "sample_variance", "mle_categorical", "entropy", "mutual_information", "perplexity", "cross_entropy_dist", "kl_divergence",
    "sample_means", "normal_pdf", "normal_log_likelihood", "POPULATIONS",
]
