"""Push and pull: access rules per row, idempotency, field merge and clashes, facts, deletes,
pages and the gap-free cursor under concurrent writers — on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading
import time
import uuid

from sqlalchemy import func, select

from server.accounts.models import User
from server.audit import ServerAuditEvent
from server.meta import EPOCH, read_meta
from server.sync.cursor import Cursor
from server.sync.models import SyncRow
from server.sync.pull import pull
from server.sync.push import Change, push
from storage.hlc import format_stamp
from tests.server.conftest import PROTOCOL, bearer, login


def stamp(offset_seconds: float = 0.0, node: str = "dev-a") -> str:
    return format_stamp(int((time.time() + offset_seconds) * 1000), 0, node)


def change(
    table: str,
    row_id: str,
    fields: dict,
    *,
    base: dict | None = None,
    op: str = "upsert",
    at: str | None = None,
):
    return {
        "change_id": str(uuid.uuid4()),
        "table": table,
        "row_id": row_id,
        "op": op,
        "fields": fields,
        "base": base or {},
        "base_version": 0,
        "edited_at": at or stamp(),
    }


def customer(row_id: str, owner: str, **values) -> dict:
    fields = {
        "id": row_id,
        "owner_manager_id": owner,
        "name": "张伟",
        "mobile": "13800138000",
        "tier": "standard",
    }
    return change("customer", row_id, {**fields, "lifecycle_stage": "active", **values})


def call(row_id: str, customer_id: str, manager: str) -> dict:
    fields = {
        "id": row_id,
        "customer_id": customer_id,
        "manager_id": manager,
        "occurred_at": "2026-11-20T02:00:00Z",
    }
    return change(
        "call_log",
        row_id,
        {**fields, "channel": "phone", "purpose": "periodic_revisit", "outcome": "reached"},
    )


class Session:
    """One user's device talking to the server through the HTTP API."""

    def __init__(self, client, username: str, device: str = "laptop-1") -> None:
        self.client, self.tokens = client, login(client, username, device).json()

    def push(self, *changes: dict) -> list[dict]:
        answer = self.client.post("/v1/sync/push", json={"changes": list(changes)}, headers=self.headers)
        assert answer.status_code == 200, answer.text
        return answer.json()["results"]

    def pull(self, cursor: str | None = None, limit: int = 500, count: bool = True):
        body = {"cursor": cursor, "limit": limit, "count": count}
        return self.client.post("/v1/sync/pull", json=body, headers=self.headers)

    def pull_all(self) -> dict[str, dict]:
        rows, cursor = {}, None
        while True:
            page = self.pull(cursor).json()
            rows.update({row["id"]: row for row in page["rows"]})
            cursor = page["cursor"]
            if not page["more"]:
                return rows

    @property
    def headers(self) -> dict:
        return {**bearer(self.tokens), **PROTOCOL}


def test_each_role_sees_what_it_may(client, branch_users):
    wang = Session(client, "wang")
    [outcome] = wang.push(customer("c" * 32, branch_users["wang"]))
    assert outcome["status"] == "applied" and outcome["version"] > 0
    assert list(wang.pull_all()) == ["c" * 32]
    assert Session(client, "li").pull_all() == {}  # another manager of the branch
    assert list(Session(client, "zhou").pull_all()) == ["c" * 32]  # the branch's supervisor
    assert Session(client, "chen").pull_all() == {}  # another branch
    admin = Session(client, "root").pull()
    assert admin.status_code == 403 and "no customer data" in admin.json()["error"]["message"]


def test_crafted_writes_to_another_managers_customer_change_nothing(client, branch_users):
    wang, li = Session(client, "wang"), Session(client, "li")
    wang.push(customer("c" * 32, branch_users["wang"]))
    edit = change("customer", "c" * 32, {"tier": "high_value"}, base={"tier": "standard"})
    stolen = customer("d" * 32, branch_users["wang"])  # li creating a customer in wang's name
    results = li.push(edit, call("e" * 32, "c" * 32, branch_users["li"]), stolen)
    assert [r["status"] for r in results] == ["rejected", "rejected", "rejected"]
    assert {r["reason"]["code"] for r in results} == {"forbidden"}
    assert wang.pull_all()["c" * 32]["fields"]["tier"] == "standard" and "d" * 32 not in wang.pull_all()
    assert Session(client, "zhou").push(edit)[0]["status"] == "rejected"  # supervisors reassign, not edit


