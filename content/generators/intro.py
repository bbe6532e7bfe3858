"""Generated questions for lesson 00 (intro): MSE of a line, one gradient-descent step, learning-rate limit."""

from __future__ import annotations

from content.generators import Generated, generator
from content.generators._common import distinct_wrongs, equals, factor, fixed, joined, numeric


def _line(w1: int, w2: int) -> str:
    """LaTeX for w1·x + w2 without ``1x``, ``0x`` or ``+ -3``."""
    if w1 == 0:
        return str(w2)
    slope = {1: "x", -1: "-x"}.get(w1, f"{w1}x")
    if w2 == 0:
        return slope
    return f"{slope} {'+' if w2 > 0 else '-'} {abs(w2)}"


@generator("intro.mse")
def mse(rng, params: dict) -> Generated:
    """Mean squared error of a given line h = w1·x + w2 on four small data points."""
    from mathcore import linalg

    x = rng.choice(6, size=4, replace=False)
    x.sort()
    w1 = int(rng.choice([-2, -1, 1, 2, 3]))
    w2 = int(rng.integers(-3, 4))
    y = w1 * x + w2 + rng.integers(-2, 3, size=4)
    pred = w1 * x + w2
    residual = pred - y
    n = len(x)
    key = round(linalg.l2_norm(residual) ** 2 / n, 12)  # MSE = ‖h − y‖₂² / n, float noise rounded off
    sse = float((residual**2).sum())
    prompt = (f"데이터 $x = {joined(x)}$, $y = {joined(y)}$에 대해 가설 $h(x) = {_line(w1, w2)}$의 "
              "평균제곱오차 $\\frac{1}{n}\\sum_i (h(x_i) - y_i)^2$를 구하세요.")
    explanation = (
        f"예측은 {joined(pred)}, 오차 $h(x_i) - y_i$는 {joined(residual)}입니다. "
        f"제곱의 합은 {fixed(sse)}이고, 데이터 {n}개에 대해 평균을 내면 MSE는 {fixed(key)}입니다. "
        "오차를 제곱하는 이유는 부호가 다른 오차가 서로 지우지 않게 하고, 큰 오차를 더 무겁게 보기 위해서입니다."
    )
    wrongs = distinct_wrongs(key, 1e-6, [
        (sse, f"제곱의 합에서 멈췄습니다. 데이터 수({n}개)로 나누어야 평균입니다."),
        (float(residual.sum()) / n, "오차를 제곱하지 않고 평균했습니다. 부호가 다른 오차가 서로 상쇄됩니다."),
    ])
    return numeric(prompt, float(key), explanation, tolerance=1e-6, wrong_answers=wrongs,
                   hints=["먼저 각 xᵢ에서 예측 h(xᵢ)를 구하고 정답 yᵢ를 빼세요.",
                          f"오차는 {joined(residual)}입니다. 제곱해서 평균을 내세요."])


@generator("intro.gd_step")
def gd_step(rng, params: dict) -> Generated:
    """One gradient-descent step for h = w·x on ½Σ(w·xᵢ − yᵢ)²."""
    import numpy as np

    from mathcore import regression

    x = rng.integers(1, 5, size=3)
    y = rng.integers(0, 10, size=3)
    w0 = int(rng.integers(-1, 3))
    eta = float(rng.choice([0.01, 0.02, 0.05]))
    result = regression.gd_linear_regression(x.reshape(-1, 1).astype(float), y.astype(float), lr=eta,
                                             steps=1, init=np.array([float(w0)]), intercept=False)
    key = round(float(result.beta[0]), 12)
    grad = float((x * (w0 * x - y)).sum())
    terms = " + ".join(f"{fixed(xi)} \\cdot ({factor(w0)} \\cdot {fixed(xi)} - {fixed(yi)})" for xi, yi in zip(x, y))
    prompt = (f"모델 $h = wx$, 손실 $L(w) = \\frac{{1}}{{2}}\\sum_i (w x_i - y_i)^2$, 데이터 "
              f"$x = {joined(x)}$, $y = {joined(y)}$입니다. $w = {w0}$에서 학습률 $\\eta = {fixed(eta)}$로 "
              "경사하강법을 한 번 하면 새 $w$는?")
    explanation = (
        f"기울기는 $\\frac{{dL}}{{dw}} = \\sum_i x_i (w x_i - y_i) = {terms} = {fixed(grad)}$입니다. "
        f"따라서 $w \\leftarrow {fixed(w0)} - {fixed(eta)} \\times {factor(grad)} = {fixed(key)}$입니다."
    )
    wrongs = distinct_wrongs(key, 1e-6, [
        (w0 + eta * grad, "기울기를 더했습니다. 손실을 줄이려면 기울기를 빼야 합니다."),
        (w0 - grad, "학습률을 곱하지 않았습니다. 한 걸음은 η·기울기만큼입니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-6, wrong_answers=wrongs,
                   hints=["기울기 dL/dw = Σ xᵢ(w·xᵢ − yᵢ)를 현재 w에서 계산하세요.",
                          f"기울기는 {fixed(grad)}입니다. 갱신은 w ← w − η·(기울기)."])


@generator("intro.lr_limit")
def lr_limit(rng, params: dict) -> Generated:
    """Largest learning rate for which GD on ½Σ(w·xᵢ − yᵢ)² converges: η < 2 / Σxᵢ²."""
    from mathcore import linalg

    x = rng.integers(1, 6, size=int(rng.integers(2, 5)))
    sxx = linalg.l2_norm(x) ** 2
    key = round(2.0 / sxx, 12)
    prompt = (f"모델 $h = wx$를 손실 $L(w) = \\frac{{1}}{{2}}\\sum_i (w x_i - y_i)^2$로 학습합니다. "
              f"입력이 $x = {joined(x)}$일 때, 경사하강법이 수렴하려면 학습률 $\\eta$가 얼마보다 작아야 하나요? "
              "(분수로 입력해도 됩니다)")
    explanation = (
        f"기울기가 $w\\sum_i x_i^2 - \\sum_i x_i y_i$라서 최적점까지의 거리에 매번 $1 - \\eta\\sum_i x_i^2$이 곱해집니다. "
        f"$\\sum_i x_i^2 = {fixed(sxx)}$이므로 $|1 - {fixed(sxx)}\\eta| < 1$, 즉 $\\eta < 2/{fixed(sxx)} {equals(key, 5)}$입니다. "
        "$y$ 값은 한계에 영향을 주지 않습니다."
    )
    wrongs = distinct_wrongs(key, 1e-5, [
        (1.0 / sxx, "그것은 한 번에 최적점에 닿는 학습률입니다. 발산의 경계는 그 두 배입니다."),
    ])
    return numeric(prompt, key, explanation, tolerance=1e-5, wrong_answers=wrongs,
                   hints=["wₜ₊₁ − w* = (1 − η·Σxᵢ²)(wₜ − w*)입니다.",
                          f"Σxᵢ² = {fixed(sxx)}입니다. |1 − η·Σxᵢ²| < 1을 풀어 보세요."])
