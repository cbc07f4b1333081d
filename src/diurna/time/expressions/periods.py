"""Periods of a report: quarters and halves ("the third quarter", "the
first half of 2016"), "the latest quarter", "the same period last year",
"the 1988 period", "a year ago", "year-end", "the year", each pattern with
its normaliser; and the second pass that makes "a year ago" in a quarterly
report the same quarter of the year before (:func:`year_ago_quarters`).

"Quarter" and "period" are a reporting period only near business words
(:data:`.fragments.BUSINESS`), and "the fourth quarter" of a game is none.
"""

from __future__ import annotations

import datetime as dt
import re

from ...records import Timex
from ...lexicon.time import ORDINALS, RELATIVE_STEPS
from .fragments import ORDINAL, YYYY, I, BUSINESS, business_near
from .kind import Context, Kind, Normalised
from .values import iso_week, quarter

# words of a game: "the fourth quarter", "the second half" of one
_SPORTS = re.compile(r"\b(?:scor(?:ed|es|ing)|touchdowns?|field goals?|goals?|points|halftime|half-time|innings?|rebounds|"
                     r"yards|quarterback|game|match|basket|penalty|overtime|lead|led|trailed|coach|team)\b", I)


def quarter_or_half(c: Context) -> Normalised:
    """"the third quarter", "the first half of this year", "the year-ago
    third quarter", "fiscal 1990's second half"."""
    g, A, m, low = c.groups, c.anchor, c.match, c.low
    unit = g["u"].lower()
    rel = (g.get("rel") or g.get("rel2") or "").lower()
    if g["o"].lower() in ("last", "final", "latter"):
        if not (g.get("y2") or g.get("rel2")):
            return None  # "the last quarter": the one before this one (.relative.RELATIVE_UNIT)
        o = 4 if unit == "quarter" else 2  # "the last half of 1989"
    else:
        o = ORDINALS[g["o"].lower()]
    if not (g.get("yr") or g.get("y2") or rel or g.get("ago") or "fiscal" in low):
        around = m.string[max(0, m.start() - 150):m.end() + 150]
        if _SPORTS.search(around) and not BUSINESS.search(around):
            return None  # "scored in the fourth quarter", "the second half" of a game
    y = g.get("yr") or g.get("y2")
    if y is None:
        if A is None:
            return "DATE", None, None
        y = A.year + RELATIVE_STEPS.get(rel, 0)
        if rel in ("", "the") and unit == "quarter" and c.tense == "past" and o > quarter(A):
            y -= 1
        if g.get("ago"):
            y -= 1  # "the year-ago third quarter"
    return "DATE", f"{y}-{'Q' if unit == 'quarter' else 'H'}{o}", None


def _quarter_or_half_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    if m.group("the") and "-" in m.group(0)[m.start("o") - m.start():]:
        return m.start() + len(m.group("the")) + 1, m.end()  # "the third-quarter results": an adjective
    return m.start(), m.end()


QUARTER_OR_HALF = Kind("quarter_or_half", re.compile(
    rf"\b(?:(?P<the>the)\s+)?(?:(?:comparable\s+)?(?P<ago>year[- ](?:ago|earlier))\s+)?(?:(?P<yr>{YYYY})\s+|(?P<rel>this|last|next)\s+year'?s\s+)?(?:fiscal\s+)?(?P<o>{ORDINAL}|last|final|latter)[- ](?P<u>quarter|half)\b"
    rf"(?:\s+of\s+(?:(?P<y2>{YYYY})|(?P<rel2>this|last|next|the)\s+(?:fiscal\s+|calendar\s+)?year\b(?!-)))?", I),
    quarter_or_half, gate=("quarter", "half"), directed=True, span=_quarter_or_half_span)


def the_period(c: Context) -> Normalised:
    """"the latest quarter", "the same week", "the year-ago period", "the current month"."""
    g, A, m = c.groups, c.anchor, c.match
    adj, u = (g.get("adj") or "").lower(), g["u"].lower()
    if u in ("quarter", "period") and not business_near(m, 200):
        return None  # "residents of the quarter": a part of a town; "the period" of a report needs figures
    if A is None:
        return "DATE", None, None
    back = adj in ("year-ago", "year-earlier", "comparable")
    if u in ("quarter", "period") and adj in ("latest", "current", "same", "year-ago", "year-earlier", "comparable", ""):
        if u == "period" and not adj:
            return None
        q = quarter(A) - 1 if c.tense == "past" or adj == "latest" else quarter(A)
        y = A.year - (1 if back else 0)
        if q == 0:
            q, y = 4, y - 1
        return "DATE", f"{y}-Q{q}", None
    if u in ("week", "weekend") and adj in ("", "current", "same"):
        d = A - dt.timedelta(days=7) if u == "weekend" and c.tense == "past" and A.weekday() < 5 else A
        return "DATE", iso_week(d) + ("-WE" if u == "weekend" else ""), None
    if u == "month" and adj in ("current", "same", ""):
        return None if not adj else ("DATE", f"{A.year}-{A.month:02d}", None)
    return None


THE_PERIOD = Kind("the_period", re.compile(
    r"\bthe\s+(?P<adj>latest|current|same|recent|year-ago|year-earlier|comparable|previous|prior)?\s*(?P<u>quarter|week|weekend|period|month)\b(?!-)", I),
    the_period, directed=True)


def same_period(c: Context) -> Normalised:
    """"the same period last year": a year back; the period itself is the one
    just named (:mod:`.references`)."""
    A = c.anchor
    return "DATE", (str(A.year - 1) if A else None), None


