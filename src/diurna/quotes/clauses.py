"""Reported clauses: what a verb of saying reports.

The clause after the cue ("said that France was pursuing ..."), with its
"that" and with a second "that" clause joined to it, or before a main verb
("X, sources said"); what comes before the comma of a sentence closing on
"..., experts say."; else the charge of "accused X of", what a verb of
stance states (:mod:`.phrases`), the subject of a passive ("was endorsed by
X"); a passive naming no speaker has its whole clause
(:func:`stated_tokens`).  Mended here: clauses and indirect questions the
small parser hangs on the wrong word ("have not said when ...", "told X on
a regular basis that ..."), a sentence it split before a capitalised word
(:func:`run_on_content`).  Left out of a clause: a leading "And"/"But" or
linking adverb, a closing aside after a comma (", which ...", a participle
that reports something itself: ", citing X"), a report joined to it ("...
and said ...").
"""

from __future__ import annotations

import re

from ..lexicon.quotes import ASIDE_RELATIVES, CHARGE_VERBS, FINDERS, LINKING_PHRASES, RELATIVE, SAID_NOUNS, \
    THATLESS_REPORTERS, WH
from ..lexicon.reporting import SAYING
from ..records import Sentence, Span
from .context import ArticleContext
from .cues import cue_lemma, is_cue, reports_clause_only
from .phrases import stated_phrase
from .spans import opens_with_that, subtree, token_end, trimmed_span


def clause_tokens(s: Sentence, comp: int, kids) -> tuple[int, int]:
    """Tokens of a reported clause, without a coordinated report of its own
    ("X says Y promised Z *and said* ...") or a closing aside after a comma."""
    def skip(c):  # not "... and that she would respond later": a second reported clause
        return s.deps[c] == "conj" and is_cue(s, c) and s.lemmas[c].lower() in SAYING and \
            not opens_with_that(s, c, kids)
    toks = subtree(s, comp, kids, skip)
    lo, hi = min(toks), max(toks)
    # cut before a conjunction left dangling by the cut ("... Clinton and")
    while hi > lo and (s.deps[hi] in ("cc", "punct") and s.words[hi] not in ("”", '"', "''", ")")):
        hi -= 1
    return lo, hi


def trim_clause(s: Sentence, lo: int, hi: int) -> tuple[int, int]:
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
                s.tags[k] == "VBG" and s.deps[k] in ("advcl", "acl", "xcomp", "conj") and reports_itself(s, k, hi))):
            return lo, k - 2
    return lo, hi


def reports_itself(s: Sentence, k: int, hi: int) -> bool:
    """A participle after a comma is an attribution of its own (", saying
    ...", ", citing ...", ", engaging in what analysts described as ..."),
    not part of the clause before it (", beginning in January 2017",
    ", leaving no money for X"), when a verb of saying is among its words."""
    return any(s.pos[t] == "VERB" and is_cue(s, t) for t in range(k, hi + 1))


def run_on_content(art: ArticleContext, s: Sentence, content: Span) -> Span:
    """A content ending a sentence that does not end with a stop, when the
    next sentence goes on in the same paragraph, goes on with it: the small
    model splits sentences before a capitalised word ("Clinton cited
    disparaging remarks | Trump had made about Machado as examples of ...")."""
    k = s.index + 1
    if k >= len(art.sentences) or art.sentences[s.index] is not s or not s.words[-1][-1:].isalnum():
        return content
    nxt = art.sentences[k]
    if "\n" in art.text[s.end:nxt.start] or art.quoted(nxt.start) or any(
            nxt.pos[i] == "VERB" and cue_lemma(nxt, i) in SAYING for i in range(len(nxt.words))):
        return content  # not into a report of its own ("... 13th | Amendment was ...,” she said")
    end = nxt.end - 1 if art.text[nxt.end - 1:nxt.end] == "." else nxt.end
    return trimmed_span(art.text, content.start, end)


