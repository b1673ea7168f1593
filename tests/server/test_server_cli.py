"""`branchdesk-server`: migrate, branches and users from the command line, the refusal of plain
HTTP on the network, and a real server process answering on a loopback port."""

from __future__ import annotations

import io
import sys

import httpx
import pytest

from server.cli import main
from server.migrate import head_revision
from tests.server.conftest import PASSWORD, start_server


def run(monkeypatch, capsys, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_administration_from_the_command_line(database_url, tmp_path, monkeypatch, capsys):
    base = ["--data-dir", str(tmp_path / "home"), "--database-url", database_url]
    assert run(monkeypatch, capsys, *base, "migrate")[0] == 0
    again = run(monkeypatch, capsys, *base, "migrate")[1]
    assert again == f"schema at revision {head_revision()}\n"  # no change
    assert run(monkeypatch, capsys, *base, "branch", "add", "0101", "南京路支行")[0] == 0
    code, _out, err = run(monkeypatch, capsys, *base, "branch", "add", "0101", "又一个")
    assert code == 2 and "0101" in err
    add = [*base, "user", "add", "wang", "--role", "manager", "--branch", "0101"]
    assert run(monkeypatch, capsys, *add, stdin=PASSWORD + "\n")[0] == 0
    code, _out, err = run(
        monkeypatch, capsys, *base, "user", "add", "li", "--role", "manager", stdin=PASSWORD + "\n"
    )
    assert code == 2 and "--branch" in err
    code, _out, err = run(
        monkeypatch, capsys, *base, "user", "add", "root", "--role", "admin", stdin="short\n"
    )
    assert code == 2 and "10 characters" in err
    assert (
        run(monkeypatch, capsys, *base, "user", "reset-password", "wang", stdin="another long password\n")[0]
        == 0
    )
    assert run(monkeypatch, capsys, *base, "user", "disable", "wang")[0] == 0
    assert run(monkeypatch, capsys, *base, "user", "disable", "nobody")[0] == 2


def test_plain_http_is_refused_off_loopback_and_an_old_schema_too(tmp_path, monkeypatch, capsys):
    base = ["--data-dir", str(tmp_path)]
    code, _out, err = run(monkeypatch, capsys, *base, "serve", "--host", "0.0.0.0")
    assert code == 2 and "plain HTTP" in err
    code, _out, err = run(monkeypatch, capsys, *base, "serve", "--tls-cert", "c.pem")
    assert code == 2 and "--tls-key" in err
    code, _out, err = run(monkeypatch, capsys, *base, "serve", "--port", "1")  # never migrated
    assert code == 2 and "migrate" in err


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_real_server_process_answers_on_loopback(database_url, tmp_path, monkeypatch, capsys):
    base = ["--data-dir", str(tmp_path / "home")]  # the embedded default: SQLite in the data folder
    assert run(monkeypatch, capsys, *base, "migrate")[0] == 0
    run(monkeypatch, capsys, *base, "branch", "add", "0101", "南京路支行")
    run(
        monkeypatch,
        capsys,
        *base,
        "user",
        "add",
        "wang",
        "--role",
        "manager",
        "--branch",
        "0101",
        stdin=PASSWORD,
    )
    process, url = start_server(*base)
    try:
        health = httpx.get(f"{url}/v1/health", timeout=10)
        assert health.json()["status"] == "ok" and len(health.json()["epoch"]) == 16
        body = {"username": "wang", "password": PASSWORD, "device_id": "laptop-1"}
        assert httpx.post(f"{url}/v1/login", json=body, timeout=10).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=30)
