"""A small WebPlus site copy the spiders were never tuned on, with a crawler trap and skips.

``news.hlut.edu.cn`` (a made-up university) runs WebPlus with its own templates: list
items in ``ul.wp_article_list`` (not the family's ``ul.news_list``), the article title
in its own ``div``, the meta line ``来源：… 时间: 2024-11-20 阅读:10`` in another, a
header showing today's date, a sidebar of dated links and deadlines in the text. Its
list declares three pages (``页码 N/3``, a last-page link to ``list3.htm``), and then
the trap: page 3 still has a "next" link into an endless chain (``list4.htm`` ... each
claiming ``N/999``), and every list page carries injected items that link to list pages
(one shaped like a list URL, one shaped like an article URL that serves a list page).
Among the articles: a 60 MiB page (generated while it is sent, never stored on disk; once
with its Content-Length, once streamed without one), a 404, a URL robots.txt excludes, a redirect loop and a redirect off the site.

The markup follows the WebPlus structures recorded in ``../shared/sites.md`` (the
``wp_paging`` block with ``em.curr_page``/``em.all_pages``, ``a.next``/``a.last``,
``WP_VisitCount``, ``/_upload/`` assets). Every sentence is made up for this file.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HOST = "news.hlut.edu.cn"
INSTITUTION = "海林理工大学"
LIST = "/xwzx/list{n}.htm"  # n = "" for page 1
PAGES = 3
HUGE_BYTES = 60 * 1024 * 1024


@dataclass(frozen=True)
class Story:
    path: str
    title: str
    page_date: str  # the article's own meta line
    list_date: str  # what the list page shows (an update date for some)
    text: str
    more: str


_TOPICS = [
    (
        "材料学院团队获授权发明专利12件",
        "团队在新型涂层材料方向获得授权发明专利12件，相关成果已在两家企业试用。",
        "该团队长期研究耐腐蚀涂层，近三年发表论文四十余篇，并与本地船舶企业共建了联合实验室。",
    ),
    (
        "学校与三家企业签订专利许可合同",
        "学校与三家企业签订专利许可合同，合同金额共计450万元，涉及智能传感技术。",
        "签约仪式在学术交流中心举行，企业代表表示将尽快完成样机开发并投入小批量生产。",
    ),
    (
        "知识产权服务中心举办专利检索培训",
        "知识产权服务中心面向研究生举办专利检索培训，共有120名同学参加。",
        "培训讲师演示了常用数据库的检索式写法，并结合学位论文选题讲解了查新报告的撰写要点。",
    ),
    (
        "机械学院学生获创新创业大赛金奖",
        "机械学院学生团队凭借一项已申请专利的装置获得省级创新创业大赛金奖。",
        "这套装置可以自动识别果园中的成熟果实，队员们利用暑假在三个种植基地完成了田间测试。",
    ),
    (
        "学校PCT国际专利申请数量创新高",
        "学校全年提交PCT国际专利申请36件，比上一年增加9件，数量创历史新高。",
        "申请主要集中在新能源电池和生物医药两个领域，其中七件已进入欧洲和日本的国家阶段。",
    ),
    (
        "化工学院成果转化项目通过验收",
        "化工学院一项成果转化项目通过验收，项目形成发明专利5件并实现产业化。",
        "验收专家组查看了中试生产线，认为催化剂寿命指标优于合同约定，建议扩大应用范围。",
    ),
    (
        "学校召开科技成果转化工作推进会",
        "会议总结了本年度科技成果转化工作，全年专利转让合同达到28项。",
        "分管副校长要求各学院梳理存量专利，对长期未实施的专利开展分级评估和集中推介。",
    ),
    (
        "信息学院获批省级专利导航项目",
        "信息学院获批省级专利导航项目一项，将围绕工业软件开展专利分析。",
        "项目组计划用一年时间绘制国内外工业软件专利地图，为地方软件园区的招商提供参考。",
    ),
    (
        "学校举办高价值专利培育研讨会",
        "研讨会邀请多位专家交流高价值专利培育经验，来自各学院的教师参会。",
        "与会代表围绕专利布局前置、代理质量评价和转化收益分配等话题进行了热烈讨论。",
    ),
    (
        "土木学院新型建材技术实现许可转化",
        "土木学院一项新型建材技术以普通许可方式转化，许可费用为80万元。",
        "这种轻质墙板利用工业固废制成，隔音性能较传统砌块提高约三成，已在两个住宅项目中使用。",
    ),
    (
        "学校入选知识产权试点高校",
        "学校入选省级知识产权试点高校，将进一步完善专利申请前评估制度。",
        "试点期间，学校将设立专门的技术经理人岗位，并为青年教师提供专利撰写的一对一指导。",
    ),
    (
        "环境学院团队专利技术应用于污水处理",
        "环境学院团队的三项专利技术应用于两座污水处理厂，运行效果良好。",
        "改造后出水的总氮浓度明显下降，污泥产量减少近两成，运营单位计划在明年推广到更多站点。",
    ),
]


def stories() -> list[Story]:
    """The twelve real articles, four per list page, newest first."""
    out = []
    for i, (title, lead, more) in enumerate(_TOPICS):
        day = 28 - 2 * i
        page_date = f"2024-11-{day:02d}"
        # every other list entry shows a later (update) date: the page's own date must win
        list_date = f"2024-12-{(i % 9) + 1:02d}" if i % 2 == 0 else page_date
        path = f"/2024/11{day:02d}/c1201a{88000 + i}/page.htm"
        out.append(Story(path, title, page_date, list_date, lead, more))
    return out


# Article-shaped URLs that must be skipped, each with the fault it serves.
SKIPS = {
    "/2024/1101/c1201a90060/page.htm": "huge",
    "/2024/1101/c1201a90061/page.htm": "missing",
    "/2024/1102/c1201a90062/page.htm": "robots",
    "/2024/1101/c1201a90063/page.htm": "loop",
    "/2024/1101/c1201a90064/page.htm": "offsite",
    "/2024/1101/c1201a90065/page.htm": "stream",
}
ROBOTS = "User-agent: *\nDisallow: /2024/1102/\n"


def _page(title: str, main: str) -> str:
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>{title}-{INSTITUTION}</title>"
        '<link rel="stylesheet" href="/_upload/tpl/00/1b/27/template27/style.css"></head>\n<body>\n'
        f'<div class="top"><div class="top_date">2024年11月30日 星期六</div>'
        '<div class="nav"><a href="/">首页</a> <a href="/xwzx/list.htm">新闻中心</a></div></div>\n'
        f"{main}\n"
        '<div class="side"><h3>通知公告</h3><ul class="notice">'
        '<li><a href="/2024/1015/c1202a87001/page.htm">关于申报年度专利资助的通知</a><span>2024-10-15</span></li>'
        '<li><a href="/2024/1009/c1202a87002/page.htm">关于组织参加知识产权讲座的通知</a><span>2024-10-09</span></li>'
        "</ul></div>\n"
        f'<div class="footer"><p>版权所有 © 2024 {INSTITUTION} 党委宣传部 地址：海林市学府路1号</p></div>\n'
        "</body></html>\n"
    )


def _paging(n: int, total: int, next_href: str | None) -> str:
    first = LIST.format(n="")
    prev = LIST.format(n="" if n <= 2 else n - 1) if n > 1 else "javascript:void(0);"
    nxt = next_href or "javascript:void(0);"
    return (
        '<div id="wp_paging_w6"><ul class="wp_paging clearfix">'
        f'<li class="pages_count"><span class="per_page">每页&nbsp;<em class="per_count">4</em>&nbsp;记录&nbsp;</span>'
        f'<span class="all_count">总共&nbsp;<em class="all_count">{4 * total}</em>&nbsp;记录&nbsp;</span></li>'
        f'<li class="page_nav"><a class="first" href="{first}" target="_self"><span>第一页</span></a>'
        f'<a class="prev" href="{prev}" target="_self"><span>&lt;&lt;上一页</span></a>'
        f'<a class="next" href="{nxt}" target="_self"><span>下一页&gt;&gt;</span></a>'
        f'<a class="last" href="{LIST.format(n=total)}" target="_self"><span>尾页</span></a></li>'
        f'<li class="page_jump"><span class="pages">页码&nbsp;<em class="curr_page">{n}</em>/'
        f'<em class="all_pages">{total}</em></span></li></ul></div>'
    )


def _items(rows: list[tuple[str, str, str]]) -> str:
    lis = "".join(
        f'<li class="list_item i{i + 1}"><div class="fields pr_fields">'
        f"<span class='Article_Index'>{i + 1}</span>"
        f"<span class='Article_Title'><a href='{href}' target='_blank' title='{title}'>{title[:14]}</a></span>"
        f"</div><div class=\"fields ex_fields\"><span class='Article_PublishDate'>{date}</span></div></li>"
        for i, (href, title, date) in enumerate(rows)
    )
    return f'<div id="wp_news_w6"><ul class="wp_article_list">{lis}</ul></div>'


def list_page(n: int) -> str:
    """Page ``n`` of the news list (1..3 real; 4+ the trap's endless chain)."""
    real = stories()[4 * (n - 1) : 4 * n] if n <= PAGES else []
    rows = [(s.path, s.title, s.list_date) for s in real]
    if n == 1:
        rows += [(path, f"待处理的新闻稿件之{path[-12:-9]}号说明", "2024-11-01") for path in SKIPS]
    # injected: a link to a list page, and an article-shaped URL that serves a list page
    rows += [
        (LIST.format(n=n + 6), f"新闻中心往期归档第{n + 6}页", "2024-11-01"),
        (f"/2024/1001/c1201a{99000 + n}/page.htm", f"新闻中心往期归档合集第{n}辑", "2024-10-01"),
    ]
    next_href = LIST.format(n=n + 1)  # the trap: page 3 (the declared last) still has one
    total = PAGES if n <= PAGES else 999
    title = "新闻中心" if n <= PAGES else f"新闻中心往期归档第{n}页"
    return _page(title, _items(rows) + _paging(n, total, next_href))


def archive_page(k: int) -> str:
    """What an injected article-shaped URL serves: a list page of its own."""
    rows = [
        (f"/2024/1001/c1201a{99100 + k * 10 + j}/page.htm", f"往期归档条目{k}-{j}", "2024-10-01")
        for j in range(3)
    ]
    return _page(
        f"往期归档第{k}页",
        _items(rows) + _paging(1, 999, f"/2024/1001/c1201a{99000 + k + 1}/page.htm"),
    )


def article_page(s: Story) -> str:
    paras = f"<p>{s.text}</p><p>{s.more}</p><p>相关申报材料的截止日期为2025年01月15日。</p>"
    main = (
        '<div class="article_box">'
        f'<div class="article_title">{s.title}</div>'
        f'<div class="article_info"><span class="source">来源：科技处</span> '
        f'<span class="time">时间: {s.page_date}</span> <span class="views">阅读:'
        f'<span class="WP_VisitCount" url="/_visitcountdisplay?siteId=12&type=3&articleId=1">10</span></span></div>'
        f'<div class="entry"><div class="read"><div class="wp_articlecontent">{paras}</div></div></div>'
        "</div>"
    )
    return _page(s.title, main)


def static_pages() -> dict[str, str]:
    """Every page that is a file on the real site: the three list pages and the articles."""
    pages = {LIST.format(n="" if n == 1 else n): list_page(n) for n in range(1, PAGES + 1)}
    pages.update({s.path: article_page(s) for s in stories()})
    return pages


def write_mirror(root: Path) -> Path:
    """Write the static pages as a mirror folder (``DIR/<host>/<path>``) for the probe."""
    for path, html in static_pages().items():
        target = root / HOST / path.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return root


def is_trap(path: str) -> bool:
    """Pages a careful crawler never needs: the chain past page 3 and the injected items."""
    if path.startswith("/xwzx/list") and path[10:-4].isdigit():
        return int(path[10:-4]) > PAGES
    return path.startswith("/2024/1001/")


class _Handler(BaseHTTPRequestHandler):
    server: TrapSiteServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        host, _, rest = self.path.lstrip("/").partition("/")
        path = "/" + rest
        self.server.hits[path] += 1
        if path == "/robots.txt":
            return self._send(200, ROBOTS.encode(), {"Content-Type": "text/plain"})
        page = static_pages().get(path)
        if page is not None:
            return self._send(200, page.encode("utf-8"))
        if path.startswith("/xwzx/list") and path[10:-4].isdigit():
            return self._send(200, list_page(int(path[10:-4])).encode("utf-8"))
        if path.startswith("/2024/1001/"):
            article_id = int(re.search(r"a(\d+)/", path).group(1))  # type: ignore[union-attr]
            return self._send(200, archive_page(article_id % 100).encode("utf-8"))
        fault = SKIPS.get(path)
        if fault in ("huge", "stream"):
            return self._huge(declared=fault == "huge")
        if fault == "loop":
            return self._send(302, headers={"Location": path})
        if fault == "offsite":
            return self._send(302, headers={"Location": "https://elsewhere.example.org/ad.htm"})
        return self._send(404, b"<html><body><h1>404 Not Found</h1></body></html>")

    def _huge(self, declared: bool) -> None:
        """60 MiB of HTML, generated while sent. With its Content-Length the crawler hangs
        up after the headers; without one (streamed until the connection closes) it counts
        the bytes as they arrive."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declared:
            self.send_header("Content-Length", str(HUGE_BYTES))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        chunk = ("<p>" + "数据" * 20000 + "</p>").encode("utf-8")
        sent = 0
        try:
            while sent < HUGE_BYTES:
                piece = chunk[: HUGE_BYTES - sent]
                self.wfile.write(piece)
                sent += len(piece)
        except OSError:  # the crawler refused the page and closed the connection
            self.close_connection = True


class TrapSiteServer(ThreadingHTTPServer):
    """Serves the site copy on 127.0.0.1 (port 0) under ``/<host>/<path>``, like the mirror."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: Counter[str] = Counter()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> TrapSiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
