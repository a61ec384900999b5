"""`glute-tui serve`: the app in a web browser, through textual-serve.

Each browser tab (each websocket) starts its own `glute-tui` process on the same data
file; the store's file lock and the live-session journal's ownership keep them from
losing each other's writes.

Localhost only by default. `--lan` listens on the local network and then every request
must carry the random token: once in the URL (`/?token=...`, printed with a QR code),
after which the page's own requests (its scripts and the websocket) carry it in a cookie
set by that first answer. Anything else is answered 403.

textual-serve 1.1 has no public hook for aiohttp middleware; its `Server.on_startup(app)`
is a public, documented override that receives the aiohttp application before aiohttp
freezes its middleware list, so the checks are added there (a thin subclass; no private
name of textual-serve or aiohttp is used). In both modes the websocket that drives the app
answers only pages from the address we print (the Origin header): any web page may try to
open a websocket to 127.0.0.1.
"""

from __future__ import annotations

import hmac
import os
import secrets
import shlex
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

from aiohttp import web
from aiohttp.typedefs import Middleware
from textual_serve.server import Server

LOCALHOST = "127.0.0.1"
ALL_INTERFACES = "0.0.0.0"
DEFAULT_PORT = 8000
#: textual-serve's page sets no viewport, so a phone lays it out 980 CSS px wide (the
#: browsers' default) and zooms out to fit: 24 px gives about 68 columns by 75 rows
PHONE_FONT_SIZE = 24
COOKIE = "glute_tui_token"
FORBIDDEN = (
    "glute-tui: this address needs the token from the link printed where "
    "`glute-tui serve --lan` runs.\n"
)

OTHER_SITE = "glute-tui: the app only talks to its own page.\n"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def same_origin_guard(public_url: str) -> Middleware:
    """aiohttp middleware: the websocket that drives the app answers only pages served
    from `public_url`. Browsers let any web page open a websocket to 127.0.0.1; without
    this, a page from elsewhere could drive the app (browsers always send Origin)."""
    allowed = public_url.rstrip("/").lower()

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and origin.lower() != allowed:
            raise web.HTTPForbidden(text=OTHER_SITE)
        return await handler(request)

    return guard


def token_guard(token: str) -> Middleware:
    """aiohttp middleware: 403 unless the request carries `token` (query or cookie)."""

    @web.middleware
    async def guard(request: web.Request, handler: Handler) -> web.StreamResponse:
        in_query = request.query.get("token", "")
        given = in_query or request.cookies.get(COOKIE, "")
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise web.HTTPForbidden(text=FORBIDDEN)
        response = await handler(request)
        if in_query and not response.prepared:
            response.set_cookie(COOKIE, token, httponly=True, samesite="Strict")
        return response

    return guard


class FloorServer(Server):
    """textual-serve's Server with our start-up lines and, with a token, the guard."""

    def __init__(
        self,
        command: str,
        host: str,
        port: int,
        public_url: str,
        token: str | None,
        out: TextIO,
    ) -> None:
        super().__init__(command, host=host, port=port, title="glute-tui", public_url=public_url)
        self.token = token
        self.out = out

    @property
    def open_url(self) -> str:
        return f"{self.public_url}/?token={self.token}" if self.token else f"{self.public_url}/"

    @property
    def phone_url(self) -> str:
        """The link in the QR code: a larger font, so a phone held upright gets a narrow,
        tall terminal (the layout where the digits fill the width)."""
        sep = "&" if self.token else "?"
        return f"{self.open_url}{sep}fontsize={PHONE_FONT_SIZE}"

    def initialize_logging(self) -> None:
        """Quiet: textual-serve's request log would bury the link and the QR code."""

    async def on_startup(self, app: web.Application) -> None:
        app.middlewares.append(same_origin_guard(self.public_url))
        if self.token:
            app.middlewares.append(token_guard(self.token))
        print(f"glute-tui in your browser: {self.open_url}", file=self.out, flush=True)
        if self.token:
            import segno

            print("Scan this with the phone or tablet on the floor:", file=self.out)
            segno.make(self.phone_url, error="m").terminal(out=self.out, compact=True)
            print(
                "Anyone on this network with the link can use the app. Ctrl+C stops it.",
                file=self.out,
                flush=True,
            )
        else:
            print("Only this computer can open it. Ctrl+C stops it.", file=self.out, flush=True)


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address: str = s.getsockname()[0]
        except OSError:
            return LOCALHOST
    return address


def app_command(db: Path, python: str = sys.executable) -> str:
    return " ".join(shlex.quote(p) for p in (python, "-m", "glute_tui", "--db", str(db)))


def build_server(
    db: Path,
    lan: bool = False,
    host: str | None = None,
    port: int = DEFAULT_PORT,
    out: TextIO | None = None,
    token: str | None = None,
) -> FloorServer:
    """The server `glute-tui serve` runs: 127.0.0.1 unless `lan`; a token only with `lan`."""
    bind = host or (ALL_INTERFACES if lan else LOCALHOST)
    shown = bind if bind not in (ALL_INTERFACES, "", "::") else lan_address()
    secret = (token or secrets.token_urlsafe(18)) if lan else None
    return FloorServer(
        app_command(db), bind, port, f"http://{shown}:{port}", secret, out or sys.stdout
    )


def port_problem(host: str, port: int) -> str | None:
    """Why `host:port` cannot be listened on (taken, not this machine's), or None."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            if os.name == "posix":  # as aiohttp does: a port in TIME_WAIT is free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def serve(db: Path, lan: bool, host: str | None, port: int) -> int:
    server = build_server(db, lan, host, port)
    problem = port_problem(server.host, port)  # before any link is printed
    if problem is None:
        try:
            server.serve()
            return 0
        except OSError as exc:  # taken in the meantime
            problem = exc.strerror or str(exc)
    print(f"glute-tui: cannot listen on {server.host}:{port}: {problem}", file=sys.stderr)
    return 2
