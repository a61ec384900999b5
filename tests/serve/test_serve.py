"""`glute-tui serve`: a real server process on a free loopback port."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from glute_tui.serve import ALL_INTERFACES, COOKIE, LOCALHOST, build_server


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCALHOST, 0))
        port: int = s.getsockname()[1]
    return port


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int, url: str) -> None:
        self.process, self.port, self.url = process, port, url


def start(tmp_path: Path, *extra: str) -> Iterator[Served]:
    port = free_port()
    argv = [sys.executable, "-m", "glute_tui", "serve", "--port", str(port), *extra]
    argv += ["--db", str(tmp_path / "history.json")]
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    try:
        url = ""
        deadline = time.monotonic() + 30
        while not url and time.monotonic() < deadline:  # wait for it to say it is up
            ready, _, _ = select.select([process.stdout], [], [], 1.0)
            if ready:
                line = process.stdout.readline()
                assert line, "serve ended before it printed its address"
                if "in your browser:" in line:
                    url = line.split(": ", 1)[1].strip()
        assert url, "serve printed no address"
        while time.monotonic() < deadline:  # it prints just before it listens
            with socket.socket() as probe:
                if probe.connect_ex((LOCALHOST, port)) == 0:
                    break
            time.sleep(0.05)
        yield Served(process, port, url)
    finally:
        process.terminate()
        process.wait(10)


def get(url: str, cookie: str | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(req, timeout=10) as r:
            return r.status, r.read().decode(), r.headers.get("Set-Cookie", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(), ""


def test_localhost_by_default_and_lan_on_request() -> None:
    local = build_server(Path("/tmp/x.json"))
    assert local.host == LOCALHOST and local.token is None
    lan = build_server(Path("/tmp/x.json"), lan=True)
    assert lan.host == ALL_INTERFACES
    assert lan.token and len(lan.token) >= 20
    assert lan.open_url.endswith(f"/?token={lan.token}")
    assert build_server(Path("/tmp/x.json"), lan=True).token != lan.token  # random each time


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Served]:
    yield from start(tmp_path)


@pytest.fixture
def lan(tmp_path: Path) -> Iterator[Served]:
    yield from start(tmp_path, "--lan", "--host", LOCALHOST)


def test_serve_answers_with_the_page_on_loopback_only(local: Served) -> None:
    assert local.url == f"http://{LOCALHOST}:{local.port}/"
    status, body, _ = get(local.url)
    assert status == 200
    assert "textual-terminal" in body and f"ws://{LOCALHOST}:{local.port}/ws" in body
    listening = Path("/proc/net/tcp")
    if listening.exists():  # Linux: the only listener on this port is 127.0.0.1
        rows = [r.split() for r in listening.read_text().splitlines()[1:]]
        mine = [r[1] for r in rows if r[3] == "0A" and int(r[1].split(":")[1], 16) == local.port]
        assert mine == ["0100007F:" + f"{local.port:04X}"]


def test_lan_refuses_a_request_without_the_token(lan: Served) -> None:
    base = f"http://{LOCALHOST}:{lan.port}"
    assert "?token=" in lan.url
    token = lan.url.split("?token=", 1)[1]
    status, body, _ = get(base + "/")
    assert status == 403 and "token" in body
    assert get(base + "/?token=wrong" + token[5:])[0] == 403
    assert get(base + "/static/js/textual.js")[0] == 403
    assert get(base + "/ws")[0] == 403
    status, body, cookie = get(lan.url)
    assert status == 200 and "textual-terminal" in body
    assert cookie.startswith(f"{COOKIE}={token}") and "HttpOnly" in cookie
    # the page's own requests carry the cookie, not the token
    assert get(base + "/static/js/textual.js", cookie=f"{COOKIE}={token}")[0] == 200


def ws_status(url: str, origin: str, cookie: str | None = None) -> int:
    """The status of a websocket handshake to /ws (101 when accepted)."""
    headers = {
        "Connection": "Upgrade",
        "Upgrade": "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Origin": origin,
    }
    if cookie:
        headers["Cookie"] = cookie
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    with socket.create_connection((host, int(port)), timeout=10) as s:
        lines = ["GET /ws?width=80&height=24 HTTP/1.1", f"Host: {host}:{port}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        s.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        status = s.recv(1024).split(b"\r\n", 1)[0].split()[1]
    return int(status)


def test_the_websocket_answers_only_its_own_page(local: Served) -> None:
    own = f"http://{LOCALHOST}:{local.port}"
    assert ws_status(local.url, "http://evil.example") == 403
    assert ws_status(local.url, own) == 101


def test_lan_websocket_needs_the_token_cookie(lan: Served) -> None:
    own = f"http://{LOCALHOST}:{lan.port}"
    token = lan.url.split("?token=", 1)[1]
    assert ws_status(lan.url, own) == 403
    assert ws_status(lan.url, own, cookie=f"{COOKIE}={token}") == 101


def test_a_port_in_use_is_one_line_and_exit_2(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind((LOCALHOST, 0))
        busy.listen()
        port = busy.getsockname()[1]
        argv = [sys.executable, "-m", "glute_tui", "serve", "--port", str(port)]
        done = subprocess.run(
            [*argv, "--db", str(tmp_path / "h.json")], capture_output=True, text=True, timeout=60
        )
    assert done.returncode == 2
    assert done.stdout == ""  # no link to a server that is not there
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"glute-tui: cannot listen on {LOCALHOST}:{port}: ")
    assert not (tmp_path / "h.json").exists()


def test_a_data_path_that_cannot_work_is_refused_before_serving(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from glute_tui.cli import main

    assert main(["serve", "--db", str(tmp_path)]) == 2
    assert (
        capsys.readouterr().err.strip()
        == f"glute-tui: {tmp_path} is a folder; --db needs a file path"
    )
