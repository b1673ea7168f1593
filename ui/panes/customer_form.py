"""The editable customer form of the detail pane: every field, the masked ID number and mobile, and
an inline error under each field."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, QObject, Qt, QTime, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.background import LatestOnly, Operation
from storage.masking import mask_id_number, mask_mobile
from ui import labels
from ui.icons import icon

ERROR_STYLE = "color: #b3261e;"  # the text itself and a warning sign carry the meaning too
_CLEAR_KEYS = (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)


class _KeptOperation(Operation):
    """An Operation that holds itself in `kept` until its outcome (current or superseded) has reached
    the GUI thread.

    Workaround: `desktop/background.py` connects its relay to the Operation's bound `_deliver`, which
    PySide references only weakly, so an Operation nobody holds is collected before it delivers (and
    one collected while its worker emits can crash). Drop this once background.py keeps it alive.
    """

    def __init__(self, work: Callable[[], object], kept: set[Operation]) -> None:
        super().__init__(work)
        self._kept = kept
        kept.add(self)

    @Slot(object, object)
    def _deliver(self, result: object, error: BaseException | None) -> None:
        try:
            super()._deliver(result, error)
        finally:  # let go only after this delivery has completely finished
            QTimer.singleShot(0, lambda: self._kept.discard(self))


def run_kept(
    kept: set[Operation],
    work: Callable[[], object],
    done: Callable[[object], None],
    failed: Callable[[BaseException], None],
    *,
    latest: LatestOnly | None = None,
) -> None:
    """Run `work` in the background (through the `latest` slot if given), with `done(result)` or
    `failed(error)` on the GUI thread; `kept` holds the Operation until then."""
    op = _KeptOperation(work, kept).success(done).failure(failed)
    if latest is not None:
        latest.run(op)
    else:
        op.run_in_background()


def date_display_format() -> str:
    """The locale's short date format, always with a four-digit year."""
    fmt = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def local_datetime_text(value: datetime | None) -> str:
    """An aware UTC datetime as the locale's short local date and time ('' for None)."""
    if value is None:
        return ""
    shown = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    return QLocale().toString(shown, QLocale.FormatType.ShortFormat)


