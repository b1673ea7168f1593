"""The head-office customer import: real files (xlsx, CSV) into a real encrypted profile, no mocks."""

from __future__ import annotations

import csv
import json
import random
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.app_context import SETTINGS_FILE
from desktop.cli import main
from desktop.excel.customer_import import ImportCancelled, apply_import, plan_import
from desktop.excel.import_headers import guess_mapping, normalise_header, with_overrides
from desktop.excel.import_reader import read_source
from desktop.excel.import_report import write_report
from desktop.excel.import_source import ImportFileError
from desktop.excel.import_values import VOCABULARIES, convert, parse_amount, parse_date
from desktop.settings import Settings, set_rule_settings
from storage.errors import BranchDeskError, ValidationError
from storage.models import (
    AuditEvent,
    Card,
    Customer,
    CustomerTag,
    Outbox,
    Reminder,
    Tag,
)
from storage.rules.revisit_rules import RevisitRules
from storage.rules.settings import RuleSettings
from storage.services.cards import CardService
from storage.services.customer_query import CustomerFilter, customer_seqs
from storage.services.customers import CustomerService
from storage.services.tags import TagService

# Valid resident ID numbers (check digits computed with storage.validation.id_check_digit).
ID_A, ID_B, ID_C = "110101199003074610", "440106198506151239", "310115199201010023"
ID_OLD = "11010519491231002X"
HEADERS = [
    "客户姓名（必填）",
    "身份证号码",
    "手机号",
    "卡种",
    "卡号后四位",
    "额度",
    "开卡日期",
    "客户等级",
    "标签",
]


def xlsx(path: Path, rows: list[list], headers: list[str] = HEADERS, *, before=None) -> Path:
    """A real workbook: an optional title line, the header, the rows; `before(ws)` may alter it."""
    book = Workbook()
    sheet = book.active
    sheet.title = "客户名单"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    if before is not None:
        before(sheet)
    book.save(path)
    return path


def csv_file(path: Path, rows: list[list], encoding: str, delimiter: str = ",") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def run_import(store, path: Path, **apply):
    source = read_source(path)
    plan = plan_import(store, source, guess_mapping(source.headers))
    return apply_import(store, plan, **apply)


def customers(store) -> dict[str, Customer]:
    with store.read() as s:
        return {c.name: c for c in s.scalars(select(Customer).where(Customer.deleted.is_(False)))}


def cards_of(store, customer_id: str) -> dict[str, Card]:
    return {card.last4: card for card in CardService(store).cards_of(customer_id)}


def tags_of(store, customer_id: str) -> set[str]:
    return {name for _, name in TagService(store).tags_of(customer_id)}


def counts(store) -> dict[str, int]:
    with store.read() as s:
        return {
            m.__tablename__: s.scalar(select(func.count()).select_from(m))
            for m in (Customer, Card, Tag, CustomerTag, Reminder, AuditEvent, Outbox)
        }


# The happy path -------------------------------------------------------------------------------


