"""Shared helpers of the progress tests."""

import hashlib
import json
import os
from datetime import datetime, timezone

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def folder_state(root) -> dict:
    """Every entry under ``root`` → sha1 of its bytes (or its kind): "no byte changed" checks."""
    out = {}
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(base, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                out[rel] = "link:" + os.readlink(path)
            elif os.path.isfile(path):
                with open(path, "rb") as fh:
                    out[rel] = hashlib.sha1(fh.read()).hexdigest()
            else:
                out[rel] = "dir"
    return out


def strict_json(text: str):
    """json.loads that fails on NaN/Infinity (what other tools accept)."""

    def bad(name):
        raise ValueError(name)

    return json.loads(text, parse_constant=bad)


def attempt(k: int, **over) -> dict:
    a = {"question_id": f"q-{k % 7}", "lesson_id": f"l{k % 3}", "correct": k % 4 != 0, "answer": str(k),
         "at": f"2025-03-{1 + k % 28:02d}T{k % 24:02d}:00:00+00:00", "hinted": k % 5 == 0}
    a.update(over)
    return a
