"""The customer detail pane: show, edit, validate, reveal, create, delete, cards, tags, refresh."""

from __future__ import annotations

import json
import threading
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QDate, Qt, QThreadPool
from PySide6.QtWidgets import QLineEdit, QMessageBox
from sqlalchemy import select

from desktop.labels import card_status_labels, label_of
from storage.errors import NotFoundError
from storage.models import AuditEvent
from storage.services.cards import CardService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService
from storage.timeutil import utc_now
from ui.panes.customer_detail_pane import CustomerDetailPane

ID_NUMBER = "110101199001011237"  # born 1990-01-01, check digit 7
MOBILE = "13800138000"
WAIT = 5000


@pytest.fixture
def pane(qtbot, store, customers, bus):
    widget = CustomerDetailPane(customers, CardService(store), TagService(store), bus)
    qtbot.addWidget(widget)
    yield widget
    QThreadPool.globalInstance().waitForDone(WAIT)  # nothing may outlive the profile
    QCoreApplication.processEvents()  # deliver what finished while the pane is still there


def make_customer(customers, name="张伟", **extra) -> str:
    fields = {"name": name, "id_number": ID_NUMBER, "mobile": MOBILE, "tier": "high_value", **extra}
    return customers.create(fields).new_id


def text_of(pane, key) -> str:
    return pane.form.editor(key).text()


def show(qtbot, pane, customer_id, name="张伟") -> None:
    pane.show_customer(customer_id)
    qtbot.waitUntil(lambda: pane.form.isEnabled() and text_of(pane, "name") == name, timeout=WAIT)


def reveal(qtbot, pane, key, full) -> None:
    field = pane.form.masked[key]
    qtbot.mouseClick(field.show_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: field.edit.text() == full and not field.edit.isReadOnly(), timeout=WAIT)


def save_and_wait(qtbot, pane, bus):
    with qtbot.waitSignal(bus.sig_changed, timeout=WAIT) as blocker:
        qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_shows_the_customer_with_mobile_and_id_masked(qtbot, pane, customers, store):
    customer_id = make_customer(customers, occupation="工程师")
    ReminderService(store).create(customer_id, {"kind": "custom", "due_at": utc_now() - timedelta(days=2)})
    show(qtbot, pane, customer_id)
    form = pane.form
    assert text_of(pane, "occupation") == "工程师"
    assert form.editor("tier").currentData() == "high_value"
    assert form.editor("gender").currentData() == "male"  # filled from the ID number
    assert form.editor("birth_date").value() == date(1990, 1, 1)
    for key, masked in (("mobile", "138****8000"), ("id_number", "110101********1237")):
        field = form.masked[key]
        assert field.edit.text() == masked and field.edit.isReadOnly()
        assert "8000" not in field.edit.toolTip() and "1237" not in field.show_button.toolTip()
    assert "(overdue)" in pane.next_revisit.text() and pane.overdue_icon.isVisibleTo(pane)
    assert not pane.save_button.isEnabled() and not pane.has_unsaved_changes()


def test_empty_id_shows_no_customer(qtbot, pane, customers):
    show(qtbot, pane, make_customer(customers))
    pane.show_customer("")
    assert pane.current_customer_id() is None and pane.empty_label.text()
    assert text_of(pane, "name") == "" and pane.form.masked["mobile"].edit.text() == ""


def test_edit_and_save_sends_only_changed_fields_and_publishes(qtbot, pane, customers, bus, monkeypatch):
    customer_id = make_customer(customers)
    sent = []
    real_update = customers.update
    monkeypatch.setattr(
        customers, "update", lambda cid, fields: sent.append(fields) or real_update(cid, fields)
    )
    show(qtbot, pane, customer_id)
    pane.form.editor("occupation").setText("教师")
    pane.form.editor("lifecycle_stage").setCurrentIndex(
        pane.form.editor("lifecycle_stage").findData("active")
    )
    assert pane.save_button.isEnabled() and pane.has_unsaved_changes()
    changes = save_and_wait(qtbot, pane, bus)
    assert customer_id in changes.customers
    assert sent == [{"occupation": "教师", "lifecycle_stage": "active"}]
    row = customers.get(customer_id)
    assert (row.occupation, row.lifecycle_stage, row.mobile) == ("教师", "active", MOBILE)
    qtbot.waitUntil(lambda: not pane.has_unsaved_changes() and not pane.save_button.isEnabled(), timeout=WAIT)
    assert text_of(pane, "occupation") == "教师"


