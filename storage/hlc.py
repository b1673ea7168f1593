"""A hybrid logical clock: edit stamps that sort by wall time yet never go backwards.

A stamp is `<unix ms, 13 digits>:<counter, 5 digits>:<node id>`, so plain string order is time
order. If the device clock steps back (or a stamp from another device is ahead), the clock keeps
the higher time and counts up instead, as in Kulkarni et al. (2014).
"""

from __future__ import annotations

import threading
import time


def format_stamp(millis: int, counter: int, node: str) -> str:
    """The text form of a stamp."""
    return f"{millis:013d}:{counter:05d}:{node}"


def parse_stamp(stamp: str) -> tuple[int, int, str]:
    """(millis, counter, node) of a stamp."""
    millis, counter, node = stamp.split(":", 2)
    return int(millis), int(counter), node


class HybridLogicalClock:
    """Issues increasing stamps for one device; thread-safe."""

    def __init__(self, node: str, last: str | None = None, wall=time.time) -> None:
        self.node = node
        self._wall = wall
        self._lock = threading.Lock()
        self._millis, self._counter = (0, 0) if not last else parse_stamp(last)[:2]

    def now(self) -> str:
        """A stamp later than every stamp issued or received so far."""
        with self._lock:
            wall = int(self._wall() * 1000)
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            return format_stamp(self._millis, self._counter, self.node)

    def receive(self, stamp: str) -> None:
        """Move past a stamp seen from another device, so later local edits sort after it."""
        millis, counter, _ = parse_stamp(stamp)
        with self._lock:
            if (millis, counter) > (self._millis, self._counter):
                self._millis, self._counter = millis, counter
