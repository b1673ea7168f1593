"""Benchmark of the head-office customer import on a branch-sized profile. Prints figures only.

    .venv/bin/python -u bench/excel_import.py [--customers 100000] [--rows 50000] [--keep DIR]

Builds the demo branch (100,000 customers, 10 calls each), then a head-office .xlsx of 50,000
rows: half new customers, half existing ones found by ID number (with a new tier, a card and a
tag). The import runs in a child process on a fresh copy of the profile, so its peak memory is
its own and every run starts from the same book: read_source, plan_import, apply_import (one
transaction) and the revisit rules for the customers it touched, each timed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from excel import PASSPHRASE, make_profile, peak_mb

HEADERS = [
    "客户姓名",
    "身份证号码",
    "手机号码",
    "客户等级",
    "生命周期",
    "卡种",
    "卡号后四位",
    "信用额度",
    "开卡日期",
    "标签",
]


def make_workbook(folder: Path, out: Path, rows: int) -> None:
    """Half the rows are new people, half existing customers matched by their ID number."""
    from openpyxl import Workbook

    from storage.profile import open_profile

    store = open_profile(folder, passphrase=PASSPHRASE)
    with store.read() as session:
        raw = session.connection().connection.driver_connection
        existing = raw.execute(
            "SELECT id_number, mobile FROM customer WHERE id_number IS NOT NULL"
        ).fetchall()
    store.close()
    rng = random.Random(7)
    taken_ids = {i for i, _ in existing}
    taken_mobiles = {m for _, m in existing if m}
    matched = rng.sample(existing, rows // 2)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("客户名单")
    sheet.append(HEADERS)
    for n in range(rows):
        if n % 2:
            id_number, mobile = matched[n // 2]
            name = None  # an update: the name cell is left empty and keeps the stored name
        else:
            id_number, mobile = _new_id(rng, taken_ids), _new_mobile(rng, taken_mobiles)
            name = rng.choice("王李张刘陈杨黄赵吴周") + "".join(
                rng.choice("伟芳娜敏静丽强磊军洋") for _ in range(2)
            )
        opened = date(2025, 1, 1) + timedelta(days=rng.randrange(300))
        sheet.append(
            [
                name,
                id_number,
                mobile,
                rng.choice(["普通", "高价值", "私人银行", "年轻客群"]),
                rng.choice(["新户", "活跃"]),
                rng.choice(["白金卡", "金卡", "车主卡"]),
                f"{rng.randrange(10_000):04d}",
                f"{rng.choice([2, 5, 10])}万",
                opened,
                rng.choice(["总行名单", "代发工资，有车一族", "商旅人士"]),
            ]
        )
    book.save(out)


def _new_id(rng: random.Random, taken: set[str]) -> str:
    from storage.validation import id_check_digit

    while True:
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(15_000))
        first17 = f"440106{born:%Y%m%d}{rng.randrange(1000):03d}"
        number = first17 + id_check_digit(first17)
        if number not in taken:
            taken.add(number)
            return number


def _new_mobile(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"
        if number not in taken:
            taken.add(number)
            return number


def child(folder: Path, workbook: Path) -> None:
    """One import in this process; prints a JSON line with its figures."""
    from desktop.excel.customer_import import apply_import, plan_import
    from desktop.excel.import_headers import guess_mapping
    from desktop.excel.import_reader import read_source
    from storage.profile import open_profile
    from storage.rules.revisit_rules import RevisitRules

    store = open_profile(folder, passphrase=PASSPHRASE)
    base = peak_mb()
    figures: dict[str, float] = {"base_mb": base}
    start = time.perf_counter()
    source = read_source(workbook)
    figures["read"] = time.perf_counter() - start
    mark = time.perf_counter()
    plan = plan_import(store, source, guess_mapping(source.headers))
    figures["plan"] = time.perf_counter() - mark
    mark = time.perf_counter()
    result = apply_import(store, plan)
    figures["apply"] = time.perf_counter() - mark
    figures["import_peak_mb"] = peak_mb()
    mark = time.perf_counter()
    RevisitRules(store).evaluate(result.changes.customers)
    figures["rules"] = time.perf_counter() - mark
    figures["total"] = time.perf_counter() - start
    counts = {"rows": len(source), "created": result.created, "updated": result.updated}
    figures.update(counts, rejected=result.rejected, peak_mb=peak_mb())
    print(json.dumps(figures))
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument(
        "--keep", type=Path, help="a profile folder to reuse (made when missing; never changed)"
    )
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-import-")) / "profile"
    if not (folder / "key.json").exists():
        started = time.perf_counter()
        make_profile(folder, args.customers)
        print(f"profile: {args.customers:,} customers in {time.perf_counter() - started:.0f} s")
    work = Path(tempfile.mkdtemp(prefix="bd-import-run-"))
    workbook = work / "head-office.xlsx"
    started = time.perf_counter()
    make_workbook(folder, workbook, args.rows)
    took = time.perf_counter() - started
    print(f"workbook: {args.rows:,} rows, {workbook.stat().st_size / 1e6:.1f} MB, made in {took:.0f} s")
    copy = work / "profile"
    shutil.copytree(folder, copy)  # the import changes the book: every run starts from the same one
    line = (
        subprocess.run(
            [sys.executable, __file__, "--child", str(copy), str(workbook)],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    f = json.loads(line)
    imported = f["read"] + f["plan"] + f["apply"]
    added = f["import_peak_mb"] - f["base_mb"]
    print(
        f"{f['rows']:,} rows: {f['created']:,} created, {f['updated']:,} updated, "
        f"{f['rejected']:,} rejected\n"
        f"read_source {f['read']:.1f} s, plan_import {f['plan']:.1f} s, apply_import {f['apply']:.1f} s "
        f"(one transaction); revisit rules for the touched customers {f['rules']:.1f} s\n"
        f"import (read + plan + apply) {imported:.1f} s, with the rules {f['total']:.1f} s\n"
        f"peak RSS {f['import_peak_mb']:.0f} MB after the import (+{added:.0f} MB over the open profile), "
        f"{f['peak_mb']:.0f} MB after the rules"
    )
    print("target: 50,000 rows imported in <= 30 s")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
