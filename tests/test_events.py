"""The first rule coder and the actor gazetteer on sentences written for these
tests (real parse, real lexicon and gazetteer files)."""

import pytest

from diurna.actors import Gazetteer, default_gazetteer, phrase_key
from diurna.events import cameo_info, get_coder, registered
from diurna.events.rules import Lexicon
from diurna.nlp import parse
from diurna.records import Article


def code_text(nlp, text, published="2024-03-05"):
    art = Article(id="t", origin="t", text=text, published=published)
    (pa,) = list(parse([art], nlp=nlp))
    return get_coder("rules").code(pa.article, pa.sentences)


def summary(events):
    # coded actors only; uncoded arguments (code "") keep their span for the record
    return [(e.cameo, [a.code for a in e.source if a.code], [a.code for a in e.target if a.code], e.modality)
            for e in events]


def test_registry_and_code_table():
    assert "rules" in registered()
    with pytest.raises(ValueError, match="unknown coder"):
        get_coder("nope")
    veto = cameo_info("129")
    assert veto.quad == 3 and veto.goldstein < 0
    assert cameo_info("0841").quad == 2
    assert cameo_info("190").quad == 4 and cameo_info("190").goldstein <= -9


def test_gazetteer_longest_match():
    g = default_gazetteer()
    words = "the United States and the UN Security Council".split()
    found = [(words[m.i:m.j], m.entry.code) for m in g.mentions(words)]
    assert (["United", "States"], "USA") in found
    assert any(code.startswith("IGOUNO") for _, code in found)
    assert g.lookup("Moscow").country == "RUS" and g.lookup("Moscow").sector == "GOV"
    assert g.lookup("French").country == "FRA"
    assert g.lookup("foreign minister").sector == "GOV"
    assert phrase_key("al-Nusra Front") == ("al", "-", "nusra", "front")


def test_basic_events(nlp):
    events = code_text(nlp, "Russia vetoed the draft resolution on Tuesday. "
                            "France condemned the veto and accused Moscow of shielding the government.")
    s = summary(events)
    assert ("129", ["RUS"], [], "asserted") in s
    assert any(c == "111" and src == ["FRA"] for c, src, _, _ in s)
    assert ("112", ["FRA"], ["RUSGOV"], "asserted") in s
    assert all(e.date == "2024-03-05" and e.date_precision == "day" for e in events)
    e = events[0]
    assert e.trigger.text == "vetoed" and e.sentence == 0 and e.plover == "REJECT"
    # the vetoed draft is an uncoded argument: its span is kept
    assert [(a.text, a.code) for a in e.target] == [("the draft resolution", "")]


def test_actor_composition_and_coordination(nlp):
    events = code_text(nlp, "French Foreign Minister Laurent Fabius met his Russian counterpart in Moscow on Monday. "
                            "Britain, France and the United States urged Russia to stop the bombing.")
    meet = next(e for e in events if e.trigger.text == "met")
    (src,) = meet.source
    assert (src.code, src.country, src.sector, src.name) == ("FRAGOV", "FRA", "GOV", "Laurent Fabius")
    assert [a.code for a in meet.target] == ["RUSGOV"]
    urge = next(e for e in events if e.trigger.text == "urged")
    assert [a.code for a in urge.source] == ["GBR", "FRA", "USA"]
    assert [a.code for a in urge.target] == ["RUS"]
    # the stopping is only asked for: not an event
    assert not any(e.trigger.text == "stop" for e in events)


def test_modality(nlp):
    s = summary(code_text(nlp, "China did not block the resolution. "
                               "If Moscow were to oppose the text, France would put it to a vote anyway. "
                               "The Turkish foreign minister will visit Iran next week. "
                               "Diplomats said Germany criticised Israel."))
    assert ("129", ["CHN"], [], "negated") in s
    assert ("120", ["RUSGOV"], [], "hypothetical") in s
    assert ("042", ["TURGOV"], ["IRN"], "future") in s
    assert any(c == "111" and src == ["DEU"] and tgt == ["ISR"] and m == "reported" for c, src, tgt, m in s)


def test_passive_agent(nlp):
    s = summary(code_text(nlp, "The ceasefire was brokered by Egypt and Qatar."))
    assert s and s[0][0] == "045" and s[0][1] == ["EGY", "QAT"]


