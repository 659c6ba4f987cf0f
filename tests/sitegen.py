"""Render the bundled copy of the NEU and DUT news sites from ``fixtures/corpus.toml``.

The real sites could not be recorded here (no network), so their pages are
rebuilt in the layouts documented in ``../shared/sites.md``: WebPlus and VSB
markup, meta lines, pagination, JS view counters, attachments, navigation and
footers. The expected items (``fixtures/expected/<spider>.json``) come from the
corpus, never from the extractor, so the extraction tests can fail.

Run ``python -m tests.sitegen`` after editing the corpus; the output is committed.
The benchmark reuses :func:`render_site` to build a 10,000-article copy.
"""

from __future__ import annotations

import gzip
import html
import json
import shutil
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from core.mirror import url_to_path

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The bundled copy ships with the package (`patentwatch demo` serves it from any folder).
SITES_DIR = Path(__file__).resolve().parent.parent / "patentwatch" / "demo_sites"
EXPECTED_DIR = FIXTURES / "expected"

ROBOTS = "User-agent: *\nDisallow: /system/\nDisallow: /_visitcountdisplay\nDisallow: /_web/\n"


@dataclass
class Story:
    """One article of the corpus."""

    site: str
    template: str
    url: str
    title: str
    date: str
    body: str
    author: str = ""
    editor: str = ""
    source: str = ""
    views: int | None = None
    list_title: str = ""
    date_line: str = ""
    attachment: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        return [" ".join(p.split()) for p in self.body.strip().split("\n\n") if p.strip()]

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def article_id(self) -> str:
        if "id=" in self.url:
            return self.url.rsplit("id=", 1)[1]
        last = self.path.rstrip("/").split("/")
        return "".join(
            ch for ch in (last[-2] if last[-1] == "page.htm" else last[-1]) if ch.isdigit()
        )


def load_corpus(path: Path = FIXTURES / "corpus.toml") -> list[Story]:
    with path.open("rb") as fh:
        return [Story(**a) for a in tomllib.load(fh)["article"]]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def short(title: str, limit: int = 48) -> str:
    """List pages cut long titles; the full title stays in ``a[title]``."""
    return title if len(title) <= limit else title[: limit - 3].rstrip() + "..."


# --------------------------------------------------------------------------- WebPlus (NEU)

