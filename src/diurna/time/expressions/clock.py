"""Times of day: clock times ("3 p.m.", "0730 GMT", "at 8:30", "midnight
Friday") and parts of the day ("in the morning", "midday", "the night of
Aug. 7"), each pattern with its normaliser.

A clock time without its day takes the day its sentence names in the second
pass (:mod:`.references`); midnight is the end of the day (``24:00``), as
TimeML has it.
"""

from __future__ import annotations

import datetime as dt
import re

from ...lexicon.time import DAY_WORDS, PARTS
from .fragments import MONTH_NAME, WEEKDAY_NAME, YYYY, ZONE, I
from .kind import Context, Kind, Normalised
from .resolve import resolve_month_day, resolve_weekday
from .values import month_number, weekday_number


def clock_of(g: dict) -> str | None:
    """``HH:MM`` of a clock match: 12-hour with a.m./p.m., 24-hour with a
    zone ("0730 GMT"), noon, midnight (TimeML: the end of the day, ``24:00``)."""
    if g.get("h24"):
        return f"{g['h24']}:{g['m24']}"
    if g.get("hc") or g.get("hz"):
        return f"{int(g['hc'] or g['hz']):02d}:{g['mc'] or g['mz']}"  # "at 8:30", "07:00 GMT": as written
    if g.get("ho"):
        return f"{int(g['ho']):02d}:00" if 0 < int(g["ho"]) <= 12 else None  # "at 8 o'clock"
    if g.get("noon"):
        return "12:00" if g["noon"].lower() == "noon" else "24:00"
    hh, mi = int(g["h"]), int(g.get("mi") or 0)
    if hh > 12 or hh == 0:
        return None
    hh = hh % 12 + (12 if g["ap"].lower().startswith("p") else 0)
    return f"{hh:02d}:{mi:02d}"


def clock_time(c: Context) -> Normalised:
    """"3 p.m.", "0730 GMT", "at 8:30": on the anchor's day until the second
    pass finds the day named."""
    hm = clock_of(c.groups)
    if hm is None:
        return None
    base = c.anchor.isoformat() if c.anchor else "XXXX-XX-XX"
    return "TIME", f"{base}T{hm}", None


def _clock_time_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return (m.start("hc") if m.group("hc") else m.start()), m.end()  # "at 8:30": without the preposition


CLOCK_TIME = Kind("clock_time", re.compile(
    rf"(?:\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<noon>noon|midnight)\b){ZONE}"
    r"|\b(?P<h24>[01]\d|2[0-3])(?P<m24>[0-5]\d)\s*(?P<tz24>GMT|UTC|local\s+time)\b"
    r"|\b(?:at|by|until|till|before|after|around|about|from)\s+(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)\b(?![.:,]?\d)(?!\s*(?:a\.m\.|p\.m\.|am\b|pm\b))"
    r"|\b(?P<ho>[01]?\d)\s+o['’]clock\b"
    r"|\b(?<![:.])(?P<hz>[01]?\d|2[0-3]):(?P<mz>[0-5]\d)\s*(?:GMT|UTC)\b", I),
    clock_time, span=_clock_time_span)


def clock_and_day(c: Context) -> Normalised:
    """"midnight Friday", "5 p.m. EST Nov. 9", "10 a.m. yesterday"."""
    g, A = c.groups, c.anchor
    hm = clock_of(g)
    if hm is None:
        return None
    if g.get("wd"):
        day = f"XXXX-WXX-{weekday_number(g['wd']) + 1}" if A is None else resolve_weekday(A, weekday_number(g["wd"]), c.tense).isoformat()
    elif g.get("mon"):
        mon, d = month_number(g["mon"]), int(g["d"])
        res = resolve_month_day(A, mon, d, c.tense) if A is not None and 1 <= d <= 31 else None
        day = res.isoformat() if res else f"XXXX-{mon:02d}-{d:02d}"
    else:
        k = DAY_WORDS[g["dei"].lower()]
        day = "XXXX-XX-XX" if A is None else (A + dt.timedelta(days=k)).isoformat()
    return "TIME", f"{day}T{hm}", None


CLOCK_AND_DAY = Kind("clock_and_day", re.compile(
    rf"\b(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.)|(?P<noon>noon|midnight)){ZONE},?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY_NAME})|(?P<mon>{MONTH_NAME})\s+(?P<d>[0-3]?\d)\b(?![\d:%])|(?P<dei>today|yesterday|tomorrow))", I),
    clock_and_day, gate=("a.m.", "p.m.", "noon", "midnight"), directed=True)


def part_of_date(c: Context) -> Normalised:
    """"the morning of Aug. 7", "the night of Friday"."""
    g, A = c.groups, c.anchor
    part = PARTS[g["part"].lower()]
    if g.get("mon") or g.get("mon2"):
        mon, d, y = month_number(g["mon"] or g["mon2"]), int(g["d"] or g["d2"]), g.get("y") or g.get("y2")
        try:
            day = dt.date(int(y), mon, d) if y else (resolve_month_day(A, mon, d, c.tense) if A else None)
        except ValueError:
            return None
        v = day.isoformat() if day else f"XXXX-{mon:02d}-{d:02d}"
    else:
        wd = weekday_number(g["wd2"])
        v = resolve_weekday(A, wd, c.tense).isoformat() if A else f"XXXX-WXX-{wd + 1}"
    return "TIME", f"{v}T{part}", None


PART_OF_DATE = Kind("part_of_date", re.compile(
    rf"\bthe\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night)\s+of\s+(?:(?P<wd>{WEEKDAY_NAME}),?\s+)?"
    rf"(?:(?P<mon>{MONTH_NAME})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{YYYY})\b)?"
    rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{MONTH_NAME})(?:,?\s+(?P<y2>{YYYY})\b)?|(?P<wd2>{WEEKDAY_NAME}))", I),
    part_of_date, gate=tuple(PARTS), directed=True)


def _part_of_day_part(m: re.Match) -> str:
    return (m.group("part") or m.group("part2") or "midday").lower()


def part_of_day(c: Context) -> Normalised:
    """"in the morning", "mid-afternoon", "midday": of the anchor's day, or
    of the day the text last named (``ref_step``)."""
    A = c.anchor
    return "TIME", (f"{A.isoformat()}T{PARTS[_part_of_day_part(c.match)]}" if A else None), None


def _part_of_day_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return (m.start("core") if m.group("core") else m.start()), m.end()  # "in the morning": "the morning"


PART_OF_DAY = Kind("part_of_day", re.compile(
    r"\b(?:in|during|by|until|through|throughout)\s+(?P<core>the\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night))\b(?![- ]?(?:of|before|after|club|shift|sky|session|flights?|trains?|train)\b)"
    r"|\b(?P<core2>mid-?\s?(?P<part2>morning|afternoon|evening)|midday)\b(?!-)(?!\s+(?:sun|heat|meal|prayers?|break|news|bulletin|temperatures?)\b)", I),
    part_of_day, gate=tuple(PARTS), span=_part_of_day_span, ref_step=lambda m: (_part_of_day_part(m), 0))
