"""Pieces of regular expression that several patterns share: the spellings
of months, weekdays, numbers and units, and the words around a match that
say whether it is about business figures.

What a matched word means is in :mod:`diurna.lexicon.time`; a pattern and
its normaliser are in the module of their kind.
"""

import re

I = re.I  # noqa: E741

MONTH_NAME = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
WEEKDAY_NAME = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:mon|tues?|wed|thur?s?|fri|sat|sun)\.)"
COUNT = r"(?:\d+(?:\.\d+|\s+1/2|½)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty(?:[- ]four)?|thirty|forty(?:[- ]eight)?|fifty|sixty|ninety|a hundred|hundred|a dozen|dozen|half an?|several|a few|few|many|some|numerous)"
UNIT_NAME = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
ORDINAL = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
YYYY = r"(?:1[6-9]\d\d|20\d\d)"
RELATIVE_WORD = r"(?:this|last|next|past|coming|previous|current|following|same)"
SEASON_NAME = r"(?:spring|summer|autumn|fall|winter)"
PART_NAME = r"(?:morning|afternoon|evening|night)"
MOD_WORDS = r"(?:early|mid|late|the end of|the start of|the beginning of|the middle of|end|end-|mid-)"
ZONE = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC)\b)?"  # "5 p.m. EST": the zone is part of the expression

# words of a business report: "quarter" and "period" near them are a
# reporting period (else "the same quarter" is a part of a town)
BUSINESS = re.compile(r"\b(?:profits?|earnings|sales|revenues?|net|loss(?:es)?|income|growth|econom(?:y|ic)|gdp|shares?|"
                      r"percent|%|billion|million|dividends?|fiscal|output|exports?|imports?|inflation|shipped|shipments|orders|"
                      r"backlog|quarterly|analysts?|compan(?:y|ies)|stocks?|results|margins?|costs?|prices?|demand|market)\b", I)


def business_near(m: re.Match, reach: int) -> bool:
    """Whether business words stand within ``reach`` characters of the match."""
    return bool(BUSINESS.search(m.string, max(0, m.start() - reach), m.end() + reach))
