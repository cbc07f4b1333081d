"""Stated phrases: what a verb of stance states when it reports no clause.

From the verb's dependents on the right (:func:`stated_phrase`): its
object, object complement or infinitive ("called the charges
unsubstantiated", "wants to triple the program"), the object of a
preposition that belongs to the cue ("called for the repeal"), with the
adjuncts right after them up to a comma but not when or where it was said
(:func:`is_setting`); a verb of address says nothing by its hearer alone
("told reporters").  A noun of saying or of feeling stated is cut to what
it is about unless it has an owner ("expressed outrage over X": X, "cited
his criticism of X": all of it); a message whose participle reports it is
that participle's attribution (:func:`reported_by_participle`).  The
writer's words after a spaced dash close the phrase (:func:`is_writers_aside`).
"""

from __future__ import annotations

from ..lexicon.quotes import (
    ABOUT_NOUNS, ADDRESS_PREPS, ADDRESS_VERBS, COMPARISON_PREPS, CORE_PREPS, DASHES, DOCUMENTS, MESSAGE_NOUNS,
    OPENING_PREPS, PEOPLE_NOUNS, RESPONSE_PREPS, RESPONSE_VERBS, SAID_NOUNS, SETTING_NOUNS, SETTING_PREPS,
    THING_RELATIVES, TOPIC_PREPS, URGING_VERBS, VERB_OPENING_PREPS,
)
from ..lexicon.reporting import SAYING
from ..records import Sentence
from .cues import cue_lemma, is_cue
from .quotations import quote_left_open
from .spans import is_infinitive, opens_with_that, subtree, token_end

# dependents on the right of a stance verb that are part of what was stated
CORE = frozenset({"dobj", "obj", "xcomp", "ccomp", "oprd", "attr", "acomp", "pcomp"})

# dependents after what is stated that go with it, up to a comma ("gave some advice to Clinton")
ADJUNCTS = frozenset({"prep", "npadvmod", "dative"})


def is_setting(s: Sentence, c: int, kids) -> bool:
    """When or where something was said, not part of it: "on Thursday",
    "since the debate", "during his time on MSNBC", "in a statement"."""
    if s.words[c].lower() in SETTING_PREPS:
        return True
    obj = next((k for k in kids[c] if s.deps[k] == "pobj"), c)
    off = s.offsets[obj]
    return any(e.label in ("DATE", "TIME") and e.start <= off < e.end for e in s.entities) or \
        s.lemmas[obj].lower() in SETTING_NOUNS


def stated_phrase(s: Sentence, v: int, after: int, kids) -> tuple[int, int] | None:
    """What a stance verb states, from its dependents on the right: object,
    object complement, infinitive ("called the charges unsubstantiated",
    "blasted him for not paying taxes", "wants to triple the program");
    ``after`` is the last token of the cue."""
    core = stated_dependents(s, v, after, kids)
    if core is None:
        return None
    core = what_the_noun_is_about(s, v, core, kids)
    if core is None:
        return None
    return phrase_extent(s, v, core, kids)


