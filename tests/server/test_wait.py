"""The long poll: a waiting device is woken by a change it may see, and only by such a change."""

from __future__ import annotations

import threading
import time

from tests.server.test_sync import Session, customer


def wait(session: Session, cursor: str | None, timeout: float) -> dict:
    answer = session.client.post(
        "/v1/sync/wait", json={"cursor": cursor, "timeout": timeout}, headers=session.headers
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_wait_answers_at_once_when_something_is_there(client, branch_users):
    wang = Session(client, "wang")
    wang.push(customer("c" * 32, branch_users["wang"]))
    started = time.monotonic()
    assert wait(wang, None, 5)["changed"] is True
    assert time.monotonic() - started < 2


def caught_up(session: Session) -> str:
    """The cursor after everything the session can see, waiting out transactions elsewhere in the
    PostgreSQL cluster that hold the visibility horizon back (other tests' databases)."""
    deadline = time.monotonic() + 10
    while True:
        page = session.pull().json()
        if page["rows"] or time.monotonic() > deadline:
            return page["cursor"]
        time.sleep(0.1)


def test_wait_times_out_when_nothing_comes(client, branch_users):
    wang = Session(client, "wang")
    wang.push(customer("c" * 32, branch_users["wang"]))
    cursor = caught_up(wang)
    started = time.monotonic()
    assert wait(wang, cursor, 1.0)["changed"] is False
    assert 0.9 < time.monotonic() - started < 5


def test_wait_wakes_for_the_owners_change_only(client, branch_users):
    wang, laptop2, li = Session(client, "wang"), Session(client, "wang", "laptop-2"), Session(client, "li")
    cursor = wang.pull().json()["cursor"]
    li_cursor = li.pull().json()["cursor"]
    answers: dict[str, dict] = {}
    waiters = [
        threading.Thread(target=lambda: answers.setdefault("wang", wait(wang, cursor, 10))),
        threading.Thread(target=lambda: answers.setdefault("li", wait(li, li_cursor, 3))),
    ]
    for waiter in waiters:
        waiter.start()
    time.sleep(0.5)
    pushed = time.monotonic()
    laptop2.push(customer("c" * 32, branch_users["wang"]))  # wang's other laptop
    waiters[0].join()
    woke = time.monotonic() - pushed
    waiters[1].join()
    assert answers["wang"]["changed"] is True and woke < 2.5
    assert answers["li"]["changed"] is False  # another manager's customer is none of li's business


def test_wait_needs_a_token_and_a_protocol(client, branch_users):
    wang = Session(client, "wang")
    assert client.post("/v1/sync/wait", json={"timeout": 0}).status_code == 401
    answer = client.post(
        "/v1/sync/wait", json={"timeout": 0}, headers={"Authorization": wang.headers["Authorization"]}
    )
    assert answer.status_code == 426
    too_long = client.post("/v1/sync/wait", json={"timeout": 3600}, headers=wang.headers)
    assert too_long.status_code == 422
