"""The `branchdesk` command line, run as a real process on a real profile."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

import pytest

from desktop.cli import DEMO_CUSTOMERS, open_demo
from storage.migrate import head_revision
from storage.services.customer_query import count_customers

PASSPHRASE = "a long enough passphrase"


def run(*args, env_extra=None, stdin=None, home):
    env = {
        **os.environ,
        "BRANCHDESK_HOME": str(home),
        "BRANCHDESK_KEY_STORAGE": "passphrase",
        "BRANCHDESK_LANG": "zh_CN",
        **(env_extra or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture
def home(tmp_path):
    return tmp_path / "profile"


def test_version(home):
    result = run("--version", home=home)
    assert result.returncode == 0 and result.stdout.startswith("BranchDesk ")


def test_init_demo_data_and_doctor(home):
    env = {"BRANCHDESK_PASSPHRASE": PASSPHRASE}
    created = run("init", "--name", "王经理", env_extra=env, home=home)
    assert created.returncode == 0, created.stderr
    assert "passphrase" in created.stdout
    filled = run(
        "demo-data",
        "--customers",
        "300",
        "--calls-per-customer",
        "3",
        "--seed",
        "5",
        env_extra=env,
        home=home,
    )
    assert filled.returncode == 0, filled.stderr
    report = run("doctor", env_extra=env, home=home)
    assert report.returncode == 0, report.stderr
    lines = dict(line.split(": ", 1) for line in report.stdout.splitlines() if ": " in line)
    assert lines["customer"] == "300" and lines["call_log"] == "900"
    assert lines["key storage"] == "passphrase"
    assert lines["cipher version"].startswith("SQLCipher 4.")
    assert lines["schema version"].startswith(head_revision())
    assert lines["integrity"] == "ok"
    assert lines["profile"] == str(home.resolve())


def test_passphrase_from_stdin_and_wrong_passphrase(home):
    assert run("init", stdin=PASSPHRASE + "\n", home=home).returncode == 0
    assert run("doctor", stdin=PASSPHRASE + "\n", home=home).returncode == 0
    wrong = run("doctor", stdin="not it at all\n", home=home)
    assert wrong.returncode == 2
    assert "口令错误" in wrong.stderr and "Traceback" not in wrong.stderr
    english = run("doctor", stdin="not it at all\n", env_extra={"BRANCHDESK_LANG": "en"}, home=home)
    assert "passphrase is wrong" in english.stderr


def test_missing_profile_is_a_clear_error(home):
    result = run("doctor", home=home)
    assert result.returncode == 2
    assert "branchdesk init" in result.stderr and "Traceback" not in result.stderr


def test_passwd_changes_the_passphrase(home):
    assert run("init", stdin=PASSPHRASE + "\n", home=home).returncode == 0
    changed = run(
        "passwd", "--new-passphrase-stdin", stdin=f"{PASSPHRASE}\nanother long passphrase\n", home=home
    )
    assert changed.returncode == 0, changed.stderr
    assert run("doctor", stdin="another long passphrase\n", home=home).returncode == 0


def test_demo_profile_is_created_once_with_customers(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANCHDESK_KEY_STORAGE", "passphrase")
    args = argparse.Namespace(data_dir=str(tmp_path / "demo"))
    store = open_demo(args)
    with store.read() as session:
        assert count_customers(session) == DEMO_CUSTOMERS
    store.close()
    again = open_demo(args)  # reopened, not refilled
    with again.read() as session:
        assert count_customers(session) == DEMO_CUSTOMERS
    again.close()
