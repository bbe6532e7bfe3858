"""Question generators for lesson 04 (gd_advanced): regression steps, learning-rate bounds,
mini-batch gradients."""

from __future__ import annotations

from functools import partial

from . import Generated, generator
from ._common import compact, equals, matrix, numeric, vector


_vec = partial(vector, fmt=compact)


@generator("gd_advanced.regression_step")
def regression_step(rng, params: dict) -> Generated:
    """One step β ← β + η Xᵀ(y − Xβ) on three points with an intercept (mathcore.regression)."""
    import numpy as np

    from mathcore import regression

    n = int(params.get("points", 3))
    x = rng.choice(np.arange(0, 5), size=n, replace=False).astype(float)
    y = rng.integers(-3, 7, size=n).astype(float)
    beta0 = rng.integers(-2, 3, size=2).astype(float)
    lr = float(rng.choice([0.1, 0.05]))
    result = regression.gd_linear_regression(x, y, lr=lr, steps=1, init=beta0, intercept=True)
    beta1 = np.asarray(result.beta, dtype=float)

    design = np.column_stack([x, np.ones(n)])
    pred = design @ beta0
    residual = y - pred
    step = design.T @ residual
    climbed = beta0 - lr * step  # the sign slip: residual taken as Xβ − y

    prompt = (
        f"데이터 $x = {_vec(x)}$, $y = {_vec(y)}$에 모델 $\\hat{{y}} = wx + b$를 맞춥니다. "
        f"설계행렬은 $x$ 열 뒤에 절편용 1의 열을 붙이고 $\\boldsymbol{{\\beta}} = (w, b)$입니다. "
        f"$\\boldsymbol{{\\beta}}_0 = {_vec(beta0)}$, $\\eta = {compact(lr)}$로 "
        "$\\boldsymbol{\\beta} \\leftarrow \\boldsymbol{\\beta} + \\eta X^\\top(\\mathbf{y} - X\\boldsymbol{\\beta})$"
        "를 한 번 적용한 $\\boldsymbol{\\beta}_1$을 `w, b` 꼴로 입력하세요."
    )
    explanation = (
        f"예측 $X\\boldsymbol{{\\beta}}_0 = {_vec(pred)}$, 잔차 $\\mathbf{{r}} = {_vec(residual)}$. "
        f"$X^\\top\\mathbf{{r}}$의 첫 성분은 $x$와 잔차의 내적 ${compact(step[0])}$, 둘째 성분은 잔차의 합 "
        f"${compact(step[1])}$입니다. 따라서 $\\boldsymbol{{\\beta}}_1 = {_vec(beta0)} + {compact(lr)} \\cdot "
        f"{_vec(step)} = {_vec(beta1)}$입니다."
    )
    wrong = []
    if not np.allclose(climbed, beta1):
        wrong.append({"answer": climbed.tolist(),
                      "message": "그래디언트의 부호가 뒤집혔습니다. r = y − Xβ일 때 갱신은 β + η Xᵀr입니다."})
    return matrix(prompt, beta1.tolist(), explanation, tolerance=1e-6, wrong_answers=wrong,
                  hints=["먼저 각 점의 예측 $w x_i + b$와 잔차 $y_i - (w x_i + b)$를 구하세요.",
                         "$X^\\top\\mathbf{r}$은 (x와 잔차의 내적, 잔차의 합)입니다."])


