"""The import report: a workbook with the counts and every row that was not imported, and why.

ID numbers and mobiles in it are masked: the report is passed around to fix the file, and the
row number says which line to fix. Cell text goes through `cells.cell()`, so a name that starts
with "=" stays text. The file appears only when complete (written beside it, then renamed).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from desktop.excel.cells import cell, header_cells, title_cell
from desktop.excel.customer_import import ImportResult
from desktop.excel.import_plan import ImportPlan
from desktop.excel.workbook_file import close_sheets, save_whole
from storage.masking import mask_id_number, mask_mobile
from storage.messages import label

_PROBLEM_COLUMNS = ("import_row", "import_column", "import_reason", "name", "id_number", "mobile")
_WIDTHS = (8, 16, 60, 12, 21, 14)


def write_report(path: Path | str, outcome: ImportPlan | ImportResult) -> Path:
    """Write the report of a plan (a dry run) or of an applied import to `path` (.xlsx)."""
    path = Path(path)
    workbook = Workbook(write_only=True)
    try:
        _summary_sheet(workbook, outcome)
        _problems_sheet(workbook, outcome)
        save_whole(workbook, path)
    except BaseException:
        close_sheets(workbook)
        raise
    return path


def _summary_sheet(workbook: Workbook, outcome: ImportPlan | ImportResult) -> None:
    sheet = workbook.create_sheet(label("import_summary"))
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 40
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    sheet.append([title_cell(sheet, f"{label('import_title')} · {stamp}")])
    if outcome.dry_run:
        sheet.append([title_cell(sheet, label("import_dry_run"))])
    sheet.append([])
    lines = [
        ("import_file", outcome.source_name),
        ("import_sheet", outcome.sheet or ""),
        ("import_created", outcome.created),
        ("import_updated", outcome.updated),
        ("import_unchanged", outcome.unchanged),
        ("import_rejected", outcome.rejected),
        ("import_unmapped", "、".join(outcome.unmapped)),
    ]
    for key, value in lines:
        sheet.append([*header_cells(sheet, [label(key)]), cell(sheet, value)])


def _problems_sheet(workbook: Workbook, outcome: ImportPlan | ImportResult) -> None:
    sheet = workbook.create_sheet(label("import_rejected_rows"))
    # Write-only sheets take panes and widths before the first row (FINDINGS.md).
    sheet.freeze_panes = "A2"
    for number, width in enumerate(_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = width
    sheet.append(header_cells(sheet, [label(key) for key in _PROBLEM_COLUMNS]))
    for problem in outcome.problems:
        field = label(problem.field) if problem.field else ""
        where = f"{problem.column}（{field}）" if problem.column and problem.column != field else field
        values = [
            problem.row,
            where,
            problem.reason(),
            problem.name or "",
            mask_id_number((problem.id_number or "").strip()),
            mask_mobile((problem.mobile or "").strip()),
        ]
        sheet.append([cell(sheet, value) for value in values])
