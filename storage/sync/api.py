"""The sync server's HTTP API as this device calls it (httpx): one method per endpoint, every
failure turned into a `SyncError` whose code says what the manager should be told."""

from __future__ import annotations

import functools
import ipaddress
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from storage.errors import BranchDeskError

PROTOCOL = 1  # docs/sync-protocol.md
HEADERS = {"X-BranchDesk-Protocol": str(PROTOCOL)}
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class SyncError(BranchDeskError):
    """Sync could not go on. `retry` says whether trying again later may help (the network, the
    server) or the manager must act first (log in again, update the app, fix a certificate)."""

    def __init__(self, code: str, *, retry: bool, **params: object) -> None:
        self.retry = retry
        super().__init__(code, **params)


class TokenExpired(Exception):
    """The access token is no longer accepted: refresh it and try again (never shown)."""


class EpochChanged(Exception):
    """The server refused a push made before its restore (409): it is at `epoch` now."""

    def __init__(self, epoch: str) -> None:
        super().__init__(epoch)
        self.epoch = epoch


class ResyncNeeded(Exception):
    """The server asks for a full pull from no cursor (410): this device was away too long."""


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str
    user: dict


def check_server_url(url: str) -> str:
    """`url` without a trailing slash; plain HTTP is allowed to this computer only."""
    parts = urlsplit(url.strip())
    if parts.scheme == "https" and parts.hostname:
        return url.strip().rstrip("/")
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return url.strip().rstrip("/")
    raise SyncError("sync_bad_server_url", retry=False, server=url)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class SyncApi:
    """Calls to one server. `verify` is True (the system's CA store), or a bank CA file's path."""

    def __init__(self, server: str, *, ca_file: str | None = None, transport=None) -> None:
        self.server = check_server_url(server)
        verify: bool | ssl.SSLContext = False  # plain HTTP: this computer only (check_server_url)
        if self.server.startswith("https:"):
            verify = _context(ca_file)
        self._http = httpx.Client(
            base_url=self.server, verify=verify, timeout=TIMEOUT, headers=HEADERS, transport=transport
        )

    def close(self) -> None:
        self._http.close()

    # Accounts -----------------------------------------------------------------------------------
    def login(self, username: str, password: str, device_id: str, device_name: str) -> Tokens:
        body = {
            "username": username,
            "password": password,
            "device_id": device_id,
            "device_name": device_name,
        }
        return _tokens(self._call("POST", "/v1/login", json=body))

    def refresh(self, refresh_token: str) -> Tokens:
        return _tokens(self._call("POST", "/v1/token/refresh", json={"refresh_token": refresh_token}))

    def logout(self, access_token: str) -> None:
        self._call("POST", "/v1/logout", token=access_token)

    def health(self) -> dict:
        return self._call("GET", "/v1/health")

    def people(self, access_token: str) -> list[dict]:
        return self._call("GET", "/v1/people", token=access_token)["people"]

    # Sync ---------------------------------------------------------------------------------------
    def push(self, access_token: str, changes: list[dict], epoch: str | None = None) -> dict:
        """Send a batch; `epoch` (the server's as this device last saw it) makes the server refuse
        the batch with EpochChanged if it was restored since."""
        body = {"changes": changes} if epoch is None else {"changes": changes, "epoch": epoch}
        return self._call("POST", "/v1/sync/push", token=access_token, json=body)

    def pull(self, access_token: str, cursor: str | None, limit: int, count: bool) -> dict:
        body = {"cursor": cursor, "limit": limit, "count": count}
        return self._call("POST", "/v1/sync/pull", token=access_token, json=body)

    def wait(self, access_token: str, cursor: str | None, seconds: float) -> bool:
        """Long poll: True as soon as something after `cursor` is there for this device."""
        body = {"cursor": cursor, "timeout": seconds}
        timeout = httpx.Timeout(seconds + 15.0, connect=10.0)
        return bool(
            self._call("POST", "/v1/sync/wait", token=access_token, json=body, timeout=timeout)["changed"]
        )

    def reassign(self, access_token: str, customer_id: str, to_manager_id: str) -> int:
        """A supervisor moves a customer (and their rows) to another manager; how many rows moved."""
        body = {"customer_id": customer_id, "to": to_manager_id}
        return int(self._call("POST", "/v1/sync/reassign", token=access_token, json=body)["rows"])

    # --------------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, token: str | None = None, json=None, timeout=None) -> dict:
        headers = {"Authorization": f"Bearer {token}"} if token else None
        extra = {"timeout": timeout} if timeout is not None else {}
        try:
            answer = self._http.request(method, path, json=json, headers=headers, **extra)
        except httpx.ConnectError as exc:
            if _is_certificate_problem(exc):
                raise SyncError("sync_certificate", retry=False, detail=_reason(exc)) from exc
            raise SyncError("sync_unreachable", retry=True, server=self.server) from exc
        except httpx.TimeoutException as exc:
            raise SyncError("sync_timeout", retry=True, server=self.server) from exc
        except httpx.TransportError as exc:  # dropped mid-answer, reset, protocol garbage
            raise SyncError("sync_unreachable", retry=True, server=self.server) from exc
        if answer.status_code < 400:
            try:
                return answer.json()
            except ValueError as exc:  # a proxy's HTML page, a cut body
                raise SyncError("sync_server_error", retry=True, status=answer.status_code) from exc
        raise _failure(answer, self.server)


