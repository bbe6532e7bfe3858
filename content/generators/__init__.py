"""Registry of quiz question generators.

A generator builds a fresh, concrete question from a random generator:

    from content.generators import generator, Generated

    @generator("vectors.l2_norm")
    def l2_norm(rng, params):
        x = rng.integers(-5, 6, size=3)
        return Generated(type="numeric", prompt=..., answer=..., explanation=...)

Each lesson keeps its generators in ``content/generators/<lesson>.py``; they are
imported lazily by :func:`get_generator` (numpy is only needed once a quiz runs).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable


@dataclass
class Generated:
    """What a generator returns: a concrete question of type choice/numeric/expression/matrix."""

    type: str
    prompt: str
    answer: Any
    explanation: str
    tolerance: float = 1e-6
    choices: list[str] = field(default_factory=list)
    variables: list[str] = field(default_factory=lambda: ["x"])
    hints: list[str] = field(default_factory=list)
    wrong_answers: list[dict] = field(default_factory=list)


GeneratorFn = Callable[[Any, dict], Generated]
_REGISTRY: dict[str, GeneratorFn] = {}
_loaded = False


def generator(generator_id: str) -> Callable[[GeneratorFn], GeneratorFn]:
    """Register ``fn`` under ``generator_id`` (``"<lesson>.<name>"``)."""

    def register(fn: GeneratorFn) -> GeneratorFn:
        if generator_id in _REGISTRY and _REGISTRY[generator_id] is not fn:
            raise ValueError(f"duplicate generator id: {generator_id}")
        _REGISTRY[generator_id] = fn
        return fn

    return register


def _load_all() -> None:
    global _loaded
    if _loaded:
        return
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True


def all_generators() -> dict[str, GeneratorFn]:
    """Every registered generator, keyed by id."""
    _load_all()
    return dict(_REGISTRY)


def get_generator(generator_id: str) -> GeneratorFn | None:
    """The generator registered under ``generator_id``, or None."""
    _load_all()
    return _REGISTRY.get(generator_id)
