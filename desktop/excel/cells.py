"""Cell values an Excel file can hold safely: local dates, clean text, never a formula by accident.

Traps measured on this machine (FINDINGS.md): time-zone-aware datetimes raise in every writer;
control characters raise `IllegalCharacterError`; strings over 32,767 characters are cut without a
word; and a customer's text that starts with "=" would be stored as a formula (formula injection).
"""

from __future__ import annotations

from datetime import datetime

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from storage.timeutil import as_utc

MAX_TEXT = 32_767
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE7F3")
TITLE_FONT = Font(bold=True, size=13)


def local_datetime(value: datetime | None) -> datetime | None:
    """A stored (UTC) datetime as the naive local time Excel shows."""
    if value is None:
        return None
    return as_utc(value).astimezone().replace(tzinfo=None)


def clean_text(value: str | None) -> str | None:
    """Text without the control characters Excel refuses, cut to what a cell holds."""
    if value is None:
        return None
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_TEXT]


def cell(ws: Worksheet, value: object) -> object:
    """What to append for `value`: text stays text (even "=..."), dates and times get a date format.

    Plain values go as they are — a cell object per value would cost a third of a large export —
    and only text that would read as a formula gets a cell of its own. Dates stay dates.
    """
    if isinstance(value, datetime):
        # openpyxl gives date values a date format of its own (yyyy-mm-dd h:mm:ss); a cell object
        # with a format of ours per value cost more than the rest of the row.
        return local_datetime(value) if value.tzinfo else value
    if isinstance(value, str):
        text = clean_text(value)
        if not text.startswith("="):
            return text
        out = WriteOnlyCell(ws, value=text)
        out.data_type = "s"  # never a formula, whatever the text starts with
        return out
    return value


def _text_cell(ws: Worksheet, text: str) -> WriteOnlyCell:
    out = WriteOnlyCell(ws, value=clean_text(text))
    out.data_type = "s"
    return out


def header_cells(ws: Worksheet, titles: list[str]) -> list[WriteOnlyCell]:
    """A bold, shaded header row."""
    cells = []
    for title in titles:
        out = _text_cell(ws, title)
        out.font = HEADER_FONT
        out.fill = HEADER_FILL
        out.alignment = Alignment(vertical="center")
        cells.append(out)
    return cells


def styled(ws: Worksheet, value: object, number_format: str | None = None, *, bold: bool = False) -> object:
    """A cell with a number format (a percentage, a date) and/or bold; a value starting with "="
    here is a formula of ours — customer text goes through `cell()` instead."""
    out = WriteOnlyCell(ws, value=local_datetime(value) if isinstance(value, datetime) else value)
    if number_format:
        out.number_format = number_format
    if bold:
        out.font = HEADER_FONT
    return out


def print_across(ws: Worksheet) -> None:
    """Print landscape, one page wide: a wide table (or a chart) otherwise splits across pages."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as the rows need
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:2"


def title_cell(ws: Worksheet, text: str) -> WriteOnlyCell:
    """The sheet's title line (what it shows, for which week, when it was made)."""
    out = _text_cell(ws, text)
    out.font = TITLE_FONT
    return out
