"""The API and pages over a real store (FastAPI's test client, no network)."""

import json

import pytest

pytest.importorskip("httpx")

from fastapi.testclient import TestClient  # noqa: E402

from diurna.pipeline import Settings, run  # noqa: E402
from diurna.serve import MAX_PAGE, create_app  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from conftest import EXAMPLES

    d = tmp_path_factory.mktemp("serve")
    evil = d / "evil.jsonl"
    evil.write_text(json.dumps({"id": "evil", "published": "2024-03-01", "title": "<script>alert(1)</script>",
                                "text": "Russia condemned France on Monday <script>alert(2)</script> and said "
                                        "the <b>draft</b> was unacceptable."}) + "\n")
    db = d / "s.duckdb"
    run([str(EXAMPLES), str(evil)], Settings(db=str(db)))
    return TestClient(create_app(db))


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
    assert "<mark>" in html  # the event sentence is highlighted
