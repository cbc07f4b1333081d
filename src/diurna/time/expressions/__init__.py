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

**The reference time.**  "The next day", "the following year", "that day",
"the same month", "in the morning" and "the previous Friday" count from the
last date the text named with enough precision, else from the anchor; a
clock time takes the day named in its sentence, else one named just before
it, else the anchor.

Without an anchor, values stay underspecified as TimeML allows
(``XXXX-08-21``, ``XXXX-WXX-3``); relative expressions then get ``None``.

Where each decision lives:

* :mod:`.dates`, :mod:`.relative`, :mod:`.durations`, :mod:`.periods`,
  :mod:`.clock`, :mod:`.sets`, :mod:`.holidays`: the kinds of expression,
  each a :class:`~.kind.Kind` (pattern, normaliser, gate words, span) with
  its normaliser next to its pattern;
* :mod:`.normalise`: the kinds' order of precedence and the dispatcher from
  a match to its normaliser;
* :mod:`.find`: :func:`find_timexes` (candidates, overlaps, direction, spans);
* :mod:`.tense`: the clause tense and the direction cues;
* :mod:`.resolve`: which day, month or year a direction gives;
* :mod:`.references`: the second pass for the reference time;
* :mod:`.values`: numbers, units, durations and date arithmetic;
* :mod:`.fragments`: regular-expression pieces the patterns share;
* :mod:`.stream`: the JSONL stream of ``diurna timex``;
* the words' meanings: :mod:`diurna.lexicon.time`; the record:
  :class:`diurna.records.Timex`.
"""

# the names other modules, the tests and docs/architecture.md use from here
from ...records import Timex  # noqa: F401
from .find import find_timexes  # noqa: F401
from .normalise import GATES, KINDS, PATTERNS  # noqa: F401
from .references import resolve_refs as _resolve_refs  # noqa: F401
from .resolve import SAME_WEEKDAY_BACK  # noqa: F401
from .stream import timexes_jsonl  # noqa: F401
from .tense import PRESENT_AS, lexical_tense as _lexical_tense, tense_at  # noqa: F401
from .values import duration as _duration  # noqa: F401

__all__ = ["Timex", "find_timexes", "timexes_jsonl", "tense_at"]
