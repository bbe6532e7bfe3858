"""Generated questions for lesson 06 (probability): sample variance and covariance."""

from __future__ import annotations

from content.generators import Generated, generator
from content.generators._common import equals, fixed, int_param, non_constant, numeric, relation, ro, vector


def _about(value: float) -> str:
    """``약 `` before a number written rounded to four decimals, nothing before an exact one."""
    return "" if relation(value) == "=" else "약 "


@generator("probability.sample_variance")
def sample_variance(rng, params: dict) -> Generated:
    """Variance with 1/n (the distribution's variance of the sample) of a small integer sample."""
    from mathcore import probability

    n = int_param(params, "n", 5, 3, 8)
    x = non_constant(rng, n, 0, 9)
    stats = probability.moments(x.astype(float))
    mean, var = float(stats["mean"]), float(stats["variance"])
    deviations = x - mean
    squares = deviations**2
    unbiased = float(squares.sum()) / (n - 1)
    prompt = (
        f"표본 {vector(x)}을 하나의 분포로 보고 분산을 $1/n$로 나누어 구하세요 "
        "(`np.var`의 기본값과 같은 방식)."
    )
    explanation = (
        f"평균은 {int(x.sum())} / {n} {equals(mean, latex=False)}입니다. "
        f"편차 {vector(deviations)}의 제곱 "
        f"{vector(squares)}을 더하면 {fixed(float(squares.sum()))}이고, "
        f"n = {n}{ro(n)} 나누면 분산은 {_about(var)}{fixed(var)}입니다. "
        "분산은 평균에서 벗어난 정도를 제곱해 평균한 것이므로, 편차의 부호와 상관없이 퍼진 정도만 잽니다."
    )
    wrong = [{"answer": repr(unbiased),
              "message": f"n − 1 = {n - 1}{ro(n - 1)} 나눈 불편 표본분산입니다. 이 문제는 1/n 기준입니다."}]
    return numeric(prompt, var, explanation, tolerance=1e-6, wrong_answers=wrong,
                   hints=["먼저 평균을 구하고, 각 값에서 평균을 뺀 편차를 구하세요.",
                          f"편차의 제곱을 모두 더한 뒤 n = {n}{ro(n)} 나눕니다."])


@generator("probability.covariance")
def covariance(rng, params: dict) -> Generated:
    """Covariance with 1/n of two short paired integer samples."""
    from mathcore import probability

    n = int_param(params, "n", 4, 3, 6)
    a = non_constant(rng, n, 0, 9)
    b = non_constant(rng, n, 0, 9)
    cov = float(probability.covariance(a.astype(float), b.astype(float)))
    da, db = a - a.mean(), b - b.mean()
    products = da * db
    prompt = (
        f"짝지은 표본 $a = {vector(a)}$, "
        f"$b = {vector(b)}$의 공분산을 $1/n$로 나누어 구하세요."
    )
    explanation = (
        f"평균은 a: {_about(a.mean())}{fixed(a.mean())}, b: {_about(b.mean())}{fixed(b.mean())}입니다. "
        f"편차의 곱 {vector(products)}을 더하면 {fixed(float(products.sum()))}이고, "
        f"n = {n}{ro(n)} 나누면 공분산은 {_about(cov)}{fixed(cov)}입니다. "
        "편차의 부호가 같은 쌍은 양수, 다른 쌍은 음수를 더하므로, 두 표본이 함께 커지는 경향이 있으면 공분산이 양수가 됩니다."
    )
    wrong = []
    sample_cov = float(products.sum()) / (n - 1)
    if abs(sample_cov - cov) > 1e-6:
        wrong.append({"answer": repr(sample_cov),
                      "message": f"n − 1 = {n - 1}{ro(n - 1)} 나눈 표본 공분산입니다. 이 문제는 1/n 기준입니다."})
    return numeric(prompt, cov, explanation, tolerance=1e-6, wrong_answers=wrong,
                   hints=["두 표본의 평균을 각각 구하고 편차를 만드세요.",
                          f"같은 자리의 편차끼리 곱해 더한 뒤 n = {n}{ro(n)} 나눕니다."])
