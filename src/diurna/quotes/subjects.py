"""Subjects: which token is the speaker of a cue verb.

The verb's own subject nearest to it and outside the quotation; for a
passive the agent ("by X"), or no one; for a verb without a subject, the
subject of the verb above it (:func:`subject_from_above`: "avoids
condemning", "was able to tout", "began by saying"; never one inside a
quotation), the object of "forced X to admit", the one who sent a message
or document a participle hangs on ("a statement announcing ..."), the name
right before a verb the parser left without a subject (:func:`stray_subject`).
A verb the parser joined to a reported clause goes with the verb that
reports it ("said he would order X and warned against Y").
"""

from __future__ import annotations

from ..lexicon.quotes import DOCUMENTS, FINDERS, MESSAGE_NOUNS, PEOPLE_NOUNS, PERSON_SUFFIXES, SETTING_NOUNS, \
    THING_RELATIVES
from ..lexicon.reporting import SAYING
from ..records import Sentence
from .context import ArticleContext, SentenceContext
from .cues import cue_extent, cue_lemma, is_cue

# links a verb without a subject of its own shares the subject of the verb above
SHARE_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "acomp", "ccomp"})


def verb_subject(art: ArticleContext, c: SentenceContext, v: int) -> tuple[int | None, bool, int | None] | None:
    """(subject token, whether it is another verb's, start of the cue when it
    begins at that verb) of cue verb ``v``; None when ``v`` is part of what
    another cue reports ("urged them to consider")."""
    s, kids = c.s, c.kids
    # the subject nearest the verb and outside the quotation ("“... it will ...,” said James Acton")
    subj = min((k for k in kids[v] if s.deps[k] in ("nsubj", "nsubjpass") and not art.quoted(s.offsets[k])),
               key=lambda k: abs(k - v), default=None)
    if subj is not None:
        return own_subject(s, v, subj, kids)
    if s.tags[v] == "VBN" and s.deps[v] == "advcl":
        return None, False, None  # "Asked about X, Clinton said": she was asked; the asker is not named
    return subject_from_above(art, c, v)


def own_subject(s: Sentence, v: int, subj: int, kids) -> tuple[int | None, bool, None]:
    """The speaker of verb ``v`` with subject ``subj``: the agent of a
    passive, the sender of a message "that says", else the subject."""
    if s.deps[subj] == "nsubjpass":
        # "is considered", "were rated": the speaker is the agent ("by X"), if named, else no one
        return next((k for a in kids[v] if s.deps[a] == "agent" for k in kids[a] if s.deps[k] == "pobj"), None), \
            False, None
    h = s.heads[v]
    if s.deps[v] == "relcl" and s.words[subj].lower() in THING_RELATIVES and s.deps[h] in (
            "dobj", "obj") and s.lemmas[h].lower() in MESSAGE_NOUNS | DOCUMENTS:
        # "released a letter from his doctor that says ...": the one who released it
        g = next((k for k in kids[s.heads[h]] if s.deps[k] == "nsubj"), None)
        if g is not None and s.pos[s.heads[h]] == "VERB":
            return g, True, None
    return subj, False, None


def subject_from_above(art: ArticleContext, c: SentenceContext, v: int) -> tuple[int | None, bool, int | None] | None:
    """The speaker of a cue verb without a subject of its own, from the
    words it hangs on (as :func:`verb_subject`)."""
    s, kids = c.s, c.kids
    h, dep = reporting_head(s, v), s.deps[v]
    subj, inherited, cue_lo = None, False, None
    if h != v and dep in ("xcomp", "advcl", "conj") and s.pos[h] in ("VERB", "AUX") and not art.quoted(s.offsets[h]):
        if dep == "xcomp" and is_cue(s, h):
            return None  # "urged them to consider": part of what the other verb reports
        inherited = True
        subj, cue_lo = subject_of_head(art, c, v, h)
    elif dep == "acl" and s.tags[v] == "VBG":
        # "unleashed a series of tweets saying ...": the one who sent them; else what it hangs on
        # ("a statement announcing the pick", "softer language calling for ...")
        g = s.heads[h]
        if s.pos[g] in ("VERB", "AUX") and s.deps[h] in ("dobj", "obj"):
            subj = next((k for k in kids[g] if s.deps[k] == "nsubj"), None)
        if subj is None and s.lemmas[h].lower() in SETTING_NOUNS | FINDERS | DOCUMENTS:
            return h, True, None
        if subj is None and s.deps[h] == "ROOT" and s.tags[h] == "NNS":
            # "Trump avoids condemning X": a verb the small model took for a plural noun, its subject a name
            subj = next((k for k in kids[h] if k < h and s.deps[k] == "compound" and s.words[k][:1].isupper()), None)
    elif dep == "pcomp":
        # "is steering clear of criticizing X", "by announcing": the subject of the verb above
        g = s.heads[h]
        if s.deps[h] == "prep" and s.pos[g] in ("VERB", "AUX"):
            subj = next((k for k in kids[g] if s.deps[k] == "nsubj"), None)
    if subj is None:
        # "Trump avoids condemning X", "was able to tout", "began by saying": the subject higher up
        subj = upper_subject(s, v, kids, art.quoted)
        inherited = inherited or subj is not None
    if subj is None:
        subj = stray_subject(s, v if not inherited else h)
    return subj, inherited, cue_lo


