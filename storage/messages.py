"""The catalogue of user-facing messages raised below the UI, in every language we ship.

`storage/` must not import Qt, so its errors carry a message *code* plus parameters and are
rendered here. The UI and the command line both call :func:`render`; Chinese is the default.
"""

from __future__ import annotations

import os

ZH = "zh_CN"
EN = "en"

MESSAGES: dict[str, dict[str, str]] = {
    # Validation
    "required": {EN: "{field} is required.", ZH: "{field}不能为空。"},
    "too_long": {EN: "{field} is longer than {max} characters.", ZH: "{field}超过 {max} 个字符。"},
    "id_format": {
        EN: "{field} must be 18 characters: 17 digits and a check digit (0-9 or X).",
        ZH: "{field}应为 18 位：17 位数字加 1 位校验码（0-9 或 X）。",
    },
    "id_checksum": {
        EN: "{field} has a wrong check digit; please check the number.",
        ZH: "{field}校验码不正确，请核对号码。",
    },
    "id_region": {EN: "{field} starts with an unknown region code.", ZH: "{field}的地区码无效。"},
    "id_birth_date": {
        EN: "{field} contains an impossible birth date.",
        ZH: "{field}中的出生日期无效。",
    },
    "id_birth_mismatch": {
        EN: "The birth date in the ID number ({id_date}) differs from the birth date field ({birth_date}).",
        ZH: "身份证号中的出生日期（{id_date}）与出生日期（{birth_date}）不一致。",
    },
    "mobile_format": {
        EN: "{field} must be an 11-digit mainland mobile number starting with 13-19.",
        ZH: "{field}应为 11 位中国大陆手机号，以 13-19 开头。",
    },
    "email_format": {EN: "{field} is not a valid e-mail address.", ZH: "{field}不是有效的电子邮箱地址。"},
    "date_format": {
        EN: "{field} must be a date like 2026-01-31.",
        ZH: "{field}应为日期，例如 2026-01-31。",
    },
    "date_range": {
        EN: "{field} must be between {min} and {max}.",
        ZH: "{field}应在 {min} 至 {max} 之间。",
    },
    "datetime_format": {
        EN: "{field} must be a date and time like 2026-01-31 14:30.",
        ZH: "{field}应为日期时间，例如 2026-01-31 14:30。",
    },
    "time_format": {EN: "{field} must be a time like 09:00.", ZH: "{field}应为时间，例如 09:00。"},
    "choice": {
        EN: "{field} must be one of: {choices}.",
        ZH: "{field}只能是以下之一：{choices}。",
    },
    "number_range": {
        EN: "{field} must be a whole number between {min} and {max}.",
        ZH: "{field}应为 {min} 到 {max} 之间的整数。",
    },
    "card_last4": {EN: "{field} must be exactly 4 digits.", ZH: "{field}应为 4 位数字。"},
    "unknown_field": {EN: "{field} cannot be set here.", ZH: "{field}不可在此修改。"},
    "recurrence_format": {
        EN: "{field} must be a repeat rule like FREQ=MONTHLY;INTERVAL=1 (daily, weekly, monthly or yearly).",
        ZH: "{field}格式无效，应类似 FREQ=MONTHLY;INTERVAL=1（按日、周、月或年重复）。",
    },
    "contact_hours_order": {
        EN: "The latest contact time must be later than the earliest contact time.",
        ZH: "最晚联系时间应晚于最早联系时间。",
    },
    "activation_before_open": {
        EN: "{field} cannot be before the open date ({open_date}).",
        ZH: "{field}不能早于开卡日期（{open_date}）。",
    },
    "in_future": {
        EN: "{field} cannot be more than a day in the future.",
        ZH: "{field}不能晚于当前时间一天以上。",
    },
    "next_step_before_call": {
        EN: "{field} must be after the time of the contact.",
        ZH: "{field}应晚于本次联系的时间。",
    },
    # Key and profile
    "wrong_passphrase": {
        EN: "The passphrase is wrong. The profile was not changed.",
        ZH: "口令错误，配置文件未作任何改动。",
    },
    "passphrase_required": {
        EN: "This profile is locked with a passphrase; please enter it.",
        ZH: "此配置文件受口令保护，请输入口令。",
    },
    "passphrase_too_short": {
        EN: "The passphrase must have at least {min} characters.",
        ZH: "口令至少需要 {min} 个字符。",
    },
    "key_missing": {
        EN: "The key for this profile is not in the system keyring ({detail}). "
        "The database cannot be opened on this account.",
        ZH: "系统密钥环中找不到此配置文件的密钥（{detail}），无法在此账户下打开数据库。",
    },
    "wrong_key": {
        EN: "The database could not be decrypted with its key; it was not changed.",
        ZH: "无法用密钥解密数据库，数据库未作任何改动。",
    },
    "profile_missing": {
        EN: "No profile at {path}. Run `branchdesk init` first.",
        ZH: "{path} 下没有配置文件，请先运行 `branchdesk init`。",
    },
    "profile_exists": {EN: "A profile already exists at {path}.", ZH: "{path} 下已有配置文件。"},
    "profile_damaged": {
        EN: "The profile's key file {path} is damaged: {detail}.",
        ZH: "配置文件的密钥文件 {path} 已损坏：{detail}。",
    },
    "schema_too_new": {
        EN: "This profile was written by a newer BranchDesk (schema {found}); please update the app.",
        ZH: "此配置文件由更新版本的 BranchDesk 写入（结构版本 {found}），请先升级应用。",
    },
    "locked": {EN: "BranchDesk is locked. Unlock it to continue.", ZH: "BranchDesk 已锁定，请先解锁。"},
    "disk_full": {
        EN: "The disk is full; nothing was saved. Free some space and try again.",
        ZH: "磁盘已满，未保存任何内容。请释放空间后重试。",
    },
    # Services
    "not_found": {EN: "The {record} no longer exists.", ZH: "该{record}已不存在。"},
    "duplicate_customer": {
        EN: "A customer with the same {field} already exists: {name}.",
        ZH: "已存在{field}相同的客户：{name}。",
    },
    "merge_self": {EN: "A customer cannot be merged into itself.", ZH: "不能将客户与其自身合并。"},
    "reminder_closed": {
        EN: "This reminder is already {status} and cannot be changed.",
        ZH: "该提醒已{status}，不能再修改。",
    },
    "snooze_past": {
        EN: "Snooze until a time in the future.",
        ZH: "请选择将来的时间作为延后时间。",
    },
    "tag_name": {EN: "A tag needs a name of 1-20 characters.", ZH: "标签名称应为 1-20 个字符。"},
    # Sync with the central server ------------------------------------------------------------
    "sync_unreachable": {
        EN: "The server {server} cannot be reached; working offline. Your changes are kept and sent later.",
        ZH: "无法连接服务器 {server}，正在离线工作。您的修改已保存，稍后会自动发送。",
    },
    "sync_timeout": {
        EN: "The server {server} did not answer in time; your changes are kept and sent later.",
        ZH: "服务器 {server} 响应超时，您的修改已保存，稍后会自动发送。",
    },
    "sync_certificate": {
        EN: "The server's certificate could not be verified ({detail}). Ask IT for the bank's CA "
        "certificate file and connect again with it.",
        ZH: "无法验证服务器证书（{detail}）。请向 IT 部门索取银行的 CA 证书文件，并用它重新连接服务器。",
    },
    "sync_bad_credentials": {
        EN: "The user name or password is wrong, or the account is disabled.",
        ZH: "用户名或密码错误，或账户已停用。",
    },
    "sync_signed_out": {
        EN: "This laptop was signed out of the server (password changed, account disabled or the "
        "device removed). Log in again; your changes are kept.",
        ZH: "此电脑已从服务器注销（密码已更改、账户已停用或设备已移除）。请重新登录，您的修改已保存。",
    },
    "sync_not_logged_in": {
        EN: "This profile is not connected to a server yet: run `branchdesk login --server URL --user NAME`.",
        ZH: "此配置文件尚未连接服务器：请运行 `branchdesk login --server 地址 --user 用户名`。",
    },
    "sync_too_many_attempts": {
        EN: "Too many failed logins; try again in {minutes} minutes.",
        ZH: "登录失败次数过多，请 {minutes} 分钟后再试。",
    },
    "sync_client_too_old": {
        EN: "This BranchDesk is too old for the server: please update it to sync again. "
        "Your changes are kept.",
        ZH: "此 BranchDesk 版本过旧，无法与服务器同步，请升级后再同步。您的修改已保存。",
    },
    "sync_server_error": {
        EN: "The server had a problem ({status}); your changes are kept and sent later.",
        ZH: "服务器出现问题（{status}），您的修改已保存，稍后会自动发送。",
    },
    "sync_refused": {EN: "The server refused the request: {detail}", ZH: "服务器拒绝了请求：{detail}"},
    "sync_bad_server_url": {
        EN: "The server address must start with https:// (or http:// for this computer only): {server}",
        ZH: "服务器地址须以 https:// 开头（仅本机可用 http://）：{server}",
    },
    "sync_other_account": {
        EN: "This profile belongs to {owner}; log in as {owner}, or use another profile for {user}.",
        ZH: "此配置文件属于 {owner}，请以 {owner} 身份登录，或为 {user} 使用另一个配置文件。",
    },
    "sync_no_customer_data": {
        EN: "An administrator account holds no customer data and cannot sync a profile.",
        ZH: "管理员账户不包含客户数据，不能同步配置文件。",
    },
    # Why the server refused a change (codes of its answers; listed in the Conflicts view) ------
    "forbidden": {
        EN: "This record belongs to another manager's customer; nothing was changed.",
        ZH: "此记录属于其他客户经理的客户，未做任何更改。",
    },
    "fact": {
        EN: "A call or audit record is kept as it happened and cannot be edited.",
        ZH: "通话或审计记录按发生时保存，不能修改。",
    },
    "no_customer": {
        EN: "The server does not have this record's customer (it waited a week for it to arrive).",
        ZH: "服务器上没有此记录所属的客户（已等待一周仍未到达）。",
    },
    "no_row": {
        EN: "The server never received this record, so there was nothing to change.",
        ZH: "服务器从未收到此记录，因此无可更改。",
    },
    "no_tag": {
        EN: "The tag is not one of the customer's manager's tags.",
        ZH: "该标签不属于此客户的客户经理。",
    },
    "duplicate_change_id": {
        EN: "This change was already sent by another user; it was not applied.",
        ZH: "此更改已由其他用户发送过，未予应用。",
    },
    "conflict_not_reusable": {
        EN: "This conflict has no single value to enter again; edit the record instead.",
        ZH: "此冲突没有可重新填入的单个值，请直接编辑该记录。",
    },
    # Excel export -------------------------------------------------------------------------------
    "export_cancelled": {
        EN: "The export was cancelled; no file was written.",
        ZH: "导出已取消，未写入文件。",
    },
    "file_write": {
        EN: "Could not write {path}: {reason}. Nothing was exported.",
        ZH: "无法写入 {path}：{reason}。未导出任何内容。",
    },
    "week_format": {
        EN: "{field} must be an ISO week like 2026-W47.",
        ZH: "{field}应为 ISO 周，例如 2026-W47。",
    },
    "unknown_manager": {
        EN: "No manager called {name} in this profile. Managers here: {known}.",
        ZH: "此配置文件中没有名为 {name} 的客户经理。现有：{known}。",
    },
    # Head-office customer import ---------------------------------------------------------------
    "import_open_failed": {EN: "Could not open {name}: {reason}.", ZH: "无法打开 {name}：{reason}。"},
    "import_not_spreadsheet": {
        EN: "{name} is not an Excel workbook (.xlsx) or a CSV file. Nothing was imported.",
        ZH: "{name} 不是 Excel 工作簿（.xlsx）或 CSV 文件，未导入任何内容。",
    },
    "import_password": {
        EN: "{name} is protected with a password. Open it in Excel, remove the password "
        "(File → Info → Protect Workbook), save it and import it again.",
        ZH: "{name} 设有密码保护。请在 Excel 中打开，取消密码（文件 → 信息 → 保护工作簿）并保存后再导入。",
    },
    "import_old_xls": {
        EN: "{name} is an Excel 97-2003 workbook (.xls). Save it as .xlsx or CSV in Excel and import that.",
        ZH: "{name} 是 Excel 97-2003 工作簿（.xls）。请在 Excel 中另存为 .xlsx 或 CSV 后再导入。",
    },
    "import_damaged": {
        EN: "{name} is damaged and could not be read ({reason}). Nothing was imported.",
        ZH: "{name} 已损坏，无法读取（{reason}），未导入任何内容。",
    },
    "import_encoding": {
        EN: "{name} is neither UTF-8 nor GB18030 text. Save it from Excel as “CSV UTF-8” and import again.",
        ZH: "{name} 既不是 UTF-8 也不是 GB18030 编码。请在 Excel 中另存为“CSV UTF-8”后再导入。",
    },
    "import_empty": {EN: "{name} is empty.", ZH: "{name} 是空文件。"},
    "import_no_header": {
        EN: "{name} has no header row: the first row must name the columns (姓名, 手机号 …).",
        ZH: "{name} 没有表头：第一行应为列名（姓名、手机号等）。",
    },
    "import_no_rows": {
        EN: "{name} has a header row but no customer rows.",
        ZH: "{name} 只有表头，没有客户数据。",
    },
    "import_sheet_missing": {
        EN: "{name} has no sheet called “{sheet}”. Its sheets: {sheets}.",
        ZH: "{name} 中没有名为“{sheet}”的工作表。现有工作表：{sheets}。",
    },
    "import_truncated": {
        EN: "Sheet “{sheet}” of {name} reaches Excel's last row ({rows:,}), so it was almost certainly "
        "cut off when it was made. Ask head office for the complete list (as CSV, or split over "
        "several sheets). Nothing was imported.",
        ZH: "{name} 的工作表“{sheet}”已达到 Excel 的最大行数（{rows:,} 行），数据几乎肯定在生成时被截断。"
        "请向总行索取完整名单（CSV 格式或分成多个工作表），未导入任何内容。",
    },
    "import_formulas": {
        EN: "Sheet “{sheet}” holds formulas (cells {cells}). Copy the sheet and paste it as values "
        "(Paste Special → Values), then import again.",
        ZH: "工作表“{sheet}”中含有公式（单元格 {cells}）。请复制整表并“选择性粘贴 → 数值”后再导入。",
    },
    "import_merged_header": {
        EN: "The header row has merged cells ({cells}). Unmerge them so that every column has its own name.",
        ZH: "表头中有合并单元格（{cells}）。请取消合并，使每一列都有自己的列名。",
    },
    "import_merged_cells": {
        EN: "The customer rows have merged cells ({cells}). Unmerge them and fill in every row.",
        ZH: "客户数据中有合并单元格（{cells}）。请取消合并并填写每一行。",
    },
    "import_duplicate_header": {
        EN: "The column “{header}” appears more than once (columns {columns}). "
        "Rename or remove the extra one.",
        ZH: "列名“{header}”出现了不止一次（第 {columns} 列），请重命名或删除多余的列。",
    },
    "import_unknown_field": {
        EN: "“{name}” is not a field that can be imported. Fields: {fields}.",
        ZH: "“{name}”不是可导入的字段。可用字段：{fields}。",
    },
    "import_unknown_column": {
        EN: "The file has no column “{header}”. Its columns: {headers}.",
        ZH: "文件中没有“{header}”这一列。现有列：{headers}。",
    },
    "import_map_format": {
        EN: '--map needs “column=field”, for example --map "证件号=id_number".',
        ZH: '--map 的格式应为“列名=字段”，例如 --map "证件号=id_number"。',
    },
    "import_field_twice": {
        EN: "Two columns are mapped to {field}: {headers}. Map only one of them.",
        ZH: "有多列都对应到{field}：{headers}。请只保留其中一列。",
    },
    "import_no_key_column": {
        EN: "No column is recognised as the name, ID number or mobile, so no row can be matched or "
        'created. Unrecognised columns: {headers}. Map them with --map "column=field".',
        ZH: "没有识别出姓名、身份证号或手机号列，无法新建或匹配客户。未识别的列：{headers}。"
        '请用 --map "列名=字段" 指定。',
    },
    "import_cancelled": {
        EN: "The import was cancelled; nothing was changed.",
        ZH: "导入已取消，未做任何更改。",
    },
    "import_number_id": {
        EN: "{field} was stored as a number in Excel, which keeps only 15 digits. Format the column as "
        "Text, enter the numbers again and import the file again.",
        ZH: "{field}在 Excel 中被存成了数字，只保留 15 位有效数字。"
        "请将该列设为“文本”格式、重新录入号码后再导入。",
    },
    "import_number_zeros": {
        EN: "{field} was stored as a number in Excel, which drops leading zeros. Format the column as Text "
        "and enter the digits again.",
        ZH: "{field}在 Excel 中被存成了数字，开头的 0 已丢失。请将该列设为“文本”格式并重新录入。",
    },
    "import_amount": {
        EN: "{field} must be an amount in yuan such as 50000, 50,000 or 5万.",
        ZH: "{field}应为金额（元），例如 50000、50,000 或 5万。",
    },
    "import_mobile_shared": {
        EN: "{count} customers already have this mobile; add the ID number to the row so the right one "
        "is updated.",
        ZH: "已有 {count} 位客户使用此手机号，请在该行填写身份证号以确定要更新的客户。",
    },
    "import_same_mobile_row": {
        EN: "Row {row} has the same mobile but a different ID number.",
        ZH: "第 {row} 行的手机号与本行相同，但身份证号不同。",
    },
    "import_no_identity": {
        EN: "The row has no name, ID number or mobile.",
        ZH: "该行没有姓名、身份证号或手机号。",
    },
}

