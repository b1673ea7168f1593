"""The weekly review workbook: every Summary figure on a week of known data, the formulas and the
ranges they cover, charts, masking, audit, one manager or the branch, and a real spreadsheet
program (LibreOffice) opening it and computing the formulas to the same values."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from desktop import cli_excel
from desktop.cli import main
from desktop.excel.weekly_review import export_weekly_review, resolve_managers
from desktop.translations import install_translators
from storage.errors import ValidationError
from storage.messages import set_language
from storage.models import AuditEvent, CallLog, Card, Customer, Manager, Reminder
from storage.services import derived
from storage.services.review_week import ReviewWeek
from storage.timeutil import as_utc

WEEK = ReviewWeek(2026, 47)  # Monday 16 to Sunday 22 November 2026
OTHER = "0" * 31 + "2"  # the second manager's id
MOBILES = {"c1": "13912345678", "c2": "13700001111", "c3": "13600002222", "c6": "13500003333"}
ID_NUMBER = "11010519491231002X"


def local(text: str) -> datetime:
    """A local (China Standard Time) wall-clock time as stored: aware UTC."""
    return as_utc(datetime.fromisoformat(text).astimezone())


NOW = "2026-11-24 10:00"  # Tuesday of the week after


@pytest.fixture(autouse=True)
def chinese_labels(qapp):
    """Codes are worded through the app's (Qt) translations, as in the window (pytest-qt's
    QApplication: a bare QCoreApplication made here would make later widget tests abort)."""
    installed = install_translators(qapp, "zh_CN")
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


@pytest.fixture
def branch(store, shanghai_time):
    """Two managers' week of known data (see the expected figures in the tests)."""
    me = store.actor.id
    customers = {
        # key: owner, created, tier, stage, extra
        "c1": (me, "2026-11-17 10:00", "high_value", "active", {"id_number": ID_NUMBER}),
        "c2": (me, "2026-01-01 09:00", "standard", "active", {}),
        "c3": (OTHER, "2025-03-01 09:00", "young", "dormant", {}),
        "c4": (OTHER, "2026-11-18 11:00", "standard", "new", {"do_not_contact": True}),
        "c5": (me, "2025-01-01 09:00", "standard", "closed", {}),
        "c6": (me, "2026-01-01 09:00", "standard", "active", {"risk_flags": "overdue_repayment"}),
        "c7": (OTHER, "2025-06-01 09:00", "basic", "prospect", {}),
    }
    ids = {key: f"{n:032x}" for n, key in enumerate(customers, start=1)}
    calls = [
        # customer, manager, local time, channel, purpose, outcome, satisfaction, summary
        ("c1", me, "2026-11-16 09:30", "phone", "periodic_revisit", "reached", 5, "客户新号码13812345678"),
        ("c2", me, "2026-11-16 23:30", "wechat", "product_offer", "interested", 3, "=1+1"),
        ("c1", me, "2026-11-18 10:00", "sms", "care", "reached", None, None),
        ("c2", me, "2026-11-22 23:59", "visit", "complaint_handling", "complaint_raised", 1, "年费"),
        ("c2", me, "2026-11-23 10:00", "phone", "complaint_handling", "reached", None, "跟进"),  # next week
        ("c3", OTHER, "2026-11-17 08:00", "phone", "activation_follow_up", "reached", 4, None),
        ("c3", OTHER, "2026-11-19 14:00", "phone", "complaint_handling", "complaint_raised", None, None),
        ("c4", OTHER, "2026-11-20 15:00", "email", "other", "reached", None, None),
        ("c5", me, "2026-11-10 10:00", "phone", "periodic_revisit", "reached", None, None),  # week before
        ("c5", me, "2026-11-15 23:59", "sms", "care", "reached", None, None),  # week before
        ("c6", me, "2026-09-01 10:00", "phone", "periodic_revisit", "reached", None, None),
    ]
    reminders = [
        # customer, owner, due, status, snoozed until, completed
        ("c1", me, "2026-11-17 09:00", "done", None, "2026-11-17 15:00"),  # on time
        ("c2", me, "2026-11-18 09:00", "done", None, "2026-11-19 09:00"),  # late
        ("c2", me, "2026-11-20 09:00", "open", None, None),  # still overdue
        ("c3", OTHER, "2026-11-21 09:00", "snoozed", "2026-11-25 09:00", None),  # not yet due
        ("c3", OTHER, "2026-11-19 09:00", "cancelled", None, None),  # not counted
        ("c1", me, "2026-11-10 09:00", "open", None, None),  # the week before, overdue now
    ]
    with store.write() as tx:
        add = tx.session.add
        add(Manager(id=OTHER, username="wangfang", display_name="王芳"))
        tx.session.flush()
        for key, (owner, created, tier, stage, extra) in customers.items():
            name = {
                "c1": "欧阳娜",
                "c2": "李明",
                "c3": "张伟",
                "c4": "赵磊",
                "c5": "钱静",
                "c6": "孙丽",
                "c7": "周杰",
            }[key]
            add(
                Customer(
                    id=ids[key],
                    owner_manager_id=owner,
                    name=name,
                    tier=tier,
                    lifecycle_stage=stage,
                    mobile=MOBILES.get(key),
                    created_at=local(created),
                    updated_at=local(created),
                    **extra,
                )
            )
        tx.session.flush()
        for key, manager, at, channel, purpose, outcome, satisfaction, summary in calls:
            owner = customers[key][0]
            add(
                CallLog(
                    customer_id=ids[key],
                    manager_id=manager,
                    owner_manager_id=owner,
                    occurred_at=local(at),
                    channel=channel,
                    direction="outbound",
                    purpose=purpose,
                    outcome=outcome,
                    satisfaction=satisfaction,
                    summary=summary,
                )
            )
        add(
            CallLog(  # deleted: not counted anywhere
                customer_id=ids["c1"],
                manager_id=me,
                owner_manager_id=me,
                occurred_at=local("2026-11-19 10:00"),
                channel="phone",
                direction="outbound",
                purpose="other",
                outcome="reached",
                deleted=True,
            )
        )
        for key, owner, due, status, snoozed, completed in reminders:
            add(
                Reminder(
                    customer_id=ids[key],
                    owner_manager_id=owner,
                    kind="periodic_revisit",
                    due_at=local(due),
                    status=status,
                    snoozed_until=snoozed and local(snoozed),
                    completed_at=completed and local(completed),
                )
            )
        add(
            Card(
                customer_id=ids["c1"],
                owner_manager_id=me,
                product="白金卡",
                last4="1234",
                activation_date=date(2026, 11, 18),
                status="active",
            )
        )
        add(
            Card(
                customer_id=ids["c3"],
                owner_manager_id=OTHER,
                product="青年卡",
                last4="5678",
                activation_date=date(2026, 11, 10),
                status="active",
            )
        )
        tx.session.flush()
        for customer_id in ids.values():
            derived.refresh_last_contact(tx.session, customer_id)
        derived.refresh_next_revisit_many(tx.session, list(ids.values()))
    return ids


