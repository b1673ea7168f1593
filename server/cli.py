"""`branchdesk-server`: run the sync server and administer it.

branchdesk-server [--data-dir DIR] migrate [--database-url URL]
branchdesk-server [--data-dir DIR] serve [--database-url URL] [--host H] [--port P]
                  [--tls-cert F --tls-key F] [--workers N] [--insecure-http]
branchdesk-server branch add CODE NAME
branchdesk-server user add NAME --role manager|supervisor|admin [--branch CODE] [--display-name N]
branchdesk-server user disable NAME | user reset-password NAME
"""

from __future__ import annotations

import argparse
import getpass
import ipaddress
import os
import sys
from collections.abc import Callable

from server.config import DATABASE_ENV, data_dir, database_url
from server.database import Database
from server.errors import ServerError

DEFAULT_PORT = 8443


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branchdesk-server", description="BranchDesk sync server")
    parser.add_argument(
        "--data-dir", help="the server's folder (default: $BRANCHDESK_SERVER_HOME or the data folder)"
    )
    parser.add_argument("--database-url", help="postgresql://… (default: an SQLite file in the data folder)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or update the database schema")
    serve = sub.add_parser("serve", help="answer sync requests")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT)
    serve.add_argument("--tls-cert", help="certificate (PEM) for HTTPS")
    serve.add_argument("--tls-key", help="its private key (PEM)")
    serve.add_argument("--workers", type=int, default=1, help="server processes (they share nothing)")
    serve.add_argument(
        "--insecure-http",
        action="store_true",
        help="allow plain HTTP on a non-loopback address (behind a TLS proxy)",
    )
    compact = sub.add_parser(
        "compact", help="drop deletions older than the horizon (devices behind it resync)"
    )
    compact.add_argument("--horizon-days", type=int, default=180)
    sub.add_parser("restored", help="after restoring the database from a backup: start a new epoch")
    branch = sub.add_parser("branch", help="branches").add_subparsers(dest="action", required=True)
    add_branch = branch.add_parser("add", help="add a branch")
    add_branch.add_argument("code")
    add_branch.add_argument("name")
    user = sub.add_parser("user", help="user accounts").add_subparsers(dest="action", required=True)
    add_user = user.add_parser("add", help="add a user (the password is asked for, or read from stdin)")
    add_user.add_argument("name")
    add_user.add_argument("--role", required=True, choices=["manager", "supervisor", "admin"])
    add_user.add_argument("--branch", help="the branch code (managers and supervisors)")
    add_user.add_argument("--display-name", default="", help="the name people see (default: the user name)")
    for action, text in (
        ("disable", "disable a user and log out all their devices"),
        ("reset-password", "set a new password"),
    ):
        user.add_parser(action, help=text).add_argument("name")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = database_url(_folder(args), args.database_url)
    try:
        if args.command == "serve":
            return serve(args, url)
        database = Database(url)
        try:
            return COMMANDS[(args.command, getattr(args, "action", None))](args, database)
        finally:
            database.dispose()
    except ServerError as error:
        print(error.message, file=sys.stderr)
        return 2


def _folder(args: argparse.Namespace):
    folder = data_dir(args.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cmd_migrate(_args, database: Database) -> int:
    from server.migrate import migrate

    print(f"schema at revision {migrate(database)}")
    return 0


def cmd_branch_add(args, database: Database) -> int:
    from server.org.service import add_branch

    with database.transaction() as session:
        add_branch(session=session, code=args.code, name=args.name)
    print(f"branch {args.code} added")
    return 0


def cmd_user_add(args, database: Database) -> int:
    from server.accounts.service import add_user

    password = read_password(f"password for {args.name}: ")
    with database.transaction() as session:
        add_user(
            session=session,
            username=args.name,
            display_name=args.display_name,
            role=args.role,
            branch_code=args.branch,
            password=password,
        )
    print(f"user {args.name} added ({args.role})")
    return 0


def cmd_user_disable(args, database: Database) -> int:
    from server.accounts.service import disable_user

    with database.transaction() as session:
        disable_user(session=session, username=args.name)
    print(f"user {args.name} disabled; their devices are logged out")
    return 0


def cmd_user_reset_password(args, database: Database) -> int:
    from server.accounts.service import reset_password

    password = read_password(f"new password for {args.name}: ")
    with database.transaction() as session:
        reset_password(session=session, username=args.name, password=password)
    print(f"password of {args.name} changed; their devices must log in again")
    return 0


def cmd_compact(args, database: Database) -> int:
    from server.sync.maintenance import compact

    with database.transaction() as session:
        counts = compact(session=session, horizon_days=args.horizon_days)
    print(", ".join(f"{count} {what}" for what, count in counts.items()) + " compacted")
    return 0


def cmd_restored(_args, database: Database) -> int:
    from server.sync.maintenance import mark_restored

    with database.transaction() as session:
        epoch = mark_restored(session=session)
    print(f"new epoch {epoch}: devices re-send what they had acknowledged")
    return 0


COMMANDS: dict[tuple[str, str | None], Callable] = {
    ("migrate", None): cmd_migrate,
    ("compact", None): cmd_compact,
    ("restored", None): cmd_restored,
    ("branch", "add"): cmd_branch_add,
    ("user", "add"): cmd_user_add,
    ("user", "disable"): cmd_user_disable,
    ("user", "reset-password"): cmd_user_reset_password,
}


def read_password(prompt: str) -> str:
    """From the terminal (asked twice), or one line of standard input when it is not a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("again: ") != first:
        raise ServerError("mismatch", "The two passwords differ; nothing was changed.")
    return first


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(args: argparse.Namespace, url: str) -> int:
    """Run uvicorn with `--workers` processes, each its own stateless app on the same database."""
    import uvicorn

    from server.migrate import check_schema

    tls = bool(args.tls_cert and args.tls_key)
    if bool(args.tls_cert) != bool(args.tls_key):
        raise ServerError("tls", "HTTPS needs both --tls-cert and --tls-key.")
    if not tls and not is_loopback(args.host) and not args.insecure_http:
        raise ServerError(
            "plain_http",
            f"Refusing plain HTTP on {args.host}: passwords and customer data would cross the network "
            "unencrypted. Give --tls-cert and --tls-key, bind to 127.0.0.1 behind a TLS proxy, or pass "
            "--insecure-http if a proxy on this network terminates TLS.",
        )
    database = Database(url)
    try:
        check_schema(database)
    finally:
        database.dispose()
    os.environ[DATABASE_ENV] = url  # every worker process builds its app from it
    uvicorn.run(
        "server.app:create_served_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.tls_cert if tls else None,
        ssl_keyfile=args.tls_key if tls else None,
        log_level="info",
        access_log=False,
        proxy_headers=True,
    )
    return 0