def error_label() -> QLabel:
    """A hidden, word-wrapped label for a field's error message."""
    label = QLabel(wordWrap=True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def show_error_text(label: QLabel, message: str) -> None:
    """Show `message` in an error label, with a warning sign so colour is not the only signal."""
    label.setText("⚠ " + message)
    label.show()


class OptionalDateEdit(QDateEdit):
    """A date editor whose lowest value means "no date"; Delete or Backspace on it clears it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat(date_display_format())
        self.setMinimumDate(QDate(1899, 12, 31))  # the day before any date the services accept
        self.setSpecialValueText(self.tr("Not set"))
        self.set_value(None)

    def value(self) -> date | None:
        """The chosen date, or None."""
        return None if self.date() == self.minimumDate() else self.date().toPython()

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: empty)."""
        self.setDate(QDate(value) if value else self.minimumDate())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CLEAR_KEYS and self.lineEdit().selectedText() == self.lineEdit().text():
            self.set_value(None)
            return
        super().keyPressEvent(event)


class OptionalTimeEdit(QTimeEdit):
    """A time-of-day editor (HH:mm); its lowest value, 00:00, means "not set"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat("HH:mm")
        self.setMinimumTime(QTime(0, 0))
        self.setSpecialValueText(self.tr("Not set"))

    def value(self) -> str | None:
        """The time as 'HH:MM', or None."""
        return None if self.time() == self.minimumTime() else self.time().toString("HH:mm")

    def set_value(self, value: str | None) -> None:
        """Show 'HH:MM' (None: not set)."""
        self.setTime(QTime.fromString(value, "HH:mm") if value else self.minimumTime())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _CLEAR_KEYS and self.lineEdit().selectedText() == self.lineEdit().text():
            self.set_value(None)
            return
        super().keyPressEvent(event)


class MaskedField(QWidget):
    """The ID number or mobile: masked and read-only until revealed, then editable for a while.

    The full stored value is only held while it is shown; an edit made while shown is kept (and
    shown masked) after the field masks itself again. No full value goes into a tooltip or a log.
    """

    sig_reveal_requested = Signal()
    """The user asked to see the full value (the pane fetches it; that is audited)."""
    sig_edited = Signal()
    """The user changed the value."""

    def __init__(self, mask: Callable[[str | None], str], shortcut_text: str, parent=None) -> None:
        super().__init__(parent)
        self._mask, self._shortcut_text = mask, shortcut_text
        self._plain = False  # creating a customer: nothing stored to hide
        self._masked = ""
        self._revealed: str | None = None  # the stored full value while it is shown
        self._edit: str | None = None
        self._has_edit = self._updating = False
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.mask)
        self.edit = QLineEdit()
        self.edit.installEventFilter(self)
        self.edit.textChanged.connect(self._on_text)
        self.show_button = QPushButton(icon("reveal"), "")
        self.show_button.clicked.connect(self.toggle)
        self.hint = QLabel(wordWrap=True)
        self.hint.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.show_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.clear()

    def is_revealed(self) -> bool:
        """Whether the full value (or the pending edit) is on screen."""
        return self._timer.isActive()

    def has_edit(self) -> bool:
        """Whether the user changed the value."""
        return bool(self.edit.text().strip()) if self._plain else self._has_edit

    def edited_value(self) -> str | None:
        """The value the user typed (None: cleared)."""
        text = self.edit.text() if self._plain else (self._edit or "")
        return text.strip() or None

    def clear(self) -> None:
        """No customer: empty and disabled."""
        self._reset(plain=False, masked="")
        self.show_button.setEnabled(False)

    def set_plain(self) -> None:
        """Empty and editable, nothing to reveal (a new customer, or none stored)."""
        self._reset(plain=True, masked="")
        self.edit.setReadOnly(False)
        self.edit.setToolTip("")
        self.show_button.hide()

    def set_masked(self, masked: str, *, keep_reveal: bool = False) -> None:
        """Show a stored value masked; with `keep_reveal`, a value still shown and unchanged stays."""
        if not masked:  # nothing stored, nothing to hide: type it straight in
            self.set_plain()
        elif not (keep_reveal and self.is_revealed() and masked == self._masked and not self._plain):
            self._reset(plain=False, masked=masked)
            self.show_button.setEnabled(True)

    def reveal(self, value: str | None, seconds: float) -> None:
        """Show the full stored `value` (None: the pending edit) for `seconds`, editable."""
        if value is not None:
            self._revealed = value
        self._set_text((self._edit or "") if self._has_edit else (value or ""))
        self.edit.setReadOnly(False)
        self.hint.hide()
        self.show_button.setText(self.tr("Hide"))
        self._timer.start(int(seconds * 1000))

    @Slot()
    def mask(self) -> None:
        """Hide the full value again (a pending edit is kept, shown masked)."""
        self._timer.stop()
        self._revealed = None
        self._set_text(self._mask(self._edit) if self._has_edit else self._masked)
        self.edit.setReadOnly(not self._plain)
        self.show_button.setText(self.tr("Show"))

    @Slot()
    def toggle(self) -> None:
        """Show (asks the pane) or hide the full value."""
        if self._plain or not self.show_button.isEnabled():
            return
        if self.is_revealed():
            self.mask()
        else:
            self.sig_reveal_requested.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and self._is_typing_into_mask(event):
            text = self.tr("Masked. Press Show (%1) to see and edit it.")
            self.hint.setText(text.replace("%1", self._shortcut_text))
            self.hint.show()
        return super().eventFilter(watched, event)

    def _is_typing_into_mask(self, event: QEvent) -> bool:
        if self._plain or self.is_revealed() or not self.show_button.isEnabled():
            return False
        typing = event.type() == QEvent.Type.KeyPress
        return typing and (bool(event.text().strip()) or event.key() in _CLEAR_KEYS)

    def _reset(self, *, plain: bool, masked: str) -> None:
        self._timer.stop()
        self._plain, self._masked, self._revealed = plain, masked, None
        self._edit, self._has_edit = None, False
        self._set_text(masked)
        self.edit.setReadOnly(not plain)
        self.edit.setToolTip(
            self.tr("Masked. Use Show (%1) to see and edit it.").replace("%1", self._shortcut_text)
        )
        self.show_button.setText(self.tr("Show"))
        self.show_button.setToolTip(
            self.tr("Show the full value for a short time (%1); this is recorded in the audit log.").replace(
                "%1", self._shortcut_text
            )
        )
        self.show_button.setVisible(not plain)
        self.hint.hide()

    def _set_text(self, text: str) -> None:
        self._updating = True
        try:
            self.edit.setText(text)
        finally:
            self._updating = False

    def _on_text(self, text: str) -> None:
        if self._updating:
            return
        if not self._plain and self.is_revealed():
            self._edit = text
            self._has_edit = self._has_edit if self._revealed is None else text != self._revealed
        self.sig_edited.emit()


def masked_id_field(shortcut_text: str) -> MaskedField:
    """The ID number field."""
    field = MaskedField(mask_id_number, shortcut_text)
    field.edit.setMaxLength(18)
    return field


def masked_mobile_field(shortcut_text: str) -> MaskedField:
    """The mobile field."""
    field = MaskedField(mask_mobile, shortcut_text)
    field.edit.setMaxLength(20)  # room for a +86 prefix and spaces; the service normalises it
    return field


class RiskFlagsBox(QWidget):
    """One checkbox per risk flag; the value is the sorted comma-separated codes."""

    sig_changed = Signal()
    """A flag was checked or unchecked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code, text in labels.risk_flag_labels().items():
            box = QCheckBox(text)
            box.setIcon(icon("risk"))
            box.toggled.connect(self.sig_changed)
            layout.addWidget(box)
            self.boxes[code] = box

    def value(self) -> str:
        """The checked flags."""
        return ",".join(sorted(code for code, box in self.boxes.items() if box.isChecked()))

    def set_value(self, value: str | None) -> None:
        """Check exactly the flags in `value`."""
        codes = set((value or "").split(","))
        for code, box in self.boxes.items():
            box.setChecked(code in codes)


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
        self._errors: dict[str, QLabel] = {}
        self._editors: dict[str, QWidget] = {}
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
        t, blank = self.tr, self.tr("Not set")
        return [
            self._group(t("Identity"), [
                ("name", t("Na&me:"), QLineEdit(maxLength=50)),
                ("gender", t("&Gender:"), _combo(labels.gender_labels(), blank)),
                ("birth_date", t("&Birth date:"), OptionalDateEdit()),
                ("id_number", t("&ID number:"), self.masked["id_number"]),
            ]),
            self._group(t("Contact"), [
                ("mobile", t("M&obile:"), self.masked["mobile"]),
                ("email", t("E-mai&l:"), QLineEdit(maxLength=254)),
                ("wechat_id", t("&WeChat ID:"), QLineEdit(maxLength=40)),
                ("address", t("&Address:"), QLineEdit(maxLength=200)),
            ]),
            self._group(t("Work"), [
                ("occupation", t("Occ&upation:"), QLineEdit(maxLength=50)),
                ("employer", t("Em&ployer:"), QLineEdit(maxLength=100)),
                ("income_band", t("Income band:"), _combo(labels.income_band_labels(), blank)),
            ]),
        ]  # fmt: skip

    def _right_groups(self) -> list[QGroupBox]:
        t, blank = self.tr, self.tr("Not set")
        per_week = QSpinBox(minimum=-1, maximum=50, specialValueText=t("No limit"))
        return [
            self._group(t("Relationship"), [
                ("tier", t("&Tier:"), _combo(labels.tier_labels(), None)),
                ("lifecycle_stage", t("Li&fecycle stage:"), _combo(labels.lifecycle_labels(), None)),
                ("preferred_channel", t("Preferred c&hannel:"), _combo(labels.channel_labels(), blank)),
            ]),
            self._group(t("Contact limits"), [
                ("do_not_contact", "", QCheckBox(t("Do not contact (&X)"))),
                ("contact_hours_start", t("Earliest contact time:"), OptionalTimeEdit()),
                ("contact_hours_end", t("Latest contact time:"), OptionalTimeEdit()),
                ("max_contacts_per_week", t("Contacts per week at most:"), per_week),
            ]),
            self._group(t("Consent and risk"), [
                ("marketing_consent", "", QCheckBox(t("Mar&keting consent given"))),
                ("marketing_consent_at", t("Consent date:"), self.consent_date),
                ("risk_flags", t("Risk flags:"), RiskFlagsBox()),
            ]),
        ]  # fmt: skip

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        form = QFormLayout(box)
        for key, text, widget in rows:
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            self._errors[key] = error_label()
            self._editors[key] = widget
            column.addWidget(self._errors[key])
            label = QLabel(text)
            label.setBuddy(widget.edit if isinstance(widget, MaskedField) else widget)
            form.addRow(label, holder)
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
        return self._editors[key]

    # --- errors ---------------------------------------------------------------------------------

    def show_field_error(self, key: str, message: str) -> bool:
        """Show `message` under the field `key`; False when there is no such field here."""
        label = self._errors.get(key)
        if label is None:
            return False
        show_error_text(label, message)
        self.editor(key).setAccessibleDescription(message)
        return True

    def error_text(self, key: str) -> str:
        """The error shown under `key` ('' when none)."""
        label = self._errors[key]
        return label.text() if label.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        """Hide every field error."""
        for key, label in self._errors.items():
            label.clear()
            label.hide()
            self.editor(key).setAccessibleDescription("")

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
