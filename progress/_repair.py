"""Loading with repair, and the checks of a data folder at open (a mixin of ``_tx.Files``).

``load`` returns the tables of one file, never raising for damage: a file that does not
parse (or is no regular file) is moved aside as ``*.corrupt-<time>`` and its backup
restored, or — for cards and totals — rebuilt from the log through ``rebuilder``
(installed by the derived layer); a file with some bad documents keeps its good ones (the
original is kept aside).  Each repair adds one Korean message to ``warnings``.  In a
read-only store nothing on disk is touched: repairs happen in memory only.

The methods rely on the attributes and ``transaction`` of ``_tx.Files``.
"""

from __future__ import annotations

import os
import stat

from . import _files, _layout as L, _validate
from ._files import CorruptFile
from .errors import DataDirError, describe_os_error


def check_root(root: str) -> str | None:
    """Make sure ``root`` is a usable folder (``DataDirError`` if not); return a Korean reason
    when it can only be read, else None."""
    if os.path.lexists(root) and not os.path.isdir(root):
        raise DataDirError(f"데이터 폴더 자리에 폴더가 아닌 파일이 있습니다: {root}")
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as exc:
        raise DataDirError(f"데이터 폴더를 만들 수 없습니다: {root} ({describe_os_error(exc)})") from None
    try:
        os.listdir(root)
    except OSError as exc:
        raise DataDirError(f"데이터 폴더를 읽을 수 없습니다: {root} ({describe_os_error(exc)})") from None
    if not os.access(root, os.W_OK | os.X_OK):
        return (f"데이터 폴더에 쓸 수 없어 진행 기록을 읽기 전용으로 엽니다: {root}. 지금까지의 기록은 볼 수 "
                "있지만, 이번에 푸는 문제와 읽은 위치는 저장되지 않습니다.")
    return None


