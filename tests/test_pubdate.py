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
    text = ("Secretary of State John Kerry, French Foreign Minister Laurent Fabius and British Foreign "
            "Secretary William Hague spoke in London. The agreement was signed in 1998. Officials said "
            "Prime Minister Theresa May agreed.")
    r = infer(nlp, text)
    # Kerry (2013-2017), Fabius (2012-2016) and Hague (2010-2014) agree; May as prime minister
    # (2016-2019) contradicts them
    assert r.earliest == "2013-02-01" and r.latest == "2014-07-14"
    rejected = [e for e in r.evidence if not e.used]
    assert any("Theresa May" in e.note for e in rejected)


def test_equally_supported_dates_widen_the_interval(nlp):
    # Kerry with Hague (2013-2014) or Kerry with May (2016-2017): nothing decides, so both stay
    text = ("Secretary of State John Kerry and British Foreign Secretary William Hague spoke in London. "
            "Officials said Prime Minister Theresa May agreed.")
    r = infer(nlp, text)
    assert r.earliest == "2013-02-01" and r.latest == "2017-01-20"


def test_conflict_months_and_anniversaries(nlp):
    r = infer(nlp, "Syrian troops shelled Homs as the 16-month uprising against President Assad's rule went on.")
    ev = [e for e in r.evidence if e.kind == "conflict"]
    assert ev and ev[0].earliest == "2012-06-15" and ev[0].latest == "2012-08-15"
    r = infer(nlp, "Crowds marked the second anniversary of the uprising in Syria on Friday.")
    ev = [e for e in r.evidence if e.kind == "conflict"]
    assert ev and ev[0].earliest <= "2013-03-15" <= ev[0].latest
    assert (dt.date.fromisoformat(ev[0].latest) - dt.date.fromisoformat(ev[0].earliest)).days <= 100
    # a past clause names a time then, not the article's
    r = infer(nlp, "Hundreds were killed in the first month of the uprising in Syria, the report said.")
    assert not [e for e in r.evidence if e.kind == "conflict"]


def test_dated_events_past_ago_and_states(nlp):
    # a past event: the article comes after it
    r = infer(nlp, "Russia accused the West of exploiting the resolution that authorized military intervention in Libya.")
    assert r.earliest == "2011-03-17" and r.latest is None
    # "nearly 30 years ago" measures the distance to a dated event
    r = infer(nlp, "Hama is where his father nearly 30 years ago sent in troops to crush an Islamist uprising.")
    assert r.earliest == "2011-02-02" and r.latest == "2012-02-28"
    # a state that held when the article was written; its alternatives are the
    # periods such a draft was before the council, and a veto ends it
    r = infer(nlp, "Diplomats said the Security Council would vote on a British draft resolution on Syria next week.")
    ev = [e for e in r.evidence if e.kind == "event"]
    assert len(ev) > 3 and len({e.group for e in ev}) == 1
    r = infer(nlp, "Russia and China vetoed the draft resolution on Syria. The veto angered Western diplomats.")
    assert r.earliest == "2011-10-04" and r.latest is None


def test_incident_told_with_a_recent_day(nlp):
    # an incident in a clause with "earlier this week" happened days before the article;
    # Idlib has seen several chemical attacks: the office-holder picks the one
    text = ("A suspected chemical attack in Syria's Idlib province earlier this week killed at least 70 people, "
            "U.S. Secretary of State Rex Tillerson said.")
    r = infer(nlp, text)
    assert (r.earliest, r.latest) == ("2017-04-04", "2017-04-12")
    # the day of another act in the sentence does not date the attack
    r = infer(nlp, "Diplomats met on Wednesday to discuss a chemical attack in Idlib province.")
    assert all(e.latest is None for e in r.evidence if e.kind == "event")


def test_scheduled_event_still_ahead(nlp):
    # an election still ahead: within the year before one of them; Medvedev's presidency picks 2012
    text = "Ahead of the Russian presidential election, President Dmitry Medvedev said the West was meddling."
    r = infer(nlp, text)
    assert (r.earliest, r.latest) == ("2011-03-04", "2012-03-04")
    # said of a past election: no clue
    r = infer(nlp, "Putin won the Russian presidential election, officials said.")
    assert not [e for e in r.evidence if e.kind == "event"]


def test_security_council_members(nlp):
    text = ("France failed to convince South Africa, India and Brazil to vote for the draft, "
            "leaving it short of the nine votes it needs in the Security Council.")
    r = infer(nlp, text)
    # Brazil sat on the council in 2010-2011, India and South Africa in 2011-2012
    assert (r.earliest, r.latest) == ("2011-01-01", "2011-12-31")
    assert {e.kind for e in r.evidence if e.used} == {"member"}
    # a country named outside a vote is no clue
    r = infer(nlp, "Brazil and India signed a trade deal; the Security Council did not meet.")
    assert not [e for e in r.evidence if e.kind == "member"]


