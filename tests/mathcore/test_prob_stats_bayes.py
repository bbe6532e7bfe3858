"""mathcore.probability, statistics, bayes against scipy and curriculum.md's numbers."""
import math

import numpy as np
import pytest
import scipy.integrate
import scipy.special
import scipy.stats
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from mathcore import InputError
from mathcore import bayes, probability, statistics


def test_curriculum_monte_carlo_gaussian():
    exact = math.sqrt(math.pi) * math.erf(1.0)
    assert exact == pytest.approx(1.4936483, abs=1e-7)
    mean, std = probability.monte_carlo_integral("exp(-x^2)", -1, 1, sample_size=1000, repeat=100, seed=0)
    assert 0.010 < std < 0.016  # the seed reports a spread near 0.013
    assert abs(mean - exact) < 4 * std / math.sqrt(100)
    assert round(mean, 2) == 1.49
    again = probability.monte_carlo_integral("exp(-x^2)", -1, 1, sample_size=1000, repeat=100, seed=0)
    assert again == (mean, std)


@pytest.mark.parametrize("text, fn, low, high", [
    ("sin(x)^2", lambda t: np.sin(t) ** 2, 0.0, 3.0),
    ("sqrt(x)", np.sqrt, 0.0, 4.0),
    ("1/(1+x^2)", lambda t: 1 / (1 + t * t), -2.0, 5.0),
])
def test_monte_carlo_within_four_standard_errors_of_quad(text, fn, low, high):
    exact, _ = scipy.integrate.quad(fn, low, high)
    n, r = 4000, 25
    mean, std = probability.monte_carlo_integral(text, low, high, sample_size=n, repeat=r, seed=11)
    assert abs(mean - exact) < 4 * std / math.sqrt(r)
    # a callable gives the same numbers as the text
    assert probability.monte_carlo_integral(fn, low, high, n, r, seed=11) == pytest.approx((mean, std), rel=1e-12)


def test_monte_carlo_errors():
    with pytest.raises(InputError, match="하한"):
        probability.monte_carlo_integral("x", 1, 0)
    with pytest.raises(InputError, match="정의되지"):
        probability.monte_carlo_integral("log(x)", -1, 1, seed=0)
    with pytest.raises(InputError):
        probability.monte_carlo_integral("y", 0, 1)
    with pytest.raises(InputError, match="너무 많"):
        probability.monte_carlo_integral("x", 0, 1, sample_size=10**8, repeat=10)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(2, 50), elements=st.floats(-1e6, 1e6, allow_nan=False)))
def test_moments_match_scipy(x):
    m = probability.moments(x)
    assert m["mean"] == pytest.approx(np.mean(x), rel=1e-12, abs=1e-9)
    assert m["variance"] == pytest.approx(np.var(x), rel=1e-9, abs=1e-9)
    if np.var(x) > 1e-6 * max(1.0, np.max(np.abs(x))) ** 2:
        assert m["skewness"] == pytest.approx(scipy.stats.skew(x), rel=1e-7, abs=1e-9)
        assert m["kurtosis"] == pytest.approx(scipy.stats.kurtosis(x), rel=1e-7, abs=1e-9)


def test_moments_of_known_distributions():
    rng_samples = probability.draw_samples("exponential", 200_000, seed=3)
    m = probability.moments(rng_samples)
    assert m["skewness"] == pytest.approx(2.0, abs=0.1)  # exponential: skew 2, excess kurtosis 6
    assert m["kurtosis"] == pytest.approx(6.0, abs=0.6)
    c = probability.moments([2.0, 2.0, 2.0])
    assert c["variance"] == 0.0 and math.isnan(c["skewness"])
    for name in probability.DISTRIBUTIONS:
        s = probability.draw_samples(name, 100, seed=1)
        assert s.shape == (100,)
        np.testing.assert_array_equal(s, probability.draw_samples(name, 100, seed=1))
    with pytest.raises(InputError):
        probability.draw_samples("cauchy", 10)


def test_covariance():
    rng = np.random.default_rng(4)
    a, b = rng.standard_normal(30), rng.standard_normal(30)
    assert probability.covariance(a, b) == pytest.approx(np.cov(a, b, bias=True)[0, 1], rel=1e-12)
    with pytest.raises(InputError):
        probability.covariance([1, 2], [1, 2, 3])


def test_mle_normal_and_sample_variance():
    x = np.random.default_rng(5).normal(3.0, 2.0, 500)
    mu, var = statistics.mle_normal(x)
    loc, scale = scipy.stats.norm.fit(x)
    assert mu == pytest.approx(loc, rel=1e-12)
    assert var == pytest.approx(scale**2, rel=1e-10)
    assert statistics.sample_variance(x) == pytest.approx(np.var(x, ddof=1), rel=1e-12)
    assert statistics.sample_variance(x) == pytest.approx(var * 500 / 499, rel=1e-12)
    with pytest.raises(InputError, match="2개 이상"):
        statistics.sample_variance([1.0])
    # the MLE maximises the log-likelihood
    best = statistics.normal_log_likelihood(x, mu, var)
    for dm, dv in ((0.05, 0), (-0.05, 0), (0, 0.1), (0, -0.1)):
        assert statistics.normal_log_likelihood(x, mu + dm, var + dv) < best
    assert statistics.normal_log_likelihood(x, 1.0, 2.0) == pytest.approx(
        np.sum(scipy.stats.norm.logpdf(x, 1.0, math.sqrt(2.0))), rel=1e-12)
    np.testing.assert_allclose(statistics.normal_pdf([0.0, 1.0], 1.0, 4.0), scipy.stats.norm.pdf([0, 1], 1, 2),
                               rtol=1e-14)


