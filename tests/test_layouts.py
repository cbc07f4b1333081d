"""The field's layouts (ICEWS, GDELT 2.0, Phoenix, PLOVER) and diurna's own
rows, written from a store the real pipeline made from examples/ and read
back the way a researcher reads them (DuckDB, the csv module)."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES

from diurna import layouts
from diurna.cli import main
from diurna.pipeline import Settings, run
from diurna.store import Store


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    db = tmp_path_factory.mktemp("layouts") / "examples.duckdb"
    run([str(EXAMPLES)], Settings(db=str(db)))
    return db


@pytest.fixture(scope="module")
def truth(store_path):
    """diurna id -> (cameo, date as YYYYMMDD, article id, sentence) from the store."""
    con = duckdb.connect(str(store_path), read_only=True)
    rows = con.execute("""SELECT e.id, e.cameo, coalesce(strftime(coalesce(e.date, a.published), '%Y%m%d'), ''), e.article_id,
                                 e.sentence
                          FROM events e JOIN articles a ON a.id = e.article_id""").fetchall()
    con.close()
    assert len(rows) > 20
    return {r[0]: r[1:] for r in rows}


def _export(store_path, fmt, path, **filters):
    with Store(store_path, read_only=True) as s:
        return layouts.export(s, fmt, path, **filters)


def _tsv(path, header=True):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return (rows[0], rows[1:]) if header else (None, rows)


def test_icews(store_path, truth, tmp_path):
    out = tmp_path / "events.tab"
    assert _export(store_path, "icews", out)["events"] == len(truth)
    header, rows = _tsv(out)
    assert header[:20] == layouts.ICEWS_COLUMNS and header[20:] == layouts.DIURNA_COLUMNS
    assert len(rows) == len(truth)
    con = duckdb.connect()
    df = con.execute(f"SELECT * FROM read_csv('{out}', delim='\t', header=true, all_varchar=true)").fetchall()
    assert len(df) == len(truth)
    for r in rows:
        rec = dict(zip(header, r))
        cameo, date, art, sent = truth[rec["DiurnaEventID"]]
        assert rec["CAMEO Code"] == cameo
        assert rec["Event Date"].replace("-", "") == date
        assert int(rec["Event ID"]) == layouts.int_id(rec["DiurnaEventID"])
        assert int(rec["Story ID"]) == layouts.int_id(art) and int(rec["Sentence Number"]) == sent + 1
    assert any(dict(zip(header, r))["Source Country"] == "France" for r in rows)


def test_gdelt(store_path, truth, tmp_path):
    out = tmp_path / "20240101000000.export.CSV"
    res = _export(store_path, "gdelt", out)
    assert len(layouts.GDELT_EVENT_COLUMNS) == 61
    mpath = layouts.mentions_path(out)
    assert mpath.name == "20240101000000.mentions.CSV" and res["files"] == [str(out), str(mpath)]
    names = layouts.GDELT_EVENT_COLUMNS + layouts.DIURNA_COLUMNS
    con = duckdb.connect()
    cols = "{" + ", ".join(f"'{n}': 'VARCHAR'" for n in names) + "}"
    got = con.execute(f"SELECT * FROM read_csv('{out}', delim='\t', header=false, columns={cols})").fetchall()
    assert len(got) == len(truth)
    ids = set()
    for r in got:
        rec = dict(zip(names, r))
        cameo, date, *_ = truth[rec["DiurnaEventID"]]
        assert rec["EventCode"] == cameo and rec["EventRootCode"] == cameo[:2] and rec["EventBaseCode"] == cameo[:3]
        assert (rec["SQLDATE"] or "") == date and (rec["MonthYear"] or "") == date[:6]
        assert int(rec["GLOBALEVENTID"]) == layouts.int_id(rec["DiurnaEventID"])
        assert int(rec["NumMentions"]) >= 1 and rec["AvgTone"] is None
        ids.add(rec["GLOBALEVENTID"])
    assert len(ids) == len(truth)  # GLOBALEVENTID is unique
    geo = [dict(zip(names, r)) for r in got if dict(zip(names, r))["ActionGeo_Lat"]]
    assert geo and all(g["ActionGeo_CountryCode"] and len(g["ActionGeo_CountryCode"]) == 2 for g in geo)
    # the mentions table: one mention per diurna event, joined on GLOBALEVENTID
    _, ments = _tsv(mpath, header=False)
    assert len(ments) == len(truth)
    mnames = layouts.GDELT_MENTION_COLUMNS + layouts.DIURNA_COLUMNS
    for m in ments:
        rec = dict(zip(mnames, m))
        assert int(rec["GLOBALEVENTID"]) == layouts.int_id(rec["DiurnaEventID"]) and rec["GLOBALEVENTID"] in ids
        assert int(rec["SentenceID"]) == truth[rec["DiurnaEventID"]][3] + 1


def test_phoenix(store_path, truth, tmp_path):
    out = tmp_path / "phoenix.tsv"
    _export(store_path, "phoenix", out)
    header, rows = _tsv(out)
    assert header[:26] == layouts.PHOENIX_COLUMNS
    assert len(rows) == len(truth)
    for r in rows:
        rec = dict(zip(header, r))
        cameo, date, art, sent = truth[rec["EventID"]]
        assert rec["EventCode"] == cameo and rec["Date"] == date and rec["SentenceID"] == f"{art}_{sent}"


def test_plover(store_path, truth, tmp_path):
    out = tmp_path / "plover.jsonl"
    _export(store_path, "plover", out)
    con = duckdb.connect()
    n = con.execute(f"SELECT count(*) FROM read_json('{out}', format='newline_delimited')").fetchone()[0]
    assert n == len(truth)
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for rec in recs:
        cameo, date, art, sent = truth[rec["id"]]
        assert rec["cameo"] == cameo and (rec["date"] or "").replace("-", "") == date
        assert rec["doc_id"] == art and rec["text_info"]["sequence"] == sent and rec["text"]
        assert set(rec) >= {"actor", "recipient", "event", "mode", "context", "event_loc"}
    assert any(rec["event"] for rec in recs) and any(rec["event_loc"] for rec in recs)
    assert any(a["code"] and a["entity_text"] for rec in recs for a in rec["actor"])


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_own_rows(store_path, truth, tmp_path, fmt):
    out = tmp_path / f"events.{fmt}"
    _export(store_path, fmt, out)
    reader = "read_parquet" if fmt == "parquet" else "read_json"
    con = duckdb.connect()
    rows = con.execute(f"SELECT id, cameo, strftime(CAST(date AS DATE), '%Y%m%d') FROM {reader}('{out}')").fetchall()
    assert len(rows) == len(truth)
    for eid, cameo, date in rows:
        assert truth[eid][:2] == (cameo, date or "")


def test_filters_and_cli(store_path, truth, tmp_path):
    cameo = next(iter(truth.values()))[0][:2]
    want = sum(1 for v in truth.values() if v[0].startswith(cameo))
    out = tmp_path / "f.tab"
    res = CliRunner().invoke(main, ["export", "--db", str(store_path), "--format", "icews", "-o", str(out),
                                    "--cameo", cameo])
    assert res.exit_code == 0, res.output
    _, rows = _tsv(out)
    assert len(rows) == want
    assert _export(store_path, "gdelt", tmp_path / "l.tsv", limit=3)["events"] == 3
    with pytest.raises(ValueError):
        _export(store_path, "csv", tmp_path / "x")
