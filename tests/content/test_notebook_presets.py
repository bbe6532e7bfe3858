"""Every lesson's "계산 노트에서 이어 하기" lines run in the notebook without an error."""

from __future__ import annotations

import pytest

from content import load_catalog
from mathcore.notebook import Notebook

LESSONS = [lesson for lesson in load_catalog().lessons if lesson.extra.get("notebook")]


def test_most_lessons_send_their_examples():
    assert len(LESSONS) >= 11


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_preset_lines_run(lesson):
    lines = lesson.extra["notebook"]
    assert isinstance(lines, list) and all(isinstance(line, str) for line in lines)
    nb = Notebook()
    for line in lines:
        out = nb.run(line)
        assert not out.error, f"{lesson.id}: {line!r} → {out.text}"
