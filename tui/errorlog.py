"""The log file for bug reports: ``<data folder>/aimath.log``.

Everything logged under the ``aimath`` logger at WARNING or above goes there (panels,
plots and the notebook log the traceback of an unexpected error before they show the
learner a Korean message). The file is opened on the first record only, and a folder
that cannot be written never stops the app: the record is then dropped.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

FILE_NAME = "aimath.log"
MAX_BYTES = 1_000_000  # then aimath.log.1 takes the old records
_MARK = "_aimath_errorlog"


def log_path(data_dir: str | os.PathLike | None = None) -> Path:
    """Where the log goes for ``data_dir`` (default: the progress data folder)."""
    if data_dir is None:
        from progress.store import default_data_dir

        data_dir = default_data_dir()
    return Path(data_dir) / FILE_NAME


def install(data_dir: str | os.PathLike | None = None) -> Path | None:
    """Send the ``aimath`` logger's warnings and errors to ``log_path(data_dir)``; None if impossible."""
    import logging.handlers

    logger = logging.getLogger("aimath")
    for handler in list(logger.handlers):
        if getattr(handler, _MARK, False):
            logger.removeHandler(handler)
            handler.close()
    try:
        path = log_path(data_dir)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=1,
                                                       encoding="utf-8", delay=True)
    except Exception:  # noqa: BLE001 - no log is better than no app
        return None
    handler.handleError = lambda record: None  # a full disk or read-only folder drops the record
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    setattr(handler, _MARK, True)
    logger.addHandler(handler)
    logger.setLevel(min(logger.level or logging.WARNING, logging.WARNING))
    return path
