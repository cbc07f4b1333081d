"""Calendar dates: full and yearless dates, months, years, decades,
centuries and seasons, each pattern with its normaliser.

A yearless date or a month takes its year from the direction of its clause
(:mod:`.resolve`); the words' meanings are in :mod:`diurna.lexicon.time`.
"""

from __future__ import annotations

import datetime as dt
import re

from ...lexicon.time import (AMBIGUOUS_MONTHS, CENTURY_WORDS, DECADE_WORDS, MODS, NUMBERS, RELATIVE_STEPS,
                             SEASONS, WEEK_OF_MONTH)
from .fragments import I, MOD_WORDS, MONTH_NAME, SEASON_NAME, WEEKDAY_NAME, YYYY
from .kind import Context, Kind, Normalised
from .resolve import last_season_year, resolve_month, resolve_month_day
from .values import iso_week, month_number, weekday_number


def _verb_not_month(word: str) -> bool:
    """"may", "march" in lower case: the verb, not the month."""
    return word.lower() in ("may", "march") and not word[0].isupper()


# --------------------------------------------------------------------------
# days of a month
# --------------------------------------------------------------------------


def iso_date(c: Context) -> Normalised:
    g = c.groups
    return "DATE", f"{g['y']}-{g['m']}-{g['d']}", None


ISO_DATE = Kind("iso_date", re.compile(rf"\b(?P<y>{YYYY})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"), iso_date)


def full_date(c: Context) -> Normalised:
    """"Aug. 21, 2013", "21 August 2013"."""
    g = c.groups
    try:
        d = dt.date(int(g["y"]), month_number(g["mon"]), int(g["d"]))
    except ValueError:
        return None
    return "DATE", d.isoformat(), None


MONTH_DAY_YEAR = Kind("month_day_year", re.compile(
    rf"\b(?P<mon>{MONTH_NAME})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{YYYY})\b", I), full_date)
DAY_MONTH_YEAR = Kind("day_month_year", re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH_NAME})\s*,?\s+(?P<y>{YYYY})\b", I), full_date)


def _yearless(c: Context, mon: int, day: int) -> Normalised:
    A = c.anchor
    if A is None:
        return "DATE", f"XXXX-{mon:02d}-{day:02d}", None
    d = resolve_month_day(A, mon, day, c.tense, c.strict)
    return ("DATE", d.isoformat(), None) if d else None


def month_day(c: Context) -> Normalised:
    """"Aug. 21", "21 August": the year the clause points to."""
    g = c.groups
    mon, day = month_number(g["mon"]), int(g["d"])
    if not 1 <= day <= 31:
        return None
    if _verb_not_month(g["mon"]):
        return None
    return _yearless(c, mon, day)


MONTH_DAY = Kind("month_day", re.compile(
    rf"\b(?P<mon>{MONTH_NAME})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![\d:%])(?!\s*,?\s*{YYYY})", I), month_day, directed=True)
