"""Five wrong passphrases in a row slow further tries down."""

from desktop.unlock_throttle import UnlockThrottle


class FakeClock:
    """A controllable monotonic clock (time itself is outside the code under test)."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_first_four_failures_are_free_then_waits_double_up_to_the_cap():
    clock = FakeClock()
    throttle = UnlockThrottle(clock=clock, cap_seconds=30)
    for _ in range(4):
        throttle.record_failure()
        assert throttle.wait_seconds() == 0
    waits = []
    for _ in range(6):
        throttle.record_failure()
        waits.append(throttle.wait_seconds())
    assert waits == [2, 4, 8, 16, 30, 30]
    clock.now += 30
    assert throttle.wait_seconds() == 0
    throttle.record_success()
    throttle.record_failure()
    assert throttle.wait_seconds() == 0