def test_a_resent_batch_is_applied_once(client, branch_users):
    wang = Session(client, "wang")
    batch = [customer("c" * 32, branch_users["wang"]), call("e" * 32, "c" * 32, branch_users["wang"])]
    first, second = wang.push(*batch), wang.push(*batch)
    assert first == second and [r["status"] for r in first] == ["applied", "applied"]
    assert len(wang.pull_all()) == 2


def test_an_invalid_change_is_rejected_and_does_not_block_the_rest(client, branch_users):
    wang = Session(client, "wang")
    bad = customer("b" * 32, branch_users["wang"], mobile="12345")
    results = wang.push(bad, customer("c" * 32, branch_users["wang"], mobile="13900139000"))
    assert results[0]["status"] == "rejected" and results[0]["reason"]["code"] == "mobile_format"
    assert "11-digit" in results[0]["reason"]["message"]
    assert results[1]["status"] == "applied" and list(wang.pull_all()) == ["c" * 32]


def test_edits_to_different_fields_both_survive(client, branch_users):
    laptop, desktop = Session(client, "wang", "laptop"), Session(client, "wang", "desktop")
    laptop.push(customer("c" * 32, branch_users["wang"]))
    laptop.push(change("customer", "c" * 32, {"tier": "high_value"}, base={"tier": "standard"}))
    [outcome] = desktop.push(change("customer", "c" * 32, {"notes": "爱打高尔夫"}, base={"notes": None}))
    assert outcome["status"] == "applied"
    fields = desktop.pull_all()["c" * 32]["fields"]
    assert fields["tier"] == "high_value" and fields["notes"] == "爱打高尔夫"


def test_identity_clash_keeps_the_servers_value(client, branch_users):
    laptop, desktop = Session(client, "wang", "laptop"), Session(client, "wang", "desktop")
    laptop.push(customer("c" * 32, branch_users["wang"]))
    laptop.push(change("customer", "c" * 32, {"mobile": "13911112222"}, base={"mobile": "13800138000"}))
    [late] = desktop.push(
        change("customer", "c" * 32, {"mobile": "13933334444"}, base={"mobile": "13800138000"}, at=stamp(60))
    )
    assert late["status"] == "conflict"
    [clash] = late["conflicts"]
    assert {k: clash[k] for k in ("field", "kept", "lost", "lost_side")} == {
        "field": "mobile",
        "kept": "13911112222",
        "lost": "13933334444",
        "lost_side": "incoming",
    }
    assert "" < clash["kept_stamp"] < stamp(60)  # when the kept (laptop's) edit was made
    assert desktop.pull_all()["c" * 32]["fields"]["mobile"] == "13911112222"


def test_ordinary_clash_goes_to_the_later_edit_and_a_clock_far_ahead_does_not_win(client, branch_users):
    laptop, desktop = Session(client, "wang", "laptop"), Session(client, "wang", "desktop")
    laptop.push(customer("c" * 32, branch_users["wang"]))
    base = {"tier": "standard"}
    # The laptop's clock is an hour fast: its stamp counts as "now" on the server, no later.
    laptop.push(change("customer", "c" * 32, {"tier": "young"}, base=base, at=stamp(3600, "laptop")))
    [won] = desktop.push(
        change("customer", "c" * 32, {"tier": "high_value"}, base=base, at=stamp(30, "desktop"))
    )
    assert won["status"] == "conflict" and won["conflicts"][0]["lost_side"] == "server"
    assert won["conflicts"][0]["lost"] == "young"
    [lost] = laptop.push(change("customer", "c" * 32, {"tier": "basic"}, base=base, at=stamp(-60, "laptop")))
    assert lost["status"] == "conflict" and lost["conflicts"][0]["kept"] == "high_value"
    assert laptop.pull_all()["c" * 32]["fields"]["tier"] == "high_value"


def test_delete_wins_over_a_later_edit_and_calls_are_facts(client, branch_users):
    wang = Session(client, "wang")
    wang.push(customer("c" * 32, branch_users["wang"]), call("e" * 32, "c" * 32, branch_users["wang"]))
    edit_call = change("call_log", "e" * 32, {"outcome": "declined"}, base={"outcome": "reached"})
    delete_call = change("call_log", "e" * 32, {}, op="delete")
    assert [r["reason"]["code"] for r in wang.push(edit_call, delete_call)] == ["fact", "fact"]
    card = change(
        "card", "a" * 32, {"id": "a" * 32, "customer_id": "c" * 32, "product": "白金卡", "last4": "1234"}
    )
    wang.push(card, reminder("r" * 32, "c" * 32))
    wang.push(change("customer", "c" * 32, {}, op="delete"))
    [edit] = wang.push(change("customer", "c" * 32, {"tier": "young"}, base={"tier": "standard"}))
    assert edit["status"] == "conflict" and edit["conflicts"][0]["reason"] == "deleted"
    rows = wang.pull_all()
    assert rows["c" * 32]["deleted"] is True and rows["e" * 32]["deleted"] is False
    # Their card and reminder go with them (tombstones, compacted with the customer's later).
    assert rows["a" * 32]["deleted"] is True and rows["r" * 32]["deleted"] is True


