"""Speakers: their words as annotators mark them, and who they are.

The speaker's span is the subject's whole noun phrase with its
appositions, relative clauses and conjuncts ("Brian Fallon, the campaign's
press secretary,"), not an aside after a comma (", speaking to veterans,",
", which ...", ", like Obama,"), not a dateline nor the words before a
spaced dash or a paragraph break; named between a quotation and its cue,
all the words there (:func:`speaker_after_quote`).  Which token is the
subject is :mod:`.subjects`' choice.

Speakers are resolved to actors with the machinery of events
(:mod:`diurna.actors`: roles, the office-holders knowledge base at the
article's date); "he"/"she" is the last person named
(``actors.People.pronoun``, the event coder's resolver too), a relative
pronoun the noun its clause hangs on.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..actors import actors_for
from ..lexicon.quotes import DASHES, LIKENESS_PREPS, RELATIVE, SPEAKER_PRONOUNS
from ..records import Actor, Sentence, Span
from .context import ArticleContext, SentenceContext
from .spans import DATELINE, subtree, token_end, trimmed_span, with_bracket_closed


def is_speaker_aside(s: Sentence, c: int, kids) -> bool:
    """After a comma in a speaker's phrase, what annotators leave out: a
    participle ("Trump, speaking to veterans,"), a non-restrictive "which"
    clause ("The U.N., which imposed ..."), "like X" ("Clinton, like Obama,")."""
    first = min(subtree(s, c, kids))
    if first == 0 or s.words[first - 1] != ",":
        return False
    if s.pos[c] == "VERB" and s.tags[c] in ("VBG", "VBN") and s.deps[c] != "relcl" and \
            s.words[c].lower() != "including":
        return True
    if s.deps[c] == "relcl" and any(s.words[k].lower() == "which" and k < c for k in kids[c]):
        return True
    return s.deps[c] == "prep" and s.words[c].lower() in LIKENESS_PREPS


def speaker_span(text: str, s: Sentence, subj: int, v: int, kids) -> Span:
    """The speaker as an annotator marks it: the whole noun phrase with its
    appositions, relative clauses and conjuncts ("Ronald R. Fieldstone, a
    Miami lawyer who has been involved..."), not an aside on what they were
    doing ("Trump, speaking to veterans, said"); a relative pronoun stands
    for the noun it hangs on."""
    if s.words[subj].lower() in RELATIVE and s.deps[v] == "relcl":
        lo = hi = subj  # "who", as annotators mark it (the actor is resolved from the noun it hangs on)
    else:
        toks = set(subtree(s, subj, kids, lambda c: s.deps[c] in ("advcl", "parataxis") or c >= v > subj or (
            is_speaker_aside(s, c, kids)) or (s.deps[c] == "npadvmod" and s.heads[c] == subj and c > subj)))
        lo = hi = subj  # the words around the subject, up to an aside left out
        while lo - 1 in toks:
            lo -= 1
        while hi + 1 in toks:
            hi += 1
    dash = max((i for i in range(max(lo, 1), subj) if s.words[i] in DASHES
                and s.offsets[i + 1] > token_end(s, i) and s.offsets[i] > token_end(s, i - 1)), default=None)
    if dash is not None:
        lo = dash + 1  # "... predictable - Donald J. Trump said": after the dash
    while lo < subj and (s.pos[lo] == "PUNCT" or s.deps[lo] in ("preconj", "cc") or (
            s.deps[lo] == "advmod" and s.pos[lo] == "ADV")):
        lo += 1  # "Even China", "Both Mr. King and Mr. Schultz"
    while hi > subj and s.pos[hi] == "PUNCT" and s.words[hi] not in (")",):
        hi -= 1
    a, b = s.offsets[lo], token_end(s, hi)
    nl = text.rfind("\n", a, min(b, s.offsets[v]))  # "7 p.m.\n\nDonald Trump says"
    if nl >= 0:
        a = nl + 1
    dateline = DATELINE.match(text, a, b)  # "BRUSSELS - European leaders said"
    if dateline:
        a = dateline.end()
    sp = trimmed_span(text, a, b)
    # an apposition closes with a comma before the verb: "Brian Fallon, the campaign's press secretary, said"
    if subj < v and "," in sp.text and text[sp.end:sp.end + 1] == "," and hi + 1 < v:
        sp = Span(text[sp.start:sp.end + 1], sp.start, sp.end + 1)
    return with_bracket_closed(text, sp)


def speaker_and_actor(art: ArticleContext, c: SentenceContext, subj: int | None,
                      v: int) -> tuple[Span | None, Actor | None]:
    """The speaker's span and actor: "he"/"she" the last person named, a
    relative pronoun the noun its clause hangs on ("who said")."""
    if subj is None:
        return None, None
    s = c.s
    speaker = speaker_span(art.text, s, subj, v, c.kids)
    if subj < v:
        speaker = speaker_after_quote(art, s, speaker)
    if s.words[subj].lower() in SPEAKER_PRONOUNS:
        word, off = s.words[subj], s.offsets[subj]
        return speaker, art.people.pronoun(s, subj) or Actor(text=word, start=off, end=off + len(word), code="")
    ref = s.heads[v] if s.words[subj].lower() in RELATIVE and s.deps[v] == "relcl" else subj
    acts = actors_for(s, ref, c.kids, c.mentions, uncoded=True, people=art.people)
    return speaker, acts[0] if acts else None


def speaker_after_quote(art: ArticleContext, s: Sentence, speaker: Span) -> Span:
    """A speaker named between a quotation and the cue is all the words
    there, whatever the parser made of them ("“...,” Tulsa police Chief
    Chuck Jordan said")."""
    text = art.text
    k = bisect_left(art.starts, speaker.start) - 1
    if k < 0:
        return speaker
    b = art.long_quotes[k][1]
    gap = text[b:speaker.start]
    if s.start < b < speaker.start and 0 < len(gap.split()) <= 4 and \
            re.fullmatch(r" [A-Z][\w.’'-]*(?: [\w.’'-]+)* ", gap) and re.search(r"[,?!]", text[b - 3:b]):
        return Span(text[b + 1:speaker.end], b + 1, speaker.end)
    return speaker
