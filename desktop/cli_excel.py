"""The command line's Excel exports: `export customers` and `export weekly`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from storage.messages import current_language
from storage.services.customer_query import CustomerFilter, CustomerSort
from storage.services.review_week import ReviewWeek


def add_commands(sub) -> None:
    """Add `export customers` and `export weekly` to the command-line parser's sub-commands."""
    export = sub.add_parser("export", help="export to Excel")
    what = export.add_subparsers(dest="export_what", required=True)
    customers = what.add_parser("customers", help="the customer list (masked unless --unmasked)")
    customers.add_argument("--out", type=Path, required=True, help="the .xlsx file to write")
    customers.add_argument("--search", default="", help="as the list's search box (name, pinyin, tails)")
    customers.add_argument("--tier", action="append", default=[], help="a tier code; repeat for several")
    customers.add_argument("--lifecycle", action="append", default=[], help="a lifecycle stage code")
    customers.add_argument("--overdue", action="store_true", help="only customers with an overdue revisit")
    customers.add_argument("--no-contact-days", type=int, help="only customers not contacted for N days")
    customers.add_argument("--birthday-days", type=int, help="only birthdays within N days")
    customers.add_argument("--risk", action="store_true", help="only customers with a risk flag")
    customers.add_argument("--sort", choices=[s.value for s in CustomerSort], default=CustomerSort.NAME.value)
    customers.add_argument("--descending", action="store_true")
    customers.add_argument(
        "--unmasked", action="store_true", help="full mobiles and ID numbers (recorded in the audit trail)"
    )
    weekly = what.add_parser("weekly", help="the weekly review workbook for the supervisor (always masked)")
    weekly.add_argument("--out", type=Path, help="the .xlsx to write (default: weekly-review-<week>.xlsx)")
    weekly.add_argument("--week", help="an ISO week such as 2026-W47 (default: last week)")
    whose = weekly.add_mutually_exclusive_group()
    whose.add_argument("--manager", help="one manager (display name or user name; default: this profile's)")
    whose.add_argument("--branch", action="store_true", help="every manager in this profile")


def cmd_export(args: argparse.Namespace, store) -> int:
    """Run an export on an open profile."""
    _translators()
    if args.export_what == "weekly":
        return _export_weekly(args, store)
    from desktop.excel.customer_export import export_customers

    customer_filter = CustomerFilter(
        text=args.search,
        tiers=tuple(args.tier),
        lifecycle_stages=tuple(args.lifecycle),
        revisit_overdue=args.overdue,
        no_contact_days=args.no_contact_days,
        birthday_within_days=args.birthday_days,
        risk_flagged=args.risk,
    )
    result = export_customers(
        store,
        args.out,
        customer_filter=customer_filter,
        sort=CustomerSort(args.sort),
        descending=args.descending,
        unmasked=args.unmasked,
        progress=lambda done, total: print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True),
    )
    print(file=sys.stderr)
    print(result.path)
    return 0


def _export_weekly(args: argparse.Namespace, store) -> int:
    from desktop.excel.weekly_review import default_file_name, export_weekly_review, resolve_managers

    week = ReviewWeek.parse(args.week) if args.week else ReviewWeek.last_complete()
    managers = resolve_managers(store, args.manager, args.branch)
    result = export_weekly_review(
        store, args.out or Path(default_file_name(week)), week=week, managers=managers
    )
    print(result.path)
    return 0


def _translators() -> None:
    """Code labels (tiers, stages…) come through Qt's translations, as in the window."""
    # Qt is imported only by the commands that need it: the others start faster without it.
    from PySide6.QtCore import QCoreApplication

    from desktop.translations import install_translators

    if _translators.installed:
        return  # once per process (a test, or a script, may run several commands)
    app = QCoreApplication.instance() or QCoreApplication([])
    _translators.installed = install_translators(app, current_language())  # kept alive


def remove_translators() -> None:
    """Take out what `_translators` installed (tests run commands in one process with others)."""
    from PySide6.QtCore import QCoreApplication

    for translator in _translators.installed:
        QCoreApplication.removeTranslator(translator)
    _translators.installed = []


_translators.installed = []
