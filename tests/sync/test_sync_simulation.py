"""The randomized simulation (tests/sync/simulation.py) over a couple of hundred seeds in CI, in
two worlds at once (both cores); the soak (bench/sync_soak.py) runs ten thousand. A failure names
its seed: BRANCHDESK_SIM_SEED=<n> runs just that one (BRANCHDESK_SIM_SEEDS / _FIRST: a range)."""

from __future__ import annotations

import os

import pytest

from tests.sync import simulation

# Seeds per database: PostgreSQL seeds cost twice as much (server restarts after a restore).
SEEDS = {"sqlite": 140, "postgresql": 60}
STEPS = 25


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_every_seed_converges_and_balances(backend):
    only = os.environ.get("BRANCHDESK_SIM_SEED")
    first = int(only or os.environ.get("BRANCHDESK_SIM_FIRST", "0"))
    seeds = 1 if only else int(os.environ.get("BRANCHDESK_SIM_SEEDS", SEEDS[backend]))
    ran, failed = simulation.run_many(backend, first, seeds, workers=1 if only else 2, steps=STEPS)
    assert ran == seeds and not failed, "\n".join(f"seed {seed}: {error}" for seed, error in failed)
