"""actors stage: mentions in a parsed sentence to actor codes.

Knowledge lives in two data files (formats in ``diurna/data/README.md``):

* ``actors.tsv``: phrases naming countries (names, adjectives, demonyms,
  capitals and seats of government used as agents), organisations and armed
  groups, each with an actor code, country and sector;
* ``sectors.tsv``: role and group nouns ("foreign minister", "rebels") with a
  CAMEO sector and a normalised role.

:class:`Gazetteer` finds phrase matches over a sentence's lower-cased tokens
(longest match wins).  :func:`actors_for` resolves an argument of a verb (its
head token) to actors by looking at the noun phrase around it: the
country-like mention (``French``, ``Russia's``) gives the country, the role
noun gives the sector, a PERSON entity in the phrase gives the name, and an
organisation mention gives its own code.  Coordinated phrases ("Britain,
France and the U.S.") give one actor each.

Users can point ``DIURNA_ACTORS`` / ``DIURNA_SECTORS`` at their own files of
the same format, or load PETRARCH-style dictionaries (the event-coding issue).
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .lexicon.actors import DOCUMENT_NOUNS, PERSONAL
from .records import Actor, Sentence
from .syntax import children, conjuncts, full_phrase, noun_phrase

__all__ = ["Entry", "Gazetteer", "Mention", "actors_for", "default_gazetteer", "phrase_key"]

_TOKEN = re.compile(r"[\w.'’]+|[^\w\s]", re.UNICODE)

def phrase_key(text: str) -> tuple[str, ...]:
    """Lower-cased token tuple used as the lookup key of a phrase."""
    return tuple(t.replace("’", "'") for t in _TOKEN.findall(text.lower()))


@dataclass(frozen=True)
class Entry:
    """One gazetteer row."""

    code: str
    country: str | None
    sector: str | None
    kind: str           # country, adjective, demonym, capital, seat, igo, ngo, group, sector
    role: str | None = None


@dataclass
class Mention:
    """A phrase match over tokens ``i:j`` of a sentence."""

    i: int
    j: int
    entry: Entry


def _rows(text: str, name: str, ncols: int):
    reader = csv.reader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")),
                        delimiter="\t", quoting=csv.QUOTE_NONE)
    header = None
    for n, row in enumerate(reader, 1):
        if header is None:
            header = row
            continue
        if len(row) < ncols:
            row = row + [""] * (ncols - len(row))
        yield dict(zip(header, (c.strip() for c in row)))


class Gazetteer:
    """Phrase tables for actors and sectors, matched longest-first."""

    def __init__(self, actor_rows=(), sector_rows=()):
        self.table: dict[tuple[str, ...], Entry] = {}
        for r in actor_rows:
            key = phrase_key(r["phrase"])
            if key:
                self.table.setdefault(key, Entry(r["code"], r.get("country") or None,
                                                 r.get("sector") or None, r.get("kind") or "actor"))
        for r in sector_rows:
            key = phrase_key(r["phrase"])
            if key:
                self.table.setdefault(key, Entry(r["sector"], None, r["sector"], "sector",
                                                 r.get("role") or None))
        self.max_len = max((len(k) for k in self.table), default=1)
        # first tokens, to skip most positions with one set lookup
        self.firsts = frozenset(k[0] for k in self.table)

    @classmethod
    def from_files(cls, actors: str | Path | None = None, sectors: str | Path | None = None) -> Gazetteer:
        def text(path, default):
            if path:
                return Path(path).read_text("utf-8")
            return resources.files("diurna").joinpath(f"data/{default}").read_text("utf-8")

        return cls(list(_rows(text(actors, "actors.tsv"), "actors.tsv", 5)),
                   list(_rows(text(sectors, "sectors.tsv"), "sectors.tsv", 4)))

    def lookup(self, text: str) -> Entry | None:
        return self.table.get(phrase_key(text))

    def mentions(self, words: list[str]) -> list[Mention]:
        """Longest non-overlapping matches over a token list."""
        low = [w.lower().replace("’", "'") for w in words]
        out: list[Mention] = []
        i, n = 0, len(low)
        while i < n:
            if low[i] in self.firsts:
                for k in range(min(self.max_len, n - i), 0, -1):
                    e = self.table.get(tuple(low[i:i + k]))
                    if e is not None:
                        out.append(Mention(i, i + k, e))
                        i += k
                        break
                else:
                    i += 1
            else:
                i += 1
        return out


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer.from_files(os.environ.get("DIURNA_ACTORS"), os.environ.get("DIURNA_SECTORS"))


def _person_in(sent: Sentence, tokens: list[int]) -> tuple[str, int, int] | None:
    if not tokens:
        return None
    lo, hi = sent.offsets[tokens[0]], sent.offsets[tokens[-1]] + len(sent.words[tokens[-1]])
    for e in sent.entities:
        if e.label == "PERSON" and e.start >= lo and e.end <= hi:
            return e.text, e.start, e.end
    return None


class People:
    """Who is who in one article, in time.

    ``remember`` keeps a person's actor once the text has said who they are
    ("French Foreign Minister Jean-Marc Ayrault"), under the full name and
    the surname, so "Ayrault" later is the same actor; ``lookup`` falls back
    on the office-holders knowledge base at the article's date ("Kerry" in
    2014 is USA GOV, in 2005 USA LEG).  ``meet`` is each sentence's pass
    over the people it names; :meth:`pronoun` answers "he"/"she" with the
    last person named before it: the one resolver of the event coder and
    the quote finder.
    """

    def __init__(self, date: str | None = None):
        self.date = _date(date)
        self.known: dict[str, Actor] = {}
        self.persons: list = []  # PERSON entities met, in text order

    def meet(self, sent: Sentence, kids: list[list[int]], mentions: list[Mention]) -> None:
        """The people a sentence names: kept for "he said", and their actors
        for later mentions of the same names (once per sentence, in order)."""
        for e in sent.entities:
            if e.label == "PERSON":
                self.persons.append(e)
                last = next((i for i in range(len(sent.words) - 1, -1, -1) if sent.offsets[i] < e.end), None)
                if last is not None:
                    resolve_phrase(sent, noun_phrase(sent, last, kids), mentions, self)

    def pronoun(self, sent: Sentence, t: int) -> Actor | None:
        """"he"/"she" at token ``t``: the last person named before it, with
        their actor when the article or the knowledge base says who they are
        (else the bare name, code empty); None when no one was named yet."""
        off = sent.offsets[t]
        last = next((e for e in reversed(self.persons) if e.end <= off), None)
        if last is None:
            return None
        name = re.sub(r"[’']s$", "", last.text).strip()
        known = self.lookup(name)
        country, sector, full = known if known else (None, None, name)
        word = sent.words[t]
        return Actor(text=word, start=off, end=off + len(word), code=(country or "") + (sector or ""),
                     country=country, sector=sector, name=full)

    def remember(self, a: Actor) -> None:
        if a.name and a.code:
            for key in _name_keys(a.name):
                self.known.setdefault(key, a)

    def lookup(self, name: str) -> tuple[str | None, str | None, str] | None:
        """(country, sector, full name) of a person named ``name``."""
        for key in _name_keys(name):
            a = self.known.get(key)
            if a is not None:
                return a.country, a.sector, a.name
        from .kb import offices_by_name

        terms = offices_by_name().get(name.lower()) or offices_by_name().get(name.lower().split()[-1])
        if not terms:
            return None
        if self.date is not None:
            holding = [t for t in terms if t.holds(self.date)]
            if not holding:
                # out of office at that date: the last term before it, else none
                before = [t for t in terms if t.start <= self.date]
                holding = sorted(before, key=lambda t: t.start)[-1:] if before else []
        else:
            holding = list(terms) if len({(t.country, t.sector) for t in terms}) == 1 else []
        if not holding or len({t.name for t in holding}) > 1:
            return None
        t = holding[0]
        return t.country, t.sector, t.name


def _date(s):
    import datetime as dt

    try:
        return dt.date.fromisoformat(s[:10]) if s else None
    except ValueError:
        return None


def _name_keys(name: str) -> list[str]:
    name = name.strip().lower().replace("’", "'")
    name = name[:-2] if name.endswith("'s") else name
    parts = name.split()
    return [name] + ([parts[-1]] if len(parts) > 1 else [])




def resolve_phrase(sent: Sentence, tokens: list[int], mentions: list[Mention],
                   people: People | None = None) -> Actor | None:
    """One actor from the mentions inside a noun phrase, or None."""
    tset = set(tokens)
    inside = [m for m in mentions if m.i in tset]
    person = _person_in(sent, tokens)
    if person is None and people is not None:
        # a name the entity recogniser missed, known to the article or the knowledge base
        names = [t for t in tokens if sent.pos[t] == "PROPN"]
        if names:
            lo, hi = sent.offsets[names[0]], sent.offsets[names[-1]] + len(sent.words[names[-1]])
            cand = sent.text[lo - sent.start:hi - sent.start]
            if people.lookup(cand) is not None:
                person = (cand, lo, hi)
    if not inside and not person:
        return None
    org = next((m for m in inside if m.entry.kind in ("igo", "ngo", "group")), None)
    place = next((m for m in inside if m.entry.country and m.entry.kind not in ("igo", "ngo", "group")), None)
    role = next((m for m in inside if m.entry.kind == "sector"), None)
    head_word = sent.lemmas[max(tokens, key=lambda t: sent.heads[t] not in tset)].lower() if tokens else ""
    country = sector = name = None
    code = ""
    if place is not None and head_word in DOCUMENT_NOUNS and place.entry.kind == "adjective":
        # "a French-led UN Security Council draft resolution": France's draft
        country, sector = place.entry.country, None
        code = country
    elif org is not None and (place is None or org.i <= (place.i if place else 0) or role is None):
        e = org.entry
        code, country, sector = e.code, e.country, e.sector
    else:
        if place is not None:
            country = place.entry.country
            sector = place.entry.sector
        if role is not None:
            sector = role.entry.sector
        if person and people is not None and (country is None or sector is None):
            # "Ayrault", "Kerry": the article or the knowledge base says who they are
            known = people.lookup(person[0])
            if known is not None:
                country = country or known[0]
                sector = sector or known[1]
        code = (country or "") + (sector or "")
    if person:
        name = person[0]
    if not code:
        return None
    lo = sent.offsets[tokens[0]]
    hi = sent.offsets[tokens[-1]] + len(sent.words[tokens[-1]])
    text = sent.text[lo - sent.start:hi - sent.start]
    a = Actor(text=text, start=lo, end=hi, code=code, country=country, sector=sector, name=name)
    if people is not None and name:
        people.remember(a)
    return a


UNCODED_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def actors_for(sent: Sentence, head: int, kids: list[list[int]] | None = None,
               mentions: list[Mention] | None = None, gazetteer: Gazetteer | None = None,
               uncoded: bool = False, people: People | None = None,
               preps: frozenset[str] | None = None) -> list[Actor]:
    """Actors named by the argument headed at token ``head`` (with conjuncts).

    With ``uncoded=True`` an argument that names no known actor still gives
    an :class:`Actor` with an empty ``code`` (its span, for the record and
    for span scoring); otherwise it is left out.  ``preps``: see
    :func:`full_phrase`."""
    kids = kids if kids is not None else children(sent)
    if mentions is None:
        mentions = (gazetteer or default_gazetteer()).mentions(sent.words)
    out = []
    heads = conjuncts(sent, head, kids)
    for h in heads:
        toks = noun_phrase(sent, h, kids)
        a = resolve_phrase(sent, toks, mentions, people)
        if a is None and people is not None and sent.words[h].lower() in PERSONAL:
            a = people.pronoun(sent, h)  # "he said": the last person named
        if a is None and not (uncoded and sent.pos[h] in UNCODED_POS):
            continue
        # the actor's span: the whole phrase (coordinated heads share their
        # modifiers only when they have none of their own)
        f_lo, f_hi = full_phrase(sent, h, kids, preps)
        lo = sent.offsets[f_lo]
        hi = sent.offsets[f_hi] + len(sent.words[f_hi])
        text = sent.text[lo - sent.start:hi - sent.start]
        if a is None:
            a = Actor(text=text, start=lo, end=hi, code="")
        else:
            a.text, a.start, a.end = text, lo, hi
        if all(a.start != b.start for b in out):
            out.append(a)
    return out

