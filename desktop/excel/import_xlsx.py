"""Reading one sheet of an .xlsx workbook for the import, and refusing what cannot be trusted.

The cells are read with python-calamine (50,000 rows in ~0.6 s against 5-6 s for openpyxl's
read-only mode, FINDINGS.md). Before that, the sheet's XML is looked at directly inside the zip:
its `<dimension ref>` says how far the sheet reaches without reading a million rows, and `<f>`
elements are formulas — calamine hands back a formula's cached value as if it were typed in, and
a copied-in sheet of formulas may hold stale or no values at all.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import python_calamine

from desktop.excel.import_source import EXCEL_MAX_ROWS, ImportFileError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DOC_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_HEAD_BYTES = 64 * 1024  # <dimension> comes before <sheetData>, within the first few hundred bytes
_CHUNK = 1 << 20
_OVERLAP = 512  # a cell's opening tag is far shorter: a formula split across chunks is still seen
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)(?::([A-Z]+)(\d+))?"')
_ANY_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})(\d+)"[^>]*>\s*<(?:\w+:)?f[\s>/]')
# What a damaged archive raises from zipfile, zlib and ElementTree (a compression method or zip
# version it does not know: NotImplementedError; an encrypted member: RuntimeError).
_DAMAGED = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    KeyError,
    ValueError,
    ElementTree.ParseError,
    NotImplementedError,
    RuntimeError,
    OSError,
)
_MAX_FORMULAS = 1000  # enough to name a few below the header, whatever is above it


@dataclass(frozen=True)
class SheetGrid:
    """A sheet's cells as calamine gives them (row i is sheet row i + 1) and what could spoil them."""

    name: str
    cells: list[list[object]]
    merged: list[tuple[int, int, int, int]]  # first row, first column, last row, last column (0-based)
    formulas: list[tuple[int, str]]  # (0-based row, "E6") of cells holding a formula


def read_sheet(path: Path, display_name: str, sheet: str | None) -> SheetGrid:
    """The sheet called `sheet` (default: the first) of the workbook at `path`, or ImportFileError."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive, display_name)
            name, part = _chosen(parts, sheet, display_name)
            _refuse_truncated(archive, part, name, display_name)
            formulas = _formula_cells(archive, part)
    except _DAMAGED as exc:
        raise ImportFileError("import_damaged", name=display_name, reason=type(exc).__name__) from exc
    cells, merged = _calamine_cells(path, name, display_name)
    if len(cells) >= EXCEL_MAX_ROWS:  # a sheet without (or with a wrong) <dimension>
        raise ImportFileError("import_truncated", name=display_name, sheet=name, rows=EXCEL_MAX_ROWS)
    return SheetGrid(name, cells, merged, formulas)


def _sheet_parts(archive: zipfile.ZipFile, display_name: str) -> list[tuple[str, str, bool]]:
    """(sheet name, zip member of its XML, visible) for every worksheet, in workbook order."""
    workbook = _office_document(archive)
    if workbook is None or not workbook.endswith(".xml"):  # a .docx, or an .xlsb (binary parts)
        raise ImportFileError("import_not_spreadsheet", name=display_name)
    folder = PurePosixPath(workbook).parent
    rels_path = str(folder / "_rels" / (PurePosixPath(workbook).name + ".rels"))
    targets = {
        rel.get("Id"): _member(folder, rel.get("Target", ""))
        for rel in ElementTree.fromstring(archive.read(rels_path)).iter(f"{_REL}Relationship")
    }
    root = ElementTree.fromstring(archive.read(workbook))
    parts = []
    for sheet in root.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_DOC_REL}id"))
        if target in archive.NameToInfo and "/worksheets/" in f"/{target}":  # not a chart sheet
            parts.append((sheet.get("name", ""), target, sheet.get("state", "visible") == "visible"))
    if not parts:
        raise ImportFileError("import_empty", name=display_name)
    return parts


def _office_document(archive: zipfile.ZipFile) -> str | None:
    if "xl/workbook.xml" in archive.NameToInfo:
        return "xl/workbook.xml"
    if "_rels/.rels" not in archive.NameToInfo:
        return None
    for rel in ElementTree.fromstring(archive.read("_rels/.rels")).iter(f"{_REL}Relationship"):
        if rel.get("Type", "").endswith("/officeDocument"):
            target = _member(PurePosixPath(""), rel.get("Target", ""))
            return target if target in archive.NameToInfo else None
    return None


def _member(folder: PurePosixPath, target: str) -> str:
    """A relationship target as a zip member name ("/xl/x.xml" is absolute, "x.xml" relative)."""
    if target.startswith("/"):
        return target.lstrip("/")
    parts: list[str] = []
    for piece in (folder / target).parts:
        if piece == "..":
            if parts:
                parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _chosen(parts: list[tuple[str, str, bool]], sheet: str | None, display_name: str) -> tuple[str, str]:
    """The sheet asked for, else the first one a user sees in Excel (hidden sheets skipped)."""
    for name, part, visible in parts:
        if name == sheet or (sheet is None and visible):
            return name, part
    if sheet is None:
        return parts[0][:2]
    names = "、".join(name for name, _, _ in parts)
    raise ImportFileError("import_sheet_missing", name=display_name, sheet=sheet, sheets=names)


def _refuse_truncated(archive: zipfile.ZipFile, part: str, sheet: str, display_name: str) -> None:
    """Refuse a sheet whose declared extent reaches Excel's last row — from its first bytes."""
    with archive.open(part) as stream:
        head = stream.read(_HEAD_BYTES)
    found = _DIMENSION.search(head)
    if found:
        last_row = int(found.group(4) or found.group(2))
        if last_row >= EXCEL_MAX_ROWS:
            raise ImportFileError("import_truncated", name=display_name, sheet=sheet, rows=EXCEL_MAX_ROWS)


def _formula_cells(archive: zipfile.ZipFile, part: str) -> list[tuple[int, str]]:
    """(0-based row, reference) of the cells holding a formula, scanning the XML in chunks."""
    found: dict[str, int] = {}
    tail = b""
    with archive.open(part) as stream:
        while len(found) < _MAX_FORMULAS:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            window = tail + chunk
            if _ANY_FORMULA.search(window):  # rare: only then look for the cells themselves
                for match in _FORMULA_CELL.finditer(window):
                    ref = (match.group(1) + match.group(2)).decode("ascii")
                    found.setdefault(ref, int(match.group(2)) - 1)
            tail = window[-_OVERLAP:]
    return sorted(
        ((row, ref) for ref, row in found.items()), key=lambda item: (item[0], len(item[1]), item[1])
    )


def _calamine_cells(path: Path, sheet: str, display_name: str) -> tuple[list[list[object]], list]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            grid = workbook.get_sheet_by_name(sheet)
            cells = grid.to_python(skip_empty_area=False)
            merged = [(r0, c0, r1, c1) for (r0, c0), (r1, c1) in grid.merged_cell_ranges or []]
        finally:
            workbook.close()
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:
        # A damaged file must end in a message, not a traceback: calamine raises its own error
        # types, and a panic in its Rust code arrives as pyo3's PanicException (a BaseException).
        raise ImportFileError("import_damaged", name=display_name, reason=type(exc).__name__) from exc
    return cells, merged
