"""`branchdesk self-test`: what IT runs after installing — every part checked, failures named."""

from __future__ import annotations

from desktop.cli import main
from desktop.self_test import run_self_test
from ui.self_check import window_checks


def test_the_self_test_passes_on_a_whole_installation(qapp, capsys):
    assert main(["self-test"], window_checks=window_checks) == 0
    out = capsys.readouterr().out
    for check in ("store", "qt", "translations", "icons"):
        assert f"ok      {check}:" in out
    assert "SQLCipher 4." in out and "电话" in out and out.rstrip().endswith("all checks passed")


def test_a_failing_check_is_named_and_fails_the_run():
    lines = []

    def broken() -> str:
        raise FileNotFoundError("branchdesk_zh_CN.qm")

    assert run_self_test({"translations": broken}, out=lines.append) == 1
    assert lines[1].startswith("ok      store:")
    assert lines[2] == "FAILED  translations: FileNotFoundError: branchdesk_zh_CN.qm"
    assert lines[-1] == "1 check(s) failed"