def stated_dependents(s: Sentence, v: int, after: int, kids) -> list[int] | None:
    """The dependents of verb ``v`` that hold what it states, with the
    adjuncts that go with them; None when it states nothing."""
    # "responded to X", "responded with attacks", "responded by using ...": the response
    own = RESPONSE_PREPS if cue_lemma(s, v) in RESPONSE_VERBS else frozenset()
    core = [c for c in kids[v] if c > after and (
        s.deps[c] in CORE or (s.deps[c] == "prep" and s.words[c].lower() in CORE_PREPS | own))]
    if cue_lemma(s, v) in ADDRESS_VERBS:
        # "tells his supporters at a rally to “go to your place”": the infinitive, which the parser may
        # hang on the verb as an adverbial clause, is what they are told
        core += [c for c in kids[v] if c > after and s.deps[c] == "advcl" and is_infinitive(s, c, kids)]
    # "decline to appeal": an infinitive right after the verb that the parser took for an adverbial clause
    core += [c for c in kids[v] if s.deps[c] == "advcl" and c not in core and after + 1 < len(s.words) and s.words[
        after + 1].lower() == "to" and s.deps[after + 1] == "aux" and min(subtree(s, c, kids)) == after + 1]
    if after > v:  # "called for the repeal", "called on Trump to stop": what the cue's preposition governs
        core += [c for c in kids[after] if s.deps[c] in ("pobj", "pcomp")]
        core += [c for c in kids[v] if c > after and s.deps[c] in ("xcomp",) and c not in core]
    if not core or not any(s.deps[c] != "prep" or s.words[c].lower() in own | OPENING_PREPS for c in core):
        return None
    if after == v and s.lemmas[v].lower() in ADDRESS_VERBS and not any(
            s.deps[c] in ("xcomp", "ccomp", "oprd", "advcl") or (
            s.deps[c] == "prep" and s.words[c].lower() in ADDRESS_PREPS) or (
            # "urged restraint", "urges retaliation on Russia": what is urged, not who
            s.deps[c] == "dobj" and s.lemmas[v].lower() in URGING_VERBS and s.pos[c] == "NOUN"
            and s.lemmas[c].lower() not in PEOPLE_NOUNS) for c in core):
        return None  # "told reporters", "urged them" alone say nothing
    return with_adjuncts(s, v, core, kids)


def with_adjuncts(s: Sentence, v: int, core: list[int], kids) -> list[int]:
    """``core`` with what goes on it among the other dependents of ``v``:
    base forms continuing an infinitive, adjuncts up to a comma, a
    comparison; without a pronoun named beside what is stated."""
    if any(s.deps[c] == "xcomp" for c in core):
        # "wants to triple X, grow Y and create Z": base forms joined to the verb continue the infinitive
        core += [c for c in kids[v] if s.deps[c] == "conj" and s.tags[c] == "VB" and c > max(core)
                 and not any(s.deps[k] in ("nsubj", "nsubjpass") for k in kids[c])]
    # adjuncts right after what is stated, up to a comma, go with it ("outlined her proposals in a
    # speech Friday", "gave some advice to Clinton"): annotators mark the rest of the clause
    for c in sorted(kids[v]):
        if c > max(core) and s.deps[c] in ADJUNCTS and "," not in s.words[max(core):c] and not is_setting(s, c, kids):
            core.append(c)
        elif c > max(core) and s.deps[c] == "prep" and s.words[c].lower() in COMPARISON_PREPS:
            core.append(c)  # "rated 32% of claims as false, compared to 11% of ...": the comparison is stated too
    if len(core) > 1:
        # "called them “lone wolves”": the one named by a pronoun is not part of what is stated
        core = [c for c in core if not (s.deps[c] in ("dobj", "obj") and s.pos[c] == "PRON")] or core
    return core


def what_the_noun_is_about(s: Sentence, v: int, core: list[int], kids) -> list[int] | None:
    """``core``, or what its noun of saying or of feeling is about when it is
    one unowned object ("expressed deep concern about the policy": the
    policy); None when a participle of the noun reports it ("issued a
    statement calling the test a violation")."""
    noun = core[0] if len(core) == 1 and s.deps[core[0]] in ("dobj", "obj") else None
    # "expressed outrage over X" with "over" hung on the verb: the noun's preposition all the same
    loose = next((c for c in core if s.deps[c] == "prep" and len(core) == 2 and s.deps[core[0]] in ("dobj", "obj")
                  and c == max(subtree(s, core[0], kids)) + 1 and s.lemmas[core[0]].lower() in ABOUT_NOUNS), None)
    if loose is not None:
        noun = core[0]
    if noun is not None and reported_by_participle(s, noun, kids):
        return None  # the participle reports it
    if noun is None or s.lemmas[noun].lower() not in SAID_NOUNS | ABOUT_NOUNS:
        return core
    # "a strong condemnation of the test", "touted the virtues of X": what it is about; not when the noun has
    # an owner ("cited his criticism of X": all of it)
    owned = any(s.deps[k] == "poss" for k in kids[noun])
    about = None if owned else next((k for p in kids[noun] + [loose] if p is not None and p > noun and s.deps[
        p] == "prep" and s.words[p].lower() in TOPIC_PREPS for k in kids[p]
        if s.deps[k] in ("pobj", "pcomp")), None)
    about = about if about is not None else next((k for k in kids[noun] if k > noun and s.deps[k] in (
        "acl", "ccomp") and opens_with_that(s, k, kids)), None)
    if about is None and s.lemmas[noun].lower() in SAID_NOUNS:
        # "announced plans this week to give $15 million": the infinitive the parser hung on the verb
        about = next((k for k in kids[v] if k > core[0] and s.deps[k] == "advcl" and is_infinitive(s, k, kids)),
                     None)
    return [about] if about is not None else core


