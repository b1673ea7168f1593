"""A real notification server for tests: a private session bus, Xvfb and dunst.

Every call on `org.freedesktop.Notifications` is recorded by `dbus-monitor`. An action is invoked
the way a user would: dunst's context menu (`dunstctl context`) runs our "dmenu", a script that
picks the action asked for; dunst then sends the real `ActionInvoked` signal to the app.

The bus has its own configuration without service directories, so nothing is started by D-Bus
activation: with `with_daemon=False` it is a working session bus on which nobody offers
notifications.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# The Debian packages that bring them; .ci/run installs these.
NEEDED = {
    "Xvfb": "xvfb",
    "dbus-daemon": "dbus",
    "dbus-monitor": "dbus",
    "dbus-send": "dbus",
    "dunst": "dunst",
    "dunstctl": "dunst",
}
START_TIMEOUT_S = 10

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

# dunst pipes its context menu ("#Snooze 1 h (summary) [7,snooze]", one line per action of every
# notification on screen) into "dmenu" and invokes the line that comes back. Ours answers with the
# wanted action of the newest such notification (the highest id) and notes what it picked.
PICKER = """#!{python}
import re, sys
wanted, summary = open({choice!r}, encoding="utf-8").read().split("\\n", 1)
offered = []
for line in sys.stdin.read().splitlines():
    found = re.search(r" \\((.*)\\) \\[(\\d+),(.*)\\]$", line)
    if found and found.group(3) == wanted and summary in ("", found.group(1)):
        offered.append((int(found.group(2)), line))
picked = max(offered)[1] if offered else ""
with open({picked!r}, "w", encoding="utf-8") as out:
    out.write(picked or "-")
if picked:
    sys.stdout.write(picked + "\\n")
    sys.stdout.flush()
