"""The hybrid logical clock never goes backwards, whatever the wall clock does."""

from __future__ import annotations

from storage.hlc import HybridLogicalClock, parse_stamp


class SteppedClock:
    def __init__(self, *times):
        self.times = list(times)

    def __call__(self):
        return self.times.pop(0) if len(self.times) > 1 else self.times[0]


def test_stamps_increase_even_when_the_wall_clock_steps_back():
    clock = HybridLogicalClock("dev1", wall=SteppedClock(100.0, 100.0, 99.0, 101.0))
    stamps = [clock.now() for _ in range(4)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 4
    assert parse_stamp(stamps[2])[:2] == (100_000, 2)  # held at the higher time, counting up
    assert parse_stamp(stamps[3])[:2] == (101_000, 0)


def test_receiving_a_later_stamp_moves_the_clock_past_it():
    clock = HybridLogicalClock("dev1", wall=lambda: 50.0)
    clock.receive("0000000090000:00007:dev2")
    assert clock.now() > "0000000090000:00007:dev2"


def test_clock_resumes_after_the_last_issued_stamp():
    clock = HybridLogicalClock("dev1", last="0000000200000:00003:dev1", wall=lambda: 100.0)
    assert clock.now() == "0000000200000:00004:dev1"
