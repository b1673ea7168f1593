"""`branchdesk login`, `sync` and `logout` run as real processes against a real server."""

from __future__ import annotations

from tests.desktop.test_cli import PASSPHRASE, run
from tests.server.conftest import PASSWORD


def cli(*args, home, stdin=None, lang="zh_CN"):
    return run(
        *args,
        home=home,
        stdin=stdin,
        env_extra={"BRANCHDESK_PASSPHRASE": PASSPHRASE, "BRANCHDESK_LANG": lang},
    )


def test_login_sync_logout_from_the_command_line(server, tmp_path):
    home = tmp_path / "profile"
    assert cli("init", "--name", "王芳", home=home).returncode == 0
    not_yet = cli("sync", home=home)
    assert not_yet.returncode == 2 and "尚未连接服务器" in not_yet.stderr
    wrong = cli("login", "--server", server, "--user", "wang", home=home, stdin="not the password\n")
    assert wrong.returncode == 2 and "用户名或密码错误" in wrong.stderr
    assert PASSWORD not in wrong.stderr + wrong.stdout
    ok = cli("login", "--server", server, "--user", "wang", home=home, stdin=PASSWORD + "\n")
    assert ok.returncode == 0 and "王芳" in ok.stdout, ok.stderr
    synced = cli("sync", home=home, lang="en")
    assert synced.returncode == 0 and synced.stdout.startswith("Synced:"), synced.stderr
    assert cli("logout", home=home).returncode == 0
    after = cli("sync", home=home, lang="en")
    assert after.returncode == 2 and "Log in again" in after.stderr


def test_plain_http_to_another_computer_is_refused(tmp_path):
    home = tmp_path / "profile"
    cli("init", home=home)
    refused = cli("login", "--server", "http://crm.bank.example", "--user", "wang", home=home, stdin="x\n")
    assert refused.returncode == 2 and "https://" in refused.stderr


def test_a_server_that_is_down_is_told_plainly(tmp_path):
    home = tmp_path / "profile"
    cli("init", home=home)
    down = cli("login", "--server", "http://127.0.0.1:9", "--user", "wang", home=home, stdin=PASSWORD + "\n")
    assert down.returncode == 2 and "无法连接服务器" in down.stderr
