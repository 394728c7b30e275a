"""The course's website (`make site`), opened page by page in a real browser.

Run by `make site-test`, which builds the site when needed, installs Debian's Chromium when
it is missing, and runs this file; the site is served from build/site on a free port of
127.0.0.1. Every page is opened at a desktop width (1280 px) and a phone width (390 px) and
screenshotted, full length, into build/site-shots/ (to be looked at: figures readable, tables
not cut, code not overflowing). The tests fail on any request that would leave the machine,
any console error, a missing file, an image that does not load, a broken internal link or
anchor, a figure shrunk below 70 % of its natural width on the desktop, a page wider than a
phone's screen, and a search for "ceil_mode" that finds nothing. The pages are also opened
straight from the disk (file://), as the README suggests.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from browser_kit import Request, WatchedPage, page_opener

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "build" / "site"
SHOTS = ROOT / "build" / "site-shots"
DESKTOP, PHONE = 1280, 390
MIN_FIGURE_SCALE = 0.7
"""A figure drawn narrower than this share of its natural width has labels too small to read."""

NOT_PAGES = {"_static", "_sources", "_downloads", "_images"}
SPHINX_PAGES = {"genindex.html", "py-modindex.html", "search.html"}
"""Pages Sphinx generates itself, not from the course's sources."""
"""Folders of the site (of both editions) that hold no page."""

# Run in the page once it has loaded: every image loaded (lazy ones too), MathJax done.
SETTLE_JS = """async () => {
  for (const img of document.images) { img.loading = "eager"; }
  await Promise.all([...document.images].map(img => img.complete ? null : new Promise(done => {
    img.addEventListener("load", done);
    img.addEventListener("error", done);
  })));
  if (window.MathJax && window.MathJax.Hub) {
    await new Promise(done => window.MathJax.Hub.Queue(done));
  }
}"""

# What a page holds: its element ids, its links, its images (with their drawn widths).
INSPECT_JS = """() => ({
  ids: [...document.querySelectorAll("[id]")].map(e => e.id)
       .concat([...document.querySelectorAll("a[name]")].map(e => e.name)),
  links: [...document.querySelectorAll("a[href]")].map(a => a.href),
  images: [...document.images].map(img => ({
    src: img.currentSrc || img.src,
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    width: img.getBoundingClientRect().width,
    visible: img.getClientRects().length > 0,
  })),
  lang: document.documentElement.lang,
  switchTo: [...document.querySelectorAll(".course-language-switch a")].map(a => a.href),
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
})"""


def site_pages() -> list[str]:
    """The HTML pages of the built site, as paths relative to build/site."""
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.html")
        if not NOT_PAGES & set(path.relative_to(SITE).parts)
    )


@dataclass
class Visit:
    """What one page showed at one width."""

    page: str
    width: int
    problems: list[str]
    ids: set[str]
    links: list[str]
    images: list[dict[str, Any]]
    scroll_width: int
    client_width: int
    screenshot: Path = field(default_factory=Path)
    lang: str = ""
    switch_to: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def site_url(serve_directory: Callable[[Path], str]) -> str:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no site in {SITE}: run `make site` (or `make site-test`, which builds it)")
    return serve_directory(SITE)


@pytest.fixture(scope="module", autouse=True)
def fresh_shots() -> None:
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)


def shot_name(page: str, width: int) -> str:
    return f"{page.removesuffix('.html').replace('/', '__')}-{width}.png"


def visit_all(open_page: Callable[..., WatchedPage], site_url: str, width: int) -> list[Visit]:
    watched = open_page(width=width, height=900)
    visits = []
    for page in site_pages():
        watched.clear()
        response = watched.page.goto(urljoin(site_url, page), wait_until="load")
        assert response is not None and response.ok, f"{page}: {response and response.status}"
        # Until no request is left (a late one to another host would still be seen).
        watched.page.wait_for_load_state("networkidle", timeout=60_000)
        watched.page.evaluate(SETTLE_JS)
        found = watched.page.evaluate(INSPECT_JS)
        screenshot = SHOTS / shot_name(page, width)
        watched.page.screenshot(path=str(screenshot), full_page=True)
        visits.append(
            Visit(
                page,
                width,
                watched.problems(),
                set(found["ids"]),
                found["links"],
                found["images"],
                found["scrollWidth"],
                found["clientWidth"],
                screenshot,
                found["lang"],
                found["switchTo"],
            )
        )
    return visits


@pytest.fixture(scope="module")
def desktop(crawl_page: Callable[..., WatchedPage], site_url: str) -> list[Visit]:
    return visit_all(crawl_page, site_url, DESKTOP)


@pytest.fixture(scope="module")
def phone(crawl_page: Callable[..., WatchedPage], site_url: str) -> list[Visit]:
    return visit_all(crawl_page, site_url, PHONE)


