"""Words of the rank pass (:mod:`core.metrics.rankpass`), as tables and patterns.

What a rank ranks (``BASES``, one row per kind of figure, narrow rows first), and the
phrasings that say a rank's time, scope or nature: "双双/均" (one rank per figure), "as of",
"last year", "up from", a composite ranking named at the rank, a list's size or its intro.
Changing a phrasing is a change here, not in the pass's code.
"""

from __future__ import annotations

import re

from core.metrics.gates import gate_tables
from core.metrics.numbers import ORDINAL_WORDS

# (basis, words): what a rank ranks, by the words of its clause; narrow rows first
BASES: tuple[tuple[str, str], ...] = (
    (
        "invention_patent_applications",
        r"发明专利申请|申请发明专利|invention (?:patent )?applications?",
    ),
    (
        "invention_patents_granted",
        # Taiwan publishes a patent when it grants it: 发明专利公告(发证), 获证
        r"发明专利授权|授权发明专利|发明授权专利|发明专利(?:公告|发证|获证|核准)|granted invention"
        r"|invention patents? granted",
    ),
    ("valid patents held", r"有效(?:发明)?专利|拥有量|patents? held|valid patents?"),
    ("patents_granted", r"专利授权量|授权量|授权专利|patents? granted|granted patents"),
    # an application is published (公开) before it is examined: 公开量 counts applications
    (
        "patent_applications",
        r"专利申请|申请专利|申请量|公开量|patent applications?|patent filings?",
    ),
    ("utility model patents", r"实用新型|utility models?"),
    ("design patents", r"外观|design patents?"),
    ("pct_applications_published", r"PCT|国际专利申请|international (?:patent )?applications?"),
    ("patents_transferred", r"转让|转化|转移|许可|transfer|licens"),
    ("invention patents", r"发明专利|invention patents?"),
    ("patents (total)", r"专利总数|专利总量|专利数量|total (?:number of )?patents"),
)
BASES_COMPILED = [(name, re.compile(words, re.I)) for name, words in BASES]
CLAUSE_END = re.compile(r"[,，;；。:：]")
EACH = re.compile(r"双双|均|都|皆|\bboth\b|\beach\b", re.I)
AS_OF = re.compile(r"截至|截止|as of\b|up (?:till|to) now", re.I)
N_OR_MORE = ("一", "两|二|2", "三|3", "四|4", "五|5", "六|6", "七|7", "八|8", "九|9", "十|10")
# a counted group says who ranks, not among whom ("3所江苏高校")
NAMED = re.compile(
    r"[\d一二三四五六七八九十两]+所[^，。；、]{0,6}?(?:高校|大学)|等[^，。；、\d]{0,6}?(?:高校|大学|院校)"
)
ZH_VERB = re.compile(r"位居|位列|名列|分居|分列|排名|排在|跻身|进入|居|列|为|是|达|获")
ORDINAL_NAMES = {v: k for k, v in ORDINAL_WORDS.items()}
# the subject of a rank's clause is a group of several ("这两所高校", "两校", "both schools")
GROUP_SUBJECT = re.compile(
    # a counted group of universities, not "上述两项数据" (the two figures above)
    r"^\s*(?:毕竟|而且|并且|其中|但)?\s*(?:这|该|上述)(?:两|二|几|些|[三四五六七八九十\d]+)"
    r"(?:所(?:高校|大学|学校)?|高校|大学|学校|校)"
    r"|^\s*(?:两校|二者|两者)|^\s*(?:both|these|the two) (?:universities|schools|institutions)\b",
    re.I,
)
INTRO_EN = re.compile(
    r"\btop\s+(?:\d{1,3}|ten|twenty|fifty|hundred)\s+([^:;.]{3,40}?)\s+(?:include[sd]?|are|were)\s*:",
    re.I,
)
# a counted group before a top N is how many made the list, not one's rank
COUNTED = re.compile(
    r"(?:\d+|[一二三四五六七八九十两]+)\s*(?:所|家|个)[^，。；]{0,8}?(?:高校|大学|院校|学校)"
    r"|\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|twenty)"
    r"\s+(?:[A-Z][\w.-]*\s+)*(?:universities|institutions|schools|colleges)\b",
    re.I,
)
OWNER_END = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:大学|学院)\s*[(（]\s*$")  # "A(23名)"
ZH_PLACE = re.compile(r"\d{1,3}\s*[名位强]")
# composite rankings named at the rank itself (rules §7: their ranks are not patent ranks)
COMPOSITE_AT = re.compile(
    r"(?-i:\bQS\b|\bTHE (?:World|Asia))|Times Higher|U\.S\. News|\bARWU\b|Shanghai Ranking|Nature Index"
    r"|most innovative|innovation (?:index|ranking)|软科|泰晤士|自然指数|综合排名|创新(?:能力|指数|力)"
    r"|学科评估|学科排名|校友会|武书连|\bESI\b",
    re.I,
)
# what a ranking ranks, named before its ranks: a patent count, or something else (papers,
# citations, funding: rules §7). The nearest one before a rank is its basis, and holds for the
# ranks that follow it in the sentence ("…专利授权数上无缘前十，但论文发表亮眼：A排名第四，B第六")
BASIS_PATENT = re.compile(
    r"专利|專利|发明|發明|申请|授权|PCT|patent|utility|applications?\b|filings?\b|licen[cs]",
    re.I,
)
BASIS_OTHER = re.compile(
    r"论文|論文|发文|被引|引用|科研经费|经费|招生|毕业生|就业|\bpapers?\b|publications?\b"
    r"|citations?\b|research (?:funding|spending|expenditure)|enrol(?:l)?ments?\b"
    # a general league table of universities ("2013中国大学排行榜600强"), not a patent list
    r"|大学(?:综合)?(?:排行榜|排名榜)|\buniversity rankings?\b",
    re.I,
)
# an article about a composite ranking keeps only the ranks of paragraphs about patents,
# unless it names a patent ranking itself
PATENT_LIST = re.compile(
    r"\bNAI\b|National Academy of Inventors|USPTO|Patent and Trademark Office|\bWIPO\b|\bPCT\b"
    r"|patents? (?:list|ranking)|专利[^，。；]{0,8}(?:排行|排名|榜)|專利[^，。；]{0,8}(?:排行|排名|榜)",
    re.I,
)
PATENT_WORD = re.compile(r"patent|licen|专利|專利|知识产权|知識產權|发明|發明|技转|移转", re.I)
LAST_YEAR = re.compile(
    r"去年|上年|上一年|\blast year\b|\bthe previous year\b|\ba year earlier\b", re.I
)
YEAR_AFTER = re.compile(
    # "22nd in 2018", "No. 9 in 2020", "seventh in 2016"
    r"(?:(?:No\.\s*)?\d{1,3}(?:st|nd|rd|th)?|(?:first|second|third|fourth|fifth|sixth|seventh"
    r"|eighth|ninth|tenth|eleventh|twelfth|\w+teenth|twentieth|\w+-\w+(?:st|nd|rd|th)))"
    r"(?:\s+(?:place|position|spot))?\s+in\s+((?:19|20)\d\d)\b",
    re.I,
)
# a year right before 第N that does not close a span ("2012年—2014年的榜首" is three years)
YEAR_BEFORE = re.compile(r"(?<![—–\-~至到\d])(?<![—–\-~至到]\s)((?:19|20)\d\d)\s*年(?:度)?的?\s*$")
AMONG_LEAD = re.compile(r"^\s*(?:Among|Of all|Of the)\s+([^,;.]{3,60}),", re.I)
UP_FROM = re.compile(
    r"\b(?:up|down|rising|falling|climbing|dropping|improving)"
    # "moved up in rank from fourth to third", "jumped 5 places from 22nd"
    r"(?:\s+in\s+(?:the\s+)?rank(?:ings?)?|\s+\w+\s+(?:places|spots|positions))?\s+from\s+(?:No\.\s*)?$"
    r"|(?:由|从)(?:(?:19|20)\d\d年(?:的)?)?$",
    re.I,
)
# "was not even in the top 30", "failed to make the top 10", 未能进入前十: no place at all
NEGATED = re.compile(
    r"\b(?:not|never|failed to|fails to|fail to)\b(?:\s+[\w']+){0,3}\s*$|(?:未能?|没有|没能|无缘|未曾|无法|不能|未进)\S{0,4}$",
    re.I,
)
# "位列第5到第10的高校分别是A、B…", "第11至20名": a range of places (a list fills it, or a
# band), nobody's own exact place
RANGE_INTRO = re.compile(
    r"第\s*[\d一二三四五六七八九十]{1,3}\s*(?:名|位)?\s*(?:到|至|-|—|–|~|～)\s*第?\s*"
    r"[\d一二三四五六七八九十]{1,3}(?![\d十])\s*(?:名|位)?"
)
LIST_INTRO = re.compile(
    r"前\s*\S{1,3}?\s*[名位强]?(?:的[^，,。；;]{0,8}?(?:高校|大学|院校|教育机构|机构|单位))?的?"
    r"(?:分别|依次|依序)?(?:是|为|有|包括)"
)
AFTER_TOP = re.compile(
    r"前\s*\S{1,3}?\s*[名位强]?的([^，,。；;:：]{2,10}?(?:高校|大学|院校|教育机构))"
)
# words by which a sentence says among whom its ranks are (its own scope, not a carried one)
SCOPE_HINT = re.compile(
    r"\bamong\s|\b(?:in|of) the (?:world|nation|country)\b|\bworldwide\b|\bnationwide\b"
    r"|\boverall\b|\bglobal(?:ly)?\b|在[^，。；在]{2,16}?中|全国|全球|世界|国内|全省|省内|省属"
    r"|[^\s，。；、]{1,4}(?:高校|教育机构)",
    re.I,
)

# a span of years the rank has held (a period, rules §4): "连续3年进入100强", "for five
# consecutive years"; an ordinal ("for the 11th consecutive year", "连续第三年") is this year's
# the first year of a span a rank has held ("自2012年来", "从2019年起", "since 2016")
SINCE_YEAR = re.compile(r"(?:自|从|\bsince\s+|\bfrom\s+)((?:19|20)\d\d)", re.I)
CONSECUTIVE = re.compile(
    r"连续(?!第)([\d一二三四五六七八九十两]+)年|已连续([\d一二三四五六七八九十两]+)年"
    r"|\b(?:for\s+)?(\w+)\s+(?:consecutive|straight)\s+years\b|\b(\w+)\s+years\s+in\s+a\s+row\b",
    re.I,
)

# a rank token already passed in the sentence (the figures before it are that rank's)
PRIOR_RANK = re.compile(r"第\s*\S{1,3}\s*[位名]|\d(?:st|nd|rd|th)\b")
# a year, not a count of 2000-odd things ("2985件")
YEAR = re.compile(r"(?<![\d.,])((?:19|20)\d\d)(?![\d.,]\d|\s*(?:件|项|个|名|位|万|亿|项|%))")


# "26th-ranked B", "9th place B": a place written before the name it is of (the sentence
# engine gives it to that name; an enumeration continues past it)
PLACE_BEFORE_NAME = (
    r"(?:\d+(?:st|nd|rd|th)|[a-z]+(?:st|nd|rd|th))[\s-](?:ranked|place|placed)\s+(?:the\s+)?"
)

# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
