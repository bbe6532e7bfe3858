r"""Softmax, activations, cross-entropy and a small multi-layer perceptron with backpropagation.

Row convention: a batch X has shape (n, d); a layer computes Z = X W + b with W (n_in, n_out)
and b (n_out,).
"""
from __future__ import annotations

import numpy as np

from mathcore import InputError
from mathcore._util import as_array, as_float, as_int
from mathcore.korean import with_particle


def _axis(o: np.ndarray, axis: int) -> int:
    if not -o.ndim <= axis < o.ndim:
        raise InputError(f"축(axis) {with_particle(str(axis), '이/가')} 입력의 차원({o.ndim})을 벗어납니다.")
    return axis


def softmax(o, axis: int = -1) -> np.ndarray:
    r"""softmax(o)ᵢ = exp(oᵢ − max o) / Σⱼ exp(oⱼ − max o) along ``axis``.

    Subtracting the maximum leaves the result unchanged and keeps every exponent ≤ 0, so
    any finite input (e.g. 1000 or −1e300) works without overflow.  o: any shape (≥ 1-D).
    """
    arr = as_array(o, "o")
    if arr.ndim == 0:
        arr = arr[None]
    axis = _axis(arr, axis)
    with np.errstate(over="ignore"):  # o − max o may round to −inf for |o| near 1e308; exp gives 0
        shifted = arr - np.max(arr, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(o, axis: int = -1) -> np.ndarray:
    r"""log softmax(o)ᵢ = (oᵢ − m) − log Σⱼ exp(oⱼ − m), m = max o — stable for any finite input."""
    arr = as_array(o, "o")
    if arr.ndim == 0:
        arr = arr[None]
    axis = _axis(arr, axis)
    with np.errstate(over="ignore"):
        shifted = arr - np.max(arr, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def one_hot_argmax(o, axis: int = -1) -> np.ndarray:
    r"""One-hot vector of argmax o along ``axis`` (first maximum on ties).  Softmax is monotone,
    so argmax of o equals argmax of softmax(o)."""
    arr = as_array(o, "o")
    if arr.ndim == 0:
        arr = arr[None]
    axis = _axis(arr, axis)
    idx = np.argmax(arr, axis=axis)
    out = np.zeros_like(arr)
    np.put_along_axis(out, np.expand_dims(idx, axis), 1.0, axis=axis)
    return out


def sigmoid(x) -> np.ndarray:
    r"""σ(x) = 1 / (1 + e^{−x}), evaluated as e^{x}/(1 + e^{x}) for x < 0 (no overflow)."""
    arr = as_array(x, "x", allow_empty=True)
    out = np.empty_like(arr)
    pos = arr >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-arr[pos]))
    e = np.exp(arr[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def tanh(x) -> np.ndarray:
    r"""tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)."""
    return np.tanh(as_array(x, "x", allow_empty=True))


def relu(x) -> np.ndarray:
    r"""ReLU(x) = max(0, x)."""
    return np.maximum(as_array(x, "x", allow_empty=True), 0.0)


def sigmoid_grad(x) -> np.ndarray:
    r"""σ'(x) = σ(x)(1 − σ(x))  (x is the pre-activation)."""
    s = sigmoid(x)
    return s * (1.0 - s)


def tanh_grad(x) -> np.ndarray:
    r"""tanh'(x) = 1 − tanh²(x)."""
    t = tanh(x)
    return 1.0 - t * t


def relu_grad(x) -> np.ndarray:
    r"""ReLU'(x) = 1 for x > 0 and 0 for x ≤ 0 (the subgradient 0 is used at x = 0)."""
    return (as_array(x, "x", allow_empty=True) > 0).astype(float)


ACTIVATIONS = {
    "relu": (relu, relu_grad),
    "tanh": (tanh, tanh_grad),
    "sigmoid": (sigmoid, sigmoid_grad),
}


def _targets(labels, n: int, k: int) -> np.ndarray:
    """Labels as an (n, k) matrix of target distributions (class indices become one-hot)."""
    lab = np.asarray(labels)
    if lab.ndim == 0:
        lab = lab[None]
    if lab.ndim == 1:
        if lab.shape[0] != n:
            raise InputError(f"레이블 개수({lab.shape[0]})가 데이터 개수({n})와 같아야 합니다.")
        try:
            as_float_lab = lab.astype(float)
        except (TypeError, ValueError):
            raise InputError("레이블은 0부터 시작하는 정수 클래스 번호여야 합니다.") from None
        if not np.all(np.isfinite(as_float_lab)) or np.any(as_float_lab != np.round(as_float_lab)):
            raise InputError("레이블은 0부터 시작하는 정수 클래스 번호여야 합니다.")
        idx = as_float_lab.astype(int)
        if idx.size and (idx.min() < 0 or idx.max() >= k):
            raise InputError(f"레이블은 0 이상 {k - 1} 이하의 정수여야 합니다 (클래스 {k}개).")
        t = np.zeros((n, k))
        t[np.arange(n), idx] = 1.0
        return t
    t = as_array(lab, "레이블", ndim=2)
    if t.shape != (n, k):
        raise InputError(f"레이블 행렬의 모양 {t.shape}가 로짓의 모양 {(n, k)}과 같아야 합니다.")
    if np.any(t < 0) or np.any(np.abs(t.sum(axis=1) - 1.0) > 1e-6):
        raise InputError("레이블 행렬의 각 행은 합이 1인 확률분포(예: 원-핫)여야 합니다.")
    return t


def cross_entropy(logits, labels) -> float:
    r"""Mean softmax cross-entropy L = −(1/n) Σᵢ Σₖ tᵢₖ log softmax(oᵢ)ₖ computed from logits.

    logits: (n, k) or (k,); labels: class indices (n,) in [0, k) or target distributions
    (n, k).  Uses :func:`log_softmax`, so it is finite for any finite logits.
    """
    o = as_array(logits, "로짓", ndim=(1, 2))
    if o.ndim == 1:
        o = o[None, :]
        lab = np.asarray(labels)
        labels = lab.reshape(1) if lab.size == 1 and lab.ndim <= 1 else (lab[None, :] if lab.ndim == 1 else lab)
    t = _targets(labels, o.shape[0], o.shape[1])
    logp = log_softmax(o, axis=1)
    return float(-np.sum(t * logp) / o.shape[0])


def softmax_jacobian(o) -> np.ndarray:
    r"""Jacobian of s = softmax(o): ∂sᵢ/∂oⱼ = sᵢ(δᵢⱼ − sⱼ), i.e. J = diag(s) − s sᵀ.  o: (p,) → (p, p).

    J is symmetric, its rows sum to 0 (Σᵢ sᵢ = 1 whatever o is), and for the loss
    −log s_y the chain rule gives Jᵀ(−e_y / s_y) = s − e_y.
    """
    s = softmax(as_array(o, "o", ndim=1))
    return np.diag(s) - np.outer(s, s)


TRACE_KEYS = ("z1", "h", "o", "s", "loss", "do", "dW2", "db2", "dh", "dz1", "dW1", "db1")


def backprop_trace(x, label, W1, b1, W2, b2, activation: str = "sigmoid") -> dict:
    r"""Forward and backward pass of a two-layer network on one example (row convention).

    Forward: z₁ = xW₁ + b₁, h = σ(z₁), o = hW₂ + b₂, s = softmax(o), L = −log s_y.
    Backward: δo = s − e_y, ∂L/∂W₂ = hᵀδo, ∂L/∂b₂ = δo, δh = δo W₂ᵀ, δz₁ = δh ⊙ σ′(z₁),
    ∂L/∂W₁ = xᵀδz₁, ∂L/∂b₁ = δz₁.
    Shapes: x (d,), W1 (d, h), b1 (h,), W2 (h, p), b2 (p,); label a class index in [0, p).
    Returns the keys of :data:`TRACE_KEYS` (``do`` is δo, ``dh`` δh, ``dz1`` δz₁, each gradient
    with the shape of its parameter) plus ``x``, ``y`` (one-hot) and ``activation``.
    """
    xv = as_array(x, "x", ndim=1)
    w1, w2 = as_array(W1, "W1", ndim=2), as_array(W2, "W2", ndim=2)
    c1, c2 = as_array(b1, "b1", ndim=1), as_array(b2, "b2", ndim=1)
    checks = ((w1.shape[0], xv.size, "W1의 행 수", "x의 길이"), (c1.size, w1.shape[1], "b1의 길이", "W1의 열 수"),
              (w2.shape[0], w1.shape[1], "W2의 행 수", "W1의 열 수"), (c2.size, w2.shape[1], "b2의 길이", "W2의 열 수"))
    for got, want, what, other in checks:
        if got != want:
            raise InputError(f"{what}({got})가 {other}({want})와 같아야 합니다.")
    if activation not in ACTIVATIONS:
        raise InputError(f"활성함수는 {', '.join(ACTIVATIONS)} 중 하나여야 합니다.")
    k = as_int(label, "정답 클래스", 0, w2.shape[1] - 1)
    act, act_grad = ACTIVATIONS[activation]
    with np.errstate(over="ignore", invalid="ignore"):
        z1 = xv @ w1 + c1
        h = act(z1)
        o = h @ w2 + c2
        if not np.all(np.isfinite(o)):
            raise InputError("순전파 값이 float64 범위를 넘었습니다. 더 작은 값을 쓰세요.")
        logp = log_softmax(o)
        y = np.zeros_like(o)
        y[k] = 1.0
        s = np.exp(logp)
        do = s - y
        dh = do @ w2.T
        dz1 = dh * act_grad(z1)
        out = {"z1": z1, "h": h, "o": o, "s": s, "loss": float(-logp[k]), "do": do,
               "dW2": np.outer(h, do), "db2": do.copy(), "dh": dh, "dz1": dz1,
               "dW1": np.outer(xv, dz1), "db1": dz1.copy()}
    if not all(np.all(np.isfinite(v)) for v in out.values()):
        raise InputError("역전파 값이 float64 범위를 넘었습니다. 더 작은 값을 쓰세요.")
    out.update(x=xv, y=y, activation=activation)
    return out


class MLP:
    r"""Multi-layer perceptron: H₀ = X, H_l = act(H_{l−1} W_l + b_l) for hidden layers and
    logits O = H_{L−1} W_L + b_L, trained on the mean softmax cross-entropy.

    layer_sizes: [d, h₁, …, k] (input width, hidden widths, number of classes);
    activation: "relu", "tanh" or "sigmoid"; seed: weights ~ N(0, g/n_in) with g = 2 for ReLU
    (He) and 1 otherwise, biases 0.
    Attributes ``weights`` (list of (n_in, n_out)) and ``biases`` (list of (n_out,)).
    """

    def __init__(self, layer_sizes, activation: str = "relu", seed: int = 0):
        sizes = [as_int(s, "층의 크기", 1, 4096) for s in layer_sizes]
        if len(sizes) < 2:
            raise InputError("층 크기는 입력과 출력을 포함해 2개 이상이어야 합니다.")
        if activation not in ACTIVATIONS:
            raise InputError(f"활성함수는 {', '.join(ACTIVATIONS)} 중 하나여야 합니다.")
        self.layer_sizes = sizes
        self.activation = activation
        self._act, self._act_grad = ACTIVATIONS[activation]
        rng = np.random.default_rng(seed)
        gain = 2.0 if activation == "relu" else 1.0
        self.weights = [rng.standard_normal((a, b)) * np.sqrt(gain / a) for a, b in zip(sizes[:-1], sizes[1:])]
        self.biases = [np.zeros(b) for b in sizes[1:]]

    def _input(self, X) -> np.ndarray:
        x = as_array(X, "X", ndim=(1, 2))
        if x.ndim == 1:
            x = x[None, :]
        if x.shape[1] != self.layer_sizes[0]:
            raise InputError(f"입력의 열 수({x.shape[1]})가 첫 층의 크기({self.layer_sizes[0]})와 같아야 합니다.")
        return x

    def _forward(self, x: np.ndarray):
        activations = [x]
        pre = []
        h = x
        last = len(self.weights) - 1
        for i, (W, b) in enumerate(zip(self.weights, self.biases)):
            z = h @ W + b
            pre.append(z)
            h = z if i == last else self._act(z)
            activations.append(h)
        return pre, activations

    def forward(self, X) -> np.ndarray:
        r"""Logits O (n, k) for X (n, d) (a single row (d,) gives (1, k))."""
        return self._forward(self._input(X))[1][-1]

    def predict(self, X) -> np.ndarray:
        r"""Predicted class argmax_k O_{ik}, (n,) ints."""
        return np.argmax(self.forward(X), axis=1)

    def loss(self, X, labels) -> float:
        """Mean softmax cross-entropy on (X, labels)."""
        return cross_entropy(self.forward(X), labels)

    def loss_and_gradients(self, X, labels):
        r"""Backpropagation (chain rule from the top layer down).

        With P = softmax(O) and targets T: ∂L/∂O = (P − T)/n; for each layer
        ∂L/∂W_l = H_{l−1}ᵀ ∂L/∂Z_l, ∂L/∂b_l = Σ_rows ∂L/∂Z_l,
        ∂L/∂H_{l−1} = ∂L/∂Z_l W_lᵀ, ∂L/∂Z_{l−1} = ∂L/∂H_{l−1} ⊙ act'(Z_{l−1}).
        Returns (loss, dweights, dbiases) with the shapes of ``weights`` and ``biases``.
        """
        x = self._input(X)
        pre, acts = self._forward(x)
        logits = acts[-1]
        n, k = logits.shape
        t = _targets(labels, n, k)
        logp = log_softmax(logits, axis=1)
        loss = float(-np.sum(t * logp) / n)
        dz = (np.exp(logp) - t) / n
        dws = [np.empty(0)] * len(self.weights)
        dbs = [np.empty(0)] * len(self.biases)
        for i in range(len(self.weights) - 1, -1, -1):
            dws[i] = acts[i].T @ dz
            dbs[i] = dz.sum(axis=0)
            if i > 0:
                dz = (dz @ self.weights[i].T) * self._act_grad(pre[i - 1])
        return loss, dws, dbs

    def numerical_gradients(self, X, labels, eps: float = 1e-6):
        r"""Central finite differences (L(θ + ε) − L(θ − ε)) / 2ε for every weight and bias
        (for gradient checking; cost 2 forward passes per parameter)."""
        x = self._input(X)
        dws, dbs = [], []
        for params, out in ((self.weights, dws), (self.biases, dbs)):
            for P in params:
                g = np.zeros_like(P)
                flat = P.reshape(-1)
                gflat = g.reshape(-1)
                for j in range(flat.size):
                    old = flat[j]
                    flat[j] = old + eps
                    up = self.loss(x, labels)
                    flat[j] = old - eps
                    down = self.loss(x, labels)
                    flat[j] = old
                    gflat[j] = (up - down) / (2 * eps)
                out.append(g)
        return dws, dbs

    def fit(self, X, labels, lr: float = 0.1, epochs: int = 100, batch_size: int | None = None,
            seed: int = 0) -> np.ndarray:
        r"""Gradient descent W ← W − η ∂L/∂W (full batch, or shuffled mini-batches of
        ``batch_size``).  Returns the full-data loss after each epoch, (epochs,)."""
        x = self._input(X)
        n = x.shape[0]
        _targets(labels, n, self.layer_sizes[-1])  # validate once
        lr = as_float(lr, "학습률", 0.0, low_open=True)
        epochs = as_int(epochs, "에폭 수", 0, 1_000_000)
        bs = n if batch_size is None else as_int(batch_size, "배치 크기", 1, n)
        rng = np.random.default_rng(seed)
        labels_arr = np.asarray(labels)
        losses = np.empty(epochs)
        for ep in range(epochs):
            order = np.arange(n) if bs == n else rng.permutation(n)
            for start in range(0, n, bs):
                idx = order[start:start + bs]
                _, dws, dbs = self.loss_and_gradients(x[idx], labels_arr[idx])
                for W, dW in zip(self.weights, dws):
                    W -= lr * dW
                for b, db in zip(self.biases, dbs):
                    b -= lr * db
            losses[ep] = self.loss(x, labels_arr)
            if not np.isfinite(losses[ep]):
                raise InputError(f"학습 중 {ep + 1}번째 에폭에서 손실이 발산했습니다. 학습률을 줄이세요.", field="lr")
        return losses


def make_xor():
    r"""The XOR data set: X = [[0,0],[0,1],[1,0],[1,1]], labels [0, 1, 1, 0]."""
    return np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]), np.array([0, 1, 1, 0])


