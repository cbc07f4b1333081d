"""Quotes and reported speech: who said what (speaker, cue, content).

From the dependency parse of each sentence, with the span conventions of
attribution corpora (PolNeAR):

* a **direct quote** next to a reporting verb ("“...,” he said", "he said:
  “...”"): the content is the quotation with its marks; a quotation split
  around the cue (“A,” he said. “B.”) is one content from the first mark to
  the last, and so is one running over several paragraphs (a paragraph
  that ends inside it and a next one opening with a mark);
* **reported speech and stance**: a reporting verb's clausal complement
  with its "that" ("said that France was pursuing ..."), before or after
  the verb ("X, sources said"); for verbs of stance and belief the phrase
  they state ("called the charges unsubstantiated", "wants to triple the
  program", "called for the repeal of X", "complained about Y", "warned
  against Z"); ", X said," (", he told me on Friday,") in the middle of a
  sentence attributes the whole sentence; "..., experts say." what comes
  before the comma; verbs whose object holds the stance ("That worries
  environmentalists");
* nouns of saying with an owner ("Trump's claim that ...", "his criticism
  of X", "its plan to ..."), "according to X", polls and estimates named by
  "in"/"by" ("In this poll, ..."), headline colons ("Sanders: ...", "Poll:
  ...") and headlines in title case ("Sanders Vows To ...");
* what the small parser gets wrong, mended: indirect questions and "that"
  clauses hung on the wrong word ("have not said when ...", "told X on a
  regular basis that ..."), verbs read as plural nouns ("Trump claims that
  ...", "The campaign plans to ..."), lemmas of cue verbs (``_lemma``);
* frames whatever the verb: a subject and a "that" clause ("repeated on
  Tuesday that ..."), an intransitive verb by a quotation ("“...?” Vitter
  demanded", "Caddell continued: “...”"), a stance stated with "be" ("has
  been critical of X", "was sure ...", "a staunch opponent of X");
* cue verbs: hand-written lists (``SAYING``, ``STANCE``) and the verbs of
  ``data/quote_cues.tsv`` learned from annotated news
  (``scripts/learn_quote_cues.py``) that cue an attribution in at least
  ``LEARNED_PRECISION`` of their uses;
* the speaker is the subject's whole noun phrase (appositions and relative
  clauses included: "Brian Fallon, the campaign's press secretary,"; not an
  aside after a comma: ", speaking to veterans,", ", which ...", ", like
  Obama,"), the subject higher up for a verb without one ("avoids
  condemning"; never one inside a quotation), the object of "forced X to
  admit", the name right before a verb the parser left without a subject,
  all the words between a quotation and its cue, no one for a passive
  without "by X", a message or document a participle hangs on ("a
  statement announcing ..."); the
  cue is the verb with its auxiliaries, adverbs and particles ("has also
  said", "pointed out", "called for").

Span conventions learned from PolNeAR's annotations (second pass): a
passive naming no speaker has its whole clause as content ("Mr. X was
accused of using ..."); what a noun of feeling or weighing is about is the
content ("expressed outrage over X"), an owned noun is kept whole ("her
plans for X"); the writer's apposition after a spaced dash closes a stance
("linked X to Y — an opportunity he missed"); a participle after a comma
is cut only when it reports something itself (", citing X"); an adjunct
between the cue and a that-less clause's subject is the cue's ("said after
the convention he would ..."); a quotation the sentence goes on after is
the whole clause; a colon opens a quotation in the next paragraph; a
clause joined to the reporting verb goes on what was said when it quotes
the speaker; a sentence the model split before a capitalised word goes on.

Verbs inside a quotation are part of what was said, and an attribution
inside another one's content is left out ("Trump says he plans to ...").
Speakers are resolved to actors with the same machinery as events
(:mod:`diurna.actors`: roles, the office-holders knowledge base at the
article's date); "he"/"she" is the last person named.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .actors import People, actors_for, default_gazetteer, resolve_phrase
from .lexicon.quotes import (
    ABOUT_NOUNS, ADDRESS_PREPS, ADDRESS_VERBS, ASIDE_RELATIVES, ASIDE_TAIL_STOPS, BEFORE_ING_NOUN, CHARGE_VERBS,
    CLAUSE_ONLY, COMPARISON_PREPS, CORE_PREPS, CUE_ABOUT, CUE_PREPS, DASHES, DOCUMENTS, EMPTY, FELT_BY_OBJECT, FINDERS,
    HEADLINE_SOURCES, INFLECTIONS, ING_NOUNS, INTENT_NOUNS, LIKENESS_PREPS, LINKING_ADVERBS, LINKING_CONJUNCTIONS,
    LINKING_PHRASES, MESSAGE_GROUPS, MESSAGE_NOUNS, NO_ONE, NOT_STATED, OPENING_PREPS, PEOPLE_NOUNS, PERSON_SUFFIXES,
    POINTING_DETERMINERS, POLL_NOUNS, POLL_PREPS, RELATIVE, REPORTING_PREP, RESPONSE_PREPS, RESPONSE_VERBS, SAID_NOUNS,
    SETTING_NOUNS, SETTING_PREPS, SOURCE_QUANTIFIERS, SPEAKER_PRONOUNS, STANCE, STANCE_ADJ, STANCE_ADJ_PREPS,
    STANCE_HOLDERS, STANCE_NOUNS, STANCE_PREPS, THATLESS_REPORTERS, THING_RELATIVES, TOPIC_PREPS, URGING_VERBS,
    VERB_OPENING_PREPS, WH,
)
from .lexicon.reporting import SAYING
from .syntax import children, noun_phrase
from .records import Actor, Quote, Sentence, Span

__all__ = ["Quote", "find_quotes", "quotes_jsonl"]

# a quotation mark that opens, closes, or does either (straight quotes, the '' of some wires)
_QMARK = re.compile(r"“|”|``|''|\"|\n")
# dependents on the right of a stance verb that are part of what was stated
_CORE = frozenset({"dobj", "obj", "xcomp", "ccomp", "oprd", "attr", "acomp", "pcomp"})
_DATELINE = re.compile(r"[A-Z][A-Z.,' ]+(?:\([^)]*\))?,?(?: [A-Z][a-z]+\.? \d+)?(?: \([A-Z]+\))?\s*[-—–―]+\s+")
# between the two halves of a split quotation: the speaker and cue and what goes with
# them, in one paragraph, closing on a stop or comma (“A,” he said on Friday in X. “B.”)
_SPLIT_GAP = r"[^“”\"\n]{0,200}[.,:] ?"
# a linking word opening a sentence, not part of what was said ("But ...", "However, ...")
_LINK = re.compile(r"(?:(?:" + "|".join(LINKING_CONJUNCTIONS) + r")\b,?|" + "|".join(a + "," for a in LINKING_ADVERBS)
                   + r")\s+")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the quotations of a text, quotation marks included.

    Curly, straight and doubled-apostrophe quotes; a quotation whose paragraph
    ends without closing it continues when the next paragraph opens with a
    quotation mark (the convention for quotes over several paragraphs); an
    opening mark left unclosed at the end of its paragraph is dropped."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QMARK.finditer(text):
        q, i = m.group(), m.start()
        if q == "\n":
            if open_at is not None:
                mark = text[open_at:open_at + 2] if text[open_at] in "`'" else text[open_at]
                if not text[i:i + 8].lstrip().startswith(mark):
                    open_at = None
            continue
        if open_at is not None and "\n" in text[open_at:i] and q in ("“", "``", '"', "''") and \
                text[text.rfind("\n", 0, i) + 1:i].strip() == "":
            continue  # the mark that reopens the quote in its next paragraph
        if q in ("“", "``"):
            open_at = i
        elif q == "”":
            if open_at is not None:
                out.append((open_at, m.end()))
            open_at = None
        elif open_at is None:
            open_at = i
        else:
            out.append((open_at, m.end()))
            open_at = None
    return out


def _no_stop(sp: Span) -> Span:
    """A span without the full stop closing it."""
    return Span(sp.text[:-1], sp.start, sp.end - 1) if sp.text.endswith(".") else sp


def _span(text: str, lo: int, hi: int) -> Span:
    """``text[lo:hi]`` trimmed of spaces and edge punctuation; quotation marks
    around the words (and the comma or full stop inside them) are kept, as an
    annotator marks them: “We need change,”"""
    while lo < hi and text[lo] in " \n\t,;:—―–-":
        lo += 1
    while hi > lo and text[hi - 1] in " \n\t,:;—―–-":
        hi -= 1
    inner = text[lo:hi]
    opened = inner.count("“") - inner.count("”") + inner.count('"') % 2 + inner.count("''") % 2
    m = re.match(r"\s?[.?!,]?\s?(”|\"|'')", text[hi:hi + 4])
    if m and (opened > 0 or text[lo - 1:lo] in ("“", '"') or text[lo - 2:lo] == "''"):
        hi += m.end()
        if opened <= 0:  # the words were quoted whole: the opening mark too
            lo -= 2 if text[lo - 2:lo] == "''" else 1
    elif text[hi - 1:hi] in ("“", '"') or text[hi - 2:hi] == "''":
        hi -= 2 if text[hi - 2:hi] == "''" else 1  # an opening mark of what follows
    while hi > lo and text[hi - 1] in " \n\t,:;—―–-":
        hi -= 1
    return Span(text[lo:hi], lo, hi)


def _tok_end(s: Sentence, i: int) -> int:
    return s.offsets[i] + len(s.words[i])


def _subtree(s: Sentence, t: int, kids, skip=lambda c: False) -> list[int]:
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in kids[x] if not skip(c))
    return out


def _lemma(s: Sentence, v: int) -> str:
    """The lemma of token ``v``, mended for the cue verbs the small model
    lemmatises wrongly ("hopes" -> "hop", "rated" -> "rat", "retweeted" ->
    "retweete"): when its lemma is no cue word, a cue word the inflected
    form comes from by a regular suffix ("-s", "-es", "-d", "-ed", "-ing").
    Mended here rather than in :mod:`diurna.nlp`, whose lemmas the other
    stages store and read as the model gives them."""
    return _mend(s.words[v].lower(), s.lemmas[v].lower())


@lru_cache(maxsize=20000)
def _mend(w: str, lem: str) -> str:
    known = _cue_lemmas()
    if lem in known:
        return lem
    for suffix, repl in INFLECTIONS:
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[:-len(suffix)] + repl in known:
            return w[:-len(suffix)] + repl
    return lem




@lru_cache(maxsize=1)
def _cue_lemmas() -> frozenset:
    return SAYING | STANCE | FELT_BY_OBJECT | learned_cues()[0]


# a learned cue counts when it cued an attribution at least this often among its occurrences
LEARNED_PRECISION = 0.4


@lru_cache(maxsize=1)
def learned_cues() -> tuple[frozenset, frozenset]:
    """Verbs of ``data/quote_cues.tsv`` (learned from annotated news, see
    ``scripts/learn_quote_cues.py``) that cue an attribution often enough
    (``LEARNED_PRECISION``), and those of them that report a clause only
    (their content is mostly a clausal complement)."""
    verbs, clause = set(), set()
    text = resources.files("diurna").joinpath("data/quote_cues.tsv").read_text("utf-8")
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if r["pos"] != "VERB" or float(r["precision"]) < LEARNED_PRECISION:
            continue
        verbs.add(r["lemma"])
        if r["content"] == "ccomp" and float(r["content_share"]) >= 0.5:
            clause.add(r["lemma"])
    return frozenset(verbs), frozenset(clause)


def _is_cue(s: Sentence, v: int) -> bool:
    low = _lemma(s, v)
    return s.pos[v] in ("VERB", "AUX") and (low in SAYING or low in STANCE or low in learned_cues()[0])


def _clause_only(lemma: str) -> bool:
    return lemma in CLAUSE_ONLY or (lemma in learned_cues()[1] and lemma not in SAYING and lemma not in STANCE)




def _has_that(s: Sentence, c: int, kids) -> bool:
    """Whether clause ``c`` opens with the conjunction "that"."""
    return any(s.deps[k] == "mark" and s.words[k].lower() == "that" for k in kids[c])


def _infinitive(s: Sentence, c: int, kids) -> bool:
    """Whether verb ``c`` is an infinitive with "to"."""
    return any(s.words[k].lower() == "to" and s.deps[k] == "aux" for k in kids[c])


def _that_clause(s: Sentence, v: int, kids) -> bool:
    """Any verb with a subject and a clause opening with "that" ("made
    clear that", "conceded privately that"): a statement or belief, whatever
    the verb."""
    if s.pos[v] != "VERB" or _lemma(s, v) in NOT_STATED or not any(s.deps[c] == "nsubj" for c in kids[v]):
        return False
    return any(s.deps[c] == "ccomp" and c > v and any(
        s.deps[k] == "mark" and s.words[k].lower() == "that" and k < c for k in kids[c]) for c in kids[v])


def _content(s: Sentence, comp: int, kids) -> tuple[int, int]:
    """Tokens of a reported clause, without a coordinated report of its own
    ("X says Y promised Z *and said* ...") or a closing aside after a comma."""
    def skip(c):  # not "... and that she would respond later": a second reported clause
        return s.deps[c] == "conj" and _is_cue(s, c) and s.lemmas[c].lower() in SAYING and not _has_that(s, c, kids)
    toks = _subtree(s, comp, kids, skip)
    lo, hi = min(toks), max(toks)
    # cut before a conjunction left dangling by the cut ("... Clinton and")
    while hi > lo and (s.deps[hi] in ("cc", "punct") and s.words[hi] not in ("”", '"', "''", ")")):
        hi -= 1
    return lo, hi


def _trim(s: Sentence, lo: int, hi: int) -> tuple[int, int]:
    """A reported clause without a leading "And"/"But" and without a closing
    aside after a comma: a non-restrictive relative clause (", which ...") or
    a participle (", saying ...", ", focusing on ...")."""
    while lo < hi and (s.deps[lo] == "cc" or s.words[lo] == ","):
        lo += 1
    # a linking adverb opening the sentence: "However, ...", "In addition, ..."
    link = 1 if s.pos[lo] == "ADV" else 2 if " ".join(s.words[lo:lo + 2]).lower() in LINKING_PHRASES else 0
    if link and lo + link < hi and s.words[lo + link] == ",":
        lo += link + 1
    for k in range(lo + 2, hi + 1):
        if s.words[k - 1] == "," and (s.words[k].lower() in ASIDE_RELATIVES or (
                s.tags[k] == "VBG" and s.deps[k] in ("advcl", "acl", "xcomp", "conj") and _reports(s, k, hi))):
            return lo, k - 2
    return lo, hi




def _reports(s: Sentence, k: int, hi: int) -> bool:
    """A participle after a comma is an attribution of its own (", saying
    ...", ", citing ...", ", engaging in what analysts described as ..."),
    not part of the clause before it (", beginning in January 2017",
    ", leaving no money for X"), when a verb of saying is among its words."""
    return any(s.pos[t] == "VERB" and _is_cue(s, t) for t in range(k, hi + 1))


def _open_quote(words: list[str]) -> bool:
    """Whether a quotation opened in ``words`` is still open at their end."""
    return words.count("“") > words.count("”") or (words.count('"') + words.count("''") + words.count("``")) % 2 == 1


def _closing_aside(s: Sentence, k: int, hi: int) -> bool:
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


ADJUNCTS = frozenset({"prep", "npadvmod", "dative"})


def _setting(s: Sentence, c: int, kids) -> bool:
    """When or where something was said, not part of it: "on Thursday",
    "since the debate", "during his time on MSNBC", "in a statement"."""
    if s.words[c].lower() in SETTING_PREPS:
        return True
    obj = next((k for k in kids[c] if s.deps[k] == "pobj"), c)
    off = s.offsets[obj]
    return any(e.label in ("DATE", "TIME") and e.start <= off < e.end for e in s.entities) or \
        s.lemmas[obj].lower() in SETTING_NOUNS


def _right_phrase(s: Sentence, v: int, after: int, kids) -> tuple[int, int] | None:
    """What a stance verb states, from its dependents on the right: object,
    object complement, infinitive ("called the charges unsubstantiated",
    "blasted him for not paying taxes", "wants to triple the program")."""
    # "responded to X", "responded with attacks", "responded by using ...": the response
    own = RESPONSE_PREPS if _lemma(s, v) in RESPONSE_VERBS else frozenset()
    core = [c for c in kids[v] if c > after and (
        s.deps[c] in _CORE or (s.deps[c] == "prep" and s.words[c].lower() in CORE_PREPS | own))]
    if _lemma(s, v) in ADDRESS_VERBS:
        # "tells his supporters at a rally to “go to your place”": the infinitive, which the parser may
        # hang on the verb as an adverbial clause, is what they are told
        core += [c for c in kids[v] if c > after and s.deps[c] == "advcl" and _infinitive(s, c, kids)]
    # "decline to appeal": an infinitive right after the verb that the parser took for an adverbial clause
    core += [c for c in kids[v] if s.deps[c] == "advcl" and c not in core and after + 1 < len(s.words) and s.words[
        after + 1].lower() == "to" and s.deps[after + 1] == "aux" and min(_subtree(s, c, kids)) == after + 1]
    if after > v:  # "called for the repeal", "called on Trump to stop": what the cue's preposition governs
        core += [c for c in kids[after] if s.deps[c] in ("pobj", "pcomp")]
        core += [c for c in kids[v] if c > after and s.deps[c] in ("xcomp",) and c not in core]
    if not core or not any(s.deps[c] != "prep" or s.words[c].lower() in own | OPENING_PREPS for c in core):
        return None
    if after == v and s.lemmas[v].lower() in ADDRESS_VERBS and not any(s.deps[c] in ("xcomp", "ccomp", "oprd", "advcl") or (
            s.deps[c] == "prep" and s.words[c].lower() in ADDRESS_PREPS) or (
            # "urged restraint", "urges retaliation on Russia": what is urged, not who
            s.deps[c] == "dobj" and s.lemmas[v].lower() in URGING_VERBS and s.pos[c] == "NOUN"
            and s.lemmas[c].lower() not in PEOPLE_NOUNS) for c in core):
        return None  # "told reporters", "urged them" alone say nothing
    if any(s.deps[c] == "xcomp" for c in core):
        # "wants to triple X, grow Y and create Z": base forms joined to the verb continue the infinitive
        core += [c for c in kids[v] if s.deps[c] == "conj" and s.tags[c] == "VB" and c > max(core)
                 and not any(s.deps[k] in ("nsubj", "nsubjpass") for k in kids[c])]
    # adjuncts right after what is stated, up to a comma, go with it ("outlined her proposals in a
    # speech Friday", "gave some advice to Clinton"): annotators mark the rest of the clause
    for c in sorted(kids[v]):
        if c > max(core) and s.deps[c] in ADJUNCTS and "," not in s.words[max(core):c] and not _setting(s, c, kids):
            core.append(c)
        elif c > max(core) and s.deps[c] == "prep" and s.words[c].lower() in COMPARISON_PREPS:
            core.append(c)  # "rated 32% of claims as false, compared to 11% of ...": the comparison is stated too
    if len(core) > 1:
        # "called them “lone wolves”": the one named by a pronoun is not part of what is stated
        core = [c for c in core if not (s.deps[c] in ("dobj", "obj") and s.pos[c] == "PRON")] or core
    noun = core[0] if len(core) == 1 and s.deps[core[0]] in ("dobj", "obj") else None
    # "expressed outrage over X" with "over" hung on the verb: the noun's preposition all the same
    loose = next((c for c in core if s.deps[c] == "prep" and len(core) == 2 and s.deps[core[0]] in ("dobj", "obj")
                  and c == max(_subtree(s, core[0], kids)) + 1 and s.lemmas[core[0]].lower() in ABOUT_NOUNS), None)
    if loose is not None:
        noun = core[0]
    if noun is not None and _reported_by(s, noun, kids):
        return None  # "issued a statement calling the test a violation": the participle reports it
    if noun is not None and s.lemmas[noun].lower() in SAID_NOUNS | ABOUT_NOUNS:
        # "expressed deep concern about the policy", "a strong condemnation of the test", "touted the virtues
        # of X": what it is about; not when the noun has an owner ("cited his criticism of X": all of it)
        owned = any(s.deps[k] == "poss" for k in kids[noun])
        about = None if owned else next((k for p in kids[noun] + [loose] if p is not None and p > noun and s.deps[
            p] == "prep" and s.words[p].lower() in TOPIC_PREPS for k in kids[p]
            if s.deps[k] in ("pobj", "pcomp")), None)
        about = about if about is not None else next((k for k in kids[noun] if k > noun and s.deps[k] in (
            "acl", "ccomp") and _has_that(s, k, kids)), None)
        if about is None and s.lemmas[noun].lower() in SAID_NOUNS:  # "announced plans this week to give $15 million": the infinitive the parser hung on the verb
            about = next((k for k in kids[v] if k > core[0] and s.deps[k] == "advcl" and _infinitive(s, k, kids)),
                         None)
        if about is not None:
            core = [about]
    # a verb of saying joined to what is stated is another report ("... and said ..."); a verb of stance
    # there is part of it ("called on Trump to stop attacking X and apologize")
    parts = [_subtree(s, c, kids, lambda k: s.deps[k] == "conj" and _is_cue(s, k) and _lemma(s, k) in SAYING)
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
        if s.words[k - 1] in DASHES and s.offsets[k - 1] > _tok_end(s, k - 2) and _closing_aside(s, k, hi) and \
                not _open_quote(s.words[lo:k]):
            return lo, k - 2
    return lo, hi


def _aside_of_speaker(s: Sentence, c: int, kids) -> bool:
    """After a comma in a speaker's phrase, what annotators leave out: a
    participle ("Trump, speaking to veterans,"), a non-restrictive "which"
    clause ("The U.N., which imposed ..."), "like X" ("Clinton, like Obama,")."""
    first = min(_subtree(s, c, kids))
    if first == 0 or s.words[first - 1] != ",":
        return False
    if s.pos[c] == "VERB" and s.tags[c] in ("VBG", "VBN") and s.deps[c] != "relcl" and \
            s.words[c].lower() != "including":
        return True
    if s.deps[c] == "relcl" and any(s.words[k].lower() == "which" and k < c for k in kids[c]):
        return True
    return s.deps[c] == "prep" and s.words[c].lower() in LIKENESS_PREPS


def _speaker(text: str, s: Sentence, subj: int, v: int, kids) -> Span:
    """The speaker as an annotator marks it: the whole noun phrase with its
    appositions, relative clauses and conjuncts ("Ronald R. Fieldstone, a
    Miami lawyer who has been involved..."), not an aside on what they were
    doing ("Trump, speaking to veterans, said"); a relative pronoun stands
    for the noun it hangs on."""
    if s.words[subj].lower() in RELATIVE and s.deps[v] == "relcl":
        lo = hi = subj  # "who", as annotators mark it (the actor is resolved from the noun it hangs on)
    else:
        toks = set(_subtree(s, subj, kids, lambda c: s.deps[c] in ("advcl", "parataxis") or c >= v > subj or (
            _aside_of_speaker(s, c, kids)) or (s.deps[c] == "npadvmod" and s.heads[c] == subj and c > subj)))
        lo = hi = subj  # the words around the subject, up to an aside left out
        while lo - 1 in toks:
            lo -= 1
        while hi + 1 in toks:
            hi += 1
    dash = max((i for i in range(max(lo, 1), subj) if s.words[i] in DASHES
                and s.offsets[i + 1] > _tok_end(s, i) and s.offsets[i] > _tok_end(s, i - 1)), default=None)
    if dash is not None:
        lo = dash + 1  # "... predictable - Donald J. Trump said": after the dash
    while lo < subj and (s.pos[lo] == "PUNCT" or s.deps[lo] in ("preconj", "cc") or (
            s.deps[lo] == "advmod" and s.pos[lo] == "ADV")):
        lo += 1  # "Even China", "Both Mr. King and Mr. Schultz"
    while hi > subj and s.pos[hi] == "PUNCT" and s.words[hi] not in (")",):
        hi -= 1
    a, b = s.offsets[lo], _tok_end(s, hi)
    nl = text.rfind("\n", a, min(b, s.offsets[v]))  # "7 p.m.\n\nDonald Trump says"
    if nl >= 0:
        a = nl + 1
    dateline = _DATELINE.match(text, a, b)  # "BRUSSELS - European leaders said"
    if dateline:
        a = dateline.end()
    sp = _span(text, a, b)
    # an apposition closes with a comma before the verb: "Brian Fallon, the campaign's press secretary, said"
    if subj < v and "," in sp.text and text[sp.end:sp.end + 1] == "," and hi + 1 < v:
        sp = Span(text[sp.start:sp.end + 1], sp.start, sp.end + 1)
    return _closed(text, sp)


def _closed(text: str, sp: Span) -> Span:
    """A span with the bracket it opens closed: "the Alliance (AROS)"."""
    if sp.text.count("(") > sp.text.count(")") and text[sp.end:sp.end + 1] == ")":
        return Span(text[sp.start:sp.end + 1], sp.start, sp.end + 1)
    return sp


def _cue(text: str, s: Sentence, v: int, kids) -> tuple[int, int, int]:
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
    low = _lemma(s, v)
    bare = STANCE_PREPS if (low in STANCE or low in REPORTING_PREP) and not any(
        s.deps[c] in ("dobj", "obj", "ccomp", "xcomp") for c in kids[v]) else frozenset()
    for c in sorted(kids[v]):
        if c == last + 1 and (s.deps[c] == "prt" or (s.deps[c] == "prep" and s.words[c].lower() in CUE_PREPS.get(
                s.lemmas[v].lower(), frozenset()) | CUE_ABOUT | bare)):
            last = c
    hi = _tok_end(s, last)
    if last + 1 < len(s.words) and s.words[last + 1] == ":":
        hi = _tok_end(s, last + 1)
    return s.offsets[lo], hi, last


def _adjacent_quote(text: str, quotes, used, lo: int, hi: int, para_end: int, sent_start: int):
    """A direct quote right before the speaker-and-cue (“...,” he said) or
    right after it (he said: “...”).  A quote before the sentence belongs to
    it only when it closes on a comma or a question ("“...?” she asked")."""
    for k, (a, b) in enumerate(quotes):
        if k in used:
            continue
        if b <= lo and lo - b < 6 and text[b:lo].strip(" ,—–-") == "" and (
                b > sent_start + 1 or text[b - 3:b].rstrip("”\"'")[-1:] in (",", "?", "!")):
            return k, "before"
        if a >= hi and a < para_end and re.fullmatch(r"\s*(?:[^“”\"\n.;]{0,50}[:,])?\s*", text[hi:a]):
            return k, "after"
        if a >= hi and text[hi - 1:hi] == ":" and text[hi:a].strip() == "":
            return k, "after"  # "The New York Times reports:\n\n“...”": the quotation the colon opens
    return None


# words after the cue of an aside, before its closing comma: "me on Friday", "in an interview"
_ASIDE_TAIL = re.compile(r"(?:\s+(?!" + "|".join(w + r"\b" for w in ASIDE_TAIL_STOPS) + r")[\w’'.-]+){1,5}(?=,)")


def _aside(text: str, s: Sentence, speaker: Span, cue_hi: int) -> bool:
    """", he said," in the middle of a sentence: a comma before the speaker
    and after the cue (and the few words that go with it: ", he told me on
    Friday,"), and words of the sentence on both sides."""
    before = text[s.start:speaker.start].rstrip()
    after = text[cue_hi:s.end]
    m = _ASIDE_TAIL.match(after)
    if m and not any(s.pos[k] in ("VERB", "AUX") for k in range(len(s.words))
                     if cue_hi <= s.offsets[k] < cue_hi + m.end()):
        after = after[m.end():]
    return before.endswith(",") and len(before.split()) >= 2 and after.startswith(",") and len(after.split()) >= 3 \
        and not re.search(r"[“”\"]", before[-3:]) and not re.match(r",\s*[“\"]", after)


def find_quotes(text: str, sentences: list[Sentence], date: str | None = None,
                people: People | None = None) -> list[Quote]:
    """Attributions in one article (``sentences`` are its parse).

    An attribution inside what another one reports is part of that content,
    as annotators mark it ("Trump says he plans to ...": one attribution, not
    two), and is left out, unless it is a participle after a comma ("she
    said, referencing X")."""
    out = _attributions(text, sentences, people or People(date))
    def within(q, r):  # q's cue in r's content (of two inside each other, the shorter goes)
        return r is not q and r.content.start <= q.cue.start < r.content.end and (
            not q.content.start <= r.cue.start < q.content.end
            or len(r.content.text) > len(q.content.text))
    return [q for q in out if _messenger(sentences[q.sentence], q.cue.start) or not any(within(q, r) for r in out)]


def _messenger(s: Sentence, cue_start: int) -> bool:
    """An attribution of its own even inside another's content: a
    participle of saying after a comma ("“...,” she said, referencing X")."""
    t = bisect_left(s.offsets, cue_start)
    return 0 < t < len(s.words) and s.offsets[t] == cue_start and s.pos[t] == "VERB" and s.tags[t] == "VBG" and s.words[t - 1] == ","


@dataclass
class _Article:
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
    persons: list = field(default_factory=list)

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
class _Sent:
    """One sentence with its children lists and gazetteer mentions."""

    s: Sentence
    kids: list
    mentions: list


def _attributions(text: str, sentences: list[Sentence], people: People) -> list[Quote]:
    gaz = default_gazetteer()
    art = _Article(text, sentences, people)
    out: list[Quote] = []
    for s in sentences:
        c = _Sent(s, children(s), gaz.mentions(s.words))
        _remember_people(art, c)
        q = _headline(text, s, art.names)
        if q is not None and not art.quoted(q.cue.start):
            out.append(q)
        n = len(out)
        for v in range(len(s.words)):
            if not art.quoted(s.offsets[v]):  # a verb inside a quotation is part of what was said
                q = _token_quote(art, c, v)
                if q is not None:
                    out.append(q)
        q = _title_line(text, s)
        if q is not None and not any(r.cue.start < q.content.end for r in out[n:]):
            out.append(q)
    return out


def _title_verb(s: Sentence, i: int) -> bool:
    """A cue verb in a title: a third person ("Sanders Vows") or a base
    form after a plural ("Lawmakers Rip"), not the subject of another verb
    ("Power Plant Rules Face ...")."""
    w = s.words[i].lower()
    lem = _mend(w, w)
    if lem not in _cue_lemmas() or s.deps[i] in ("nsubj", "nsubjpass"):
        return False
    return (lem != w and w.endswith("s")) or re.search(r"[^su]s$", s.words[i - 1]) is not None


def _title_line(text: str, s: Sentence) -> Quote | None:
    """"Sanders Vows To Eliminate Tax Breaks", "Black Lawmakers Rip Donald
    Trump": a headline in title case, which the small model parses as one
    long name; the first word that is a cue verb's third person ("-s") after
    a capitalised name is the cue, the name the speaker, the rest what was
    said."""
    if s.start and text[s.start - 1] != "\n":
        return None
    end = text.find("\n", s.start, s.end)  # the line: a sentence the parser ran on into the next paragraph
    end = s.end if end < 0 else end
    n = bisect_left(s.offsets, end)
    words = [w for w in s.words[:n] if w[:1].isalpha()]
    if len(words) < 4 or sum(w[:1].isupper() for w in words) < 0.8 * len(words):
        return None
    lo = 0
    for i, w in enumerate(s.words[:n]):
        if w == ",":
            lo = i + 1
        elif i > lo and w[:1].isupper() and _title_verb(s, i) and n - i > 2:
            speaker = _span(text, s.offsets[lo], _tok_end(s, i - 1))
            content = _no_stop(_span(text, _tok_end(s, i), end))
            return Quote(speaker, Span(w, s.offsets[i], _tok_end(s, i)), content, False, s.index)
    return None


def _remember_people(art: _Article, c: _Sent) -> None:
    """The people a sentence names: kept for "he said", and their actors for
    later mentions of the same names."""
    s = c.s
    for e in s.entities:
        if e.label == "PERSON":
            art.persons.append(e)
            last = next((i for i in range(len(s.words) - 1, -1, -1) if s.offsets[i] < e.end), None)
            if last is not None:
                resolve_phrase(s, noun_phrase(s, last, c.kids), c.mentions, art.people)


def _token_quote(art: _Article, c: _Sent, v: int) -> Quote | None:
    """The attribution cued by token ``v``: a noun of saying, "according
    to", "in a poll", else a verb."""
    s, text, kids, mentions, people = c.s, art.text, c.kids, c.mentions, art.people
    if s.pos[v] == "NOUN" and s.lemmas[v].lower() in SAID_NOUNS:
        return _nominal(text, s, v, kids, mentions, people)
    word = s.words[v].lower()
    if word == "according":
        return _according(text, s, v, kids, mentions, people)
    if word in POLL_PREPS and s.deps[v] in ("prep", "agent"):
        return _poll(text, s, v, kids, mentions, people)
    return _verb_quote(art, c, v)


def _put_it(s: Sentence, v: int, kids) -> bool:
    """"as X put it"."""
    return _lemma(s, v) == "put" and v + 1 < len(s.words) and s.words[v + 1].lower() == "it" and any(
        s.words[c].lower() == "as" and s.deps[c] == "mark" for c in kids[v])


def _verb_quote(art: _Article, c: _Sent, v: int) -> Quote | None:
    """The attribution a verb cues: a direct quotation next to it, an aside
    (", he said,"), an "as X put it" clause, else what it states."""
    s, text, kids = c.s, art.text, c.kids
    if s.pos[v] not in ("VERB", "AUX") or (v > 1 and s.words[v - 2].lower() == "according"):
        return None  # every frame below has a verb; "according to show insiders" has none
    low = _lemma(s, v)
    if low in FELT_BY_OBJECT:
        q = _felt(text, s, v, kids, c.mentions, art.people)
        if q is not None:
            return q
    put_it = _put_it(s, v, kids)
    cue_word = _is_cue(s, v) or _that_clause(s, v, kids) or put_it
    # any verb with a subject and nothing stated after it, next to a quotation ("“...?” Vitter
    # demanded", "Caddell continued: “...”"): its speaker and cue, nothing else
    bare = (not cue_word or low not in SAYING) and _bare_frame(text, s, v, kids, art.quotes)
    if not cue_word and not bare:
        return _message(text, s, v, kids, c.mentions, art.people) or \
            _predicate(text, s, v, kids, c.mentions, art.people)
    stance = low not in SAYING and not bare
    cue_lo, cue_hi, last = _cue(text, s, v, kids)
    found = _verb_subject(art, c, v)
    if found is None:
        return None
    subj, inherited, head_cue = found
    if head_cue is not None:
        cue_lo = head_cue
    speaker, actor = _speaker_actor(art, c, subj, v)
    cue = Span(text[cue_lo:cue_hi], cue_lo, cue_hi)
    asked = s.tags[v] == "VBN" and s.deps[v] == "advcl"  # "Asked about X, Clinton said: “...”": hers
    if not stance and not asked and not (inherited and s.tags[v] != "VBG"):  # the main verb takes the quotation
        content = _direct(art, s, speaker, cue, _says_clause(art, s, v, kids))
        if content is not None:
            return Quote(speaker, cue, content, True, s.index, actor)
    if bare and not cue_word:
        return None
    if not stance and speaker is not None and speaker.start < cue_lo and _aside(text, s, speaker, cue_hi):
        # "Even if ..., Mr. Morgan said, he has already ...": the whole sentence around the aside, up to
        # a paragraph break (a sentence the parser ran on); "X, he said, and Y": X, the clause it closes
        end = text.find("\n", cue_hi, s.end)
        end = s.end if end < 0 else end
        if re.match(r"[^,]{0,40},\s+(?:and|but)\s", text[cue_hi:end]):
            end = speaker.start
        content = _no_stop(_span(text, _opening(text, s.start, speaker.start), end))
        return Quote(speaker, cue, content, False, s.index, actor)
    as_ = next((k for k in kids[v] if k < v and s.deps[k] == "mark" and s.words[k].lower() == "as"), None)
    if as_ is not None and s.deps[v] == "advcl" and speaker is not None and (not stance or put_it) and not any(
            s.deps[k] in _CORE for k in kids[v] if k > v and not put_it):
        return _as_clause(text, s, v, kids, speaker, cue, actor, put_it)
    span, cue = _stated(text, s, v, last, kids, cue)
    if span is None:
        return None
    lo, hi = _trim(s, *span)
    if lo == hi and s.words[lo].lower() in EMPTY:
        return None
    content = _paragraph_cut(text, _span(text, s.offsets[lo], _tok_end(s, hi)), cue)
    if not content.text:
        return None
    if hi == len(s.words) - 1 and cue.end <= content.start:
        content = _run_on(art, s, content)
    return Quote(speaker, cue, content, any(a <= content.start and content.end <= b for a, b in art.quotes),
                 s.index, actor)


def _run_on(art: _Article, s: Sentence, content: Span) -> Span:
    """A content ending a sentence that does not end with a stop, when the
    next sentence goes on in the same paragraph, goes on with it: the small
    model splits sentences before a capitalised word ("Clinton cited
    disparaging remarks | Trump had made about Machado as examples of ...")."""
    k = s.index + 1
    if k >= len(art.sentences) or art.sentences[s.index] is not s or not s.words[-1][-1:].isalnum():
        return content
    nxt = art.sentences[k]
    if "\n" in art.text[s.end:nxt.start] or art.quoted(nxt.start) or any(
            nxt.pos[i] == "VERB" and _lemma(nxt, i) in SAYING for i in range(len(nxt.words))):
        return content  # not into a report of its own ("... 13th | Amendment was ...,” she said")
    end = nxt.end - 1 if art.text[nxt.end - 1:nxt.end] == "." else nxt.end
    return _span(art.text, content.start, end)


def _verb_subject(art: _Article, c: _Sent, v: int) -> tuple[int | None, bool, int | None] | None:
    """(subject token, whether it is another verb's, start of the cue when it
    begins at that verb) of cue verb ``v``; None when ``v`` is part of what
    another cue reports ("urged them to consider")."""
    s, kids = c.s, c.kids
    # the subject nearest the verb and outside the quotation ("“... it will ...,” said James Acton")
    subj = min((k for k in kids[v] if s.deps[k] in ("nsubj", "nsubjpass") and not art.quoted(s.offsets[k])),
               key=lambda k: abs(k - v), default=None)
    if subj is not None and s.deps[subj] == "nsubjpass":
        # "is considered", "were rated": the speaker is the agent ("by X"), if named, else no one
        return next((k for a in kids[v] if s.deps[a] == "agent" for k in kids[a] if s.deps[k] == "pobj"), None), \
            False, None
    h, dep = s.heads[v], s.deps[v]
    if subj is not None and dep == "relcl" and s.words[subj].lower() in THING_RELATIVES and s.deps[h] in (
            "dobj", "obj") and s.lemmas[h].lower() in MESSAGE_NOUNS | DOCUMENTS:
        # "released a letter from his doctor that says ...": the one who released it
        g = next((k for k in kids[s.heads[h]] if s.deps[k] == "nsubj"), None)
        if g is not None and s.pos[s.heads[h]] == "VERB":
            return g, True, None
    if subj is not None:
        return subj, False, None
    if s.tags[v] == "VBN" and dep == "advcl":
        return None, False, None  # "Asked about X, Clinton said": she was asked; the asker is not named
    inherited, cue_lo = False, None
    if dep == "conj" and s.tags[v] in ("VBD", "VBZ") and s.deps[h] == "ccomp" and (s.tags[h] == "VB" or (
            _lemma(s, v) in SAYING and s.tags[v] == s.tags[s.heads[h]] and _is_cue(s, s.heads[h]))):
        # "Trump said he would order X and warned against Y", "China said it was opposed to the test and
        # warned North Korea ...": the parser joined "warned" to the reported clause, whose tense it does
        # not share or which reports nothing itself; it goes with the verb that reports them
        h = s.heads[h]
    if h != v and dep in ("xcomp", "advcl", "conj") and s.pos[h] in ("VERB", "AUX") and not art.quoted(s.offsets[h]):
        inherited = True
        if dep == "xcomp" and _is_cue(s, h):
            return None  # "urged them to consider": part of what the other verb reports
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
            cue_lo = _cue(art.text, s, h, kids)[0]
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
        subj = _upper_subject(s, v, kids, art.quoted)
        inherited = inherited or subj is not None
    if subj is None:
        subj = _stray_subject(s, v if not inherited else h)
    return subj, inherited, cue_lo




def _stray_subject(s: Sentence, v: int) -> int | None:
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


def _speaker_actor(art: _Article, c: _Sent, subj: int | None, v: int) -> tuple[Span | None, Actor | None]:
    """The speaker's span and actor: "he"/"she" the last person named, a
    relative pronoun the noun its clause hangs on ("who said")."""
    if subj is None:
        return None, None
    s = c.s
    speaker = _speaker(art.text, s, subj, v, c.kids)
    if subj < v:
        speaker = _after_quote(art, s, speaker)
    if s.words[subj].lower() in SPEAKER_PRONOUNS:
        return speaker, _pronoun(s, subj, art.persons, art.people)
    ref = s.heads[v] if s.words[subj].lower() in RELATIVE and s.deps[v] == "relcl" else subj
    acts = actors_for(s, ref, c.kids, c.mentions, uncoded=True, people=art.people)
    return speaker, acts[0] if acts else None


def _after_quote(art: _Article, s: Sentence, speaker: Span) -> Span:
    """A speaker named between a quotation and the cue is all the words
    there, whatever the parser made of them ("“...,” Tulsa police Chief
    Chuck Jordan said")."""
    text = art.text
    k = bisect_left(art.starts, speaker.start) - 1
    if k < 0:
        return speaker
    b = art.long_quotes[k][1]
    gap = text[b:speaker.start]
    if s.start < b < speaker.start and 0 < len(gap.split()) <= 4 and re.fullmatch(r" [A-Z][\w.’'-]*(?: [\w.’'-]+)* ", gap) \
            and re.search(r"[,?!]", text[b - 3:b]):
        return Span(text[b + 1:speaker.end], b + 1, speaker.end)
    return speaker


# a participle between the halves of a split quotation: “A,” he said, adding later, “B” (B is the adding's);
# not a noun in "-ing" after a determiner or preposition ("in her ruling", "at a briefing") nor "during"
_ADDING = re.compile("".join(rf"(?<!\b{w} )" for w in BEFORE_ING_NOUN) + r"\b(?!" + "|".join(w + r"\b" for w in ING_NOUNS)
                     + r")\w+ing\b[^,.]*,\s*$")


def _says_clause(art: _Article, s: Sentence, v: int, kids) -> bool:
    """Whether verb ``v`` reports a clause of unquoted words right after it
    ("said she wanted ...", not “A,” he said, “B.”)."""
    for c in kids[v]:
        if s.deps[c] == "ccomp" and c > v:
            first = min(_subtree(s, c, kids))
            if not art.quoted(s.offsets[first]) and "," not in s.words[v + 1:first] and \
                    not re.search(r"[“”\"\n]|''", art.text[_tok_end(s, v):s.offsets[first]]):
                return True
    return False


def _direct(art: _Article, s: Sentence, speaker: Span | None, cue: Span, clause_after: bool = False) -> Span | None:
    """The quotation next to the speaker and cue (taken: no other cue gets
    it), joined with its second half when split around them; None if there
    is none.  A quotation before them is not what a verb reporting a clause
    after it says ('On “The Steve Harvey Show,” Clinton said she ...')."""
    text, quotes = art.text, art.quotes
    lo = min(cue.start, speaker.start if speaker else cue.start)
    hi = max(cue.end, speaker.end if speaker else cue.end)
    para_end = text.find("\n", hi)
    near = _adjacent_quote(text, quotes, art.used, lo, hi, len(text) if para_end < 0 else para_end, s.start)
    if near is None or (near[1] == "before" and clause_after):
        return None
    k, where = near
    art.used.add(k)
    a, b = quotes[k]
    if where == "before":
        # split around the cue: “A,” he said. “B.”
        nxt = next((j for j, (x, _) in enumerate(quotes) if x >= hi), None)
        gap = text[hi:quotes[nxt][0]] if nxt is not None else ""
        if nxt is not None and nxt not in art.used and re.fullmatch(_SPLIT_GAP, gap) and not _ADDING.search(gap) \
                and not _goes_on(art, quotes[nxt][1]):
            art.used.add(nxt)
            b = quotes[nxt][1]
        # a quotation that opens inside its clause: 'The country "has made changes," he said'
        start = (art.sentence_at(a) or s).start
        lead = text[start:a]
        if lead.strip() and not re.search(r"[“”\"?!:;]|''", lead) and "\n" not in lead \
                and not lead.rstrip().endswith(","):  # not "As for complexity, “...”"
            a = start
    elif re.fullmatch(r"[^“”\"\n.;:]{0,40}\bthat,?\s*", text[hi:a]):  # "said (via email) that, “Of course ...”"
        a = hi + text[hi:a].rindex("that")
    # a quotation the sentence goes on after: 'said “Of course Mr. Trump is going to defend himself” against
    # what the campaign sees as ...' (the words up to the end of the sentence, without its full stop)
    end = _sentence_end(art, b)
    tail = text[b:end]
    if where == "after" and re.match(r" [a-z]", tail) and text[b - 2:b - 1] not in (",", "?", "!") and "\n" not in tail and not re.search(r"[“”\"]|''", tail):
        b = end - 1 if text[end - 1] == "." else end
    return Span(text[a:b], a, b)


def _sentence_end(art: _Article, b: int) -> int:
    """The end of the sentence a quotation closing at ``b`` ends in (``b`` outside any)."""
    x = art.sentence_at(b - 1)
    return b if x is None else x.end


def _goes_on(art: _Article, b: int) -> bool:
    """Whether the sentence goes on with words after a quotation closing at
    ``b`` (“B” to drive up the stock price, she said): then the quotation
    is part of a clause of its own, not the second half of one before."""
    end = _sentence_end(art, b)
    nl = art.text.find("\n", b, end)
    return re.search(r"\w", art.text[b:end if nl < 0 else nl]) is not None


def _as_clause(text, s: Sentence, v: int, kids, speaker, cue: Span, actor, put_it: bool) -> Quote | None:
    """"..., as a Homeland Security memo put it", "as the minister noted,
    ...": the clause the "as" clause hangs on."""
    clause = _subtree(s, v, kids)
    lo, hi = (0, min(clause) - 1) if min(clause) > 0 else (max(clause) + 1, len(s.words) - 1)
    while hi > lo and s.pos[hi] == "PUNCT" and s.words[hi] not in ("”", '"', "''"):
        hi -= 1
    if hi <= lo:
        return None
    lo, hi = _trim(s, lo, hi)
    if put_it:
        cue = Span(text[cue.start:_tok_end(s, v + 1)], cue.start, _tok_end(s, v + 1))
    return Quote(speaker, cue, _span(text, s.offsets[lo], _tok_end(s, hi)), False, s.index, actor)


def _reported_clause(text, s: Sentence, v: int, last: int, kids, cue: Span) -> int | None:
    """The clause a verb reports: after the cue ("said that ..."), else
    before a main verb ("X, sources said"); not one in the next paragraph (a
    sentence the parser ran on)."""
    comp = next((c for c in kids[v] if s.deps[c] in ("ccomp", "parataxis") and c > last and not (
        s.deps[c] == "parataxis" and _is_cue(s, c)) or (
        # "tweeted in the early hours that X was ...": the small parser may call it advcl
        s.deps[c] == "advcl" and c > last and s.words[min(_subtree(s, c, kids))].lower() == "that")), None)
    if comp is None and _lemma(s, v) in SAYING and not any(s.deps[c] in ("dobj", "obj") for c in kids[v]):
        # "have not said when they would take it up", "asked whether ...": a question, which the small
        # parser hangs on the verb as an adverbial clause
        comp = next((c for c in kids[v] if s.deps[c] == "advcl" and c > last and s.words[
            min(_subtree(s, c, kids))].lower() in WH and any(s.deps[k] == "nsubj" for k in kids[c])), None)
        if comp is None and s.lemmas[v].lower() in THATLESS_REPORTERS:
            # "said after the convention he would not accept X": a finite clause with a subject and no
            # conjunction of its own, which the parser hung on the verb as an adverbial clause
            comp = next((c for c in kids[v] if s.deps[c] == "advcl" and c > last and s.tags[c] in (
                "VBD", "VBZ", "VBP", "VB") and any(s.deps[k] == "nsubj" and k < c for k in kids[c]) and not any(
                s.deps[k] == "mark" for k in kids[c]) and (s.tags[c] != "VB" or any(
                s.tags[k] == "MD" for k in kids[c]))), None)
    if comp is None and _lemma(s, v) in SAYING:
        comp = _stray_that(s, v, last, kids)
    if comp is not None and "\n" in text[cue.end:s.offsets[min(_subtree(s, comp, kids))]]:
        comp = None
    if comp is None and s.deps[v] == "ROOT":
        comp = next((c for c in kids[v] if s.deps[c] in ("ccomp", "parataxis") and c < v and not (
            s.deps[c] == "parataxis" and _is_cue(s, c))), None)
        # not a sentence of the paragraph before, nor what a colon opens ("We have been here before:
        # Osama bin Laden declared war")
        if comp is not None and re.search(r"[\n:]", text[_tok_end(s, max(_subtree(s, comp, kids))):cue.start]):
            comp = None
    return comp


def _stray_that(s: Sentence, v: int, last: int, kids) -> int | None:
    """A "that" clause the parser hung on a noun of the reporting verb's
    object or adjunct ("told one of his protégés on a regular basis that
    ...", "said in a statement that ..."): reported by the verb, unless
    that noun is its object and a noun of saying ("repeated the claim that")."""
    for c in kids[v]:
        if c <= last or s.deps[c] not in ("dobj", "obj", "prep", "npadvmod", "dative"):
            continue
        for k in _subtree(s, c, kids):
            h = s.heads[k]
            if k > c and s.deps[k] in ("acl", "relcl", "ccomp") and s.pos[h] in ("NOUN", "PROPN") and (
                    # "said in a statement that ...": the clause is what was said in it
                    s.lemmas[h].lower() not in SAID_NOUNS or s.deps[h] == "pobj") and any(
                        s.deps[m] == "mark" and s.words[m].lower() == "that" and m == min(_subtree(s, k, kids))
                        for m in kids[k]):
                return k
    return None


def _stated(text, s: Sentence, v: int, last: int, kids, cue: Span) -> tuple[tuple[int, int] | None, Span]:
    """The tokens (first, last) of what verb ``v`` reports and the cue,
    longer for "accused X of": its reported clause, else the charge of
    "accused"/"suspected", else what a stance verb states, else the subject
    of a passive ("was endorsed by X")."""
    low = _lemma(s, v)
    span = None
    comp = _reported_clause(text, s, v, last, kids, cue)
    if comp is not None:
        span = _content(s, comp, kids)
        subj = next((k for k in kids[comp] if s.deps[k] in ("nsubj", "nsubjpass")), None)
        adjunct = next((c for c in kids[comp] if s.deps[c] in ("prep", "npadvmod") and c < (subj or 0) and min(
            _subtree(s, c, kids)) == span[0]), None)
        if adjunct is not None and span[0] > last and all(s.heads[t] == v or s.heads[s.heads[t]] == v for t in range(
                last + 1, span[0])) and "," not in s.words[span[0]:subj]:
            # "said after the convention he would ...", "told voters this weekend he would ...": when, not what
            span = (min(_subtree(s, subj, kids)), span[1])
        if span[0] < v < span[1]:
            # "donations, which he said were accompanied by X": the relative pronoun stands before the speaker;
            # what was said is the rest of the clause after the cue
            span = (last + 1, span[1]) if comp > last and s.deps[v] == "relcl" and subj == span[0] and s.words[
                subj].lower() in RELATIVE else None
        elif comp > v:
            span = (span[0], _joined_clause(s, v, span[1], kids))
    elif low in SAYING:
        span = _said_before(s, v, kids)
    of = next((c for c in kids[v] if s.deps[c] == "prep" and s.words[c].lower() == "of"), None)
    if span is None and low in CHARGE_VERBS and of is not None:
        # "accused Clinton's campaign of being duped": the charge; the accused belong to the cue
        obj = [k for k in kids[of] if s.deps[k] in ("pobj", "pcomp")]
        if obj:
            toks = _subtree(s, obj[0], kids)
            span = (min(toks), max(toks))
            cue = Span(text[cue.start:_tok_end(s, of)], cue.start, _tok_end(s, of))
    if span is None and (not _clause_only(low) or s.words[last].lower() == "about" or any(
            # "see the program as an opportunity", "found that action unconstitutional": a small clause
            s.deps[c] == "oprd" or (s.deps[c] == "prep" and s.words[c].lower() == "as")
            # "a 2014 study found 31 incidents": what a study finds is its content
            or (s.deps[c] == "nsubj" and s.lemmas[c].lower() in FINDERS) for c in kids[v])):
        span = _right_phrase(s, v, last, kids)
    passive = next((c for c in kids[v] if s.deps[c] == "nsubjpass"), None)
    if span is not None and passive is not None and passive < v < span[0] and not any(
            s.deps[c] == "agent" for c in kids[v]) and s.words[passive].lower() not in RELATIVE | {"what"} and \
            low != "intend":  # "the plan is intended to ...": what it is for, not what was said of it
        # "Mr. Quiros was accused of using ...", "The first attack was treated as a crime", "North Korea is
        # not thought to be capable of ...": said by no one named, of the subject: the whole clause
        span = (min(_subtree(s, passive, kids)), span[1])
    if span is None and passive is not None:
        # "was endorsed by dozens of papers": what was endorsed, by whom (if said)
        toks = _subtree(s, passive, kids, lambda c: s.deps[c] in ("relcl", "acl"))
        span = (min(toks), max(toks))
    return span, cue


def _joined_clause(s: Sentence, v: int, hi: int, kids) -> int:
    """The end of a reported clause with a clause the parser joined to the
    reporting verb right after it (', and there was “no evidence" yet that
    ...', 'but “nobody has the guts to ...”'): one with a subject of its own,
    no report of its own and words quoted from the speaker."""
    c = next((c for c in kids[v] if s.deps[c] == "conj" and c > hi), None)
    if c is None or not any(s.deps[k] == "cc" and k <= min(_subtree(s, c, kids)) for k in kids[v] + kids[c]):
        return hi
    toks = _subtree(s, c, kids)
    if min(toks) > hi + 3 or _is_cue(s, c) or not any(s.deps[k] in ("nsubj", "expl") for k in kids[c]) or any(
            s.pos[t] == "VERB" and _lemma(s, t) in SAYING for t in toks) or not any(
            s.words[t] in ("“", "”", '"', "''", "``") for t in toks):
        return hi  # the writer's words ("..., but that wasn't the case"); quoted words are the speaker's
    end = max(toks)
    while end > hi and s.pos[end] == "PUNCT" and s.words[end] not in ("”", '"', "''"):
        end -= 1
    return end


def _opening(text: str, start: int, before: int) -> int:
    """Where what was said opens in a sentence starting at ``start``: after
    the last paragraph break before ``before`` (a headline the parser ran
    on), a dateline ("WASHINGTON ― ") and a linking word ("But", "However,")."""
    start = max(start, text.rfind("\n", start, before) + 1)
    m = _DATELINE.match(text, start, before)
    if m:
        start = m.end()
    m = _LINK.match(text, start, before)
    return m.end() if m else start


def _said_before(s: Sentence, v: int, kids) -> tuple[int, int] | None:
    """"Language unclear on whether mothers are covered, experts say": a
    sentence closing on its subject and reporting verb after a comma states
    what comes before the comma, whatever the parser made of it."""
    if any(s.pos[k] != "PUNCT" for k in range(v + 1, len(s.words))):
        return None
    subj = next((k for k in kids[v] if s.deps[k] == "nsubj"), None)
    if subj is None:
        return None
    first = min(_subtree(s, subj, kids))
    if first < 2 or s.words[first - 1] != "," or any(s.deps[k] in ("aux", "neg") and k < first for k in kids[v]):
        return None
    if any(s.pos[k] == "VERB" and _lemma(s, k) in SAYING for k in range(first)):
        return None  # "X also said the videos do not show it, the footage showed": X's report, not this one
    return 0, first - 2


def _paragraph_cut(text: str, content: Span, cue: Span) -> Span:
    """A content the parser ran over a paragraph break, cut to the cue's
    side: "Headline.\n\nX is an insult, lawmakers said" is the last
    paragraph's; one after the cue ends at the break (and without the full
    stop of its sentence)."""
    nl = text.find("\n", content.start, content.end)
    if nl > 0 and content.end <= cue.start:
        return _span(text, text.rfind("\n", content.start, content.end) + 1, content.end)
    if nl > 0:
        content = _span(text, content.start, nl)
        if re.search(r"[a-z]\.$", content.text):
            content = Span(content.text[:-1], content.start, content.end - 1)
    return content


# links a verb without a subject of its own shares the subject of the verb above
_SHARE_SUBJECT = frozenset({"xcomp", "conj", "advcl", "pcomp", "prep", "pobj", "acomp", "ccomp"})


def _upper_subject(s: Sentence, v: int, kids, quoted=lambda off: False, steps: int = 5) -> int | None:
    """The subject of the nearest verb or adjective above ``v`` through
    complements, conjuncts and prepositions ("Trump avoids condemning X",
    "he won't be able to brag about Y", "began by saying"); a verb inside a
    quotation the parser joined it to is passed over ("“...,” Sanders said,
    suggesting ...")."""
    x = v
    for _ in range(steps):
        if s.deps[x] not in _SHARE_SUBJECT or s.heads[x] == x:
            return None
        x = s.heads[x]
        subj = next((c for c in kids[x] if s.deps[c] == "nsubj" and not quoted(s.offsets[c])), None)
        if subj is not None and not quoted(s.offsets[x]):
            return subj
    return None


def _pronoun(s: Sentence, t: int, persons, people: People) -> Actor:
    """"he"/"she" as the last person named before it (its actor when the
    article or the knowledge base says who they are, else the bare name).

    Not ``People.last`` (what :func:`~diurna.actors.actors_for` uses for
    "he"): that one only holds people whose country or role is known, while
    a speaker with no code ("the pollster Pat Caddell ... He added") is still
    named; the coding itself is ``People.lookup``."""
    off = s.offsets[t]
    word = s.words[t]
    last = next((e for e in reversed(persons) if e.end <= off), None)
    if last is None:
        return Actor(text=word, start=off, end=off + len(word), code="")
    name = re.sub(r"[’']s$", "", last.text).strip()
    known = people.lookup(name)
    country, sector, full = known if known else (None, None, name)
    return Actor(text=word, start=off, end=off + len(word), code=(country or "") + (sector or ""),
                 country=country, sector=sector, name=full)




def _felt(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
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
    cue_lo, cue_hi, _ = _cue(text, s, v, kids)
    toks = _subtree(s, obj, kids)
    speaker = _span(text, s.offsets[min(toks)], _tok_end(s, max(toks)))
    toks = _subtree(s, subj, kids)
    lo, hi = _trim(s, min(toks), max(toks))
    acts = actors_for(s, obj, kids, mentions, uncoded=True, people=people)
    return Quote(speaker, Span(text[cue_lo:cue_hi], cue_lo, cue_hi), _span(text, s.offsets[lo], _tok_end(s, hi)),
                 False, s.index, acts[0] if acts else None)


def _reported_by(s: Sentence, noun: int, kids) -> bool:
    """A message or document whose participle or relative clause reports
    what it says ("a statement calling ...", "a letter that says ...")."""
    if s.lemmas[noun].lower() not in MESSAGE_NOUNS | DOCUMENTS:
        return False
    return any(s.pos[k] == "VERB" and _is_cue(s, k) and (s.deps[k] == "acl" and s.tags[k] == "VBG" or (
        s.deps[k] == "relcl" and any(s.words[c].lower() in THING_RELATIVES and s.deps[c] == "nsubj"
                                     for c in kids[k]))) for k in kids[noun])


def _message(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
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
    if _reported_by(s, obj, kids):
        return None  # "sent a letter calling the test a violation": the participle's report, theirs
    if all(s.deps[k] == "det" and s.words[k].lower() in POINTING_DETERMINERS for k in kids[obj]) \
            and kids[obj]:
        return None  # "made the comments", "made this statement": a message said elsewhere
    cue_lo, cue_hi, _ = _cue(text, s, v, kids)
    toks = _subtree(s, obj, kids)
    lo, hi = _trim(s, min(toks), max(toks))
    acts = actors_for(s, subj, kids, mentions, uncoded=True, people=people)
    return Quote(_speaker(text, s, subj, v, kids), Span(text[cue_lo:cue_hi], cue_lo, cue_hi),
                 _span(text, s.offsets[lo], _tok_end(s, hi)), False, s.index, acts[0] if acts else None)




def _bare_frame(text, s: Sentence, v: int, kids, quotes) -> bool:
    """A verb with a subject and no object or clause of its own, next to a
    quotation: one closing on a comma, question or exclamation mark right
    before the subject or the verb ("“...?” Vitter demanded", "“...,” she
    continued"), or one opening right after a colon that follows the verb."""
    def quoted(c):
        return any(a <= s.offsets[c] < b for a, b in quotes)
    if s.pos[v] != "VERB" or not any(s.deps[c] == "nsubj" for c in kids[v]) or any(
            (s.deps[c] in _CORE or s.deps[c] == "dative") and not quoted(c) for c in kids[v] if c > v):
        return False
    if v + 1 < len(s.words) and s.words[v + 1] == ":":
        after = _tok_end(s, v + 1)
        return any(after <= a <= after + 3 for a, _ in quotes)
    first = min(min(_subtree(s, c, kids)) for c in kids[v] if s.deps[c] == "nsubj")
    lo = s.offsets[min(first, v)]
    return any(b <= lo and text[b:lo].strip(" ,") == "" and re.search(r"[,?!]\W{0,2}$", text[a:b])
               for a, b in quotes)


def _predicate(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
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
    prep = next((c for c in kids[pred] if c > pred and s.deps[c] == "prep" and s.words[c].lower() in STANCE_ADJ_PREPS), None)
    comp = next((k for k in kids[prep] if s.deps[k] in ("pobj", "pcomp")), None) if prep is not None else None
    last = prep
    if comp is None:  # "was sure Trump would win", "is determined to warn his supporters"
        comp = next((c for c in kids[pred] if c > pred and (s.deps[c] == "ccomp" or (
            s.deps[c] == "xcomp" and _infinitive(s, c, kids)))), None)
        last = pred
    if comp is None:
        return None
    cue_lo = _cue(text, s, v, kids)[0]
    lo, hi = _trim(s, *_content(s, comp, kids))
    if lo == hi and s.words[lo].lower() in EMPTY:
        return None
    acts = actors_for(s, subj, kids, mentions, uncoded=True, people=people)
    return Quote(_speaker(text, s, subj, v, kids), Span(text[cue_lo:_tok_end(s, last)], cue_lo, _tok_end(s, last)),
                 _span(text, s.offsets[lo], _tok_end(s, hi)), False, s.index, acts[0] if acts else None)


def _nominal(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"Trump's claim that there have been thousands of shootings": a noun
    of saying or believing with a that-clause, its owner the speaker."""
    poss = next((c for c in kids[v] if s.deps[c] == "poss"), None)
    comp = next((c for c in kids[v] if c > v and s.deps[c] in ("acl", "ccomp", "appos")
                 and _has_that(s, c, kids)), None)
    if comp is None and s.lemmas[v].lower() in INTENT_NOUNS:
        # "Clinton's plan to raise taxes", "his refusal to release his returns": the infinitive
        comp = next((c for c in kids[v] if c > v and s.deps[c] in ("acl", "xcomp") and _infinitive(s, c, kids)),
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
        if comp is not None and _setting(s, prep, kids):
            comp = None  # "his remarks on Saturday": when, not what about
        cue_end = prep if comp is not None else v
    if poss is None or comp is None:
        return None
    toks = _subtree(s, poss, kids)
    speaker = _span(text, s.offsets[min(toks)], _tok_end(s, max(toks)))
    lo, hi = _content(s, comp, kids)
    if cue_end != v:
        lo = min(_subtree(s, comp, kids))
    acts = actors_for(s, poss, kids, mentions, uncoded=True, people=people)
    return Quote(speaker, Span(text[s.offsets[v]:_tok_end(s, cue_end)], s.offsets[v], _tok_end(s, cue_end)),
                 _span(text, s.offsets[lo], _tok_end(s, hi)), False, s.index, acts[0] if acts else None)


def _headline(text, s: Sentence, names: set[str]) -> Quote | None:
    """"Sanders: Clinton needs to ...": a name, a colon and a statement at
    the head of a sentence (headlines, lists of reactions); the name is a
    person or organisation there, or a person the article names."""
    colon = next((i for i, w in enumerate(s.words[:5]) if w == ":"), None)
    if not colon or len(s.words) - colon < 5 or not all(w[:1].isupper() for w in s.words[:colon]):
        return None
    if not any(e.label in ("PERSON", "ORG") and e.start <= s.offsets[0] < e.end for e in s.entities) and \
            " ".join(s.words[:colon]).lower() not in names and not (
            colon == 1 and s.lemmas[0].lower() in HEADLINE_SOURCES):
        return None
    speaker = Span(text[s.offsets[0]:_tok_end(s, colon - 1)], s.offsets[0], _tok_end(s, colon - 1))
    content = _span(text, _tok_end(s, colon), s.end)
    return Quote(speaker, Span(":", s.offsets[colon], s.offsets[colon] + 1), content, False, s.index)


def _according(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    to = next((c for c in kids[v] if s.words[c].lower() == "to"), None)
    if to is None and v + 1 < len(s.words) and s.words[v + 1].lower() == "to":
        to = v + 1
    if to is None:
        return None
    return _prep_source(text, s, v, to, kids, mentions, people)






def _poll(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"In this poll, Trump rose 1 point", "she did not receive a bump in
    one of the first polls", "300,000 acres have been damaged, by one
    estimate": the preposition is the cue, its object the source and the
    rest of the sentence what it states."""
    pobj = next((c for c in kids[v] if s.deps[c] == "pobj"), None)
    if pobj is None:
        return None
    head = pobj
    if s.lemmas[pobj].lower() in SOURCE_QUANTIFIERS and any(
            s.words[c].lower() == "of" for c in kids[pobj]):
        head = next((k for c in kids[pobj] if s.words[c].lower() == "of" for k in kids[c] if s.deps[k] == "pobj"), pobj)
    if s.lemmas[head].lower() not in POLL_NOUNS:
        return None
    return _prep_source(text, s, v, v, kids, mentions, people)


def _prep_source(text, s: Sentence, v: int, to: int, kids, mentions, people) -> Quote | None:
    """The source governed by preposition ``to`` of cue word ``v`` ("according
    to X", "in X"); the content is the sentence before the cue, or after the
    source when the cue opens the sentence."""
    pobj = next((c for c in kids[to] if s.deps[c] == "pobj"), None)
    if pobj is None and s.words[v].lower() == "according":
        # "according to show insiders" with "show" read as a verb: the words after "to" closing the sentence
        rest = [t for t in range(to + 1, len(s.words)) if s.pos[t] != "PUNCT"]
        if rest and len(rest) <= 6 and rest[-1] - to == len(rest) and "," not in s.words[to + 1:rest[-1]]:
            pobj = max(rest, key=lambda t: s.pos[t] in ("NOUN", "PROPN"))
            toks = rest
    elif pobj is not None:
        toks = _subtree(s, pobj, kids)  # the whole source: "a complaint filed by the SEC and ..."
    if pobj is None:
        return None
    lo, hi = min(toks), max(toks)
    while hi > lo and s.pos[hi] == "PUNCT":
        hi -= 1
    speaker = _closed(text, _span(text, s.offsets[lo], _tok_end(s, hi)))
    acts = actors_for(s, pobj, kids, mentions, uncoded=True, people=people)
    cue = Span(text[s.offsets[v]:_tok_end(s, to)], s.offsets[v], _tok_end(s, to))
    # content: the sentence without the "according to X" phrase, a leading "But" or "And"
    # or a stray mark before a paragraph break
    if s.offsets[v] - s.start < 3:
        content = _span(text, _tok_end(s, hi), s.end)
    else:
        start = s.start
        nl = text.rfind("\n", s.start, s.offsets[v])
        if nl >= 0:
            start = nl + 1
        m = _LINK.match(text[start:s.offsets[v]])
        content = _span(text, start + (m.end() if m else 0), s.offsets[v])
    content = Span(content.text.rstrip("."), content.start, content.start + len(content.text.rstrip(".")))
    return Quote(speaker, cue, content, False, s.index, acts[0] if acts else None)


def quotes_jsonl(lines: Iterable[str], nlp, batch_size: int = 32) -> Iterator[str]:
    """JSONL in ``{"id", "text", "date"?}``; JSONL out ``{"id", "quotes": [...]}``.

    Read and parsed ``batch_size`` records at a time (a text longer than
    :data:`diurna.nlp.PIECE_CHARS` in pieces); a bad line gives ``{"id",
    "error": "line N: <reason>"}``, a record whose parse or attribution
    raises ``{"id", "error": "<stage>: <type>: <message>"}``, and the stream
    goes on (:func:`diurna.nlp.stream_records`)."""
    from .nlp import stream_records

    def emit(rec, sents):
        qs = find_quotes(rec["text"], sents, rec.get("date"))
        return {"id": rec.get("id"), "quotes": [q.to_json() for q in qs]}

    return stream_records(lines, emit, "quotes", nlp, batch_size)