def test_a_workbook_lands_with_its_cards_and_tags(store, tmp_path):
    path = xlsx(
        tmp_path / "总行名单.xlsx",
        [
            [
                "张三",
                ID_A,
                "13912345678",
                "白金卡",
                "0123",
                "5万",
                "2024年3月5日",
                "高价值",
                "有车一族，高净值",
            ],
            ["李四", ID_B, "139 1234 5679", "金卡", "8888", "50,000", date(2024, 3, 6), "私人银行", "高净值"],
        ],
    )
    result = run_import(store, path, rules=RevisitRules(store))
    assert (result.created, result.updated, result.rejected) == (2, 0, 0)
    book = customers(store)
    zhang, li = book["张三"], book["李四"]
    assert (zhang.id_number, zhang.mobile, zhang.tier) == (ID_A, "13912345678", "high_value")
    assert zhang.birth_date == date(1990, 3, 7) and zhang.gender == "male"  # from the ID number
    assert zhang.name_pinyin == "zhangsan" and zhang.lifecycle_stage == "prospect"  # derived, default
    assert li.mobile == "13912345679" and li.tier == "private_banking"
    card = cards_of(store, zhang.id)["0123"]  # the leading zero kept: the cell was text
    assert (card.product, card.credit_limit, card.open_date) == ("白金卡", 50_000, date(2024, 3, 5))
    assert card.status == "pending_activation"
    assert cards_of(store, li.id)["8888"].open_date == date(2024, 3, 6)  # a real Excel date
    assert tags_of(store, zhang.id) == {"有车一族", "高净值"} and tags_of(store, li.id) == {"高净值"}
    with store.read() as s:  # the search index was filled (its triggers were paused for the write)
        assert len(customer_seqs(s, CustomerFilter(text="有车"))) == 1
        assert len(customer_seqs(s, CustomerFilter(text="zs"))) == 1
        entries = s.scalars(select(Outbox.table_name).where(Outbox.op == "insert")).all()
    assert (
        entries.count("customer") == 2 and entries.count("card") == 2 and entries.count("customer_tag") == 3
    )
    assert result.changes.customers == {zhang.id, li.id} and len(result.changes.cards) == 2
    assert result.changes.reminders  # the revisit rules ran for the new customers (activation calls …)


def test_gb18030_csv_from_excel_on_chinese_windows(store, tmp_path):
    path = csv_file(
        tmp_path / "名单.csv", [["𠮷祥", ID_A, "13912345678", "", "", "", "", "普通", ""]], "gb18030"
    )
    source = read_source(path)
    assert source.encoding == "gb18030" and source.headers[0] == "客户姓名（必填）"
    result = run_import(store, path)
    assert result.created == 1 and "𠮷祥" in customers(store)  # 𠮷 exists only in GB18030, not GBK


def test_utf8_csv_with_a_bom_and_with_tabs(store, tmp_path):
    path = csv_file(
        tmp_path / "名单.csv", [["王芳", ID_A, "13912345678", "", "", "", "", "", ""]], "utf-8-sig"
    )
    source = read_source(path)
    assert source.encoding == "utf-8-sig" and source.headers[0] == "客户姓名（必填）"  # no mojibake
    tabs = csv_file(tmp_path / "tabs.txt", [["赵六", ID_B, "", "", "", "", "", "", ""]], "utf-8", "\t")
    assert read_source(tabs).rows[0][:2] == ["赵六", ID_B] and read_source(tabs).encoding == "utf-8"
    assert run_import(store, path).created == 1


# Matching and merging -------------------------------------------------------------------------


