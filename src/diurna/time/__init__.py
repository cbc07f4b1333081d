"""time stage: time expressions, publication dates and event dates.

* :mod:`diurna.time.expressions`: find and normalise time expressions
  (TIMEX3 type and value) anchored to a date, direction from the clause's
  tense (:func:`find_timexes`);
* :mod:`diurna.time.pubdate`: infer an article's publication date as an
  interval with named evidence when the input gives none.

Scored by :mod:`diurna.evaluation.timex` and :mod:`diurna.evaluation.pubdate`.

The stage reads :class:`~diurna.records.Sentence` records and nothing from
the stages after it.
"""

from .expressions import Timex, find_timexes, timexes_jsonl

__all__ = ["Timex", "find_timexes", "timexes_jsonl"]
