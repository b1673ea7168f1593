"""Start at login: the XDG autostart entry is written and removed (this machine is Linux)."""

from __future__ import annotations

import shlex
import sys

from desktop import autostart


def test_enabling_writes_an_autostart_entry_that_starts_minimised(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    assert not autostart.is_enabled()
    autostart.set_enabled(True)
    entry = tmp_path / "autostart" / "branchdesk.desktop"
    text = entry.read_text()
    assert autostart.is_enabled() and "[Desktop Entry]" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert shlex.split(exec_line[5:]) == [sys.executable, "-m", "ui.main", "--minimized"]
    autostart.set_enabled(False)
    assert not entry.exists() and not autostart.is_enabled()
    autostart.set_enabled(False)  # removing twice is fine
