"""A hostile local web server (127.0.0.1 only) reproducing what real sites do wrong.

Served through ``MIRROR_URL`` like the mirror, so the spider keeps its real URLs
(``https://hostile.edu.cn/...``). Every article path is a fault; ``/news.htm`` lists
them all, ``/news/K.htm`` is an endless pagination trap, ``/shell.htm`` a JS-only list.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "hostile.edu.cn"
BODY = "<p>{text}</p>" * 3


def article(title: str, text: str, charset_meta: str = "utf-8") -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset_meta}">'
        f"<title>{title}</title></head><body><div class='nav'>Home | News</div>"
        f'<form name="_newscontent_fromname"><h1>{title}</h1><div class="info">Date: 2024-03-05</div>'
        f'<div id="vsb_content"><div class="v_news_content">{BODY.format(text=text)}</div></div></form>'
        "<div class='footer'>Copyright</div></body></html>"
    )


GOOD_TEXT = "Hostile University was granted 120 invention patents in 2023, and the team keeps working on it."
ZH_TEXT = "学校2023年获得授权发明专利120件，专利转让合同金额达3000万元。"
FAULTS = {
    1: "good",
    2: "gbk_declared",
    3: "gbk_wrong_header",
    4: "gbk_undeclared",
    5: "slow",
    6: "reset",
    7: "truncated",
    8: "burst_503",
    9: "retry_after_429",
    10: "waf_403",
    11: "missing_404",
    12: "redirect_loop",
    13: "redirect_offsite",
    14: "redirect_login",
    15: "malformed",
    16: "empty_200",
    17: "error_200",
    18: "huge",
    19: "gzip_bomb",
    20: "good_second",
}
GOOD_IDS = {1, 2, 3, 4, 8, 9, 15, 20}  # articles that must end up stored


def list_page(page: int | None) -> str:
    links = (
        "".join(
            f'<li id="line_u1_{i}"><a href="/info/1/{i}.htm" title="Story {i}: {name}">Story {i}</a><span>2024-03-05</span></li>'
            for i, name in FAULTS.items()
        )
        if page is None
        else '<li id="line_u1_0"><a href="/info/1/1.htm" title="again">again</a></li>'
    )
    links += '<li id="line_u1_99"><a href="/private/info/1/99.htm" title="Private story">p</a></li>'
    nxt = f"/news/{(page or 0) + 1}.htm"
    return (
        f"<html><head><meta charset='utf-8'></head><body><ul>{links}</ul>"
        f'<div class="pb_sys_common"><span class="p_next"><a href="{nxt}">下页</a></span></div></body></html>'
    )


# Compressed once: a 100 MB page of zeros that travels as ~100 KB.
BOMB = gzip.compress(b"<html><body>" + b"\0" * (100 * 1024 * 1024), compresslevel=9)


class Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: Any) -> None:
        pass

    def send(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        length: int | None = None,
    ) -> None:
        self.send_response(status)
        for k, v in (headers or {"Content-Type": "text/html; charset=utf-8"}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: C901 - one branch per fault is the point
        host, _, path = self.path.lstrip("/").partition("/")
        path = "/" + path
        self.server.hits[path] += 1
        hits = self.server.hits[path]
        if host == "robotserr.edu.cn":
            if path == "/robots.txt":
                return self.send(500, b"robots exploded")
            return self.send(200, article("Robots error site", GOOD_TEXT).encode())
        if path == "/robots.txt":
            return self.send(
                200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}
            )
        if path == "/news.htm":
            return self.send(200, list_page(None).encode())
        if path.startswith("/news/"):
            return self.send(200, list_page(int(path.split("/")[-1].split(".")[0])).encode())
        if path == "/shell.htm":
            return self.send(
                200,
                b"<html><body><div id='app'></div><script src='/app.js'></script></body></html>",
            )
        if path == "/login.htm":
            return self.send(
                200,
                b"<html><head><title>User Login</title></head><body><form><p>Please login</p></form></body></html>",
            )
        if not path.startswith("/info/1/"):
            return self.send(404, b"<html><body>404 Not Found</body></html>")
        fault = FAULTS.get(int(path.rsplit("/", 1)[-1].split(".")[0]), "missing_404")
        good = article(f"Story {path}", GOOD_TEXT).encode()
        if fault in ("good", "good_second"):
            return self.send(200, good)
        if fault == "gbk_declared":
            return self.send(
                200,
                article("中文标题", ZH_TEXT, "gbk").encode("gbk"),
                {"Content-Type": "text/html; charset=GBK"},
            )
        if fault == "gbk_wrong_header":
            return self.send(
                200,
                article("中文标题二", ZH_TEXT, "gbk").encode("gbk"),
                {"Content-Type": "text/html; charset=utf-8"},
            )
        if fault == "gbk_undeclared":
            page = article("中文标题三", ZH_TEXT).replace("charset=utf-8", "").encode("gbk")
            return self.send(200, page, {"Content-Type": "text/html"})
        if fault == "slow":
            time.sleep(3)
            return self.send(200, good)
        if fault == "reset":
            self.send_response(200)
            self.send_header("Content-Length", str(len(good)))
            self.end_headers()
            self.wfile.write(good[:100])
            self.wfile.flush()
            self.connection.setsockopt(
                socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
            )
            self.connection.close()
            return None
        if fault == "truncated":
            self.send(200, good[:200], length=len(good) + 500)
            self.close_connection = True
            return None
        if fault == "burst_503":
            return self.send(503, b"busy") if hits <= 2 else self.send(200, good)
        if fault == "retry_after_429":
            if hits == 1:
                return self.send(
                    429, b"slow down", {"Retry-After": "1", "Content-Type": "text/plain"}
                )
            return self.send(200, good)
        if fault == "waf_403":
            return self.send(403, b"<html><body>Access denied by WAF</body></html>")
        if fault == "redirect_loop":
            return self.send(302, b"", {"Location": path})
        if fault == "redirect_offsite":
            return self.send(302, b"", {"Location": "https://evil.example.com/phish.htm"})
        if fault == "redirect_login":
            return self.send(302, b"", {"Location": "/login.htm"})
        if fault == "malformed":
            page = good.replace(b"</div></div></form>", b"<form><form><p>unclosed <b>bold").replace(
                b"</body></html>", b""
            )
            return self.send(200, page)
        if fault == "empty_200":
            return self.send(200, b"")
        if fault == "error_200":
            return self.send(
                200,
                b"<html><head><title>Error</title></head><body><h2>\xe7\xb3\xbb\xe7\xbb\x9f\xe9\x94\x99\xe8\xaf\xaf</h2><p>404 page not found</p></body></html>",
            )
        if fault == "huge":
            return self.send(200, b"<html><body>" + b"x" * (3 * 1024 * 1024) + b"</body></html>")
        if fault == "gzip_bomb":
            return self.send(
                200, BOMB, {"Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip"}
            )
        return self.send(404, b"not found")


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self) -> HostileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
