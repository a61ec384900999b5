"""Screenshot of `glute-tui serve` in headless Chromium, sized like a phone held upright,
for the README. Drives Chromium over its DevTools protocol (aiohttp, which textual-serve
already brings in): open the page, type keys into the app, capture a PNG.

    python scripts/browser_screenshot.py URL OUT.png [KEYS...]

KEYS are sent in order, one second apart; "enter" and "space" are named, "wait:N"
waits N more seconds, anything else is typed as text. Needs `chromium` on PATH.
"""

from __future__ import annotations

import asyncio
import base64
import json
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import aiohttp

#: a phone held upright as its browser lays out a page without a viewport tag: 980 CSS px
#: wide (the default), as tall as the screen's 390 x 844 shape allows, zoomed out to fit
WIDTH, HEIGHT = 980, 2122
NAMED = {
    "enter": {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13, "text": "\r"},
    "space": {"key": " ", "code": "Space", "windowsVirtualKeyCode": 32, "text": " "},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


class Page:
    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.next_id = ws, 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        async for msg in self.ws:
            data = json.loads(msg.data)
            if data.get("id") == self.next_id:
                result: dict[str, Any] = data.get("result", {})
                return result
        raise RuntimeError("DevTools connection closed")

    async def key(self, name: str) -> None:
        if name.startswith("wait:"):
            await asyncio.sleep(float(name[5:]))
        elif name in NAMED:
            info = NAMED[name]
            await self.call("Input.dispatchKeyEvent", type="keyDown", **info)
            await self.call("Input.dispatchKeyEvent", type="keyUp", **info)
        else:
            for ch in name:
                info = {"key": ch, "text": ch, "unmodifiedText": ch}
                await self.call("Input.dispatchKeyEvent", type="keyDown", **info)
                await self.call("Input.dispatchKeyEvent", type="keyUp", key=ch)

    async def click(self, x: int, y: int) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            await self.call(
                "Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1
            )


async def shoot(url: str, out: Path, keys: list[str]) -> None:
    port = free_port()
    profile = tempfile.mkdtemp(prefix="glute-shot-")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not on PATH")
    proc = subprocess.Popen(
        [chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
         f"--remote-debugging-port={port}", f"--user-data-dir={profile}",
         f"--window-size={WIDTH},{HEIGHT}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/json") as r:
                        targets = await r.json()
                    break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            target = next(t for t in targets if t["type"] == "page")
            async with http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as ws:
                page = Page(ws)
                await page.call("Page.navigate", url=url)
                await asyncio.sleep(5)
                await page.click(WIDTH // 2, 4)  # the title bar: focuses the terminal
                await asyncio.sleep(0.5)
                for k in keys:
                    await page.key(k)
                    await asyncio.sleep(1)
                await asyncio.sleep(1.5)
                shot = await page.call("Page.captureScreenshot", format="png")
                out.write_bytes(base64.b64decode(shot["data"]))
    finally:
        proc.terminate()
        proc.wait(10)
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(shoot(sys.argv[1], Path(sys.argv[2]), sys.argv[3:]))
