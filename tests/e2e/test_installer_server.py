"""The sync server's Debian package end to end: build its frozen bundle and .deb (installer/build.sh
server), check it with lintian, install it into a scratch root with dpkg, check the systemd unit,
the settings and the launcher, run the installed server as the unit runs it — on SQLite and on
PostgreSQL — with branches and users added through the launcher as an administrator would, and
remove and purge the package, which keeps the database."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from tests.e2e.debian_package import build_deb, dpkg, lintian_errors, scratch_root, start_lintian
from tests.server.conftest import PASSWORD, PG_URL, free_port

pytestmark = pytest.mark.slow

PROGRAM = "/opt/branchdesk-server/branchdesk-server"
UNIT = "lib/systemd/system/branchdesk-server.service"
SETTINGS = "etc/branchdesk-server/server.env"
SCRATCH_DATABASE = "branchdesk_pkgtest"  # on the test PostgreSQL; never its database "test"


@pytest.fixture(scope="module")
def deb() -> Path:
    return build_deb("server", "branchdesk-server")


@pytest.fixture(scope="module", autouse=True)
def lintian(deb) -> Iterator[subprocess.Popen]:
    """lintian started before this module's first test, so that it checks the package while the
    others install and run it; test_lintian_finds_no_errors, the last, reads its verdict."""
    process = start_lintian(deb)
    yield process
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def installed(deb, tmp_path_factory) -> Path:
    root = scratch_root(tmp_path_factory.mktemp("server-package"))
    result = dpkg(root, "--install", str(deb))
    # In another root, postinst leaves the account alone: adduser would change this machine's.
    assert "no account made there" in result.stderr
    return root


def test_files_in_place(installed):
    launcher = installed / "usr/bin/branchdesk-server"
    assert os.access(launcher, os.X_OK) and f"program={PROGRAM}" in launcher.read_text()
    assert os.access(installed / PROGRAM.lstrip("/"), os.X_OK)
    bundled = {path.name for path in (installed / "opt/branchdesk-server/_internal").iterdir()}
    assert not bundled & {"PySide6", "shiboken6", "sqlcipher3"}  # nothing of the desktop app
    assert (installed / "usr/share/man/man8/branchdesk-server.8.gz").exists()
    assert (installed / "usr/share/doc/branchdesk-server/copyright").exists()
    status = dpkg(installed, "--status", "branchdesk-server").stdout
    assert f"/{SETTINGS} " in status.split("Conffiles:")[1]
    # Enabled at installation (deb-systemd-helper works inside $DPKG_ROOT), started nowhere.
    wanted = installed / "etc/systemd/system/multi-user.target.wants/branchdesk-server.service"
    assert os.readlink(wanted) == f"/{UNIT}"


def test_default_settings(installed):
    settings = env_file((installed / SETTINGS).read_text())
    assert settings["BRANCHDESK_SERVER_HOME"] == "/var/lib/branchdesk-server"
    assert (settings["BRANCHDESK_SERVER_HOST"], settings["BRANCHDESK_SERVER_PORT"]) == ("127.0.0.1", "8443")
    assert settings["BRANCHDESK_SERVER_DATABASE_URL"] == ""  # SQLite in the state folder
    assert settings["BRANCHDESK_SERVER_TLS_CERT"] == settings["BRANCHDESK_SERVER_TLS_KEY"] == ""
    examples = (installed / SETTINGS).read_text()
    assert "#BRANCHDESK_SERVER_DATABASE_URL='postgresql://" in examples
    assert "#BRANCHDESK_SERVER_TLS_KEY=" in examples


def test_unit(installed, tmp_path):
    text = (installed / UNIT).read_text()
    assert all(f"[{section}]" in text for section in ("Unit", "Service", "Install"))
    unit = unit_settings(text)
    assert unit["User"] == unit["Group"] == ["branchdesk-server"]
    assert unit["StateDirectory"] == ["branchdesk-server"]
    assert unit["EnvironmentFile"] == [f"-/{SETTINGS}"]
    assert unit["ExecStartPre"] == [f"{PROGRAM} migrate"]
    assert unit["ExecStart"][0].startswith(f"{PROGRAM} serve ")
    assert unit["Restart"] == ["on-failure"] and unit["WantedBy"] == ["multi-user.target"]
    for setting in ("NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert unit[setting] == ["yes"], setting
    assert unit["ProtectSystem"] == ["strict"]
    if shutil.which("systemd-analyze"):
        # Its programs checked where they are installed: in the scratch root.
        copy = tmp_path / "branchdesk-server.service"
        copy.write_text(text.replace(PROGRAM, str(installed) + PROGRAM))
        verify = subprocess.run(
            ["systemd-analyze", "verify", "--man=no", str(copy)], capture_output=True, text=True
        )
        assert verify.returncode == 0 and verify.stderr == "", verify.stderr


def test_serves_on_sqlite(installed, tmp_path):
    state = tmp_path / "state"
    settings = edited_settings(installed, tmp_path, BRANCHDESK_SERVER_HOME=str(state))
    serve_and_log_in(installed, settings, tmp_path)
    assert (state / "server.db").exists()


def test_serves_on_postgresql(installed, tmp_path):
    base = PG_URL.rsplit("/", 1)[0]
    try:
        admin = psycopg.connect(PG_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is needed at {PG_URL} (BRANCHDESK_TEST_PG_URL): {exc}")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DATABASE}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{SCRATCH_DATABASE}"')
        try:
            url = f"{base}/{SCRATCH_DATABASE}"
            settings = edited_settings(
                installed,
                tmp_path,
                BRANCHDESK_SERVER_HOME=str(tmp_path / "state"),
                BRANCHDESK_SERVER_DATABASE_URL=url,
            )
            serve_and_log_in(installed, settings, tmp_path)
            assert not (tmp_path / "state" / "server.db").exists()
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{SCRATCH_DATABASE}" WITH (FORCE)')


def test_remove_and_purge_keep_the_database(deb, tmp_path):
    root = scratch_root(tmp_path)
    dpkg(root, "--install", str(deb))
    database = root / "var/lib/branchdesk-server/server.db"
    database.parent.mkdir(parents=True)
    database.write_bytes(b"the branches' customers")

    dpkg(root, "--remove", "branchdesk-server")
    assert not (root / PROGRAM.lstrip("/")).exists() and not (root / UNIT).exists()
    assert (root / SETTINGS).exists()  # a removed package keeps its settings
    purge = dpkg(root, "--purge", "branchdesk-server")
    assert not (root / "etc/branchdesk-server").exists()
    assert not (root / "etc/systemd/system/multi-user.target.wants/branchdesk-server.service").exists()
    assert database.read_bytes() == b"the branches' customers"
    assert "(the database) and the account branchdesk-server are kept" in purge.stderr


def test_lintian_finds_no_errors(lintian):
    errors, report = lintian_errors(lintian)
    assert errors == [], report


def serve_and_log_in(root: Path, settings: Path, folder: Path) -> None:
    """The unit's commands with `settings`, a branch and a user added with the launcher in between,
    then the health check and a login over HTTP."""
    unit = unit_settings((root / UNIT).read_text())
    env = service_environment(unit, settings)
    migrate = run(exec_command(root, unit["ExecStartPre"][0], env), env=env)
    assert "schema at revision" in migrate
    admin = ["sh", str(launcher(root, settings, folder))]
    run([*admin, "branch", "add", "0101", "南京路支行"], env=without_settings(os.environ))
    added = run(
        [*admin, "user", "add", "wang", "--role", "manager", "--branch", "0101", "--display-name", "王芳"],
        env=without_settings(os.environ),
        input=PASSWORD + "\n",
    )
    assert "user wang added" in added
    url = f"http://{env['BRANCHDESK_SERVER_HOST']}:{env['BRANCHDESK_SERVER_PORT']}"
    server = subprocess.Popen(
        exec_command(root, unit["ExecStart"][0], env),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert healthy(server, url)["status"] == "ok"
        body = {"username": "wang", "password": PASSWORD, "device_id": "pc-1", "device_name": "pc-1"}
        login = httpx.post(f"{url}/v1/login", json=body, timeout=10)
        assert login.status_code == 200, login.text
        assert login.json()["user"]["display_name"] == "王芳" and login.json()["access_token"]
    finally:
        server.terminate()
        server.wait(timeout=30)


def healthy(server: subprocess.Popen, url: str) -> dict:
    deadline = time.monotonic() + 30
    while True:
        try:
            return httpx.get(f"{url}/v1/health", timeout=2).json()
        except httpx.TransportError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"no answer from the installed server: {server.communicate()[0].decode()}")
            time.sleep(0.1)


def run(command: list[str], *, env: dict[str, str], input: str | None = None) -> str:
    done = subprocess.run(command, env=env, input=input, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    return done.stdout


def edited_settings(root: Path, folder: Path, **changes: str) -> Path:
    """The packaged server.env with some values changed (as IT edits it) and a free port."""
    changes.setdefault("BRANCHDESK_SERVER_PORT", str(free_port()))
    lines = []
    for line in (root / SETTINGS).read_text().splitlines():
        key = line.partition("=")[0]
        lines.append(f"{key}='{changes.pop(key)}'" if key in changes else line)
    assert not changes, f"not in server.env: {changes}"
    path = folder / "server.env"
    path.write_text("\n".join(lines) + "\n")
    return path


def launcher(root: Path, settings: Path, folder: Path) -> Path:
    """The installed /usr/bin/branchdesk-server, pointed at the scratch root and `settings`."""
    text = (root / "usr/bin/branchdesk-server").read_text()
    text = text.replace(f"/{SETTINGS}", str(settings)).replace(PROGRAM, str(root) + PROGRAM)
    path = folder / "branchdesk-server"
    path.write_text(text)
    return path


def unit_settings(text: str) -> dict[str, list[str]]:
    """A unit file's `Key=value` lines by key (a key may repeat), whatever their section."""
    settings = defaultdict(list)
    for line in text.splitlines():
        if line.strip() and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            settings[key.strip()].append(value.strip())
    return settings