def test_invalid_mobile_shows_the_translated_error_next_to_it_and_saves_nothing(qtbot, pane, customers):
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    reveal(qtbot, pane, "mobile", MOBILE)
    pane.form.masked["mobile"].edit.setText("1380013800")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.form.error_text("mobile") != "", timeout=WAIT)
    assert "手机号应为 11 位" in pane.form.error_text("mobile")
    assert pane.form.error_text("mobile").startswith("⚠")  # not colour alone
    assert customers.get(customer_id).mobile == MOBILE
    assert pane.has_unsaved_changes()


def test_birth_date_disagreeing_with_the_id_number_is_refused(qtbot, pane, customers):
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    pane.form.editor("birth_date").setDate(QDate(1991, 2, 3))
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.form.error_text("birth_date") != "", timeout=WAIT)
    assert "不一致" in pane.form.error_text("birth_date")
    assert customers.get(customer_id).birth_date == date(1990, 1, 1)


def test_revert_restores_the_loaded_values(qtbot, pane, customers):
    show(qtbot, pane, make_customer(customers, occupation="工程师"))
    pane.form.editor("occupation").setText("厨师")
    pane.form.editor("do_not_contact").setChecked(True)
    assert pane.revert_button.isEnabled()
    qtbot.mouseClick(pane.revert_button, Qt.MouseButton.LeftButton)
    assert text_of(pane, "occupation") == "工程师" and not pane.form.editor("do_not_contact").isChecked()
    assert not pane.has_unsaved_changes() and not pane.save_button.isEnabled()


def test_reveal_is_audited_shows_the_full_value_and_masks_again(qtbot, pane, customers, store, monkeypatch):
    monkeypatch.setattr(CustomerDetailPane, "REVEAL_SECONDS", 0.3)
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    reveal(qtbot, pane, "id_number", ID_NUMBER)
    with store.read() as session:
        events = session.scalars(select(AuditEvent).where(AuditEvent.action == "customer.reveal")).all()
    assert [(e.record_id, json.loads(e.detail)["field"]) for e in events] == [(customer_id, "id_number")]
    field = pane.form.masked["id_number"]
    qtbot.waitUntil(
        lambda: field.edit.text() == "110101********1237" and field.edit.isReadOnly(), timeout=WAIT
    )
    assert not pane.has_unsaved_changes()


def test_new_customer_is_created_and_announced(qtbot, pane, customers, bus):
    pane.new_customer()
    pane.form.masked["mobile"].edit.setText("13900139000")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)  # no name yet
    qtbot.waitUntil(lambda: pane.form.error_text("name") != "", timeout=WAIT)
    assert "姓名不能为空" in pane.form.error_text("name")
    pane.form.editor("name").setText("李娜")
    with qtbot.waitSignal(pane.sig_customer_created, timeout=WAIT) as created:
        qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    new_id = created.args[0]
    assert customers.get(new_id).mobile == "13900139000"
    qtbot.waitUntil(lambda: pane.form.masked["mobile"].edit.text() == "139****9000", timeout=WAIT)
    assert pane.current_customer_id() == new_id and text_of(pane, "name") == "李娜"


def test_duplicate_mobile_names_the_existing_customer(qtbot, pane, customers):
    make_customer(customers)
    pane.new_customer()
    pane.form.editor("name").setText("李娜")
    pane.form.masked["mobile"].edit.setText(MOBILE)
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pane.form.error_text("mobile") != "", timeout=WAIT)
    assert "张伟" in pane.form.error_text("mobile")


