"""Places resolved offline, and events located by their clause.  A test of a
rule gives its sentence's parse and entities by hand (:mod:`parses`), so
that it checks the resolver and not the statistical parser; the command and
the seed articles keep the parser."""

import json

from click.testing import CliRunner

from diurna.cli import main
from diurna.places import find_places

from parses import parse


def places(pa):
    """Each place name of an article parsed by hand: its (country, feature)."""
    return {p.text: (p.country, p.feature) for p in find_places(pa.article.text, pa.sentences)}


def test_same_name_chosen_by_the_article():
    pa = parse("Clashes erupted in Tripoli, the Lebanese army said.", """
        0 Clashes  1 nsubj NOUN      clash
        1 erupted  8 ccomp VERB:VBD  erupt
        2 in       1 prep  ADP
        3 Tripoli  2 pobj  PROPN
        4 ,        8 punct PUNCT
        5 the      7 det   DET
        6 Lebanese 7 amod  ADJ
        7 army     8 nsubj NOUN
        8 said     8 ROOT  VERB:VBD  say
        9 .        8 punct PUNCT
    """, ents=[("Tripoli", "GPE"), ("Lebanese", "NORP")])
    assert places(pa)["Tripoli"] == ("LBN", "city")
    pa = parse("Militias fought in Tripoli, Libya's capital.", """
        0 Militias 1 nsubj NOUN      militia
        1 fought   1 ROOT  VERB:VBD  fight
        2 in       1 prep  ADP
        3 Tripoli  2 pobj  PROPN
        4 ,        3 punct PUNCT
        5 Libya    7 poss  PROPN
        6 's       5 case  PART
        7 capital  3 appos NOUN
        8 .        1 punct PUNCT
    """, ents=[("Tripoli", "GPE"), ("Libya", "GPE")])
    assert places(pa)["Tripoli"] == ("LBY", "city")
    # a country the article names does not pull a big city's name to a small namesake
    pa = parse("Talks in Geneva resumed, U.S. officials said.", """
        0 Talks     3 nsubj    NOUN      talk
        1 in        0 prep     ADP
        2 Geneva    1 pobj     PROPN
        3 resumed   7 ccomp    VERB:VBD  resume
        4 ,         7 punct    PUNCT
        5 U.S.      6 compound PROPN
        6 officials 7 nsubj    NOUN      official
        7 said      7 ROOT     VERB:VBD  say
        8 .         7 punct    PUNCT
    """, ents=[("Geneva", "GPE"), ("U.S.", "GPE")])
    assert places(pa)["Geneva"] == ("CHE", "city")
    pa = parse("Government forces shelled villages in Idlib province.", """
        0 Government 1 compound NOUN
        1 forces     2 nsubj    NOUN      force
        2 shelled    2 ROOT     VERB:VBD  shell
        3 villages   2 dobj     NOUN      village
        4 in         2 prep     ADP
        5 Idlib      6 compound PROPN
        6 province   4 pobj     NOUN
        7 .          2 punct    PUNCT
    """, ents=[("Idlib", "GPE")])
    assert places(pa)["Idlib"] == ("SYR", "admin1")


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


def located(pa, trigger):
    """The place place_at gives the event on the first token ``trigger`` of an article parsed by hand."""
    from diurna.syntax import children
    from diurna.places import place_at

    ps = find_places(pa.article.text, pa.sentences)
    s = next(x for x in pa.sentences if trigger in x.words)
    p = place_at(s, s.words.index(trigger), children(s), ps)
    return (p.name, p.country) if p else None


