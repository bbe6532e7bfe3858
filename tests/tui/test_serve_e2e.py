"""``aimath serve`` end to end: a real headless Chromium opens the served app, keys open the
second lesson and mark it done, and the data folder says so.  Two tabs at once lose nothing.

Needs Debian's ``chromium`` and ``chromium-driver`` and Selenium (``.ci/run`` installs them).
Outside CI, without them, these tests are skipped; with ``CI`` set they fail instead.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from serve_helpers import (READY_TEXT, Served, app_processes, browser, find_browser, open_page, press,
                          screenshot_stats, stream, wait_for, wait_for_status)

FOUND = find_browser()


@pytest.fixture(scope="module")
def browser_paths():
    if isinstance(FOUND, str):
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser test, but {FOUND}")
        pytest.skip(f"{FOUND}; set CI=1 to make this a failure")
    return FOUND


@pytest.fixture
def served(tmp_path):
    server = Served(tmp_path / "data")
    assert server.first_line.startswith("aimath를 브라우저에서 여세요: http://127.0.0.1:"), server.first_line
    yield server
    code, _out, err = server.stop()
    assert code == 0, err
    assert "Traceback" not in err


def test_a_lesson_marked_done_in_the_browser_is_saved(browser_paths, served, tmp_path):
    with browser(*browser_paths) as driver:
        open_page(driver, served.url)
        assert driver.title == "aimath · 딥러닝 수학"
        wait_for(driver, READY_TEXT)
        wait_for(driver, "머신러닝과")
        assert wait_for_status(served.data_dir, "intro", "reading") == "reading"
        mark = len(stream(driver))
        press(driver, "n")                      # the second lesson: 01 벡터
        wait_for(driver, "01. 벡터", after=mark)
        assert wait_for_status(served.data_dir, "vectors", "reading") == "reading"
        mark = len(stream(driver))
        press(driver, "d")                      # mark it done
        wait_for(driver, "완료!", after=mark)
        assert wait_for_status(served.data_dir, "vectors", "done") == "done"
        time.sleep(0.5)  # let the toast settle on screen
        png = driver.get_screenshot_as_png()
        (tmp_path / "aimath-browser.png").write_bytes(png)
        stats = screenshot_stats(driver, png)
        assert stats["width"] >= 800 and stats["height"] >= 500
        assert stats["colours"] >= 20, stats     # text, colours, the progress bar: not blank
        assert stats["other"] >= 0.05, stats
        shot_dir = os.environ.get("AIMATH_SCREENSHOT_DIR")
        if shot_dir:
            Path(shot_dir).mkdir(parents=True, exist_ok=True)
            Path(shot_dir, "aimath-browser.png").write_bytes(png)
    # Closing the tab ends its app process.
    deadline = time.monotonic() + 15
    while app_processes(served.data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert app_processes(served.data_dir) == []


def test_two_tabs_at_once_both_work_and_lose_nothing(browser_paths, served):
    with browser(*browser_paths) as driver:
        first = open_page(driver, served.url)
        wait_for(driver, READY_TEXT)
        second = open_page(driver, served.url, new_tab=True)
        wait_for(driver, READY_TEXT)
        assert len(app_processes(served.data_dir)) == 2  # each tab its own process

        driver.switch_to.window(first)
        mark = len(stream(driver))
        press(driver, "n")
        wait_for(driver, "01. 벡터", after=mark)
        press(driver, "d")
        driver.switch_to.window(second)
        mark = len(stream(driver))
        press(driver, "nn")
        wait_for(driver, "02. 행렬", after=mark)
        press(driver, "d")
        assert wait_for_status(served.data_dir, "vectors", "done") == "done"
        assert wait_for_status(served.data_dir, "matrices", "done") == "done"
        # The first tab still answers after the second one wrote.
        driver.switch_to.window(first)
        mark = len(stream(driver))
        press(driver, "n")
        wait_for(driver, "02. 행렬", after=mark)
    code, out, err = served.stop()
    assert code == 0 and "멈췄습니다" in out, err
    # Nothing was lost when both processes closed.
    assert wait_for_status(served.data_dir, "vectors", "done") == "done"
    assert wait_for_status(served.data_dir, "matrices", "done") == "done"
    assert wait_for_status(served.data_dir, "intro", "reading") == "reading"
    assert app_processes(served.data_dir) == []


def test_ctrl_c_with_a_tab_open_stops_everything(browser_paths, served):
    with browser(*browser_paths) as driver:
        open_page(driver, served.url)
        wait_for(driver, READY_TEXT)
        assert len(app_processes(served.data_dir)) == 1
        code, out, err = served.stop()
        assert code == 0, err
        assert "aimath 서버를 멈췄습니다." in out
        deadline = time.monotonic() + 10
        while app_processes(served.data_dir) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert app_processes(served.data_dir) == []