def export(store, tmp_path, managers=None, name="review.xlsx"):
    out = tmp_path / name
    export_weekly_review(store, out, week=WEEK, managers=managers, now=local(NOW))
    return out


def values(sheet) -> list[list]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def summary_rows(book) -> dict[str, dict[str, object]]:
    """Summary rows by manager name ("合计" for the total), header → cell value."""
    rows = values(book["汇总"])
    header = rows[2]
    out = {}
    for row in rows[3:]:
        if not row or row[0] is None:
            break
        out[row[0]] = dict(zip(header, row, strict=True))
    return out


EXPECTED = {
    # manager: contacts by channel, by purpose, then the other figures
    "me": {
        "电话": 1,
        "短信": 1,
        "微信": 1,
        "面访": 1,
        "电子邮件": 0,
        "定期回访": 1,
        "产品营销": 1,
        "关怀": 1,
        "投诉处理": 1,
        "激活回访": 0,
        "联系客户数": 2,
        "按时完成": 1,
        "逾期完成": 1,
        "仍逾期": 1,
        "未到期": 0,
        "新增客户": 1,
        "激活卡数": 1,
        "投诉": 1,
        "24小时内跟进": 1,
        "评价次数": 3,
        "平均满意度": 3.0,
        "30天以上未联系": 1,
    },
    "王芳": {
        "电话": 2,
        "短信": 0,
        "微信": 0,
        "面访": 0,
        "电子邮件": 1,
        "定期回访": 0,
        "激活回访": 1,
        "投诉处理": 1,
        "其他": 1,
        "联系客户数": 2,
        "按时完成": 0,
        "逾期完成": 0,
        "仍逾期": 0,
        "未到期": 1,
        "新增客户": 1,
        "激活卡数": 0,
        "投诉": 1,
        "24小时内跟进": 0,
        "评价次数": 1,
        "平均满意度": 4.0,
        "30天以上未联系": 1,
    },
}


