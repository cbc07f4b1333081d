"""The quotes stage as a stream: ``{"id", "text", "date"?}`` JSONL in, quotes out (``diurna quotes``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .article import find_quotes


def quotes_jsonl(lines: Iterable[str], nlp, batch_size: int = 32) -> Iterator[str]:
    """JSONL in ``{"id", "text", "date"?}``; JSONL out ``{"id", "quotes": [...]}``.

    Read and parsed ``batch_size`` records at a time (a text longer than
    :data:`diurna.nlp.PIECE_CHARS` in pieces); a bad line gives ``{"id",
    "error": "line N: <reason>"}``, a record whose parse or attribution
    raises ``{"id", "error": "<stage>: <type>: <message>"}``, and the stream
    goes on (:func:`diurna.nlp.stream_records`)."""
    from ..nlp import stream_records

    def emit(rec, sents):
        qs = find_quotes(rec["text"], sents, rec.get("date"))
        return {"id": rec.get("id"), "quotes": [q.to_json() for q in qs]}

    return stream_records(lines, emit, "quotes", nlp, batch_size)