def test_lexicon_format():
    lex = Lexicon.parse("# comment\ncall on\t020\tappeal\nhold +talk|meeting\t040\ncall\t041\n")
    pats = lex.by_lemma["call"]
    assert pats[0].prep == "on" and pats[0].cameo == "020"
    assert lex.by_lemma["hold"][0].objects == frozenset({"talk", "meeting"})
    with pytest.raises(ValueError, match="row 1"):
        Lexicon.parse("justonefield\n")


def test_custom_gazetteer():
    g = Gazetteer([{"phrase": "Freedonia", "code": "FRD", "country": "FRD", "sector": "", "kind": "country"}])
    (m,) = g.mentions(["Troops", "from", "Freedonia", "arrived"])
    assert (m.i, m.j, m.entry.code) == (2, 3, "FRD")


def test_threat_of_veto_and_blame(nlp):
    s = summary(code_text(nlp, "Russia rejected the draft, suggesting it is ready to veto the measure. "
                               "Officials in Washington said the Syrian government was to blame.", "2017-04-06"))
    assert ("120", ["RUS"], [], "asserted") in s
    assert ("130", ["RUS"], [], "future") in s  # "ready to veto" is a threat by Russia
    assert any(c == "112" and src == ["USAGOV"] and tgt == ["SYRGOV"] for c, src, tgt, _ in s)


def test_people_resolved_in_time_and_by_the_text(nlp):
    def kerry(date):
        (e,) = [e for e in code_text(nlp, "Kerry criticised the Iranian government on Monday.", date)]
        return e.source[0].code, e.source[0].name
    assert kerry("2014-05-02") == ("USAGOV", "Kerry")   # Secretary of State 2013-2017
    assert kerry("2005-05-02") == ("USALEG", "Kerry")   # Senator until 2013
    events = code_text(nlp, "Norwegian Foreign Minister Kari Holm met the Kenyan president on Monday. "
                            "Holm later criticised the army. He also praised Ethiopia.", "2021-03-01")
    codes = {e.trigger.text: e.source[0].code for e in events if e.source}
    assert codes["criticised"] == "NORGOV" and codes["praised"] == "NORGOV"


def test_authored_document_is_its_author(nlp):
    (e,) = [e for e in code_text(nlp, "Russia opposed a French-led draft resolution.") if e.cameo == "120"]
    assert [a.code for a in e.target] == ["FRA"]


def by_trigger(events, word):
    return [e for e in events if e.trigger.text == word]


def spans(actors):
    return [(a.text, a.code) for a in actors]


def test_recipient_not_the_thing_given(nlp):
    (e,) = by_trigger(code_text(nlp, "Norway returned two stolen paintings to the government of Peru."), "returned")
    assert e.cameo == "084" and spans(e.target) == [("the government of Peru", "PERGOV")]
    (e,) = by_trigger(code_text(nlp, "Canada gave $3 million to Nigeria to support farmers."), "gave")
    assert e.cameo.startswith("07") and [a.code for a in e.target] == ["NGA"]


def test_target_from_the_act_the_verb_is_about(nlp):
    (e,) = by_trigger(code_text(nlp, "Sweden is considering sending aid to Kenya after the floods."), "considering")
    assert [a.code for a in e.target] == ["KEN"]
    (e,) = by_trigger(code_text(nlp, "The rebels threatened to shell positions of the army in the north."), "threatened")
    assert e.cameo == "130" and spans(e.target) == [("positions of the army", "MIL")]
    (e,) = by_trigger(code_text(nlp, "The Red Cross issued a statement calling on the Chilean government to free the men."), "issued")
    assert [a.code for a in e.target] == ["CHLGOV"]


def test_mutual_acts_and_coordinated_parties(nlp):
    from diurna.events.rules import mutual

    (e,) = by_trigger(code_text(nlp, "Jordan and Britain have agreed to hold joint military exercises this month."), "agreed")
    assert [a.code for a in e.source] == ["JOR", "GBR"] and [a.code for a in e.target] == ["JOR", "GBR"] and mutual(e)
    (e,) = by_trigger(code_text(nlp, "The Chilean president held talks in Lima with the Peruvian foreign minister."), "held")
    assert e.cameo == "040" and mutual(e) and spans(e.target) == [("the Peruvian foreign minister", "PERGOV")]


def test_announced_act_is_the_event(nlp):
    events = code_text(nlp, "The Kenyan president announced a weeklong cease-fire with the rebels. "
                            "Denmark announced a suspension of aid to Egypt. "
                            "Nigeria announced the deployment of 200 troops to a peacekeeping mission in Mali.")
    codes = [(e.cameo, [a.code for a in e.source]) for e in events]
    assert ("0871", ["KENGOV"]) in codes and ("160", ["DNK"]) in codes and ("074", ["NGA"]) in codes
    assert all(e.cameo != "010" for e in by_trigger(events, "announced"))
    (sus,) = by_trigger(events, "suspension")
    assert [a.code for a in sus.target] == ["EGY"]


