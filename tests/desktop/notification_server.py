"""A real notification server for tests: a private session bus, Xvfb and dunst.

Every `Notify` call is recorded by `dbus-monitor`. An action is invoked the way a user would:
dunst's context menu (`dunstctl context`) runs our "dmenu", a script that picks the action named
in a file; dunst then sends the real `ActionInvoked` signal to the app.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

NEEDED = ("Xvfb", "dbus-daemon", "dbus-monitor", "dunst", "dunstctl")


@dataclass
class RecordedNotify:
    """One Notify call as the bus carried it."""

    app_name: str
    summary: str
    body: str
    actions: list[tuple[str, str]]  # (id, label), the body-click "default" left out


class NotificationServer:
    """Starts the bus, the display, dunst and the recorder; stops them all."""

    def __init__(self, folder: Path) -> None:
        missing = [tool for tool in NEEDED if shutil.which(tool) is None]
        if missing:  # fail loudly: CI installs these (.ci/run)
            raise RuntimeError(
                f"notification test tools missing: {', '.join(missing)} (apt-get: dbus dunst xvfb)"
            )
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.display = f":{90 + os.getpid() % 400}"
        self.monitor_log = folder / "monitor.txt"
        self.choice = folder / "choice.txt"

    def start(self) -> NotificationServer:
        self._spawn(["Xvfb", self.display, "-screen", "0", "640x480x24", "-nolisten", "tcp"])
        bus = subprocess.run(
            ["dbus-daemon", "--session", "--print-address=1", "--print-pid=1", "--fork"],
            capture_output=True,
            text=True,
            check=True,
        )
        address, pid = bus.stdout.split()[:2]
        self.address, self.bus_pid = address.strip(), int(pid)
        picker = self.folder / "pick.sh"
        picker.write_text(f'#!/bin/sh\nwanted=$(cat "{self.choice}")\ngrep -m1 ",$wanted]"\n')
        picker.chmod(0o755)
        config = self.folder / "dunstrc"
        config.write_text(f"[global]\n    dmenu = {picker}\n")
        self._spawn(["dunst", "-config", str(config)])
        self._wait_for_name("org.freedesktop.Notifications")
        log = self.monitor_log.open("w")
        self._spawn(["dbus-monitor", "--session", "interface='org.freedesktop.Notifications'"], stdout=log)
        time.sleep(0.3)  # the monitor's match rule is in place
        return self

    @property
    def env(self) -> dict[str, str]:
        return {"DBUS_SESSION_BUS_ADDRESS": self.address, "DISPLAY": self.display}

    def notifications(self) -> list[RecordedNotify]:
        """Every Notify call recorded so far, oldest first."""
        text = self.monitor_log.read_text(errors="replace")
        calls = []
        for block in text.split("method call ")[1:]:
            if "member=Notify" not in block.splitlines()[0]:
                continue
            strings = re.findall(r'^\s+string "(.*)"$', block, re.MULTILINE)
            app, _icon, summary, body, *rest = strings
            pairs = list(zip(rest[0::2], rest[1::2], strict=False))
            calls.append(RecordedNotify(app, summary, body, [p for p in pairs if p[0] != "default"]))
        return calls

    def invoke(self, action: str) -> None:
        """Choose `action` on the newest notification through dunst's context menu."""
        self.choice.write_text(action)
        subprocess.run(["dunstctl", "context"], env={**os.environ, **self.env}, check=True, timeout=10)

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
        os.kill(self.bus_pid, signal.SIGTERM)

    def _spawn(self, command: list[str], stdout=subprocess.DEVNULL) -> None:
        env = {**os.environ, "DISPLAY": self.display}
        if hasattr(self, "address"):
            env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.processes.append(subprocess.Popen(command, env=env, stdout=stdout, stderr=subprocess.DEVNULL))
        if command[0] == "Xvfb":
            time.sleep(0.5)

    def _wait_for_name(self, name: str) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            owner = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/",
                    "org.freedesktop.DBus.NameHasOwner",
                    f"string:{name}",
                ],
                env={**os.environ, **self.env},
                capture_output=True,
                text=True,
            )
            if "boolean true" in owner.stdout:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{name} did not appear on the test bus")