def test_existing_customers_are_updated_by_id_number_else_by_mobile(store, tmp_path):
    service = CustomerService(store)
    old = service.create({"name": "老客户", "id_number": ID_OLD, "mobile": "13900000001", "employer": "某厂"})
    by_mobile = service.create({"name": "只有手机", "mobile": "13900000002", "tier": "basic"})
    tags = TagService(store)
    tags.add(old.new_id, "代发工资")
    tags.remove(old.new_id, tags.tags_of(old.new_id)[0][0])  # taken off once: revived, not doubled
    path = xlsx(
        tmp_path / "update.xlsx",
        [
            ["老客户", ID_OLD, "", "金卡", "8888", "", "", "高价值", "代发工资"],
            ["只有手机", ID_B, "13900000002", "", "", "", "", "", ""],
        ],
    )
    result = run_import(store, path)
    assert (result.created, result.updated, result.rejected) == (0, 2, 0)
    book = customers(store)
    assert len(book) == 2  # updated, not duplicated
    assert book["老客户"].tier == "high_value" and book["老客户"].mobile == "13900000001"  # empty: kept
    assert book["老客户"].employer == "某厂"
    assert book["只有手机"].id == by_mobile.new_id and book["只有手机"].id_number == ID_B
    assert book["只有手机"].birth_date == date(1985, 6, 15) and book["只有手机"].tier == "basic"
    assert set(cards_of(store, old.new_id)) == {"8888"} and tags_of(store, old.new_id) == {"代发工资"}
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(CustomerTag)) == 1
        assert len(customer_seqs(s, CustomerFilter(text="代发"))) == 1  # re-indexed with its tag
    with store.read() as s:  # an update sends only what changed, with the values before
        entry = s.scalar(select(Outbox).where(Outbox.row_id == old.new_id, Outbox.op == "upsert"))
    assert json.loads(entry.base) == {"tier": "standard"} and json.loads(entry.fields)["tier"] == "high_value"
    again = run_import(store, path)  # the same file twice: nothing left to change
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_rows_for_the_same_person_are_merged_and_cards_updated_by_last_four(store, tmp_path):
    existing = CustomerService(store).create({"name": "老客户", "id_number": ID_OLD})
    CardService(store).add(existing.new_id, {"product": "金卡", "last4": "1111", "credit_limit": 10_000})
    path = xlsx(
        tmp_path / "cards.xlsx",
        [
            ["张三", ID_A, "13912345678", "白金卡", "0001", "5万", "", "", "学生"],
            ["", ID_A, "", "车主卡", "0002", "", "", "高价值", "有车一族"],  # the same person, a second card
            ["老客户", ID_OLD, "", "", "1111", "8万", "", "", ""],  # an existing card: its limit updated
        ],
    )
    result = run_import(store, path)
    assert (result.created, result.updated, result.rejected) == (1, 1, 0)
    zhang = customers(store)["张三"]
    assert set(cards_of(store, zhang.id)) == {"0001", "0002"} and zhang.tier == "high_value"
    assert tags_of(store, zhang.id) == {"学生", "有车一族"}
    (card,) = cards_of(store, existing.new_id).values()
    assert (card.last4, card.product, card.credit_limit) == ("1111", "金卡", 80_000)


def test_the_book_changing_after_the_preview_is_seen_when_writing(store, tmp_path):
    path = xlsx(tmp_path / "race.xlsx", [["张三", ID_A, "", "", "", "", "", "高价值", ""]])
    plan = plan_import(store, read_source(path), guess_mapping(HEADERS))
    assert (plan.created, plan.updated) == (1, 0)
    CustomerService(store).create({"name": "张三", "id_number": ID_A})  # e.g. arrived by a sync
    result = apply_import(store, plan)
    assert (result.created, result.updated) == (0, 1)  # planned again in the write transaction
    (zhang,) = customers(store).values()
    assert zhang.tier == "high_value"


def test_a_chosen_sheet_and_hidden_sheets(store, tmp_path):
    def more_sheets(sheet):
        book = sheet.parent
        book.create_sheet("说明", 0).sheet_state = "hidden"
        book.create_sheet("第二批").append(["姓名", "手机号"])
        book["第二批"].append(["第二批客户", "13912345678"])

    path = xlsx(tmp_path / "sheets.xlsx", [["张三", ID_A]], before=more_sheets)
    assert read_source(path).sheet == "客户名单"  # the first sheet a user sees
    assert read_source(path, sheet="第二批").rows == [["第二批客户", "13912345678"]]
    assert "第二批" in refused_sheet(path)


def refused_sheet(path: Path) -> str:
    with pytest.raises(ImportFileError) as err:
        read_source(path, sheet="不存在")
    assert err.value.code == "import_sheet_missing"
    return err.value.message()


def test_a_mobile_that_belongs_to_someone_else_is_refused(store, tmp_path):
    CustomerService(store).create({"name": "老客户", "id_number": ID_OLD, "mobile": "13900000001"})
    path = xlsx(
        tmp_path / "clash.xlsx",
        [
            ["新人甲", ID_A, "13900000001", "", "", "", "", "", ""],  # another customer's mobile
            ["新人乙", ID_B, "13900000009", "", "", "", "", "", ""],
            ["新人丙", ID_C, "13900000009", "", "", "", "", "", ""],  # row 3's mobile, another ID
        ],
    )
    result = run_import(store, path)
    assert (result.created, result.rejected) == (1, 2)
    reasons = {p.row: p.reason() for p in result.problems}
    assert "已存在手机号相同的客户：老客户" in reasons[2] and "第 3 行" in reasons[4]