def test_strikes_and_refusals_in_reported_speech(nlp):
    s = summary(code_text(nlp, "Thousands of teachers went on strike on Monday. "
                               "The union said its members will not end the strike."))
    assert any(c == "143" for c, *_ in s) and any(c.startswith("12") for c, *_ in s)


def test_argument_spans(nlp):
    # brackets the span opens are kept; a relative clause the parser hangs inside is not
    (e,) = by_trigger(code_text(nlp, "The Nigerian Air Force (NAF) bombed a militant camp near the border."), "bombed")
    assert spans(e.source) == [("The Nigerian Air Force (NAF)", "NGAMIL")]
    (e,) = by_trigger(code_text(nlp, "Ayrault, who has accused Syria, backed by Russia and Iran, of war crimes, "
                                     "travels to Moscow on Thursday."), "travels")
    assert spans(e.source) == [("Ayrault", e.source[0].code)]
    # "troops on Sunday": the time is not part of the argument
    (e,) = by_trigger(code_text(nlp, "Israeli troops on Sunday arrested a Palestinian man in Hebron."), "arrested")
    assert spans(e.source) == [("Israeli troops", "ISRMIL")]


def test_two_countries_are_the_last_two_named(nlp):
    events = code_text(nlp, "Russia, along with China, wield veto power in the Security Council. "
                            "The two countries have together vetoed three resolutions on Syria.")
    (e,) = by_trigger(events, "vetoed")
    assert e.cameo == "129" and [a.code for a in e.source] == ["RUS", "CHN"]
    events = code_text(nlp, "Russia and China have protected the regime from council action by blocking several resolutions.")
    (e,) = by_trigger(events, "blocking")
    assert [a.code for a in e.source] == ["RUS", "CHN"]


def test_eval_detokenize_and_coordination():
    from diurna.events.evaluate import coordinations_as_gold, detokenize

    toks = "Theresa May ’ s offer to the rebel - held town ( NAF ) cost $ 1 . 5 billion , 1 , 044 men .".split()
    text, offs = detokenize(toks)
    assert text == "Theresa May’s offer to the rebel-held town (NAF) cost $1.5 billion, 1,044 men."
    assert all(text[a:b] == t for t, (a, b) in zip(toks, offs))
    toks = "Canada and the United Kingdom agreed".split()
    assert coordinations_as_gold([(0, 1), (2, 5)], [(0, 5)], toks) == [(0, 5)]
    assert coordinations_as_gold([(0, 1), (2, 5)], [(0, 1), (2, 5)], toks) == [(0, 1), (2, 5)]


def test_a_document_of_a_body_stays_the_target(nlp):
    # the resolution names the body it belongs to: it is the target, not "Syria" it is about
    (e,) = by_trigger(code_text(nlp, "Spain is seeking a UN Security Council resolution on Yemen."), "seeking")
    assert [a.code for a in e.target] == ["IGOUNO"]
    # but a thing that names no body gives way to the party it goes to
    (e,) = by_trigger(code_text(nlp, "Italy returned six Iraqi artifacts to the government of Iraq."), "returned")
    assert [a.code for a in e.target] == ["IRQGOV"]


def test_declared_act_done_by_the_subject_not_its_adjective(nlp):
    events = code_text(nlp, "Jordan and Britain have agreed to hold joint military exercises.")
    (ex,) = by_trigger(events, "exercises")
    assert ex.cameo == "062" and [a.code for a in ex.source] == ["JOR", "GBR"]
    assert [a.code for a in ex.target] == ["JOR", "GBR"]  # done together


def test_announced_amount_of_aid(nlp):
    events = code_text(nlp, "Canada announced $20 million in humanitarian assistance to Haiti.")
    (e,) = [e for e in events if e.cameo.startswith("07")]
    assert [a.code for a in e.source] == ["CAN"] and [a.code for a in e.target] == ["HTI"]
    assert not [e for e in events if e.cameo == "010"]


def test_object_pronoun_is_not_the_subject(nlp):
    (e,) = by_trigger(code_text(nlp, "French President Emmanuel Macron urged him to stay in the deal."), "urged")
    assert [a.code for a in e.source] == ["FRAGOV"] and [a.code for a in e.target] == [""]


