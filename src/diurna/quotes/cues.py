"""Cues and their verbs: which token cues an attribution, and the cue's words.

A verb cues one when its lemma is a verb of saying
(:data:`diurna.lexicon.reporting.SAYING`), of stance
(:data:`~diurna.lexicon.quotes.STANCE`) or a learned cue
(:mod:`.learned`); the lemma is mended first for the cue verbs the small
model lemmatises wrongly (:func:`cue_lemma`).  Any verb with a subject and a
"that" clause states it too (:func:`states_that_clause`), unless the clause
is a fact or a goal (:data:`~diurna.lexicon.quotes.NOT_STATED`).  The cue's
words are the verb with its auxiliaries, adverbs and particles and the
prepositions that belong to it (:func:`cue_extent`: "has also said",
"pointed out", "called for").
"""

from __future__ import annotations

from functools import lru_cache

from ..lexicon.quotes import (
    CLAUSE_ONLY, CUE_ABOUT, CUE_PREPS, FELT_BY_OBJECT, INFLECTIONS, NOT_STATED, REPORTING_PREP, STANCE, STANCE_PREPS,
)
from ..lexicon.reporting import SAYING
from ..records import Sentence
from .learned import learned_cues
from .spans import token_end


def cue_lemma(s: Sentence, v: int) -> str:
    """The lemma of token ``v``, mended for the cue verbs the small model
    lemmatises wrongly ("hopes" -> "hop", "rated" -> "rat", "retweeted" ->
    "retweete"): when its lemma is no cue word, a cue word the inflected
    form comes from by a regular suffix ("-s", "-es", "-d", "-ed", "-ing").
    Mended here rather than in :mod:`diurna.nlp`, whose lemmas the other
    stages store and read as the model gives them."""
    return mended_lemma(s.words[v].lower(), s.lemmas[v].lower())


@lru_cache(maxsize=20000)
def mended_lemma(w: str, lem: str) -> str:
    """Lemma ``lem`` of word ``w``, or the cue word ``w`` inflects by a regular suffix when ``lem`` is none."""
    known = cue_lemmas()
    if lem in known:
        return lem
    for suffix, repl in INFLECTIONS:
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[:-len(suffix)] + repl in known:
            return w[:-len(suffix)] + repl
    return lem


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset:
    """Every lemma of a cue verb: of saying, of stance, felt by the object, learned."""
    return SAYING | STANCE | FELT_BY_OBJECT | learned_cues()[0]


def is_cue(s: Sentence, v: int) -> bool:
    """Whether token ``v`` is a verb of saying, of stance or a learned cue."""
    low = cue_lemma(s, v)
    return s.pos[v] in ("VERB", "AUX") and (low in SAYING or low in STANCE or low in learned_cues()[0])


def reports_clause_only(lemma: str) -> bool:
    """Whether a verb is an attribution only with a clause ("knows that ...", not "knows the area")."""
    return lemma in CLAUSE_ONLY or (lemma in learned_cues()[1] and lemma not in SAYING and lemma not in STANCE)


def states_that_clause(s: Sentence, v: int, kids) -> bool:
    """Any verb with a subject and a clause opening with "that" ("made
    clear that", "conceded privately that"): a statement or belief, whatever
    the verb."""
    if s.pos[v] != "VERB" or cue_lemma(s, v) in NOT_STATED or not any(s.deps[c] == "nsubj" for c in kids[v]):
        return False
    return any(s.deps[c] == "ccomp" and c > v and any(
        s.deps[k] == "mark" and s.words[k].lower() == "that" and k < c for k in kids[c]) for c in kids[v])


def cue_extent(text: str, s: Sentence, v: int, kids) -> tuple[int, int, int]:
    """(start, end, last token) of the cue: auxiliaries, negation and adverbs
    before the verb, particles ("pointed out") and the prepositions of
    "called for" / "called on" / "pointed to" after it, a colon that follows."""
    pre = {c for c in kids[v] if c < v and (s.deps[c] in ("aux", "auxpass", "neg") or (
        s.deps[c] == "advmod" and s.pos[c] == "ADV"))}
    lo = v
    while lo - 1 in pre or (lo - 1 >= 0 and s.deps[lo - 1] == "advmod" and s.heads[lo - 1] in pre):
        lo -= 1  # "has also said", "did not immediately respond": only words next to the verb
    last = v
    # a verb of stance with no object takes its preposition into the cue ("apologized for", "railed against")
    low = cue_lemma(s, v)
    bare = STANCE_PREPS if (low in STANCE or low in REPORTING_PREP) and not any(
        s.deps[c] in ("dobj", "obj", "ccomp", "xcomp") for c in kids[v]) else frozenset()
    for c in sorted(kids[v]):
        if c == last + 1 and (s.deps[c] == "prt" or (s.deps[c] == "prep" and s.words[c].lower() in CUE_PREPS.get(
                s.lemmas[v].lower(), frozenset()) | CUE_ABOUT | bare)):
            last = c
    hi = token_end(s, last)
    if last + 1 < len(s.words) and s.words[last + 1] == ":":
        hi = token_end(s, last + 1)
    return s.offsets[lo], hi, last


def is_as_put_it(s: Sentence, v: int, kids) -> bool:
    """"as X put it"."""
    return cue_lemma(s, v) == "put" and v + 1 < len(s.words) and s.words[v + 1].lower() == "it" and any(
        s.words[c].lower() == "as" and s.deps[c] == "mark" for c in kids[v])
