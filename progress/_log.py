"""The attempt log: ``attempts/NNNNNN.json`` shards, table ``attempts``.

Each attempt has a unique ``id`` (uuid4 hex; a deterministic hash for data that came
without one) and ``seq``, a store-wide increasing number.  A shard holds at most
``SHARD_SIZE`` attempts; only the last one is ever appended to, so recording an answer
costs the same after years of use.  Parsed shards are cached by file identity.
"""

from __future__ import annotations

import uuid
from typing import Any

from . import _layout as L
from ._tx import Files, Tx


def public_attempt(doc: dict) -> dict:
    return {
        "id": doc["id"],
        "question_id": doc["question_id"],
        "lesson_id": doc["lesson_id"],
        "correct": bool(doc["correct"]),
        "answer": doc.get("answer", ""),
        "at": doc["at"],
        "hinted": bool(doc.get("hinted", False)),
        "seed": doc.get("seed"),
    }


def new_attempt(question_id: Any, lesson_id: Any, correct: Any, answer: Any, hinted: Any, seed: Any, at: Any) -> dict:
    """A checked attempt document for ``record_attempt`` (``ValueError`` in Korean if bad)."""
    L.check_id(question_id, "문제 id")
    L.check_id(lesson_id, "레슨 id")
    if not isinstance(correct, bool):
        # also numpy booleans and 0/1; never strings such as "yes"
        if not isinstance(correct, str) and any(correct is v or correct == v for v in (0, 1)):
            correct = bool(correct)
        else:
            raise ValueError(f"정답 여부(correct)는 True 또는 False여야 합니다: {str(correct)[:40]!r}")
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or not -(2**63) <= seed <= 2**64):
        raise ValueError(f"시드(seed)는 정수여야 합니다: {str(seed)[:40]!r}")
    answer = "" if answer is None else str(answer)
    if len(answer) > L.MAX_ANSWER_LEN:
        raise ValueError(f"답이 너무 깁니다 ({len(answer)}자, 최대 {L.MAX_ANSWER_LEN}자).")
    return {
        "id": uuid.uuid4().hex,
        "question_id": question_id,
        "lesson_id": lesson_id,
        "correct": correct,
        "answer": answer,
        "at": L.iso(L.parse_at(at)),
        "hinted": bool(hinted),
        "seed": seed,
    }


class Log:
    def __init__(self, files: Files) -> None:
        self.files = files
        self.cache: dict[str, tuple[tuple, list[dict]]] = {}

    def shard_docs(self, rel: str, *, locked: bool) -> list[dict]:
        """Valid documents of one shard (checked by ``_validate`` when loaded)."""
        f = self.files
        path = f.path(rel)
        sig = f.sig(path)
        hit = self.cache.get(rel)
        if hit is not None and sig is not None and hit[0] == sig:
            return hit[1]
        tx = f.tx
        if locked and tx is not None and rel in tx.slots:
            return list(tx.slots[rel].data.get("attempts", {}).values())
        data = f.load(rel, locked=locked)
        docs = list(data.get("attempts", {}).values())
        self.cache[rel] = (f.sig(path), docs)
        return docs

    def all_docs(self, *, locked: bool) -> list[dict]:
        docs: list[dict] = []
        for i in self.files.shard_indexes():
            docs.extend(self.shard_docs(L.shard_rel(i), locked=locked))
        return docs

    def tx_docs(self, tx: Tx, *, since_seq: int = 0) -> list[dict]:
        """Documents of the log as this transaction sees it (its own appends included), with
        ``seq > since_seq``; reads shards from the end backwards as far as needed."""
        out: list[dict] = []
        indexes = sorted(set(self.files.shard_indexes()) | {tx.last_shard})
        for i in reversed(indexes):
            rel = L.shard_rel(i)
            if rel in tx.slots or i == indexes[-1]:
                docs = list(tx.slot(rel).data.get("attempts", {}).values())
            else:
                docs = self.shard_docs(rel, locked=True)
            out.extend(d for d in docs if d["seq"] > since_seq)
            if since_seq and docs and min(d["seq"] for d in docs) <= since_seq:
                break
        return sorted(out, key=lambda d: d["seq"])

    def attempts(self, lesson_id: str | None = None) -> list[dict]:
        docs = self.all_docs(locked=False)
        if lesson_id is not None:
            docs = [d for d in docs if d["lesson_id"] == lesson_id]
        docs = sorted(docs, key=lambda d: (d["at"], d["seq"]))
        return [public_attempt(d) for d in docs]

    def count(self) -> int:
        return len(self.all_docs(locked=False))

    def max_seq(self, tx: Tx) -> int:
        """Largest ``seq`` in the log (from the last shard that has any document)."""
        for i in reversed(self.files.shard_indexes()):
            docs = tx.slot(L.shard_rel(i)).data.get("attempts", {}).values()
            seqs = [d["seq"] for d in docs]
            if seqs:
                return max(seqs)
        return 0


    def append(self, tx: Tx, docs: list[dict]) -> None:
        """Append attempts (``seq`` assigned here) to the last shard, opening new shards as
        they fill up."""
        size = L.SHARD_SIZE
        k = 0
        while k < len(docs):
            indexes = self.files.shard_indexes()
            last = max(indexes[-1] if indexes else 0, tx.last_shard)
            table = tx.db(L.shard_rel(last)).table("attempts")
            room = size - len(table)
            if room <= 0:
                last += 1
                table = tx.db(L.shard_rel(last)).table("attempts")
                room = size
            tx.last_shard = last
            if tx.max_seq is None:
                tx.max_seq = self.max_seq(tx)
            chunk = docs[k : k + room]
            for doc in chunk:
                tx.max_seq += 1
                doc["seq"] = tx.max_seq
            if len(chunk) == 1:
                table.insert(chunk[0])
            else:
                table.insert_multiple(chunk)
            k += len(chunk)
