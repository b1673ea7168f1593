"""The sync soak: the randomized simulation (tests/sync/simulation.py) over many seeds.

    .venv/bin/python -u bench/sync_soak.py [--seeds 10000] [--first 0] [--workers 2]
                                           [--backend sqlite|postgresql] [--steps 30]

Each worker process runs its own world — a real `branchdesk-server` on loopback and seven laptops
(real encrypted profiles) behind fault-injecting proxies — over its share of the seeds. Prints
progress, then how many seeds ran and how many failed, with each failing seed and its error
(re-run one with BRANCHDESK_SIM_SEED=<n> .venv/bin/pytest tests/sync/test_sync_simulation.py).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.sync.simulation import run_many


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seeds", type=int, default=10_000)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", default="sqlite", choices=["sqlite", "postgresql"])
    parser.add_argument("--steps", type=int, default=30)
    args = parser.parse_args()
    started = time.monotonic()
    ran, failed = run_many(
        args.backend,
        args.first,
        args.seeds,
        workers=args.workers,
        steps=args.steps,
        report=lambda line: print(line, flush=True),
    )
    print(
        f"ran {ran:,} seeds ({args.first}..{args.first + args.seeds - 1}) on {args.backend}, "
        f"{args.steps} steps each, in {(time.monotonic() - started) / 60:.1f} min; failed: {len(failed)}"
    )
    for seed, error in failed:
        print(f"  seed {seed}: {error[:500]}")
    raise SystemExit(1 if failed or ran < args.seeds else 0)


if __name__ == "__main__":
    main()
