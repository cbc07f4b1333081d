"""The tense of the clause around an expression, and the direction a date
without a year or a weekday is resolved in.

With a parse (:class:`~diurna.records.Sentence`): the verb governing the
expression, its auxiliaries and the verbs above it (:func:`tense_at`), and
the cues beyond tense that the finder reads for a date's direction
(:func:`direction_cue`, :func:`infinitive_looks_back`,
:func:`under_noun`).  Without one: the words around the expression
(:func:`lexical_tense`).
"""

from __future__ import annotations

import re

from ...lexicon.time import AHEAD_HEADS, FUTURE_AUX, PERFECT_AUX, PRESENT_BE, SCHEDULING_VERBS
from ...records import Sentence
from ...syntax import children
from .fragments import I

PRESENT_AS = None  # present tense + weekday/date: the nearest one (TimeBank prefers this to "future")

_PAST_WORDS = re.compile(r"\b(said|told|was|were|had|did|announced|added|met|held|began|signed|agreed|"
                         r"called|came|went|took|killed|vetoed|rejected|\w+ed)\b", I)
_FUTURE_WORDS = re.compile(r"\b(will|'ll|shall|going to|is to|are to|plans? to|expected to|scheduled|"
                           r"due to|set to|next|upcoming|would)\b", I)


def tense_at(sent: Sentence, start: int) -> str | None:
    """Tense of the clause governing the token at character ``start``."""
    tok = None
    for i, off in enumerate(sent.offsets):
        if off <= start:
            tok = i
        else:
            break
    if tok is None:
        return None
    kids = children(sent)
    t, steps = tok, 0
    while steps < 8:
        if sent.pos[t] in ("VERB", "AUX") and sent.deps[t] not in ("aux", "auxpass"):
            tense = verb_tense(sent, t, kids)
            if tense == "future" and sent.tags[t] == "VB" and sent.heads[t] != t:
                # "had been due to expire Friday": an infinitive under a pluperfect looks back
                above = sent.heads[t]
                while sent.pos[above] not in ("VERB", "AUX") and sent.heads[above] != above:
                    above = sent.heads[above]
                if any(sent.deps[c] in ("aux", "auxpass") and sent.words[c].lower() == "had" for c in kids[above]):
                    return "past"
            if tense is not None:
                return tense
        h = sent.heads[t]
        if h == t:
            break
        t, steps = h, steps + 1
    return None


def under_noun(sent: Sentence, start: int, end: int) -> bool:
    """Whether the expression at ``start:end`` hangs from a noun before any
    verb ("a cutback in September", "November transactions")."""
    toks = [i for i, off in enumerate(sent.offsets) if start <= off < end]
    if not toks:
        return False
    t, steps = toks[-1], 0
    while steps < 6:
        h = sent.heads[t]
        if h == t:
            return False
        t, steps = h, steps + 1
        if start <= sent.offsets[t] < end:
            continue
        if sent.pos[t] in ("VERB", "AUX"):
            return False
        if sent.pos[t] in ("NOUN", "PROPN"):
            return True
    return False


def _governing_verb(sent: Sentence, start: int) -> int | None:
    """The first verb (not an auxiliary) above the token at ``start``."""
    toks = [i for i, off in enumerate(sent.offsets) if off <= start]
    if not toks:
        return None
    t, steps = toks[-1], 0
    while steps < 8 and not (sent.pos[t] in ("VERB", "AUX") and sent.deps[t] not in ("aux", "auxpass")):
        if sent.heads[t] == t:
            return None
        t, steps = sent.heads[t], steps + 1
    return t if sent.pos[t] in ("VERB", "AUX") else None


def direction_cue(sent: Sentence, start: int) -> str | None:
    """Direction that the verb of a date says beyond its tense (the clause
    tense that pubdate reads stays as ``tense_at`` gives it): "said it would
    resume talks Monday" looks ahead; "after retreating on Thursday" back."""
    v = _governing_verb(sent, start)
    kids = children(sent)
    steps = 0
    while v is not None and steps < 8:
        if sent.pos[v] in ("VERB", "AUX") and sent.deps[v] not in ("aux", "auxpass"):
            if any(sent.deps[c] == "aux" and sent.words[c].lower() == "would" for c in kids[v]):
                return "future"
            if verb_tense(sent, v, kids) is not None:
                return None  # the clause tense decides
            if sent.tags[v] in ("VBG", "VBN") and sent.words[sent.heads[v]].lower() in ("after", "since"):
                return "past"
        if sent.heads[v] == v:
            return None
        v, steps = sent.heads[v], steps + 1
    return None


def infinitive_looks_back(sent: Sentence, start: int) -> bool:
    """Whether the expression at ``start`` hangs from an infinitive whose verb
    is past and does not look ahead: "continued to pound Homs on Wednesday",
    "allowed the council to pass it on Saturday" happened then ("is expected
    to meet Friday", "agreed to meet Friday" did not).  Only the direction of
    a date reads this; the clause tense stays "future"."""
    t = _governing_verb(sent, start)
    if t is None or sent.tags[t] != "VB" or sent.deps[t] not in ("xcomp", "advcl", "ccomp") or not any(sent.heads[c] == t and c != t and sent.deps[c] == "aux" and sent.words[c].lower() == "to"
                                       for c in range(len(sent.words))):
        return False
    above = sent.heads[t]
    return above != t and sent.pos[above] in ("VERB", "AUX") and sent.lemmas[above].lower() not in AHEAD_HEADS \
        and tense_at(sent, sent.offsets[above]) == "past"


def verb_tense(sent: Sentence, v: int, kids) -> str | None:
    """The tense of verb ``v`` from its tag and its auxiliaries."""
    aux = [c for c in kids[v] if sent.deps[c] in ("aux", "auxpass")]
    words = {sent.words[c].lower() for c in aux}
    tags = {sent.tags[c] for c in aux}
    if words & FUTURE_AUX or "going" in words:
        return "future"
    if aux and sent.tags[v] == "VBN" and sent.lemmas[v] in SCHEDULING_VERBS:
        return "future"  # "the vote is expected Wednesday", "was scheduled for Nov. 6"
    if sent.tags[v] == "VB" and "to" in words:
        # infinitive: what is to happen ("set to expire Nov. 6", "ready to veto")
        return "future"
    if words & PERFECT_AUX or sent.tags[v] == "VBD" or "VBD" in tags:
        return "past"
    if sent.tags[v] in ("VBZ", "VBP") or tags & {"VBZ", "VBP"}:
        return "present"
    if sent.tags[v] == "VBG" and words & PRESENT_BE:
        return "present"
    if sent.tags[v] == "VBN" and not aux and sent.deps[v] in ("acl", "relcl"):
        return "past"  # participle modifier: "the agreement, announced Friday"
    if sent.tags[v] == "MD":
        return "future"
    return None


def lexical_tense(text: str, start: int, end: int) -> str | None:
    """The tense the words around ``start:end`` suggest, in its sentence (no parse)."""
    lo = text.rfind(".", 0, start)
    window = text[max(lo + 1, start - 80):start] + " " + text[end:end + 40]
    if _FUTURE_WORDS.search(window):
        return "future"
    if _PAST_WORDS.search(window):
        return "past"
    return None


def direction_of(tense: str | None) -> str | None:
    """The direction of a clause's tense: present tense with a weekday or a
    date is news' scheduled future (:data:`PRESENT_AS`)."""
    return PRESENT_AS if tense == "present" else tense
