"""content.style: the checkable house-style rules of content/STYLE.md."""

from pathlib import Path

import pytest

from content.style import line_problems, style_problems

ROOT = Path(__file__).resolve().parents[2] / "content"


def test_every_lesson_follows_the_house_style():
    problems = [p for p in style_problems(ROOT) if "/lessons/" in p]
    assert problems == []


@pytest.mark.parametrize("line,needle", [
    ("그레디언트를 구합니다", "그래디언트"),
    ("손실 함수를 줄입니다", "손실함수"),
    ("혼동 행렬입니다", "혼동행렬"),
    ("1종 오류가 늘어납니다", "제1종 오류"),
    ("일부 강의 노트는", "강의"),
    ("8강의 베이즈 정리", "N장"),
    ("이 단원의 핵심", "장"),
    ("계수(rank)가 가득", "랭크(rank)"),
    ("계수가 부족하면", "랭크"),
    ("정규화(regularisation)라고", "규제"),
    ("값은 $x = -1$ 이고", "조사"),
    ("함수 $f$ 를 미분", "조사"),
    ("**지도학습(supervised learning)** 입니다", "조사"),
    ("$\\log p(x)/q(x)$를 씁니다", "(log a)/b"),
    ("가중치 $W_X$와 $W_{H}$", "W_x"),
    ("`np.var` 는 기본이", "조사"),
    ("[실습: gd_basic.descent] 에서", "조사"),
    ("$\\lambda_i$ 라 하면", "조사"),
])
def test_violations_are_reported(line, needle):
    assert any(needle in p for p in line_problems(line)), line_problems(line)


@pytest.mark.parametrize("line", [
    "그래디언트를 구합니다", "값은 $x = -1$이고 $f$를 미분합니다",
    "**지도학습(supervised learning)**입니다", "$\\log \\frac{p(x)}{q(x)}$를 씁니다",
    "$K_W$와 $W_x$, $W_h$", "제1종 오류와 제2종 오류", "이 장에서는 랭크(rank)를", "$x$ 가장 큰 값",
    "`np.var`는 기본이 $1/n$이고", "[실습: gd_basic.descent]에서 `x^2`를 넣고", "`1, 2, 3` 순서로",
])
def test_good_lines_pass(line):
    assert line_problems(line) == []


def test_particle_wrapped_to_the_next_line_is_reported(tmp_path):
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "00-x.md").write_text("평균은 $\\bar{X}$\n는 작습니다\n", encoding="utf-8")
    problems = style_problems(tmp_path)
    assert len(problems) == 1 and ":2:" in problems[0]