_WP_HEAD = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8"><meta name="renderer" content="webkit"><meta http-equiv="X-UA-Compatible" content="IE=edge,chrome=1">
<title>{title}</title>
<meta name="keywords" content="东北大学,Northeastern University"><meta name="description" content="东北大学新闻网">
<link type="text/css" href="/_css/_system/system.css" rel="stylesheet">
<link type="text/css" href="/_upload/tpl/00/d7/215/template215/style.css" rel="stylesheet">
<script type="text/javascript" src="/_js/jquery.min.js" sudy-wp-context="" sudy-wp-siteId="6"></script>
<script type="text/javascript" src="/_js/jquery.sudy.wp.visitcount.js"></script>
</head>
<body class="list">
<div class="wrapper header"><div class="inner"><div class="head-top">
<a href="/main.htm"><img border="0" src="/_upload/tpl/00/d7/215/template215/images/logo.png" alt="东北大学新闻网"></a></div>
<nav class="wp-menu"><ul class="menu">
<li class="menu-item i1"><a class="menu-link" href="/main.htm">首页</a></li>
<li class="menu-item i2"><a class="menu-link" href="/ddyw/list.htm">东大要闻</a></li>
<li class="menu-item i3"><a class="menu-link" href="/xwzh/list.htm">综合新闻</a></li>
<li class="menu-item i4"><a class="menu-link" href="/xsky/list.htm">学术科研</a></li>
<li class="menu-item i5"><a class="menu-link" href="/217/list.htm">English News</a></li>
</ul></nav></div></div>
<div class="wrapper" id="d-container"><div class="inner">
<div class="col_menu"><div class="col_menu_head"><h3 class="col_name">English News</h3></div>
<ul class="wp_listcolumn"><li class="wp_column"><a href="/tsdd/list.htm"><span class="column-name">图说东大</span></a></li>
<li class="wp_column"><a href="/tzgg/list.htm"><span class="column-name">通知公告</span></a></li>
<li class="wp_column"><a href="/mtdd/list.htm"><span class="column-name">媒体东大</span></a></li></ul></div>
<div class="col_news"><div class="col_news_head"><ul class="col_path"><li class="col_path">当前位置：<a href="/main.htm">首页</a><span class="possplit">&nbsp;&nbsp;</span><a href="/217/list.htm">English News</a></li></ul></div>
<div class="col_news_con">
"""

_WP_FOOT = """</div></div></div></div>
<div class="wrapper footer"><div class="inner"><p class="copyright"><span>版权所有 © 东北大学 党委宣传部</span>
<span>地址：辽宁省沈阳市和平区文化路三巷11号 邮编：110819</span><span>辽ICP备05001357号</span></p></div></div>
<script type="text/javascript" src="/_js/_portletPlugs/sudyNavi/jquery.sudynav.js"></script>
<script type="text/javascript">$(function(){ $(".wp-menu").sudyNav(); });</script>
</body></html>
"""


def webplus_article(s: Story) -> str:
    paras = "".join(
        f'<p style="text-indent:2em;line-height:1.75em;"><span style="font-family:Times New Roman;font-size:16px;">{e(p)}</span></p>\n'
        for p in s.paragraphs
    )
    if s.attachment:
        paras += (
            '<p><img src="/_ueditor/themes/default/images/icons/doc.gif"/>'
            f'<a href="/_upload/article/files/3c/8e/0f6a2b7e4d1c9a8b7f6e5d4c3b2a/{s.article_id}.docx" '
            f"sudyfile-attr=\"{{'title':'{e(s.attachment)}'}}\">{e(s.attachment)}</a></p>\n"
        )
    views = "" if s.views is None else str(s.views)
    return (
        _WP_HEAD.format(title=e(s.title))
        + '<div class="article" frag="窗口3" portletmode="simpleArticleAttri">\n'
        f'<h1 class="arti_title">{e(s.title)}</h1>\n<h2 class="arti_title"></h2>\n'
        f'<p class="arti_metas"><span class="arti_publisher">作者: {e(s.author)}</span>'
        f'<span class="arti_editor">编辑:{e(s.editor)}</span><span class="arti_source">来源:{e(s.source)}</span>'
        f'<span class="arti_update">更新日期:{s.date}</span><span class="arti_views">浏览次数:'
        f'<span class="WP_VisitCount" url="/_visitcountdisplay?siteId=6&type=3&articleId={s.article_id}">{views}</span></span></p>\n'
        '<div class="entry"><div class="read"><div class=\'wp_articlecontent\'>\n'
        + paras
        + "</div></div></div>\n</div>\n"
        + _WP_FOOT
    )


def webplus_list(
    stories: list[Story], page: int, pages: int, total: int, per_page: int, col: str
) -> str:
    items = "".join(
        f"<li class=\"news n{i + 1} clearfix\"><span class=\"news_title\"><a href='{s.path}' target='_blank' "
        f"title='{e(s.title)}'>{e(s.list_title or short(s.title))}</a></span>"
        f'<span class="news_meta">{s.date}</span></li>\n'
        for i, s in enumerate(stories)
    )
    nxt = f"/{col}/list{page + 1}.htm" if page < pages else "javascript:void(0);"
    prev = (
        (f"/{col}/list{page - 1}.htm" if page > 2 else f"/{col}/list.htm")
        if page > 1
        else "javascript:void(0);"
    )
    paging = (
        f'<div id="wp_paging_w6"><ul class="wp_paging clearfix"><li class="pages_count">'
        f'<span class="per_page">每页&nbsp;<em class="per_count">{per_page}</em>&nbsp;记录&nbsp;</span>'
        f'<span class="all_count">总共&nbsp;<em class="all_count">{total}</em>&nbsp;记录&nbsp;</span></li>'
        f'<li class="page_nav"><a class="first" href="/{col}/list.htm" target="_self"><span>第一页</span></a>'
        f'<a class="prev" href="{prev}" target="_self"><span>&lt;&lt;上一页</span></a>'
        f'<a class="next" href="{nxt}" target="_self"><span>下一页&gt;&gt;</span></a>'
        f'<a class="last" href="/{col}/list{pages if pages > 1 else ""}.htm" target="_self"><span>尾页</span></a></li>'
        f'<li class="page_jump"><span class="pages">页码&nbsp;<em class="curr_page">{page}</em>/<em class="all_pages">{pages}</em></span>'
        '<span><input class="pageNum" type="text"></span><span><a class="pagingJump" href="javascript:void(0);">跳转到</a></span></li></ul></div>\n'
    )
    return (
        _WP_HEAD.format(title="English News")
        + '<div portletmode="simpleList" frag="窗口4"><div class="column-news-list">\n<ul class="news_list list2">\n'
        + items
        + "</ul></div>\n"
        + paging
        + "</div>\n"
        + _WP_FOOT
    )


# --------------------------------------------------------------------------- VSB (NEU 2024+)

_NEU_VSB_HEAD = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{title}-东北大学新闻网</title>
<meta name="pageType" content="{page_type}">
<link type="text/css" href="{rel}style/style.css" rel="stylesheet">
<script type="text/javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>
<script type="text/javascript" src="/system/resource/js/dynclicks.js"></script>
</head>
<body>
<div class="top"><div class="logo"><a href="{rel}index.htm"><img src="{rel}images/logo.png" alt="东北大学新闻网"></a></div>
<ul class="nav"><li><a href="{rel}index.htm">网站首页</a></li><li><a href="{rel}ddyw.htm">东大要闻</a></li>
<li><a href="{rel}tsdd.htm">图说东大</a></li><li><a href="{rel}tzgg.htm">通知公告</a></li><li><a href="{rel}mtdd.htm">Media</a></li></ul></div>
<div class="main">
"""

