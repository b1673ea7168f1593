"""What a head-office file holds once read: its header and rows as text, with their sheet row numbers."""

from __future__ import annotations

from dataclasses import dataclass

from storage.errors import BranchDeskError

# Excel's last row: a sheet that reaches it was almost surely cut off when it was made.
EXCEL_MAX_ROWS = 1_048_576


class ImportFileError(BranchDeskError):
    """A file that cannot be imported as it is; the message says why and what to do about it."""


class NumberText(str):
    """The text of a cell Excel stored as a number (shown as Excel shows it, 15 significant digits).

    It stays text like any other cell, but the import can tell: an ID number that arrived as a
    number has lost its last digits, and card digits their leading zeros.
    """

    __slots__ = ()


@dataclass(frozen=True)
class ImportSource:
    """A head-office list as read: `rows[i]` is sheet row `row_numbers[i]` (1-based, as Excel shows).

    Cells are text or None (empty); dates are ISO text ("2024-03-05"). Rows that are entirely
    empty are left out. `encoding` is the one detected for a CSV file (None for a workbook).
    """

    name: str
    headers: list[str]
    rows: list[list[str | None]]
    row_numbers: list[int]
    header_row: int
    sheet: str | None = None
    encoding: str | None = None

    def __len__(self) -> int:
        return len(self.rows)
