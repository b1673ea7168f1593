"""The main window's menus: File, Customer, Sync, View, Tools, Help — every action with a shortcut or
mnemonic."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

from desktop import settings as opts
from storage.messages import current_language
from ui.icons import icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _action(window: MainWindow, text: str, slot, shortcut=None, icon_name: str | None = None) -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(action.shortcutContext().ApplicationShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    window.addAction(action)  # shortcuts work even when the menu bar is hidden
    return action


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menu bar of `window`; returns its actions by name (for tests and toolbars)."""
    bar = window.menuBar()
    actions = {
        "new_customer": _action(
            window,
            QCoreApplication.translate("MainMenus", "&New customer"),
            window.new_customer,
            "Ctrl+N",
            "add",
        ),
        "import": _action(
            window,
            QCoreApplication.translate("MainMenus", "&Import head-office list…"),
            window.import_list,
            None,
        ),
        "export_list": _action(
            window,
            QCoreApplication.translate("MainMenus", "Export customer &list…"),
            window.export_customer_list,
            None,
        ),
        "export": _action(
            window,
            QCoreApplication.translate("MainMenus", "&Export weekly review…"),
            window.export_weekly_review,
            None,
        ),
        "quit": _action(window, QCoreApplication.translate("MainMenus", "&Quit"), window.quit_app, "Ctrl+Q"),
        "find": _action(
            window,
            QCoreApplication.translate("MainMenus", "&Find customer"),
            window.customer_list.focus_search,
            "Ctrl+F",
            "search",
        ),
        "log_call": _action(
            window, QCoreApplication.translate("MainMenus", "&Log a call…"), window.log_call, "Ctrl+L", "call"
        ),
        "lock": _action(
            window, QCoreApplication.translate("MainMenus", "&Lock"), window.lock, "Ctrl+Shift+L", "lock"
        ),
        "settings": _action(
            window,
            QCoreApplication.translate("MainMenus", "&Settings…"),
            window.open_settings,
            "Ctrl+,",
            "settings",
        ),
        "connect": _action(
            window,
            QCoreApplication.translate("MainMenus", "Co&nnect to server…"),
            window.sync.connect_to_server,
            None,
        ),
        "sync_now": _action(
            window, QCoreApplication.translate("MainMenus", "&Sync now"), window.sync.sync_now, "F5", "sync"
        ),
        "conflicts": _action(
            window,
            QCoreApplication.translate("MainMenus", "Sync &conflicts…"),
            window.sync.show_conflicts,
            None,
            "risk",
        ),
        "sign_out": _action(
            window, QCoreApplication.translate("MainMenus", "Sign &out of server"), window.sync.sign_out, None
        ),
        "about": _action(
            window, QCoreApplication.translate("MainMenus", "&About BranchDesk"), window.about, None, "about"
        ),
    }
    file_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "&File"))
    for name in ("new_customer", "import", "export", "export_list"):
        file_menu.addAction(actions[name])
    file_menu.addSeparator()
    file_menu.addAction(actions["quit"])

    customer_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "&Customer"))
    customer_menu.addAction(actions["find"])
    customer_menu.addAction(actions["log_call"])

    sync_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "S&ync"))
    for name in ("sync_now", "conflicts"):
        sync_menu.addAction(actions[name])
    sync_menu.addSeparator()
    sync_menu.addAction(actions["connect"])
    sync_menu.addAction(actions["sign_out"])

    view_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "&View"))
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addSeparator()
    language_menu = view_menu.addMenu(QCoreApplication.translate("MainMenus", "&Language"))
    group = QActionGroup(window)
    for code, label in (("zh_CN", "中文(&Z)"), ("en", "&English")):
        action = QAction(label, window, checkable=True)
        action.setChecked(current_language() == code)
        action.triggered.connect(lambda _checked=False, c=code: _choose_language(window, c))
        group.addAction(action)
        language_menu.addAction(action)
        actions[f"language_{code}"] = action

    tools_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "&Tools"))
    tools_menu.addAction(actions["lock"])
    tools_menu.addAction(actions["settings"])

    help_menu = bar.addMenu(QCoreApplication.translate("MainMenus", "&Help"))
    help_menu.addAction(actions["about"])
    return actions


def _choose_language(window: MainWindow, code: str) -> None:
    window.context.settings.set(opts.LANGUAGE, code)
    window.sig_language_requested.emit(code)
