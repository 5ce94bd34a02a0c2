"""The web UI in a real browser (Debian's Chromium through Playwright) against the real
server over real stores: the seeds, analysed; and articles carrying XSS payloads.

Screenshots of the main pages go to test-artifacts/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, REPO

from counterclaim.cli import cli

PAYLOADS = FIXTURES / "web"
ARTIFACTS = REPO / "test-artifacts"
DENIAL = "Any claims to the contrary are ridiculous."


def _run(*args) -> None:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeds_site(browse_db, serve_store) -> str:
    return serve_store(browse_db)


@pytest.fixture(scope="module")
def xss_site(serve_store, tmp_path_factory) -> tuple[str, Path]:
    db = tmp_path_factory.mktemp("xss-site") / "store.db"
    _run("run", PAYLOADS / "xss.jsonl", "--db", db, "-q")
    return serve_store(db), db


def _shot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot (a page scrolled to a statement: what is on screen, since a full
    page would draw the sticky masthead where the screen was)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


KONASHENKOV = "the main obstacle to completing the defeat of Islamic State"


def test_browser_story_shows_the_denial_beside_the_accusation(page, seeds_site):
    page.goto(seeds_site + "/?sort=disputed")
    _shot(page, "stories")
    story = page.locator(".story-row").filter(has_text="Radio Habana Cuba").first
    assert int(story.locator(".dispute-count strong").inner_text()) > 0
    story.locator("a.title").click()
    page.wait_for_url("**/stories/s*")
    accusation = page.locator(".sides .claim").filter(
        has=page.locator(".claim-main blockquote", has_text=KONASHENKOV)
    )
    assert accusation.count() == 1
    assert "Igor Konashenkov" in accusation.locator(".claim-main .claim-who").inner_text()
    denials = accusation.locator(".response.disputes")
    assert any("contrary are ridiculous" in text for text in denials.all_inner_texts())
    denial = denials.filter(has_text="contrary are ridiculous").first
    assert "Pentagon" in denial.locator(".claim-who").inner_text()
    assert "deny" in denial.locator(".act").inner_text().lower()
    # beside it: the denial sits to the right of the quote, on the same rows of the screen
    quote_box = accusation.locator(".claim-main").bounding_box()
    denial_box = denials.first.bounding_box()
    assert denial_box["x"] > quote_box["x"] + quote_box["width"] - 1
    assert denial_box["y"] < quote_box["y"] + quote_box["height"]
    # the accusation's side and the denial's side are different columns
    sides = page.locator(".side .side-label").all_inner_texts()
    assert len(sides) >= 2
    assert page.locator(".timeline-chart .mark").count() > 0
    assert "Sputnik" in page.locator(".provenance").inner_text()
    _shot(page, "story")
    # click through to the article: the quoted sentence is highlighted
    accusation.locator(".claim-main blockquote a").click()
    page.wait_for_url("**/articles/*#s-*")
    target = page.locator(f"[id='{page.url.rsplit('#', 1)[1]}']")
    assert KONASHENKOV in target.inner_text()
    assert "hl-statement" in target.get_attribute("class")
    assert target.evaluate("e => e.matches(':target')")
    assert target.bounding_box()["y"] < 768  # scrolled into view


def test_browser_search_flirting_finds_the_seed(page, seeds_site):
    page.goto(seeds_site + "/")
    page.fill("header form.search input[name=q]", "flirting")
    page.press("header form.search input[name=q]", "Enter")
    page.wait_for_url("**/?q=flirting")
    passages = page.locator(".matches li")
    assert passages.count() == 2  # both seeds say it; the Reuters article does not
    assert page.locator(".matches mark").first.inner_text().lower() == "flirting"
    assert "Flirting With" in page.locator(".matches").inner_text()
    _shot(page, "search-flirting")


def test_browser_filter_by_outlet(page, seeds_site):
    page.goto(seeds_site + "/articles")
    titles = page.locator(".article-row .title")
    assert titles.count() == 3
    page.select_option("form.filters select[name=outlet]", "reuters")  # submits on change
    page.wait_for_url("**outlet=reuters**")
    assert page.locator(".article-row .title").all_inner_texts() == [
        "Syrian army presses offensive near Deir ez-Zor"
    ]
    page.select_option("form.filters select[name=outlet]", "radiohc")
    page.wait_for_url("**outlet=radiohc**")
    outlets = page.locator(".article-row .outlet").all_inner_texts()
    assert outlets == ["Radio Habana Cuba", "Radio Habana Cuba"]


def test_browser_quote_opens_highlighted_in_its_article(page, seeds_site):
    page.goto(seeds_site + "/entities/pentagon")
    _shot(page, "entity")
    page.locator(".statement-line .quote", has_text=DENIAL).first.click()
    page.wait_for_url("**/articles/*#s-*")
    target_id = page.url.rsplit("#", 1)[1]
    highlighted = page.locator(f"[id='{target_id}']")
    assert highlighted.inner_text() == DENIAL
    assert "hl-statement" in highlighted.get_attribute("class")
    assert "deny" in highlighted.get_attribute("title")
    assert highlighted.is_visible() and highlighted.bounding_box()["y"] < 768
    background = highlighted.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "article", full_page=False)


def test_browser_article_hover_titles(page, seeds_site):
    page.goto(seeds_site + "/articles")
    page.locator(".article-row .title", has_text="Flirting").click()
    konashenkov = page.locator(".hl-statement[title^='Igor Konashenkov']").first
    assert "accuse" in konashenkov.get_attribute("title")
    dates = page.locator(".hl-date").evaluate_all("els => els.map(e => e.title)")
    assert any(t.startswith("2017-10-04") for t in dates)  # `on Wednesday`, resolved
    entity = page.locator("a.hl-entity", has_text="Dayr al-Zawr").first
    assert entity.get_attribute("title").startswith("Deir ez-Zor")


def _pages_of(base: str, db: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(db)
    articles = [r[0] for r in conn.execute("SELECT id FROM articles")]
    entities = [r[0] for r in conn.execute("SELECT DISTINCT entity_id FROM mentions LIMIT 5")]
    outlets = [r[0] for r in conn.execute("SELECT DISTINCT outlet_id FROM articles")]
    stories = [r[0] for r in conn.execute("SELECT id FROM stories")]
    conn.close()
    assert stories, "the payload articles should make stories"
    return [
        "/",
        "/?q=minister",
        "/?q=script",
        "/articles",
        *[f"/articles?outlet={o}" for o in outlets if o],
        *[f"/articles/{a}" for a in articles],
        *[f"/stories/{s}" for s in stories],
        "/entities",
        *[f"/entities/{e}" for e in entities],
    ]


def test_browser_xss_payloads_never_run(browser, xss_site):
    base, db = xss_site
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    visited = 0
    for path in _pages_of(base, db):
        response = page.goto(base + path)
        assert response.status == 200, path
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if h.strip().lower().startswith(("javascript:", "data:"))]
        handlers = page.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            ".filter(a => a.name.startsWith('on')).map(a => a.name))"
        )
        assert handlers == [], path
        for external in page.locator("a.external").all():
            assert external.get_attribute("rel") == "noopener noreferrer"
        visited += 1
    assert dialogs == []
    # the payloads are on the pages, as text: they were escaped, not dropped
    conn_title = "<script>window.__xss='title';alert('title')</script>Minister"
    page.goto(base + "/articles")
    assert conn_title in page.locator(".article-list").inner_text()
    page.locator(".article-row .title").filter(has_text="Minister").click()
    assert "javascript:window.__xss='url'" in page.locator(".facts .unsafe-url").inner_text()
    assert "<img src=x onerror=" in page.locator(".article-text").inner_text()
    _shot(page, "xss-article")
    assert "{{ 7*7 }}" in json.dumps(page.goto(base + "/api/articles").json())
    context.close()
    assert visited >= 10


# --- the dispute view on big stories: columns, the first screen, marking a link wrong -------

MAX_COLUMNS = 4
SCREEN = 768  # the viewport's height: what a reader sees before scrolling
SHARED_DATA = [REPO.parent / "shared" / "data", Path("/work/shared/data")]


def _disputes_cases() -> Path | None:
    return next(
        (d / "disputes" / "cases" for d in SHARED_DATA if (d / "disputes" / "cases").is_dir()),
        None,
    )


@pytest.fixture(scope="session")
def disputes_db(tmp_path_factory) -> Path:
    """A store of the real-dispute development set (research data beside the clone, never
    copied into the repo), analysed once per session; COUNTERCLAIM_TEST_DISPUTES_DB names a
    store already built from it, to reuse."""
    import os
    import sqlite3

    cases = _disputes_cases()
    if cases is None:
        pytest.skip("the disputes development set (../shared/data/disputes) is not here")
    db = tmp_path_factory.mktemp("disputes") / "store.db"
    prebuilt = os.environ.get("COUNTERCLAIM_TEST_DISPUTES_DB")
    if prebuilt:
        with sqlite3.connect(prebuilt) as source, sqlite3.connect(db) as target:
            source.backup(target)
    else:
        _run("run", cases, "--db", db, "-q")
    return db


def _disputed_stories(db: Path, limit: int = 100) -> list[tuple[str, int]]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT id, dispute_count FROM stories WHERE dispute_count > 0 "
            "ORDER BY dispute_count DESC, article_count DESC, id LIMIT ?",
            (limit,),
        ).fetchall()


def _check_dispute_view(page, base: str, story_id: str, shot: str | None = None) -> None:
    """At most MAX_COLUMNS columns; the main claim and a counterclaim on the first screen;
    the page's HTML under 300 KB."""
    response = page.goto(f"{base}/stories/{story_id}")
    assert response.status == 200
    assert len(response.body()) < 300_000, story_id
    assert 1 <= page.locator(".sides > .side").count() <= MAX_COLUMNS, story_id
    main = page.locator(".main-dispute .claim-main blockquote")
    counter = page.locator(".main-dispute .response.disputes, .main-dispute .response.answers")
    assert main.is_visible() and counter.first.is_visible(), story_id
    for box in (main.bounding_box(), counter.first.bounding_box()):
        assert box["y"] + min(box["height"], 40) < SCREEN, story_id
    for label in page.locator(".sides .side-label").all_inner_texts():
        from counterclaim.present.sides import reads_as_name

        assert reads_as_name(label), label  # never a pronoun or a description
    if shot:
        _shot(page, shot, full_page=False)


