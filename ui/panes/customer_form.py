"""The editable customer form of the detail pane: every field, the masked ID number and mobile, and
an inline error under each field."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from desktop import labels
from ui.formatting import local_datetime_text
from ui.widgets.field_errors import FieldErrors
from ui.widgets.masked_field import MaskedField, masked_id_field, masked_mobile_field
from ui.widgets.optional_date_time_edits import OptionalDateEdit, OptionalTimeEdit
from ui.widgets.risk_flags_box import RiskFlagsBox


class CustomerForm(QWidget):
    """Every editable customer field, with the values it was loaded with to tell what changed."""

    sig_edited = Signal()
    """A field changed (ask `has_changes()` whether anything differs from what was loaded)."""
    sig_reveal_requested = Signal(str)
    """The user asked to see the full "id_number" or "mobile"."""

    def __init__(self, id_shortcut: str, mobile_shortcut: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bindings: dict[str, tuple[QWidget, Callable[[], object], Callable[[object], None]]] = {}
        self._loaded: dict[str, object] = {}
        self._errors = FieldErrors()  # also knows each field's editor
        self._updating = False
        self.masked = {
            "id_number": masked_id_field(id_shortcut),
            "mobile": masked_mobile_field(mobile_shortcut),
        }
        for key, field in self.masked.items():
            field.sig_edited.connect(self._on_changed)
            field.sig_reveal_requested.connect(lambda key=key: self.sig_reveal_requested.emit(key))
        self.consent_date = QLabel(textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build()
        self.clear()

    # --- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        notes = QPlainTextEdit(tabChangesFocus=True)
        notes.setMaximumHeight(120)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, boxes in enumerate((self._left_groups(), self._right_groups())):
            for row, box in enumerate(boxes):
                grid.addWidget(box, row, column)
        grid.addWidget(self._group(self.tr("Notes"), [("notes", self.tr("No&tes:"), notes)]), 3, 0, 1, 2)

    def _left_groups(self) -> list[QGroupBox]:
        blank = self.tr("Not set")
        return [
            self._group(self.tr("Identity"), [
                ("name", self.tr("Na&me:"), QLineEdit(maxLength=50)),
                ("gender", self.tr("&Gender:"), _combo(labels.gender_labels(), blank)),
                ("birth_date", self.tr("&Birth date:"), OptionalDateEdit()),
                ("id_number", self.tr("&ID number:"), self.masked["id_number"]),
            ]),
            self._group(self.tr("Contact"), [
                ("mobile", self.tr("M&obile:"), self.masked["mobile"]),
                ("email", self.tr("E-mai&l:"), QLineEdit(maxLength=254)),
                ("wechat_id", self.tr("&WeChat ID:"), QLineEdit(maxLength=40)),
                ("address", self.tr("&Address:"), QLineEdit(maxLength=200)),
            ]),
            self._group(self.tr("Work"), [
                ("occupation", self.tr("Occ&upation:"), QLineEdit(maxLength=50)),
                ("employer", self.tr("Em&ployer:"), QLineEdit(maxLength=100)),
                ("income_band", self.tr("Income band:"), _combo(labels.income_band_labels(), blank)),
            ]),
        ]  # fmt: skip

    def _right_groups(self) -> list[QGroupBox]:
        blank = self.tr("Not set")
        per_week = QSpinBox(minimum=-1, maximum=50, specialValueText=self.tr("No limit"))
        return [
            self._group(self.tr("Relationship"), [
                ("tier", self.tr("&Tier:"), _combo(labels.tier_labels(), None)),
                ("lifecycle_stage", self.tr("Li&fecycle stage:"), _combo(labels.lifecycle_labels(), None)),
                ("preferred_channel", self.tr("Preferred c&hannel:"), _combo(labels.channel_labels(), blank)),
            ]),
            self._group(self.tr("Contact limits"), [
                ("do_not_contact", "", QCheckBox(self.tr("Do not contact (&X)"))),
                ("contact_hours_start", self.tr("Earliest contact time:"), OptionalTimeEdit()),
                ("contact_hours_end", self.tr("Latest contact time:"), OptionalTimeEdit()),
                ("max_contacts_per_week", self.tr("Contacts per week at most:"), per_week),
            ]),
            self._group(self.tr("Consent and risk"), [
                ("marketing_consent", "", QCheckBox(self.tr("Mar&keting consent given"))),
                ("marketing_consent_at", self.tr("Consent date:"), self.consent_date),
                ("risk_flags", self.tr("Risk flags:"), RiskFlagsBox()),
            ]),
        ]  # fmt: skip

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget.edit if isinstance(widget, MaskedField) else widget)
            form.addRow(label, self._errors.wrap(key, widget))
            if key not in self.masked and widget is not self.consent_date:
                self._bind(key, widget)
        return box

    def _bind(self, key: str, widget: QWidget) -> None:
        get, put, signal = _accessors(widget)
        signal.connect(self._on_changed)
        self._bindings[key] = (widget, get, put)

    # --- values ---------------------------------------------------------------------------------

    def load(self, values: Mapping[str, object] | None, *, keep_edits: bool = False) -> None:
        """Fill from `values` (ID number and mobile already masked); None gives an empty form for a
        new customer. With `keep_edits`, fields the user changed keep the user's value."""
        self._updating = True
        try:
            if values is None:
                self._fill_blank()
            else:
                self._fill(values, keep_edits)
        finally:
            self._updating = False
        if not keep_edits:
            self.clear_errors()
        self.setEnabled(True)
        self.sig_edited.emit()

    def _fill(self, values: Mapping[str, object], keep_edits: bool) -> None:
        for key, (_, get, put) in self._bindings.items():
            if keep_edits and get() != self._loaded.get(key):
                continue  # the user's unsaved edit stays
            put(values.get(key))
            self._loaded[key] = get()
        for key, field in self.masked.items():
            if not (keep_edits and field.has_edit()):
                field.set_masked(str(values.get(key) or ""), keep_reveal=keep_edits)
        when = values.get("marketing_consent_at")
        self.consent_date.setText(
            self.tr("Given on %1").replace("%1", local_datetime_text(when))
            if when
            else self.tr("Not recorded")
        )

    def _fill_blank(self) -> None:
        for _, _, put in self._bindings.values():
            put(None)
        _select(self._bindings["tier"][0], "standard")
        _select(self._bindings["lifecycle_stage"][0], "prospect")
        self._loaded = {key: get() for key, (_, get, _) in self._bindings.items()}
        for field in self.masked.values():
            field.set_plain()
        self.consent_date.setText(self.tr("Recorded when saved with consent"))
        self.clear_errors()

    def clear(self) -> None:
        """Drop every customer value from the widgets (the app locked, or nothing selected)."""
        self._updating = True
        try:
            for _, _, put in self._bindings.values():
                put(None)
            for field in self.masked.values():
                field.clear()
        finally:
            self._updating = False
        self._loaded = {key: get() for key, (_, get, _) in self._bindings.items()}
        self.consent_date.clear()
        self.clear_errors()
        self.setEnabled(False)

    def changed_fields(self) -> dict[str, object]:
        """The fields whose value differs from what was loaded."""
        changed = {
            key: get() for key, (_, get, _) in self._bindings.items() if get() != self._loaded.get(key)
        }
        changed.update({key: f.edited_value() for key, f in self.masked.items() if f.has_edit()})
        return changed

    def new_fields(self) -> dict[str, object]:
        """Every filled-in field, for creating a customer."""
        fields = {key: get() for key, (_, get, _) in self._bindings.items() if get() not in (None, "")}
        fields.update({key: f.edited_value() for key, f in self.masked.items() if f.has_edit()})
        return fields

    def has_changes(self) -> bool:
        """Whether anything differs from what was loaded."""
        return bool(self.changed_fields())

    def editor(self, key: str) -> QWidget:
        """The widget that edits `key` (a MaskedField for the ID number and mobile)."""
        return self._errors.fields[key]

    # --- errors ---------------------------------------------------------------------------------

    def show_field_error(self, key: str, message: str) -> bool:
        """Show `message` under the field `key`; False when there is no such field here."""
        return self._errors.show(key, message)

    def error_text(self, key: str) -> str:
        """The error shown under `key` ('' when none)."""
        return self._errors.text(key)

    def clear_errors(self) -> None:
        """Hide every field error."""
        self._errors.clear()

    def focus_field(self, key: str) -> None:
        """Put the keyboard focus on the field `key` (for a masked one: its Show button or text)."""
        widget = self.editor(key)
        if isinstance(widget, MaskedField):
            masked = widget.show_button.isVisible() and not widget.is_revealed()
            widget = widget.show_button if masked else widget.edit
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_changed(self) -> None:
        if not self._updating:
            self.sig_edited.emit()


