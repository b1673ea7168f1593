"""A seeded random walk of a branch syncing through a bad network, to show that everything
converges and nothing is lost or applied twice (used by test_sync_simulation and bench/sync_soak).

The world: a real `branchdesk-server` process; three managers with two laptops each and a
supervisor's laptop, every laptop a real encrypted profile behind its own FaultProxy. Each seed
starts from empty books and walks: random edits on random laptops (customers, calls, reminders,
tags, deletes), syncs through a network that refuses connections, loses answers after the server
committed and cuts pages in half, laptops that go offline, crash mid-sync (the client is thrown
away and made anew) and run clocks minutes off, access tokens that expire mid-sync, a supervisor
who reassigns customers, laptops that sleep past the tombstone horizon, and a server restored
from a backup. Then the network heals, every laptop syncs until nothing moves, and:
- every laptop of a manager holds the same book, which is the supervisor's view of that manager;
- every customer and call ever created is there exactly once (tombstones included);
- every change id was answered, the server recorded each once, and every conflict or refusal it
  answered is listed in the manager's conflicts.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import delete, insert, select, text

from server.accounts.service import add_user
from server.accounts.tokens import issue_access
from server.database import Database
from server.meta import TOKEN_KEY, read_meta
from server.sync.maintenance import compact, mark_restored
from server.sync.models import AppliedChange, SyncRemoval, SyncRow
from storage.errors import BranchDeskError
from storage.hlc import HybridLogicalClock
from storage.profile import create_profile
from storage.services.calls import CallService
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from storage.store import Store
from storage.sync.api import SyncApi, SyncError
from storage.sync.client import SyncClient
from storage.sync.local_rows import TABLE_ORDER
from storage.sync.outbox_push import WAIT_FOR_CUSTOMER, WAITING
from storage.timeutil import utc_now
from tests.sync.fault_proxy import FaultProxy

MANAGERS = ("wang", "li", "zhao")
SUPERVISOR = "zhou"
TIERS = ("private_banking", "high_value", "standard", "young", "basic")
JOBS = ("教师", "医生", "工程师", "律师", "会计", "司机")
SURNAMES = "王李张刘陈杨黄赵吴周"
DEVICE_TABLES = (*reversed(TABLE_ORDER), "sync_notice", "outbox")
SERVER_TABLES = (SyncRow, SyncRemoval, AppliedChange)
_SYNC_KEYS = (
    "sync_cursor",
    "sync_epoch",
    "sync_resync",
    "sync_deferred_removals",
    "sync_drift",
    "sync_last_ok",
)


@dataclass
class Laptop:
    name: str
    user: str
    store: Store
    proxy: FaultProxy
    client: SyncClient | None = None
    offline: bool = False
    skew: float = 0.0

    def fresh_client(self) -> None:
        """Start the sync client anew (after a crash, the app restarting)."""
        if self.client is not None:
            self.client.close()
        self.client = SyncClient(self.store, api_factory=_no_keepalive)


def _no_keepalive(account) -> SyncApi:
    transport = httpx.HTTPTransport(
        limits=httpx.Limits(max_keepalive_connections=0), verify=False
    )  # http: no TLS
    return SyncApi(account.server, transport=transport)


@dataclass
class Ledger:
    """What the walk did, to check the end state against."""

    customers: set[str] = field(default_factory=set)
    calls: set[str] = field(default_factory=set)
    restored: bool = False
    compacted: bool = False
    events: list[str] = field(default_factory=list)


class World:
    """A server and seven laptops, reused across seeds (each seed starts from empty books)."""

    def __init__(self, database: Database, server_url: str, folder, password: str, restart_server) -> None:
        self.database, self.password, self.restart_server = database, password, restart_server
        self.server_port = urlsplit(server_url).port
        with database.transaction() as session:
            existing = {u for (u,) in session.execute(text("SELECT username FROM app_user"))}
            if "zhao" not in existing:
                add_user(
                    session=session,
                    username="zhao",
                    display_name="赵磊",
                    role="manager",
                    branch_code="0101",
                    password=password,
                )
            self.user_ids = dict(session.execute(text("SELECT username, id FROM app_user")).all())
        self.laptops: list[Laptop] = []
        for user in MANAGERS:
            for n in (1, 2):
                self.laptops.append(self._laptop(folder, f"{user}-{n}", user))
        self.supervisor = self._laptop(folder, "zhou-1", SUPERVISOR)

    def _laptop(self, folder, name: str, user: str) -> Laptop:
        store = create_profile(folder / name, passphrase="simulated laptop", use_keyring=False, scrypt=_FAST)
        proxy = FaultProxy(self.server_port)
        SyncClient.login(store, proxy.url, user, self.password, device_name=name)
        laptop = Laptop(name, user, store, proxy)
        laptop.fresh_client()
        return laptop

    @property
    def everyone(self) -> list[Laptop]:
        return [*self.laptops, self.supervisor]

    def close(self) -> None:
        for laptop in self.everyone:
            laptop.client.close()
            laptop.store.close()
            laptop.proxy.close()

    def repoint(self, server_url: str) -> None:
        """The server came back on another port (restarted after a restore)."""
        self.server_port = urlsplit(server_url).port
        for laptop in self.everyone:
            laptop.proxy.target_port = self.server_port

    # A seed starts from empty books ---------------------------------------------------------------
    def reset(self, rng: random.Random) -> None:
        with self.database.transaction() as session:
            for model in SERVER_TABLES:
                session.execute(delete(model))
            session.execute(text("DELETE FROM server_meta WHERE key = 'compacted_through'"))
        for laptop in self.everyone:
            with laptop.store.write() as tx:
                tx.session.execute(text("PRAGMA defer_foreign_keys = ON"))
                for table in DEVICE_TABLES:
                    if table == "audit_event":
                        _drop_audit_events(tx.session)
                    else:
                        tx.session.execute(text(f"DELETE FROM {table}"))
                for key in _SYNC_KEYS:
                    tx.session.execute(text("DELETE FROM sync_state WHERE key = :k"), {"k": key})
            laptop.skew = rng.choice((0.0, 0.0, -600.0, 420.0, 3600.0))  # wrong clocks, one far ahead
            laptop.store.clock = HybridLogicalClock(laptop.store.device_id, None, wall=_skewed(laptop.skew))
            laptop.offline = False
            laptop.proxy.fault_rate = 0.0
            laptop.proxy.plan = laptop.proxy._random_plan
            laptop.proxy.rng = random.Random(rng.random())  # the seed decides the network's faults too
            laptop.fresh_client()


_FAST = None  # set by the caller: tests.conftest.FAST_SCRYPT (imported lazily to keep this importable)


def _skewed(offset: float):
    return lambda: time.time() + offset


def _drop_audit_events(session) -> None:
    # Audit events are append-only on a laptop (guard triggers); a new seed is a new laptop.
    session.execute(text("DROP TRIGGER IF EXISTS audit_event_no_delete"))
    session.execute(text("DELETE FROM audit_event"))
    session.execute(
        text(
            "CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
        )
    )


# The walk ------------------------------------------------------------------------------------------


def run_seed(world: World, seed: int, steps: int = 30) -> Ledger:
    """One seeded walk and its checks; AssertionError (naming the seed) when something is wrong."""
    rng = random.Random(seed)
    world.reset(rng)
    ledger = Ledger()
    fault_rate = rng.choice((0.0, 0.15, 0.35))
    backup = None
    try:
        for step in range(steps):
            laptop = rng.choice(world.laptops)
            roll = rng.random()
            if roll < 0.45:
                _edit(laptop, rng, ledger)
            elif roll < 0.75:
                laptop.proxy.fault_rate = fault_rate
                _try_sync(laptop, ledger)
            elif roll < 0.80:
                laptop.offline = not laptop.offline
                laptop.proxy.plan = (lambda: "refuse") if laptop.offline else laptop.proxy._random_plan
            elif roll < 0.84:
                laptop.fresh_client()  # crashed: the app starts again
                ledger.events.append(f"{step}: {laptop.name} restarted")
            elif roll < 0.88:
                _expire_token(world, laptop)
            elif roll < 0.93:
                _reassign(world, rng, ledger)
            elif roll < 0.95 and backup is None and not ledger.compacted:
                backup = _backup(world)
                ledger.events.append(f"{step}: server backed up")
            elif roll < 0.97 and backup is not None and not ledger.restored:
                _restore(world, backup)
                ledger.restored = True
                ledger.events.append(f"{step}: server restored")
            elif roll < 0.98 and not ledger.restored and backup is None:
                with world.database.transaction() as session:
                    compact(session=session, horizon_days=0)  # everyone slept past the horizon
                ledger.compacted = True
                ledger.events.append(f"{step}: tombstones compacted")
            else:
                _try_sync(world.supervisor, ledger)
        settle(world)
        if ledger.compacted and _age_waiting(world):
            settle(world)
        check(world, ledger)
    except AssertionError as exc:
        raise AssertionError(f"seed {seed} failed: {exc}\nevents: {ledger.events[-12:]}") from exc
    return ledger


def _edit(laptop: Laptop, rng: random.Random, ledger: Ledger) -> None:
    store = laptop.store
    with store.read() as session:
        mine = [
            c
            for (c,) in session.execute(
                text("SELECT id FROM customer WHERE deleted = 0 AND owner_manager_id = :me"),
                {"me": store.actor.id},
            )
        ]
        reminders = [
            r
            for (r,) in session.execute(
                text("SELECT id FROM reminder WHERE deleted = 0 AND status IN ('open', 'snoozed')")
            )
        ]
    what = rng.random()
    with suppress(BranchDeskError):  # a record gone meanwhile (deleted, reassigned): as in the app
        if not mine or what < 0.2:
            name = rng.choice(SURNAMES) + rng.choice("伟芳娜静磊强")
            made = CustomerService(store).create(
                {"name": name, "mobile": f"13{rng.randrange(10**9):09d}", "tier": rng.choice(TIERS)},
                allow_shared_mobile=True,
            )
            ledger.customers.add(made.new_id)
        elif what < 0.45:
            field_, value = rng.choice(
                [
                    ("tier", rng.choice(TIERS)),
                    ("occupation", rng.choice(JOBS)),
                    ("mobile", f"13{rng.randrange(10**9):09d}"),
                    ("name", rng.choice(SURNAMES) + "敏"),
                ]
            )
            CustomerService(store).update(rng.choice(mine), {field_: value}, allow_shared_mobile=True)
        elif what < 0.6:
            made = CallService(store).log_call(
                rng.choice(mine),
                {
                    "occurred_at": utc_now() - timedelta(hours=rng.randrange(48)),
                    "channel": "phone",
                    "purpose": "periodic_revisit",
                    "outcome": "reached",
                },
            )
            ledger.calls.add(made.new_id)
        elif what < 0.7:
            ReminderService(store).create(
                rng.choice(mine),
                {"kind": "follow_up", "due_at": utc_now() + timedelta(days=rng.randrange(1, 9))},
            )
        elif what < 0.8 and reminders:
            reminder = rng.choice(reminders)
            if rng.random() < 0.5:
                ReminderService(store).complete(reminder)
            else:
                ReminderService(store).snooze(reminder, utc_now() + timedelta(days=1))
        elif what < 0.9:
            customer = rng.choice(mine)
            tags = TagService(store).tags_of(customer)
            if tags and rng.random() < 0.5:
                TagService(store).remove(customer, rng.choice(tags)[0])
            else:
                TagService(store).add(customer, rng.choice(("车主", "VIP", "学生")))
        elif what < 0.95:
            CustomerService(store).delete(rng.choice(mine))


def _try_sync(laptop: Laptop, ledger: Ledger) -> None:
    try:
        laptop.client.sync()
    except SyncError as exc:
        if exc.code == "sync_signed_out":  # the server forgot this laptop (restored): log in again
            SyncClient.login(laptop.store, laptop.client.account.server, laptop.user, _password_of(laptop))
            laptop.fresh_client()
        elif not exc.retry:
            raise AssertionError(f"{laptop.name}: sync refused for good: {exc.code}") from exc


def _password_of(laptop: Laptop) -> str:
    from tests.server.conftest import PASSWORD

    return PASSWORD


def _expire_token(world: World, laptop: Laptop) -> None:
    """The laptop's access token runs out mid-walk (a real token, signed, 20 minutes old)."""
    with world.database.snapshot() as session:
        key = read_meta(session=session, key=TOKEN_KEY)
    user_id = world.user_ids[laptop.user]
    role = "supervisor" if laptop.user == SUPERVISOR else "manager"
    laptop.client._access = issue_access(key, user_id, laptop.store.device_id, role, now=time.time() - 1200)