def test_locative_phrases_of_the_clause():
    # inside a locative phrase: "in the suburbs of the capital Damascus", "in parts of the city of Aleppo"
    pa = parse("Fierce fighting was reported in the suburbs of the capital Damascus.", """
        0  Fierce   1  amod      ADJ
        1  fighting 3  nsubjpass NOUN
        2  was      3  auxpass   AUX:VBD   be
        3  reported 3  ROOT      VERB:VBN  report
        4  in       3  prep      ADP
        5  the      6  det       DET
        6  suburbs  4  pobj      NOUN      suburb
        7  of       6  prep      ADP
        8  the      10 det       DET
        9  capital  10 compound  NOUN
        10 Damascus 7  pobj      PROPN
        11 .        3  punct     PUNCT
    """, ents=[("Damascus", "GPE")])
    assert located(pa, "reported") == ("Damascus", "SYR")
    # a country's capital named by its adjective
    pa = parse("Lavrov met Assad during his visit to the Syrian capital.", """
        0  Lavrov  1  nsubj PROPN
        1  met     1  ROOT  VERB:VBD  meet
        2  Assad   1  dobj  PROPN
        3  during  1  prep  ADP
        4  his     5  poss  PRON
        5  visit   3  pobj  NOUN
        6  to      5  prep  ADP
        7  the     9  det   DET
        8  Syrian  9  amod  ADJ
        9  capital 6  pobj  NOUN
        10 .       1  punct PUNCT
    """, ents=[("Lavrov", "PERSON"), ("Assad", "PERSON"), ("Syrian", "NORP")])
    assert located(pa, "met") == ("Damascus", "SYR")
    # where the subject was, when the clause says nothing else
    pa = parse("Countries meeting in Paris called for tougher sanctions.", """
        0 Countries 4 nsubj NOUN      country
        1 meeting   0 acl   VERB:VBG  meet
        2 in        1 prep  ADP
        3 Paris     2 pobj  PROPN
        4 called    4 ROOT  VERB:VBD  call
        5 for       4 prep  ADP
        6 tougher   7 amod  ADJ:JJR   tough
        7 sanctions 5 pobj  NOUN      sanction
        8 .         4 punct PUNCT
    """, ents=[("Paris", "GPE")])
    assert located(pa, "called")[1] == "FRA"
    # leaving a place: "from" names it; otherwise "from" is where someone came from, not the event
    pa = parse("Britain withdrew its staff from the embassy in Damascus.", """
        0 Britain  1 nsubj PROPN
        1 withdrew 1 ROOT  VERB:VBD  withdraw
        2 its      3 poss  PRON
        3 staff    1 dobj  NOUN
        4 from     1 prep  ADP
        5 the      6 det   DET
        6 embassy  4 pobj  NOUN
        7 in       6 prep  ADP
        8 Damascus 7 pobj  PROPN
        9 .        1 punct PUNCT
    """, ents=[("Britain", "GPE"), ("Damascus", "GPE")])
    assert located(pa, "withdrew") == ("Damascus", "SYR")
    pa = parse("Refugees moved from Syria into Turkey.", """
        0 Refugees 1 nsubj NOUN      refugee
        1 moved    1 ROOT  VERB:VBD  move
        2 from     1 prep  ADP
        3 Syria    2 pobj  PROPN
        4 into     1 prep  ADP
        5 Turkey   4 pobj  PROPN
        6 .        1 punct PUNCT
    """, ents=[("Syria", "GPE"), ("Turkey", "GPE")])
    assert located(pa, "moved") == ("Turkey", "TUR")
    # no place stated: nationalities and topics are not locations, nothing is guessed
    pa = parse("Syrian forces arrested dozens of activists.", """
        0 Syrian    1 amod  ADJ
        1 forces    2 nsubj NOUN      force
        2 arrested  2 ROOT  VERB:VBD  arrest
        3 dozens    2 dobj  NOUN      dozen
        4 of        3 prep  ADP
        5 activists 4 pobj  NOUN      activist
        6 .         2 punct PUNCT
    """, ents=[("Syrian", "NORP"), ("dozens", "CARDINAL")])
    assert located(pa, "arrested") is None
    pa = parse("The council passed a resolution over Syria.", """
        0 The        1 det   DET
        1 council    2 nsubj NOUN
        2 passed     2 ROOT  VERB:VBD  pass
        3 a          4 det   DET
        4 resolution 2 dobj  NOUN
        5 over       4 prep  ADP
        6 Syria      5 pobj  PROPN
        7 .          2 punct PUNCT
    """, ents=[("Syria", "GPE")])
    assert located(pa, "passed") is None


