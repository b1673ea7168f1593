"""The Linux package end to end: build the frozen bundle and the .deb (installer/build.sh), check
it with lintian, install it into a scratch root with dpkg, run the installed app's --version and
self-test, and remove it again — leaving a user's profile alone."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from desktop import __version__
from tests.e2e.debian_package import build_deb, dpkg, lintian_errors, scratch_root, start_lintian

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def deb() -> Path:
    return build_deb("desktop", "branchdesk")


def test_lintian_finds_no_errors(deb):
    errors, report = lintian_errors(start_lintian(deb))
    assert errors == [], report


def test_install_run_and_remove(deb, tmp_path):
    root = scratch_root(tmp_path)
    dpkg(root, "--install", str(deb))
    app = root / "opt/branchdesk/branchdesk"
    launcher = (root / "usr/bin/branchdesk").read_text()
    assert "exec /opt/branchdesk/branchdesk" in launcher and os.access(root / "usr/bin/branchdesk", os.X_OK)
    entry = (root / "usr/share/applications/branchdesk.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=BranchDesk 客户经理工作台" in entry and "Exec=branchdesk" in entry
    assert (root / "usr/share/icons/hicolor/scalable/apps/branchdesk.svg").exists()
    assert "--minimized" in (root / "usr/share/branchdesk/branchdesk-autostart.desktop").read_text()
    assert not (root / "etc/xdg/autostart").exists()  # autostart is each user's choice

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path / "home")}
    version = subprocess.run([str(app), "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"BranchDesk {__version__}"
    test = subprocess.run([str(app), "self-test"], capture_output=True, text=True, env=env, timeout=120)
    assert test.returncode == 0, test.stdout + test.stderr
    assert "all checks passed" in test.stdout and "FAILED" not in test.stdout

    profile = root / "home/manager/.local/share/BranchDesk/branchdesk.db"
    profile.parent.mkdir(parents=True)
    profile.write_bytes(b"encrypted")  # a user's profile, as the app leaves it in their home
    dpkg(root, "--purge", "branchdesk")
    assert not (root / "opt/branchdesk").exists() and not (root / "usr/bin/branchdesk").exists()
    assert profile.read_bytes() == b"encrypted"
