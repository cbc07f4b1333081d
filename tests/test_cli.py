"""The commands, as a user runs them (click's runner, real pipeline, real store)."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from diurna.cli import main


@pytest.fixture()
def stored(corpus, tmp_path):
    db = str(tmp_path / "c.duckdb")
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "img.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (bad / "x.jsonl").write_text('{"id": 1, "text": "Turkey closed its border with Syria on Monday, officials said."}\n{oops\n')
    r = CliRunner().invoke(main, ["run", str(corpus), str(bad), "--db", db, "--quiet"])
    assert r.exit_code == 0, r.output
    return db, r


def test_run_reports_each_bad_file_and_a_summary(stored):
    _, r = stored
    err = r.stderr
    assert "empty.txt: empty file" in err
    assert "img.html: binary file (PNG image)" in err
    assert "x.jsonl#L2: invalid JSON" in err
    assert "4 stored, 0 duplicate, 0 already stored, 3 rejected" in err


def test_articles_jsonl_fields(stored):
    db, _ = stored
    r = CliRunner().invoke(main, ["articles", "--db", db, "--format", "jsonl"])
    rows = [json.loads(x) for x in r.output.splitlines()]
    assert len(rows) == 4
    for row in rows:
        for key in ("id", "title", "source", "url", "published", "text", "duplicate_of"):
            assert key in row
    turkey = [x for x in rows if x["text"].startswith("Turkey closed its border")]
    assert turkey and turkey[0]["duplicate_of"] is None


def test_events_and_formats(stored, tmp_path):
    db, _ = stored
    r = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl"])
    evs = [json.loads(x) for x in r.output.splitlines()]
    assert evs, "the coder found no event in the test corpus"
    for e in evs:
        assert e["sentence_text"] and e["cameo"] and (e["source"] or e["target"])
    r = CliRunner().invoke(main, ["events", "--db", db, "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(r.output)))
    assert len(rows) == len(evs)
    out = tmp_path / "e.parquet"
    r = CliRunner().invoke(main, ["events", "--db", db, "--format", "parquet", "-o", str(out)])
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == len(evs)
    # --place: the events that happened there, each with its location
    placed = [e for e in evs if e["location_name"]]
    assert placed, "no event of the test corpus has a location"
    name = placed[0]["location_name"]
    r = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", "--place", name])
    there = [json.loads(x) for x in r.output.splitlines()]
    assert len(there) == sum(e["location_name"] == name for e in evs)
    assert all(e["location"]["name"] == name and e["location"]["country"] for e in there)


def test_timeline_json_and_html(stored, tmp_path):
    db, _ = stored
    r = CliRunner().invoke(main, ["timeline", "--db", db, "--format", "json", "--sentences", "2"])
    tl = json.loads(r.output)
    assert tl and all(set(x) >= {"date", "sentences", "events", "articles"} for x in tl)
    assert all(1 <= len(x["sentences"]) <= 2 for x in tl)
    html_path = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["timeline", "--db", db, "--html", str(html_path)])
    assert r.exit_code == 0
    page = html_path.read_text()
    assert page.startswith("<!doctype html>") and "<script src" not in page and "http" not in page.split("<body>")[0]


def test_html_report_escapes_article_text(tmp_path):
    evil = tmp_path / "evil.jsonl"
    evil.write_text(json.dumps({"id": "e", "published": "2019-02-03", "title": "<script>alert(1)</script>",
                                "text": "Russia condemned <b>France</b> and Germany on Monday <script>alert(2)</script>, "
                                        "its foreign ministry said."}) + "\n")
    db = str(tmp_path / "e.duckdb")
    assert CliRunner().invoke(main, ["run", str(evil), "--db", db, "--quiet"]).exit_code == 0
    out = tmp_path / "r.html"
    CliRunner().invoke(main, ["timeline", "--db", db, "--format", "html", "-o", str(out)])
    page = out.read_text()
    assert "<script>" not in page and "<b>France</b>" not in page
    assert "&lt;b&gt;France&lt;/b&gt;" in page


def test_stats_and_missing_store(stored, tmp_path):
    db, _ = stored
    r = CliRunner().invoke(main, ["stats", "--db", db, "--format", "json"])
    st = json.loads(r.output)
    assert st["articles"] == 4 and st["rejections"] == 3
    r = CliRunner().invoke(main, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code != 0 and "no store at" in r.output


def test_code_command_jsonl(tmp_path):
    lines = [json.dumps({"id": "s1", "text": "Russia and China vetoed the draft resolution on Syria on Tuesday.",
                         "date": "2012-02-04"}),
             json.dumps({"id": "s2", "text": "The weather was fine."})]
    r = CliRunner().invoke(main, ["code"], input="\n".join(lines) + "\n")
    assert r.exit_code == 0, r.output
    out = [json.loads(x) for x in r.output.splitlines()]
    assert [o["id"] for o in out] == ["s1", "s2"]
    assert out[1]["events"] == []
    (ev, *_) = out[0]["events"]
    assert {a["country"] for a in ev["source"]} == {"RUS", "CHN"}
    # dated by the clause's "on Tuesday", the Tuesday before the article's date
    assert (ev["date"], ev["date_precision"], ev["date_source"], ev["date_text"]) == ("2012-01-31", "day", "text", "Tuesday")
    assert set(ev) >= {"source", "target", "cameo", "quad_class", "goldstein", "plover", "mode", "trigger",
                       "modality", "attributed_to", "date", "confidence"}


def test_stages_alone_chain(corpus, tmp_path):
    runner = CliRunner()
    arts = runner.invoke(main, ["ingest", str(corpus)]).stdout
    assert len(arts.splitlines()) == 3
    parsed = runner.invoke(main, ["parse"], input=arts).stdout
    first = json.loads(parsed.splitlines()[0])
    assert first["sentences"] and first["sentences"][0]["deps"]
    coded = runner.invoke(main, ["code", "--parsed"], input=parsed).stdout
    assert len(coded.splitlines()) == 3