def test_pages_and_the_drift_count(client, branch_users):
    wang = Session(client, "wang")
    wang.push(*(customer(f"{n:032x}", branch_users["wang"]) for n in range(25)))
    first = wang.pull(limit=10).json()
    assert len(first["rows"]) == 10 and first["more"] and first["live_rows"] is None
    rest = wang.pull(first["cursor"], limit=100).json()
    assert len(rest["rows"]) == 15 and not rest["more"] and rest["live_rows"] == 25
    assert wang.pull(rest["cursor"]).json()["rows"] == []
    assert wang.pull(rest["cursor"], count=False).json()["live_rows"] is None  # counted only when asked


def test_an_old_client_is_told_to_update(client):
    wang = Session(client, "wang")
    answer = client.post("/v1/sync/pull", json={}, headers=bearer(wang.tokens))  # no protocol header
    assert answer.status_code == 426 and "update" in answer.json()["error"]["message"]


def test_no_change_is_skipped_by_pulls_running_beside_concurrent_pushes(database, branch_users):
    """The sequence-gap race: writers commit out of seq order while a reader pulls all along."""
    with database.transaction() as session:
        wang = session.get(User, branch_users["wang"])
    writers, per_writer = 6, 25
    pulled: set[str] = set()
    done = threading.Event()
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(per_writer):
                row_id = f"{n:02d}{i:030d}"
                with database.transaction() as session:
                    push(
                        session=session,
                        user=wang,
                        device_id=f"d{n}",
                        changes=[Change(**customer(row_id, wang.id))],
                    )
                    time.sleep(0.001 * (i % 3))  # hold the transaction open a little, unevenly
        except BaseException as exc:  # reported below
            errors.append(exc)

    def read() -> None:
        cursor = Cursor()
        while not done.is_set():
            with database.snapshot() as session:
                page = pull(session=session, user=wang, after=cursor, limit=50)
            pulled.update(row["id"] for row in page.rows)
            cursor = page.cursor
        with database.snapshot() as session:  # everything has committed: one last pull
            while True:
                page = pull(session=session, user=wang, after=cursor, limit=500)
                pulled.update(row["id"] for row in page.rows)
                cursor = page.cursor
                if not page.more:
                    break

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    reader = threading.Thread(target=read)
    reader.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    done.set()
    reader.join()
    assert errors == []
    with database.transaction() as session:
        stored = session.scalar(select(func.count()).select_from(SyncRow))
    assert stored == writers * per_writer and len(pulled) == stored


def test_cards_reminders_tags_and_audit_events_follow_their_customer(client, branch_users):
    wang, li = Session(client, "wang"), Session(client, "li")
    me = branch_users["wang"]
    card = change(
        "card", "a" * 32, {"id": "a" * 32, "customer_id": "c" * 32, "product": "白金卡", "last4": "1234"}
    )
    tag = change("tag", "t" * 32, {"id": "t" * 32, "owner_manager_id": me, "name": "车主"})
    link = change("customer_tag", "l" * 32, {"id": "l" * 32, "customer_id": "c" * 32, "tag_id": "t" * 32})
    audit = change(
        "audit_event",
        "e" * 32,
        {"id": "e" * 32, "occurred_at": "2026-11-20T02:00:00Z", "action": "export.customers"},
    )
    results = wang.push(customer("c" * 32, me), card, tag, link, audit)
    assert [r["status"] for r in results] == ["applied"] * 5
    assert set(wang.pull_all()) == {"c" * 32, "a" * 32, "t" * 32, "l" * 32, "e" * 32}
    assert wang.pull_all()["a" * 32]["fields"]["status"] == "pending_activation"  # the cleaner's default
    li_tag = change("tag", "u" * 32, {"id": "u" * 32, "name": "学生"})
    li.push(li_tag)
    foreign = change("customer_tag", "m" * 32, {"id": "m" * 32, "customer_id": "c" * 32, "tag_id": "u" * 32})
    assert wang.push(foreign)[0]["reason"]["code"] == "no_tag"  # li's tag on wang's customer
    assert (
        li.push(change("card", "b" * 32, {**card["fields"], "id": "b" * 32}))[0]["reason"]["code"]
        == "forbidden"
    )


