"""The customer list export: the list's filter, masking, audit, safe text, cancel, streaming."""

from __future__ import annotations

import json
import os
import time

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop import cli_excel
from desktop.cli import main
from desktop.excel.customer_export import ExportCancelled, export_customers
from storage.bulk_load import fill_demo
from storage.errors import BranchDeskError
from storage.models import AuditEvent
from storage.services.customer_query import CustomerFilter
from storage.services.customers import CustomerService

MOBILE, ID_NUMBER = "13912345678", "11010519491231002X"


@pytest.fixture
def book(store):
    customers = CustomerService(store)
    vip = customers.create(
        {
            "name": "欧阳娜",
            "mobile": MOBILE,
            "id_number": ID_NUMBER,
            "tier": "high_value",
            "lifecycle_stage": "active",
            "employer": "=HYPERLINK(\"http://evil\",\"点我\")",
            "risk_flags": "overdue_repayment",
        }
    ).new_id
    customers.create({"name": "李明", "mobile": "13700001111", "tier": "standard", "lifecycle_stage": "new"})
    return vip


def read(path):
    sheet = load_workbook(path).active
    return sheet, [[c.value for c in row] for row in sheet.iter_rows()]


def audits(store):
    with store.read() as s:
        return list(s.scalars(select(AuditEvent).where(AuditEvent.action == "export.customers")))


def test_the_filtered_list_is_exported_masked_and_audited(store, book, tmp_path):
    out = tmp_path / "vip.xlsx"
    result = export_customers(store, out, customer_filter=CustomerFilter(tiers=("high_value",)))
    assert result.rows == 1 and result.masked
    sheet, rows = read(out)
    assert sheet.freeze_panes == "A3" and sheet.auto_filter.ref == "A2:M3"
    title, header, (line,) = rows[0], rows[1], rows[2:]
    assert "客户名单" in title[0]
    assert header[:3] == ["姓名", "手机号", "身份证号"]
    values = dict(zip(header, line, strict=True))
    assert values["姓名"] == "欧阳娜" and values["手机号"] == "139****5678"
    assert values["身份证号"] == "110105********002X"
    assert values["风险标记"] and values["建档时间"].year >= 2026  # a real date, in local time
    assert sheet.cell(3, header.index("工作单位") + 1).data_type == "s"  # text, never a formula
    everything = json.dumps(rows, default=str, ensure_ascii=False)
    assert MOBILE not in everything and ID_NUMBER not in everything
    (event,) = audits(store)
    detail = json.loads(event.detail)
    assert detail["rows"] == 1 and detail["masked"] is True and detail["filter"] == {"tiers": ["high_value"]}
    assert MOBILE not in event.detail and "欧阳娜" not in event.detail


def test_unmasked_only_when_asked_and_then_audited_as_such(store, book, tmp_path):
    out = tmp_path / "all.xlsx"
    export_customers(store, out, unmasked=True)
    _sheet, rows = read(out)
    assert any(MOBILE in row for row in rows) and any(ID_NUMBER in row for row in rows)
    (event,) = audits(store)
    assert json.loads(event.detail)["masked"] is False


def test_cancel_leaves_no_file(store, book, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / "cancelled.xlsx"
    with pytest.raises(ExportCancelled) as raised:
        export_customers(store, out, cancelled=lambda: True)
    assert "取消" in raised.value.message("zh_CN")
    assert os.listdir(folder) == [] and audits(store) == []


def test_a_folder_that_cannot_be_written_gives_a_clear_error(store, book, tmp_path):
    out = tmp_path / "missing" / "list.xlsx"
    with pytest.raises(BranchDeskError) as raised:
        export_customers(store, out)
    assert raised.value.code == "file_write" and str(out) in raised.value.message()
    assert audits(store) == []


def test_the_command_line_exports_with_the_list_filters(store, book, tmp_path, capsys, qapp):
    # qapp: the command would otherwise make a bare QCoreApplication, and later widget tests abort
    store.close()
    out = tmp_path / "cli.xlsx"
    folder = str(store.db_path.parent)
    try:
        command = ["--data-dir", folder, "export", "customers", "--out", str(out), "--tier", "standard"]
        assert main(command) == 0
    finally:  # the command installs the app's translators; later tests expect none
        cli_excel.remove_translators()
    _sheet, rows = read(out)
    assert [row[0] for row in rows[2:]] == ["李明"]
    assert rows[2][5] == "新户"  # the lifecycle stage as the window words it, not the code


@pytest.mark.slow
def test_a_hundred_thousand_customers_stream_out(store, tmp_path):
    fill_demo(store, 100_000, 0, seed=3)
    out = tmp_path / "branch.xlsx"
    pages = []
    start = time.perf_counter()
    result = export_customers(store, out, progress=lambda done, total: pages.append((done, total)))
    took = time.perf_counter() - start
    assert result.rows == 100_000 and pages[-1] == (100_000, 100_000) and len(pages) == 100
    book = load_workbook(out, read_only=True)
    names = [row[0] for row in book.active.iter_rows(min_row=3, values_only=True)]
    book.close()
    assert len(names) == 100_000 and all(names)
    print(f"100,000-row export: {took:.1f} s")
