"""The record of one kind of time expression (:class:`Kind`): its pattern,
its normaliser and how the finder treats its matches, and the
:class:`Context` a normaliser reads.

The kinds themselves are in the modules of their family (``dates``,
``relative``, ``durations``, ``periods``, ``clock``, ``sets``,
``holidays``); their order of precedence is in ``normalise``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# (TIMEX3 type, value, mod), or None to drop the match
Normalised = tuple[str, str | None, str | None] | None


@dataclass(frozen=True)
class Context:
    """What a normaliser knows of one match.

    match    the match of the kind's pattern (``match.string`` is the text)
    groups   its named groups
    low      the matched text in lower case
    anchor   the article's date, or None
    tense    the direction to resolve in: past, future, present or None
    strict   after "since": the date is never ahead of the anchor
    near     a month under a noun in a past clause ("told of a cutback in
             September"): the noun's event may be just ahead
    """

    match: re.Match
    groups: dict
    low: str
    anchor: dt.date | None
    tense: str | None
    strict: bool
    near: bool


@dataclass(frozen=True, eq=False)
class Kind:
    """One kind of time expression.

    name      what the kind is called (``month_day``, ``bare_plural``...)
    pattern   its regular expression, run over the whole text
    normalise (type, value, mod) of a match, or None to drop it
    gate      words one of which every match contains (case-folded single
              words): the pattern is not run over a text without any
    window    (trigger, back, ahead): run only within that many characters
              around each match of ``trigger`` (a word every match contains)
    directed  the value depends on the direction of the clause (a weekday,
              a month without a year): the finder works the direction out
    ahead_under_noun  in a past clause, hanging from a noun, it may be just
              ahead (:attr:`Context.near`)
    span      (match, text, type) -> (start, end) of the expression when it
              is not the whole match ("at 8:30": "8:30")
    ref_step  (unit, steps) when the expression counts from the reference
              time, the last date the text named ("the next day": day, +1)
    """

    name: str
    pattern: re.Pattern
    normalise: Callable[[Context], Normalised]
    gate: tuple[str, ...] | None = None
    window: tuple[re.Pattern, int, int] | None = None
    directed: bool = False
    ahead_under_noun: bool = False
    span: Callable[[re.Match, str, str], tuple[int, int]] | None = None
    ref_step: Callable[[re.Match], tuple[str, int] | None] | None = None
