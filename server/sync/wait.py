"""/v1/sync/wait: a long poll, so an edit reaches a manager's other online device in seconds.

A device that is up to date asks "wake me when something after my cursor is there for me"; the
answer comes as soon as it is (or after `timeout` seconds with `changed: false`), and the device
then pulls. The server keeps no state for waiters: each looks at the database every half second
with one indexed query, so any number of `serve` processes answer alike. Waiting is async (no
worker thread is held while a device waits); only the short checks run on the thread pool.
"""

from __future__ import annotations

import asyncio
import time

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field
from sqlalchemy import select, tuple_
from starlette.concurrency import run_in_threadpool

from server.accounts.models import Role, User
from server.dependencies import CallerDep, DatabaseDep
from server.errors import ServerError
from server.sync.access import require_customer_data, visible_rows
from server.sync.cursor import Cursor, visible_horizon
from server.sync.models import SyncRemoval, SyncRow
from server.sync.protocol import check_protocol

MAX_WAIT = 30.0  # below the idle timeout of the usual reverse proxies (60 s)
CHECK_EVERY = 0.5

router = APIRouter(prefix="/v1/sync")


class WaitIn(BaseModel):
    cursor: str | None = Field(default=None, max_length=60)
    timeout: float = Field(default=25.0, ge=0, le=MAX_WAIT)


@router.post("/wait")
async def wait_for_changes(
    body: WaitIn,
    request: Request,
    who: CallerDep,
    db: DatabaseDep,
    x_branchdesk_protocol: int | None = Header(None),
) -> dict:
    check_protocol(x_branchdesk_protocol)
    require_customer_data(who.user)
    try:
        after = Cursor.parse(body.cursor)
    except ValueError:
        raise ServerError("bad_cursor", "The cursor is not one this server gave out.", status=422) from None
    deadline = time.monotonic() + body.timeout
    while True:
        changed = await run_in_threadpool(_has_changes, db, who.user, after)
        if changed or time.monotonic() >= deadline or await request.is_disconnected():
            return {"changed": changed, "epoch": request.app.state.meta.epoch()}
        await asyncio.sleep(min(CHECK_EVERY, max(0.0, deadline - time.monotonic())))


def _has_changes(db, user: User, after: Cursor) -> bool:
    """Whether a pull after `after` would bring anything now."""
    with db.snapshot() as session:
        horizon = visible_horizon(session)
        checks = [(SyncRow, visible_rows(user))]
        if user.role == Role.MANAGER:
            checks.append((SyncRemoval, SyncRemoval.owner_id == user.id))
        for model, visible in checks:
            query = select(model.seq).where(visible, tuple_(model.txid, model.seq) > (after.txid, after.seq))
            if horizon is not None:
                query = query.where(model.txid < horizon)
            if session.scalar(query.limit(1)) is not None:
                return True
    return False
