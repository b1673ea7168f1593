"""Field checkers and record cleaners in storage.validation (no database, no Qt)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest

from storage.enums import Channel, Gender, ReminderKind, RiskFlag, Tier
from storage.errors import ValidationError
from storage.messages import EN, MESSAGES, ZH
from storage.record_validation import (
    clean_call,
    clean_card,
    clean_customer,
    clean_reminder,
)
from storage.timeutil import local_today
from storage.validation import (
    birth_date_from_id,
    check_birth_matches_id,
    check_bool,
    check_choice,
    check_date,
    check_datetime,
    check_email,
    check_id_number,
    check_int,
    check_last4,
    check_mobile,
    check_recurrence,
    check_text,
    check_time_of_day,
    gender_from_id,
    id_check_digit,
)

PUBLISHED_ID = "11010519491231002X"  # GB 11643-1999's own example, check digit X


def make_id(first17: str) -> str:
    """A well-formed ID number: the 17 digits plus their correct check digit."""
    return first17 + id_check_digit(first17)


def fails(code: str, func, *args, **kwargs) -> ValidationError:
    """Call `func`, expect ValidationError with `code`, return it."""
    with pytest.raises(ValidationError) as err:
        func(*args, **kwargs)
    assert err.value.code == code, err.value.params
    return err.value


# ID numbers ---------------------------------------------------------------------------------------


def test_check_digit_of_the_published_example_is_x():
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("31011520000229456") == "7"
    with pytest.raises(ValueError):
        id_check_digit("1101051949123100")


@pytest.mark.parametrize(
    "first17",
    [
        "11010519491231002",
        "44030419900307123",
        "31011520000229456",
        "65010219850615001",
        "82000019771111888",
        "35020320240101002",
    ],
)
def test_valid_id_numbers(first17):
    number = make_id(first17)
    assert check_id_number(number) == number


def test_published_example_is_valid_and_lowercase_x_and_spaces_normalised():
    assert check_id_number(PUBLISHED_ID) == PUBLISHED_ID
    assert check_id_number(" 110105 19491231 002x ") == PUBLISHED_ID
    assert check_id_number("１１０１０５１９４９１２３１００２Ｘ") == PUBLISHED_ID  # full-width input
    assert check_id_number(None) is None and check_id_number("  ") is None


def test_wrong_check_digit():
    err = fails("id_checksum", check_id_number, "110105194912310021")
    assert err.field == "id_number"
    fails("id_checksum", check_id_number, "31011520000229456X")
    fails("id_checksum", check_id_number, "310115200002294568")


@pytest.mark.parametrize(
    "first17", ["11010519990230001", "11010518500101001", "11010519491301002", "11010519490000002"]
)
def test_impossible_birth_dates(first17):
    fails("id_birth_date", check_id_number, make_id(first17))


def test_future_birth_date_is_refused():
    tomorrow = local_today() + timedelta(days=1)
    fails("id_birth_date", check_id_number, make_id(f"110105{tomorrow:%Y%m%d}001"))


@pytest.mark.parametrize(
    "value",
    [
        "11010519491231002",
        "11010519491231002X1",
        "1101051949123100XX",
        "A1010519491231002X",
        "110105-19491231-002X",
    ],
)
def test_malformed_id_numbers(value):
    fails("id_format", check_id_number, value, "id_number")


@pytest.mark.parametrize("region", ["10", "16", "20", "39", "72", "84", "99", "00"])
def test_unknown_region(region):
    fails("id_region", check_id_number, make_id(f"{region}010519491231002"))


def test_codes_checked_in_order():
    # Bad region and bad date: the region is reported first; bad date and bad checksum: the date.
    fails("id_region", check_id_number, "99010519990230001X")
    fails("id_birth_date", check_id_number, "110105199902300010")


def test_birth_date_and_gender_from_id():
    assert birth_date_from_id(PUBLISHED_ID) == date(1949, 12, 31)
    assert gender_from_id(PUBLISHED_ID) is Gender.FEMALE  # 17th digit 2
    assert gender_from_id(make_id("44030419900307123")) is Gender.MALE  # 17th digit 3


def test_birth_must_match_id():
    check_birth_matches_id(date(1949, 12, 31), PUBLISHED_ID)
    check_birth_matches_id(None, PUBLISHED_ID)
    check_birth_matches_id(date(1950, 1, 1), None)
    err = fails("id_birth_mismatch", check_birth_matches_id, date(1950, 1, 1), PUBLISHED_ID)
    assert err.field == "birth_date"
    assert err.params["id_date"] == "1949-12-31" and err.params["birth_date"] == "1950-01-01"


# Contact details ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "13800138000",
        "+86 138-0013-8000",
        "86 13800138000",
        "008613800138000",
        "138 0013 8000",
        "+8613800138000",
        "１３８００１３８０００",
    ],
)
def test_valid_mobiles_are_normalised(value):
    assert check_mobile(value) == "13800138000"


@pytest.mark.parametrize(
    "value",
    [
        "1380013800",
        "138001380001",
        "12800138000",
        "23800138000",
        "+1 138 0013 8000",
        "1380013800a",
        "861380013800",
    ],
)
def test_invalid_mobiles(value):
    err = fails("mobile_format", check_mobile, value)
    assert err.field == "mobile"


def test_empty_mobile_is_none():
    assert check_mobile("") is None and check_mobile(None) is None


def test_emails():
    assert check_email(" Zhang.Wei+card@Example.COM ") == "Zhang.Wei+card@example.com"
    assert check_email("li_na@mail.bank.com.cn") == "li_na@mail.bank.com.cn"
    assert check_email("") is None
    for bad in [
        "zhangwei",
        "zhang@",
        "@example.com",
        "zhang@@example.com",
        "zhang wei@example.com",
        "zhang@example",
        "zhang..wei@example.com",
        "张伟@example.com",
    ]:
        fails("email_format", check_email, bad)
    fails("too_long", check_email, "a" * 60 + "@" + "b" * 190 + ".com")


# Text -------------------------------------------------------------------------------------------


def test_text_strips_and_removes_control_characters():
    assert check_text("  张伟\x00\x07 ", "name", max_len=50) == "张伟"
    assert check_text("第一行\r\n第二行\t!", "address", max_len=50) == "第一行 第二行 !"
    assert check_text("第一行\r\n第二行\t!\x1b", "notes", max_len=50, multiline=True) == "第一行\n第二行\t!"
    assert check_text("   ", "notes", max_len=50) is None
    assert check_text(None, "notes", max_len=50) is None


def test_text_required_and_too_long():
    err = fails("required", check_text, " \x00 ", "name", max_len=50, required=True)
    assert err.field == "name"
    err = fails("too_long", check_text, "x" * 51, "name", max_len=50)
    assert err.params["max"] == 50
    assert check_text("x" * 50, "name", max_len=50) == "x" * 50


# Dates and times --------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2026-01-31", "2026/01/31", "20260131", "2026-1-31", date(2026, 1, 31)])
def test_dates(value):
    assert check_date(value, "open_date") == date(2026, 1, 31)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "2026-13-01",
        "20260230",
        "31/01/2026",
        "2026-01/31",
        "tomorrow",
        datetime(2026, 1, 31, 9, 0),
        20260131,
    ],
)
def test_bad_dates(value):
    fails("date_format", check_date, value, "open_date")


def test_date_range():
    low, high = date(1900, 1, 1), date(2026, 1, 31)
    assert check_date("1900-01-01", "birth_date", min_value=low, max_value=high) == low
    err = fails("date_range", check_date, "1899-12-31", "birth_date", min_value=low, max_value=high)
    assert err.params == {"field": "birth_date", "min": "1900-01-01", "max": "2026-01-31"}
    fails("date_range", check_date, "2026-02-01", "birth_date", max_value=high)
    assert check_date("", "birth_date") is None


def test_naive_datetimes_are_local_time_converted_to_utc(shanghai_time):
    expected = datetime(2026, 3, 1, 2, 0, tzinfo=UTC)
    assert check_datetime(datetime(2026, 3, 1, 10, 0), "due_at") == expected
    assert check_datetime("2026-03-01 10:00", "due_at") == expected
    assert check_datetime("2026-03-01 10:00:00", "due_at") == expected
    assert check_datetime("2026-03-01T10:00", "due_at") == expected
    assert check_datetime("2026/3/1 10:00", "due_at") == expected


def test_aware_datetimes_and_offsets():
    plus8 = timezone(timedelta(hours=8))
    result = check_datetime(datetime(2026, 3, 1, 10, 0, tzinfo=plus8), "due_at")
    assert result == datetime(2026, 3, 1, 2, 0, tzinfo=UTC) and result.tzinfo is UTC
    assert check_datetime("2026-03-01T10:00:00+08:00", "due_at") == datetime(2026, 3, 1, 2, tzinfo=UTC)
    assert check_datetime("2026-03-01T02:00:00Z", "due_at") == datetime(2026, 3, 1, 2, tzinfo=UTC)
    naive = check_datetime(datetime(2026, 3, 1, 10, 0), "due_at")
    assert naive.tzinfo is UTC
    assert check_datetime(None, "due_at") is None


@pytest.mark.parametrize("value", ["2026-02-30 10:00", "2026-03-01 25:00", "next week", 1700000000])
def test_bad_datetimes(value):
    err = fails("datetime_format", check_datetime, value, "due_at")
    assert err.field == "due_at"


def test_time_of_day():
    assert check_time_of_day("9:00", "contact_hours_start") == "09:00"
    assert check_time_of_day("21:30", "contact_hours_start") == "21:30"
    assert check_time_of_day("９：０５", "contact_hours_start") == "09:05"
    assert check_time_of_day(time(8, 5, 30), "contact_hours_start") == "08:05"
    assert check_time_of_day("", "contact_hours_start") is None
    for bad in ["24:00", "9:60", "0900", "9", "9:5", "nine"]:
        fails("time_format", check_time_of_day, bad, "contact_hours_start")


# Choices, numbers, flags ------------------------------------------------------------------------


def test_choices():
    assert check_choice(Tier.HIGH_VALUE, Tier, "tier") == "high_value"
    assert check_choice(" high_value ", Tier, "tier") == "high_value"
    assert check_choice(None, Tier, "tier") is None
    err = fails("choice", check_choice, "gold", Tier, "tier")
    assert err.params["choices"] == "private_banking, high_value, standard, young, basic"
    fails("choice", check_choice, Channel.PHONE, Tier, "tier")
    fails("choice", check_choice, 3, Tier, "tier")
    fails("required", check_choice, "", Tier, "tier", required=True)


def test_ints():
    assert check_int(5, "satisfaction", min_value=1, max_value=5) == 5
    assert check_int(" 50,000 ", "credit_limit", min_value=0, max_value=10_000_000) == 50_000
    assert check_int(3.0, "satisfaction", min_value=1, max_value=5) == 3
    assert check_int(None, "satisfaction", min_value=1, max_value=5) is None
    for bad in [6, 0, "6", True, 2.5, "2.5", "three", [3]]:
        err = fails("number_range", check_int, bad, "satisfaction", min_value=1, max_value=5)
        assert (err.params["min"], err.params["max"]) == (1, 5)
    fails("required", check_int, "", "satisfaction", min_value=1, max_value=5, required=True)


def test_bools():
    assert check_bool(True, "do_not_contact") is True
    assert check_bool(None, "do_not_contact") is False
    assert check_bool("yes", "do_not_contact") is True and check_bool("False", "do_not_contact") is False
    assert check_bool(1, "do_not_contact") is True and check_bool(0, "do_not_contact") is False
    fails("choice", check_bool, "maybe", "do_not_contact")
    fails("choice", check_bool, 2, "do_not_contact")


def test_last4():
    assert check_last4("0123") == "0123"
    assert check_last4(" 8888 ") == "8888"
    assert check_last4(None) is None
    for bad in ["123", "12345", "12a4", "１２３４５"]:
        err = fails("card_last4", check_last4, bad)
        assert err.field == "last4"


def test_recurrence():
    assert check_recurrence("FREQ=MONTHLY;INTERVAL=1") == "FREQ=MONTHLY;INTERVAL=1"
    assert check_recurrence("RRULE:freq=weekly;byday=MO,FR") == "FREQ=WEEKLY;BYDAY=MO,FR"
    assert check_recurrence("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31;COUNT=5") == (
        "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=31;COUNT=5"
    )
    assert check_recurrence("FREQ=DAILY;UNTIL=20261231T000000Z")
    assert check_recurrence(None) is None and check_recurrence("") is None
    for bad in [
        "EVERY=DAY",
        "INTERVAL=1",
        "FREQ=FORTNIGHTLY",
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=MONTHLY;INTERVAL",
        "FREQ=MONTHLY;FREQ=WEEKLY",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=MONTHLY;BYMONTH=13",
        "FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z",
        "FREQ=DAILY;UNTIL=tomorrow",
        "FREQ=SECONDLY",
    ]:
        err = fails("recurrence_format", check_recurrence, bad)
        assert err.field == "recurrence"


# Record cleaners ----------------------------------------------------------------------------------


def test_clean_customer_create_fills_defaults_and_from_id():
    values = clean_customer(
        {"name": " 张伟 ", "id_number": "11010519491231002x", "mobile": "+86 138-0013-8000"}
    )
    assert values == {
        "name": "张伟",
        "id_number": PUBLISHED_ID,
        "mobile": "13800138000",
        "birth_date": date(1949, 12, 31),
        "gender": "female",
        "tier": "standard",
        "lifecycle_stage": "prospect",
        "do_not_contact": False,
        "marketing_consent": False,
        "risk_flags": "",
    }


def test_clean_customer_keeps_given_gender_and_birth_date():
    values = clean_customer(
        {"name": "张伟", "id_number": PUBLISHED_ID, "gender": Gender.MALE, "birth_date": "1949-12-31"}
    )
    assert values["gender"] == "male" and values["birth_date"] == date(1949, 12, 31)


def test_clean_customer_update_returns_only_given_keys():
    current = {"name": "张伟", "gender": "female", "birth_date": None, "id_number": None, "tier": "standard"}
    assert clean_customer({"employer": " 中国移动 "}, current) == {"employer": "中国移动"}
    values = clean_customer({"id_number": PUBLISHED_ID}, current)
    assert values == {"id_number": PUBLISHED_ID, "birth_date": date(1949, 12, 31)}  # gender was set


def test_clean_customer_birth_mismatch_names_birth_date():
    err = fails(
        "id_birth_mismatch",
        clean_customer,
        {"name": "张伟", "id_number": PUBLISHED_ID, "birth_date": "1950-01-01"},
    )
    assert err.field == "birth_date"
    current = {"name": "张伟", "birth_date": date(1950, 1, 1), "id_number": None}
    err = fails("id_birth_mismatch", clean_customer, {"id_number": PUBLISHED_ID}, current)
    assert err.field == "birth_date"
    current = {"name": "张伟", "birth_date": date(1949, 12, 31), "id_number": PUBLISHED_ID}
    fails("id_birth_mismatch", clean_customer, {"birth_date": "1949-12-30"}, current)


def test_clean_customer_failures():
    assert fails("required", clean_customer, {"mobile": "13800138000"}).field == "name"
    assert fails("required", clean_customer, {"name": "  "}, {"name": "张伟"}).field == "name"
    assert fails("unknown_field", clean_customer, {"name": "张伟", "salary": 1}).field == "salary"
    assert fails("unknown_field", clean_customer, {"name": "张伟", "name_pinyin": "x"}).field == "name_pinyin"
    assert fails("mobile_format", clean_customer, {"name": "张伟", "mobile": "1380013800"}).field == "mobile"
    assert fails("required", clean_customer, {"tier": None}, {"tier": "standard"}).field == "tier"
    fails("choice", clean_customer, {"name": "张伟", "tier": "vip"})
    fails("date_range", clean_customer, {"name": "张伟", "birth_date": local_today() + timedelta(days=1)})
    fails("date_range", clean_customer, {"name": "张伟", "birth_date": "1899-12-31"})
    fails("number_range", clean_customer, {"name": "张伟", "max_contacts_per_week": 51})
    fails("too_long", clean_customer, {"name": "张伟", "notes": "备" * 4001})


def test_clean_customer_risk_flags_are_normalised():
    flags = [RiskFlag.UNUSUAL_CARD_USE, "dormant_card", "overdue_repayment", "dormant_card"]
    expected = "dormant_card,overdue_repayment,unusual_card_use"
    assert clean_customer({"risk_flags": flags}, {})["risk_flags"] == expected
    assert clean_customer({"risk_flags": set(flags)}, {})["risk_flags"] == expected
    assert (
        clean_customer({"risk_flags": " unusual_card_use, dormant_card,，overdue_repayment"}, {})[
            "risk_flags"
        ]
        == expected
    )
    assert clean_customer({"risk_flags": []}, {})["risk_flags"] == ""
    assert clean_customer({"risk_flags": None}, {})["risk_flags"] == ""
    assert fails("choice", clean_customer, {"risk_flags": ["fraud"]}, {}).field == "risk_flags"


def test_clean_customer_contact_hours():
    values = clean_customer({"contact_hours_start": "9:00", "contact_hours_end": "18:30"}, {})
    assert values == {"contact_hours_start": "09:00", "contact_hours_end": "18:30"}
    err = fails(
        "contact_hours_order",
        clean_customer,
        {"contact_hours_start": "18:00", "contact_hours_end": "09:00"},
        {},
    )
    assert err.field == "contact_hours_end"
    current = {"contact_hours_start": "10:00", "contact_hours_end": "12:00"}
    fails("contact_hours_order", clean_customer, {"contact_hours_end": "10:00"}, current)
    assert clean_customer({"contact_hours_start": None}, current) == {"contact_hours_start": None}


def test_clean_customer_consent_and_flags():
    values = clean_customer(
        {
            "marketing_consent": "true",
            "do_not_contact": 1,
            "marketing_consent_at": "2026-01-05T08:00:00+08:00",
        },
        {},
    )
    assert values == {
        "marketing_consent": True,
        "do_not_contact": True,
        "marketing_consent_at": datetime(2026, 1, 5, 0, 0, tzinfo=UTC),
    }


def test_clean_card():
    values = clean_card(
        {"product": "白金卡", "last4": "8888", "credit_limit": "50000", "open_date": "2026-01-10"}
    )
    assert values == {
        "product": "白金卡",
        "last4": "8888",
        "credit_limit": 50_000,
        "open_date": date(2026, 1, 10),
        "status": "pending_activation",
    }
    active = clean_card({"product": "白金卡", "last4": "8888", "activation_date": "2026-01-12"})
    assert active["status"] == "active"
    assert clean_card({"activation_date": "2026-01-12"}, {"open_date": date(2026, 1, 10)}) == {
        "activation_date": date(2026, 1, 12)
    }  # no default status on update


def test_clean_card_failures():
    assert fails("required", clean_card, {"last4": "8888"}).field == "product"
    assert fails("required", clean_card, {"product": "金卡"}).field == "last4"
    assert fails("card_last4", clean_card, {"product": "金卡", "last4": "12a4"}).field == "last4"
    assert fails("number_range", clean_card, {"credit_limit": 10_000_001}, {}).field == "credit_limit"
    fails("number_range", clean_card, {"credit_limit": -1}, {})
    err = fails(
        "activation_before_open",
        clean_card,
        {"activation_date": "2025-12-01"},
        {"open_date": date(2026, 1, 10), "activation_date": None},
    )
    assert err.field == "activation_date" and err.params["open_date"] == "2026-01-10"
    fails(
        "activation_before_open",
        clean_card,
        {"open_date": "2026-02-01"},
        {"activation_date": date(2026, 1, 12)},
    )
    fails("choice", clean_card, {"status": "lost"}, {})
    assert fails("unknown_field", clean_card, {"customer_id": "x"}, {}).field == "customer_id"


CALL = {"channel": "phone", "purpose": "periodic_revisit", "outcome": "reached"}


def test_clean_call():
    when = datetime.now(UTC) - timedelta(hours=2)
    values = clean_call(
        {
            **CALL,
            "occurred_at": when,
            "satisfaction": "5",
            "summary": " 已沟通\r\n额度 ",
            "next_step": "寄资料",
            "next_step_at": when + timedelta(days=3),
        }
    )
    assert values["direction"] == "outbound" and values["satisfaction"] == 5
    assert values["summary"] == "已沟通\n额度" and values["occurred_at"] == when
    assert clean_call({**CALL, "occurred_at": when, "direction": "inbound"})["direction"] == "inbound"
    soon = datetime.now(UTC) + timedelta(hours=20)  # a little ahead is fine (clock skew, planned visit)
    assert clean_call({**CALL, "occurred_at": soon})["occurred_at"] == soon


def test_clean_call_failures():
    when = datetime.now(UTC) - timedelta(hours=2)
    assert fails("required", clean_call, CALL).field == "occurred_at"
    assert fails("required", clean_call, {**CALL, "occurred_at": when, "outcome": None}).field == "outcome"
    err = fails("in_future", clean_call, {**CALL, "occurred_at": datetime.now(UTC) + timedelta(days=2)})
    assert err.field == "occurred_at"
    assert fails("number_range", clean_call, {**CALL, "occurred_at": when, "satisfaction": 6}).field == (
        "satisfaction"
    )
    fails("number_range", clean_call, {**CALL, "occurred_at": when, "duration_seconds": 86_401})
    err = fails("next_step_before_call", clean_call, {**CALL, "occurred_at": when, "next_step_at": when})
    assert err.field == "next_step_at"
    fails(
        "next_step_before_call", clean_call, {"next_step_at": when - timedelta(days=1)}, {"occurred_at": when}
    )
    fails("choice", clean_call, {**CALL, "occurred_at": when, "channel": "fax"})


def test_clean_reminder():
    values = clean_reminder(
        {
            "kind": ReminderKind.BIRTHDAY,
            "due_at": "2030-01-01T09:00:00+08:00",
            "recurrence": "FREQ=YEARLY",
            "notes": " 生日 ",
        }
    )
    assert values == {
        "kind": "birthday",
        "due_at": datetime(2030, 1, 1, 1, 0, tzinfo=UTC),
        "recurrence": "FREQ=YEARLY",
        "notes": "生日",
    }
    assert fails("required", clean_reminder, {"kind": "custom"}).field == "due_at"
    assert fails("choice", clean_reminder, {"kind": "party", "due_at": "2030-01-01 09:00"}).field == "kind"
    assert fails("recurrence_format", clean_reminder, {"recurrence": "EVERY=DAY"}, {}).field == "recurrence"
    assert fails("unknown_field", clean_reminder, {"status": "done"}, {}).field == "status"


# Messages -----------------------------------------------------------------------------------------


def test_messages_render_in_both_languages_with_field_labels():
    err = fails("id_checksum", check_id_number, "110105194912310021")
    assert "身份证号" in err.message(ZH) and "校验码" in err.message(ZH)
    assert "ID number" in err.message(EN) and "check digit" in err.message(EN)
    err = fails("too_long", check_text, "x" * 51, "name", max_len=50)
    assert err.message(ZH) == "姓名超过 50 个字符。"
    assert err.message(EN) == "Name is longer than 50 characters."
    err = fails(
        "id_birth_mismatch",
        clean_customer,
        {"name": "张伟", "id_number": PUBLISHED_ID, "birth_date": "1950-01-01"},
    )
    assert "1949-12-31" in err.message(ZH) and "1950-01-01" in err.message(EN)
    err = fails("choice", check_choice, "gold", Tier, "tier")
    assert err.message(ZH).startswith("客户层级") and err.message(EN).startswith("Tier")
    err = fails("recurrence_format", check_recurrence, "EVERY=DAY")
    assert "重复规则" in err.message(ZH) and "Recurrence" in err.message(EN)


@pytest.mark.parametrize(
    "code",
    [
        "recurrence_format",
        "contact_hours_order",
        "activation_before_open",
        "in_future",
        "next_step_before_call",
    ],
)
def test_new_codes_have_both_languages(code):
    assert MESSAGES[code][EN] and MESSAGES[code][ZH]


def test_new_codes_render_with_labels():
    err = fails(
        "activation_before_open",
        clean_card,
        {"activation_date": "2025-12-01"},
        {"open_date": date(2026, 1, 10)},
    )
    assert err.message(ZH) == "激活日期不能早于开卡日期（2026-01-10）。"
    assert err.message(EN) == "Activation date cannot be before the open date (2026-01-10)."
    err = fails("in_future", clean_call, {**CALL, "occurred_at": datetime.now(UTC) + timedelta(days=3)})
    assert err.message(ZH).startswith("时间") and err.message(EN).startswith("Time")
    err = fails(
        "next_step_before_call",
        clean_call,
        {"next_step_at": "2020-01-01 09:00"},
        {"occurred_at": datetime(2026, 1, 1, tzinfo=UTC)},
    )
    assert "下一步日期" in err.message(ZH) and "Next step date" in err.message(EN)
    err = fails(
        "contact_hours_order",
        clean_customer,
        {"contact_hours_start": "18:00", "contact_hours_end": "09:00"},
        {},
    )
    assert "最晚联系时间" in err.message(ZH) and "latest contact time" in err.message(EN)