_NEU_VSB_FOOT = """</div>
<div class="footer"><p>版权所有：东北大学 党委宣传部 | 地址：辽宁省沈阳市和平区文化路三巷11号 | 辽ICP备05001357号</p></div>
</body></html>
"""


def neu_vsb_article(s: Story) -> str:
    paras = "".join(
        (f'<p class="vsbcontent_start">{e(p)}</p>\n' if i == 0 else f"<p>{e(p)}</p>\n")
        for i, p in enumerate(s.paragraphs)
    )
    return (
        _NEU_VSB_HEAD.format(title=e(s.title), rel="../../", page_type=3)
        + '<div class="position">当前位置: <a href="../../index.htm">网站首页</a> - <a href="../../mtdd.htm">Media</a> - 正文</div>\n'
        '<form name="_newscontent_fromname">\n'
        f'<div class="article-title"><h1>{e(s.title)}</h1></div>\n'
        f'<div class="article-meta">编辑: {e(s.editor)} 更新日期: {s.date} 点击数: '
        f'<span id="dynclicks_wbnews_{s.article_id}_1"></span><script>_showDynClicks("wbnews", 1385532170, {s.article_id})</script></div>\n'
        '<div id="vsb_content"><div class="v_news_content">\n'
        + paras
        + '</div></div>\n<div id="div_vote_id"></div>\n</form>\n'
        + _NEU_VSB_FOOT
    )


