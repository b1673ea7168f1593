"""Native desktop notifications with actions, through `desktop-notifier`.

The library speaks each platform's own service — D-Bus `org.freedesktop.Notifications` on Linux
(UOS and Kylin included), WinRT toasts on Windows, the Notification Center on macOS — and gives
buttons on all three. It needs an asyncio loop; Qt's own asyncio loop does not work with it
(FINDINGS.md), so it runs on a loop in a daemon thread, and its callbacks cross back into the GUI
thread as queued Qt signals. The library only logs a failed send, so a send counts as delivered
only when its `on_dispatched` callback ran; otherwise `unavailable` tells the app (once) to show
reminders in the window instead.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal

log = logging.getLogger(__name__)
# The library logs whole notifications at debug level and tracebacks on failure; titles carry
# surnames. Failures are reported here, by type only.
logging.getLogger("desktop_notifier").setLevel(logging.CRITICAL)

APP_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app.svg"
ACTIONS = ("open", "snooze", "done")
SEND_TIMEOUT_S = 10


@dataclass(frozen=True)
class Notice:
    """One notification: what it says and what its actions refer to."""

    key: str  # a reminder id, or an id for a summary / digest
    title: str
    body: str
    with_reminder_actions: bool = True  # Open, Snooze 1 h and Done; otherwise Open only


class _Bridge(QObject):
    """Lives in the GUI thread: emitting on it from the loop thread queues the call to the GUI."""

    chosen = Signal(str, str)
    failed = Signal(str)


class Notifier(QObject):
    """Sends notices to the desktop's notification service; reports the action chosen."""

    actionChosen = Signal(str, str)
    """(action, key): "open", "snooze" or "done" chosen on the notice with that key."""
    unavailable = Signal(str)
    """Emitted once, when the service cannot be reached; the argument names the failure's type."""

    def __init__(self, app_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self._available = True
        self._bridge = _Bridge(self)
        self._bridge.chosen.connect(self.actionChosen)
        self._bridge.failed.connect(self._on_failed)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._notifier = None  # a DesktopNotifier, made on the loop's thread on first use

    @property
    def available(self) -> bool:
        """False once a send has failed (no service, no session bus)."""
        return self._available

    def notify(self, notice: Notice) -> None:
        """Send `notice` (returns at once; a failure emits `unavailable` once)."""
        if not self._available:
            return
        labels = {
            "open": QCoreApplication.translate("Notifier", "Open"),
            "snooze": QCoreApplication.translate("Notifier", "Snooze 1 h"),
            "done": QCoreApplication.translate("Notifier", "Done"),
        }
        actions = ACTIONS if notice.with_reminder_actions else ("open",)
        buttons = [(action, labels[action]) for action in actions]
        asyncio.run_coroutine_threadsafe(self._send(notice, buttons), self._ensure_loop())

    def close(self) -> None:
        """Stop the loop thread (idempotent)."""
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None or thread is None:
            return
        future = asyncio.run_coroutine_threadsafe(self._shut_down(), loop)
        try:
            future.result(timeout=2)
        except Exception as exc:  # shutting down: nothing more to do about it
            log.debug("notifier shutdown failed: %s", type(exc).__name__)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)
        loop.close()

    # The loop thread ---------------------------------------------------------------------------

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
            self._thread = threading.Thread(target=self._loop.run_forever, name="notifier", daemon=True)
            self._thread.start()
        return self._loop

    async def _send(self, notice: Notice, buttons: list[tuple[str, str]]) -> None:
        from desktop_notifier import Button, DesktopNotifier, Icon, Notification

        try:
            if self._notifier is None:
                icon = Icon(path=APP_ICON) if APP_ICON.exists() else None
                self._notifier = DesktopNotifier(app_name=self.app_name, app_icon=icon)
            dispatched = threading.Event()
            chosen = self._bridge.chosen
            notification = Notification(
                notice.title,
                notice.body,
                buttons=tuple(
                    Button(title=label, identifier=action, on_pressed=_emitter(chosen, action, notice.key))
                    for action, label in buttons
                ),
                on_clicked=_emitter(chosen, "open", notice.key),
                on_dispatched=dispatched.set,
            )
            await asyncio.wait_for(self._notifier.send_notification(notification), SEND_TIMEOUT_S)
            if not dispatched.is_set():
                self._bridge.failed.emit("NotDelivered")
        except Exception as exc:  # whatever the platform raises, the app goes on in-window
            self._bridge.failed.emit(type(exc).__name__)

    async def _shut_down(self) -> None:
        """Cancel sends still waiting and leave the session bus."""
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        bus = getattr(getattr(self._notifier, "_backend", None), "bus", None)
        if bus is not None:
            bus.disconnect()

    def _on_failed(self, reason: str) -> None:
        if not self._available:
            return
        self._available = False
        log.warning("desktop notifications unavailable: %s", reason)
        self.unavailable.emit(reason)


def _emitter(signal, action: str, key: str):
    return lambda: signal.emit(action, key)
