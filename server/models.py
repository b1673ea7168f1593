"""Every server table, imported in one place (for migrations and `create_app`)."""

from server.accounts.models import Device, LoginFailure, User
from server.audit import ServerAuditEvent
from server.database import Base
from server.meta import ServerMeta
from server.org.models import Branch
from server.sync.models import AppliedChange, SeqCounter, SyncRemoval, SyncRow

__all__ = [
    "AppliedChange",
    "Base",
    "Branch",
    "Device",
    "LoginFailure",
    "SeqCounter",
    "ServerAuditEvent",
    "ServerMeta",
    "SyncRemoval",
    "SyncRow",
    "User",
]
