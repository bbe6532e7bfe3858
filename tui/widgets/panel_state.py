"""The learner's experiment in every panel: typed inputs and the last result.

One ``PanelSessions`` per app (``app.panel_sessions``). A panel view reads it when it
opens (so closing and reopening brings back the inputs and the last result, marked as
stale when the last run failed) and writes to it after every run. The inputs of every
panel also go to the progress store (setting ``panel_inputs``) through a write queue
off the UI thread, so they survive a restart.
"""

from __future__ import annotations

import atexit
import logging
from dataclasses import dataclass
from typing import Any

LOG = logging.getLogger("aimath.panels")
SETTING = "panel_inputs"
MAX_TEXT = 10_000  # the store refuses longer texts: such an input is kept for this session only


@dataclass
class Recalled:
    """What a panel view finds when it opens: inputs (or None), last result, and whether
    the inputs on screen failed after that result was computed."""

    values: dict[str, str] | None
    result: Any = None
    stale: bool = False


class PanelSessions:
    """Inputs and results per panel id, for this session and (inputs only) on disk."""

    def __init__(self, store: Any, writes: Any = None) -> None:
        self.store = store
        self._writes = writes
        self._saved: dict[str, dict[str, str]] | None = None
        self._results: dict[str, tuple[Any, bool]] = {}
        self._session_values: dict[str, dict[str, str]] = {}

    # ------------------------------------------------------------------ reading

    def _disk(self) -> dict[str, dict[str, str]]:
        if self._saved is None:
            try:
                saved = self.store.get_setting(SETTING, {}) or {}
            except Exception:  # noqa: BLE001 - a damaged setting must not block a panel
                LOG.exception("reading %s failed", SETTING)
                saved = {}
            self._saved = {k: dict(v) for k, v in saved.items() if isinstance(v, dict)}
        return self._saved

    def recall(self, panel_id: str) -> Recalled:
        values = self._session_values.get(panel_id) or self._disk().get(panel_id)
        result, stale = self._results.get(panel_id, (None, False))
        return Recalled(dict(values) if values else None, result, stale)

    # ------------------------------------------------------------------ writing

    def remember(self, panel_id: str, values: dict[str, str], result: Any = None, failed: bool = False) -> None:
        """After a run: keep the inputs, and the result (a failed run keeps the old one, stale)."""
        self._session_values[panel_id] = dict(values)
        if failed:
            old = self._results.get(panel_id)
            if old is not None:
                self._results[panel_id] = (old[0], True)
        elif result is not None:
            self._results[panel_id] = (result, False)
        self._store_inputs(panel_id, values)

    def forget(self, panel_id: str) -> None:
        """Back to the defaults: drop the inputs (here and on disk) and the result."""
        self._session_values.pop(panel_id, None)
        self._results.pop(panel_id, None)
        disk = self._disk()
        if panel_id in disk:
            del disk[panel_id]
            self._submit()

    def _store_inputs(self, panel_id: str, values: dict[str, str]) -> None:
        clean = {k: v for k, v in values.items() if isinstance(v, str) and len(v) <= MAX_TEXT}
        disk = self._disk()
        if disk.get(panel_id) == clean:
            return
        disk[panel_id] = clean
        self._submit()

    def _submit(self) -> None:
        try:
            self.writes.submit("set_setting", SETTING, {k: dict(v) for k, v in self._disk().items()})
        except Exception:  # noqa: BLE001 - the inputs are a convenience; never fail a run for them
            LOG.exception("saving %s failed", SETTING)

    @property
    def writes(self):
        if self._writes is None:
            from progress import WriteQueue

            self._writes = WriteQueue(self.store, on_error=lambda message: LOG.warning("%s", message))
            atexit.register(self._writes.flush, 2.0)
        return self._writes

    def flush(self, timeout: float | None = 2.0) -> bool:
        """Wait until the inputs are on disk (tests, and the app's exit)."""
        if self._writes is None:
            return True
        return bool(self._writes.flush(timeout))
