"""The attribution a verb cues.

In this order (:func:`verb_quote`): a verb whose object holds the stance
("That worries environmentalists"); a cue verb, or any verb with a subject
and a "that" clause, or any verb with a subject next to a quotation ("“...?”
Vitter demanded", "Caddell continued: “...”", :func:`is_bare_frame`), takes
its speaker (:mod:`.subjects`, :mod:`.speakers`) and cue (:mod:`.cues`),
then, for a verb of saying, the quotation next to it (:mod:`.quotations`)
or, in the middle of a sentence (", he told me on Friday,"), the whole
sentence (:func:`is_mid_aside`); "as X put it" states the clause it hangs
on; else what the verb states (:mod:`.clauses`).  A verb that cues nothing
may still name a message it sent or a stance stated with "be" (:mod:`.frames`).
"""

from __future__ import annotations

import re

from ..lexicon.quotes import ASIDE_TAIL_STOPS, EMPTY, FELT_BY_OBJECT
from ..lexicon.reporting import SAYING
from ..records import Actor, Quote, Sentence, Span
from .clauses import run_on_content, stated_tokens, trim_clause
from .context import ArticleContext, SentenceContext
from .cues import cue_extent, cue_lemma, is_as_put_it, is_cue, states_that_clause
from .frames import copula_stance, felt_by_object, message_quote
from .phrases import CORE
from .quotations import direct_quote, reports_unquoted_clause
from .spans import content_opening, cut_at_paragraph, subtree, token_end, trimmed_span, without_stop
from .speakers import speaker_and_actor
from .subjects import verb_subject

# words after the cue of an aside, before its closing comma: "me on Friday", "in an interview"
ASIDE_TAIL = re.compile(r"(?:\s+(?!" + "|".join(w + r"\b" for w in ASIDE_TAIL_STOPS) + r")[\w’'.-]+){1,5}(?=,)")


def is_mid_aside(text: str, s: Sentence, speaker: Span, cue_hi: int) -> bool:
    """", he said," in the middle of a sentence: a comma before the speaker
    and after the cue (and the few words that go with it: ", he told me on
    Friday,"), and words of the sentence on both sides."""
    before = text[s.start:speaker.start].rstrip()
    after = text[cue_hi:s.end]
    m = ASIDE_TAIL.match(after)
    if m and not any(s.pos[k] in ("VERB", "AUX") for k in range(len(s.words))
                     if cue_hi <= s.offsets[k] < cue_hi + m.end()):
        after = after[m.end():]
    return before.endswith(",") and len(before.split()) >= 2 and after.startswith(",") and len(after.split()) >= 3 \
        and not re.search(r"[“”\"]", before[-3:]) and not re.match(r",\s*[“\"]", after)


def verb_quote(art: ArticleContext, c: SentenceContext, v: int) -> Quote | None:
    """The attribution a verb cues: a direct quotation next to it, an aside
    (", he said,"), an "as X put it" clause, else what it states."""
    s, text, kids = c.s, art.text, c.kids
    if s.pos[v] not in ("VERB", "AUX") or (v > 1 and s.words[v - 2].lower() == "according"):
        return None  # every frame below has a verb; "according to show insiders" has none
    low = cue_lemma(s, v)
    if low in FELT_BY_OBJECT:
        q = felt_by_object(text, s, v, kids, c.mentions, art.people)
        if q is not None:
            return q
    put_it = is_as_put_it(s, v, kids)
    cue_word = is_cue(s, v) or states_that_clause(s, v, kids) or put_it
    # any verb with a subject and nothing stated after it, next to a quotation ("“...?” Vitter
    # demanded", "Caddell continued: “...”"): its speaker and cue, nothing else
    bare = (not cue_word or low not in SAYING) and is_bare_frame(text, s, v, kids, art.quotes)
    if not cue_word and not bare:
        return message_quote(text, s, v, kids, c.mentions, art.people) or \
            copula_stance(text, s, v, kids, c.mentions, art.people)
    stance = low not in SAYING and not bare
    cue_lo, cue_hi, last = cue_extent(text, s, v, kids)
    found = verb_subject(art, c, v)
    if found is None:
        return None
    subj, inherited, head_cue = found
    if head_cue is not None:
        cue_lo = head_cue
    speaker, actor = speaker_and_actor(art, c, subj, v)
    cue = Span(text[cue_lo:cue_hi], cue_lo, cue_hi)
    asked = s.tags[v] == "VBN" and s.deps[v] == "advcl"  # "Asked about X, Clinton said: “...”": hers
    if not stance and not asked and not (inherited and s.tags[v] != "VBG"):  # the main verb takes the quotation
        content = direct_quote(art, s, speaker, cue, reports_unquoted_clause(art, s, v, kids))
        if content is not None:
            return Quote(speaker, cue, content, True, s.index, actor)
    if bare and not cue_word:
        return None
    if not stance and speaker is not None and speaker.start < cue_lo and is_mid_aside(text, s, speaker, cue_hi):
        return mid_aside_quote(text, s, speaker, cue, actor)
    as_ = next((k for k in kids[v] if k < v and s.deps[k] == "mark" and s.words[k].lower() == "as"), None)
    if as_ is not None and s.deps[v] == "advcl" and speaker is not None and (not stance or put_it) and not any(
            s.deps[k] in CORE for k in kids[v] if k > v and not put_it):
        return as_clause_quote(text, s, v, kids, speaker, cue, actor, put_it)
    return stated_quote(art, c, v, last, speaker, cue, actor)


