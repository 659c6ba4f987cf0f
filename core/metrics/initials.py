"""Short forms an article uses without defining them: initials and "U" + place.

News names a university in full once and then by its initials ("Oklahoma State
University … OSU earned …", "the University of Oklahoma … OU brought in …") or by the
university's own "U" + place brand ("The University of Arizona … UArizona ranks …").
A short form counts only when the article also writes a full name it abbreviates, so
"OSU" means Oklahoma State in one article and Ohio State in another.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.metrics.gates import gate_tables

_SMALL = {"of", "the", "and", "at", "in", "for", "de", "y"}
# (?<![\w&.-])([A-Z]{2,6}|U[A-Z][a-z]{3,})(?![\w&-]), written to open with its capital so the
# engine skips to capitals (a leading lookbehind is tried at every character)
TOKEN_REFERENCE = r"(?<![\w&.-])([A-Z]{2,6}|U[A-Z][a-z]{3,})(?![\w&-])"
_TOKEN = re.compile(r"([A-Z](?<![\w&.-][A-Z])(?:[A-Z]{1,5}|(?<=U)[A-Z][a-z]{3,}))(?![\w&-])")
# \b([A-Z]{2,6})(?:-|\s+)[A-Z][a-z] and [(（]([A-Z]{2,6})[)）], the same way
HEAD_REFERENCE = r"\b([A-Z]{2,6})(?:-|\s+)[A-Z][a-z]"
_HEAD = re.compile(r"([A-Z](?<!\w[A-Z])[A-Z]{1,5})(?:-|\s+)[A-Z][a-z]")
_BRACKETED = re.compile(r"[(（]([A-Z]{2,6})[)）]")
_WORD = re.compile(r"[A-Za-z][\w'-]*")
# tokens that are never a university's short form, whatever names the article holds
_NEVER = {"US", "USA", "UK", "EU", "IP", "PCT", "WIPO", "USPTO", "NAI", "IPO", "CEO", "AUTM", "FY"}


def _forms(full: str) -> set[str]:
    words = [w for w in _WORD.findall(full) if w.lower() not in _SMALL]
    caps = [w for w in words if w[0].isupper()]
    if len(caps) < 2:
        return set()
    forms = {"".join(w[0] for w in caps).upper()}
    rest = [w for w in caps if w != "University"]
    if "University" in caps and rest:
        # "University of Oklahoma" is OU as often as UO; its brand is "UOklahoma"-style
        forms |= {"".join(w[0] for w in rest).upper() + "U", "U" + "".join(rest)}
    return forms


@lru_cache(maxsize=256)  # the locale step and the name step both ask it of the whole text
def candidate_tokens(text: str) -> frozenset[str]:
    """The tokens of ``text`` that could be an undefined short form (before any name scan)."""
    return frozenset(m.group(1) for m in _TOKEN.finditer(text)) - _NEVER


@lru_cache(maxsize=256)  # the locale step asks it before the whole-text name scan, then here
def undefined_tokens(text: str) -> frozenset[str]:
    """The candidate tokens that are not heads: only these can be an implied short form, so
    an article with none needs no full names (the whole-text name scan is skipped)."""
    tokens = candidate_tokens(text)
    if not tokens:
        return tokens
    # a token that also opens a longer name ("IIT Madras", "IIT-Bombay") is not a short form
    heads = {m.group(1) for m in _HEAD.finditer(text)}
    # a bracketed form is the article's own definition ("… Technology (IIT) Jammu"), read
    # by the names step with what follows it
    heads |= {m.group(1) for m in _BRACKETED.finditer(text)}
    return tokens - heads


def implied_short_names(text: str, fulls: list[str]) -> list[tuple[str, str]]:
    """(short form, full name) for each token of ``text`` that abbreviates exactly one of
    the full names ``fulls`` the article writes."""
    by_form: dict[str, set[str]] = {}
    for full in set(fulls):
        for form in _forms(full):
            by_form.setdefault(form, set()).add(full)
    out: list[tuple[str, str]] = []
    for token in sorted(undefined_tokens(text)):
        names = by_form.get(token.upper() if token.isupper() else token)
        if names and len(names) == 1:
            out.append((token, next(iter(names))))
    return out


_U_OF = re.compile(r"\bU\. (?=[oO]f )")
_X_U = re.compile(r" U\.$")


def expand_u(name: str) -> str:
    """ "U. of Texas System" -> "University of Texas System", "Harvard U." -> "Harvard
    University": the spelled-out name the registry and readers know."""
    return _X_U.sub(" University", _U_OF.sub("University ", name))


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
