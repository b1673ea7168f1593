"""Login, refresh, logout, disabled accounts, revoked devices, rate limiting, the audit log."""

from __future__ import annotations

import json

from sqlalchemy import select

from server.accounts.service import disable_user, reset_password
from server.audit import ServerAuditEvent
from tests.server.conftest import PASSWORD, bearer, login


def audit_actions(database) -> list[str]:
    with database.transaction() as session:
        return list(session.scalars(select(ServerAuditEvent.action).order_by(ServerAuditEvent.seq)))


def test_login_gives_tokens_that_open_the_api(client, branch_users):
    answer = login(client, "wang")
    assert answer.status_code == 200
    tokens = answer.json()
    assert tokens["user"] == {
        "id": branch_users["wang"],
        "username": "wang",
        "display_name": "王芳",
        "role": "manager",
    }
    me = client.get("/v1/me", headers=bearer(tokens))
    assert me.status_code == 200 and me.json()["device_id"] == "laptop-1"
    assert client.get("/v1/me").status_code == 401
    assert (
        client.get("/v1/me", headers={"Authorization": "Bearer x.y"}).json()["error"]["code"] == "bad_token"
    )


def test_wrong_password_and_unknown_user_get_the_same_answer(client, database):
    wrong, unknown = login(client, "wang", password="not the password"), login(client, "nobody")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() and wrong.json()["error"]["code"] == "bad_credentials"
    assert audit_actions(database)[-2:] == ["login.failed", "login.failed"]


def test_a_tampered_token_is_refused(client):
    tokens = login(client, "wang").json()
    payload, signature = tokens["access_token"].split(".")
    forged = {"access_token": payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB") + "." + signature}
    assert client.get("/v1/me", headers=bearer(forged)).status_code == 401


def refreshed(client, tokens: dict):
    return client.post("/v1/token/refresh", json={"refresh_token": tokens["refresh_token"]})


def test_refresh_replaces_the_refresh_token(client):
    first = login(client, "wang").json()
    second = refreshed(client, first)
    assert second.status_code == 200
    assert client.get("/v1/me", headers=bearer(second.json())).status_code == 200
    third = refreshed(client, second.json())  # the device has the new token: the old one dies
    assert third.status_code == 200
    again = refreshed(client, first)
    assert again.status_code == 401 and again.json()["error"]["code"] == "bad_refresh_token"


def test_a_refresh_whose_answer_was_lost_can_be_repeated(client):
    first = login(client, "wang").json()
    lost = refreshed(client, first)  # the server rotated; the device never got the answer
    assert lost.status_code == 200
    retried = refreshed(client, first)
    assert retried.status_code == 200 and retried.json()["refresh_token"] != lost.json()["refresh_token"]
    assert refreshed(client, lost.json()).status_code == 401  # superseded by the retry's answer
    assert refreshed(client, retried.json()).status_code == 200
    assert refreshed(client, first).status_code == 401  # the newest one was presented: the old dies


def test_logout_revokes_that_device_only(client):
    laptop, desktop = login(client, "wang", "laptop").json(), login(client, "wang", "desktop").json()
    assert client.post("/v1/logout", headers=bearer(laptop)).status_code == 200
    assert client.get("/v1/me", headers=bearer(laptop)).json()["error"]["code"] == "device_revoked"
    assert (
        client.post("/v1/token/refresh", json={"refresh_token": laptop["refresh_token"]}).status_code == 401
    )
    assert client.get("/v1/me", headers=bearer(desktop)).status_code == 200


def test_disabling_a_user_or_resetting_the_password_logs_out_their_devices(client, database):
    wang, li = login(client, "wang").json(), login(client, "li").json()
    with database.transaction() as session:
        disable_user(session=session, username="wang")
        reset_password(session=session, username="li", password="a brand new password")
    assert client.get("/v1/me", headers=bearer(wang)).status_code == 401
    assert client.get("/v1/me", headers=bearer(li)).status_code == 401
    assert login(client, "wang").status_code == 401  # disabled: the same answer as a wrong password
    assert login(client, "li").status_code == 401
    assert login(client, "li", password="a brand new password").status_code == 200


def test_failed_logins_are_rate_limited_per_account(client, database):
    for _ in range(5):
        assert login(client, "wang", password="guess " * 3).status_code == 401
    blocked = login(client, "wang")  # even the right password, for the next 15 minutes
    assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) == 900
    assert blocked.json()["error"]["code"] == "too_many_attempts"
    assert login(client, "li").status_code == 200  # another account is not blocked


def test_failed_logins_are_rate_limited_per_address(client):
    for n in range(20):
        assert login(client, f"nobody{n}").status_code == 401
    assert login(client, "li").status_code == 429  # the same address, any account


def test_a_successful_login_clears_the_accounts_failures(client):
    for _ in range(4):
        login(client, "wang", password="guess " * 3)
    assert login(client, "wang").status_code == 200
    for _ in range(4):
        login(client, "wang", password="guess " * 3)
    assert login(client, "wang").status_code == 200


def test_malformed_requests_are_refused_with_a_message(client):
    answer = client.post("/v1/login", json={"username": "wang"})
    assert answer.status_code == 422 and "password" in answer.json()["error"]["message"]
    assert (
        client.post(
            "/v1/login", content=b"not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    too_long = client.post("/v1/login", json={"username": "w" * 51, "password": PASSWORD, "device_id": "d"})
    assert too_long.status_code == 422


def test_logins_are_audited_without_passwords(client, database):
    login(client, "wang")
    login(client, "wang", password="secret guess 123")
    with database.transaction() as session:
        events = list(session.scalars(select(ServerAuditEvent).order_by(ServerAuditEvent.seq)))
    assert [e.action for e in events][-2:] == ["login", "login.failed"]
    assert all("secret guess" not in e.detail and PASSWORD not in e.detail for e in events)
    assert json.loads(events[-1].detail)["reason"] == "bad_credentials" and events[-1].address


def test_people_lists_the_callers_branch_by_name(client, branch_users, database):
    with database.transaction() as session:
        disable_user(session=session, username="li")
    wang = client.get("/v1/people", headers=bearer(login(client, "wang").json())).json()["people"]
    assert {(p["username"], p["display_name"], p["role"], p["disabled"]) for p in wang} == {
        ("wang", "王芳", "manager", False),
        ("li", "李娜", "manager", True),
        ("zhou", "周杰", "supervisor", False),
    }
    assert {p["id"] for p in wang} == {branch_users[name] for name in ("wang", "li", "zhou")}
    chen = client.get("/v1/people", headers=bearer(login(client, "chen").json())).json()["people"]
    assert [p["username"] for p in chen] == ["chen"]  # another branch's staff stay out of view
    assert client.get("/v1/people").status_code == 401
