"""What a rule proposes: a reminder for a customer, for a reason (the reminder's `source`)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

PAST_GRACE = timedelta(days=3)  # on a first run, don't flood the list with long-past one-shots
PERIODIC = "rule:periodic"
# Urgent or date-bound reasons are not pushed to another week by the weekly contact limit.
NO_WEEKLY_LIMIT = ("rule:complaint:", "rule:birthday:", "rule:holiday:")


class Proposal(NamedTuple):  # a tuple: a full evaluation makes 100,000s of them
    """A reminder a rule wants: for whom, why (the dedupe key), what and when."""

    customer_id: str
    reason: str
    kind: str
    due_at: datetime
    once: bool = True
    recurrence: str | None = None
