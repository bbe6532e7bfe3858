"""The loader on the small fixture course in tests/content/fixtures/sample."""

from pathlib import Path

import content

SAMPLE = Path(__file__).parent / "fixtures" / "sample"


def test_sample_catalog_loads():
    catalog = content.load_catalog(SAMPLE)
    assert [lesson.id for lesson in catalog.lessons] == ["sample"]
    lesson = catalog.lesson("sample")
    assert lesson.order == 1
    assert lesson.title == "예시 단원"
    assert lesson.panels == ("sample.demo",)


def test_sample_body_is_converted():
    body = content.load_catalog(SAMPLE).lesson("sample").body()
    assert "```math\n‖x‖₂ = √(∑ᵢ₌₁ⁿ xᵢ²)\n```" in body
    assert "값은 $5가 아닙니다." in body  # \$ in prose
    assert 'price = "$5"' in body  # code blocks untouched
    assert "`a$b$`" in body  # code spans untouched
    assert "| \\|x\\| | 절댓값 |" in body  # pipes escaped inside table rows


def test_sample_questions_and_glossary():
    catalog = content.load_catalog(SAMPLE)
    questions = catalog.questions("sample")
    assert [q.id for q in questions] == ["sample-001", "sample-002", "sample-003", "sample-004"]
    assert questions[0].prompt == "‖x‖₂ 의 뜻은?"
    assert [t.en for t in catalog.glossary] == ["norm", "vector"]
