"""Two `branchdesk-server serve` processes on one PostgreSQL give the same answers as one: tokens
from one work on the other, pushes to one are pulled from the other, and the login rate limit
counts failures across both — the server keeps no state between requests."""

from __future__ import annotations

import threading
import uuid

import httpx
import pytest
from sqlalchemy import func, select

from server.sync.models import SyncRow
from tests.server.conftest import PASSWORD, PROTOCOL, start_server
from tests.server.test_sync import customer


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_two_processes_on_one_postgresql(database_url, database, branch_users, tmp_path):
    servers = [start_server("--data-dir", str(tmp_path), "--database-url", database_url) for _ in range(2)]
    url_a, url_b = (url for _process, url in servers)
    try:
        body = {"username": "wang", "password": PASSWORD, "device_id": "laptop"}
        tokens = httpx.post(f"{url_a}/v1/login", json=body, timeout=10).json()
        headers = {"Authorization": f"Bearer {tokens['access_token']}", **PROTOCOL}
        assert httpx.get(f"{url_b}/v1/me", headers=headers, timeout=10).status_code == 200
        pushed: list[str] = []

        def pusher(url: str, n: int) -> None:
            with httpx.Client(base_url=url, headers=headers, timeout=30) as client:
                for i in range(20):
                    row_id = f"{n:02d}{i:030d}"
                    answer = client.post(
                        "/v1/sync/push", json={"changes": [customer(row_id, branch_users["wang"])]}
                    )
                    assert answer.json()["results"][0]["status"] == "applied"
                    pushed.append(row_id)

        threads = [threading.Thread(target=pusher, args=(url_a if n % 2 else url_b, n)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for url in (url_a, url_b):
            rows, cursor = set(), None
            while True:
                page = httpx.post(
                    f"{url}/v1/sync/pull", json={"cursor": cursor}, headers=headers, timeout=30
                ).json()
                rows |= {row["id"] for row in page["rows"]}
                cursor = page["cursor"]
                if not page["more"]:
                    break
            assert rows == set(pushed) and len(pushed) == 80
        wrong = {"username": "li", "password": "not it at all", "device_id": "x"}
        for n in range(5):
            assert httpx.post(f"{(url_a, url_b)[n % 2]}/v1/login", json=wrong, timeout=10).status_code == 401
        right = {**wrong, "password": PASSWORD, "device_id": str(uuid.uuid4())}
        assert (
            httpx.post(f"{url_a}/v1/login", json=right, timeout=10).status_code == 429
        )  # counted across both
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_the_same_batch_arriving_twice_at_once_is_applied_once(
    database_url, database, branch_users, tmp_path
):
    """A device that retries while its first request still runs: both get the same answers."""
    servers = [start_server("--data-dir", str(tmp_path), "--database-url", database_url) for _ in range(2)]
    try:
        body = {"username": "wang", "password": PASSWORD, "device_id": "laptop"}
        tokens = httpx.post(f"{servers[0][1]}/v1/login", json=body, timeout=10).json()
        headers = {"Authorization": f"Bearer {tokens['access_token']}", **PROTOCOL}
        for round_ in range(30):  # each server orders a batch its own way: a deadlock showed in 1 of 12
            batch = {"changes": [customer(f"{round_:02d}{n:030d}", branch_users["wang"]) for n in range(20)]}
            answers: list = [None, None]

            def send(i: int, batch=batch, answers=answers) -> None:
                answers[i] = httpx.post(
                    f"{servers[i][1]}/v1/sync/push", json=batch, headers=headers, timeout=30
                )

            threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert [a.status_code for a in answers] == [200, 200]
            assert answers[0].json()["results"] == answers[1].json()["results"]
        with database.snapshot() as session:
            assert session.scalar(select(func.count()).select_from(SyncRow)) == 600
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=30)