def _reassign(world: World, rng: random.Random, ledger: Ledger) -> None:
    with world.database.snapshot() as session:
        rows = session.execute(
            select(SyncRow.row_id, SyncRow.owner_id).where(
                SyncRow.table_name == "customer", SyncRow.deleted.is_(False)
            )
        ).all()
    if not rows:
        return
    customer, owner = rng.choice(rows)
    to = rng.choice([world.user_ids[m] for m in MANAGERS if world.user_ids[m] != owner])
    with suppress(SyncError):
        world.supervisor.client.reassign(customer, to)
        ledger.events.append(f"reassigned {customer[-6:]} to {to[-6:]}")


def _backup(world: World) -> dict:
    with world.database.snapshot() as session:
        return {
            model: [dict(row._mapping) for row in session.execute(select(model.__table__))]
            for model in SERVER_TABLES
        }


def _restore(world: World, backup: dict) -> None:
    """Put the sync tables back as they were and start a new epoch; the server restarts."""
    with world.database.transaction() as session:
        for model in SERVER_TABLES:
            session.execute(delete(model))
            if backup[model]:
                session.execute(insert(model.__table__), backup[model])
        mark_restored(session=session)
    world.repoint(world.restart_server())


# The end -------------------------------------------------------------------------------------------


def settle(world: World, rounds: int = 8) -> None:
    """Heal the network and sync everyone until nothing moves."""
    for laptop in world.everyone:
        laptop.offline = False
        laptop.proxy.fault_rate = 0.0
        laptop.proxy.plan = laptop.proxy._random_plan
    for _ in range(rounds):
        moved = 0
        for laptop in world.everyone:
            for attempt in range(3):
                try:
                    report = laptop.client.sync()
                    moved += report.pushed + report.pulled
                    break
                except SyncError as exc:
                    if exc.code == "sync_signed_out" or attempt == 2:
                        _try_sync(laptop, Ledger())
        if moved == 0:  # a whole round in which nobody sent or received anything: settled
            return
    raise AssertionError("the laptops did not settle")


