"""Lengths of time: "two years", "for years", "the past two years", "a
couple of days", "the days ahead", each pattern with its normaliser.

TimeML conventions decide what is not a duration: an age ("52 years old"),
a rate ("four flights a week"), a fraction ("three-quarters of its food"),
an ordinal ("a second blast"); "the past year" is a date.  The TIMEX3 value
of a count of units is :func:`.values.duration`.
"""

from __future__ import annotations

import re

from ...lexicon.time import PAST_UNITS, UNITS
from .fragments import COUNT, UNIT_NAME, I
from .kind import Context, Kind, Normalised
from .values import count, duration as duration_value, offset, unit_key

# a quantity right before "a week"/"a year" makes it a rate ("700 seats a week", "$1.76 a year")
_RATE_BEFORE = re.compile(r"(?:\d[\d,.]*%?|\b(?:million|billion|thousand|hundred|dozen|percent|cents?|dollars?|pounds|euros|barrels|tons|tonnes)"
                          r"|\b(?!(?:was|has|his|its|this|thus|plus|less|across|perhaps|always|sometimes|as|is|us|yes|news|does|goes)\b)[a-z]{3,}s)\s+$", I)


def duration(c: Context) -> Normalised:
    """"two years", "2 1/2 years", "a minute and a half", "a five-year low"."""
    g, m, low = c.groups, c.match, c.low
    n = count(g["n"])
    if n is not None and (g.get("h1") or g.get("h2")):
        n += 0.5
    if g["n"].lower() in ("a", "an") and not g.get("u"):
        return None
    u = unit_key(g["u"])
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
    return "DURATION", duration_value(n, u), None


def _duration_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    if m.group("det") and m.group("n").lower() not in ("a", "an", "half a", "half an", "few", "dozen") \
            and (m.group("det").strip().lower() in ("a", "an") or text[m.end("n")] == "-"):
        return m.start("n"), m.end()  # "a five-year low", "the eight-year war": the duration is "five-year", "eight-year"
    return m.start(), m.end()


DURATION = Kind("duration", re.compile(
    rf"\b(?P<det>(?:the|a|an)\s+)?(?:(?:more\s+than|less\s+than|nearly|almost|about|around|some|at\s+least|up\s+to)\s+)?(?P<n>{COUNT})(?P<h1>\s+and\s+a\s+half)?(?:[- ](?:(?:more|additional|further|extra|trading|business|working)\s+)?(?P<u>{UNIT_NAME})(?P<adj>-long|-old)?)(?P<h2>\s+and\s+a\s+half)?(?:\s+or\s+so)?\b", I),
    duration, span=_duration_span,
    # the pattern is costly: it runs only around its unit
    window=(re.compile(rf"\b{UNIT_NAME}\b", I), 120, 60))


def bare_plural(c: Context) -> Normalised:
    """"for years", "over decades": a length of time of no count."""
    return "DURATION", duration_value(None, unit_key(c.groups["u"])), None


def _bare_plural_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    # "for years": the duration is "years"; "through the years": "the years"
    s = m.start("u") if not re.match(r"the\b", text[m.end("pre"):m.start("u")].strip(), I) else m.end("pre") + 1
    return s, m.end()


BARE_PLURAL = Kind("bare_plural", re.compile(
    r"\b(?P<pre>for|in|over|within|after|during|lasting|took|spent|through|throughout)\s+(?:the\s+(?:early\s+)?(?=years\b))?(?P<u>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b(?!\s+(?:ago|of|earlier|later|before|after))", I),
    bare_plural, span=_bare_plural_span)


