"""Two pushes changing one row at once: the later writer finds the row changed since it read it,
starts over from what the other wrote, and both edits survive (no lost update)."""

from __future__ import annotations

import psycopg
import pytest

from server.accounts.models import User
from server.sync.batch import Batch
from server.sync.push import Change, push
from tests.server.test_sync import Session, change, customer


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)  # SQLite: one writer at a time
def test_an_edit_made_while_a_push_ran_is_kept(client, database, branch_users, monkeypatch):
    laptop = Session(client, "wang", "laptop")
    laptop.push(customer("c" * 32, branch_users["wang"]))
    with database.snapshot() as session:
        wang = session.get(User, branch_users["wang"])
    write = Batch.write
    meddled = []

    def write_after_another_push(batch: Batch) -> None:
        if not meddled:  # the desktop's edit commits between the laptop's read and its write
            meddled.append(True)
            desktop = change("customer", "c" * 32, {"notes": "爱打高尔夫"}, base={"notes": None})
            with database.transaction() as session:
                [outcome] = push(session=session, user=wang, device_id="desktop", changes=[Change(**desktop)])
            assert outcome.status == "applied"
        write(batch)

    monkeypatch.setattr(Batch, "write", write_after_another_push)
    [outcome] = laptop.push(change("customer", "c" * 32, {"tier": "high_value"}, base={"tier": "standard"}))
    assert outcome["status"] == "applied"
    fields = laptop.pull_all()["c" * 32]["fields"]
    assert fields["tier"] == "high_value" and fields["notes"] == "爱打高尔夫"


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_pulls_wait_for_this_databases_open_writes_only(client, database, database_url, branch_users):
    """A writing transaction still open in the server's database holds pulls back at its place
    (rows committed after it would otherwise be handed out before its own, and skipped); one
    open in another database of the same cluster cannot write these tables and holds nothing."""
    wang = Session(client, "wang")
    wang.push(customer("c" * 32, branch_users["wang"]))
    cursor = wang.pull().json()["cursor"]

    def pulled_after_one_more_push(row_id: str) -> list[str]:
        wang.push(customer(row_id, branch_users["wang"]))
        return [row["id"] for row in wang.pull(cursor).json()["rows"]]

    other = f"{database_url.rsplit('/', 1)[0]}/postgres".replace("+psycopg", "")
    with psycopg.connect(other) as elsewhere:  # a transaction with an id, left open
        elsewhere.execute("SELECT pg_current_xact_id()")
        assert pulled_after_one_more_push("d" * 32) == ["d" * 32]
    with psycopg.connect(database_url.replace("+psycopg", "")) as here:
        here.execute("SELECT pg_current_xact_id()")
        assert pulled_after_one_more_push("e" * 32) == ["d" * 32]  # "e" waits for `here`
    assert [row["id"] for row in wang.pull(cursor).json()["rows"]] == ["d" * 32, "e" * 32]
