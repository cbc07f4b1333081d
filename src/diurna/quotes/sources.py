"""Sources named without a verb: headlines, "according to", polls.

* a headline colon: "Sanders: Clinton needs to ...", "Poll: ..." — a name
  the article gives a person or organisation, or a word naming a source
  (:func:`colon_headline`);
* a headline in title case, which the small model reads as one long name:
  "Sanders Vows To Eliminate Tax Breaks" — the first cue verb's form after
  a capitalised name (:func:`title_case_headline`);
* "according to X" and a poll or estimate named by "in"/"by" ("In this
  poll, ...", "by one estimate"): the preposition is the cue, its object
  the source, the rest of the sentence what it states (:func:`preposition_source`).
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..actors import actors_for
from ..lexicon.quotes import HEADLINE_SOURCES, POLL_NOUNS, SOURCE_QUANTIFIERS
from ..records import Quote, Sentence, Span
from .cues import cue_lemmas, mended_lemma
from .spans import LINK, subtree, token_end, trimmed_span, with_bracket_closed, without_stop


def is_title_verb(s: Sentence, i: int) -> bool:
    """A cue verb in a title: a third person ("Sanders Vows") or a base
    form after a plural ("Lawmakers Rip"), not the subject of another verb
    ("Power Plant Rules Face ...")."""
    w = s.words[i].lower()
    lem = mended_lemma(w, w)
    if lem not in cue_lemmas() or s.deps[i] in ("nsubj", "nsubjpass"):
        return False
    return (lem != w and w.endswith("s")) or re.search(r"[^su]s$", s.words[i - 1]) is not None


def title_case_headline(text: str, s: Sentence) -> Quote | None:
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
        elif i > lo and w[:1].isupper() and is_title_verb(s, i) and n - i > 2:
            speaker = trimmed_span(text, s.offsets[lo], token_end(s, i - 1))
            content = without_stop(trimmed_span(text, token_end(s, i), end))
            return Quote(speaker, Span(w, s.offsets[i], token_end(s, i)), content, False, s.index)
    return None


def colon_headline(text, s: Sentence, names: set[str]) -> Quote | None:
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
    speaker = Span(text[s.offsets[0]:token_end(s, colon - 1)], s.offsets[0], token_end(s, colon - 1))
    content = trimmed_span(text, token_end(s, colon), s.end)
    return Quote(speaker, Span(":", s.offsets[colon], s.offsets[colon] + 1), content, False, s.index)


def according_to(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    """"According to X, ...", "..., according to X": its "to" (the parser's or the next word) governs the source."""
    to = next((c for c in kids[v] if s.words[c].lower() == "to"), None)
    if to is None and v + 1 < len(s.words) and s.words[v + 1].lower() == "to":
        to = v + 1
    if to is None:
        return None
    return preposition_source(text, s, v, to, kids, mentions, people)


def poll_source(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
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
    return preposition_source(text, s, v, v, kids, mentions, people)


def preposition_source(text, s: Sentence, v: int, to: int, kids, mentions, people) -> Quote | None:
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
        toks = subtree(s, pobj, kids)  # the whole source: "a complaint filed by the SEC and ..."
    if pobj is None:
        return None
    lo, hi = min(toks), max(toks)
    while hi > lo and s.pos[hi] == "PUNCT":
        hi -= 1
    speaker = with_bracket_closed(text, trimmed_span(text, s.offsets[lo], token_end(s, hi)))
    acts = actors_for(s, pobj, kids, mentions, uncoded=True, people=people)
    cue = Span(text[s.offsets[v]:token_end(s, to)], s.offsets[v], token_end(s, to))
    # content: the sentence without the "according to X" phrase, a leading "But" or "And"
    # or a stray mark before a paragraph break
    if s.offsets[v] - s.start < 3:
        content = trimmed_span(text, token_end(s, hi), s.end)
    else:
        start = s.start
        nl = text.rfind("\n", s.start, s.offsets[v])
        if nl >= 0:
            start = nl + 1
        m = LINK.match(text[start:s.offsets[v]])
        content = trimmed_span(text, start + (m.end() if m else 0), s.offsets[v])
    content = Span(content.text.rstrip("."), content.start, content.start + len(content.text.rstrip(".")))
    return Quote(speaker, cue, content, False, s.index, acts[0] if acts else None)