def _age_waiting(world: World) -> int:
    """Compaction stands for everyone sleeping past the tombstone horizon (months): a change
    still waiting for its customer (one deleted elsewhere, its tombstone since compacted) has
    waited its week by then. Returns how many changes were waiting."""
    aged = 0
    for laptop in world.everyone:
        with laptop.store.write() as tx:
            long_ago = (utc_now() - WAIT_FOR_CUSTOMER - timedelta(days=1)).isoformat()
            waited = json.dumps({"status": WAITING, "since": long_ago})
            aged += tx.session.execute(
                text("UPDATE outbox SET result = :r WHERE acked_at IS NULL AND result LIKE '%waiting%'"),
                {"r": waited},
            ).rowcount
    return aged


def check(world: World, ledger: Ledger) -> None:
    books = {laptop.name: book(laptop.store) for laptop in world.everyone}
    branch = books[world.supervisor.name]
    for user in MANAGERS:
        user_id = world.user_ids[user]
        expected = {
            table: {row for row in rows if dict(row).get("owner_manager_id") == user_id}
            for table, rows in branch.items()
        }
        for n in (1, 2):
            held = books[f"{user}-{n}"]
            for table in expected:
                if held[table] != expected[table]:
                    differ = held[table] ^ expected[table]
                    report = _diff(f"{user}-{n}", table, held[table], expected[table])
                    raise AssertionError(report + _on_server(world, table, differ))
    with world.supervisor.store.read() as session:  # tombstones too: every row ever made
        held = {
            t: {r for (r,) in session.execute(text(f"SELECT id FROM {t}"))} for t in ("customer", "call_log")
        }
    if ledger.compacted:  # tombstones were dropped on the server: the live rows are all we can see
        assert held["customer"] <= ledger.customers and held["call_log"] <= ledger.calls, "rows made up"
    else:
        # A call the server refused is listed for its manager instead (logged on a customer that
        # a restore gave back to its earlier manager: the reassignment was lost with it).
        refused = _refused_rows(world)
        for table, made in (("customer", ledger.customers), ("call_log", ledger.calls)):
            lost, made_up = made - held[table] - refused, held[table] - made
            assert not lost and not made_up, _where_rows_are(world, table, lost, made_up)
    _check_accounting(world, ledger)