def test_every_summary_figure_of_a_known_week(store, branch, tmp_path):
    book = load_workbook(export(store, tmp_path))
    assert book.sheetnames == ["汇总", "每日联系", "客户结构", "联系明细", "回访提醒", "重点关注"]
    rows = summary_rows(book)
    me = store.actor.name
    assert list(rows) == [*sorted([me, "王芳"]), "合计"]
    for who, expected in EXPECTED.items():
        row = rows[me if who == "me" else who]
        for header, value in expected.items():
            assert row[header] == value, (who, header)
    title = values(book["汇总"])[0][0]
    assert "2026-W47" in title and "2026-11-16" in title and "2026-11-22" in title and "全网点" in title


def test_totals_and_rates_are_formulas_over_the_right_ranges(store, branch, tmp_path):
    sheet = load_workbook(export(store, tmp_path))["汇总"]
    header = [c.value for c in sheet[3]]
    col = {name: sheet.cell(3, n).column_letter for n, name in enumerate(header, start=1)}
    # Rows 4 and 5 are the managers, 6 the total.
    assert sheet[f"{col['联系次数']}4"].value == f"=SUM({col['电话']}4:{col['电子邮件']}4)"
    assert sheet[f"{col['本周应回访']}5"].value == f"=SUM({col['按时完成']}5:{col['未到期']}5)"
    on_time, late, overdue = col["按时完成"], col["逾期完成"], col["仍逾期"]
    decided = f"({on_time}4+{late}4+{overdue}4)"
    assert sheet[f"{col['按时率']}4"].value == f'=IF({decided}=0,"",{on_time}4/{decided})'
    assert (
        sheet[f"{col['跟进率']}6"].value == f'=IF({col["投诉"]}6=0,"",{col["24小时内跟进"]}6/{col["投诉"]}6)'
    )
    for name in ("电话", "联系客户数", "新增客户", "30天以上未联系"):
        assert sheet[f"{col[name]}6"].value == f"=SUM({col[name]}4:{col[name]}5)"
    rated, average = col["评价次数"], col["平均满意度"]
    assert sheet[f"{average}6"].value == (
        f'=IF(SUM({rated}4:{rated}5)=0,"",SUMPRODUCT({rated}4:{rated}5,{average}4:{average}5)/SUM({rated}4:{rated}5))'
    )
    assert sheet[f"{col['按时率']}6"].number_format == "0.0%"
    assert sheet.freeze_panes == "B4" and sheet.auto_filter.ref == f"A3:{col['30天以上未联系']}5"


def test_comparison_with_the_previous_week(store, branch, tmp_path):
    rows = values(load_workbook(export(store, tmp_path))["汇总"])
    start = next(n for n, row in enumerate(rows) if row[0] == "与上周比较")
    assert rows[start + 1][:5] == ["指标", "本周", "上周", "变化", "变化率"]
    compared = {row[0]: row[1:5] for row in rows[start + 2 :] if row and row[0]}
    # Contacts: this week is the total row's cell, last week a value, then change formulas.
    this_week, previous, change, rate = compared["联系次数"]
    assert this_week == "=B6" and previous == 2
    assert change.startswith("=IF(") and "B" in change and rate.startswith("=IF(")
    assert compared["新增客户"][1] == 0 and compared["激活卡数"][1] == 1
    assert compared["30天以上未联系"][1] == 4  # c2, c6, c3, c7 were silent at the end of W46
    assert compared["本周应回访"][1] == 1 and compared["仍逾期"][1] == 1