DAY_MONTH = Kind("day_month", re.compile(
    rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{MONTH_NAME})\b(?!\s*,?\s*{YYYY})", I), month_day, directed=True)


def weekday_month_day(c: Context) -> Normalised:
    """"Monday, Sept. 16": the weekday fixes the year when the tense cannot."""
    g, A = c.groups, c.anchor
    mon, day = month_number(g["mon"]), int(g["d"])
    if not 1 <= day <= 31:
        return None
    if A is not None:
        wd = weekday_number(g["wd"])
        for y in (A.year, A.year - 1, A.year + 1):
            try:
                if dt.date(y, mon, day).weekday() == wd:
                    return "DATE", dt.date(y, mon, day).isoformat(), None
            except ValueError:
                pass
    return _yearless(c, mon, day)


WEEKDAY_MONTH_DAY = Kind("weekday_month_day", re.compile(
    rf"\b(?P<wd>{WEEKDAY_NAME}),?\s+(?P<mon>{MONTH_NAME})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*{YYYY})", I),
    weekday_month_day, directed=True)


def week_of(c: Context) -> Normalised:
    """"the week of May 8": the week that day falls in; "the first week of August"."""
    g, A = c.groups, c.anchor
    mon = month_number(g["mon"])
    if bool(g.get("o")) == bool(g.get("d")) or _verb_not_month(g["mon"]):
        return None
    d = WEEK_OF_MONTH[g["o"].lower()] if g.get("o") else int(g["d"])
    try:
        day = dt.date(int(g["y"]), mon, d) if g.get("y") else (resolve_month_day(A, mon, d, c.tense) if A else None)
    except ValueError:
        return None
    return "DATE", (iso_week(day) + ("-WE" if g["u"].lower() == "weekend" else "") if day else None), None


WEEK_OF = Kind("week_of", re.compile(
    rf"\bthe\s+(?:(?P<o>first|second|third|fourth|last|final)\s+)?(?P<u>week|weekend)\s+of\s+(?P<mon>{MONTH_NAME})"
    rf"(?:\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>{YYYY})\b)?", I), week_of, gate=("week",), directed=True)

# --------------------------------------------------------------------------
# months
# --------------------------------------------------------------------------


def month_year(c: Context) -> Normalised:
    """"August 2016", "mid-March 2014"."""
    g = c.groups
    mod = MODS.get((g.get("mod") or "").lower().strip())
    return "DATE", f"{g['y']}-{month_number(g['mon']):02d}", mod


MONTH_YEAR = Kind("month_year", re.compile(
    rf"\b(?:(?P<mod>{MOD_WORDS})\s*-?\s*)?(?P<mon>{MONTH_NAME}),?\s+(?:of\s+)?(?P<y>{YYYY})\b", I), month_year)


def month_relative_year(c: Context) -> Normalised:
    """"March last year"."""
    g, A = c.groups, c.anchor
    if A is None:
        return "DATE", None, None
    y = A.year + RELATIVE_STEPS.get(g["rel"].lower(), 0)
    return "DATE", f"{y}-{month_number(g['mon']):02d}", None


MONTH_RELATIVE_YEAR = Kind("month_relative_year", re.compile(
    rf"\b(?P<mon>{MONTH_NAME})\s+(?P<rel>last|this|next)\s+year\b", I), month_relative_year, gate=("year",))


def modified_month(c: Context) -> Normalised:
    """"mid-November", "the end of March": the month the clause points to, with its mod."""
    g, A = c.groups, c.anchor
    mon = month_number(g["mon"])
    if _verb_not_month(g["mon"]):
        return None
    mod = MODS.get(g["mod"].lower().strip())
    if A is None:
        return "DATE", f"XXXX-{mon:02d}", mod
    y, mm = resolve_month(A, mon, c.tense, c.near)
    return "DATE", f"{y}-{mm:02d}", mod


MODIFIED_MONTH = Kind("modified_month", re.compile(
    rf"\b(?P<mod>early|mid|late|the end of|the start of|the beginning of|the middle of|end)\s*-?\s*(?P<mon>{MONTH_NAME})\b", I),
    modified_month, directed=True, ahead_under_noun=True)

# a time preposition before a month that is also a word ("in May")
_PREP_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|through|throughout|during|from|to|of|before|after|early|late|mid|last|this|next|between|and|or)\s+|[-(])$", I)
# words after "May" that make it the verb ("may be", "may not")
_NOT_MONTH_AFTER = re.compile(r"\s+(?:be|have|not|also|well|the|a|we|i|you|he|she|it|they)\b", I)


