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

from tui.korean import key_label, korean_description

#: (group title, "module:Class") — every class whose keys the user can press.
BINDING_SOURCES = [
    ("전체", "tui.app:AimathApp"),
    ("메인 화면", "tui.screens.main:MainScreen"),
    ("본문 읽기", "tui.widgets.lesson_view:LessonView"),
    ("장 목록", "tui.widgets.sidebar:LessonList"),
    ("실습 패널", "tui.widgets.panel_view:PanelView"),
    ("퀴즈", "tui.screens.quiz:QuizScreen"),
    ("복습", "tui.screens.review:ReviewScreen"),
    ("통계", "tui.screens.dashboard:DashboardScreen"),
    ("용어집", "tui.screens.glossary:GlossaryScreen"),
]

#: Width of the key column, the same in every group so no group is a column off.
KEY_COLUMN = 18


def label_of(binding: Binding) -> str:
    """The binding's keys in the one notation (``Ctrl+P``, ``F1/?``, ``Esc``)."""
    if binding.key_display:
        return binding.key_display
    return " / ".join(key_label(key.strip()) for key in binding.key.split(","))


def _source_title(node) -> str | None:
    """The help group title of ``node``'s class, if it is one of ``BINDING_SOURCES``."""
    name = ":" + type(node).__name__
    return next((t for t, source in BINDING_SOURCES if source.endswith(name)), None)


def current_keys(app) -> tuple[str, list[tuple[str, str]]]:
    """(screen title, [(keys, description)]) of what can be pressed where the user is now:
    the active bindings, so a key a screen takes over (``q`` closes a quiz) shows its meaning
    there."""
    screen = app.screen
    title = _source_title(screen) or getattr(screen, "sub_title", "") or "현재 화면"
    # Where focus is inside the screen (the panel, the reader), when it has keys of its own.
    node = app.focused
    while node is not None and node is not screen:
        part = _source_title(node)
        if part:
            title = f"{title} · {part}"
            break
        node = node.parent
    rows: dict[str, list[str]] = {}
    in_footer: set[str] = set()
    for key, active in app.active_bindings.items():
        binding = active.binding
        description = korean_description(binding.description or "")
        if not description or binding.system:
            continue
        if binding.show:
            in_footer.add(description)
        # A binding for several keys ("escape,q") has one key_display ("Esc"): show each key.
        label = key_label(key)
        if binding.key_display and label.lower() in binding.key_display.lower():
            label = binding.key_display  # e.g. "F1/?" for both F1 and ?
        keys = rows.setdefault(description, [])
        if label not in keys:
            keys.append(label)
    # The footer's keys first (what this screen is for), then moving around.
    ordered = sorted(rows.items(), key=lambda row: row[0] not in in_footer)
    return title, [(" / ".join(keys), desc) for desc, keys in ordered]


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
                label = label_of(b)
                if label not in rows[b.description]:
                    rows[b.description].append(label)
        if rows:
            groups.append((title, [(" / ".join(keys), desc) for desc, keys in rows.items()]))
    groups.append(("기본 조작", [
        ("Tab / Shift+Tab", "다음 / 이전 영역으로 이동"),
        ("마우스", "클릭으로 선택, 휠로 스크롤"),
        ("Ctrl+P", "명령 팔레트: 장·절·실습·퀴즈·용어로 바로 가기"),
    ]))
    return groups


class HelpScreen(ModalScreen[None]):
    """The keys of the screen the user is on first, then every key; Esc, q, F1 or ? closes it."""

    BINDINGS = [Binding("escape,q,f1,question_mark", "close", "닫기", id="help.close")]

    def __init__(self, current: tuple[str, list[tuple[str, str]]] | None = None) -> None:
        super().__init__()
        if current is None:
            try:
                current = current_keys(self.app)  # built while the previous screen is active
            except Exception:  # no active app (tests building the screen alone)
                current = None
        self.current = current

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help-dialog"):
            yield Label("도움말 — 키 목록", classes="dialog-title")
            groups = binding_groups()
            if self.current and self.current[1]:
                groups.insert(0, (f"지금 이 화면: {self.current[0]}", self.current[1]))
            for title, rows in groups:
                table = Table(show_header=False, box=None, padding=(0, 2, 0, 0), expand=False)
                table.add_column(style="bold", width=KEY_COLUMN, no_wrap=True)
                table.add_column()
                for keys, desc in rows:
                    table.add_row(Text(keys, style="bold"), desc)
                yield Label(title, classes="help-group")
                yield Static(table)
            yield Label("진행 기록은 자동으로 저장됩니다. Esc로 닫기", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)
