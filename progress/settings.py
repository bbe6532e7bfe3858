"""The schema of the store's settings: every known key with the type and range of its value.

``validate_setting(key, value)`` returns the value to store or raises ``ValueError`` with a
Korean message.  ``set_setting`` and ``import_json`` reject unknown keys and bad values;
values already on disk that do not fit the schema are ignored when read (``get_setting``
then returns the caller's default), so a hand-edited file never reaches the app.

Add a key here (one line in ``SETTINGS``) before using it anywhere.
"""

from __future__ import annotations

import math
from typing import Any, Callable

MAX_TEXT = 10_000
MAX_ID = 200
MAX_ITEMS = 2_000


class SettingError(ValueError):
    """A setting key or value that the schema does not allow (Korean message)."""


def _text(limit: int, *, empty: bool = True) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        if not isinstance(value, str):
            raise SettingError(f"설정 '{key}'의 값은 문자열이어야 합니다: {_short(value)}")
        if len(value) > limit:
            raise SettingError(f"설정 '{key}'의 값이 너무 깁니다 ({len(value)}자, 최대 {limit}자).")
        if not empty and not value.strip():
            raise SettingError(f"설정 '{key}'의 값이 비어 있습니다.")
        if "\x00" in value:
            raise SettingError(f"설정 '{key}'의 값에 NUL 문자가 들어 있습니다.")
        return value

    return check


def _boolean(key: str, value: Any) -> Any:
    if not isinstance(value, bool):
        raise SettingError(f"설정 '{key}'의 값은 true 또는 false여야 합니다: {_short(value)}")
    return value


def _integer(lo: int, hi: int) -> Callable[[str, Any], Any]:
    def check(key: str, value: Any) -> Any:
        if isinstance(value, float) and math.isfinite(value) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            raise SettingError(f"설정 '{key}'의 값은 정수여야 합니다: {_short(value)}")
        if not lo <= value <= hi:
            raise SettingError(f"설정 '{key}'의 값은 {lo} 이상 {hi} 이하여야 합니다: {value}")
        return value

    return check


def _panel_inputs(key: str, value: Any) -> Any:
    """panel id → {field name → typed text}."""
    if not isinstance(value, dict) or len(value) > MAX_ITEMS:
        raise SettingError(f"설정 '{key}'의 값은 패널 id별 입력값 객체여야 합니다.")
    out: dict[str, dict[str, str]] = {}
    for panel_id, fields in value.items():
        _text(MAX_ID, empty=False)(f"{key}의 패널 id", panel_id)
        if not isinstance(fields, dict) or len(fields) > MAX_ITEMS:
            raise SettingError(f"설정 '{key}'의 '{panel_id}' 항목은 입력 칸 이름별 문자열 객체여야 합니다.")
        clean = {}
        for name, text in fields.items():
            _text(MAX_ID, empty=False)(f"{key}.{panel_id}의 칸 이름", name)
            clean[name] = _text(MAX_TEXT)(f"{key}.{panel_id}.{name}", text)
        out[panel_id] = clean
    return out


def _notebook(key: str, value: Any) -> Any:
    if not isinstance(value, list) or len(value) > MAX_ITEMS:
        raise SettingError(f"설정 '{key}'의 값은 문자열 목록(최대 {MAX_ITEMS}개)이어야 합니다.")
    return [_text(MAX_TEXT)(f"{key}[{i}]", item) for i, item in enumerate(value)]


def _sidebar(key: str, value: Any) -> Any:
    if not isinstance(value, dict) or not set(value) <= {"visible", "width"}:
        raise SettingError(f"설정 '{key}'의 값은 visible/width 객체여야 합니다.")
    out = {}
    if "visible" in value:
        out["visible"] = _boolean(f"{key}.visible", value["visible"])
    if "width" in value:
        out["width"] = _integer(0, 1000)(f"{key}.width", value["width"])
    return out


SETTINGS: dict[str, Callable[[str, Any], Any]] = {
    "theme": _text(100, empty=False),
    "last_lesson": _text(MAX_ID, empty=False),
    "sidebar_hidden": _boolean,
    "panel_split": _integer(0, 10_000),
    "panel_inputs": _panel_inputs,
    "notebook": _notebook,
    "sidebar": _sidebar,
}


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def known_setting(key: Any) -> bool:
    return isinstance(key, str) and key in SETTINGS


def validate_setting(key: Any, value: Any) -> Any:
    """The value to store for ``key``; ``SettingError`` (a ValueError) for an unknown key or a bad value."""
    if not known_setting(key):
        raise SettingError(f"알 수 없는 설정 이름입니다: {_short(key)}")
    return SETTINGS[key](key, value)


def setting_or_none(key: Any, value: Any) -> tuple[bool, Any]:
    """(ok, clean value) without raising: how values read from disk are filtered."""
    try:
        return True, validate_setting(key, value)
    except (SettingError, RecursionError):
        return False, None
