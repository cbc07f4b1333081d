"""The API and pages over a real store (FastAPI's test client, no network)."""

import json
from pathlib import Path

import pytest

pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from conftest import EXAMPLES, SEEDS  # noqa: E402

from diurna.pipeline import Settings, run  # noqa: E402
from diurna.serve import MAX_PAGE, create_app  # noqa: E402


# a real article whose page (a comment form) lists literal HTML tags
SEED_TAGS = SEEDS / "004_07c0c039424cdcd0.txt"


def markup_store(d: Path) -> Path:
    """A store of the demo corpus, an article with markup in its title and
    text, and (when ../shared is there) the seed with literal tags."""
    evil = d / "evil.jsonl"
    evil.write_text(json.dumps({"id": "evil", "published": "2024-03-01", "title": "<script>alert(1)</script>",
                                "text": "Russia condemned France on Monday <script>alert(2)</script> and said "
                                        "the <b>draft</b> was unacceptable."}) + "\n")
    db = d / "s.duckdb"
    run([str(EXAMPLES), str(evil)] + ([str(SEED_TAGS)] if SEED_TAGS.is_file() else []), Settings(db=str(db)))
    return db


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    return TestClient(create_app(markup_store(tmp_path_factory.mktemp("serve"))))


def test_api_lists_filters_and_pages(client):
    r = client.get("/api/events", params={"actor": "RUS", "limit": 5})
    assert r.status_code == 200
    body = r.json()
    assert 0 < body["count"] <= 5
    assert all("RUS" in (e["source_code"] or "") + (e["target_code"] or "") or
               any(a["country"] == "RUS" for a in e["source"] + e["target"]) for e in body["items"])
    assert client.get("/api/events", params={"merged": "true"}).json()["count"] > 0
    assert client.get("/api/stories").json()["count"] >= 1
    assert client.get("/api/quotes", params={"speaker": "FRA"}).status_code == 200
    tl = client.get("/api/timeline", params={"dates": 3, "sentences": 1}).json()
    assert len([e for e in tl if e["date"]]) == 3
    csv_text = client.get("/api/events", params={"format": "csv", "limit": 3}).text
    assert csv_text.splitlines()[0].startswith("id,")
    assert client.get("/api/events", params={"format": "parquet", "limit": 3}).content[:4] == b"PAR1"
    assert client.get("/openapi.json").json()["info"]["title"] == "diurna"


def test_bad_requests_are_4xx(client):
    assert client.get("/api/events", params={"limit": MAX_PAGE + 1}).status_code == 422
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"quad": 9}).status_code == 422
    assert client.get("/api/events", params={"actor": "../../etc"}).status_code == 422
    assert client.get("/api/articles/../../etc/passwd").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/events", params={"format": "exe"}).status_code == 422


def test_pages_escape_article_text(client):
    page = client.get("/").text
    assert "<script>alert" not in page
    arts = client.get("/api/articles", params={"limit": MAX_PAGE}).json()["items"]
    evil = next(a for a in arts if a["external_id"] == "evil")
    html = client.get(f"/articles/{evil['id']}").text
    assert "<script>" not in html and "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "<mark class=" in html  # the event sentence is highlighted


def _total(client, **params) -> int:
    r = client.get("/api/events", params={**params, "limit": 1})
    assert r.status_code == 200, r.text
    return r.json()["total"]


def test_facets_count_what_the_filters_return(client):
    all_events = _total(client)
    f = client.get("/api/facets").json()
    assert f["total"] == all_events > 0
    for name in ("quad", "cameo_root", "source", "target", "plover"):
        assert f[name], name
    assert sum(x["count"] for x in f["quad"]) == all_events
    # a facet's count is what clicking it (the same filter on /api/events) returns
    for name, param in (("quad", "quad"), ("cameo_root", "cameo"), ("source", "source"), ("target", "target"),
                        ("plover", "plover")):
        top = next(x for x in f[name] if x["value"] is not None)
        assert _total(client, **{param: top["value"]}) == top["count"], (name, top)
    # facets narrow with the filters
    rus = client.get("/api/facets", params={"source": "RUS"}).json()
    assert [x["value"] for x in rus["source"]] == ["RUS"]
    assert rus["total"] == _total(client, source="RUS") > 0
    page = client.get("/api/events", params={"source": "RUS", "limit": MAX_PAGE}).json()
    assert page["count"] == page["total"]
    assert all((e["source_code"] or "").startswith("RUS") or e["source"][0]["country"] == "RUS" for e in page["items"])


