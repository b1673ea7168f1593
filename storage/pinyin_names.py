"""Pinyin forms of personal names: search keys (全拼 / 首字母) and a pinyin sort key.

Customers are found by what a relationship manager types on a Latin keyboard (``zw`` or
``zhangwei`` for 张伟) and listed in the order Chinese users expect (阿 陈 李 欧阳 王 张 赵),
which is pinyin order, not code-point order.  pypinyin reads characters with their most common
reading, which is wrong for many surnames (曾 ceng, 单 dan, 解 jie, 区 qu ...), so the surname is
split off and read from the tables below; the given name is read by pypinyin with its phrase
dictionary.  ü is spelled ``v`` (``lv``, ``nv``), as on every pinyin keyboard.

Pure Python, no Qt.  Recent names and given names are kept in bounded LRU caches (a few MB):
100,000 names take about 1.6 s cold on a 2-core machine, mostly inside pypinyin.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

# Compound surnames (复姓), with their reading.  Several differ from what pypinyin gives the two
# characters (万俟 moqi, 尉迟 yuchi, 长孙 zhangsun, 乐正 yuezheng); the rest are listed so that the
# second character is not mistaken for the start of the given name.  单于 (chanyu) is left out on
# purpose: it is practically extinct, while 单 (shan) + a given name starting with 于 is not.
_COMPOUND_SURNAMES: dict[str, tuple[str, ...]] = {
    s: tuple(r.split())
    for s, r in {
        "欧阳": "ou yang",
        "司马": "si ma",
        "上官": "shang guan",
        "诸葛": "zhu ge",
        "东方": "dong fang",
        "皇甫": "huang fu",
        "尉迟": "yu chi",
        "公孙": "gong sun",
        "慕容": "mu rong",
        "令狐": "ling hu",
        "长孙": "zhang sun",
        "宇文": "yu wen",
        "司徒": "si tu",
        "夏侯": "xia hou",
        "轩辕": "xuan yuan",
        "端木": "duan mu",
        "独孤": "du gu",
        "南宫": "nan gong",
        "万俟": "mo qi",
        "闻人": "wen ren",
        "西门": "xi men",
        "澹台": "tan tai",
        "公冶": "gong ye",
        "太史": "tai shi",
        "申屠": "shen tu",
        "呼延": "hu yan",
        "赫连": "he lian",
        "公羊": "gong yang",
        "濮阳": "pu yang",
        "淳于": "chun yu",
        "仲孙": "zhong sun",
        "钟离": "zhong li",
        "宗政": "zong zheng",
        "鲜于": "xian yu",
        "司空": "si kong",
        "司寇": "si kou",
        "闾丘": "lv qiu",
        "亓官": "qi guan",
        "巫马": "wu ma",
        "公西": "gong xi",
        "颛孙": "zhuan sun",
        "壤驷": "rang si",
        "公良": "gong liang",
        "漆雕": "qi diao",
        "乐正": "yue zheng",
        "宰父": "zai fu",
        "谷梁": "gu liang",
        "拓跋": "tuo ba",
        "夹谷": "jia gu",
        "段干": "duan gan",
        "百里": "bai li",
        "东郭": "dong guo",
        "南门": "nan men",
        "东门": "dong men",
        "羊舌": "yang she",
        "微生": "wei sheng",
        "梁丘": "liang qiu",
        "左丘": "zuo qiu",
        "第五": "di wu",
        "太叔": "tai shu",
        "贺兰": "he lan",
        "完颜": "wan yan",
    }.items()
}

# Single surnames whose surname reading differs from pypinyin 0.55's default reading of the lone
# character (checked one by one).  Only readings that dictionaries give for the surname are listed;
# doubtful ones are left to pypinyin: 能 (nai vs neng), 黑 (he vs hei), and 尉, which alone is wei
# (yu only in 尉迟).  Characters pypinyin already reads right (逄 沈 曲 尹 华 任 万 那 过 贲 郗 ...)
# are not repeated here.
_SURNAME_READINGS: dict[str, str] = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "区": "ou",
    "查": "zha",
    "盖": "ge",
    "覃": "qin",
    "乐": "yue",
    "种": "chong",
    "缪": "miao",
    "翟": "zhai",
    "秘": "bi",
    "召": "shao",
    "隗": "wei",
    "繁": "po",
    "员": "yun",
    "长": "chang",
    "重": "chong",
    "薄": "bo",
    "六": "lu",
    "折": "she",
    "句": "gou",
    "祭": "zhai",
    "阚": "kan",
    "粘": "nian",
    "卜": "bu",
    "都": "du",
    "番": "pan",
    "洗": "xian",
    "乜": "nie",
    "颉": "xie",
    "佴": "nai",
    "角": "jue",
}

_EMPTY_SYLLABLES: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NamePinyin:
    """Pinyin search and sort forms of one name."""

    full: str  # "zhangwei": lowercase syllables, no tones or separators
    initials: str  # "zw": first letter of each syllable / Latin word
    sort_key: str  # "zhang wei\x1f张伟": compare by code point (SQL ORDER BY)


_EMPTY = NamePinyin("", "", "")


def _is_han(ch: str) -> bool:
    """True for a CJK ideograph (BMP blocks, compatibility block, supplementary planes, 〇)."""
    return (
        "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\uf900" <= ch <= "\ufaff"
        or "\U00020000" <= ch <= "\U0003134f"
        or ch == "\u3007"
    )


@lru_cache(maxsize=8192)
def _han_syllables(text: str) -> tuple[str, ...]:
    """pypinyin's toneless syllables for a run of Han characters (phrase-aware; ü as v)."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="ignore", v_to_u=False))