def test_general_locative_patterns():
    # a province or a city named by its kind, the noun's target, the border, a building in a city
    pa = parse("Rebels attacked army posts in the northern province of Idlib.", """
        0  Rebels   1  nsubj    NOUN      rebel
        1  attacked 1  ROOT     VERB:VBD  attack
        2  army     3  compound NOUN
        3  posts    1  dobj     NOUN      post
        4  in       1  prep     ADP
        5  the      7  det      DET
        6  northern 7  amod     ADJ
        7  province 4  pobj     NOUN
        8  of       7  prep     ADP
        9  Idlib    8  pobj     PROPN
        10 .        1  punct    PUNCT
    """, ents=[("Idlib", "GPE")])
    assert located(pa, "attacked") == ("Idlib", "SYR")
    pa = parse("Troops clashed with rebels in the northern city of Aleppo.", """
        0  Troops   1  nsubj NOUN      troop
        1  clashed  1  ROOT  VERB:VBD  clash
        2  with     1  prep  ADP
        3  rebels   2  pobj  NOUN      rebel
        4  in       3  prep  ADP
        5  the      7  det   DET
        6  northern 7  amod  ADJ
        7  city     4  pobj  NOUN
        8  of       7  prep  ADP
        9  Aleppo   8  pobj  PROPN
        10 .        1  punct PUNCT
    """, ents=[("Aleppo", "GPE")])
    assert located(pa, "clashed") == ("Aleppo", "SYR")
    pa = parse("The Security Council met at the UN headquarters in New York.", """
        0  The          2  det      DET
        1  Security     2  compound PROPN
        2  Council      3  nsubj    PROPN
        3  met          3  ROOT     VERB:VBD  meet
        4  at           3  prep     ADP
        5  the          7  det      DET
        6  UN           7  compound PROPN
        7  headquarters 4  pobj     NOUN
        8  in           7  prep     ADP
        9  New          10 compound PROPN
        10 York         8  pobj     PROPN
        11 .            3  punct    PUNCT
    """, ents=[("Security Council", "ORG"), ("UN", "ORG"), ("New York", "GPE")])
    assert located(pa, "met")[1] == "USA"
    pa = parse("Activists staged protests across Syria on Friday.", """
        0 Activists 1 nsubj NOUN      activist
        1 staged    1 ROOT  VERB:VBD  stage
        2 protests  1 dobj  NOUN      protest
        3 across    1 prep  ADP
        4 Syria     3 pobj  PROPN
        5 on        1 prep  ADP
        6 Friday    5 pobj  PROPN
        7 .         1 punct PUNCT
    """, ents=[("Syria", "GPE"), ("Friday", "DATE")])
    assert located(pa, "staged") == ("Syria", "SYR")
    pa = parse("Heavy fighting was reported outside Damascus.", """
        0 Heavy    1 amod      ADJ
        1 fighting 3 nsubjpass NOUN
        2 was      3 auxpass   AUX:VBD   be
        3 reported 3 ROOT      VERB:VBN  report
        4 outside  3 prep      ADP
        5 Damascus 4 pobj      PROPN
        6 .        3 punct     PUNCT
    """, ents=[("Damascus", "GPE")])
    assert located(pa, "reported") == ("Damascus", "SYR")
    pa = parse("The siege of Homs has lasted a month.", """
        0 The    1 det      DET
        1 siege  5 nsubj    NOUN
        2 of     1 prep     ADP
        3 Homs   2 pobj     PROPN
        4 has    5 aux      AUX:VBZ   have
        5 lasted 5 ROOT     VERB:VBN  last
        6 a      7 det      DET
        7 month  5 npadvmod NOUN
        8 .      5 punct    PUNCT
    """, ents=[("Homs", "GPE"), ("a month", "DATE")])
    assert located(pa, "siege") == ("Homs", "SYR")


