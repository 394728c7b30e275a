"""Helpers for tests that drive a real browser (used by tests/browser/conftest.py's fixtures).

Debian's Chromium through Playwright: :func:`launch_chromium` starts it with the flags that
keep it from calling home; :func:`page_opener` opens pages in fresh browser contexts that
block and record every request leaving this machine and collect console errors, uncaught
errors, failed requests and HTTP errors (:class:`WatchedPage`); :func:`serve` serves a folder
on a free port of 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
"""Headless is Playwright's own flag; these keep Chromium from calling home or needing a GPU."""
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})


def is_local(url: str) -> bool:
    """Whether a request to ``url`` stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname in LOCAL_HOSTS


@dataclass
class Request:
    """One request a page made: its URL, the page that made it, and whether it was blocked."""

    url: str
    page_url: str
    blocked: bool


@dataclass
class WatchedPage:
    """A Playwright page and what went wrong on it since it was opened (or last cleared)."""

    page: Any
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Every problem recorded, one line each (empty when the page was clean)."""
        return (
            [f"request leaving the machine (blocked): {url}" for url in self.blocked]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught error: {text}" for text in self.page_errors]
            + [f"request failed: {text}" for text in self.failed_requests]
            + [f"HTTP error: {text}" for text in self.http_errors]
        )

    def clear(self) -> None:
        """Forget the problems recorded so far (before opening the next URL)."""
        for found in (
            self.console_errors,
            self.page_errors,
            self.failed_requests,
            self.http_errors,
            self.blocked,
        ):
            found.clear()


def chromium_executable() -> str:
    """Debian's Chromium, or the browser $CHROMIUM names; an error saying how to get one."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not Path(path).is_file():
        raise FileNotFoundError(
            f"no Chromium at {path}: `make site-test` installs Debian's "
            "(apt-get install -y chromium), or set CHROMIUM to another Chromium"
        )
    return path


@contextlib.contextmanager
def launch_chromium() -> Iterator[Any]:
    """A headless Chromium (a Playwright ``Browser``), closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=list(CHROMIUM_FLAGS)
        )
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def page_opener(browser: Any, request_log: list[Request]) -> Iterator[Callable[..., WatchedPage]]:
    """``open_(width, height)`` -> a :class:`WatchedPage` in a fresh context; all closed on exit.

    Every request of those pages is appended to ``request_log``; one leaving the machine is
    aborted (the browser sees it fail) and recorded on its page as blocked.
    """
    contexts: list[Any] = []

    def open_(width: int = 1280, height: int = 900) -> WatchedPage:
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        watched = WatchedPage(page)

        def route(route: Any) -> None:
            url = route.request.url
            local = is_local(url)
            request_log.append(Request(url, page.url, blocked=not local))
            if local:
                route.continue_()
            else:
                watched.blocked.append(url)
                route.abort("blockedbyclient")

        def on_failed(request: Any) -> None:
            if is_local(request.url):  # the blocked ones are reported as blocked
                watched.failed_requests.append(f"{request.url} ({request.failure})")

        def on_response(response: Any) -> None:
            if response.status >= 400:
                watched.http_errors.append(f"{response.status} {response.url}")

        def on_console(message: Any) -> None:
            if message.type == "error":
                watched.console_errors.append(f"{message.text} ({message.location})")

        context.route("**/*", route)
        page.on("requestfailed", on_failed)
        page.on("response", on_response)
        page.on("console", on_console)
        page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
        return watched

    try:
        yield open_
    finally:
        for context in contexts:
            context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` over HTTP on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
