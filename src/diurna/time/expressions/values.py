"""TIMEX3 values: the words of a match as numbers, and the arithmetic and
formats of dates, weeks, quarters, durations and offsets.

What the words mean is in :mod:`diurna.lexicon.time`; which year or day a
date without a year means is in :mod:`.resolve`.
"""

from __future__ import annotations

import datetime as dt
import re

from ...lexicon.time import (ANCHORING_PRECISIONS, HALF_UNITS, MONTHS, NUMBERS, PARTS, SEASONS, UNIT_GRAIN, UNITS,
                             VAGUE, WEEKDAYS)


def month_number(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def weekday_number(s: str) -> int:
    return WEEKDAYS[s.lower().rstrip(".")]


def count(s: str | None) -> float | None:
    """The number a quantity says ("two", "2 1/2", "half an"); 1 when there
    is none, None when it is vague ("several")."""
    if s is None:
        return 1
    s = s.lower().strip()
    if s in VAGUE:
        return None
    if s in NUMBERS:
        return NUMBERS[s]
    s = re.sub(r"\s*(?:1/2|½)$", ".5", s)  # "2 1/2"
    try:
        return float(s)
    except ValueError:
        return None


def count_text(n: float | None) -> str:
    """A count as TIMEX3 writes it (X when vague)."""
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def unit_key(u: str) -> str:
    """The key of a unit word in :data:`~diurna.lexicon.time.UNITS` ("years": "year")."""
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


def duration(n: float | None, unit: str) -> str | None:
    """TIMEX3 value of ``n`` ``unit``s (None: vague); None for a unit
    :data:`~diurna.lexicon.time.UNITS` does not know (the caller drops the match)."""
    if unit not in UNITS:
        return None
    prefix, code = UNITS[unit]
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit == "quarter":
        return f"P{count_text(None if n is None else n * 3)}M"
    if unit == "decade":
        return f"P{count_text(None if n is None else n * 10)}Y"
    if unit == "century":
        return f"P{count_text(None if n is None else n * 100)}Y"
    if unit == "weekend":
        return f"P{count_text(n)}WE"
    if n is not None and n % 1 == 0.5 and unit in HALF_UNITS:
        # "two and a half years": P2Y6M; "a minute and a half": PT1M30S
        rest = HALF_UNITS[unit]
        return f"{prefix}{int(n)}{code}{rest}" if n >= 1 else f"{prefix}{rest}"
    return f"{prefix}{count_text(n)}{code}"


def offset(A: dt.date, k: float, unit: str) -> str:
    """The value ``k`` units (a code of :data:`~diurna.lexicon.time.UNITS`)
    from ``A``, at that unit's precision ("two years ago": ``2015``)."""
    k = int(k) if float(k).is_integer() else k
    if unit in ("D",):
        return (A + dt.timedelta(days=k)).isoformat()
    if unit == "W":
        return iso_week(A + dt.timedelta(days=7 * k))
    if unit == "M":
        y, m = shift_month(A.year, A.month, int(k))
        return f"{y}-{m:02d}"
    if unit == "Y":
        return str(A.year + int(k))
    if unit == "DE":
        return str(A.year + 10 * int(k))[:3]
    if unit == "Q":
        q = quarter(A) + int(k)
        return f"{A.year + (q - 1) // 4}-Q{(q - 1) % 4 + 1}"
    if unit == "CE":
        return f"{(A.year + 100 * int(k)) // 100:02d}"  # "a century ago": the century it fell in
    return A.isoformat()


# --------------------------------------------------------------------------
# values of the reference time ("the next day" after a date the text named)
# --------------------------------------------------------------------------

_VALUE = re.compile(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d)|Q([1-4])|H([12])))?")


def value_date(value: str | None, unit: str) -> dt.date | None:
    """A day standing for a TIMEX3 value, if the value is precise enough to
    anchor ``unit`` ("1995-05-22" anchors a day, "1995" only a year)."""
    m = _VALUE.match(value or "")
    if not m:
        return None
    y = int(m[1])
    prec, d = "year", dt.date(y, 7, 1)
    try:
        if m[3]:
            prec, d = "day", dt.date(y, int(m[2]), int(m[3]))
        elif m[2]:
            prec, d = "month", dt.date(y, int(m[2]), 15)
        elif m[4]:
            prec, d = "week", dt.date.fromisocalendar(y, int(m[4]), 4)
        elif m[5]:
            prec, d = "quarter", dt.date(y, 3 * int(m[5]) - 1, 15)
        elif m[6]:
            prec, d = "half", dt.date(y, 6 * int(m[6]) - 3, 1)
    except ValueError:
        return None
    grain = UNIT_GRAIN.get(unit, unit)
    return d if grain == "year" or prec in ANCHORING_PRECISIONS.get(grain, ()) else None


def unit_value(unit: str, k: int, ref: dt.date) -> str:
    """The ``unit`` ``k`` steps from the reference day (0: the one containing it)."""
    if unit == "day":
        return (ref + dt.timedelta(days=k)).isoformat()
    if unit in PARTS:
        return f"{(ref + dt.timedelta(days=k)).isoformat()}T{PARTS[unit]}"
    if unit in ("week", "weekend"):
        return iso_week(ref + dt.timedelta(days=7 * k)) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return offset(ref, k, "M")
    if unit == "quarter":
        return offset(ref, k, "Q")
    if unit in SEASONS:
        return f"{ref.year + k}-{SEASONS[unit]}"
    if unit == "decade":
        return str(ref.year // 10 + k)
    if unit == "century":
        return str(ref.year // 100 + k)
    return str(ref.year + k)