"""

# One Notify call as dbus-monitor prints it. Strings are printed unescaped and may span lines, so
# each is matched up to the quote that the next argument's line follows.
NOTIFY = re.compile(
    r'^   string "(?P<app>.*?)"\n   uint32 \d+\n   string "(?P<icon>.*?)"\n'
    r'   string "(?P<summary>.*?)"\n   string "(?P<body>.*?)"\n'
    r"   array \[\n(?P<actions>.*?)^   \]\n   array \[",
    re.MULTILINE | re.DOTALL,
)
ACTION_STRING = re.compile(r'^      string "(.*?)"(?=\n      string "|\n?\Z)', re.MULTILINE | re.DOTALL)
MESSAGE_START = re.compile(r"^(?:method call|method return|signal|error) time=", re.MULTILINE)


@dataclass
class RecordedNotify:
    """One Notify call as the bus carried it."""

    app_name: str
    summary: str
    body: str
    actions: list[tuple[str, str]]  # (id, label), the body-click "default" left out


class NotificationServer:
    """Starts the bus, the display, dunst and the recorder; `stop` ends them all."""

    def __init__(self, folder: Path, with_daemon: bool = True) -> None:
        missing = sorted({package for tool, package in NEEDED.items() if shutil.which(tool) is None})
        if missing:  # fail, not skip: CI installs these (.ci/run)
            raise RuntimeError(
                "the notification tests need a D-Bus session bus, Xvfb and dunst; missing: "
                f"apt-get install {' '.join(missing)} (see .ci/run)"
            )
        self.folder = folder
        self.with_daemon = with_daemon
        self.processes: list[subprocess.Popen] = []
        self.bus_pid: int | None = None
        self.address = ""
        self.display = ""
        # Unix socket paths are limited to ~108 bytes: pytest's tmp_path can be longer.
        self.socket_dir = Path(tempfile.mkdtemp(prefix="bd-bus-"))
        self.monitor_log = folder / "monitor.txt"
        self.choice = folder / "choice.txt"
        self.picked = folder / "picked.txt"

    def start(self) -> NotificationServer:
        """Start everything and wait until each part answers; on any failure stop what started."""
        try:
            self._start_bus()
            if self.with_daemon:
                self._start_display()
                self._start_dunst()
            self._start_monitor()
        except BaseException:
            self.stop()
            raise
        return self

    @property
    def env(self) -> dict[str, str]:
        """The variables that point a client at this bus (and display)."""
        env = {"DBUS_SESSION_BUS_ADDRESS": self.address}
        if self.display:
            env["DISPLAY"] = self.display
        return env

    def notifications(self) -> list[RecordedNotify]:
        """Every Notify call recorded so far, oldest first."""
        text = self.monitor_log.read_text(encoding="utf-8", errors="replace")
        starts = [m.start() for m in MESSAGE_START.finditer(text)] + [len(text)]
        calls = []
        for begin, end in itertools.pairwise(starts):
            header, _, args = text[begin:end].partition("\n")
            if not header.startswith("method call ") or not header.endswith("member=Notify"):
                continue
            found = NOTIFY.search(args)
            if found is None:  # still being written
                continue
            strings = ACTION_STRING.findall(found["actions"])
            pairs = list(zip(strings[0::2], strings[1::2], strict=True))
            calls.append(
                RecordedNotify(
                    found["app"],
                    found["summary"],
                    found["body"],
                    [pair for pair in pairs if pair[0] != "default"],
                )
            )
        return calls

    def invoke(self, action: str, summary: str = "") -> None:
        """Choose `action` ("default": a click on the body) on the newest notification on screen that
        offers it (and has that summary, if given); fail if there is none."""
        self.choice.write_text(f"{action}\n{summary}", encoding="utf-8")
        self.picked.unlink(missing_ok=True)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not self._picked():
            if time.monotonic() > deadline:
                raise AssertionError("dunst did not open its context menu")
            # dunst refuses ("already running") until it has dealt with the previous menu's answer;
            # it runs one menu at a time, so asking again cannot choose twice.
            self._run(["dunstctl", "context"])
            retry = time.monotonic() + 0.5
            while not self._picked() and time.monotonic() < retry:
                time.sleep(0.02)
        if self.picked.read_text(encoding="utf-8") == "-":
            raise AssertionError(f"no notification on screen offers the action {action!r} {summary!r}")

    def _picked(self) -> bool:
        return self.picked.exists() and bool(self.picked.read_text(encoding="utf-8"))

    def displayed(self) -> int:
        """How many notifications dunst shows now."""
        return int(self._run(["dunstctl", "count", "displayed"]).stdout)

    def stop(self) -> None:
        """End every process started, and the bus."""
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        if self.bus_pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.bus_pid, signal.SIGTERM)
            self.bus_pid = None
        shutil.rmtree(self.socket_dir, ignore_errors=True)

    # Starting ------------------------------------------------------------------------------------

    def _start_bus(self) -> None:
        config = self.folder / "bus.conf"
        config.write_text(BUS_CONFIG.format(folder=self.socket_dir), encoding="utf-8")
        started = subprocess.run(
            ["dbus-daemon", f"--config-file={config}", "--print-address=1", "--print-pid=1", "--fork"],
            capture_output=True,
            text=True,
            check=True,
            timeout=START_TIMEOUT_S,
        )
        address, pid = started.stdout.split()[:2]
        self.address, self.bus_pid = address, int(pid)

    def _start_display(self) -> None:
        # -displayfd: Xvfb picks a free display itself and writes its number once it accepts clients.
        read_end, write_end = os.pipe()
        try:
            self._spawn(
                ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "640x480x24", "-nolisten", "tcp"],
                pass_fds=(write_end,),
            )
            os.close(write_end)
            write_end = -1
            # Read up to the newline: Xvfb writes the number and "\n" apart and dies if the pipe is
            # closed between the two.
            answer = b""
            deadline = time.monotonic() + START_TIMEOUT_S
            while not answer.endswith(b"\n"):
                ready, _, _ = select.select([read_end], [], [], max(0, deadline - time.monotonic()))
                chunk = os.read(read_end, 32) if ready else b""
                if not chunk:
                    break
                answer += chunk
            number = answer.decode().strip()
        finally:
            os.close(read_end)
            if write_end != -1:
                os.close(write_end)
        if not number:
            raise RuntimeError(f"Xvfb did not start (see {self.folder / 'Xvfb.err'})")
        self.display = f":{number}"

    def _start_dunst(self) -> None:
        picker = self.folder / "pick.py"
        picker.write_text(
            PICKER.format(python=sys.executable, choice=str(self.choice), picked=str(self.picked)),
            encoding="utf-8",
        )
        picker.chmod(0o755)
        config = self.folder / "dunstrc"
        config.write_text(f"[global]\n    dmenu = {picker}\n", encoding="utf-8")
        self._spawn(["dunst", "-config", str(config)])
        self._wait_until(
            lambda: self._has_owner("org.freedesktop.Notifications"),
            f"dunst did not take org.freedesktop.Notifications (see {self.folder / 'dunst.err'})",
        )

    def _has_owner(self, name: str) -> bool:
        reply = self._run(
            [
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/",
                "org.freedesktop.DBus.NameHasOwner",
                f"string:{name}",
            ]
        )
        return "boolean true" in reply.stdout

    def _start_monitor(self) -> None:
        with self.monitor_log.open("w", encoding="utf-8") as log:  # the child keeps its own handle
            self._spawn(
                ["dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"], stdout=log
            )

        # Recording starts once the monitor's match rule is in place: ping until a probe shows up.
        def recorded_a_probe() -> bool:
            self._run(
                ["dbus-send", "--session", "--type=signal", "/probe", "org.freedesktop.Notifications.Probe"]
            )
            return "member=Probe" in self.monitor_log.read_text(encoding="utf-8", errors="replace")

        self._wait_until(recorded_a_probe, "dbus-monitor did not start recording")

    def _spawn(self, command: list[str], stdout=subprocess.DEVNULL, pass_fds=()) -> None:
        # Each one's errors go to a file of its own, for when a start fails.
        with (self.folder / f"{command[0]}.err").open("w", encoding="utf-8") as errors:
            self.processes.append(
                subprocess.Popen(command, env=self._env(), stdout=stdout, stderr=errors, pass_fds=pass_fds)
            )

    def _run(self, command: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            command, env=self._env(), capture_output=True, text=True, timeout=START_TIMEOUT_S
        )

    def _env(self) -> dict[str, str]:
        return {**os.environ, **self.env}

    def _wait_until(self, condition, failure: str) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not condition():
            if time.monotonic() > deadline:
                raise RuntimeError(failure)
            time.sleep(0.05)
