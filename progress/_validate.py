"""Field-by-field checks of every document the store reads from disk or imports.

Read side (``check_file``): a shard, ``progress.json`` or ``scroll.json`` keeps its good
documents and reports how many were dropped (the store then keeps the original aside and
rewrites the file); a derived file (cards, totals) with any bad document is ``CorruptFile``
(the store rebuilds it from the log).

Import side (``attempt_from_import`` and ``progress._transfer``): every field is checked;
problems are counted, never silently dropped.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from typing import Any

from . import _layout as L
from ._files import CorruptFile

_INT = int


def is_int(v: Any, lo: int = 0, hi: int = 2**53) -> bool:
    return isinstance(v, _INT) and not isinstance(v, bool) and lo <= v <= hi


def is_id(v: Any) -> bool:
    return isinstance(v, str) and 0 < len(v) <= L.MAX_ID_LEN and bool(v.strip()) and "\x00" not in v


def is_finite(v: Any, lo: float = -math.inf, hi: float = math.inf) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and lo <= v <= hi


# The form ``iso`` writes, for a date that exists in every month: checked without parsing.
_CANONICAL = re.compile(r"20\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}\+00:00")


def canonical_at(v: Any, lo: datetime = L.MIN_AT, hi: datetime = L.MAX_AT) -> str | None:
    """The canonical ISO text of a valid time in [lo, hi), else None."""
    if not isinstance(v, str) or len(v) > 64:
        return None
    if lo is L.MIN_AT and hi is L.MAX_AT and _CANONICAL.fullmatch(v):
        return v
    try:
        return L.iso(L.parse_at(v, lo=lo, hi=hi))
    except ValueError:
        return None


# ----------------------------------------------------------------------------- attempts


def attempt_problem(a: Any) -> str | None:
    """Why an attempt (as exported or imported) is not valid, or None (Korean)."""
    if not isinstance(a, dict):
        return "객체가 아닙니다"
    for field in ("question_id", "lesson_id"):
        if not is_id(a.get(field)):
            return f"{field}가 비어 있지 않은 문자열(최대 {L.MAX_ID_LEN}자)이 아닙니다"
    if not isinstance(a.get("correct"), bool):
        return "correct가 true/false가 아닙니다"
    if canonical_at(a.get("at")) is None:
        return f"시각(at)이 없거나 ISO 8601 형식이 아니거나 {L.MIN_AT.year}–{L.MAX_AT.year - 1}년 범위 밖입니다"
    answer = a.get("answer", "")
    if answer is not None and (not isinstance(answer, str) or len(answer) > L.MAX_ANSWER_LEN):
        return f"answer가 문자열(최대 {L.MAX_ANSWER_LEN}자)이 아닙니다"
    if not isinstance(a.get("hinted", False), bool):
        return "hinted가 true/false가 아닙니다"
    seed = a.get("seed")
    if seed is not None and not is_int(seed, -(2**63), 2**64):
        return "seed가 정수가 아닙니다"
    aid = a.get("id")
    if aid is not None and not is_id(aid):
        return "id가 올바른 문자열이 아닙니다"
    return None


def clean_attempt(a: dict) -> dict:
    """The stored form of an attempt that passed ``attempt_problem`` (no ``seq`` yet)."""
    doc = {
        "question_id": a["question_id"],
        "lesson_id": a["lesson_id"],
        "correct": a["correct"],
        "answer": a.get("answer") or "",
        "at": canonical_at(a["at"]),
        "hinted": bool(a.get("hinted", False)),
        "seed": a.get("seed"),
    }
    doc["id"] = a.get("id") or L.attempt_key(doc)
    return doc


def _logged_attempt(d: Any) -> dict | None:
    """A shard document checked field by field (``at`` made canonical), or None."""
    if attempt_problem(d) is not None or not is_id(d.get("id")) or not is_int(d.get("seq"), 1):
        return None
    at = canonical_at(d["at"])
    if at != d["at"]:
        d = {**d, "at": at}
    return d


# ----------------------------------------------------------------------------- files


def _clean_table(data: dict, name: str, check) -> int:
    table = data.get(name)
    if table is None:
        return 0
    good, bad = {}, 0
    for doc_id, doc in table.items():
        clean = check(doc)
        if clean is None or not doc_id.isdigit():
            bad += 1
        else:
            good[doc_id] = clean
    data[name] = good
    return bad


def _lesson_doc(d: dict) -> dict | None:
    return d if is_id(d.get("lesson_id")) and d.get("status") in L.STATUSES else None


def _setting_doc(d: dict) -> dict | None:
    return d if isinstance(d.get("key"), str) and "value" in d else None


def _scroll_doc(d: dict) -> dict | None:
    return d if is_id(d.get("lesson_id")) and is_finite(d.get("y"), 0.0, L.MAX_SCROLL) else None


def _meta_doc(d: dict) -> dict | None:
    v = d.get("schema_version")
    return d if v is None or is_int(v, 1, 10**6) else None


def _clean_main(data: dict) -> int:
    versions = [d.get("schema_version") for d in data.get("meta", {}).values()]
    if not any(is_int(v, 2) for v in versions):
        return 0  # schema 1 (or unknown): the migration checks it with its own rules
    bad = _clean_table(data, "meta", _meta_doc)
    bad += _clean_table(data, "lessons", _lesson_doc)
    return bad + _clean_table(data, "settings", _setting_doc)


def _require(ok: bool, what: str) -> None:
    if not ok:
        raise CorruptFile(what)


def _check_stats(data: dict) -> None:
    for d in data.get("meta", {}).values():
        _require(is_int(d.get("applied_seq", 0)), "bad applied_seq")
        pending = d.get("pending_lessons", [])
        _require(isinstance(pending, list) and all(is_id(x) for x in pending), "bad pending_lessons")
    for d in data.get("lessons", {}).values():
        ok = is_id(d.get("lesson_id")) and is_int(d.get("correct")) and is_int(d.get("total"))
        _require(ok and d["correct"] <= d["total"] and is_int(d.get("last_seq", 0)), "bad lesson totals")
    for key, d in data.get("days", {}).items():
        _require(is_int(d.get("count")) and isinstance(d.get("date"), str), "bad day count")
        try:
            _require(date.fromisoformat(d["date"]).toordinal() == int(key), "day key mismatch")
        except ValueError:
            raise CorruptFile("bad day date") from None


def card_problem(c: Any) -> str | None:
    """Why a stored FSRS card row cannot be used (English, for logs), or None."""
    if not (isinstance(c, dict) and is_id(c.get("question_id")) and is_id(c.get("lesson_id"))):
        return "ids"
    if not all(is_int(c.get(k, 0)) for k in ("seq", "reps", "lapses", "correct")):
        return "counters"
    if canonical_at(c.get("last_at")) is None:
        return "last_at"
    card = c.get("card")
    if not isinstance(card, dict) or canonical_at(card.get("due"), hi=L.MAX_CARD_DATE) is None:
        return "due"
    last = card.get("last_review")
    if last is not None and canonical_at(last, hi=L.MAX_CARD_DATE) is None:
        return "last_review"
    if card.get("state") not in (1, 2, 3):
        return "state"
    for k in ("stability", "difficulty"):
        if card.get(k) is not None and not is_finite(card[k], 0.0, 1e9):
            return k
    if card.get("step") is not None and not is_int(card["step"], 0, 1000):
        return "step"
    return None


def _check_cards(data: dict) -> None:
    for d in data.get("meta", {}).values():
        _require(is_int(d.get("last_seq", 0)), "bad last_seq")
    for d in data.get("cards", {}).values():
        problem = card_problem(d)
        _require(problem is None, f"bad card ({problem})")


def _clean_shard(data: dict) -> int:
    bad = _clean_table(data, "attempts", _logged_attempt)
    for name in [n for n in data if n != "attempts"]:
        bad += len(data.pop(name))
    return bad


def check_file(rel: str, data: dict) -> int:
    """Check (and clean in place) the tables of ``rel``; return how many documents were
    dropped.  Raises ``CorruptFile`` for a derived file with any bad document."""
    if rel == L.STATS:
        _check_stats(data)
        return 0
    if rel.startswith(L.CARDS_DIR + "/"):
        _check_cards(data)
        return 0
    if L.is_shard(rel):
        return _clean_shard(data)
    if rel == L.MAIN:
        return _clean_main(data)
    if rel == L.SCROLL:
        return _clean_table(data, "scroll", _scroll_doc)
    return 0


# ----------------------------------------------------------------------------- import documents

IMPORT_KEYS = frozenset({"format", "schema_version", "exported_at", "lessons", "scroll", "settings", "attempts", "cards"})
CONTENT_KEYS = ("lessons", "scroll", "settings", "attempts")


class ImportPlan:
    """A checked import document: what to merge."""

    def __init__(self) -> None:
        self.lessons: dict[str, str] = {}
        self.scroll: dict[str, float] = {}
        self.settings: dict[str, Any] = {}
        self.attempts: list[dict] = []


def _check_header(doc: dict, problems: list[str]) -> None:
    for key in sorted(k for k in doc if k not in IMPORT_KEYS)[:20]:
        problems.append(f"알 수 없는 항목 '{str(key)[:40]}'")
    if "format" in doc and doc["format"] != L.EXPORT_FORMAT:
        problems.append(f"format이 '{L.EXPORT_FORMAT}'가 아닙니다")  # 프로그레스: a vowel
    v = doc.get("schema_version", L.SCHEMA_VERSION)
    if not is_int(v, 1, 10**6):
        problems.append("schema_version이 양의 정수가 아닙니다")
    elif v > L.SCHEMA_VERSION:
        problems.append(f"더 새로운 버전의 aimath(스키마 {v})가 내보낸 파일입니다")
    if "exported_at" in doc and not isinstance(doc["exported_at"], str):
        problems.append("exported_at이 문자열이 아닙니다")
    if "cards" in doc and not isinstance(doc["cards"], dict):
        problems.append("cards가 객체가 아닙니다")
    if not any(k in doc for k in CONTENT_KEYS):
        problems.append("가져올 내용(lessons, scroll, settings, attempts)이 하나도 없습니다")


_SUBJECT = {"lessons": "가", "scroll": "이"}  # 레슨스, 스크롤: the particle each name takes


def _check_maps(doc: dict, plan: ImportPlan, problems: list[str]) -> None:
    from .settings import SettingError, validate_setting

    checks = {
        "lessons": lambda k, v: v if v in L.STATUSES else None,
        "scroll": lambda k, v: float(v) if is_finite(v, 0.0, L.MAX_SCROLL) else None,
    }
    for name, check in checks.items():
        table = doc.get(name, {})
        if not isinstance(table, dict):
            problems.append(f"{name}{_SUBJECT[name]} 객체가 아닙니다")
            continue
        for k, v in table.items():
            clean = check(k, v) if is_id(k) else None
            if clean is None:
                problems.append(f"{name}의 '{str(k)[:40]}' 값이 올바르지 않습니다")
            else:
                getattr(plan, name)[k] = clean
    settings = doc.get("settings", {})
    if not isinstance(settings, dict):
        problems.append("settings가 객체가 아닙니다")
        return
    for k, v in settings.items():
        try:
            plan.settings[k] = validate_setting(k, v)
        except (SettingError, RecursionError) as exc:
            problems.append(str(exc))


def check_import(doc: Any) -> tuple[ImportPlan, list[str]]:
    """The plan of an import document and the list of its problems (Korean; empty = valid)."""
    plan, problems = ImportPlan(), []
    if not isinstance(doc, dict):
        return plan, ["최상위 값이 객체가 아닙니다"]
    _check_header(doc, problems)
    _check_maps(doc, plan, problems)
    attempts = doc.get("attempts", [])
    if not isinstance(attempts, list):
        problems.append("attempts가 목록이 아닙니다")
        return plan, problems
    for i, a in enumerate(attempts):
        problem = attempt_problem(a)
        if problem is None:
            plan.attempts.append(clean_attempt(a))
        else:
            problems.append(f"{i + 1}번째 풀이 기록: {problem}")
    return plan, problems