def _latin_word(word: str) -> str:
    """Lowercase a Latin (or other alphabetic / digit) word and drop diacritics: José -> jose."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def _split_han(run: str) -> tuple[str, str]:
    """Split a run of Han characters into (surname, given name); compound surnames first."""
    if run[:2] in _COMPOUND_SURNAMES:
        return run[:2], run[2:]
    return run[:1], run[1:]


def split_surname(name: str) -> tuple[str, str]:
    """Split a Chinese name into (surname, given name), recognising compound surnames (欧阳娜)."""
    name = unicodedata.normalize("NFKC", name or "").strip()
    if not name or not _is_han(name[0]):
        return "", name
    end = 0
    while end < len(name) and _is_han(name[end]):
        end += 1
    surname, given = _split_han(name[:end])
    return surname, given + name[end:]


def _surname_run_syllables(run: str) -> tuple[str, ...]:
    """Syllables of the first Han run of a name: surname from the tables, the rest via pypinyin."""
    surname, given = _split_han(run)
    if surname in _COMPOUND_SURNAMES:
        head: tuple[str, ...] = _COMPOUND_SURNAMES[surname]
    elif surname in _SURNAME_READINGS:
        head = (_SURNAME_READINGS[surname],)
    else:
        head = _han_syllables(surname)
    return head + (_han_syllables(given) if given else _EMPTY_SYLLABLES)


def _words(name: str) -> list[str]:
    """Pinyin syllables and lowercased Latin/digit words of a name, in order; separators dropped."""
    out: list[str] = []
    first_han_run = True
    i, n = 0, len(name)
    while i < n:
        ch = name[i]
        j = i + 1
        if _is_han(ch):
            while j < n and _is_han(name[j]):
                j += 1
            run = name[i:j]
            # The surname is the start of the first Han run ("张伟", and also "Anna 曾" or "David 王").
            out.extend(_surname_run_syllables(run) if first_han_run else _han_syllables(run))
            first_han_run = False
        elif ch.isalnum():
            while j < n and name[j].isalnum() and not _is_han(name[j]):
                j += 1
            out.append(_latin_word(name[i:j]))
        i = j  # anything else (spaces, ·, punctuation, symbols) only separates words
    return out


@lru_cache(maxsize=4096)
def _name_pinyin(name: str) -> NamePinyin:
    """Cached core of name_pinyin; ``name`` is already stripped and non-empty."""
    words = [w for w in _words(unicodedata.normalize("NFKC", name)) if w]
    return NamePinyin(
        full="".join(words),
        initials="".join(w[0] for w in words),
        # Syllables joined by " " compare syllable by syllable (李明 "li ming" < 林 "lin"); \x1f sorts
        # below " " and letters, so 李 < 李明, and the name itself breaks ties between homophones.
        sort_key=" ".join(words) + "\x1f" + name,
    )


def name_pinyin(name: str | None) -> NamePinyin:
    """Return the full pinyin, initials and pinyin sort key of a personal name ("" parts if empty)."""
    if not name:
        return _EMPTY
    name = name.strip()
    return _name_pinyin(name) if name else _EMPTY
