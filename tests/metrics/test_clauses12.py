"""Failure classes found on real news (version 12), on made-up sentences.

The names are invented or the registry's own universities; no sentence is taken from a real
article. The expectations follow the labelling rules of ../shared/metrics-dev/README.md.
"""

from __future__ import annotations

from core.metrics import extract_metrics

PUBLISHED = "2023-03-01"
HEAD = "Northfield University technology transfer report\n\n"


def figures(text: str, institution: str | None = "Northfield University") -> set[tuple]:
    return {
        (m.institution, m.metric, m.value, m.unit)
        for m in extract_metrics(text, institution, published=PUBLISHED)
    }


# --------------------------------------------------------------------------- money


def test_start_ups_of_a_first_predicate_do_not_own_the_second_predicates_money() -> None:
    text = HEAD + (
        "Since 2005, the office has helped launch more than 300 startups and has generated "
        "$150 million in licensing income."
    )
    assert ("Northfield University", "contract_amount", 150_000_000, "USD") in figures(text)


def test_the_revenue_of_start_ups_is_still_theirs() -> None:
    text = (
        HEAD + "Startups founded on its licensed technology have generated $2 billion in revenue."
    )
    assert not {f for f in figures(text) if f[1] == "contract_amount"}


# --------------------------------------------------------------------------- PCT words


def test_pct_named_as_another_figures_noun_does_not_rename_this_one() -> None:
    text = HEAD + "Researchers filed 98 new U.S. patent applications and 22 PCT applications."
    got = {(f[1], f[2]) for f in figures(text)}
    assert ("patent_applications", 98) in got
    assert ("pct_applications_filed", 22) in got
    assert ("pct_applications_filed", 98) not in got


def test_pct_named_as_another_figures_noun_in_chinese() -> None:
    text = (
        "北方大学知识产权年报\n\n2022年，北方大学提交PCT国际专利申请22件，国内发明专利申请980件。"
    )
    got = {(f[1], f[2]) for f in figures(text, "北方大学")}
    assert ("pct_applications_filed", 22) in got
    assert ("pct_applications_filed", 980) not in got


def test_a_treaty_named_after_the_count_is_still_its_own() -> None:
    # "…262 applications under the Patent Cooperation Treaty (PCT), with 49 of them filed in
    # 2015": both are PCT applications, the 49 a part of the 262
    text = HEAD + (
        "Northfield University has filed 262 patent applications under the international "
        "Patent Cooperation Treaty (PCT), with 49 of them filed in 2015."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("pct_applications_filed", 262), ("pct_applications_filed", 49)} <= got


# --------------------------------------------------------------------------- dashboards

DASHBOARD = {
    "captioned": (
        "New invention disclosures: 145\nU.S. patents issued: 48\n"
        "Licenses and options executed: 60\nStartups launched: 9\n"
        "Gross licensing income: $12.5 million\n"
    ),
    "figure first": (
        "145\ninvention disclosures\n\n48\nU.S. patents issued\n\n60\nlicenses and options\n\n"
        "9\nstartups\n\n$12.5M\nlicensing income\n"
    ),
    "caption first": (
        "Invention disclosures\n145\nU.S. patents issued\n48\nLicenses and options\n60\n"
        "Startups\n9\nLicensing income\n$12.5M\n"
    ),
}
EXPECTED = {
    ("Northfield University", "other", 145, "count"),
    ("Northfield University", "patents_granted", 48, "count"),
    ("Northfield University", "patents_transferred", 60, "count"),
    ("Northfield University", "contract_amount", 12_500_000, "USD"),
}


def test_a_dashboards_captioned_figures_in_each_shape() -> None:
    head = "Northfield University Office of Technology Transfer: FY2022 at a glance\n\n"
    for shape, block in DASHBOARD.items():
        got = {f for f in figures(head + block, None)}
        assert got == EXPECTED, shape  # start-ups are no patent figure
        periods = {m.period for m in extract_metrics(head + block, None, published=PUBLISHED)}
        assert periods == {"fiscal year 2022"}, shape


def test_a_heading_names_the_university_of_the_cells_below_it() -> None:
    text = (
        "Patents filed by each university between 2010 and 2015.\n"
        "Southfield University\nTotal patents filed: 118\n"
        "Eastfield University\nTotal patents filed: 96\n"
    )
    got = {(f[0], f[2]) for f in figures(text, None) if f[1] == "patent_applications"}
    assert got == {("Southfield University", 118), ("Eastfield University", 96)}


def test_captions_of_no_patent_figure_are_not_read() -> None:
    text = HEAD + "Research expenditures: $412 million\nStartups formed: 12\nFaculty: 3,100\n"
    assert figures(text) == set()


# --------------------------------------------------------------------------- nouns and scopes


def test_licensing_agreements_and_technology_disclosures_are_counted() -> None:
    text = (
        "Northfield Research Foundation reports a record year\n\n"
        "The office received 408 technology disclosures in 2020. It signed 218 licensing "
        "agreements in 2020."
    )
    got = {(f[1], f[2]) for f in figures(text)}
    assert {("other", 408), ("patents_transferred", 218)} <= got


def test_in_the_country_on_an_american_page_is_the_us_list() -> None:
    text = (
        HEAD
        + "The AUTM survey shows the university ranked 12th in the country for licensing income."
    )
    scopes = {
        m.scope
        for m in extract_metrics(text, "University of Utah", published=PUBLISHED)
        if m.metric == "rank"
    }
    assert scopes == {"U.S. universities"}
