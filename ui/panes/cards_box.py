"""The cards a customer holds: a compact table with Add / Edit / Remove through a small dialog."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QRegularExpression, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QRegularExpressionValidator, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Operation
from desktop.labels import card_status_labels, label_of
from storage.changes import Changes
from storage.models import Card
from storage.services.cards import CardService
from ui.errors import show_error
from ui.formatting import local_date_text
from ui.icons import icon
from ui.widgets.field_errors import FieldErrors
from ui.widgets.optional_date_time_edits import OptionalDateEdit
from ui.widgets.row_table import set_up_row_table

ROW_HEIGHT = 24


class CardDialog(QDialog):
    """Add or edit one card. Saving runs in the background; a bad field is shown in the dialog."""

    def __init__(
        self, cards: CardService, customer_id: str, card: Card | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._cards, self._customer_id, self._card = cards, customer_id, card
        self._busy = self._discarded = False
        self.changes: Changes | None = None
        self.setWindowTitle(self.tr("Edit card") if card else self.tr("Add card"))
        self._build()
        if card is not None:
            self._fill(card)

    def _build(self) -> None:
        self.product = QLineEdit(maxLength=50)
        self.last4 = QLineEdit(maxLength=4)
        self.last4.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,4}"), self))
        self.credit_limit = QSpinBox(minimum=-1, maximum=10_000_000, singleStep=1000)
        self.credit_limit.setSpecialValueText(self.tr("Not set"))
        self.credit_limit.setGroupSeparatorShown(True)
        self.credit_limit.setValue(-1)
        self.open_date, self.activation_date = OptionalDateEdit(), OptionalDateEdit()
        self.status = QComboBox()
        if self._card is None:
            self.status.addItem(self.tr("Automatic (from the activation date)"), None)
        for code, text in card_status_labels().items():
            self.status.addItem(text, code)
        self.errors = FieldErrors(general=True)
        form = QFormLayout()
        for key, text, widget in (
            ("product", self.tr("&Product:"), self.product),
            ("last4", self.tr("&Last four digits:"), self.last4),
            ("credit_limit", self.tr("Credit &limit (yuan):"), self.credit_limit),
            ("open_date", self.tr("&Open date:"), self.open_date),
            ("activation_date", self.tr("&Activation date:"), self.activation_date),
            ("status", self.tr("&Status:"), self.status),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, self.errors.wrap(key, widget))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.buttons)

    def _fill(self, card: Card) -> None:
        self.product.setText(card.product)
        self.last4.setText(card.last4)
        self.credit_limit.setValue(-1 if card.credit_limit is None else card.credit_limit)
        self.open_date.set_value(card.open_date)
        self.activation_date.set_value(card.activation_date)
        index = self.status.findData(card.status)
        self.status.setCurrentIndex(max(index, 0))

    def values(self) -> dict[str, object]:
        """The card's fields as entered."""
        fields = {
            "product": self.product.text(),
            "last4": self.last4.text(),
            "credit_limit": None if self.credit_limit.value() < 0 else self.credit_limit.value(),
            "open_date": self.open_date.value(),
            "activation_date": self.activation_date.value(),
        }
        if self.status.currentData() is not None:
            fields["status"] = self.status.currentData()
        return fields

    @Slot()
    def submit(self) -> None:
        """Save the card in the background; the dialog closes when it is saved."""
        if self._busy:
            return
        self.errors.clear()
        fields, card = self.values(), self._card
        if card is None:
            customer_id = self._customer_id
            work = lambda: self._cards.add(customer_id, fields)  # noqa: E731
        else:
            work = lambda: self._cards.update(card.id, fields)  # noqa: E731
        self._set_busy(True)
        Operation(work).success(self._saved).failure(self._failed).run_in_background()

    def discard(self) -> None:
        """Close at once, whatever is under way (the app locks or another customer is shown)."""
        self._discarded = True
        for edit in (self.product, self.last4):
            edit.clear()
        super().reject()

    def reject(self) -> None:
        if not self._busy:  # a write under way must report back before the dialog goes
            super().reject()

    def _saved(self, changes: Changes) -> None:
        if self._discarded:
            return
        self._set_busy(False)
        self.changes = changes
        self.accept()

    def _failed(self, error: BaseException) -> None:
        if self._discarded:
            return
        self._set_busy(False)
        self.errors.show_error(error)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.buttons.setEnabled(not busy)