def vsb_paging(slug: str, page_index: int, pages: int, total: int, rel: str) -> str:
    """VSB pagination: page 1 is ``slug.htm``, page n>1 is ``slug/{pages-n+1}.htm``."""

    def href(n: int) -> str:
        return f"{rel}{slug}.htm" if n == 1 else f"{rel}{slug}/{pages - n + 1}.htm"

    nos = "".join(
        f'<span class="p_no_d">{n}</span>'
        if n == page_index
        else f'<span class="p_no"><a href="{href(n)}">{n}</a></span>'
        for n in range(1, pages + 1)
    )
    nxt = (
        f'<span class="p_next p_fun"><a href="{href(page_index + 1)}">下页</a></span>'
        f'<span class="p_last p_fun"><a href="{href(pages)}">尾页</a></span>'
        if page_index < pages
        else '<span class="p_next_d p_fun_d">下页</span><span class="p_last_d p_fun_d">尾页</span>'
    )
    return (
        f'<div class="pb_sys_common pb_sys_normal pb_sys_style1"><span class="p_t">共{total}条</span> '
        f'<span class="p_pages"><span class="p_first_d p_fun_d">首页</span><span class="p_prev_d p_fun_d">上页</span>'
        f'{nos}{nxt}</span> <span class="p_t">{page_index}/{pages}</span></div>\n'
    )


def _list_href(s: Story, rel: str) -> str:
    return rel + s.path.lstrip("/")


def neu_vsb_list(stories: list[Story], page_index: int, pages: int, total: int, slug: str) -> str:
    rel = "" if page_index == 1 else "../"
    items = "".join(
        f'<li id="line_u9_{i}"><a href="{_list_href(s, rel)}" target="_blank" title="{e(s.title)}">{e(short(s.title))}</a>'
        f'<span class="time">{s.date}</span></li>\n'
        for i, s in enumerate(stories)
    )
    clicks = ",".join(f"'dynclicks_u9_{s.article_id}'" for s in stories)
    return (
        _NEU_VSB_HEAD.format(title="Media", rel=rel, page_type=2)
        + '<div class="position">当前位置: <a href="index.htm">网站首页</a> - Media</div>\n'
        '<ul class="media-list">\n'
        + items
        + "</ul>\n"
        + vsb_paging(slug, page_index, pages, total, rel)
        + f'<script>_showDynClickBatch([{clicks}],[],"wbnews", 1385532170)</script>\n'
        + _NEU_VSB_FOOT
    )


# --------------------------------------------------------------------------- VSB (DUT English)

_DUT_HEAD = """<!DOCTYPE html>
<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<title>{title}-Dalian University of Technology</title>
<meta name="pageType" content="{page_type}">
<link rel="stylesheet" type="text/css" href="{rel}css/style.css">
<script type="text/javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>
<script type="text/javascript" src="/system/resource/js/dynclicks.js"></script>
</head>
<body>
<div class="header"><div class="logo"><a href="{rel}index.htm"><img src="{rel}images/logo.png" alt="Dalian University of Technology"></a></div>
<ul class="menu"><li><a href="{rel}index.htm">Home</a></li><li><a href="{rel}About.htm">About DUT</a></li>
<li><a href="{rel}xwdt/xw.htm">News &amp; Events</a></li><li><a href="{rel}Academics.htm">Academics</a></li>
<li><a href="{rel}Collaboration.htm">Collaboration</a></li><li><a href="{rel}Admissions.htm">Admissions</a></li></ul></div>
<div class="main">
"""

_DUT_FOOT = """</div>
<div class="footer"><p>Copyright © Dalian University of Technology. All Rights Reserved.</p>
<p>Address: No.2 Linggong Road, Ganjingzi District, Dalian City, Liaoning Province, P.R.C., 116024</p></div>
</body></html>
"""


def _vsb_attachment(s: Story, owner: int) -> str:
    if not s.attachment:
        return ""
    return (
        '<ul style="list-style-type:none;"><li>附件【<a href="/system/_content/download.jsp?urltype=news.DownloadAttachUrl'
        f'&owner={owner}&wbfileid=58{s.article_id}" target="_blank">{e(s.attachment)}</a>】已下载<span id="nattach58{s.article_id}">'
        f'<script language="javascript">getClickTimes(58{s.article_id},{s.article_id},"wbnewsfile","attach")</script></span>次</li></ul>\n'
    )


