"""The weekly review's Summary sheet: one row per manager, a total row, and the week against the
one before. Totals, sums and rates are Excel formulas, so the sheet stays right when a supervisor
edits a figure; the counts themselves are values.

Layout: row 1 title, row 2 column groups, row 3 headers, then a row per manager, then the total.
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop import labels
from desktop.excel.cells import HEADER_FILL, cell, header_cells, styled, title_cell
from desktop.excel.review_words import word
from storage.services.weekly_figures import CHANNELS, PURPOSES, ManagerWeek

PERCENT, DECIMAL = "0.0%", "0.00"
FIRST_ROW = 4  # the first manager's row


@dataclass(frozen=True)
class Column:
    key: str  # a ManagerWeek attribute, "channel:<code>" or "purpose:<code>"
    header: str
    group: str = ""


def summary_columns() -> list[Column]:
    """The Summary's columns, in order (A = the manager)."""
    channels, purposes = labels.channel_labels(), labels.purpose_labels()
    return [
        Column("manager", word("manager")),
        Column("contacts", word("contacts"), word("group_contacts")),
        *(
            Column(f"channel:{c}", channels[c], word("group_channel") if i == 0 else "")
            for i, c in enumerate(CHANNELS)
        ),
        *(
            Column(f"purpose:{p}", purposes[p], word("group_purpose") if i == 0 else "")
            for i, p in enumerate(PURPOSES)
        ),
        Column("customers_contacted", word("customers_contacted")),
        Column("revisits_due", word("revisits_due"), word("group_revisits")),
        Column("revisits_on_time", word("revisits_on_time")),
        Column("revisits_late", word("revisits_late")),
        Column("revisits_overdue", word("revisits_overdue")),
        Column("revisits_not_yet_due", word("revisits_not_yet_due")),
        Column("on_time_rate", word("on_time_rate")),
        Column("new_customers", word("new_customers"), word("group_book")),
        Column("cards_activated", word("cards_activated")),
        Column("complaints", word("complaints"), word("group_complaints")),
        Column("complaints_followed_up", word("complaints_followed_up")),
        Column("follow_up_rate", word("follow_up_rate")),
        Column("rated_calls", word("rated_calls"), word("group_satisfaction")),
        Column("average_satisfaction", word("average_satisfaction")),
        Column("not_contacted", word("not_contacted")),
    ]


class SummaryLayout:
    """Where each column and row of the Summary is, so formulas can refer to them."""

    def __init__(self, columns: list[Column], managers: int) -> None:
        self.columns = columns
        self.letter = {c.key: get_column_letter(n) for n, c in enumerate(columns, start=1)}
        self.last_manager_row = FIRST_ROW + managers - 1
        self.total_row = FIRST_ROW + managers

    def span(self, first: str, last: str, row: int) -> str:
        return f"{self.letter[first]}{row}:{self.letter[last]}{row}"

    def down(self, key: str) -> str:
        """The column's manager rows, e.g. C4:C9."""
        letter = self.letter[key]
        return f"{letter}{FIRST_ROW}:{letter}{self.last_manager_row}"

    def formula(self, key: str, row: int) -> str | None:
        """The formula a row holds in column `key` (None: the column holds a value)."""
        at = {k: f"{letter}{row}" for k, letter in self.letter.items()}
        if key == "contacts":
            return f"=SUM({self.span(f'channel:{CHANNELS[0]}', f'channel:{CHANNELS[-1]}', row)})"
        if key == "revisits_due":
            return f"=SUM({self.span('revisits_on_time', 'revisits_not_yet_due', row)})"
        if key == "on_time_rate":
            decided = f"({at['revisits_on_time']}+{at['revisits_late']}+{at['revisits_overdue']})"
            return f'=IF({decided}=0,"",{at["revisits_on_time"]}/{decided})'
        if key == "follow_up_rate":
            return f'=IF({at["complaints"]}=0,"",{at["complaints_followed_up"]}/{at["complaints"]})'
        if row == self.total_row and key == "average_satisfaction":
            rated, average = self.down("rated_calls"), self.down("average_satisfaction")
            return f'=IF(SUM({rated})=0,"",SUMPRODUCT({rated},{average})/SUM({rated}))'
        if row == self.total_row and key != "manager":
            return f"=SUM({self.down(key)})"
        return None


