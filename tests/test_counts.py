"""diurna.aggregate.counts, `diurna counts` and /api/counts: exact numbers on a
hand-written store, and sums that must agree on a store the real pipeline
made from examples/."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES

from diurna import aggregate
from diurna.aggregate import counts
from diurna.cli import main
from diurna.pipeline import Settings, run
from diurna.store import Store


def _actor(code):
    return {"text": code, "start": 0, "end": 3, "code": code, "country": code, "sector": "GOV", "name": code}


# id, article, source, target, cameo, quad, goldstein, date, group
EVENTS = [
    ("e1", "a1", "FRA", "RUS", "111", 3, -2.0, "2024-01-05", 1),
    ("e2", "a2", "FRA", "RUS", "111", 3, -2.0, "2024-01-05", 1),  # the same event in another outlet
    ("e6", "a1", "FRA", "RUS", "111", 3, -2.0, "2024-01-05", 5),  # the same code and day, merged apart
    ("e3", "a2", "FRA", "RUS", "112", 3, -2.0, "2024-01-05", 2),  # another code the same day
    ("e4", "a3", "RUS", "FRA", "042", 1, 1.0, "2024-03-10", 3),
    ("e5", "a3", "RUS", "FRA", "163", 4, -4.0, "2024-03-10", 4),  # 16x: verbal (phoenix) or material (icews)
]


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("counts") / "small.duckdb")
    with Store(db) as st:
        for aid, outlet, day in (("a1", "Outlet1", "2024-01-05"), ("a2", "Outlet2", "2024-01-05"),
                                 ("a3", "Outlet1", "2024-03-10")):
            st.con.execute("INSERT INTO articles (id, origin, source, published, content_hash, ingested_at) "
                           "VALUES (?, ?, ?, CAST(? AS DATE), ?, now())", [aid, aid, outlet, day, aid])
        for eid, aid, s, t, cameo, quad, g, day, grp in EVENTS:
            st.con.execute("INSERT INTO events (id, article_id, sentence, source_code, target_code, cameo, quad_class, "
                           "goldstein, date, group_id, source, target) VALUES (?, ?, 0, ?, ?, ?, ?, ?, CAST(? AS DATE), "
                           "?, [?], [?])", [eid, aid, s, t, cameo, quad, g, day, grp, _actor(s), _actor(t)])
    return db


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("counts_demo") / "demo.duckdb")
    run([str(EXAMPLES)], Settings(db=db))
    return db


def _get(rows, **match):
    found = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, (match, found)
    return found[0]


def test_exact_counts_zero_rows_and_dedup_modes(small):
    import datetime as dt

    with Store(small, read_only=True) as st:
        by_mode = {m: counts(st, by=["dyad"], every="month", dedup=m, wide=True) for m in aggregate.DEDUP}
    daily = by_mode["daily"]
    assert daily.dedup == "daily" and daily.every == "month"
    # two dyads x three months (February zero-filled): every period for every group
    assert len(daily) == 6
    periods = sorted({r["period"] for r in daily})
    assert periods == [dt.date(2024, 1, 1), dt.date(2024, 2, 1), dt.date(2024, 3, 1)]
    jan = _get(daily, source="FRA", target="RUS", period=dt.date(2024, 1, 1))
    assert (jan["events"], jan["mentions"], jan["articles"], jan["outlets"]) == (2, 4, 2, 2)
    assert jan["verbal_conflict"] == 2 and jan["net_cooperation"] == -2 and jan["goldstein_sum"] == -4.0
    assert jan["goldstein_mean"] == -2.0
    feb = _get(daily, source="FRA", target="RUS", period=dt.date(2024, 2, 1))
    assert feb["events"] == feb["mentions"] == feb["articles"] == 0 and feb["goldstein_mean"] is None
    assert _get(daily, source="RUS", target="FRA", period=dt.date(2024, 1, 1))["events"] == 0
    mar = _get(daily, source="RUS", target="FRA", period=dt.date(2024, 3, 1))
    assert (mar["verbal_cooperation"], mar["material_conflict"], mar["net_cooperation"]) == (1, 1, 0)
    assert mar["net_goldstein"] == -3.0
    # the three modes differ where they should: 1 per code and day, 1 per merged group, every mention
    jan_events = {m: _get(rows, source="FRA", target="RUS", period=dt.date(2024, 1, 1))["events"]
                  for m, rows in by_mode.items()}
    assert jan_events == {"daily": 2, "merged": 3, "mentions": 4}
    assert all(_get(rows, source="FRA", target="RUS", period=dt.date(2024, 1, 1))["mentions"] == 4
               for rows in by_mode.values())


def test_since_until_extend_the_series_and_long_form(small):
    with Store(small, read_only=True) as st:
        rows = counts(st, by=[], every="month", since="2023-12-15", until="2024-04-30", dedup="mentions")
    assert not rows.wide and {r["period"].isoformat() for r in rows} == {
        "2023-12-01", "2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01"}
    assert len(rows) == 5 * 5  # five months x five quad classes (0 neutral .. 4), zeros included
    assert sum(r["events"] for r in rows) == len(EVENTS)
    jan3 = _get(rows, period=rows[5]["period"], **{"class": 3})
    assert jan3["class_name"] == "verbal_conflict" and jan3["events"] == 4 and jan3["net_cooperation"] == -4


def test_undirected_merges_both_directions(small):
    with Store(small, read_only=True) as st:
        directed = counts(st, by=["dyad"], every="none", wide=True)
        undirected = counts(st, by=["dyad"], every="none", wide=True, undirected=True)
    assert [(r["source"], r["target"], r["events"]) for r in directed] == [("FRA", "RUS", 2), ("RUS", "FRA", 2)]
    assert [(r["actor_a"], r["actor_b"], r["events"]) for r in undirected] == [("FRA", "RUS", 4)]


def test_actor_counts_each_side_and_other_groups(small):
    with Store(small, read_only=True) as st:
        actor = counts(st, by=["actor"], every="none", wide=True, dedup="mentions")
        country = counts(st, by=["country", "sector"], every="year", wide=True, dedup="mentions")
        cameo = counts(st, by=["cameo"], every="none", wide=True, dedup="mentions")
        outlet_story = counts(st, by=["quad", "story"], every="none", wide=True)
    assert {r["actor"]: r["events"] for r in actor} == {"FRA": 6, "RUS": 6}
    assert {(r["country"], r["sector"]): r["events"] for r in country} == {("FRA", "GOV"): 4, ("RUS", "GOV"): 2}
    assert {r["cameo_root"]: r["events"] for r in cameo} == {"04": 1, "11": 4, "16": 1}
    assert sum(r["events"] for r in outlet_story) == 4


def test_phoenix_and_icews_differ_on_16(small):
    with Store(small, read_only=True) as st:
        ph = counts(st, by=["dyad"], every="none", wide=True, classes="phoenix", since="2024-03-01")
        ic = counts(st, by=["dyad"], every="none", wide=True, classes="icews", since="2024-03-01")
        by_five = counts(st, by=["five"], every="none", wide=True, classes="icews", dedup="mentions")
    p, i = _get(ph, source="RUS", target="FRA"), _get(ic, source="RUS", target="FRA")
    assert (p["verbal_conflict"], p["material_conflict"]) == (1, 0)
    assert (i["verbal_conflict"], i["material_conflict"]) == (0, 1)
    assert p["verbal_cooperation"] == i["verbal_cooperation"] == 1 and "statements_appeals" in p
    assert {r["five_class"]: r["events"] for r in by_five} == {1: 1, 3: 4, 4: 1}
    assert aggregate.PHOENIX[16] == 3 and aggregate.ICEWS[16] == 4
    assert all(aggregate.PHOENIX[r] == aggregate.ICEWS[r] for r in range(1, 21) if r != 16)


def test_bad_arguments(small):
    with Store(small, read_only=True) as st:
        assert len(counts(st, every="day", wide=True, max_rows=200)) == 2 * 66  # two dyads, 2024-01-05..03-10
        with pytest.raises(ValueError, match="more than"):
            counts(st, every="day", max_rows=200)
        for kw in ({"by": ["nope"]}, {"every": "hour"}, {"dedup": "x"}, {"classes": "x"}, {"since": "2024-13-01"},
                   {"since": "2024-05-01", "until": "2024-01-01"}):
            with pytest.raises(ValueError):
                counts(st, **kw)


def test_real_store_sums_agree(demo):
    with Store(demo, read_only=True) as st:
        total = st.con.execute("SELECT count(*) FROM events").fetchone()[0]
        weekly = counts(st, by=["dyad"], every="week", dedup="mentions", wide=True)
        flat = counts(st, by=[], every="none", dedup="mentions", wide=True)
        daily = counts(st, by=[], every="none", wide=True)
        merged = counts(st, by=[], every="none", dedup="merged", wide=True)
        groups = st.con.execute("SELECT count(DISTINCT coalesce(CAST(group_id AS VARCHAR), id)) FROM events"
                                ).fetchone()[0]
        by_quad = counts(st, by=["quad"], every="month", dedup="mentions")
    assert flat[0]["events"] == flat[0]["mentions"] == total
    assert sum(r["events"] for r in weekly) + weekly.undated == total
    assert merged[0]["events"] == groups <= total and daily[0]["events"] <= total
    assert all(sum(r[n] for n in aggregate.CLASS_NAMES["quad"].values()) == r["events"] for r in weekly)
    # zero-filled: every dyad has every week from the first to the last
    weeks = sorted({r["period"] for r in weekly})
    assert all((b - a).days == 7 for a, b in zip(weeks, weeks[1:]))
    dyads = {(r["source"], r["target"]) for r in weekly}
    assert len(weekly) == len(weeks) * len(dyads)
    assert any(r["events"] == 0 for r in weekly)
    # long form: a quad row's events are only its class
    assert all(r["events"] == 0 for r in by_quad if r["quad"] != r["class"])


def test_cli_formats_and_header(small, tmp_path):
    r = CliRunner().invoke(main, ["counts", "--db", small, "--format", "csv", "--wide", "--every", "month"])
    assert r.exit_code == 0, r.output
    assert r.stderr.startswith("# counts: dedup=daily every=month classes=quad by=dyad wide")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert len(rows) == 6 and {"source", "target", "period", "events", "verbal_conflict", "net_cooperation"} <= set(rows[0])
    r = CliRunner().invoke(main, ["counts", "--db", small, "--format", "jsonl", "--by", "dyad", "--by", "quad",
                                  "--every", "none", "--dedup", "merged", "--undirected", "--actor", "FRA"])
    assert r.exit_code == 0, r.output
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert "dedup=merged" in r.stderr and sum(x["events"] for x in lines) == 5
    assert all(type(x[k]) is int for x in lines for k in ("events", "mentions", "articles", "outlets"))
    r = CliRunner().invoke(main, ["counts", "--db", small, "--format", "jsonl", "--every", "year"])
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert lines and all(type(x[k]) is int for x in lines for k in ("events", "mentions", "net_cooperation"))
    assert all(type(x["goldstein_sum"]) is float for x in lines)
    out = tmp_path / "c.parquet"
    r = CliRunner().invoke(main, ["counts", "--db", small, "--format", "parquet", "-o", str(out), "--every", "week",
                                  "--classes", "phoenix", "--since", "2024-01-01", "--until", "2024-01-31"])
    assert r.exit_code == 0, r.output
    import pyarrow.parquet as pq

    t = pq.read_table(out)
    assert "statements_appeals" in set(t.column("class_name").to_pylist())
    r = CliRunner().invoke(main, ["counts", "--db", small, "--by", "actor", "--wide"])
    assert r.exit_code == 0 and "FRA" in r.stdout and "dedup=daily" in r.stderr
    r = CliRunner().invoke(main, ["counts", "--db", small, "--since", "2024-02-30"])
    assert r.exit_code == 2 and "since" in r.stderr


def test_api_counts(demo, small):
    pytest.importorskip("httpx")
    from fastapi.testclient import TestClient

    from diurna.serve import create_app

    client = TestClient(create_app(small, cache_size=0))
    r = client.get("/api/counts", params={"by": "dyad", "every": "month", "wide": "true", "dedup": "mentions"})
    assert r.status_code == 200
    body = r.json()
    assert body["dedup"] == "mentions" and body["every"] == "month" and len(body["items"]) == 6
    assert sum(x["events"] for x in body["items"]) == len(EVENTS)
    r = client.get("/api/counts", params=[("by", "actor"), ("by", "quad"), ("every", "none"), ("classes", "icews")])
    assert r.status_code == 200 and r.json()["classes"] == "icews"
    r = client.get("/api/counts", params={"format": "csv", "every": "quarter", "undirected": "true"})
    assert r.status_code == 200 and r.text.startswith("actor_a,actor_b,period,class")
    r = client.get("/api/counts", params={"format": "parquet", "by": "place"})
    assert r.status_code == 200 and r.content[:4] == b"PAR1"
    for params in ({"by": "nope"}, {"every": "hour"}, {"dedup": "all"}, {"classes": "cameo"},
                   {"since": "2024-13-01"}, {"since": "2024-05-01", "until": "2024-01-01"}, {"unit": "hour"}):
        r = client.get("/api/counts", params=params)
        assert r.status_code == 422, params
        assert r.json()["detail"]
    r = client.get("/api/counts", params={"every": "day", "since": "1900-01-01", "until": "2024-12-31"})
    assert r.status_code == 422 and "more than" in r.json()["detail"]
    # the chart's series stays as it was
    legacy = TestClient(create_app(demo, cache_size=0)).get("/api/counts", params={"unit": "week"}).json()
    assert "periods" in legacy and "undated" in legacy
