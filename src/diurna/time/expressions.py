"""Time expressions: find them, type them and normalise them (TIMEX3).

One compiled regular expression per kind of expression runs over the whole
text (no per-token loop); overlapping matches are resolved longest-first.
Each match is normalised against an anchor date (the article's date) in
TimeML terms:

=============================  ===========  =================================
text                           type         value (anchor Thu 2017-04-06)
=============================  ===========  =================================
``Aug. 21``, ``21 August``     DATE         ``2016-08-21`` (past clause)
``on Wednesday``               DATE         ``2017-04-05`` (past) / ``-12``
``Monday afternoon``           TIME         ``2017-04-03TAF``
``last month``                 DATE         ``2017-03``
``this week``                  DATE         ``2017-W14``
``mid-2014``                   DATE         ``2014``, mod ``MID``
``the 1990s``                  DATE         ``199``
``the third quarter``          DATE         ``2017-Q3``
``two years ago``              DATE         ``2015``
``the past two years``         DURATION     ``P2Y``
``the past year``              DATE         ``2016``
``the first half of 2016``     DATE         ``2016-H1``
``now``, ``recently``          DATE         ``PRESENT_REF``, ``PAST_REF``
``every week``, ``on Mondays`` SET          ``P1W``, ``XXXX-WXX-1``
``3 p.m.``, ``0730 GMT``       TIME         ``2017-04-06T15:00``
``midnight Friday``            TIME         ``2017-03-31T24:00``
``Thanksgiving``               DATE         ``2016-11-24`` (past clause)
``two and a half years``       DURATION     ``P2Y6M``
=============================  ===========  =================================

**Direction follows the text.**  A weekday, a month or a day of a month with
no year is resolved backwards from the anchor when its clause is in the past
("Trump said on Wednesday"), forwards when it is in the future or in the
present of scheduled events ("travels to Moscow on Thursday").  The tense
comes from the dependency parse when :class:`~diurna.records.Sentence`
records are given (the verb governing the expression, its auxiliaries and
the verbs above it), else from the words around the expression.

**The reference time.**  As TimeML has it, "the next day", "the following
year", "the week before", "that day", "the same month", "in the morning" and
"the previous Friday" count from the last date the text named with enough
precision (``_resolve_refs``: "on May 22, 1995, ... the following year" is
1996), else from the anchor; "the same period last year" is the period just
named, a year back; a clock time takes the day named in its sentence ("at
10:30 a.m. (0730 GMT) Friday"), else one named just before it, else the
anchor.

Without an anchor, values stay underspecified as TimeML allows
(``XXXX-08-21``, ``XXXX-WXX-3``); relative expressions then get ``None``.
"""

from __future__ import annotations

import bisect
import functools
import datetime as dt
import re
from collections.abc import Iterable, Iterator

from ..lexicon.time import (AHEAD_HEADS as _AHEAD_HEADS, ANCHORING_PRECISIONS as _ANCHORS, CENTURY_WORDS as _CENTURY_WORDS,
                            FIXED_HOLIDAYS as _FIXED_HOLIDAYS, FLOATING_HOLIDAYS as _FLOATING_HOLIDAYS,
                            FUTURE_AUX as _FUTURE_AUX, HALF_UNITS as _HALF, MODS as _MODS, MONTHS, NUMBERS, ORDINALS,
                            PARTS, PAST_UNITS as _PAST_UNIT, REFS, SEASON_END as _SEASON_END, SEASONS, SETS,
                            UNIT_GRAIN as _UNIT_GRAIN, UNITS, VAGUE, WEEKDAYS)
from ..syntax import children
from ..records import Sentence, Timex

__all__ = ["Timex", "find_timexes", "timexes_jsonl", "tense_at"]

_MON = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mon|tues?|wed|thur?s?|fri|sat|sun)\.)"
_NUMW = r"(?:\d+(?:\.\d+|\s+1/2|½)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]four)?|thirty|forty(?:[- ]eight)?|fifty|sixty|ninety|a hundred|hundred|a dozen|dozen|half an?|several|a few|few|many|some|numerous)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_REL = r"(?:this|last|next|past|coming|previous|current|following|same)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PART = r"(?:morning|afternoon|evening|night)"
_MOD = r"(?:early|mid|late|the end of|the start of|the beginning of|the middle of|end|end-|mid-)"
_TZ = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?"  # "5 p.m. EST": the zone is part of the expression