def dut_old_article(s: Story) -> str:
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    return (
        _DUT_HEAD.format(title=e(s.title), rel="../../", page_type=3)
        + '<div class="position">Position: <a href="../../index.htm">Index</a>&gt;&gt;<a href="../../xwdt/xw.htm">News</a>&gt;&gt;Content</div>\n'
        '<form name="_newscontent_fromname">\n'
        f'<div class="content-title"><h3>{e(s.title)}</h3></div>\n'
        f'<div class="content-info">{e(s.date_line)} {e(s.author)}</div>\n'
        '<div id="vsb_content"><div class="v_news_content">\n'
        + paras
        + "</div></div>\n"
        + _vsb_attachment(s, 1529403618)
        + f'<div class="clicks">Clicks: <script>_showDynClicks("wbnews", 1529403618, {s.article_id})</script></div>\n'
        "</form>\n" + _DUT_FOOT
    )


def dut_new_article(s: Story) -> str:
    paras = "".join(f'<p style="text-align: justify;">{e(p)}</p>\n' for p in s.paragraphs)
    return (
        _DUT_HEAD.format(title=e(s.title), rel="../../", page_type=3)
        + '<div class="banner"><h2>News</h2></div>\n'
        '<div class="location">Home - <a href="../../xwdt.htm">News &amp; Events</a> - <a href="../../xwdt/xw.htm">News</a> - Content</div>\n'
        '<form name="_newscontent_fromname">\n'
        f'<h1 class="detail-title">{e(s.title)}</h1>\n'
        '<div id="vsb_content_2"><div class="v_news_content">\n' + paras + "</div></div>\n"
        '<div class="share">Share: <a href="javascript:void(0)" class="wechat">WeChat</a> <a href="javascript:void(0)" class="weibo">Weibo</a></div>\n'
        "</form>\n" + _DUT_FOOT
    )


def dut_feature_article(s: Story) -> str:
    """A one-off feature layout with none of the template's selectors: exercises the fallback."""
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    return (
        _DUT_HEAD.format(title=e(s.title), rel="../../", page_type=3)
        + '<div class="feature"><div class="feature-head">'
        f'<h1 class="feature-title">{e(s.title)}</h1></div>\n'
        '<div class="feature-text">\n' + paras + "</div></div>\n" + _DUT_FOOT
    )


def dut_list(stories: list[Story], page_index: int, pages: int, total: int, slug: str) -> str:
    rel = "../" if page_index == 1 else "../../"
    items = "".join(
        f'<li id="line_u10_{i}"><a href="{_list_href(s, rel)}" title="{e(s.title)}">{e(short(s.title, 60))}</a>'
        f"<span>{s.date}</span></li>\n"
        for i, s in enumerate(stories)
    )
    return (
        _DUT_HEAD.format(title="News", rel=rel, page_type=2)
        + '<div class="banner"><h2>News</h2></div>\n'
        f'<div class="list-box"><ul class="news-list">\n{items}</ul>\n'
        + vsb_paging(
            slug.split("/")[-1], page_index, pages, total, "" if page_index == 1 else "../"
        )
        + "</div>\n"
        + _DUT_FOOT
    )


# --------------------------------------------------------------------------- other universities