def test_daily_activity_and_tier_mix_with_charts(store, branch, tmp_path):
    book = load_workbook(export(store, tmp_path))
    daily = values(book["每日联系"])
    assert daily[1][:3] == ["日期", "星期", "电话"]
    days = daily[2:9]
    assert [row[0].date() for row in days] == WEEK.days  # real dates
    per_day = [row[2:7] for row in days]  # phone, sms, wechat, visit, email
    assert per_day == [
        [1, 0, 1, 0, 0],  # Monday: 09:30 phone, 23:30 WeChat (still Monday in local time)
        [1, 0, 0, 0, 0],  # Tuesday 08:00 local (00:00 UTC)
        [0, 1, 0, 0, 0],
        [1, 0, 0, 0, 0],
        [0, 0, 0, 0, 1],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 1, 0],  # Sunday 23:59
    ]
    assert days[0][7] == "=SUM(C3:G3)" and daily[9][2] == "=SUM(C3:C9)"
    assert len(book["每日联系"]._charts) == 1 and len(book["客户结构"]._charts) == 1
    chart = book["每日联系"]._charts[0]
    assert chart.grouping == "stacked" and len(chart.series) == 5
    mix = {row[0]: row[1:9] for row in values(book["客户结构"])[2:7]}
    # Columns: prospect, applied, new, active, dormant, churn risk, closed, total
    assert mix["高价值"][3] == 1 and mix["年轻客群"][4] == 1 and mix["基础"][0] == 1
    assert mix["普通"][2:4] == [1, 2] and mix["普通"][6] == 1  # new, active; closed
    assert mix["普通"][7] == "=SUM(B5:H5)"


def test_lists_are_masked_and_in_order(store, branch, tmp_path):
    book = load_workbook(export(store, tmp_path))
    calls = values(book["联系明细"])
    assert len(calls) == 2 + 7
    assert calls[1][:4] == ["时间", "客户经理", "客户", "手机号"]
    assert calls[2][2] == "欧阳娜" and calls[2][3] == "139****5678"
    assert calls[2][0] == datetime(2026, 11, 16, 9, 30)  # local time, a real date
    assert calls[2][8] == "客户新号码138****5678"  # a mobile typed into the summary is masked too
    assert book["联系明细"].cell(4, 9).data_type == "s"  # "=1+1" stays text
    reminders = values(book["回访提醒"])[2:]
    assert [row[0] for row in reminders] == [
        datetime(2026, 11, 10, 9),
        datetime(2026, 11, 20, 9),  # overdue now, oldest first
        datetime(2026, 11, 17, 9),
        datetime(2026, 11, 18, 9),
        datetime(2026, 11, 25, 9),
    ]
    assert reminders[0][6] == 14 and "逾期" in reminders[0][5]
    attention = values(book["重点关注"])[2:]
    assert [row[2] for row in attention] == ["孙丽", "欧阳娜", "李明", "周杰"]
    assert [row[0] for row in attention] == ["高", "中", "中", "低"]
    assert "逾期还款" in attention[0][6] and "从未联系" in attention[3][6]
    everything = json.dumps([values(s) for s in book.worksheets], default=str, ensure_ascii=False)
    for full in [*MOBILES.values(), ID_NUMBER, "13812345678"]:
        assert full not in everything


def test_one_managers_review_and_the_audit_event(store, branch, tmp_path):
    assert resolve_managers(store, "王芳", False) == [OTHER]
    assert resolve_managers(store, "wangfang", False) == [OTHER]
    assert resolve_managers(store, None, True) is None
    assert resolve_managers(store, None, False) == [store.actor.id]
    with pytest.raises(ValidationError) as failure:
        resolve_managers(store, "nobody", False)
    assert "王芳" in failure.value.message()
    book = load_workbook(export(store, tmp_path, managers=[OTHER]))
    rows = summary_rows(book)
    assert list(rows) == ["王芳", "合计"] and rows["王芳"]["电话"] == 2
    assert {row[1] for row in values(book["联系明细"])[2:]} == {"王芳"}
    assert "王芳" in values(book["汇总"])[0][0]
    with store.read() as s:
        (event,) = s.scalars(select(AuditEvent).where(AuditEvent.action == "export.weekly_review"))
    detail = json.loads(event.detail)
    assert detail["week"] == "2026-W47" and detail["managers"] == [OTHER] and detail["masked"] is True
    assert detail["rows"] == {"calls": 3, "reminders": 1, "attention": 1}  # 周杰 (赵磊 may not be called)
    assert event.actor_id == store.actor.id


