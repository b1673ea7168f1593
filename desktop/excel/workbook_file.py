"""Saving a workbook so the file is either complete or not there at all."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from openpyxl import Workbook

from storage.errors import BranchDeskError


def save_whole(workbook: Workbook, path: Path) -> None:
    """Write beside `path`, then rename: a cancel, a crash or a full disk leaves no half-written
    file (and an older file of that name untouched). Errors are translated BranchDeskErrors."""
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(prefix=".branchdesk-", suffix=".xlsx", dir=path.parent)
        os.close(handle)
        workbook.save(temporary)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        if exc.errno == errno.ENOSPC:
            raise BranchDeskError("disk_full") from exc
        reason = exc.strerror or type(exc).__name__
        raise BranchDeskError("file_write", path=str(path), reason=reason) from exc


def close_sheets(workbook: Workbook) -> None:
    """After a failed or cancelled write-only save: close the temporary files the sheets hold."""
    for sheet in workbook.worksheets:
        with contextlib.suppress(Exception):
            sheet.close()
