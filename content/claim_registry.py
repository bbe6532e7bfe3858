"""The computations a worked-value claim may name (content/STYLE.md §6).

Every entry is a plain function of JSON keyword arguments that recomputes a value with mathcore
(or, for a ``panel`` claim, by running a lesson panel with the given field texts).  Nothing in a
mark is evaluated as code: formulas in arguments (``"f": "x^2 + 2x + 3"``) go through mathcore's
own parser.  The simplest linear-algebra and regression entries live in
:mod:`content.claim_registry_basic`; this module adds calculus, networks, probability,
convolution, RNN and panel runs and assembles :data:`COMPUTATIONS`.
"""

from __future__ import annotations

import math

from content.claim_registry_basic import BASIC, mathcore_call, np
from content.claim_registry_optim import COMPUTATIONS as OPTIM  # lesson 14's entries


def _expr_function(f, variables=("x",)):
    from mathcore.parse import numeric_function, parse_expression

    names = tuple(variables)
    fn = numeric_function(parse_expression(f, names), names)
    return lambda *xs: float(fn(*xs))


def _value(f):
    """A constant expression (no variables), read by mathcore's parser: ``"exp(1) + 2"``."""
    from mathcore.parse import parse_expression

    return float(parse_expression(f, ()).evalf())


def _f_at(f, at, variables=("x",)):
    at = at if isinstance(at, list) else [at]
    return _expr_function(f, variables)(*at)


def _derivative_at(f, at, var="x"):
    import sympy

    from mathcore import calculus

    return float(calculus.evaluate(sympy.Matrix([[calculus.derivative(f, var)]]), (var,), [at])[0, 0])


def _gradient_at(f, at, variables=("x", "y")):
    import sympy

    from mathcore import calculus

    grad = calculus.gradient(f, tuple(variables))
    return calculus.evaluate(sympy.Matrix([list(grad)]), tuple(variables), at).ravel()


def _finite_difference(f, at, h, kind="central"):
    fn = _expr_function(f)
    if kind == "forward":
        return (fn(at + h) - fn(at)) / h
    return (fn(at + h) - fn(at - h)) / (2 * h)


def _directional(f, at, deg, variables=("x", "y")):
    g = _gradient_at(f, at, variables)
    rad = math.radians(deg)
    return float(g @ np.array([math.cos(rad), math.sin(rad)]))


def _gd_run(f, init, lr, eps=1e-5, max_iter=10_000, variables=None):
    from mathcore import calculus

    r = calculus.gradient_descent(f, init, lr=lr, eps=eps, max_iter=max_iter, variables=variables)
    return {"iterations": r.iterations, "minimizer": r.minimizer, "minimum": r.minimum,
            "path": r.path, "values": r.values, "converged": float(r.converged),
            "diverged": float(r.diverged)}


def _jacobian_at(f, at, variables=("x", "y")):
    from mathcore import calculus

    return calculus.evaluate(calculus.jacobian(f, tuple(variables)), tuple(variables), at)


def _affine(X, W, b):
    from mathcore import linalg

    return linalg.matmul(X, W) + np.asarray(b, float)


def _mlp_forward(X, weights, biases, activation="relu"):
    from mathcore import linalg, nn

    act = getattr(nn, activation)
    H = np.asarray(X, float)
    for W, b in zip(weights[:-1], biases[:-1]):
        H = act(linalg.matmul(H, W) + np.asarray(b, float))
    return linalg.matmul(H, weights[-1]) + np.asarray(biases[-1], float)


def _softmax_ce_grad(logits, label):
    from mathcore import nn

    s = nn.softmax(logits)
    return s - np.eye(len(logits))[label]


def _neuron(x, w, b, target):
    """One sigmoid neuron a = σ(wx + b) with L = ½(a − target)², forward and backward."""
    from mathcore import nn

    z = w * x + b
    a = float(nn.sigmoid(z))
    dl_da = a - target
    da_dz = float(nn.sigmoid_grad(z))
    return {"z": z, "a": a, "loss": 0.5 * dl_da ** 2, "dL_da": dl_da, "da_dz": da_dz,
            "dL_dz": dl_da * da_dz, "dL_dw": dl_da * da_dz * x, "dL_db": dl_da * da_dz}


