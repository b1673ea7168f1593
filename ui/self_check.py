"""The window's part of `branchdesk self-test`: the Qt platform plugin, the translations, the icons."""

from __future__ import annotations

from desktop.self_test import Check


def window_checks() -> dict[str, Check]:
    """Checks that need Qt's GUI modules (run after the store's)."""
    return {"qt": check_qt_platform, "translations": check_translations, "icons": check_icons}


def _app():
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def check_qt_platform() -> str:
    """The platform plugin loads (without it Qt aborts at start) and a window can be drawn."""
    from PySide6.QtWidgets import QLabel

    app = _app()
    label = QLabel("客户经理工作台")
    label.resize(200, 40)
    if label.grab().isNull():
        raise RuntimeError("a window could not be drawn")
    return f"Qt {__import__('PySide6.QtCore').QtCore.qVersion()}, platform {app.platformName()}"


def check_translations() -> str:
    """The Chinese translations load and translate (the .qm files are in the bundle)."""
    from PySide6.QtCore import QCoreApplication

    from desktop.translations import install_translators

    app = _app()
    installed = install_translators(app, "zh_CN")
    try:
        word = QCoreApplication.translate("Labels", "Phone")
        if word != "电话":
            raise RuntimeError(f"'Phone' came out as {word!r}: the translations are missing")
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    return f"{len(installed)} translation files, 'Phone' → {word}"


def check_icons() -> str:
    """The SVG icons are found and drawn (the SVG image plugin is in the bundle)."""
    from ui.icons import NAMES, icon

    _app()
    missing = [name for name in NAMES if icon(name).pixmap(16, 16).isNull()]
    if missing:
        raise RuntimeError(f"icons not drawn: {', '.join(missing)}")
    return f"{len(NAMES)} icons"
