"""Loading translations the Qt way: our .qm plus Qt's own qtbase strings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

I18N = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def install_translators(app: QCoreApplication, language: str = "zh_CN") -> list[QTranslator]:
    """Install BranchDesk's and Qt's translators for `language`; returns them (keep a reference)."""
    if language.startswith("en"):
        return []
    installed = []
    ours, qt = QTranslator(app), QTranslator(app)
    if ours.load(str(I18N / f"branchdesk_{language}.qm")):
        installed.append(ours)
    if qt.load(
        QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        installed.append(qt)
    for translator in installed:
        app.installTranslator(translator)
    return installed