def test_weekday_and_yearless_date_agree(nlp):
    text = ("Foreign ministers met in Geneva on Monday, Sept. 16, to discuss the resolution. "
            "U.N. chief Ban Ki-moon said the inspectors' report was clear.")
    r = infer(nlp, text)
    # Ban Ki-moon's term (2007-2016): Sept. 16 is a Monday only in 2013 and 2019; 2019 is outside
    assert r.best == "2013-09-16"
    assert any(e.kind == "weekday" for e in r.evidence)


def test_month_without_year_is_the_latest_such_month(nlp):
    # "in March" is written until March comes round again (here: January 2012)
    text = ("French Foreign Minister Alain Juppe and U.S. Secretary of State Hillary Clinton said the crackdown "
            "that began in March had to stop.")
    r = infer(nlp, text)
    ev = [e for e in r.evidence if e.kind == "yearless"]
    assert ev and ev[0].earliest == "2011-03-01" and ev[0].latest >= "2012-02-01"
    assert r.earliest == "2011-03-01" and r.latest >= "2012-01-15"


def test_conflict_ages_beyond_syria(nlp):
    r = infer(nlp, "The 14-year Kurdish insurgency in southeastern Turkey has killed thousands.")
    ev = [e for e in r.evidence if e.kind == "conflict"]
    assert ev and ev[0].earliest == "1997-08-15" and ev[0].latest == "1999-08-15"
    # a war's whole length, told after it ended
    r = infer(nlp, "The accord ended the 30-year conflict in Northern Ireland.")
    assert r.earliest == "1998-04-10" and r.latest is None


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
    print("seed intervals (days):", widths)
    # six months at most: 003 needs the Security Council's members and the draft resolution before its vote
    assert all(w <= 183 for w in widths.values()), widths


def test_half_open_interval_claims_no_day(nlp):
    # a tenure still running bounds the article on one side only: no best day is made up
    r = infer(nlp, "UN Secretary-General Antonio Guterres urged both sides to return to talks.")
    assert r.earliest and r.latest is None
    assert r.best is None
    # a draft on Syria still to be voted on, with nothing else: the knowledge base cannot list
    # drafts written after it, so the interval stays open and no day is claimed
    r = infer(nlp, "France circulated a draft Security Council resolution on aid to Syria's besieged towns.")
    assert r.latest is None and r.best is None


def test_time_stamps_bound_from_above_and_give_the_day(nlp):
    text = ("Protesters marched through the city on Friday after the ban on rallies was lifted in 1998.\n"
            "12 March 2012 Last updated at 14:05 GMT\n"
            "14th March 2012 - 09:12 Readers' comment: the marches must go on.")
    r = infer(nlp, text)
    stamps = [e for e in r.evidence if e.kind == "stamp"]
    assert {e.latest for e in stamps} == {"2012-03-12", "2012-03-14"}
    assert r.latest == "2012-03-12" and r.best == "2012-03-12"
    r = infer(nlp, "The shelling went on, residents said.\nAt 18:03 2nd Mar 2012, a reader wrote: the world watches.")
    assert [e.latest for e in r.evidence if e.kind == "stamp"] == ["2012-03-02"]
    # a date with no clock time next to it is an ordinary date
    r = infer(nlp, "The talks ended on 12 March 2012 without agreement.")
    assert not [e for e in r.evidence if e.kind == "stamp"] and r.earliest == "2012-03-12"


def test_title_next_to_the_name_not_elsewhere(nlp):
    # "Prime Minister" is Thatcher's title; John Major is named without one here
    r = infer(nlp, "Prime Minister Margaret Thatcher praised Mr. Lawson's successor, John Major, on Monday.")
    notes = " ".join(e.note for e in r.evidence if e.kind == "office")
    assert "John Major head_of_government" not in notes
    assert r.earliest <= "1989-10-30" <= (r.latest or "9999")
    # a title the knowledge base does not list is no tenure clue
    r = infer(nlp, "Health Secretary Jeremy Hunt defended the plan.")
    assert not [e for e in r.evidence if e.kind == "office" and e.latest]
    # one it lists is: Major was Chancellor of the Exchequer for a year
    r = infer(nlp, "Chancellor of the Exchequer John Major defended the pound.")
    assert (r.earliest, r.latest) == ("1989-10-26", "1990-11-28")


