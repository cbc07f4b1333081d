"""Places resolved offline, and events located by their clause."""

import json

from click.testing import CliRunner

from diurna.cli import main
from diurna.nlp import flatten
from diurna.places import find_places


def places(nlp, text):
    return {p.text: (p.country, p.feature) for p in find_places(text, flatten(nlp(text)))}


def test_same_name_chosen_by_the_article(nlp):
    assert places(nlp, "Clashes erupted in Tripoli, the Lebanese army said.")["Tripoli"] == ("LBN", "city")
    assert places(nlp, "Militias fought in Tripoli, Libya's capital.")["Tripoli"] == ("LBY", "city")
    # a country the article names does not pull a big city's name to a small namesake
    assert places(nlp, "Talks in Geneva resumed, U.S. officials said.")["Geneva"] == ("CHE", "city")
    assert places(nlp, "Government forces shelled villages in Idlib province.")["Idlib"] == ("SYR", "admin1")


def test_event_location_from_its_clause():
    line = json.dumps({"id": "x", "date": "2016-10-05", "text":
                       "Syrian and Russian warplanes launched air raids on Aleppo on Monday. "
                       "Ministers held talks in Geneva. The council adopted a resolution on Syria."})
    r = CliRunner().invoke(main, ["code"], input=line + "\n")
    evs = {e["trigger"]["text"]: e["location"] for e in json.loads(r.output)["events"]}
    assert (evs["launched"]["name"], evs["launched"]["country"]) == ("Aleppo", "SYR")
    assert evs["held"]["country"] == "CHE" and evs["held"]["geonameid"]
    assert evs["adopted"] is None  # a resolution *on* Syria is about it, not there


def test_seed_places(seeds_dir, nlp):
    from diurna.ingest import read
    from diurna.nlp import parse
    from diurna.records import Article

    found = {}
    arts = [a for a in read([str(seeds_dir)]) if isinstance(a, Article)]
    for pa in parse(arts, nlp=nlp):
        for p in find_places(pa.article.text, pa.sentences):
            found.setdefault(p.text.title(), set()).add((p.country, round(p.lat or 0), round(p.lon or 0)))
    assert found["Idlib"] == {("SYR", 36, 37)}
    assert found["Aleppo"] == {("SYR", 36, 37)}
    assert found["Hama"] == {("SYR", 35, 37)}
    assert found["Geneva"] == {("CHE", 46, 6)}
    assert found["Moscow"] == {("RUS", 56, 38)}
    assert found["Paris"] == {("FRA", 49, 2)}


def located(nlp, text, trigger):
    """The place place_at gives the event on the first token ``trigger``."""
    from diurna.syntax import children
    from diurna.places import place_at

    sents = flatten(nlp(text))
    ps = find_places(text, sents)
    s = next(x for x in sents if trigger in x.words)
    p = place_at(s, s.words.index(trigger), children(s), ps)
    return (p.name, p.country) if p else None


def test_locative_phrases_of_the_clause(nlp):
    # inside a locative phrase: "in the suburbs of the capital Damascus", "in parts of the city of Aleppo"
    assert located(nlp, "Fierce fighting was reported in the suburbs of the capital Damascus.", "reported") == (
        "Damascus", "SYR")
    # a country's capital named by its adjective
    assert located(nlp, "Lavrov met Assad during his visit to the Syrian capital.", "met") == ("Damascus", "SYR")
    # where the subject was, when the clause says nothing else
    assert located(nlp, "Countries meeting in Paris called for tougher sanctions.", "called")[1] == "FRA"
    # leaving a place: "from" names it; otherwise "from" is where someone came from, not the event
    assert located(nlp, "Britain withdrew its staff from the embassy in Damascus.", "withdrew") == ("Damascus", "SYR")
    assert located(nlp, "Refugees moved from Syria into Turkey.", "moved") == ("Turkey", "TUR")
    # no place stated: nationalities and topics are not locations, nothing is guessed
    assert located(nlp, "Syrian forces arrested dozens of activists.", "arrested") is None
    assert located(nlp, "The council passed a resolution over Syria.", "passed") is None


