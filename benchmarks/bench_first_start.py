"""Seconds from ``make lab`` on a fresh clone to lesson 0 rendered in Chromium (issue 11).

Clones this repository into a temporary folder, runs ``make lab`` there (which creates
``.venv``, installs the course, makes the workspace and starts JupyterLab without opening
a browser), loads the server's address in Debian's Chromium and waits for lesson 0's
title; then does it again, now that ``.venv`` exists. Prints both times. A benchmark, not
a test: the numbers depend on the machine, its load and the package caches.

    .venv/bin/python benchmarks/bench_first_start.py
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Lesson 0 — Start here"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def time_to_lesson_0(clone: Path) -> tuple[float, float]:
    """(seconds until the server answers, seconds until lesson 0 is rendered)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    flags = f"--no-browser --port={port} --ServerApp.ip=127.0.0.1 --IdentityProvider.token=t"
    if os.geteuid() == 0:
        flags += " --allow-root"
    started = time.monotonic()
    lab = subprocess.Popen(
        ["make", "lab", f"LAB_FLAGS={flags}"],
        cwd=clone,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 1).close()
                break
            except OSError:
                time.sleep(0.2)
        answering = time.monotonic() - started
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/?token=t")
            page.get_by_role("heading", name=TITLE).first.wait_for(timeout=300_000)
            rendered = time.monotonic() - started
            browser.close()
    finally:
        os.killpg(lab.pid, signal.SIGTERM)
        lab.wait(timeout=30)
    return answering, rendered


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clone = Path(folder) / "course"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        load = os.getloadavg()[0]
        for label in ("fresh clone (installs .venv)", "again (.venv exists)"):
            answering, rendered = time_to_lesson_0(clone)
            print(
                f"{label:30s} server answers after {answering:5.1f} s, "
                f"lesson 0 rendered after {rendered:5.1f} s"
            )
        print(f"(load average before: {load:.1f} on {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