# Names of fields and records as a manager reads them.
LABELS: dict[str, dict[str, str]] = {
    "name": {EN: "Name", ZH: "姓名"},
    "gender": {EN: "Gender", ZH: "性别"},
    "birth_date": {EN: "Birth date", ZH: "出生日期"},
    "id_number": {EN: "ID number", ZH: "身份证号"},
    "mobile": {EN: "Mobile", ZH: "手机号"},
    "email": {EN: "E-mail", ZH: "电子邮箱"},
    "wechat_id": {EN: "WeChat ID", ZH: "微信号"},
    "address": {EN: "Address", ZH: "地址"},
    "occupation": {EN: "Occupation", ZH: "职业"},
    "employer": {EN: "Employer", ZH: "工作单位"},
    "income_band": {EN: "Income band", ZH: "收入区间"},
    "tier": {EN: "Tier", ZH: "客户层级"},
    "lifecycle_stage": {EN: "Lifecycle stage", ZH: "生命周期阶段"},
    "preferred_channel": {EN: "Preferred channel", ZH: "偏好渠道"},
    "do_not_contact": {EN: "Do not contact", ZH: "禁止联系"},
    "contact_hours_start": {EN: "Earliest contact time", ZH: "最早联系时间"},
    "contact_hours_end": {EN: "Latest contact time", ZH: "最晚联系时间"},
    "max_contacts_per_week": {EN: "Contacts per week", ZH: "每周联系上限"},
    "marketing_consent": {EN: "Marketing consent", ZH: "营销同意"},
    "marketing_consent_at": {EN: "Consent date", ZH: "同意日期"},
    "risk_flags": {EN: "Risk flags", ZH: "风险标记"},
    "notes": {EN: "Notes", ZH: "备注"},
    "product": {EN: "Card product", ZH: "卡种"},
    "last4": {EN: "Last four digits", ZH: "卡号后四位"},
    "credit_limit": {EN: "Credit limit", ZH: "信用额度"},
    "open_date": {EN: "Open date", ZH: "开卡日期"},
    "activation_date": {EN: "Activation date", ZH: "激活日期"},
    "last_used_on": {EN: "Last used", ZH: "最近用卡日期"},
    "status": {EN: "Status", ZH: "状态"},
    "occurred_at": {EN: "Time", ZH: "时间"},
    "channel": {EN: "Channel", ZH: "渠道"},
    "direction": {EN: "Direction", ZH: "方向"},
    "purpose": {EN: "Purpose", ZH: "目的"},
    "outcome": {EN: "Outcome", ZH: "结果"},
    "satisfaction": {EN: "Satisfaction", ZH: "满意度"},
    "duration_seconds": {EN: "Duration (seconds)", ZH: "时长（秒）"},
    "summary": {EN: "Summary", ZH: "摘要"},
    "next_step": {EN: "Next step", ZH: "下一步"},
    "next_step_at": {EN: "Next step date", ZH: "下一步日期"},
    "kind": {EN: "Kind", ZH: "类型"},
    "due_at": {EN: "Due", ZH: "到期时间"},
    "snoozed_until": {EN: "Snoozed until", ZH: "延后至"},
    "recurrence": {EN: "Recurrence", ZH: "重复规则"},
    "customer": {EN: "customer", ZH: "客户"},
    "card": {EN: "card", ZH: "卡片"},
    "call_log": {EN: "call", ZH: "联系记录"},
    "reminder": {EN: "reminder", ZH: "提醒"},
    "tag": {EN: "tag", ZH: "标签"},
    "open": {EN: "open", ZH: "待办"},
    "done": {EN: "done", ZH: "完成"},
    "snoozed": {EN: "snoozed", ZH: "延后"},
    "cancelled": {EN: "cancelled", ZH: "取消"},
    # Excel export -------------------------------------------------------------------------------
    "customer_list": {EN: "Customers", ZH: "客户名单"},
    "tags": {EN: "Tags", ZH: "标签"},
    "last_contact_at": {EN: "Last contact", ZH: "最近联系"},
    "next_revisit_at": {EN: "Next revisit", ZH: "下次回访"},
    "created_at": {EN: "Created", ZH: "建档时间"},
    "yes": {EN: "Yes", ZH: "是"},
    "week": {EN: "Week", ZH: "周次"},
    # Head-office customer import ---------------------------------------------------------------
    "card_status": {EN: "Card status", ZH: "卡片状态"},
    "import_title": {EN: "Customer import", ZH: "客户导入"},
    "import_dry_run": {EN: "Dry run: nothing was written", ZH: "试运行：未写入任何内容"},
    "import_summary": {EN: "Summary", ZH: "导入摘要"},
    "import_rejected_rows": {EN: "Rejected rows", ZH: "未导入的行"},
    "import_file": {EN: "File", ZH: "文件"},
    "import_sheet": {EN: "Sheet", ZH: "工作表"},
    "import_created": {EN: "Created", ZH: "新建"},
    "import_updated": {EN: "Updated", ZH: "更新"},
    "import_unchanged": {EN: "Unchanged", ZH: "无变化"},
    "import_rejected": {EN: "Rejected rows", ZH: "未导入行数"},
    "import_unmapped": {EN: "Columns not imported", ZH: "未导入的列"},
    "import_row": {EN: "Row", ZH: "行号"},
    "import_column": {EN: "Column", ZH: "列"},
    "import_reason": {EN: "Reason", ZH: "原因"},
}


_chosen: str | None = None


def set_language(lang: str | None) -> None:
    """Use `lang` for messages from now on (the UI's language switch); None follows the system."""
    global _chosen
    _chosen = None if lang is None else (EN if lang.lower().startswith("en") else ZH)


def current_language() -> str:
    """The language for messages: as set, else BRANCHDESK_LANG, else English only for English locales."""
    if _chosen is not None:
        return _chosen
    chosen = os.environ.get("BRANCHDESK_LANG")
    if chosen:
        return EN if chosen.lower().startswith("en") else ZH
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value.lower().startswith("en"):
            return EN
        if value and not value.startswith(("C", "POSIX")):
            return ZH
    return ZH


def label(key: str, lang: str | None = None) -> str:
    """A field or record name in `lang` (the key itself when there is no label)."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang or current_language(), entry[EN])


def render(code: str, params: dict[str, object], lang: str | None = None) -> str:
    """The message for `code` in `lang`, with field/record keys in `params` turned into labels."""
    lang = lang or current_language()
    entry = MESSAGES.get(code, {EN: code, ZH: code})
    shown = {k: label(v, lang) if k in ("field", "record", "status") else v for k, v in params.items()}
    return entry.get(lang, entry[EN]).format(**shown)
