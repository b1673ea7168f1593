"""The customer list's filter chips: tier, lifecycle stage and tag menus, four quick flags, clear."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QVBoxLayout, QWidget

from desktop.labels import lifecycle_labels, tier_labels
from ui.icons import icon

BIRTHDAY_DAYS = 7
""""Birthday soon" means within this many days."""
NO_CONTACT_DAYS = 30
""""Not contacted" means for at least this many days."""


@dataclass(frozen=True)
class FilterChoice:
    """What the chips ask for (the search text is the pane's)."""

    tiers: tuple[str, ...] = ()
    lifecycle_stages: tuple[str, ...] = ()
    tag_ids: tuple[str, ...] = ()
    revisit_overdue: bool = False
    birthday_within_days: int | None = None
    no_contact_days: int | None = None
    risk_flagged: bool = False


class StickyMenu(QMenu):
    """A menu of checkable choices that stays open while the user ticks several of them."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class CustomerFilterBar(QWidget):
    """Checkable filters for the customer list; `choice()` says which are on.

    The widget itself shows the quick flags and "clear filters"; the menus of tiers, stages and
    tags are in `menu_toolbar`, which the pane lays out next to its search box.
    """

    sig_changed = Signal()
    """A filter was switched on or off (or cleared): the list must be re-queried."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._notify = True
        self.tier_actions: dict[str, QAction] = {}
        """Tier code → its checkable action in the Tier menu."""
        self.stage_actions: dict[str, QAction] = {}
        """Lifecycle stage code → its checkable action in the Lifecycle menu."""
        self.tag_actions: dict[str, QAction] = {}
        """Tag id → its checkable action in the Tags menu."""
        self.tier_button = self._menu_button(tier_labels(), self.tier_actions, "filter")
        self.stage_button = self._menu_button(lifecycle_labels(), self.stage_actions, "filter")
        self.tag_button = self._menu_button({}, self.tag_actions, "tag")
        self._build_flags()
        self._build_toolbar()
        self.set_tags([])
        self._update_texts()

    # Building -----------------------------------------------------------------------------------

    def _menu_button(
        self, labels: dict[str, str], actions: dict[str, QAction], icon_name: str
    ) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon(icon_name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)  # narrow: the dock is
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        button.setMenu(StickyMenu(button))
        for code, label in labels.items():
            actions[code] = self._choice_action(button.menu(), label)
        return button

    def _choice_action(self, menu: QMenu, label: str) -> QAction:
        action = QAction(label, menu, checkable=True)
        action.toggled.connect(self._changed)
        menu.addAction(action)
        return action

    def _flag(self, text: str, tip: str, icon_name: str, keys: str) -> QAction:
        action = QAction(icon(icon_name), text, self, checkable=True)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({native})")
        action.toggled.connect(self._changed)
        return action

    def _build_flags(self) -> None:
        # fmt: off
        self.overdue_action = self._flag(self.tr("Revisit overdue"),
            self.tr("Only customers whose revisit is overdue"), "overdue", "Alt+1")
        self.birthday_action = self._flag(self.tr("Birthday in 7 days"),
            self.tr("Only customers whose birthday is within the next 7 days"), "birthday", "Alt+2")
        self.no_contact_action = self._flag(self.tr("No contact 30+ days"),
            self.tr("Only customers not contacted for 30 days or more"), "call", "Alt+3")
        self.risk_action = self._flag(self.tr("Risk flag"),
            self.tr("Only customers with a risk flag (overdue repayment, unusual card use, dormant card)"),
            "risk", "Alt+4")
        # fmt: on
        self.clear_action = QAction(icon("cancel"), self.tr("Clear filters"), self)
        self.clear_action.setShortcut(QKeySequence("Alt+0"))
        self.clear_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.clear_action.setToolTip(self.tr("Show every customer again (Alt+0)"))
        self.clear_action.triggered.connect(lambda _checked=False: self.clear())
        self.flag_actions = [
            self.overdue_action,
            self.birthday_action,
            self.no_contact_action,
            self.risk_action,
        ]
        self.addActions([*self.flag_actions, self.clear_action])  # shortcuts while focus is in the bar

    def _build_toolbar(self) -> None:
        # Toolbars fold what does not fit into their extension menu (the dock can be narrow).
        self.menu_toolbar = QToolBar(self)
        """The Tier, Lifecycle and Tags menu buttons: the pane places them beside its search box."""
        for button in (self.tier_button, self.stage_button, self.tag_button):
            self.menu_toolbar.addWidget(button)
        self.flag_toolbar = QToolBar(self)
        self.flag_toolbar.setIconSize(QSize(16, 16))
        self.flag_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.flag_toolbar.addActions(self.flag_actions)
        self.flag_toolbar.addSeparator()
        self.flag_toolbar.addAction(self.clear_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.flag_toolbar)

    # Tags ---------------------------------------------------------------------------------------

    def set_tags(self, tags: list[tuple[str, str, int]]) -> None:
        """Offer these tags (id, name, customers); ticks on tags still offered are kept."""
        checked = {tid for tid, action in self.tag_actions.items() if action.isChecked()}
        menu = self.tag_button.menu()
        menu.clear()
        self.tag_actions.clear()
        for tag_id, name, count in tags:
            text = self.tr("%1 (%2)").replace("%2", str(count)).replace("%1", name)
            action = QAction(text, menu, checkable=True)
            action.setChecked(tag_id in checked)
            action.toggled.connect(self._changed)
            menu.addAction(action)
            self.tag_actions[tag_id] = action
        if not tags:
            menu.addAction(self.tr("No tags yet")).setEnabled(False)
        if checked - set(self.tag_actions):
            self._changed()  # a ticked tag is gone: the list it filtered by is no longer right
        else:
            self._update_texts()

    # State --------------------------------------------------------------------------------------

    def choice(self) -> FilterChoice:
        """The filters switched on."""
        return FilterChoice(
            tiers=_checked(self.tier_actions),
            lifecycle_stages=_checked(self.stage_actions),
            tag_ids=_checked(self.tag_actions),
            revisit_overdue=self.overdue_action.isChecked(),
            birthday_within_days=BIRTHDAY_DAYS if self.birthday_action.isChecked() else None,
            no_contact_days=NO_CONTACT_DAYS if self.no_contact_action.isChecked() else None,
            risk_flagged=self.risk_action.isChecked(),
        )

    def is_active(self) -> bool:
        """Whether any filter is on."""
        return self.choice() != FilterChoice()

    def clear(self) -> None:
        """Switch every filter off (one sig_changed, and only if something was on)."""
        was_active = self.is_active()
        self._notify = False
        try:
            for action in self._all_choices():
                action.setChecked(False)
        finally:
            self._notify = True
        if was_active:
            self._changed()

    def _all_choices(self) -> list[QAction]:
        return [
            *self.tier_actions.values(),
            *self.stage_actions.values(),
            *self.tag_actions.values(),
            *self.flag_actions,
        ]

    def _changed(self, *_args) -> None:
        if not self._notify:
            return
        self._update_texts()
        self.sig_changed.emit()

    def _update_texts(self) -> None:
        for button, actions, plain, counted in (
            (self.tier_button, self.tier_actions, self.tr("T&ier"), self.tr("T&ier (%1)")),
            (self.stage_button, self.stage_actions, self.tr("&Lifecycle"), self.tr("&Lifecycle (%1)")),
            (self.tag_button, self.tag_actions, self.tr("Ta&gs"), self.tr("Ta&gs (%1)")),
        ):
            chosen = len(_checked(actions))
            button.setText(counted.replace("%1", str(chosen)) if chosen else plain)
        self.clear_action.setEnabled(self.is_active())


def _checked(actions: dict[str, QAction]) -> tuple[str, ...]:
    return tuple(code for code, action in actions.items() if action.isChecked())
