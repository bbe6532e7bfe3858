"""Question generators for lesson 13 (losses_info): entropy in bits, and the ridge coefficient of
a one-feature regression (closed form on centred data)."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, equals, distinct_wrongs, draw_until, numeric, vector

_vec = partial(vector, fmt=compact)


@generator("losses_info.entropy_bits")
def entropy_bits(rng, params: dict) -> Generated:
    """H(p) in bits of a distribution with probabilities that are multiples of 1/8."""
    import math

    import numpy as np

    from mathcore import statistics

    counts = draw_until(lambda: rng.integers(0, 6, size=3), lambda c: c.sum() == 8 and (c > 0).sum() >= 2)
    p = counts / 8.0
    key = statistics.entropy(p, base=2)
    prompt = (f"분포 $p = {_vec(p)}$의 엔트로피 $H(p)$를 **비트**(밑 2)로 구하면? (소수 셋째 자리까지)")
    explanation = (f"$H(p) = -\\sum_i p_i \\log_2 p_i {equals(key)}$비트입니다 (확률 0인 항은 0). "
                   f"자연로그로 계산하면 ${key * math.log(2):.4f}$내트이고, 두 값은 $\\ln 2$배 차이 나기 때문에 밑을 꼭 적어야 합니다.")
    wrongs = distinct_wrongs(key, 1e-3, [
        (key * math.log(2), "자연로그(내트)로 계산했습니다. 비트는 밑이 2인 로그입니다."),
        (math.log2(np.count_nonzero(p)), "균등분포일 때의 최댓값 $\\log_2 K$입니다. 이 분포는 균등하지 않습니다."),
        (key * math.log10(2), "상용로그(밑 10)로 계산했습니다. 비트는 밑이 2인 로그입니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrongs,
                   hints=["$-\\log_2 (1/2) = 1$, $-\\log_2 (1/4) = 2$, $-\\log_2 (1/8) = 3$입니다.",
                          "$\\log_2 x = \\ln x / \\ln 2$입니다."])


@generator("losses_info.ridge_slope")
def ridge_slope(rng, params: dict) -> Generated:
    """The ridge slope Σ x_c y_c / (Σ x_c² + λ) of a one-feature regression with intercept."""
    import numpy as np

    from mathcore import regression

    x = draw_until(lambda: rng.integers(0, 6, size=4).astype(float), lambda v: v.min() != v.max())
    y = rng.integers(-3, 8, size=4).astype(float)
    lam = float(rng.choice([0.5, 1.0, 2.0, 4.0]))
    key = float(regression.ridge(x, y, lam)[0])
    xc, yc = x - x.mean(), y - y.mean()
    sxy, sxx = float(xc @ yc), float(xc @ xc)
    prompt = (f"특성 하나짜리 데이터 $x = {_vec(x)}$, $y = {_vec(y)}$에 절편이 있는 능형 회귀"
              f"(절편은 규제하지 않음)를 $\\lambda = {compact(lam)}$로 맞출 때 기울기 $\\hat\\beta$는? (소수 셋째 자리까지)")
    explanation = (f"중심화하면 $\\sum x_c y_c = {compact(sxy)}$, $\\sum x_c^2 = {compact(sxx)}$이고 "
                   f"$\\hat\\beta = {compact(sxy)} / ({compact(sxx)} + {compact(lam)}) {equals(key)}$입니다. "
                   "규제항은 분모에만 더해지므로 $\\lambda$가 클수록 기울기가 0 쪽으로 줄어듭니다.")
    wrongs = distinct_wrongs(key, 1e-3, [
        (sxy / sxx, "$\\lambda$를 빠뜨린 최소제곱 기울기입니다. 분모에 $\\lambda$를 더하세요."),
        (sxy / (sxx + lam * lam), "$\\lambda^2$을 더했습니다. 능형 회귀의 분모에는 $\\lambda$ 자체가 더해집니다."),
        (float(x @ y) / (float(x @ x) + lam), "중심화하지 않았습니다. 절편을 규제하지 않으려면 평균을 빼고 계산합니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-3, wrong_answers=wrongs,
                   hints=["먼저 $x$와 $y$에서 각각의 평균을 빼세요.",
                          "$\\hat\\beta = \\sum x_c y_c / (\\sum x_c^2 + \\lambda)$입니다."])
