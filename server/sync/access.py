"""Who may see and change which rows — checked on the server for every row of every request.

- a manager sees and changes the customers they own, and those customers' rows;
- a supervisor sees every row of their branch (and, with reassignment, moves customers within it);
- an admin manages users and branches and sees no customer data at all.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, false

from server.accounts.models import Role, User
from server.errors import ServerError
from server.sync.models import SyncRow


def visible_rows(user: User) -> ColumnElement[bool]:
    """The SQL condition for the rows `user` may pull."""
    if user.role == Role.MANAGER:
        return SyncRow.owner_id == user.id
    if user.role == Role.SUPERVISOR:
        return SyncRow.branch_id == user.branch_id
    return false()


def require_customer_data(user: User) -> None:
    if user.role == Role.ADMIN:
        raise ServerError("forbidden", "Administrators manage accounts and see no customer data.", status=403)


def may_write(user: User, row: SyncRow | None, owner_id: str) -> bool:
    """A manager writes only rows they own (and may create rows only for themselves)."""
    if user.role != Role.MANAGER:
        return False
    return owner_id == user.id and (row is None or row.owner_id == user.id)
