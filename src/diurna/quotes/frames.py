"""Frames cued by what surrounds a verb or by a noun, not by a verb of saying.

* the object holds the stance, the subject is what it is about: "That
  worries environmentalists" (:func:`felt_by_object`);
* a verb whose object is a message: "unleashed a flurry of tweets shaming
  X" (:func:`message_quote`);
* a stance stated with "be": "has been critical of X", "was sure ...", "a
  staunch opponent of X" (:func:`copula_stance`);
* a noun of saying with an owner: "Trump's claim that ...", "his criticism
  of X", "its plan to ..." (:func:`noun_of_saying`), also when the small
  model read the verb as a plural noun ("Trump claims that ...").
"""

from __future__ import annotations

from ..actors import actors_for
from ..lexicon.quotes import (
    EMPTY, INTENT_NOUNS, MESSAGE_GROUPS, MESSAGE_NOUNS, NO_ONE, PEOPLE_NOUNS, PERSON_SUFFIXES, POINTING_DETERMINERS,
    STANCE_ADJ, STANCE_ADJ_PREPS, STANCE_HOLDERS, STANCE_NOUNS, TOPIC_PREPS,
)
from ..records import Quote, Sentence, Span
from .clauses import clause_tokens, trim_clause
from .cues import cue_extent
from .phrases import is_setting, reported_by_participle
from .spans import is_infinitive, opens_with_that, subtree, token_end, trimmed_span
from .speakers import speaker_span


