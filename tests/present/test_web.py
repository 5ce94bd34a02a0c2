"""The web app through FastAPI's TestClient over real stores: the JSON API (pagination,
filters, one error shape, OpenAPI), escaping, the read-only store, and `counterclaim serve`
as a real subprocess."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time

import httpx
import pytest
from conftest import FIXTURES, REPO
from fastapi.testclient import TestClient

from counterclaim.present.web import create_app
from counterclaim.present.web.highlight import Annotation, layer
from counterclaim.present.web.views import safe_href


@pytest.fixture(scope="module")
def client(browse_db):
    return TestClient(create_app(browse_db))


@pytest.fixture(scope="module")
def xss_client(tmp_path_factory):
    from click.testing import CliRunner

    from counterclaim.cli import cli

    db = tmp_path_factory.mktemp("xss") / "store.db"
    result = CliRunner().invoke(
        cli, ["ingest", str(FIXTURES / "web" / "xss.jsonl"), "--db", str(db), "-q"]
    )
    assert result.exit_code == 0, result.output
    return TestClient(create_app(db))


def test_web_api_articles_paginated_with_total(client):
    everything = client.get("/api/articles").json()
    assert everything["total"] == 3 and len(everything["data"]) == 3
    second = client.get("/api/articles", params={"limit": 1, "offset": 1}).json()
    assert second["total"] == 3 and second["limit"] == 1 and second["offset"] == 1
    assert second["data"] == everything["data"][1:2]
    assert [a["published"] for a in everything["data"]] == sorted(
        (a["published"] for a in everything["data"]), reverse=True
    )


@pytest.mark.parametrize(
    ("params", "outlets"),
    [
        ({"outlet": "reuters"}, {"reuters"}),
        ({"state": "yes"}, {"radiohc"}),
        ({"state": "no"}, {"reuters"}),
        ({"country": "cu"}, {"radiohc"}),
        ({"from": "2017-10-06", "to": "2017-10-06"}, {"reuters"}),
        ({"q": "flirting"}, {"radiohc"}),
        ({"entity": "deir-ez-zor"}, {"radiohc", "reuters"}),  # two spellings, one place
        ({"entity": "no-such-entity"}, set()),
    ],
)
def test_web_api_article_filters(client, params, outlets):
    data = client.get("/api/articles", params=params).json()["data"]
    assert {a["outlet"]["id"] for a in data} == outlets


def test_web_api_entity_filter_and_statements(client):
    pentagon = client.get("/api/entities/pentagon").json()
    assert pentagon["entity"]["name"] == "Pentagon"
    by = pentagon["statements_by"]
    assert by["total"] >= 5 and all(s["speaker"]["entity_id"] == "pentagon" for s in by["data"])
    assert any(
        s["content"]["text"] == "Any claims to the contrary are ridiculous." for s in by["data"]
    )
    articles = client.get("/api/articles", params={"entity": "pentagon"}).json()
    assert articles["total"] == 1
    about = client.get("/api/statements", params={"about": "islamic-state", "limit": 500}).json()
    assert about["total"] > 0
    assert all("islamic-state" in [t["entity_id"] for t in s["targets"]] for s in about["data"])


def test_web_api_story_dispute_view(client):
    stories = client.get("/api/stories", params={"sort": "disputed", "limit": 1}).json()
    assert stories["stories_available"] and stories["total"] >= 1
    (listed,) = stories["data"]
    assert listed["dispute_count"] > 0
    story = client.get(f"/api/stories/{listed['id']}").json()
    claims = [c for side in story["sides"] for c in side["claims"]]
    accusation = next(
        c for c in claims if "main obstacle to completing" in c["statement"]["content"]["text"]
    )
    assert accusation["statement"]["speaker"]["name"] == "Igor Konashenkov"
    denials = [r["statement"]["content"]["text"] for r in accusation["disputed_by"]]
    assert any("contrary are ridiculous" in text for text in denials)
    denial = next(
        r for r in accusation["disputed_by"] if "ridiculous" in r["statement"]["content"]["text"]
    )
    assert denial["side"] == "United States" and accusation["side"] == "Russia"
    # why: the evidence in words, and the link's id to mark it wrong by
    assert denial["link"]["relation"] == "disputes" and denial["link"]["id"]
    assert any("denial" in line for line in denial["link"]["why"])
    # the first screen: the accusation is the main claim, its denials beside it
    assert story["main"]["statement"]["id"] == accusation["statement"]["id"]
    assert len(story["sides"]) <= 4
    assert {o["id"] for o in story["outlets"]} == {"radiohc"}
    assert story["timeline"] and "chart" not in story
    assert any(c["origin"]["label"] == "Sputnik" for c in story["provenance"])
    page = client.get(f"/stories/{listed['id']}")
    assert page.status_code == 200 and "Igor Konashenkov" in page.text
    statements = client.get("/api/statements", params={"story": listed["id"], "limit": 1}).json()
    assert statements["total"] >= len(claims)


def test_web_api_search_snippets_and_invalid_fts(client):
    found = client.get("/api/search", params={"q": "flirting"}).json()
    assert found["total"] == 2
    assert all("flirting" in r["snippet"].lower() for r in found["data"])
    unbalanced = client.get("/api/search", params={"q": '"flirting AND ('})
    assert unbalanced.status_code == 200  # searched as a phrase, not a server error


def test_web_api_errors_share_one_shape(client):
    missing = client.get("/api/articles/nope")
    assert missing.status_code == 404
    assert missing.json() == {"error": {"status": 404, "message": "no article with id 'nope'"}}
    bad = client.get("/api/articles", params={"limit": 0})
    assert bad.status_code == 422 and set(bad.json()["error"]) == {"status", "message"}
    bad_date = client.get("/api/articles", params={"from": "5 Oct"})
    assert bad_date.status_code == 422 and "YYYY-MM-DD" in bad_date.json()["error"]["message"]


def test_web_openapi_document_lists_the_api(client):
    document = client.get("/api/openapi.json").json()
    for path in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/statements",
        "/api/entities",
        "/api/entities/{entity_id}",
        "/api/timeline",
        "/api/search",
    ):
        assert path in document["paths"], path
    parameters = {p["name"] for p in document["paths"]["/api/articles"]["get"]["parameters"]}
    assert {
        "limit",
        "offset",
        "q",
        "outlet",
        "country",
        "state",
        "from",
        "to",
        "entity",
    } <= parameters


def _real_paths(client) -> dict[str, str]:
    """Each GET route of the API with the ids of real rows of the store filled in."""
    story = client.get("/api/stories").json()["data"][0]["id"]
    article = client.get("/api/articles").json()["data"][0]["id"]
    statement = client.get("/api/statements").json()["data"][0]["id"]
    entity = client.get("/api/entities").json()["data"][0]["id"]
    return {
        "/api/stories": "/api/stories",
        "/api/stories/{story_id}": f"/api/stories/{story}",
        "/api/articles": "/api/articles",
        "/api/articles/{article_id}": f"/api/articles/{article}",
        "/api/statements": f"/api/statements?story={story}",
        "/api/statements/{statement_id}": f"/api/statements/{statement}",
        "/api/entities": "/api/entities",
        "/api/entities/{entity_id}": f"/api/entities/{entity}",
        "/api/timeline": "/api/timeline",
        "/api/search": "/api/search?q=said",
    }


def test_web_openapi_describes_every_response_and_real_ones_validate(client):
    from pydantic import TypeAdapter

    from counterclaim.present.web import api

    document = client.get("/api/openapi.json").json()
    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
    ]
    assert len(operations) >= 12
    for path, method, operation in operations:
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        shapes = schema.get("anyOf", [schema])  # the story route: one of its three views
        assert all(x.get("$ref") or x.get("properties") for x in shapes), (path, method, schema)
    models = {r.path: r.response_model for r in api.router.routes}
    paths = _real_paths(client)
    assert set(paths) == set(models)
    for template, path in paths.items():
        response = client.get(path)
        assert response.status_code == 200, (path, response.text)
        TypeAdapter(models[template]).validate_python(response.json())
    side = client.get(paths["/api/stories/{story_id}"]).json()["sides"][0]["id"]
    from counterclaim.present.web.responses import StorySideView, StoryVoicesView

    for query, model in ((f"side={side}", StorySideView), ("voices=0", StoryVoicesView)):
        response = client.get(f"{paths['/api/stories/{story_id}']}?{query}")
        assert response.status_code == 200, response.text
        TypeAdapter(models["/api/stories/{story_id}"]).validate_python(response.json())
        model.model_validate(response.json())


def _loose_schemas(schema, where: str) -> list[str]:
    """Where a JSON schema lets a response carry what it does not describe: an empty schema
    (`Any`), an object without properties or typed values, or an object open to extra keys."""
    if isinstance(schema, list):
        return [x for i, item in enumerate(schema) for x in _loose_schemas(item, f"{where}[{i}]")]
    if not isinstance(schema, dict):
        return []
    meaningful = set(schema) - {"title", "description", "default", "examples"}
    found = [where] if not meaningful else []
    extra = schema.get("additionalProperties")
    if schema.get("type") == "object" or "properties" in schema or extra is not None:
        if "properties" in schema and extra is not False:
            found.append(f"{where} (extra keys allowed)")
        if "properties" not in schema and not isinstance(extra, dict):
            found.append(f"{where} (free-form object)")
        if isinstance(extra, dict) and not (set(extra) - {"title", "description"}):
            found.append(f"{where} (values of any type)")
    for key, value in schema.items():
        if key in ("properties", "$defs"):
            for name, sub in value.items():
                found += _loose_schemas(sub, f"{where}.{name}")
        elif key in ("items", "additionalProperties", "anyOf", "oneOf", "allOf", "prefixItems"):
            found += _loose_schemas(value, f"{where}.{key}")
    return found


def test_web_openapi_document_has_no_free_form_objects(client):
    """Every response model is exact (extra keys forbidden) and typed to its leaves, so the
    document describes every field a response carries."""
    document = client.get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    loose = [
        x
        for name, schema in schemas.items()
        if name not in ("HTTPValidationError", "ValidationError")  # FastAPI's own (422s)
        for x in _loose_schemas(schema, name)
    ]
    assert loose == []
    # the nested story view is described to its statements' spans
    story = schemas["StoryView"]["properties"]
    assert set(story) >= {"story", "main", "sides", "other_voices", "timeline", "provenance"}
    assert schemas["ClaimView"]["properties"]["disputed_by"]["items"] == {
        "$ref": "#/components/schemas/ReplyView"
    }
    assert _loose_schemas({"type": "object"}, "probe") == ["probe (free-form object)"]
    assert _loose_schemas({"properties": {"a": {}}}, "probe") == [
        "probe (extra keys allowed)",
        "probe.a",
    ]


def test_web_exact_response_models_refuse_an_unknown_key(client):
    from pydantic import ValidationError

    from counterclaim.present.web.responses import StoryView

    story_id = client.get("/api/stories").json()["data"][0]["id"]
    view = client.get(f"/api/stories/{story_id}").json()
    assert StoryView.model_validate(view).model_dump(mode="json") == view
    with pytest.raises(ValidationError, match="extra"):
        StoryView.model_validate({**view, "chart": {}})
    claim = view["sides"][0]["claims"][0]
    with pytest.raises(ValidationError, match="extra"):
        StoryView.model_validate(
            {**view, "main": {**claim, "statement": {**claim["statement"], "secret": 1}}}
        )


def test_web_pages_send_security_headers(client):
    for path in ("/", "/articles", "/entities", "/static/style.css", "/api/articles", "/nope"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "'unsafe-inline'" not in csp, path
        assert response.headers["x-content-type-options"] == "nosniff"


def test_web_html_escapes_untrusted_text(xss_client):
    article_ids = [a["id"] for a in xss_client.get("/api/articles").json()["data"]]
    assert len(article_ids) == 3
    for path in ["/", "/articles", *[f"/articles/{i}" for i in article_ids]]:
        html = xss_client.get(path).text
        assert "<script>window" not in html and "<img src=x" not in html, path
        assert 'href="javascript' not in html.lower(), path
        assert "{{ 7*7 }}" not in html or "49" not in html  # never evaluated as a template
    html = xss_client.get("/articles").text
    assert "&lt;script&gt;window.__xss=" in html


def test_web_store_is_opened_read_only(browse_db, client):
    before = (
        browse_db.stat().st_mtime_ns,
        sqlite3.connect(browse_db).execute("SELECT count(*) FROM articles").fetchone(),
    )
    for path in ("/", "/articles", "/entities/pentagon", "/api/search?q=flirting"):
        assert client.get(path).status_code == 200
    after = (
        browse_db.stat().st_mtime_ns,
        sqlite3.connect(browse_db).execute("SELECT count(*) FROM articles").fetchone(),
    )
    assert before == after
    from counterclaim.store.db import connect

    conn = connect(browse_db, readonly=True)  # what every request opens
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM articles")


def test_web_missing_store_is_a_clear_error(tmp_path):
    response = TestClient(create_app(tmp_path / "none.db")).get("/api/articles")
    assert response.status_code == 503 and "no such database" in response.json()["error"]["message"]
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://www.radiohc.cu/a", True),
        ("http://example.org/x?a=1&b=2", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example/x", False),
        ("/relative/path", False),
        ("https:///no-host", False),
        ("", False),
    ],
)
def test_web_safe_href_links_only_http_urls(url, linked):
    assert safe_href(url) == (url if linked else None)


def _rendered(text, annotations):
    out = []
    for piece in layer(text, annotations):
        if piece.op == "text":
            out.append(piece.text)
        elif piece.op == "open":
            out.append(f"<{piece.annotation.kind}{'' if piece.first else '*'}>")
        else:
            out.append(f"</{piece.annotation.kind}>")
    return "".join(out)


def test_web_highlight_nests_crossing_spans():
    text = "Putin said Kiev was wrong today."
    annotations = [
        Annotation(11, 31, "statement", "t"),  # Kiev was wrong today.
        Annotation(0, 5, "speaker", "t"),
        Annotation(6, 10, "cue", "t"),
        Annotation(11, 15, "entity", "t"),
        Annotation(25, 40, "date", "t"),  # past the end: dropped
        Annotation(20, 26, "date", "t"),  # crosses the statement's end? no: inside
    ]
    assert _rendered(text, annotations) == (
        "<speaker>Putin</speaker> <cue>said</cue> <statement><entity>Kiev</entity> was "
        "<date>wrong </date>today</statement>."
    )


def test_web_highlight_crossing_spans_reopen_without_a_second_anchor():
    text = "abcdefghij"
    pieces = layer(
        text,
        [Annotation(0, 6, "statement", "t", anchor="s-1"), Annotation(4, 9, "date", "t")],
    )
    assert "".join(p.text for p in pieces if p.op == "text") == text
    assert _rendered(text, [Annotation(0, 6, "statement", "t"), Annotation(4, 9, "date", "t")]) == (
        "<statement>abcd<date>ef</date></statement><date*>ghi</date>j"
    )
    opens = [p for p in pieces if p.op == "open"]
    assert sum(p.first for p in opens if p.annotation.anchor == "s-1") == 1


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_web_serve_command_serves_the_store(browse_db):
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "counterclaim",
            "serve",
            "--db",
            str(browse_db),
            "--port",
            str(port),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/articles?limit=1", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert response.json()["total"] == 3
        page = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
        assert page.status_code == 200 and "counterclaim" in page.text
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=20)
    assert f"http://127.0.0.1:{port}/" in out


def test_web_serve_command_missing_store_and_busy_port(run_cli, tmp_path, browse_db):
    result = run_cli("serve", "--db", tmp_path / "none.db")
    assert result.exit_code == 1 and "no such database" in result.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = run_cli("serve", "--db", browse_db, "--port", taken.getsockname()[1])
    assert busy.exit_code == 1 and "in use" in busy.stderr


def test_web_bench_runs_on_a_small_store(browse_db):
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "bench_web.py"),
            "--db",
            str(browse_db),
            "--requests",
            "2",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    pages = [line.split("  ")[0] for line in result.stdout.splitlines()[2:]]
    assert any(page.startswith("story (") for page in pages), result.stdout


def test_web_story_side_pages_and_other_voices(client):
    story_id = client.get("/api/stories", params={"sort": "disputed"}).json()["data"][0]["id"]
    story = client.get(f"/api/stories/{story_id}").json()
    side = next(s for s in story["sides"] if s["next"])
    assert len(side["claims"]) < side["claims_total"]
    page = client.get(f"/api/stories/{story_id}", params={"side": side["id"], "offset": 0}).json()
    ids = [c["statement"]["id"] for c in page["claims"]["data"]]
    assert page["claims"]["total"] == side["claims_total"] == len(ids)
    assert ids[: len(side["claims"])] == [c["statement"]["id"] for c in side["claims"]]
    html = client.get(side["next"])
    assert html.status_code == 200 and side["label"] in html.text
    assert client.get(f"/api/stories/{story_id}", params={"side": "nope"}).status_code == 404
    voices = client.get(f"/api/stories/{story_id}", params={"voices": 0}).json()
    assert voices["other_voices"]["total"] == story["other_voices"]["total"]
    assert client.get(f"/stories/{story_id}?voices=0").status_code == 200


@pytest.mark.parametrize(
    ("label", "actor"),
    [
        ("who", False),
        ("a vaccine", False),
        ("his campaign", False),
        ("polls", False),
        ("They", False),
        ("the ministry", False),
        ("Officials", False),
        ("unattributed", False),
        ("The Kremlin", True),
        ("US officials", True),
        ("Igor Konashenkov", True),
        ("Associated Press (", True),
    ],
)
def test_web_sides_unresolved_speakers_are_never_columns(label, actor):
    from counterclaim.present.sides import clean_label, reads_as_name

    assert reads_as_name(label) is actor
    assert clean_label("Associated Press (") == "Associated Press"


@pytest.fixture
def writable_client(browse_db, tmp_path):
    db = tmp_path / "store.db"
    with sqlite3.connect(browse_db) as source, sqlite3.connect(db) as target:
        source.backup(target)
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000"), db


def _a_dispute(client) -> tuple[str, dict]:
    story_id = client.get("/api/stories", params={"sort": "disputed"}).json()["data"][0]["id"]
    main = client.get(f"/api/stories/{story_id}").json()["main"]
    return story_id, main["disputed_by"][0]["link"]


def test_web_reject_link_refuses_other_sites(writable_client):
    client, db = writable_client
    story_id, link = _a_dispute(client)
    for headers in (
        {"Origin": "http://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},  # no Sec-Fetch-Site to vouch for it
        {"Sec-Fetch-Site": "cross-site", "Origin": "null"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:8000"},
    ):
        refused = client.post(f"/api/links/{link['id']}/reject", headers=headers)
        assert refused.status_code == 403, headers
        form = client.post(f"/links/{link['id']}/reject", headers=headers, data={"next": "/"})
        assert form.status_code == 403, headers
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM links WHERE id = ?", (link["id"],)).fetchone()[0]


def test_web_reject_link_from_the_page_hides_it(writable_client):
    client, db = writable_client
    story_id, link = _a_dispute(client)
    before = client.get(f"/api/stories/{story_id}").json()["story"]["dispute_count"]
    response = client.post(
        f"/links/{link['id']}/reject",
        headers={"Origin": "http://127.0.0.1:8000", "Sec-Fetch-Site": "same-origin"},
        data={"next": f"/stories/{story_id}#main", "note": "test"},
        follow_redirects=False,
    )
    assert (
        response.status_code == 303 and response.headers["location"] == f"/stories/{story_id}#main"
    )
    story = client.get(f"/api/stories/{story_id}").json()
    assert story["story"]["dispute_count"] == before - 1
    assert [x["link_id"] for x in story["rejected"]] == [link["id"]]
    shown = json.dumps(story)
    assert f'"id": "{link["id"]}"' not in shown
    assert f'data-link="{link["id"]}"' not in client.get(f"/stories/{story_id}").text
    # an outside address to go back to is never followed
    client.post(f"/api/links/{link['id']}/restore")
    away = client.post(
        f"/links/{link['id']}/reject", data={"next": "//evil.example/"}, follow_redirects=False
    )
    assert away.headers["location"] == f"/stories/{story_id}"
    again = client.post(f"/api/links/{link['id']}/reject")
    assert again.status_code == 409
    assert again.json()["error"]["message"].endswith("already marked wrong")


def _thread_line(stories: list[dict], day: str) -> str:
    from counterclaim.present.web.app import templates

    macros = templates().env.get_template("_macros.html").module
    return str(macros.thread_line({"label": "A, B", "stories": stories}, day))


def test_web_long_thread_names_the_nearest_stories_and_folds_the_rest():
    """A thread of many stories would push the main dispute off the first screen: the two
    stories before and the two after this one are named, the whole thread is folded."""
    stories = [
        {"id": f"s{m}", "title": f"Story {m}", "first_date": f"2020-{m:02d}-01"}
        for m in range(1, 10)
    ]
    stories.append({"id": "sx", "title": "<script>alert(1)</script>", "first_date": None})
    html = _thread_line(stories, "2020-05-15")
    shown, folded = html.split("<details", 1)
    assert [f"Story {m}" in shown for m in range(1, 10)] == [
        m in (4, 5, 6, 7) for m in range(1, 10)
    ]
    assert all(f"Story {m}" in folded for m in range(1, 10))
    assert "all 10 other stories" in folded
    assert "<script>" not in html and "&lt;script&gt;" in folded  # a title is text, escaped


def test_web_short_thread_is_listed_whole():
    stories = [
        {"id": "s1", "title": "One", "first_date": "2020-01-01"},
        {"id": "s2", "title": "Two", "first_date": None},
    ]
    html = _thread_line(stories, "2020-05-15")
    assert "<details" not in html and "One" in html and "Two" in html and "undated" in html
