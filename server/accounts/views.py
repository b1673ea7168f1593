"""/v1/login, /v1/token/refresh, /v1/logout, /v1/me."""

from __future__ import annotations

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field

from server.accounts import service
from server.accounts.models import User
from server.dependencies import CallerDep, DatabaseDep, client_address
from server.errors import ServerError

router = APIRouter(prefix="/v1")


class LoginRequest(BaseModel):
    username: str = Field(max_length=50)
    password: str = Field(max_length=200)
    device_id: str = Field(min_length=1, max_length=64)
    device_name: str = Field(default="", max_length=100)


class RefreshRequest(BaseModel):
    refresh_token: str = Field(max_length=200)


def _answer(tokens: service.Tokens) -> dict:
    return {
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "expires_in": tokens.expires_in,
        "user": _user(tokens.user),
    }


def _user(user: User) -> dict:
    return {"id": user.id, "username": user.username, "display_name": user.display_name, "role": user.role}


@router.post("/login")
def login(body: LoginRequest, request: Request, db: DatabaseDep) -> dict:
    address = client_address(request)
    with db.transaction() as session:
        service.check_rate_limit(session=session, username=body.username, address=address)
        user = service.authenticate(
            session=session, username=body.username, password=body.password, address=address
        )
        if user is not None:
            return _answer(
                service.open_session(
                    session=session,
                    user=user,
                    device_id=body.device_id,
                    device_name=body.device_name,
                    address=address,
                )
            )
    # The failure is committed (the rate limit counts it); the same answer for every reason.
    raise ServerError(
        "bad_credentials", "The user name or password is wrong, or the account is disabled.", status=401
    )


@router.post("/token/refresh")
def refresh(body: RefreshRequest, db: DatabaseDep) -> dict:
    with db.transaction() as session:
        return _answer(service.refresh(session=session, refresh_token=body.refresh_token))


@router.post("/logout")
def logout(who: CallerDep, db: DatabaseDep) -> dict:
    with db.transaction() as session:
        service.revoke_device(session=session, user_id=who.user.id, device_id=who.claims.device_id)
    return {"ok": True}


@router.get("/me")
def me(who: CallerDep) -> dict:
    return {**_user(who.user), "branch_id": who.user.branch_id, "device_id": who.claims.device_id}


@router.get("/people")
def people(who: CallerDep, db: DatabaseDep) -> dict:
    """The caller's colleagues by id and name (managers, supervisors), disabled ones included."""
    with db.snapshot() as session:
        found = service.colleagues(session=session, user=who.user)
        return {"people": [{**_user(user), "disabled": user.disabled} for user in found]}
