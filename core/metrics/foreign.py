"""Patents at a foreign office: "4 US patent applications" filed by an Indian institute, "120
European patents" granted to a Korean university, are international ones (labelling rules,
section 1: other overseas or international applications and grants). The office's country is
read from the adjective before the noun; the institution's from the registry. U.S. grants keep
their metric: the NAI/IPO and USPTO lists count U.S. utility patents as `patents_granted`."""

from __future__ import annotations

import re
from typing import Any

from core.institutions import lookup
from core.metrics.gates import gate_tables
from core.metrics.where import span

_EUROPE = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CH",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GB",
        "GR",
        "HR",
        "HU",
        "IE",
        "IS",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "NO",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
_OFFICES = {
    "us": "US", "u.s.": "US", "american": "US", "uspto": "US",
    "european": "EP", "ep": "EP", "epo": "EP",
    "japanese": "JP", "korean": "KR", "chinese": "CN", "indian": "IN",
}  # fmt: skip
_FOREIGN_NOUN = re.compile(
    r"\s*(?:new\s+|more\s+)?(U\.S\.|US|USPTO|American|European|EPO?|Japanese|Korean|Chinese|Indian)"
    r"\s+(?:utility\s+)?(?:patent\s+)?(applications?|patents?)\b"
)
_RENAMES = {
    "patent_applications": "international_patent_applications",
    "patents_granted": "international_patents_granted",
}


def foreign_office(rec: dict[str, Any]) -> None:
    """``rec``'s metric made international when its noun names an office abroad."""
    if rec["metric"] not in _RENAMES or not rec.get("institution"):
        return
    evidence = rec.get("evidence") or ""
    where = span(evidence, float(rec["value"]))
    m = _FOREIGN_NOUN.match(evidence, where[1]) if where else None
    inst = lookup(rec["institution"]) if m else None
    if m is None or inst is None or not inst.country:
        return
    office = _OFFICES[m.group(1).lower()]
    if rec["metric"] == "patents_granted" and office == "US":
        return  # U.S. utility patents, as the lists count them
    home = "EP" if inst.country in _EUROPE else inst.country
    if office != home:
        rec["metric"] = _RENAMES[rec["metric"]]


# every pattern above skips texts without its words (core/metrics/gates.py)
gate_tables(globals())
