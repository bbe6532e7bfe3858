"""Benchmark of the toast that keeps Korean characters over widget edges
(plain script: ``python tests/bench/bench_toasts.py``).

Prints, for a three-line Korean toast over a matrix panel at 120×40 and over the quiz at 80×24
(both have widget edges under the toast), the median time of one ``render_lines`` of
``tui.widgets.toast.Toast`` against Textual's own toast rendering the same lines (the baseline,
in the same run), and their ratios: the first render (laying the lines out around the edges)
and a redraw over the same widgets (the layout is reused). The toast renders when it appears
and whenever something under it is redrawn, so this is the cost added to such a frame.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..")))
sys.path.insert(0, os.path.dirname(__file__))

from timing import median_ms  # noqa: E402

MESSAGE = "진행 기록을 내보내기 파일에 저장했습니다: 풀이 12개를 합쳤고 3개는 이미 있어서 건너뛰었습니다."


async def _measure(size, opener) -> tuple[float, float]:
    from textual.geometry import Region
    from textual.widgets import _toast

    from tui.app import create_app
    from tui.widgets.toast import Toast

    app = create_app(tempfile.mkdtemp())
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        opener(app)
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.notify(MESSAGE, title="진행 기록", timeout=60)
        await pilot.pause()
        await pilot.pause()
        toast = app.screen.query_one(Toast)
        crop = Region(0, 0, toast.region.width, toast.region.height)
        ours = median_ms(lambda: toast.render_lines(crop), 200)  # redrawn over the same widgets

        def first():
            toast._laid_out = None  # as when it appears or the widgets under it moved
            toast.render_lines(crop)

        fresh = median_ms(first, 100)
        textual_toast = _toast.Toast.__mro__[1]  # Textual's own (install() put ours in the module)
        base = median_ms(lambda: textual_toast.render_lines(toast, crop), 200)
        return fresh, ours, base


def main() -> None:
    cases = [("행렬 실습 위 120×40", (120, 40), lambda app: app.action_open_panel("matrices.ops")),
             ("퀴즈 위 80×24", (80, 24), lambda app: app.action_open_quiz("vectors"))]
    for name, size, opener in cases:
        fresh, ours, base = asyncio.run(_measure(size, opener))
        print(f"{name}: 처음 그리기 {fresh:.3f} ms, 다시 그리기 {ours:.3f} ms, "
              f"Textual 기본 {base:.3f} ms (비율 {fresh / base:.0f}배, {ours / base:.1f}배)")


if __name__ == "__main__":
    main()
