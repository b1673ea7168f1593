"""Malformed, hostile and oversized requests get a 4xx with a message and change nothing —
never a 500 (hypothesis generates the bodies)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from server.sync.models import AppliedChange, SyncRow
from tests.server.conftest import PROTOCOL, bearer, login

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.dictionaries(
    st.sampled_from(
        ["id", "name", "mobile", "id_number", "tier", "owner_manager_id", "customer_id", "status", "x"]
    ),
    JSON,
    max_size=5,
)
CHANGE = st.fixed_dictionaries(
    {
        "change_id": st.uuids().map(str) | st.text(min_size=8, max_size=36),
        "table": st.sampled_from(["customer", "call_log", "reminder", "customer_tag", "tag", "nope"]),
        "row_id": st.text("0123456789abcdef", min_size=1, max_size=32) | st.text(min_size=1, max_size=32),
        "op": st.sampled_from(["upsert", "delete", "drop"]),
        "fields": FIELDS,
        "base": FIELDS,
        "base_version": st.integers(min_value=-5, max_value=10**12),
        "edited_at": st.text(max_size=40) | st.just("1700000000000:00000:dev"),
    }
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def counts(database) -> tuple[int, int]:
    with database.snapshot() as session:
        return (
            session.scalar(select(func.count()).select_from(SyncRow)),
            session.scalar(select(func.count()).select_from(AppliedChange)),
        )


@FUZZ
@given(body=JSON)
def test_any_json_body_is_answered_without_a_server_error(client, body):
    tokens = login(client, "wang").json()
    for path in ("/v1/sync/push", "/v1/sync/pull", "/v1/sync/reassign", "/v1/login", "/v1/token/refresh"):
        answer = client.post(path, json=body, headers={**bearer(tokens), **PROTOCOL})
        assert answer.status_code < 500, (path, answer.text)
        if answer.status_code >= 400:
            assert answer.json()["error"]["message"]


@FUZZ
@given(changes=st.lists(CHANGE, max_size=5))
def test_hostile_changes_are_answered_one_by_one_and_refusals_change_nothing(client, database, changes):
    tokens = login(client, "wang").json()
    rows_before, _ids = counts(database)
    answer = client.post("/v1/sync/push", json={"changes": changes}, headers={**bearer(tokens), **PROTOCOL})
    assert answer.status_code < 500, answer.text
    if answer.status_code != 200:
        assert counts(database)[0] == rows_before
        return
    results = answer.json()["results"]
    assert len(results) == len(changes)
    assert {r["status"] for r in results} <= {"applied", "merged", "conflict", "rejected"}
    applied = sum(r["status"] == "applied" for r in results)
    assert counts(database)[0] <= rows_before + applied  # nothing beyond what was answered applied


def test_oversized_and_broken_bodies(client):
    tokens = login(client, "wang").json()
    headers = {**bearer(tokens), **PROTOCOL, "content-type": "application/json"}
    huge = client.post("/v1/sync/push", content=b" " * (9 * 2**20), headers=headers)
    assert huge.status_code == 413 and "MB" in huge.json()["error"]["message"]
    for raw in (b"{", b"\xff\xfe", json.dumps({"changes": [{}] * 501}).encode()):
        answer = client.post("/v1/sync/push", content=raw, headers=headers)
        assert answer.status_code == 422 and answer.json()["error"]["code"] == "malformed"
