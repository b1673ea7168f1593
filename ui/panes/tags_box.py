"""A customer's tags as removable chips, and a line edit with completion to add one."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.background import Operation
from storage.errors import ValidationError
from storage.services.tags import TagService
from ui.errors import message_for, show_error
from ui.icons import icon
from ui.widgets.field_errors import error_label, show_error_text
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.keys import CLEAR_KEYS


class TagChip(QToolButton):
    """One tag; pressing it (click, Space, Delete or Backspace) removes the tag from the customer."""

    sig_remove_requested = Signal(str)
    """The user asked to take this tag (its id) off the customer."""

    def __init__(self, tag_id: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tag_id, self.name = tag_id, name
        self.setText(name + "  ×")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        removal = self.tr("Remove tag %1").replace("%1", name)
        self.setToolTip(removal)
        self.setAccessibleName(removal)
        self.clicked.connect(lambda: self.sig_remove_requested.emit(self.tag_id))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in CLEAR_KEYS:
            self.sig_remove_requested.emit(self.tag_id)
            return
        super().keyPressEvent(event)


class TagsBox(QGroupBox):
    """The customer's tags: chips to remove, a completing line edit to add (Enter adds)."""

    sig_wrote = Signal(object)
    """A tag was added or removed; carries the write's `Changes`."""

    def __init__(self, tags: TagService, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tags"), parent)
        self._tags = tags
        self._customer_id: str | None = None
        self.chips: list[TagChip] = []
        self._build()
        self.clear()

    def _build(self) -> None:
        self._chip_area = QWidget()
        self._flow = FlowLayout(self._chip_area)
        self.empty = QLabel(self.tr("No tags yet."))
        self.edit = QLineEdit(maxLength=20, placeholderText=self.tr("Type a tag and press Enter"))
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        self.edit.returnPressed.connect(self.add_tag)
        self.add_button = QPushButton(icon("tag"), self.tr("Add"))
        self.add_button.clicked.connect(self.add_tag)
        label = QLabel(self.tr("Add &tag:"))
        label.setBuddy(self.edit)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.edit, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self._chip_area)
        layout.addLayout(row)
        layout.addWidget(self.error)

    def set_tags(self, customer_id: str, tags: list[tuple[str, str]], all_names: list[str]) -> None:
        """Show the customer's `tags` (id, name); offer `all_names` not on them for completion."""
        self._customer_id = customer_id
        self._replace_chips(tags)
        current = {name for _, name in tags}
        self.names.setStringList([name for name in all_names if name not in current])
        self.setEnabled(True)

    def clear(self, hint: str = "") -> None:
        """Show no tags (with an explanation such as "save the customer first")."""
        self._customer_id = None
        self._replace_chips([])
        self.names.setStringList([])
        self.edit.clear()
        self.error.hide()
        if hint:
            self.empty.setText(hint)
        self.setEnabled(False)

    def tag_names(self) -> list[str]:
        """Names of the tags shown."""
        return [chip.name for chip in self.chips]

    def _replace_chips(self, tags: list[tuple[str, str]]) -> None:
        focused = next((chip.tag_id for chip in self.chips if chip.hasFocus()), None)
        for chip in self.chips:
            self._flow.removeWidget(chip)
            chip.hide()
            chip.deleteLater()
        self.chips = [TagChip(tag_id, name, self._chip_area) for tag_id, name in tags]
        for chip in self.chips:
            chip.sig_remove_requested.connect(self.remove_tag)
            self._flow.addWidget(chip)
            chip.show()
        self.empty.setText(self.tr("No tags yet."))
        self.empty.setVisible(not tags)
        if focused is not None:  # keyboard users keep their place after removing one
            self.edit.setFocus()

    @Slot()
    def add_tag(self) -> None:
        """Put the typed tag on the customer (in the background)."""
        name, customer_id = self.edit.text().strip(), self._customer_id
        if not name or customer_id is None:
            return
        self.error.hide()
        operation = Operation(lambda: self._tags.add(customer_id, name)).success(self._added)
        operation.failure(self._failed).run_in_background()

    @Slot(str)
    def remove_tag(self, tag_id: str) -> None:
        """Take the tag `tag_id` off the customer (in the background)."""
        customer_id = self._customer_id
        if customer_id is None:
            return
        operation = Operation(lambda: self._tags.remove(customer_id, tag_id)).success(self.sig_wrote.emit)
        operation.failure(self._failed).run_in_background()

    def _added(self, changes: object) -> None:
        self.edit.clear()
        self.sig_wrote.emit(changes)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, ValidationError):
            show_error_text(self.error, message_for(error))
        else:
            show_error(self, error)
