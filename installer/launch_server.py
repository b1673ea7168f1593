"""The frozen server's entry point (PyInstaller runs a script, not a console_scripts entry)."""

import multiprocessing
import sys

from server.cli import main

if __name__ == "__main__":
    # `serve --workers N`: uvicorn spawns its worker processes from this same program, which must
    # then run the worker instead of the command line.
    multiprocessing.freeze_support()
    sys.exit(main())