def test_event_nouns_and_their_verbs():
    # the event noun's verb only says it happened: its place is the event's
    pa = parse("An emergency meeting of Arab foreign ministers will be held in Cairo.", """
        0  An        2  det       DET
        1  emergency 2  compound  NOUN
        2  meeting   9  nsubjpass NOUN
        3  of        2  prep      ADP
        4  Arab      6  amod      ADJ
        5  foreign   6  amod      ADJ
        6  ministers 3  pobj      NOUN      minister
        7  will      9  aux       AUX:MD
        8  be        9  auxpass   AUX:VB
        9  held      9  ROOT      VERB:VBN  hold
        10 in        9  prep      ADP
        11 Cairo     10 pobj      PROPN
        12 .         9  punct     PUNCT
    """, ents=[("Arab", "NORP"), ("Cairo", "GPE")])
    assert located(pa, "meeting") == ("Cairo", "EGY")
    pa = parse("Clashes broke out in Deraa on Friday.", """
        0 Clashes 1 nsubj NOUN      clash
        1 broke   1 ROOT  VERB:VBD  break
        2 out     1 prt   ADP:RP
        3 in      1 prep  ADP
        4 Deraa   3 pobj  PROPN
        5 on      1 prep  ADP
        6 Friday  5 pobj  PROPN
        7 .       1 punct PUNCT
    """, ents=[("Deraa", "GPE"), ("Friday", "DATE")])
    assert located(pa, "Clashes")[1] == "SYR"
    # a place name before a violent noun, a relative clause of place, part of the victims
    pa = parse("The Aleppo bombing shocked the world.", """
        0 The     2 det      DET
        1 Aleppo  2 compound PROPN
        2 bombing 3 nsubj    NOUN
        3 shocked 3 ROOT     VERB:VBD  shock
        4 the     5 det      DET
        5 world   3 dobj     NOUN
        6 .       3 punct    PUNCT
    """, ents=[("Aleppo", "GPE")])
    assert located(pa, "bombing") == ("Aleppo", "SYR")
    pa = parse("Most deaths were in the old city of Homs, where clashes have raged for days.", """
        0  Most    1  amod   ADJ:JJS   most
        1  deaths  2  nsubj  NOUN      death
        2  were    2  ROOT   AUX:VBD   be
        3  in      2  prep   ADP
        4  the     6  det    DET
        5  old     6  amod   ADJ
        6  city    3  pobj   NOUN
        7  of      6  prep   ADP
        8  Homs    7  pobj   PROPN
        9  ,       8  punct  PUNCT
        10 where   13 advmod SCONJ:WRB
        11 clashes 13 nsubj  NOUN      clash
        12 have    13 aux    AUX:VBP
        13 raged   8  relcl  VERB:VBN  rage
        14 for     13 prep   ADP
        15 days    14 pobj   NOUN      day
        16 .       2  punct  PUNCT
    """, ents=[("Homs", "GPE"), ("days", "DATE")])
    assert located(pa, "clashes") == ("Homs", "SYR")
    pa = parse("At least 40 people were killed on Sunday, most of them in Hama.", """
        0  At     1  advmod    ADV
        1  least  2  advmod    ADJ:JJS
        2  40     3  nummod    NUM
        3  people 5  nsubjpass NOUN:NNS
        4  were   5  auxpass   AUX:VBD   be
        5  killed 5  ROOT      VERB:VBN  kill
        6  on     5  prep      ADP
        7  Sunday 6  pobj      PROPN
        8  ,      5  punct     PUNCT
        9  most   5  npadvmod  ADJ:JJS
        10 of     9  prep      ADP
        11 them   10 pobj      PRON      they
        12 in     9  prep      ADP
        13 Hama   12 pobj      PROPN
        14 .      5  punct     PUNCT
    """, ents=[("At least 40", "CARDINAL"), ("Sunday", "DATE"), ("Hama", "GPE")])
    assert located(pa, "killed")[1] == "SYR"
    # coordinated verbs share their subject: "the bombings in Kenya ... killed and injured"
    pa = parse("The bombings in Kenya claimed 200 lives and injured thousands.", """
        0  The       1  det    DET
        1  bombings  4  nsubj  NOUN      bombing
        2  in        1  prep   ADP
        3  Kenya     2  pobj   PROPN
        4  claimed   4  ROOT   VERB:VBD  claim
        5  200       6  nummod NUM
        6  lives     4  dobj   NOUN      life
        7  and       4  cc     CCONJ
        8  injured   4  conj   VERB:VBN  injure
        9  thousands 8  dobj   NOUN      thousand
        10 .         4  punct  PUNCT
    """, ents=[("Kenya", "GPE"), ("200", "CARDINAL"), ("thousands", "CARDINAL")])
    assert located(pa, "injured")[1] == "KEN"


