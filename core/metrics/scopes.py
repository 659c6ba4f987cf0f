"""Rank scopes as classes: free-text scopes ("global educational institutions", 全国高校第N位,
"universities worldwide (Top 100 … NAI/IPO)") reduced to one comparable class.

The extractor writes a class's label as a rank's ``scope``; the scorer compares the
classes of a label and a prediction, so two wordings of one scope agree.
A row is (class, label, pattern); the first pattern that matches wins, so narrower
scopes (a province, a city) come before the national and world ones.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables

_PROVINCES_EN = (
    "Anhui|Fujian|Gansu|Guangdong|Guizhou|Hainan|Hebei|Heilongjiang|Henan|Hubei|Hunan|Jiangsu"
    "|Jiangxi|Jilin|Liaoning|Qinghai|Shaanxi|Shandong|Shanxi|Sichuan|Yunnan|Zhejiang|Guangxi"
    "|Inner Mongolia|Ningxia|Xinjiang|Tibet|Beijing|Tianjin|Shanghai|Chongqing"
)
# states of India and the U.S. ("among applicants in Karnataka", "universities in Florida"):
# one state's ranking, like a Chinese province's
_STATES_EN = (
    "Karnataka|Maharashtra|Tamil Nadu|Kerala|Telangana|Andhra Pradesh|Gujarat|Rajasthan"
    "|Uttar Pradesh|West Bengal|Punjab|Haryana|Odisha|Assam|Bihar|Madhya Pradesh"
    "|California|Texas|Florida|New York State|Massachusetts|Pennsylvania|Ohio|Michigan|Illinois"
    "|Georgia|North Carolina|Virginia|Washington State|Arizona|Colorado|Utah|Indiana|Wisconsin"
    "|Minnesota|Tennessee|Missouri|Maryland|Oregon|Iowa|Kentucky|Alabama|Louisiana|Oklahoma"
    "|Connecticut|New Jersey|South Carolina|Nebraska|Kansas|New Hampshire"
)
PROVINCES_ZH = (
    "安徽|福建|甘肃|广东|贵州|海南|河北|黑龙江|河南|湖北|湖南|江苏|江西|吉林|辽宁|青海|陕西|山东|山西"
    "|四川|云南|浙江|广西|内蒙古|宁夏|新疆|西藏|北京|天津|上海|重庆"
)

SCOPES: tuple[tuple[str, str, str], ...] = (
    # named groups are their own scope, whatever country or list they sit in
    ("ivy", "Ivy League universities", r"Ivy League|常春藤"),
    ("miit", "universities of the MIIT (工信部) group", r"工信部|工业和信息化部|\bMIIT\b|国防七子"),
    ("c9", "C9 League universities", r"\bC9\b|九校联盟"),
    ("big_ten", "Big Ten universities", r"Big Ten\b"),
    # a list with companies in it: all applicants ("加计本国企业及研究单位", 法人 patentees)
    (
        "overall",
        "overall",
        # ("the top 300 organizations worldwide to receive patents": companies among them)
        r"overall|all (?:pct )?applicants|\borgani[sz]ations\b|综合排名|全部申请人|加计[^，。]{0,8}企业"
        r"|企业(?:及|和|与)[^，。]{0,6}(?:单位|机构|院所)|法人",
    ),
    # a kind of institution is its own list, wherever it sits: vocational colleges (高职院校)
    # and private universities (民办高校, 私校) are ranked among their own kind
    (
        "vocational",
        "vocational colleges",
        r"vocational|polytechnics\b|高职|职业院校|职业技术学院(?:中|之间)|高等职业|职校",
    ),
    (
        "private",
        "private universities",
        r"\bprivate (?:universit|college|institution|school)|民办|私校|私立(?:大学|高校|院校|学校)",
    ),
    ("survey", "survey respondents", r"respond|survey|AUTM"),
    ("asia", "Asian universities", r"\bAsia|亚洲"),
    # universities of mainland China, Taiwan (and Hong Kong) together: not any one of them
    (
        "greater_china",
        "universities of mainland China, Taiwan and Hong Kong",
        r"两岸|兩岸|cross-strait|mainland China,? (?:and )?Taiwan|China, Taiwan and Hong Kong"
        r"|Greater China|大中华|大中華",
    ),
    ("hong_kong", "Hong Kong universities", r"Hong Kong|HK\b|UGC|香港|全港|本港|本地大学"),
    ("taiwan", "universities in Taiwan", r"Taiwan|台湾|臺灣|全台"),
    (
        "region",
        "universities of one province or city",
        r"provinc|\bin (?:Jiangsu|Guangdong|Zhejiang|Hubei|Shandong|Wuhan|Beijing|Shanghai|Jangsu)"
        r"|Jiangsu|Jangsu|Guangdong|江苏|广东|浙江|湖北|省属|省内|在汉|在京|在沪|全省|本省|地方高校"
        # a city's universities (全市高校, 市属高校) and a region of several provinces (长三角高校,
        # 京津冀, 中西部): a ranking below the national one, like a province's
        r"|全市|市属|市内|本市|长三角|京津冀|大湾区|珠三角|(?:华东|华南|华北|华中|西南|西北|东北)地区|中西部|西部高校"
        r"|Yangtze River Delta|Greater Bay Area|Beijing-Tianjin-Hebei|(?:western|central|northeast(?:ern)?) China"
        r"|省(?:内)?(?:高校|大学|院校)"
        # any province or municipality, where it names among whom ("in Shaanxi", "Sichuan
        # universities", 陕西高校, 四川省属院校), not a university's own name (四川大学)
        rf"|\bin (?:{_PROVINCES_EN})\b|\b(?:{_PROVINCES_EN}) (?:universities|colleges|institutions)"
        rf"|(?:{PROVINCES_ZH})省?属?(?:内)?(?:高校|院校|高等学校)"
        rf"|\b(?:in|among [\w ]{{0,30}}?in) (?:the state of )?(?:{_STATES_EN})\b"
        rf"|\b(?:{_STATES_EN}) (?:universities|colleges|institutions|applicants)\b",
    ),
    # research institutes are their own list ("among research institutions", 科研院所第一)
    (
        "research",
        "research institutions",
        r"research (?:institut|organi[sz]ation|cent(?:er|re))|科研院所|研究机构|科研机构|研究院所",
    ),
    # other countries' own rankings ("first in Japan", "韩国高校第一")
    # universities of one ministry (教育部直属高校, "directly under the Ministry of Education")
    (
        "moe",
        "universities directly under the Ministry of Education",
        r"Ministry of Education|教育部直属|部属(?:高校|院校|大学)|直属高校",
    ),
    ("india", "Indian institutions", r"\bIndia|\bIITs\b|centrally funded|印度"),
    ("france", "French universities", r"\bFrance\b|\bFrench\b|法国|法國"),
    ("japan", "Japanese universities", r"Japan|日本"),
    # other countries' own lists, as WIPO and NAI news names them ("first among Canadian
    # universities", "the top Israeli institution", 新加坡高校)
    ("canada", "Canadian universities", r"Canad|加拿大"),
    ("australia", "Australian universities", r"Australia|澳大利亚|澳洲"),
    ("germany", "German universities", r"\bGerman|德国|德國"),
    ("switzerland", "Swiss universities", r"\bSwiss\b|Switzerland|瑞士"),
    ("israel", "Israeli universities", r"\bIsrael|以色列"),
    ("singapore", "Singapore universities", r"Singapore|新加坡"),
    (
        "middle_east",
        "universities of the Middle East and Arab world",
        r"Middle East|\bArab|\bSaudi|中东|阿拉伯|沙特",
    ),
    ("nordic", "Nordic universities", r"Nordic|Scandinavia|北欧"),
    ("korea", "Korean universities", r"Korea|韩国|韓國"),
    ("europe", "European universities", r"Europe|欧洲|歐洲"),
    ("uk", "UK universities", r"\bU\.?K\.?\b|Britain|British|英国|英國"),
    (
        "world",
        "global education institutions",
        # "international patent applications"/国际专利 name what is ranked, not among whom
        r"global|world|international(?!\s+patents?\s+(?:applications?|filings?)\b|\s+(?:applications?|filings?|patents?)\b(?!\s+applicants))|全球|世界|国际(?!专利|申请)"
        # WIPO's list of educational institutions is a world list unless a country is named
        r"|(?<!Chinese )(?<!American )(?<!U\.S\. )education(?:al)? institutions|(?<!中国)(?<!国内)(?<!美国)教育机构",
    ),
    # "the top 10 non-US universities": every list's members but the American ones
    (
        "non_us",
        "non-U.S. universities",
        r"non-U\.?S\.?|non-American|outside the U\.?S\.?|非美国|美国以外",
    ),
    # "granted U.S. utility patents" names what is ranked, not among whom (a USPTO list,
    # "U.S. Patent and Trademark Office", is an American list)
    (
        "us",
        "U.S. universities",
        r"(?:U\.S\.|\bUS\b)(?!\s+utility\b)|American|United States|nationwide.*NAI|美国高校",
    ),
    (
        "china",
        "Chinese universities",
        # "the nation's No. 2", "among public universities": the country's own list (an
        # American page's is the U.S. list: the context step reads the article's country)
        r"Chin|\bnational|nationwide|in the nation|\bnation[’']s|\bcountry[’']s|\bpublic (?:research )?universit"
        r"|\b(?:in|across) the country\b|countrywide"
        r"|mainland|higher learning|全国|国内|中国|内地|高校|院校|高等学校",
    ),
)
# lowered words one of which a row's pattern needs: the pattern runs only where one is
# present (a case-insensitive alternation with lookarounds costs ~50 us a call)
TRIGGERS: dict[str, tuple[str, ...]] = {
    "ivy": ("ivy", "常春藤"),
    "miit": ("工信部", "工业和信息化部", "miit", "国防七子"),
    "c9": ("c9", "九校联盟"),
    "big_ten": ("big ten",),
    "overall": ("overall", "all ", "organi", "综合排名", "全部申请人", "加计", "企业", "法人"),
    "vocational": ("vocational", "polytechnics", "高职", "职业院校", "职业技术学院", "高等职业", "职校"),
    "private": ("private", "民办", "私校", "私立"),
    "survey": ("respond", "survey", "autm"),
    "asia": ("asia", "亚洲"),
    "greater_china": (
        "两岸", "兩岸", "cross-strait", "mainland china", "china, taiwan", "greater china", "大中华",
        "大中華",
    ),
    "hong_kong": ("hong kong", "hk", "ugc", "香港", "全港", "本港", "本地大学"),
    "taiwan": ("taiwan", "台湾", "臺灣", "全台"),
    "region": (
        "provinc", "jiangsu", "jangsu", "guangdong", "zhejiang", "hubei", "shandong", "wuhan",
        "beijing", "shanghai", "江苏", "广东", "浙江", "湖北", "省属", "省内", "在汉", "在京",
        "在沪", "全省", "本省", "地方高校", "省高校", "省大学", "省院校", "全市", "市属", "市内", "本市",
        "长三角", "京津冀", "大湾区", "珠三角", "华东地区", "华南地区", "华北地区", "华中地区", "西南地区",
        "西北地区", "东北地区",
        "中西部", "西部高校", "yangtze river delta", "greater bay area", "beijing-tianjin-hebei",
        "western china", "central china", "northeast china", "northeastern china",
        *(p.lower() for p in _PROVINCES_EN.split("|")), *PROVINCES_ZH.split("|"),
        *(p.lower() for p in _STATES_EN.split("|")),
    ),
    "moe": ("ministry of education", "教育部直属", "部属", "直属高校"),
    "india": ("india", "iits", "centrally funded", "印度"),
    "france": ("france", "french", "法国", "法國"),
    "research": ("research", "科研院所", "研究机构", "科研机构", "研究院所"),
    "japan": ("japan", "日本"),
    "canada": ("canad", "加拿大"),
    "australia": ("australia", "澳大利亚", "澳洲"),
    "germany": ("german", "德国", "德國"),
    "switzerland": ("swiss", "switzerland", "瑞士"),
    "israel": ("israel", "以色列"),
    "singapore": ("singapore", "新加坡"),
    "middle_east": ("middle east", "arab", "saudi", "中东", "阿拉伯", "沙特"),
    "nordic": ("nordic", "scandinavia", "北欧"),
    "korea": ("korea", "韩国", "韓國"),
    "europe": ("europe", "欧洲", "歐洲"),
    "uk": ("uk", "u.k", "britain", "british", "英国", "英國"),
    "world": ("global", "world", "international", "全球", "世界", "国际", "education", "教育机构"),
    "non_us": ("non-u", "non-american", "outside the u", "非美国", "美国以外"),
    "us": ("u.s.", "us", "american", "united states", "nai", "美国高校"),
    "china": (
        "chin", "national", "nationwide", "in the nation", "nation’s", "nation's", "country's",
        "in the country", "across the country", "countrywide",
        "country’s", "public universit", "public research universit", "mainland", "higher learning", "全国", "国内",
        "中国", "内地", "高校", "院校", "高等学校",
    ),
}  # fmt: skip
_COMPILED = [(cls, label, TRIGGERS[cls], re.compile(pat, re.I)) for cls, label, pat in SCOPES]
LABELS = {cls: label for cls, label, _ in SCOPES}
# classes that name a kind of institution, not a place: a locale's "national" reading
# (全国 is Taiwan in a Taiwan paper) does not replace them (全国私校第一 is among private ones)
KINDS = frozenset({"vocational", "private", "moe"})
# the national list of a registered institution's own country ("KAIST ranked first
# nationwide" is among Korean universities); China's is the table's default national class
NATION_OF = {
    "US": "us", "KR": "korea", "JP": "japan", "IN": "india", "FR": "france", "CA": "canada",
    "AU": "australia", "DE": "germany", "CH": "switzerland", "IL": "israel",
    "SG": "singapore", "GB": "uk", "TW": "taiwan", "HK": "hong_kong",
}  # fmt: skip
assert set(TRIGGERS) == set(LABELS), "every scope row needs its trigger words"


@lru_cache(maxsize=4096, typed=True)  # pure; asked again for one sentence
def scope_class(text: str | None) -> str | None:
    """The class of a free-text scope, ``None`` for none; unknown wording is its own class."""
    if not text:
        return None
    low = text.lower()
    for cls, _label, triggers, pattern in _COMPILED:
        for t in triggers:  # a plain loop: a generator per row costs more than its tests
            if t in low:
                if pattern.search(text):
                    return cls
                break
    return text.strip().lower()


# a licensing survey (AUTM's) ranks the institutions that answered it: the article's ranks
# that name no other scope are among its respondents
_SURVEY_SOURCE = re.compile(
    r"\bAUTM\b|Association of University Technology Managers|licensing survey", re.I
)


# an article about one country's own institutes (India's IITs, NITs, IISc) ranks them among
# that country's institutions where a rank names no scope ("IIT Bombay is second with …")
_INDIA = re.compile(r"\bIndia|\bIIT\b|\bIITs\b|\bNITs?\b|\bIISc\b|\bIIT[- ][A-Z]")
_ENOUGH = 3  # mentions: one name in passing is not what the article is about


# a ranking list's own name says among whom it ranks: "Top 100 China Universities by Patent
# Awards", "Top 100 U.S. Universities Granted Utility Patents", "Top 5 Indian Applicants"
_LIST_TITLE = re.compile(
    r"\b[Tt]op\s+\d{1,3}\s+((?:[A-Z][\w.-]*\s+){1,3}?)(?:[Uu]niversities|Institutions|Colleges|Applicants)\b"
    # "the Patent and Trademark Office's list of U.S. universities receiving the most patents"
    r"|\blist of ((?:[A-Z][\w.-]*\s+){1,3}?)(?:universities|institutions|colleges)\b"
)


def list_title_scope(text: str) -> str | None:
    """The scope class the article's ranking lists' names agree on, ``None`` without one."""
    if (
        "op " not in text
        and "list of" not in text
        and "PTO" not in text
        and "Trademark" not in text
    ):
        return None
    found = {scope_class(m.group(1) or m.group(2)) for m in _LIST_TITLE.finditer(text)}
    found.discard(None)
    cls = found.pop() if len(found) == 1 else None
    if cls is None and _USPTO.search(text) and not _WORLD_LIST.search(text):
        return "us"  # the USPTO's own list ranks American universities only
    return cls if cls in LABELS else None


# the U.S. patent office's yearly list of "U.S. universities receiving the most patents" (before
# the NAI/IPO's worldwide lists) ranks American universities; a worldwide list names the world
_USPTO = re.compile(r"\bUSPTO\b|U\.?S\.? Patent (?:and|&) Trademark Office|\bPTO\b")
_WORLD_LIST = re.compile(r"[Ww]orldwide|\bworld\b|\bglobal|National Academy of Inventors|\bNAI\b")


def article_scope(text: str) -> str | None:
    """The scope class of an article's unscoped ranks read from what the article is about:
    ``"survey"`` when its ranking source is a licensing survey, ``"india"`` for one about
    India's institutes; ``None`` otherwise."""
    if "survey" in text.lower() and _SURVEY_SOURCE.search(text):
        return "survey"
    if sum(1 for _ in zip(range(_ENOUGH), _INDIA.finditer(text), strict=False)) >= _ENOUGH:
        return "india"
    return None


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
