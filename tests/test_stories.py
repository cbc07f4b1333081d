"""Event mentions merged, articles grouped into stories and storylines."""

from diurna import stories
from diurna.pipeline import Settings, run
from diurna.store import Store


def test_seeds_five_stories_one_storyline(seeds_dir, tmp_path):
    db = tmp_path / "s.duckdb"
    run([str(seeds_dir)], Settings(db=str(db)))
    with Store(db, read_only=True) as st:
        rows = stories.list_stories(st)
    assert len(rows) == 5 and len({r["storyline"] for r in rows}) == 1
    assert [str(r["first"])[:4] for r in rows] == ["2011", "2013", "2016", "2016", "2017"]


def test_examples_mentions_copies_and_reruns(tmp_path):
    from conftest import EXAMPLES

    db = tmp_path / "e.duckdb"
    run([str(EXAMPLES)], Settings(db=str(db)))
    with Store(db, read_only=True) as st:
        n_groups = st.query("SELECT count(*) AS n FROM event_groups")[0]["n"]
        n_events = st.query("SELECT count(*) AS n FROM events")[0]["n"]
        ungrouped = st.query("SELECT count(*) AS n FROM events WHERE group_id IS NULL")[0]["n"]
        # the Geneva article's exact copy in wire.jsonl gives it its date
        copy = st.query("SELECT published, published_source FROM articles WHERE origin LIKE '%03-geneva-talks.txt'")[0]
        lines = {r["storyline"] for r in stories.list_stories(st)}
    assert ungrouped == 0 and 0 < n_groups <= n_events
    assert (str(copy["published"]), copy["published_source"]) == ("2024-03-05", "copy")
    assert len(lines) == 1  # one storyline: the Qaryat resolution
    run([str(EXAMPLES)], Settings(db=str(db)))  # nothing new: nothing moves
    with Store(db, read_only=True) as st:
        assert st.query("SELECT count(*) AS n FROM event_groups")[0]["n"] == n_groups


def test_trimmed_undated_repost_joins_its_story_later_and_takes_its_date(seeds_dir, tmp_path):
    """Outlets trim wire copy from the bottom and drop the dateline: such a
    repost, undated and added in a later run, joins the story of the full
    report without anything else moving, and takes (with its events) the
    story's date."""
    import json
    import re

    paras = [p for p in (seeds_dir / "002_680b14d57a4e90ad.txt").read_text().split("\n\n") if p.strip()]
    full = tmp_path / "full.jsonl"
    full.write_text(json.dumps({"id": "full", "published": "2013-09-16", "title": paras[0],
                                "text": "\n\n".join(paras[1:])}) + "\n")
    day = re.compile(r"\b(Sept?\.?|September|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
    trimmed = tmp_path / "repost.txt"
    trimmed.write_text("\n\n".join(p for p in paras[:15] if not day.search(p)))
    db = tmp_path / "b.duckdb"
    run([str(full), str(seeds_dir / "004_07c0c039424cdcd0.txt")], Settings(db=str(db)))
    with Store(db, read_only=True) as st:
        before = {r["origin"]: r["story_id"] for r in st.query("SELECT origin, story_id FROM articles")}
    run([str(trimmed)], Settings(db=str(db)))
    with Store(db, read_only=True) as st:
        rows = {r["origin"]: r for r in st.query("SELECT origin, story_id, published, published_source FROM articles")}
        moved = st.query("""SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id
                            WHERE a.origin = ? AND e.date_source = 'story' AND e.date = DATE '2013-09-16'""",
                         [str(trimmed)])[0]["n"]
    assert {o: rows[o]["story_id"] for o in before} == before  # nothing recomputed
    new = rows[str(trimmed)]
    assert new["story_id"] == before[f"{full}#full"]
    assert (str(new["published"]), new["published_source"]) == ("2013-09-16", "story")
    assert moved > 0


def test_update_on_a_large_store_touches_only_what_is_new(tmp_path):
    """On a store of many (synthetic) articles already in stories, the update
    after a run places the new articles and their mentions and changes
    nothing else but the stories they join."""
    from conftest import EXAMPLES

    from diurna.evaluation.bench import synthetic_store

    template = tmp_path / "t.duckdb"
    run([str(EXAMPLES)], Settings(db=str(template)))
    db = tmp_path / "big.duckdb"
    counts = synthetic_store(str(db), str(template), 3000, new=40)
    assert counts["articles"] >= 3000 and counts["new"] == 40

    def state(st):
        return ({r[0]: r[1:] for r in st.con.execute(
                    "SELECT id, story_id, published, published_source FROM articles").fetchall()},
                {r[0]: r[1:] for r in st.con.execute("SELECT id, group_id, date FROM events").fetchall()},
                {r[0]: r[1:] for r in st.con.execute(
                    "SELECT id, first, last, n_articles, title FROM stories").fetchall()},
                {r[0]: r[1:] for r in st.con.execute(
                    "SELECT id, n_mentions, n_articles, n_sources FROM event_groups").fetchall()},
                {r[0] for r in st.con.execute("SELECT DISTINCT article_id FROM article_features").fetchall()})

    with Store(db) as st:
        arts, evs, sts, groups, featured = state(st)
        new = {a for a, (sid, *_rest) in arts.items() if sid is None}
        r = stories.update(st)
        arts2, evs2, sts2, groups2, featured2 = state(st)
        again = stories.update(st)
    new_canonical = {a for a in new if arts2[a][0] is not None}
    assert r["articles_placed"] == len(new_canonical) == 40 and again["articles_placed"] == 0
    assert {a: v for a, v in arts2.items() if a not in new} == {a: v for a, v in arts.items() if a not in new}
    assert featured2 - featured == new_canonical
    # events: the old ones keep their group; only the new ones were placed
    new_events = {e for e, (g, _d) in evs.items() if g is None}
    assert new_events and all(evs2[e][0] is not None for e in new_events)
    assert all(evs2[e] == v for e, v in evs.items() if e not in new_events)
    # stories and groups: only those that received new articles or mentions changed
    joined = {arts2[a][0] for a in new_canonical}
    assert {s for s in sts2 if sts2[s] != sts.get(s)} <= joined
    regrouped = {evs2[e][0] for e in new_events}
    assert {g for g in groups2 if groups2[g] != groups.get(g)} <= regrouped