# Rejected rows and the report ----------------------------------------------------------------


def test_invalid_rows_are_reported_with_row_numbers_and_the_rest_imported(store, tmp_path):
    path = xlsx(
        tmp_path / "mixed.xlsx",
        [
            ["好人", ID_A, "13912345678", "", "", "", "", "", ""],
            ["坏号", "110101199003074611", "13912345679", "", "", "", "", "", ""],  # check digit
            ["没卡种", ID_B, "", "", "1234", "", "", "", ""],  # a card needs its product
            ["怪等级", ID_C, "", "", "", "", "", "钻石", ""],
            ['=HYPERLINK("http://x")', "", "12345", "", "", "", "", "", ""],  # a bad mobile
            ["坏日期", "", "13700000000", "金卡", "0001", "", "2024-02-30", "", ""],
        ],
        before=lambda sheet: setattr(sheet["A6"], "data_type", "s"),  # text, as a user typed it
    )
    result = run_import(store, path)
    assert (result.created, result.rejected) == (1, 5) and set(customers(store)) == {"好人"}
    report = write_report(tmp_path / "report.xlsx", result)
    book = load_workbook(report)
    summary = {row[0]: row[1] for row in book["导入摘要"].iter_rows(values_only=True) if row[0]}
    assert summary["新建"] == 1 and summary["更新"] == 0 and summary["未导入行数"] == 5
    sheet = book["未导入的行"]
    header, *lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == ["行号", "列", "原因", "姓名", "身份证号", "手机号"]
    by_row = {line[0]: line for line in lines}
    assert sorted(by_row) == [3, 4, 5, 6, 7]  # sheet row numbers: the header is row 1
    assert by_row[3][1] == "身份证号码（身份证号）" and "校验码" in by_row[3][2]
    assert by_row[4][1] == "卡种" and "卡种不能为空" in by_row[4][2]
    assert "客户层级只能是以下之一" in by_row[5][2] and "私人银行" in by_row[5][2]
    assert by_row[7][1] == "开卡日期" and "2026-01-31" in by_row[7][2]
    # Masked in the report: the report travels, the row number says which line to fix.
    assert by_row[3][4] == "110101********4611" and by_row[3][5] == "139****5679"
    everything = json.dumps([list(r) for r in sheet.iter_rows(values_only=True)], ensure_ascii=False)
    assert "110101199003074611" not in everything and "13912345679" not in everything
    assert sheet.cell(6, 4).data_type == "s"  # a name starting with "=" stays text in the report


def test_id_numbers_stored_as_numbers_are_refused_not_fixed(store, tmp_path):
    path = xlsx(
        tmp_path / "numbers.xlsx",
        [
            ["数字号", 110101199003074610, "13912345678", "", "", "", "", "", ""],
            ["文本号", ID_B, "", "", "", "", "", "", ""],
        ],
    )
    assert read_source(path).rows[0][1] == "1.10101199003075e+17"  # what Excel shows: digits lost
    result = run_import(store, path)
    assert (result.created, result.rejected) == (1, 1) and set(customers(store)) == {"文本号"}
    (problem,) = result.problems
    assert problem.row == 2 and problem.field == "id_number" and "设为“文本”格式" in problem.reason()
    assert "stored as a number" in problem.reason("en")
    exported = csv_file(tmp_path / "sci.csv", [["科学", "1.10101E+17", "", "", "", "", "", "", ""]], "utf-8")
    assert run_import(store, exported).problems[0].error.code == "import_number_id"


def test_a_dry_run_writes_nothing(store, tmp_path):
    CustomerService(store).create({"name": "老客户", "id_number": ID_OLD})
    before = counts(store)
    path = xlsx(
        tmp_path / "dry.xlsx",
        [
            ["张三", ID_A, "", "金卡", "0001", "", "", "", "新标签"],
            ["老客户", ID_OLD, "", "", "", "", "", "高价值", ""],
        ],
    )
    plan = plan_import(store, read_source(path), guess_mapping(HEADERS))
    assert (plan.created, plan.updated, plan.rejected) == (1, 1, 0)
    report = write_report(tmp_path / "dry-report.xlsx", plan)
    assert counts(store) == before  # no customer, card, tag, link, reminder, audit or outbox row
    summary = [row[0] for row in load_workbook(report)["导入摘要"].iter_rows(values_only=True)]
    assert "试运行：未写入任何内容" in summary


