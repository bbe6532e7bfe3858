"""The help screen: every key of the app, grouped, built from the bindings themselves."""

from __future__ import annotations

import importlib

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

#: (group title, "module:Class") — every class whose keys the user can press.
BINDING_SOURCES = [
    ("전체", "tui.app:AimathApp"),
    ("메인 화면", "tui.screens.main:MainScreen"),
    ("강의 읽기", "tui.widgets.lesson_view:LessonView"),
    ("강의 목록", "tui.widgets.sidebar:LessonList"),
    ("실습 패널", "tui.widgets.panel_view:PanelView"),
    ("퀴즈", "tui.screens.quiz:QuizScreen"),
    ("복습", "tui.screens.review:ReviewScreen"),
    ("통계", "tui.screens.dashboard:DashboardScreen"),
    ("용어집", "tui.screens.glossary:GlossaryScreen"),
]

KEY_NAMES = {
    "left_square_bracket": "[", "right_square_bracket": "]", "question_mark": "?",
    "space": "Space", "escape": "Esc", "enter": "Enter", "pagedown": "PgDn", "pageup": "PgUp",
    "home": "Home", "end": "End", "down": "↓", "up": "↑", "left": "←", "right": "→",
    "tab": "Tab", "shift+tab": "Shift+Tab", "full_stop": ".", "comma": ",",
}


def key_label(key: str) -> str:
    """A readable label for a Textual key name (``ctrl+p`` → ``Ctrl+P``)."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    if key.startswith("ctrl+"):
        return "Ctrl+" + key_label(key[5:]).upper()
    return key.upper() if key.startswith("f") and key[1:].isdigit() else key


def binding_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """(group, [(keys, description)]) for every importable binding source."""
    groups = []
    for title, source in BINDING_SOURCES:
        module_name, class_name = source.split(":")
        try:
            cls = getattr(importlib.import_module(module_name), class_name)
        except (ImportError, AttributeError):
            continue
        rows: dict[str, list[str]] = {}
        for binding in BindingsMap(cls.BINDINGS).key_to_bindings.values():
            for b in binding:
                if not b.description:
                    continue
                rows.setdefault(b.description, [])
                label = b.key_display or key_label(b.key)
                if label not in rows[b.description]:
                    rows[b.description].append(label)
        if rows:
            groups.append((title, [(" / ".join(keys), desc) for desc, keys in rows.items()]))
    groups.append(("기본 조작", [
        ("Tab / Shift+Tab", "다음 / 이전 영역으로 이동"),
        ("마우스", "클릭으로 선택, 휠로 스크롤"),
        ("Ctrl+P", "명령 팔레트: 강의·절·실습·퀴즈·용어로 바로 가기"),
    ]))
    return groups


class HelpScreen(ModalScreen[None]):
    """Lists every key; any of Esc, q, F1 or ? closes it."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "닫기", id="help.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Label("도움말 — 키 목록", classes="dialog-title")
            for title, rows in binding_groups():
                table = Table(show_header=False, box=None, padding=(0, 2), expand=False)
                table.add_column(style="bold", min_width=14)
                table.add_column()
                for keys, desc in rows:
                    table.add_row(Text(keys, style="bold"), desc)
                yield Label(title, classes="help-group")
                yield Static(table)
            yield Label("진행 기록은 자동으로 저장됩니다. Esc로 닫기", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
