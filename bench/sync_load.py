"""The client side of bench/sync_server.py: simulated devices that log in, pull and push, in
several client processes (a single Python thread would understate the server), and the same load
from wrk. Prints figures only; run bench/sync_server.py."""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "bench password 123"
PROTOCOL = {"X-BranchDesk-Protocol": "1"}


def stamp() -> str:
    from storage.hlc import format_stamp

    return format_stamp(int(time.time() * 1000), 0, "bench")


def login(base: str, username: str) -> dict[str, str]:
    import httpx

    body = {"username": username, "password": PASSWORD, "device_id": uuid.uuid4().hex}
    tokens = httpx.post(f"{base}/v1/login", json=body, timeout=60).json()
    return {"Authorization": f"Bearer {tokens['access_token']}", **PROTOCOL}


def pull_everything(base: str, headers: dict) -> tuple[int, float]:
    import httpx

    started, count, cursor = time.perf_counter(), 0, None
    with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
        while True:
            page = client.post("/v1/sync/pull", json={"cursor": cursor, "limit": 2000}).json()
            count += len(page["rows"])
            cursor = page["cursor"]
            if not page["more"]:
                return count, time.perf_counter() - started


def new_customers(owner: str, n: int) -> list[dict]:
    changes = []
    for _ in range(n):
        row_id = uuid.uuid4().hex
        fields = {
            "id": row_id,
            "owner_manager_id": owner,
            "name": "新客户",
            "mobile": "13900139000",
            "tier": "standard",
            "lifecycle_stage": "new",
        }
        changes.append(
            {
                "change_id": str(uuid.uuid4()),
                "table": "customer",
                "row_id": row_id,
                "op": "upsert",
                "fields": fields,
                "base": {},
                "base_version": 0,
                "edited_at": stamp(),
            }
        )
    return changes


def round_trips(base: str, headers: dict, owner: str, repeat: int) -> list[float]:
    import httpx

    times = []
    with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
        cursor = None
        while True:  # start from the current end, as a device that is up to date
            page = client.post("/v1/sync/pull", json={"cursor": cursor, "limit": 2000}).json()
            cursor = page["cursor"]
            if not page["more"]:
                break
        for _ in range(repeat):
            changes = new_customers(owner, 100)
            started = time.perf_counter()
            results = client.post("/v1/sync/push", json={"changes": changes}).json()["results"]
            page = client.post("/v1/sync/pull", json={"cursor": cursor, "limit": 2000}).json()
            times.append(time.perf_counter() - started)
            cursor = page["cursor"]
            assert all(r["status"] == "applied" for r in results)
    return times


def current_cursor(url: str) -> str:
    """Where the server's data ends now: devices that are up to date start from here."""
    from sqlalchemy import text

    from server.database import Database

    db = Database(url)
    with db.snapshot() as session:
        txid, seq = session.execute(
            text("SELECT txid, seq FROM sync_row ORDER BY txid DESC, seq DESC LIMIT 1")
        ).one()
    db.dispose()
    return f"{txid}.{seq}"


def client_process(
    base: str, logins: list[tuple[dict, str]], start_at: float, mode: str, cursor: str
) -> dict:
    """Several simulated devices (threads) of one client process, up to date at `cursor`. They
    wait for the common start, then either push 10 changes and pull, 10 times ("push"), or pull
    with nothing new, 20 times ("empty")."""
    import httpx

    def device(headers: dict, owner: str) -> tuple[list[float], list[float], int, float]:
        push_times, pull_times, errors, at = [], [], 0, cursor
        with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
            time.sleep(max(0.0, start_at - time.time()))
            for _ in range(10 if mode == "push" else 20):
                if mode == "push":
                    started = time.perf_counter()
                    answer = client.post("/v1/sync/push", json={"changes": new_customers(owner, 10)})
                    push_times.append(time.perf_counter() - started)
                    results = answer.json().get("results", []) if answer.status_code == 200 else []
                    errors += answer.status_code != 200 or any(r["status"] != "applied" for r in results)
                started = time.perf_counter()
                answer = client.post("/v1/sync/pull", json={"cursor": at, "limit": 2000})
                pull_times.append(time.perf_counter() - started)
                errors += answer.status_code != 200
                if answer.status_code == 200:
                    at = answer.json()["cursor"]
        return push_times, pull_times, errors, time.time()

    with ThreadPoolExecutor(len(logins)) as pool:
        results = list(pool.map(lambda pair: device(*pair), logins))
    return {
        "push": [t for r in results for t in r[0]],
        "pull": [t for r in results for t in r[1]],
        "errors": sum(r[2] for r in results),
        "end": max(r[3] for r in results),
    }


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    at = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {at(0.50):.0f} ms, p95 {at(0.95):.0f} ms, p99 {at(0.99):.0f} ms"


