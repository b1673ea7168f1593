"""Which column of a head-office list holds which field: header recognition and the user's mapping.

Head office names its columns in many ways (姓名 / 客户姓名 / Name, 手机号 / 移动电话 / mobile …),
often with a "(必填)" or "*" marker, full-width letters or stray spaces. A header is normalised
(NFKC, lower case, no spaces or punctuation, markers dropped) and looked up in a table of the
usual names plus every field's own label in both languages — so a list exported by BranchDesk
itself is recognised too. Columns nobody recognises stay unmapped and are listed for the user.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence

from openpyxl.utils import get_column_letter

from storage.errors import BranchDeskError
from storage.messages import EN, ZH, label

CUSTOMER_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "mobile",
    "email",
    "wechat_id",
    "address",
    "occupation",
    "employer",
    "income_band",
    "tier",
    "lifecycle_stage",
    "preferred_channel",
    "do_not_contact",
    "notes",
)
# Import field → the card column it fills (`card_status` because a customer has a status too).
CARD_FIELDS = {
    "product": "product",
    "last4": "last4",
    "credit_limit": "credit_limit",
    "open_date": "open_date",
    "activation_date": "activation_date",
    "card_status": "status",
}
TAGS = "tags"
IMPORT_FIELDS = (*CUSTOMER_FIELDS, *CARD_FIELDS, TAGS)
# The fields that identify a customer: without one of them a row can neither match nor create.
KEY_FIELDS = ("name", "id_number", "mobile")

# Usual header names, already normalised (see `normalise_header`).
_SYNONYMS = {
    "name": "姓名 客户姓名 客户名称 名字 name customername fullname",
    "gender": "性别 gender sex",
    "birth_date": "出生日期 生日 出生年月日 birthdate dateofbirth dob birthday",
    "id_number": "身份证号 身份证号码 身份证 证件号码 证件号 客户证件号码 "
    "idnumber idno idcard idcardno idcardnumber",
    "mobile": "手机号 手机 手机号码 移动电话 联系电话 联系手机 电话 "
    "mobile mobileno mobilephone phone cellphone",
    "email": "邮箱 电子邮箱 电子邮件 邮件 email mail",
    "wechat_id": "微信 微信号 wechat wechatid",
    "address": "地址 联系地址 家庭地址 住址 通讯地址 address",
    "occupation": "职业 occupation job",
    "employer": "工作单位 单位 单位名称 公司 公司名称 employer company",
    "income_band": "收入区间 月收入 收入 income incomeband",
    "tier": "客户等级 等级 客户层级 层级 客户级别 tier customertier level",
    "lifecycle_stage": "生命周期 生命周期阶段 客户状态 lifecycle lifecyclestage stage",
    "preferred_channel": "偏好渠道 联系渠道 首选渠道 preferredchannel channel",
    "do_not_contact": "禁止联系 勿扰 donotcontact dnd",
    "notes": "备注 说明 notes note remark remarks",
    "product": "卡种 卡产品 卡片产品 产品 卡名称 卡片名称 cardproduct product cardtype",
    "last4": "卡号后四位 后四位 卡号后4位 后4位 卡尾号 卡号尾号 尾号 cardlast4 last4 cardlastfour lastfour",
    "credit_limit": "额度 信用额度 授信额度 卡额度 creditlimit limit",
    "open_date": "开卡日期 发卡日期 开户日期 opendate opened issuedate",
    "activation_date": "激活日期 activationdate activated",
    "card_status": "卡状态 卡片状态 cardstatus",
    "tags": "标签 客户标签 tags tag labels",
}
# "(必填)", "(选填)", "*" or ":" at either end of a header, after NFKC folded full-width forms.
_MARKERS = re.compile(r"^(?:\*|\(必填\)|\(选填\)|\(可选\))+|(?:\*|:|\(必填\)|\(选填\)|\(可选\))+$")
_IGNORED = re.compile(r"[\s._\-/]+")


def normalise_header(text: str | None) -> str:
    """A header as compared: full-width folded, lower case, no spaces, punctuation or markers."""
    folded = _IGNORED.sub("", unicodedata.normalize("NFKC", text or "").lower())
    previous = None
    while previous != folded:  # "*手机号(必填)" has markers at both ends
        previous, folded = folded, _MARKERS.sub("", folded)
    return folded


def _header_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for field in IMPORT_FIELDS:
        for lang in (ZH, EN):  # our own labels (an exported list comes back in)
            table.setdefault(normalise_header(label(field, lang)), field)
        for word in _SYNONYMS.get(field, "").split():
            table[normalise_header(word)] = field
    return table


_HEADER_FIELDS = _header_table()


def field_of_header(text: str | None) -> str | None:
    """The field a column called `text` usually holds, or None."""
    return _HEADER_FIELDS.get(normalise_header(text))


def guess_mapping(headers: Sequence[str | None]) -> dict[int, str]:
    """Column index → field for the headers recognised; the first column wins a field named twice."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = field_of_header(header)
        if field is not None and field not in mapping.values():
            mapping[index] = field
    return mapping


