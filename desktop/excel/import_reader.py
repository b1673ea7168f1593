"""Reading a head-office file (.xlsx or CSV) into a header and rows of text, or a clear refusal.

Every way a file can be unusable ends in an `ImportFileError` with a translated message — never a
traceback: not a spreadsheet, password-protected, an old .xls, damaged, empty, no header, no rows,
cut off at Excel's last row, formulas, merged cells, a column header twice.

The header is the first row that names at least two known columns among the first few non-empty
rows (a list often starts with a title line such as "XX分行客户名单"), else the first non-empty row.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from openpyxl.utils import get_column_letter

from desktop.excel import import_csv, import_xlsx
from desktop.excel.import_headers import field_of_header, normalise_header
from desktop.excel.import_source import ImportFileError, ImportSource, NumberText

ZIP_MAGIC = b"PK\x03\x04"
# An OLE2 compound file: what Excel writes for a password-protected .xlsx (the encrypted package
# inside a CFB container), and also the old .xls format.
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
_ENCRYPTED_PACKAGE = "EncryptionInfo".encode("utf-16-le")  # a stream name in the CFB directory
CSV_SUFFIXES = {".csv", ".txt", ".tsv"}
_HEADER_SEARCH = 10  # non-empty rows looked at for the header
_CELLS_NAMED = 5  # cells named in a message about merged cells or formulas


def read_source(path: Path | str, *, sheet: str | None = None) -> ImportSource:
    """Read the head-office list at `path`: the sheet `sheet` of an .xlsx (default: the first one
    Excel shows), or a CSV file (UTF-8 with or without BOM, GB18030, UTF-16; comma, tab or ;)."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise ImportFileError(
            "import_open_failed", name=name, reason=exc.strerror or type(exc).__name__
        ) from exc
    if not magic:
        raise ImportFileError("import_empty", name=name)
    if magic == OLE2_MAGIC:
        raise ImportFileError(_ole2_problem(path), name=name)
    if magic.startswith(ZIP_MAGIC):
        return _from_workbook(path, sheet)
    if path.suffix.lower() in CSV_SUFFIXES:
        return _from_csv(path)
    raise ImportFileError("import_not_spreadsheet", name=name)


def _ole2_problem(path: Path) -> str:
    """Password-protected .xlsx, unless the file is a plain old .xls (named so, not encrypted)."""
    if path.suffix.lower() == ".xls" and _ENCRYPTED_PACKAGE not in path.read_bytes():
        return "import_old_xls"
    return "import_password"


def _from_workbook(path: Path, sheet: str | None) -> ImportSource:
    grid = import_xlsx.read_sheet(path, path.name, sheet)
    numbered = [(i + 1, row) for i, row in enumerate(grid.cells)]
    texts = [(number, [cell_text(value) for value in row]) for number, row in numbered]
    source = _table(path.name, texts, sheet=grid.name)
    _refuse_merged(grid.merged, source.header_row)
    _refuse_formulas(grid, source.header_row)
    return source


def _from_csv(path: Path) -> ImportSource:
    text, encoding = import_csv.decode(path.read_bytes(), path.name)
    if not text.strip():
        raise ImportFileError("import_empty", name=path.name)
    rows = (
        (number, [field or None for field in fields])
        for number, fields in import_csv.records(text, path.name)
    )
    return _table(path.name, rows, encoding=encoding)


def cell_text(value: object) -> str | None:
    """A calamine cell as text: numbers as Excel shows them (NumberText), dates as ISO text."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return NumberText(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        # 15 significant digits, as Excel itself shows a number: 1.10105199001011e+17
        return NumberText(f"{value:.15g}")
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ", "minutes")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _table(
    name: str,
    rows: Iterable[tuple[int, list[str | None]]],
    *,
    sheet: str | None = None,
    encoding: str | None = None,
) -> ImportSource:
    """Header and data rows from (sheet row number, cells) pairs; entirely empty rows are dropped."""
    filled = [(number, cells) for number, cells in rows if any(c is not None and c.strip() for c in cells)]
    if not filled:
        raise ImportFileError("import_empty", name=name)
    at = _header_position(filled, name)
    header_row, header_cells = filled[at]
    headers = [(cell or "").strip() for cell in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    _refuse_repeated_headers(headers)
    data = filled[at + 1 :]
    if not data:
        raise ImportFileError("import_no_rows", name=name)
    width = len(headers)
    return ImportSource(
        name=name,
        headers=headers,
        rows=[_fitted(cells, width) for _, cells in data],
        row_numbers=[number for number, _ in data],
        header_row=header_row,
        sheet=sheet,
        encoding=encoding,
    )


def _fitted(cells: list[str | None], width: int) -> list[str | None]:
    cells = [c if c is None or c.strip() else None for c in cells[:width]]
    return cells + [None] * (width - len(cells))


def _header_position(filled: list[tuple[int, list[str | None]]], name: str) -> int:
    for at, (_, cells) in enumerate(filled[:_HEADER_SEARCH]):
        if sum(1 for cell in cells if field_of_header(cell)) >= 2:
            return at
    first = filled[0][1]
    if any(_looks_like_data(cell) for cell in first):
        raise ImportFileError("import_no_header", name=name)
    return 0


def _looks_like_data(cell: str | None) -> bool:
    """A number, a date or a long run of digits: a value, not a column name."""
    if cell is None:
        return False
    if isinstance(cell, NumberText):
        return True
    digits = sum(ch.isdigit() for ch in cell)
    return digits >= 6 and digits >= len(cell.strip()) * 0.6


def _refuse_repeated_headers(headers: Sequence[str]) -> None:
    seen: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        if header:
            seen.setdefault(normalise_header(header) or header, []).append(index)
    for indexes in seen.values():
        if len(indexes) > 1:
            columns = "、".join(get_column_letter(i + 1) for i in indexes)
            raise ImportFileError("import_duplicate_header", header=headers[indexes[0]], columns=columns)


def _refuse_merged(merged: list[tuple[int, int, int, int]], header_row: int) -> None:
    """Merged cells in the header or below it; a merged title line above the header is fine."""
    header = header_row - 1
    in_header = [m for m in merged if m[0] <= header <= m[2]]
    below = [m for m in merged if m[0] > header]
    if in_header:
        raise ImportFileError("import_merged_header", cells=_ranges(in_header))
    if below:
        raise ImportFileError("import_merged_cells", cells=_ranges(below))


def _ranges(merged: list[tuple[int, int, int, int]]) -> str:
    shown = [
        f"{get_column_letter(c0 + 1)}{r0 + 1}:{get_column_letter(c1 + 1)}{r1 + 1}"
        for r0, c0, r1, c1 in sorted(merged)[:_CELLS_NAMED]
    ]
    return "、".join(shown) + ("…" if len(merged) > _CELLS_NAMED else "")


def _refuse_formulas(grid: import_xlsx.SheetGrid, header_row: int) -> None:
    """Formulas in the header or the rows (one in a title line above them is harmless)."""
    refs = [ref for row, ref in grid.formulas if row >= header_row - 1]
    if refs:
        shown = "、".join(refs[:_CELLS_NAMED]) + ("…" if len(refs) > _CELLS_NAMED else "")
        raise ImportFileError("import_formulas", sheet=grid.name, cells=shown)
