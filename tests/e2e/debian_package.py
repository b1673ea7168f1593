"""What the package tests share: a .deb built by installer/build.sh, lintian's verdict on it, and
dpkg working on a scratch root with a database of its own — nothing of this machine is touched."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def build_deb(target: str, package: str) -> Path:
    """`installer/build.sh TARGET`; the .deb of `package` it made."""
    for tool in ("dpkg-deb", "objdump", "lintian"):
        assert shutil.which(tool), f"{tool} is needed (Debian: dpkg, binutils, lintian); .ci/run installs it"
    build = subprocess.run(
        ["bash", str(ROOT / "installer" / "build.sh"), target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "BRANCHDESK_DEB_COMPRESSION": "gzip 1"},  # xz only costs time here
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    (built,) = (ROOT / "dist").glob(f"{package}_{__version__}-*_*.deb")
    return built


def start_lintian(deb: Path) -> subprocess.Popen:
    """lintian checking `deb` in the background (it takes a while: the package's every ELF file)."""
    command = ["lintian", "--tag-display-limit", "0", str(deb)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def lintian_errors(lintian: subprocess.Popen) -> tuple[list[str], str]:
    """The errors lintian reports (its overrides applied), and its whole report."""
    report, complaints = lintian.communicate(timeout=900)
    errors = [line for line in report.splitlines() if line.startswith("E:")]
    if lintian.returncode != 0 and not errors:
        errors = [f"lintian exited with {lintian.returncode}: {complaints}"]
    return errors, report


def scratch_root(folder: Path) -> Path:
    """An empty root in `folder` with a dpkg database of its own."""
    root = folder / "root"
    for path in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers"):
        (root / path).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    return root


def dpkg(root: Path, *args: str) -> subprocess.CompletedProcess:
    """dpkg on the scratch root; maintainer scripts run here with $DPKG_ROOT set to it."""
    command = ["dpkg", f"--root={root}", "--force-not-root", "--force-depends", "--force-script-chrootless"]
    return subprocess.run([*command, *args], check=True, capture_output=True, text=True)
