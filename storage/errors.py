"""Errors a user can cause or meet. Each carries a message code (see `messages.py`)."""

from __future__ import annotations

from storage.messages import render


class BranchDeskError(Exception):
    """A failure that ends in a clear, translated message; the database is left consistent."""

    code = "error"

    def __init__(self, code: str | None = None, **params: object) -> None:
        self.code = code or self.code
        self.params = params
        super().__init__(self.message("en"))

    def message(self, lang: str | None = None) -> str:
        """The message in `lang` (default: the user's language)."""
        return render(self.code, self.params, lang)


class ValidationError(BranchDeskError):
    """A field's value is not acceptable; `field` names it."""

    def __init__(self, field: str, code: str, **params: object) -> None:
        self.field = field
        super().__init__(code, field=field, **params)


class KeyAccessError(BranchDeskError):
    """The profile's key could not be obtained or does not open the database."""


class WrongPassphraseError(KeyAccessError):
    code = "wrong_passphrase"


class PassphraseRequiredError(KeyAccessError):
    code = "passphrase_required"


class KeyMissingError(KeyAccessError):
    code = "key_missing"


class WrongKeyError(KeyAccessError):
    code = "wrong_key"


class LockedError(BranchDeskError):
    """The app is locked: the database is closed until the manager unlocks it."""

    code = "locked"


class ProfileError(BranchDeskError):
    """The profile folder is missing, exists already, or its key file is damaged."""


class NotFoundError(BranchDeskError):
    """The record asked for does not exist (or was deleted)."""

    code = "not_found"

    def __init__(self, record: str, record_id: object = None) -> None:
        self.record_id = record_id
        super().__init__(record=record)


class DuplicateCustomerError(BranchDeskError):
    """Another live customer has the same ID number or mobile; `existing_id` names it."""

    code = "duplicate_customer"

    def __init__(self, field: str, existing_id: str, name: str) -> None:
        self.field = field
        self.existing_id = existing_id
        super().__init__(field=field, name=name)


class InvalidStateError(BranchDeskError):
    """The action does not apply to the record in its current state."""
