"""The customer list as an Excel file: the list pane's filter and order, masked unless asked.

Rows stream through openpyxl's write-only mode a page at a time, so 100,000 customers never sit
in memory at once. The file appears only when complete (written beside it, then renamed), so a
cancel, a crash or a full disk leaves no half-written workbook. Every export is audited: who,
how many rows, masked or not, and with which filter.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from desktop import labels
from desktop.excel.cells import cell, header_cells, title_cell
from desktop.excel.workbook_file import close_sheets, save_whole
from storage.errors import BranchDeskError
from storage.masking import mask_id_number, mask_mobile
from storage.messages import label
from storage.services.customer_query import (
    EXPORT_COLUMNS,
    CustomerFilter,
    CustomerSort,
    customer_seqs,
    fetch_export_rows,
)
from storage.store import Store
from storage.timeutil import from_db_time, utc_now

PAGE = 1_000  # rows read per query: bounded memory, few round trips
WIDTHS = {"name": 12, "mobile": 14, "id_number": 21, "employer": 24, "tags": 24, "risk_flags": 18}
TIMES = {"last_contact_at", "next_revisit_at", "created_at"}


class ExportCancelled(BranchDeskError):
    code = "export_cancelled"


@dataclass(frozen=True)
class CustomerExport:
    """What an export wrote."""

    path: Path
    rows: int
    masked: bool


def export_customers(
    store: Store,
    path: Path,
    *,
    customer_filter: CustomerFilter | None = None,
    sort: CustomerSort = CustomerSort.NAME,
    descending: bool = False,
    unmasked: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> CustomerExport:
    """Write the customers matching `customer_filter`, in the list's order, to `path` (.xlsx).

    Mobiles and ID numbers are masked unless `unmasked` (which the audit trail records).
    `progress(done, total)` is called after each page; `cancelled()` returning True stops the
    export (ExportCancelled) and leaves no file.
    """
    path = Path(path)
    customer_filter = customer_filter or CustomerFilter()
    with store.read() as session:
        seqs = customer_seqs(session, customer_filter, sort, descending)
    columns = [*EXPORT_COLUMNS, "tags"]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(label("customer_list"))
    # Write-only sheets take panes, widths and the filter range before the first row (FINDINGS).
    sheet.freeze_panes = "A3"
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = WIDTHS.get(column, 13)
    sheet.auto_filter.ref = f"A2:{get_column_letter(len(columns))}{len(seqs) + 2}"
    stamp = datetime.now().strftime("%Y-%m-%d %H:%M")
    sheet.append([title_cell(sheet, f"{label('customer_list')} · {stamp}")])
    sheet.append(header_cells(sheet, [label(column) for column in columns]))
    words = _Words()
    written = 0
    try:
        for start in range(0, len(seqs), PAGE):
            if cancelled is not None and cancelled():
                raise ExportCancelled()
            with store.read() as session:
                rows = fetch_export_rows(session, seqs[start : start + PAGE])
            for row in rows:
                sheet.append([cell(sheet, value) for value in _shown(row, columns, words, unmasked)])
            written += len(rows)
            if progress is not None:
                progress(written, len(seqs))
        save_whole(workbook, path)
    except BaseException:
        close_sheets(workbook)  # the sheet's rows go to a temporary file: close it
        raise
    with store.write() as tx:
        tx.audit(
            "export.customers",
            rows=written,
            masked=not unmasked,
            file=path.name,
            filter={k: v for k, v in asdict(customer_filter).items() if v not in ("", (), None, False)},
        )
    return CustomerExport(path, written, not unmasked)


class _Words:
    """Code → wording, read once per export."""

    def __init__(self) -> None:
        self.by_column = {
            "gender": labels.gender_labels(),
            "tier": labels.tier_labels(),
            "lifecycle_stage": labels.lifecycle_labels(),
        }
        self.risks = labels.risk_flag_labels()
        self.yes = label("yes")


def _shown(row: tuple, columns: list[str], words: _Words, unmasked: bool) -> list[object]:
    values = dict(zip(columns, row, strict=True))
    if not unmasked:
        values["mobile"] = mask_mobile(values["mobile"])
        values["id_number"] = mask_id_number(values["id_number"])
    for column, names in words.by_column.items():
        values[column] = labels.label_of(names, values[column])
    values["risk_flags"] = "、".join(
        labels.label_of(words.risks, flag) for flag in (values["risk_flags"] or "").split(",") if flag
    )
    values["do_not_contact"] = words.yes if values["do_not_contact"] else ""
    for column in TIMES:
        if values[column]:
            values[column] = from_db_time(values[column])
    return [values[column] for column in columns]


def default_file_name(now: datetime | None = None) -> str:
    """'customers-2026-11-23.xlsx' (local date)."""
    return f"customers-{(now or utc_now()).astimezone():%Y-%m-%d}.xlsx"
