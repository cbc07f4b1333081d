"""The first event coder: verb patterns over the dependency parse.

For every verb whose lemma is in the pattern lexicon (``data/verbs.tsv``), the
coder finds:

* the **source**: the verb's subject with its conjuncts; the passive agent
  ("brokered by Russia"); for a verb without a subject, the subject of the
  verb it is coordinated with, or the controller of an infinitive ("Russia is
  ready to veto" -> Russia), or of the verb a "by/after ...ing" phrase hangs
  on ("protected the regime by blocking resolutions"); for a relative clause
  ("Ayrault, who accused Syria") the noun it modifies; "the two countries"
  are the last two countries named;
* the **target**: the object of the pattern's own preposition ("called on
  ISSG"), else the direct object, else the object of with/to/against/on/at/
  from/into/between...; a party before a thing (:meth:`RuleCoder._actor_like`:
  "returned the paintings to Peru" -> Peru, "gave Putin a warning" -> Putin,
  "sent troops to Uganda" -> Uganda: the troops are the doer's own); without
  one, the target of the act the verb is about ("threatened to shell X",
  "is considering sending aid to X", "issued a statement calling on X"), the
  subject a reporting verb reports on ("Russia says Israel must ..."), the
  noun a participle modifies ("Syria, backed by Russia"), the place aid goes
  to; the passive subject ("Syria was condemned");
* **mutual acts**: coordinated parties acting together ("Jordan and Britain
  agreed to hold exercises", "X and Y failed to reach agreement") are each
  other's target; meetings, negotiations and signed agreements are mutual
  whatever the syntax (:func:`mutual`);
* **acts named by a noun**: "Russia's veto", and the object of a declaring
  verb ("announced a ceasefire", "began a joint exercise", "issued a warning
  to X"): the noun is the event, the verb's subject its doer;
* the **modality**: negated, hypothetical (if/unless, would/could/might),
  future (will, going to, or an infinitive under threaten/plan/ready/willing...),
  reported (the clause of a reporting verb, with ``attributed_to``), asserted.
  Negated cooperation under will/refuse is a rejection (12x), announced
  conflict a threat (13x), announced material cooperation an intent (03x:
  "will release the hostages", "is willing to withdraw"), and "X says Y
  must ..." a demand on Y (100).

Actors come from :mod:`diurna.actors`; an argument's span is its noun phrase
with the prepositional phrases of :data:`diurna.lexicon.actors.ARGUMENT_PREPS`.  An
event needs a source or a target.  The event's date is the date of a time
expression in the trigger's clause, else the article's.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..actors import Gazetteer, People, actors_for, default_gazetteer
from ..lexicon.events import (TARGET_PREPS, DECLARING, AMOUNTS, WHERE_PREPS, GROUP_NOUNS, WEAK_PREPS,
                              ACTOR_PRONOUNS, FUTURE_HEADS, HYPOTHETICAL_AUX, RELATIVE, PRONOUNS,
                              NEGATING_HEADS, UNREALISED_UNDER)
from ..lexicon.reporting import REPORTING_CLAUSE
from ..syntax import ARGUMENT_PREPS, children, noun_phrase
from ..records import PRECISIONS, Actor, Article, Event, Sentence, Span
from ..places import find_places, place_at
from ..time import find_timexes
from . import cameo_info, register

_CALENDAR = re.compile(r"^\d{4}(-(\d{2}|W\d{2}|Q\d|H\d)(-\d{2})?)?(T.*)?$")


def _lemma(s: Sentence, tok: int, known) -> str:
    """The lower-cased lemma, or with a hyphenated first part joined on
    when that is the word ``known`` lists ("cease-fire" -> "ceasefire")."""
    lem = s.lemmas[tok].lower()
    if tok >= 2 and s.words[tok - 1] == "-" and s.offsets[tok - 1] == s.offsets[tok - 2] + len(s.words[tok - 2]):
        joined = s.words[tok - 2].lower() + lem
        if joined in known:
            return joined
    if tok >= 1 and s.deps[tok - 1] == "compound" and s.heads[tok - 1] == tok:
        joined = s.words[tok - 1].lower() + " " + lem  # "war games"
        if joined in known:
            return joined
    return lem


def _in_actor_entity(s: Sentence, tok: int) -> bool:
    """Whether the token is inside a PERSON, ORG, GPE or NORP entity."""
    off = s.offsets[tok]
    return any(e.label in ACTOR_ENTITIES and e.start <= off < e.end for e in s.entities)


def _is_time(s: Sentence, tok: int) -> bool:
    """A date or time, not a participant ("on Tuesday", "on Nov. 2")."""
    off = s.offsets[tok]
    return any(e.label in ("DATE", "TIME") and e.start <= off < e.end for e in s.entities)


def _token_at(s: Sentence, start: int) -> int | None:
    for i, off in enumerate(s.offsets):
        if off <= start < off + len(s.words[i]):
            return i
    return None


def _precision(value: str) -> str:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if "-Q" in value or "-H" in value:
        return "quarter"
    return "year"




@lru_cache(maxsize=4096)
def _relative(expression: str) -> bool:
    """Does the expression need an anchor to be dated ("on Wednesday", "last
    week", "March 3"), unlike "March 3, 2012" or "in 2011"?"""
    found = find_timexes(expression, None)
    return not found or any(t.value is None or "X" in t.value for t in found)


def _interval_precision(article: Article) -> str:
    """The honest precision of a day counted from an inferred publication date:
    the width of the interval the article's date was inferred in."""
    lo, hi = article.published_earliest, article.published_latest
    if not (lo and hi):
        return "year"
    import datetime as dt

    width = (dt.date.fromisoformat(hi) - dt.date.fromisoformat(lo)).days
    return "day" if width < 1 else "week" if width < 7 else "month" if width < 31 else "year"


def _coarser(a: str, b: str) -> str:
    return max(a, b, key=lambda p: PRECISIONS.index(p) if p in PRECISIONS else len(PRECISIONS))


def _first_day(value: str) -> str:
    import datetime as dt

    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        return dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
    m = re.fullmatch(r"(\d{4})-Q(\d)", value)
    if m:
        return f"{m.group(1)}-{3 * int(m.group(2)) - 2:02d}-01"
    m = re.fullmatch(r"(\d{4})-H(\d)", value)
    if m:
        return f"{m.group(1)}-{'01' if m.group(2) == '1' else '07'}-01"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value + "-01"
    return value[:4] + "-01-01"

# material conflict: what is attacked, seized or destroyed is the target, thing or not
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# sending forces is peacekeeping (CAMEO 074) when the sentence says so
PEACEKEEPING_OF = frozenset({"042", "062", "150", "152", "154"})


def _peacekeeping(cameo: str, s: Sentence) -> str:
    """"deployed 300 troops to the UN peacekeeping mission in Mali": 074."""
    if cameo in PEACEKEEPING_OF and any(w.lower().startswith("peacekeep") for w in s.words):
        return "074"
    return cameo
# acts that are mutual whatever the syntax: "X met Y" is also "Y met X"
# (consult, meet at a third place, negotiate, sign an agreement)
SYMMETRIC_CODES = frozenset({"040", "044", "046", "057"})
# roots of acts done together when the doers are coordinated ("Jordan and
# Britain agreed to hold exercises"): intent, consultation, diplomatic and
# material cooperation
RECIPROCAL_ROOTS = frozenset({"03", "04", "05", "06"})


def mutual(ev: Event) -> bool:
    """Whether the event's parties act together (each is source and target)."""
    return ev.cameo[:3] in SYMMETRIC_CODES or (
        bool(ev.source) and [(a.start, a.end) for a in ev.source] == [(a.start, a.end) for a in ev.target])


# entity labels of parties (not MONEY, DATE, LAW, WORK_OF_ART...)
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
SUBJ = ("nsubj", "csubj")
# a cooperative act refused or denied is a rejection (CAMEO 12x)
REFUSAL_OF = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "081": "1241", "082": "1242",
              "083": "123", "0841": "1243", "0842": "1243", "085": "1244", "086": "1245", "087": "1246", "08": "124"}