def test_browser_dispute_view_on_the_seeds(page, seeds_site, browse_db):
    (story_id, _), *_ = _disputed_stories(browse_db)
    _check_dispute_view(page, seeds_site, story_id, "story-first-screen")
    main = page.locator(".main-dispute .claim-main blockquote").inner_text()
    assert KONASHENKOV in main
    counterclaims = page.locator(".main-dispute .response.disputes").all_inner_texts()
    assert any("contrary are ridiculous" in text for text in counterclaims)
    # why: the evidence in words
    denial = page.locator(".main-dispute .response.disputes").filter(has_text="contrary are")
    why = denial.first.locator("details.why")
    why.locator("summary").click()
    assert "denial" in why.inner_text()


def test_browser_dispute_view_on_the_development_set(browser, serve_store, disputes_db):
    base = serve_store(disputes_db)
    context = browser.new_context(viewport={"width": 1366, "height": SCREEN})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    stories = _disputed_stories(disputes_db)
    assert len(stories) >= 5
    for index, (story_id, _) in enumerate(stories):
        _check_dispute_view(page, base, story_id, f"disputes-story-{index}" if index < 3 else None)
    context.close()
    assert errors == []


def test_browser_wrong_link_is_hidden_and_stays_hidden_after_reanalysis(
    page, browser, serve_store, browse_db, tmp_path
):
    import sqlite3

    db = tmp_path / "store.db"
    with sqlite3.connect(browse_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    base = serve_store(db)
    (story_id, disputes), *_ = _disputed_stories(db)
    page.goto(f"{base}/stories/{story_id}")
    reply = page.locator(".main-dispute .response.disputes").first
    link_id = reply.get_attribute("data-link")
    reply.locator("details.why summary").click()
    reply.locator("form.reject-link button").click()
    page.wait_for_selector(".marked-wrong")
    assert not page.locator(f"[data-link='{link_id}']").first.is_visible()
    _shot(page, "story-link-marked-wrong", full_page=False)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT link_id FROM link_overrides").fetchall() == [(link_id,)]
    page.reload()
    assert page.locator(f"[data-link='{link_id}']").count() == 0
    assert page.locator(".rejected-links").count() == 1
    _run("analyze", "--force", "--db", db, "-q")
    page.reload()
    assert page.locator(f"[data-link='{link_id}']").count() == 0
    assert f"{disputes - 1} dispute" in page.locator(".kicker").inner_text()
    # the button works without the script too: a form posted, then back to the page
    context = browser.new_context(
        viewport={"width": 1366, "height": SCREEN}, java_script_enabled=False
    )
    plain = context.new_page()
    plain.goto(f"{base}/stories/{story_id}")
    other = plain.locator(".response.disputes[data-link]").first
    other_id = other.get_attribute("data-link")
    other.locator("details.why summary").click()
    other.locator("form.reject-link button").click()
    plain.wait_for_load_state("load")
    assert f"/stories/{story_id}" in plain.url
    assert plain.locator(f"[data-link='{other_id}']").count() == 0
    context.close()