def unmapped_columns(headers: Sequence[str | None], mapping: Mapping[int, str]) -> list[int]:
    """Indexes of the columns with a header that no field is mapped to (shown to the user)."""
    return [i for i, header in enumerate(headers) if i not in mapping and (header or "").strip()]


def column_name(headers: Sequence[str | None], index: int) -> str:
    """How to name a column to the user: its header, else its letter (C)."""
    header = (headers[index] or "").strip() if index < len(headers) else ""
    return header or get_column_letter(index + 1)


def field_named(text: str) -> str:
    """The import field `text` names: a field code (id_number) or a header/label (身份证号)."""
    cleaned = text.strip()
    if cleaned in IMPORT_FIELDS:
        return cleaned
    field = field_of_header(cleaned)
    if field is None:
        raise BranchDeskError("import_unknown_field", name=cleaned, fields=", ".join(IMPORT_FIELDS))
    return field


def with_overrides(headers: Sequence[str | None], mapping: Mapping[int, str], pairs: Sequence[str]) -> dict:
    """`mapping` with the user's "column=field" pairs applied (a field moves to the named column).

    The column is matched by its exact header, else by its normalised header, else by its letter.
    """
    result = dict(mapping)
    for pair in pairs:
        column_text, sep, field_text = pair.partition("=")
        if not sep or not column_text.strip() or not field_text.strip():
            raise BranchDeskError("import_map_format")
        index = _column_index(headers, column_text.strip())
        field = field_named(field_text)
        result = {i: f for i, f in result.items() if f != field and i != index}
        result[index] = field
    return result


def _column_index(headers: Sequence[str | None], text: str) -> int:
    exact = [i for i, h in enumerate(headers) if (h or "").strip() == text]
    loose = [i for i, h in enumerate(headers) if h and normalise_header(h) == normalise_header(text)]
    letters = [i for i in range(len(headers)) if get_column_letter(i + 1) == text.upper()]
    for found in (exact, loose, letters):
        if found:
            return found[0]
    shown = ", ".join(column_name(headers, i) for i in range(len(headers)))
    raise BranchDeskError("import_unknown_column", header=text, headers=shown)


def check_mapping(headers: Sequence[str | None], mapping: Mapping[int, str]) -> None:
    """Refuse a mapping that names an unknown field, maps a field twice or can identify nobody."""
    seen: dict[str, list[int]] = {}
    for index, field in mapping.items():
        if not 0 <= index < len(headers):
            shown = ", ".join(column_name(headers, i) for i in range(len(headers)))
            raise BranchDeskError("import_unknown_column", header=str(index), headers=shown)
        if field not in IMPORT_FIELDS:
            raise BranchDeskError("import_unknown_field", name=field, fields=", ".join(IMPORT_FIELDS))
        seen.setdefault(field, []).append(index)
    for field, indexes in seen.items():
        if len(indexes) > 1:
            names = "、".join(column_name(headers, i) for i in sorted(indexes))
            raise BranchDeskError("import_field_twice", field=field, headers=names)
    if not set(KEY_FIELDS) & seen.keys():
        names = "、".join(column_name(headers, i) for i in unmapped_columns(headers, mapping)) or "—"
        raise BranchDeskError("import_no_key_column", headers=names)
