"""What views get injected: the process's database and the authenticated caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from server.accounts.models import User
from server.accounts.service import current_user
from server.accounts.tokens import AccessClaims
from server.database import Database
from server.errors import ServerError


def database(request: Request) -> Database:
    return request.app.state.database


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@dataclass(frozen=True)
class Caller:
    user: User
    claims: AccessClaims


def caller(request: Request) -> Caller:
    """The user of the request's bearer token (401 without a valid one)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise ServerError("no_token", "Log in first: this needs an access token.", status=401)
    key = request.app.state.meta.token_key()
    with database(request).snapshot() as session:
        user, claims = current_user(session=session, token=token.strip(), token_key=key)
    return Caller(user, claims)


DatabaseDep = Annotated[Database, Depends(database)]
CallerDep = Annotated[Caller, Depends(caller)]
