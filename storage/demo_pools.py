"""The word pools and weights the demo generator draws from: names, places, employers, products,
tags, call summaries — weighted so a draw looks like a real branch's book.
"""

from __future__ import annotations

from datetime import date

from storage.enums import RiskFlag


def _w(spec: str) -> tuple[str, ...]:
    """'a:3 b' -> ('a', 'a', 'a', 'b'): a weighted pool that `pool[int(random() * len(pool))]` samples."""
    pool: list[str] = []
    for part in spec.split():
        item, _, weight = part.partition(":")
        pool += [item] * int(weight or 1)
    return tuple(pool)


# Surnames roughly by frequency (王 李 张 ≈ 7 % each), plus ones pinyin misreads and compound ones.
SURNAMES = _w(
    "王:71 李:70 张:67 刘:54 陈:45 杨:31 黄:23 赵:22 吴:20 周:19 徐:15 孙:15 马:14 朱:13 "
    "胡:12 郭:11 何:11 林:10 高:10 罗:10 郑:9 梁:9 谢:8 宋:7 唐:7 许:7 韩:6 冯:6 邓:6 曹:6 "
    "彭:6 曾:5 肖:5 田:5 董:5 潘:4 袁:4 蔡:4 蒋:4 余:4 于:4 杜:4 叶:4 程:4 魏:3 苏:3 吕:3 "
    "丁:3 任:3 沈:3 姚:3 卢:3 傅:2 钟:2 姜:2 崔:2 谭:2 陆:2 范:2 汪:2 廖:2 石:2 金:2 韦:2 "
    "贾:2 夏:2 付:2 方:2 邹:2 熊:2 单 解 仇 查 区 覃 翟 欧阳 司马 上官 诸葛"
)
GIVEN_CHARS = {
    "male": "伟强磊军勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳建国峰亮成志文博晨轩睿豪宏海东立新",
    "female": "芳娜敏静丽艳娟霞秀玲桂英红燕梅琳雪倩婷颖慧佳欣悦怡琪雨晶萍洁莉兰丹娅璐瑶茜蕾薇月嘉妍彤若",
    "any": "子一思可晓天雨嘉欣诗梓浩宇明安乐永春小",
}
# Real GB/T 2260 district codes (Beijing 110101 ... Urumqi 650102): an ID number's first six digits.
REGIONS = _w(
    "110101 110105 110108 120101 130102 140105 210102 220102 230102 310104 310115 320102 320505 "
    "330106 330212 340104 350203 360102 370102 370202 410105 420106 430104 440106 440104 440305 "
    "440604 450103 460105 500103 510104 510107 520102 530102 610113 620102 650102"
)
MOBILE_PREFIXES = _w(
    "138:9 139:9 137:6 136:5 135:5 134:3 133:3 130:3 131:3 132:3 150:5 151:4 152:3 158:4 159:4 "
    "155:2 156:3 157:2 186:6 187:4 188:4 189:4 180:3 181:3 182:3 183:2 185:3 177:3 176:2 173:2 "
    "166:2 199:3 198:2 191:2"
)
# The branch is in Guangzhou: most customers live nearby.
CITIES = _w(
    "广州市天河区:6 广州市越秀区:4 广州市海珠区:4 广州市番禺区:3 广州市白云区:3 深圳市南山区 佛山市禅城区"
)
ROADS = _w("天河路 体育西路 中山大道 黄埔大道 环市东路 江南大道 新港西路 广州大道 工业大道 市桥路")
ESTATES = _w("锦绣花园 翠湖苑 凯旋新世界 金碧华府 南国花园 丽江花园 名雅苑 富力公馆 星河湾 雅居乐")
JOBS = {  # (occupation, employer) by kind of customer; no employer for the retired
    "work": (
        ("软件工程师", "华为技术有限公司"),
        ("客户经理", "中国移动"),
        ("医生", "市第一人民医院"),
        ("护士", "省中医院"),
        ("教师", "市实验中学"),
        ("公务员", "区人民政府"),
        ("个体经营者", "个体经营"),
        ("销售经理", "广汽集团"),
        ("会计", "普华永道"),
        ("工程师", "南方电网"),
        ("产品经理", "腾讯科技"),
        ("店长", "个体经营"),
        ("司机", "滴滴出行"),
        ("设计师", "唯品会"),
        ("律师", "广信君达律师事务所"),
    ),
    "senior": (
        ("企业主", "广州市恒信贸易有限公司"),
        ("总经理", "广州市建筑集团"),
        ("主任医师", "中山大学附属第一医院"),
        ("合伙人", "德勤"),
        ("董事", "保利发展"),
    ),
    "student": (
        ("学生", "中山大学"),
        ("学生", "华南理工大学"),
        ("研究生", "暨南大学"),
        ("学生", "广东工业大学"),
    ),
    "retired": (("退休", None),),
}
TIERS = _w("private_banking:2 high_value:13 standard:55 young:20 basic:10")
INCOME = {
    "private_banking": _w("over_50k"),
    "high_value": _w("20k_50k:3 over_50k"),
    "standard": _w("5k_10k:3 10k_20k:3 20k_50k"),
    "young": _w("under_5k:2 5k_10k:2 10k_20k"),
    "basic": _w("under_5k:3 5k_10k"),
}
LIFECYCLE = _w("active:50 new:8 dormant:12 churn_risk:6 prospect:12 applied:8 closed:4")
CHANNELS = _w("phone:40 wechat:30 sms:15 visit:8 email:2")
PRODUCTS = {
    "private_banking": _w("钻石卡 白金卡"),
    "high_value": _w("白金卡 商旅白金卡 金卡"),
    "standard": _w("金卡 标准卡 车主卡 联名卡"),
    "young": _w("青年卡 留学生卡 联名卡"),
    "basic": _w("标准卡 普卡"),
}
LIMITS = {  # credit limit range in thousands of yuan
    "钻石卡": (100, 500),
    "白金卡": (50, 200),
    "商旅白金卡": (50, 150),
    "金卡": (20, 80),
    "标准卡": (5, 30),
    "车主卡": (10, 50),
    "联名卡": (8, 40),
    "青年卡": (3, 15),
    "留学生卡": (5, 20),
    "普卡": (2, 10),
}
TAG_NAMES = _w(
    "常出境消费 有车一族 学生 高净值 房贷客户 商旅人士 分期偏好 积分达人 亲子家庭 网购达人 "
    "美食爱好者 海淘族 新市民 公务员 医护人员 教师 个体工商户 退休人员 理财客户 代发工资"
)
NOTES = _w(
    "喜欢出境游，关注境外返现 周末不方便接电话 对分期产品感兴趣 有房贷，关注提额 偏好微信沟通，回复及时 "
    "曾投诉年费问题，已妥善处理 家庭主要决策人 计划明年换车 子女在国外读书 对积分兑换很在意"
)
CONTACT_HOURS = (
    ("09:00", "12:00"),
    ("09:00", "18:00"),
    ("14:00", "20:00"),
    ("10:00", "17:00"),
    ("12:00", "13:30"),
)
PURPOSES = _w(
    "periodic_revisit:30 product_offer:20 activation_follow_up:10 repayment_reminder:10 care:8 "
    "birthday_greeting:6 holiday_greeting:6 complaint_handling:4 other:6"
)
OUTCOMES = _w("reached:45 no_answer:18 call_back:10 interested:14 declined:10 complaint_raised:3")
_PURPOSE_TEXT = {
    "periodic_revisit": _w("定期回访，了解近期用卡情况 季度回访，确认账单地址与联系方式"),
    "product_offer": _w("介绍账单分期优惠 推荐商旅白金卡升级 介绍境外消费返现活动"),
    "activation_follow_up": _w("提醒激活新卡，介绍首刷礼 指导客户通过手机银行激活"),
    "repayment_reminder": _w("提醒本期账单还款日 告知最低还款额及逾期影响"),
    "care": _w("关怀回访，询问服务满意度 告知额度调整结果"),
    "birthday_greeting": _w("生日祝福，赠送积分"),
    "holiday_greeting": _w("节日问候，介绍节日商户优惠"),
    "complaint_handling": _w("处理年费争议 跟进交易争议处理进度"),
    "other": _w("核实客户信息变更 解答积分兑换问题"),
}
_OUTCOME_TEXT = {
    "reached": "客户已知悉。",
    "no_answer": "无人接听，稍后再联系。",
    "call_back": "客户忙，约定改天回电。",
    "interested": "客户有兴趣，待发送资料。",
    "declined": "客户暂不需要。",
    "complaint_raised": "客户表达不满，已记录并上报。",
}
# summary pools by purpose and outcome: "<what was discussed>。<how it went>"
SUMMARIES = {
    p: {o: tuple(f"{t}。{result}" for t in texts) for o, result in _OUTCOME_TEXT.items()}
    for p, texts in _PURPOSE_TEXT.items()
}
NEXT_STEPS = _w(
    "下周再次致电确认 寄送分期产品资料 预约客户到网点面签 跟进投诉处理结果 月底前回访 发送活动链接"
)
REMINDER_KINDS = _w(
    "periodic_revisit:30 follow_up:15 care_call:10 activation_call:8 new_customer_revisit:8 "
    "birthday:8 holiday:7 complaint_follow_up:4 dormant_reactivation:6 custom:4"
)
RISK_FLAGS = tuple(f.value for f in RiskFlag)
EMAIL_DOMAINS = _w("qq.com:5 163.com:3 126.com:2 sina.com foxmail.com gmail.com")
ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789"
PAST_DAYS, FUTURE_DAYS = 4000, 400
CUSTOMER_DAYS = {"new": (20, 90), "prospect": (30, 400), "applied": (20, 60)}  # others: 400-3600 days
# Birth dates (ordinals): 1993-2005 for the young tier, 1950-1998 for the others.
BORN_YOUNG = (date(1993, 1, 1).toordinal(), date(2005, 12, 31).toordinal())
BORN_OTHER = (date(1950, 1, 1).toordinal(), date(1998, 12, 31).toordinal())
