"""Finding the time expressions of a text (:func:`find_timexes`).

Every kind's pattern runs over the whole text (a costly one only in windows
around its trigger word, a gated one only if the text has one of its
words); overlapping matches are resolved longest first, then by the order
of :data:`~.normalise.KINDS`.  For each match kept the finder works out the
clause tense (:mod:`.tense`) and, for the kinds that need it, the direction
(a preposition such as "since" or "until" outweighs the clause), has the
kind normalise it, and trims its span to TimeML's (the kind's own
:attr:`~.kind.Kind.span`, then an "around" before it and punctuation after
it).  With an anchor, a second pass gives the reference-time expressions
their values (:mod:`.references`) and a quarterly report's "a year ago" its
quarter (:func:`.periods.year_ago_quarters`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re

from ...records import Sentence, Timex
from .fragments import I
from .kind import Kind
from .normalise import KINDS, _normalise_or_drop
from .periods import year_ago_quarters
from .references import resolve_refs
from .tense import direction_cue, direction_of, infinitive_looks_back, lexical_tense, tense_at, under_noun

_APPROX_BEFORE = re.compile(r"\b(?:around|sometime)\s+$", I)
_TENSE_PREP = re.compile(r"\b(since|until|till|effective)\s+(?:the\s+)?$", I)
_ABBREV_END = re.compile(r"(?:\b[a-z]{3,4}\.|[ap]\.m\.)$", I)


def _windows(kind: Kind, text: str) -> list[tuple[int, int]]:
    """The stretches of ``text`` the kind's pattern runs over: windows
    reaching further back and ahead of its trigger than any match, merged
    where they overlap, give the same matches as a scan of the whole text."""
    if kind.window is None:
        return [(0, len(text))]
    trigger, back, ahead = kind.window
    spans: list[list[int]] = []
    for t in trigger.finditer(text):
        lo, hi = max(0, t.start() - back), min(len(text), t.end() + ahead)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return [(lo, hi) for lo, hi in spans]


@functools.lru_cache(maxsize=8)
def _candidates(text: str) -> tuple[tuple[int, int, int, Kind, re.Match], ...]:
    """All matches of all patterns, longest first, then in pattern order.

    Cached for the last few texts: the pipeline tags each article twice (its
    publication date, then its events' dates), and the patterns are most of
    the cost (the profile in docs/benchmarks.md)."""
    out = []
    low = text.lower()
    for rank, kind in enumerate(KINDS):
        if kind.gate is not None and not any(w in low for w in kind.gate):
            continue
        for lo, hi in _windows(kind, text):
            for m in kind.pattern.finditer(text, lo, hi):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), rank, kind, m))
    out.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return tuple(out)


def _direction(kind: Kind, text: str, start: int, end: int, sent: Sentence | None,
               tense: str | None) -> tuple[str | None, str | None]:
    """(clause tense, direction) of a match of ``kind`` at ``start:end``."""
    direction = direction_of(tense)
    if kind.directed and sent is not None:
        direction = direction_cue(sent, start) or direction
        if direction == "future" and infinitive_looks_back(sent, start):
            direction = "past"
    if kind.directed:
        # the preposition outweighs the clause: "has been closed since
        # Jan. 13" looks back (and never ahead), "extended until mid-November" forward
        pre = _TENSE_PREP.search(text, max(0, start - 12), start)
        if pre:
            since = pre.group(1).lower() == "since"
            tense = "past" if since else "future"
            direction = "since" if since else "future"
    if direction == "past" and kind.ahead_under_noun and sent is not None and under_noun(sent, start, end):
        direction = "past~"  # "told of a cutback in September": the noun's event may be ahead
    return tense, direction


def _span(kind: Kind, m: re.Match, text: str, typ: str) -> tuple[int, int]:
    """The expression's offsets as TimeML spans it."""
    s, e = kind.span(m, text, typ) if kind.span is not None else (m.start(), m.end())
    if typ in ("DATE", "TIME"):
        pre = _APPROX_BEFORE.search(text, max(0, s - 12), s)
        if pre:
            s = pre.start()  # "around Nov. 1", "sometime next year": TimeML keeps the modifier
    # TimeML spans leave out trailing commas, periods of a sentence end, spaces
    while e > s and text[e - 1] in " ,'’" or (e > s and text[e - 1] == "." and not _ABBREV_END.search(text, s, e)):
        e -= 1
    return s, e


def find_timexes(text: str, anchor: dt.date | str | None = None,
                 sentences: list[Sentence] | None = None) -> list[Timex]:
    """Time expressions of ``text`` with TIMEX3 type and value.

    anchor     the article's date (a ``date`` or ISO string); None leaves
               relative expressions unresolved
    sentences  the parsed sentences of the same text (from ``diurna.nlp``);
               with them the direction of a weekday or a yearless date comes
               from the parse, without them from nearby words
    """
    if isinstance(anchor, str):
        anchor = dt.date.fromisoformat(anchor[:10]) if anchor else None
    items: list[tuple[Timex, Kind, re.Match]] = []
    sents = sorted(sentences or [], key=lambda s: s.start)
    starts = [s.start for s in sents]
    taken: list[tuple[int, int]] = []
    for start, end, _, kind, m in _candidates(text):
        if any(start < e and s < end for s, e in taken):
            continue
        # every expression gets its clause tense (publication-date inference
        # reads it); direction only matters for the directed kinds
        tense = None
        i = bisect.bisect_right(starts, start) - 1
        sent = sents[i] if 0 <= i < len(sents) and sents[i].end > start else None
        if sent is not None:
            tense = tense_at(sent, start)
        if tense is None and (kind.directed or not sents):
            tense = lexical_tense(text, start, end)
        tense, direction = _direction(kind, text, start, end, sent, tense)
        norm = _normalise_or_drop(kind.name, m, anchor, direction)
        if norm is None:
            continue  # a shorter or later candidate may still cover this text
        typ, value, mod = norm
        s, e = _span(kind, m, text, typ)
        taken.append((start, end))
        items.append((Timex(s, e, text[s:e], typ, value, mod, tense), kind, m))
    items.sort(key=lambda x: x[0].start)
    out = [t for t, _, _ in items]
    if anchor is not None:
        resolve_refs(items, anchor, sents)
        year_ago_quarters(text, out, anchor)
    return out
