"""Publication dates inferred from text: invented sentences, then the seeds."""

import datetime as dt

import pytest

from diurna.nlp import flatten
from diurna.time.pubdate import infer_publication_date


def infer(nlp, text, extra=()):
    return infer_publication_date(text, flatten(nlp(text)), list(extra))


def test_office_terms_bound_the_date(nlp):
    r = infer(nlp, "U.S. Secretary of State Rex Tillerson met French Foreign Minister Jean-Marc Ayrault in Paris.")
    assert (r.earliest, r.latest) == ("2017-02-01", "2017-05-17")
    assert {e.kind for e in r.evidence} == {"office"}
    # "former" is not a tenure clue
    r = infer(nlp, "Former Secretary of State John Kerry criticised the plan on Monday.")
    assert r.earliest is None and r.latest is None


def test_one_wrong_clue_does_not_empty_the_interval(nlp):
    text = ("Secretary of State John Kerry and British Foreign Secretary William Hague spoke in London. "
            "The agreement was signed in 1998. Officials said Prime Minister Theresa May agreed.")
    r = infer(nlp, text)
    # Kerry (2013-2017) and Hague (2010-2014) agree; May as prime minister (2016-2019) contradicts them
    assert r.earliest == "2013-02-01" and r.latest == "2014-07-14"
    rejected = [e for e in r.evidence if not e.used]
    assert any("Theresa May" in e.note for e in rejected)


def test_weekday_and_yearless_date_agree(nlp):
    text = ("Foreign ministers met in Geneva on Monday, Sept. 16, to discuss the resolution. "
            "U.N. chief Ban Ki-moon said the inspectors' report was clear.")
    r = infer(nlp, text)
    # Ban Ki-moon's term (2007-2016): Sept. 16 is a Monday only in 2013 and 2019; 2019 is outside
    assert r.best == "2013-09-16"
    assert any(e.kind == "weekday" for e in r.evidence)


def test_deadline_and_conflict_age(nlp):
    r = infer(nlp, "The weapons must be destroyed by mid-2014, officials said of the three-year conflict in Syria.")
    assert r.latest <= "2014-09-30"
    assert any(e.kind == "conflict" for e in r.evidence)
    assert r.earliest >= "2013-03-15"


# true publication days, from the events the seeds report (see docs/architecture.md)
SEED_DATES = {"000": "2017-04-06", "001": "2016-10-05", "002": "2013-09-16", "003": "2011-07-07",
              "004": "2016-05-02"}


def test_seeds_dated_from_text_alone(seeds_dir, nlp):
    from diurna.ingest import read
    from diurna.nlp import parse
    from diurna.records import Article
    from diurna.time.pubdate import date_article

    arts = [a for a in read([str(seeds_dir)]) if isinstance(a, Article)]
    widths = {}
    for pa in parse(arts, nlp=nlp):
        a = pa.article
        key = a.origin.rsplit("/", 1)[-1][:3]
        r = date_article(a, pa.sentences)
        assert a.published_source == "inferred"
        true = dt.date.fromisoformat(SEED_DATES[key])
        assert dt.date.fromisoformat(r.earliest) <= true <= dt.date.fromisoformat(r.latest), (key, r)
        widths[key] = r.width_days
        if key == "002":
            assert r.best == "2013-09-16"
    # six months at most, except 003 (only Juppe's 2011-2012 tenure bounds it: 443 days)
    assert all(w <= 183 for k, w in widths.items() if k != "003"), widths
