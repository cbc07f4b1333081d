"""The kinds of time expression in their order of precedence, and the
dispatcher from a match to its kind's normaliser.

Where two matches overlap the longer wins, and between equally long ones
the kind listed first (:data:`KINDS`).  Each kind's pattern and normaliser
are in the module of its family.
"""

from __future__ import annotations

import datetime as dt
import re

from . import clock, dates, durations, holidays, periods, relative, sets
from .kind import Context, Kind, Normalised

KINDS: tuple[Kind, ...] = (
    dates.ISO_DATE, dates.MONTH_DAY_YEAR, dates.DAY_MONTH_YEAR, dates.WEEKDAY_MONTH_DAY, dates.MONTH_DAY,
    dates.DAY_MONTH, dates.MONTH_YEAR, relative.UNITS_AGO, dates.SPELLED_YEAR, dates.MONTH_RELATIVE_YEAR,
    clock.CLOCK_AND_DAY, relative.THAT_DAY, dates.WEEK_OF, clock.PART_OF_DATE, periods.THE_PERIOD,
    durations.BARE_PLURAL, relative.VAGUE_AGO, relative.END_OF_UNIT, relative.THE_NEXT_DAY,
    durations.RELATIVE_DURATION, relative.RELATIVE_UNIT, periods.QUARTER_OR_HALF, periods.SAME_PERIOD,
    relative.WEEKDAY, relative.YESTERDAY_TODAY, dates.DECADE, dates.CENTURY, dates.MODIFIED_YEAR,
    dates.MODIFIED_MONTH, periods.YEAR_END, periods.THE_YEAR, periods.YEAR_PERIOD, periods.YEAR_AGO,
    relative.THE_TERM, durations.COUPLE_OF, durations.AHEAD, dates.DECADE_WORD, dates.FISCAL_YEAR, dates.MONTH,
    dates.YEAR, dates.SEASON, clock.CLOCK_TIME, sets.RECURRING, holidays.HOLIDAY, relative.VAGUE_REFERENCE,
    clock.PART_OF_DAY, durations.DURATION,
)

# the normaliser of each kind, by name
NORMALISERS = {k.name: k.normalise for k in KINDS}

# each kind's pattern, in order of precedence
PATTERNS: list[tuple[str, re.Pattern]] = [(k.name, k.pattern) for k in KINDS]

# words without one of which a kind's pattern cannot match (:attr:`Kind.gate`)
GATES: dict[str, tuple[str, ...]] = {k.name: k.gate for k in KINDS if k.gate is not None}

# the kinds whose pattern runs only around a trigger word (:attr:`Kind.window`)
WINDOWS: dict[str, tuple[re.Pattern, int, int]] = {k.name: k.window for k in KINDS if k.window is not None}


def _normalise(kind: str, m: re.Match, anchor: dt.date | None, tense: str | None) -> Normalised:
    """(type, value, mod) for a match of the kind called ``kind``, or None to
    drop it.  ``tense`` is the direction: past, future, present, None,
    "since" (strictly past) or "past~" (past, but a month may be just ahead)."""
    strict, near = tense == "since", tense == "past~"
    tense = "past" if strict or near else tense
    return NORMALISERS[kind](Context(m, m.groupdict(), m.group(0).lower(), anchor, tense, strict, near))


def _normalise_or_drop(kind: str, m: re.Match, anchor: dt.date | None, tense: str | None) -> Normalised:
    """:func:`_normalise`, with a match it has no value for dropped (None)
    rather than raised: a word missing from a table (``KeyError``), a date
    past the calendar's ends (an anchor of year 1 or 9999: ``ValueError``,
    ``OverflowError``), a duration or set without a value (a unit
    :data:`~diurna.lexicon.time.UNITS` does not know)."""
    try:
        norm = _normalise(kind, m, anchor, tense)
    except (KeyError, ValueError, OverflowError):
        return None
    if norm is not None and norm[0] in ("DURATION", "SET") and norm[1] is None:
        return None
    return norm
