"""Which day, month or year a weekday, a date without a year, a month or a
season means, given the anchor and the direction of its clause (past,
future, or neither: the nearest).

The direction itself comes from :mod:`.tense`; the kinds that need it are
marked ``directed`` in their :class:`~.kind.Kind`.
"""

from __future__ import annotations

import datetime as dt

from ...lexicon.time import SEASON_END

SAME_WEEKDAY_BACK = 0  # days back for "said on Thursday" in a Thursday story (0: that day; TimeBank agrees)


def resolve_weekday(anchor: dt.date, wd: int, tense: str | None) -> dt.date:
    diff = (wd - anchor.weekday()) % 7  # days forward to the next such weekday (0: today)
    if tense == "past":
        return anchor - dt.timedelta(days=(7 - diff) % 7 or SAME_WEEKDAY_BACK)
    if tense == "future":
        return anchor + dt.timedelta(days=diff)
    # no tense: the nearest, the past on a tie
    back = (7 - diff) % 7
    return anchor - dt.timedelta(days=back) if back <= diff else anchor + dt.timedelta(days=diff)


def resolve_month_day(anchor: dt.date, m: int, d: int, tense: str | None, strict: bool = False) -> dt.date | None:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(dt.date(y, m, d))
        except ValueError:
            pass
    return pick_year(anchor, cands, tense, strict)


def pick_year(anchor: dt.date, cands: list[dt.date], tense: str | None, strict: bool = False) -> dt.date | None:
    """The one of the same day in neighbouring years the clause points to
    (``strict``: after "since", never ahead)."""
    if not cands:
        return None
    if tense == "past":
        past = [c for c in cands if c <= anchor]
        fut = [c for c in cands if c > anchor]
        # a date most of a year back would carry its year; a deadline in the
        # coming weeks often sits in a past-tense clause ("had been set to
        # expire Nov. 6")
        if past and fut and not strict and (anchor - max(past)).days > 240 and (min(fut) - anchor).days <= 60:
            return min(fut)
        return max(past) if past else min(cands, key=lambda c: abs((c - anchor).days))
    if tense == "future":
        fut = [c for c in cands if c >= anchor]
        past = [c for c in cands if c < anchor]
        # the other way round: a day of the last weeks in a future clause is
        # one named as past ("will study the Aug. 7 bombings"), not next year's
        if past and fut and (anchor - max(past)).days <= 30 and (min(fut) - anchor).days > 300:
            return max(past)
        return min(fut) if fut else min(cands, key=lambda c: abs((c - anchor).days))
    return min(cands, key=lambda c: (abs((c - anchor).days), c > anchor))


def resolve_month(anchor: dt.date, m: int, tense: str | None, near: bool = False) -> tuple[int, int]:
    if tense == "past":
        if near and 0 < m - anchor.month <= 2:
            return anchor.year, m  # the coming months, named inside a noun phrase of a past clause
        return (anchor.year, m) if m <= anchor.month else (anchor.year - 1, m)
    if tense == "future":
        if anchor.month - m == 1:
            return anchor.year, m  # the month just ended, named in a future clause, as for a day
        return (anchor.year, m) if m >= anchor.month else (anchor.year + 1, m)
    # nearest within six months
    diff = m - anchor.month
    if diff > 6:
        return anchor.year - 1, m
    if diff < -6:
        return anchor.year + 1, m
    return anchor.year, m


def last_season_year(A: dt.date, season: str) -> int:
    """The year of the last ``season`` before ``A``: "last spring" said in
    October is this year's spring, over by now (winter spans two years:
    always the year before)."""
    return A.year if A.month > SEASON_END.get(season, 13) else A.year - 1
