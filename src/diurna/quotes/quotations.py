"""Quotation marks and direct quotes.

Where the quotations of a text are (:func:`quote_spans`: curly, straight
and doubled-apostrophe marks, a quotation over several paragraphs), and
which one a speaker and cue take (:func:`direct_quote`): the quotation
right before them (“...,” he said) or right after them (he said: “...”),
joined with its second half when split around them (“A,” he said. “B.”),
from the start of its sentence when it opens inside its clause, on to the
end of the sentence when the sentence goes on after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicon.quotes import BEFORE_ING_NOUN, ING_NOUNS
from ..records import Sentence, Span
from .spans import subtree, token_end

if TYPE_CHECKING:
    from .context import ArticleContext

# a quotation mark that opens, closes, or does either (straight quotes, the '' of some wires)
QUOTE_MARK = re.compile(r"“|”|``|''|\"|\n")

# between the two halves of a split quotation: the speaker and cue and what goes with
# them, in one paragraph, closing on a stop or comma (“A,” he said on Friday in X. “B.”)
SPLIT_GAP = r"[^“”\"\n]{0,200}[.,:] ?"


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the quotations of a text, quotation marks included.

    Curly, straight and doubled-apostrophe quotes; a quotation whose paragraph
    ends without closing it continues when the next paragraph opens with a
    quotation mark (the convention for quotes over several paragraphs); an
    opening mark left unclosed at the end of its paragraph is dropped."""
    out: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in QUOTE_MARK.finditer(text):
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


def quote_left_open(words: list[str]) -> bool:
    """Whether a quotation opened in ``words`` is still open at their end."""
    straight = words.count('"') + words.count("''") + words.count("``")
    return words.count("“") > words.count("”") or straight % 2 == 1


def adjacent_quote(text: str, quotes, used, lo: int, hi: int, para_end: int, sent_start: int):
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


# a participle between the halves of a split quotation: “A,” he said, adding later, “B” (B is the adding's);
# not a noun in "-ing" after a determiner or preposition ("in her ruling", "at a briefing") nor "during"
ADDING = re.compile("".join(rf"(?<!\b{w} )" for w in BEFORE_ING_NOUN)
                    + r"\b(?!" + "|".join(w + r"\b" for w in ING_NOUNS) + r")\w+ing\b[^,.]*,\s*$")


def reports_unquoted_clause(art: ArticleContext, s: Sentence, v: int, kids) -> bool:
    """Whether verb ``v`` reports a clause of unquoted words right after it
    ("said she wanted ...", not “A,” he said, “B.”)."""
    for c in kids[v]:
        if s.deps[c] == "ccomp" and c > v:
            first = min(subtree(s, c, kids))
            if not art.quoted(s.offsets[first]) and "," not in s.words[v + 1:first] and \
                    not re.search(r"[“”\"\n]|''", art.text[token_end(s, v):s.offsets[first]]):
                return True
    return False


def direct_quote(art: ArticleContext, s: Sentence, speaker: Span | None, cue: Span,
                 clause_after: bool = False) -> Span | None:
    """The quotation next to the speaker and cue (taken: no other cue gets
    it), joined with its second half when split around them; None if there
    is none.  A quotation before them is not what a verb reporting a clause
    after it says ('On “The Steve Harvey Show,” Clinton said she ...')."""
    text, quotes = art.text, art.quotes
    lo = min(cue.start, speaker.start if speaker else cue.start)
    hi = max(cue.end, speaker.end if speaker else cue.end)
    para_end = text.find("\n", hi)
    near = adjacent_quote(text, quotes, art.used, lo, hi, len(text) if para_end < 0 else para_end, s.start)
    if near is None or (near[1] == "before" and clause_after):
        return None
    k, where = near
    art.used.add(k)
    a, b = quotes[k]
    if where == "before":
        # split around the cue: “A,” he said. “B.”
        nxt = next((j for j, (x, _) in enumerate(quotes) if x >= hi), None)
        gap = text[hi:quotes[nxt][0]] if nxt is not None else ""
        if nxt is not None and nxt not in art.used and re.fullmatch(SPLIT_GAP, gap) and not ADDING.search(gap) \
                and not sentence_goes_on(art, quotes[nxt][1]):
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
    end = sentence_end(art, b)
    tail = text[b:end]
    if where == "after" and re.match(r" [a-z]", tail) and text[b - 2:b - 1] not in (",", "?", "!") and \
            "\n" not in tail and not re.search(r"[“”\"]|''", tail):
        b = end - 1 if text[end - 1] == "." else end
    return Span(text[a:b], a, b)


def sentence_end(art: ArticleContext, b: int) -> int:
    """The end of the sentence a quotation closing at ``b`` ends in (``b`` outside any)."""
    x = art.sentence_at(b - 1)
    return b if x is None else x.end


def sentence_goes_on(art: ArticleContext, b: int) -> bool:
    """Whether the sentence goes on with words after a quotation closing at
    ``b`` (“B” to drive up the stock price, she said): then the quotation
    is part of a clause of its own, not the second half of one before."""
    end = sentence_end(art, b)
    nl = art.text.find("\n", b, end)
    return re.search(r"\w", art.text[b:end if nl < 0 else nl]) is not None