def reporting_head(s: Sentence, v: int) -> int:
    """The head of verb ``v``; for a verb of saying the parser joined to a
    reported clause, the verb that reports the clause."""
    h = s.heads[v]
    if s.deps[v] == "conj" and s.tags[v] in ("VBD", "VBZ") and s.deps[h] == "ccomp" and (s.tags[h] == "VB" or (
            cue_lemma(s, v) in SAYING and s.tags[v] == s.tags[s.heads[h]] and is_cue(s, s.heads[h]))):
        # "Trump said he would order X and warned against Y", "China said it was opposed to the test and
        # warned North Korea ...": the parser joined "warned" to the reported clause, whose tense it does
        # not share or which reports nothing itself; it goes with the verb that reports them
        h = s.heads[h]
    return h


def subject_of_head(art: ArticleContext, c: SentenceContext, v: int, h: int) -> tuple[int | None, int | None]:
    """(speaker, start of the cue when it begins at ``h``) of verb ``v``
    joined to verb ``h`` as a complement, adverbial clause or conjunct: the
    subject of ``h``, or the one ``h`` makes say it ("forced Stumpf to
    admit")."""
    s, kids, dep = c.s, c.kids, c.s.deps[v]
    cue_lo = None
    subj = next((k for k in kids[h] if s.deps[k] == "nsubj" or (
        # "was forced to admit", "can be heard yelling": the one the passive is about
        dep == "xcomp" and s.deps[k] == "nsubjpass")), None)
    obj = next((k for k in kids[h] if s.deps[k] in ("dobj", "obj") and k < v), None)
    if dep == "xcomp" and obj is not None and s.tags[v] == "VBG" and s.pos[obj] == "NOUN":
        # "uses footage of Hillary Clinton asking, “...”": the one shown saying it
        obj = next((k for p in kids[obj] if p > obj and s.words[p].lower() == "of" for k in kids[p]
                    if s.deps[k] == "pobj" and s.pos[k] == "PROPN"), obj)
    if dep == "xcomp" and obj is not None and (s.pos[obj] in ("PROPN", "PRON") or s.pos[obj] == "NOUN" and (
            s.lemmas[obj].lower() in PEOPLE_NOUNS or s.lemmas[obj].lower().endswith(PERSON_SUFFIXES))):
        subj = obj  # "forced Stumpf to admit", "led the journalist to fear": the one made to
    elif dep == "xcomp" and subj is not None:  # "appeared to suggest": the cue starts at the head
        cue_lo = cue_extent(art.text, s, h, kids)[0]
    return subj, cue_lo


def stray_subject(s: Sentence, v: int) -> int | None:
    """The subject of a finite verb that the parser hung elsewhere: the
    name or noun right before it ("In a meeting with the board Trump said
    that ...", "When X, Obama and Clinton call them ..."), with the names
    it is coordinated with."""
    if s.tags[v] not in ("VBD", "VBZ", "VBP") or v == 0 or s.pos[v - 1] not in ("PROPN", "NOUN") or \
            s.deps[v - 1] not in ("pobj", "conj", "dobj", "appos", "dep", "npadvmod"):
        return None
    t = v - 1
    while s.deps[t] == "conj" and s.heads[t] < t and s.pos[s.heads[t]] == "PROPN":
        t = s.heads[t]
    return t


def upper_subject(s: Sentence, v: int, kids, quoted=lambda off: False, steps: int = 5) -> int | None:
    """The subject of the nearest verb or adjective above ``v`` through
    complements, conjuncts and prepositions ("Trump avoids condemning X",
    "he won't be able to brag about Y", "began by saying"); a verb inside a
    quotation the parser joined it to is passed over ("“...,” Sanders said,
    suggesting ...")."""
    x = v
    for _ in range(steps):
        if s.deps[x] not in SHARE_SUBJECT or s.heads[x] == x:
            return None
        x = s.heads[x]
        subj = next((c for c in kids[x] if s.deps[c] == "nsubj" and not quoted(s.offsets[c])), None)
        if subj is not None and not quoted(s.offsets[x]):
            return subj
    return None
