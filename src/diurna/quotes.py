"""Quotes and reported speech: who said what (speaker, cue, content).

From the dependency parse of each sentence:

* a **reporting verb** (``say``, ``tell``, ``warn``, ``add``, ``according
  to``...) with a clausal complement: the speaker is its subject, the cue the
  verb with its auxiliaries ("has learned"), the content the complement
  ("that France was pursuing..."), before or after the verb ("X, sources
  said");
* a reporting verb next to a **direct quote** (straight or curly quotation
  marks, including quotes that run over several paragraphs or are split
  around "he said"): the content is the quoted text;
* **according to X**: the speaker is X, the content the rest of the
  sentence.

Speakers are resolved to actors with the same machinery as events
(:mod:`diurna.actors`: roles, the office-holders knowledge base at the
article's date, "he"/"she" to the last person named).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field

from .actors import People, actors_for, children, default_gazetteer, full_phrase, noun_phrase, resolve_phrase
from .records import Actor, Sentence, Span, text_records

__all__ = ["Quote", "find_quotes", "quotes_jsonl"]

REPORTING = frozenset({
    "say", "tell", "add", "note", "state", "announce", "insist", "warn", "stress", "argue", "claim", "report",
    "explain", "write", "declare", "acknowledge", "admit", "recall", "respond", "reply", "suggest", "confirm",
    "deny", "assert", "predict", "estimate", "allege", "contend", "maintain", "emphasize", "emphasise",
    "reiterate", "complain", "concede", "caution", "remark", "observe", "learn", "believe", "think", "urge",
    "promise", "vow", "pledge", "tweet", "post", "ask", "question", "agree", "cite", "find", "show", "indicate",
})
# verbs of stance that attribution corpora count as well ("called for", "cited", "wants")
STANCE = frozenset({
    "call", "cite", "want", "plan", "decline", "mention", "point", "criticize", "criticise", "condemn",
    "encourage", "demand", "defend", "offer", "propose", "describe", "liken", "blast", "document", "oppose",
    "support", "attack", "recommend", "hope", "expect", "fear", "accuse", "praise", "welcome", "reject",
    "dismiss", "blame", "refuse", "threaten", "decry", "slam", "hail", "lament", "question", "doubt", "see",
})
CUE_PREPS = frozenset({"for", "on", "to"})
QUOTE_SPANS = re.compile(r"“[^“”]{2,}”|\"[^\"]{2,}\"|‘‘[^’]{2,}’’|``[^']{2,}''|“[^“”]{2,}’’")


@dataclass
class Quote:
    """One attribution.

    speaker  span of the speaker's words, with ``actor`` (an
             :class:`~diurna.records.Actor`, code may be empty) when resolved
    cue      the reporting words ("said", "has learned", "according to")
    content  what was said (offsets into the article text)
    direct   True for a quotation in quotation marks
    sentence index of the sentence holding the cue
    """

    speaker: Span | None
    cue: Span
    content: Span
    direct: bool
    sentence: int
    actor: Actor | None = None

    def to_json(self) -> dict:
        sp = None
        if self.speaker is not None:
            sp = {"start": self.speaker.start, "end": self.speaker.end, "text": self.speaker.text,
                  "actor": asdict(self.actor) if self.actor else None}
        return {"speaker": sp, "cue": asdict(self.cue), "content": asdict(self.content), "direct": self.direct,
                "sentence": self.sentence}


def _span(text: str, lo: int, hi: int) -> Span:
    # trim spaces, leading punctuation and trailing commas / colons; a quote
    # closing right after the clause belongs to it ("was “true.”")
    while lo < hi and text[lo] in " \n\t,;:—―-":
        lo += 1
    m = re.match(r"[.?!]?[”\"’]+", text[hi:hi + 3])
    if m and text[lo:hi].count("“") + text[lo:hi].count('"') % 2 == 1:
        hi += m.end()
    while hi > lo and text[hi - 1] in " \n\t,:;—―-":
        hi -= 1
    return Span(text[lo:hi], lo, hi)


def _tok_end(s: Sentence, i: int) -> int:
    return s.offsets[i] + len(s.words[i])


def _subtree(s: Sentence, t: int, kids) -> tuple[int, int]:
    out, stack = [], [t]
    while stack:
        x = stack.pop()
        out.append(x)
        stack.extend(kids[x])
    return min(out), max(out)


def find_quotes(text: str, sentences: list[Sentence], date: str | None = None,
                people: People | None = None) -> list[Quote]:
    """Attributions in one article (``sentences`` are its parse)."""
    people = people or People(date)
    gaz = default_gazetteer()
    quote_spans = [(m.start(), m.end()) for m in QUOTE_SPANS.finditer(text)]
    # quotes over several paragraphs: a paragraph opening with “ and not closing continues
    out: list[Quote] = []
    used_quotes: set[tuple[int, int]] = set()
    for s in sentences:
        kids = children(s)
        mentions = gaz.mentions(s.words)
        for e in s.entities:
            if e.label == "PERSON":
                last = next((i for i in range(len(s.words) - 1, -1, -1) if s.offsets[i] < e.end), None)
                if last is not None:
                    resolve_phrase(s, noun_phrase(s, last, kids), mentions, people)
        for v, lem in enumerate(s.lemmas):
            low = lem.lower()
            if s.pos[v] not in ("VERB", "AUX") and not (s.words[v].lower() == "according"):
                continue
            if s.words[v].lower() == "according":
                q = _according(text, s, v, kids, mentions, people)
                if q:
                    out.append(q)
                continue
            stance = low in STANCE and low not in REPORTING
            if low not in REPORTING and not stance:
                continue
            subj = next((c for c in kids[v] if s.deps[c] in ("nsubj", "nsubjpass")), None)
            comp = next((c for c in kids[v] if s.deps[c] in ("ccomp", "parataxis")), None)
            if comp is None:
                # "X said that ..." may hang the clause as dobj/xcomp in the small parser
                comp = next((c for c in kids[v] if s.deps[c] in ("dobj",) and s.pos[c] == "VERB"), None)
            aux = [c for c in kids[v] if s.deps[c] in ("aux", "auxpass", "neg") and c < v]
            cue_lo = s.offsets[min(aux + [v])]
            cue_hi = _tok_end(s, v)
            prep = next((c for c in kids[v] if c == v + 1 and s.deps[c] in ("prep", "prt")
                         and s.words[c].lower() in CUE_PREPS), None)
            if prep is not None:  # "called for", "called on", "pointed to"
                cue_hi = _tok_end(s, prep)
                pobj = next((c for c in kids[prep] if s.deps[c] == "pobj"), None)
                if comp is None and pobj is not None:
                    comp = pobj
            if stance and comp is None:
                comp = next((c for c in kids[v] if s.deps[c] in ("xcomp", "dobj")), None)
                if comp is None:
                    continue
            cue = _span(text, cue_lo, cue_hi)
            speaker = actor = None
            if subj is not None:
                lo, hi = full_phrase(s, subj, kids)
                speaker = _span(text, s.offsets[lo], _tok_end(s, hi))
                acts = actors_for(s, subj, kids, mentions, uncoded=True, people=people)
                actor = acts[0] if acts else None
            # a direct quote in or next to this sentence (not a few words quoted
            # inside the reported clause: "said the statement was “true”")
            comp_span = None
            if comp is not None:
                lo_, hi_ = _subtree(s, comp, kids)
                comp_span = (s.offsets[lo_], _tok_end(s, hi_))
            near = [(a, b) for a, b in quote_spans if (a, b) not in used_quotes and not stance
                    and (s.start - 3 <= a <= s.end or s.start <= b <= s.end + 3) and not (a <= s.offsets[v] < b)
                    and len(text[a:b].split()) >= 4
                    and not (comp_span and comp_span[0] <= a and b <= comp_span[1] + 2 and a > comp_span[0] + 2)]
            if near:
                a, b = near[0]
                used_quotes.add((a, b))
                # a quote split around the cue continues in the next quote of the paragraph
                for c, d in quote_spans:
                    if c >= b and (c, d) not in used_quotes and "\n" not in text[b:c] and c - b < 80 and c > s.offsets[v]:
                        used_quotes.add((c, d))
                        b = d
                    elif c >= b:
                        break
                out.append(Quote(speaker, cue, Span(text[a:b], a, b), True, s.index, actor))
                continue
            if comp is not None:
                lo, hi = _subtree(s, comp, kids)
                if lo < v < hi:
                    continue
                out.append(Quote(speaker, cue, _span(text, s.offsets[lo], _tok_end(s, hi)), False, s.index, actor))
    return out


def _according(text, s: Sentence, v: int, kids, mentions, people) -> Quote | None:
    to = next((c for c in kids[v] if s.words[c].lower() == "to"), None)
    if to is None and v + 1 < len(s.words) and s.words[v + 1].lower() == "to":
        to = v + 1
    if to is None:
        return None
    pobj = next((c for c in kids[to] if s.deps[c] == "pobj"), None)
    if pobj is None:
        return None
    lo, hi = full_phrase(s, pobj, kids)
    speaker = _span(text, s.offsets[lo], _tok_end(s, hi))
    acts = actors_for(s, pobj, kids, mentions, uncoded=True, people=people)
    cue = Span(text[s.offsets[v]:_tok_end(s, to)], s.offsets[v], _tok_end(s, to))
    # content: the sentence without the "according to X" phrase
    if s.offsets[v] - s.start < 3:
        content = _span(text, _tok_end(s, hi), s.end)
    else:
        content = _span(text, s.start, s.offsets[v])
    content = Span(content.text.rstrip("."), content.start, content.start + len(content.text.rstrip(".")))
    return Quote(speaker, cue, content, False, s.index, acts[0] if acts else None)


def quotes_jsonl(lines: Iterable[str], nlp, batch_size: int = 32) -> Iterator[str]:
    """JSONL in ``{"id", "text", "date"?}``; JSONL out ``{"id", "quotes": [...]}``."""
    from .nlp import flatten

    recs = list(text_records(lines))
    good = [r for r in recs if r[2] is None]
    docs = iter(nlp.pipe([r[1]["text"] for r in good], batch_size=batch_size))
    for n, rec, err in recs:
        if err:
            yield json.dumps({"id": rec, "error": f"line {n}: {err}"})
            continue
        sents = flatten(next(docs))
        qs = find_quotes(rec["text"], sents, rec.get("date"))
        yield json.dumps({"id": rec.get("id"), "quotes": [q.to_json() for q in qs]}, ensure_ascii=False)