def test_mle_categorical():
    np.testing.assert_allclose(statistics.mle_categorical([0, 1, 1, 2, 1, 0], 4), [2 / 6, 3 / 6, 1 / 6, 0])
    with pytest.raises(InputError):
        statistics.mle_categorical([0, 3], 3)
    with pytest.raises(InputError):
        statistics.mle_categorical([0.5], 3)


def _dist(k, seed, zeros=0):
    p = np.random.default_rng(seed).random(k)
    p[:zeros] = 0.0
    return p / p.sum()


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 8), st.integers(0, 10**6), st.integers(0, 2))
def test_entropy_kl_against_scipy(k, seed, zeros):
    p, q = _dist(k, seed, min(zeros, k - 1)), _dist(k, seed + 1)
    assert statistics.entropy(p) == pytest.approx(scipy.stats.entropy(p), rel=1e-12, abs=1e-15)
    kl = statistics.kl_divergence(p, q)
    assert kl == pytest.approx(np.sum(scipy.special.rel_entr(p, q)), rel=1e-10, abs=1e-15)
    assert kl == pytest.approx(scipy.stats.entropy(p, q), rel=1e-10, abs=1e-15)
    assert kl >= 0
    assert kl == pytest.approx(statistics.cross_entropy_dist(p, q) - statistics.entropy(p), rel=1e-9, abs=1e-12)
    assert statistics.kl_divergence(p, p) == 0.0


def test_kl_with_zeros_and_asymmetry():
    p = [0.5, 0.5, 0.0]
    q = [0.25, 0.25, 0.5]
    assert statistics.kl_divergence(p, q) == pytest.approx(math.log(2))  # 0·log 0 = 0
    assert statistics.kl_divergence(q, p) == math.inf  # q > 0 where p = 0
    assert statistics.cross_entropy_dist(q, p) == math.inf
    assert statistics.entropy([1.0, 0.0]) == 0.0
    with pytest.raises(InputError, match="음수"):
        statistics.entropy([1.2, -0.2])
    with pytest.raises(InputError, match="합이 1"):
        statistics.kl_divergence([0.5, 0.6], [0.5, 0.5])
    with pytest.raises(InputError, match="길이"):
        statistics.kl_divergence([1.0], [0.5, 0.5])


@pytest.mark.parametrize("population", ["uniform", "exponential", "bernoulli"])
def test_sample_means_follow_the_clt(population):
    mu, var = statistics.POPULATIONS[population]
    means = statistics.sample_means(population, n=50, trials=4000, seed=6)
    assert means.shape == (4000,)
    se = math.sqrt(var / 50)
    assert abs(means.mean() - mu) < 4 * se / math.sqrt(4000)
    assert means.var() == pytest.approx(var / 50, rel=0.1)
    np.testing.assert_array_equal(means, statistics.sample_means(population, 50, 4000, seed=6))
    with pytest.raises(InputError):
        statistics.sample_means("cauchy", 5, 5)


def test_curriculum_bayes():
    assert bayes.posterior(0.1, 0.99, 0.01) == pytest.approx(0.9167, abs=5e-5)
    assert bayes.posterior(0.1, 0.99, 0.1) == pytest.approx(0.5238, abs=5e-5)
    assert bayes.posterior(0.5238, 0.99, 0.1) == pytest.approx(0.9159, abs=5e-5)
    seq = bayes.sequential_posterior(0.1, 0.99, 0.1, 2)
    assert seq[0] == pytest.approx(0.5238, abs=5e-5) and seq[1] == pytest.approx(0.9159, abs=5e-5)
    assert bayes.posterior(0.1, 0.99, 0.01) == pytest.approx(0.099 / (0.099 + 0.009), rel=1e-15)


def test_confusion_counts():
    c = bayes.confusion_counts(1000, 0.1, 0.99, 0.01)
    assert c == pytest.approx({"TP": 99.0, "FP": 9.0, "FN": 1.0, "TN": 891.0})
    assert sum(c.values()) == pytest.approx(1000)
    assert c["TP"] / (c["TP"] + c["FP"]) == pytest.approx(bayes.posterior(0.1, 0.99, 0.01))
    for bad in ((-0.1, 0.9, 0.1), (0.1, 1.5, 0.1), (0.1, 0.9, "x")):
        with pytest.raises(InputError):
            bayes.posterior(*bad)
    with pytest.raises(InputError, match="P\\(\\+\\)"):
        bayes.posterior(0.0, 0.9, 0.0)


@settings(max_examples=60, deadline=None)
@given(st.floats(allow_nan=True), st.floats(allow_nan=True), st.floats(allow_nan=True))
def test_bayes_only_raises_input_error(p, s, f):
    try:
        v = bayes.posterior(p, s, f)
    except InputError:
        return
    assert 0.0 <= v <= 1.0


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, st.integers(0, 8), elements=st.floats(allow_nan=True, allow_infinity=True)),
       arrays(np.float64, st.integers(0, 8), elements=st.floats(allow_nan=True, allow_infinity=True)))
def test_statistics_only_raise_input_error(a, b):
    for fn in (statistics.entropy, statistics.mle_normal, statistics.sample_variance, probability.moments):
        try:
            fn(a)
        except InputError:
            pass
    for fn in (statistics.kl_divergence, statistics.cross_entropy_dist, probability.covariance):
        try:
            fn(a, b)
        except InputError:
            pass
    try:
        statistics.mle_categorical(a, 3)
    except InputError:
        pass
