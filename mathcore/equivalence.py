"""The one expression-equivalence engine: is the learner's expression the key's function?

:func:`equivalent` decides in three steps, under one :class:`mathcore.budget.Budget`:

1. identical trees, or a − b that SymPy's automatic evaluation already makes 0 → True; a
   nonzero constant a − b → False;
2. sampling (:func:`sampling_verdict`): both sides are evaluated by the numeric compiler
   (complex, principal branches) at a grid with negatives, zero and fractions, at seeded
   *irrational* points (so ``2x + 2 + sin(20πx)`` is not ``2x + 2`` although the two agree on
   every multiple of 0.05) and at a few wide points (|x| up to 1000, compared only where both
   sides are defined: ``2x + 2 + max(0, x - 20)`` is caught, ``log(exp(x))`` is not failed for
   overflowing).  A point where only one side is defined is a domain difference only if that
   persists at points nearby; an isolated removable point (``x/x`` at 0) is ignored;
3. only when too few points were usable: ``simplify(a − b) == 0`` in the bounded worker
   process (:mod:`mathcore.bounded`), killed when the budget runs out.
"""
from __future__ import annotations

from typing import Iterable

from mathcore import InputError
from mathcore.budget import Budget
from mathcore.functions import normalise_variables
from mathcore.numeric import compile_expr, node_count

__all__ = ["equivalent", "sampling_verdict", "sample_points", "SIMPLIFY_SECONDS"]

SIMPLIFY_SECONDS = 2.0
GRID = (-3.7, -2.5, -2.0, -1.3, -1.0, -0.7, -0.5, -0.25, -0.1, 0.0, 0.1, 0.25, 0.5,
        0.7, 1.0, 1.3, 1.5, 2.0, 2.5, 3.0, 3.7, 5.0, 7.5, 10.0)
N_IRRATIONAL = 24
N_WIDE = 10
WIDE_RANGE = (1.0, 3.0)  # log10 of |x| at the wide points
MIN_COMMON_POINTS = 4
NEARBY_TRIES = 4  # points re-tested around a point where only one side is defined
NEARBY_STEP = 1e-3
RTOL = 1e-7
ATOL = 1e-9
_SEED = 20241201


def _expr(value, names: tuple[str, ...]):
    import sympy

    if isinstance(value, str):
        from mathcore.parse import parse_expression

        return parse_expression(value, names)
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return sympy.Float(value) if isinstance(value, float) else sympy.Integer(value)
    raise InputError("식은 문자열 또는 SymPy 식이어야 합니다.")


def sample_points(n_vars: int):
    """(core points, wide points) as float arrays of shape (m, n_vars)."""
    import numpy as np

    rng = np.random.default_rng(_SEED + n_vars)
    grid = np.array(GRID)
    if n_vars == 1:
        core = np.concatenate([grid, rng.uniform(-4.0, 4.0, N_IRRATIONAL)])[:, None]
    else:
        picks = {tuple([v] * n_vars) for v in grid[::3]}
        while len(picks) < 60:
            picks.add(tuple(float(v) for v in rng.choice(grid, size=n_vars)))
        irrational = rng.uniform(-4.0, 4.0, size=(N_IRRATIONAL + 16, n_vars))
        core = np.concatenate([np.array(sorted(picks)), irrational])
    signs = rng.choice((-1.0, 1.0), size=(N_WIDE, n_vars))
    wide = signs * 10.0 ** rng.uniform(*WIDE_RANGE, size=(N_WIDE, n_vars))
    return core, wide


def _evaluate(fn, points):
    """Complex values of a compiled function at ``points`` (m, n) — NaN where undefined."""
    import numpy as np

    cols = [np.asarray(points[:, j], dtype=complex) for j in range(points.shape[1])]
    with np.errstate(all="ignore"):
        try:
            out = fn(*cols)
            return np.array(np.broadcast_to(np.asarray(out, dtype=complex), (len(points),)))
        except (ZeroDivisionError, OverflowError, ValueError, TypeError):
            pass
        out = np.full(len(points), np.nan, dtype=complex)
        for i, point in enumerate(points):
            try:
                out[i] = complex(fn(*[complex(v) for v in point]))
            except (ZeroDivisionError, OverflowError, ValueError, TypeError):
                pass
    return out