def make_spiral(n_per_class: int = 100, classes: int = 2, noise: float = 0.2, seed: int = 0):
    r"""Interleaved spirals: class c has points r(cos θ, sin θ) with r ∈ [0, 1],
    θ = 4r + 2πc/classes + N(0, noise²).  Returns (X (n, 2), labels (n,))."""
    n = as_int(n_per_class, "클래스별 점 개수", 1, 100_000)
    classes = as_int(classes, "클래스 수", 2, 10)
    noise = as_float(noise, "잡음", 0.0)
    rng = np.random.default_rng(seed)
    xs, ys = [], []
    for c in range(classes):
        r = np.linspace(0.0, 1.0, n)
        theta = 4.0 * r + 2.0 * np.pi * c / classes + noise * rng.standard_normal(n)
        xs.append(np.column_stack([r * np.cos(theta), r * np.sin(theta)]))
        ys.append(np.full(n, c))
    return np.vstack(xs), np.concatenate(ys)


__all__ = [
    "softmax", "log_softmax", "one_hot_argmax", "sigmoid", "tanh", "relu", "sigmoid_grad", "tanh_grad",
    "relu_grad", "cross_entropy", "MLP", "softmax_jacobian", "backprop_trace", "TRACE_KEYS", "make_xor", "make_spiral", "ACTIVATIONS",
]
