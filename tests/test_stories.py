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
