"""End to end: the real `branchdesk --demo` process on a virtual X server, with a screenshot."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xwininfo", "import")


def _free_display() -> int:
    for number in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{number}").exists() and not Path(f"/tmp/.X{number}-lock").exists():
            return number
    raise RuntimeError("no free X display number")


@pytest.fixture
def xserver():
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    assert not missing, f"install {missing} (Debian: xvfb x11-utils imagemagick) — .ci/run does"
    number = _free_display()
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1440x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while not Path(f"/tmp/.X11-unix/X{number}").exists():
        assert time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(10)


def _window_titles(display: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        capture_output=True,
        text=True,
        env={**os.environ, "DISPLAY": display},
        timeout=20,
    )
    return result.stdout


@pytest.mark.slow
def test_demo_window_opens_and_is_screenshotted(xserver, tmp_path):
    env = {
        **os.environ,
        "DISPLAY": xserver,
        "QT_QPA_PLATFORM": "xcb",
        "BRANCHDESK_HOME": str(tmp_path / "home"),
        "BRANCHDESK_KEY_STORAGE": "passphrase",
        "BRANCHDESK_LANG": "zh_CN",
    }
    app = subprocess.Popen(
        [sys.executable, "-m", "ui.main", "--demo"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while "客户经理工作台" not in _window_titles(xserver):
            assert app.poll() is None, app.stdout.read()
            assert time.monotonic() < deadline, "the main window did not appear"
            time.sleep(0.5)
        time.sleep(3)  # let the first page of the list and the reminders paint
        shot = tmp_path / "main-window.png"
        subprocess.run(
            ["import", "-window", "root", str(shot)],
            env={**os.environ, "DISPLAY": xserver},
            check=True,
            timeout=30,
        )
        print(f"screenshot: {shot}")
        image = QImage(str(shot))
        assert image.width() == 1440 and image.height() == 900
        colours = {image.pixel(x, y) for x in range(0, 1440, 37) for y in range(0, 900, 29)}
        assert len(colours) > 20, "the screenshot is (nearly) blank"
        assert app.poll() is None, "the app exited"
    finally:
        app.terminate()
        try:
            app.wait(20)
        except subprocess.TimeoutExpired:
            app.kill()
