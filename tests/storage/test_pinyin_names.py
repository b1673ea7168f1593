"""Pinyin search keys and sort keys of customer names (storage.pinyin_names)."""

from __future__ import annotations

import pytest

from storage.pinyin_names import NamePinyin, name_pinyin, split_surname


def full(name: str) -> str:
    return name_pinyin(name).full


def test_plain_name() -> None:
    assert name_pinyin("张伟") == NamePinyin("zhangwei", "zw", "zhang wei\x1f张伟")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("曾凡力", "zengfanli"),
        ("曾国藩", "zengguofan"),  # pypinyin's phrase for the whole name says ceng
        ("单田芳", "shantianfang"),
        ("解缙", "xiejin"),
        ("仇英", "qiuying"),
        ("朴槿惠", "piaojinhui"),
        ("区家麟", "oujialin"),
        ("查良镛", "zhaliangyong"),
        ("盖聂", "genie"),
        ("覃明", "qinming"),
        ("乐嘉", "yuejia"),
        ("种师道", "chongshidao"),
        ("缪小红", "miaoxiaohong"),
        ("翟志刚", "zhaizhigang"),
        ("召军", "shaojun"),
        ("薄一波", "boyibo"),
        ("卜凡", "bufan"),
        ("阚泽", "kanze"),
        ("尉缭", "weiliao"),  # single 尉 is wei; yu only in 尉迟
        ("逄蒙", "pangmeng"),  # already right in pypinyin
        ("沈从文", "shencongwen"),
    ],
)
def test_surname_readings(name: str, expected: str) -> None:
    assert full(name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("王朴", "wangpu"),
        ("张解放", "zhangjiefang"),
        ("林单", "lindan"),
        ("李乐", "lile"),
        ("刘长青", "liuchangqing"),
        ("赵区", "zhaoqu"),
        ("黄查", "huangcha"),
    ],
)
def test_override_characters_keep_their_reading_in_given_names(name: str, expected: str) -> None:
    assert full(name) == expected


@pytest.mark.parametrize(
    ("name", "surname", "expected_full", "expected_initials"),
    [
        ("欧阳娜", "欧阳", "ouyangna", "oyn"),
        ("司马光", "司马", "simaguang", "smg"),
        ("上官婉儿", "上官", "shangguanwaner", "sgwe"),
        ("诸葛亮", "诸葛", "zhugeliang", "zgl"),
        ("尉迟恭", "尉迟", "yuchigong", "ycg"),
        ("万俟卨", "万俟", "moqixie", "mqx"),
        ("长孙无忌", "长孙", "zhangsunwuji", "zswj"),
        ("澹台灭明", "澹台", "tantaimieming", "ttmm"),
        ("令狐冲", "令狐", "linghuchong", "lhc"),
        ("乐正子", "乐正", "yuezhengzi", "yzz"),
    ],
)
def test_compound_surnames(name: str, surname: str, expected_full: str, expected_initials: str) -> None:
    assert split_surname(name) == (surname, name[len(surname) :])
    assert name_pinyin(name).full == expected_full
    assert name_pinyin(name).initials == expected_initials


def test_split_surname_single_and_non_chinese() -> None:
    assert split_surname("张伟") == ("张", "伟")
    assert split_surname("曾") == ("曾", "")
    assert split_surname("Anna Li") == ("", "Anna Li")
    assert split_surname("") == ("", "")


def test_u_umlaut_is_spelled_v() -> None:
    assert name_pinyin("吕欣") == NamePinyin("lvxin", "lx", "lv xin\x1f吕欣")
    assert full("女娲") == "nvwa"
    assert full("绿萝") == "lvluo"


def test_initials() -> None:
    assert name_pinyin("张伟").initials == "zw"
    assert name_pinyin("曾凡力").initials == "zfl"
    assert name_pinyin("单").initials == "s"


def _sorted(names: list[str]) -> list[str]:
    return sorted(names, key=lambda n: name_pinyin(n).sort_key)


def test_sorts_in_pinyin_order() -> None:
    names = ["赵", "张", "阿", "王", "欧阳", "李", "陈"]
    assert _sorted(names) == ["阿", "陈", "李", "欧阳", "王", "张", "赵"]


def test_sorts_syllable_by_syllable() -> None:
    assert _sorted(["林", "李明", "李", "李明明", "林一"]) == ["李", "李明", "李明明", "林", "林一"]


def test_surname_override_applies_to_sorting() -> None:
    # Read as ceng, 曾 would sort next to 岑 cen; read as zeng it sorts just before 张 zhang.
    assert _sorted(["张伟", "曾伟", "岑伟"]) == ["岑伟", "曾伟", "张伟"]


def test_homophones_tie_break_on_the_name() -> None:
    a, b = name_pinyin("李明"), name_pinyin("黎明")
    assert a.full == b.full
    assert a.sort_key != b.sort_key
    assert _sorted(["黎明", "李明", "李明"]) == ["李明", "李明", "黎明"]


def test_latin_names() -> None:
    assert name_pinyin("Anna Li") == NamePinyin("annali", "al", "anna li\x1fAnna Li")
    assert name_pinyin("  José  García ") == NamePinyin("josegarcia", "jg", "jose garcia\x1fJosé  García")
    assert name_pinyin("Ｔｏｍ").full == "tom"  # full-width letters


def test_mixed_names() -> None:
    assert name_pinyin("David 王") == NamePinyin("davidwang", "dw", "david wang\x1fDavid 王")
    assert name_pinyin("Anna 曾").full == "annazeng"  # the Chinese part is the surname
    assert name_pinyin("王David").initials == "wd"


def test_digits_and_punctuation() -> None:
    assert name_pinyin("张伟2") == NamePinyin("zhangwei2", "zw2", "zhang wei 2\x1f张伟2")
    uyghur = "买买提·艾力"
    assert name_pinyin(uyghur) == NamePinyin("maimaitiaili", "mmtal", "mai mai ti ai li\x1f" + uyghur)
    assert name_pinyin("王（小）明").full == "wangxiaoming"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_empty_names(name: str | None) -> None:
    assert name_pinyin(name) == NamePinyin("", "", "")


def test_punctuation_only_name_does_not_crash() -> None:
    p = name_pinyin("·—")
    assert (p.full, p.initials) == ("", "")
    assert p.sort_key.endswith("·—")


def test_many_names_are_cached_and_consistent() -> None:
    names = [s + g for s in "张王李赵曾单欧" for g in "伟芳娜敏静丽强磊"]
    first = [name_pinyin(n) for n in names]
    assert [name_pinyin(n) for n in names] == first
    assert all(p.full and len(p.initials) == 2 for p in first)
