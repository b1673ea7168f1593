"""The weekly review's two charted sheets: contacts per day and channel, and the tier mix.

Each is a small table (with total formulas) and a native Excel stacked bar chart drawn from it,
so the chart follows the table when a supervisor edits a figure.
"""

from __future__ import annotations

from collections import Counter

from openpyxl.chart import BarChart, Reference
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from desktop import labels
from desktop.excel.cells import header_cells, styled, title_cell
from desktop.excel.review_words import weekday, word
from storage.enums import Lifecycle, Tier
from storage.messages import label
from storage.services.review_week import ReviewWeek
from storage.services.weekly_figures import CHANNELS

HEADER_ROW, FIRST_ROW = 2, 3


def write_daily(ws: Worksheet, title: str, week: ReviewWeek, per_day: list[Counter]) -> None:
    """Date, day, a column per channel and the day's total; a total row; a stacked bar chart."""
    names = labels.channel_labels()
    last_channel = get_column_letter(2 + len(CHANNELS))
    _widths(ws, [12, 10, *[9] * len(CHANNELS), 9])
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.append([title_cell(ws, title)])
    ws.append(header_cells(ws, [word("date"), word("weekday"), *(names[c] for c in CHANNELS), word("total")]))
    for offset, (day, counts) in enumerate(zip(week.days, per_day, strict=True)):
        row = FIRST_ROW + offset
        ws.append(
            [
                styled(ws, day, "yyyy-mm-dd"),
                f"{weekday(offset)} {day:%m-%d}",
                *(counts.get(c, 0) for c in CHANNELS),
                styled(ws, f"=SUM(C{row}:{last_channel}{row})"),
            ]
        )
    last_day = FIRST_ROW + len(week.days) - 1
    ws.append(
        [
            styled(ws, word("total"), bold=True),
            None,
            *(
                styled(ws, f"=SUM({letter}{FIRST_ROW}:{letter}{last_day})", bold=True)
                for letter in (get_column_letter(3 + n) for n in range(len(CHANNELS) + 1))
            ),
        ]
    )
    chart = _stacked_chart(word("daily_chart"), word("contacts"))
    chart.add_data(
        Reference(ws, min_col=3, max_col=2 + len(CHANNELS), min_row=HEADER_ROW, max_row=last_day),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=2, min_row=FIRST_ROW, max_row=last_day))
    ws.add_chart(chart, f"{get_column_letter(len(CHANNELS) + 5)}{HEADER_ROW}")


def write_tier_mix(ws: Worksheet, title: str, mix: dict[tuple[str, str], int]) -> None:
    """A row per tier, a column per lifecycle stage, totals; a stacked bar chart per tier."""
    tiers, stages = [t.value for t in Tier], [s.value for s in Lifecycle]
    tier_names, stage_names = labels.tier_labels(), labels.lifecycle_labels()
    last_stage = get_column_letter(1 + len(stages))
    _widths(ws, [14, *[10] * len(stages), 10])
    ws.freeze_panes = f"B{FIRST_ROW}"
    ws.append([title_cell(ws, title)])
    ws.append(header_cells(ws, [label("tier"), *(stage_names[s] for s in stages), word("total")]))
    for offset, tier in enumerate(tiers):
        row = FIRST_ROW + offset
        ws.append(
            [
                tier_names[tier],
                *(mix.get((tier, stage), 0) for stage in stages),
                styled(ws, f"=SUM(B{row}:{last_stage}{row})"),
            ]
        )
    last_tier = FIRST_ROW + len(tiers) - 1
    ws.append(
        [
            styled(ws, word("total"), bold=True),
            *(
                styled(ws, f"=SUM({letter}{FIRST_ROW}:{letter}{last_tier})", bold=True)
                for letter in (get_column_letter(2 + n) for n in range(len(stages) + 1))
            ),
        ]
    )
    chart = _stacked_chart(word("tier_chart"), word("customers"))
    chart.add_data(
        Reference(ws, min_col=2, max_col=1 + len(stages), min_row=HEADER_ROW, max_row=last_tier),
        titles_from_data=True,
    )
    chart.set_categories(Reference(ws, min_col=1, min_row=FIRST_ROW, max_row=last_tier))
    ws.add_chart(chart, f"{get_column_letter(len(stages) + 4)}{HEADER_ROW}")


def _stacked_chart(title: str, axis_title: str) -> BarChart:
    chart = BarChart()
    chart.type = "col"
    chart.grouping = "stacked"
    chart.overlap = 100  # stacked bars must overlap fully, or Excel draws them side by side
    chart.title = title
    chart.y_axis.title = axis_title
    chart.y_axis.majorGridlines = None
    chart.width, chart.height = 18, 9  # cm
    return chart


def _widths(ws: Worksheet, widths: list[int]) -> None:
    for number, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(number)].width = width
