"""The `branchdesk` entry point: the command line, and the window when no command is given."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import main as cli_main
from storage.messages import current_language
from storage.store import Store


def run_window(store: Store, args: argparse.Namespace) -> int:
    """Show the main window on an open profile until the user quits."""
    from PySide6.QtWidgets import QApplication

    from ui.placeholder_window import PlaceholderWindow
    from ui.translations import install_translators

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("BranchDesk")
    install_translators(app, current_language())
    window = PlaceholderWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()


def main() -> int:
    """Console entry point."""
    return cli_main(sys.argv[1:], run_window=run_window)


if __name__ == "__main__":
    sys.exit(main())
