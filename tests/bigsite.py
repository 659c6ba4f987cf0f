"""A generated site of any size in DUT's real page layout: the benchmarks' site and the
interrupted-walk and hard-stop tests' site (one generator; bench/ imports it, tests never
import bench/)."""

from __future__ import annotations

import random
from pathlib import Path

from tests.sitegen import Story, chunks, dut_list, dut_old_article, write_site

HOST = "bench.dlut.edu.cn"
SITES = f"""
[sites.bench_news]
institution = "Dalian University of Technology"
country = "CN"
lang = "en"
allowed_domains = ["{HOST}"]
start_urls = ["https://{HOST}/xwdt/xw.htm"]
family = "vsb"
list_item = ["ul.news-list li"]
title = ['form[name="_newscontent_fromname"] h3']
meta = [".content-info"]
meta_regex = '^(?P<date>[A-Z][a-z]{{2,8}}\\.? \\d{{1,2}}, ?\\d{{4}})\\s*(?P<author>.*)$'
max_list_pages = 100000
"""


def _word(k: int) -> str:
    rng = random.Random(k)  # one generator per word: a pseudo-word, not one letter repeated
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(3 + k % 7))


VOCAB = [_word(k) for k in range(25000)]
WORDS = [
    "patent",
    "transfer",
    "contract",
    "university",
    "innovation",
    "research",
    "laboratory",
    "technology",
    "cooperation",
    "students",
    "engineering",
    "materials",
    "chemistry",
    "ocean",
    "energy",
    "intelligent",
    "manufacturing",
    "international",
    "exhibition",
]


def story(i: int) -> Story:
    """A distinct story (as real news is): random words, so near-duplicate lookups see real-world
    candidate counts rather than thousands of look-alikes."""
    rng = random.Random(i)
    year = 2015 + i % 10
    month, day = 1 + i % 12, 1 + i % 28
    words = " ".join(rng.choice(VOCAB) for _ in range(220))
    body = (
        f"In {year}, DUT was granted {100 + i % 900} invention patents and filed {20 + i % 80} PCT applications. "
        f"Story {i}: {words}.\n\nThe {WORDS[i % len(WORDS)]} team {i} reported progress on {words[:120]}."
    )
    return Story(
        site="bench_news",
        template="dlut_old",
        url=f"https://{HOST}/info/1027/{100000 + i}.htm",
        title=f"Bench story {i} on {WORDS[i % len(WORDS)]}",
        date=f"{year}-{month:02d}-{day:02d}",
        date_line=f"{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]} {day}, {year}",
        author="Bench Writer",
        body=body,
    )


def build_site(root: Path, n: int, per_page: int = 20) -> None:
    stories = [story(i) for i in range(n)]
    pages: dict[str, str] = {f"{HOST}/robots.txt": "User-agent: *\nDisallow: /system/\n"}
    for s in stories:
        pages[f"{HOST}{s.path}"] = dut_old_article(s)
    groups = chunks(sorted(stories, key=lambda s: s.url, reverse=True), per_page)
    for k, group in enumerate(groups, start=1):
        path = "xwdt/xw.htm" if k == 1 else f"xwdt/xw/{len(groups) - k + 1}.htm"
        pages[f"{HOST}/{path}"] = dut_list(group, k, len(groups), n, "xwdt/xw")
    write_site(pages, root)
