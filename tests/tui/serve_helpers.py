"""Drive ``aimath serve`` from a headless Chromium (Debian's chromium + chromium-driver, through
Selenium): shared by the end-to-end test and ``tests/bench/bench_serve.py``.

The page's terminal draws on a canvas, so the text is read from the websocket instead: a script
installed before the page loads wraps ``WebSocket`` and keeps the decoded stream (and the time
of every message) in ``window.__aimath``.
"""

from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800"]

WEBSOCKET_HOOK = r"""
window.__aimath = {text: '', times: [], keys: []};
const NativeWebSocket = window.WebSocket;
function HookedWebSocket(url, protocols) {
  const socket = protocols ? new NativeWebSocket(url, protocols) : new NativeWebSocket(url);
  const decoder = new TextDecoder();
  socket.addEventListener('message', async (event) => {
    const at = performance.now();
    let data = event.data;
    if (data instanceof Blob) data = await data.arrayBuffer();
    if (data instanceof ArrayBuffer) data = decoder.decode(data, {stream: true});
    window.__aimath.times.push(at);
    window.__aimath.text = (window.__aimath.text + data).slice(-400000);
  });
  return socket;
}
HookedWebSocket.prototype = NativeWebSocket.prototype;
Object.assign(HookedWebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
window.WebSocket = HookedWebSocket;
document.addEventListener('keydown', () => window.__aimath.keys.push(performance.now()), true);
"""

#: Shown once the main screen has been drawn.
READY_TEXT = "학습 진도"


def find_browser() -> tuple[str, str] | str:
    """(chromium, chromedriver) paths, or a sentence saying what is missing."""
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    chromium = next((p for p in map(shutil.which, ("chromium", "chromium-browser")) if p), None)
    driver = shutil.which("chromedriver")
    if chromium is None or driver is None:
        return "no headless browser: install Debian's chromium and chromium-driver (.ci/run does)"
    return chromium, driver


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_processes(data_dir: Path) -> list[int]:
    """Pids of aimath app processes started for ``data_dir`` (one per open tab)."""
    found = []
    needle = f"--data-dir\0{data_dir}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"-m\0tui\0" in command and needle in command and b"\0serve" not in command:
            found.append(int(entry.name))
    return found


class Served:
    """A running ``aimath serve`` process."""

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "--port", str(self.port), "--data-dir", str(self.data_dir)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.first_line = self.process.stdout.readline().strip()
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self, timeout: float = 20) -> tuple[int, str, str]:
        """Ctrl+C, then wait; (return code, stdout, stderr)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            out, err = self.process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            out, err = self.process.communicate()
        return self.process.returncode, out, err


def make_driver(chromium: str, chromedriver: str):
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="aimath-chromium-")
    for flag in [*CHROME_FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(chromedriver), options=options)
    driver.aimath_profile = profile
    return driver


def open_page(driver, url: str, new_tab: bool = False) -> str:
    """Open ``url`` (in a new tab if asked) with the websocket hook; the tab's handle."""
    if new_tab:
        driver.switch_to.new_window("tab")
    # A CDP script belongs to one tab: install it in each before loading the page.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WEBSOCKET_HOOK})
    driver.get(url)
    return driver.current_window_handle


@contextmanager
def browser(chromium: str, chromedriver: str):
    driver = make_driver(chromium, chromedriver)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(driver.aimath_profile, ignore_errors=True)


def stream(driver) -> str:
    return driver.execute_script("return window.__aimath ? window.__aimath.text : ''")


def wait_for(driver, text: str, timeout: float = 30.0, after: int = 0) -> float:
    """Wait until ``text`` arrives on this tab's websocket (at or after offset ``after``);
    seconds waited.  Raises AssertionError with the tail of the stream on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if text in stream(driver)[after:]:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never reached the browser; last output: {stream(driver)[-300:]!r}")


def press(driver, keys: str) -> None:
    from selenium.webdriver.common.by import By

    driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea").send_keys(keys)


def screenshot_stats(driver, png: bytes) -> dict:
    """Distinct colours and the share of pixels unlike the most common one, measured by the
    browser itself (no imaging library needed)."""
    script = """
    const done = arguments[arguments.length - 1];
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement('canvas');
      canvas.width = image.width; canvas.height = image.height;
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const counts = new Map();
      for (let i = 0; i < data.length; i += 4) {
        const key = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
        counts.set(key, (counts.get(key) || 0) + 1);
      }
      const most = Math.max(...counts.values());
      done({width: image.width, height: image.height, colours: counts.size,
            other: 1 - most / (data.length / 4)});
    };
    image.src = 'data:image/png;base64,' + arguments[0];
    """
    return driver.execute_async_script(script, base64.b64encode(png).decode())


def lesson_status(data_dir: Path, lesson_id: str) -> str:
    sys.path.insert(0, str(ROOT))
    from progress import open_store

    store = open_store(data_dir)
    try:
        return store.lesson_status(lesson_id)
    finally:
        store.close()


def wait_for_status(data_dir: Path, lesson_id: str, status: str, timeout: float = 15.0) -> str:
    start = time.perf_counter()
    seen = lesson_status(data_dir, lesson_id)
    while seen != status and time.perf_counter() - start < timeout:
        time.sleep(0.1)
        seen = lesson_status(data_dir, lesson_id)
    return seen
