"""What the attribution rules share while they read one article.

:class:`ArticleContext` holds the article's quotations (and which a cue has
taken, so that no two cues get the same), the people named so far (whom
"he said" stands for) and all their names (for headline colons);
:class:`SentenceContext` one sentence with its children lists and gazetteer
mentions, built once for every rule that reads it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..actors import People
from ..records import Sentence
from .quotations import quote_spans


@dataclass
class ArticleContext:
    """What the attribution rules share over one article: the quotations
    (those of three words or more indexed for :meth:`quoted`), the ones a
    cue has taken, the people named so far (for "he said") and all their
    names (for headline colons)."""

    text: str
    sentences: list[Sentence]
    people: People
    quotes: list[tuple[int, int]] = field(default_factory=list)
    long_quotes: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    used: set[int] = field(default_factory=set)

    def __post_init__(self):
        self.quotes = quote_spans(self.text)
        self.long_quotes = sorted((a, b) for a, b in self.quotes if len(self.text[a:b].split()) >= 3)
        self.starts = [a for a, _ in self.long_quotes]
        self.sent_starts = [x.start for x in self.sentences]
        self.names = {n.lower() for x in self.sentences for e in x.entities if e.label == "PERSON"
                      for n in (e.text, e.text.split()[-1])}

    def quoted(self, off: int) -> bool:
        """Inside a quotation (they do not overlap: the last one opening before ``off``)."""
        k = bisect_left(self.starts, off) - 1
        return k >= 0 and off < self.long_quotes[k][1]

    def sentence_at(self, off: int) -> Sentence | None:
        """The sentence holding offset ``off`` (sentences are in text order and do not overlap)."""
        k = bisect_right(self.sent_starts, off) - 1
        return self.sentences[k] if k >= 0 and off < self.sentences[k].end else None


@dataclass
class SentenceContext:
    """One sentence with its children lists and gazetteer mentions."""

    s: Sentence
    kids: list
    mentions: list
