"""The progress folder and the backup file, as the command line and the dashboard both use them.

Where progress lives (``--data-dir``, ``$AIMATH_DATA_DIR``, the user data folder), why a folder
cannot hold it (in Korean), the default backup file, and the sentence for a finished import.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The backup file of ``aimath export`` / ``aimath import`` and of the dashboard's buttons.
DEFAULT_EXPORT = "~/aimath-backup.json"


def resolve_data_dir(option: str | os.PathLike | None) -> Path:
    """``--data-dir``, else ``$AIMATH_DATA_DIR``, else the user data folder (absolute)."""
    if option:
        return Path(option).expanduser().resolve()
    from progress.store import default_data_dir

    return Path(default_data_dir()).expanduser().resolve()


def data_dir_problem(path: Path, *, writing: bool = True) -> str | None:
    """A Korean sentence saying why progress cannot be kept in ``path``, or None if it can.

    With ``writing=False`` (the app, ``aimath export``) a folder that holds progress and can be
    read but not written is no problem: the store opens it read-only and says so, so a learner
    on a read-only disk still sees and exports the progress kept there.  A read-only folder with
    no progress in it (``--data-dir /proc/1``) is still refused."""
    if path.exists() and not path.is_dir():
        return f"진행 기록 폴더 '{path}'가 폴더가 아니라 파일입니다. --data-dir로 다른 폴더를 고르세요."
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"진행 기록 폴더 '{path}'를 만들 수 없습니다 ({os_reason(error)}). --data-dir로 다른 폴더를 고르세요."
    try:
        os.listdir(path)
    except OSError as error:
        return f"진행 기록 폴더 '{path}'를 읽을 수 없습니다 ({os_reason(error)})."
    if not writing and (path / "progress.json").is_file():
        return None  # progress to show: the store opens it read-only and says so
    try:  # os.access is not enough: root ignores modes, and a read-only mount says yes
        with tempfile.NamedTemporaryFile(dir=path, prefix=".aimath-probe-"):
            pass
    except OSError as error:
        return f"진행 기록 폴더 '{path}'에 쓸 수 없습니다 ({os_reason(error)}). --data-dir로 쓸 수 있는 폴더를 고르세요."
    return None


_ERRNO_KO = {
    "EACCES": "권한이 없음", "EPERM": "권한이 없음", "EROFS": "읽기 전용 파일 시스템",
    "ENOSPC": "디스크 공간 부족", "ENOENT": "없는 경로", "ENOTDIR": "경로 중간이 폴더가 아님",
    "EEXIST": "이미 있는 파일", "EISDIR": "폴더임", "ENAMETOOLONG": "이름이 너무 김",
}


def os_reason(error: OSError) -> str:
    import errno

    name = errno.errorcode.get(error.errno or 0, "")
    return _ERRNO_KO.get(name, error.strerror or "알 수 없는 오류")


def import_report(path, result: dict | None) -> str:
    """The one Korean sentence for a finished import (command line and dashboard)."""
    added = (result or {}).get("added", 0)
    skipped = (result or {}).get("skipped", 0)
    return f"'{path}'에서 풀이 {added}개를 합쳤습니다 (이미 있던 {skipped}개는 건너뜀)."
