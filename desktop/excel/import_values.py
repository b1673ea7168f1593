"""Turning a head-office cell's text into the value the record cleaners expect.

Closed vocabularies (tier, lifecycle, gender, card status …) accept the stored code, the English
label and the Chinese label the window shows (the zh_CN translation of `desktop/labels.py`; a
test keeps the two in step), plus the few synonyms head-office lists use. Dates come in the usual
forms (2024-03-05, 2024/3/5, 2024年3月5日, 20240305, a real Excel date), amounts as 50000, 50,000,
¥50,000 or 5万. The checks proper (ID check digit, mobile format, lengths …) stay with
`storage.record_validation`, as for manual entry: this module only reads what the cell says.

Qt-free on purpose: the import runs from the command line and in a worker thread.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from desktop.excel.import_source import NumberText
from storage.errors import ValidationError
from storage.messages import ZH, current_language
from storage.services.tags import clean_tag_name

# code → (English label, Chinese label, other words). Labels as in desktop/labels.py.
VOCABULARIES: dict[str, dict[str, tuple[str, ...]]] = {
    "gender": {
        "male": ("Male", "男", "男性", "m"),
        "female": ("Female", "女", "女性", "f"),
    },
    "tier": {
        "private_banking": ("Private banking", "私人银行", "私行", "私人银行客户"),
        "high_value": ("High value", "高价值", "高价值客户", "高端"),
        "standard": ("Standard", "普通", "普通客户", "标准"),
        "young": ("Young", "年轻客群", "年轻"),
        "basic": ("Basic", "基础", "基础客户"),
    },
    "lifecycle_stage": {
        "prospect": ("Prospect", "潜在客户", "潜客"),
        "applied": ("Applied", "已申请", "申请中"),
        "new": ("New", "新户", "新客户", "新客"),
        "active": ("Active", "活跃", "活跃客户"),
        "dormant": ("Dormant", "睡眠", "沉睡", "睡眠客户"),
        "churn_risk": ("Churn risk", "流失风险", "流失预警"),
        "closed": ("Closed", "销户", "已销户"),
    },
    "income_band": {
        "under_5k": ("Under 5,000", "5,000 元以下", "5000以下"),
        "5k_10k": ("5,000–10,000", "5,000–10,000 元", "5000-10000"),
        "10k_20k": ("10,000–20,000", "10,000–20,000 元", "10000-20000"),
        "20k_50k": ("20,000–50,000", "20,000–50,000 元", "20000-50000"),
        "over_50k": ("Over 50,000", "50,000 元以上", "50000以上"),
    },
    "preferred_channel": {
        "phone": ("Phone", "电话"),
        "sms": ("SMS", "短信"),
        "wechat": ("WeChat", "微信"),
        "visit": ("Visit", "面访", "上门", "网点"),
        "email": ("E-mail", "电子邮件", "邮件", "邮箱"),
    },
    "card_status": {
        "pending_activation": ("Not activated", "未激活", "待激活"),
        "active": ("Active", "活跃", "已激活", "正常"),
        "dormant": ("Dormant", "睡眠", "睡眠卡"),
        "frozen": ("Frozen", "冻结", "已冻结"),
        "closed": ("Closed", "销户", "已销卡", "销卡"),
    },
}
_YES = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "on"})
_NO = frozenset({"否", "n", "no", "false", "0", "×", "off"})
DATE_FIELDS = frozenset({"birth_date", "open_date", "activation_date"})
# Text that Excel shows for a number too long for it: 1.10105E+17 (the digits are gone).
_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?e\+?\d+")
# A time after the date (a date-time cell, "2024-03-05 00:00:00" from a CSV) is ignored.
_DATE = re.compile(
    r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_AMOUNT = re.compile(r"[¥￥]?\s*([\d,，]*\.?\d+)\s*(万|w|k|千)?\s*元?")
_TAG_SEPARATORS = re.compile(r"[，,;；、/\s]+")
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (its 1900-02-29 bug included)


def _folded(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).lower()


def _word_table(words: dict[str, tuple[str, ...]]) -> dict[str, str]:
    table = {}
    for code, names in words.items():
        for word in (code, *names):
            table[_folded(word)] = code
    return table


_WORD_TABLES = {field: _word_table(words) for field, words in VOCABULARIES.items()}


def convert(field: str, text: str) -> object:
    """The value for `field` that the cell text `text` gives (ValidationError if it cannot)."""
    if field == "id_number":
        return _id_number(text)
    if field == "last4" and isinstance(text, NumberText) and len(text) < 4:
        raise ValidationError(field, "import_number_zeros")
    if field in _WORD_TABLES:
        return _choice(field, text)
    if field in DATE_FIELDS:
        return parse_date(field, text)
    if field == "credit_limit":
        return parse_amount(field, text)
    if field == "do_not_contact":
        return _yes_no(field, text)
    if field == "tags":
        return split_tags(text)
    return text


def _id_number(text: str) -> str:
    # A number cell has lost the last digits already (Excel keeps 15): never guess them back.
    if isinstance(text, NumberText) or _SCIENTIFIC.fullmatch(_folded(text)):
        raise ValidationError("id_number", "import_number_id")
    return text


def _choice(field: str, text: str) -> str:
    code = _WORD_TABLES[field].get(_folded(text))
    if code is None:
        shown = 1 if current_language() == ZH else 0
        choices = "、".join(names[shown] for names in VOCABULARIES[field].values())
        raise ValidationError(field, "choice", choices=choices)
    return code


def parse_date(field: str, text: str) -> date:
    """A date from 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305 or an Excel day number."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    try:
        match = _DATE.fullmatch(cleaned) or _COMPACT_DATE.fullmatch(cleaned)
        if match:
            return date(*(int(part) for part in match.groups()))
        if isinstance(text, NumberText) and cleaned.isdigit() and len(cleaned) <= 5:
            return _EXCEL_EPOCH + timedelta(days=int(cleaned))  # a date cell without its format
    except (ValueError, OverflowError):
        pass
    raise ValidationError(field, "date_format")


def parse_amount(field: str, text: str) -> int:
    """Whole yuan from 50000, 50,000, ¥50,000.00, 50000元, 5万 or 5.5万."""
    match = _AMOUNT.fullmatch(_folded(text))
    if match:
        digits, unit = match.group(1).replace(",", "").replace("，", ""), match.group(2)
        scale = {"万": 10_000, "w": 10_000, "k": 1_000, "千": 1_000}.get(unit or "", 1)
        try:
            amount = Decimal(digits) * scale
        except InvalidOperation:
            amount = None
        if amount is not None and amount == amount.to_integral_value():
            return int(amount)
    raise ValidationError(field, "import_amount")


def _yes_no(field: str, text: str) -> bool:
    folded = _folded(text)
    if folded in _YES or folded in _NO:
        return folded in _YES
    raise ValidationError(field, "choice", choices="是、否" if current_language() == ZH else "yes, no")


def split_tags(text: str) -> list[str]:
    """Tag names from "高净值，有车一族、商旅人士" (separators ，,;；、/ and spaces), each checked."""
    names = []
    for part in _TAG_SEPARATORS.split(text):
        if part:
            name = clean_tag_name(part)
            if name not in names:
                names.append(name)
    return names