def test_pattern_preposition_and_compound_objects(nlp):
    s = summary(code_text(nlp, "In addition, Kenyan troops participate in peacekeeping operations in Somalia. "
                               "Egypt decided to ease curfew hours in North Sinai. "
                               "India and Pakistan were guilty of violating the ceasefire agreement."))
    assert any(c == "074" and src == ["KENMIL"] for c, src, _, _ in s)
    assert any(c == "081" and src == ["EGY"] for c, src, _, _ in s)
    assert any(c == "128" and src == ["IND", "PAK"] for c, src, _, _ in s)


def test_doers_the_parser_misplaces(nlp):
    (e,) = by_trigger(code_text(nlp, "Amnesty International put out a report accusing the Nigerian army of abuses."), "accusing")
    assert e.cameo.startswith("11") and [a.code for a in e.target] == ["NGAMIL"] and e.source[0].code
    (e,) = by_trigger(code_text(nlp, "The United Kingdom and France however have opposed the resolution."), "opposed")
    assert [a.code for a in e.source] == ["GBR", "FRA"]


def test_relative_date_from_an_inferred_anchor_is_no_more_precise_than_it(nlp):
    text = "Russia vetoed the draft resolution on Wednesday. France condemned the veto in March 2012."

    def code(earliest, latest):
        art = Article(id="t", origin="t", text=text, published="2012-03-07", published_source="inferred",
                      published_earliest=earliest, published_latest=latest)
        (pa,) = list(parse([art], nlp=nlp))
        return {e.trigger.text: e for e in get_coder("rules").code(pa.article, pa.sentences)}

    # the article's day is known to within a few days: "on Wednesday" is that week
    ev = code("2012-03-05", "2012-03-09")
    assert (ev["vetoed"].date_precision, ev["vetoed"].date_source, ev["vetoed"].date_text) == ("week", "text", "Wednesday")
    # within a month, within years
    assert code("2012-02-20", "2012-03-10")["vetoed"].date_precision == "month"
    assert code("2011-05-01", "2014-01-01")["vetoed"].date_precision == "year"
    # an interval of one day keeps the day; a date written with its year keeps its own precision
    ev = code("2012-03-07", "2012-03-07")
    assert ev["vetoed"].date_precision == "day"
    assert code("2011-05-01", "2014-01-01")["condemned"].date_precision == "month"
    # a date given by the input (not inferred) is exact
    art = Article(id="t", origin="t", text=text, published="2012-03-07")
    (pa,) = list(parse([art], nlp=nlp))
    assert {e.trigger.text: e for e in get_coder("rules").code(pa.article, pa.sentences)}["vetoed"].date_precision == "day"


def test_event_dated_by_an_inferred_article_date_keeps_its_uncertainty(nlp):
    text = "Russia rejected the French draft resolution. China called for more talks."
    art = Article(id="t", origin="t", text=text, published="2012-03-07", published_source="inferred",
                  published_earliest="2012-02-20", published_latest="2012-03-10")
    (pa,) = list(parse([art], nlp=nlp))
    evs = get_coder("rules").code(pa.article, pa.sentences)
    assert evs and all((e.date, e.date_source, e.date_precision) == ("2012-03-07", "inferred", "month") for e in evs)


def test_event_ids_are_unique_by_construction(nlp):
    """Wire text where one trigger was coded twice (as a verb and as a noun)."""
    from diurna.events import code_article, get_coder, unique_ids
    from diurna.nlp import parse
    from diurna.records import Article, Event, Span

    text = ("\\* Gas oversupply to end as early as 2012 \\* Middle east political unrest to cut supplies "
            "\\* Post-quake Japan demand to soak up more excess supplies PERTH , June 23 -LRB- Reuters -RRB- - "
            "Surplus global gas supplies could disappear as early")
    art = Article(id="x", origin="x", text=text, published="2011-06-23")
    pa = next(parse([art], nlp=nlp))
    events = code_article(get_coder("rules"), pa.article, pa.sentences)
    assert len({e.id for e in events}) == len(events)
    # and whatever a coder hands back, the ids that reach the store differ
    evs = [Event(id="a:0:5", article_id="a", sentence=0, source=[], target=[], cameo="010", quad_class=0,
                 goldstein=0.0, trigger=Span("said", 5, 9)) for _ in range(3)]
    evs[2].id = "a:0:5:2"
    assert [e.id for e in unique_ids(evs)] == ["a:0:5", "a:0:5:2", "a:0:5:2:2"]
