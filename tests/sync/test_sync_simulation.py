"""The randomized simulation (tests/sync/simulation.py) over a few hundred seeds in CI; the
soak (bench/sync_soak.py) runs ten thousand. A failure names its seed:
BRANCHDESK_SIM_SEED=<n> runs just that one."""

from __future__ import annotations

import os

import pytest

from tests.conftest import FAST_SCRYPT
from tests.server.conftest import PASSWORD, start_server
from tests.sync import simulation

SEEDS = int(os.environ.get("BRANCHDESK_SIM_SEEDS", "100"))


@pytest.fixture
def world(database, branch_users, tmp_path):
    simulation._FAST = FAST_SCRYPT
    processes = []

    def start() -> str:
        for old in processes:
            old.terminate()
            old.wait(timeout=10)
        process, url = start_server("--database-url", database.url)
        processes.append(process)
        return url

    made = simulation.World(database, start(), tmp_path, PASSWORD, start)
    yield made
    made.close()
    for process in processes:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def test_every_seed_converges_and_balances(world):
    only = os.environ.get("BRANCHDESK_SIM_SEED")
    first = int(os.environ.get("BRANCHDESK_SIM_FIRST", "0"))
    seeds = [int(only)] if only else range(first, first + SEEDS)
    for seed in seeds:
        simulation.run_seed(world, seed)