def test_titles_of_people_with_several_offices_and_namesakes(nlp):
    # Albright was UN ambassador, then secretary of state: the title picks the term
    r = infer(nlp, "Secretary of State Madeleine Albright arrived in Cairo.")
    assert (r.earliest, r.latest) == ("1997-01-23", "2001-01-20")
    r = infer(nlp, "U.N. Ambassador Madeleine Albright arrived in Cairo.")
    assert (r.earliest, r.latest) == ("1993-02-01", "1997-01-21")
    # two presidents Bush: either term, nothing between or around them
    r = infer(nlp, "President Bush said the talks would go on.")
    ev = [e for e in r.evidence if e.kind == "office"]
    assert {(e.earliest, e.latest) for e in ev} == {("1989-01-20", "1993-01-20"), ("2001-01-20", "2009-01-20")}
    assert len({e.group for e in ev}) == 1
    # a vice president's title is not the president's
    r = infer(nlp, "Vice President George Bush met the Soviet leader.")
    assert (r.earliest, r.latest) == ("1981-01-20", "1989-01-20")
    # middle initials and "3d" as the New York Times wrote them
    r = infer(nlp, "Secretary of State James A. Baker 3d flew to Moscow.")
    assert (r.earliest, r.latest) == ("1989-01-25", "1992-08-23")
    # the title's country picks the person: Iraq's president, not Jordan's king
    r = infer(nlp, "Iraqi President Hussein rejected the plan.")
    assert r.earliest == "1979-07-16" and r.latest == "2003-04-09"
    r = infer(nlp, "Jordan's King Hussein rejected the plan.")
    assert r.earliest == "1952-08-11" and r.latest == "1999-02-07"
    # "former" is another person's title here
    r = infer(nlp, "Mr. Clinton's former chief of staff said President Clinton would veto the bill.")
    assert (r.earliest, r.latest) == ("1993-01-20", "2001-01-20")
    # a sentence that tells of the end of the term: the article may come after it
    r = infer(nlp, "Syrian Defence Minister Daoud Rajiha was killed in a bomb attack in Damascus.")
    ev = [e for e in r.evidence if e.kind == "office"]
    assert ev and ev[0].earliest == "2011-08-08" and ev[0].latest is None
    r = infer(nlp, "Egypt's ousted president, Hosni Mubarak, went on trial in Cairo.")
    assert not [e for e in r.evidence if e.kind == "office" and e.latest]
    # "then" before a title: the title then
    r = infer(nlp, "The idea was suggested by the then French Foreign Minister Alain Juppe.")
    assert not [e for e in r.evidence if e.kind == "office"]
    # a past office and a deputy's title are no tenure
    r = infer(nlp, "Former President Jimmy Carter and Deputy Prime Minister Tariq Aziz met in Baghdad.")
    assert not [e for e in r.evidence if e.kind == "office" and e.latest and e.latest < "1990-01-01"]
    # a listed person with a title of an office not listed for them: no clue
    r = infer(nlp, "Finance Minister Benjamin Netanyahu presented the budget.")
    assert not [e for e in r.evidence if e.kind == "office"]
    r = infer(nlp, "Justice Antonin Scalia wrote the dissent.")
    assert (r.earliest, r.latest) == ("1986-09-26", "2016-02-13")
    # abbreviated titles; a governor before his presidency
    r = infer(nlp, "Texas Gov. George W. Bush said he would cut taxes, and President Clinton disagreed.")
    assert (r.earliest, r.latest) == ("1995-01-17", "2000-12-21")
    r = infer(nlp, "Sen. John Kerry of Massachusetts questioned the plan.")
    assert (r.earliest, r.latest) == ("1985-01-03", "2013-02-01")
    # a leader named without an office is only a weak lower bound: a tenure outweighs it
    r = infer(nlp, "George W. Bush won the New Hampshire primary, and Vice President Al Gore won in Iowa.")
    assert (r.earliest, r.latest) == ("1995-01-17", "2001-01-20")
    # "President Assad": the father's term or the son's, and no day is claimed
    r = infer(nlp, "President Assad addressed the nation.")
    assert (r.earliest, r.latest) == ("1971-03-14", "2024-12-08") and r.best is None
    # an elected president not yet in office: before the term began
    r = infer(nlp, "President-elect Bill Clinton named his cabinet.")
    assert r.earliest >= "1992-09-01" and r.latest == "1993-01-20"


def test_title_told_at_a_written_past_date_is_the_title_then(nlp):
    r = infer(nlp, "In 1995, Prime Minister John Major called a leadership election.")
    assert not [e for e in r.evidence if e.kind == "office"]
    assert r.earliest == "1995-01-01" and r.latest is None


def test_officeholders_one_holder_per_office_at_a_time():
    """The knowledge base's single-holder offices never have two people at once
    (a typo in a date would), except where two really shared the office."""
    import itertools
    from diurna.kb import offices

    shared = {("KHM", "head_of_government"), ("PSE", "head_of_government")}  # co-premiers, rival governments
    single = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "finance_minister",
              "attorney_general", "central_bank_chair", "speaker", "deputy_head_of_state"}
    by_office = {}
    for o in offices():
        assert o.end is None or o.start <= o.end, o
        if o.country and o.role in single and (o.country, o.role) not in shared:
            by_office.setdefault((o.country, o.role), []).append(o)
    far = dt.date(2100, 1, 1)
    for terms in by_office.values():
        for a, b in itertools.combinations(terms, 2):
            if a.name != b.name:
                overlap = (min(a.end or far, b.end or far) - max(a.start, b.start)).days
                assert overlap <= 3, (a, b)
