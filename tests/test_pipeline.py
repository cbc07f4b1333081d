"""The whole path on real text: run, store, re-run, kill and resume."""

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from diurna import query
from diurna.pipeline import Settings, report_line, run
from diurna.store import SCHEMA_VERSION, Store


def _consistent(db):
    """Invariants a store must keep whatever happened to the writer."""
    con = duckdb.connect(str(db), read_only=True)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    try:
        assert one("SELECT count(*) FROM sentences s LEFT JOIN articles a ON a.id = s.article_id WHERE a.id IS NULL") == 0
        assert one("SELECT count(*) FROM events e LEFT JOIN articles a ON a.id = e.article_id WHERE a.id IS NULL") == 0
        assert one("""SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL AND a.n_sentences !=
                      (SELECT count(*) FROM sentences s WHERE s.article_id = a.id)""") == 0
        assert one("""SELECT count(*) FROM articles a WHERE a.duplicate_of IS NULL AND a.n_events !=
                      (SELECT count(*) FROM events e WHERE e.article_id = a.id)""") == 0
        assert one("SELECT count(*) - count(DISTINCT id) FROM events") == 0
        assert one("SELECT count(*) - count(DISTINCT content_hash) FROM articles WHERE duplicate_of IS NULL") == 0
        return one("SELECT count(*) FROM articles"), one("SELECT count(*) FROM events")
    finally:
        con.close()


def test_run_stores_and_rerun_adds_nothing(corpus, tmp_path):
    db = tmp_path / "d.duckdb"
    s1 = run([str(corpus)], Settings(db=str(db)))
    assert (s1.stored, s1.duplicates, s1.rejected) == (3, 0, 0)
    assert s1.sentences >= 9 and s1.events > 0
    counts = _consistent(db)
    s2 = run([str(corpus)], Settings(db=str(db)))
    assert (s2.stored, s2.skipped, s2.events) == (0, 3, 0)
    assert _consistent(db) == counts
    with Store(db, read_only=True) as st:
        assert st.version() == SCHEMA_VERSION
        arts = query.articles(st)
        assert {a["title"] for a in arts} == {"Ministers meet in Geneva over border crisis",
                                              "Council delays vote on draft resolution", "Aid groups warn of shortages"}
        evs = query.events(st)
        # every event points at its sentence, and the trigger lies inside it
        for e in evs:
            assert e["sentence_start"] <= e["trigger_start"] < e["trigger_end"] <= e["sentence_end"]
        stats = query.stats(st)
        assert stats["articles"] == 3 and stats["events"] == len(evs)


def test_copies_are_recorded_not_processed(corpus, tmp_path):
    other = tmp_path / "mirror"
    other.mkdir()
    (other / "b-copy.txt").write_text((corpus / "b.txt").read_text() + "\nRead more\n", encoding="utf-8")
    db = tmp_path / "d.duckdb"
    s = run([str(corpus), str(other)], Settings(db=str(db)))
    assert s.stored == 3 and s.duplicates == 1
    with Store(db, read_only=True) as st:
        rows = st.query("SELECT origin, duplicate_of, duplicate_kind, n_sentences FROM articles WHERE duplicate_of IS NOT NULL")
        (row,) = rows
        assert row["origin"].endswith("b-copy.txt") and row["duplicate_kind"] == "exact" and row["n_sentences"] is None
    _consistent(db)


def test_workers_give_the_same_events(corpus, tmp_path):
    a = run([str(corpus)], Settings(db=str(tmp_path / "one.duckdb")))
    b = run([str(corpus)], Settings(db=str(tmp_path / "two.duckdb"), workers=2, batch_size=1))
    assert (a.stored, a.events) == (b.stored, b.events)
    q = "SELECT id, cameo, source_code, target_code FROM events ORDER BY id"
    with Store(tmp_path / "one.duckdb", read_only=True) as s1, Store(tmp_path / "two.duckdb", read_only=True) as s2:
        assert s1.query(q) == s2.query(q)


def _has_schema(db) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'articles'").fetchall()[0][0] > 0
    finally:
        con.close()