def month(c: Context) -> Normalised:
    """"in September", "last August": the month the clause points to."""
    g, A, m = c.groups, c.anchor, c.match
    word = g["mon"]
    if not word[0].isupper() or word.endswith(".") and len(word) <= 4 and not g.get("rel"):
        return None
    if word.lower() in AMBIGUOUS_MONTHS:
        # ambiguous or abbreviated without a day: only after a time preposition
        before = m.string[max(0, m.start() - 12):m.start()]
        if not g.get("rel") and not _PREP_BEFORE.search(before):
            return None
        if word.lower() == "may" and _NOT_MONTH_AFTER.match(m.string, m.end()):
            return None
    mon = month_number(word)
    rel = (g.get("rel") or "").lower()
    if A is None:
        return "DATE", f"XXXX-{mon:02d}", None
    t = {"last": "past", "next": "future"}.get(rel, c.tense)
    y, mm = resolve_month(A, mon, t, c.near and not rel)
    if rel == "this":
        y = A.year
    elif rel in ("last", "next") and mon == A.month:
        y = A.year + (1 if rel == "next" else -1)  # "last August" said in August: a year back
    return "DATE", f"{y}-{mm:02d}", MODS.get(rel) if rel in ("early", "late") else None


MONTH = Kind("month", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late)\s+)?(?P<mon>{MONTH_NAME})\b", I), month,
             directed=True, ahead_under_noun=True)

# --------------------------------------------------------------------------
# years
# --------------------------------------------------------------------------


def spelled_year(c: Context) -> Normalised:
    """"nineteen ninety-one", "two thousand and two"."""
    g, m = c.groups, c.match
    if re.match(r"\s+(?:years?|people|men|women|troops|soldiers|dollars|pounds|miles|meters|feet|times|of)\b", m.string[m.end():], I):
        return None  # "two thousand years", "nineteen ninety people": a number, not a year
    if g.get("c"):
        y = (19 if g["c"].lower() == "nineteen" else 20) * 100 + NUMBERS[g["t"].lower()] + (NUMBERS[g["u"].lower()] if g.get("u") else 0)
    else:
        y = 2000 + (NUMBERS[g["u2"].lower()] if g.get("u2") else 0)
    if g.get("mon"):
        return "DATE", f"{y}-{month_number(g['mon']):02d}", None
    return "DATE", str(y), None


SPELLED_YEAR = Kind("spelled_year", re.compile(
    r"\b(?:(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\s+)?(?P<c>nineteen|twenty)(?:\s+hundred)?(?:\s+and)?\s+(?P<t>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b|\b(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<u2>one|two|three|four|five|six|seven|eight|nine|ten))?\b", I),
    spelled_year, gate=("nineteen", "twenty", "thousand"))

# words before a number that make it a number or a name ("Flight 1800", "Resolution 1701")
_NUMBER_BEFORE = re.compile(r"\b(?:flight|room|route|highway|no\.|number|resolution|suite|apartment|bus|chapter|article|section|"
                            r"pages?|model|version|windows|boeing|airbus|interstate|channel|box|unit)\s+$", I)


def year(c: Context) -> Normalised:
    """"in 2011" (not a year far ahead of the anchor, nor a number or a name)."""
    g, A, m = c.groups, c.anchor, c.match
    y = int(g["y"])
    if A is not None and y > A.year + 20:
        return None
    if _NUMBER_BEFORE.search(m.string, max(0, m.start() - 14), m.start()):
        return None  # "Flight 1800", "Resolution 1701", "Windows 2000", "No. 1999": a number or a name
    return "DATE", g["y"], None


YEAR = Kind("year", re.compile(rf"(?<![$£€\d.,])\b(?P<y>{YYYY})\b(?![\d.,]\d)(?!\s*(?:%|percent|people|troops|soldiers|dollars|euros|tons|km|miles|members|meters|metres|feet|kilometers|kilometres|yards|pounds|kilograms|kg|hectares|acres|barrels|points|votes|workers|students|refugees|prisoners|cars|homes|jobs|yuan|yen|rupees|pesos|francs|marks)\b)", I),
             year)


def modified_year(c: Context) -> Normalised:
    """"mid-2014", "the end of 2016"."""
    g = c.groups
    return "DATE", g["y"], MODS.get(g["mod"].lower().strip())


