"""What a PanelView says besides its result: the status line, field and general errors, the stale mark."""

from __future__ import annotations

from rich.cells import cell_len
from textual.containers import Vertical
from textual.widgets import Static

from mathcore import InputError

UNEXPECTED = ("계산하는 중에 예상하지 못한 문제가 생겼습니다. 입력을 조금 바꿔 다시 실행해 보세요. "
              "(자세한 내용은 데이터 폴더의 aimath.log에 기록했습니다)")
STALE = "⚠ 아래는 이전 입력의 결과입니다 (지금 입력으로는 계산하지 못했습니다)."


class MessagesMixin:
    """Mixed into ``PanelView`` (which sets ``_flagged`` and ``_status_fits`` in ``__init__``)."""

    def _status(self, text: str) -> None:
        status = self.query_one("#pv-status", Static)
        # A one-row status replaced by another one-row status keeps the layout: skip the relayout
        # (and the full-screen repaint it costs) that a Static update does by default.
        fits = 0 < cell_len(text) <= status.content_size.width
        status.update(text, layout=not (fits and self._status_fits))
        self._status_fits = fits

    def _clear_field_error(self, name: str) -> None:
        if name not in self._flagged:
            return
        self._flagged.discard(name)
        err = self.query_one(f"#pv-err-{name}", Static)
        err.update("")
        err.remove_class("-visible")
        self.query_one(f"#pv-in-{name}").remove_class("-bad")

    def _clear_errors(self) -> None:
        for name in list(self._flagged):
            self._clear_field_error(name)
        general = self.query_one("#pv-error", Static)
        if general.has_class("-visible"):
            general.update("")
            general.remove_class("-visible")

    def _mark_stale(self, stale: bool) -> None:
        self.query_one("#pv-stale", Static).set_class(stale and self.result is not None, "-visible")
        for widget in (self.query_one("#pv-result", Static), self.query_one("#pv-plots", Vertical)):
            widget.set_class(stale, "-stale")

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, InputError):
            text = getattr(error, "message", None) or str(error)
            field = error.field
        else:
            text, field = UNEXPECTED, None
        if field in {f.name for f in self.panel.fields}:
            err = self.query_one(f"#pv-err-{field}", Static)
            err.update(f"⚠ {text}")
            err.add_class("-visible")
            self._flagged.add(field)
            widget = self.query_one(f"#pv-in-{field}")
            widget.add_class("-bad")
            widget.focus()
            self.scroll_to_widget(err)
        else:
            general = self.query_one("#pv-error", Static)
            general.update(f"⚠ {text}")
            general.add_class("-visible")
        self._mark_stale(True)
        self._status("입력을 확인하세요." if isinstance(error, InputError) else "계산하지 못했습니다.")
