"""Lessons, quizzes and glossary of the aimath course, and the loader that validates them.

``import content`` and :func:`load_catalog` use only the standard library; numpy, sympy and
the LaTeX converter load when a body, a quiz or a grader is first needed.
"""

from content.loader import Catalog, GlossaryTerm, Heading, Lesson, load_catalog
from content.questions import ContentError, Question

__all__ = ["Catalog", "ContentError", "GlossaryTerm", "Heading", "Lesson", "Question",
           "Verdict", "check_answer", "load_catalog", "to_unicode", "FormulaError"]


def __getattr__(name: str):
    # Lazy: grading pulls in mathcore/sympy, latex is only needed for display.
    if name in ("check_answer", "Verdict"):
        from content import grading

        return getattr(grading, name)
    if name in ("to_unicode", "FormulaError"):
        from content import latex

        return getattr(latex, name)
    raise AttributeError(f"module 'content' has no attribute {name!r}")