def reported_clause(text, s: Sentence, v: int, last: int, kids, cue: Span) -> int | None:
    """The clause a verb reports: after the cue ("said that ..."), else
    before a main verb ("X, sources said"); not one in the next paragraph (a
    sentence the parser ran on)."""
    comp = next((c for c in kids[v] if s.deps[c] in ("ccomp", "parataxis") and c > last and not (
        s.deps[c] == "parataxis" and is_cue(s, c)) or (
        # "tweeted in the early hours that X was ...": the small parser may call it advcl
        s.deps[c] == "advcl" and c > last and s.words[min(subtree(s, c, kids))].lower() == "that")), None)
    if comp is None and cue_lemma(s, v) in SAYING and not any(s.deps[c] in ("dobj", "obj") for c in kids[v]):
        # "have not said when they would take it up", "asked whether ...": a question, which the small
        # parser hangs on the verb as an adverbial clause
        comp = next((c for c in kids[v] if s.deps[c] == "advcl" and c > last and s.words[
            min(subtree(s, c, kids))].lower() in WH and any(s.deps[k] == "nsubj" for k in kids[c])), None)
        if comp is None and s.lemmas[v].lower() in THATLESS_REPORTERS:
            # "said after the convention he would not accept X": a finite clause with a subject and no
            # conjunction of its own, which the parser hung on the verb as an adverbial clause
            comp = next((c for c in kids[v] if s.deps[c] == "advcl" and c > last and s.tags[c] in (
                "VBD", "VBZ", "VBP", "VB") and any(s.deps[k] == "nsubj" and k < c for k in kids[c]) and not any(
                s.deps[k] == "mark" for k in kids[c]) and (s.tags[c] != "VB" or any(
                s.tags[k] == "MD" for k in kids[c]))), None)
    if comp is None and cue_lemma(s, v) in SAYING:
        comp = stray_that_clause(s, v, last, kids)
    if comp is not None and "\n" in text[cue.end:s.offsets[min(subtree(s, comp, kids))]]:
        comp = None
    if comp is None and s.deps[v] == "ROOT":
        comp = next((c for c in kids[v] if s.deps[c] in ("ccomp", "parataxis") and c < v and not (
            s.deps[c] == "parataxis" and is_cue(s, c))), None)
        # not a sentence of the paragraph before, nor what a colon opens ("We have been here before:
        # Osama bin Laden declared war")
        if comp is not None and re.search(r"[\n:]", text[token_end(s, max(subtree(s, comp, kids))):cue.start]):
            comp = None
    return comp


def stray_that_clause(s: Sentence, v: int, last: int, kids) -> int | None:
    """A "that" clause the parser hung on a noun of the reporting verb's
    object or adjunct ("told one of his protégés on a regular basis that
    ...", "said in a statement that ..."): reported by the verb, unless
    that noun is its object and a noun of saying ("repeated the claim that")."""
    for c in kids[v]:
        if c <= last or s.deps[c] not in ("dobj", "obj", "prep", "npadvmod", "dative"):
            continue
        for k in subtree(s, c, kids):
            h = s.heads[k]
            if k > c and s.deps[k] in ("acl", "relcl", "ccomp") and s.pos[h] in ("NOUN", "PROPN") and (
                    # "said in a statement that ...": the clause is what was said in it
                    s.lemmas[h].lower() not in SAID_NOUNS or s.deps[h] == "pobj") and any(
                        s.deps[m] == "mark" and s.words[m].lower() == "that" and m == min(subtree(s, k, kids))
                        for m in kids[k]):
                return k
    return None


def stated_tokens(text, s: Sentence, v: int, last: int, kids, cue: Span) -> tuple[tuple[int, int] | None, Span]:
    """The tokens (first, last) of what verb ``v`` reports and the cue,
    longer for "accused X of": its reported clause, else the charge of
    "accused"/"suspected", else what a stance verb states, else the subject
    of a passive ("was endorsed by X")."""
    low = cue_lemma(s, v)
    span = None
    comp = reported_clause(text, s, v, last, kids, cue)
    if comp is not None:
        span = reported_clause_tokens(s, v, last, comp, kids)
    elif low in SAYING:
        span = said_before_comma(s, v, kids)
    of = next((c for c in kids[v] if s.deps[c] == "prep" and s.words[c].lower() == "of"), None)
    if span is None and low in CHARGE_VERBS and of is not None:
        # "accused Clinton's campaign of being duped": the charge; the accused belong to the cue
        obj = [k for k in kids[of] if s.deps[k] in ("pobj", "pcomp")]
        if obj:
            toks = subtree(s, obj[0], kids)
            span = (min(toks), max(toks))
            cue = Span(text[cue.start:token_end(s, of)], cue.start, token_end(s, of))
    if span is None and (not reports_clause_only(low) or s.words[last].lower() == "about" or any(
            # "see the program as an opportunity", "found that action unconstitutional": a small clause
            s.deps[c] == "oprd" or (s.deps[c] == "prep" and s.words[c].lower() == "as")
            # "a 2014 study found 31 incidents": what a study finds is its content
            or (s.deps[c] == "nsubj" and s.lemmas[c].lower() in FINDERS) for c in kids[v])):
        span = stated_phrase(s, v, last, kids)
    passive = next((c for c in kids[v] if s.deps[c] == "nsubjpass"), None)
    if span is not None and passive is not None and passive < v < span[0] and not any(
            s.deps[c] == "agent" for c in kids[v]) and s.words[passive].lower() not in RELATIVE | {"what"} and \
            low != "intend":  # "the plan is intended to ...": what it is for, not what was said of it
        # "Mr. Quiros was accused of using ...", "The first attack was treated as a crime", "North Korea is
        # not thought to be capable of ...": said by no one named, of the subject: the whole clause
        span = (min(subtree(s, passive, kids)), span[1])
    if span is None and passive is not None:
        # "was endorsed by dozens of papers": what was endorsed, by whom (if said)
        toks = subtree(s, passive, kids, lambda c: s.deps[c] in ("relcl", "acl"))
        span = (min(toks), max(toks))
    return span, cue


