"""A disk cache of converted lesson bodies, so formula conversion runs once per lesson version.

Converting every ``$…$`` of a long lesson to Unicode takes longer than showing it; the result
only changes when the lesson file or the converter changes, so it is kept on disk keyed by a
hash of both.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def converter_fingerprint() -> bytes:
    """Hash of the converter's own source: a new converter invalidates every cached body.

    The modules are located, not imported: a cache hit must not pay for loading the converter.
    """
    from importlib.util import find_spec

    digest = hashlib.sha1()
    for name in ("content.latex", "content.mathtext", "mathcore.glyphs"):
        origin = Path(find_spec(name).origin)
        # A package (content/latex/) counts with every module in it.
        files = sorted(origin.parent.glob("*.py")) if origin.name == "__init__.py" else [origin]
        for path in files:
            digest.update(path.read_bytes())
    return digest.digest()


def default_cache_dir() -> Path:
    """The cache folder when no data folder is given: ``$AIMATH_DATA_DIR/cache/bodies`` (exactly
    where ``--data-dir`` puts it), else the user cache folder."""
    data_dir = os.environ.get("AIMATH_DATA_DIR")
    if data_dir:
        return Path(data_dir).expanduser() / "cache" / "bodies"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("aimath")) / "bodies"


def cached_body(lesson, cache_dir: Path | None) -> str:
    """``lesson.body()``, from the disk cache when the same lesson was converted before."""
    if cache_dir is None:
        return lesson.body()
    source = lesson.path.read_bytes()
    key = hashlib.sha1(source + converter_fingerprint()).hexdigest()[:20]
    path = Path(cache_dir) / f"{lesson.id}-{key}.md"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    body = lesson.body()
    _write_atomically(path, body)
    return body


#: Free space the cache always leaves on the disk of the data folder, for the learner's answers.
KEEP_FREE = 16 * 1024 * 1024


def _write_atomically(path: Path, text: str) -> None:
    """Best effort: a cache that cannot be written only costs speed.  It is never written when
    the disk would be left with less than :data:`KEEP_FREE` bytes (the progress store shares
    the folder), and a write that fails leaves no temporary file behind."""
    import shutil

    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.md"):
            stale.unlink(missing_ok=True)
        data = text.encode("utf-8")
        if shutil.disk_usage(path.parent).free < len(data) + KEEP_FREE:
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
        tmp = None
    except OSError:
        pass
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
