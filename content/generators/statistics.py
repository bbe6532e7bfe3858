"""Generated questions for lesson 07 (statistics): sample variance, categorical MLE, KL divergence."""

from __future__ import annotations

import math

from content.generators import Generated, generator
from content.generators._common import equals, fixed, int_param, joined, non_constant, numeric, ro, vector

# Friendly distributions over three outcomes (tenths), used by the KL question.
_WITH_ZERO = ((0.5, 0.5, 0.0), (0.6, 0.4, 0.0), (0.0, 0.3, 0.7), (0.2, 0.0, 0.8))
_POSITIVE = (
    (0.2, 0.5, 0.3), (0.1, 0.6, 0.3), (0.4, 0.4, 0.2), (0.3, 0.3, 0.4),
    (0.5, 0.25, 0.25), (0.7, 0.2, 0.1), (0.1, 0.1, 0.8), (0.25, 0.5, 0.25),
)


@generator("statistics.sample_variance")
def sample_variance(rng, params: dict) -> Generated:
    """Unbiased sample variance S² (divide by n − 1) of five small integers."""
    from mathcore import statistics

    n = int_param(params, "n", 5, 3, 8)
    x = non_constant(rng, n, 0, 12)
    xf = x.astype(float)
    s2 = float(statistics.sample_variance(xf))
    _, mle_var = statistics.mle_normal(xf)
    mean = float(xf.mean())
    squares = (xf - mean) ** 2
    prompt = (
        f"표본 {vector(x)}의 불편 표본분산 "
        r"$S^2 = \frac{1}{n-1}\sum_i (x_i - \bar{x})^2$을 구하세요."
    )
    explanation = (
        f"평균은 {int(x.sum())} / {n} {equals(mean, latex=False)}입니다. 편차 제곱 {vector(squares)}의 "
        f"합은 {fixed(float(squares.sum()))}이고, n − 1 = {n - 1}{ro(n - 1)} 나누면 S² {equals(s2, latex=False)}입니다. "
        f"n으로 나눈 최대가능도 분산 {fixed(float(mle_var))}보다 조금 큽니다. "
        "편차를 참 평균이 아닌 표본평균에서 재면 제곱합이 작게 나오므로, n − 1로 나눠 그만큼 보정합니다."
    )
    wrong = [{"answer": repr(float(mle_var)),
              "message": f"n = {n}{ro(n)} 나눈 최대가능도 분산입니다. 불편 표본분산은 n − 1로 나눕니다."}]
    return numeric(prompt, s2, explanation, tolerance=1e-6, wrong_answers=wrong,
                   hints=["평균을 구한 뒤 각 값의 편차를 제곱해 더하세요.",
                          f"합을 n이 아니라 n − 1 = {n - 1}{ro(n - 1)} 나눕니다."])


@generator("statistics.categorical_mle")
def categorical_mle(rng, params: dict) -> Generated:
    """MLE p̂_k = n_k / n of one class from a short list of labels."""
    from mathcore import statistics

    n = int(params.get("n", int(rng.choice([10, 20]))))
    k = int(params.get("k", 3))
    if not (4 <= n <= 40 and 2 <= k <= 5):
        raise ValueError(f"params need 4 <= n <= 40 and 2 <= k <= 5, got n={n}, k={k}")
    labels = rng.integers(1, k + 1, size=n)  # classes are numbered from 1 in prose (STYLE.md)
    target = int(rng.integers(1, k + 1))
    p_hat = statistics.mle_categorical(labels - 1, k)  # mathcore counts classes from 0
    answer = float(p_hat[target - 1])
    count = int((labels == target).sum())
    prompt = (
        f"클래스가 1부터 {k}까지인 레이블 {n}개를 관측했습니다: "
        f"{joined(labels)}. "
        f"카테고리 분포의 최대가능도 추정값 $\\hat{{p}}_{{{target}}}$ (클래스 {target}의 확률)은?"
    )
    explanation = (
        f"카테고리 분포의 MLE는 비율 n_k / n입니다. 클래스 {target}: {count}번 나왔으므로 "
        f"{count} / {n} = {fixed(answer)}입니다. 전체 추정값은 {vector(p_hat)}로 합이 1입니다. "
        "확률의 합이 1이라는 제약 아래 로그가능도 $\\sum_k n_k \\log p_k$를 최대로 하면 각 확률이 관측 비율에 "
        "비례해야 하므로 이런 결과가 나옵니다."
    )
    wrong = []
    if count not in (0, 1):
        wrong.append({"answer": str(count), "message": f"횟수({count}번)를 그대로 썼습니다. 전체 {n}개로 나눠 비율로 만드세요."})
    return numeric(prompt, answer, explanation, tolerance=1e-6, wrong_answers=wrong,
                   hints=[f"클래스 {target}이 몇 번 나왔는지 세어 보세요.",
                          "라그랑주 승수법으로 얻은 결과는 n_k / n입니다."])


@generator("statistics.kl_divergence")
def kl_divergence(rng, params: dict) -> Generated:
    """KL(p‖q) in nats for two small distributions; p may contain a zero, q never does."""
    import numpy as np

    from mathcore import statistics

    pool_p = _POSITIVE + _WITH_ZERO
    while True:
        p = np.array(pool_p[int(rng.integers(0, len(pool_p)))], dtype=float)
        q = np.array(_POSITIVE[int(rng.integers(0, len(_POSITIVE)))], dtype=float)
        if not np.allclose(p, q):
            break
    answer = float(statistics.kl_divergence(p, q))
    terms = []
    for pi, qi in zip(p, q):
        if pi == 0:
            terms.append("0 (p = 0인 칸: 0·log 0 = 0)")
        else:
            terms.append(f"{fixed(pi)}·log({fixed(pi)}/{fixed(qi)}) = {fixed(pi * math.log(pi / qi))}")
    prompt = (
        f"$p = {vector(p)}$, $q = {vector(q)}$일 때 "
        r"$\mathrm{KL}(p \| q) = \sum_x p(x) \log (p(x) / q(x))$를 자연로그로 구하세요. (소수 넷째 자리까지)"
    )
    explanation = ("칸별로 계산하면 " + "; ".join(terms) + f". 모두 더하면 KL(p‖q) {equals(answer, latex=False)}입니다. "
                   "KL은 p의 확률로 가중한 로그 비의 평균이므로, p = 0인 칸은 기여하지 않고 p가 큰 칸의 차이가 크게 "
                   "반영됩니다.")
    wrong = []
    reverse = float(statistics.kl_divergence(q, p))
    if math.isfinite(reverse) and abs(reverse - answer) > 1e-3:
        wrong.append({"answer": fixed(reverse),
                      "message": "방향이 바뀐 KL(q‖p)입니다. KL은 대칭이 아니므로 p로 가중합해야 합니다."})
    return numeric(prompt, answer, explanation, tolerance=1e-3, wrong_answers=wrong,
                   hints=["p(x) = 0인 칸은 0·log 0 = 0으로 건너뜁니다.",
                          "나머지 칸마다 p·log(p/q)를 계산해 더하세요 (log는 자연로그)."])