def concurrent_load(base: str, url: str, users: dict[str, str], clients: int, processes: int) -> None:
    managers = [name for name in users if name != "zhou"]
    logins = [
        (login(base, managers[n % len(managers)]), users[managers[n % len(managers)]]) for n in range(clients)
    ]
    groups = [logins[p::processes] for p in range(processes)]
    for mode in ("push", "empty"):
        cursor = current_cursor(url)
        start_at = time.time() + 5  # every client process started
        arguments = (
            [base] * processes,
            groups,
            [start_at] * processes,
            [mode] * processes,
            [cursor] * processes,
        )
        with ProcessPoolExecutor(processes) as pool:
            parts = list(pool.map(client_process, *arguments))
        took = max(p["end"] for p in parts) - start_at
        pushes = [t for p in parts for t in p["push"]]
        pulls = [t for p in parts for t in p["pull"]]
        errors = sum(p["errors"] for p in parts)
        if mode == "push":
            print(
                f"  {clients} clients x 100 changes (pushes of 10, a pull after each): "
                f"{len(pushes) * 10 / took:,.0f} changes/s pushed over {took:.1f} s, {errors} errors"
            )
            print(f"    push latency {percentiles(pushes)}; pull latency {percentiles(pulls)}")
        else:
            print(
                f"  empty pulls, {clients} clients: {len(pulls) / took:,.0f} pulls/s "
                f"({percentiles(pulls)}), {errors} errors"
            )


WRK_SCRIPT = """
local tokens = {%(tokens)s}
local owners = {%(owners)s}
local mode = "%(mode)s"
local pause = %(pause)d
local n = 0
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%%x+)"), 16) %% 100000)
end
if pause > 0 then
  delay = function() return pause end
end
local function hex(len)
  local out = {}
  for i = 1, len do out[i] = string.format("%%x", math.random(0, 15)) end
  return table.concat(out)
end
request = function()
  n = n + 1
  local i = (n %% #tokens) + 1
  local headers = {["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json",
                   ["X-BranchDesk-Protocol"] = "1"}
  if mode == "pull" then
    return wrk.format("POST", "/v1/sync/pull", headers, '{"cursor": "99999999999.0", "limit": 2000}')
  end
  local changes = {}
  for k = 1, 10 do
    local id = hex(32)
    changes[k] = string.format('{"change_id": "%%s-%%s", "table": "customer", "row_id": "%%s", '
      .. '"op": "upsert", "fields": {"id": "%%s", "owner_manager_id": "%%s", "name": "新客户", '
      .. '"mobile": "13900139000", "tier": "standard", "lifecycle_stage": "new"}, '
      .. '"base": {}, "base_version": 0, "edited_at": "%(stamp)s"}', hex(8), hex(27), id, id, owners[i])
  end
  return wrk.format("POST", "/v1/sync/push", headers, '{"changes": [' .. table.concat(changes, ",") .. ']}')
end
"""
REPEATS = 3  # wrk runs per figure; the median is printed (the machine is shared and noisy)


@dataclass
class WrkRun:
    """One wrk run: requests per second, latency percentiles in ms, errors, wrk's own CPU."""

    rate: float
    p50: float
    p90: float
    p99: float
    errors: int
    cpu: float


def _ms(text: str) -> float:
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    raise ValueError(text)


