"""The one runner every ``diurna eval NAME`` goes through.

An evaluator is a module of this package registered in :data:`EVALUATORS`
under the name of its command and of its section of ``docs/benchmarks.md``.
Each has the same contract (:class:`Evaluator`):

* ``SPLITS``: the splits scored by default (held-out ones included);
* ``DATA``: what it reads under the data root (checked before anything is
  loaded, so that missing data is one clear error);
* ``evaluate(root, split, **options) -> dict``: the metrics of one split,
  ``root`` the data root (:func:`.data.data_root`);
* ``markdown(results) -> str``: the section, from the metrics of each split
  in order.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol

from .data import data_root
from .sections import write_section

EVALUATORS = {name: f"{__package__}.{name}" for name in ("timex", "pubdate", "events", "quotes", "places", "timeline")}


class Evaluator(Protocol):
    SPLITS: tuple[str, ...]
    DATA: tuple[str, ...]

    def evaluate(self, root: Path, split: str, **options) -> dict: ...

    def markdown(self, results: list[dict]) -> str: ...


def evaluator(name: str) -> Evaluator:
    if name not in EVALUATORS:
        raise KeyError(f"no evaluator {name!r} (evaluators: {', '.join(EVALUATORS)})")
    return importlib.import_module(EVALUATORS[name])


def evaluate(name: str, data: str | Path | None = None, splits: Iterable[str] = (), **options) -> list[dict]:
    """The metrics of evaluator ``name`` on each of ``splits`` (its own
    default splits when none are given) of the data root (``data``, else
    the setting: see :mod:`.data`); ``options`` go to its ``evaluate``."""
    ev = evaluator(name)
    root = data_root(data, ev.DATA)
    return [ev.evaluate(root, split, **options) for split in (tuple(splits) or ev.SPLITS)]


def run(name: str, data: str | Path | None = None, splits: Iterable[str] = (), output: str | Path | None = None,
        **options) -> str:
    """:func:`evaluate`, then its Markdown section, written into ``output``
    (a ``docs/benchmarks.md``) when given; returns the section."""
    md = evaluator(name).markdown(evaluate(name, data, splits, **options))
    if output is not None:
        write_section(Path(output), name, md)
    return md
