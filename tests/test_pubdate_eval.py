"""The publication-date benchmark: invented texts whose dates are known, then the shared collections."""

import datetime as dt

import pytest

from diurna.evaluation import pubdate as ev

from conftest import SHARED


def test_scores_of_invented_texts(nlp):
    docs = [
        # a weekday and a yearless date that agree, in a text bounded to a few years
        ev.Doc("a", "Secretary of State John Kerry met Foreign Minister Sergei Lavrov in Geneva on Monday, Sept. 16. "
                    "The talks continued on Monday.", dt.date(2013, 9, 16)),
        # only a year written: an interval open on one side
        ev.Doc("b", "The factory, which opened in 1998, closed its doors, workers said.", dt.date(2009, 5, 4)),
        # nothing to date it by
        ev.Doc("c", "The cat sat on the mat.", dt.date(2020, 1, 1)),
    ]
    results = ev.infer_all(docs, nlp)
    r = ev.score(docs, results)
    assert r["documents"] == 3
    assert r["any_interval"] == pytest.approx(2 / 3)
    assert r["contains"] == pytest.approx(2 / 3)  # both intervals hold the truth; the third has none
    assert results[0].best == "2013-09-16"
    assert r["exact"] > 0 and r["within"][7] >= r["exact"]
    assert r["kinds"]["weekday"] == pytest.approx(1 / 3)
    md = ev.markdown([dict(r, collection="AQUAINT", seconds=0.1, parsed=True)])
    assert "AQUAINT (held out)" in md and "| weekday |" in md


def test_score_counts_widths_and_errors():
    docs = [ev.Doc("x", "", dt.date(2012, 3, 10)), ev.Doc("y", "", dt.date(2012, 3, 10))]
    res = [ev.DateInference("2012-03-01", "2012-03-31", "2012-03-03", []),
           ev.DateInference("2012-04-01", "2012-04-30", "2012-04-15", [])]
    r = ev.score(docs, res)
    assert r["contains"] == 0.5 and r["median_width"] == 30.5
    assert r["exact"] == 0 and r["within"][7] == 0.5 and r["within"][365] == 1.0
    assert r["median_error"] == pytest.approx((7 + 36) / 2)


def test_collections_read_with_their_true_dates():
    root = SHARED / "data"
    if not (root / "tempeval3" / "TimeBank").is_dir() or not (root / "t17-syria-bbc").is_dir():
        pytest.skip("../shared/data is not present")
    tb = ev.read_collection(root, "TimeBank")
    assert len(tb) > 150 and all("<TIMEX3" not in d.text for d in tb)
    t17 = ev.read_collection(root, "t17")
    assert len(t17) > 250 and all(dt.date(2011, 1, 1) <= d.truth <= dt.date(2012, 12, 31) for d in t17)
    assert all("-LRB-" not in d.text for d in t17)