def _kill_when(cmd, nth_line: int | None, marker: str = "batch written") -> bool:
    """Start ``cmd``; SIGKILL it when its ``nth_line``-th stderr line with
    ``marker`` appears (None: as soon as it has started). True if killed."""
    p = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        if nth_line is None:
            time.sleep(0.5)
        else:
            seen = 0
            for line in p.stderr:
                if marker in line:
                    seen += 1
                    if seen >= nth_line:
                        break
        killed = p.poll() is None
        p.send_signal(signal.SIGKILL)
        return killed
    finally:
        p.wait()
        p.stderr.close()


def _many(tmp_path, n=24):
    corpus = tmp_path / "many"
    corpus.mkdir()
    from conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C

    for i in range(n):
        text = [ARTICLE_A, ARTICLE_B, ARTICLE_C][i % 3]
        # distinct articles: a different closing paragraph each
        (corpus / f"{i:02d}.txt").write_text(
            text + f"\nOfficials said talks would resume in round {i} with {i + 2} delegations taking part "
                   f"and observers from {i + 3} countries present.\n", encoding="utf-8")
    return corpus


def test_killed_run_resumes_without_duplicates(tmp_path):
    """SIGKILL a real run at several points (while loading, after the first
    batch, mid-run, while stories are updated), each time on top of what the
    previous killed run left; the store stays consistent, and the run that
    finally completes holds every article and event once, as a fresh run does."""
    corpus = _many(tmp_path)
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "diurna", "run", str(corpus), "--db", str(db), "--batch-size", "2", "--log-batches"]
    counts = []
    for point in (None, 1, 3):
        assert _kill_when(cmd, point), f"run finished before the kill at {point}"
        if db.exists() and _has_schema(db):  # killed before its first migration committed: nothing to check
            counts.append(_consistent(db)[0])
    assert counts and counts[-1] < 24  # each kill left work undone
    _kill_when(cmd, 1, marker="batches done")  # killed (or finished) while stories are updated
    _consistent(db)
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    n_articles, n_events = _consistent(db)
    assert n_articles == 24
    fresh = tmp_path / "fresh.duckdb"
    run([str(corpus)], Settings(db=str(fresh)))
    assert _consistent(fresh) == (n_articles, n_events)
    q = "SELECT id, cameo, source_code, target_code, group_id IS NOT NULL AS merged FROM events ORDER BY id"
    with Store(db, read_only=True) as a, Store(fresh, read_only=True) as b:
        assert a.query(q) == b.query(q)
        # nothing the kills interrupted is left unplaced
        assert a.query("SELECT count(*) AS n FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL")[0]["n"] == 0


def test_growing_folder_processes_only_new_files(tmp_path):
    corpus = _many(tmp_path, n=6)
    db = tmp_path / "g.duckdb"
    first = run([str(corpus)], Settings(db=str(db)))
    assert (first.stored, first.skipped) == (6, 0)
    (corpus / "06.txt").write_text(
        "Envoys agree to reopen the northern crossing\n\nEnvoys from Chile and Ghana agreed in Vienna on Friday to "
        "reopen the northern crossing to trucks carrying food and medicine, a spokesman said.\n\nThe Chilean envoy "
        "thanked the Red Cross for its mediation.\n", encoding="utf-8")
    (corpus / "07.txt").write_text(
        "Protesters clash with police in the capital\n\nThousands of protesters marched on the parliament in "
        "Lima on Sunday and police fired tear gas to disperse them, witnesses said.\n\nThe interior minister "
        "blamed opposition leaders for the violence.\n", encoding="utf-8")
    second = run([str(corpus)], Settings(db=str(db)))
    assert (second.stored, second.skipped, second.duplicates) == (2, 6, 0)
    assert second.unchanged_files == 6  # the old files were not even read again
    assert _consistent(db)[0] == 8
    # a file changed in place is read again and its new text stored
    old = corpus / "00.txt"
    old.write_text(old.read_text(encoding="utf-8") + "\nLater, envoys from Peru and Fiji asked the council to meet "
                   "again in Nairobi next week to review the ceasefire.\n", encoding="utf-8")
    third = run([str(corpus)], Settings(db=str(db)))
    assert (third.stored, third.unchanged_files) == (1, 7)
    rescan = run([str(corpus)], Settings(db=str(db), rescan=True))
    assert (rescan.stored, rescan.skipped, rescan.unchanged_files) == (0, 8, 0)  # 8 files, all stored


