"""Korean for the few texts Textual itself shows: the Ctrl+C hint and the palette's "no matches".

Key names are written one way everywhere (help, footer, hints): ``key_label``.
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

NO_MATCHES = "일치하는 항목이 없습니다"

_NAMES = {"escape": "Esc", "enter": "Enter", "tab": "Tab", "space": "Space", "question_mark": "?",
          "left_square_bracket": "[", "right_square_bracket": "]", "slash": "/", "pageup": "PgUp",
          "pagedown": "PgDn", "home": "Home", "end": "End", "up": "↑", "down": "↓",
          "left": "←", "right": "→", "backspace": "Backspace", "delete": "Del"}


#: Descriptions of Textual's own bindings, in Korean (help lists them where they are active).
TEXTUAL_DESCRIPTIONS = {
    "Scroll Left": "왼쪽으로", "Scroll Right": "오른쪽으로", "Scroll Up": "위로",
    "Scroll Down": "아래로", "Page Left": "왼쪽 한 쪽", "Page Right": "오른쪽 한 쪽",
    "Page Up": "이전 쪽", "Page Down": "다음 쪽", "Scroll Home": "처음으로", "Scroll End": "끝으로",
    "Focus Next": "다음 영역", "Focus Previous": "이전 영역", "Copy selected text": "선택한 글 복사",
    "Quit": "종료", "Copy": "복사", "Paste": "붙여넣기", "Cut": "잘라내기",
}


def korean_description(description: str) -> str | None:
    """A binding's description in Korean, or None when there is none to show."""
    description = TEXTUAL_DESCRIPTIONS.get(description, description)
    return description if any("\uac00" <= ch <= "\ud7a3" for ch in description) else None


def _character(name: str) -> str | None:
    """The printable character a Textual key name stands for (``less_than_sign`` → ``<``)."""
    from textual.keys import key_to_character

    char = key_to_character(name)
    return char if char and char.isprintable() and not char.isspace() else None


def key_label(key: str) -> str:
    """One notation for a Textual key name: ``ctrl+p`` → ``Ctrl+P``, ``f1`` → ``F1``."""
    parts = key.split("+")
    mods = [p.capitalize() for p in parts[:-1]]
    last = parts[-1]
    if last in _NAMES:
        last = _NAMES[last]
    elif len(last) > 1 and last[0] == "f" and last[1:].isdigit():
        last = last.upper()
    elif len(last) > 1 and (char := _character(last)):
        last = char  # greater_than_sign -> ">"
    elif mods and len(last) == 1:
        last = last.upper()
    return "+".join([*mods, last])


def help_quit(app) -> None:
    """Ctrl+C does not quit (it copies in text fields): say, in Korean, what does."""
    for key, active in app.active_bindings.items():
        if active.binding.action in ("quit", "app.quit"):
            app.notify(f"끝내려면 [b]{key_label(key)}[/b] 키를 누르세요. 진행 기록은 저장됩니다.",
                       title="끝낼까요?")
            return
    app.notify("이 화면에서는 끝낼 수 없습니다. Esc로 화면을 닫은 뒤 [b]q[/b] 키를 누르세요.",
               title="끝낼까요?")


class KoreanCommandPalette(CommandPalette):
    """The command palette, saying "no matches" in Korean."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text(NO_MATCHES, style="not bold")), disabled=True,
                           id=self._NO_MATCHES))
                self._list_visible = True
            else:  # discover mode: nothing to say
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