def env_file(text: str) -> dict[str, str]:
    """An EnvironmentFile's variables, as systemd reads them (quotes around a value dropped)."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";")):
            key, _, value = line.partition("=")
            quoted = len(value) >= 2 and value[0] == value[-1] and value[0] in "'\""
            values[key] = value[1:-1] if quoted else value
    return values


def without_settings(environ) -> dict[str, str]:
    return {key: value for key, value in environ.items() if not key.startswith("BRANCHDESK_SERVER_")}


def service_environment(unit: dict[str, list[str]], settings: Path) -> dict[str, str]:
    """The service's environment: the unit's Environment= defaults, then the settings file."""
    defaults = dict(pair.partition("=")[::2] for line in unit["Environment"] for pair in line.split())
    return {**without_settings(os.environ), **defaults, **env_file(settings.read_text())}


def exec_command(root: Path, line: str, env: dict[str, str]) -> list[str]:
    """An Exec line as systemd runs it — `${VAR}` a word of its own is one argument (empty or not),
    `$VAR` is split at white space — with the program taken from the scratch root."""
    words = []
    for word in line.split():
        if word.startswith("${") and word.endswith("}"):
            words.append(env.get(word[2:-1], ""))
        elif word.startswith("$"):
            words.extend(env.get(word[1:], "").split())
        else:
            words.append(word)
    return [str(root) + words[0], *words[1:]]
