"""Quiz quality per lesson: feedback coverage, computation/reason share, explanation length.

Read by ``python -m content.check`` (which prints :func:`format_report`) and enforced by
``tests/content/test_quiz_quality.py`` for the core lessons.

- *Feedback coverage*: the share of static (non-generated) questions with at least one
  ``wrong_answers`` entry, i.e. targeted feedback for a mistake learners make.
- *Computation/reason share*: the share of static questions that need a computation or a reason
  rather than recall. A question's ``kind`` field says which (``"recall"``, ``"reason"`` or
  ``"computation"``); without it a choice question counts as recall and every other type as
  computation.
- *Explanation length*: characters of the explanation as displayed (formulas converted), and
  whether it carries a sentence of *why*: a Korean reason connective (…므로, 때문, 따라서 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from content.questions import Question

__all__ = ["KINDS", "LessonQuizReport", "format_report", "has_reason", "kind_of", "lesson_report",
           "quiz_report", "MIN_COVERAGE", "MIN_NONRECALL", "MIN_EXPLANATION"]

KINDS = ("recall", "reason", "computation")
MIN_COVERAGE = 0.85
MIN_NONRECALL = 2 / 3
MIN_EXPLANATION = 40  # characters as displayed

# Korean connectives that introduce a cause or a consequence: a simple checkable proxy for
# "the explanation says why, not only how".
_REASON = re.compile(r"(므로|때문|따라서|그래서|그러므로|이유|덕분|까닭|려면|이라서|[^가-힣]라서"
                     r"|왜냐하면|니까|뜻입니다|뜻이|의미|결과|탓|바람에|에 따라|하므로|이어야|해야)")


def has_reason(text: str) -> bool:
    """True if ``text`` contains a reason connective (see ``_REASON``)."""
    return _REASON.search(text or "") is not None


def kind_of(q: Question) -> str:
    """``q.kind`` when set, else recall for a choice question and computation for any other."""
    kind = getattr(q, "kind", None)
    if kind in KINDS:
        return kind
    if q.type == "generated":
        return "computation"
    return "recall" if q.type == "choice" else "computation"


@dataclass
class LessonQuizReport:
    lesson: str
    static: int = 0
    generated: int = 0
    with_feedback: int = 0
    nonrecall: int = 0
    explanation_lengths: list[int] = field(default_factory=list)
    without_feedback: list[str] = field(default_factory=list)
    without_reason: list[str] = field(default_factory=list)
    short_explanations: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.with_feedback / self.static if self.static else 1.0

    @property
    def nonrecall_share(self) -> float:
        return self.nonrecall / self.static if self.static else 1.0

    @property
    def median_explanation(self) -> float:
        return median(self.explanation_lengths) if self.explanation_lengths else 0.0

    def problems(self) -> list[str]:
        """What falls short of the thresholds, in Korean."""
        found = []
        if self.coverage < MIN_COVERAGE:
            found.append(f"{self.lesson}: 오답 피드백 비율 {self.coverage:.0%} < {MIN_COVERAGE:.0%} "
                         f"(없는 문항: {', '.join(self.without_feedback)})")
        if self.nonrecall_share < MIN_NONRECALL:
            found.append(f"{self.lesson}: 계산·이유 문항 비율 {self.nonrecall_share:.0%} < 2/3")
        for qid in self.without_reason:
            found.append(f"{qid}: 해설에 이유를 말하는 문장이 없습니다")
        for qid in self.short_explanations:
            found.append(f"{qid}: 해설이 {MIN_EXPLANATION}자보다 짧습니다")
        return found


def lesson_report(lesson: str, questions: list[Question], seeds: int = 3) -> LessonQuizReport:
    """The report of one lesson's questions; a generated question's explanation is judged on
    its instances for ``seeds`` seeds (none with ``seeds=0``)."""
    report = LessonQuizReport(lesson)
    for q in questions:
        explanations = []
        if q.type == "generated":
            report.generated += 1
            for seed in range(seeds):
                try:
                    explanations.append(q.instantiate(seed).explanation)
                except Exception:  # noqa: BLE001 - content.check reports generator failures
                    break
        else:
            report.static += 1
            if q.wrong_answers:
                report.with_feedback += 1
            else:
                report.without_feedback.append(q.id)
            if kind_of(q) != "recall":
                report.nonrecall += 1
            explanations.append(q.explanation)
        for text in explanations:
            report.explanation_lengths.append(len(text))
        if explanations and not all(has_reason(t) for t in explanations):
            report.without_reason.append(q.id)
        if explanations and min(len(t) for t in explanations) < MIN_EXPLANATION:
            report.short_explanations.append(q.id)
    return report


def quiz_report(catalog, seeds: int = 3) -> list[LessonQuizReport]:
    """One report per lesson of ``catalog`` whose quiz loads, in course order."""
    reports = []
    for lesson in catalog.lessons:
        try:
            questions = catalog.questions(lesson.id)
        except Exception:  # noqa: BLE001 - content.check already reports a broken quiz
            continue
        if questions:
            reports.append(lesson_report(lesson.id, questions, seeds))
    return reports


def format_report(reports: list[LessonQuizReport]) -> str:
    """A table: lesson, questions, feedback coverage, computation/reason share, explanation
    length (median and minimum), explanations without a why-sentence."""
    lines = ["퀴즈 품질: 장 | 문항(정적+생성) | 오답 피드백 | 계산·이유 | 해설 길이(중앙값/최소) | 이유 없는 해설"]
    width = max((len(r.lesson) for r in reports), default=0)
    for r in reports:
        shortest = min(r.explanation_lengths, default=0)
        mark = " ⚠" if r.coverage < MIN_COVERAGE or r.nonrecall_share < MIN_NONRECALL else ""
        lines.append(f"  {r.lesson:<{width}} {r.static:>3}+{r.generated:<2} "
                     f"{r.coverage:>5.0%} ({r.with_feedback}/{r.static})  "
                     f"{r.nonrecall_share:>5.0%} ({r.nonrecall}/{r.static})  "
                     f"{r.median_explanation:>5.0f}/{shortest:<4} {len(r.without_reason):>3}{mark}")
    return "\n".join(lines)
