"""The assembled window: lock and unlock, language switch, layout restored (a few whole-window tests)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget

from desktop import settings as opts
from desktop.app_context import AppContext
from storage.messages import set_language
from storage.profile import open_profile
from storage.services.customers import CustomerService
from tests.conftest import PASSPHRASE
from ui.app import AppController
from ui.main_window import MainWindow


@pytest.fixture
def context(passphrase_profile):
    store = open_profile(passphrase_profile, passphrase=PASSPHRASE)
    CustomerService(store).create({"name": "张伟", "mobile": "13800138000"})
    yield AppContext(store, passphrase_profile)
    store.close()


@pytest.fixture
def controller(qapp, context):
    ctrl = AppController(qapp)
    ctrl.apply_language("zh_CN")
    yield ctrl
    if ctrl.window is not None:
        ctrl.window.close()
    for translator in ctrl.translators:  # leave the application as the other tests expect it
        qapp.removeTranslator(translator)
    set_language(None)


def dock_titles(window: MainWindow) -> set[str]:
    return {dock.windowTitle() for dock in window.findChildren(QDockWidget)}


def test_lock_hides_data_and_only_the_passphrase_unlocks(qtbot, controller, context):
    window = controller.show_window(context)
    qtbot.waitUntil(lambda: window.customer_list.model.rowCount() == 1, timeout=5000)
    window.actions_by_name["lock"].trigger()
    assert context.store.locked
    assert window.customer_list.model.rowCount() == 0
    assert not any(dock.isVisible() for dock in window.findChildren(QDockWidget))
    screen = window.lock_screen
    assert screen.isVisible()
    screen.passphrase.setText("not the passphrase")
    screen.try_unlock()
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=10000)
    assert context.store.locked and "口令错误" in screen.message.text()
    screen.passphrase.setText(PASSPHRASE)
    screen.try_unlock()
    qtbot.waitUntil(lambda: not context.store.locked, timeout=10000)
    qtbot.waitUntil(lambda: window.customer_list.model.rowCount() == 1, timeout=5000)
    assert window.docks["customers"].isVisible()


def test_idle_time_locks_the_window(qtbot, controller, context):
    window = controller.show_window(context)
    window.idle.set_interval_ms(200)
    qtbot.waitUntil(lambda: context.store.locked, timeout=5000)
    assert window.lock_screen.isVisible()


def test_language_switch_retranslates_visible_labels(qtbot, controller, context):
    window = controller.show_window(context)
    assert dock_titles(window) == {"客户列表", "客户详情", "联系记录", "回访提醒"}
    assert window.menuBar().actions()[0].text().startswith("文件")
    window.actions_by_name["language_en"].trigger()
    english = controller.window
    qtbot.waitUntil(lambda: english is not window and english.isVisible(), timeout=5000)
    assert dock_titles(english) == {"Customers", "Customer", "Call log", "Reminders"}
    assert english.menuBar().actions()[0].text() == "&File"
    assert context.settings.get(opts.LANGUAGE) == "en"
    english.actions_by_name["language_zh_CN"].trigger()
    qtbot.waitUntil(lambda: controller.window is not english, timeout=5000)
    assert dock_titles(controller.window) == {"客户列表", "客户详情", "联系记录", "回访提醒"}


def test_layout_and_selection_are_restored(qtbot, controller, context):
    window = controller.show_window(context)
    qtbot.waitUntil(lambda: window.customer_list.model.rowCount() == 1, timeout=5000)
    window.docks["reminders"].hide()
    customer_id = window.customer_list.model.customer_id_at(0)
    window.select_customer(customer_id)
    window.close()
    QApplication.processEvents()
    again = MainWindow(context)
    qtbot.addWidget(again)
    again.show()
    again.restore_selection()
    assert not again.docks["reminders"].isVisible()
    qtbot.waitUntil(lambda: again.customer_id == customer_id, timeout=5000)


def test_about_names_the_versions(context):
    from PySide6.QtCore import qVersion

    from desktop import __version__
    from ui.dialogs.about_dialog import about_text

    text = about_text(context.store)
    assert __version__ in text and qVersion() in text and "SQLCipher 4." in text
