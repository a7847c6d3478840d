"""A real headless Chromium for the tests of the HTML pages, driven over the Chrome
DevTools Protocol through a pipe (`--remote-debugging-pipe`: JSON messages ending in
NUL on file descriptors 3 and 4 of the browser). No WebDriver, no network port, no
Python package beyond the standard library, nothing downloaded: the browser is
Debian's `chromium` (toolchain.toml's [debian] list, installed by `bash run setup`).

    exe = find_chromium()                      # None when not installed
    with Chromium(exe) as browser:
        page = browser.open(path.as_uri())     # waits for the load
        page.type("#q", "double_plus"); page.press("Enter")
        page.click("#n3")                      # a real mouse click at the element's centre
        page.text("#panel")                    # innerText
        page.errors()                          # console errors and uncaught exceptions
        page.requests()                        # every URL the page asked for
"""

from __future__ import annotations

import fcntl
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from typing import Any, Dict, List, Optional

#: the flags that work in a container as root, with nothing fetched from the network
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--disable-default-apps", "--no-default-browser-check",
         "--remote-debugging-pipe"]


class BrowserError(Exception):
    pass


def find_chromium() -> Optional[str]:
    """The Chromium executable on PATH, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    return None


class Chromium:
    def __init__(self, exe: str, width: int = 1400, height: int = 1000, timeout: float = 30.0) -> None:
        self.timeout = timeout
        self.width, self.height = width, height
        self.profile = tempfile.mkdtemp(prefix="leansharp-chromium-")
        to_child_r, self._wfd = os.pipe()
        self._rfd, from_child_w = os.pipe()

        def wire() -> None:  # in the child: its fd 3 reads our commands, its fd 4 writes the answers
            r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)
            os.close(r)
            os.close(w)

        self.proc = subprocess.Popen([exe, *FLAGS, f"--user-data-dir={self.profile}",
                                      f"--window-size={width},{height}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, close_fds=False, preexec_fn=wire)
        os.close(to_child_r)
        os.close(from_child_w)
        self._queue: "queue.Queue[Optional[Dict[str, Any]]]" = queue.Queue()
        self._lock = threading.Lock()
        self._next = 0
        self.events: List[Dict[str, Any]] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.send("Target.setDiscoverTargets", {"discover": True})

    # -- the pipe
    def _read(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._rfd, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                self._queue.put(None)
                return
            buf += chunk
            while b"\0" in buf:
                msg, buf = buf.split(b"\0", 1)
                self._queue.put(json.loads(msg))

    def _get(self, deadline: float) -> Dict[str, Any]:
        try:
            m = self._queue.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            raise BrowserError("chromium did not answer in time") from None
        if m is None:
            raise BrowserError("chromium closed the DevTools pipe (did it crash?)")
        if "method" in m:
            self.events.append(m)
        return m

    def drain(self) -> None:
        """Record the events that arrived since the last call."""
        while True:
            try:
                m = self._queue.get_nowait()
            except queue.Empty:
                return
            if m is not None and "method" in m:
                self.events.append(m)

    def send(self, method: str, params: Optional[Dict[str, Any]] = None, session: Optional[str] = None,
             timeout: Optional[float] = None) -> Dict[str, Any]:
        with self._lock:
            self._next += 1
            mid = self._next
        msg: Dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._wfd, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            m = self._get(deadline)
            if m.get("id") == mid:
                if "error" in m:
                    raise BrowserError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})

    # -- pages
    def open(self, url: str) -> "Page":
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, session, target)
        for domain in ("Runtime", "Log", "Page", "Network"):
            page.send(f"{domain}.enable")
        page.send("Emulation.setDeviceMetricsOverride",
                  {"width": self.width, "height": self.height, "deviceScaleFactor": 1, "mobile": False})
        page.goto(url)
        return page

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (BrowserError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._wfd, self._rfd):
            try:
                os.close(fd)
            except OSError:
                pass
        shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> "Chromium":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class Page:
    def __init__(self, browser: Chromium, session: str, target: str) -> None:
        self.browser = browser
        self.session = session
        self.target = target

    def send(self, method: str, params: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def goto(self, url: str, timeout: float = 30.0) -> None:
        self.send("Page.navigate", {"url": url})
        self.wait_for(f"document.readyState === 'complete' && location.href === {json.dumps(url)}", timeout)

    def evaluate(self, expression: str) -> Any:
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in r:
            d = r["exceptionDetails"]
            raise BrowserError(f"{expression[:80]!r}: {d.get('exception', {}).get('description') or d.get('text')}")
        return r.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            try:
                v = self.evaluate(expression)
            except BrowserError:
                v = None  # e.g. the document is being replaced
            if v:
                return v
            if time.monotonic() > deadline:
                raise BrowserError(f"timed out waiting for {expression!r}")
            time.sleep(0.05)

    def text(self, selector: str) -> str:
        return self.evaluate(f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText || ''")

    def center(self, selector: str) -> Dict[str, float]:
        """The viewport coordinates of the element's centre (scrolled into view first)."""
        r = self.evaluate(f"""(() => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return null;
            if (!el.closest('svg')) el.scrollIntoView({{block: 'center', inline: 'center'}});
            const b = el.getBoundingClientRect();
            return {{x: b.left + b.width / 2, y: b.top + b.height / 2}};
        }})()""")
        if r is None:
            raise BrowserError(f"no element {selector}")
        return r

    def element_at(self, x: float, y: float) -> str:
        """The id of the nearest element with an id at viewport point (x, y)."""
        return self.evaluate(f"(() => {{ const e = document.elementFromPoint({x}, {y});"
                             f" const h = e && e.closest('[id]'); return h ? h.id : ''; }})()")

    def click(self, selector: str) -> None:
        """A real left click (mouse moved, pressed, released) at the element's centre."""
        p = self.center(selector)
        for kind, buttons in (("mouseMoved", 0), ("mousePressed", 1), ("mouseReleased", 0)):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": p["x"], "y": p["y"], "button": "left",
                                                   "buttons": buttons, "clickCount": 1})

    def wheel(self, x: float, y: float, delta_y: float) -> None:
        """A mouse wheel turn at viewport point (x, y) (negative: away from the user)."""
        self.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": delta_y})

    def drag(self, x0: float, y0: float, x1: float, y1: float, steps: int = 5) -> None:
        """Press the left button at (x0, y0), move to (x1, y1), release."""
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x0, "y": y0})
        self.send("Input.dispatchMouseEvent", {"type": "mousePressed", "x": x0, "y": y0, "button": "left",
                                               "buttons": 1, "clickCount": 1})
        for k in range(1, steps + 1):
            self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x0 + (x1 - x0) * k / steps,
                                                   "y": y0 + (y1 - y0) * k / steps, "button": "left", "buttons": 1})
        self.send("Input.dispatchMouseEvent", {"type": "mouseReleased", "x": x1, "y": y1, "button": "left",
                                               "buttons": 0, "clickCount": 1})

    def close(self) -> None:
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target})
        except BrowserError:
            pass

    def type(self, selector: str, text: str) -> None:
        """Click into the field, empty it, and type `text`."""
        self.click(selector)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).value = ''")
        self.send("Input.insertText", {"text": text})

    def screenshot(self, path: str) -> None:
        import base64

        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as fh:
            fh.write(base64.b64decode(data))

    def press(self, key: str) -> None:
        codes = {"Enter": 13, "Escape": 27}
        params = {"key": key, "code": key, "windowsVirtualKeyCode": codes.get(key, 0)}
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params, **({"text": "\r"} if key == "Enter" else {})})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **params})

    def _events(self) -> List[Dict[str, Any]]:
        self.browser.drain()
        return [e for e in self.browser.events if e.get("sessionId") == self.session]

    def errors(self) -> List[str]:
        """Console errors, uncaught exceptions and failed loads of this page so far."""
        out = []
        for e in self._events():
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append(f"exception: {d.get('exception', {}).get('description') or d.get('text')}")
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description")))
                                                                     for a in p.get("args", [])))
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
            elif e["method"] == "Network.loadingFailed" and not p.get("canceled"):
                out.append(f"load failed: {p.get('errorText')}")
        return out

    def requests(self) -> List[str]:
        return [e["params"]["request"]["url"] for e in self._events() if e["method"] == "Network.requestWillBeSent"]


def open_checked(browser: "Chromium", path: Any, ready: str) -> "Page":
    """Open the page at `path` (a pathlib.Path), wait until the JavaScript expression `ready`
    is true, and check it: no console error or uncaught exception, nothing asked for
    beyond file:, data: and about: URLs."""
    page = browser.open(path.as_uri())
    page.wait_for(ready)
    assert page.errors() == []
    assert [u for u in page.requests() if not u.startswith(("file:", "data:", "about:"))] == []
    return page