def relative_duration(c: Context) -> Normalised:
    """"the past two years", "the next few days", "in coming months"; "the
    past year" and "the last decade" name the unit before this one (TimeBank:
    1997, 198); "last week" is a date (:data:`.relative.RELATIVE_UNIT`)."""
    g, A = c.groups, c.anchor
    n, u = count(g.get("n")), unit_key(g["u"])
    if u == "quarter" and g["rel"].lower() in ("first", "final") and g.get("n") is None:
        return None  # "the first quarter": a date (.periods.QUARTER_OR_HALF)
    plural = g["u"].lower().endswith(("s", "ies"))
    if g.get("n") is None and not plural:
        # "the coming year", "the first year": a length of time
        if g["rel"].lower() in ("past", "last") and g.get("det") and u in PAST_UNITS and A is not None:
            return "DATE", (str(A.year // 10 - 1) if u == "decade" else offset(A, -1, PAST_UNITS[u])), None
        if g["rel"].lower() in ("past", "coming", "first", "final", "remaining", "recent", "latest") or g.get("det"):
            return "DURATION", duration_value(1, u), None
        return None
    if g.get("n") is None:
        n = None
        if g["rel"].lower() == "coming" and not g.get("det") and u != "hour":
            return "DATE", "FUTURE_REF", None  # "in coming months" (TimeBank); "the coming days": a length of time
        if u == "year" and g["rel"].lower() in ("recent", "past") and not g.get("det"):
            return "DATE", "PAST_REF", None  # "in recent years", "in past years"
    return "DURATION", duration_value(n, u), None


# a verb before "last five days": "will last five days"
_VERB_BEFORE = re.compile(r"\b(?:will|would|to|could|may|might|should|can|must|not|n't|which|that|it|they)\s+$", I)


def _relative_duration_span(m: re.Match, text: str, typ: str) -> tuple[int, int]:
    if m.group("n") and not m.group("det") and m.group("rel").lower() == "last" \
            and _VERB_BEFORE.search(text, max(0, m.start() - 12), m.start()):
        return m.start("n"), m.end()  # "will last five days": the verb is not part of the expression
    return m.start(), m.end()


RELATIVE_DURATION = Kind("relative_duration", re.compile(
    rf"\b(?P<det>the\s+)?(?P<rel>past|last|next|coming|previous|first|final|recent|remaining|latest)\s+(?P<n>{COUNT})?[- ]?(?P<u>{UNIT_NAME})\b", I),
    relative_duration, span=_relative_duration_span)


def couple_of(c: Context) -> Normalised:
    """"a couple of days", "the next couple of weeks"; "a couple of nights
    ago": two units back."""
    g, A = c.groups, c.anchor
    rel = (g.get("rel") or "").lower()
    if g.get("ago"):
        u = unit_key(g["u"])
        return "DATE", (offset(A, -2, UNITS["day" if u == "night" else u][1]) if A else None), None
    if rel.endswith(("last", "past")) or rel.endswith("next") or not rel.startswith("the"):
        return "DURATION", duration_value(2, unit_key(g["u"])), None
    return None


COUPLE_OF = Kind("couple_of", re.compile(
    rf"\b(?:(?P<rel>the\s+(?:next|last|past)|the)\s+|a\s+)?couple\s+of\s+(?P<u>{UNIT_NAME})\b(?:\s+(?P<ago>ago|earlier))?", I),
    couple_of, gate=("couple",))


def ahead(c: Context) -> Normalised:
    """"the days ahead", "for a while" (a length of time only after a
    preposition), "a later date" (the future)."""
    g, m = c.groups, c.match
    if g.get("later"):
        return "DATE", "FUTURE_REF", None
    if g.get("while"):
        if not re.search(r"\b(?:for|in|after|within|once)\s+$", m.string[max(0, m.start() - 8):m.start()], I):
            return None
        return "DURATION", "PXX", None
    return "DURATION", duration_value(None, unit_key(g["u"])), None


AHEAD = Kind("ahead", re.compile(
    r"\bthe\s+(?P<u>days|weeks|months|years|decades)\s+ahead\b|\b(?P<while>a\s+while)\b(?!\s+(?:ago|back|later|earlier))|\b(?P<later>a\s+later\s+date)\b", I),
    ahead, gate=("ahead", "while", "later"))