class Repair:
    # ------------------------------------------------------------------ loading + repair

    def load(self, rel: str, *, locked: bool) -> dict:
        """Tables of one file, repairing it if it is damaged (never returns None)."""
        path = self.path(rel)
        try:
            raw = _files.read_bounded(path)
            if raw is None:
                return self._recover_missing(rel, locked=locked)
            data = _files.parse_tables(raw)
            trusted = self.trusted.get(rel)
            bad = 0 if trusted is not None and trusted == self.sig(path) else _validate.check_file(rel, data)
        except CorruptFile as exc:
            if not locked and not self.read_only:
                with self.transaction(allow_read_only=True) as tx:
                    return tx.slot(rel).data
            return self._recover(rel, str(exc))
        except OSError as exc:
            self.warn(f"진행 기록 파일 '{self.display(rel)}'의 내용을 읽을 수 없습니다: {describe_os_error(exc)}.")
            return {}
        if bad:
            if not locked and not self.read_only:
                with self.transaction(allow_read_only=True) as tx:
                    return tx.slot(rel).data
            self._repair_partly(rel, raw, data, bad)
        return data

    def display(self, rel: str) -> str:
        return rel.replace("/", os.sep)

    def _repair_partly(self, rel: str, raw: bytes, data: dict, bad: int) -> None:
        """Some documents of ``rel`` were bad: keep the original aside, write the good ones."""
        name = self.display(rel)
        if self.read_only:
            self.warn(f"진행 기록 파일 '{name}'의 기록 {bad}개가 형식이 올바르지 않아 건너뜁니다.")
            return
        try:
            kept = os.path.basename(_files.keep_copy(self.path(rel), raw))
            payload = _files.dump_tables(data)
            _files.atomic_write(self.path(rel), payload)
            _files.write_backup(self.root, rel, payload)
        except OSError as exc:
            self.warn(f"진행 기록 파일 '{name}'의 기록 {bad}개가 형식이 올바르지 않아 건너뜁니다 ({describe_os_error(exc)}).")
            return
        self.warn(f"진행 기록 파일 '{name}'의 기록 {bad}개가 형식이 올바르지 않아 빼고, 원본은 '{kept}' 파일에 보관했습니다.")

    def _recover(self, rel: str, reason: str) -> dict:
        """Called under the lock (or read-only) for a file that does not parse."""
        path = self.path(rel)
        try:
            data = _files.read_tables(path)
            if data is not None and _validate.check_file(rel, data) == 0:
                return data  # another process repaired it meanwhile
            if data is None:
                return self._recover_missing(rel, locked=True)
        except (CorruptFile, OSError):
            pass
        name = self.display(rel)
        kept = None
        if not self.read_only:
            try:
                kept = os.path.basename(_files.quarantine(path))
            except OSError:
                kept = None
        where = f"'{kept}' 파일에 따로 보관하고 " if kept else ""
        restored = self._restore_backup(rel, write=kept is not None)
        if restored is not None:
            self.warn(f"진행 기록 '{name}' 파일이 손상되어 {where}마지막 정상 백업에서 복구했습니다.")
            return restored
        rebuilt = self._rebuild_file(rel, write=kept is not None)
        if rebuilt is not None:
            self.warn(f"진행 기록 '{name}' 파일이 손상되어 {where}풀이 기록으로부터 다시 계산했습니다.")
            return rebuilt
        kept_note = f" 손상된 파일은 '{kept}' 파일에 보관했습니다." if kept else ""
        if rel == L.MAIN:
            self.warn(
                f"진행 기록 '{name}' 파일이 손상되었고 백업도 없어 학습 상태와 설정을 복구하지 못했습니다."
                f"{kept_note} 퀴즈 풀이 기록은 그대로 남아 있습니다."
            )
        else:
            self.warn(f"풀이 기록 '{name}' 파일이 손상되었고 백업도 없어 그 안의 기록을 복구하지 못했습니다.{kept_note}")
        return {}

    def _restore_backup(self, rel: str, *, write: bool) -> dict | None:
        try:
            raw = _files.read_bounded(_files.backup_path(self.root, rel))
            if raw is None:
                return None
            data = _files.parse_tables(raw)
            _validate.check_file(rel, data)
        except (OSError, CorruptFile):
            return None
        if write:
            try:
                _files.atomic_write(self.path(rel), _files.dump_tables(data))
                _files.fsync_dir(os.path.dirname(self.path(rel)))
            except OSError:
                pass
        return data

    def _recover_missing(self, rel: str, *, locked: bool) -> dict:
        """A file that does not exist: normal for a new store, a loss if its backup exists."""
        has_backup = os.path.exists(_files.backup_path(self.root, rel))
        if not has_backup and not (rel == L.STATS and self.shard_indexes()):
            return {}  # a missing cards file is detected by its seq mark (progress._derived)
        if not locked and not self.read_only:
            with self.transaction(allow_read_only=True) as tx:
                return tx.slot(rel).data
        name = self.display(rel)
        if os.path.lexists(self.path(rel)):
            if os.path.exists(self.path(rel)):
                return self.load(rel, locked=True)  # appeared meanwhile
            if not self.read_only:  # a dangling symbolic link
                try:
                    kept = os.path.basename(_files.quarantine(self.path(rel)))
                    self.warn(f"진행 기록 '{name}' 파일이 없는 곳을 가리키는 링크여서 '{kept}' 파일로 따로 보관했습니다.")
                except OSError:
                    pass
        if has_backup:
            restored = self._restore_backup(rel, write=not self.read_only)
            if restored is not None:
                self.warn(f"진행 기록 '{name}' 파일이 없어져서 마지막 정상 백업에서 복구했습니다.")
                return restored
        rebuilt = self._rebuild_file(rel, write=not self.read_only)
        if rebuilt is not None:
            if has_backup:
                self.warn(f"진행 기록 '{name}' 파일이 없어져서 풀이 기록으로부터 다시 계산했습니다.")
            return rebuilt
        return {}

    def _rebuild_file(self, rel: str, *, write: bool) -> dict | None:
        """Recompute a derived file (stats, cards) from the log; None for other files."""
        if not L.is_derived(rel) or self.rebuilder is None:
            return None
        data = self.rebuilder(rel)
        if write:
            try:
                _files.atomic_write(self.path(rel), _files.dump_tables(data))
            except OSError:
                pass
        return data

    def read(self, rel: str) -> dict:
        """A file for reading, parsed once per file version (by inode/size/mtime)."""
        sig = self.sig(self.path(rel))
        hit = self.read_cache.get(rel)
        if hit is not None and sig is not None and hit[0] == sig:
            return hit[1]
        data = self.load(rel, locked=False)
        self.read_cache[rel] = (self.sig(self.path(rel)), data)
        return data

    # ------------------------------------------------------------------ checks at open

    def check_dirs(self) -> None:
        """A sub-folder replaced by a file (or a FIFO, a dangling link): move it aside and
        restore what the backups hold (the shards are backed up one by one)."""
        for sub in (L.BACKUP_DIR, L.ATTEMPTS_DIR, L.CARDS_DIR):
            path = self.path(sub)
            if not os.path.lexists(path) or os.path.isdir(path):
                continue
            if self.read_only:
                self.warn(f"진행 기록 폴더 '{sub}' 자리에 폴더가 아닌 파일이 있습니다.")
                continue
            try:
                kept = os.path.basename(_files.quarantine(path))
            except OSError as exc:
                self.warn(f"진행 기록 폴더 '{sub}' 자리에 폴더가 아닌 파일이 있습니다 ({describe_os_error(exc)}).")
                continue
            restored = self._restore_dir(sub) if sub == L.ATTEMPTS_DIR else 0
            note = f" 백업에서 풀이 기록 파일 {restored}개를 복구했습니다." if restored else ""
            self.warn(f"진행 기록 폴더 '{sub}' 자리에 파일이 있어 '{kept}' 파일로 따로 보관했습니다.{note}")

    def _restore_dir(self, sub: str) -> int:
        bdir = os.path.join(self.root, L.BACKUP_DIR, sub)
        try:
            names = sorted(n for n in os.listdir(bdir) if n.endswith(".json.bak"))
        except OSError:
            return 0
        n = 0
        for name in names:
            rel = f"{sub}/{name[: -len('.bak')]}"
            if self._restore_backup(rel, write=True) is not None:
                n += 1
        return n

    def cheap_checks(self, candidates: list[str]) -> None:
        """Repair files that are empty, too large or not regular (FIFO, device, directory)
        without reading the history, and remove temp files of writers that were killed."""
        for sub in ("", L.ATTEMPTS_DIR, L.CARDS_DIR):
            d = self.path(sub)
            try:
                names = os.listdir(d)
            except OSError:
                continue
            if sub:
                candidates.extend(f"{sub}/{n}" for n in names if n.endswith(".json"))
            if not self.read_only:
                _remove_dead_temps(d, names)
        for rel in candidates:
            try:
                st = os.stat(self.path(rel))
            except OSError:
                if os.path.islink(self.path(rel)):
                    self.load(rel, locked=False)  # dangling link: restore from backup
                continue
            if not stat.S_ISREG(st.st_mode) or st.st_size == 0 or st.st_size > L.MAX_FILE_BYTES:
                self.load(rel, locked=False)


def pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _remove_dead_temps(directory: str, names: list[str]) -> None:
    for n in names:
        m = L.TMP_RE.search(n)
        if m and not pid_alive(int(m.group(1))):
            try:
                os.remove(os.path.join(directory, n))
            except OSError:
                pass