@pytest.fixture(scope="module")
def crawl_page(browser: Any, request_log: list[Request]) -> Iterator[Callable[..., WatchedPage]]:
    """``open_page`` for the whole module: each width's crawl is made once, for every test."""
    with page_opener(browser, request_log) as open_:
        yield open_


def test_the_site_has_every_page() -> None:
    pages = set(site_pages())
    lessons = {f"notebooks/{p.stem}.html" for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    exercises = {f"exercises/{p.stem}.html" for p in (ROOT / "exercises").glob("*.ipynb")}
    expected = {"index.html", "notebooks/glossary.html", "mistakes.html", "api.html"}
    assert len(lessons) == 8 and exercises
    assert lessons | exercises | expected <= pages
    assert not [page for page in pages if "solutions" in page]


@pytest.mark.parametrize("crawl", ["desktop", "phone"])
def test_pages_load_cleanly_and_stay_on_the_site(crawl: str, request: Any) -> None:
    """No request leaves the machine, no console error, no failed request or HTTP error."""
    visits: list[Visit] = request.getfixturevalue(crawl)
    problems = [f"{v.page}: {problem}" for v in visits for problem in v.problems]
    assert not problems, "\n".join(problems)


def test_no_request_left_the_machine(desktop: list[Visit], phone: list[Visit], request_log):
    assert request_log, "the crawl made no request at all"
    blocked = [f"{r.url} (from {r.page_url})" for r in request_log if r.blocked]
    assert not blocked, "\n".join(blocked)


@pytest.mark.parametrize("crawl", ["desktop", "phone"])
def test_every_image_loads(crawl: str, request: Any) -> None:
    visits: list[Visit] = request.getfixturevalue(crawl)
    broken = [
        f"{v.page}: {image['src']}"
        for v in visits
        for image in v.images
        if not image["complete"] or image["naturalWidth"] == 0
    ]
    assert not broken, "\n".join(broken)


def test_figures_are_not_shrunk_on_the_desktop(desktop: list[Visit]) -> None:
    shrunk = [
        f"{v.page}: {image['src']} drawn {image['width']:.0f} px of {image['naturalWidth']} px"
        for v in desktop
        for image in v.images
        # half a pixel for rounding: the page draws it at 0.7 x its width, in fractional px
        if image["visible"] and image["width"] + 0.5 < MIN_FIGURE_SCALE * image["naturalWidth"]
    ]
    assert not shrunk, "\n".join(shrunk)


def test_no_page_is_wider_than_a_phone(phone: list[Visit]) -> None:
    """Wide code, tables and figures scroll inside their own box, not the whole page."""
    wide = [
        f"{v.page}: {v.scroll_width} px wide on a {v.client_width} px screen"
        for v in phone
        if v.scroll_width > v.client_width
    ]
    assert not wide, "\n".join(wide)


def test_internal_links_and_anchors_resolve(desktop: list[Visit], site_url: str) -> None:
    ids = {v.page: v.ids for v in desktop}
    origin = urlsplit(site_url).netloc
    broken = []
    checked = 0
    for visit in desktop:
        for link in visit.links:
            parts = urlsplit(link)
            if parts.scheme not in ("http", "https") or parts.netloc != origin:
                continue
            checked += 1
            target = unquote(parts.path).lstrip("/")
            if target == "" or target.endswith("/"):
                target += "index.html"
            if not (SITE / target).is_file():
                broken.append(f"{visit.page}: {link} (no file {target})")
            elif parts.fragment and target in ids and unquote(parts.fragment) not in ids[target]:
                broken.append(f"{visit.page}: {link} (no #{parts.fragment} in {target})")
    assert checked > 100, f"only {checked} internal links found"
    assert not broken, "\n".join(broken)


def test_every_page_was_screenshotted_at_both_widths(desktop, phone) -> None:
    expected = {shot_name(page, width) for page in site_pages() for width in (DESKTOP, PHONE)}
    taken = {path.name for path in SHOTS.glob("*.png")}
    assert expected <= taken
    assert all((SHOTS / name).stat().st_size > 1000 for name in expected)


def test_pages_open_from_the_file_system(open_page: Callable[..., WatchedPage]) -> None:
    """The README also says: open build/site/index.html. Every page, straight from the disk."""
    watched = open_page(width=DESKTOP, height=900)
    problems = []
    for page in site_pages():
        watched.clear()
        watched.page.goto((SITE / page).as_uri(), wait_until="load")
        watched.page.evaluate(SETTLE_JS)
        problems += [f"{page}: {problem}" for problem in watched.problems()]
    assert not problems, "\n".join(problems)


def test_search_finds_ceil_mode(open_page: Callable[..., WatchedPage], site_url: str) -> None:
    watched = open_page(width=DESKTOP, height=900)
    watched.clear()
    watched.page.goto(urljoin(site_url, "search.html"), wait_until="load")
    box = watched.page.locator("#search-results").locator("xpath=..").locator("input[name=q]")
    if box.count() == 0:
        box = watched.page.locator("form[action$='search.html'] input[name=q]").last
    box.fill("ceil_mode")
    box.press("Enter")
    watched.page.wait_for_url("**/search.html?q=ceil_mode*")
    hits = watched.page.locator("#search-results ul.search li")
    hits.first.wait_for(timeout=20_000)
    titles = hits.locator("a").all_inner_texts()
    assert hits.count() >= 1
    assert any("Lesson 2" in title for title in titles), titles
    watched.page.screenshot(path=str(SHOTS / "search-ceil_mode-1280.png"), full_page=True)
    assert not watched.problems(), "\n".join(watched.problems())


# --------------------------------------------------------------------------
# The Chinese edition (build/site/zh/) and the language switch
# --------------------------------------------------------------------------
def test_the_chinese_site_has_every_page() -> None:
    pages = set(site_pages())
    zh = ROOT / "notebooks" / "zh"
    lessons = {f"zh/notebooks/zh/{p.stem}.html" for p in zh.glob("[0-9][0-9]_*.ipynb")}
    exercises = {f"zh/exercises/zh/{p.stem}.html" for p in (ROOT / "exercises/zh").glob("*.ipynb")}
    expected = {"zh/index.html", "zh/notebooks/zh/glossary.html", "zh/mistakes.html"}
    assert len(lessons) == 8 and len(exercises) == 7
    assert lessons | exercises | expected <= pages


def test_each_page_says_its_language_and_links_its_counterpart(
    desktop: list[Visit], site_url: str
) -> None:
    """Chinese pages carry lang="zh-CN" (browsers then draw Simplified Chinese glyphs, not
    Japanese ones); every page links the same page in the other language."""
    problems = []
    for visit in desktop:
        chinese = visit.page.startswith("zh/")
        if not visit.lang.startswith("zh" if chinese else "en"):
            problems.append(f"{visit.page}: lang={visit.lang!r}")
        if visit.page.rsplit("/", 1)[-1] in SPHINX_PAGES:
            continue  # Sphinx's own pages (index, search) have no body to put the link in
        if len(visit.switch_to) != 1:
            problems.append(f"{visit.page}: {len(visit.switch_to)} language links")
            continue
        target = unquote(urlsplit(visit.switch_to[0]).path).lstrip("/")
        if not (SITE / target).is_file():
            problems.append(f"{visit.page}: its language link goes to a missing {target}")
        elif chinese == target.startswith("zh/"):
            problems.append(f"{visit.page}: its language link stays in its language ({target})")
        elif not chinese and visit.page != "api.html":
            expected = "zh/" + visit.page.replace("notebooks/", "notebooks/zh/", 1).replace(
                "exercises/", "exercises/zh/", 1
            )
            if target != expected:
                problems.append(f"{visit.page}: its counterpart is {expected}, not {target}")
    assert not problems, "\n".join(problems)


def test_the_switch_goes_to_the_same_lesson_and_back(
    open_page: Callable[..., WatchedPage], site_url: str
) -> None:
    watched = open_page(width=DESKTOP, height=900)
    page = watched.page
    page.goto(urljoin(site_url, "notebooks/03_max_pooling.html"), wait_until="load")
    page.locator(".course-language-switch a").click()
    page.wait_for_url("**/zh/notebooks/zh/03_max_pooling.html")
    assert page.locator("h1").first.inner_text().startswith("第 3 课")
    page.screenshot(path=str(SHOTS / "zh-lesson-3-after-switch-1280.png"))
    page.locator(".course-language-switch a").click()
    page.wait_for_url("**/notebooks/03_max_pooling.html")
    assert page.locator("h1").first.inner_text().startswith("Lesson 3")
    assert not watched.problems(), "\n".join(watched.problems())


def test_chinese_search_finds_a_chinese_term(
    open_page: Callable[..., WatchedPage], site_url: str
) -> None:
    """Sphinx's Chinese index (words split by jieba) finds 步幅 (stride) in lesson 2."""
    watched = open_page(width=DESKTOP, height=900)
    watched.page.goto(urljoin(site_url, "zh/search.html?q=步幅"), wait_until="load")
    hits = watched.page.locator("#search-results ul.search li")
    hits.first.wait_for(timeout=20_000)
    titles = hits.locator("a").all_inner_texts()
    assert any("第 2 课" in title for title in titles), titles
    watched.page.screenshot(path=str(SHOTS / "zh-search-1280.png"), full_page=True)
    assert not watched.problems(), "\n".join(watched.problems())