def test_network_edges_are_events_between_actors(client):
    net = client.get("/api/network", params={"top": 10}).json()
    ids = {n["id"] for n in net["nodes"]}
    assert 2 <= len(ids) <= 10 and net["edges"]
    for e in net["edges"]:
        assert e["source"] in ids and e["target"] in ids and e["source"] != e["target"]
        assert e["quad_class"] in (0, 1, 2, 3, 4)
        assert _total(client, source=e["source"], target=e["target"], quad=e["quad_class"]) == e["count"]
    for n in net["nodes"]:
        assert n["out"] == sum(e["count"] for e in net["edges"] if e["source"] == n["id"])
    conflict = client.get("/api/network", params={"quad": 3}).json()
    assert conflict["edges"] and all(e["quad_class"] == 3 for e in conflict["edges"])


def test_counts_per_period_add_up(client):
    total = _total(client)
    for unit in ("day", "week", "month", "year"):
        c = client.get("/api/counts", params={"unit": unit}).json()
        assert sum(p["total"] for p in c["periods"]) + c["undated"] == total
        starts = [p["period"] for p in c["periods"]]
        assert starts == sorted(starts)
        assert all(sum(p["by_quad"].values()) == p["total"] for p in c["periods"])
    weeks = client.get("/api/counts", params={"unit": "week"}).json()["periods"]
    import datetime as dt

    assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in weeks)
    busiest = max(weeks, key=lambda p: p["total"])
    end = (dt.date.fromisoformat(busiest["period"]) + dt.timedelta(days=6)).isoformat()
    assert _total(client, since=busiest["period"], until=end) == busiest["total"]


def test_places_add_up_and_filter_events(client):
    total = _total(client)
    data = client.get("/api/places").json()
    assert sum(p["total"] for p in data["places"]) + data["without_place"] == total
    assert all(sum(p["by_quad"].values()) == p["total"] for p in data["places"])
    located = [p for p in data["places"] if p["lat"] is not None]
    assert located and all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 and p["geonameid"] for p in located)
    top = data["places"][0]
    evs = client.get("/api/events", params={"place": top["name"], "limit": 500}).json()
    assert evs["total"] == sum(p["total"] for p in data["places"] if p["name"] == top["name"])
    assert all(e["location_name"] == top["name"] for e in evs["items"])
    assert "<h2>Where</h2>" in client.get("/report").text


def test_new_endpoints_reject_bad_input(client):
    for path, params in [("/api/counts", {"unit": "hour"}), ("/api/network", {"top": 0}),
                         ("/api/facets", {"top": 100000}), ("/api/facets", {"source": "../../etc"}),
                         ("/api/network", {"target": "x" * 40}), ("/api/events", {"plover": "<script>"}),
                         ("/api/counts", {"since": "2024-13-01"}), ("/api/events", {"article": "../x"}),
                         ("/api/events", {"quad": -1}), ("/api/places", {"place": "x" * 101}),
                         ("/api/places", {"quad": 9})]:
        r = client.get(path, params=params)
        assert r.status_code == 422, (path, params, r.status_code)
        assert r.json()["detail"]
    r = client.get("/api/events", params={"since": "2024-05-01", "until": "2024-04-01"})
    assert r.status_code == 422 and "after" in r.json()["detail"]
    assert client.get("/api/articles/caf\u00e9").status_code == 422
    for path in ("/static/../serve.py", "/static/%2e%2e/serve.py", "/static/..%2fserve.py", "/static/nope.js"):
        assert client.get(path).status_code == 404, path
    spec = client.get("/openapi.json").json()["paths"]
    for path in ("/api/facets", "/api/network", "/api/counts", "/api/events"):
        assert path in spec
    assert any(p["name"] == "plover" for p in spec["/api/events"]["get"]["parameters"])