class CardsBox(QGroupBox):
    """The customer's cards (product, last four, limit, dates, status) with Add / Edit / Remove."""

    sig_wrote = Signal(object)
    """A card was added, edited or removed; carries the write's `Changes`."""

    COLUMNS = 6

    def __init__(self, cards: CardService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Cards held"), parent)
        self._cards = cards
        self._customer_id: str | None = None
        self._rows: list[Card] = []
        self.dialog: CardDialog | None = None
        self._build()
        self.clear()

    def _build(self) -> None:
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Product"), self.tr("Last four"), self.tr("Credit limit"), self.tr("Opened"),
             self.tr("Activated"), self.tr("Status")]
        )  # fmt: skip
        set_up_row_table(self.table, ROW_HEIGHT)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(ROW_HEIGHT * 6)
        self.table.activated.connect(self.edit_card)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        QShortcut(
            QKeySequence.StandardKey.Delete, self.table, self.remove_card, Qt.ShortcutContext.WidgetShortcut
        )
        self.add_button = QPushButton(icon("add"), self.tr("Add &card"))
        self.edit_button = QPushButton(self.tr("&Edit card"))
        self.remove_button = QPushButton(icon("delete"), self.tr("Remo&ve card"))
        self.add_button.clicked.connect(self.add_card)
        self.edit_button.clicked.connect(self.edit_card)
        self.remove_button.clicked.connect(self.remove_card)
        self.hint = QLabel(wordWrap=True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_cards(self, customer_id: str, cards: list[Card]) -> None:
        """Show `cards` of the customer `customer_id`."""
        self._customer_id, self._rows = customer_id, list(cards)
        self.table.setRowCount(len(self._rows))
        for row, card in enumerate(self._rows):
            for column, text in enumerate(self._texts(card)):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.hint.setText("" if cards else self.tr("No cards recorded."))
        self.hint.setVisible(not cards)
        self.setEnabled(True)
        self._update_buttons()

    def clear(self, hint: str = "") -> None:
        """Show no cards (with an explanation such as "save the customer first")."""
        self._customer_id, self._rows = None, []
        if self.dialog is not None:
            self.dialog.discard()
        self.table.setRowCount(0)
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self.setEnabled(False)

    def card_ids(self) -> frozenset[str]:
        """Ids of the cards shown."""
        return frozenset(card.id for card in self._rows)

    def _texts(self, card: Card) -> list[str]:
        limit = "" if card.credit_limit is None else QLocale().toCurrencyString(card.credit_limit, "¥")
        status = label_of(card_status_labels(), card.status)
        return [card.product, card.last4, limit, local_date_text(card.open_date),
                local_date_text(card.activation_date), status]  # fmt: skip

    def _selected(self) -> Card | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self._selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    @Slot()
    def add_card(self) -> None:
        """Open the dialog for a new card."""
        self._open_dialog(None)

    @Slot()
    def edit_card(self) -> None:
        """Open the dialog for the selected card."""
        card = self._selected()
        if card is not None:
            self._open_dialog(card)

    def _open_dialog(self, card: Card | None) -> None:
        if self._customer_id is None or self.dialog is not None:
            return
        self.dialog = CardDialog(self._cards, self._customer_id, card, self)
        self.dialog.finished.connect(self._dialog_finished)
        self.dialog.open()

    def _dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
            if dialog.changes is not None:
                self.sig_wrote.emit(dialog.changes)

    @Slot()
    def remove_card(self) -> None:
        """Remove the selected card after confirmation."""
        card = self._selected()
        if card is None:
            return
        question = self.tr(
            "Remove the card %1 ending in %2? Only cards recorded by mistake should be removed."
        )
        answer = QMessageBox.question(
            self, self.tr("Remove card"), question.replace("%2", card.last4).replace("%1", card.product)
        )
        if answer == QMessageBox.StandardButton.Yes:
            operation = Operation(lambda: self._cards.remove(card.id)).success(self.sig_wrote.emit)
            operation.failure(lambda error: show_error(self, error)).run_in_background()
