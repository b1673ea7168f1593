"""The command line's head-office import: `import customers FILE [--dry-run] [--report R.xlsx] [--map …]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli_text import say
from storage.messages import label


def add_commands(sub) -> None:
    """Add `import customers` to the command-line parser's sub-commands."""
    command = sub.add_parser("import", help="import from Excel or CSV")
    what = command.add_subparsers(dest="import_what", required=True)
    customers = what.add_parser(
        "customers",
        help="a head-office customer list (.xlsx or .csv)",
        epilog="exit status: 0 every row imported, 1 some rows rejected (the others imported), "
        "2 nothing imported (the file or the mapping could not be used)",
    )
    customers.add_argument("file", type=Path, help="the .xlsx or .csv file")
    customers.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    customers.add_argument("--report", type=Path, help="write the rows not imported, and why, to this .xlsx")
    customers.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help='read a column as a field, e.g. --map "证件号=id_number" (repeatable)',
    )
    customers.add_argument("--sheet", help="the sheet to read (default: the first)")


def cmd_import(args: argparse.Namespace, store) -> int:
    """Run an import on an open profile; prints "N created, N updated, N rejected".

    Returns 0 when every row was imported (or would be, with --dry-run), 1 when some were rejected.
    """
    from desktop.excel.customer_import import apply_import, plan_import
    from desktop.excel.import_headers import guess_mapping, with_overrides
    from desktop.excel.import_reader import read_source
    from desktop.excel.import_report import write_report

    source = read_source(args.file, sheet=args.sheet)
    mapping = with_overrides(source.headers, guess_mapping(source.headers), args.map)
    plan = plan_import(store, source, mapping)
    if plan.unmapped:
        say(f"未导入的列：{'、'.join(plan.unmapped)}", f"Columns not imported: {', '.join(plan.unmapped)}")
    outcome = plan if args.dry_run else apply_import(store, plan, progress=_progress, rules=_rules(store))
    if args.report:
        print(write_report(args.report, outcome))
    _print_summary(outcome)
    return 1 if outcome.rejected else 0


def _rules(store):
    """The revisit rules with the manager's settings (the window's Settings → Rules page)."""
    from desktop.app_context import SETTINGS_FILE
    from desktop.settings import Settings, rule_settings
    from storage.rules.revisit_rules import RevisitRules

    return RevisitRules(store, rule_settings(Settings(store.db_path.parent / SETTINGS_FILE)))


def _progress(done: int, total: int) -> None:
    print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)
    if done >= total:
        print(file=sys.stderr)


def _print_summary(outcome) -> None:
    if outcome.dry_run:
        say(
            f"试运行（未写入）：将新建 {outcome.created} 位，更新 {outcome.updated} 位，"
            f"{outcome.rejected} 行未通过校验",
            f"Dry run (nothing written): {outcome.created} created, {outcome.updated} updated, "
            f"{outcome.rejected} rejected",
        )
    else:
        say(
            f"新建 {outcome.created} 位，更新 {outcome.updated} 位，{outcome.rejected} 行未导入",
            f"{outcome.created} created, {outcome.updated} updated, {outcome.rejected} rejected",
        )
    if outcome.unchanged:
        say(f"（{outcome.unchanged} 位客户无变化）", f"({outcome.unchanged} unchanged)")
    for problem in outcome.problems[:10]:
        print(f"  {label('import_row')} {problem.row}: {problem.reason()}", file=sys.stderr)
    if len(outcome.problems) > 10:
        say(
            f"  …… 另有 {len(outcome.problems) - 10} 行，详见 --report",
            f"  … and {len(outcome.problems) - 10} more rows: see --report",
            file=sys.stderr,
        )
