"""Expressions relative to the anchor or to the reference time: "two years
ago", "last week", "earlier this week", "the end of this year", "the next
day", "that day", "on Wednesday", "yesterday", "now", "recently", each
pattern with its normaliser.

"The next day", "that day" and "the following year" count from the
reference time (their ``ref_step``; the second pass is
:mod:`.references`); a weekday takes the direction of its clause
(:mod:`.resolve`).
"""

from __future__ import annotations

import datetime as dt
import re

from ...lexicon.time import MODS, PARTS, REFS, RELATIVE_STEPS, SEASONS, UNITS, WORDLIKE_WEEKDAYS
from .fragments import COUNT, PART_NAME, RELATIVE_WORD, SEASON_NAME, UNIT_NAME, WEEKDAY_NAME, I, MONTH_NAME, business_near
from .kind import Context, Kind, Normalised
from .resolve import last_season_year, resolve_weekday
from .values import count, duration, iso_week, offset, quarter, shift_month, unit_key, unit_value, weekday_number

# --------------------------------------------------------------------------
# "two years ago", "years ago", "hours later"
# --------------------------------------------------------------------------


def units_ago(c: Context) -> Normalised:
    """"two years ago": a date; "two months after the attack", "three days
    later", "30 years since the uprising": a length of time from another
    event (TimeML: DURATION, without the "after"); "a day earlier" too, but
    "a year earlier" dates a comparison (TimeBank)."""
    g, A = c.groups, c.anchor
    n, (_, unit) = count(g["n"]), UNITS[unit_key(g["u"])]
    direction = g["dir"].lower()
    if direction in ("after", "before", "later", "since") or (direction == "earlier" and unit_key(g["u"]) not in ("year", "decade", "century")):
        return "DURATION", duration(n, unit_key(g["u"])), None
    sign = -1 if direction in ("ago", "earlier", "before", "since") else 1
    if A is None or n is None:
        return "DATE", None if A is None else ("PAST_REF" if sign < 0 else "FUTURE_REF"), None
    return "DATE", offset(A, sign * n, unit), None


def _units_ago_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return m.start(), (m.end("u") if typ == "DURATION" else m.end())  # "two months after ...": "two months"


UNITS_AGO = Kind("units_ago", re.compile(
    rf"\b(?:(?:almost|nearly|about|around|some|more than|less than|over|just|only)\s+)?(?P<n>{COUNT})[- ](?P<u>{UNIT_NAME})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|from now|hence|since)\b", I),
    units_ago, span=_units_ago_span,
    # the pattern is costly: it runs only around its direction word
    window=(re.compile(r"\b(?:ago|earlier|later|before|after|from\s+now|hence|since)\b", I), 120, 20))


def vague_ago(c: Context) -> Normalised:
    """"years ago": the past; "hours later", "minutes after the blast": a length of time."""
    g = c.groups
    if g.get("hu"):
        return "DURATION", duration(None, unit_key(g["hu"])), None
    return "DATE", "PAST_REF" if g["dir"].lower() in ("ago", "earlier") else "FUTURE_REF", None


def _vague_ago_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return m.start(), (m.end("hu") if m.group("hu") else m.end())  # "hours later": "hours"


VAGUE_AGO = Kind("vague_ago", re.compile(
    r"\b(?P<u>days|weeks|months|years|decades)\s+(?P<dir>ago|earlier|later)\b"
    r"|\b(?P<hu>hours|minutes)\s+(?:later|after|before|earlier)\b", I),
    vague_ago, gate=("ago", "earlier", "later", "after", "before"), span=_vague_ago_span)

# --------------------------------------------------------------------------
# "last week", "the end of this year"
# --------------------------------------------------------------------------


