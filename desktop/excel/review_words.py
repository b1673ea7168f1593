"""The weekly review workbook's own wording (sheet names, headers, metric names) in zh and en.

Codes (channels, purposes, tiers …) are named through `desktop.labels`, as on screen.
"""

from __future__ import annotations

from storage.messages import EN, ZH, current_language

WORDS: dict[str, dict[str, str]] = {
    # Sheets
    "sheet_summary": {ZH: "汇总", EN: "Summary"},
    "sheet_daily": {ZH: "每日联系", EN: "Daily activity"},
    "sheet_tiers": {ZH: "客户结构", EN: "Tier mix"},
    "sheet_calls": {ZH: "联系明细", EN: "Calls"},
    "sheet_reminders": {ZH: "回访提醒", EN: "Reminders"},
    "sheet_attention": {ZH: "重点关注", EN: "Attention list"},
    # Titles
    "title": {ZH: "客户经理周报 {week}（{first} 至 {last}）", EN: "Weekly review {week} ({first} to {last})"},
    "generated": {ZH: "生成于 {time}", EN: "generated {time}"},
    "scope_branch": {ZH: "全网点", EN: "whole branch"},
    "masked_note": {
        ZH: "手机号、身份证号已脱敏",
        EN: "mobile and ID numbers are masked",
    },
    "as_of_now": {ZH: "截至生成时", EN: "as at generation time"},
    # Summary groups and columns
    "group_contacts": {ZH: "联系", EN: "Contacts"},
    "group_channel": {ZH: "按渠道", EN: "By channel"},
    "group_purpose": {ZH: "按目的", EN: "By purpose"},
    "group_revisits": {ZH: "回访", EN: "Revisits"},
    "group_book": {ZH: "客户与卡", EN: "Customers and cards"},
    "group_complaints": {ZH: "投诉", EN: "Complaints"},
    "group_satisfaction": {ZH: "满意度", EN: "Satisfaction"},
    "manager": {ZH: "客户经理", EN: "Manager"},
    "contacts": {ZH: "联系次数", EN: "Contacts"},
    "customers_contacted": {ZH: "联系客户数", EN: "Customers contacted"},
    "revisits_due": {ZH: "本周应回访", EN: "Revisits due"},
    "revisits_on_time": {ZH: "按时完成", EN: "Done on time"},
    "revisits_late": {ZH: "逾期完成", EN: "Done late"},
    "revisits_overdue": {ZH: "仍逾期", EN: "Still overdue"},
    "revisits_not_yet_due": {ZH: "未到期", EN: "Not yet due"},
    "on_time_rate": {ZH: "按时率", EN: "On-time rate"},
    "new_customers": {ZH: "新增客户", EN: "New customers"},
    "cards_activated": {ZH: "激活卡数", EN: "Cards activated"},
    "complaints": {ZH: "投诉", EN: "Complaints"},
    "complaints_followed_up": {ZH: "24小时内跟进", EN: "Followed up in 24 h"},
    "follow_up_rate": {ZH: "跟进率", EN: "Follow-up rate"},
    "rated_calls": {ZH: "评价次数", EN: "Rated contacts"},
    "average_satisfaction": {ZH: "平均满意度", EN: "Average satisfaction"},
    "not_contacted": {ZH: "30天以上未联系", EN: "Not contacted 30+ days"},
    "total": {ZH: "合计", EN: "Total"},
    # Against the previous week
    "compare_title": {ZH: "与上周比较", EN: "Against the previous week"},
    "metric": {ZH: "指标", EN: "Measure"},
    "this_week": {ZH: "本周", EN: "This week"},
    "previous_week": {ZH: "上周", EN: "Previous week"},
    "change": {ZH: "变化", EN: "Change"},
    "change_rate": {ZH: "变化率", EN: "Change %"},
    # Daily activity and tier mix
    "date": {ZH: "日期", EN: "Date"},
    "weekday": {ZH: "星期", EN: "Day"},
    "daily_chart": {ZH: "每日联系次数（按渠道）", EN: "Contacts per day by channel"},
    "tier_chart": {ZH: "各层级客户数（按生命周期）", EN: "Customers per tier by lifecycle stage"},
    "customers": {ZH: "客户数", EN: "Customers"},
    # Lists
    "customer": {ZH: "客户", EN: "Customer"},
    "overdue_days": {ZH: "逾期天数", EN: "Days overdue"},
    "completed_at": {ZH: "完成时间", EN: "Done at"},
    "priority": {ZH: "优先级", EN: "Priority"},
    "reasons": {ZH: "关注原因", EN: "Why"},
    "overdue_since": {ZH: "回访逾期自", EN: "Revisit overdue since"},
    "silent_days": {ZH: "未联系天数", EN: "Days without contact"},
    "priority_1": {ZH: "高", EN: "High"},
    "priority_2": {ZH: "中", EN: "Medium"},
    "priority_3": {ZH: "低", EN: "Low"},
    "reason_overdue": {ZH: "回访逾期", EN: "revisit overdue"},
    "reason_silent": {ZH: "30天以上未联系", EN: "no contact for 30+ days"},
    "reason_never": {ZH: "从未联系", EN: "never contacted"},
    "overdue": {ZH: "逾期", EN: "overdue"},
}

WEEKDAYS = {
    ZH: ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
    EN: ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def word(key: str, **params: object) -> str:
    """The review's wording for `key` in the current language."""
    entry = WORDS[key]
    text = entry.get(current_language(), entry[EN])
    return text.format(**params) if params else text


def weekday(index: int) -> str:
    """Monday = 0."""
    return WEEKDAYS.get(current_language(), WEEKDAYS[EN])[index]
