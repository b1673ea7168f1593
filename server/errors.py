"""Errors the server answers with: a stable code for programs and a sentence for people."""

from __future__ import annotations


class ServerError(Exception):
    """A refusal with `code` (e.g. "bad_credentials") and a `message` a person can read."""

    status = 400

    def __init__(self, code: str, message: str, *, status: int | None = None, **extra: object) -> None:
        super().__init__(message)
        self.code, self.message, self.extra = code, message, extra
        if status is not None:
            self.status = status

    def body(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, **self.extra}