def _refused_rows(world: World) -> set[str]:
    """Rows whose creation the server refused, as listed in the Conflicts view of some laptop."""
    refused: set[str] = set()
    for laptop in world.everyone:
        with laptop.store.read() as session:
            query = text("SELECT row_id FROM sync_conflict WHERE kind = 'rejected' AND deleted = 0")
            refused |= {row_id for (row_id,) in session.execute(query)}
    return refused


def _where_rows_are(world: World, table: str, lost: set, made_up: set) -> str:
    """Which rows the supervisor lacks or has too many of, and where each one is."""
    lines = [f"{table}: {len(lost)} lost, {len(made_up)} made up"]
    for row_id in sorted(lost | made_up)[:4]:
        holders = []
        for laptop in world.everyone:
            with laptop.store.read() as session:
                found = session.execute(
                    text(f"SELECT deleted, version FROM {table} WHERE id = :id"), {"id": row_id}
                ).first()
                answers = [
                    json.loads(result or "null")
                    for (result,) in session.execute(
                        text("SELECT result FROM outbox WHERE row_id = :id ORDER BY seq"), {"id": row_id}
                    )
                ]
                listed = session.scalar(
                    text("SELECT count(*) FROM sync_conflict WHERE row_id = :id AND deleted = 0"),
                    {"id": row_id},
                )
            if found is not None or answers or listed:
                said = [a and (a["status"], (a.get("reason") or {}).get("code")) for a in answers]
                holders.append(
                    f"{laptop.name}: row {tuple(found) if found else None}, sent {said}, listed {listed}"
                )
        with world.database.snapshot() as session:
            on_server = session.get(SyncRow, (table, row_id))
        where = f"v{on_server.seq} deleted {on_server.deleted}" if on_server else "absent"
        lines.append(f"  {row_id[-6:]}: server {where}; laptops {holders}")
    return "\n".join(lines)


