"""Every worked value marked in the lessons is recomputed (content/claims.py, STYLE.md §6)."""

import dataclasses
from collections import Counter
from pathlib import Path

import pytest

import content
from content import claim_registry
from content.claims import COMPUTATIONS, ClaimError, check_claim, lesson_claims, parse_claims

LESSONS = Path(__file__).resolve().parents[2] / "content" / "lessons"
CLAIMS = lesson_claims(LESSONS)


@pytest.fixture(autouse=True)
def panels_run_through_tui(monkeypatch):
    """'panel' claims quote a panel's run: the tests have the app at hand (content does not)."""
    from tui.panels import get_panel

    monkeypatch.setattr(claim_registry, "panel_runner",
                        lambda panel_id, fields: get_panel(panel_id).run(fields).data)


def test_panel_claims_need_a_runner(monkeypatch):
    monkeypatch.setattr(claim_registry, "panel_runner", None)
    claim = next(c for c in CLAIMS if c.name == "panel")
    with pytest.raises(ClaimError, match="패널 실행기"):
        check_claim(claim)


def test_enough_claims_are_marked():
    per_lesson = Counter(c.path for c in CLAIMS)
    assert len(CLAIMS) >= 200, per_lesson
    lessons = sorted(p.name for p in LESSONS.glob("*.md"))
    assert all(per_lesson[name] >= 10 for name in lessons), per_lesson


def _shifted(claim, delta):
    """The same claim with every expected number moved by ``delta``, as the prose would say it."""
    def move(value):
        return [move(v) for v in value] if isinstance(value, list) else value + delta
    expected = move(claim.expected)
    text = str(expected).replace(" ", "")
    return dataclasses.replace(claim, expected=expected, expected_text=text,
                               context=" ".join(str(v) for v in _numbers(expected)))


def _numbers(value):
    return [x for v in value for x in _numbers(v)] if isinstance(value, list) else [value]


FIRST_PER_LESSON = [next(c for c in CLAIMS if c.path == name)
                    for name in sorted({c.path for c in CLAIMS})]


@pytest.mark.parametrize("claim", FIRST_PER_LESSON, ids=[c.where() for c in FIRST_PER_LESSON])
def test_a_real_claim_made_wrong_fails(claim):
    """Each lesson's first mark, with its value changed in the prose and the mark alike, fails:
    the recomputation, not only the text search, catches a wrong number."""
    with pytest.raises(ClaimError, match="본문은"):
        check_claim(_shifted(claim, 1.0))


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.where() for c in CLAIMS])
def test_marked_claim_recomputes(claim):
    check_claim(claim)


def test_a_wrong_claim_fails():
    wrong = parse_claims('노름은 $5.1$입니다.<!--claim l2_norm {"x": [3, 4]} = 5.1-->')[0]
    with pytest.raises(ClaimError, match="5.1"):
        check_claim(wrong)


def test_a_claim_whose_number_is_not_in_the_prose_fails():
    orphan = parse_claims('노름은 다섯입니다.<!--claim l2_norm {"x": [3, 4]} = 5-->')[0]
    with pytest.raises(ClaimError, match="본문"):
        check_claim(orphan)


def test_precision_follows_the_written_digits():
    check_claim(parse_claims('약 $0.7071$<!--claim l2_norm {"x": [0.5, 0.5]} = 0.7071-->')[0])
    with pytest.raises(ClaimError):
        check_claim(parse_claims('약 $0.70711$<!--claim l2_norm {"x": [0.5, 0.5]} = 0.70711-->')[0]
                    .__class__(**{**parse_claims('약 $0.70711$<!--claim l2_norm {"x": [0.5, 0.5]} '
                                                 '= 0.70711-->')[0].__dict__,
                                  "expected": 0.70712, "expected_text": "0.70712",
                                  "context": "약 0.70712"}))


@pytest.mark.parametrize("mark", ['eval {"x": 1} = 1', 'l2_norm [3, 4] = 5',
                                  'l2_norm {"x": [3, 4]} = five', "__import__('os') = 1"])
def test_malformed_or_unknown_marks_are_rejected(mark):
    with pytest.raises(ClaimError):
        parse_claims(f"x<!--claim {mark}-->")


def test_registry_names_are_plain_functions():
    assert all(callable(f) for f in COMPUTATIONS.values())


def test_marks_never_reach_the_screen():
    catalog = content.load_catalog()
    for lesson in catalog.lessons:
        assert "<!--" not in lesson.body() and "claim" not in lesson.body().replace("claims", "")
