"""The Linux package end to end: build the frozen bundle and the .deb (installer/build.sh), check
it with lintian, install it into a scratch root with dpkg, run the installed app's --version and
self-test, and remove it again — leaving a user's profile alone."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def deb() -> Path:
    for tool in ("dpkg-deb", "objdump", "lintian"):
        assert shutil.which(tool), f"{tool} is needed (Debian: dpkg, binutils, lintian); .ci/run installs it"
    subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], cwd=ROOT, check=True, capture_output=True)
    (built,) = (ROOT / "dist").glob(f"branchdesk_{__version__}-*_*.deb")
    return built


def dpkg(root: Path, *args: str) -> subprocess.CompletedProcess:
    # A scratch root with a dpkg database of its own: nothing of this machine is touched.
    command = ["dpkg", f"--root={root}", "--force-not-root", "--force-depends", "--force-script-chrootless"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True)


def scratch_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (root / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    return root


def test_lintian_finds_no_errors(deb):
    report = subprocess.run(["lintian", "--tag-display-limit", "0", str(deb)], capture_output=True, text=True)
    errors = [line for line in report.stdout.splitlines() if line.startswith("E:")]
    assert errors == [] and report.returncode == 0, report.stdout


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
