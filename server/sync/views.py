"""/v1/sync/push and /v1/sync/pull."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Header, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from server.dependencies import CallerDep, DatabaseDep
from server.errors import ServerError
from server.sync.cursor import Cursor
from server.sync.protocol import check_protocol
from server.sync.pull import pull
from server.sync.push import Change, push
from server.sync.reassign import reassign

MAX_BATCH = 500

router = APIRouter(prefix="/v1/sync")


ROW_ID = r"^[0-9A-Za-z_-]{1,32}$"  # the devices' ids: UUIDs as 32 hex digits


class ChangeIn(BaseModel):
    change_id: str = Field(pattern=r"^[0-9A-Fa-f-]{8,36}$")
    table: str = Field(max_length=30)
    row_id: str = Field(pattern=ROW_ID)
    op: str = Field(max_length=10)
    fields: dict[str, object] = Field(default_factory=dict)
    base: dict[str, object] = Field(default_factory=dict)
    base_version: int = 0
    edited_at: str = Field(max_length=80)


class PushIn(BaseModel):
    changes: list[ChangeIn] = Field(max_length=MAX_BATCH)


class ReassignIn(BaseModel):
    customer_id: str = Field(pattern=ROW_ID)
    to: str = Field(pattern=ROW_ID, description="the id of the manager who gets the customer")


class PullIn(BaseModel):
    cursor: str | None = Field(default=None, max_length=60)
    limit: int = Field(default=500, ge=1, le=2000)
    count: bool = Field(default=False, description="on the last page, count the live rows (drift check)")


@router.post("/push")
def push_changes(
    body: PushIn,
    request: Request,
    who: CallerDep,
    db: DatabaseDep,
    x_branchdesk_protocol: int | None = Header(None),
):
    check_protocol(x_branchdesk_protocol)
    changes = [Change(**c.model_dump()) for c in body.changes]
    for attempt in (1, 2):
        try:
            with db.transaction() as session:
                outcomes = push(
                    session=session, user=who.user, device_id=who.claims.device_id, changes=changes
                )
            break
        except IntegrityError:
            # The same batch (or row) arriving twice at once, as when a device retries while its
            # first request still runs: the second attempt finds what the first wrote.
            if attempt == 2:
                raise
    return {"epoch": request.app.state.meta.epoch(), "results": [asdict(o) for o in outcomes]}


@router.post("/pull")
def pull_changes(
    body: PullIn,
    request: Request,
    who: CallerDep,
    db: DatabaseDep,
    x_branchdesk_protocol: int | None = Header(None),
):
    check_protocol(x_branchdesk_protocol)
    try:
        after = Cursor.parse(body.cursor)
    except ValueError:
        raise ServerError("bad_cursor", "The cursor is not one this server gave out.", status=422) from None
    with db.snapshot() as session:
        page = pull(session=session, user=who.user, after=after, limit=body.limit, count=body.count)
    return {
        "epoch": request.app.state.meta.epoch(),
        "rows": page.rows,
        "cursor": str(page.cursor),
        "more": page.more,
        "live_rows": page.live_rows,
    }


@router.post("/reassign")
def reassign_customer(body: ReassignIn, who: CallerDep, db: DatabaseDep) -> dict:
    """A supervisor moves a customer (and their rows) to another manager of the branch."""
    with db.transaction() as session:
        moved = reassign(
            session=session, supervisor=who.user, customer_id=body.customer_id, to_user_id=body.to
        )
    return {"rows": moved}