def _neuron_fd(x, w, b, target, param, h=1e-5):
    """Central difference of the neuron's loss in ``param`` ("w" or "b")."""
    plus, minus = dict(x=x, w=w, b=b, target=target), dict(x=x, w=w, b=b, target=target)
    plus[param] += h
    minus[param] -= h
    return (_neuron(**plus)["loss"] - _neuron(**minus)["loss"]) / (2 * h)


def _integral(f, low, high):
    from scipy.integrate import quad

    return quad(_expr_function(f), low, high, epsabs=1e-12, epsrel=1e-12)[0]


def _density_stats(f, low, high):
    """Mean and standard deviation of the density proportional to ``f`` on [low, high]."""
    mass = _integral(f, low, high)
    mean = _integral(f"x*({f})", low, high) / mass
    second = _integral(f"x^2*({f})", low, high) / mass
    return {"mean": mean, "sd": math.sqrt(second - mean * mean)}


def _mc_theory_sd(f, low, high, n):
    """(b − a)·σ_f/√n with σ_f² = Var f(U), U ~ Unif(a, b), by quadrature."""
    width = high - low
    mean = _integral(f, low, high) / width
    second = _integral(f"({f})^2", low, high) / width
    return width * math.sqrt(second - mean * mean) / math.sqrt(n)


def _monte_carlo(f, low, high, sample_size, repeat, seed):
    from mathcore import probability

    return list(probability.monte_carlo_integral(f, low, high, sample_size=sample_size,
                                                 repeat=repeat, seed=seed))


def _correlation(a, b):
    from mathcore import probability

    return probability.covariance(a, b) / math.sqrt(probability.covariance(a, a)
                                                   * probability.covariance(b, b))


def _conditional(joint, given="row"):
    """P(column | row) (each row divided by its sum) or P(row | column)."""
    t = np.asarray(joint, float)
    return t / t.sum(axis=1, keepdims=True) if given == "row" else t / t.sum(axis=0, keepdims=True)


def _marginal(joint, axis):
    return np.asarray(joint, float).sum(axis=axis)


def _sample_mean_stat(population, n, trials, seed, stat):
    from mathcore import probability, statistics

    means = statistics.sample_means(population, n, trials, seed)
    m = probability.moments(means)
    return math.sqrt(m["variance"]) if stat == "std" else m[stat]


def _evidence(prior, sensitivity, false_positive_rate):
    from mathcore import bayes

    c = bayes.confusion_counts(1.0, prior, sensitivity, false_positive_rate)
    return c["TP"] + c["FP"]


def _conv_loss(X, K, T):
    from mathcore import conv

    r = conv.correlate2d(X, K) - np.asarray(T, float)
    return 0.5 * float(np.sum(r * r))


def _conv_step(X, K, T, lr):
    """K − η ∂L/∂K for L = ½‖X ⋆ K − T‖² (one gradient step)."""
    from mathcore import conv

    delta = conv.correlate2d(X, K) - np.asarray(T, float)
    return np.asarray(K, float) - lr * conv.conv2d_backward(X, K, delta)[1][0, 0]


def _power_norms(A, ks):
    """‖A^k‖₂ (largest singular value) for every k in ``ks``."""
    from mathcore import linalg

    out = []
    for k in ks:
        P = np.eye(len(A))
        for _ in range(k):
            P = linalg.matmul(P, A)
        out.append(float(linalg.svd(P)[1][0]))
    return out


def _spectral_radius(A):
    from mathcore import linalg

    return float(np.max(np.abs(linalg.eig(A)[0])))


def _rnn_preactivation(t, X, W_x, W_h, b):
    """A_t = X_t W_x + H_{t−1} W_h + b (1-based t, H₀ = 0)."""
    from mathcore import rnn

    H = rnn.rnn_forward(X, W_x, W_h, b)
    prev = np.zeros(len(b)) if t == 1 else H[t - 2]
    return np.asarray(X, float)[t - 1] @ np.asarray(W_x, float) + prev @ np.asarray(W_h, float) \
        + np.asarray(b, float)


