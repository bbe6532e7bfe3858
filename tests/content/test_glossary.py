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
    "matrix_calculus", "eigen_svd", "losses_info", "optimization",
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
    if any(_squash(name) in _squash(text) for name in (term["ko"], *term.get("aliases", []))):
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


# ----------------------------------------------------------------------------- aliases and senses

@pytest.mark.parametrize("term", TERMS, ids=[t["ko"] for t in TERMS])
def test_aliases_are_distinct_names(term):
    aliases = term.get("aliases", [])
    assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() for a in aliases)
    assert len(aliases) == len(set(aliases))
    assert term["ko"] not in aliases and term["en"] not in aliases


def test_rank_and_estimator_bias_have_entries():
    by_ko = {t["ko"]: t for t in TERMS}
    assert by_ko["랭크"]["en"] == "rank" and "matrices" in by_ko["랭크"]["lessons"]
    assert "계수" not in by_ko["랭크"]["ko"]
    bias = by_ko["추정량의 편향"]
    assert bias["en"] == "bias of an estimator" and "statistics" in bias["lessons"]


def _word_uses(text: str, word: str) -> list[str]:
    """The words of ``text`` that start with ``word`` (with their particles or endings)."""
    return re.findall(rf"{re.escape(word)}[가-힣]*", text)


# A word with two senses is linked only to the lessons where it has the glossary's sense: the
# bias *parameter* is a noun (편향 b, 편향을 더해), the bias of an estimator is an adjective
# (편향되어, 편향된); the CNN kernel is not a "커널 방법"; a model hypothesis h is not the
# "기본 가설" of a test; Bayes' evidence is not "증거는 뚜렷하지 않습니다".
SENSES = {
    "편향": (lambda text: any(not w.startswith(("편향되", "편향된")) for w in _word_uses(text, "편향"))),
    "추정량의 편향": (lambda text: any(w.startswith(("편향되", "편향된")) for w in _word_uses(text, "편향"))
                     or "불편" in text),
    "커널": (lambda text: re.search(r"커널(?! 방법)", text) is not None),
    "가설": (lambda text: re.search(r"가설\s*\$?h|가설 \$|h\(x", text) is not None),
    "증거": (lambda text: "P(D)" in text or "P(+)" in text or "가능도 / 증거" in text),
}


@pytest.mark.parametrize("ko", sorted(SENSES))
def test_ambiguous_terms_link_by_sense(ko):
    term = next(t for t in TERMS if t["ko"] == ko)
    texts = _lesson_texts()
    wrong = [lesson for lesson in term["lessons"] if lesson in texts and not SENSES[ko](texts[lesson])]
    assert wrong == [], (ko, wrong)


def test_glossary_search_finds_variants_and_synonyms():
    from content import load_catalog
    from content.glossary_search import term_matches

    terms = load_catalog().glossary

    def found(query):
        return {t.ko for t in terms if term_matches(t, query)}

    assert "그래디언트" in found("그레디언트") and "그래디언트" in found("그라디언트")
    assert "보편 근사 정리" in found("범용 근사 정리")
    assert "오탐률" in found("위양성률")
    assert "손실함수" in found("손실 함수") and "활성함수" in found("활성화 함수")
    assert "제1종 오류" in found("1종 오류")
    assert {"편향", "추정량의 편향"} <= found("편향")
    assert "랭크" in found("rank") and "랭크" in found("행렬의 계수")
    assert found("") == {t.ko for t in terms}
    assert found("없는용어xyz") == set()
