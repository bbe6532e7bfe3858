"""Step-by-step playback of an iterative panel's result (n / p / space / Home / End)."""

from __future__ import annotations

from textual.widgets import Static

from tui.widgets.plot import SpecPlot

PLAY_INTERVAL = 0.12  # seconds between frames while playing


class PlaybackMixin:
    """Frames of ``self.result`` shown one at a time; mixed into ``PanelView`` (which declares
    the reactives ``frame_index`` and ``playing``)."""

    _play_timer = None

    def _show_frame(self) -> None:
        if self.result is None or not self.result.frames:
            return
        frames = self.result.frames
        index = max(0, min(self.frame_index, len(frames) - 1))
        frame = frames[index]
        self.query_one("#pv-frame", Static).update(f"[{index + 1}/{len(frames)}] {frame.text}")
        for i, plot in enumerate(self.query(SpecPlot)):
            if i in frame.highlights:
                plot.highlight = frame.highlights[i]

    def watch_frame_index(self) -> None:
        if self.is_mounted:
            self._show_frame()

    def action_step(self, delta: int) -> None:
        """Move ``delta`` frames (stops playing)."""
        self._stop_playing()
        self._move(delta)

    def _move(self, delta: int) -> bool:
        if self.result is None or not self.result.frames:
            return False
        target = max(0, min(self.frame_index + delta, len(self.result.frames) - 1))
        moved = target != self.frame_index
        self.frame_index = target
        return moved

    def action_first_frame(self) -> None:
        self._stop_playing()
        self.frame_index = 0

    def action_last_frame(self) -> None:
        self._stop_playing()
        if self.result is not None and self.result.frames:
            self.frame_index = len(self.result.frames) - 1

    def action_toggle_play(self) -> None:
        """Play from the current frame (from the start if at the end), or pause."""
        if self.playing:
            self._stop_playing()
            return
        if self.result is None or not self.result.frames:
            return
        if self.frame_index >= len(self.result.frames) - 1:
            self.frame_index = 0
        self.playing = True
        self._play_timer = self.set_interval(PLAY_INTERVAL, self._tick)

    def _tick(self) -> None:
        if not self._move(1):
            self._stop_playing()

    def _stop_playing(self) -> None:
        if self._play_timer is not None:
            self._play_timer.stop()
            self._play_timer = None
        self.playing = False