def _simple_vsb_page(title: str, site_name: str, rel: str, page_type: int, main: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head>\n<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n'
        f'<title>{title}-{site_name}</title>\n<meta name="pageType" content="{page_type}">\n'
        f'<link rel="stylesheet" href="{rel}style/style.css">\n'
        '<script type="text/javascript" src="/system/resource/js/jquery/jquery-latest.min.js"></script>\n'
        '<script type="text/javascript" src="/system/resource/js/dynclicks.js"></script>\n</head>\n<body>\n'
        f'<div class="header"><a href="{rel}index.htm"><img src="{rel}images/logo.png" alt="{site_name}"></a>\n'
        f'<ul class="nav"><li><a href="{rel}index.htm">Home</a></li><li><a href="{rel}About.htm">About</a></li>'
        f'<li><a href="{rel}News.htm">News</a></li><li><a href="{rel}Research.htm">Research</a></li></ul></div>\n'
        f'<div class="main">\n{main}</div>\n'
        f'<div class="footer"><p>Copyright © {site_name}. All Rights Reserved.</p></div>\n</body></html>\n'
    )


def szu_article(s: Story) -> str:
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    main = (
        '<div class="banner"><h2>News &amp; Events</h2></div>\n<form name="_newscontent_fromname">\n'
        f'<h2 class="title">{e(s.title)}</h2>\n'
        f'<div class="article-info">Date: {s.date}&nbsp;&nbsp;Source: {e(s.source)}&nbsp;&nbsp;Clicks: '
        f'<script>_showDynClicks("wbnews", 1640112233, {s.article_id})</script></div>\n'
        f'<div id="vsb_content"><div class="v_news_content">\n{paras}</div></div>\n</form>\n'
    )
    return _simple_vsb_page(e(s.title), "Shenzhen University", "../../", 3, main)


def nefu_article(s: Story) -> str:
    paras = "".join(
        f'<p class="vsbcontent_start">{e(p)}</p>\n' if i == 0 else f"<p>{e(p)}</p>\n"
        for i, p in enumerate(s.paragraphs)
    )
    main = (
        '<div class="location">Home News Content</div>\n<form name="_newscontent_fromname">\n'
        f"<h1>{e(s.title)}</h1>\n"
        f'<div class="info">Release date: {s.date}&nbsp;&nbsp;&nbsp;Clicks: '
        f'<script>_showDynClicks("wbnews", 1588822411, {s.article_id})</script></div>\n'
        f'<div id="vsb_content"><div class="v_news_content">\n{paras}</div></div>\n</form>\n'
    )
    return _simple_vsb_page(e(s.title), "Northeast Forestry University", "../../", 3, main)


def nenu_article(s: Story) -> str:
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    main = (
        '<form name="_newscontent_fromname">\n'
        f'<div class="detail-title"><h3>{e(s.title)}</h3></div>\n<div class="meta">Date:{s.date}</div>\n'
        f'<div id="vsb_content_500"><div class="v_news_content">\n{paras}</div></div>\n</form>\n'
    )
    return _simple_vsb_page(e(s.title), "Northeast Normal University", "../../", 3, main)


def vsb_simple_list(stories: list[Story], site_name: str, item_wrap: str) -> str:
    items = "".join(
        f'<li id="line_u7_{i}"><a href="{_list_href(s, "")}" title="{e(s.title)}">{e(short(s.title, 60))}</a>'
        f'<span class="date">{s.date[:10]}</span></li>\n'
        for i, s in enumerate(stories)
    )
    main = f'<div class="{item_wrap}"><ul>\n{items}</ul></div>\n' + vsb_paging(
        "News", 1, 1, len(stories), ""
    )
    return _simple_vsb_page("News", site_name, "", 2, main)


def scut_article(s: Story) -> str:
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    views = s.views if s.views is not None else ""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>SCUT News</title>'
        '<link rel="stylesheet" href="css/main.css"></head>\n<body>\n'
        '<div id="top"><a href="index.jsp"><img src="images/logo.png" alt="South China University of Technology"></a>'
        '<ul class="menu"><li><a href="index.jsp">Home</a></li><li><a href="list.jsp?id=20">News</a></li></ul></div>\n'
        f'<div class="detail"><h1>{e(s.title)}</h1>\n<div class="time">{e(s.date_line)} readCount:{views}</div>\n'
        f'<div class="content">\n{paras}</div></div>\n'
        '<div id="footer">Copyright © South China University of Technology</div>\n</body></html>\n'
    )


