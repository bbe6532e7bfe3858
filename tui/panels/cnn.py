"""Panels of lesson 09 (CNN): convolution vs cross-correlation, backprop through a convolution."""

from __future__ import annotations

from mathcore import InputError

from . import Panel, PanelResult, PlotSpec, Series
from .fields import Choice, Matrix, Vector, on_field
from .format import fmt_array, shape_text, fmt_num

MODES = ("1차원", "2차원", "가장자리 검출 그림", "다채널")
MODE_FIELD = Choice("mode", "보기", MODES)
_ONE_D = ("mode", (MODES[0],))
_TWO_D = ("mode", (MODES[1], MODES[3]))
_KERNEL_2D = ("mode", MODES[1:])
SOBEL_X = "[[1,0,-1],[2,0,-2],[1,0,-1]]"
SHADES = " ░▒▓█"


def _picture():
    """A 10×12 picture: a bright square on a dark background."""
    import numpy as np

    img = np.zeros((10, 12))
    img[2:8, 3:9] = 1.0
    return img


def blocks(image) -> list[str]:
    """An array drawn with block characters, darkest = smallest magnitude."""
    import numpy as np

    arr = np.abs(np.asarray(image, dtype=float))
    arr = np.where(np.isfinite(arr), arr, 0.0)
    top = float(arr.max()) if arr.size and np.isfinite(arr.max()) and arr.max() > 0 else 1.0
    levels = np.clip((arr / top * (len(SHADES) - 1)).round().astype(int), 0, len(SHADES) - 1)
    return ["".join(SHADES[v] * 2 for v in row) for row in levels]


def _kernel_fits(x_shape, k_shape, name: str) -> None:
    if any(k > n for k, n in zip(k_shape, x_shape)):
        raise InputError(f"커널({shape_text(k_shape)})이 입력({shape_text(x_shape)})보다 클 수 없습니다.", field=name)


def _correlate_and_convolve(x, k, name: str, data: dict):
    """x ⋆ k and x ∗ k (1-D or 2-D by the shape of x), also stored in ``data``."""
    import numpy as np

    from mathcore import conv

    _kernel_fits(x.shape, k.shape, name)
    pair = (conv.correlate1d, conv.convolve1d) if x.ndim == 1 else (conv.correlate2d, conv.convolve2d)
    corr, true = (np.asarray(fn(x, k), dtype=float) for fn in pair)
    data.update(correlation=corr, convolution=true)
    return corr, true


def _conv_1d(v: dict, data: dict):
    x, k = v["signal"], v["kernel1d"]
    corr, true = _correlate_and_convolve(x, k, "kernel1d", data)
    lines = [
        f"입력 x ({x.size}) = {fmt_array(x, 4)}",
        f"커널 k ({k.size}) = {fmt_array(k, 4)}",
        f"출력 길이 = {x.size} − {k.size} + 1 = {corr.size}",
        "",
        "교차상관 (CNN이 실제로 계산) [x ⋆ k]ᵢ = Σₐ x[i + a]·k[a]",
        f"  = {fmt_array(corr, 4)}",
        "합성곱 (커널을 뒤집음)      [x ∗ k]ᵢ = Σₐ x[i + a]·k[K − 1 − a]",
        f"  = {fmt_array(true, 4)}",
        "커널이 대칭이면 두 결과가 같고, 아니면 달라집니다. 학습되는 커널에서는 이 차이가 중요하지 않습니다.",
    ]
    out_idx = list(range(corr.size))
    plot = PlotSpec(kind="line", title="1차원 입력과 출력", xlabel="위치 i", ylabel="값", xint=True,
                    series=[Series(list(range(x.size)), x.tolist(), label="입력 x"),
                            Series(out_idx, corr.tolist(), label="교차상관"),
                            Series(out_idx, true.tolist(), label="합성곱")])
    return lines, [plot]


def _conv_2d(v: dict, data: dict):
    X, K = v["image"], v["kernel2d"]
    corr, true = _correlate_and_convolve(X, K, "kernel2d", data)
    return [
        f"입력 {shape_text(X)}, 커널 {shape_text(K)} → 출력 ({X.shape[0]} − {K.shape[0]} + 1) × "
        f"({X.shape[1]} − {K.shape[1]} + 1) = {shape_text(corr)}",
        "",
        "교차상관 (CNN이 실제로 계산):", fmt_array(corr, 4), "",
        "합성곱 (커널을 상하좌우로 뒤집음):", fmt_array(true, 4),
    ], []


def _conv_edges(v: dict, data: dict):
    import numpy as np

    from mathcore import conv

    K = v["kernel2d"]
    img = _picture()
    _kernel_fits(img.shape, K.shape, "kernel2d")
    out = np.asarray(conv.correlate2d(img, K), dtype=float)
    data.update(picture=img, correlation=out)
    return [
        f"내장 그림 {shape_text(img)} (밝은 사각형)에 커널 {shape_text(K)}을 교차상관 → {shape_text(out)}",
        f"커널 = {fmt_array(K, 3)}",
        "",
        "입력 그림:", *blocks(img), "",
        "출력의 크기 |값| (밝을수록 큼): 커널이 반응하는 가장자리만 남습니다.", *blocks(out),
    ], []


