"""Evaluation and benchmarks: scoring the stages on labelled data and timing
the pipeline, each writing its section of ``docs/benchmarks.md``.

* :mod:`.runner`: the registry of evaluators and the one runner every
  ``diurna eval NAME`` goes through;
* :mod:`.data`: where the labelled data is (``DIURNA_DATA`` or ``--data``)
  and the files of a source checkout (``bench/`` gold, ``examples/``);
* :mod:`.metrics`: precision, recall, F1 and percentiles;
* :mod:`.sections`: the section writer of ``docs/benchmarks.md``;
* one module per evaluator: :mod:`.timex`, :mod:`.pubdate`, :mod:`.events`,
  :mod:`.quotes`, :mod:`.places`, :mod:`.timeline`;
* :mod:`.bench`: throughput, profile, stories and web API benchmarks
  (``diurna bench ...``).

This package sits apart from the stages: it may import any of them, and no
stage imports it.
"""

from .data import DataMissing

__all__ = ["DataMissing"]
