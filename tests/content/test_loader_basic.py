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


def test_question_markdown_variants():
    q = content.load_catalog(SAMPLE).questions("sample")[3]
    assert q.prompt == "Aᵀ 을 구하세요. A = [[1, 2], [3, 4]]"
    # Inline formulas are glued with no-break spaces (they never break across lines).
    assert q.prompt_markdown() == "Aᵀ 을 구하세요. A = \\[\\[1, 2\\], \\[3, 4\\]\\]".replace(
        "A = ", "A\u00a0=\u00a0").replace(", ", ",\u00a0")
    display = content.Question(id="s-001", lesson="s", type="numeric", prompt="",
                               source={"prompt": "행렬 $$\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 "
                                                 "\\end{bmatrix}$$ 의 행렬식?"})
    assert display.prompt_markdown() == "행렬\n```math\n⎡ 1  2 ⎤\n⎣ 3  4 ⎦\n```\n의 행렬식?"


def test_lesson_headings_and_cache():
    lesson = content.load_catalog(SAMPLE).lesson("sample")
    assert lesson.headings() == [(2, "벡터와 ‖x‖₂ 노름"), (3, "행렬")]
    assert lesson.body() is lesson.body()


def test_convert_plain_display_blocks_keep_alignment():
    from content.mathtext import convert_plain

    text = "행렬 $$A = \\begin{bmatrix} 1 & 2 \\\\\n 3 & 4 \\end{bmatrix}$$ 의 값 $x^2$, \\$5"
    assert convert_plain(text) == "행렬\nA = ⎡ 1  2 ⎤\n    ⎣ 3  4 ⎦\n의 값 x², $5"
    assert convert_plain("앞\n$$x$$\n뒤") == "앞\nx\n뒤"
    assert convert_plain("값은 $x_1$입니다.") == "값은 x₁입니다."