@functools.cache
def _context(ca_file: str | None) -> ssl.SSLContext:
    """The TLS settings for the system's CA store, or a bank's CA file — built once per process
    (loading the system store takes ~0.1 s)."""
    try:
        return ssl.create_default_context(cafile=ca_file) if ca_file else ssl.create_default_context()
    except (OSError, ssl.SSLError) as exc:
        raise SyncError("sync_certificate", retry=False, detail=str(exc)) from exc


def _tokens(answer: dict) -> Tokens:
    return Tokens(answer["access_token"], answer["refresh_token"], answer["user"])


def _error_code(answer: httpx.Response) -> str:
    try:
        return str(answer.json()["error"]["code"])
    except (ValueError, KeyError, TypeError):
        return ""


def _failure(answer: httpx.Response, server: str) -> Exception:
    """The exception for an error answer."""
    code, status = _error_code(answer), answer.status_code
    if status == 401 and code in ("token_expired", "bad_token"):  # refresh (the refresh token decides)
        return TokenExpired()
    if status == 401 and code == "bad_credentials":
        return SyncError("sync_bad_credentials", retry=False)
    if status == 401:  # revoked device, bad or foreign token: sign in again
        return SyncError("sync_signed_out", retry=False)
    if status == 410:
        return ResyncNeeded()
    if status == 409 and code == "epoch_changed":
        try:
            return EpochChanged(str(answer.json()["error"]["epoch"]))
        except (ValueError, KeyError, TypeError):
            return SyncError("sync_server_error", retry=True, status=status)
    if status == 426:
        return SyncError("sync_client_too_old", retry=False)
    if status == 429:
        minutes = max(1, int(answer.headers.get("Retry-After", "60")) // 60)
        return SyncError("sync_too_many_attempts", retry=False, minutes=minutes)
    if status == 403 and code == "forbidden":  # an admin account: no customer data to sync
        return SyncError("sync_no_customer_data", retry=False)
    if status >= 500 or status in (404, 408, 502, 503, 504):  # 404: a proxy without the route yet
        return SyncError("sync_server_error", retry=True, status=status)
    try:
        detail = answer.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        detail = str(status)
    return SyncError("sync_refused", retry=False, detail=detail)


def _is_certificate_problem(exc: Exception) -> bool:
    while exc is not None:
        if isinstance(exc, ssl.SSLCertVerificationError):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _reason(exc: Exception) -> str:
    while exc is not None:
        if isinstance(exc, ssl.SSLCertVerificationError):
            return exc.verify_message or str(exc)
        exc = exc.__cause__ or exc.__context__
    return ""