def _accessors(widget: QWidget) -> tuple[Callable[[], object], Callable[[object], None], object]:
    """How to read, write and watch one editor: (get, put, changed signal)."""
    if isinstance(widget, QLineEdit):
        return (
            (lambda: widget.text().strip() or None),
            (lambda v: widget.setText("" if v is None else str(v))),
            widget.textChanged,
        )
    if isinstance(widget, QPlainTextEdit):
        return (
            (lambda: widget.toPlainText().strip() or None),
            (lambda v: widget.setPlainText(v or "")),
            widget.textChanged,
        )
    if isinstance(widget, QComboBox):
        return widget.currentData, (lambda v: _select(widget, v)), widget.currentIndexChanged
    if isinstance(widget, QCheckBox):
        return widget.isChecked, (lambda v: widget.setChecked(bool(v))), widget.toggled
    if isinstance(widget, QSpinBox):  # its lowest value, -1, means "not set"
        return (
            (lambda: None if widget.value() < 0 else widget.value()),
            (lambda v: widget.setValue(-1 if v is None else int(v))),
            widget.valueChanged,
        )
    # OptionalDateEdit, OptionalTimeEdit, RiskFlagsBox
    signal = widget.sig_changed if isinstance(widget, RiskFlagsBox) else widget.dateTimeChanged
    return widget.value, widget.set_value, signal


def _combo(choices: Mapping[str, str], blank: str | None) -> QComboBox:
    box = QComboBox()
    if blank is not None:
        box.addItem(blank, None)
    for code, text in choices.items():
        box.addItem(text, code)
    return box


def _select(box: QComboBox, code: object) -> None:
    if code and box.findData(code) < 0:
        box.addItem(str(code), code)  # a code this version has no label for: keep it, don't lose it
    box.setCurrentIndex(max(box.findData(code), 0) if code else 0)
