"""Panel of lesson 00 (intro): fitting one weight by gradient descent on the MSE."""

from __future__ import annotations

from . import Field, Panel, PanelResult, PlotSpec, Series
from ._inputs import fmt_num, integer, number
from .gd_advanced import run_regression


def compute_mse_fit(values: dict[str, str]) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    true_w = number(values, "w", "실제 가중치 w", low=-100.0, high=100.0)
    n = integer(values, "n", "데이터 개수", low=2, high=5000)
    noise = number(values, "noise", "잡음 표준편차", low=0.0, high=100.0)
    lr = number(values, "lr", "학습률 η", low=0.0, low_open=True, high=10.0)
    steps = integer(values, "steps", "반복 수", low=1, high=20_000)
    seed = integer(values, "seed", "난수 시드", low=0, high=2**32 - 1)

    rng = np.random.default_rng(seed)
    xs = np.linspace(0.0, 10.0, n)
    ys = true_w * xs + noise * rng.standard_normal(n)
    w0 = float(rng.standard_normal())
    design = xs.reshape(-1, 1)

    result = run_regression(design, ys, lr=lr, steps=steps, init=np.array([w0]), intercept=False)
    weights = np.asarray(result.history, dtype=float)[:, 0]
    losses = np.asarray(result.loss, dtype=float)
    upto = weights.size
    best = float(np.asarray(linalg.least_squares(design, ys, intercept=False), dtype=float)[0])
    final = float(weights[upto - 1])
    diverged = bool(result.diverged)

    lines = [
        "가설 h(x, w) = w·x (절편 없는 1차원 모델)",
        "½Σ(w·xᵢ − yᵢ)²의 기울기 Xᵀ(wX − Y)로 갱신 w ← w − η·Xᵀ(wX − Y)",
        "그래프의 손실은 평균제곱오차 MSE = (1/n)Σ(w·xᵢ − yᵢ)²",
        "",
        f"데이터 {n}개: y = {fmt_num(true_w)}·x + 잡음 (표준편차 {fmt_num(noise)}),  시드 {seed}",
        f"시작 가중치 w₀ = {fmt_num(w0)},  학습률 η = {fmt_num(lr)},  반복 {steps}번",
    ]
    if diverged:
        lines.append(f"발산: {upto - 1}번째 반복에서 가중치가 무한대로 커졌습니다. 학습률을 줄여 보세요.")
    else:
        lines += [
            f"학습된 가중치 w = {fmt_num(final, 8)}",
            f"최소제곱 해 (닫힌 꼴) w* = {fmt_num(best, 8)}  (차이 {fmt_num(abs(final - best), 3)})",
            f"마지막 손실 (MSE) = {fmt_num(losses[min(losses.size, upto) - 1], 6)}",
        ]
    grid = np.array([0.0, 10.0])
    its = np.arange(upto)
    loss_upto = min(losses.size, upto)
    plots = [
        PlotSpec(
            kind="scatter", title="데이터와 학습된 직선", xlabel="x", ylabel="y",
            series=[
                Series(xs.tolist(), ys.tolist(), label="데이터 Y", kind="scatter"),
                Series(grid.tolist(), (final * grid if not diverged else grid * 0).tolist(),
                       label="예측 Ŷ = w·x", kind="line"),
            ],
        ),
        PlotSpec(kind="line", title="반복에 따른 손실", xlabel="반복", ylabel="MSE",
                 series=[Series(list(range(loss_upto)), losses[:loss_upto].tolist(), label="손실")]),
        PlotSpec(kind="line", title="반복에 따른 가중치", xlabel="반복", ylabel="w",
                 series=[Series(its.tolist(), weights[:upto].tolist(), label="w"),
                         Series([0, max(upto - 1, 1)], [true_w, true_w], label="실제 w")]),
    ]
    data = {"x": xs, "y": ys, "w0": w0, "weights": weights, "loss": losses, "w": final,
            "least_squares": best, "diverged": diverged}
    return PanelResult("\n".join(lines), plots, data)


PANELS = [
    Panel(
        id="intro.mse_fit",
        title="MSE를 줄이는 가중치 하나 맞추기",
        lesson="intro",
        description="잡음 섞인 직선 데이터에 h(x) = w·x를 경사하강법으로 맞추고, 데이터·손실·가중치 변화를 그립니다.",
        fields=[
            Field("w", "실제 가중치 w", "3", help="데이터를 만들 때 쓰는 기울기"),
            Field("n", "데이터 개수", "30"),
            Field("noise", "잡음 표준편차", "2"),
            Field("lr", "학습률 η", "0.0004"),
            Field("steps", "반복 수", "30"),
            Field("seed", "난수 시드", "921"),
        ],
        compute=compute_mse_fit,
    ),
]
