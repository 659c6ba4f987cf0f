"""``institutions unresolved|alias``: the names metrics and WIPO rows refer to."""

from __future__ import annotations

import argparse

from patentwatch.cli.base import EXIT_OK, UsageError, arg, command, group, open_database

group(
    "institutions",
    help="institution names: list unresolved ones, add aliases",
    description="Institutions that news metrics and WIPO rows refer to.",
)


@command(
    "institutions unresolved",
    help="names that match no institution",
    description=(
        "Names in metrics and WIPO rankings that match no institution. WIPO's overall lists"
        " name companies too: only academic names are listed unless --all is given."
    ),
    db=True,
    args=[arg("--all", action="store_true", help="also list companies of WIPO's overall lists")],
)
def unresolved(args: argparse.Namespace) -> int:
    from core.institutions import is_academic
    from storage.institutions import unresolved as names

    with open_database(args) as db:
        for row in names(db):
            listed_as_company = row["source"] == "pct_rankings" and not row["education"]
            if listed_as_company and not (args.all or is_academic(row["name"])):
                continue
            print(f"{row['name']}\t{row['country'] or ''}\t{row['source']}\t{row['rows']}")
    return EXIT_OK


@command(
    "institutions alias",
    help="make NAME an alias of a canonical institution",
    description="Add NAME as an alias of CANONICAL and link the rows that use it.",
    db=True,
    args=[
        arg("name", help="the name as written (e.g. 'NORTHEASTERN UNIV')"),
        arg("canonical", help="the institution's canonical name"),
        arg("--country", help="ISO country code, when the canonical name is ambiguous"),
    ],
)
def alias(args: argparse.Namespace) -> int:
    import storage
    from storage.institutions import add_alias, find, relink

    with open_database(args) as db:
        matches = find(db, args.canonical, args.country)
        if not matches:
            where = f" in {args.country}" if args.country else ""
            raise UsageError(f"no institution named {args.canonical!r}{where}")
        if len(matches) > 1:
            countries = ", ".join(m[2] for m in matches)
            raise UsageError(
                f"{args.canonical!r} names several institutions ({countries}): add --country"
            )
        with storage.write_transaction(db):
            add_alias(db, args.name, matches[0][0])
            linked = relink(db)
    print(f"{args.name!r} → {matches[0][1]} ({matches[0][2]}); {linked} rows linked")
    return EXIT_OK
