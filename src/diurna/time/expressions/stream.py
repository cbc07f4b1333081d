"""The JSONL stream of the ``diurna timex`` command (:func:`timexes_jsonl`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator


def timexes_jsonl(lines: Iterable[str], nlp=None, batch_size: int = 32) -> Iterator[str]:
    """JSONL in ``{"id", "text", "date"?}``, JSONL out ``{"id", "timexes": [...]}``.

    Each output timex is ``{"start", "end", "text", "type", "value", "mod"?,
    "tense"}`` with character offsets into the input text.  A line that is
    not a JSON object with a ``text`` string gives
    ``{"id": <id or null>, "error": "line N: <reason>"}``, a record whose
    parse or tagging raises ``{"id", "error": "<stage>: <type>: <message>"}``,
    and the run goes on.  With ``nlp`` (a spaCy pipeline) texts are parsed in
    batches of ``batch_size`` records for tense (a text longer than
    :data:`diurna.nlp.PIECE_CHARS` in pieces).
    """

    def emit(rec, sents):
        from . import find_timexes  # the package's, looked up per record (a test may replace it)

        date = rec.get("date")
        try:
            anchor = dt.date.fromisoformat(str(date)[:10]) if date else None
        except ValueError:
            anchor = None
        tx = find_timexes(rec["text"], anchor, sents)
        return {"id": rec.get("id"), "timexes": [t.to_json() for t in tx]}

    from ...nlp import stream_records

    return stream_records(lines, emit, "timex", nlp, batch_size)