I = re.I  # noqa: E741
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y>{_YEAR})\b", I)),
    ("dmy", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\s*,?\s+(?P<y>{_YEAR})\b", I)),
    ("wd_md", re.compile(rf"\b(?P<wd>{_DAY}),?\s+(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?!\s*,?\s*{_YEAR})", I)),
    ("md", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?![\d:%])(?!\s*,?\s*{_YEAR})", I)),
    ("dm", re.compile(rf"\b(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MON})\b(?!\s*,?\s*{_YEAR})", I)),
    ("my", re.compile(rf"\b(?:(?P<mod>{_MOD})\s*-?\s*)?(?P<mon>{_MON}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b", I)),
    ("ago", re.compile(rf"\b(?:(?:almost|nearly|about|around|some|more than|less than|over|just|only)\s+)?(?P<n>{_NUMW})[- ](?P<u>{_UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|before|after|from now|hence|since)\b", I)),
    ("spelled", re.compile(r"\b(?:(?P<mon>january|february|march|april|may|june|july|august|september|october|november|december)\s+)?(?P<c>nineteen|twenty)(?:\s+hundred)?(?:\s+and)?\s+(?P<t>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?P<u>one|two|three|four|five|six|seven|eight|nine))?\b|\b(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<u2>one|two|three|four|five|six|seven|eight|nine|ten))?\b", I)),
    ("monrel", re.compile(rf"\b(?P<mon>{_MON})\s+(?P<rel>last|this|next)\s+year\b", I)),
    ("clockwd", re.compile(rf"\b(?:(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.)|(?P<noon>noon|midnight)){_TZ},?\s+(?:on\s+)?(?:(?P<wd>{_DAY})|(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)\b(?![\d:%])|(?P<dei>today|yesterday|tomorrow))", I)),
    ("that", re.compile(r"\b(?:that|the\s+same)\s+(?P<u>day|night|morning|afternoon|evening|week|weekend|month|quarter|year)\b(?!-)(?!\s+(?:care|laborers?|traders?|trips?|jobs?|schools?|shifts?|clubs?)\b)"
                        r"|\b(?:later|earlier)\s+in\s+(?P<core3>the\s+(?P<u3>day))\b(?!-)", I)),
    ("weekof", re.compile(rf"\bthe\s+(?:(?P<o>first|second|third|fourth|last|final)\s+)?(?P<u>week|weekend)\s+of\s+(?P<mon>{_MON})"
                          rf"(?:\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b)?(?:,?\s+(?P<y>{_YEAR})\b)?", I)),
    ("partof", re.compile(rf"\bthe\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night)\s+of\s+(?:(?P<wd>{_DAY}),?\s+)?"
                          rf"(?:(?P<mon>{_MON})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR})\b)?"
                          rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_MON})(?:,?\s+(?P<y2>{_YEAR})\b)?|(?P<wd2>{_DAY}))", I)),
    ("period", re.compile(r"\bthe\s+(?P<adj>latest|current|same|recent|year-ago|year-earlier|comparable|previous|prior)?\s*(?P<u>quarter|week|weekend|period|month)\b(?!-)", I)),
    ("barepl", re.compile(rf"\b(?P<pre>for|in|over|within|after|during|lasting|took|spent|through|throughout)\s+(?:the\s+(?:early\s+)?(?=years\b))?(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b(?!\s+(?:ago|of|earlier|later|before|after))", I)),
    ("vagueago", re.compile(r"\b(?P<u>days|weeks|months|years|decades)\s+(?P<dir>ago|earlier|later)\b"
                            r"|\b(?P<hu>hours|minutes)\s+(?:later|after|before|earlier)\b", I)),
    ("endof", re.compile(r"\b(?P<mod>the\s+end|the\s+beginning|the\s+start|the\s+middle)\s+of\s+(?P<rel>the|this|last|next)\s+(?P<u>year|month|week|decade|century)\b", I)),
    ("relday", re.compile(r"\b(?P<w>the\s+(?P<ru>day|night|week|weekend|month|year)\s+(?:before|after)|the\s+(?:previous|next|following)\s+(?P<rd>day|night|morning|afternoon|evening)|day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow)\b", I)),
    ("durrel", re.compile(rf"\b(?P<det>the\s+)?(?P<rel>past|last|next|coming|previous|first|final|recent|remaining|latest)\s+(?P<n>{_NUMW})?[- ]?(?P<u>{_UNIT})\b", I)),
    ("relunit", re.compile(rf"\b(?:(?P<mod>early|late|earlier|later|mid)[- ])?(?:the\s+(?=(?:current|same|previous|following)\b))?(?P<rel>{_REL})\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|quarter|decade|century|{_SEASON}|{_PART})\b", I)),
    ("ordq", re.compile(rf"\b(?:(?P<the>the)\s+)?(?:(?:comparable\s+)?(?P<ago>year[- ](?:ago|earlier))\s+)?(?:(?P<yr>{_YEAR})\s+|(?P<rel>this|last|next)\s+year'?s\s+)?(?:fiscal\s+)?(?P<o>{_ORD}|last|final|latter)[- ](?P<u>quarter|half)\b"
                        rf"(?:\s+of\s+(?:(?P<y2>{_YEAR})|(?P<rel2>this|last|next|the)\s+(?:fiscal\s+|calendar\s+)?year\b(?!-)))?", I)),
    ("sameper", re.compile(r"\bthe\s+(?:same|corresponding|comparable)\s+(?P<u>period|quarter|half|month|week|time)\s+(?:of\s+|in\s+)?(?:last|the\s+previous|a)\s+year\b", I)),
    ("wdpart", re.compile(rf"\b(?:(?P<rel>(?:this\s+)?coming|this\s+past|this|last|next|early|late|earlier(?:\s+on)?|later(?:\s+on)?|the\s+(?:previous|following))\s+)?(?P<wd>{_DAY})(?:\s+(?P<part>{_PART}))?\b(?!\s*,?\s*{_MON})", I)),
    ("deictic", re.compile(r"\b(?:(?:late|early|earlier|later)\s+|mid-?\s?(?P<mid>morning|afternoon|evening)\s+)?(?P<w>tomorrow\s+(?:morning|afternoon|evening|night)|yesterday\s+(?:morning|afternoon|evening)|today|yesterday|tomorrow|tonight|this\s+morning|this\s+afternoon|this\s+evening|last\s+night)\b", I)),
    ("decade", re.compile(rf"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ]?)?(?:(?P<dec>1[6-9]\d0|20[0-9]0)['’]?s\b|['’](?P<dec2>[1-9]0)s\b)", I)),
    ("century", re.compile(r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>(?:twenty-)?first|sixteenth|seventeenth|eighteenth|nineteenth|twentieth))[- ]century\b", I)),
    ("modyear", re.compile(rf"\b(?P<mod>early|mid|late|the end of|the start of|the beginning of|the middle of|end)\s*-?\s*(?P<y>{_YEAR})\b", I)),
    ("modmon", re.compile(rf"\b(?P<mod>early|mid|late|the end of|the start of|the beginning of|the middle of|end)\s*-?\s*(?P<mon>{_MON})\b", I)),
    ("yearend", re.compile(r"\b(?:(?P<pre>around|since)\s+)?(?P<core>year(?:-|\s+|['’]s\s+)end)\b", I)),
    ("theyear", re.compile(r"\bthe\s+(?:(?P<adj>fiscal|full|entire|whole|calendar)\s+)?year\b(?![-'’])(?!\s+(?:before|after|earlier|ago|later|or|and|\d))(?P<ended>\s+end(?:ed|ing)\b)?", I)),
    ("yperiod", re.compile(rf"\bthe\s+(?P<y>{_YEAR})\s+(?:period|quarter)\b", I)),
    ("yearago", re.compile(r"\byear[- ](?:ago|earlier)\b", I)),
    ("term", re.compile(r"\bthe\s+(?P<w>near|short|long)\s+term\b(?!-)(?!\s+(?:debt|bonds?|notes?|loans?|rates?|interest|securities|paper|investments?|financing|borrowing|care|contracts?|deals?))", I)),
    ("couple", re.compile(rf"\b(?:(?P<rel>the\s+(?:next|last|past)|the)\s+|a\s+)?couple\s+of\s+(?P<u>{_UNIT})\b(?:\s+(?P<ago>ago|earlier))?", I)),
    ("ahead", re.compile(r"\bthe\s+(?P<u>days|weeks|months|years|decades)\s+ahead\b|\b(?P<while>a\s+while)\b(?!\s+(?:ago|back|later|earlier))|\b(?P<later>a\s+later\s+date)\b", I)),
    ("decword", re.compile(r"\bthe\s+(?:(?P<mod>early|mid|late)[- ])?(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b", I)),
    ("fiscal", re.compile(rf"\b(?:fiscal|the\s+year|calendar)\s+(?P<y>{_YEAR})\b", I)),
    ("month", re.compile(rf"\b(?:(?P<rel>last|this|next|early|late)\s+)?(?P<mon>{_MON})\b", I)),
    ("year", re.compile(rf"(?<![$£€\d.,])\b(?P<y>{_YEAR})\b(?![\d.,]\d)(?!\s*(?:%|percent|people|troops|soldiers|dollars|euros|tons|km|miles|members|meters|metres|feet|kilometers|kilometres|yards|pounds|kilograms|kg|hectares|acres|barrels|points|votes|workers|students|refugees|prisoners|cars|homes|jobs|yuan|yen|rupees|pesos|francs|marks)\b)", I)),
    ("season", re.compile(rf"\b(?:(?P<rel>this|last|next|early|late)\s+)?(?P<s>{_SEASON})(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b", I)),
    ("clock", re.compile(rf"(?:\b(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b)|\b(?P<noon>noon|midnight)\b){_TZ}"
                         r"|\b(?P<h24>[01]\d|2[0-3])(?P<m24>[0-5]\d)\s*(?P<tz24>GMT|UTC|local\s+time)\b"
                         r"|\b(?:at|by|until|till|before|after|around|about|from)\s+(?P<hc>[01]?\d|2[0-3]):(?P<mc>[0-5]\d)\b(?![.:,]?\d)(?!\s*(?:a\.m\.|p\.m\.|am\b|pm\b))"
                         r"|\b(?P<ho>[01]?\d)\s+o['’]clock\b"
                         r"|\b(?<![:.])(?P<hz>[01]?\d|2[0-3]):(?P<mz>[0-5]\d)\s*(?:GMT|UTC)\b", I)),
    ("set", re.compile(rf"\b(?:every|each)\s+(?P<u>{_UNIT}|{_DAY}|{_MON}|{_SEASON})\b|\b(?P<wdp>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s\b", I)),
    ("holiday", re.compile(r"\b(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?|Thanksgiving(?:\s+Day)?|Easter(?:\s+(?:Sunday|Monday))?"
                           r"|Good\s+Friday|Halloween|Valentine['’]s\s+Day|Fourth\s+of\s+July|July\s+Fourth|Memorial\s+Day|Labor\s+Day|Veterans['’]?\s+Day"
                           r"|Martin\s+Luther\s+King(?:\s+Jr\.)?\s+Day|Presidents['’]?\s+Day|Mother['’]s\s+Day|Father['’]s\s+Day|Election\s+Day|Boxing\s+Day)\b"
                           r"(?!\s+(?:[Tt]rees?|[Cc]ards?|[Cc]arols?|[Ll]ights|[Dd]ecorations|[Ii]sland|[Ee]ggs?|[Rr]ising|[Bb]unny|[Mm]arkets?)\b)")),
    ("ref", re.compile(r"\b(?P<w>now|currently|current(?!\s+(?:accounts?|affairs|events|assets|liabilities|carrying)\b)|nowadays|at present|at the moment|these days|recently|recent years|recent months|recent weeks|recent(?!\s+(?:days|weeks|months|years|decades|quarters))|lately|the past|formerly|the near future|the future|soon|shortly)\b(?!-)", I)),
    ("thepart", re.compile(r"\b(?:in|during|by|until|through|throughout)\s+(?P<core>the\s+(?:(?:early|late)\s+)?(?P<part>morning|afternoon|evening|night))\b(?![- ]?(?:of|before|after|club|shift|sky|session|flights?|trains?|train)\b)"
                            r"|\b(?P<core2>mid-?\s?(?P<part2>morning|afternoon|evening)|midday)\b(?!-)(?!\s+(?:sun|heat|meal|prayers?|break|news|bulletin|temperatures?)\b)", I)),
    ("dur", re.compile(rf"\b(?P<det>(?:the|a|an)\s+)?(?:(?:more\s+than|less\s+than|nearly|almost|about|around|some|at\s+least|up\s+to)\s+)?(?P<n>{_NUMW})(?P<h1>\s+and\s+a\s+half)?(?:[- ](?:(?:more|additional|further|extra|trading|business|working)\s+)?(?P<u>{_UNIT})(?P<adj>-long|-old)?)(?P<h2>\s+and\s+a\s+half)?(?:\s+or\s+so)?\b", I)),
]