def test_in_english_when_the_ui_is(store, branch, tmp_path, chinese_labels):
    for translator in chinese_labels:
        QCoreApplication.removeTranslator(translator)
    set_language("en")
    try:
        book = load_workbook(export(store, tmp_path))
    finally:
        set_language(None)
    assert book.sheetnames == [
        "Summary",
        "Daily activity",
        "Tier mix",
        "Calls",
        "Reminders",
        "Attention list",
    ]
    header = values(book["Summary"])[2]
    assert header[:3] == ["Manager", "Contacts", "Phone"] and "On-time rate" in header
    assert values(book["Summary"])[0][0].startswith("Weekly review 2026-W47")
    assert values(book["Attention list"])[2][0] == "High"


def test_week_parsing():
    assert ReviewWeek.parse("2026-W47") == WEEK == ReviewWeek.parse("2026w47")
    assert ReviewWeek.last_complete(date(2026, 11, 24)) == WEEK
    assert ReviewWeek.containing(date(2027, 1, 1)) == ReviewWeek(2026, 53)
    for bad in ("2026-47", "2026-W54", "W47", ""):
        with pytest.raises(ValidationError):
            ReviewWeek.parse(bad)


def test_cli_export_weekly(store, branch, tmp_path, capsys):
    store.close()
    out = tmp_path / "w.xlsx"
    command = ["--data-dir", str(store.db_path.parent), "export", "weekly", "--week"]
    try:
        assert main([*command, "2026-W47", "--manager", "王芳", "--out", str(out)]) == 0
        assert main([*command, "2026-47", "--branch", "--out", str(out)]) == 2
        assert main([*command, "2026-W47", "--manager", "nobody", "--out", str(out)]) == 2
    finally:  # the command installs the app's translators; later tests expect none
        cli_excel.remove_translators()
    assert capsys.readouterr().err.count("2026-W47") == 1
    rows = summary_rows(load_workbook(out))
    assert list(rows) == ["王芳", "合计"] and rows["王芳"]["电话"] == 2


def _libreoffice(book: Path, out: Path, target: str) -> None:
    """Convert `book` with LibreOffice headless (a profile of its own: two runs at once must not
    share one, or the second writes nothing and still exits 0)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice (Debian: libreoffice-calc-nogui) is needed; .ci/run installs it"
    command = [soffice, "--headless", f"-env:UserInstallation=file://{out / 'lo-profile'}"]
    subprocess.run(
        [*command, "--convert-to", target, "--outdir", str(out), str(book)],
        check=True,
        capture_output=True,
        timeout=120,
        env={**os.environ, "HOME": str(out)},
    )


def _libreoffice_csv(book: Path, out: Path) -> dict[str, list[list[str]]]:
    """Each sheet as LibreOffice computes and shows it (the 9th CSV token: "as shown"), one CSV
    per sheet (the 12th: -1)."""
    _libreoffice(book, out, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1")
    sheets = {}
    for path in out.glob(f"{book.stem}-*.csv"):
        with path.open(encoding="utf-8") as handle:
            sheets[path.stem.removeprefix(f"{book.stem}-")] = list(csv.reader(handle))
    return sheets


def test_libreoffice_opens_it_and_computes_the_same_figures(store, branch, tmp_path):
    book = export(store, tmp_path)
    sheets = _libreoffice_csv(book, tmp_path)
    assert set(sheets) >= {"汇总", "每日联系", "客户结构", "联系明细", "回访提醒", "重点关注"}
    summary = sheets["汇总"]
    header = summary[2]
    total = next(row for row in summary if row and row[0] == "合计")
    figures = dict(zip(header, total, strict=False))
    assert figures["联系次数"] == "7" and figures["电话"] == "3" and figures["联系客户数"] == "4"
    assert figures["本周应回访"] == "4" and figures["按时率"] == "33.3%"
    assert figures["投诉"] == "2" and figures["跟进率"] == "50.0%" and figures["平均满意度"] == "3.25"
    assert figures["30天以上未联系"] == "2"
    me = next(row for row in summary if row and row[0] == store.actor.name)
    assert dict(zip(header, me, strict=False))["联系次数"] == "4"
    compared = {row[0]: row[1:5] for row in summary if row and row[0] in ("联系次数", "新增客户")}
    assert compared["联系次数"] == ["7", "2", "5", "250.0%"]
    daily_total = next(row for row in sheets["每日联系"] if row and row[0] == "合计")
    assert daily_total[2:8] == ["3", "1", "1", "1", "1", "7"]
    _libreoffice(book, tmp_path, "pdf")  # and it prints: one landscape page per sheet here
    pdf = (tmp_path / f"{book.stem}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page(?!s)", pdf)) == 6