def _diff(name: str, table: str, held: set, expected: set) -> str:
    """Which rows differ, and in which fields (ids shortened)."""
    mine = {dict(r)["id"]: dict(r) for r in held - expected}
    theirs = {dict(r)["id"]: dict(r) for r in expected - held}
    lines = [f"{name} differs from the server in {table}:"]
    for row_id in sorted(set(mine) | set(theirs))[:5]:
        a, b = mine.get(row_id), theirs.get(row_id)
        if a is None or b is None:
            row = a or b
            where = "on the laptop" if b is None else "on the server"
            lines.append(f"  {row_id[-6:]} only {where}: owner {row.get('owner_manager_id', '')[-6:]}")
        else:
            fields = {k: (a[k], b.get(k)) for k in a if a[k] != b.get(k)}
            lines.append(f"  {row_id[-6:]} laptop/server: {fields}")
    return "\n".join(lines)


def _on_server(world: World, table: str, rows: set) -> str:
    """What the server holds for the differing rows (to tell a client fault from a server one)."""
    ids = {dict(r)["id"] for r in rows}
    lines = []
    with world.database.snapshot() as session:
        for row_id in sorted(ids)[:3]:
            found = session.get(SyncRow, (table, row_id))
            if found is None:
                lines.append(f"  server: no {row_id[-6:]}")
            else:
                owner = json.loads(found.fields).get("owner_manager_id", "")
                lines.append(
                    f"  server: {row_id[-6:]} v{found.seq} owner {found.owner_id[-6:]}/{owner[-6:]} "
                    f"deleted {found.deleted}"
                )
            with world.supervisor.store.read() as local:
                there = local.execute(
                    text(f"SELECT version, owner_manager_id, deleted FROM {table} WHERE id = :id"),
                    {"id": row_id},
                ).first()
            lines.append(f"  supervisor's laptop: {there and (there[0], there[1][-6:], there[2])}")
    return "\n" + "\n".join(lines)


def book(store: Store) -> dict[str, set]:
    """The live rows of the synced tables, synced columns only."""
    skip = {
        "seq",
        "version",
        "name_pinyin",
        "name_initials",
        "name_sort_key",
        "birth_mmdd",
        "last_contact_at",
        "next_revisit_at",
    }
    held = {}
    with store.read() as session:
        for table in ("customer", "card", "tag", "customer_tag", "call_log", "reminder"):
            rows = session.execute(text(f"SELECT * FROM {table} WHERE deleted = 0")).mappings()
            held[table] = {tuple(sorted((k, v) for k, v in row.items() if k not in skip)) for row in rows}
    return held