NUMBER_FORMATS = {"on_time_rate": PERCENT, "follow_up_rate": PERCENT, "average_satisfaction": DECIMAL}


def _value(figures: ManagerWeek, key: str) -> object:
    kind, _, code = key.partition(":")
    if kind == "channel":
        return figures.by_channel.get(code, 0)
    if kind == "purpose":
        return figures.by_purpose.get(code, 0)
    value = getattr(figures, key)
    return None if value is None else round(value, 2) if isinstance(value, float) else value


def prepare_summary(ws: Worksheet, managers: int) -> SummaryLayout:
    """Column widths, panes and filter: write-only sheets take them before the first row."""
    layout = SummaryLayout(summary_columns(), managers)
    ws.freeze_panes = f"B{FIRST_ROW}"
    ws.column_dimensions["A"].width = 14
    for column in layout.columns[1:]:
        ws.column_dimensions[layout.letter[column.key]].width = max(8, min(16, len(column.header) * 2 + 2))
    last = get_column_letter(len(layout.columns))
    ws.auto_filter.ref = f"A{FIRST_ROW - 1}:{last}{layout.last_manager_row}"
    return layout


def write_summary(
    ws: Worksheet,
    layout: SummaryLayout,
    title: str,
    rows: list[tuple[str, ManagerWeek]],
    previous: ManagerWeek,
) -> None:
    """The manager table (name, figures) with its total row, then the comparison with last week."""
    ws.append([title_cell(ws, title)])
    groups = []
    for column in layout.columns:
        group = styled(ws, column.group or None, bold=True)
        group.fill = HEADER_FILL
        groups.append(group)
    ws.append(groups)
    ws.append(header_cells(ws, [c.header for c in layout.columns]))
    for row_number, (name, figures) in enumerate(rows, start=FIRST_ROW):
        ws.append([_cell(ws, layout, c.key, row_number, name, figures) for c in layout.columns])
    total = [styled(ws, word("total"), bold=True)]
    for column in layout.columns[1:]:
        fmt = NUMBER_FORMATS.get(column.key)
        total.append(styled(ws, layout.formula(column.key, layout.total_row), fmt, bold=True))
    ws.append(total)
    ws.append([])
    _write_comparison(ws, layout, previous)


def _cell(ws: Worksheet, layout: SummaryLayout, key: str, row: int, name: str, figures: ManagerWeek):
    if key == "manager":
        return cell(ws, name)  # a name is text, whatever it starts with
    formula = layout.formula(key, row)
    fmt = NUMBER_FORMATS.get(key)
    if formula is not None:
        return styled(ws, formula, fmt)
    return styled(ws, _value(figures, key), fmt) if fmt else _value(figures, key)


COMPARED = (
    "contacts",
    "customers_contacted",
    "revisits_due",
    "revisits_on_time",
    "revisits_overdue",
    "on_time_rate",
    "new_customers",
    "cards_activated",
    "complaints",
    "follow_up_rate",
    "average_satisfaction",
    "not_contacted",
)


def comparison_first_row(layout: SummaryLayout) -> int:
    """The row of the comparison's first measure (its title and header come just before)."""
    return layout.total_row + 4


def _write_comparison(ws: Worksheet, layout: SummaryLayout, previous: ManagerWeek) -> None:
    ws.append([title_cell(ws, word("compare_title"))])
    headers = ["metric", "this_week", "previous_week", "change", "change_rate"]
    ws.append(header_cells(ws, [word(h) for h in headers]))
    for row, key in enumerate(COMPARED, start=comparison_first_row(layout)):
        fmt = NUMBER_FORMATS.get(key)
        rate = fmt == PERCENT
        this_week = f"={layout.letter[key]}{layout.total_row}"
        change = f'=IF(OR(B{row}="",C{row}=""),"",B{row}-C{row})'
        change_rate = None if rate else f'=IF(OR(B{row}="",N(C{row})=0),"",D{row}/C{row})'
        ws.append(
            [
                word(key),
                styled(ws, this_week, fmt),
                styled(ws, _value(previous, key), fmt),
                styled(ws, change, fmt),
                styled(ws, change_rate, PERCENT) if change_rate else None,
            ]
        )