@generator("gd_advanced.max_learning_rate")
def max_learning_rate(rng, params: dict) -> Generated:
    """Largest stable learning rate 2/λmax(XᵀX) for one feature without intercept."""
    import numpy as np

    from mathcore import linalg

    n = int(rng.integers(2, 5))
    x = rng.integers(1, 5, size=n).astype(float)
    X = x[:, None]
    gram = np.asarray(linalg.matmul(linalg.transpose(X), X), dtype=float)
    lam = float(np.linalg.eigvalsh(gram).max())
    bound = 2.0 / lam
    squares = " + ".join(compact(v * v) for v in x)
    prompt = (
        f"절편 없이 특성이 하나인 데이터 $\\mathbf{{x}} = {_vec(x)}$로 "
        "$L(w) = \\frac{1}{2}\\sum_i (y_i - w x_i)^2$을 경사하강합니다. 발산하지 않고 수렴하는 "
        "학습률의 상한 $2 / \\lambda_{\\max}(X^\\top X)$는? (분수로 써도 됩니다)"
    )
    explanation = (
        f"특성이 하나면 $X^\\top X = \\sum_i x_i^2 = {squares} = {compact(lam)}$이고 이것이 유일한 "
        f"고윳값입니다. 오차가 매 걸음 $(1 - {compact(lam)}\\eta)$ 배가 되므로 "
        f"$|1 - {compact(lam)}\\eta| < 1$, 즉 $\\eta < 2/{compact(lam)} {equals(bound)}$입니다."
    )
    wrong = [{"answer": f"1/{compact(lam)}",
              "message": "1/λ는 한 걸음에 최솟점에 도착하는 학습률입니다. 상한은 그 두 배인 2/λ입니다."}]
    total = float(x.sum())
    if abs(2.0 / total - bound) > 1e-9:
        wrong.append({"answer": f"2/{compact(total)}",
                      "message": "성분의 합을 썼습니다. XᵀX는 성분의 제곱합입니다."})
    return numeric(prompt, bound, explanation, tolerance=1e-3, wrong_answers=wrong,
                   hints=["특성이 하나면 $X^\\top X$는 숫자 하나 $\\sum_i x_i^2$입니다."])


@generator("gd_advanced.minibatch_gradient")
def minibatch_gradient(rng, params: dict) -> Generated:
    """Mean gradient of ½(y − wx)² over a mini-batch of two points, at a given w."""
    import numpy as np

    from mathcore import linalg

    n = 4
    x = rng.integers(1, 5, size=n).astype(float)
    y = rng.integers(-4, 9, size=n).astype(float)
    w = float(rng.integers(-1, 3))
    batch = np.sort(rng.choice(n, size=2, replace=False))
    Xb = x[batch][:, None]
    residual = y[batch] - w * x[batch]
    # g_B = −X_Bᵀ(y_B − X_B w) / |B|, through mathcore's matrix product.
    grad = float(-np.asarray(linalg.matmul(linalg.transpose(Xb), residual))[0] / len(batch)) + 0.0  # no -0.0
    per_sample = -x * (y - w * x)
    full = float(per_sample.mean())
    rows = ", ".join(f"$({compact(a)}, {compact(b)})$" for a, b in zip(x, y))
    first, second = (int(i) + 1 for i in batch)
    prompt = (
        f"모델 $\\hat{{y}} = wx$, 데이터 $(x_i, y_i)$가 차례로 {rows}이고, 표본 손실은 "
        f"$L_i = \\frac{{1}}{{2}}(y_i - w x_i)^2$입니다. $w = {compact(w)}$에서 {first}번째와 {second}번째 "
        "데이터로 만든 미니배치의 평균 그래디언트 $\\frac{dL}{dw}$는?"
    )
    explanation = (
        f"$\\frac{{dL_i}}{{dw}} = -x_i(y_i - w x_i)$이므로 {first}번째는 ${compact(per_sample[batch[0]])}$, "
        f"{second}번째는 ${compact(per_sample[batch[1]])}$이고 평균은 ${compact(grad)}$입니다. "
        f"(네 데이터 전체의 평균 그래디언트는 ${compact(full)}$입니다. 가능한 모든 배치에 대해 평균을 내면 "
        "이 값과 같아집니다.)"
    )
    wrong = []
    total = 2.0 * grad
    if abs(total - grad) > 1e-9:
        wrong.append({"answer": compact(total),
                      "message": "두 그래디언트를 더하기만 했습니다. 미니배치 그래디언트는 배치 크기로 나눈 평균입니다."})
    if abs(full - grad) > 1e-9 and abs(full - total) > 1e-9:
        wrong.append({"answer": compact(full),
                      "message": "네 데이터 전체의 평균입니다. 묻는 것은 배치에 든 두 데이터만의 평균입니다."})
    return numeric(prompt, grad, explanation, tolerance=1e-9, wrong_answers=wrong,
                   hints=["$\\frac{dL_i}{dw} = -x_i(y_i - w x_i)$입니다.",
                          "배치에 든 두 표본의 그래디언트를 평균하세요."])