SAME_PERIOD = Kind("same_period", re.compile(
    r"\bthe\s+(?:same|corresponding|comparable)\s+(?P<u>period|quarter|half|month|week|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|a)\s+year\b", I),
    same_period, gate=("same", "corresponding", "comparable"))


def year_period(c: Context) -> Normalised:
    """"the 1988 period": that year's part of the period just named
    (:func:`year_ago_quarters`), else the year."""
    return "DATE", c.groups["y"], None


YEAR_PERIOD = Kind("year_period", re.compile(rf"\bthe\s+(?P<y>{YYYY})\s+(?:period|quarter)\b", I), year_period,
                   gate=("period", "quarter"))


def year_ago(c: Context) -> Normalised:
    """"a year ago", "year-earlier": last year (in a quarterly report the
    quarter: :func:`year_ago_quarters`)."""
    A = c.anchor
    return "DATE", (str(A.year - 1) if A else None), None


YEAR_AGO = Kind("year_ago", re.compile(r"\byear[- ](?:ago|earlier)\b", I), year_ago, gate=("ago", "earlier"))


def year_end(c: Context) -> Normalised:
    """"by year-end": the end of this year ("since year-end": of the last)."""
    g, A = c.groups, c.anchor
    if A is None:
        return "DATE", None, "END"
    y = A.year - (1 if (g.get("pre") or "").lower() == "since" else 0)
    return "DATE", str(y), None


def _year_end_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    since = (m.group("pre") or "").lower() == "since"
    return (m.start("core") if since else m.start()), m.end()  # "since year-end": the date is "year-end"


YEAR_END = Kind("year_end", re.compile(r"\b(?:(?P<pre>around|since)\s+)?(?P<core>year(?:-|\s+|['’]s\s+)end)\b", I),
                year_end, gate=("end",), span=_year_end_span)

# "player of the year": a title, not a time
_AWARD_BEFORE = re.compile(r"\b(?:player|person|man|woman|coach|rookie|manager|pitcher|athlete|executive|team|car|album|song|"
                           r"book|movie|film|story|word|event)s?\s+of\s+$", I)


def the_year(c: Context) -> Normalised:
    """"the year", "the fiscal year": this year; "the year ended Sept. 30": a
    twelve-month period."""
    g, A, m = c.groups, c.anchor, c.match
    if _AWARD_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
        return None  # "player of the year": a title
    if g.get("ended"):
        return "DURATION", "P1Y", None
    return "DATE", (str(A.year) if A else None), None


def _the_year_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return m.start(), (m.start("ended") if m.group("ended") else m.end())  # "the year ended Sept. 30": "the year"


THE_YEAR = Kind("the_year", re.compile(
    r"\bthe\s+(?:(?P<adj>fiscal|full|entire|whole|calendar)\s+)?year\b(?![-'’])(?!\s+(?:before|after|earlier|ago|later|or|and|\d))(?P<ended>\s+end(?:ed|ing)\b)?", I),
    the_year, span=_the_year_span)

# --------------------------------------------------------------------------
# second pass: "a year ago" in a quarterly report
# --------------------------------------------------------------------------

_YEAR_AGO = re.compile(r"(?:a\s+year\s+|year-)(?:ago|earlier)", I)
# a quarterly report nearby ("third-quarter profit", "the quarter ended"), not "headquarters" or "a quarter of"
_QUARTER_REPORT = re.compile(r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|latest|the|this|fiscal)[- ]quarter\b(?!\s+of\s+(?:the|a|an|its|all)\b)|quarterly\b)", I)
_YEAR_PERIOD = re.compile(r"the\s+(\d{4})\s+(?:period|quarter)", I)
_THE_QUARTER = re.compile(r"(?:the|this)\s+(?:latest\s+)?(?:quarter|period)", I)


def year_ago_quarters(text: str, out: list[Timex], anchor: dt.date) -> None:
    """"Up from $3 million a year ago" in a quarterly report compares with the
    same quarter of the year before (TimeML: ``1988-Q3``, not ``1988``)."""
    last_q = None
    for i, t in enumerate(out):
        mq = re.fullmatch(r"(\d{4})-Q([1-4])", t.value or "")
        my = _YEAR_PERIOD.fullmatch(t.text)
        if my:
            # "the 1988 period": the reported quarter, in 1988; after "the
            # first nine months" it is the year's
            if last_q is not None and i and out[i - 1].type != "DURATION":
                t.value = f"{my.group(1)}-Q{last_q[1]}"
            continue
        if mq and _THE_QUARTER.fullmatch(t.text) and last_q is not None:
            t.value = f"{last_q[0]}-Q{last_q[1]}"  # "the quarter": the one the report is about
        elif mq and not re.search(r"ago|earlier|last|previous|prior", t.text, I) \
                and int(mq.group(1)) >= anchor.year - (quarter(anchor) == 1):
            last_q = (int(mq.group(1)), int(mq.group(2)))  # the quarter reported on, not one compared with
        if not (_YEAR_AGO.fullmatch(t.text) and t.value == str(anchor.year - 1)):
            continue
        stop = text.find(".", t.end)
        if last_q is None and not _QUARTER_REPORT.search(text, max(0, t.start - 300), stop if stop >= 0 else len(text)):
            continue  # no quarter reported on nearby: a year ago is a year
        if last_q is not None:
            y, q = last_q[0] - 1, last_q[1]
        else:
            q, y = quarter(anchor) - 1, anchor.year - 1
            if q == 0:
                q, y = 4, y - 1
        t.value = f"{y}-Q{q}"