def test_exports_and_reveals_reported_by_devices_go_to_the_server_audit_log(client, database, branch_users):
    wang = Session(client, "wang")
    detail = {"rows": 12, "masked": False, "file": "张伟的客户.xlsx", "filter": {"text": "张伟"}}
    export = change(
        "audit_event",
        "e" * 32,
        {
            "id": "e" * 32,
            "occurred_at": "2026-11-20T02:00:00Z",
            "action": "export.customers",
            "detail": json.dumps(detail, ensure_ascii=False),
        },
    )
    created = change(
        "audit_event",
        "f" * 32,
        {"id": "f" * 32, "occurred_at": "2026-11-20T02:01:00Z", "action": "customer.create"},
    )
    assert [r["status"] for r in wang.push(export, created)] == ["applied", "applied"]
    wang.push(export)  # re-sent: answered from its record, not reported twice
    with database.snapshot() as session:
        events = session.scalars(
            select(ServerAuditEvent).where(ServerAuditEvent.action.like("client.%"))
        ).all()
    assert [(e.action, e.username) for e in events] == [("client.export.customers", "wang")]
    reported = json.loads(events[0].detail)
    assert reported["rows"] == 12 and reported["masked"] is False and reported["device_id"] == "laptop-1"
    assert "张伟" not in events[0].detail  # no file name, no filter: they may name a customer


def reminder(row_id: str, customer_id: str) -> dict:
    fields = {
        "id": row_id,
        "customer_id": customer_id,
        "kind": "periodic_revisit",
        "due_at": "2026-11-25T01:00:00Z",
    }
    return change("reminder", row_id, fields)


def test_a_reminder_done_on_one_device_stays_done_whatever_the_other_did(client, branch_users):
    laptop, desktop = Session(client, "wang", "laptop"), Session(client, "wang", "desktop")
    laptop.push(
        customer("c" * 32, branch_users["wang"]), reminder("r" * 32, "c" * 32), reminder("s" * 32, "c" * 32)
    )
    done = {"status": "done", "completed_at": "2026-11-25T02:00:00Z"}
    snoozed = {"status": "snoozed", "snoozed_until": "2026-11-26T01:00:00Z"}
    # Done first, snoozed later (with a later clock): it stays done.
    laptop.push(change("reminder", "r" * 32, done, base={"status": "open", "completed_at": None}))
    [late] = desktop.push(change("reminder", "r" * 32, snoozed, base={"status": "open"}, at=stamp(60)))
    assert late["status"] == "conflict" and late["conflicts"][0]["kept"] == "done"
    # Snoozed first, done later (with an earlier clock): it ends done.
    desktop.push(change("reminder", "s" * 32, snoozed, base={"status": "open"}, at=stamp(60)))
    [ends] = laptop.push(change("reminder", "s" * 32, done, base={"status": "open"}, at=stamp(-60)))
    assert ends["status"] in ("applied", "conflict")
    rows = laptop.pull_all()
    assert rows["r" * 32]["fields"]["status"] == "done" and rows["s" * 32]["fields"]["status"] == "done"


def test_a_tag_added_on_one_device_and_removed_on_another_stays_added(client, branch_users):
    laptop, desktop = Session(client, "wang", "laptop"), Session(client, "wang", "desktop")
    me = branch_users["wang"]
    tag = change("tag", "t" * 32, {"id": "t" * 32, "name": "车主"})
    link_fields = {"id": "l" * 32, "customer_id": "c" * 32, "tag_id": "t" * 32}
    [_, _, added] = laptop.push(customer("c" * 32, me), tag, change("customer_tag", "l" * 32, link_fields))
    # The desktop removes it, then the laptop (which never saw the removal) adds it again.
    desktop.push(change("customer_tag", "l" * 32, {}, op="delete") | {"base_version": added["version"]})
    [again] = laptop.push(change("customer_tag", "l" * 32, link_fields))
    assert again["status"] == "applied" and laptop.pull_all()["l" * 32]["deleted"] is False
    # A removal based on a version older than the latest add does not take it off.
    [stale] = desktop.push(
        change("customer_tag", "l" * 32, {}, op="delete") | {"base_version": added["version"]}
    )
    assert stale["status"] == "conflict" and stale["conflicts"][0]["reason"] == "re-added"
    assert desktop.pull_all()["l" * 32]["deleted"] is False


