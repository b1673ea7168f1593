"""The `branchdesk` entry point: the command line, and the window when no command is given."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import main as cli_main


def run_window(args: argparse.Namespace) -> int:
    """Open the window (Qt is imported only when a window is wanted)."""
    from ui.app import run_window as run

    return run(args)


def window_checks() -> dict:
    """The self-test's checks of the window's parts (Qt is imported only for them)."""
    from ui.self_check import window_checks as checks

    return checks()


def main() -> int:
    """Console entry point."""
    return cli_main(sys.argv[1:], run_window=run_window, window_checks=window_checks)


if __name__ == "__main__":
    sys.exit(main())
