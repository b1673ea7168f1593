"""A supervisor moves a customer (with their cards, calls, reminders and tag links) from one
manager of the branch to another. The new owner's next pull brings the rows whole; the old
owner's brings their removal; edits the old owner still pushes come back as "reassigned"."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from server import audit
from server.accounts.models import Role, User
from server.database import utc_now
from server.errors import ServerError
from server.sync.cursor import next_stamp, restamp
from server.sync.models import SyncRemoval, SyncRow
from storage.ids import natural_id
from storage.wire import encode_value

# Moved rows are stamped parents first, so a device applying them in cursor order never meets a
# row whose customer (or closing call) it does not hold yet — even across pull pages.
_ORDER = {"customer": 0, "card": 1, "customer_tag": 2, "call_log": 3, "reminder": 4}


def reassign(*, session: Session, supervisor: User, customer_id: str, to_user_id: str) -> int:
    """Move the customer to `to_user_id`; returns how many rows moved."""
    if supervisor.role != Role.SUPERVISOR:
        raise ServerError("forbidden", "Only a supervisor reassigns customers.", status=403)
    customer = session.get(SyncRow, ("customer", customer_id))
    if customer is None or customer.branch_id != supervisor.branch_id:
        raise ServerError("not_found", "No such customer in your branch.", status=404)
    target = session.get(User, to_user_id)
    if (
        target is None
        or target.role != Role.MANAGER
        or target.branch_id != supervisor.branch_id
        or target.disabled
    ):
        raise ServerError("invalid", "Customers go to an active manager of the same branch.", status=422)
    old_owner = customer.owner_id
    if old_owner == to_user_id:
        return 0
    # The customer's own row carries its id as customer_id too.
    rows = list(session.scalars(select(SyncRow).where(SyncRow.customer_id == customer_id)))
    rows.sort(key=lambda row: (_ORDER.get(row.table_name, len(_ORDER)), row.seq))
    tags = _TagsOf(session, to_user_id, customer.branch_id)
    for row in rows:
        txid, seq = next_stamp(session)
        removal = SyncRemoval(
            owner_id=old_owner,
            table_name=row.table_name,
            row_id=row.row_id,
            customer_id=customer_id,
            new_owner_id=to_user_id,
            seq=seq,
            txid=txid,
        )
        session.add(removal)
        values = json.loads(row.fields)
        values["owner_manager_id"] = to_user_id
        if row.table_name == "customer_tag":  # tags are each manager's own: the link moves to theirs
            values["tag_id"] = tags.same_name_as(values["tag_id"])
        row.owner_id, row.fields = to_user_id, json.dumps(values, ensure_ascii=False)
        restamp(session, row)
    audit.record(
        session=session,
        action="customer.reassign",
        user_id=supervisor.id,
        username=supervisor.username,
        customer=customer_id,
        from_manager=old_owner,
        to_manager=to_user_id,
        rows=len(rows),
    )
    return len(rows)


def was_owner(session: Session, user_id: str, customer_id: str | None) -> bool:
    """Whether the customer was once this manager's and was reassigned away."""
    if customer_id is None:
        return False
    query = select(SyncRemoval.id).where(
        SyncRemoval.owner_id == user_id, SyncRemoval.customer_id == customer_id
    )
    return session.scalar(query.limit(1)) is not None


class _TagsOf:
    """A manager's tags by name, for links moving to them: the old owner's tag "VIP" becomes the
    new owner's "VIP" (made for them when they have none), so their book shows the same tags."""

    def __init__(self, session: Session, owner_id: str, branch_id: str) -> None:
        self.session, self.owner_id, self.branch_id = session, owner_id, branch_id
        query = select(SyncRow).where(
            SyncRow.table_name == "tag", SyncRow.owner_id == owner_id, SyncRow.deleted.is_(False)
        )
        self.by_name = {json.loads(tag.fields).get("name"): tag.row_id for tag in session.scalars(query)}

    def same_name_as(self, tag_id: str) -> str:
        """The id of the owner's tag named like `tag_id`."""
        tag = self.session.get(SyncRow, ("tag", tag_id))
        if tag is None or tag.owner_id == self.owner_id:
            return tag_id
        name = json.loads(tag.fields).get("name")
        if name not in self.by_name:
            self.by_name[name] = self._make(name)
        return self.by_name[name]

    def _make(self, name: str) -> str:
        tag_id = natural_id("tag", self.owner_id, name)  # as the owner's own devices make it
        removed = self.session.get(SyncRow, ("tag", tag_id))
        if removed is not None:  # they had it once and deleted it: it comes back
            removed.deleted = False
            restamp(self.session, removed)
            return tag_id
        txid, seq = next_stamp(self.session)
        now = encode_value(utc_now())
        fields = {"created_at": now, "updated_at": now, "name": name, "owner_manager_id": self.owner_id}
        self.session.add(
            SyncRow(
                table_name="tag",
                row_id=tag_id,
                owner_id=self.owner_id,
                branch_id=self.branch_id,
                customer_id=None,
                fields=json.dumps(fields, ensure_ascii=False),
                stamps="{}",
                seq=seq,
                txid=txid,
            )
        )
        self.session.flush()
        return tag_id