def start_wrk(base: str, logins: list[tuple[dict, str]], mode: str, seconds: int, pause_ms: int = 0):
    """wrk as a running process: `connections` = len(logins); with `pause_ms` each connection waits
    that long between requests (a paced load, whose latency then excludes queueing behind the
    load generator's own backlog)."""
    tokens = ", ".join(f'"{headers["Authorization"].split()[1]}"' for headers, _owner in logins)
    owners = ", ".join(f'"{owner}"' for _headers, owner in logins)
    script = Path(tempfile.mkdtemp()) / f"{mode}.lua"
    values = {"tokens": tokens, "owners": owners, "mode": mode, "stamp": stamp(), "pause": pause_ms}
    script.write_text(WRK_SCRIPT % values)
    command = ["wrk", "-t1" if pause_ms else "-t2", f"-c{len(logins)}", f"-d{seconds}s", "--latency"]
    return subprocess.Popen([*command, "-s", str(script), base], stdout=subprocess.PIPE, text=True)


def finish_wrk(process, seconds: int) -> WrkRun:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, _ = process.communicate()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    lines = out.splitlines()
    rate = float(next(line.split()[1] for line in lines if line.startswith("Requests/sec")))
    latency = {
        line.split()[0]: _ms(line.split()[1]) for line in lines if line.strip()[:3] in ("50%", "90%", "99%")
    }
    errors = 0
    for line in lines:
        if "Non-2xx" in line:
            errors += int(line.split()[-1])
        if "Socket errors" in line:
            errors += sum(int(part.split()[-1]) for part in line.split(":", 1)[1].split(","))
    return WrkRun(rate, latency["50%"], latency["90%"], latency["99%"], errors, cpu / seconds)


def _median_run(runs: list[WrkRun]) -> WrkRun:
    pick = statistics.median
    return WrkRun(
        pick(r.rate for r in runs),
        pick(r.p50 for r in runs),
        pick(r.p90 for r in runs),
        pick(r.p99 for r in runs),
        sum(r.errors for r in runs),
        max(r.cpu for r in runs),
    )


def _describe(run: WrkRun, mode: str) -> str:
    what = f"{run.rate * 10:,.0f} changes/s pushed" if mode == "push" else f"{run.rate:,.0f} empty pulls/s"
    return (
        f"{what}; latency p50 {run.p50:.0f} ms, p90 {run.p90:.0f} ms, p99 {run.p99:.0f} ms; "
        f"{run.errors} errors; wrk used {run.cpu:.2f} CPU"
    )


def wrk_load(base: str, logins: list[tuple[dict, str]], mode: str, seconds: int = 10) -> None:
    """As fast as wrk (C, one process) can send: Python clients understate a server (FINDINGS.md).
    Pushes are batches of 10 new customers; pulls are empty."""
    if shutil.which("wrk") is None:
        print("  (wrk is not installed: Debian package wrk)")
        return
    runs = [finish_wrk(start_wrk(base, logins, mode, seconds), seconds) for _ in range(REPEATS)]
    print(
        f"  wrk flat out, {len(logins)} connections, median of {REPEATS} x {seconds} s: "
        f"{_describe(_median_run(runs), mode)}"
    )


def wrk_paced(base: str, logins: list[tuple[dict, str]], pulls: int = 1000, changes: int = 2000) -> None:
    """The aims' load, offered together: `pulls` empty pulls/s from 40 connections and `changes`
    pushed changes/s (batches of 10) from 10, each connection pausing between its requests —
    latency at that rate, not at saturation."""
    if shutil.which("wrk") is None:
        return
    seconds, pullers, pushers = 10, logins[:40], logins[40:50]
    pull_runs, push_runs = [], []
    for _ in range(REPEATS):
        pulling = start_wrk(base, pullers, "pull", seconds, pause_ms=1000 * len(pullers) // pulls)
        pushing = start_wrk(base, pushers, "push", seconds, pause_ms=1000 * len(pushers) * 10 // changes)
        pull_runs.append(finish_wrk(pulling, seconds))
        push_runs.append(finish_wrk(pushing, seconds))
    print(
        f"  wrk paced, {pulls:,} pulls/s + {changes:,} changes/s offered together, "
        f"median of {REPEATS} x {seconds} s:"
    )
    print(f"    pulls: {_describe(_median_run(pull_runs), 'pull')}")
    print(f"    pushes: {_describe(_median_run(push_runs), 'push')}")
