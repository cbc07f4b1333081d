"""Walking a parsed sentence: the helpers every stage after ``nlp`` uses.

A :class:`~diurna.records.Sentence` keeps its dependency parse as flat
arrays (``heads``, ``deps``); these functions read phrases off it: the
dependents of each token (:func:`children`), the noun phrase of a head
(:func:`noun_phrase`), the span an annotator would mark for an argument
(:func:`full_phrase`), coordinated heads (:func:`conjuncts`).  They sit
below time, actors, events, quotes and places, which all call them; the
words they test (prepositions) live in :mod:`diurna.lexicon.actors`.
"""

from __future__ import annotations

from .lexicon.actors import ARGUMENT_PREPS, NP_PREPS, PLACE_PREPS
from .records import Sentence

__all__ = ["ARGUMENT_PREPS", "PLACE_PREPS", "children", "conjuncts", "full_phrase", "noun_phrase"]

# dependents that belong to the noun phrase of a head noun
NP_DEPS = frozenset({"compound", "amod", "nmod", "poss", "det", "case", "appos", "flat", "nummod",
                     "npadvmod", "quantmod"})


def children(sent: Sentence) -> list[list[int]]:
    """The dependents of each token (by index), in sentence order."""
    kids: list[list[int]] = [[] for _ in sent.words]
    for i, h in enumerate(sent.heads):
        if h != i:
            kids[h].append(i)
    return kids


def noun_phrase(sent: Sentence, head: int, kids: list[list[int]]) -> list[int]:
    """Token indices of the noun phrase headed by ``head`` (no conjuncts,
    relative clauses or other prepositional phrases)."""
    def follow(t: int):
        for c in kids[t]:
            d = sent.deps[c]
            if d in NP_DEPS:
                yield c
            elif d == "prep" and sent.words[c].lower() in NP_PREPS:
                yield from (k for k in kids[c] if sent.deps[k] == "pobj")

    return sorted(_reach(head, follow))


def _reach(head: int, follow) -> list[int]:
    """``head`` and every token reached from it through ``follow(token)``
    (the tokens a phrase takes in from one of its own)."""
    out, stack = [], [head]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(follow(t))
    return out


# clauses inside a noun phrase are not part of the actor's span
PHRASE_STOP = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis"})


_OPEN, _CLOSE = frozenset("([{"), frozenset(")]}")


def full_phrase(sent: Sentence, head: int, kids: list[list[int]],
                preps: frozenset[str] | None = None) -> tuple[int, int]:
    """First and last token of the phrase under ``head`` (modifiers,
    prepositional phrases, appositions; not its conjuncts or the clauses in
    it), trimmed of edge punctuation: the span an annotator would mark.

    With ``preps``, only prepositional phrases headed by one of those words
    are kept (the extent of an event argument, see :data:`ARGUMENT_PREPS`).
    A closing bracket stays when the span opens it ("the Nigerian Air Force
    (NAF)")."""
    def follow(t: int):
        for c in kids[t]:
            d = sent.deps[c]
            if d in PHRASE_STOP or (t == head and d in ("conj", "cc", "preconj")):
                continue
            if preps is not None and d == "prep" and (sent.words[c].lower() not in preps or (
                    sent.pos[t] == "PROPN" and sent.words[c].lower() in PLACE_PREPS)):
                continue  # a name needs no "in Washington": that is where the event is
            yield c

    out = _reach(head, follow)
    # the unbroken run of the phrase's tokens around the head: a clause the
    # parser hung between them ("Ayrault, who has accused Syria, ...,") is not in it
    inside = set(out)
    lo = hi = head
    while lo - 1 in inside:
        lo -= 1
    while hi + 1 in inside:
        hi += 1
    while lo < head and sent.pos[lo] == "PUNCT":
        lo += 1
    while hi > head and sent.pos[hi] == "PUNCT" and not (
            sent.words[hi] in _CLOSE and any(sent.words[k] in _OPEN for k in range(lo, hi))):
        hi -= 1
    if hi + 1 < len(sent.words) and sent.words[hi + 1] in _CLOSE and (
            sum(w in _OPEN for w in sent.words[lo:hi + 1]) > sum(w in _CLOSE for w in sent.words[lo:hi + 1])):
        hi += 1  # "the Central African Republic (CAR)": the bracket the span opens
    return lo, hi


def conjuncts(sent: Sentence, head: int, kids: list[list[int]]) -> list[int]:
    """``head`` and the heads coordinated with it ("Russia and China")."""
    return sorted(_reach(head, lambda t: (c for c in kids[t] if sent.deps[c] == "conj")))
