"""The placeholder main window shows the open profile's book, in Chinese."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from storage.services.customers import CustomerService
from ui.placeholder_window import PlaceholderWindow
from ui.translations import install_translators


def test_window_shows_the_book_in_chinese(qtbot, store):
    CustomerService(store).create({"name": "张伟", "mobile": "13800138000"})
    translators = install_translators(QApplication.instance(), "zh_CN")
    try:
        window = PlaceholderWindow(store)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(window.isVisible)
        texts = [label.text() for label in window.findChildren(QLabel)]
        assert window.windowTitle() == "BranchDesk 客户经理工作台"
        assert "1 位客户" in texts and "客户经理：王经理" in texts
    finally:
        for translator in translators:
            QApplication.instance().removeTranslator(translator)