def test_no_place_from_the_speaker_or_a_name():
    # where a speaker is based or speaks from is not where the event was
    pa = parse("The London-based Syrian Observatory said 20 people were killed.", """
        0  The         5  det       DET
        1  London      3  npadvmod  PROPN
        2  -           3  punct     PUNCT
        3  based       5  amod      VERB:VBN  base
        4  Syrian      5  compound  PROPN
        5  Observatory 6  nsubj     PROPN
        6  said        6  ROOT      VERB:VBD  say
        7  20          8  nummod    NUM
        8  people      10 nsubjpass NOUN:NNS
        9  were        10 auxpass   AUX:VBD   be
        10 killed      6  ccomp     VERB:VBN  kill
        11 .           6  punct     PUNCT
    """, ents=[("London", "GPE"), ("Syrian Observatory", "ORG"), ("20", "CARDINAL")])
    assert located(pa, "killed") is None
    pa = parse("Officials in Kabul said the talks had failed.", """
        0 Officials 3 nsubj NOUN      official
        1 in        0 prep  ADP
        2 Kabul     1 pobj  PROPN
        3 said      3 ROOT  VERB:VBD  say
        4 the       5 det   DET
        5 talks     7 nsubj NOUN      talk
        6 had       7 aux   AUX:VBD   have
        7 failed    3 ccomp VERB:VBN  fail
        8 .         3 punct PUNCT
    """, ents=[("Kabul", "GPE")])
    assert located(pa, "said") is None
    # a surname the recogniser calls a place is not a small town abroad
    pa = parse("Trump responded with attacks on Machado, the former beauty queen.", """
        0  Trump     1  nsubj    PROPN
        1  responded 1  ROOT     VERB:VBD  respond
        2  with      1  prep     ADP
        3  attacks   2  pobj     NOUN      attack
        4  on        3  prep     ADP
        5  Machado   4  pobj     PROPN
        6  ,         5  punct    PUNCT
        7  the       10 det      DET
        8  former    10 amod     ADJ
        9  beauty    10 compound NOUN
        10 queen     5  appos    NOUN
        11 .         1  punct    PUNCT
    """, ents=[("Trump", "PERSON"), ("Machado", "GPE")])  # Machado: as the recogniser has it
    assert located(pa, "attacks") is None


