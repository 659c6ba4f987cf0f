"""The one institutions registry: canonical names and aliases, English and Chinese.

Loaded once from ``core/declared/institutions.toml``. The metric extractor uses it to
recognise names in text and to write one canonical spelling per university
(东北大学, NEU and "Northeastern University" are one institution); the database
seed (:mod:`storage.institutions`) fills ``institutions``/``institution_aliases``
from the same rows, so the two can never disagree.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from core.chinese import to_simplified
from core.resources import data_file

SEED_FILE = data_file("institutions.toml")


@dataclass(frozen=True)
class Institution:
    name: str
    country: str
    aliases: tuple[str, ...]


_DOTTED = re.compile(r"(?<![\w.])(?:[a-z]\.){2,}(?![\w])")


def alias_key(name: str) -> str:
    """Matching key: NFKC, lower case, no punctuation or leading 'the', single spaces."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    # a dotted acronym is the acronym: "M.I.T." is "mit", not "m i t"
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    text = re.sub(r"[^\w\s]", " ", text)
    text = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip())
    return text


def load(path: Path = SEED_FILE) -> list[Institution]:
    """Every registered institution, in file order."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return [
        Institution(row["name"], row["country"], tuple(dict.fromkeys(row.get("aliases", []))))
        for row in data["institution"]
    ]


@cache
def registry() -> tuple[Institution, ...]:
    return tuple(load())


@cache
def _by_key() -> dict[str, list[Institution]]:
    table: dict[str, list[Institution]] = {}
    for inst in registry():
        for alias in (inst.name, *inst.aliases):
            bucket = table.setdefault(alias_key(alias), [])
            if inst not in bucket:
                bucket.append(inst)
    # traditional spellings resolve too (香港城市大學 -> 香港城市大学) without listing both
    for key, insts in list(table.items()):
        table.setdefault(to_simplified(key), insts)
    return table


@lru_cache(maxsize=8192)
def lookup(name: str | None, country: str | None = None) -> Institution | None:
    """The registered institution for ``name``; with a shared alias ``country`` decides,
    else the first listed (news sites are mostly Chinese universities, listed first)."""
    if not name:
        return None
    insts = _by_key().get(alias_key(name)) or _by_key().get(to_simplified(alias_key(name)))
    if not insts and re.search(r"[(（]", name):
        # "South China University of Technology (SCUT)", "城大 (CityU)": any bracketed part
        for part in re.split(r"[()（）,，]", name):
            found = lookup(part.strip(), country) if part.strip() else None
            if found:
                return found
    if not insts:
        return None
    if country:
        for inst in insts:
            if inst.country == country:
                return inst
    return insts[0]


def canonical(name: str | None, country: str | None = None) -> str | None:
    """Canonical name for a registered alias; unknown names are returned as written."""
    inst = lookup(name, country)
    return inst.name if inst else name


def text_aliases() -> list[tuple[str, str]]:
    """(alias as written, canonical name) pairs for recognising names in running text."""
    pairs: list[tuple[str, str]] = []
    for inst in registry():
        for alias in (inst.name, *inst.aliases):
            pairs.append((alias, inst.name))
    return pairs


# Words that make an applicant an academic one: WIPO's overall lists mix universities with
# companies, and only the former can ever be an alias of a registered institution.
_ACADEMIC = re.compile(
    r"\b(?:univ\w*|college|institute|institut|school|academy|polytechnic|hochschule|"
    r"universit\w*|ecole|école|kaist|inst)\b|大学|大學|学院|學院|研究院|研究所|科学院",
    re.IGNORECASE,
)


def is_academic(name: str) -> bool:
    """Whether ``name`` reads as a university, college or research institute (as WIPO and
    news write them: "UNIV OF TOKYO", "Massachusetts Institute of Technology", 东北大学)."""
    return bool(_ACADEMIC.search(name))
