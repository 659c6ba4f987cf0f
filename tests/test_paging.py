"""Paging by the page's own counter, article links by the site's article pattern, page kinds.

The paging blocks are the WebPlus and VSB structures recorded in ../shared/sites.md
(``ul.wp_paging`` with ``em.curr_page``/``em.all_pages``; ``div.pb_sys_common`` with
``span.p_no_d``, ``span.p_next``, ``span.p_last`` and a trailing ``1/11``).
"""

from __future__ import annotations

import pytest
from parsel import Selector

from core.extraction import (
    Chain,
    ListEntry,
    Paging,
    article_entries,
    extract_article,
    next_page_decision,
    parse_paging,
    rejection,
)
from core.sites import load_sites

SITES = load_sites()
NEU = SITES["neu_news"]  # WebPlus + VSB templates
WEBPLUS, VSB = NEU.templates

WEBPLUS_LIST = """<html><body><ul class="news_list list2">
<li class="news n1"><span class="news_title"><a href="/2026/0601/c24691a834374/page.htm"
 title="A made-up headline about a patent office">A made-up headline</a></span>
<span class="news_meta">2026-06-01</span></li>
<li class="news n2"><span class="news_title"><a href="/2026/0530/c24691a834300/page.htm"
 title="Another made-up headline">Another</a></span><span class="news_meta">2026-05-30</span></li>
</ul><div id="wp_paging_w6"><ul class="wp_paging clearfix"><li class="pages_count">
<span class="per_page">每页&nbsp;<em class="per_count">14</em>&nbsp;记录&nbsp;</span>
<span class="all_count">总共&nbsp;<em class="all_count">1403</em>&nbsp;记录&nbsp;</span></li>
<li class="page_nav"><a class="first" href="javascript:void(0);"><span>第一页</span></a>
<a class="prev" href="javascript:void(0);"><span>&lt;&lt;上一页</span></a>
<a class="next" href="/217/list{next}.htm"><span>下一页&gt;&gt;</span></a>
<a class="last" href="/217/list101.htm"><span>尾页</span></a></li>
<li class="page_jump"><span class="pages">页码&nbsp;<em class="curr_page">{cur}</em>/<em
 class="all_pages">101</em></span></li></ul></div></body></html>"""

VSB_PAGING = """<html><body><ul><li id="line_u5_0"><a href="../info/1019/3201.htm" title="One">One</a>
<span>2024-05-10</span></li><li id="line_u5_1"><a href="zbgg/9.htm" title="Archive page">Archive</a></li>
</ul><div class="pb_sys_common pb_sys_normal pb_sys_style1"><span class="p_t">共52条</span>
<span class="p_pages"><span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>
<span class="p_no_d">1</span><span class="p_no"><a href="zbgg/10.htm">2</a></span><span class="p_dot">...</span>
<span class="p_no"><a href="zbgg/1.htm">11</a></span><span class="p_next p_fun"><a href="zbgg/10.htm">下页</a></span>
<span class="p_last p_fun"><a href="zbgg/1.htm">尾页</a></span></span> <span class="p_t">1/11</span></div>
</body></html>"""


def test_webplus_counter_next_and_last() -> None:
    url = "https://neunews.neu.edu.cn/217/list.htm"
    paging = parse_paging(Selector(text=WEBPLUS_LIST.format(next=2, cur=1)), url, WEBPLUS)
    assert (paging.current, paging.total) == (1, 101)
    assert paging.next_url == "https://neunews.neu.edu.cn/217/list2.htm"
    assert paging.last_url == "https://neunews.neu.edu.cn/217/list101.htm"
    assert not paging.at_last
    last = parse_paging(Selector(text=WEBPLUS_LIST.format(next=102, cur=101)), url, WEBPLUS)
    assert last.at_last


def test_vsb_counter_counts_down_and_names_its_pages() -> None:
    url = "https://neunews.neu.edu.cn/zbgg.htm"
    paging = parse_paging(Selector(text=VSB_PAGING), url, VSB)
    assert (paging.current, paging.total) == (1, 11)
    assert paging.next_url == "https://neunews.neu.edu.cn/zbgg/10.htm"
    assert paging.last_url == "https://neunews.neu.edu.cn/zbgg/1.htm"
    assert "https://neunews.neu.edu.cn/zbgg/10.htm" in paging.links


