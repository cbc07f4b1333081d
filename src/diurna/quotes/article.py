"""The article-level driver: every attribution of one article (:func:`find_quotes`).

Sentence by sentence, in text order: the people it names are remembered
(for a later "he said"), a headline colon is tried, then every token
outside a quotation (a verb inside one is part of what was said) as a cue
(:func:`token_quote`: a noun of saying, "according to", "in a poll", else
a verb), then a title-case headline.  An attribution inside another one's
content is dropped (:func:`find_quotes`), unless it is a participle of
saying after a comma (:func:`is_messenger`).
"""

from __future__ import annotations

from bisect import bisect_left

from ..actors import People, default_gazetteer
from ..lexicon.quotes import POLL_PREPS, SAID_NOUNS
from ..records import Quote, Sentence
from ..syntax import children
from .context import ArticleContext, SentenceContext
from .frames import noun_of_saying
from .sources import according_to, colon_headline, poll_source, title_case_headline
from .verbs import verb_quote


def find_quotes(text: str, sentences: list[Sentence], date: str | None = None,
                people: People | None = None) -> list[Quote]:
    """Attributions in one article (``sentences`` are its parse).

    An attribution inside what another one reports is part of that content,
    as annotators mark it ("Trump says he plans to ...": one attribution, not
    two), and is left out, unless it is a participle after a comma ("she
    said, referencing X")."""
    out = attributions(text, sentences, people or People(date))
    def within(q, r):  # q's cue in r's content (of two inside each other, the shorter goes)
        return r is not q and r.content.start <= q.cue.start < r.content.end and (
            not q.content.start <= r.cue.start < q.content.end
            or len(r.content.text) > len(q.content.text))
    return [q for q in out if is_messenger(sentences[q.sentence], q.cue.start) or not any(within(q, r) for r in out)]


def is_messenger(s: Sentence, cue_start: int) -> bool:
    """An attribution of its own even inside another's content: a
    participle of saying after a comma ("“...,” she said, referencing X")."""
    t = bisect_left(s.offsets, cue_start)
    return 0 < t < len(s.words) and s.offsets[t] == cue_start and s.pos[t] == "VERB" and s.tags[t] == "VBG" and \
        s.words[t - 1] == ","


def attributions(text: str, sentences: list[Sentence], people: People) -> list[Quote]:
    """Every attribution the rules find, sentence by sentence, before those
    inside another's content are dropped."""
    gaz = default_gazetteer()
    art = ArticleContext(text, sentences, people)
    out: list[Quote] = []
    for s in sentences:
        c = SentenceContext(s, children(s), gaz.mentions(s.words))
        art.people.meet(c.s, c.kids, c.mentions)
        q = colon_headline(text, s, art.names)
        if q is not None and not art.quoted(q.cue.start):
            out.append(q)
        n = len(out)
        for v in range(len(s.words)):
            if not art.quoted(s.offsets[v]):  # a verb inside a quotation is part of what was said
                q = token_quote(art, c, v)
                if q is not None:
                    out.append(q)
        q = title_case_headline(text, s)
        if q is not None and not any(r.cue.start < q.content.end for r in out[n:]):
            out.append(q)
    return out


def token_quote(art: ArticleContext, c: SentenceContext, v: int) -> Quote | None:
    """The attribution cued by token ``v``: a noun of saying, "according
    to", "in a poll", else a verb."""
    s, text, kids, mentions, people = c.s, art.text, c.kids, c.mentions, art.people
    if s.pos[v] == "NOUN" and s.lemmas[v].lower() in SAID_NOUNS:
        return noun_of_saying(text, s, v, kids, mentions, people)
    word = s.words[v].lower()
    if word == "according":
        return according_to(text, s, v, kids, mentions, people)
    if word in POLL_PREPS and s.deps[v] in ("prep", "agent"):
        return poll_source(text, s, v, kids, mentions, people)
    return verb_quote(art, c, v)
