"""`branchdesk login`, `branchdesk sync`, `branchdesk logout`: the sync client from a terminal.

    branchdesk login --server https://crm.bank.example --user wang [--ca-file bank-ca.pem]
    branchdesk sync
    branchdesk logout

The password is asked for on a terminal, or read from the first line of standard input when
that is not one (scripts, IT's roll-out). It is sent to the server once and never stored: the
device keeps a revocable refresh token instead (in the keyring, or inside the encrypted profile).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from desktop.cli_text import say
from storage.store import Store
from storage.sync.client import SyncClient, SyncReport


def add_commands(sub) -> None:
    login = sub.add_parser("login", help="connect this profile to the sync server")
    login.add_argument("--server", required=True, help="the server's address, https://…")
    login.add_argument("--user", required=True, help="your user name on the server")
    login.add_argument("--ca-file", help="the bank's CA certificate (PEM), when IT gives you one")
    login.add_argument("--device-name", help="how this laptop is listed on the server (default: its name)")
    sub.add_parser("sync", help="send this profile's changes to the server and fetch the others'")
    sub.add_parser("logout", help="sign this laptop out of the sync server")


def _password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass("密码 / Password: ")


def cmd_login(args: argparse.Namespace, store: Store) -> int:
    account = SyncClient.login(
        store, args.server, args.user, _password(), ca_file=args.ca_file, device_name=args.device_name
    )
    say(
        f"已登录 {account.server}：{account.display_name}（{account.username}）。"
        "运行 branchdesk sync 开始同步。",
        f"Logged in to {account.server} as {account.display_name} ({account.username}). "
        "Run `branchdesk sync` to sync.",
    )
    return 0


def cmd_sync(args: argparse.Namespace, store: Store) -> int:
    client = SyncClient(store)
    try:
        report = client.sync()
    finally:
        client.close()
    _print_report(report)
    return 0


def cmd_logout(args: argparse.Namespace, store: Store) -> int:
    client = SyncClient(store)
    try:
        client.logout()
    finally:
        client.close()
    say("此电脑已从服务器注销。", "This laptop is signed out of the server.")
    return 0


def _print_report(report: SyncReport) -> None:
    say(
        f"同步完成：发送 {report.pushed} 项修改，收到 {report.pulled} 项，用时 {report.seconds:.1f} 秒。",
        f"Synced: {report.pushed} changes sent, {report.pulled} received in {report.seconds:.1f} s.",
    )
    if report.conflicts or report.rejected:
        say(
            f"有 {report.conflicts} 处冲突、{report.rejected} 项被拒绝的修改，请在“同步冲突”中查看。",
            f"{report.conflicts} conflicts and {report.rejected} refused changes: see Sync conflicts.",
        )
    if report.removed_customers:
        moved = len(report.removed_customers)
        say(
            f"{moved} 位客户已被改派给其他客户经理，已从本机移除。",
            f"{moved} customers were reassigned to other managers and left this laptop.",
        )
    if report.restored:
        say(
            "服务器已从备份恢复：已重新发送最近 30 天的修改。",
            "The server was restored from a backup: the last 30 days' changes were sent again.",
        )


COMMANDS = {"login": cmd_login, "sync": cmd_sync, "logout": cmd_logout}
