"""Adding and finding branches (the admin command line)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.errors import ServerError
from server.org.models import Branch


def add_branch(*, session: Session, code: str, name: str) -> Branch:
    """A new branch; ServerError when the code is taken or a field is empty."""
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ServerError("invalid", "A branch needs a code and a name.")
    if session.scalar(select(Branch).where(Branch.code == code)) is not None:
        raise ServerError("exists", f"A branch with the code {code} exists already.")
    branch = Branch(code=code, name=name)
    session.add(branch)
    session.flush()
    return branch


def branch_by_code(*, session: Session, code: str) -> Branch:
    branch = session.scalar(select(Branch).where(Branch.code == code))
    if branch is None:
        raise ServerError("not_found", f"No branch with the code {code}.")
    return branch