def test_delete_after_confirmation(qtbot, pane, customers, bus, monkeypatch):
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    asked = []
    # Stands in for the user clicking "Yes" in the confirmation box (a modal box would block the test).
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args: asked.append(args[2]) or QMessageBox.StandardButton.Yes
    )
    with qtbot.waitSignal(pane.sig_customer_deleted, timeout=WAIT) as deleted:
        qtbot.mouseClick(pane.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args == [customer_id] and "张伟" in asked[0]
    with pytest.raises(NotFoundError):
        customers.get(customer_id)
    assert pane.current_customer_id() is None


def test_tags_are_added_with_completion_and_removed(qtbot, pane, customers, store):
    tags = TagService(store)
    other = make_customer(customers, name="李娜", id_number=None, mobile="13900139000")
    tags.add(other, "车主")
    tags.add(other, "留学生")
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    box = pane.tags_box
    assert box.completer.model().stringList() == ["留学生", "车主"]  # every existing tag, by name
    box.edit.setText("车主")
    qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: box.tag_names() == ["车主"], timeout=WAIT)
    assert [name for _, name in tags.tags_of(customer_id)] == ["车主"]
    assert box.completer.model().stringList() == ["留学生"]
    qtbot.mouseClick(box.chips[0], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.tag_names() == [], timeout=WAIT)
    assert tags.tags_of(customer_id) == []


def test_card_added_through_the_dialog(qtbot, pane, customers, store):
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    qtbot.mouseClick(pane.cards_box.add_button, Qt.MouseButton.LeftButton)
    dialog = pane.cards_box.dialog
    dialog.product.setText("白金卡")
    dialog.last4.setText("12")
    dialog.credit_limit.setValue(50000)
    dialog.open_date.set_value(date(2024, 3, 1))
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["last4"].isVisibleTo(dialog), timeout=WAIT)
    assert "4 位数字" in dialog.errors["last4"].text() and CardService(store).cards_of(customer_id) == []
    dialog.last4.setText("1234")
    dialog.submit()
    qtbot.waitUntil(lambda: pane.cards_box.table.rowCount() == 1, timeout=WAIT)
    [card] = CardService(store).cards_of(customer_id)
    assert (card.product, card.last4, card.credit_limit) == ("白金卡", "1234", 50000)
    row = [pane.cards_box.table.item(0, column).text() for column in range(6)]
    assert row[:2] == ["白金卡", "1234"] and "50" in row[2]
    assert row[5] == label_of(card_status_labels(), "pending_activation")


def test_a_stale_load_never_lands(qtbot, pane, customers, monkeypatch):
    first = make_customer(customers)
    second = make_customer(customers, name="李娜", id_number=None, mobile="13900139000")
    release, real_get = threading.Event(), customers.get

    def slow_get(customer_id):
        if customer_id == first:  # the first load comes back only after the second has landed
            release.wait(WAIT / 1000)
        return real_get(customer_id)

    monkeypatch.setattr(customers, "get", slow_get)
    pool = QThreadPool.globalInstance()
    threads = pool.maxThreadCount()
    pool.setMaxThreadCount(max(threads, 2))
    try:
        pane.show_customer(first)
        pane.show_customer(second)
        qtbot.waitUntil(lambda: text_of(pane, "name") == "李娜", timeout=WAIT)
        release.set()
        pool.waitForDone(WAIT)
        QCoreApplication.processEvents()
    finally:
        pool.setMaxThreadCount(threads)
    assert text_of(pane, "name") == "李娜" and pane.current_customer_id() == second


def test_changes_elsewhere_reload_but_keep_unsaved_edits(qtbot, pane, customers, bus):
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    bus.publish(customers.update(customer_id, {"occupation": "医生"}))
    qtbot.waitUntil(lambda: text_of(pane, "occupation") == "医生", timeout=WAIT)
    pane.form.editor("employer").setText("第一医院")  # an unsaved edit
    bus.publish(customers.update(customer_id, {"occupation": "律师", "employer": "律所"}))
    qtbot.waitUntil(lambda: text_of(pane, "occupation") == "律师", timeout=WAIT)
    assert text_of(pane, "employer") == "第一医院" and pane.has_unsaved_changes()