def test_owner_and_topic_are_not_the_place():
    # an embassy is where it stands, not whose it is
    pa = parse("Six people were injured in a car bomb attack outside the U.S. embassy "
               "in the Tanzanian capital Dar es Salaam.", """
        0  Six       1  nummod    NUM
        1  people    3  nsubjpass NOUN:NNS
        2  were      3  auxpass   AUX:VBD   be
        3  injured   3  ROOT      VERB:VBN  injure
        4  in        3  prep      ADP
        5  a         8  det       DET
        6  car       7  compound  NOUN
        7  bomb      8  compound  NOUN
        8  attack    4  pobj      NOUN
        9  outside   8  prep      ADP
        10 the       12 det       DET
        11 U.S.      12 compound  PROPN
        12 embassy   9  pobj      NOUN
        13 in        12 prep      ADP
        14 the       16 det       DET
        15 Tanzanian 16 amod      ADJ
        16 capital   13 pobj      NOUN
        17 Dar       19 compound  PROPN
        18 es        19 compound  PROPN
        19 Salaam    16 appos     PROPN
        20 .         3  punct     PUNCT
    """, ents=[("Six", "CARDINAL"), ("U.S.", "GPE"), ("Tanzanian", "NORP"), ("Dar es Salaam", "GPE")])
    assert located(pa, "injured")[1] == "TZA"
    # condemning attacks somewhere is not done there
    pa = parse("The Cypriot government strongly condemned two bomb attacks in Kenya and Tanzania.", """
        0  The        2  det      DET
        1  Cypriot    2  amod     ADJ
        2  government 4  nsubj    NOUN
        3  strongly   4  advmod   ADV
        4  condemned  4  ROOT     VERB:VBD  condemn
        5  two        7  nummod   NUM
        6  bomb       7  compound NOUN
        7  attacks    4  dobj     NOUN      attack
        8  in         7  prep     ADP
        9  Kenya      8  pobj     PROPN
        10 and        9  cc       CCONJ
        11 Tanzania   9  conj     PROPN
        12 .          4  punct    PUNCT
    """, ents=[("Cypriot", "NORP"), ("two", "CARDINAL"), ("Kenya", "GPE"), ("Tanzania", "GPE")])
    assert located(pa, "condemned") is None


def test_regions_named_by_kind():
    pa = parse("Troops shelled villages in the northern province of Idlib.", """
        0 Troops   1 nsubj NOUN      troop
        1 shelled  1 ROOT  VERB:VBD  shell
        2 villages 1 dobj  NOUN      village
        3 in       1 prep  ADP
        4 the      6 det   DET
        5 northern 6 amod  ADJ
        6 province 3 pobj  NOUN
        7 of       6 prep  ADP
        8 Idlib    7 pobj  PROPN
        9 .        1 punct PUNCT
    """, ents=[("Idlib", "GPE")])
    assert places(pa)["Idlib"] == ("SYR", "admin1")
    pa = parse("Trump spoke at a rally in Michigan on Friday.", """
        0 Trump    1 nsubj PROPN
        1 spoke    1 ROOT  VERB:VBD  speak
        2 at       1 prep  ADP
        3 a        4 det   DET
        4 rally    2 pobj  NOUN
        5 in       4 prep  ADP
        6 Michigan 5 pobj  PROPN
        7 on       1 prep  ADP
        8 Friday   7 pobj  PROPN
        9 .        1 punct PUNCT
    """, ents=[("Trump", "PERSON"), ("Michigan", "GPE"), ("Friday", "DATE")])
    assert places(pa)["Michigan"] == ("USA", "admin1")
    # a U.S. state the article names chooses among cities of one name
    pa = parse("In West Virginia, he met the executives at the Charleston airport.", """
        0  In         5  prep     ADP
        1  West       2  compound PROPN
        2  Virginia   0  pobj     PROPN
        3  ,          5  punct    PUNCT
        4  he         5  nsubj    PRON
        5  met        5  ROOT     VERB:VBD  meet
        6  the        7  det      DET
        7  executives 5  dobj     NOUN      executive
        8  at         5  prep     ADP
        9  the        11 det      DET
        10 Charleston 11 compound PROPN
        11 airport    8  pobj     NOUN
        12 .          5  punct    PUNCT
    """, ents=[("West Virginia", "GPE"), ("Charleston", "GPE")])
    assert places(pa)["Charleston"][0] == "USA"


