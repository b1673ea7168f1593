"""The rules run by themselves: once a day for the whole book, and after a relevant change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from desktop.change_bus import ChangeBus
from desktop.rule_runner import EVALUATED_DAY, RuleRunner
from storage.local_state import read_state
from storage.models import Reminder
from storage.rules.revisit_rules import RevisitRules
from storage.rules.settings import RuleSettings
from storage.services.calls import CallService
from storage.services.customers import CustomerService

ONLY_PERIODIC = RuleSettings(
    activation_call=False,
    care_call=False,
    new_customer=False,
    birthday=False,
    holiday=False,
    complaint=False,
    dormant_card=False,
)


def periodic_due(store, customer_id):
    with store.read() as session:
        return session.scalar(
            select(Reminder.due_at).where(
                Reminder.customer_id == customer_id, Reminder.source == "rule:periodic"
            )
        )


def test_daily_run_then_a_logged_call_moves_the_periodic_revisit(qtbot, store):
    customers = CustomerService(store)
    vip = customers.create({"name": "欧阳娜", "tier": "high_value", "lifecycle_stage": "active"}).new_id
    call = {"channel": "phone", "purpose": "periodic_revisit", "outcome": "reached"}
    CallService(store).log_call(vip, {**call, "occurred_at": datetime.now(UTC) - timedelta(days=20)})
    bus = ChangeBus()
    published = []
    bus.sig_changed.connect(published.append)
    runner = RuleRunner(RevisitRules(store, ONLY_PERIODIC), bus)
    with qtbot.waitSignal(runner.sig_finished, timeout=10_000) as first:
        runner.start()
    assert vip in first.args[0].customers and published  # the panes hear of it
    assert read_state(store, EVALUATED_DAY) == datetime.now().astimezone().date().isoformat()
    before = periodic_due(store, vip)
    # A call logged today (published on the bus as the dialog does) pushes the revisit out.
    changes = CallService(store).log_call(vip, {**call, "occurred_at": datetime.now(UTC)})
    with qtbot.waitSignal(runner.sig_finished, timeout=10_000):
        bus.publish(changes)
    assert periodic_due(store, vip) - before > timedelta(days=15)
    runner.run_daily_if_due()  # already done today: nothing to run
    with qtbot.assertNotEmitted(runner.sig_finished, wait=500):
        pass
    runner.stop()
