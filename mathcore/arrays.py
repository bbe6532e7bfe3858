"""Vectors and matrices a learner types: :func:`parse_vector`, :func:`parse_matrix`.

Entries are read by :func:`mathcore.scalars.parse_number` under ONE budget of time and work
for the whole field.  A comma that may be a thousands separator (``1,000, 2,000``) is refused
rather than guessed.
"""
from __future__ import annotations

import re

from mathcore import InputError
from mathcore.budget import Budget
from mathcore.lexer import ALLOWED_ARRAY, normalise
from mathcore.scalars import parse_number

__all__ = ["parse_vector", "parse_matrix", "MAX_MATRIX_LENGTH", "MAX_ENTRIES", "FIELD_SECONDS"]

MAX_MATRIX_LENGTH = 5000
MAX_ENTRIES = 10_000
FIELD_SECONDS = 1.0
FIELD_WORK = 100_000

# "1,000": digits, a comma with no blank after it, exactly three digits, then no more digits.
_GROUPED = re.compile(r"(?<![0-9.])[0-9]{1,3},[0-9]{3}(?![0-9.])")


def _split_top(text: str, seps: str) -> list[str]:
    """Split at separators that are not inside parentheses."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch in seps and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _check_grouping(body: str, items: list[str]) -> None:
    """Refuse a comma that may group thousands: ``1,000`` (an entry ``000``) or commas written
    both with and without a blank after them next to such a group (``1,000, 2,000``)."""
    hit = _GROUPED.search(body)
    if hit is None:
        return
    mixed = ", " in body or ",\t" in body
    leading_zero = any(re.fullmatch(r"0[0-9]+", item.strip()) for item in items)
    if mixed or leading_zero:
        raise InputError(
            f"'{hit.group()}'의 쉼표가 천 단위 구분 기호인지 원소를 나누는 쉼표인지 알 수 없습니다. "
            "천 단위 쉼표 없이 1000처럼 쓰고, 원소는 쉼표와 공백(1, 2, 3)으로 나누세요.")


def _parse_entries(body: str, what: str, budget: Budget) -> list[float]:
    body = body.strip()
    if not body:
        raise InputError(f"{what}가 비어 있습니다.")
    if "[" in body or "]" in body:
        raise InputError(f"{what}에 대괄호가 잘못 들어 있습니다.")
    if ";" in body:
        raise InputError(f"{what} 안에 세미콜론(;)이 있습니다. 벡터는 쉼표나 공백으로 나누세요.")
    items = _split_top(body, ",")
    if len(items) == 1:
        items = body.split()
    else:
        _check_grouping(body, items)
    if len(items) > MAX_ENTRIES:
        raise InputError(f"원소가 너무 많습니다 ({MAX_ENTRIES}개 이하).")
    values = []
    for k, item in enumerate(items, start=1):
        item = item.strip()
        if not item:
            raise InputError(f"{what}의 {k}번째 원소가 비어 있습니다 (쉼표가 겹쳤습니다).")
        try:
            budget.charge()
            values.append(parse_number(item, budget))
        except InputError as err:
            raise InputError(f"{what}의 {k}번째 원소 '{item[:20]}': {err.message}") from None
    return values


def parse_vector(text: str, budget: Budget | None = None):
    """Parse a vector ``1, 7, 2`` / ``[1, 7, 2]`` / ``1 7 2`` into a float64 ndarray of shape (n,).

    Entries may be number expressions (``1/3``, ``sqrt(2)``, ``-pi``); the whole field shares
    one budget (:data:`FIELD_SECONDS`).
    """
    import numpy as np

    budget = budget or Budget(FIELD_SECONDS, FIELD_WORK)
    clean = normalise(text, MAX_MATRIX_LENGTH, ALLOWED_ARRAY).strip()
    if clean.startswith("[") and clean.endswith("]"):
        clean = clean[1:-1]
    values = _parse_entries(clean, "벡터", budget)
    return np.array(values, dtype=float)


def _bracket_groups(text: str) -> list[str]:
    """``[1,2],[3,4]`` → ["1,2", "3,4"]; only commas, semicolons and blanks may sit between groups."""
    rows, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r\n,;":
            i += 1
            continue
        if ch != "[":
            raise InputError(f"행렬의 행 사이에 '{ch}'가 있습니다. 각 행을 [ ]로 감싸세요.")
        j = text.find("]", i)
        if j < 0:
            raise InputError(f"{len(rows) + 1}번째 행의 '['에 맞는 ']'가 없습니다.")
        if "[" in text[i + 1:j]:
            raise InputError("대괄호가 너무 깊게 중첩되어 있습니다. [[1,2],[3,4]] 형식으로 입력하세요.")
        rows.append(text[i + 1:j])
        i = j + 1
    return rows


def _row_texts(clean: str) -> list[str]:
    if clean.count("[") != clean.count("]"):
        raise InputError("여는 대괄호 '['와 닫는 대괄호 ']'의 개수가 다릅니다.")
    if clean.startswith("[") and clean.endswith("]") and clean.count("[") >= 2:
        inner = clean[1:-1].strip()
        if inner.startswith("[") and inner.endswith("]"):
            clean = inner
    if "[" in clean:
        row_texts = _bracket_groups(clean)
        if len(row_texts) == 1 and (";" in row_texts[0] or "\n" in row_texts[0]):
            row_texts = re.split(r"[;\n]", row_texts[0])
    else:
        row_texts = re.split(r"[;\n]", clean)
    while row_texts and not row_texts[-1].strip():
        row_texts.pop()
    if not row_texts:
        raise InputError("행렬이 비어 있습니다.")
    return row_texts


def parse_matrix(text: str, budget: Budget | None = None):
    """Parse a matrix into a float64 ndarray of shape (m, n).

    Accepted: ``[[1,-2,3],[7,5,0]]``, ``[1,2],[3,4]``, ``1 2; 3 4``, ``[1 2; 3 4]``, and rows
    on separate lines.  Ragged rows raise InputError naming the row.  The whole field shares
    one budget (:data:`FIELD_SECONDS`).
    """
    import numpy as np

    budget = budget or Budget(FIELD_SECONDS, FIELD_WORK)
    clean = normalise(text, MAX_MATRIX_LENGTH, ALLOWED_ARRAY).strip()
    rows = []
    for k, row in enumerate(_row_texts(clean), start=1):
        if not row.strip():
            raise InputError(f"{k}번째 행이 비어 있습니다.")
        rows.append(_parse_entries(row, f"{k}번째 행", budget))
    width = len(rows[0])
    for k, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise InputError(f"{k}번째 행의 원소 개수({len(row)})가 1번째 행({width})과 다릅니다.")
    if len(rows) * width > MAX_ENTRIES:
        raise InputError(f"원소가 너무 많습니다 ({MAX_ENTRIES}개 이하).")
    return np.array(rows, dtype=float)


def looks_like_matrix(text: str) -> bool:
    """Whether typed text is written as a matrix (rows by ``;``, new lines or nested brackets)
    rather than a flat vector — decided from the text alone, so it is parsed once."""
    stripped = text.strip()
    return ";" in stripped or "\n" in stripped or stripped.count("[") >= 2
