"""/v1/sync/push, /v1/sync/pull and /v1/sync/reassign.

Push and pull are what every device calls every few minutes, and all at once after an outage.
Their bodies are decoded by msgspec structs (validating a 100-change push with pydantic cost
7.7 ms of server CPU, FINDINGS.md), the caller is looked up inside the request's one transaction
(`server.caller`), and the answers are encoded straight to bytes.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from fastapi import APIRouter, Request
from fastapi.responses import Response
from msgspec import Meta
from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError

from server.accounts.tokens import AccessClaims
from server.caller import Caller, identify
from server.database import Database, attempt
from server.dependencies import CallerDep, DatabaseDep, claims, database
from server.errors import ServerError
from server.sync.batch import ConcurrentWrite
from server.sync.cursor import Cursor
from server.sync.protocol import check_protocol
from server.sync.pull import MAX_PAGE, Page, pull_as
from server.sync.push import Change, Outcome, push
from server.sync.reassign import reassign

MAX_BATCH = 500

router = APIRouter(prefix="/v1/sync")

ROW_ID = r"^[0-9A-Za-z_-]{1,32}$"  # the devices' ids: UUIDs as 32 hex digits


class ChangeIn(msgspec.Struct):
    change_id: Annotated[str, Meta(pattern=r"^[0-9A-Fa-f-]{8,36}$")]
    table: Annotated[str, Meta(max_length=30)]
    row_id: Annotated[str, Meta(pattern=ROW_ID)]
    op: Annotated[str, Meta(max_length=10)]
    edited_at: Annotated[str, Meta(max_length=80)]
    fields: dict[str, Any] = {}
    base: dict[str, Any] = {}
    base_version: int = 0


class PushIn(msgspec.Struct):
    changes: Annotated[list[ChangeIn], Meta(max_length=MAX_BATCH)]
    # The epoch the device last saw: a batch from before a restore is refused (409), not applied.
    epoch: Annotated[str, Meta(max_length=60)] | None = None


class PullIn(msgspec.Struct):
    cursor: Annotated[str, Meta(max_length=60)] | None = None
    limit: Annotated[int, Meta(ge=1, le=MAX_PAGE)] = 500
    count: bool = False  # on the last page, count the live rows (drift check)


class ReassignIn(BaseModel):
    customer_id: str = Field(pattern=ROW_ID)
    to: str = Field(pattern=ROW_ID, description="the id of the manager who gets the customer")


def _decode(body: bytes, shape: type) -> Any:
    try:
        return msgspec.json.decode(body, type=shape)
    except msgspec.DecodeError as error:  # ValidationError is one too
        message = f"The request is not what this server expects: {error}"
        raise ServerError("malformed", message, status=422) from None


def _json(content: object) -> Response:
    return Response(msgspec.json.encode(content), media_type="application/json")


def _protocol(request: Request) -> None:
    version = request.headers.get("x-branchdesk-protocol")
    try:
        check_protocol(None if version is None else int(version))
    except ValueError:
        raise ServerError("malformed", "X-BranchDesk-Protocol must be a number.", status=422) from None


# Push and pull are `async` views that hand their work to the database threads themselves
# (`Database.run`): a plain `def` view runs on one of anyio's 40 threads, which is slower to hand
# over to and, with more threads than pooled connections, kept opening new ones.


@router.post("/push")
async def push_changes(request: Request) -> Response:
    _protocol(request)
    token, body = claims(request), await request.body()
    return await database(request).run(_push, database(request), token, body)


def _push(db: Database, token: AccessClaims, body: bytes) -> Response:
    asked = _decode(body, PushIn)
    changes = [
        Change(c.change_id, c.table, c.row_id, c.op, c.fields, c.base, c.base_version, c.edited_at)
        for c in asked.changes
    ]

    def apply() -> tuple[Caller, list[Outcome]]:
        with db.transaction() as session:
            who = identify(session, token)
            if asked.epoch is not None and asked.epoch != who.epoch:
                # Restored since the device last looked: its batch may lean on rows the backup
                # lacks, which it re-sends first once it knows. Applied now, a call on such a
                # customer would be refused for good (its change id keeps that answer).
                raise ServerError(
                    "epoch_changed",
                    "The server was restored from a backup: send again what it had acknowledged, "
                    "then this batch.",
                    status=409,
                    epoch=who.epoch,
                )
            return who, push(session=session, user=who.user, device_id=token.device_id, changes=changes)

    # Another push may write the same rows meanwhile — the same batch arriving twice at once, as
    # when a device retries while its first request still runs, or two devices of one manager
    # editing one customer: the next attempt finds what the other one wrote.
    who, outcomes = attempt(apply, retry_on=(IntegrityError, ConcurrentWrite))
    return _json({"epoch": who.epoch, "results": outcomes})


@router.post("/pull")
async def pull_changes(request: Request) -> Response:
    _protocol(request)
    token, body = claims(request), await request.body()
    return await database(request).run(_pull, database(request), token, body)


def _pull(db: Database, token: AccessClaims, body: bytes) -> Response:
    asked = _decode(body, PullIn)
    try:
        after = Cursor.parse(asked.cursor)
    except ValueError:
        raise ServerError("bad_cursor", "The cursor is not one this server gave out.", status=422) from None

    def read() -> tuple[Caller, Page]:
        with db.snapshot() as session:
            return pull_as(session=session, claims=token, after=after, limit=asked.limit, count=asked.count)

    who, page = attempt(read)
    return _json(
        {
            "epoch": who.epoch,
            "rows": page.wire_rows(),
            "cursor": str(page.cursor) if page.cursor != Cursor() else None,  # still at the start
            "more": page.more,
            "live_rows": page.live_rows,
        }
    )


@router.post("/reassign")
def reassign_customer(body: ReassignIn, who: CallerDep, db: DatabaseDep) -> dict:
    """A supervisor moves a customer (and their rows) to another manager of the branch."""
    with db.transaction() as session:
        moved = reassign(
            session=session, supervisor=who.user, customer_id=body.customer_id, to_user_id=body.to
        )
    return {"rows": moved}