def test_a_cancel_mid_import_leaves_the_database_as_it_was(store, tmp_path):
    CustomerService(store).create({"name": "老客户", "id_number": ID_OLD})
    before = counts(store)
    rows = [
        [f"客户{n}", "", f"139{n:08d}", "金卡", f"{n % 10_000:04d}", "", "", "", "批量"] for n in range(2_500)
    ]
    path = csv_file(tmp_path / "big.csv", rows, "utf-8")
    plan = plan_import(store, read_source(path), guess_mapping(HEADERS))
    looks, progress = [], []

    def cancelled() -> bool:  # the first look is before any write, the second after 2,000 customers
        looks.append(True)
        return len(looks) > 1

    with pytest.raises(ImportCancelled) as err:
        apply_import(store, plan, progress=lambda done, total: progress.append(done), cancelled=cancelled)
    assert progress == [2_000] and "未做任何更改" in err.value.message()
    assert counts(store) == before
    with store.write() as tx:  # the search triggers are back on for the connection that wrote
        tx.session.add(Customer(name="触发器", owner_manager_id=store.actor.id))
    with store.read() as s:
        assert len(customer_seqs(s, CustomerFilter(text="触发器"))) == 1


def test_one_audit_event_without_personal_data(store, tmp_path):
    path = xlsx(
        tmp_path / "audit.xlsx",
        [["张三", ID_A, "13912345678", "", "", "", "", "", ""], ["坏", "x", "", "", "", "", "", "", ""]],
    )
    run_import(store, path)
    with store.read() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.action.like("import%"))).all()
        creates = s.scalar(select(func.count()).where(AuditEvent.action == "customer.create"))
    (event,) = events
    assert creates == 0  # one event for the import, not one per customer
    assert event.actor_name == "王经理" and json.loads(event.detail) == {
        "file": "audit.xlsx",
        "sheet": "客户名单",
        "rows": 2,
        "created": 1,
        "updated": 0,
        "unchanged": 0,
        "rejected": 1,
    }
    assert "张三" not in event.detail and ID_A not in event.detail and "13912345678" not in event.detail


# Files that cannot be imported -------------------------------------------------------------------


def refused(path: Path, code: str) -> str:
    with pytest.raises(ImportFileError) as err:
        read_source(path)
    assert err.value.code == code
    return err.value.message()