# words without one of which a pattern cannot match: the pattern is not run
# over a text that has none of them (case-folded substrings; single words,
# as the patterns allow any whitespace between words, and every alternative
# of a pattern must contain one of them)
_PARTS_W = tuple(PARTS)
GATES: dict[str, tuple[str, ...]] = {
    "spelled": ("nineteen", "twenty", "thousand"), "clockwd": ("a.m.", "p.m.", "noon", "midnight"),
    "sameper": ("same", "corresponding", "comparable"), "vagueago": ("ago", "earlier", "later", "after", "before"),
    "endof": ("end", "beginning", "start", "middle"), "ordq": ("quarter", "half"),
    "deictic": ("today", "yesterday", "tomorrow", "tonight") + _PARTS_W, "decade": ("0s", "0's", "0’s"),
    "century": ("century",), "yearend": ("end",), "yperiod": ("period", "quarter"), "yearago": ("ago", "earlier"),
    "term": ("term",), "couple": ("couple",), "ahead": ("ahead", "while", "later"), "decword": ("ties",),
    "fiscal": ("fiscal", "year", "calendar"), "season": ("spring", "summer", "autumn", "fall", "winter"),
    "set": ("every", "each", "days"), "partof": _PARTS_W, "weekof": ("week",),
    "holiday": ("christmas", "year", "thanksgiving", "easter", "friday", "halloween", "valentine", "july",
                "memorial", "labor", "veteran", "luther", "president", "mother", "father", "election", "boxing"), "thepart": _PARTS_W, "monrel": ("year",),
}

# a quantity right before "a week"/"a year" makes it a rate ("700 seats a week", "$1.76 a year")
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*%?|\b(?:million|billion|thousand|hundred|dozen|percent|cents?|dollars?|pounds|euros|barrels|tons|tonnes)"
                          r"|\b(?!(?:was|has|his|its|this|thus|plus|less|across|perhaps|always|sometimes|as|is|us|yes|news|does|goes)\b)[a-z]{3,}s)\s+$", I)
_NOT_MONTH_AFTER = re.compile(r"\s+(?:be|have|not|also|well|the|a|we|i|you|he|she|it|they)\b", I)
_PREP_BEFORE = re.compile(r"(?:\b(?:in|since|by|until|till|through|throughout|during|from|to|of|before|after|early|late|mid|last|this|next|between|and|or)\s+|[-(])$", I)


# --------------------------------------------------------------------------
# date arithmetic
# --------------------------------------------------------------------------


