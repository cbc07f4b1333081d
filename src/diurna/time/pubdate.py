"""Publication dates inferred from the text when the input gives none.

Each clue becomes a piece of :class:`Evidence`: an interval the publication
date must lie in, with the words it came from.

* ``date``: a full date, month or year written in the text.  In a past or
  present clause the article is written on or after it; in a future clause
  ("destroyed by mid-2014") on or before its end.
* ``yearless``: a date or month without a year ("the Aug. 21 attack", "in
  September").  Style guides drop the year only for recent dates, so in a
  past clause the article is written within :data:`YEARLESS_WINDOW` days
  after it (before it in a future clause); the year is the one that fits the
  other clues.
* ``weekday``: a weekday and a yearless date that agree ("Monday ... Sept. 16"
  in a year where Sept. 16 is a Monday): the article is written that day or
  within the week after.
* ``office``: a person named with an office ("U.S. Secretary of State Rex
  Tillerson") bounds the article to the tenure, from ``data/officeholders.tsv``;
  "former" and "then-" are respected.
* ``conflict``: "the five-year civil war" in an article about Syria puts it
  four to six years after the war began (``data/conflicts.tsv``).

Combining is robust: the evidence intervals are swept to find the dates
consistent with the most clues; clues that contradict them are reported as
rejected, so one wrong clue cannot empty the interval.  The best date is a
weekday-date agreement if there is one, else the latest past event the text
refers to, else the middle of the interval.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from dataclasses import dataclass, field

from ..kb import conflicts, offices_by_name
from ..records import Sentence
from .expressions import find_timexes

__all__ = ["DateInference", "Evidence", "infer_publication_date"]

YEARLESS_WINDOW = 183  # days
_GROUPS = itertools.count()
DEADLINE = re.compile(r"\b(by|until|before|ahead of|no later than)\s+(the\s+)?(end\s+of\s+|mid-?|early\s+|late\s+)?$", re.I)
WEEKDAY_WINDOW = 6
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

ROLE_WORDS = [
    (re.compile(r"\b(foreign (minister|secretary)|secretary of state|minister of foreign affairs|top diplomat|"
                r"foreign affairs minister)\b", re.I), "foreign_minister"),
    (re.compile(r"\b(defen[cs]e (minister|secretary)|secretary of defen[cs]e|minister of defen[cs]e|pentagon chief)\b", re.I),
     "defence_minister"),
    (re.compile(r"\b(prime minister|premier|chancellor)\b", re.I), "head_of_government"),
    (re.compile(r"\b(vice[- ]president)\b", re.I), "deputy_head_of_state"),
    (re.compile(r"\b(president|king|emir)\b", re.I), "head_of_state"),
    (re.compile(r"\b(secretary[- ]general|u\.?n\.? chief|un chief)\b", re.I), "secretary_general"),
    (re.compile(r"\b((u\.?n\.?|united nations) ambassador|ambassador to the (u\.?n\.?|united nations)|"
                r"permanent representative)\b", re.I), "un_ambassador"),
    (re.compile(r"\b(envoy|mediator)\b", re.I), "envoy"),
    (re.compile(r"\b(senator|sen\.)\b", re.I), "senator"),
    (re.compile(r"\b(spokes(man|woman|person))\b", re.I), "spokesperson"),
]
FORMER = re.compile(r"\b(former|ex-|then-|the late|onetime|one-time|previous)\b[^.,;:]{0,60}$", re.I)
CONFLICT_AGE = re.compile(r"\b(?P<n>\w+)[- ]year[- ](?:old\s+)?(?P<noun>civil war|war|conflict|uprising|revolt|crisis|revolution|insurgency|invasion)\b"
                          r"|\b(?P<ord>\w+)\s+year\s+of\s+(?:the\s+)?(?P<noun2>civil war|war|conflict|uprising|revolt|crisis|revolution|insurgency|invasion)\b", re.I)
ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
       "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
       "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20}


@dataclass
class Evidence:
    """One clue: the publication date lies in [earliest, latest] (either may be None)."""

    kind: str
    text: str
    earliest: str | None
    latest: str | None
    note: str = ""
    used: bool = True
    group: int | None = None  # alternatives of one clue share a group (one of them can hold)


@dataclass
class DateInference:
    earliest: str | None
    latest: str | None
    best: str | None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def width_days(self) -> int | None:
        if self.earliest and self.latest:
            return (dt.date.fromisoformat(self.latest) - dt.date.fromisoformat(self.earliest)).days
        return None


def _period(value: str, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a TIMEX3 calendar value (``2014``, ``2013-09``, ``2013-09-16``)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        m2 = re.fullmatch(r"(\d{3})", value or "")
        if m2:
            d = int(m2.group(1)) * 10
            return dt.date(d, 1, 1), dt.date(d + 9, 12, 31)
        return None
    y = int(m.group(1))
    if m.group(3):
        d = dt.date(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        mo = int(m.group(2))
        last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, mo, 1), last
    lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if mod == "START":
        hi = dt.date(y, 4, 30)
    elif mod == "MID":
        lo, hi = dt.date(y, 4, 1), dt.date(y, 9, 30)
    elif mod == "END":
        lo = dt.date(y, 9, 1)
    return lo, hi


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


@functools.lru_cache(maxsize=1)
def _full_names() -> re.Pattern:
    names = sorted({k for k in offices_by_name() if " " in k or "-" in k}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)


def _office_evidence(text: str, entities: list[tuple[int, int, str]]) -> list[Evidence]:
    idx = offices_by_name()
    out, seen = [], set()
    for start, end, name in entities:
        key = name.lower().replace("’", "'")
        key = re.sub(r"'s$", "", key)
        terms = idx.get(key)
        if not terms:
            # "French Foreign Minister Jean-Marc Ayrault": try the last word(s) as an alias
            parts = key.split()
            terms = idx.get(" ".join(parts[-2:])) if len(parts) > 2 else None
            if not terms:
                continue
        before = text[max(0, start - 70):start]
        after = text[end:end + 50]
        if FORMER.search(before) or re.match(r"\s*,\s*(a|the)\s+former\b", after, re.I):
            continue
        window = before.split(".")[-1] + " " + re.split(r"[.;]", after)[0]
        roles = [role for rx, role in ROLE_WORDS if rx.search(window)]
        if not roles and len({t.role for t in terms}) > 1:
            # the role may be named elsewhere in the article ("France's Foreign
            # Minister ... the trip by Jean-Marc Ayrault")
            roles = [role for rx, role in ROLE_WORDS if rx.search(text) and role in {t.role for t in terms}]
            roles = roles if len(roles) == 1 else []
        cands = [t for t in terms if t.role in roles] if roles else []
        if not cands:
            # no role in the text: usable only if the name fits one term
            names = {t.name for t in terms}
            if len(terms) == 1 and " " in key:
                cands = list(terms)
            elif len(names) == 1 and " " in key:
                lo = min(t.start for t in terms)
                his = [t.end for t in terms]
                hi = None if any(h is None for h in his) else max(his)
                ev = Evidence("office", text[start:end], _iso(lo), _iso(hi), f"{terms[0].name}: all terms in the knowledge base")
                if (ev.earliest, ev.latest) not in seen:
                    seen.add((ev.earliest, ev.latest))
                    out.append(ev)
                continue
            else:
                continue
        if len({t.name for t in cands}) > 1:
            continue  # two people with this alias and role: no clue
        key2 = (cands[0].name, tuple(t.start for t in cands))
        if key2 in seen:
            continue
        seen.add(key2)
        group = next(_GROUPS)
        for t in cands:  # several terms in the same office: alternatives
            out.append(Evidence("office", text[start:end], _iso(t.start), _iso(t.end),
                                f"{t.name} {t.role} {t.start}..{t.end or 'now'} ({t.source})", group=group))
    return out


def _conflict_evidence(text: str) -> list[Evidence]:
    low = text.lower()
    out = []
    for m in CONFLICT_AGE.finditer(text):
        n_word = (m.group("n") or m.group("ord") or "").lower()
        noun = (m.group("noun") or m.group("noun2")).lower()
        if m.group("ord"):
            n = ORD.get(n_word)
            span = (n - 1, n) if n else None
        else:
            n = NUM.get(n_word) or (int(n_word) if n_word.isdigit() else None)
            span = (n - 1, n + 1) if n else None
        if not span:
            continue
        rows = [c for c in conflicts() if noun in c.nouns and any(re.search(rf"\b{re.escape(nm)}\b", low) for nm in c.names)]
        if len(rows) != 1:
            continue
        c = rows[0]
        lo = _add_years(c.start, span[0])
        hi = _add_years(c.start, span[1])
        out.append(Evidence("conflict", m.group(0), _iso(lo), _iso(hi),
                            f"{c.country} {noun} began {c.start} ({c.source}); {span[0]}-{span[1]} years on"))
    return out


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def _combine(evidence: list[Evidence]) -> tuple[dt.date | None, dt.date | None]:
    """The interval consistent with the most clues; marks the others unused."""
    ivs = []
    for i, e in enumerate(evidence):
        lo = dt.date.fromisoformat(e.earliest) if e.earliest else MIN_DATE
        hi = dt.date.fromisoformat(e.latest) if e.latest else MAX_DATE
        if lo > hi:
            e.used = False
            continue
        ivs.append((lo, hi, i))
    if not ivs:
        return None, None
    points = sorted({lo for lo, _, _ in ivs} | {hi for _, hi, _ in ivs})
    best_set, best_n = None, -1
    for p in points:
        cover = frozenset(i for lo, hi, i in ivs if lo <= p <= hi)
        # each clue counts once (alternatives share a group); office and
        # weekday clues count more than a date in passing
        groups = {}
        for i in cover:
            g = evidence[i].group if evidence[i].group is not None else ("i", i)
            groups[g] = max(groups.get(g, 0), 2 if evidence[i].kind in ("office", "weekday") else 1)
        w = sum(groups.values())
        if w > best_n:
            best_set, best_n = cover, w
    lo = max(l for l, _, i in ivs if i in best_set)
    hi = min(h for _, h, i in ivs if i in best_set)
    for e_i, e in enumerate(evidence):
        if e_i not in best_set:
            e.used = False
    return (None if lo == MIN_DATE else lo), (None if hi == MAX_DATE else hi)


def infer_publication_date(text: str, sentences: list[Sentence] | None = None,
                           extra_lines: list[str] | tuple[str, ...] = ()) -> DateInference:
    """Infer when ``text`` was written.

    sentences    the parse of ``text`` (tense of date clauses, PERSON entities)
    extra_lines  lines removed from the page that may still date it, such as
                 photo captions ("... in Paris on Sept. 16.")
    """
    evidence: list[Evidence] = []
    full = text + ("\n\n" + "\n".join(extra_lines) if extra_lines else "")
    timexes = find_timexes(text, None, sentences)
    if extra_lines:
        tail = find_timexes(full[len(text):], None, None)
        for t in tail:
            t.start += len(text)
            t.end += len(text)
        timexes += tail
    yearless_days, weekdays, past_weekdays = [], set(), []
    for t in timexes:
        v = t.value or ""
        if t.type not in ("DATE", "TIME"):
            continue
        v = v.split("T")[0]
        if v.startswith("XXXX-WXX-"):
            weekdays.add(int(v[-1]) - 1)
            if t.tense == "past":
                past_weekdays.append(int(v[-1]) - 1)
            continue
        if v.startswith("XXXX-"):
            wd = re.match(r"(mon|tue|wed|thu|fri|sat|sun)", t.text.lower())
            if wd:  # "Monday, Sept. 16"
                weekdays.add(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(wd.group(1)))
            parts = v.split("-")
            if len(parts) >= 2 and parts[1].isdigit():
                yearless_days.append((t, int(parts[1]), int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None))
            continue
        per = _period(v, t.mod)
        if per is None or per[0].year < 1900:
            continue
        before = full[max(0, t.start - 40):t.start]
        deadline = bool(DEADLINE.search(before)) and not re.search(r"\b(had|has|have|was|were)\b[^.,;]*$", before, re.I)
        if t.tense == "future" or deadline:
            evidence.append(Evidence("date", t.text, None, _iso(per[1]),
                                     f"{v} as a deadline" if deadline else f"{v} in a future clause"))
        else:
            evidence.append(Evidence("date", t.text, _iso(per[0]), None, f"{v} in a {t.tense or 'non-future'} clause"))
    ents = [(e.start, e.end, e.text) for s in (sentences or []) for e in s.entities if e.label == "PERSON"]
    # full names of the knowledge base found as written (the entity recogniser misses some)
    covered = [(a, b) for a, b, _ in ents]
    for m in _full_names().finditer(text):
        if not any(a <= m.start() < b for a, b in covered):
            ents.append((m.start(), m.end(), m.group(0)))
    evidence += _office_evidence(text, ents)
    evidence += _conflict_evidence(text)

    # a first interval from the year-bearing clues, used to pick yearless dates' years
    lo, hi = _combine([Evidence(e.kind, e.text, e.earliest, e.latest) for e in evidence])
    lo_y = (lo or dt.date(1990, 1, 1)).year - 1
    hi_y = (hi or dt.date.today()).year + 1
    # weekday + yearless date agreement
    best_exact = None
    for t, mo, day in yearless_days:
        if day is None or not weekdays:
            continue
        years = []
        for y in range(lo_y, hi_y + 1):
            try:
                d = dt.date(y, mo, day)
            except ValueError:
                continue
            if d.weekday() in weekdays and (lo is None or d >= lo - dt.timedelta(days=WEEKDAY_WINDOW)) and (hi is None or d <= hi):
                years.append(d)
        if len(years) == 1:
            d = years[0]
            evidence.append(Evidence("weekday", t.text, _iso(d), _iso(d + dt.timedelta(days=WEEKDAY_WINDOW)),
                                     f"{d:%A} {d} is the only {t.text} on a weekday the text names ({', '.join(dt.date(2024, 1, 1 + w).strftime('%A') for w in sorted(weekdays))})"))
            best_exact = d
    # yearless dates: within half a year after (before, in a future clause)
    for t, mo, day in yearless_days:
        cands = []
        for y in range(lo_y, hi_y + 1):
            try:
                d0, d1 = (dt.date(y, mo, day),) * 2 if day else _period(f"{y}-{mo:02d}")
            except ValueError:
                continue
            if t.tense == "future":
                e_lo, e_hi = d0 - dt.timedelta(days=YEARLESS_WINDOW), d1
            else:
                e_lo, e_hi = d0, d1 + dt.timedelta(days=YEARLESS_WINDOW)
            if (lo is None or e_hi >= lo) and (hi is None or e_lo <= hi):
                cands.append((e_lo, e_hi))
        if len(cands) > 1 and lo and hi:
            ov = sorted(((min(e_hi, hi) - max(e_lo, lo)).days, e_lo, e_hi) for e_lo, e_hi in cands)
            if ov[-1][0] >= 2 * max(ov[-2][0], 1):
                cands = [(ov[-1][1], ov[-1][2])]  # one year fits far better than the others
        if len(cands) == 1:
            e_lo, e_hi = cands[0]
            evidence.append(Evidence("yearless", t.text, _iso(e_lo), _iso(e_hi),
                                     f"a date written without its year, {'future' if t.tense == 'future' else 'past or present'} clause"))
    lo, hi = _combine(evidence)
    if best_exact and (lo is None or best_exact >= lo) and (hi is None or best_exact <= hi):
        best = best_exact
    else:
        past_starts = [dt.date.fromisoformat(e.earliest) for e in evidence
                       if e.used and e.kind in ("date", "yearless") and e.earliest]
        cand = max(past_starts) if past_starts else None
        if cand and (lo is None or cand >= lo) and (hi is None or cand <= hi):
            best = cand
        elif lo and hi:
            best = lo + (hi - lo) / 2
        else:
            best = lo or hi
    if best and not best_exact and past_weekdays:
        # news names the days around its own: a story whose latest past
        # weekday is a Thursday was most likely written that Thursday
        wd = past_weekdays[-1]
        shifted = [best + dt.timedelta(days=k) for k in range(-3, 4) if (best + dt.timedelta(days=k)).weekday() == wd]
        if shifted and (lo is None or shifted[0] >= lo) and (hi is None or shifted[0] <= hi):
            best = shifted[0]
    return DateInference(_iso(lo), _iso(hi), _iso(best), evidence)


def date_article(article, sentences: list[Sentence] | None) -> DateInference | None:
    """Give ``article`` a publication date inferred from its text when the
    input gave none (``published_source = "inferred"``, interval and evidence
    on the article).  A known date is left alone."""
    if article.published:
        return None
    extra = [line for line, why in (article.removed or []) if "caption" in why]
    r = infer_publication_date(article.text, sentences, extra)
    article.published_earliest, article.published_latest = r.earliest, r.latest
    article.date_evidence = [
        {"kind": e.kind, "text": e.text, "earliest": e.earliest, "latest": e.latest, "note": e.note, "used": e.used}
        for e in r.evidence]
    if r.best:
        article.published, article.published_source = r.best, "inferred"
    return r
