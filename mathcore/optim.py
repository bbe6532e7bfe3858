r"""First- and second-order optimisers on a typed function, with the update rules of ``torch.optim``.

Every method runs a fixed number of steps from ``init`` with a constant learning rate η (g is
∇f at the current point, t = 1, 2, … the step number, all operations element-wise):

- ``gd``        x ← x − η g                                          (``SGD``)
- ``momentum``  b ← μ b + g (b = g at t = 1), x ← x − η b            (``SGD(momentum=μ)``)
- ``nesterov``  b as above, x ← x − η (g + μ b)                      (``SGD(momentum=μ, nesterov=True)``)
- ``adagrad``   G ← G + g², x ← x − η g / (√G + ε)                   (``Adagrad``, ε = 1e-10)
- ``rmsprop``   v ← α v + (1 − α) g², x ← x − η g / (√v + ε)         (``RMSprop``, α = 0.99, ε = 1e-8;
                with ``momentum`` μ > 0: b ← μ b + g / (√v + ε), x ← x − η b)
- ``adam``      m ← β₁ m + (1 − β₁) g, v ← β₂ v + (1 − β₂) g²,
                x ← x − (η / (1 − β₁ᵗ)) m / (√v / √(1 − β₂ᵗ) + ε)    (``Adam``, betas = (0.9, 0.999), ε = 1e-8)
- ``newton``    x ← x − η H⁻¹ g  (η = 1 is Newton's method; H the Hessian; stops if H is singular)

Hyper-parameters carry PyTorch's names (``momentum``, ``betas``, ``eps``, ``alpha``).  f, ∇f and
the Hessian are compiled once from the parsed SymPy tree; typed text goes through
:mod:`mathcore.parse` only.  A run stops early, with ``diverged=True``, when an iterate, gradient
or value becomes non-finite or ‖x‖ exceeds 10¹².
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import sympy

from mathcore import InputError
from mathcore._util import as_float, as_int

METHODS = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "newton")
DEFAULTS = {
    "gd": {},
    "momentum": {"momentum": 0.9},
    "nesterov": {"momentum": 0.9},
    "adagrad": {"eps": 1e-10},
    "rmsprop": {"alpha": 0.99, "eps": 1e-8, "momentum": 0.0},
    "adam": {"betas": (0.9, 0.999), "eps": 1e-8},
    "newton": {},
}
METHOD_NAMES = {"gd": "경사하강법", "momentum": "모멘텀", "nesterov": "네스테로프", "adagrad": "AdaGrad",
                "rmsprop": "RMSProp", "adam": "Adam", "newton": "뉴턴법"}
DIVERGENCE_LIMIT = 1e12
MAX_STEPS = 100_000


@dataclass
class OptimResult:
    """Outcome of :func:`optimize`.

    path: (k, d) iterates x₀ … x_{k−1} (k − 1 ≤ steps updates); values: f along the path (k,);
    diverged: stopped because an iterate/gradient/value became non-finite or ‖x‖ > 10¹²;
    stopped: stopped early for another reason (Newton with a singular Hessian);
    reason: a Korean sentence for the user; method, hyper (the values used), variables.
    """

    path: np.ndarray
    values: np.ndarray
    diverged: bool
    stopped: bool = False
    reason: str = ""
    method: str = ""
    hyper: dict = field(default_factory=dict)
    variables: tuple = field(default_factory=tuple)

    @property
    def steps(self) -> int:
        """Number of updates performed."""
        return self.path.shape[0] - 1


def _check_hyper(method: str, hyper: dict) -> dict:
    allowed = DEFAULTS[method]
    unknown = sorted(set(hyper) - set(allowed))
    if unknown:
        names = ", ".join(allowed) or "없음"
        raise InputError(f"{METHOD_NAMES[method]}에 없는 하이퍼파라미터입니다: {', '.join(unknown)} (가능: {names})")
    out = dict(allowed)
    out.update(hyper)
    if "momentum" in out:
        out["momentum"] = as_float(out["momentum"], "모멘텀 μ", 0.0, 1.0, high_open=True)
        if method == "nesterov" and out["momentum"] == 0:
            raise InputError("네스테로프 모멘텀은 μ > 0 이어야 합니다.")
    if "alpha" in out:
        out["alpha"] = as_float(out["alpha"], "α", 0.0, 1.0, high_open=True)
    if "eps" in out:
        out["eps"] = as_float(out["eps"], "ε", 0.0, low_open=True)
    if "betas" in out:
        betas = tuple(out["betas"])
        if len(betas) != 2:
            raise InputError("betas는 (β₁, β₂) 두 수여야 합니다.")
        out["betas"] = (as_float(betas[0], "β₁", 0.0, 1.0, high_open=True),
                        as_float(betas[1], "β₂", 0.0, 1.0, high_open=True))
    return out


@lru_cache(maxsize=64)
def _compiled(expr: sympy.Expr, names: tuple[str, ...], second_order: bool):
    from mathcore.parse import symbol_in

    symbols = [symbol_in(expr, v) for v in names]
    grad = [sympy.diff(expr, s) for s in symbols]
    f = sympy.lambdify(symbols, expr, modules="math")
    g = sympy.lambdify(symbols, grad, modules="math")
    h = sympy.lambdify(symbols, [[sympy.diff(gi, s) for s in symbols] for gi in grad], modules="math") \
        if second_order else None
    return f, g, h


def _call(fn, x: np.ndarray):
    try:
        with np.errstate(all="ignore"):
            return np.asarray(fn(*x), dtype=float)
    except (OverflowError, ValueError, ZeroDivisionError, TypeError):
        return np.array(math.nan)


class _Rule:
    """One optimiser's state and update ``step(x, g, t) -> new x`` (torch.optim's formulas)."""

    def __init__(self, method: str, lr: float, hyper: dict, d: int, hess=None):
        self.method, self.lr, self.hyper, self.hess = method, lr, hyper, hess
        self.a = np.zeros(d)  # momentum buffer / AdaGrad sum / RMSProp square average / Adam m
        self.b = np.zeros(d)  # RMSProp momentum buffer / Adam v

    def step(self, x: np.ndarray, g: np.ndarray, t: int) -> np.ndarray | None:
        h, lr = self.hyper, self.lr
        if self.method == "gd":
            return x - lr * g
        if self.method in ("momentum", "nesterov"):
            self.a = g.copy() if t == 1 else h["momentum"] * self.a + g
            return x - lr * (g + h["momentum"] * self.a if self.method == "nesterov" else self.a)
        if self.method == "adagrad":
            self.a = self.a + g * g
            return x - lr * g / (np.sqrt(self.a) + h["eps"])
        if self.method == "rmsprop":
            self.a = h["alpha"] * self.a + (1 - h["alpha"]) * g * g
            direction = g / (np.sqrt(self.a) + h["eps"])
            if h["momentum"] > 0:
                self.b = h["momentum"] * self.b + direction
                direction = self.b
            return x - lr * direction
        if self.method == "adam":
            b1, b2 = h["betas"]
            self.a = b1 * self.a + (1 - b1) * g
            self.b = b2 * self.b + (1 - b2) * g * g
            denom = np.sqrt(self.b) / math.sqrt(1 - b2 ** t) + h["eps"]
            return x - (lr / (1 - b1 ** t)) * self.a / denom
        hess = self.hess(x)
        if hess.shape != (x.size, x.size) or not np.all(np.isfinite(hess)):
            return None
        try:
            if np.linalg.cond(hess) > 1e12:
                return None
            return x - lr * np.linalg.solve(hess, g)
        except np.linalg.LinAlgError:
            return None


def _start(init) -> np.ndarray:
    if isinstance(init, str):
        from mathcore.parse import parse_vector

        init = parse_vector(init)
    x0 = np.atleast_1d(np.asarray(init, dtype=float))
    if x0.ndim != 1 or x0.size == 0 or x0.size > 8 or not np.all(np.isfinite(x0)):
        raise InputError("시작점은 유한한 실수 1~8개여야 합니다.")
    return x0


def optimize(method: str, expr, init, lr: float, steps: int, variables=None, **hyper) -> OptimResult:
    r"""Run ``method`` (one of :data:`METHODS`) on f = ``expr`` from ``init`` for ``steps`` updates.

    expr: text (parsed by mathcore.parse) or SymPy expression; init: (d,) start; lr: η > 0;
    steps: 0 … 100 000; variables: names in the order of ``init`` (default x / x, y / x, y, z);
    hyper: ``momentum``, ``betas``, ``eps``, ``alpha`` as in ``torch.optim`` (see the module text).
    Returns path (k, d), values (k,) and ``diverged``; the path ends at the last finite iterate.
    """
    from mathcore.calculus import _as_expr, _infer_variables

    if method not in METHODS:
        raise InputError(f"방법은 {', '.join(METHODS)} 중 하나여야 합니다.")
    hyper = _check_hyper(method, hyper)
    lr = as_float(lr, "학습률 η", 0.0, low_open=True)
    steps = as_int(steps, "반복 횟수", 0, MAX_STEPS)
    x = _start(init)
    names = _infer_variables(expr, x.size, variables)
    f_expr = _as_expr(expr, names)
    extra = sorted(s.name for s in f_expr.free_symbols if s.name not in names)
    if extra:
        raise InputError(f"식에 변수 목록에 없는 기호가 있습니다: {', '.join(extra)}")
    f, grad, hess = _compiled(f_expr, names, method == "newton")
    rule = _Rule(method, lr, hyper, x.size, (lambda p: _call(hess, p)) if hess else None)
    path, values = [x], [float(_call(f, x))]
    diverged = stopped = False
    reason = f"{steps}번 갱신했습니다."
    for t in range(1, steps + 1):
        g = _call(grad, x).reshape(-1)
        if g.size != x.size or not np.all(np.isfinite(g)) or not math.isfinite(values[-1]):
            diverged, reason = True, f"{t - 1}번째 반복에서 기울기나 함숫값이 정의되지 않거나 무한대가 되어 멈췄습니다."
            break
        with np.errstate(all="ignore"):
            new = rule.step(x, g, t)
        if new is None:
            stopped, reason = True, f"{t - 1}번째 반복에서 헤세 행렬이 특이(역행렬 없음)해서 뉴턴법을 멈췄습니다."
            break
        value = float(_call(f, new)) if np.all(np.isfinite(new)) else math.nan
        if not (np.all(np.isfinite(new)) and np.linalg.norm(new) <= DIVERGENCE_LIMIT and math.isfinite(value)):
            diverged, reason = True, (f"{t}번째 반복에서 값이 폭발하거나 정의역을 벗어나서 멈췄습니다 (발산). "
                                      "학습률을 줄여 보세요.")
            break
        x = new
        path.append(x)
        values.append(value)
    return OptimResult(path=np.array(path), values=np.array(values), diverged=diverged, stopped=stopped,
                       reason=reason, method=method, hyper=hyper, variables=names)


INIT_SCHEMES = ("naive", "small", "xavier", "he")


def init_spread(depth: int, width: int, activation: str, scheme: str, samples: int = 256,
                seed: int = 0) -> np.ndarray:
    r"""Standard deviation of the activations after each of ``depth`` layers h_l = act(h_{l−1} W_l).

    W_l is width × width with entries N(0, s²): s = 1 ("naive"), 0.01 ("small"), √(1/width)
    ("xavier": Var(Σ wᵢhᵢ) = n·s²·Var(h) stays put for tanh), √(2/width) ("he": ReLU zeroes half,
    so the factor 2 keeps the variance).  Inputs h₀ ~ N(0, 1), ``samples`` rows; activation
    "tanh", "relu" or "linear".  Returns (depth,).
    """
    depth = as_int(depth, "층 수", 1, 200)
    width = as_int(width, "층의 너비", 1, 1024)
    samples = as_int(samples, "표본 수", 1, 10_000)
    if scheme not in INIT_SCHEMES:
        raise InputError(f"초기화는 {', '.join(INIT_SCHEMES)} 중 하나여야 합니다.")
    acts = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0.0), "linear": lambda z: z}
    if activation not in acts:
        raise InputError(f"활성함수는 {', '.join(acts)} 중 하나여야 합니다.")
    s = {"naive": 1.0, "small": 0.01, "xavier": math.sqrt(1.0 / width), "he": math.sqrt(2.0 / width)}[scheme]
    rng = np.random.default_rng(seed)
    h = rng.standard_normal((samples, width))
    out = np.empty(depth)
    with np.errstate(all="ignore"):
        for layer in range(depth):
            # einsum, not @: a steady single-threaded loop (multi-threaded BLAS on a busy machine
            # made this 10-50x slower and erratic for these small products).
            h = acts[activation](np.einsum("ij,jk->ik", h, s * rng.standard_normal((width, width))))
            out[layer] = float(np.std(h))
    return out


SCHEDULES = ("constant", "step", "cosine")


def lr_schedule(kind: str, step: int, lr: float, total: int = 100, step_size: int = 10, gamma: float = 0.1,
                warmup: int = 0, min_lr: float = 0.0) -> float:
    r"""The learning rate at ``step`` t = 0, 1, … of a schedule starting from ``lr`` (η₀).

    "constant": η₀; "step": η₀·γ^⌊t/step_size⌋ (``StepLR``); "cosine": η_min + ½(η₀ − η_min)(1 + cos(π t/T))
    over T = ``total`` steps, then η_min (``CosineAnnealingLR``'s closed form).  With ``warmup`` w > 0
    the first w steps rise linearly, η₀·(t + 1)/w, and the schedule then runs on t − w (for the cosine
    over T − w steps).
    """
    if kind not in SCHEDULES:
        raise InputError(f"스케줄은 {', '.join(SCHEDULES)} 중 하나여야 합니다.")
    step = as_int(step, "단계 t", 0, 10**9)
    lr = as_float(lr, "학습률 η₀", 0.0, low_open=True)
    warmup = as_int(warmup, "워밍업 단계 수", 0, 10**9)
    if step < warmup:
        return lr * (step + 1) / warmup
    t = step - warmup
    if kind == "constant":
        return lr
    if kind == "step":
        size = as_int(step_size, "간격", 1, 10**9)
        return lr * as_float(gamma, "감소율 γ", 0.0, 1.0) ** (t // size)
    length = as_int(total, "전체 단계 수 T", 1, 10**9) - warmup
    if length < 1:
        raise InputError("전체 단계 수는 워밍업보다 커야 합니다.")
    low = as_float(min_lr, "최소 학습률", 0.0, lr)
    return low + 0.5 * (lr - low) * (1 + math.cos(math.pi * min(t, length) / length))


__all__ = ["optimize", "init_spread", "lr_schedule", "SCHEDULES", "INIT_SCHEMES", "OptimResult", "METHODS", "METHOD_NAMES", "DEFAULTS"]