MODIFIED_YEAR = Kind("modified_year", re.compile(
    rf"\b(?P<mod>early|mid|late|the end of|the start of|the beginning of|the middle of|end)\s*-?\s*(?P<y>{YYYY})\b", I),
    modified_year)


def fiscal_year(c: Context) -> Normalised:
    """"fiscal 1990", "calendar 1989", "the year 2000"."""
    return "DATE", c.groups["y"], None


FISCAL_YEAR = Kind("fiscal_year", re.compile(rf"\b(?:fiscal|the\s+year|calendar)\s+(?P<y>{YYYY})\b", I), fiscal_year,
                   gate=("fiscal", "year", "calendar"))

# --------------------------------------------------------------------------
# decades and centuries
# --------------------------------------------------------------------------


def decade(c: Context) -> Normalised:
    """"the 1990s", "the early '80s"."""
    g = c.groups
    dec = g["dec"][:3] if g.get("dec") else f"19{g['dec2'][0]}"  # "the '90s"
    return "DATE", dec, MODS.get((g.get("mod") or "").lower())


DECADE = Kind("decade", re.compile(
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?)?(?:(?P<dec>1[6-9]\d0|20[0-9]0)['’]?s\b|['’](?P<dec2>[1-9]0)s\b)", I),
    decade, gate=("0s", "0's", "0’s"))


def decade_word(c: Context) -> Normalised:
    """"the nineties": of this century once it has had them, else of the last."""
    g, A = c.groups, c.anchor
    n = DECADE_WORDS.index(g["w"].lower()) + 2
    cent = 19 if A is None or A.year < 2020 + 10 * (n - 2) else 20
    return "DATE", f"{cent}{n}", MODS.get((g.get("mod") or "").lower())


DECADE_WORD = Kind("decade_word", re.compile(
    r"\bthe\s+(?:(?P<mod>early|mid|late)[- ])?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", I),
    decade_word, gate=("ties",))


def century(c: Context) -> Normalised:
    """"the 19th century", "the early twentieth century"."""
    g = c.groups
    n = int(g["n"]) if g.get("n") else CENTURY_WORDS[g["w"].lower()]
    return "DATE", f"{n - 1:02d}", MODS.get((g.get("mod") or "").lower())


CENTURY = Kind("century", re.compile(
    r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?:twenty-)?first|sixteenth|seventeenth|eighteenth|nineteenth|twentieth))[- ]century\b", I),
    century, gate=("century",))

# --------------------------------------------------------------------------
# seasons
# --------------------------------------------------------------------------


def season(c: Context) -> Normalised:
    """"in the summer", "last spring", "autumn 2012" (not "the fall of the Berlin Wall")."""
    g, A, m = c.groups, c.anchor, c.match
    rel = (g.get("rel") or "").lower()
    if not rel and not g.get("y"):
        before = m.string[max(0, m.start() - 12):m.start()]
        if not re.search(r"\b(?:in|this|last|next|the|by|until|since|during)\s+$", before, re.I):
            return None
        if g["s"].lower() == "fall" and re.match(r"\s+(?:of|in|from|to|off|back|out|since)\b", m.string[m.end():m.end() + 8], re.I):
            return None  # "the fall of the Berlin Wall", "a fall in prices": a drop, not autumn
    if g.get("y"):
        return "DATE", f"{g['y']}-{SEASONS[g['s'].lower()]}", None
    if A is None:
        return "DATE", None, None
    y = last_season_year(A, g["s"].lower()) if rel == "last" else A.year + (1 if rel == "next" else 0)
    return "DATE", f"{y}-{SEASONS[g['s'].lower()]}", MODS.get(rel) if rel in ("early", "late") else None


SEASON = Kind("season", re.compile(
    rf"\b(?:(?P<rel>this|last|next|early|late)\s+)?(?P<s>{SEASON_NAME})(?:\s+(?:of\s+)?(?P<y>{YYYY}))?\b", I),
    season, gate=tuple(SEASONS))
