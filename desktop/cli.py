"""The `branchdesk` command line: open the app, create a profile, demo data, doctor."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

from desktop import __version__, cli_excel, cli_import, cli_sync
from desktop.cli_text import say
from desktop.doctor import doctor_report
from storage import keystore
from storage.bulk_load import fill_demo
from storage.errors import BranchDeskError, PassphraseRequiredError, WrongPassphraseError
from storage.profile import (
    change_passphrase,
    create_profile,
    default_data_dir,
    key_storage,
    open_profile,
    profile_exists,
)
from storage.store import Store

# The demo profile holds made-up people only; its passphrase is public so it opens anywhere.
DEMO_PASSPHRASE = "branchdesk-demo"
DEMO_CUSTOMERS = 2000
DEMO_SCRYPT = keystore.ScryptParams(n=2**14)

WindowRunner = Callable[[argparse.Namespace], int]


def _ask_passphrase(prompt: str, *, confirm: bool = False) -> str:
    """The passphrase from $BRANCHDESK_PASSPHRASE, the terminal, or a line of standard input."""
    env = os.environ.get("BRANCHDESK_PASSPHRASE")
    if env:
        return env
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再次输入 / Repeat: ") != first:
        raise SystemExit("两次输入的口令不一致 / The passphrases differ.")
    return first


def _demo_folder(args: argparse.Namespace) -> Path:
    if args.data_dir:
        return Path(args.data_dir)
    return default_data_dir().with_name(default_data_dir().name + "-demo")


def profile_folder(args: argparse.Namespace) -> Path:
    """The profile folder chosen by --data-dir, $BRANCHDESK_HOME or the platform default."""
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def open_existing(folder: Path, attempts: int = 3) -> Store:
    """Open a profile, asking for the passphrase when its key is not in the keyring."""
    if not profile_exists(folder):
        raise BranchDeskError("profile_missing", path=str(folder))
    if key_storage(folder) != keystore.PASSPHRASE:
        return open_profile(folder)
    for attempt in range(attempts):
        try:
            return open_profile(folder, passphrase=_ask_passphrase("口令 / Passphrase: "))
        except WrongPassphraseError:
            if attempt == attempts - 1 or os.environ.get("BRANCHDESK_PASSPHRASE") or not sys.stdin.isatty():
                raise
            print(WrongPassphraseError().message(), file=sys.stderr)
    raise PassphraseRequiredError()


def open_demo(args: argparse.Namespace) -> Store:
    """The throw-away demo profile, created and filled on first use."""
    folder = _demo_folder(args)
    if profile_exists(folder):
        if key_storage(folder) == keystore.PASSPHRASE:
            return open_profile(folder, passphrase=DEMO_PASSPHRASE)
        return open_profile(folder)
    say(
        f"正在创建演示配置文件（{DEMO_CUSTOMERS} 位虚构客户）…",
        f"Creating the demo profile ({DEMO_CUSTOMERS} made-up customers)…",
    )
    store = create_profile(folder, passphrase=DEMO_PASSPHRASE, manager_name="演示经理", scrypt=DEMO_SCRYPT)
    fill_demo(store, DEMO_CUSTOMERS, 10, seed=2026)
    return store


def cmd_init(args: argparse.Namespace) -> int:
    folder = profile_folder(args)
    passphrase = None
    if not keystore.keyring_usable():
        say(
            "没有可用的系统密钥环：请设置用于保护数据库密钥的口令（至少 8 个字符）。",
            "No system keyring: choose a passphrase (8+ characters) to protect the database key.",
        )
        passphrase = _ask_passphrase("新口令 / New passphrase: ", confirm=True)
    store = create_profile(folder, passphrase=passphrase, manager_name=args.name)
    say(
        f"已创建加密配置文件：{folder}（密钥保存在：{key_storage(folder)}）",
        f"Created the encrypted profile at {folder} (key kept in: {key_storage(folder)})",
    )
    store.close()
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    store = open_existing(profile_folder(args))
    try:
        counts = fill_demo(
            store,
            args.customers,
            args.calls_per_customer,
            seed=args.seed,
            progress=lambda totals: print(f"\r{totals.customers}/{args.customers}", end="", flush=True),
        )
        print()
        for table, n in counts.items():
            print(f"{table}: {n}")
    finally:
        store.close()
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    folder = profile_folder(args)
    store = open_existing(folder)
    try:
        report, healthy = doctor_report(store, folder)
    finally:
        store.close()
    print(report)
    return 0 if healthy else 1


def cmd_passwd(args: argparse.Namespace) -> int:
    folder = profile_folder(args)
    old = _ask_passphrase("当前口令 / Current passphrase: ")
    new = (args.new_passphrase_stdin and sys.stdin.readline().rstrip("\n")) or getpass.getpass(
        "新口令 / New passphrase: "
    )
    change_passphrase(folder, old, new)
    say("口令已更改。", "The passphrase was changed.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="branchdesk", description="BranchDesk 客户经理工作台")
    parser.add_argument("--version", action="version", version=f"BranchDesk {__version__}")
    parser.add_argument(
        "--data-dir", help="profile folder (default: $BRANCHDESK_HOME or the user data folder)"
    )
    parser.add_argument("--demo", action="store_true", help="open a throw-away demo profile")
    parser.add_argument(
        "--minimized", action="store_true", help="start in the system tray (used when starting at login)"
    )
    sub = parser.add_subparsers(dest="command")
    init = sub.add_parser("init", help="create the encrypted profile")
    init.add_argument("--name", help="the manager's display name")
    demo = sub.add_parser("demo-data", help="fill the profile with realistic made-up data")
    demo.add_argument("--customers", type=int, required=True)
    demo.add_argument("--calls-per-customer", type=int, default=10)
    demo.add_argument("--seed", type=int, default=1)
    sub.add_parser("doctor", help="check the profile and print what it holds")
    passwd = sub.add_parser("passwd", help="change the profile passphrase")
    passwd.add_argument(
        "--new-passphrase-stdin", action="store_true", help="read the new passphrase from standard input"
    )
    cli_excel.add_commands(sub)
    cli_import.add_commands(sub)
    cli_sync.add_commands(sub)
    sub.add_parser("self-test", help="check this installation (a temporary profile; nothing of yours)")
    return parser


def _with_profile(command):
    """`command(args, store)` on the opened profile, closed afterwards."""

    def run(args: argparse.Namespace) -> int:
        store = open_existing(profile_folder(args))
        try:
            return command(args, store)
        finally:
            store.close()

    return run


COMMANDS = {
    **{name: _with_profile(command) for name, command in cli_sync.COMMANDS.items()},
    "init": cmd_init,
    "demo-data": cmd_demo_data,
    "doctor": cmd_doctor,
    "passwd": cmd_passwd,
    "export": _with_profile(cli_excel.cmd_export),
    "import": _with_profile(cli_import.cmd_import),
}


def main(
    argv: list[str] | None = None,
    run_window: WindowRunner | None = None,
    window_checks: Callable[[], dict] | None = None,
) -> int:
    """Run the command line; without a command, open the window through `run_window`.
    `window_checks()` gives the self-test's checks of the window's parts (Qt, translations)."""
    args = build_parser().parse_args(argv)
    try:
        if args.command == "self-test":
            from desktop.self_test import run_self_test

            return run_self_test(window_checks() if window_checks else None)
        if args.command:
            return COMMANDS[args.command](args)
        if run_window is None:
            raise SystemExit("no window available")
        return run_window(args)
    except BranchDeskError as exc:
        print(exc.message(), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
