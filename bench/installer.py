"""Figures for the installer: bundle and package sizes, and start-up of the frozen app and server
against the source tree. Prints figures only.

    installer/build.sh all && .venv/bin/python -u bench/installer.py [--starts 5]

The app's start-up is measured from launch to the main window mapped on an X server (Xvfb), on the
demo profile (2,000 made-up customers; made by a first start that is not counted); the server's,
from `serve` to its first /v1/health answer, on a migrated SQLite database. "Cold" starts drop the
page cache first (root only: /proc/sys/vm/drop_caches), as after a reboot; "warm" ones do not.
Whichever bundle is missing is skipped.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "branchdesk"
SERVER_BUNDLE = ROOT / "dist" / "branchdesk-server"
DISPLAY = ":93"


def size_mib(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20


def drop_caches() -> bool:
    try:
        subprocess.run(["sync"], check=True)
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def window_shown() -> bool:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree"], capture_output=True, text=True, env={**os.environ, "DISPLAY": DISPLAY}
    ).stdout
    return any("BranchDesk" in line and "Unlock" not in line for line in tree.splitlines())


def start_once(command: list[str], home: Path, cold: bool) -> float:
    """Seconds from launch until the main window is mapped."""
    if cold:
        drop_caches()
    env = {**os.environ, "DISPLAY": DISPLAY, "HOME": str(home), "QT_QPA_PLATFORM": "xcb"}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not window_shown():
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {process.returncode} before its window showed")
            if time.perf_counter() - started > 120:
                raise RuntimeError("no window after 120 s")
            time.sleep(0.01)
        return time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure(name: str, command: list[str], starts: int) -> None:
    home = Path(tempfile.mkdtemp(prefix=f"bd-start-{name}-"))
    start_once(command, home, cold=False)  # creates the demo profile; not counted
    report(name, starts, lambda cold: start_once(command, home, cold))


def report(name: str, starts: int, start: Callable[[bool], float]) -> None:
    for cold in (True, False):
        times = [start(cold) for _ in range(starts)]
        kind = "cold" if cold else "warm"
        print(
            f"{name:7} {kind}: median {statistics.median(times):.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in times)})"
        )


def server_start(program: str, folder: Path, cold: bool) -> float:
    """Seconds from `serve` until the server answers its health check."""
    if cold:
        drop_caches()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [program, "--data-dir", str(folder), "serve", "--port", str(port)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2).read()
                return time.perf_counter() - started
            except OSError:
                if process.poll() is not None or time.perf_counter() - started > 60:
                    raise RuntimeError(f"{program} serve gave no answer") from None
                time.sleep(0.01)
    finally:
        process.terminate()
        process.wait(timeout=30)


def measure_server(name: str, program: str, starts: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix=f"bd-server-{name}-"))
    subprocess.run([program, "--data-dir", str(folder), "migrate"], check=True, capture_output=True)
    report(name, starts, lambda cold: server_start(program, folder, cold))


def print_sizes() -> None:
    for bundle in (BUNDLE, SERVER_BUNDLE):
        if bundle.exists():
            print(f"bundle dist/{bundle.name}: {size_mib(bundle):.1f} MiB in files")
    for deb in sorted((ROOT / "dist").glob("branchdesk*.deb")):
        field = ["dpkg-deb", "-f", str(deb), "Installed-Size"]
        installed = int(subprocess.run(field, capture_output=True, text=True).stdout.strip()) / 1024
        print(f"{deb.name}: {deb.stat().st_size / 2**20:.1f} MiB to download, {installed:.1f} MiB installed")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=5)
    args = parser.parse_args()
    if not (BUNDLE / "branchdesk").exists() and not (SERVER_BUNDLE / "branchdesk-server").exists():
        sys.exit("build the bundles first: installer/build.sh all")
    print_sizes()
    if not drop_caches():
        print("(not root: 'cold' starts below are warm)")
    if (SERVER_BUNDLE / "branchdesk-server").exists():
        print("server: start to first /v1/health answer")
        measure_server("frozen", str(SERVER_BUNDLE / "branchdesk-server"), args.starts)
        measure_server("source", str(ROOT / ".venv" / "bin" / "branchdesk-server"), args.starts)
    if not (BUNDLE / "branchdesk").exists():
        return
    print("app: start to main window mapped")
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1280x800x24"], stderr=subprocess.DEVNULL)
    try:
        time.sleep(1)
        measure("frozen", [str(BUNDLE / "branchdesk"), "--demo"], args.starts)
        measure("source", [str(ROOT / ".venv" / "bin" / "branchdesk"), "--demo"], args.starts)
    finally:
        xvfb.terminate()


if __name__ == "__main__":
    main()
