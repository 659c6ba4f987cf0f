"""WIPO's country names → ISO 3166 alpha-2 codes.

ISO's names come from ``pycountry`` (maintained, so new and renamed states are
covered); WIPO writes some names its own way (UN style: "Republic of Korea",
"China, Hong Kong SAR", "Iran (Islamic Republic of)", "Turkey") and reports
former states (Soviet Union, German Democratic Republic) under their old codes.
No fuzzy matching: "Republic of Korea" must never become North Korea.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pycountry

from core.extraction.text import clean_text

# WIPO's spellings and common short forms that ISO's names do not contain.
WIPO_NAMES = {
    "republic of korea": "KR",
    "korea": "KR",
    "south korea": "KR",
    "democratic people's republic of korea": "KP",
    "china, hong kong sar": "HK",
    "hong kong sar": "HK",
    "hong kong, china": "HK",
    "china, macao sar": "MO",
    "macao sar": "MO",
    "taiwan, province of china": "TW",
    "chinese taipei": "TW",
    "united kingdom": "GB",
    "uk": "GB",
    "great britain": "GB",
    "united states": "US",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "us": "US",
    "turkey": "TR",
    "swaziland": "SZ",
    "the former yugoslav republic of macedonia": "MK",
    "republic of macedonia": "MK",
    "czech republic": "CZ",
    "russia": "RU",
    "iran": "IR",
    "vietnam": "VN",
    "syria": "SY",
    "laos": "LA",
    "moldova": "MD",
    "tanzania": "TZ",
    "bolivia": "BO",
    "venezuela": "VE",
    "democratic republic of the congo": "CD",
    "congo": "CG",
    "cote d'ivoire": "CI",
    "holy see": "VA",
    # former states, under the codes WIPO's statistics keep for them
    "soviet union": "SU",
    "ussr": "SU",
    "german democratic republic": "DD",
    "czechoslovakia": "CS",
    "yugoslavia": "YU",
    "serbia and montenegro": "CS",
    "serbia and montenegro (formerly yugoslavia)": "YU",
}


def _key(name: str) -> str:
    text = clean_text(name).replace("’", "'")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = re.sub(r"\s+", " ", text).strip(" .").lower()
    return text[1:-1].strip() if re.fullmatch(r"\([^()]*\)", text) else text


@cache
def _iso_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names[_key(value)] = country.alpha_2
    return names


def country_code(text: str | None) -> str | None:
    """'Republic of Korea' → 'KR'; 'Iran (Islamic Republic of)' → 'IR'; 'jp' → 'JP';
    a name that is no country (an office, a region) → None."""
    if not text:
        return None
    key = _key(text)
    if re.fullmatch(r"[a-z]{2}", key):
        code = key.upper()
        known = pycountry.countries.get(alpha_2=code) or code in WIPO_NAMES.values()
        return code if known else None
    if key in WIPO_NAMES:
        return WIPO_NAMES[key]
    names = _iso_names()
    if key in names:
        return names[key]
    # UN style "Name (Qualifier)" is ISO's "Name, Qualifier"
    m = re.fullmatch(r"(.+?) \((.+)\)", key)
    if m:
        return names.get(f"{m.group(1)}, {m.group(2)}")
    return None


def split_applicant(text: str) -> tuple[str, str | None]:
    """'HUAWEI TECHNOLOGIES (China)' → ('HUAWEI TECHNOLOGIES', 'CN');
    'Technical University of Denmark, Denmark' → (…, 'DK'); a name without a
    country, or whose parentheses hold no country, is kept whole."""
    text = clean_text(text)
    m = re.match(r"^(.*\S)\s*\(([^()]+(?:\([^()]*\))?[^()]*)\)\s*$", text)
    if m and country_code(m.group(2)):
        return m.group(1), country_code(m.group(2))
    m = re.match(r"^(.*?),\s*([A-Za-z .'’-]+)$", text)
    if m and country_code(m.group(2)):
        return m.group(1), country_code(m.group(2))
    return text, None
