"""Holidays ("Christmas", "Thanksgiving Day", "Easter"), with the
normaliser and the calendar of their days: fixed days, the n-th weekday of
a month (US calendar) and Easter's computus.  The tables are
:data:`~diurna.lexicon.time.FIXED_HOLIDAYS` and
:data:`~diurna.lexicon.time.FLOATING_HOLIDAYS`.
"""

from __future__ import annotations

import datetime as dt
import re

from ...lexicon.time import EASTER_DAYS, FIXED_HOLIDAYS, FLOATING_HOLIDAYS
from .kind import Context, Kind, Normalised
from .resolve import pick_year


def holiday_date(key: str, year: int) -> dt.date | None:
    """The day of a holiday (US calendar for the floating ones) in ``year``."""
    if key in FIXED_HOLIDAYS:
        return dt.date(year, *FIXED_HOLIDAYS[key])
    if key in FLOATING_HOLIDAYS:
        mon, wd, n = FLOATING_HOLIDAYS[key]
        if n < 0:
            last = dt.date(year + (mon == 12), mon % 12 + 1, 1) - dt.timedelta(days=1)
            return last - dt.timedelta(days=(last.weekday() - wd) % 7)
        first = dt.date(year, mon, 1)
        return first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    if key == "election day":
        nov1 = dt.date(year, 11, 1)
        return nov1 + dt.timedelta(days=(0 - nov1.weekday()) % 7 + 1)  # the Tuesday after the first Monday
    if key.startswith("easter") or key == "good friday":
        a, b, c = year % 19, year // 100, year % 100  # the Gregorian computus (Meeus/Jones/Butcher)
        d, e = b // 4, b % 4
        f = (b + 8) // 25
        g = (b - f + 1) // 3
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 22 * l_) // 451
        month, day = divmod(h + l_ - 7 * m + 114, 31)
        easter = dt.date(year, month, day + 1)
        return easter + dt.timedelta(days=EASTER_DAYS.get(key, 0))
    return None


def holiday(c: Context) -> Normalised:
    """The holiday's day in the year the clause points to; without an anchor
    only a fixed holiday has a value (``XXXX-12-25``)."""
    A = c.anchor
    key = re.sub(r"[\s’']+", " ", c.groups["h"]).lower()
    key = "mlk day" if key.startswith("martin") else key
    if A is None:
        fixed = holiday_date(key, 2000)
        return "DATE", (f"XXXX-{fixed.month:02d}-{fixed.day:02d}" if fixed and key in FIXED_HOLIDAYS else None), None
    d = pick_year(A, [h for y in (A.year - 1, A.year, A.year + 1) if (h := holiday_date(key, y))], c.tense)
    return "DATE", (d.isoformat() if d else None), None


HOLIDAY = Kind("holiday", re.compile(
    r"\b(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?"
    r"|Good\s+Friday|Halloween|Valentine['’]s\s+Day|Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Veterans['’]?\s+Day"
    r"|Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Presidents['’]?\s+Day|Mother['’]s\s+Day|Father['’]s\s+Day|Election\s+Day|Boxing\s+Day)\b"
    r"(?!\s+(?:[Tt]rees?|[Cc]ards?|[Cc]arols?|[Ll]ights|[Dd]ecorations|[Ii]sland|[Ee]ggs?|[Rr]ising|[Bb]unny|[Mm]arkets?)\b)"),
    holiday, directed=True,
    gate=("christmas", "year", "thanksgiving", "easter", "friday", "halloween", "valentine", "july", "memorial", "labor",
          "veteran", "luther", "president", "mother", "father", "election", "boxing"))
