"""Search as you type and the filtered, sorted customer list."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from storage.services.calls import CallService
from storage.services.customer_query import (
    CustomerFilter,
    CustomerSort,
    birthday_ranges,
    count_customers,
    customer_seqs,
    fetch_rows,
    list_customers,
)
from storage.services.customers import CustomerService
from storage.services.reminders import ReminderService
from storage.services.tags import TagService

PEOPLE = [
    {
        "name": "张伟",
        "mobile": "13800138000",
        "id_number": "11010519491231002X",
        "tier": "high_value",
        "employer": "华为技术有限公司",
    },
    {"name": "张伟明", "mobile": "13912345678", "tier": "standard", "notes": "喜欢出境游"},
    {"name": "李娜", "mobile": "15012348000", "tier": "young", "employer": "市第一人民医院"},
    {"name": "曾凡丽", "mobile": "18600001111", "tier": "standard"},
    {"name": "欧阳娜", "mobile": "17700002222", "tier": "private_banking"},
    {"name": "阿力", "mobile": "19900003333", "tier": "basic", "risk_flags": ["overdue_repayment"]},
    {"name": "陈晨", "mobile": "13300004444", "tier": "standard", "lifecycle_stage": "active"},
]


@pytest.fixture
def book(store):
    service = CustomerService(store)
    ids = {p["name"]: service.create(p).new_id for p in PEOPLE}
    TagService(store).add(ids["李娜"], "有车一族")
    TagService(store).add(ids["陈晨"], "学生")
    return ids


def names(store, f=None, sort=CustomerSort.NAME, descending=False):
    with store.read() as s:
        return [r.name for r in list_customers(s, f or CustomerFilter(), sort, descending, limit=1000)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("张伟", {"张伟", "张伟明"}),  # 2 Chinese characters: the bigram index
        ("伟明", {"张伟明"}),  # a fragment from the middle
        ("张伟明", {"张伟明"}),  # 3+: the trigram index
        ("张", {"张伟", "张伟明"}),  # 1 character: surname prefix
        ("zw", {"张伟", "张伟明"}),  # pinyin initials
        ("zwm", {"张伟明"}),
        ("zhangwei", {"张伟", "张伟明"}),  # full spelling
        ("ZHANGW", {"张伟", "张伟明"}),
        ("zfl", {"曾凡丽"}),  # 曾 as a surname reads zeng
        ("zeng", {"曾凡丽"}),
        ("oyn", {"欧阳娜"}),
        ("8000", {"张伟", "李娜"}),  # last four of the mobile
        ("002X", {"张伟"}),  # last four of the ID number
        ("002x", {"张伟"}),
        ("1234", {"张伟明", "李娜"}),  # 4 digits also match inside a mobile
        ("139", {"张伟明"}),  # 3 digits: a fragment of the mobile
        ("13", {"张伟", "张伟明", "陈晨"}),  # 2 digits: mobile prefix
        ("华为", {"张伟"}),  # employer, 2 characters
        ("人民医院", {"李娜"}),  # employer, 4 characters
        ("出境游", {"张伟明"}),  # notes
        ("有车", {"李娜"}),  # tag, 2 characters
        ("有车一族", {"李娜"}),  # tag
        ("张 华为", {"张伟"}),  # several words: all must match
        ("ｚｗ", {"张伟", "张伟明"}),  # full-width letters
        ("王", set()),
        ("zzzz", set()),
        ('"张', set()),  # stray quote does not break FTS syntax
    ],
)
def test_search(store, book, query, expected):
    assert set(names(store, CustomerFilter(text=query))) == expected


def test_search_follows_edits_tags_and_deletes(store, book):
    service = CustomerService(store)
    service.update(book["李娜"], {"name": "李丽娜"})
    assert names(store, CustomerFilter(text="丽娜")) == ["李丽娜"]
    assert names(store, CustomerFilter(text="lln")) == ["李丽娜"]
    tags = TagService(store)
    tags.add(book["张伟"], "商旅人士")
    assert names(store, CustomerFilter(text="商旅")) == ["张伟"]
    ((tag_id, _),) = [t for t in tags.tags_of(book["张伟"]) if t[1] == "商旅人士"]
    tags.remove(book["张伟"], tag_id)
    assert names(store, CustomerFilter(text="商旅")) == []
    service.delete(book["张伟明"])
    assert names(store, CustomerFilter(text="zw")) == ["张伟"]
    with store.read() as s:
        fts = s.execute(text("SELECT count(*) FROM customer_fts")).scalar()
    assert fts == len(PEOPLE) - 1


def test_list_sorts_by_pinyin(store, book):
    assert names(store) == ["阿力", "陈晨", "李娜", "欧阳娜", "曾凡丽", "张伟", "张伟明"]
    assert names(store, descending=True)[0] == "张伟明"


def test_list_sort_by_tier(store, book):
    assert names(store, sort=CustomerSort.TIER)[:2] == ["欧阳娜", "张伟"]


def test_filters(store, book):
    assert names(store, CustomerFilter(tiers=("standard",))) == ["陈晨", "曾凡丽", "张伟明"]
    assert names(store, CustomerFilter(lifecycle_stages=("active",))) == ["陈晨"]
    assert names(store, CustomerFilter(risk_flagged=True)) == ["阿力"]
    ((tag_id, _, _),) = [t for t in TagService(store).all_tags() if t[1] == "学生"]
    assert names(store, CustomerFilter(tag_ids=(tag_id,))) == ["陈晨"]
    assert names(store, CustomerFilter(tiers=("standard",), text="zw")) == ["张伟明"]


def test_revisit_overdue_and_no_contact(store, book):
    now = datetime.now(UTC)
    ReminderService(store).create(book["李娜"], {"kind": "custom", "due_at": now - timedelta(days=1)})
    ReminderService(store).create(book["陈晨"], {"kind": "custom", "due_at": now + timedelta(days=1)})
    assert names(store, CustomerFilter(revisit_overdue=True)) == ["李娜"]
    call = {"channel": "phone", "purpose": "care", "outcome": "reached"}
    CallService(store).log_call(book["张伟"], {**call, "occurred_at": now - timedelta(days=40)})
    CallService(store).log_call(book["阿力"], {**call, "occurred_at": now - timedelta(days=3)})

    def no_contact(at):
        with store.read() as s:
            seqs = customer_seqs(s, CustomerFilter(no_contact_days=30), now=at)
            return sorted(r.name for r in fetch_rows(s, seqs).values())

    assert no_contact(now) == ["张伟"]  # the others were created just now
    assert no_contact(now + timedelta(days=25)) == ["张伟"]  # 阿力: 28 days
    assert len(no_contact(now + timedelta(days=31))) == len(PEOPLE)  # never contacted count too
    assert names(store, sort=CustomerSort.LAST_CONTACT)[:2] == ["张伟", "阿力"]


def test_birthday_within(store, book):
    today = datetime.now().astimezone().date()
    soon = today + timedelta(days=3)
    far = today + timedelta(days=40)
    service = CustomerService(store)
    service.update(
        book["陈晨"],
        {
            "birth_date": soon.replace(year=1990)
            if not (soon.month == 2 and soon.day == 29)
            else date(1992, 2, 29)
        },
    )
    service.update(
        book["阿力"],
        {
            "birth_date": far.replace(year=1985)
            if not (far.month == 2 and far.day == 29)
            else date(1988, 2, 29)
        },
    )
    assert names(store, CustomerFilter(birthday_within_days=7)) == ["陈晨"]


def test_birthday_ranges_wrap_the_year():
    assert birthday_ranges(date(2026, 12, 28), 7) == [(1228, 1231), (101, 104)]
    assert birthday_ranges(date(2026, 3, 1), 7) == [(301, 308)]


def test_count_and_rows(store, book):
    with store.read() as s:
        assert count_customers(s) == len(PEOPLE)
        assert count_customers(s, CustomerFilter(text="zw")) == 2
        seqs = customer_seqs(s, CustomerFilter(text="李娜"))
        (row,) = fetch_rows(s, seqs).values()
    assert row.tags == "有车一族" and row.mobile == "15012348000" and row.tier == "young"