def phrase_extent(s: Sentence, v: int, core: list[int], kids) -> tuple[int, int]:
    """The first and last token of what ``core`` states: their words, not a
    report joined to them, a preposition opening them nor the writer's
    words after a dash."""
    # a verb of saying joined to what is stated is another report ("... and said ..."); a verb of stance
    # there is part of it ("called on Trump to stop attacking X and apologize")
    parts = [subtree(s, c, kids, lambda k: s.deps[k] == "conj" and is_cue(s, k) and cue_lemma(s, k) in SAYING)
             for c in core]
    lo, hi = min(min(p) for p in parts), max(max(p) for p in parts)
    while hi > lo and s.deps[hi] in ("cc", "punct") and s.words[hi] not in ("”", '"', "''", ")"):
        hi -= 1
    if s.deps[lo] == "prep" and lo < hi and (s.words[lo].lower() in OPENING_PREPS or s.heads[lo] == v and s.words[
            lo].lower() in VERB_OPENING_PREPS):
        lo += 1  # "described as “unhinged”", "spoke out Tuesday about the death": what it was described as, about
    for k in range(lo + 2, hi + 1):
        # the writer's words after a dash closing a stance stated in the writer's words ("linked X to Y —
        # an opportunity he largely missed"); a reported clause is the speaker's, dash and all
        if s.words[k - 1] in DASHES and s.offsets[k - 1] > token_end(s, k - 2) and is_writers_aside(s, k, hi) and \
                not quote_left_open(s.words[lo:k]):
            return lo, k - 2
    return lo, hi


def is_writers_aside(s: Sentence, k: int, hi: int) -> bool:
    """Tokens ``k``..``hi`` after a spaced dash are one phrase the writer
    adds about the words before it, not part of what was said: an
    apposition ("Clinton's use of a private email server — an opportunity
    he largely missed"), a participle ("- further diminishing the
    prospects"); a bare "where" clause too."""
    tops = [t for t in range(k, hi + 1) if not k <= s.heads[t] <= hi and s.pos[t] != "PUNCT"]
    if len(tops) != 1:
        return False
    t = tops[0]
    return (s.deps[t] == "appos" and s.heads[t] < k - 1 and s.pos[t] == "NOUN" and s.pos[k] == "DET") or \
        s.tags[t] == "VBG"


def reported_by_participle(s: Sentence, noun: int, kids) -> bool:
    """A message or document whose participle or relative clause reports
    what it says ("a statement calling ...", "a letter that says ...")."""
    if s.lemmas[noun].lower() not in MESSAGE_NOUNS | DOCUMENTS:
        return False
    return any(s.pos[k] == "VERB" and is_cue(s, k) and (s.deps[k] == "acl" and s.tags[k] == "VBG" or (
        s.deps[k] == "relcl" and any(s.words[c].lower() in THING_RELATIVES and s.deps[c] == "nsubj"
                                     for c in kids[k]))) for k in kids[noun])
