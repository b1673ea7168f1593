"""The one way to set up a read-only table of records: whole rows, one at a time, fixed row heights."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def set_up_row_table(table: QTableView, row_height: int | None = None) -> None:
    """Select one whole row at a time, no editing in place, a hidden row header and every row
    `row_height` high (default: a line of text plus padding).

    Fixed heights on purpose: a row header in ResizeToContents mode reads every row of a big model
    (FINDINGS, Qt traps)."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    rows = table.verticalHeader()
    rows.hide()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(row_height or table.fontMetrics().height() + 10)
