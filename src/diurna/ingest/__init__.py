"""ingest stage: files, HTML and JSONL in; clean :class:`~diurna.records.Article` records out.

Python API::

    from diurna.ingest import read
    for item in read(["articles/", "more/*.html", "-"]):
        ...  # Article or Rejection

See :mod:`diurna.ingest.readers` (formats, bad input), :mod:`.boilerplate`
(line classifier, title detection) and :mod:`.dedup` (exact and near copies).
"""

from collections.abc import Iterable, Iterator

from ..records import Article, Rejection
from .dedup import Deduplicator
from .readers import DEFAULT_MAX_BYTES, Source, expand, read_source

__all__ = ["read", "expand", "read_source", "Deduplicator", "Source"]


def read(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None) -> Iterator[Article | Rejection]:
    """Every article (and rejection) the given paths hold, in order."""
    for src in expand(paths, stdin=stdin):
        if isinstance(src, Rejection):
            yield src
        else:
            yield from read_source(src, max_bytes=max_bytes)