def relative_unit(c: Context) -> Normalised:
    """"last week", "this year", "next spring", "earlier this month", "the
    following year" (counted from the reference time: ``ref_step``)."""
    g, A, m = c.groups, c.anchor, c.match
    rel, u = g["rel"].lower(), g["u"].lower()
    if g["rel"][0].isupper() and g["u"][0].isupper() and not g.get("mod") \
            and not re.search(r"(?:^|[.!?]\s*|\n\s*)$", m.string[max(0, m.start() - 3):m.start()]):
        return None  # a title in running text: ABC's "This Week"
    mod = MODS.get((g.get("mod") or "").lower())
    if u in SEASONS or u in PARTS:
        if A is None:
            return "DATE", None, None
        if u in PARTS:
            base = A + dt.timedelta(days=RELATIVE_STEPS[rel])  # "last night": the night before the anchor
            return "TIME", f"{base.isoformat()}T{PARTS[u]}", None
        y = A.year + RELATIVE_STEPS.get(rel, 0)
        if rel in ("last", "past"):
            y = last_season_year(A, u)
        return "DATE", f"{y}-{SEASONS[u]}", mod
    if u == "quarter" and not business_near(m, 200):
        return None  # "the same quarter" of a town
    k = RELATIVE_STEPS[rel]
    if A is None:
        return "DATE", None, mod
    if u == "week" or u == "weekend":
        v = iso_week(A + dt.timedelta(days=7 * k))
        return "DATE", v + ("-WE" if u == "weekend" else ""), mod
    if u == "month":
        y, mm = shift_month(A.year, A.month, k)
        return "DATE", f"{y}-{mm:02d}", mod
    if u == "year":
        return "DATE", str(A.year + k), mod
    if u == "quarter":
        q = quarter(A) + k
        y = A.year + (q - 1) // 4
        return "DATE", f"{y}-Q{(q - 1) % 4 + 1}", mod
    if u == "decade":
        return "DATE", str((A.year // 10 + k))[:3], mod
    if u == "century":
        return "DATE", str(A.year // 100 + k), mod
    return None


def _relative_unit_step(m: re.Match) -> tuple[str, int] | None:
    rel = m.group("rel").lower()
    if rel in ("following", "previous", "same"):
        return m.group("u").lower(), RELATIVE_STEPS[rel]
    return None


RELATIVE_UNIT = Kind("relative_unit", re.compile(
    rf"\b(?:(?P<mod>early|late|earlier|later|mid)[- ])?(?:the\s+(?=(?:current|same|previous|following)\b))?(?P<rel>{RELATIVE_WORD})\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|quarter|decade|century|{SEASON_NAME}|{PART_NAME})\b", I),
    relative_unit, ref_step=_relative_unit_step)


def end_of_unit(c: Context) -> Normalised:
    """"the end of this year", "the beginning of next month"."""
    g, A = c.groups, c.anchor
    mod = MODS[re.sub(r"\s+", " ", g["mod"].lower()) + " of"]
    if A is None:
        return "DATE", None, mod
    k = RELATIVE_STEPS[g["rel"].lower()]
    u = g["u"].lower()
    if u == "year":
        return "DATE", str(A.year + k), mod
    if u == "month":
        y, mm = shift_month(A.year, A.month, k)
        return "DATE", f"{y}-{mm:02d}", mod
    if u == "week":
        return "DATE", iso_week(A + dt.timedelta(days=7 * k)), mod
    if u == "decade":
        return "DATE", str(A.year + 10 * k)[:3], mod
    return "DATE", str(A.year // 100 + k), mod


END_OF_UNIT = Kind("end_of_unit", re.compile(
    r"\b(?P<mod>the\s+end|the\s+beginning|the\s+start|the\s+middle)\s+of\s+(?P<rel>the|this|last|next)\s+(?P<u>year|month|week|decade|century)\b", I),
    end_of_unit, gate=("end", "beginning", "start", "middle"))

# --------------------------------------------------------------------------
# "the next day", "that day": from the reference time
# --------------------------------------------------------------------------


def _the_next_day_step(m: re.Match) -> tuple[str, int] | None:
    w = m.group(0).lower()
    if "yesterday" in w or "tomorrow" in w:
        return None
    g = m.groupdict()
    return (g.get("ru") or g.get("rd")).lower(), (-1 if ("before" in w or "previous" in w) else 1)


def the_next_day(c: Context) -> Normalised:
    """"the next day", "the week before", "the following morning" (from the
    reference time: ``ref_step``), "the day before yesterday"."""
    A, w = c.anchor, c.low
    step = _the_next_day_step(c.match)
    typ = "TIME" if step and step[0] in PARTS else "DATE"
    if A is None:
        return typ, None, None
    if "before yesterday" in w:
        return "DATE", (A - dt.timedelta(days=2)).isoformat(), None
    if "after tomorrow" in w:
        return "DATE", (A + dt.timedelta(days=2)).isoformat(), None
    return typ, unit_value(*step, A), None


THE_NEXT_DAY = Kind("the_next_day", re.compile(
    r"\b(?P<w>the\s+(?P<ru>day|night|week|weekend|month|year)\s+(?:before|after)|the\s+(?:previous|next|following)\s+(?P<rd>day|night|morning|afternoon|evening)|day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow)\b", I),
    the_next_day, ref_step=_the_next_day_step)


def _that_day_unit(m: re.Match) -> str:
    return (m.group("u") or m.group("u3")).lower()


def that_day(c: Context) -> Normalised:
    """"that day", "the same month", "later in the day" (from the reference time: ``ref_step``)."""
    A, m = c.anchor, c.match
    u = _that_day_unit(m)
    if u == "quarter" and not business_near(m, 150):
        return None  # "video footage from the same quarter": a part of a town
    typ = "TIME" if u in PARTS else "DATE"
    return typ, (unit_value(u, 0, A) if A else None), None


def _that_day_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    return (m.start("core3") if m.group("core3") else m.start()), m.end()  # "later in the day": "the day"


THAT_DAY = Kind("that_day", re.compile(
    r"\b(?:that|the\s+same)\s+(?P<u>day|night|morning|afternoon|evening|week|weekend|month|quarter|year)\b(?!-)(?!\s+(?:care|laborers?|traders?|trips?|jobs?|schools?|shifts?|clubs?)\b)"
    r"|\b(?:later|earlier)\s+in\s+(?P<core3>the\s+(?P<u3>day))\b(?!-)", I),
    that_day, span=_that_day_span, ref_step=lambda m: (_that_day_unit(m), 0))

# --------------------------------------------------------------------------
# weekdays, "yesterday"
# --------------------------------------------------------------------------

# an event after a possessive weekday that is still to come ("Monday's summit")
_SCHEDULED = re.compile(r"\s+(?:\w+\s+)?(?:meeting|vote|deadline|election|summit|game|talks|session|hearing|ceremony|match|rally|"
                        r"visit|trip|debate|race|launch|opening|trial|auction|sale|conference|funeral|parade|celebrations?)\b", I)


def weekday(c: Context) -> Normalised:
    """"on Wednesday", "next Friday", "Monday afternoon": the day the clause
    points to ("the previous Friday": before the day the text names, in
    :mod:`.references`)."""
    g, A, m = c.groups, c.anchor, c.match
    wd = weekday_number(g["wd"])
    if g["wd"][0].islower() and g["wd"].lower() in WORDLIKE_WEEKDAYS:
        return None
    rel = (g.get("rel") or "").lower()
    t = c.tense
    if m.string[m.end():m.end() + 2] in ("'s", "’s") and not _SCHEDULED.match(m.string, m.end() + 2):
        t = "past"  # "Thursday's closing price", "Friday's bombing": a day reported on ("Monday's summit": as the clause says)
    rel = rel.split()[-1] if rel else rel
    if rel == "on":
        rel = (g.get("rel") or "").lower().split()[0]  # "earlier on Friday"
    if rel == "earlier" and t == "future":
        t = "past"  # "earlier on Friday evening": a day gone by
    if rel in ("last", "previous", "past"):
        t = "past"
    elif rel in ("next", "following", "coming"):
        t = "future"
    if A is None:
        v = f"XXXX-WXX-{wd + 1}"
    else:
        d = resolve_weekday(A, wd, t)
        if rel in ("next", "following") and d == A:
            d += dt.timedelta(days=7)
        if rel in ("last", "previous") and d == A:
            d -= dt.timedelta(days=7)
        v = d.isoformat()
    if g.get("part"):
        return "TIME", f"{v}T{PARTS[g['part'].lower()]}", None
    return "DATE", v, None


WEEKDAY = Kind("weekday", re.compile(
    rf"\b(?:(?P<rel>(?:this\s+)?coming|this\s+past|this|last|next|early|late|earlier(?:\s+on)?|later(?:\s+on)?|the\s+(?:previous|following))\s+)?(?P<wd>{WEEKDAY_NAME})(?:\s+(?P<part>{PART_NAME}))?\b(?!\s*,?\s*{MONTH_NAME})", I),
    weekday, directed=True)


def yesterday_today(c: Context) -> Normalised:
    """"today", "yesterday morning", "late yesterday", "tonight", "last
    night" (not "USA Today", a name in running text)."""
    g, A, m = c.groups, c.anchor, c.match
    if m.group(0)[0].isupper() and not re.search(r"(?:^|[.!?:;\"“”'‘’(\[\n_-])\s*$", m.string[max(0, m.start() - 6):m.start()]):
        return None  # "Russia Today", "USA Today": a name in running text
    w = re.sub(r"\s+", " ", g["w"].lower())  # "late yesterday", "mid-afternoon yesterday": yesterday
    if A is None:
        return ("TIME" if any(p in w for p in PARTS) or w == "tonight" or g.get("mid") else "DATE"), None, None
    base = A
    if w.startswith("yesterday") or w == "last night":
        base = A - dt.timedelta(days=1)
    elif w.startswith("tomorrow"):
        base = A + dt.timedelta(days=1)
    part = next((PARTS[p] for p in PARTS if p in w), None)
    if g.get("mid"):
        part = PARTS[g["mid"].lower()]  # "mid-afternoon yesterday"
    if w == "tonight":
        part = "NI"
    if part:
        return "TIME", f"{base.isoformat()}T{part}", None
    return "DATE", base.isoformat(), None


YESTERDAY_TODAY = Kind("yesterday_today", re.compile(
    r"\b(?:(?:late|early|earlier|later)\s+|mid-?\s?(?P<mid>morning|afternoon|evening)\s+)?(?P<w>tomorrow\s+(?:morning|afternoon|evening|night)|yesterday\s+(?:morning|afternoon|evening)|today|yesterday|tomorrow|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night)\b", I),
    yesterday_today, gate=("today", "yesterday", "tomorrow", "tonight") + tuple(PARTS))

# --------------------------------------------------------------------------
# the present, the past, the future
# --------------------------------------------------------------------------


def the_term(c: Context) -> Normalised:
    """"the near term", "the long term": the future."""
    return "DATE", "FUTURE_REF", None


THE_TERM = Kind("the_term", re.compile(
    r"\bthe\s+(?P<w>near|short|long)\s+term\b(?!-)(?!\s+(?:debt|bonds?|notes?|loans?|rates?|interest|securities|paper|investments?|financing|borrowing|care|contracts?|deals?))", I),
    the_term, gate=("term",))


def vague_reference(c: Context) -> Normalised:
    """"now", "currently", "recently", "the future", "soon" (not "as soon as",
    "soon after the attack")."""
    m = c.match
    w = re.sub(r"\s+", " ", c.low)
    if w in ("soon", "shortly") and (re.match(r"\s+(?:after|before|as)\b", m.string[m.end():])
                                    or re.search(r"\bas\s+$", m.string[max(0, m.start() - 4):m.start()])):
        return None  # "as soon as", "soon after the attack": a relation, not a time
    v = REFS.get(w)
    if v is None:
        return None
    return "DATE", v, None


VAGUE_REFERENCE = Kind("vague_reference", re.compile(
    r"\b(?P<w>now|currently|current(?!\s+(?:accounts?|affairs|events|assets|liabilities|carrying)\b)|nowadays|at present|at the moment|these days|recently|recent years|recent months|recent weeks|recent(?!\s+(?:days|weeks|months|years|decades|quarters))|lately|the past|formerly|the near future|the future|soon|shortly)\b(?!-)", I),
    vague_reference)