def test_general_locative_patterns(nlp):
    # a province or a city named by its kind, the noun's target, the border, a building in a city
    assert located(nlp, "Rebels attacked army posts in the northern province of Idlib.", "attacked") == ("Idlib", "SYR")
    assert located(nlp, "Troops clashed with rebels in the northern city of Aleppo.", "clashed") == ("Aleppo", "SYR")
    assert located(nlp, "The Security Council met at the UN headquarters in New York.", "met")[1] == "USA"
    assert located(nlp, "Activists staged protests across Syria on Friday.", "staged") == ("Syria", "SYR")
    assert located(nlp, "Heavy fighting was reported outside Damascus.", "reported") == ("Damascus", "SYR")
    assert located(nlp, "The siege of Homs has lasted a month.", "siege") == ("Homs", "SYR")


def test_event_nouns_and_their_verbs(nlp):
    # the event noun's verb only says it happened: its place is the event's
    assert located(nlp, "An emergency meeting of Arab foreign ministers will be held in Cairo.", "meeting") == (
        "Cairo", "EGY")
    assert located(nlp, "Clashes broke out in Deraa on Friday.", "Clashes")[1] == "SYR"
    # a place name before a violent noun, a relative clause of place, part of the victims
    assert located(nlp, "The Aleppo bombing shocked the world.", "bombing") == ("Aleppo", "SYR")
    assert located(nlp, "Most deaths were in the old city of Homs, where clashes have raged for days.",
                   "clashes") == ("Homs", "SYR")
    assert located(nlp, "At least 40 people were killed on Sunday, most of them in Hama.", "killed")[1] == "SYR"
    # coordinated verbs share their subject: "the bombings in Kenya ... killed and injured"
    assert located(nlp, "The bombings in Kenya claimed 200 lives and injured thousands.", "injured")[1] == "KEN"


def test_no_place_from_the_speaker_or_a_name(nlp):
    # where a speaker is based or speaks from is not where the event was
    assert located(nlp, "The London-based Syrian Observatory said 20 people were killed.", "killed") is None
    assert located(nlp, "Officials in Kabul said the talks had failed.", "said") is None
    # a surname the recogniser calls a place is not a small town abroad
    assert located(nlp, "Trump responded with attacks on Machado, the former beauty queen.", "attacks") is None


def test_owner_and_topic_are_not_the_place(nlp):
    # an embassy is where it stands, not whose it is
    assert located(nlp, "Six people were injured in a car bomb attack outside the U.S. embassy in the Tanzanian "
                        "capital Dar es Salaam.", "injured")[1] == "TZA"
    # condemning attacks somewhere is not done there
    assert located(nlp, "The Cypriot government strongly condemned two bomb attacks in Kenya and Tanzania.",
                   "condemned") is None


def test_regions_named_by_kind(nlp):
    assert places(nlp, "Troops shelled villages in the northern province of Idlib.")["Idlib"] == ("SYR", "admin1")
    assert places(nlp, "Trump spoke at a rally in Michigan on Friday.")["Michigan"] == ("USA", "admin1")
    # a U.S. state the article names chooses among cities of one name
    assert places(nlp, "In West Virginia, he met the executives at the Charleston airport.")["Charleston"][0] == "USA"


def test_small_towns_placed_by_their_state(nlp):
    # a small U.S. town is taken where the text places it ("Oshkosh, Wis."), an abbreviation keeps its dot
    assert places(nlp, "Oshkosh Truck Corp., Oshkosh, Wis., said net income fell.")["Oshkosh"][0] == "USA"
    assert "Fla" not in places(nlp, "The company, based in Miami, Fla., said sales rose.")


def test_where_it_was_said(nlp):
    # the gathering where something was said is its place; the speaker's whereabouts are not
    assert located(nlp, '"This is our great concern," he told a news conference in Geneva.', "told")[1] == "CHE"
    assert located(nlp, "The BBC's Jim Muir in Beirut says the ceasefire is collapsing.", "says") is None