def test_small_towns_placed_by_their_state():
    # a small U.S. town is taken where the text places it ("Oshkosh, Wis."), an abbreviation keeps its dot
    pa = parse("Oshkosh Truck Corp., Oshkosh, Wis., said net income fell.", """
        0  Oshkosh 2  compound PROPN
        1  Truck   2  compound PROPN
        2  Corp.   8  nsubj    PROPN
        3  ,       2  punct    PUNCT
        4  Oshkosh 2  appos    PROPN
        5  ,       4  punct    PUNCT
        6  Wis.    4  appos    PROPN
        7  ,       2  punct    PUNCT
        8  said    8  ROOT     VERB:VBD  say
        9  net     10 amod     ADJ
        10 income  11 nsubj    NOUN
        11 fell    8  ccomp    VERB:VBD  fall
        12 .       8  punct    PUNCT
    """, ents=[("Oshkosh Truck Corp.", "ORG"), ("Oshkosh", "GPE"), ("Wis.", "GPE")])
    assert places(pa)["Oshkosh"][0] == "USA"
    pa = parse("The company, based in Miami, Fla., said sales rose.", """
        0  The     1  det   DET
        1  company 9  nsubj NOUN
        2  ,       1  punct PUNCT
        3  based   1  acl   VERB:VBN  base
        4  in      3  prep  ADP
        5  Miami   4  pobj  PROPN
        6  ,       5  punct PUNCT
        7  Fla.    5  appos PROPN
        8  ,       5  punct PUNCT
        9  said    9  ROOT  VERB:VBD  say
        10 sales   11 nsubj NOUN      sale
        11 rose    9  ccomp VERB:VBD  rise
        12 .       9  punct PUNCT
    """, ents=[("Miami", "GPE"), ("Fla.", "GPE")])
    assert "Fla" not in places(pa)


def test_where_it_was_said():
    # the gathering where something was said is its place; the speaker's whereabouts are not
    pa = parse("\"This is our great concern,\" he told a news conference in Geneva.", """
        0  "          9  punct    PUNCT:``
        1  This       2  nsubj    PRON:DT
        2  is         9  ccomp    AUX:VBZ   be
        3  our        5  poss     PRON
        4  great      5  amod     ADJ
        5  concern    2  attr     NOUN
        6  ,          9  punct    PUNCT
        7  "          9  punct    PUNCT
        8  he         9  nsubj    PRON
        9  told       9  ROOT     VERB:VBD  tell
        10 a          12 det      DET
        11 news       12 compound NOUN
        12 conference 9  dobj     NOUN
        13 in         12 prep     ADP
        14 Geneva     13 pobj     PROPN
        15 .          9  punct    PUNCT
    """, ents=[("Geneva", "GPE")])
    assert located(pa, "told")[1] == "CHE"
    pa = parse("The BBC's Jim Muir in Beirut says the ceasefire is collapsing.", """
        0  The        1  det      DET
        1  BBC        4  poss     PROPN
        2  's         1  case     PART
        3  Jim        4  compound PROPN
        4  Muir       7  nsubj    PROPN
        5  in         4  prep     ADP
        6  Beirut     5  pobj     PROPN
        7  says       7  ROOT     VERB:VBZ  say
        8  the        9  det      DET
        9  ceasefire  11 nsubj    NOUN
        10 is         11 aux      AUX:VBZ   be
        11 collapsing 7  ccomp    VERB:VBG  collapse
        12 .          7  punct    PUNCT
    """, ents=[("BBC", "ORG"), ("Jim Muir", "PERSON"), ("Beirut", "GPE")])
    assert located(pa, "says") is None
