r"""Bayes' theorem for a diagnostic test: posterior, repeated positive tests, confusion counts."""
from __future__ import annotations

from mathcore import InputError
from mathcore._util import as_float, as_int, probability


def posterior(prior, sensitivity, false_positive_rate) -> float:
    r"""P(D | +) = P(+ | D)P(D) / [P(+ | D)P(D) + P(+ | ¬D)P(¬D)].

    prior = P(D) (prevalence), sensitivity = P(+ | D), false_positive_rate = P(+ | ¬D); all in
    [0, 1].  E.g. 0.1, 0.99, 0.01 → 0.9167; 0.1, 0.99, 0.1 → 0.5238.
    """
    p = probability(prior, "사전확률")
    s = probability(sensitivity, "민감도")
    f = probability(false_positive_rate, "오탐률")
    evidence = s * p + f * (1.0 - p)
    if evidence == 0.0:
        raise InputError("양성이 나올 확률 P(+)가 0이라 사후확률을 정의할 수 없습니다.")
    return s * p / evidence


def sequential_posterior(prior, sensitivity, false_positive_rate, positives) -> list[float]:
    r"""Posterior after each of ``positives`` independent positive tests, using each posterior
    as the next prior: p_{t} = posterior(p_{t−1}, …).  Returns [p₁, …, p_k] (k = positives)."""
    k = as_int(positives, "양성 횟수", 0, 1000)
    out = []
    p = probability(prior, "사전확률")
    for _ in range(k):
        p = posterior(p, sensitivity, false_positive_rate)
        out.append(p)
    return out


def confusion_counts(n, prevalence, sensitivity, false_positive_rate) -> dict:
    r"""Expected confusion-matrix counts for n people:
    TP = n·p·s, FN = n·p·(1 − s) (type II error), FP = n·(1 − p)·f (type I error),
    TN = n·(1 − p)·(1 − f).  Values are expected counts (floats); they sum to n."""
    total = as_float(n, "인원 수", 0.0)
    p = probability(prevalence, "유병률")
    s = probability(sensitivity, "민감도")
    f = probability(false_positive_rate, "오탐률")
    return {
        "TP": total * p * s,
        "FP": total * (1.0 - p) * f,
        "FN": total * p * (1.0 - s),
        "TN": total * (1.0 - p) * (1.0 - f),
    }


__all__ = ["posterior", "sequential_posterior", "confusion_counts"]
