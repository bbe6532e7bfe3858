"""The Korean–English glossary: well-formed, and every term really occurs in its lessons."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "content" / "glossary.toml"
LESSON_DIR = ROOT / "content" / "lessons"
LESSON_IDS = {
    "intro", "vectors", "matrices", "gd_basic", "gd_advanced", "deep_learning",
    "probability", "statistics", "bayes", "cnn", "rnn",
}


def _terms() -> list[dict]:
    with GLOSSARY.open("rb") as fh:
        return tomllib.load(fh)["term"]


@functools.lru_cache(maxsize=1)
def _lesson_texts() -> dict[str, str]:
    texts = {}
    for path in LESSON_DIR.glob("[0-9][0-9]-*.md"):
        lesson_id = path.stem.split("-", 1)[1]
        texts[lesson_id] = path.read_text(encoding="utf-8")
    return texts


def _squash(text: str) -> str:
    """Lower-case and drop whitespace, so '손실 함수' also matches '손실함수'."""
    return re.sub(r"\s+", "", text).lower()


def _appears(term: dict, text: str) -> bool:
    if _squash(term["ko"]) in _squash(text):
        return True
    # English as a whole word, so 'variance' does not match inside 'equivariance'.
    pattern = r"(?<![a-z])" + re.escape(term["en"].lower()) + r"(?![a-z])"
    return re.search(pattern, text.lower()) is not None


TERMS = _terms()


def test_at_least_80_terms():
    assert len(TERMS) >= 80


def test_korean_terms_are_unique():
    seen: dict[str, int] = {}
    for term in TERMS:
        seen[term["ko"]] = seen.get(term["ko"], 0) + 1
    assert [ko for ko, n in seen.items() if n > 1] == []


def test_english_terms_are_unique():
    english = [term["en"].lower() for term in TERMS]
    assert len(english) == len(set(english))


@pytest.mark.parametrize("term", TERMS, ids=[t["ko"] for t in TERMS])
def test_term_fields(term):
    assert set(term) >= {"ko", "en", "definition", "lessons"}
    for key in ("ko", "en", "definition"):
        assert isinstance(term[key], str) and term[key].strip(), key
    assert "\n" not in term["definition"]
    # The definition is Korean prose.
    assert re.search(r"[가-힣]", term["definition"])
    assert isinstance(term["lessons"], list) and term["lessons"]
    assert set(term["lessons"]) <= LESSON_IDS, term["lessons"]
    assert len(term["lessons"]) == len(set(term["lessons"]))


@pytest.mark.parametrize("term", TERMS, ids=[t["ko"] for t in TERMS])
def test_term_appears_in_a_listed_lesson(term):
    texts = _lesson_texts()
    present = [lesson for lesson in term["lessons"] if lesson in texts]
    if not present:
        pytest.skip("none of the listed lessons is written yet")
    assert any(_appears(term, texts[lesson]) for lesson in present), (
        f"{term['ko']} / {term['en']} not found in {present}"
    )


def test_every_existing_lesson_has_glossary_terms():
    texts = _lesson_texts()
    covered = {lesson for term in TERMS for lesson in term["lessons"]}
    assert set(texts) <= covered


def test_curriculum_core_terms_present():
    korean = {term["ko"] for term in TERMS}
    for ko in ("벡터", "노름", "내적", "정사영", "역행렬", "유사역행렬", "경사하강법", "학습률",
               "편미분", "역전파", "활성함수", "확률변수", "기댓값", "최대가능도 추정",
               "쿨백-라이블러 발산", "사후확률", "합성곱", "기울기 소실"):
        assert ko in korean, ko
