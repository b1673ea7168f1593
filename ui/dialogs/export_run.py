"""A long export or import run off the GUI thread, with a progress dialog and Cancel.

The work's progress crosses back to the GUI thread as a queued signal; Cancel sets a flag the
work checks between steps (and the work then raises its "cancelled" error, leaving nothing
behind). The result or the error ends up in `sig_finished` and the status bar / an error box.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog

from desktop.background import Operation
from storage.errors import BranchDeskError
from ui.errors import show_error

Work = Callable[[Callable[[int, int], None], Callable[[], bool]], object]
"""work(progress(done, total), cancelled()) -> result, run in the background."""


class _Progress(QObject):
    """Lives in the GUI thread: the work's progress calls, queued across from the worker."""

    advanced = Signal(int, int)


class ExportRun(QObject):
    """One background run with a window-modal progress dialog; emits `sig_finished` at the end."""

    sig_finished = Signal(object)
    """The work's result, or None when cancelled or failed."""

    def __init__(self, window: QMainWindow, label: str, cancelled_code: str) -> None:
        super().__init__(window)
        self.window = window
        self._cancelled_code = cancelled_code
        self._cancel = threading.Event()
        self._progress = _Progress(self)
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 100, window)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self._cancel.set)
        self._progress.advanced.connect(self._advanced)
        self._describe: Callable[[object], str] = str

    def run(self, work: Work, describe: Callable[[object], str]) -> None:
        """Start `work` in the background; `describe(result)` is the status bar's message after."""
        advanced, cancelled = self._progress.advanced, self._cancel.is_set
        self._describe = describe
        operation = Operation(lambda: work(lambda done, total: advanced.emit(done, total), cancelled))
        operation.success(self._done).failure(self._failed).run_in_background()

    def cancel(self) -> None:
        """Stop at the next step (what the dialog's Cancel does)."""
        self._cancel.set()

    def _advanced(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)

    def _done(self, result: object) -> None:
        self.dialog.reset()
        self.window.statusBar().showMessage(self._describe(result), 10_000)
        self.sig_finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.dialog.reset()
        if isinstance(error, BranchDeskError) and error.code == self._cancelled_code:
            self.window.statusBar().showMessage(error.message(), 10_000)
        else:
            show_error(self.window, error)
        self.sig_finished.emit(None)
