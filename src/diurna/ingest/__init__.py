"""ingest stage: files, HTML and JSONL in; clean :class:`~diurna.records.Article` records out.

Python API::

    from diurna.ingest import read
    for item in read(["articles/", "more/*.html", "-"]):
        ...  # Article or Rejection

Nothing raises past :func:`read`: every input it cannot make an article of
is a :class:`~diurna.records.Rejection` with the reason, and every string in
what it yields is valid UTF-8.  Origins name files as text
(:func:`origin_of`, :func:`path_of`); print them with :func:`display_origin`.

See :mod:`diurna.ingest.readers` (formats, bad input, origins),
:mod:`.archives` (gzip, bzip2, xz, ZIP, tar and WARC files, member by member),
:mod:`.boilerplate` (line classifier, title detection) and :mod:`.dedup`
(exact and near copies).
"""

from collections.abc import Callable, Iterable, Iterator

from ..records import Article, Rejection
from .readers import (DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Source, display_origin, expand, origin_of,
                      path_of, read_source)

__all__ = ["read", "expand", "read_source", "Deduplicator", "Source", "DEFAULT_MAX_BYTES",
           "DEFAULT_MAX_CHARS", "display_origin", "origin_of", "path_of"]


def __getattr__(name: str):
    """``Deduplicator`` on first use: MinHash (datasketch, numpy) costs a
    quarter of a second to import, which a command that only reads the
    store (or only needs the readers' limits) should not pay."""
    if name == "Deduplicator":
        from .dedup import Deduplicator

        return Deduplicator
    raise AttributeError(name)


def read(paths: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, stdin=None,
         skip: Callable[[Source], bool] | None = None,
         seen: Callable[[Source, int], None] | None = None, *,
         max_chars: int = DEFAULT_MAX_CHARS,
         on_skip: Callable[[str, str], None] | None = None) -> Iterator[Article | Rejection]:
    """Every article (and rejection) the given paths hold, in order.

    A file over ``max_bytes`` bytes, or an article whose clean text is over
    ``max_chars`` characters, is a rejection (``--max-bytes``,
    ``--max-chars``).

    ``skip(source)`` True leaves a source unread (the pipeline's manifest of
    unchanged files); ``seen(source, n_articles)`` hears of each source read
    to its end that was not rejected as a whole.  ``on_skip(origin, reason)``
    hears of each WARC record left out because it is not an HTML page (a
    request, an image, a redirect...): neither an article nor a rejection.
    """
    for src in expand(paths, stdin=stdin):
        if isinstance(src, Rejection):
            yield src
            continue
        if skip is not None and skip(src):
            continue
        n, whole_rejected = 0, False
        for item in read_source(src, max_bytes=max_bytes, max_chars=max_chars, on_skip=on_skip):
            if isinstance(item, Article):
                n += 1
            elif item.origin == src.origin:
                whole_rejected = True
            yield item
        if seen is not None and not whole_rejected:
            seen(src, n)