@pytest.mark.parametrize(
    ("text", "counter"),
    [("第2页/共5页", (2, 5)), ("Page 3 of 7", (3, 7)), ("共9页 当前第4页", (4, 9))],
)
def test_generic_counter_and_last_link_text(text: str, counter: tuple[int, int]) -> None:
    scut = SITES["scut_news"].templates[0]
    html = (
        "<div class='pager'><a class='next' href='list.jsp?id=20&p=2'>Next</a>"
        f"<a href='list.jsp?id=20&p=9'>尾页</a><span>{text}</span></div>"
    )
    paging = parse_paging(Selector(text=html), "https://en.scut.edu.cn/list.jsp?id=20", scut)
    assert (paging.current, paging.total) == counter
    assert paging.last_url == "https://en.scut.edu.cn/list.jsp?id=20&p=9"


def _decide(paging: Paging, chain: Chain, new: int = 3, url: str = "https://x.edu.cn/l3.htm"):  # noqa: ANN202
    return next_page_decision(url, paging, chain, new, max_pages=50)


def test_next_page_decision() -> None:
    nxt = "https://x.edu.cn/l4.htm"
    chain3 = Chain(page_no=3, declared_last=3, pages=("a", "b"))
    # a "next" link on the page the counter calls the last: not followed
    assert _decide(Paging(next_url=nxt, current=3, total=3), Chain(page_no=3)) == (
        None,
        "declared_last",
    )
    # the trap page claims 999 pages, but the list declared 3 on its first page
    assert _decide(Paging(next_url=nxt, current=3, total=999), chain3) == (None, "declared_last")
    last = "https://x.edu.cn/l3.htm"
    assert _decide(Paging(next_url=nxt, last_url=last), Chain(page_no=2)) == (None, "last_link")
    assert _decide(Paging(next_url="a"), Chain(page_no=3, pages=("a",))) == (None, "repeat")
    assert _decide(Paging(next_url=nxt), Chain(page_no=2), new=0) == (None, "no_new_items")
    assert _decide(Paging(next_url=nxt), Chain(page_no=50)) == (None, "max_list_pages")
    assert _decide(Paging(), Chain()) == (None, "no_next")
    assert _decide(Paging(next_url=nxt, current=1, total=3), Chain()) == (nxt, "next")


def test_chain_remembers_the_first_declaration_and_seen_items() -> None:
    paging = Paging(next_url="p2", last_url="p3", current=1, total=3)
    chain = Chain().advance("p1", paging, ["https://x.edu.cn/info/1/1.htm"])
    chain = chain.advance("p2", Paging(total=999), ["https://x.edu.cn/info/1/2.htm"])
    assert (chain.page_no, chain.declared_last, chain.last_url, chain.pages) == (
        3,
        3,
        "p3",
        ("p1", "p2"),
    )
    assert chain.new_items(["https://x.edu.cn/info/1/1.htm", "https://x.edu.cn/info/1/3.htm"]) == [
        "https://x.edu.cn/info/1/3.htm"
    ]


def test_only_article_urls_are_articles() -> None:
    entries = [
        ListEntry("https://neunews.neu.edu.cn/info/1019/3201.htm", "One", None),
        ListEntry("https://neunews.neu.edu.cn/zbgg/9.htm", "VSB list-only URL", None),
        ListEntry("https://neunews.neu.edu.cn/217/list7.htm", "WebPlus list page", None),
        ListEntry(
            "https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm", "WebPlus article", None
        ),
    ]
    paging = Paging(links=frozenset({"https://neunews.neu.edu.cn/2020/0813/c218a69762/page.htm"}))
    keep, drop = article_entries(entries, NEU, paging, Chain())
    assert [e.title for e in keep] == ["One"]  # the paging block names the last one a list page
    assert [e.title for e in drop] == ["VSB list-only URL", "WebPlus list page", "WebPlus article"]


def test_a_list_page_fetched_as_an_article_is_rejected() -> None:
    url = "https://neunews.neu.edu.cn/2026/0601/c24691a834374/page.htm"
    html = WEBPLUS_LIST.format(next=2, cur=1)
    fields = extract_article(Selector(text=html), url, WEBPLUS)
    assert rejection(Selector(text=html), fields, WEBPLUS) == "list_page"
    article = (
        "<html><body><div class='article'><h1 class='arti_title'>A made-up headline</h1>"
        "<p class='arti_metas'><span>发布时间：2026-06-01</span></p><div class='wp_articlecontent'>"
        "<p>A made-up paragraph long enough to be a body of an article about patents.</p>"
        "</div></div></body></html>"
    )
    sel = Selector(text=article)
    assert rejection(sel, extract_article(sel, url, WEBPLUS), WEBPLUS) is None
    empty = Selector(text="<html><body></body></html>")
    assert rejection(empty, extract_article(empty, url, WEBPLUS), WEBPLUS) == "no_body"