def test_pages_are_served_and_scripts_never_write_html(client):
    from diurna.serve import STATIC

    for path in ("/", "/events", "/network", "/chart", "/map"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert '<script src="/static/app.js"' in r.text and "http://" not in r.text and "https://" not in r.text
    scripts = sorted(STATIC.glob("*.js"))
    assert len(scripts) >= 5
    for js in scripts:
        code = js.read_text().replace('"http://www.w3.org/2000/svg"', "")  # the SVG namespace, not a fetch
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "http://", "https://"):
            assert sink not in code, (js.name, sink)
        assert client.get(f"/static/{js.name}").status_code == 200
    assert client.get("/report").status_code == 200
    # FastAPI's Swagger/ReDoc pages load scripts from a CDN: not served; the spec is
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "diurna"


def test_article_page_shows_tags_from_the_text_as_text(client):
    if not SEED_TAGS.is_file():
        pytest.skip("../shared/seeds is not present")
    arts = client.get("/api/articles", params={"limit": MAX_PAGE}).json()["items"]
    seed = next(a for a in arts if a["origin"].endswith(SEED_TAGS.name))
    data = client.get(f"/api/articles/{seed['id']}").json()
    assert data["events"] and any("<abbr" in line for line in data["removed"])
    html = client.get(f"/articles/{seed['id']}").text
    assert "<abbr" not in html and "&lt;abbr title=&quot;&quot;&gt;" in html
    assert html.count("<mark ") == len({e["sentence"] for e in data["events"]})
    assert html.count('<b class="trigger">') >= len({e["trigger_start"] for e in data["events"]}) // 2


def test_cached_responses_follow_the_store(corpus, tmp_path):
    """Responses come from the cache only while the store is unchanged, and a
    writer can add articles between requests (the file is not held open)."""
    db = tmp_path / "c.duckdb"
    run([str(corpus / "a.txt")], Settings(db=str(db)))
    c = TestClient(create_app(db))
    first = c.get("/api/stats")
    assert first.headers["X-Diurna-Cache"] == "miss" and first.json()["articles"] == 1
    again = c.get("/api/stats")
    assert again.headers["X-Diurna-Cache"] == "hit" and again.json() == first.json()
    assert c.get("/api/stats", params={"x": 1}).headers["X-Diurna-Cache"] == "miss"
    assert "X-Diurna-Cache" not in c.get("/api/events", params={"quad": 9}).headers  # errors are not kept
    run([str(corpus / "b.txt")], Settings(db=str(db)))  # a writer, between requests
    after = c.get("/api/stats")
    assert after.headers["X-Diurna-Cache"] == "miss" and after.json()["articles"] == 2
    off = TestClient(create_app(db, cache_size=0)).get("/api/stats")
    assert "X-Diurna-Cache" not in off.headers and off.json() == after.json()
    # a writer holding the store (as a run does): the last answers, marked stale; nothing for new URLs
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db)!r}); "
                               "c.execute('CREATE TABLE IF NOT EXISTS t (x INTEGER)'); print('locked', flush=True); "
                               "time.sleep(60)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        stale = c.get("/api/stats")
        assert stale.status_code == 200 and stale.headers["X-Diurna-Cache"] == "stale" and stale.json() == after.json()
        assert c.get("/api/events").status_code == 503
    finally:
        holder.kill()
        holder.wait()


def test_missing_store_is_503_and_pages_still_load(tmp_path):
    c = TestClient(create_app(tmp_path / "none.duckdb"))
    r = c.get("/api/events")
    assert r.status_code == 503 and "no store" in r.json()["detail"]
    assert c.get("/").status_code == 200  # the page loads and shows the API's message
    assert not (tmp_path / "none.duckdb").exists()


def test_cache_keeps_within_its_count_and_bytes(tmp_path):
    from diurna.serve import ResponseCache

    c = ResponseCache(str(tmp_path / "x.duckdb"), size=3, max_bytes=6, budget=10)
    def key(i, state=1):
        return ("/api/x", f"n={i}", state)

    for i in range(5):
        c.put(key(i), (b"abcd", "text/plain"))
    assert c.get(key(0)) is None and c.get(key(4)) == (b"abcd", "text/plain") and c._bytes == 8  # two fit in 10 bytes
    c.put(key("big"), (b"x" * 7, "text/plain"))  # larger than max_bytes: not kept
    assert c.get(key("big")) is None
    # the newest response of a URL, whatever the store's state
    c.put(key(4, state=2), (b"new", "text/plain"))
    assert c.latest(key(4)[:-1]) == (b"new", "text/plain") and c.latest(key(0)[:-1]) is None
    assert c.state() == (None, None)  # no store files yet


