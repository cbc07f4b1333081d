"""The reference time: the second pass, in text order, over the expressions
found.

As TimeML has it, "the next day", "the following year", "that day" and "the
previous Friday" count from the last date the text named precisely enough
(:func:`~.values.value_date`), else from the anchor; "the same period last
year" is the period just named, a year back; a clock time takes the day
named in its sentence ("at 10:30 a.m. (0730 GMT) Friday"), else one named
just before it, else the anchor.  Which kinds count from the reference time,
and by how many units, is their :attr:`~.kind.Kind.ref_step`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from ...records import Sentence, Timex
from .fragments import I
from .normalise import _normalise_or_drop
from .values import unit_value, value_date

_CLOCK_NEAR = 300  # characters back in which a named day still dates a bare clock time


def resolve_refs(items: list, anchor: dt.date, sents: list[Sentence]) -> None:
    """Give the expressions of ``items`` ((Timex, Kind, match) in text order)
    that count from the reference time, and the clock times, their values."""
    starts = [s.start for s in sents]
    history: list[Timex] = []
    for t, kind, m in items:
        step = kind.ref_step(m) if kind.ref_step is not None and t.value is not None else None
        if step is not None:
            unit, k = step
            ref = next((d for h in reversed(history) if (d := value_date(h.value, unit))), None)
            if ref is not None:
                t.value = unit_value(unit, k, ref)
        elif kind.name == "weekday" and t.value and re.match(r"(?:the\s+)?(?:previous|following)\b", m.group("rel") or "", I):
            # "the previous Friday": the Friday before the day the text last named
            ref = next((d for h in reversed(history) if (d := value_date(h.value, "day"))), None)
            norm = _normalise_or_drop(kind.name, m, ref, None) if ref else None
            if norm:
                t.value = norm[1]
        elif kind.name == "same_period" and t.value and history:
            # "the same period last year": the period just named, a year back
            mp = re.fullmatch(r"(\d{4})(-(?:Q[1-4]|H[12]|\d\d|W\d\d))?", history[-1].value or "")
            if mp and mp.group(2):
                t.value = f"{int(mp.group(1)) - 1}{mp.group(2)}"
        elif kind.name == "clock_time" and t.value:
            i = bisect.bisect_right(starts, t.start) - 1
            lo, hi = (sents[i].start, sents[i].end) if 0 <= i < len(sents) and sents[i].end > t.start \
                else (t.start - 100, t.end + 100)
            days = [(abs(o.start - t.start), d) for o, ok, _ in items
                    if ok.name != "clock_time" and lo <= o.start < hi and (d := value_date(o.value, "day"))]
            if not days:
                days = [(0, d) for o in history[-1:] if o.end > t.start - _CLOCK_NEAR and (d := value_date(o.value, "day"))]
            if days:
                t.value = min(days, key=lambda x: x[0])[1].isoformat() + t.value[t.value.index("T"):]
        if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            history.append(t)