def felt_by_object(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"That worries environmentalists", "the move angered Democrats": the
    object is who holds the stance, the subject what it is about (not "X
    encouraged voters to ...", "it concerns the budget")."""
    subj = next((c for c in kids[v] if s.deps[c] == "nsubj"), None)
    obj = next((c for c in kids[v] if s.deps[c] in ("dobj", "obj") and c > v), None)
    if subj is None or obj is None or s.pos[v] != "VERB" or s.tags[v] == "VBG" or s.pos[obj] not in (
            "NOUN", "PROPN", "PRON") or s.lemmas[obj].lower() in NO_ONE or any(
            s.deps[c] in ("xcomp", "ccomp", "advcl", "oprd") for c in kids[v] if c > obj):
        return None
    if s.pos[obj] == "NOUN" and not (s.lemmas[obj].lower() in PEOPLE_NOUNS or s.lemmas[obj].lower().endswith(
            PERSON_SUFFIXES) or actors_for(s, obj, kids, mentions, people=people)):
        return None  # "concerns the budget": not people
    cue_lo, cue_hi, _ = cue_extent(text, s, v, kids)
    toks = subtree(s, obj, kids)
    speaker = trimmed_span(text, s.offsets[min(toks)], token_end(s, max(toks)))
    toks = subtree(s, subj, kids)
    lo, hi = trim_clause(s, min(toks), max(toks))
    acts = actors_for(s, obj, kids, mentions, uncoded=True, people=people)
    return Quote(speaker, Span(text[cue_lo:cue_hi], cue_lo, cue_hi),
                 trimmed_span(text, s.offsets[lo], token_end(s, hi)), False, s.index, acts[0] if acts else None)


def message_quote(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"Trump unleashed a flurry of tweets shaming X", "sent a letter
    opposing Y": any verb whose object is a message names what its subject
    said (the object is the content)."""
    if s.pos[v] != "VERB":
        return None
    def message(c):  # "a statement", "a flurry of tweets"
        if s.lemmas[c].lower() in MESSAGE_NOUNS:
            return True
        return s.lemmas[c].lower() in MESSAGE_GROUPS and any(
            s.lemmas[k].lower() in MESSAGE_NOUNS for p in kids[c] if s.words[p].lower() == "of" for k in kids[p])
    obj = next((c for c in kids[v] if s.deps[c] in ("dobj", "obj") and message(c)), None)
    subj = next((c for c in kids[v] if s.deps[c] == "nsubj"), None)
    if obj is None or subj is None:
        return None
    if reported_by_participle(s, obj, kids):
        return None  # "sent a letter calling the test a violation": the participle's report, theirs
    if all(s.deps[k] == "det" and s.words[k].lower() in POINTING_DETERMINERS for k in kids[obj]) \
            and kids[obj]:
        return None  # "made the comments", "made this statement": a message said elsewhere
    cue_lo, cue_hi, _ = cue_extent(text, s, v, kids)
    toks = subtree(s, obj, kids)
    lo, hi = trim_clause(s, min(toks), max(toks))
    acts = actors_for(s, subj, kids, mentions, uncoded=True, people=people)
    return Quote(speaker_span(text, s, subj, v, kids), Span(text[cue_lo:cue_hi], cue_lo, cue_hi),
                 trimmed_span(text, s.offsets[lo], token_end(s, hi)), False, s.index, acts[0] if acts else None)


def copula_stance(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"Graham has been critical of Trump", "she was sure Trump would win",
    "who is a staunch opponent of the death penalty": a stance stated with
    "be" and an adjective or a noun of holders; the cue runs from the verb
    to the preposition, the content is what it governs (or the clause)."""
    if s.lemmas[v].lower() != "be":
        return None
    pred = next((c for c in kids[v] if c > v and (
        (s.deps[c] == "acomp" and s.lemmas[c].lower() in STANCE_ADJ) or
        (s.deps[c] == "attr" and s.lemmas[c].lower() in STANCE_HOLDERS))), None)
    subj = next((c for c in kids[v] if s.deps[c] == "nsubj"), None)
    if pred is None or subj is None:
        return None
    prep = next((c for c in kids[pred] if c > pred and s.deps[c] == "prep" and s.words[c].lower() in STANCE_ADJ_PREPS),
                None)
    comp = next((k for k in kids[prep] if s.deps[k] in ("pobj", "pcomp")), None) if prep is not None else None
    last = prep
    if comp is None:  # "was sure Trump would win", "is determined to warn his supporters"
        comp = next((c for c in kids[pred] if c > pred and (s.deps[c] == "ccomp" or (
            s.deps[c] == "xcomp" and is_infinitive(s, c, kids)))), None)
        last = pred
    if comp is None:
        return None
    cue_lo = cue_extent(text, s, v, kids)[0]
    lo, hi = trim_clause(s, *clause_tokens(s, comp, kids))
    if lo == hi and s.words[lo].lower() in EMPTY:
        return None
    acts = actors_for(s, subj, kids, mentions, uncoded=True, people=people)
    return Quote(speaker_span(text, s, subj, v, kids),
                 Span(text[cue_lo:token_end(s, last)], cue_lo, token_end(s, last)),
                 trimmed_span(text, s.offsets[lo], token_end(s, hi)), False, s.index, acts[0] if acts else None)


def noun_of_saying(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"Trump's claim that there have been thousands of shootings": a noun
    of saying or believing with a that-clause, its owner the speaker."""
    poss = next((c for c in kids[v] if s.deps[c] == "poss"), None)
    comp = next((c for c in kids[v] if c > v and s.deps[c] in ("acl", "ccomp", "appos")
                 and opens_with_that(s, c, kids)), None)
    if comp is None and s.lemmas[v].lower() in INTENT_NOUNS:
        # "Clinton's plan to raise taxes", "his refusal to release his returns": the infinitive
        comp = next((c for c in kids[v] if c > v and s.deps[c] in ("acl", "xcomp") and is_infinitive(s, c, kids)),
                    None)
    if poss is None and comp is not None and s.deps[v] == "ROOT" and s.tags[v] == "NNS":
        # "Trump claims that ...", "The campaign plans to ...": a verb the small model took for a plural noun
        poss = next((c for c in kids[v] if c < v and s.deps[c] == "compound" and s.pos[c] in ("PROPN", "NOUN")), None)
    cue_end = v
    if comp is None and s.lemmas[v].lower() in STANCE_NOUNS:
        # "his criticism of the deal", "Clinton's support for the bill"
        prep = next((c for c in kids[v] if c == v + 1 and s.deps[c] == "prep"
                     and s.words[c].lower() in TOPIC_PREPS), None)
        comp = next((c for c in kids[prep] if s.deps[c] in ("pobj", "pcomp")), None) if prep is not None else None
        if comp is not None and is_setting(s, prep, kids):
            comp = None  # "his remarks on Saturday": when, not what about
        cue_end = prep if comp is not None else v
    if poss is None or comp is None:
        return None
    toks = subtree(s, poss, kids)
    speaker = trimmed_span(text, s.offsets[min(toks)], token_end(s, max(toks)))
    lo, hi = clause_tokens(s, comp, kids)
    if cue_end != v:
        lo = min(subtree(s, comp, kids))
    acts = actors_for(s, poss, kids, mentions, uncoded=True, people=people)
    return Quote(speaker, Span(text[s.offsets[v]:token_end(s, cue_end)], s.offsets[v], token_end(s, cue_end)),
                 trimmed_span(text, s.offsets[lo], token_end(s, hi)), False, s.index, acts[0] if acts else None)
