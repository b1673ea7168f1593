"""The `branchdesk` entry point: the command line, and the window when no command is given."""

from __future__ import annotations

import argparse
import sys

from desktop.cli import main as cli_main


def run_window(args: argparse.Namespace) -> int:
    """Open the window (Qt is imported only when a window is wanted)."""
    from ui.app import run_window as run

    return run(args)


def main() -> int:
    """Console entry point."""
    return cli_main(sys.argv[1:], run_window=run_window)


if __name__ == "__main__":
    sys.exit(main())