# a cooperative act announced for the future is an intent to do it (CAMEO 03)
INTENT_OF = {"06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314", "07": "033", "070": "033",
             "071": "0331", "072": "0332", "073": "0333", "074": "0334", "075": "0333", "08": "035", "081": "0351",
             "082": "0352", "083": "034", "0831": "0341", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}
# a conflictual act announced for the future is a threat of it
THREAT_OF = {"12": "130", "16": "1313", "17": "130", "18": "138", "19": "138", "20": "138"}


@dataclass(frozen=True)
class VerbPattern:
    """One lexicon row: ``lemma [prep] [+obj|obj]`` -> CAMEO code."""

    lemma: str
    prep: str | None
    objects: frozenset[str] | None
    cameo: str
    note: str = ""

    @property
    def specificity(self) -> int:
        return (self.prep is not None) + (self.objects is not None)


class Lexicon:
    """Verb patterns by lemma, most specific first."""

    def __init__(self, patterns: list[VerbPattern]):
        self.by_lemma: dict[str, list[VerbPattern]] = {}
        for p in patterns:
            self.by_lemma.setdefault(p.lemma, []).append(p)
        for v in self.by_lemma.values():
            v.sort(key=lambda p: -p.specificity)

    @classmethod
    def parse(cls, text: str) -> Lexicon:
        pats = []
        rows = csv.reader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
        for n, row in enumerate(rows, 1):
            if len(row) < 2:
                raise ValueError(f"verbs.tsv row {n}: expected pattern<TAB>cameo, got {row!r}")
            pattern, code = row[0].strip(), row[1].strip()
            objects = None
            if "+" in pattern:
                pattern, _, objs = pattern.partition("+")
                objects = frozenset(o.strip() for o in objs.split("|") if o.strip())
            words = pattern.split()
            pats.append(VerbPattern(words[0], " ".join(words[1:]) or None, objects, code,
                                    row[2].strip() if len(row) > 2 else ""))
        return cls(pats)

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> Lexicon:
        if path:
            return cls.parse(Path(path).read_text("utf-8"))
        return cls.parse(resources.files("diurna").joinpath("data/verbs.tsv").read_text("utf-8"))