def reassign(client, supervisor: Session, customer_id: str, to: str):
    return client.post(
        "/v1/sync/reassign", json={"customer_id": customer_id, "to": to}, headers=supervisor.headers
    )


def test_reassignment_moves_the_customer_and_its_rows(client, branch_users):
    wang, li, zhou = Session(client, "wang"), Session(client, "li"), Session(client, "zhou")
    wang.push(customer("c" * 32, branch_users["wang"]), call("e" * 32, "c" * 32, branch_users["wang"]))
    wang.push(reminder("r" * 32, "c" * 32))
    wang_cursor = wang.pull(limit=100).json()["cursor"]
    answer = reassign(client, zhou, "c" * 32, branch_users["li"])
    assert answer.status_code == 200 and answer.json() == {"rows": 3}
    moved = li.pull_all()
    assert set(moved) == {"c" * 32, "e" * 32, "r" * 32}
    assert moved["c" * 32]["fields"]["owner_manager_id"] == branch_users["li"]
    removed = wang.pull(wang_cursor).json()["rows"]
    assert {(row["id"], row.get("removed"), row.get("to")) for row in removed} == {
        ("c" * 32, True, branch_users["li"]),
        ("e" * 32, True, branch_users["li"]),
        ("r" * 32, True, branch_users["li"]),
    }
    assert wang.pull(wang_cursor).json()["live_rows"] == 0
    # What wang still pushes for the customer: edits come back "reassigned", calls are kept (for li).
    edit = change("customer", "c" * 32, {"tier": "young"}, base={"tier": "standard"})
    late_call = call("f" * 32, "c" * 32, branch_users["wang"])
    [refused, kept] = wang.push(edit, late_call)
    assert refused["status"] == "conflict" and refused["conflicts"][0]["reason"] == "reassigned"
    assert kept["status"] == "applied"
    rows = li.pull_all()
    assert (
        rows["f" * 32]["fields"]["manager_id"] == branch_users["wang"]
        and rows["c" * 32]["fields"]["tier"] == "standard"
    )
    chen = Session(client, "chen")
    assert (
        chen.push({**edit, "change_id": str(uuid.uuid4())})[0]["reason"]["code"] == "forbidden"
    )  # never owned it
    assert (
        chen.push(edit)[0]["reason"]["code"] == "duplicate_change_id"
    )  # and learns nothing of wang's answer


def test_reassigned_tag_links_move_to_the_new_owners_tag_of_the_same_name(client, branch_users):
    wang, li, zhou = Session(client, "wang"), Session(client, "li"), Session(client, "zhou")
    me = branch_users["wang"]
    tags = [
        change("tag", t * 32, {"id": t * 32, "owner_manager_id": me, "name": n})
        for t, n in (("t", "车主"), ("u", "VIP"))
    ]
    links = [
        change("customer_tag", k * 32, {"id": k * 32, "customer_id": "c" * 32, "tag_id": t * 32})
        for k, t in (("k", "t"), ("l", "u"))
    ]
    wang.push(customer("c" * 32, me), *tags, *links)
    li.push(change("tag", "v" * 32, {"id": "v" * 32, "name": "VIP"}))  # li has a VIP tag already
    li_cursor = li.pull().json()["cursor"]
    reassign(client, zhou, "c" * 32, branch_users["li"])
    rows = li.pull(li_cursor, limit=1000).json()["rows"]
    assert rows[0]["id"] == "c" * 32  # the customer comes before the rows that point at it
    by_id = {row["id"]: row for row in rows}
    assert by_id["l" * 32]["fields"]["tag_id"] == "v" * 32  # her own VIP tag
    made = by_id["k" * 32]["fields"]["tag_id"]
    assert made not in ("t" * 32, "v" * 32) and by_id[made]["fields"]["name"] == "车主"
    assert [row["id"] for row in rows].index(made) < [row["id"] for row in rows].index("k" * 32)
    assert set(li.pull_all()) >= {"c" * 32, "k" * 32, "l" * 32, made, "v" * 32}


