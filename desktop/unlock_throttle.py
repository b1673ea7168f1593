"""Slowing down passphrase guessing: after five wrong tries in a row, each try waits longer."""

from __future__ import annotations

import time
from collections.abc import Callable


class UnlockThrottle:
    """Counts consecutive failures; from the `free`-th on, a wait doubles per failure up to `cap`."""

    def __init__(
        self,
        free: int = 5,
        base_seconds: float = 2.0,
        cap_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free = free
        self.base = base_seconds
        self.cap = cap_seconds
        self._clock = clock
        self.failures = 0
        self._not_before = 0.0

    def wait_seconds(self) -> float:
        """How long until the next try is allowed (0 when it is allowed now)."""
        return max(0.0, self._not_before - self._clock())

    def record_failure(self) -> None:
        """A wrong passphrase: count it and, past the free tries, set the next wait."""
        self.failures += 1
        if self.failures >= self.free:
            delay = min(self.cap, self.base * 2 ** (self.failures - self.free))
            self._not_before = self._clock() + delay

    def record_success(self) -> None:
        """The right passphrase: start counting afresh."""
        self.failures = 0
        self._not_before = 0.0
