"""What views get injected: the process's database, the request's token claims, and the
authenticated caller (for views that need no transaction of their own around it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from server.accounts.tokens import AccessClaims
from server.caller import Caller, bearer_claims, identify
from server.database import Database

__all__ = ["Caller", "CallerDep", "ClaimsDep", "DatabaseDep", "caller", "claims", "database"]


def database(request: Request) -> Database:
    return request.app.state.database


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def claims(request: Request) -> AccessClaims:
    """The request's valid bearer token (401 otherwise), checked without the database: the
    view looks the caller up inside its own transaction (`server.caller.identify`)."""
    return bearer_claims(request.headers.get("authorization", ""), request.app.state.meta.token_key())


def caller(request: Request) -> Caller:
    """The user of the request's bearer token (401 without a valid one), in a snapshot of its own."""
    token = claims(request)
    with database(request).snapshot() as session:
        return identify(session, token)


DatabaseDep = Annotated[Database, Depends(database)]
ClaimsDep = Annotated[AccessClaims, Depends(claims)]
CallerDep = Annotated[Caller, Depends(caller)]