def _conv_channels(v: dict, data: dict):
    import numpy as np

    from mathcore import conv

    X, K = v["image"], v["kernel2d"]
    _kernel_fits(X.shape, K.shape, "kernel2d")
    square = X.shape[0] == X.shape[1]
    channels = np.stack([X, X.T if square else X[::-1]])
    kernels = np.stack([np.stack([K, K]), np.stack([K, -K])])
    out = np.asarray(on_field(conv.conv2d, "kernel2d", channels, kernels), dtype=float)
    data.update(input=channels, kernels=kernels, output=out)
    return [
        f"입력 채널 2개 (입력과 {'그 전치' if square else '위아래를 뒤집은 입력'}): {shape_text(channels)}",
        f"커널 2개, 각각 입력 채널 수만큼 2장: {shape_text(kernels)}  (출력 채널, 입력 채널, 높이, 너비)",
        f"출력: {shape_text(out)} — 커널 하나가 모든 입력 채널을 더해 출력 채널 하나를 만듭니다.",
        "",
        "출력 채널 0 (두 채널에 같은 커널):", fmt_array(out[0], 4), "",
        "출력 채널 1 (둘째 채널에 부호를 바꾼 커널):", fmt_array(out[1], 4),
    ], []


_CONV_VIEWS = dict(zip(MODES, (_conv_1d, _conv_2d, _conv_edges, _conv_channels)))


def compute_conv(v: dict) -> PanelResult:
    data: dict = {"mode": v["mode"]}
    lines, plots = _CONV_VIEWS.get(v["mode"], _conv_channels)(v, data)
    return PanelResult("\n".join(lines), plots, data)


def compute_backprop(v: dict) -> PanelResult:
    import numpy as np

    from mathcore import conv

    X, K, G = v["image"], v["kernel"], v["grad"]
    _kernel_fits(X.shape, K.shape, "kernel")
    out_shape = (X.shape[0] - K.shape[0] + 1, X.shape[1] - K.shape[1] + 1)
    if G.shape != out_shape:
        raise InputError(f"출력과 모양이 같아야 합니다 ({shape_text(out_shape)}, 입력: {shape_text(G)}).", field="grad")

    dX, dK = conv.conv2d_backward(X[None], K[None, None], G[None])
    dX = np.asarray(dX, dtype=float).reshape(X.shape)
    dK = np.asarray(dK, dtype=float).reshape(K.shape)
    as_corr = np.asarray(conv.correlate2d(X, G), dtype=float)

    def loss(kernel):
        return float(np.sum(np.asarray(conv.correlate2d(X, kernel), dtype=float) * G))

    h = 1e-6
    numeric = np.zeros_like(K)
    for idx in np.ndindex(K.shape):
        bump = np.zeros_like(K)
        bump[idx] = h
        numeric[idx] = (loss(K + bump) - loss(K - bump)) / (2 * h)
    gap = float(np.max(np.abs(numeric - dK)))
    lines = [
        f"Y = X ⋆ K (교차상관), 손실 L = Σ Y ⊙ G  (G = ∂L/∂Y, {shape_text(G)})",
        f"X {shape_text(X)}, K {shape_text(K)} → Y {shape_text(out_shape)}",
        "",
        "∂L/∂K (역전파):", fmt_array(dK, 6), "",
        "X ⋆ G (입력과 출력 기울기의 교차상관):", fmt_array(as_corr, 6),
        "같음: " + ("예" if np.allclose(as_corr, dK) else "아니오"), "",
        "유한 차분 (L(K + h) − L(K − h)) / 2h:", fmt_array(numeric, 6),
        f"역전파와의 최대 차이 = {fmt_num(gap, 3)}", "",
        "∂L/∂X (출력 기울기를 0으로 둘러싼 뒤 뒤집은 커널로 교차상관 = 완전 합성곱):", fmt_array(dX, 6),
        "",
        "합성곱의 역전파도 다시 합성곱(교차상관)입니다.",
    ]
    data = {"dK": dK, "dX": dX, "correlation": as_corr, "numeric": numeric, "gap": gap}
    return PanelResult("\n".join(lines), [], data)


PANELS = [
    Panel(
        id="cnn.conv",
        title="합성곱과 교차상관",
        lesson="cnn",
        description="1차원·2차원 입력에 커널을 적용해 교차상관과 (뒤집은) 합성곱을 비교하고, 가장자리 검출과 다채널을 봅니다.",
        fields=[
            MODE_FIELD,
            Vector("signal", "1차원 입력", "1, 2, 4, 7, 11, 16, 22", when=_ONE_D),
            Vector("kernel1d", "1차원 커널", "1, 0, -1", when=_ONE_D),
            Matrix("image", "2차원 입력", "[[1,2,3,0],[0,1,2,3],[3,0,1,2],[2,3,0,1]]", max_rows=40, max_cols=40,
                   when=_TWO_D),
            Matrix("kernel2d", "2차원 커널", SOBEL_X, max_rows=40, max_cols=40, when=_KERNEL_2D,
                   help="가장자리 검출 그림에도 쓰입니다"),
        ],
        compute=compute_conv,
    ),
    Panel(
        id="cnn.backprop",
        title="합성곱의 역전파",
        lesson="cnn",
        description="커널에 대한 기울기가 입력과 출력 기울기의 교차상관임을 유한 차분으로 확인합니다.",
        fields=[
            Matrix("image", "입력 X", "[[1,2,0,1],[0,1,3,2],[2,1,0,1],[1,0,2,3]]", max_rows=40, max_cols=40),
            Matrix("kernel", "커널 K", "[[1,-1],[0,2]]", max_rows=10, max_cols=10),
            Matrix("grad", "출력 기울기 ∂L/∂Y", "[[1,0,-1],[0.5,1,0],[0,-1,2]]", max_rows=40, max_cols=40,
                   help="출력(Y)과 같은 모양"),
        ],
        compute=compute_backprop,
    ),
]