def mid_aside_quote(text: str, s: Sentence, speaker: Span, cue: Span, actor: Actor | None) -> Quote:
    """"Even if ..., Mr. Morgan said, he has already ...": the whole sentence
    around the aside, up to a paragraph break (a sentence the parser ran
    on); "X, he said, and Y": X, the clause it closes."""
    end = text.find("\n", cue.end, s.end)
    end = s.end if end < 0 else end
    if re.match(r"[^,]{0,40},\s+(?:and|but)\s", text[cue.end:end]):
        end = speaker.start
    content = without_stop(trimmed_span(text, content_opening(text, s.start, speaker.start), end))
    return Quote(speaker, cue, content, False, s.index, actor)


def stated_quote(art: ArticleContext, c: SentenceContext, v: int, last: int, speaker: Span | None, cue: Span,
                 actor: Actor | None) -> Quote | None:
    """The attribution of what verb ``v`` (its cue ending at token ``last``)
    reports or states (:func:`~.clauses.stated_tokens`), if anything."""
    s, text, kids = c.s, art.text, c.kids
    span, cue = stated_tokens(text, s, v, last, kids, cue)
    if span is None:
        return None
    lo, hi = trim_clause(s, *span)
    if lo == hi and s.words[lo].lower() in EMPTY:
        return None
    content = cut_at_paragraph(text, trimmed_span(text, s.offsets[lo], token_end(s, hi)), cue)
    if not content.text:
        return None
    if hi == len(s.words) - 1 and cue.end <= content.start:
        content = run_on_content(art, s, content)
    return Quote(speaker, cue, content, any(a <= content.start and content.end <= b for a, b in art.quotes),
                 s.index, actor)


def as_clause_quote(text, s: Sentence, v: int, kids, speaker, cue: Span, actor, put_it: bool) -> Quote | None:
    """"..., as a Homeland Security memo put it", "as the minister noted,
    ...": the clause the "as" clause hangs on."""
    clause = subtree(s, v, kids)
    lo, hi = (0, min(clause) - 1) if min(clause) > 0 else (max(clause) + 1, len(s.words) - 1)
    while hi > lo and s.pos[hi] == "PUNCT" and s.words[hi] not in ("”", '"', "''"):
        hi -= 1
    if hi <= lo:
        return None
    lo, hi = trim_clause(s, lo, hi)
    if put_it:
        cue = Span(text[cue.start:token_end(s, v + 1)], cue.start, token_end(s, v + 1))
    return Quote(speaker, cue, trimmed_span(text, s.offsets[lo], token_end(s, hi)), False, s.index, actor)


def is_bare_frame(text, s: Sentence, v: int, kids, quotes) -> bool:
    """A verb with a subject and no object or clause of its own, next to a
    quotation: one closing on a comma, question or exclamation mark right
    before the subject or the verb ("“...?” Vitter demanded", "“...,” she
    continued"), or one opening right after a colon that follows the verb."""
    def quoted(c):
        return any(a <= s.offsets[c] < b for a, b in quotes)
    if s.pos[v] != "VERB" or not any(s.deps[c] == "nsubj" for c in kids[v]) or any(
            (s.deps[c] in CORE or s.deps[c] == "dative") and not quoted(c) for c in kids[v] if c > v):
        return False
    if v + 1 < len(s.words) and s.words[v + 1] == ":":
        after = token_end(s, v + 1)
        return any(after <= a <= after + 3 for a, _ in quotes)
    first = min(min(subtree(s, c, kids)) for c in kids[v] if s.deps[c] == "nsubj")
    lo = s.offsets[min(first, v)]
    return any(b <= lo and text[b:lo].strip(" ,") == "" and re.search(r"[,?!]\W{0,2}$", text[a:b])
               for a, b in quotes)