def test_seeds_stored_once(seeds_dir, tmp_path):
    db = tmp_path / "seeds.duckdb"
    s = run([str(seeds_dir)], Settings(db=str(db)))
    assert (s.stored, s.rejected, s.duplicates) == (5, 0, 0)
    again = run([str(seeds_dir)], Settings(db=str(db)))
    assert (again.stored, again.skipped) == (0, 5)
    with Store(db, read_only=True) as st:
        texts = {r["origin"].rsplit("/", 1)[1][:3]: r["text"] for r in st.query("SELECT origin, text FROM articles")}
    assert "Also Read" not in texts["000"] and "Post a Comment" not in texts["001"]
    assert "Contribute Today" not in texts["003"] and "Leave a Reply" not in texts["004"]
    assert "Earlier Wednesday, Russia rejected a draft resolution" in texts["000"]
    assert "Hama is where Assad's father nearly 30 years ago" in texts["003"]


def test_sample_corpus(tmp_path):
    """examples/ (the demo corpus): 16 inputs, 14 articles, one exact and one
    near duplicate, dates from JSONL and HTML metadata kept."""
    from conftest import EXAMPLES

    db = tmp_path / "ex.duckdb"
    s = run([str(EXAMPLES)], Settings(db=str(db)))
    assert (s.stored, s.duplicates, s.rejected) == (14, 2, 0)
    _consistent(db)
    with Store(db, read_only=True) as st:
        arts = {a["origin"].split("examples/")[-1]: a for a in query.articles(st)}
        by_id = {a["id"]: k for k, a in arts.items()}
    assert arts["wire.jsonl#wire-0305"]["duplicate_kind"] == "exact"
    assert by_id[arts["wire.jsonl#wire-0305"]["duplicate_of"]] == "txt/03-geneva-talks.txt"
    assert arts["txt/06-vetoed-copy.txt"]["duplicate_kind"] == "near"
    assert by_id[arts["txt/06-vetoed-copy.txt"]["duplicate_of"]] == "txt/04-vetoed.txt"
    assert str(arts["html/07-convoy-attacked.html"]["published"]) == "2024-02-14"
    assert str(arts["html/09-new-draft.html"]["published"]) == "2024-04-22"
    # no date in the page: inferred from the text ("a procedure adopted in 2022"), flagged as such
    undated = arts["html/08-after-veto.html"]
    assert undated["published_source"] == "inferred" and str(undated["published"]) >= "2022-01-01"
    assert arts["txt/02-veto-threat.txt"]["title"] == "Russia Threatens Veto Over Qaryat Aid Draft"
    assert arts["txt/03-geneva-talks.txt"]["title"] is None
    # page furniture never reaches the clean text
    for a in arts.values():
        for junk in ("cookie", "Subscribe", "Advertisement", "Comments (", "Most read", "reader_2291"):
            assert junk not in (a["text"] or ""), (a["origin"], junk)


@pytest.mark.parametrize("name", ["c.txt", "c#1.txt"])
def test_an_article_a_stage_fails_on_is_rejected_and_the_run_goes_on(corpus, tmp_path, name):
    """A stage raising on one article (a bug meeting unexpected text) costs
    that article only: one rejection line naming the stage, the rest stored,
    and the file is read again by the next run."""
    from diurna.events import get_coder, register

    @register("fails-on-running-short")
    class Fragile:
        def __init__(self):
            self.rules = get_coder("rules")

        def code(self, article, sentences):
            if "running short" in article.text:
                raise ValueError("unexpected text")
            return self.rules.code(article, sentences)

    (corpus / "c.txt").rename(corpus / name)  # a '#' in a name is no JSONL line
    db = tmp_path / "f.duckdb"
    heard = []
    s = run([str(corpus)], Settings(db=str(db), coder="fails-on-running-short"), on_reject=heard.append)
    assert (s.stored, s.rejected, s.failed) == (2, 1, 1)
    assert "1 rejected (1 failed in a stage, tried again next run)" in report_line(s)
    assert heard[0].origin.endswith(name) and "event coding: ValueError: unexpected text" in heard[0].reason
    _consistent(db)
    again = run([str(corpus)], Settings(db=str(db)))  # the file was not marked as read: tried again
    assert (again.stored, again.unchanged_files) == (1, 2)
    assert _consistent(db)[0] == 3


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_tune_malloc_is_taken_by_glibc():
    from diurna.pipeline import tune_malloc

    assert tune_malloc() is True