def test_clear_drops_every_customer_value(qtbot, pane, customers, store):
    customer_id = make_customer(customers, occupation="工程师")
    CardService(store).add(customer_id, {"product": "金卡", "last4": "4321"})
    show(qtbot, pane, customer_id)
    reveal(qtbot, pane, "mobile", MOBILE)
    pane.clear()
    texts = [edit.text() for edit in pane.findChildren(QLineEdit)]
    assert not any(("张伟" in t or "8000" in t or "工程师" in t) for t in texts)
    assert pane.cards_box.table.rowCount() == 0 and pane.title.text() == ""
    assert pane.current_customer_id() is None and not pane.has_unsaved_changes()


def test_keyboard_reveal_and_save(qtbot, pane, customers, bus):
    customer_id = make_customer(customers)
    pane.show()
    pane.activateWindow()
    qtbot.waitUntil(pane.isActiveWindow, timeout=WAIT)
    show(qtbot, pane, customer_id)
    mobile = pane.form.masked["mobile"].edit
    mobile.setFocus()
    qtbot.keyClick(mobile, Qt.Key.Key_5)  # typing into the mask only offers "Show"
    assert mobile.text() == "138****8000" and pane.form.masked["mobile"].hint.isVisibleTo(pane)
    qtbot.keyClick(
        mobile, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: mobile.text() == MOBILE and not mobile.isReadOnly(), timeout=WAIT)
    mobile.setText("13900001111")
    with qtbot.waitSignal(bus.sig_changed, timeout=WAIT):
        qtbot.keyClick(mobile, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert customers.get(customer_id).mobile == "13900001111"
    qtbot.waitUntil(lambda: mobile.text() == "139****1111" and mobile.isReadOnly(), timeout=WAIT)


def test_an_edit_made_while_shown_survives_masking(qtbot, pane, customers, bus, monkeypatch):
    monkeypatch.setattr(CustomerDetailPane, "REVEAL_SECONDS", 0.3)
    customer_id = make_customer(customers)
    show(qtbot, pane, customer_id)
    reveal(qtbot, pane, "mobile", MOBILE)
    field = pane.form.masked["mobile"]
    field.edit.setText("13900001111")
    qtbot.waitUntil(lambda: field.edit.isReadOnly(), timeout=WAIT)
    assert field.edit.text() == "139****1111" and pane.has_unsaved_changes()
    save_and_wait(qtbot, pane, bus)
    assert customers.get(customer_id).mobile == "13900001111"


def test_a_missing_mobile_can_be_typed_in_directly(qtbot, pane, customers):
    customer_id = make_customer(customers, mobile=None)
    show(qtbot, pane, customer_id)
    mobile = pane.form.masked["mobile"].edit
    assert mobile.text() == "" and not mobile.isReadOnly()
    mobile.setText("13900001111")
    qtbot.mouseClick(pane.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: mobile.text() == "139****1111", timeout=WAIT)
    assert customers.get(customer_id).mobile == "13900001111"


def test_card_edited_and_removed(qtbot, pane, customers, store, monkeypatch):
    customer_id = make_customer(customers)
    CardService(store).add(customer_id, {"product": "金卡", "last4": "4321", "open_date": "2024-01-05"})
    show(qtbot, pane, customer_id)
    box = pane.cards_box
    qtbot.waitUntil(lambda: box.table.rowCount() == 1, timeout=WAIT)
    box.table.selectRow(0)
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = box.dialog
    assert (dialog.product.text(), dialog.last4.text()) == ("金卡", "4321")
    dialog.activation_date.set_value(date(2024, 1, 1))  # before the open date
    dialog.submit()
    qtbot.waitUntil(lambda: dialog.errors["activation_date"].isVisibleTo(dialog), timeout=WAIT)
    dialog.activation_date.set_value(date(2024, 1, 9))
    dialog.status.setCurrentIndex(dialog.status.findData("active"))
    dialog.submit()
    active = label_of(card_status_labels(), "active")
    qtbot.waitUntil(lambda: box.table.item(0, 5).text() == active, timeout=WAIT)
    assert CardService(store).cards_of(customer_id)[0].activation_date == date(2024, 1, 9)
    # Stands in for the user confirming the removal in the message box.
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    box.table.selectRow(0)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() == 0, timeout=WAIT)
    assert CardService(store).cards_of(customer_id) == []