def _check_security_headers(r, path):
    assert r.headers["x-content-type-options"] == "nosniff", path
    assert r.headers["referrer-policy"] == "no-referrer", path
    policy = dict(d.strip().split(" ", 1) for d in r.headers["content-security-policy"].split(";"))
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'", path
    assert policy["frame-ancestors"] == "'none'" and policy["base-uri"] == "'none'", path
    assert policy["script-src"] in ("'self'", "'none'") and "unsafe-inline" not in policy["style-src"], path
    return policy


def test_every_response_sends_the_security_headers(client):
    from diurna.serve import CSP

    art = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    for path, status in [("/", 200), ("/events", 200), ("/network", 200), ("/chart", 200), ("/map", 200),
                         (f"/articles/{art}", 200), ("/api/stats", 200), ("/api/stats", 200),  # a cache hit too
                         ("/api/events?limit=2", 200), (f"/api/articles/{art}", 200), ("/api/events?format=csv", 200),
                         ("/openapi.json", 200), ("/static/app.js", 200), ("/static/app.css", 200),
                         ("/nope", 404), ("/static/nope.js", 404), ("/api/articles/nope", 404),
                         ("/articles/nope", 404), ("/api/events?quad=9", 422), ("/report", 200)]:
        r = client.get(path)
        assert r.status_code == status, path
        policy = _check_security_headers(r, path)
        if path != "/report":
            assert r.headers["content-security-policy"] == CSP
            assert policy["script-src"] == policy["style-src"] == "'self'"
    assert client.get("/api/stats").headers["X-Diurna-Cache"] == "hit"


def test_pages_need_nothing_inline(client):
    """Under the policy nothing inline runs: the pages and scripts must not use it."""
    import re

    from diurna.serve import STATIC

    art = client.get("/api/articles", params={"limit": 1}).json()["items"][0]["id"]
    for path in ("/", "/events", "/network", "/chart", "/map", f"/articles/{art}"):
        page = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", page), path  # only <script src=...>
        assert "<style" not in page and not re.search(r"\sstyle=", page), path
        assert not re.search(r"<[^>]+\son[a-z]+\s*=", page), path  # no onclick= handlers
    for js in STATIC.glob("*.js"):  # attributes the el()/svg() helpers would set as markup
        code = js.read_text()
        assert not re.search(r"\bstyle:\s", code) and 'setAttribute("style"' not in code, js.name
        assert not re.search(r"\bon[a-z]+:\s*[\"'`]", code), js.name  # handlers are functions, never strings


def test_report_allows_its_own_style_element_by_hash_and_no_script(client):
    import base64
    import hashlib
    import re

    r = client.get("/report")
    policy = _check_security_headers(r, "/report")
    assert policy["script-src"] == "'none'" and "<script" not in r.text
    sources = policy["style-src"].split()

    def allowed(text):
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'" in sources

    styles = re.findall(r"<style>(.*?)</style>", r.text, re.S)
    assert styles and all(map(allowed, styles))
    assert not re.search(r"\sstyle=", r.text)  # colours are classes: no inline style to allow
    assert not allowed("color:red") and "'unsafe-hashes'" not in sources


def test_a_server_error_is_json_with_the_security_headers(tmp_path, corpus, monkeypatch):
    from diurna import query

    db = tmp_path / "e.duckdb"
    run([str(corpus / "a.txt")], Settings(db=str(db)))

    def broken(*args, **kw):
        raise RuntimeError("a bug")

    monkeypatch.setattr(query, "stats", broken)
    r = TestClient(create_app(db, cache_size=0), raise_server_exceptions=False).get("/api/stats")
    assert r.status_code == 500 and r.json() == {"detail": "internal server error"}
    _check_security_headers(r, "/api/stats")