def scut_list(stories: list[Story]) -> str:
    items = "".join(
        f'<dl><dt><a href="detail.jsp?id={s.article_id}">{e(s.title)}</a></dt><dd>{e(s.date_line.split(" ")[0] + " " + s.date_line.split(" ")[1])}</dd></dl>\n'
        for s in stories
    )
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>News - SCUT</title></head>\n<body>\n'
        f'<div class="newslist">\n{items}</div>\n<div class="pager"><span>1/1</span></div>\n</body></html>\n'
    )


def dlut_cn_article(s: Story) -> str:
    paras = "".join(f"<p>{e(p)}</p>\n" for p in s.paragraphs)
    main = (
        '<div class="cont-detail fs-small">\n'
        f"<h1>{e(s.title)}</h1>\n"
        f'<div class="post-info"><span class="post-time">{e(s.date_line)}</span> '
        f"<span>来源：{e(s.source)}</span> <span>作者：{e(s.author)}</span> "
        f'<span>浏览：<script>_showDynClicks("wbnews", 1229451127, {s.article_id})</script></span></div>\n'
        f'<div id="vsb_content_500"><div class="v_news_content">\n{paras}</div></div>\n</div>\n'
    )
    return _simple_vsb_page(e(s.title), "大连理工大学新闻网", "../../", 3, main)


def dlut_cn_list(stories: list[Story]) -> str:
    items = "".join(
        f'<li class="bg-mask"><div class="pic"><a href="{_list_href(s, "")}"><img src="images/news.jpg"></a></div>'
        f"<time><span>{s.date[8:10]}</span> {s.date[:7]}</time>"
        f'<h4><a href="{_list_href(s, "")}" class="l2" title="{e(s.title)}">{e(s.title)}</a></h4></li>\n'
        for s in stories
    )
    main = f'<div class="list"><ul class="news-items">\n{items}</ul></div>\n' + vsb_paging(
        "zhxw", 1, 1, len(stories), ""
    )
    return _simple_vsb_page("综合新闻", "大连理工大学新闻网", "", 2, main)


ARTICLE_RENDERERS: dict[str, Callable[[Story], str]] = {
    "dlut_cn": dlut_cn_article,
    "szu": szu_article,
    "nefu": nefu_article,
    "nenu": nenu_article,
    "scut": scut_article,
    "neu_webplus": webplus_article,
    "neu_vsb": neu_vsb_article,
    "dlut_old": dut_old_article,
    "dlut_new": dut_new_article,
    "dlut_feature": dut_feature_article,
}


# --------------------------------------------------------------------------- site assembly


def chunks(items: list[Story], size: int) -> list[list[Story]]:
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def render_site(stories: Iterable[Story], per_page: int = 6) -> dict[str, str]:
    """All pages of the copy as ``{mirror-relative path: html}``."""
    stories = list(stories)
    pages: dict[str, str] = {}
    for s in stories:
        pages[url_to_path(s.url)] = ARTICLE_RENDERERS[s.template](s)
    by_date = sorted(stories, key=lambda s: (s.date, s.url), reverse=True)
    neu_wp = [s for s in by_date if s.template == "neu_webplus"]
    for n, group in enumerate(chunks(neu_wp, per_page), start=1):
        name = "list.htm" if n == 1 else f"list{n}.htm"
        total_pages = len(chunks(neu_wp, per_page))
        pages[f"neunews.neu.edu.cn/217/{name}"] = webplus_list(
            group, n, total_pages, len(neu_wp), per_page, "217"
        )
    neu_vsb = [s for s in by_date if s.template == "neu_vsb"]
    _vsb_lists(pages, "neunews.neu.edu.cn", "mtdd", neu_vsb, max(2, per_page - 2), neu_vsb_list)
    dut = [s for s in by_date if s.site == "dlut_news"]
    _vsb_lists(pages, "en.dlut.edu.cn", "xwdt/xw", dut, per_page, dut_list)
    lists = {
        "szu_news": ("en.szu.edu.cn/xwdt.htm", "Shenzhen University", "news-list"),
        "nefu_news": ("en.nefu.edu.cn/News.htm", "Northeast Forestry University", "list"),
        "nenu_news": ("en.nenu.edu.cn/News.htm", "Northeast Normal University", "list"),
    }
    for site, (path, name, wrap) in lists.items():
        pages[path] = vsb_simple_list([s for s in by_date if s.site == site], name, wrap)
    pages["en.scut.edu.cn/list.jsp@id=20"] = scut_list(
        [s for s in by_date if s.site == "scut_news"]
    )
    pages["news.dlut.edu.cn/zhxw.htm"] = dlut_cn_list(
        [s for s in by_date if s.site == "dlut_cn_news"]
    )
    for host in {urlsplit(s.url).hostname for s in stories}:
        pages[f"{host}/robots.txt"] = ROBOTS
    return pages


