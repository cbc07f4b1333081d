"""Timelines: date selection, sentence choice, filters, JSON and HTML (the scorer: test_evaluation.py)."""

import datetime as dt
import json

import pytest
from click.testing import CliRunner

from diurna import timeline
from diurna.cli import main
from diurna.pipeline import Settings, run
from diurna.store import Store


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory):
    from conftest import EXAMPLES

    db = tmp_path_factory.mktemp("tl") / "ex.duckdb"
    run([str(EXAMPLES)], Settings(db=str(db)))
    return str(db)


def test_dates_and_sentences_as_asked(examples_db):
    with Store(examples_db, read_only=True) as st:
        tl = timeline.build(st, dates=4, sentences=2)
        every = timeline.build(st, sentences=1)
    assert len(tl) == 4
    assert [e["date"] for e in tl] == sorted(e["date"] for e in tl)
    for e in tl:
        assert 1 <= len(e["sentences"]) <= 2
        assert len(set(e["sentences"])) == len(e["sentences"])
        # every sentence comes with the article it was taken from
        given = sorted(i for a in e["articles"] for i in a["sentences"])
        assert given == list(range(len(e["sentences"])))
    # no sentence twice in one timeline
    sents = [s for e in tl for s in e["sentences"]]
    assert len(sents) == len(set(sents))
    # without --dates: every date with a sentence, the undated events last
    assert len(every) > 4 and every[-1]["date"] is None
    assert all(len(e["sentences"]) == 1 for e in every)


def test_dates_ranked_by_how_articles_name_them(tmp_path):
    arts = [
        ("2024-03-19", "Russia vetoed a UN Security Council resolution on aid to Qaryat on Tuesday, "
                       "diplomats said. China abstained in the vote."),
        ("2024-03-22", "Diplomats met in New York on Friday to discuss the next steps on aid deliveries to Qaryat. "
                       "The talks were described as constructive."),
        ("2024-03-27", "Aid agencies said conditions in Qaryat had worsened since Russia vetoed the resolution "
                       "on 19 March. Convoys have been turned back twice."),
        ("2024-04-02", "France will table a revised text, its envoy said, two weeks after the veto of 19 March "
                       "left the town without a UN mandate for aid."),
        ("2024-04-03", "The World Food Programme said it had enough stocks for a month."),
    ]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"a{i}", "published": d, "text": t}) + "\n"
                           for i, (d, t) in enumerate(arts)))
    db = tmp_path / "d.duckdb"
    run([str(src)], Settings(db=str(db)))
    with Store(db, read_only=True) as st:
        ranked = timeline.rank_dates(timeline._corpus(st, None))
        tl = timeline.build(st, dates=1, sentences=1)
    # the veto day is reported on the day and recalled twice later: first
    assert ranked[0] == dt.date(2024, 3, 19)
    assert tl[0]["date"] == "2024-03-19" and "veto" in tl[0]["sentences"][0]
    # a day only named by its own report beats a day only published on
    assert ranked.index(dt.date(2024, 3, 22)) < ranked.index(dt.date(2024, 4, 3))
    # the kinds of evidence, strongest first
    assert timeline.RECALL > timeline.REPORT > timeline.AHEAD >= timeline.PUBLISHED > 0


def test_filters(examples_db):
    with Store(examples_db, read_only=True) as st:
        since = timeline.build(st, dates=3, sentences=1, since="2024-04-01")
        until = timeline.build(st, dates=3, sentences=1, since="2024-01-01", until="2024-03-10")
        worded = timeline.build(st, dates=3, sentences=1, text="ceasefire")
        quad = timeline.build(st, dates=3, sentences=1, quad=4)
        story = st.query("SELECT story_id FROM articles WHERE story_id IS NOT NULL LIMIT 1")[0]["story_id"]
        in_story = timeline.build(st, dates=3, sentences=1, story=story)
        story_articles = {r["id"] for r in st.query("SELECT id FROM articles WHERE story_id = ?", [story])}
    assert since and all(e["date"] >= "2024-04-01" for e in since)
    assert until and all("2024-01-01" <= e["date"] <= "2024-03-10" for e in until)
    # a filter picks the events, and their articles are the timeline's sources
    assert worded and all(ev["sentence"] and "ceasefire" in ev["sentence"].lower() for e in worded for ev in e["events"])
    assert quad and all(ev["quad_class"] == 4 for e in quad for ev in e["events"])
    assert in_story and all(a["id"] in story_articles for e in in_story for a in e["articles"])


def test_cli_json_shape_and_html_report(examples_db, tmp_path):
    r = CliRunner().invoke(main, ["timeline", "--db", examples_db, "--format", "json", "--dates", "3",
                                  "--sentences", "1", "--actor", "RUS"])
    assert r.exit_code == 0, r.output
    tl = json.loads(r.output)
    assert len(tl) == 3
    for e in tl:
        assert set(e) == {"date", "sentences", "events", "articles"}
        dt.date.fromisoformat(e["date"])
        assert len(e["sentences"]) == 1 and all(isinstance(s, str) for s in e["sentences"])
    page_path = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["timeline", "--db", examples_db, "--dates", "5", "--sentences", "2",
                                  "--html", str(page_path)])
    assert r.exit_code == 0
    page = page_path.read_text()
    # the visual timeline, the events-per-week chart, and the map of places (all, then the ten busiest)
    assert page.count("<svg") == 4
    assert "aria-label='the dates of the timeline'" in page and "events per week by quad class" in page
    assert page.count("aria-label='map of where events happened'") == 2 and "<h2>Where</h2>" in page
    assert page.count("<a href='#d-") == 5 and page.count("<section class='date' id='d-") == 5
    assert "Who acts on whom" in page and "<script" not in page
    assert "class='src'>— " in page  # each sentence with its source article
