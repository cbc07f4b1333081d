"""The evaluation package: the data root, the runner and its contract, the
shared metrics, and each evaluator's scoring on small cases (and on the
shared data when it is present)."""

import pytest
from click.testing import CliRunner

from diurna.cli import main
from diurna.evaluation import DataMissing, data, metrics, runner
from diurna.evaluation import events, quotes, timeline, timex

from conftest import REPO, SHARED


def shared(*parts):
    """The data root when it holds ``parts``, else skip."""
    try:
        return data.data_root(needs=parts)
    except DataMissing:
        pytest.skip(f"../shared/data/{'/'.join(parts)} is not present")


def test_metrics():
    assert metrics.prf(2, 4, 8) == (0.5, 0.25, pytest.approx(1 / 3))
    assert metrics.prf(0, 0, 3) == (0.0, 0.0, 0.0) and metrics.f1(3, 3, 3) == 1.0
    assert metrics.share(1, 0) == 0.0 and metrics.harmonic(0.0, 0.0) == 0.0
    assert metrics.percentile([], 0.5) is None and metrics.percentile([1, 2, 3, 10], 0.5) == 2.5


def test_data_root_setting_and_its_errors(tmp_path, monkeypatch):
    monkeypatch.delenv(data.DATA_ENV, raising=False)
    assert data.checkout() == REPO
    if (SHARED / "data").is_dir():
        assert data.data_root() == SHARED / "data"  # the default beside the checkout
    (tmp_path / "tempeval3").mkdir()
    monkeypatch.setenv(data.DATA_ENV, str(tmp_path))
    assert data.data_root(needs=("tempeval3",)) == tmp_path
    assert data.data_root(tmp_path / "tempeval3") == tmp_path / "tempeval3"  # --data before the setting
    with pytest.raises(DataMissing, match=r"no conflibert in .*\$DIURNA_DATA.*set DIURNA_DATA"):
        data.data_root(needs=("conflibert",))
    with pytest.raises(DataMissing, match="no evaluation data at .*nowhere.*--data"):
        data.data_root(tmp_path / "nowhere")
    monkeypatch.setattr(data, "checkout", lambda: None)  # as installed
    monkeypatch.delenv(data.DATA_ENV)
    with pytest.raises(DataMissing, match="installed.*set DIURNA_DATA"):
        data.data_root()
    with pytest.raises(DataMissing, match="set DIURNA_REPO"):
        data.repo_file("bench/places_gold.tsv")
    monkeypatch.setenv(data.REPO_ENV, str(REPO))
    assert data.repo_file("bench/places_gold.tsv").is_file()


def test_every_evaluator_has_the_contract():
    for name in runner.EVALUATORS:
        ev = runner.evaluator(name)
        assert ev.SPLITS and isinstance(ev.DATA, tuple), name
        assert callable(ev.evaluate) and callable(ev.markdown), name
    with pytest.raises(KeyError):
        runner.evaluator("nothing")


TML = """<?xml version="1.0" ?>
<TimeML><DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-03-02" functionInDocument="CREATION_TIME">03/02/1998</TIMEX3></DCT>
<TEXT>Talks resumed <TIMEX3 tid="t1" type="DATE" value="1998-03-01">yesterday</TIMEX3> and end
<TIMEX3 tid="t2" type="DATE" value="1998-03-06">on Friday</TIMEX3>.</TEXT></TimeML>
"""


def test_runner_scores_writes_the_section_and_cli_says_what_to_set(tmp_path):
    (tmp_path / "tempeval3" / "Mini").mkdir(parents=True)
    (tmp_path / "tempeval3" / "Mini" / "a.tml").write_text(TML, encoding="utf-8")
    (r,) = runner.evaluate("timex", tmp_path, ["Mini"], parse=False)
    assert (r["split"], r["files"], r["gold"]) == ("Mini", 1, 2) and r["relaxed_f1"] > 0
    out = tmp_path / "b.md"
    md = runner.run("timex", tmp_path, ["Mini"], out, parse=False)
    assert md.startswith("## Time expressions") and "| Mini (no parse) | 1 | 2 |" in md
    assert "<!-- bench:timex -->" in out.read_text()
    res = CliRunner().invoke(main, ["eval", "timex", "--data", str(tmp_path), "--split", "Mini", "--no-parse",
                                    "-o", str(out)])
    assert res.exit_code == 0 and "| Mini (no parse) |" in res.output
    res = CliRunner().invoke(main, ["eval", "events", "--data", str(tmp_path), "-o", str(out)])
    assert res.exit_code == 2 and "no conflibert in" in res.output and "DIURNA_DATA" in res.output


def test_tempeval_timebank_subset():
    r = timex.evaluate(shared("tempeval3"), "TimeBank", parse=False, limit=60)
    # measured without a parse on these 60 files: relaxed F1 ~0.9, value accuracy ~0.8
    assert r["relaxed_f1"] > 0.85 and r["value_acc"] > 0.72


def test_event_detokenize_and_coordination():
    toks = "Theresa May ’ s offer to the rebel - held town ( NAF ) cost $ 1 . 5 billion , 1 , 044 men .".split()
    text, offs = events.detokenize(toks)
    assert text == "Theresa May’s offer to the rebel-held town (NAF) cost $1.5 billion, 1,044 men."
    assert all(text[a:b] == t for t, (a, b) in zip(toks, offs))
    toks = "Canada and the United Kingdom agreed".split()
    assert events.coordinations_as_gold([(0, 1), (2, 5)], [(0, 5)], toks) == [(0, 5)]
    assert events.coordinations_as_gold([(0, 1), (2, 5)], [(0, 1), (2, 5)], toks) == [(0, 1), (2, 5)]


def test_quote_learning_reads_only_the_dev_split():
    polnear = shared("polnear-dev") / "polnear-dev"
    names = [n for n, _, _ in quotes.read_gold(polnear, "dev")]
    assert names and all(quotes.split_of(n) == "dev" for n in names)


def test_timeline_scorer():
    assert timeline.porter("killed") == "kill" and timeline.porter("relational") == "relat"
    assert timeline.tokens("The Observers' report") == ["the", "observers", "report"]
    assert timeline.tokens("The Observers' report", strict=True) == ["observ", "report"]
    gold = {"2012-05-25": ["UN observers confirmed that 108 people were killed."],
            "2012-07-18": ["The defence minister was killed in a bomb attack."]}
    perfect = timeline.score(gold, gold)
    assert all(v == pytest.approx(1.0) for v in perfect.values())
    shifted = {"2012-05-26": gold["2012-05-25"], "2012-07-18": gold["2012-07-18"]}
    s = timeline.score(shifted, gold)
    assert s["date_f1"] == pytest.approx(0.5) and s["rouge1"] == pytest.approx(1.0)
    # agreement gives a day off nothing, alignment half (1 / (1 day + 1))
    assert s["rouge1_aligned"] < s["rouge1_align_m1"] < 1.0


def test_t17_gold_and_baseline():
    t17 = shared("t17-syria-bbc/timelines/tl1.txt") / "t17-syria-bbc"
    gold = timeline.read_gold(t17 / "timelines" / "tl1.txt")
    assert len(gold) == 13 and sum(len(v) for v in gold.values()) == 31
    # this scorer gives the published baseline's figures back (0.412 / 0.088)
    base = timeline.score(timeline.baseline(t17, 13, 2), gold)
    assert base["date_f1"] == 0.0
    assert base["rouge1"] == pytest.approx(0.412, abs=0.01) and base["rouge2"] == pytest.approx(0.088, abs=0.01)