def render_all(stories: Iterable[Story]) -> dict[str, str | bytes]:
    """The whole bundled copy: the news sites and WIPO's statistics pages."""
    from tests.wipogen import wipo_pages

    return {**render_site(stories), **wipo_pages()}


def _vsb_lists(
    pages: dict[str, str],
    host: str,
    slug: str,
    stories: list[Story],
    per_page: int,
    render: Callable[[list[Story], int, int, int, str], str],
) -> None:
    groups = chunks(stories, per_page)
    for n, group in enumerate(groups, start=1):
        path = f"{slug}.htm" if n == 1 else f"{slug}/{len(groups) - n + 1}.htm"
        pages[f"{host}/{path}"] = render(group, n, len(groups), len(stories), slug)


def write_site(pages: Mapping[str, str | bytes], root: Path, compress: bool = True) -> None:
    """Write pages as a mirror folder (gzipped, as the mirror server serves them)."""
    for rel, text in pages.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):  # attachments (XLSX, CSV) are served as they are
            target.write_bytes(text)
            continue
        data = text.encode("utf-8")
        if compress and not rel.endswith("robots.txt"):
            target.with_name(target.name + ".gz").write_bytes(gzip.compress(data, mtime=0))
        else:
            target.write_bytes(data)


def expected_items(stories: Iterable[Story]) -> dict[str, list[dict[str, object]]]:
    """What the spiders must extract, per spider, from the corpus itself."""
    out: dict[str, list[dict[str, object]]] = {}
    for s in stories:
        fallback = s.template == "dlut_feature"
        out.setdefault(s.site, []).append(
            {
                "url": s.url,
                "title": s.title,
                "published_at": s.date,
                "author": s.author or None,
                "editor": s.editor or None,
                "source": s.source or None,
                "views": s.views,
                "lang": "zh" if s.template == "dlut_cn" else "en",
                "body": "\n\n".join(s.paragraphs),
                "sources": {
                    **{f: "selector" for f in ("author", "editor", "source") if getattr(s, f)},
                    **({"views": "selector"} if s.views is not None else {}),
                    "title": "list" if fallback else "selector",
                    "body": "fallback" if fallback else "selector",
                    "published_at": "list"
                    if s.template in ("dlut_new", "dlut_feature")
                    else "selector",
                },
            }
        )
    return {site: sorted(items, key=lambda i: str(i["url"])) for site, items in out.items()}


def main() -> None:
    stories = load_corpus()
    shutil.rmtree(SITES_DIR, ignore_errors=True)
    write_site(render_all(stories), SITES_DIR)
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)
    from tests.wipogen import expected_rankings

    for site, items in {**expected_items(stories), "wipo_pct": expected_rankings()}.items():
        (EXPECTED_DIR / f"{site}.json").write_text(
            json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
        )
    print(f"wrote {len(stories)} articles to {SITES_DIR}")


if __name__ == "__main__":
    main()
