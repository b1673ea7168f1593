"""The selected customer: an editable profile with masked ID number and mobile, cards and tags."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from desktop.change_bus import ChangeBus
from desktop.labels import label_of, tier_labels
from storage.changes import Changes
from storage.errors import DuplicateCustomerError, NotFoundError, ValidationError
from storage.masking import mask_id_number, mask_mobile
from storage.models import Card
from storage.services.cards import CardService
from storage.services.customers import CustomerService, customer_values
from storage.services.tags import TagService
from storage.timeutil import utc_now
from ui.errors import message_for, show_error
from ui.formatting import local_datetime_text
from ui.icons import icon
from ui.panes.cards_box import CardsBox
from ui.panes.customer_form import CustomerForm
from ui.panes.tags_box import TagsBox
from ui.widgets.field_errors import ERROR_STYLE

_ID_KEYS = QKeySequence("Ctrl+Shift+I")
_MOBILE_KEYS = QKeySequence("Ctrl+Shift+M")


@dataclass(frozen=True)
class CustomerSnapshot:
    """One customer as the pane shows it, read off the GUI thread; ID number and mobile masked."""

    customer_id: str
    values: dict[str, object]
    last_contact_at: datetime | None
    next_revisit_at: datetime | None
    cards: list[Card]
    tags: list[tuple[str, str]]
    tag_names: list[str]


def read_snapshot(
    customers: CustomerService, cards: CardService, tags: TagService, customer_id: str
) -> CustomerSnapshot:
    """Everything the pane shows of a customer (runs in the background)."""
    row = customers.get(customer_id)
    values = customer_values(row)
    values["id_number"], values["mobile"] = mask_id_number(row.id_number), mask_mobile(row.mobile)
    return CustomerSnapshot(
        customer_id,
        values,
        row.last_contact_at,
        row.next_revisit_at,
        cards.cards_of(customer_id),
        tags.tags_of(customer_id),
        tags.tag_names(),
    )


class CustomerDetailPane(QWidget):
    """The selected customer's profile to read and edit, with cards held and tags."""

    REVEAL_SECONDS: ClassVar[float] = 30.0
    """How long a revealed ID number or mobile stays visible."""

    sig_customer_created = Signal(str)
    """A new customer was saved; carries its id."""
    sig_customer_deleted = Signal(str)
    """The shown customer was deleted; carries its id."""

    def __init__(
        self,
        customer_service: CustomerService,
        card_service: CardService,
        tag_service: TagService,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._customers, self._cards, self._tags, self._bus = customer_service, card_service, tag_service, bus
        self._latest = LatestOnly()
        self._customer_id: str | None = None
        self._creating = self._loading = self._busy = False
        self._token = 0  # changes whenever the pane turns to another customer (or none)
        self._values: dict[str, object] = {}
        self._build()
        self._add_shortcuts()
        bus.sig_changed.connect(self._on_bus_changed)
        self.clear()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.empty_label = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        self.form = CustomerForm(_ID_KEYS.toString(QKeySequence.SequenceFormat.NativeText),
                                 _MOBILE_KEYS.toString(QKeySequence.SequenceFormat.NativeText))  # fmt: skip
        self.form.sig_edited.connect(self._update_actions)
        self.form.sig_reveal_requested.connect(self.reveal)
        self.cards_box = CardsBox(self._cards)
        self.tags_box = TagsBox(self._tags)
        for box in (self.cards_box, self.tags_box):
            box.sig_wrote.connect(self._bus.publish)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        for part in (self.form, self.cards_box, self.tags_box):
            body_layout.addWidget(part)
        body_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(body)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(self._build_header())
        layout.addLayout(self._build_buttons())
        layout.addWidget(scroll, 1)
        empty_page = QWidget()
        QVBoxLayout(empty_page).addWidget(self.empty_label)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(empty_page)
        self._stack.addWidget(content)

    def _build_header(self) -> QVBoxLayout:
        self.title = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.last_contact = QLabel()
        self.overdue_icon = QLabel()
        self.overdue_icon.setPixmap(icon("overdue").pixmap(16, 16))
        self.next_revisit = QLabel()
        facts = QHBoxLayout()
        facts.addWidget(self.last_contact)
        facts.addSpacing(24)
        facts.addWidget(self.overdue_icon)
        facts.addWidget(self.next_revisit)
        facts.addStretch(1)
        header = QVBoxLayout()
        header.addWidget(self.title)
        header.addLayout(facts)
        return header

    def _build_buttons(self) -> QHBoxLayout:
        self.new_button = QPushButton(icon("add"), self.tr("&New customer"))
        self.save_button = QPushButton(icon("save"), self.tr("&Save"))
        self.revert_button = QPushButton(icon("revert"), self.tr("&Revert"))
        self.delete_button = QPushButton(icon("delete"), self.tr("&Delete"))
        for button, slot, tip in (
            (self.new_button, self.new_customer, self.tr("Start a new customer (Ctrl+N)")),
            (self.save_button, self.save, self.tr("Save the changes (Ctrl+S)")),
            (
                self.revert_button,
                self.revert,
                self.tr("Undo all unsaved changes (Ctrl+Z outside a text field)"),
            ),
            (self.delete_button, self.delete_customer, self.tr("Delete this customer (Ctrl+Del)")),
        ):
            button.clicked.connect(slot)
            button.setToolTip(tip)
        self.status = QLabel(wordWrap=True)
        row = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.revert_button, self.delete_button):
            row.addWidget(button)
        row.addWidget(self.status, 1)
        return row

    def _add_shortcuts(self) -> None:
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_customer),
            (QKeySequence.StandardKey.Save, self.save),
            (QKeySequence.StandardKey.Undo, self.revert),
            (QKeySequence("Ctrl+Del"), self.delete_customer),
            (_ID_KEYS, lambda: self.form.masked["id_number"].toggle()),
            (_MOBILE_KEYS, lambda: self.form.masked["mobile"].toggle()),
        ):
            QShortcut(keys, self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # --- what is shown --------------------------------------------------------------------------

    def current_customer_id(self) -> str | None:
        """The id of the customer shown (None when none is, or a new one is being entered)."""
        return self._customer_id

    def has_unsaved_changes(self) -> bool:
        """Whether the form holds edits not saved yet."""
        return (self._customer_id is not None or self._creating) and self.form.has_changes()

    @Slot(str)
    def show_customer(self, customer_id: str) -> None:
        """Show the customer `customer_id` ("" shows that none is selected); loads in the background.

        Unsaved edits of another customer are dropped: ask `has_unsaved_changes()` first. The same
        customer again is a refresh that keeps unsaved edits."""
        if not customer_id:
            self.clear()
            return
        same = customer_id == self._customer_id and not self._creating
        if not same:
            self._turn_to(customer_id, self.tr("Loading…"))
        self._load(keep_edits=same)

    @Slot()
    def clear(self) -> None:
        """Drop every customer value from the widgets (the app locks, or nothing is selected)."""
        self._turn_to(None, "")
        self.empty_label.setText(self.tr("No customer selected."))
        self._stack.setCurrentIndex(0)

    @Slot()
    def new_customer(self) -> None:
        """An empty form; Save creates the customer."""
        if self._busy or (self.has_unsaved_changes() and not self._confirm_discard()):
            return
        self._turn_to(None, self.tr("New customer"))
        self._creating = True
        self.form.load(None)
        hint = self.tr("Save the new customer first, then add cards and tags.")
        self.cards_box.clear(hint)
        self.tags_box.clear(hint)
        self._update_actions()
        self.form.focus_field("name")

    def _turn_to(self, customer_id: str | None, title: str) -> None:
        self._token += 1
        self._latest.cancel()
        self._customer_id, self._creating, self._values = customer_id, False, {}
        self._loading = customer_id is not None
        self.form.clear()
        self.cards_box.clear()
        self.tags_box.clear()
        self.title.setText(title)
        for label in (self.last_contact, self.next_revisit, self.status):
            label.clear()
        self.overdue_icon.hide()
        self._stack.setCurrentIndex(1)
        self._update_actions()

    def _load(self, *, keep_edits: bool) -> None:
        customer_id = self._customer_id
        operation = Operation(lambda: read_snapshot(self._customers, self._cards, self._tags, customer_id))
        operation.success(lambda snapshot: self._landed(snapshot, keep_edits))
        self._latest.run(operation.failure(lambda error: self._load_failed(error, keep_edits)))

    def _landed(self, snapshot: CustomerSnapshot, keep_edits: bool) -> None:
        self._loading = False
        self._values = snapshot.values
        self.form.load(snapshot.values, keep_edits=keep_edits)
        self.form.setEnabled(not self._busy)  # a save under way decides what comes next
        self.cards_box.set_cards(snapshot.customer_id, snapshot.cards)
        self.tags_box.set_tags(snapshot.customer_id, snapshot.tags, snapshot.tag_names)
        tier = label_of(tier_labels(), str(snapshot.values.get("tier") or ""))
        self.title.setText(f"{snapshot.values.get('name') or ''}  ·  {tier}")
        self._show_facts(snapshot.last_contact_at, snapshot.next_revisit_at)
        self._update_actions()

    def _load_failed(self, error: BaseException, keep_edits: bool) -> None:
        if keep_edits and self.form.isEnabled() and not isinstance(error, NotFoundError):
            self.status.setText(message_for(error))  # a failed refresh must not cost unsaved edits
            return
        self.clear()
        self.empty_label.setText(message_for(error))

    def _show_facts(self, last_contact: datetime | None, next_revisit: datetime | None) -> None:
        when = local_datetime_text(last_contact) or self.tr("never")
        self.last_contact.setText(self.tr("Last contact: %1").replace("%1", when))
        overdue = next_revisit is not None and next_revisit < utc_now()
        when = local_datetime_text(next_revisit) or self.tr("none planned")
        if overdue:
            when = self.tr("%1 (overdue)").replace("%1", when)
        self.next_revisit.setText(self.tr("Next revisit: %1").replace("%1", when))
        self.next_revisit.setStyleSheet(ERROR_STYLE if overdue else "")
        self.overdue_icon.setVisible(overdue)

    def _update_actions(self) -> None:
        shown = self._customer_id is not None and not self._loading
        editing = (shown or self._creating) and not self._busy
        dirty = editing and self.form.has_changes()
        self.save_button.setEnabled(dirty)
        self.revert_button.setEnabled(dirty)
        self.delete_button.setEnabled(shown and not self._busy)
        self.new_button.setEnabled(not self._busy)

    def _on_bus_changed(self, changes: Changes) -> None:
        customer_id = self._customer_id
        if customer_id is None or self._creating:
            return
        mine = customer_id in changes.customers or changes.cards & self.cards_box.card_ids()
        if mine or changes.tags:  # tags: the completion list may have grown
            self._load(keep_edits=True)  # unsaved edits are kept, the rest refreshed

    # --- actions --------------------------------------------------------------------------------

    @Slot(str)
    def reveal(self, key: str) -> None:
        """Show the full "id_number" or "mobile" for REVEAL_SECONDS (the read is audited)."""
        field = self.form.masked[key]
        if field.show_button.isHidden() or not field.show_button.isEnabled():
            return  # nothing stored to reveal
        if field.has_edit():  # the user's own pending value: nothing stored is revealed
            field.reveal(None, self.REVEAL_SECONDS)
            return
        customer_id, token = self._customer_id, self._token
        if customer_id is None or self._creating:
            return

        def revealed(value: str) -> None:
            if token == self._token:  # still the same customer
                field.reveal(value, self.REVEAL_SECONDS)

        operation = Operation(lambda: self._customers.reveal(customer_id, key)).success(revealed)
        operation.failure(lambda error: show_error(self, error)).run_in_background()

    @Slot()
    def save(self) -> None:
        """Save the edits (or create the new customer) in the background."""
        if not self.save_button.isEnabled():
            return
        self.form.clear_errors()
        token, customer_id = self._token, self._customer_id
        if self._creating:
            fields = self.form.new_fields()
            work = lambda: self._customers.create(fields)  # noqa: E731
        else:
            fields = self.form.changed_fields()
            work = lambda: self._customers.update(customer_id, fields)  # noqa: E731
        self._set_busy(True, self.tr("Saving…"))
        operation = Operation(work).success(lambda changes: self._saved(changes, token))
        operation.failure(lambda error: self._save_failed(error, token)).run_in_background()

    def _saved(self, changes: Changes, token: int) -> None:
        self._set_busy(False, "")
        self._bus.publish(changes)
        if token != self._token:
            return
        if self._creating:
            self._turn_to(changes.new_id, self.tr("Loading…"))
            self._load(keep_edits=False)
            self.sig_customer_created.emit(changes.new_id)
        else:
            self._load(keep_edits=False)  # after the bus listener's refresh, so this one wins
        self.status.setText(self.tr("Saved."))

    def _save_failed(self, error: BaseException, token: int) -> None:
        self._set_busy(False, "")
        field = getattr(error, "field", None)
        inline = isinstance(error, ValidationError | DuplicateCustomerError) and token == self._token
        if inline and self.form.show_field_error(field, message_for(error)):
            self.status.setText(self.tr("Not saved: please correct the marked field."))
            self.form.focus_field(field)
        else:
            show_error(self, error)

    @Slot()
    def revert(self) -> None:
        """Throw away the unsaved edits."""
        if not self.revert_button.isEnabled():
            return
        self.form.load(None if self._creating else self._values)
        self.status.clear()

    @Slot()
    def delete_customer(self) -> None:
        """Delete the shown customer (soft) after the user confirms."""
        if not self.delete_button.isEnabled():
            return
        customer_id, name = self._customer_id, str(self._values.get("name") or "")
        question = self.tr(
            "Delete the customer %1? Their open reminders are cancelled; contact records are kept."
        ).replace("%1", name)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        answer = QMessageBox.question(
            self, self.tr("Delete customer"), question, buttons, QMessageBox.StandardButton.No
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._set_busy(True, self.tr("Deleting…"))
        operation = Operation(lambda: self._customers.delete(customer_id))
        operation.success(lambda changes: self._deleted(customer_id, changes))
        operation.failure(self._delete_failed).run_in_background()

    def _deleted(self, customer_id: str, changes: Changes) -> None:
        self._set_busy(False, "")
        if self._customer_id == customer_id:
            self.clear()
        self.sig_customer_deleted.emit(customer_id)
        self._bus.publish(changes)

    def _delete_failed(self, error: BaseException) -> None:
        self._set_busy(False, "")
        show_error(self, error)

    def _set_busy(self, busy: bool, status: str) -> None:
        self._busy = busy
        self.status.setText(status)
        if (self._customer_id is not None and not self._loading) or self._creating:
            self.form.setEnabled(not busy)
        self._update_actions()

    def _confirm_discard(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Unsaved changes"),
            self.tr("Discard the changes you have not saved?"),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