def _month_name(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _weekday_name(s: str) -> int:
    return WEEKDAYS[s.lower().rstrip(".")]


def _num(s: str | None) -> float | None:
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


def _fmt_n(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: dt.date) -> int:
    return (d.month - 1) // 3 + 1


SAME_WEEKDAY_BACK = 0  # days back for "said on Thursday" in a Thursday story (0: that day; TimeBank agrees)


def _resolve_weekday(anchor: dt.date, wd: int, tense: str | None) -> dt.date:
    diff = (wd - anchor.weekday()) % 7  # days forward to the next such weekday (0: today)
    if tense == "past":
        return anchor - dt.timedelta(days=(7 - diff) % 7 or SAME_WEEKDAY_BACK)
    if tense == "future":
        return anchor + dt.timedelta(days=diff)
    # no tense: the nearest, the past on a tie
    back = (7 - diff) % 7
    return anchor - dt.timedelta(days=back) if back <= diff else anchor + dt.timedelta(days=diff)


def _resolve_month_day(anchor: dt.date, m: int, d: int, tense: str | None, strict: bool = False) -> dt.date | None:
    cands = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cands.append(dt.date(y, m, d))
        except ValueError:
            pass
    return _pick_year(anchor, cands, tense, strict)


def _pick_year(anchor: dt.date, cands: list[dt.date], tense: str | None, strict: bool = False) -> dt.date | None:
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


def _resolve_month(anchor: dt.date, m: int, tense: str | None, near: bool = False) -> tuple[int, int]:
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


# --------------------------------------------------------------------------
# normalisation of one match
# --------------------------------------------------------------------------


def _normalise(kind: str, m: re.Match, anchor: dt.date | None, tense: str | None):
    """(type, value, mod) for a match, or None to drop it.  ``tense`` is the
    direction: past, future, present, None, or "since" (strictly past)."""
    g = m.groupdict()
    low = m.group(0).lower()
    A = anchor
    strict, near = tense == "since", tense == "past~"
    tense = "past" if strict or near else tense
    if kind == "iso":
        return "DATE", f"{g['y']}-{g['m']}-{g['d']}", None
    if kind in ("mdy", "dmy"):
        try:
            d = dt.date(int(g["y"]), _month_name(g["mon"]), int(g["d"]))
        except ValueError:
            return None
        return "DATE", d.isoformat(), None
    if kind in ("md", "dm", "wd_md"):
        mon, day = _month_name(g["mon"]), int(g["d"])
        if not 1 <= day <= 31:
            return None
        if kind != "wd_md" and g["mon"].lower() in ("may", "march") and not g["mon"][0].isupper():
            return None
        if A is None:
            return "DATE", f"XXXX-{mon:02d}-{day:02d}", None
        if kind == "wd_md":
            # the weekday fixes the year when the tense cannot
            wd = _weekday_name(g["wd"])
            for y in (A.year, A.year - 1, A.year + 1):
                try:
                    if dt.date(y, mon, day).weekday() == wd:
                        return "DATE", dt.date(y, mon, day).isoformat(), None
                except ValueError:
                    pass
        d = _resolve_month_day(A, mon, day, tense, strict)
        return ("DATE", d.isoformat(), None) if d else None
    if kind == "my":
        mod = _MODS.get((g.get("mod") or "").lower().strip())
        return "DATE", f"{g['y']}-{_month_name(g['mon']):02d}", mod
    if kind == "ago":
        n, (_, unit) = _num(g["n"]), UNITS[_unit_key(g["u"])]
        direction = g["dir"].lower()
        if direction in ("after", "before", "later", "since") or (direction == "earlier" and _unit_key(g["u"]) not in ("year", "decade", "century")):
            # "two months after the attack", "three days later", "30 years
            # since the uprising": a length of time from another event
            # (TimeML: DURATION, without the "after"); "a day earlier" too,
            # but "a year earlier" dates a comparison (TimeBank)
            return "DURATION", _duration(n, _unit_key(g["u"])), None
        sign = -1 if direction in ("ago", "earlier", "before", "since") else 1
        if A is None or n is None:
            return "DATE", None if A is None else ("PAST_REF" if sign < 0 else "FUTURE_REF"), None
        return "DATE", _offset(A, sign * n, unit), None
    if kind == "spelled":
        if re.match(r"\s+(?:years?|people|men|women|troops|soldiers|dollars|pounds|miles|meters|feet|times|of)\b", m.string[m.end():], I):
            return None  # "two thousand years", "nineteen ninety people": a number, not a year
        if g.get("c"):
            y = (19 if g["c"].lower() == "nineteen" else 20) * 100 + NUMBERS[g["t"].lower()] + (NUMBERS[g["u"].lower()] if g.get("u") else 0)
        else:
            y = 2000 + (NUMBERS[g["u2"].lower()] if g.get("u2") else 0)
        if g.get("mon"):
            return "DATE", f"{y}-{_month_name(g['mon']):02d}", None
        return "DATE", str(y), None
    if kind == "monrel":
        if A is None:
            return "DATE", None, None
        y = A.year + {"last": -1, "next": 1}.get(g["rel"].lower(), 0)
        return "DATE", f"{y}-{_month_name(g['mon']):02d}", None
    if kind == "clockwd":
        hm = _clock_of(g)
        if hm is None:
            return None
        if g.get("wd"):
            day = f"XXXX-WXX-{_weekday_name(g['wd']) + 1}" if A is None else _resolve_weekday(A, _weekday_name(g["wd"]), tense).isoformat()
        elif g.get("mon"):
            mon, d = _month_name(g["mon"]), int(g["d"])
            res = _resolve_month_day(A, mon, d, tense) if A is not None and 1 <= d <= 31 else None
            day = res.isoformat() if res else f"XXXX-{mon:02d}-{d:02d}"
        else:
            k = {"today": 0, "yesterday": -1, "tomorrow": 1}[g["dei"].lower()]
            day = "XXXX-XX-XX" if A is None else (A + dt.timedelta(days=k)).isoformat()
        return "TIME", f"{day}T{hm}", None
    if kind == "holiday":
        key = re.sub(r"[\s’']+", " ", g["h"]).lower()
        key = "mlk day" if key.startswith("martin") else key
        if A is None:
            fixed = _holiday(key, 2000)
            return "DATE", (f"XXXX-{fixed.month:02d}-{fixed.day:02d}" if fixed and key in _FIXED_HOLIDAYS else None), None
        d = _pick_year(A, [h for y in (A.year - 1, A.year, A.year + 1) if (h := _holiday(key, y))], tense)
        return "DATE", (d.isoformat() if d else None), None
    if kind == "sameper":
        return "DATE", (str(A.year - 1) if A else None), None  # the period itself: from the reference (_resolve_refs)
    if kind == "weekof":
        # "the week of May 8": the week that day falls in; "the first week of August"
        mon = _month_name(g["mon"])
        if bool(g.get("o")) == bool(g.get("d")) or (g["mon"].lower() in ("may", "march") and not g["mon"][0].isupper()):
            return None
        if g.get("o"):
            o = g["o"].lower()
            d = 25 if o in ("last", "final") else {"first": 4, "second": 11, "third": 18, "fourth": 25}[o]
        else:
            d = int(g["d"])
        try:
            day = dt.date(int(g["y"]), mon, d) if g.get("y") else (_resolve_month_day(A, mon, d, tense) if A else None)
        except ValueError:
            return None
        return "DATE", (_week(day) + ("-WE" if g["u"].lower() == "weekend" else "") if day else None), None
    if kind == "partof":
        # "the morning of Aug. 7", "the night of Friday"
        part = PARTS[g["part"].lower()]
        if g.get("mon") or g.get("mon2"):
            mon, d, y = _month_name(g["mon"] or g["mon2"]), int(g["d"] or g["d2"]), g.get("y") or g.get("y2")
            try:
                day = dt.date(int(y), mon, d) if y else (_resolve_month_day(A, mon, d, tense) if A else None)
            except ValueError:
                return None
            v = day.isoformat() if day else f"XXXX-{mon:02d}-{d:02d}"
        else:
            wd = _weekday_name(g["wd2"])
            v = _resolve_weekday(A, wd, tense).isoformat() if A else f"XXXX-WXX-{wd + 1}"
        return "TIME", f"{v}T{part}", None
    if kind == "that":
        u = (g.get("u") or g["u3"]).lower()
        if u == "quarter" and not _BUSINESS.search(m.string, max(0, m.start() - 150), m.end() + 150):
            return None  # "video footage from the same quarter": a part of a town
        typ = "TIME" if u in PARTS else "DATE"
        return typ, (_ref_value(u, 0, A) if A else None), None
    if kind == "period":
        adj, u = (g.get("adj") or "").lower(), g["u"].lower()
        if u in ("quarter", "period") and not _BUSINESS.search(m.string, max(0, m.start() - 200), m.end() + 200):
            return None  # "residents of the quarter": a part of a town; "the period" of a report needs figures
        if A is None:
            return "DATE", None, None
        back = adj in ("year-ago", "year-earlier", "comparable")
        if u in ("quarter", "period") and adj in ("latest", "current", "same", "year-ago", "year-earlier", "comparable", ""):
            if u == "period" and not adj:
                return None
            q = _quarter(A) - 1 if tense == "past" or adj == "latest" else _quarter(A)
            y = A.year - (1 if back else 0)
            if q == 0:
                q, y = 4, y - 1
            return "DATE", f"{y}-Q{q}", None
        if u in ("week", "weekend") and adj in ("", "current", "same"):
            d = A - dt.timedelta(days=7) if u == "weekend" and tense == "past" and A.weekday() < 5 else A
            return "DATE", _week(d) + ("-WE" if u == "weekend" else ""), None
        if u == "month" and adj in ("current", "same", ""):
            return None if not adj else ("DATE", f"{A.year}-{A.month:02d}", None)
        return None
    if kind == "thepart":
        part = (g.get("part") or g.get("part2") or "midday").lower()
        return "TIME", (f"{A.isoformat()}T{PARTS[part]}" if A else None), None
    if kind == "barepl":
        span_u = _unit_key(g["u"])
        return "DURATION", _duration(None, span_u), None
    if kind == "vagueago":
        if g.get("hu"):
            return "DURATION", _duration(None, _unit_key(g["hu"])), None  # "hours later", "minutes after the blast"
        return "DATE", "PAST_REF" if g["dir"].lower() in ("ago", "earlier") else "FUTURE_REF", None
    if kind == "endof":
        mod = {"the end": "END", "the beginning": "START", "the start": "START", "the middle": "MID"}[re.sub(r"\s+", " ", g["mod"].lower())]
        if A is None:
            return "DATE", None, mod
        k = {"the": 0, "this": 0, "last": -1, "next": 1}[g["rel"].lower()]
        u = g["u"].lower()
        if u == "year":
            return "DATE", str(A.year + k), mod
        if u == "month":
            y, mm = _shift_month(A.year, A.month, k)
            return "DATE", f"{y}-{mm:02d}", mod
        if u == "week":
            return "DATE", _week(A + dt.timedelta(days=7 * k)), mod
        if u == "decade":
            return "DATE", str(A.year + 10 * k)[:3], mod
        return "DATE", str(A.year // 100 + k), mod
    if kind == "relday":
        w = low
        step = _ref_step(kind, m)
        typ = "TIME" if step and step[0] in PARTS else "DATE"
        if A is None:
            return typ, None, None
        if "before yesterday" in w:
            return "DATE", (A - dt.timedelta(days=2)).isoformat(), None
        if "after tomorrow" in w:
            return "DATE", (A + dt.timedelta(days=2)).isoformat(), None
        return typ, _ref_value(*step, A), None
    if kind == "durrel":
        n, u = _num(g.get("n")), _unit_key(g["u"])
        if u == "quarter" and g["rel"].lower() in ("first", "final") and g.get("n") is None:
            return None  # "the first quarter": a date (ordq)
        plural = g["u"].lower().endswith(("s", "ies"))
        if g.get("n") is None and not plural:
            # "last week": a date, handled by relunit; "the past year", "the
            # last decade" name the unit before this one too (TimeBank: 1997,
            # 198); "the coming year", "the first year": a length of time
            if g["rel"].lower() in ("past", "last") and g.get("det") and u in _PAST_UNIT and A is not None:
                return "DATE", (str(A.year // 10 - 1) if u == "decade" else _offset(A, -1, _PAST_UNIT[u])), None
            if g["rel"].lower() in ("past", "coming", "first", "final", "remaining", "recent", "latest") or g.get("det"):
                return "DURATION", _duration(1, u), None
            return None
        if g.get("n") is None:
            n = None
            if g["rel"].lower() == "coming" and not g.get("det") and u != "hour":
                return "DATE", "FUTURE_REF", None  # "in coming months" (TimeBank); "the coming days": a length of time
            if u == "year" and g["rel"].lower() in ("recent", "past") and not g.get("det"):
                return "DATE", "PAST_REF", None  # "in recent years", "in past years"
        return "DURATION", _duration(n, u), None
    if kind == "relunit":
        rel, u = g["rel"].lower(), g["u"].lower()
        if g["rel"][0].isupper() and g["u"][0].isupper() and not g.get("mod") \
                and not re.search(r"(?:^|[.!?]\s*|\n\s*)$", m.string[max(0, m.start() - 3):m.start()]):
            return None  # a title in running text: ABC's "This Week"
        mod = _MODS.get((g.get("mod") or "").lower())
        if u in SEASONS or u in PARTS:
            if A is None:
                return "DATE", None, None
            if u in PARTS:
                base = A if rel in ("this", "current", "same") else (A - dt.timedelta(days=1) if rel in ("last", "previous", "past") else A + dt.timedelta(days=1))
                return "TIME", f"{base.isoformat()}T{PARTS[u]}", None
            y = A.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1, "following": 1}.get(rel, 0)
            if rel in ("last", "past"):
                y = _last_season_year(A, u)
            return "DATE", f"{y}-{SEASONS[u]}", mod
        if u == "quarter" and not _BUSINESS.search(m.string, max(0, m.start() - 200), m.end() + 200):
            return None  # "the same quarter" of a town
        k = {"this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1,
             "next": 1, "coming": 1, "following": 1}[rel]
        if A is None:
            return "DATE", None, mod
        if u == "week" or u == "weekend":
            v = _week(A + dt.timedelta(days=7 * k))
            return "DATE", v + ("-WE" if u == "weekend" else ""), mod
        if u == "month":
            y, mm = _shift_month(A.year, A.month, k)
            return "DATE", f"{y}-{mm:02d}", mod
        if u == "year":
            return "DATE", str(A.year + k), mod
        if u == "quarter":
            q = _quarter(A) + k
            y = A.year + (q - 1) // 4
            return "DATE", f"{y}-Q{(q - 1) % 4 + 1}", mod
        if u == "decade":
            return "DATE", str((A.year // 10 + k))[:3], mod
        if u == "century":
            return "DATE", str(A.year // 100 + k), mod
        return None
    if kind == "ordq":
        unit = g["u"].lower()
        rel = (g.get("rel") or g.get("rel2") or "").lower()
        if g["o"].lower() in ("last", "final", "latter"):
            if not (g.get("y2") or g.get("rel2")):
                return None  # "the last quarter": the one before this one (relunit)
            o = 4 if unit == "quarter" else 2  # "the last half of 1989"
        else:
            o = ORDINALS[g["o"].lower()]
        if not (g.get("yr") or g.get("y2") or rel or g.get("ago") or "fiscal" in low):
            around = m.string[max(0, m.start() - 150):m.end() + 150]
            if _SPORTS.search(around) and not _BUSINESS.search(around):
                return None  # "scored in the fourth quarter", "the second half" of a game
        y = g.get("yr") or g.get("y2")
        if y is None:
            if A is None:
                return "DATE", None, None
            y = A.year + {"last": -1, "next": 1}.get(rel, 0)
            if rel in ("", "the") and unit == "quarter" and tense == "past" and o > _quarter(A):
                y -= 1
            if g.get("ago"):
                y -= 1  # "the year-ago third quarter"
        return "DATE", f"{y}-{'Q' if unit == 'quarter' else 'H'}{o}", None
    if kind == "wdpart":
        wd = _weekday_name(g["wd"])
        if g["wd"][0].islower() and g["wd"].lower() in ("sun", "sat", "wed", "mon"):
            return None
        rel = (g.get("rel") or "").lower()
        t = tense
        if m.string[m.end():m.end() + 2] in ("'s", "’s") and not _SCHEDULED.match(m.string, m.end() + 2):
            t = "past"  # "Thursday's closing price", "Friday's bombing": a day reported on ("Monday's summit": as the clause says)
        rel = rel.split()[-1] if rel else rel  # "the previous Friday": before the day the text names (_resolve_refs)
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
            d = _resolve_weekday(A, wd, t)
            if rel in ("next", "following") and d == A:
                d += dt.timedelta(days=7)
            if rel in ("last", "previous") and d == A:
                d -= dt.timedelta(days=7)
            v = d.isoformat()
        if g.get("part"):
            return "TIME", f"{v}T{PARTS[g['part'].lower()]}", None
        return "DATE", v, None
    if kind == "deictic":
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
    if kind == "decade":
        dec = g["dec"][:3] if g.get("dec") else f"19{g['dec2'][0]}"  # "the '90s"
        return "DATE", dec, _MODS.get((g.get("mod") or "").lower())
    if kind == "century":
        n = int(g["n"]) if g.get("n") else _CENTURY_WORDS[g["w"].lower()]
        return "DATE", f"{n - 1:02d}", _MODS.get((g.get("mod") or "").lower())
    if kind == "modyear":
        return "DATE", g["y"], _MODS.get(g["mod"].lower().strip())
    if kind == "modmon":
        mon = _month_name(g["mon"])
        if g["mon"].lower() in ("may", "march") and not g["mon"][0].isupper():
            return None
        mod = _MODS.get(g["mod"].lower().strip())
        if A is None:
            return "DATE", f"XXXX-{mon:02d}", mod
        y, mm = _resolve_month(A, mon, tense, near)
        return "DATE", f"{y}-{mm:02d}", mod
    if kind == "fiscal":
        return "DATE", g["y"], None
    if kind == "yearend":
        # "by year-end": the end of this year ("since year-end": of the last)
        if A is None:
            return "DATE", None, "END"
        y = A.year - (1 if (g.get("pre") or "").lower() == "since" else 0)
        return "DATE", str(y), None
    if kind == "theyear":
        if _AWARD_BEFORE.search(m.string, max(0, m.start() - 20), m.start()):
            return None  # "player of the year": a title
        if g.get("ended"):
            return "DURATION", "P1Y", None  # "the year ended Sept. 30": a twelve-month period
        return "DATE", (str(A.year) if A else None), None
    if kind == "yperiod":
        # "the 1988 period": that year's part of the period just named (_year_ago_quarters), else the year
        return "DATE", g["y"], None
    if kind == "yearago":
        return "DATE", (str(A.year - 1) if A else None), None
    if kind == "term":
        return "DATE", "FUTURE_REF", None
    if kind == "couple":
        rel = (g.get("rel") or "").lower()
        if g.get("ago"):
            # "a couple of nights ago": two units back
            u = _unit_key(g["u"])
            return "DATE", (_offset(A, -2, UNITS["day" if u == "night" else u][1]) if A else None), None
        if rel.endswith(("last", "past")) or rel.endswith("next") or not rel.startswith("the"):
            return "DURATION", _duration(2, _unit_key(g["u"])), None
        return None
    if kind == "ahead":
        if g.get("later"):
            return "DATE", "FUTURE_REF", None
        if g.get("while"):
            if not re.search(r"\b(?:for|in|after|within|once)\s+$", m.string[max(0, m.start() - 8):m.start()], I):
                return None  # a length of time only after a preposition ("for a while")
            return "DURATION", "PXX", None
        return "DURATION", _duration(None, _unit_key(g["u"])), None
    if kind == "decword":
        n = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"].index(g["w"].lower()) + 2
        c = 19 if A is None or A.year < 2020 + 10 * (n - 2) else 20
        return "DATE", f"{c}{n}", _MODS.get((g.get("mod") or "").lower())
    if kind == "month":
        word = g["mon"]
        if not word[0].isupper() or word.endswith(".") and len(word) <= 4 and not g.get("rel"):
            return None
        if word.lower() in ("may", "march", "mar", "jan", "dec", "sep", "jun", "jul", "oct", "nov", "aug", "feb", "apr"):
            # ambiguous or abbreviated without a day: only after a time preposition
            before = m.string[max(0, m.start() - 12):m.start()]
            if not g.get("rel") and not _PREP_BEFORE.search(before):
                return None
            if word.lower() == "may" and _NOT_MONTH_AFTER.match(m.string, m.end()):
                return None
        mon = _month_name(word)
        rel = (g.get("rel") or "").lower()
        if A is None:
            return "DATE", f"XXXX-{mon:02d}", None
        t = {"last": "past", "next": "future"}.get(rel, tense)
        y, mm = _resolve_month(A, mon, t, near and not rel)
        if rel == "this":
            y = A.year
        elif rel in ("last", "next") and mon == A.month:
            y = A.year + (1 if rel == "next" else -1)  # "last August" said in August: a year back
        return "DATE", f"{y}-{mm:02d}", _MODS.get(rel) if rel in ("early", "late") else None
    if kind == "year":
        y = int(g["y"])
        if A is not None and y > A.year + 20:
            return None
        if _NUMBER_BEFORE.search(m.string, max(0, m.start() - 14), m.start()):
            return None  # "Flight 1800", "Resolution 1701", "Windows 2000", "No. 1999": a number or a name
        return "DATE", g["y"], None
    if kind == "season":
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
        y = _last_season_year(A, g["s"].lower()) if rel == "last" else A.year + (1 if rel == "next" else 0)
        return "DATE", f"{y}-{SEASONS[g['s'].lower()]}", _MODS.get(rel) if rel in ("early", "late") else None
    if kind == "clock":
        hm = _clock_of(g)
        if hm is None:
            return None
        base = A.isoformat() if A else "XXXX-XX-XX"
        return "TIME", f"{base}T{hm}", None
    if kind == "set":
        if g.get("w"):
            return "SET", SETS[g["w"].lower()], None
        if g.get("wdp"):
            return "SET", f"XXXX-WXX-{_weekday_name(g['wdp']) + 1}", None  # "on Mondays"
        u = g["u"].lower()
        if u.rstrip(".") in WEEKDAYS:
            return "SET", f"XXXX-WXX-{_weekday_name(u) + 1}", None
        if u in SEASONS:
            return "SET", f"XXXX-{SEASONS[u]}", None
        if u.rstrip(".") in MONTHS:
            if u[0] == "m" and g["u"][0] != "M":
                return None  # "each may come", "every march": the verb, not the month
            return "SET", f"XXXX-{_month_name(u):02d}", None
        value = _duration(1, _unit_key(u))
        return ("SET", value, None) if value else None
    if kind == "ref":
        w = re.sub(r"\s+", " ", low)
        if w in ("soon", "shortly") and (re.match(r"\s+(?:after|before|as)\b", m.string[m.end():])
                                        or re.search(r"\bas\s+$", m.string[max(0, m.start() - 4):m.start()])):
            return None  # "as soon as", "soon after the attack": a relation, not a time
        v = REFS.get(w, "PRESENT_REF" if w in ("recent weeks",) else None)
        if w == "recent weeks":
            v = "PAST_REF"
        if v is None:
            return None
        return "DATE", v, None
    if kind == "dur":
        n = _num(g["n"])
        if n is not None and (g.get("h1") or g.get("h2")):
            n += 0.5
        if g["n"].lower() in ("a", "an") and not g.get("u"):
            return None
        u = _unit_key(g["u"])
        after = m.string[m.end():m.end() + 40]
        if g.get("adj") == "-old" or (u == "year" and re.match(r"\s+old\b", after)):
            return None  # an age ("52 years old", "a 136-year-old bank"), not annotated in TimeBank
        if u == "quarter" and re.match(r"\s+of\s+(?!(?:the\s+)?(?:fiscal\s+)?(?:year|\d{4}|century)\b)"
                                       r"(?:the|its|his|her|their|our|your|all|a|an|those|these|them|us|it|this|that|\d)\b", after):
            return None  # a fraction: "about three-quarters of its food"
        if g["n"].lower() in ("a", "an") and not g.get("det") and _RATE_BEFORE.search(m.string, max(0, m.start() - 30), m.start()):
            return None  # a rate: "four flights a week", "$2 million a year"
        if u == "second" and g["n"].lower() in ("a", "an") and not re.match(r"\s*(?:[.,;:)]|$|or\b|and\b|ago\b|later\b|earlier\b|before\b|after\b)", after):
            return None  # "a second blast": an ordinal
        if low == "one day" and re.search(r"\b(?:will|would|could|might|may|can|should|to|he|she|they|we|i|you|it)\s+$",
                                          m.string[max(0, m.start() - 8):m.start()], I):
            return "DATE", "FUTURE_REF", None  # "Islam will one day be...": some day
        if g["n"].replace(".", "").isdigit() and n is not None and n > 1000:
            return None
        return "DURATION", _duration(n, u), None
    return None


def _holiday(key: str, year: int) -> dt.date | None:
    """The day of a holiday (US calendar for the floating ones) in ``year``."""
    if key in _FIXED_HOLIDAYS:
        return dt.date(year, *_FIXED_HOLIDAYS[key])
    if key in _FLOATING_HOLIDAYS:
        mon, wd, n = _FLOATING_HOLIDAYS[key]
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
        return easter + dt.timedelta(days={"good friday": -2, "easter monday": 1}.get(key, 0))
    return None


def _clock_of(g: dict) -> str | None:
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


_SPORTS = re.compile(r"\b(?:scor(?:ed|es|ing)|touchdowns?|field goals?|goals?|points|halftime|half-time|innings?|rebounds|"
                     r"yards|quarterback|game|match|basket|penalty|overtime|lead|led|trailed|coach|team)\b", I)
_BUSINESS = re.compile(r"\b(?:profits?|earnings|sales|revenues?|net|loss(?:es)?|income|growth|econom(?:y|ic)|gdp|shares?|"
                       r"percent|%|billion|million|dividends?|fiscal|output|exports?|imports?|inflation|shipped|shipments|orders|"
                       r"backlog|quarterly|analysts?|compan(?:y|ies)|stocks?|results|margins?|costs?|prices?|demand|market)\b", I)
_AWARD_BEFORE = re.compile(r"\b(?:player|person|man|woman|coach|rookie|manager|pitcher|athlete|executive|team|car|album|song|"
                           r"book|movie|film|story|word|event)s?\s+of\s+$", I)
_NUMBER_BEFORE = re.compile(r"\b(?:flight|room|route|highway|no\.|number|resolution|suite|apartment|bus|chapter|article|section|"
                            r"pages?|model|version|windows|boeing|airbus|interstate|channel|box|unit)\s+$", I)
_SCHEDULED = re.compile(r"\s+(?:\w+\s+)?(?:meeting|vote|deadline|election|summit|game|talks|session|hearing|ceremony|match|rally|"
                        r"visit|trip|debate|race|launch|opening|trial|auction|sale|conference|funeral|parade|celebrations?)\b", I)


def _unit_key(u: str) -> str:
    u = u.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def _duration(n: float | None, unit: str) -> str | None:
    """TIMEX3 value of ``n`` ``unit``s (None: vague); None for a unit
    :data:`UNITS` does not know (the caller drops the match)."""
    if unit not in UNITS:
        return None
    prefix, code = UNITS[unit]
    if unit == "fortnight":
        n = None if n is None else n * 2
    if unit == "quarter":
        return f"P{_fmt_n(None if n is None else n * 3)}M"
    if unit == "decade":
        return f"P{_fmt_n(None if n is None else n * 10)}Y"
    if unit == "century":
        return f"P{_fmt_n(None if n is None else n * 100)}Y"
    if unit == "weekend":
        return f"P{_fmt_n(n)}WE"
    if n is not None and n % 1 == 0.5 and unit in _HALF:
        # "two and a half years": P2Y6M; "a minute and a half": PT1M30S
        rest = _HALF[unit]
        return f"{prefix}{int(n)}{code}{rest}" if n >= 1 else f"{prefix}{rest}"
    return f"{prefix}{_fmt_n(n)}{code}"


def _offset(A: dt.date, k: float, unit: str) -> str:
    k = int(k) if float(k).is_integer() else k
    if unit in ("D",):
        return (A + dt.timedelta(days=k)).isoformat()
    if unit == "W":
        return _week(A + dt.timedelta(days=7 * k))
    if unit == "M":
        y, m = _shift_month(A.year, A.month, int(k))
        return f"{y}-{m:02d}"
    if unit == "Y":
        return str(A.year + int(k))
    if unit == "DE":
        return str(A.year + 10 * int(k))[:3]
    if unit == "Q":
        q = _quarter(A) + int(k)
        return f"{A.year + (q - 1) // 4}-Q{(q - 1) % 4 + 1}"
    if unit == "CE":
        return f"{(A.year + 100 * int(k)) // 100:02d}"  # "a century ago": the century it fell in
    return A.isoformat()


# --------------------------------------------------------------------------
# tense of the clause around an expression
# --------------------------------------------------------------------------

_PAST_WORDS = re.compile(r"\b(said|told|was|were|had|did|announced|added|met|held|began|signed|agreed|"
                         r"called|came|went|took|killed|vetoed|rejected|\w+ed)\b", I)
_FUTURE_WORDS = re.compile(r"\b(will|'ll|shall|going to|is to|are to|plans? to|expected to|scheduled|"
                           r"due to|set to|next|upcoming|would)\b", I)


def tense_at(sent: Sentence, start: int) -> str | None:
    """Tense of the clause governing the token at character ``start``."""
    tok = None
    for i, off in enumerate(sent.offsets):
        if off <= start:
            tok = i
        else:
            break
    if tok is None:
        return None
    kids = children(sent)
    t, steps = tok, 0
    while steps < 8:
        if sent.pos[t] in ("VERB", "AUX") and sent.deps[t] not in ("aux", "auxpass"):
            tense = _verb_tense(sent, t, kids)
            if tense == "future" and sent.tags[t] == "VB" and sent.heads[t] != t:
                # "had been due to expire Friday": an infinitive under a pluperfect looks back
                above = sent.heads[t]
                while sent.pos[above] not in ("VERB", "AUX") and sent.heads[above] != above:
                    above = sent.heads[above]
                if any(sent.deps[c] in ("aux", "auxpass") and sent.words[c].lower() == "had" for c in kids[above]):
                    return "past"
            if tense is not None:
                return tense
        h = sent.heads[t]
        if h == t:
            break
        t, steps = h, steps + 1
    return None


def _under_noun(sent: Sentence, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` hangs from a noun before any
    verb ("a cutback in September", "November transactions")."""
    toks = [i for i, off in enumerate(sent.offsets) if start <= off < end]
    if not toks:
        return False
    t, steps = toks[-1], 0
    while steps < 6:
        h = sent.heads[t]
        if h == t:
            return False
        t, steps = h, steps + 1
        if start <= sent.offsets[t] < end:
            continue
        if sent.pos[t] in ("VERB", "AUX"):
            return False
        if sent.pos[t] in ("NOUN", "PROPN"):
            return True
    return False


def _governing_verb(sent: Sentence, start: int) -> int | None:
    """The first verb (not an auxiliary) above the token at ``start``."""
    toks = [i for i, off in enumerate(sent.offsets) if off <= start]
    if not toks:
        return None
    t, steps = toks[-1], 0
    while steps < 8 and not (sent.pos[t] in ("VERB", "AUX") and sent.deps[t] not in ("aux", "auxpass")):
        if sent.heads[t] == t:
            return None
        t, steps = sent.heads[t], steps + 1
    return t if sent.pos[t] in ("VERB", "AUX") else None


def _direction_cue(sent: Sentence, start: int) -> str | None:
    """Direction that the verb of a date says beyond its tense (the clause
    tense that pubdate reads stays as ``tense_at`` gives it): "said it would
    resume talks Monday" looks ahead; "after retreating on Thursday" back."""
    v = _governing_verb(sent, start)
    kids = children(sent)
    steps = 0
    while v is not None and steps < 8:
        if sent.pos[v] in ("VERB", "AUX") and sent.deps[v] not in ("aux", "auxpass"):
            if any(sent.deps[c] == "aux" and sent.words[c].lower() == "would" for c in kids[v]):
                return "future"
            if _verb_tense(sent, v, kids) is not None:
                return None  # the clause tense decides
            if sent.tags[v] in ("VBG", "VBN") and sent.words[sent.heads[v]].lower() in ("after", "since"):
                return "past"
        if sent.heads[v] == v:
            return None
        v, steps = sent.heads[v], steps + 1
    return None


def _infinitive_looks_back(sent: Sentence, start: int) -> bool:
    """Whether the expression at ``start`` hangs from an infinitive whose verb
    is past and does not look ahead: "continued to pound Homs on Wednesday",
    "allowed the council to pass it on Saturday" happened then ("is expected
    to meet Friday", "agreed to meet Friday" did not).  Only the direction of
    a date reads this; the clause tense stays "future"."""
    t = _governing_verb(sent, start)
    if t is None or sent.tags[t] != "VB" or sent.deps[t] not in ("xcomp", "advcl", "ccomp") or not any(sent.heads[c] == t and c != t and sent.deps[c] == "aux" and sent.words[c].lower() == "to"
                                       for c in range(len(sent.words))):
        return False
    above = sent.heads[t]
    return above != t and sent.pos[above] in ("VERB", "AUX") and sent.lemmas[above].lower() not in _AHEAD_HEADS \
        and tense_at(sent, sent.offsets[above]) == "past"


def _verb_tense(sent: Sentence, v: int, kids) -> str | None:
    aux = [c for c in kids[v] if sent.deps[c] in ("aux", "auxpass")]
    words = {sent.words[c].lower() for c in aux}
    tags = {sent.tags[c] for c in aux}
    if words & _FUTURE_AUX or "going" in words:
        return "future"
    if aux and sent.tags[v] == "VBN" and sent.lemmas[v] in ("expect", "schedule", "slate"):
        return "future"  # "the vote is expected Wednesday", "was scheduled for Nov. 6"
    if sent.tags[v] == "VB" and "to" in words:
        # infinitive: what is to happen ("set to expire Nov. 6", "ready to veto")
        return "future"
    if words & {"had", "has", "have"} or sent.tags[v] == "VBD" or "VBD" in tags:
        return "past"
    if sent.tags[v] in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
        return "present"
    if sent.tags[v] == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return "present"
    if sent.tags[v] == "VBN" and not aux and sent.deps[v] in ("acl", "relcl"):
        return "past"  # participle modifier: "the agreement, announced Friday"
    if sent.tags[v] == "MD":
        return "future"
    return None


def _lexical_tense(text: str, start: int, end: int) -> str | None:
    lo = text.rfind(".", 0, start)
    window = text[max(lo + 1, start - 80):start] + " " + text[end:end + 40]
    if _FUTURE_WORDS.search(window):
        return "future"
    if _PAST_WORDS.search(window):
        return "past"
    return None


PRESENT_AS = None  # present tense + weekday/date: the nearest one (TimeBank prefers this to "future")


def _direction(tense: str | None) -> str | None:
    # present tense with a weekday or a date is news' scheduled future
    return PRESENT_AS if tense == "present" else tense


# --------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------


# the costliest patterns run only around the word every match of theirs
# contains (the unit of "two years", the "ago" of "two years ago"): windows
# reaching further back and ahead than any match, merged where they overlap,
# give the same matches as a scan of the whole text
WINDOWS: dict[str, tuple[re.Pattern, int, int]] = {
    "dur": (re.compile(rf"\b{_UNIT}\b", I), 120, 60),
    "ago": (re.compile(r"\b(?:ago|earlier|later|before|after|from\s+now|hence|since)\b", I), 120, 20),
}


def _windows(kind: str, text: str) -> list[tuple[int, int]]:
    if kind not in WINDOWS:
        return [(0, len(text))]
    trigger, back, ahead = WINDOWS[kind]
    spans: list[list[int]] = []
    for t in trigger.finditer(text):
        lo, hi = max(0, t.start() - back), min(len(text), t.end() + ahead)
        if spans and lo <= spans[-1][1]:
            spans[-1][1] = hi
        else:
            spans.append([lo, hi])
    return [(lo, hi) for lo, hi in spans]


@functools.lru_cache(maxsize=8)
def _candidates(text: str) -> tuple[tuple[int, int, int, str, re.Match], ...]:
    """All matches of all patterns, longest first, then in pattern order.

    Cached for the last few texts: the pipeline tags each article twice (its
    publication date, then its events' dates), and the patterns are most of
    the cost (the profile in docs/benchmarks.md)."""
    out = []
    low = text.lower()
    for rank, (kind, pat) in enumerate(PATTERNS):
        gate = GATES.get(kind)
        if gate is not None and not any(w in low for w in gate):
            continue
        for lo, hi in _windows(kind, text):
            for m in pat.finditer(text, lo, hi):
                if m.end() > m.start():
                    out.append((m.start(), m.end(), rank, kind, m))
    out.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    return tuple(out)


def _last_season_year(A: dt.date, season: str) -> int:
    """The year of the last ``season`` before ``A``: "last spring" said in
    October is this year's spring, over by now (winter spans two years:
    always the year before)."""
    return A.year if A.month > _SEASON_END.get(season, 13) else A.year - 1


_APPROX_BEFORE = re.compile(r"\b(?:around|sometime)\s+$", I)
_TENSE_PREP = re.compile(r"\b(since|until|till|effective)\s+(?:the\s+)?$", I)
NEEDS_TENSE = frozenset({"md", "dm", "wdpart", "month", "modmon", "ordq", "wd_md", "clockwd", "period", "partof", "holiday", "weekof"})
_VERB_BEFORE = re.compile(r"\b(?:will|would|to|could|may|might|should|can|must|not|n't|which|that|it|they)\s+$", I)
_ABBREV_END = re.compile(r"(?:\b[a-z]{3,4}\.|[ap]\.m\.)$", I)


def _normalise_or_drop(kind: str, m: re.Match, anchor: dt.date | None, tense: str | None):
    """:func:`_normalise`, with a match it has no value for dropped (None)
    rather than raised: a word missing from a table (``KeyError``), a date
    past the calendar's ends (an anchor of year 1 or 9999: ``ValueError``,
    ``OverflowError``), a duration or set without a value (a unit
    :data:`UNITS` does not know)."""
    try:
        norm = _normalise(kind, m, anchor, tense)
    except (KeyError, ValueError, OverflowError):
        return None
    if norm is not None and norm[0] in ("DURATION", "SET") and norm[1] is None:
        return None
    return norm


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
    items: list[tuple[Timex, str, re.Match]] = []
    sents = sorted(sentences or [], key=lambda s: s.start)
    starts = [s.start for s in sents]
    taken: list[tuple[int, int]] = []
    for start, end, _, kind, m in _candidates(text):
        if any(start < e and s < end for s, e in taken):
            continue
        # every expression gets its clause tense (publication-date inference
        # reads it); direction only matters for the kinds in NEEDS_TENSE
        tense = None
        i = bisect.bisect_right(starts, start) - 1
        sent = sents[i] if 0 <= i < len(sents) and sents[i].end > start else None
        if sent is not None:
            tense = tense_at(sent, start)
        if tense is None and (kind in NEEDS_TENSE or not sents):
            tense = _lexical_tense(text, start, end)
        direction = _direction(tense)
        if kind in NEEDS_TENSE and sent is not None:
            direction = _direction_cue(sent, start) or direction
            if direction == "future" and _infinitive_looks_back(sent, start):
                direction = "past"
        if kind in NEEDS_TENSE:
            # the preposition outweighs the clause: "has been closed since
            # Jan. 13" looks back (and never ahead), "extended until mid-November" forward
            pre = _TENSE_PREP.search(text, max(0, start - 12), start)
            if pre:
                since = pre.group(1).lower() == "since"
                tense = "past" if since else "future"
                direction = "since" if since else "future"
        if direction == "past" and kind in ("month", "modmon") and sent is not None and _under_noun(sent, start, end):
            direction = "past~"  # "told of a cutback in September": the noun's event may be ahead
        norm = _normalise_or_drop(kind, m, anchor, direction)
        if norm is None:
            continue  # a shorter or later candidate may still cover this text
        typ, value, mod = norm
        s, e = start, end
        if kind == "dur" and m.group("det") and m.group("n").lower() not in ("a", "an", "half a", "half an", "few", "dozen") \
                and (m.group("det").strip().lower() in ("a", "an") or text[m.end("n")] == "-"):
            s = m.start("n")  # "a five-year low", "the eight-year war": the duration is "five-year", "eight-year"
        if kind == "theyear" and m.group("ended"):
            e = m.start("ended")  # "the year ended Sept. 30": the duration is "the year"
        if kind == "yearend" and (m.group("pre") or "").lower() == "since":
            s = m.start("core")  # "since year-end": the date is "year-end"
        if kind == "ordq" and m.group("the") and "-" in m.group(0)[m.start("o") - m.start():]:
            s = m.start() + len(m.group("the")) + 1  # "the third-quarter results": an adjective
        if kind == "clock" and m.group("hc"):
            s = m.start("hc")  # "at 8:30": the preposition is not part of the expression
        if kind == "barepl":
            # "for years": the duration is "years"; "through the years": "the years"
            s = m.start("u") if not re.match(r"the\b", text[m.end("pre"):m.start("u")].strip(), I) else m.end("pre") + 1
        if kind == "durrel" and m.group("n") and not m.group("det") and m.group("rel").lower() == "last" \
                and _VERB_BEFORE.search(text, max(0, start - 12), start):
            s = m.start("n")  # "will last five days": the verb is not part of the expression
        if kind == "vagueago" and m.group("hu"):
            e = m.end("hu")
        if kind == "that" and m.group("core3"):
            s = m.start("core3")  # "later in the day": the expression is "the day"
        if kind == "thepart" and m.group("core"):
            s = m.start("core")  # "in the morning": the expression is "the morning"
        if kind == "ago" and typ == "DURATION":
            e = m.end("u")  # "two months after ...": the duration is "two months"
        if typ in ("DATE", "TIME"):
            pre = _APPROX_BEFORE.search(text, max(0, s - 12), s)
            if pre:
                s = pre.start()  # "around Nov. 1", "sometime next year": TimeML keeps the modifier
        # TimeML spans leave out trailing commas, periods of a sentence end, spaces
        while e > s and text[e - 1] in " ,'’" or (e > s and text[e - 1] == "." and not _ABBREV_END.search(text, s, e)):
            e -= 1
        taken.append((start, end))
        items.append((Timex(s, e, text[s:e], typ, value, mod, tense), kind, m))
    items.sort(key=lambda x: x[0].start)
    out = [t for t, _, _ in items]
    if anchor is not None:
        _resolve_refs(items, anchor, sents)
        _year_ago_quarters(text, out, anchor)
    return out


_YEAR_AGO = re.compile(r"(?:a\s+year\s+|year-)(?:ago|earlier)", I)
# a quarterly report nearby ("third-quarter profit", "the quarter ended"), not "headquarters" or "a quarter of"
_QUARTER_REPORT = re.compile(r"\b(?:(?:first|second|third|fourth|1st|2nd|3rd|4th|latest|the|this|fiscal)[- ]quarter\b(?!\s+of\s+(?:the|a|an|its|all)\b)|quarterly\b)", I)
_YEAR_PERIOD = re.compile(r"the\s+(\d{4})\s+(?:period|quarter)", I)
_THE_QUARTER = re.compile(r"(?:the|this)\s+(?:latest\s+)?(?:quarter|period)", I)


def _year_ago_quarters(text: str, out: list[Timex], anchor: dt.date) -> None:
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
                and int(mq.group(1)) >= anchor.year - (_quarter(anchor) == 1):
            last_q = (int(mq.group(1)), int(mq.group(2)))  # the quarter reported on, not one compared with
        if not (_YEAR_AGO.fullmatch(t.text) and t.value == str(anchor.year - 1)):
            continue
        stop = text.find(".", t.end)
        if last_q is None and not _QUARTER_REPORT.search(text, max(0, t.start - 300), stop if stop >= 0 else len(text)):
            continue  # no quarter reported on nearby: a year ago is a year
        if last_q is not None:
            y, q = last_q[0] - 1, last_q[1]
        else:
            q, y = _quarter(anchor) - 1, anchor.year - 1
            if q == 0:
                q, y = 4, y - 1
        t.value = f"{y}-Q{q}"


# --------------------------------------------------------------------------
# reference time: "the next day" counts from the day the text last named
# --------------------------------------------------------------------------

_VALUE = re.compile(r"(\d{4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d)|Q([1-4])|H([12])))?")
def _value_date(value: str | None, unit: str) -> dt.date | None:
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
    grain = _UNIT_GRAIN.get(unit, unit)
    return d if grain == "year" or prec in _ANCHORS.get(grain, ()) else None


def _ref_value(unit: str, k: int, ref: dt.date) -> str:
    """The ``unit`` ``k`` steps from the reference day (0: the one containing it)."""
    if unit == "day":
        return (ref + dt.timedelta(days=k)).isoformat()
    if unit in PARTS:
        return f"{(ref + dt.timedelta(days=k)).isoformat()}T{PARTS[unit]}"
    if unit in ("week", "weekend"):
        return _week(ref + dt.timedelta(days=7 * k)) + ("-WE" if unit == "weekend" else "")
    if unit == "month":
        return _offset(ref, k, "M")
    if unit == "quarter":
        return _offset(ref, k, "Q")
    if unit in SEASONS:
        return f"{ref.year + k}-{SEASONS[unit]}"
    if unit == "decade":
        return str(ref.year // 10 + k)
    if unit == "century":
        return str(ref.year // 100 + k)
    return str(ref.year + k)


def _ref_step(kind: str, m: re.Match) -> tuple[str, int] | None:
    """(unit, steps) of an expression that counts from the reference time:
    "the next day", "the following year", "the previous week", "that day",
    "the same month"; None for the others."""
    g = m.groupdict()
    if kind == "relday":
        w = m.group(0).lower()
        if "yesterday" in w or "tomorrow" in w:
            return None
        return (g.get("ru") or g.get("rd")).lower(), (-1 if ("before" in w or "previous" in w) else 1)
    if kind == "that":
        return (g.get("u") or g["u3"]).lower(), 0
    if kind == "thepart":
        return (g.get("part") or g.get("part2") or "midday").lower(), 0
    if kind == "relunit" and g["rel"].lower() in ("following", "previous", "same"):
        return g["u"].lower(), {"following": 1, "previous": -1, "same": 0}[g["rel"].lower()]
    return None


_CLOCK_NEAR = 300  # characters back in which a named day still dates a bare clock time


def _resolve_refs(items: list, anchor: dt.date, sents: list[Sentence]) -> None:
    """Second pass in text order: expressions that count from the reference
    time (TimeML's anchor for "the next day": the last date the text named,
    else the document date) and clock times, which take the day named in
    their sentence ("at 10:30 a.m. ... Friday") or just before them."""
    starts = [s.start for s in sents]
    history: list[Timex] = []
    for t, kind, m in items:
        step = _ref_step(kind, m) if t.value is not None else None
        if step is not None:
            unit, k = step
            ref = next((d for h in reversed(history) if (d := _value_date(h.value, unit))), None)
            if ref is not None:
                t.value = _ref_value(unit, k, ref)
        elif kind == "wdpart" and t.value and re.match(r"(?:the\s+)?(?:previous|following)\b", m.group("rel") or "", I):
            ref = next((d for h in reversed(history) if (d := _value_date(h.value, "day"))), None)
            norm = _normalise_or_drop(kind, m, ref, None) if ref else None
            if norm:
                t.value = norm[1]
        elif kind == "sameper" and t.value and history:
            # "the same period last year": the period just named, a year back
            mp = re.fullmatch(r"(\d{4})(-(?:Q[1-4]|H[12]|\d\d|W\d\d))?", history[-1].value or "")
            if mp and mp.group(2):
                t.value = f"{int(mp.group(1)) - 1}{mp.group(2)}"
        elif kind == "clock" and t.value:
            i = bisect.bisect_right(starts, t.start) - 1
            lo, hi = (sents[i].start, sents[i].end) if 0 <= i < len(sents) and sents[i].end > t.start \
                else (t.start - 100, t.end + 100)
            days = [(abs(o.start - t.start), d) for o, ok, _ in items
                    if ok != "clock" and lo <= o.start < hi and (d := _value_date(o.value, "day"))]
            if not days:
                days = [(0, d) for o in history[-1:] if o.end > t.start - _CLOCK_NEAR and (d := _value_date(o.value, "day"))]
            if days:
                t.value = min(days, key=lambda x: x[0])[1].isoformat() + t.value[t.value.index("T"):]
        if t.type in ("DATE", "TIME") and t.value and t.value[:1].isdigit():
            history.append(t)


def timexes_jsonl(lines: Iterable[str], nlp=None, batch_size: int = 32) -> Iterator[str]:
    """JSONL in ``{"id", "text", "date"?}``, JSONL out ``{"id", "timexes": [...]}``.

    Each output timex is ``{"start", "end", "text", "type", "value", "mod"?,
    "tense"}`` with character offsets into the input text.  A line that is
    not a JSON object with a ``text`` string gives
    ``{"id": <id or null>, "error": "line N: <reason>"}``, a record whose
    parse or tagging raises ``{"id", "error": "<stage>: <type>: <message>"}``,
    and the run goes on.  With ``nlp`` (a spaCy pipeline) texts are parsed in
    batches of ``batch_size`` records for tense (a text longer than
    :data:`diurna.nlp.PIECE_CHARS` in pieces).
    """

    def emit(rec, sents):
        date = rec.get("date")
        try:
            anchor = dt.date.fromisoformat(str(date)[:10]) if date else None
        except ValueError:
            anchor = None
        tx = find_timexes(rec["text"], anchor, sents)
        return {"id": rec.get("id"), "timexes": [t.to_json() for t in tx]}

    from ..nlp import stream_records

    return stream_records(lines, emit, "timex", nlp, batch_size)
