"""Fixtures for tests that drive a real browser: Debian's Chromium through Playwright.

Reusable by any browser test (the course site's, JupyterLab's); the work is done in
browser_kit.py:

* ``browser`` -- one headless Chromium for the session, launched from ``/usr/bin/chromium``
  (or ``$CHROMIUM``) with flags that keep it from calling home. Playwright's own browser
  download is not available on our machines; ``make site-test`` installs Debian's package.
* ``open_page`` -- ``open_page(width, height)`` gives a :class:`browser_kit.WatchedPage`: a
  page in a fresh browser context that **blocks** and records every request leaving this
  machine (anything but 127.0.0.1, localhost, ``file:``, ``data:``, ``blob:``, ``about:``) and
  collects console errors, uncaught page errors, failed requests and HTTP errors.
* ``request_log`` -- every request made by every page of the session, in order; the blocked
  ones would have left the machine. The run ends with a line counting them.
* ``serve_directory`` -- ``serve_directory(path)`` serves a folder over HTTP on a free port
  of 127.0.0.1 and returns its base URL (stopped at the end of the session).

These tests are not part of ``make test`` (its pytest call ignores tests/browser): they need
a browser, and run with ``make site-test``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_kit import Request, WatchedPage, launch_chromium, page_opener, serve

REQUESTS: list[Request] = []
"""Every request of the session (the ``request_log`` fixture), counted at the end of the run."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with launch_chromium() as launched:
        yield launched


@pytest.fixture(scope="session")
def request_log() -> list[Request]:
    return REQUESTS


@pytest.fixture
def open_page(browser: Any, request_log: list[Request]) -> Iterator[Callable[..., WatchedPage]]:
    with page_opener(browser, request_log) as open_:
        yield open_


@pytest.fixture(scope="session")
def serve_directory() -> Iterator[Callable[[Path], str]]:
    with contextlib.ExitStack() as servers:
        yield lambda directory: servers.enter_context(serve(directory))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REQUESTS:
        blocked = [r for r in REQUESTS if r.blocked]
        terminalreporter.write_line(
            f"browser requests: {len(REQUESTS)}, to this machine: "
            f"{len(REQUESTS) - len(blocked)}, leaving it (blocked): {len(blocked)}"
        )
        for request in blocked:
            terminalreporter.write_line(f"  blocked: {request.url} (from {request.page_url})")