def _check_accounting(world: World, ledger: Ledger) -> None:
    answered: dict[str, dict] = {}
    for laptop in world.everyone:
        with laptop.store.read() as session:
            waiting = session.scalar(text("SELECT count(*) FROM outbox WHERE acked_at IS NULL"))
            # Only a call (say) on a customer deleted elsewhere and then compacted away waits on:
            # for its customer, a week, then it is listed as refused.
            assert waiting == 0 or ledger.compacted, f"{laptop.name} still has {waiting} changes waiting"
            for change_id, _table, result in session.execute(
                text("SELECT change_id, table_name, result FROM outbox WHERE acked_at IS NOT NULL")
            ):
                outcome = json.loads(result)
                assert outcome["status"] in ("applied", "merged", "conflict", "rejected", "local"), outcome
                if outcome["status"] != "local":
                    answered[change_id] = outcome
    with world.database.snapshot() as session:
        recorded = {c for (c,) in session.execute(select(AppliedChange.change_id))}
    if not ledger.compacted:  # compaction drops idempotency records by design
        # A refusal for want of the customer is not recorded (a re-send is judged again).
        missing = {c: answered[c]["status"] for c in set(answered) - recorded if not _for_now(answered[c])}
        extra = recorded - set(answered)
        assert not missing and not extra, (
            f"the server's record of change ids does not balance: {len(missing)} answered but not recorded "
            f"{sorted(missing.items())[:4]}, {len(extra)} recorded but answered to no laptop"
        )
    listed = set()
    for laptop in world.everyone:
        with laptop.store.read() as session:
            listed |= {c for (c,) in session.execute(text("SELECT change_id FROM sync_conflict"))}
    noted = {c for c, o in answered.items() if o["status"] in ("conflict", "rejected") and _worth_noting(o)}
    assert noted <= listed, f"{len(noted - listed)} conflicts or refusals are not listed"


def _for_now(outcome: dict) -> bool:
    return outcome["status"] == "rejected" and (outcome.get("reason") or {}).get("code") == "no_customer"


def _worth_noting(outcome: dict) -> bool:
    """Conflicts that leave something to review (every outcome is, today)."""
    return bool(outcome.get("conflicts")) or outcome["status"] == "rejected"


# Many seeds at once ---------------------------------------------------------------------------------


def run_many(backend: str, first: int, seeds: int, *, workers: int = 2, steps: int = 30, report=print):
    """Run seeds first..first+seeds-1 in `workers` processes, each with a world of its own (a
    database, a server process, seven laptops). Returns (how many ran, [(seed, error), …])."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    procs = [
        context.Process(target=_worker, args=(i, workers, first, seeds, backend, steps, queue, os.getpid()))
        for i in range(workers)
    ]
    for proc in procs:
        proc.start()
    ran, failed, running, started = 0, [], workers, time.monotonic()
    while running:
        seed, error = queue.get()
        if seed is None:
            running -= 1
            if error:
                failed.append((-1, error))  # a world that could not be built
            continue
        ran += 1
        if error:
            failed.append((seed, error))
            report(f"seed {seed} FAILED: {error.splitlines()[0][:300]}")
        if ran % 100 == 0:
            report(
                f"{ran:,} seeds run, {len(failed)} failed ({ran / (time.monotonic() - started):.2f} seeds/s)"
            )
    for proc in procs:
        proc.join()
    return ran, failed


def _worker(
    index: int, workers: int, first: int, seeds: int, backend: str, steps: int, queue, parent: int
) -> None:
    import tempfile
    import traceback
    from pathlib import Path

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    global _FAST
    from server.migrate import migrate
    from tests.conftest import FAST_SCRYPT
    from tests.server.conftest import PASSWORD, add_branch_users, scratch_database_url, start_server

    _FAST = FAST_SCRYPT
    folder = Path(tempfile.mkdtemp(prefix=f"bd-sim-{index}-"))
    processes = []
    try:
        with scratch_database_url(backend, folder) as url:
            database = Database(url)
            migrate(database)
            add_branch_users(database)

            def start() -> str:
                for old in processes:
                    old.terminate()
                    old.wait(timeout=10)
                process, base = start_server("--database-url", url)
                processes.append(process)
                return base

            world = World(database, start(), folder, PASSWORD, start)
            try:
                for seed in range(first + index, first + seeds, workers):
                    if os.getppid() != parent:  # the runner was killed: stop (and take the servers down)
                        break
                    try:
                        run_seed(world, seed, steps)
                        queue.put((seed, None))
                    except Exception as exc:  # every failure is reported with its seed; the next runs
                        queue.put((seed, "".join(traceback.format_exception_only(exc)).strip()))
            finally:
                world.close()
                for process in processes:
                    if process.poll() is None:
                        process.terminate()
                        process.wait(timeout=10)
                database.dispose()
        queue.put((None, None))
    except BaseException as exc:  # the parent must hear of it, or it waits forever
        queue.put((None, "".join(traceback.format_exception_only(exc)).strip()))
