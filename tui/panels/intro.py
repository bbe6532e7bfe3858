"""Panel of lesson 00 (intro): fitting one weight by gradient descent."""

from __future__ import annotations

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Integer, Number
from .format import fmt_num
from .gd_advanced import run_regression
from .iterative import divergence_text, loss_divergence


def compute_mse_fit(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import linalg

    true_w, n, noise, lr, steps, seed = (v[k] for k in ("w", "n", "noise", "lr", "steps", "seed"))
    rng = np.random.default_rng(seed)
    xs = np.linspace(0.0, 10.0, n)
    ys = true_w * xs + noise * rng.standard_normal(n)
    w0 = float(rng.standard_normal())
    design = xs.reshape(-1, 1)

    result = run_regression(design, ys, lr=lr, steps=steps, init=np.array([w0]), intercept=False)
    weights = np.asarray(result.history, dtype=float)[:, 0]
    mse = np.asarray(result.loss, dtype=float)
    half_sse = 0.5 * n * mse  # the lesson's L(w) = ½Σ(w·xᵢ − yᵢ)² = ½‖r‖²
    stop, step = loss_divergence(half_sse)
    cut = weights.size if stop is None else max(stop, 1)
    weights, mse, half_sse = weights[:cut], mse[:cut], half_sse[:cut]
    diverged = bool(result.diverged) or step is not None
    best = float(np.asarray(linalg.least_squares(design, ys, intercept=False), dtype=float)[0])
    final = float(weights[-1])

    lines = [
        "가설 h(x, w) = w·x (절편 없는 1차원 모델)",
        "손실 L(w) = ½Σ(w·xᵢ − yᵢ)² = ½‖r‖² 의 기울기 Xᵀ(wX − Y)로 갱신 w ← w − η·Xᵀ(wX − Y)",
        "",
        f"데이터 {n}개: y = {fmt_num(true_w)}·x + 잡음 (표준편차 {fmt_num(noise)}),  시드 {seed}",
        f"시작 가중치 w₀ = {fmt_num(w0)},  학습률 η = {fmt_num(lr)},  반복 {steps}번",
        f"수렴하려면 η < 2/Σxᵢ² = {fmt_num(2.0 / float(xs @ xs), 4)}",
    ]
    if diverged:
        lines.append(divergence_text(step or cut, "손실이", grew=stop is None and step is not None))
    else:
        lines += [
            f"학습된 가중치 w = {fmt_num(final, 8)}",
            f"최소제곱 해 (닫힌 꼴) w* = {fmt_num(best, 8)}  (차이 {fmt_num(abs(final - best), 3)})",
        ]
    lines.append(f"마지막 손실: ½‖r‖² = {fmt_num(half_sse[-1], 6)}")
    lines.append(f"평균제곱오차 MSE = (1/n)‖r‖² = {fmt_num(mse[-1], 6)}  (½‖r‖² = n/2 · MSE)")
    its = np.arange(weights.size)
    grid = np.array([0.0, 10.0])
    line = Series(grid.tolist(), (final * grid).tolist(), label="예측 Ŷ = w·x", kind="line")
    plots = [
        PlotSpec(kind="scatter", title="데이터와 학습된 직선", xlabel="x", ylabel="y",
                 series=[Series(xs.tolist(), ys.tolist(), label="데이터 Y", kind="scatter")]
                 + ([] if diverged else [line])),
        PlotSpec(kind="line", title="반복에 따른 손실 ½‖r‖²", xlabel="반복", ylabel="L(w)", xint=True,
                 series=[Series(its.tolist(), half_sse.tolist(), label="½‖r‖²")], ylog=diverged),
        PlotSpec(kind="line", title="반복에 따른 가중치", xlabel="반복", ylabel="w", xint=True,
                 series=[Series(its.tolist(), weights.tolist(), label="w"),
                         Series([0, max(weights.size - 1, 1)], [true_w, true_w], label="실제 w")]),
    ]
    data = {"x": xs, "y": ys, "w0": w0, "weights": weights, "loss": mse, "mse": mse, "half_sse": half_sse,
            "w": final, "least_squares": best, "diverged": diverged, "divergence_step": step}
    return PanelResult("\n".join(lines), plots, data)


PANELS = [
    Panel(
        id="intro.mse_fit",
        title="MSE를 줄이는 가중치 하나 맞추기",
        lesson="intro",
        description="잡음 섞인 직선 데이터에 h(x) = w·x를 경사하강법으로 맞추고, 데이터·손실·가중치 변화를 그립니다.",
        fields=[
            Number("w", "실제 가중치 w", "3", low=-100.0, high=100.0, help="데이터를 만들 때 쓰는 기울기"),
            Integer("n", "데이터 개수", "30", low=2, high=5000),
            Number("noise", "잡음 표준편차", "2", low=0.0, high=100.0),
            Number("lr", "학습률 η", "0.0004", low=0.0, low_open=True, high=10.0),
            Integer("steps", "반복 수", "30", low=1, high=20_000),
            Integer("seed", "난수 시드", "921", low=0, high=2**32 - 1),
        ],
        compute=compute_mse_fit,
    ),
]
