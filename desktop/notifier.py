"""Native desktop notifications with actions, through `desktop-notifier`.

The library speaks each platform's own service — D-Bus `org.freedesktop.Notifications` on Linux
(UOS and Kylin included), WinRT toasts on Windows, the Notification Center on macOS — and gives
buttons on all three. It needs an asyncio loop; Qt's own asyncio loop does not work with it
(FINDINGS.md), so it runs on a loop in a daemon thread, and its callbacks cross back into the GUI
thread as queued Qt signals.

The library does not raise when a send fails: it logs "Notification failed" and carries on. So a
send counts as delivered only when its `on_dispatched` callback ran and the library logged no
exception meanwhile; otherwise `unavailable` tells the app (once) to show reminders in the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, SignalInstance

log = logging.getLogger(__name__)

APP_ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "app.svg"
ACTIONS = ("open", "snooze", "done")
SEND_TIMEOUT_S = 10  # a hung notification server must not hold the app's reminders forever
CLOSE_TIMEOUT_S = 2
NO_SERVICE = "no service"


@dataclass(frozen=True)
class Notice:
    """One notification: what it says and what its actions refer to."""

    key: str  # stable id: a reminder id, or e.g. "digest:2026-11-23", "overdue"
    title: str
    body: str
    with_reminder_actions: bool = True  # True: buttons Open, Snooze 1 h, Done; False: only Open


# Failure detection and privacy, both through the library's logger --------------------------------
#
# The library logs whole notifications (titles carry customers' names) at debug level and a
# traceback when a send fails. Its records stop here: they never reach the app's log files. While a
# send of ours is under way, `_send_problems` holds a list; the handler notes in it the type of any
# exception the library swallowed, which is how a failed send is told apart from a delivered one.
_send_problems: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "notifier_send_problems", default=None
)


class _SendProblems(logging.Handler):
    """Notes, for the send under way on this task, what the library logged instead of raising."""

    def emit(self, record: logging.LogRecord) -> None:
        problems = _send_problems.get()
        if problems is None:
            return
        if record.exc_info and record.exc_info[0] is not None:
            problems.append(record.exc_info[0].__name__)
        elif record.msg == "Notification server not supported":  # D-Bus: Notify has no hints argument
            problems.append("UnsupportedServer")


_library_log = logging.getLogger("desktop_notifier")
_library_log.propagate = False
_library_log.setLevel(logging.WARNING)
_library_log.addHandler(_SendProblems())


class _Bridge(QObject):
    """Lives in the GUI thread. Emitting its signals from the loop thread queues them to the GUI.

    Emitting `Notifier.actionChosen` straight from the loop thread would not do: PySide calls plain
    Python callables (lambdas, functions) connected to a signal in the emitting thread.
    """

    chosen = Signal(str, str)
    failed = Signal(str)


class Notifier(QObject):
    """Sends notices to the desktop's notification service and reports the action chosen on them.

    Create it in the GUI thread. `notify` returns at once; the sending happens on a private asyncio
    loop in a daemon thread, started on first use and stopped by `close`.
    """

    actionChosen = Signal(str, str)
    """(action, key): "open", "snooze" or "done" chosen on the notice with that key; GUI thread."""
    unavailable = Signal(str)
    """Emitted once, on the first failure; the argument is an exception type or "no service"."""

    def __init__(self, app_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.app_name = app_name
        self._available = True
        self._closed = False
        self._bridge = _Bridge(self)
        self._bridge.chosen.connect(self.actionChosen)
        self._bridge.failed.connect(self._on_failed)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        # Touched only on the loop's thread:
        self._notifier = None  # the DesktopNotifier, made on first send
        # One send at a time, in the order of `notify`: concurrent first sends would each open a bus
        # connection, and a notice could not replace one whose send is still under way.
        self._sending = asyncio.Lock()
        self._failed = False  # a send failed: those still queued behind it are dropped
        self._shown: dict[str, str] = {}  # notice key -> the library's id of its notification

    @property
    def available(self) -> bool:
        """False once a send has failed (no session bus, no notification server, ...)."""
        return self._available

    def notify(self, notice: Notice) -> None:
        """Show `notice`, replacing one shown earlier with the same key. Returns at once, never raises.

        A failure is reported by `unavailable` (once); after it, and after `close`, this does nothing.
        """
        if self._closed or not self._available:
            return
        # Translated here, in the GUI thread, where the app's translators are installed.
        labels = {
            "open": QCoreApplication.translate("Notifier", "Open"),
            "snooze": QCoreApplication.translate("Notifier", "Snooze 1 h"),
            "done": QCoreApplication.translate("Notifier", "Done"),
        }
        actions = ACTIONS if notice.with_reminder_actions else ("open",)
        buttons = [(action, labels[action]) for action in actions]
        try:
            asyncio.run_coroutine_threadsafe(self._send(notice, buttons), self._ensure_loop())
        except Exception as exc:  # e.g. no thread can be started: the window shows reminders instead
            self._on_failed(type(exc).__name__)

    def withdraw(self, key: str) -> None:
        """Take the notice with `key` off the screen if it is still there (its reminder was done,
        say, on another device). Returns at once, never raises."""
        if self._closed or self._loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._withdraw(key), self._loop)
        except Exception as exc:  # the loop is going away: nothing left to withdraw from
            log.debug("withdraw: %s", type(exc).__name__)

    def close(self) -> None:
        """Stop the loop thread and leave the session bus. Idempotent; `notify` does nothing after it."""
        self._closed = True
        loop, thread = self._loop, self._thread
        self._loop = self._thread = None
        if loop is None or thread is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shut_down(), loop).result(timeout=CLOSE_TIMEOUT_S)
        except Exception as exc:  # shutting down anyway: the loop stops below
            log.debug("notifier shutdown: %s", type(exc).__name__)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=CLOSE_TIMEOUT_S)
        if not thread.is_alive():  # a loop stuck in a blocking call cannot be closed; it is a daemon
            loop.close()

    # The loop thread ---------------------------------------------------------------------------

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        if self._loop is None:
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="notifier", daemon=True)
            thread.start()
            self._loop, self._thread = loop, thread
        return self._loop

    async def _send(self, notice: Notice, buttons: list[tuple[str, str]]) -> None:
        """Send one notice; on any failure tell the GUI thread (by exception type only)."""
        async with self._sending:
            if self._failed:
                return
            problems: list[str] = []
            _send_problems.set(problems)  # this task's own context: other sends keep their own list
            try:
                reason = await asyncio.wait_for(self._deliver(notice, buttons, problems), SEND_TIMEOUT_S)
            except Exception as exc:  # whatever the platform raises, the app goes on in-window
                reason = type(exc).__name__
            if reason:
                self._failed = True
                self._bridge.failed.emit(reason)

    async def _deliver(self, notice: Notice, buttons: list[tuple[str, str]], problems: list[str]) -> str:
        """Send `notice`; return "" when it reached the service, else the reason it did not."""
        from desktop_notifier import Button, DesktopNotifier, Icon, Notification
        from desktop_notifier.backends.dummy import DummyNotificationCenter

        if self._notifier is None:
            icon = Icon(path=APP_ICON) if APP_ICON.exists() else None
            self._notifier = DesktopNotifier(app_name=self.app_name, app_icon=icon)
        if isinstance(self._notifier._backend, DummyNotificationCenter):
            # What the library falls back to where it has no service (macOS outside an app bundle,
            # old Windows): it "sends" by doing nothing.
            return NO_SERVICE
        await self._close_earlier(notice.key)
        dispatched = threading.Event()
        chosen = self._bridge.chosen
        notification = Notification(
            notice.title,
            notice.body,
            buttons=tuple(
                Button(title=label, identifier=action, on_pressed=_emitter(chosen, action, notice.key))
                for action, label in buttons
            ),
            on_clicked=_emitter(chosen, "open", notice.key),  # a click on the body opens
            on_dispatched=dispatched.set,
        )
        await self._notifier.send_notification(notification)
        if problems:
            return problems[0]
        if not dispatched.is_set():
            return NO_SERVICE
        self._shown[notice.key] = notification.identifier
        return ""

    async def _withdraw(self, key: str) -> None:
        async with self._sending:  # after any send of it still queued
            if self._notifier is not None and not self._failed:
                await self._close_earlier(key)

    async def _close_earlier(self, key: str) -> None:
        """Close the notification shown for `key` before (if still shown), so one key shows once.

        Best effort: a failure here must not cost the new notice, nor make the notifier unavailable.
        """
        try:
            shown = set(await self._notifier.get_current_notifications())
            # Forget what the user already closed or acted on: keeps `_shown` as small as the screen.
            self._shown = {k: identifier for k, identifier in self._shown.items() if identifier in shown}
            earlier = self._shown.pop(key, None)
            if earlier is not None:
                await self._notifier.clear(earlier)
        except Exception as exc:  # e.g. closed meanwhile: the D-Bus backend raises KeyError then
            log.debug("closing an earlier notification: %s", type(exc).__name__)

    async def _shut_down(self) -> None:
        """Cancel sends still waiting and leave the session bus."""
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        bus = getattr(getattr(self._notifier, "_backend", None), "bus", None)  # D-Bus backend only
        if bus is not None:
            bus.disconnect()

    def _on_failed(self, reason: str) -> None:
        """GUI thread: the first failure makes the notifier unavailable and is reported once."""
        if not self._available:
            return
        self._available = False
        log.warning("desktop notifications unavailable: %s", reason)
        self.unavailable.emit(reason)


def _emitter(signal: SignalInstance, action: str, key: str) -> Callable[[], None]:
    """A library callback (run on the loop thread) that emits `signal(action, key)`."""

    def emit() -> None:
        with contextlib.suppress(RuntimeError):  # the Notifier was deleted, its notification stayed
            signal.emit(action, key)

    return emit