def test_files_that_are_not_spreadsheets(tmp_path):
    png = tmp_path / "photo.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "不是 Excel 工作簿" in refused(png, "import_not_spreadsheet")
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes(range(256)) * 8)
    refused(noise, "import_not_spreadsheet")
    document = tmp_path / "document.xlsx"  # a zip, but no workbook inside
    with zipfile.ZipFile(document, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    refused(document, "import_not_spreadsheet")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(xlsx(tmp_path / "ok.xlsx", [["张三", ID_A]]).read_bytes()[:1500])
    refused(broken, "import_damaged")
    refused(tmp_path / "missing.xlsx", "import_open_failed")


def test_damaged_workbooks_end_in_a_message_never_a_traceback(tmp_path):
    good = xlsx(tmp_path / "good.xlsx", [["张三", ID_A, "13912345678", "金卡", "0001", "", "", "", ""]] * 20)
    data = good.read_bytes()
    rng = random.Random(5)
    for n in range(60):
        damaged = bytearray(data[: rng.randrange(len(data))] if n % 2 else data)
        for _ in range(rng.randrange(0, 30)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        path = tmp_path / f"damaged{n}.xlsx"
        path.write_bytes(bytes(damaged))
        try:
            read_source(path)
        except ImportFileError as error:
            assert error.message("zh_CN") and error.message("en")


def test_a_password_protected_workbook(tmp_path):
    locked = tmp_path / "locked.xlsx"  # Excel writes it as an OLE2 compound file
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00\x3e\x00\x03" + bytes(range(256)) * 16)
    assert "密码" in refused(locked, "import_password")
    old = tmp_path / "old.xls"
    old.write_bytes(locked.read_bytes())
    assert ".xls" in refused(old, "import_old_xls")


def test_empty_files_and_a_header_without_rows(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    refused(empty, "import_empty")
    blank = tmp_path / "blank.csv"
    blank.write_text("\n , \n", encoding="utf-8")
    refused(blank, "import_empty")
    refused(xlsx(tmp_path / "nothing.xlsx", [], headers=[]), "import_empty")
    assert "只有表头" in refused(xlsx(tmp_path / "header.xlsx", []), "import_no_rows")
    no_header = xlsx(tmp_path / "data.xlsx", [["李四", ID_B]], headers=["张三", ID_A])
    assert "没有表头" in refused(no_header, "import_no_header")


def test_a_sheet_at_excels_last_row_is_refused_without_reading_it(tmp_path):
    # Built cheaply: a small real workbook whose <dimension ref> is patched to Excel's last row,
    # as Excel writes it for a full sheet (writing 1,048,576 real rows would take minutes).
    small = xlsx(tmp_path / "small.xlsx", [["张三", ID_A, "13912345678", "金卡", "0001", "", "", "", ""]])
    full = tmp_path / "full.xlsx"
    with zipfile.ZipFile(small) as source, zipfile.ZipFile(full, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:I2"/>' in data
                data = data.replace(b'<dimension ref="A1:I2"/>', b'<dimension ref="A1:I1048576"/>')
            target.writestr(item, data)
    start = time.perf_counter()
    message = refused(full, "import_truncated")
    assert time.perf_counter() - start < 1 and "1,048,576" in message and "客户名单" in message


def test_formulas_merged_header_cells_and_repeated_headers_are_refused(tmp_path):
    def with_formula(sheet):
        sheet["F3"] = "=5*10000"

    row = ["张三", ID_A, "13912345678", "金卡", "0001", "", "", "", ""]
    formulas = xlsx(tmp_path / "formulas.xlsx", [row, row], before=with_formula)
    assert "F3" in refused(formulas, "import_formulas")

    def merged(sheet):
        sheet.insert_rows(1)
        sheet["A1"] = "XX分行客户名单"  # a merged title line above the header is fine …
        sheet.merge_cells("A1:I1")
        sheet.merge_cells("D2:E2")  # … a merged header cell is not

    assert "D2:E2" in refused(xlsx(tmp_path / "merged.xlsx", [row], before=merged), "import_merged_header")

    def title_only(sheet):
        sheet.insert_rows(1)
        sheet["A1"] = "XX分行客户名单"
        sheet.merge_cells("A1:I1")

    source = read_source(xlsx(tmp_path / "title.xlsx", [row], before=title_only))
    assert source.header_row == 2 and source.row_numbers == [3]
    twice = xlsx(tmp_path / "twice.xlsx", [row], headers=[*HEADERS[:8], "手机号"])
    assert "手机号" in refused(twice, "import_duplicate_header")


# Headers and values ---------------------------------------------------------------------------


def test_header_recognition_full_width_english_and_markers():
    headers = [
        "＊姓名（必填）",
        "ＩＤ　Ｎｏ．",
        "Mobile",
        "移动电话",
        "Card Last 4",
        "Credit limit",
        "客户状态",
        "备用",
    ]
    mapping = guess_mapping(headers)
    assert mapping == {
        0: "name",
        1: "id_number",
        2: "mobile",  # the first column wins a field; 移动电话 stays unmapped for the user
        4: "last4",
        5: "credit_limit",
        6: "lifecycle_stage",
    }
    assert normalise_header(" 手机号码 * ") == "手机号码"
    moved = with_overrides(headers, mapping, ["移动电话=mobile", "备用=备注"])
    assert moved[3] == "mobile" and 2 not in moved and moved[7] == "notes"
    with pytest.raises(BranchDeskError) as err:
        with_overrides(headers, mapping, ["不存在=name"])
    assert err.value.code == "import_unknown_column"
    with pytest.raises(BranchDeskError):
        with_overrides(headers, mapping, ["备用=shoe_size"])


def test_values_in_the_forms_head_office_writes_them():
    for text in ("2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "2024-03-05 00:00:00"):
        assert parse_date("open_date", text) == date(2024, 3, 5)
    for text, amount in (
        ("50000", 50_000),
        ("50,000", 50_000),
        ("5万", 50_000),
        ("¥50,000.00", 50_000),
        ("5.5万", 55_000),
    ):
        assert parse_amount("credit_limit", text) == amount
    with pytest.raises(ValidationError):
        parse_amount("credit_limit", "很多")
    assert convert("tier", "私人银行") == "private_banking" and convert("tier", "High value") == "high_value"
    assert convert("lifecycle_stage", "新户") == "new" and convert("gender", "女") == "female"
    assert convert("card_status", "已激活") == "active" and convert("tags", "甲，乙、丙 乙") == [
        "甲",
        "乙",
        "丙",
    ]


def test_the_chinese_labels_accepted_are_those_the_window_shows(qapp):
    # qapp: a bare QCoreApplication made here would make later widget tests abort
    from PySide6.QtCore import QCoreApplication

    from desktop import labels
    from desktop.translations import install_translators

    installed = install_translators(qapp, "zh_CN")
    try:
        shown = {
            "gender": labels.gender_labels(),
            "tier": labels.tier_labels(),
            "lifecycle_stage": labels.lifecycle_labels(),
            "income_band": labels.income_band_labels(),
            "preferred_channel": labels.channel_labels(),
            "card_status": labels.card_status_labels(),
        }
    finally:
        for translator in installed:
            QCoreApplication.removeTranslator(translator)
    for field, words in shown.items():
        assert set(words) == set(VOCABULARIES[field])
        for code, word in words.items():
            assert convert(field, word) == code, (field, word)
            assert VOCABULARIES[field][code][1] == word  # and it is what an error lists as choices


# The command line -------------------------------------------------------------------------------


def test_the_command_line_imports_reports_and_refuses(store, tmp_path, capsys, monkeypatch):
    folder = str(store.db_path.parent)
    settings = Settings(store.db_path.parent / SETTINGS_FILE)  # as the window's Rules page saves them
    set_rule_settings(settings, RuleSettings(new_customer=False))
    settings.sync()
    opened = (date.today() - timedelta(days=1)).isoformat()
    path = xlsx(
        tmp_path / "cli.xlsx",
        [["张三", ID_A, "", "金卡", "0001", "", opened, "", ""], ["坏", "x", "", "", "", "", "", "", ""]],
        headers=[*HEADERS[:8], "证件"],
    )
    report = tmp_path / "cli-report.xlsx"
    dry = ["--data-dir", folder, "import", "customers", str(path), "--dry-run", "--map", "证件=notes"]
    assert main(dry) == 1  # a row would be rejected
    out = capsys.readouterr().out
    assert "试运行（未写入）：将新建 1 位，更新 0 位，1 行未通过校验" in out and not customers(store)
    monkeypatch.setenv("BRANCHDESK_LANG", "en")
    assert main(["--data-dir", folder, "import", "customers", str(path), "--report", str(report)]) == 1
    captured = capsys.readouterr()
    assert "1 created, 0 updated, 1 rejected" in captured.out and str(report) in captured.out
    assert "Columns not imported: 证件" in captured.out and "Row 3:" in captured.err
    assert set(customers(store)) == {"张三"} and load_workbook(report)["Rejected rows"].max_row == 2
    with store.read() as s:  # the rules ran, with the manager's settings
        kinds = set(s.scalars(select(Reminder.kind)))
    assert "activation_call" in kinds and "new_customer_revisit" not in kinds
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + bytes(200))
    assert main(["--data-dir", folder, "import", "customers", str(locked)]) == 2
    assert "protected with a password" in capsys.readouterr().err
