"""Spans as annotators mark them, and the token helpers every rule uses.

A span of what was said or of who said it is cut from the text here:
edges trimmed of spaces and punctuation with the quotation marks around
the words kept (:func:`trimmed_span`), a bracket it opens closed, a
closing full stop dropped, a paragraph break the parser ran over cut to
the cue's side (:func:`cut_at_paragraph`), a dateline and a linking word
("But", "However,") left out of its opening (:func:`content_opening`).
"""

from __future__ import annotations

import re

from ..lexicon.quotes import LINKING_ADVERBS, LINKING_CONJUNCTIONS
from ..records import Sentence, Span

# a dateline opening a paragraph: "BRUSSELS - ", "WASHINGTON (AP) — ", "NEW YORK, Jan. 5 -- "
DATELINE = re.compile(r"[A-Z][A-Z.,' ]+(?:\([^)]*\))?,?(?: [A-Z][a-z]+\.? \d+)?(?: \([A-Z]+\))?\s*[-—–―]+\s+")

# a linking word opening a sentence, not part of what was said ("But ...", "However, ...")
LINK = re.compile(r"(?:(?:" + "|".join(LINKING_CONJUNCTIONS) + r")\b,?|" + "|".join(a + "," for a in LINKING_ADVERBS)
                   + r")\s+")


def without_stop(sp: Span) -> Span:
    """A span without the full stop closing it."""
    return Span(sp.text[:-1], sp.start, sp.end - 1) if sp.text.endswith(".") else sp


def trimmed_span(text: str, lo: int, hi: int) -> Span:
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


def token_end(s: Sentence, i: int) -> int:
    """The offset just after token ``i``."""
    return s.offsets[i] + len(s.words[i])


def subtree(s: Sentence, t: int, kids, skip=lambda c: False) -> list[int]:
    """Token ``t`` and every token below it (``kids``: children lists), not
    into a child ``skip`` is true of; in no particular order."""
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(c for c in kids[x] if not skip(c))
    return out


def opens_with_that(s: Sentence, c: int, kids) -> bool:
    """Whether clause ``c`` opens with the conjunction "that"."""
    return any(s.deps[k] == "mark" and s.words[k].lower() == "that" for k in kids[c])


def is_infinitive(s: Sentence, c: int, kids) -> bool:
    """Whether verb ``c`` is an infinitive with "to"."""
    return any(s.words[k].lower() == "to" and s.deps[k] == "aux" for k in kids[c])


def with_bracket_closed(text: str, sp: Span) -> Span:
    """A span with the bracket it opens closed: "the Alliance (AROS)"."""
    if sp.text.count("(") > sp.text.count(")") and text[sp.end:sp.end + 1] == ")":
        return Span(text[sp.start:sp.end + 1], sp.start, sp.end + 1)
    return sp


def content_opening(text: str, start: int, before: int) -> int:
    """Where what was said opens in a sentence starting at ``start``: after
    the last paragraph break before ``before`` (a headline the parser ran
    on), a dateline ("WASHINGTON ― ") and a linking word ("But", "However,")."""
    start = max(start, text.rfind("\n", start, before) + 1)
    m = DATELINE.match(text, start, before)
    if m:
        start = m.end()
    m = LINK.match(text, start, before)
    return m.end() if m else start


def cut_at_paragraph(text: str, content: Span, cue: Span) -> Span:
    """A content the parser ran over a paragraph break, cut to the cue's
    side: "Headline.\n\nX is an insult, lawmakers said" is the last
    paragraph's; one after the cue ends at the break (and without the full
    stop of its sentence)."""
    nl = text.find("\n", content.start, content.end)
    if nl > 0 and content.end <= cue.start:
        return trimmed_span(text, text.rfind("\n", content.start, content.end) + 1, content.end)
    if nl > 0:
        content = trimmed_span(text, content.start, nl)
        if re.search(r"[a-z]\.$", content.text):
            content = Span(content.text[:-1], content.start, content.end - 1)
    return content