def _rnn_local_derivatives(X, W_h, b):
    """w(1 − h_t²) of a scalar RNN h_t = tanh(w h_{t−1} + x_t + b)."""
    from mathcore import rnn

    H = rnn.rnn_forward(X, [[1.0]], W_h, b).ravel()
    return W_h[0][0] * (1.0 - H * H)


def _rnn_sensitivity(X, W_h, b, h=1e-6):
    """∂h_T/∂h₀ of a scalar RNN by central differences in h₀."""
    from mathcore import rnn

    up = rnn.rnn_forward(X, [[1.0]], W_h, b, h0=[h])[-1, 0]
    down = rnn.rnn_forward(X, [[1.0]], W_h, b, h0=[-h])[-1, 0]
    return (up - down) / (2 * h)


#: Runs a panel for "panel" claims: (panel id, field texts) → the result's ``data``. content never
#: imports tui (ARCHITECTURE.md), so whoever checks the claims with the app at hand sets it
#: (tests/content/test_claims.py hands in tui.panels).
panel_runner = None


def _panel(id, fields=None):  # noqa: A002 - the panel id, as in the lessons
    if panel_runner is None:
        raise LookupError("패널 값은 패널 실행기(claim_registry.panel_runner)가 있어야 확인됩니다")
    return panel_runner(id, fields or {})


def _scaled(by, of, args):
    """``by`` times the value of another computation (for exact fractions such as ⅙·[…])."""
    return by * np.asarray(COMPUTATIONS[of](**args), float)


COMPUTATIONS = {
    **BASIC,
    **OPTIM,
    "scaled": _scaled,
    "value": _value,
    "f_at": _f_at,
    "derivative_at": _derivative_at,
    "gradient_at": _gradient_at,
    "finite_difference": _finite_difference,
    "directional_derivative": _directional,
    "gd_run": _gd_run,
    "jacobian_at": _jacobian_at,
    "affine": _affine,
    "mlp_forward": _mlp_forward,
    "softmax": mathcore_call("nn", "softmax"),
    "sigmoid": mathcore_call("nn", "sigmoid"),
    "sigmoid_grad": mathcore_call("nn", "sigmoid_grad"),
    "tanh": mathcore_call("nn", "tanh"),
    "tanh_grad": mathcore_call("nn", "tanh_grad"),
    "relu": mathcore_call("nn", "relu"),
    "relu_grad": mathcore_call("nn", "relu_grad"),
    "one_hot_argmax": mathcore_call("nn", "one_hot_argmax"),
    "softmax_jacobian": mathcore_call("nn", "softmax_jacobian"),
    "softmax_ce_grad": _softmax_ce_grad,
    "backprop_trace": mathcore_call("nn", "backprop_trace"),
    "neuron": _neuron,
    "neuron_fd": _neuron_fd,
    "integral": _integral,
    "mc_theory_sd": _mc_theory_sd,
    "density_stats": _density_stats,
    "monte_carlo": _monte_carlo,
    "correlation": _correlation,
    "conditional": _conditional,
    "marginal": _marginal,
    "sample_mean_stat": _sample_mean_stat,
    "evidence": _evidence,
    "confusion_counts": mathcore_call("bayes", "confusion_counts"),
    "mutual_information": mathcore_call("statistics", "mutual_information"),
    "perplexity": mathcore_call("statistics", "perplexity"),
    "conv2d": mathcore_call("conv", "conv2d"),
    "conv2d_backward": mathcore_call("conv", "conv2d_backward"),
    "output_shape": mathcore_call("conv", "output_shape"),
    "conv_loss": _conv_loss,
    "conv_step": _conv_step,
    "power_norms": _power_norms,
    "spectral_radius": _spectral_radius,
    "rnn_preactivation": _rnn_preactivation,
    "rnn_local_derivatives": _rnn_local_derivatives,
    "rnn_sensitivity": _rnn_sensitivity,
    "clip_gradients": mathcore_call("rnn", "clip_gradients"),
    "panel": _panel,
}
