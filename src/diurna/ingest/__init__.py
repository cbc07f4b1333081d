"""ingest stage: files, HTML and JSONL in; clean :class:`~diurna.records.Article` records out.

Python API::

    from diurna.ingest import read
    for item in read(["articles/", "more/*.html", "-"]):
        ...  # Article or Rejection

See :mod:`diurna.ingest.readers` (formats, bad input), :mod:`.boilerplate`
(line classifier, title detection) and :mod:`.dedup` (exact and near copies).
"""

from collections.abc import Callable, Iterable, Iterator

from ..records import Article, Rejection
from .dedup import Deduplicator
from .readers import DEFAULT_MAX_BYTES, Source, expand, read_source

__all__ = ["read", "expand", "read_source", "Deduplicator", "Source"]


def read(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
         skip: Callable[[Source], bool] | None = None,
         seen: Callable[[Source, int], None] | None = None) -> Iterator[Article | Rejection]:
    """Every article (and rejection) the given paths hold, in order.

    ``skip(source)`` True leaves a source unread (the pipeline's manifest of
    unchanged files); ``seen(source, n_articles)`` hears of each source read
    to its end that was not rejected as a whole.
    """
    for src in expand(paths, stdin=stdin):
        if isinstance(src, Rejection):
            yield src
            continue
        if skip is not None and skip(src):
            continue
        n, whole_rejected = 0, False
        for item in read_source(src, max_bytes=max_bytes):
            if isinstance(item, Article):
                n += 1
            elif item.origin == src.origin:
                whole_rejected = True
            yield item
        if seen is not None and not whole_rejected:
            seen(src, n)