def test_reassigned_away_and_back_while_offline(client, branch_users):
    wang, zhou = Session(client, "wang"), Session(client, "zhou")
    wang.push(customer("c" * 32, branch_users["wang"]))
    cursor = wang.pull().json()["cursor"]  # then wang goes offline
    reassign(client, zhou, "c" * 32, branch_users["li"])
    reassign(client, zhou, "c" * 32, branch_users["wang"])
    page = wang.pull(cursor).json()
    assert [(row["id"], bool(row.get("removed"))) for row in page["rows"]] == [
        ("c" * 32, True),
        ("c" * 32, False),
    ]
    assert page["live_rows"] == 1  # applied in order: dropped, then back


def test_only_a_supervisor_of_the_branch_reassigns_to_a_manager_of_it(client, branch_users):
    wang = Session(client, "wang")
    wang.push(customer("c" * 32, branch_users["wang"]))
    assert reassign(client, wang, "c" * 32, branch_users["li"]).status_code == 403
    assert reassign(client, Session(client, "zhou"), "c" * 32, branch_users["chen"]).status_code == 422
    assert reassign(client, Session(client, "zhou"), "x" * 32, branch_users["li"]).status_code == 404
    assert list(wang.pull_all()) == ["c" * 32]


def test_a_push_made_before_a_restore_is_refused_whole(client, database, branch_users):
    """A device names the epoch it last saw: a batch from before the server was restored from a
    backup is refused (409, nothing applied) so the device re-sends what the backup lacks first."""
    wang = Session(client, "wang")
    with database.snapshot() as session:
        epoch = read_meta(session=session, key=EPOCH)
    stale = {"changes": [customer("c" * 32, branch_users["wang"])], "epoch": "an-epoch-before-the-restore"}
    answer = client.post("/v1/sync/push", json=stale, headers=wang.headers)
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "epoch_changed" and answer.json()["error"]["epoch"] == epoch
    assert wang.pull_all() == {}
    current = {**stale, "epoch": epoch}
    answer = client.post("/v1/sync/push", json=current, headers=wang.headers)
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"


def test_a_row_made_from_an_edit_takes_what_it_lacks_from_its_resent_creation(client, branch_users):
    """After a restore, a customer's new owner may re-send an edit before its maker re-sends the
    creation (the reassignment was lost with the restore, so the maker is no owner of record):
    the row, made from the edit, takes the fields it lacks from the creation — it keeps what the
    edit set — and the maker is told the customer is another manager's now."""
    wang, li = Session(client, "wang"), Session(client, "li")
    edit = change("customer", "c" * 32, {"name": "李敏", "updated_at": "2026-11-20T03:00:00Z"})
    assert li.push(edit)[0]["status"] == "applied"
    made = customer("c" * 32, branch_users["wang"], created_at="2026-11-20T02:00:00Z")
    [outcome] = wang.push(made)
    assert outcome["status"] == "conflict" and outcome["conflicts"][0]["reason"] == "reassigned"
    fields = li.pull_all()["c" * 32]["fields"]
    assert fields["created_at"] == "2026-11-20T02:00:00Z" and fields["mobile"] == "13800138000"
    assert fields["name"] == "李敏" and fields["owner_manager_id"] == branch_users["li"]
    assert wang.pull_all() == {}
    # A row that has its creation takes nothing from another manager's "creation" of it.
    again = customer("c" * 32, branch_users["wang"], created_at="2026-11-19T00:00:00Z", email="a@b.cn")
    [refused] = wang.push(again)
    assert refused["status"] == "rejected" and refused["reason"]["code"] == "forbidden"
    assert "email" not in li.pull_all()["c" * 32]["fields"]


def test_a_call_refused_for_want_of_its_customer_is_judged_again_when_resent(client, branch_users):
    """`no_customer` may not hold later (the customer's maker re-sends it after a restore): that
    refusal is not kept under the change id, so the same change sent again goes through."""
    wang = Session(client, "wang")
    logged = call("e" * 32, "c" * 32, branch_users["wang"])
    [refused] = wang.push(logged)
    assert refused["status"] == "rejected" and refused["reason"]["code"] == "no_customer"
    wang.push(customer("c" * 32, branch_users["wang"]))
    [again] = wang.push(logged)
    assert again["status"] == "applied"
    assert wang.push(logged) == [again]  # from now on answered from its record
    # An edit or delete of a row the server never got names no customer: refused for good.
    never = change("customer_tag", "f" * 32, {"updated_at": "2026-11-20T02:00:00Z"}, op="delete")
    [gone] = wang.push(never)
    assert gone["status"] == "rejected" and gone["reason"]["code"] == "no_row"
    assert wang.push(never) == [gone]