def _defined(values):
    """Mask of points where a value is a finite real number."""
    import numpy as np

    finite = np.isfinite(values)
    real = np.abs(values.imag) <= 1e-9 * np.maximum(1.0, np.abs(values.real))
    return finite & real


def _nearby(points, n_vars: int):
    """:data:`NEARBY_TRIES` points around each of ``points``, every coordinate moved by about
    :data:`NEARBY_STEP` relative (absolute near zero), in mixed directions with unequal steps,
    so a nearby point leaves any curve or plane (``x = y``, ``s·p = 0``) the point was on."""
    import numpy as np

    rng = np.random.default_rng(2024)
    signs = rng.choice((-1.0, 1.0), size=(NEARBY_TRIES, n_vars))
    signs[0], signs[1] = 1.0, -1.0  # both sides of the point along every axis
    steps = signs * rng.uniform(0.5, 1.0, size=(NEARBY_TRIES, n_vars))
    scale = NEARBY_STEP * np.maximum(np.abs(points), 1.0)
    return (points[:, None, :] + steps[None, :, :] * scale[:, None, :]).reshape(-1, n_vars)


def _close(ra, rb) -> bool:
    import numpy as np

    return bool(np.all(np.abs(ra - rb) <= ATOL + RTOL * np.maximum(np.abs(ra), np.abs(rb))))


def sampling_verdict(a, b, names: tuple[str, ...], budget: Budget | None = None) -> bool | None:
    """True/False if sampling decides whether ``a`` ≡ ``b``, None if too few points were usable."""
    import numpy as np

    budget = budget or Budget()
    fa, fb = compile_expr(a, names, True), compile_expr(b, names, True)
    core, wide = sample_points(len(names))
    work = node_count(a) + node_count(b)
    budget.charge(work * (len(core) + len(wide)))
    va, vb = _evaluate(fa, core), _evaluate(fb, core)
    da, db = _defined(va), _defined(vb)
    ra, rb = va.real[da & db], vb.real[da & db]
    one_sided = np.flatnonzero(da != db)
    if one_sided.size:
        near = _nearby(core[one_sided], len(names))
        budget.charge(work * len(near))
        na, nb = _evaluate(fa, near), _evaluate(fb, near)
        nda, ndb = _defined(na), _defined(nb)
        if np.any(nda != ndb):  # still one side only nearby: the domains really differ there
            return False
        both = nda & ndb
        ra, rb = np.concatenate([ra, na.real[both]]), np.concatenate([rb, nb.real[both]])
    if ra.size < MIN_COMMON_POINTS:
        return None
    if not _close(ra, rb):
        return False
    wa, wb = _evaluate(fa, wide), _evaluate(fb, wide)
    both = _defined(wa) & _defined(wb)
    return _close(wa.real[both], wb.real[both])


def _constant_differs(diff) -> bool:
    """A − B without variables: True when its value is clearly nonzero."""
    import numpy as np

    try:
        value = complex(np.asarray(compile_expr(diff, (), True)(), dtype=complex))
    except (TypeError, ValueError, OverflowError, ZeroDivisionError):
        return False
    return bool(np.isfinite(value) and abs(value) > ATOL)


def equivalent(expr_a, expr_b, variables: Iterable[str] | str = ("x",), budget: Budget | None = None,
               symbolic_seconds: float = SIMPLIFY_SECONDS) -> bool:
    r"""Is ``expr_a`` ≡ ``expr_b`` as functions of ``variables``?  (``2x+2`` vs ``2(x+1)``.)

    Either argument may be text (parsed with the given variables) or a SymPy expression.
    The symbolic step gets at most ``symbolic_seconds`` and what is left of ``budget``.
    Raises InputError when the budget runs out (the symbolic step is then stopped).
    """
    budget = budget or Budget(SIMPLIFY_SECONDS)
    names = normalise_variables(variables)
    a, b = _expr(expr_a, names), _expr(expr_b, names)
    if a == b:
        return True
    diff = a - b  # SymPy's automatic cancellation only; no simplify yet
    if diff == 0:
        return True
    if not diff.free_symbols and _constant_differs(diff):
        return False
    verdict = sampling_verdict(a, b, names, budget)
    if verdict is not None:
        return verdict
    from mathcore import bounded

    seconds = min(symbolic_seconds, budget.remaining())
    if seconds <= 0:
        budget.check()
    return bool(bounded.run("is_zero", diff, timeout=max(seconds, 1e-3)))
