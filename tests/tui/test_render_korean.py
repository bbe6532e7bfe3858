"""tui.render: bold terms followed by Korean particles, and inline formulas kept on one line."""

from content.mathtext import convert_markdown
from tui.render import parse_blocks, render_tokens


def _lines(markdown: str, width: int) -> list[str]:
    return [strip.text.rstrip() for strip in render_tokens(parse_blocks(markdown), width).lines]


def _bold_text(markdown: str) -> str:
    out = render_tokens(parse_blocks(markdown), 80)
    return "".join(seg.text for strip in out.lines for seg in strip
                   if seg.style is not None and seg.style.bold)


def test_bold_term_with_parenthesis_then_particle_is_bold():
    md = "이 방법이 **지도학습(supervised learning)**입니다."
    assert _bold_text(md) == "지도학습(supervised learning)"
    text = "".join(_lines(md, 80))
    assert "**" not in text and "\u200b" not in text
    assert "learning)입니다." in text


def test_bold_opening_before_punctuation_after_a_letter():
    assert _bold_text("값**(중요)**이고") == "(중요)"


def test_code_spans_keep_their_asterisks():
    text = "".join(_lines("식 `(x)**2`를 씁니다", 80))
    assert "(x)**2를" in text.replace("`", "")


def test_inline_formula_never_breaks_across_lines():
    body = convert_markdown("가나다라마바사 아자차카 " * 3 + "$f(x) = x^2 + 2x + 1$이고 끝입니다.")
    for width in range(30, 60):
        lines = _lines(body, width)
        assert any("f(x) = x² + 2x + 1" in line for line in lines), (width, lines)
        assert "\u00a0" not in "".join(lines) and "\ue000" not in "".join(lines)
