"""Benchmark of the Excel exports on a branch-sized profile. Prints figures only.

    .venv/bin/python -u bench/excel.py [--customers 100000] [--keep DIR]

Measures, on a 100,000-customer / 1,000,000-call profile:
- the weekly review workbook for the whole branch (last week; median of three runs);
- the 100,000-row customer export (streaming, openpyxl write-only) — time and the peak memory it
  adds — against the same rows written naively (openpyxl normal mode) and with pandas
  `DataFrame.to_excel` when pandas is installed;
- the 50,000-row head-office import (`bench/excel_import.py`, run from here on the same profile).
Each run is a process of its own, so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSPHRASE = "bench passphrase"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_profile(folder: Path, customers: int) -> None:
    from storage.bulk_load import fill_demo
    from storage.keystore import ScryptParams
    from storage.profile import create_profile

    store = create_profile(folder, passphrase=PASSPHRASE, use_keyring=False, scrypt=ScryptParams(n=2**14))
    fill_demo(store, customers, 10, seed=1)
    store.close()


def child(folder: Path, variant: str, out: Path) -> None:
    """One export in this process; prints a JSON line with its figures."""
    from storage.profile import open_profile

    store = open_profile(folder, passphrase=PASSPHRASE)
    base = peak_mb()
    start = time.perf_counter()
    if variant == "streaming":
        from desktop.excel.customer_export import export_customers

        rows = export_customers(store, out).rows
    elif variant == "weekly":
        from desktop.excel.weekly_review import export_weekly_review

        rows = sum(export_weekly_review(store, out, managers=None).rows.values())
    else:
        rows = _naive(store, out, variant)
    took = time.perf_counter() - start
    print(
        json.dumps({"variant": variant, "rows": rows, "seconds": took, "peak_mb": peak_mb(), "base_mb": base})
    )
    store.close()


def _naive(store, out: Path, variant: str) -> int:
    """The same rows and columns, all in memory first: what a quick implementation would do."""
    from storage.services.customer_query import (
        EXPORT_COLUMNS,
        CustomerFilter,
        customer_seqs,
        fetch_export_rows,
    )

    with store.read() as session:
        seqs = customer_seqs(session, CustomerFilter())
        rows = fetch_export_rows(session, seqs)
    columns = [*EXPORT_COLUMNS, "tags"]
    if variant == "pandas":
        import pandas

        pandas.DataFrame(rows, columns=columns).to_excel(out, index=False)
    else:
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append(columns)
        for row in rows:
            sheet.append(list(row))
        book.save(out)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--keep", type=Path, help="a profile folder to reuse (made when missing)")
    parser.add_argument("--skip-import", action="store_true", help="leave out the import benchmark")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(Path(args.child[0]), args.child[1], Path(args.child[2]))
        return
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bd-excel-")) / "profile"
    if not (folder / "key.json").exists():
        make_profile(folder, args.customers)
    out_dir = Path(tempfile.mkdtemp(prefix="bd-excel-out-"))
    try:
        import pandas  # noqa: F401

        variants = ["streaming", "openpyxl-normal", "pandas"]
    except ImportError:
        variants = ["streaming", "openpyxl-normal"]
        print("pandas is not installed: its variant is left out")
    weekly = [_run(folder, "weekly", out_dir / f"weekly-{n}.xlsx") for n in range(3)]
    seconds = sorted(figures["seconds"] for figures in weekly)
    runs = ", ".join(f"{x:.1f}" for x in seconds)
    print(
        f"weekly review    branch, last week, {weekly[0]['rows']:,} list rows: median {seconds[1]:.1f} s "
        f"(runs {runs}), peak RSS {max(f['peak_mb'] for f in weekly):.0f} MB"
    )
    results = {}
    for variant in variants:
        out = out_dir / f"{variant}.xlsx"
        results[variant] = figures = _run(folder, variant, out)
        added = figures["peak_mb"] - figures["base_mb"]
        print(
            f"{variant:16} {figures['rows']:,} rows: {figures['seconds']:5.1f} s, peak RSS "
            f"{figures['peak_mb']:.0f} MB (+{added:.0f} MB for the export), "
            f"file {out.stat().st_size / 1e6:.1f} MB"
        )
    streaming = results["streaming"]
    for variant, figures in results.items():
        if variant != "streaming":
            print(
                f"{variant} / streaming: time x{figures['seconds'] / streaming['seconds']:.2f}, "
                f"peak memory x{figures['peak_mb'] / streaming['peak_mb']:.2f}"
            )
    print("targets: weekly review <= 10 s; 100,000-row export <= 20 s, peak memory <= 300 MB")
    if not args.skip_import:
        importer = Path(__file__).with_name("excel_import.py")
        subprocess.run([sys.executable, "-u", str(importer), "--keep", str(folder)], check=True)


def _run(folder: Path, variant: str, out: Path) -> dict:
    """One variant in a process of its own; its figures."""
    command = [sys.executable, __file__, "--child", str(folder), variant, str(out)]
    line = subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    return json.loads(line)


if __name__ == "__main__":
    main()