def reported_clause_tokens(s: Sentence, v: int, last: int, comp: int, kids) -> tuple[int, int] | None:
    """The tokens (first, last) of clause ``comp`` that verb ``v`` (its cue
    ending at token ``last``) reports: without an adjunct of the cue before
    its subject, after the cue when the clause holds it, with a clause
    joined to the verb that goes on what was said."""
    span = clause_tokens(s, comp, kids)
    subj = next((k for k in kids[comp] if s.deps[k] in ("nsubj", "nsubjpass")), None)
    adjunct = next((c for c in kids[comp] if s.deps[c] in ("prep", "npadvmod") and c < (subj or 0) and min(
        subtree(s, c, kids)) == span[0]), None)
    if adjunct is not None and span[0] > last and all(s.heads[t] == v or s.heads[s.heads[t]] == v for t in range(
            last + 1, span[0])) and "," not in s.words[span[0]:subj]:
        # "said after the convention he would ...", "told voters this weekend he would ...": when, not what
        span = (min(subtree(s, subj, kids)), span[1])
    if span[0] < v < span[1]:
        # "donations, which he said were accompanied by X": the relative pronoun stands before the speaker;
        # what was said is the rest of the clause after the cue
        span = (last + 1, span[1]) if comp > last and s.deps[v] == "relcl" and subj == span[0] and s.words[
            subj].lower() in RELATIVE else None
    elif comp > v:
        span = (span[0], joined_clause_end(s, v, span[1], kids))
    return span


def joined_clause_end(s: Sentence, v: int, hi: int, kids) -> int:
    """The end of a reported clause with a clause the parser joined to the
    reporting verb right after it (', and there was “no evidence" yet that
    ...', 'but “nobody has the guts to ...”'): one with a subject of its own,
    no report of its own and words quoted from the speaker."""
    c = next((c for c in kids[v] if s.deps[c] == "conj" and c > hi), None)
    if c is None or not any(s.deps[k] == "cc" and k <= min(subtree(s, c, kids)) for k in kids[v] + kids[c]):
        return hi
    toks = subtree(s, c, kids)
    if min(toks) > hi + 3 or is_cue(s, c) or not any(s.deps[k] in ("nsubj", "expl") for k in kids[c]) or any(
            s.pos[t] == "VERB" and cue_lemma(s, t) in SAYING for t in toks) or not any(
            s.words[t] in ("“", "”", '"', "''", "``") for t in toks):
        return hi  # the writer's words ("..., but that wasn't the case"); quoted words are the speaker's
    end = max(toks)
    while end > hi and s.pos[end] == "PUNCT" and s.words[end] not in ("”", '"', "''"):
        end -= 1
    return end


def said_before_comma(s: Sentence, v: int, kids) -> tuple[int, int] | None:
    """"Language unclear on whether mothers are covered, experts say": a
    sentence closing on its subject and reporting verb after a comma states
    what comes before the comma, whatever the parser made of it."""
    if any(s.pos[k] != "PUNCT" for k in range(v + 1, len(s.words))):
        return None
    subj = next((k for k in kids[v] if s.deps[k] == "nsubj"), None)
    if subj is None:
        return None
    first = min(subtree(s, subj, kids))
    if first < 2 or s.words[first - 1] != "," or any(s.deps[k] in ("aux", "neg") and k < first for k in kids[v]):
        return None
    if any(s.pos[k] == "VERB" and cue_lemma(s, k) in SAYING for k in range(first)):
        return None  # "X also said the videos do not show it, the footage showed": X's report, not this one
    return 0, first - 2