class RuleCoder:
    """Dependency-pattern coder (see the module docstring)."""

    name = "rules"

    def __init__(self, lexicon: Lexicon | None = None, gazetteer: Gazetteer | None = None,
                 nouns: dict[str, str] | None = None):
        self.lexicon = lexicon or Lexicon.from_file()
        self.gazetteer = gazetteer or default_gazetteer()
        self.nouns = nouns if nouns is not None else load_nouns()

    # -- public -------------------------------------------------------------
    def code(self, article: Article, sentences: list[Sentence]) -> list[Event]:
        timexes = [t for t in find_timexes(article.text, article.published, sentences)
                   if t.type in ("DATE", "TIME") and t.value and _CALENDAR.match(t.value)]
        events: list[Event] = []
        people = People(article.published)
        self._recent = []  # countries named so far, most recent last ("the two countries")
        self._places = find_places(article.text, sentences)
        for s in sentences:
            inside = [t for t in timexes if s.start <= t.start < s.end]
            events.extend(self.code_sentence(article, s, inside, people))
            for m in self._mentions:
                c = m.entry.country
                if c and m.entry.kind not in ("igo", "ngo", "group", "sector"):
                    if c in self._recent:
                        self._recent.remove(c)
                    self._recent.append(c)
        return events

    def code_sentence(self, article: Article, s: Sentence, timexes=(), people: People | None = None) -> list[Event]:
        lex = self.lexicon.by_lemma
        kids = children(s)
        mentions = self._mentions = self.gazetteer.mentions(s.words)
        self._people = people if people is not None else People(article.published)
        self._people.meet(s, kids, mentions)  # who the people of this sentence are, before coding what they do
        # a root with a subject is a verb even when tagged a noun ("EU and UN hand over supplies")
        verbs = [t for t, (p, lem) in enumerate(zip(s.pos, s.lemmas)) if lem.lower() in lex and (
            p == "VERB" or (p == "NOUN" and s.deps[t] == "ROOT" and any(s.deps[c] == "nsubj" for c in kids[t])))]
        nominals = [t for t, p in enumerate(s.pos) if p == "NOUN" and _lemma(s, t, self.nouns) in self.nouns]
        if not verbs and not nominals:
            return []
        out = []
        self._coded_verbs = set()
        # verbs that declare an act a noun names ("announced a ceasefire"): coded from the noun
        self._declarers = {self._declarer(s, k) for k in nominals}
        for t in verbs:
            ev = self._event(article, s, t, kids, mentions)
            if ev is not None:
                self._coded_verbs.add(t)
                self._date(ev, article, s, t, timexes)
                self._locate(ev, s, t, kids)
                out.append(ev)
        coded_objects = {a.start for e in out for a in e.target}
        for t in nominals:
            if t in self._coded_verbs:  # a noun root coded as the verb it acts as ("Japan demand to soak up")
                continue
            ev = self._nominal(article, s, t, kids, mentions, coded_objects)
            if ev is not None:
                self._date(ev, article, s, s.heads[t] if s.pos[s.heads[t]] in ("VERB", "AUX") else t, timexes)
                self._locate(ev, s, t, kids)
                out.append(ev)
        return out

    def _nominal(self, article: Article, s: Sentence, t: int, kids, mentions, coded_objects) -> Event | None:
        """"Russia's veto", "an Israeli airstrike on Gaza": the noun names its doer."""
        h = s.heads[t]
        declarer = self._declarer(s, t)
        declared = declarer is not None
        if s.deps[t] in ("dobj", "obj", "nsubjpass") and h in self._coded_verbs:
            return None  # "launched an attack": coded from the verb
        doers = [c for c in kids[t] if s.deps[c] in ("poss", "amod", "compound", "nmod")]
        source = []
        for c in doers:
            source += [a for a in actors_for(s, c, kids, mentions, people=self._people) if a.code]
        if declared and not any(a.country for a in source):
            # "Ghani announced a ceasefire", "the navies began a joint military
            # exercise": the one who announces or carries out the act does it
            subj, _ = self._subject(s, declarer, kids)
            if subj is not None:
                by = actors_for(s, subj, kids, mentions, uncoded=True, people=self._people, preps=ARGUMENT_PREPS)
                if by and (not source or any(a.code for a in by)):
                    source = by
        if not source:
            return None
        target_head = self._prep_object(s, t, kids)
        if target_head is None or not self._actor_like(s, target_head, kids):
            # "the release of two Kuwaiti nationals": the one released
            of = next((k for c in kids[t] if s.deps[c] == "prep" and s.words[c].lower() == "of"
                       for k in kids[c] if s.deps[k] == "pobj"), None)
            if of is not None and self._actor_like(s, of, kids):
                target_head = of
        if target_head is None and declared:
            # "issued a warning to Lesotho", "gave Putin a deadline"
            target_head = next((c for c in kids[declarer] if s.deps[c] == "dative"), None)
            if target_head is None:
                target_head = self._prep_object(s, declarer, kids, actors_only=True)
        target = actors_for(s, target_head, kids, mentions, uncoded=True, people=self._people,
                            preps=ARGUMENT_PREPS) if target_head is not None else []
        target = [a for a in target if all(a.start != b.start for b in source)]
        cameo = _peacekeeping(self.nouns[_lemma(s, t, self.nouns)], s)
        if len(source) > 1 and cameo[:2] in RECIPROCAL_ROOTS and not target:
            target = [Actor(**asdict(a)) for a in source]  # "Jordan and Britain held joint exercises"
        modality, attributed = self._modality(s, h if s.pos[h] in ("VERB", "AUX") else t, kids, mentions)
        if s.deps[t] in ("dobj", "obj") and s.lemmas[h].lower() in ("threaten", "warn"):
            cameo, modality = "130", "asserted"  # "threatened a veto"
        info = cameo_info(cameo)
        start = s.offsets[t]
        return Event(
            id=f"{article.id}:{s.index}:{start}", article_id=article.id, sentence=s.index,
            source=source, target=target, cameo=cameo, quad_class=0 if cameo.startswith("01") else info.quad,
            goldstein=info.goldstein, trigger=Span(s.words[t], start, start + len(s.words[t])),
            plover=info.plover, mode=info.mode, modality=modality, attributed_to=attributed,
            confidence=0.45 + (0.15 if target else 0.0))

    def _locate(self, ev: Event, s: Sentence, t: int, kids) -> None:
        """The place the trigger's clause names, if any ("air raids on Aleppo")."""
        p = place_at(s, t, kids, getattr(self, "_places", []), ev.cameo, self.nouns.keys())
        if p is not None:
            ev.location = p

    def _date(self, ev: Event, article: Article, s: Sentence, t: int, timexes) -> None:
        """The date of the time expression attached to the trigger's clause,
        else the article's date."""
        for tx in timexes:
            tok = _token_at(s, tx.start)
            if tok is None:
                continue
            # climb from the expression to the first verb above it
            h, steps = tok, 0
            while s.pos[h] not in ("VERB", "AUX") and s.heads[h] != h and steps < 6:
                h, steps = s.heads[h], steps + 1
            if h == t:
                value = tx.value.split("T")[0]
                ev.date = _first_day(value)
                ev.date_precision = _precision(value)
                if article.published_source == "inferred" and _relative(tx.text):
                    # "on Wednesday" counted from a date inferred from the text:
                    # no more precise than the article's own interval
                    ev.date_precision = _coarser(ev.date_precision, _interval_precision(article))
                ev.date_source, ev.date_text = "text", tx.text
                return
        ev.date = article.published
        ev.date_precision = "day" if article.published else None
        if article.published and article.published_source == "inferred":
            # the article's day is a best guess inside its interval: no more precise than that
            ev.date_precision = _interval_precision(article)
        ev.date_source = ("inferred" if article.published_source == "inferred" else "article") if article.published else None

    # -- internals ----------------------------------------------------------
    def _match(self, s: Sentence, t: int, kids) -> tuple[VerbPattern, int | None] | None:
        """The first pattern of the verb at ``t`` that fits, with its target head."""
        dobj = next((c for c in kids[t] if s.deps[c] in ("dobj", "obj")), None)
        for p in self.lexicon.by_lemma[s.lemmas[t].lower()]:
            target = None
            if p.prep:
                # "called on Friday" is not "called on X"; "In addition, troops
                # participate in operations": the "in" whose object the pattern names
                cands = [c for c in kids[t] if s.deps[c] in ("prep", "prt", "agent") and s.words[c].lower() == p.prep
                         and not any(s.deps[k] == "pobj" and _is_time(s, k) for k in kids[c])]
                if p.objects is not None and len(cands) > 1:
                    cands.sort(key=lambda c: not any(s.deps[k] == "pobj" and _lemma(s, k, p.objects) in p.objects
                                                     for k in kids[c]))
                c = cands[0] if cands else None
                if c is None:
                    continue
                if s.deps[c] == "prt":
                    target = dobj
                else:
                    target = next((k for k in kids[c] if s.deps[k] == "pobj"), None)
            if p.objects is not None:
                if p.prep and target is not None and s.deps[target] == "pobj":
                    # "went on strike", "held civilians as human shields": the
                    # noun is the preposition's object; the object, if any, is the target
                    if _lemma(s, target, p.objects) not in p.objects:
                        continue
                    if dobj is not None:
                        return p, dobj
                    noun = target
                    target = self._prep_object(s, noun, kids, actors_only=True)
                    if target is None:
                        target = self._prep_object(s, t, kids, actors_only=True)
                    return p, (None if target == noun else target)
                if dobj is None or (_lemma(s, dobj, p.objects) not in p.objects and not any(
                        s.deps[k] == "compound" and s.lemmas[k].lower() in p.objects for k in kids[dobj])):
                    continue  # "eased curfew hours": the compound names it too
                target = target if p.prep else None
            elif target is None and not p.prep:
                target = dobj
            if target is not None and _is_time(s, target):
                target = None
            if target is None and p.objects is not None and dobj is not None:
                # light verb: "launched an assault on X", "held talks with X";
                # "summoned the ambassador in Berlin": the ambassador; "gave Putin a warning": Putin
                dative = self._dative(s, t, kids)
                target = (dobj if self._actor_like(s, dobj, kids) else dative if dative is not None
                          else self._prep_object(s, dobj, kids))
            elif target is not None and p.prep and s.deps[target] == "pobj" and not self._actor_like(s, target, kids):
                # "pushed Congress for reforms", "called for sanctions against China"
                if dobj is not None and self._actor_like(s, dobj, kids):
                    target = dobj
                else:
                    target = (self._prep_object(s, target, kids, actors_only=True)
                              or self._prep_object(s, t, kids, actors_only=True) or target)
            if target is None:
                target = self._prep_object(s, t, kids)
            if target is None and dobj is not None and p.objects is not None and self._actor_like(s, dobj, kids):
                target = dobj  # "summoned the UK envoy"
            elif target is not None and not p.prep and target == dobj and not self._named(s, dobj, kids) \
                    and not self._names_body(s, dobj, kids) and p.cameo[:2] not in FORCE_ROOTS:
                # "sent troops to Uganda": the forces are the doer's own
                target = self._recipient(s, t, dobj, kids)
            if target is None and s.lemmas[t].lower() in REPORTING_CLAUSE:
                # "Russia says Israel must end attacks": the one spoken about
                target = self._reported_subject(s, t, kids)
                if target is not None and p.cameo.startswith("01") and self._obliged(s, target, kids):
                    # "X says Y must ...": a demand on Y
                    return VerbPattern(p.lemma, p.prep, p.objects, "100", "demand in reported speech"), target
            if target is None:
                # "threatened to shell X", "is considering sending aid to X",
                # "issued a statement calling on X": the target of the act
                # the verb is about
                target = self._complement_target(s, t, dobj, kids)
            return p, target
        return None

    def _place_in(self, s: Sentence, t: int, kids, skip: int | None) -> int | None:
        """The first country or place named in the clause of ``t`` (not in
        its subject), nearest the verb first."""
        stack, seen = [t], set()
        while stack:
            k = stack.pop(0)
            for c in kids[k]:
                if c == skip or s.deps[c] in ("nsubj", "nsubjpass", "advcl", "relcl", "conj", "ccomp", "parataxis"):
                    continue
                if s.deps[c] in ("pobj", "dobj") and c not in seen and (
                        any(m.i <= c < m.j and m.entry.kind in ("country", "capital") for m in self._mentions)
                        or any(e.label == "GPE" and e.start <= s.offsets[c] < e.end for e in s.entities)):
                    return c
                seen.add(c)
                stack.append(c)
        return None

    def _obliged(self, s: Sentence, subj: int, kids) -> bool:
        """Whether the clause of ``subj`` says it must do something ("Israel must end")."""
        v = s.heads[subj]
        return any(s.deps[c] == "aux" and s.words[c].lower() == "must" for c in kids[v])

    def _would(self, s: Sentence, t: int, kids) -> bool:
        """"(said it) would allow": a future seen from the past, not a condition."""
        h = t
        for _ in range(3):
            words = {s.words[c].lower() for c in kids[h] if s.deps[c] in ("aux", "mark")}
            if words & {"if", "unless"}:
                return False
            if "would" in words:
                return True
            if s.deps[h] not in ("xcomp", "conj") or s.heads[h] == h:
                break
            h = s.heads[h]
        return False

    def _declarer(self, s: Sentence, t: int) -> int | None:
        """The declaring verb whose object the noun at ``t`` is: "announced a
        ceasefire", "announced $33 million in assistance"."""
        h = s.heads[t]
        if s.deps[t] == "pobj" and s.words[h].lower() in ("in", "of") and s.heads[h] != h:
            q = s.heads[h]  # "$33 million in assistance": the amount is the object
            if s.deps[q] in ("dobj", "obj") and (s.pos[q] == "NUM" or s.lemmas[q].lower() in AMOUNTS):
                t, h = q, s.heads[q]
        if s.deps[t] in ("dobj", "obj") and s.pos[h] == "VERB" and s.lemmas[h].lower() in DECLARING:
            return h
        return None

    def _group_anaphor(self, s: Sentence, h: int, kids) -> bool:
        """"the two countries", "both nations": the last two countries named."""
        words = {s.words[k].lower() for k in noun_phrase(s, h, kids)}
        return (s.lemmas[h].lower() in GROUP_NOUNS and bool(words & {"two", "both"})
                and len(getattr(self, "_recent", ())) >= 2)

    def _recipient(self, s: Sentence, t: int, dobj: int, kids) -> int:
        """"returned the paintings to Peru", "provided training to AMISOM",
        "signed an agreement with Kenya": a party, not the thing given, is
        the target (else the thing)."""
        dative = self._dative(s, t, kids)
        if dative is not None:
            return dative
        other = self._prep_object(s, t, kids, actors_only=True)
        if other is not None and s.words[s.heads[other]].lower() in WHERE_PREPS:
            other = None  # "attacked an army camp in Kabul": where, not to whom
        if other is None:
            other = self._prep_object(s, dobj, kids, actors_only=True)
        if other is not None and self._actor_like(s, dobj, kids) and (
                not self._named(s, other, kids) or s.deps[s.heads[other]] == "prep" and s.words[s.heads[other]].lower() in ("in", "at")):
            return dobj  # "killed five soldiers in Kabul"
        return other if other is not None else dobj

    def _reported_subject(self, s: Sentence, t: int, kids, depth: int = 0) -> int | None:
        """The subject of the clause a reporting verb reports, passing over
        the speaker's own pronoun ("said they hoped that Gambari would ...")."""
        for c in kids[t]:
            if s.deps[c] != "ccomp":
                continue
            subj = next((k for k in kids[c] if s.deps[k] in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            if s.pos[subj] == "PRON":
                # "said it is skeptical of the toll": what the speaker is skeptical of
                adj = next((k for k in kids[c] if s.deps[k] == "acomp"), None)
                about = next((k for p in (kids[adj] if adj is not None else ()) if s.deps[p] == "prep"
                              for k in kids[p] if s.deps[k] == "pobj"), None)
                if about is not None:
                    return about
                return self._reported_subject(s, c, kids, depth + 1) if depth < 2 else None
            return subj
        return None

    def _complement_target(self, s: Sentence, t: int, dobj: int | None, kids, depth: int = 0) -> int | None:
        clauses = [c for c in kids[t] if s.deps[c] in ("xcomp", "ccomp") and s.pos[c] in ("VERB", "AUX")]
        if dobj is not None:
            clauses += [c for c in kids[dobj] if s.deps[c] in ("acl", "relcl") and s.pos[c] == "VERB"
                        and s.tags[c] in ("VBG", "VB", "VBN")]
        for c in clauses:
            obj = next((k for k in kids[c] if s.deps[k] in ("dobj", "obj")), None)
            if obj is not None and self._named(s, obj, kids):
                return obj
            if obj is not None:
                r = self._recipient(s, c, obj, kids)
                if r != obj:
                    return r
            pobj = self._prep_object(s, c, kids, actors_only=True)
            if pobj is not None:
                return pobj
            if depth < 2:
                deeper = self._complement_target(s, c, obj, kids, depth + 1)
                if deeper is not None:
                    return deeper
            if obj is not None and not _is_time(s, obj):
                return obj
        return None

    def _dative(self, s: Sentence, t: int, kids) -> int | None:
        """The verb's indirect object when it names a party ("gave Putin a warning")."""
        return next((c for c in kids[t] if s.deps[c] == "dative" and self._actor_like(s, c, kids)), None)

    def _actor_like(self, s: Sentence, h: int, kids) -> bool:
        """Whether the phrase headed at ``h`` names a party (a gazetteer
        actor or role noun, a person, organisation, country or nationality)
        rather than a thing ("the paintings", "$1 million", "a statement")."""
        if s.pos[h] == "PRON":
            return s.words[h].lower() in ACTOR_PRONOUNS
        # the head decides: "Mexico's immigration policy", "joint military
        # exercises", "six Iraqi artifacts" are things
        if s.pos[h] == "PROPN" or any(m.i <= h < m.j for m in self._mentions):
            return True
        if _in_actor_entity(s, h):
            return True
        # "its poor neighbour Kyrgyzstan"
        return any(s.deps[c] == "appos" and s.pos[c] == "PROPN" for c in kids[h])

    def _names_body(self, s: Sentence, h: int, kids) -> bool:
        """"a UN Security Council resolution": a thing that names the body
        it belongs to is the target itself, not a stepping stone."""
        toks = set(noun_phrase(s, h, kids))
        return any(m.i in toks and m.entry.kind in ("igo", "ngo", "group", "country") for m in self._mentions)

    def _named(self, s: Sentence, h: int, kids) -> bool:
        """A party with a name or a country ("Uganda", "the Iraqi army"),
        not a bare role noun ("troops", "experts")."""
        if s.pos[h] == "PROPN":
            return True
        if not self._actor_like(s, h, kids):
            return False  # "six Iraqi artifacts"
        toks = set(noun_phrase(s, h, kids))
        if any(m.entry.kind != "sector" and m.i in toks for m in self._mentions):
            return True
        return _in_actor_entity(s, h)

    def _prep_object(self, s: Sentence, t: int, kids, actors_only: bool = False) -> int | None:
        """The object of the verb's (or noun's) target preposition: a party
        before a thing, then by preposition ("with" before "in")."""
        best, rank = None, None
        for c in kids[t]:
            if s.deps[c] in ("prep", "dative") and s.words[c].lower() in TARGET_PREPS:
                k = next((k for k in kids[c] if s.deps[k] == "pobj"), None)
                if k is None or _is_time(s, k):
                    continue
                actor = self._actor_like(s, k, kids)
                if (actors_only or (s.words[c].lower() in WEAK_PREPS and s.pos[t] != "NOUN")) and not actor:
                    continue  # "voted for the text" is not about a party; "concern for X" is
                r = (not actor, TARGET_PREPS.index(s.words[c].lower()))
                if rank is None or r < rank:
                    best, rank = k, r
        return best

    def _subject(self, s: Sentence, t: int, kids) -> tuple[int | None, bool]:
        """Head of the source argument and whether it came from a passive agent."""
        for c in kids[t]:
            if s.deps[c] == "agent":
                pobj = next((k for k in kids[c] if s.deps[k] == "pobj"), None)
                if pobj is not None:
                    return pobj, True
        subj = next((c for c in kids[t] if s.deps[c] in SUBJ), None)
        if subj is None:
            # "The UK and France however have opposed": a subject the parser hung on the auxiliary
            subj = next((k for c in kids[t] if s.deps[c] in ("aux", "auxpass") for k in kids[c] if s.deps[k] in SUBJ), None)
        if subj is not None:
            if s.words[subj].lower() in RELATIVE and s.deps[t] == "relcl":
                return s.heads[t], False
            if s.words[subj].lower() in PRONOUNS:
                # "Netanyahu says he will seek support": he = the one who says
                h = t
                while s.deps[h] in ("xcomp", "conj") and s.heads[h] != h:
                    h = s.heads[h]
                if s.deps[h] == "ccomp" and s.lemmas[s.heads[h]].lower() in REPORTING_CLAUSE:
                    said, _ = self._subject(s, s.heads[h], kids)
                    if said is not None and s.words[said].lower() not in PRONOUNS:
                        return said, False
            return subj, False
        h, dep = s.heads[t], s.deps[t]
        if h == t:
            # "USAID deployed teams" with USAID parsed as an adverb: an actor
            # before the verb that the parser did not make its subject
            c = next((c for c in kids[t] if c < t and s.deps[c] in ("advmod", "npadvmod", "nmod", "dep")
                      and any(m.i <= c < m.j and m.entry.kind != "sector" for m in self._mentions)), None)
            return c, False
        if dep == "conj":
            return self._subject(s, h, kids)
        if dep == "xcomp":
            obj = next((c for c in kids[h] if s.deps[c] in ("dobj", "obj")), None)
            return (obj, False) if obj is not None else self._subject(s, h, kids)
        if dep == "acomp" or (dep == "xcomp" and s.pos[h] == "ADJ"):
            return self._subject(s, h, kids)
        if s.pos[h] == "ADJ" and s.deps[h] in ("acomp", "amod"):
            return self._subject(s, s.heads[h], kids)
        if dep == "advcl" and s.tags[t] == "VBG":
            # "Protesters gathered ..., demanding an end to the fighting"
            return self._subject(s, h, kids)
        if dep == "acl" and s.tags[t] == "VBD":
            return h, False  # "The Iraqi air force carried out strikes" parsed as a reduced relative
        if dep == "acl" and s.tags[t] == "VBG":
            if s.deps[h] in ("dobj", "obj") and s.pos[s.heads[h]] == "VERB":
                # "Amnesty put out a report accusing the army": the report's author accuses
                return self._subject(s, s.heads[h], kids)
            if self._actor_like(s, h, kids):
                return h, False  # "protesters demanding an end to the war"
        if dep == "pcomp" and s.tags[t] == "VBG" and s.deps[h] == "prep" and s.pos[s.heads[h]] in ("VERB", "AUX") \
                and s.words[h].lower() in ("by", "after", "before", "while", "in", "without"):
            # "Russia and China protected the regime by blocking resolutions"
            return self._subject(s, s.heads[h], kids)
        if dep == "pcomp" and s.tags[t] == "VBG" and s.deps[h] == "prep" and s.pos[s.heads[h]] == "ADJ" \
                and s.deps[s.heads[h]] == "acomp":
            # "India and Pakistan were guilty of violating the ceasefire"
            return self._subject(s, s.heads[s.heads[h]], kids)
        return None, False

    def _modality(self, s: Sentence, t: int, kids, mentions) -> tuple[str, Actor | None]:
        aux = {s.lemmas[c].lower() for c in kids[t] if s.deps[c] in ("aux", "auxpass")}
        neg = any(s.deps[c] == "neg" for c in kids[t])
        marks = {s.words[c].lower() for c in kids[t] if s.deps[c] == "mark"}
        # climb through the clause: conditions and futures are often marked higher up
        h, dep, steps = t, s.deps[t], 0
        future = bool(aux & {"will", "shall"}) or "going" in {s.words[c].lower() for c in kids[t]}
        while dep in ("xcomp", "conj", "acomp") and s.heads[h] != h and steps < 4:
            h = s.heads[h]
            if dep == "xcomp" and s.lemmas[h].lower() in FUTURE_HEADS:
                future = True
            marks |= {s.words[c].lower() for c in kids[h] if s.deps[c] == "mark"}
            aux |= {s.lemmas[c].lower() for c in kids[h] if s.deps[c] in ("aux", "auxpass")}
            dep = s.deps[h]
            steps += 1
        if neg or (s.deps[t] == "xcomp" and s.lemmas[s.heads[t]].lower() in NEGATING_HEADS):
            return "negated", None
        if marks & {"if", "unless"} or aux & HYPOTHETICAL_AUX:
            return "hypothetical", None
        if future or aux & {"will", "shall"}:
            return "future", None
        if dep in ("ccomp", "advcl") and s.heads[h] != h and s.lemmas[s.heads[h]].lower() in REPORTING_CLAUSE:
            say = s.heads[h]
            subj, _ = self._subject(s, say, kids)
            who = actors_for(s, subj, kids, mentions, people=self._people) if subj is not None else []
            return "reported", (who[0] if who else None)
        return "asserted", None

    def _event(self, article: Article, s: Sentence, t: int, kids, mentions) -> Event | None:
        if s.deps[t] == "xcomp" and s.lemmas[s.heads[t]].lower() in UNREALISED_UNDER:
            return None
        m = self._match(s, t, kids)
        if m is None:
            return None
        pattern, target_head = m
        if pattern.cameo == "-":
            return None  # "fight the epidemic": the lexicon says this is no political event
        if pattern.objects is None and s.lemmas[t].lower() in DECLARING and t in self._declarers:
            return None  # "announced a ceasefire": the ceasefire is the event (coded from the noun)
        src_head, _ = self._subject(s, t, kids)
        blame_target = None
        if s.lemmas[t].lower() == "blame" and s.deps[t] == "xcomp" and s.lemmas[s.heads[t]].lower() == "be":
            # "the Syrian government was to blame": the subject is blamed, by whoever says so
            blame_target, src_head = src_head, None
        # passive subject is the target ("Syria was condemned by France")
        passive_subj = next((c for c in kids[t] if s.deps[c] == "nsubjpass"), None)
        if passive_subj is not None and target_head is None:
            target_head = passive_subj
        if target_head is None and s.deps[t] == "acl" and s.tags[t] == "VBN" and s.heads[t] != t:
            target_head = s.heads[t]  # "Syria, backed by Russia": Syria
        if pattern.cameo[:2] == "07" and (target_head is None or not self._actor_like(s, target_head, kids)):
            # "provided $340 million for assistance in northern Iraq": aid goes to a place
            target_head = self._place_in(s, t, kids, src_head) or target_head
        source = actors_for(s, src_head, kids, mentions, uncoded=True, people=self._people, preps=ARGUMENT_PREPS) if src_head is not None else []
        if len(source) == 1 and not source[0].code and self._group_anaphor(s, src_head, kids):
            # "Russia, along with China, wield veto power. The two countries have vetoed ..."
            a = source[0]
            source = [Actor(a.text, a.start, a.end, c, c) for c in self._recent[-2:]]
        target = actors_for(s, target_head, kids, mentions, uncoded=True, people=self._people, preps=ARGUMENT_PREPS) if target_head is not None else []
        target = [a for a in target if all(a.start != b.start for b in source)]
        for a in target:
            if a.text.lower() in ("him", "her", "them") and any(a.name and a.name == b.name for b in source):
                # "Trump urged him": an object pronoun is never its own clause's subject
                a.code, a.country, a.sector, a.name = "", None, None, None
        together = pattern.cameo[:2] in RECIPROCAL_ROOTS or any(
            s.deps[c] == "xcomp" and any(q.cameo[:2] in RECIPROCAL_ROOTS for q in self.lexicon.by_lemma.get(s.lemmas[c].lower(), ()))
            for c in kids[t])  # "X and Y failed to reach an agreement"
        if len(source) > 1 and together and (target_head is None or not self._actor_like(s, target_head, kids)):
            # "Canada and Mexico agreed a trade deal": each is the other's counterpart
            target = [Actor(**asdict(a)) for a in source]
        modality, attributed = self._modality(s, t, kids, mentions)
        if blame_target is not None:
            target = actors_for(s, blame_target, kids, mentions, uncoded=True, people=self._people, preps=ARGUMENT_PREPS)
            source = [attributed] if attributed is not None else []
        # an event needs someone doing it or done to: a known actor, or at
        # least an argument in the parse
        if not source and not target:
            return None
        cameo = _peacekeeping(pattern.cameo, s)
        refusal = modality == "negated" and "03" <= cameo[:2] <= "08" and (
            any(s.lemmas[c].lower() in ("will", "would", "can", "could") for c in kids[t] if s.deps[c] == "aux")
            or (s.deps[t] == "xcomp" and s.lemmas[s.heads[t]].lower() in NEGATING_HEADS))
        if refusal:
            # "will not release the soldiers", "declined to resign": a refusal
            cameo = REFUSAL_OF.get(cameo) or REFUSAL_OF.get(cameo[:3]) or REFUSAL_OF.get(cameo[:2], "120")
            modality = "asserted"
        if cameo[:2] in ("06", "07", "08") and (modality == "future" or (modality == "hypothetical" and self._would(s, t, kids))):
            # "will release the hostages", "is willing to withdraw its troops",
            # "said it would allow access": an intent to cooperate (CAMEO 03)
            cameo = INTENT_OF.get(cameo) or INTENT_OF.get(cameo[:3]) or INTENT_OF[cameo[:2]]
            modality = "asserted"
        if modality == "future" and cameo[:2] in THREAT_OF:
            # "ready to veto", "will impose sanctions": announced conflict is a threat
            cameo = THREAT_OF[cameo[:2]]
        info = cameo_info(cameo)
        start = s.offsets[t]
        coded_src = any(a.code for a in source)
        conf = (0.35 + (0.15 if coded_src else 0.0) + (0.2 if any(a.code for a in target) else 0.05 if target else 0.0)
                + (0.1 if modality == "asserted" else 0.0))
        return Event(
            id=f"{article.id}:{s.index}:{start}",
            article_id=article.id,
            sentence=s.index,
            source=source,
            target=target,
            cameo=cameo,
            quad_class=0 if cameo.startswith("01") else info.quad,
            goldstein=info.goldstein,
            trigger=Span(s.words[t], start, start + len(s.words[t])),
            plover=info.plover,
            mode=info.mode,
            modality=modality,
            attributed_to=attributed,
            confidence=round(min(conf, 0.95), 2),
        )


def load_nouns(path: str | Path | None = None) -> dict[str, str]:
    """Noun lemma -> CAMEO code from ``data/nouns.tsv`` (or ``path``)."""
    text = Path(path).read_text("utf-8") if path else resources.files("diurna").joinpath("data/nouns.tsv").read_text("utf-8")
    out = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise ValueError(f"nouns.tsv line {n}: expected noun<TAB>cameo")
        out[parts[0].strip().lower()] = parts[1].strip()
    return out


@register("rules")
def make_rules() -> RuleCoder:
    """The rule coder with diurna's files, plus any PETRARCH-2 dictionaries
    named by ``DIURNA_PETRARCH_VERBS`` / ``_ACTORS`` / ``_AGENTS`` (theirs win)."""
    import os

    verbs, actors, agents = (os.environ.get(f"DIURNA_PETRARCH_{k}") for k in ("VERBS", "ACTORS", "AGENTS"))
    if not (verbs or actors or agents):
        return RuleCoder()
    from . import petrarch

    lexicon = Lexicon.from_file()
    if verbs:
        mine = [p for ps in lexicon.by_lemma.values() for p in ps]
        lexicon = Lexicon(petrarch.read_verbs(verbs).patterns + mine)
    gazetteer = None
    if actors or agents:
        from ..actors import Gazetteer, _rows

        base_a = list(_rows(resources.files("diurna").joinpath("data/actors.tsv").read_text("utf-8"), "actors.tsv", 5))
        base_s = list(_rows(resources.files("diurna").joinpath("data/sectors.tsv").read_text("utf-8"), "sectors.tsv", 4))
        gazetteer = Gazetteer((petrarch.read_actors(actors) if actors else []) + base_a,
                              (petrarch.read_agents(agents) if agents else []) + base_s)
    return RuleCoder(lexicon=lexicon, gazetteer=gazetteer)
