"""Start at login: the platform's own autostart entry for BranchDesk, added or removed.

Linux (UOS and Kylin included): an XDG autostart `.desktop` file; Windows: a value under the
user's `Run` registry key; macOS: a LaunchAgent. The app starts minimised to the tray.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import sys
from pathlib import Path

APP_ID = "branchdesk"
START_MINIMISED = "--minimized"
_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def launch_command() -> list[str]:
    """How to start this installation of BranchDesk, minimised to the tray."""
    if getattr(sys, "frozen", False):  # the installed bundle: its executable is the app
        return [sys.executable, START_MINIMISED]
    return [sys.executable, "-m", "ui.main", START_MINIMISED]


def is_enabled() -> bool:
    """Whether BranchDesk is set to start at login for this user."""
    if sys.platform == "win32":
        return _windows_value() is not None
    return _entry_path().exists()


def set_enabled(enabled: bool) -> None:
    """Add or remove the autostart entry (OSError when the platform refuses)."""
    if sys.platform == "win32":
        _set_windows(enabled)
        return
    path = _entry_path()
    if not enabled:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_mac_plist() if sys.platform == "darwin" else _desktop_entry().encode())


def _entry_path() -> Path:
    if sys.platform == "darwin":
        return Path.home() / "Library" / "LaunchAgents" / f"cn.branchdesk.{APP_ID}.plist"
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "autostart" / f"{APP_ID}.desktop"


def _desktop_entry() -> str:
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=BranchDesk",
            "Name[zh_CN]=BranchDesk 客户经理工作台",
            f"Exec={shlex.join(launch_command())}",
            "Icon=branchdesk",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def _mac_plist() -> bytes:
    return plistlib.dumps(
        {"Label": f"cn.branchdesk.{APP_ID}", "ProgramArguments": launch_command(), "RunAtLoad": True}
    )


def _windows_value() -> str | None:
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
            return winreg.QueryValueEx(key, "BranchDesk")[0]
    except FileNotFoundError:
        return None


def _set_windows(enabled: bool) -> None:
    import subprocess
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, _RUN_KEY) as key:
        if enabled:
            winreg.SetValueEx(key, "BranchDesk", 0, winreg.REG_SZ, subprocess.list2cmdline(launch_command()))
        else:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, "BranchDesk")
