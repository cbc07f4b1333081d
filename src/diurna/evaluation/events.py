"""Scoring the event coder on labelled news sentences (``diurna eval events``).

Data: ``conflibert/`` under the data root

* ``cameo_class_train.tsv``: ``sentence<TAB>label``, five classes.  Reading
  the sentences shows what they are (verified against the coder's CAMEO
  roots on them): 0 = public statements and appeals (CAMEO 01-02),
  1 = intent to cooperate, consultation, diplomatic cooperation (03-05),
  2 = material cooperation, aid, yielding (06-08), 3 = investigations,
  demands, disapproval, rejection, threats, reduced relations (09-13, 16),
  4 = protest, force, coercion, assault, fighting (14-15, 17-20).
* ``cameo_ner_train.txt``: tokens tagged ``B-/I-`` ``S`` (source), ``T``
  (target), ``R`` (both) for the sentence's main event.

A sentence's prediction is its *main event* (:func:`main_event`: the event
highest in the parse, passing over plain reporting verbs and events without
a doer); no event predicts
class 0.  Spans: the main event's source and
target actor spans against the gold spans, exact (same tokens) and overlap
(a predicted span counts once, against the first gold span it overlaps).

How predictions are lined up with the gold, and why:

* The span file gives tokens, not text.  The sentence is rebuilt as it was
  written (:func:`detokenize`: "May’s", "rebel-held", "(NAF)", "$1.5") before
  it is parsed, because spaCy parses written text ("May ’ s offer" parses as
  nonsense); each gold token keeps its character span, and a predicted actor
  covers the gold tokens its characters overlap.
* The gold tags the parties of a mutual act R, both source and target
  ("[Lavrov:R] held talks with [Netanyahu:R]", "[Canada and Costa Rica:R]
  agreed ...").  A predicted event whose act is mutual
  (:func:`diurna.events.rules.mutual`: consultations, negotiations, signed
  agreements, or coordinated parties acting together) therefore gives all its
  parties as both source and target spans; other events keep their roles.
* The gold marks coordinated parties sometimes as one span ("Canada and the
  United Kingdom") and sometimes one span each; the coder always gives one
  actor per party.  Predicted spans separated only by commas and "and"/"or"
  are joined when, and only when, the joined span is a gold span
  (:func:`coordinations_as_gold`); they then count as one prediction.  No
  other leniency: determiners, modifiers and prepositional phrases must match
  token for token in the exact figure.
* The gold has sentences without a target (about 14% of dev): every target
  predicted there counts against precision.

Split: sentences whose sha1 ends in a hex digit < 5 (about 31%) are the
**test** split, never used to write rules or lexicon entries; the rest is the
dev split.
"""

from __future__ import annotations

import hashlib
import time as _time
from collections import Counter
from pathlib import Path

from ..events.rules import mutual
from ..records import Article, Event
from .metrics import prf
from .sections import pct

FOLDER = "conflibert"
DATA = (FOLDER,)
SPLITS = ("dev", "test")

CLASS_OF_ROOT = {**{r: 0 for r in ("01", "02")}, **{r: 1 for r in ("03", "04", "05")},
                 **{r: 2 for r in ("06", "07", "08")}, **{r: 3 for r in ("09", "10", "11", "12", "13", "16")},
                 **{r: 4 for r in ("14", "15", "17", "18", "19", "20")}}
CLASS_NAMES = {0: "statement/appeal (01-02)", 1: "verbal cooperation (03-05)", 2: "material cooperation (06-08)",
               3: "verbal conflict (09-13, 16)", 4: "material conflict (14-15, 17-20)"}


def split_of(sentence: str) -> str:
    return "test" if hashlib.sha1(sentence.strip().encode("utf-8")).hexdigest()[-1] in "01234" else "dev"


PLAIN_SAY = frozenset({"say", "says", "said", "tell", "told", "state", "stated", "add", "added", "note", "noted",
                       "report", "reported", "announce", "announced"})


def main_event(events: list[Event], sentences=None) -> Event | None:
    """The event a sentence is about: the one highest in the parse, passing
    over plain reporting verbs ("X said Y attacked Z" is about the attack; a
    "said" coded as a demand is not plain) and over events without a doer."""
    if not events:
        return None
    depth = {}
    if sentences:
        for e in events:
            s = sentences[e.sentence] if e.sentence < len(sentences) else None
            if s is None:
                continue
            tok = next((i for i, off in enumerate(s.offsets) if off == e.trigger.start), None)
            d = 0
            while tok is not None and s.heads[tok] != tok and d < 50:
                tok, d = s.heads[tok], d + 1
            depth[e.id] = d

    def rank(e: Event):
        # "said" coded as a demand ("X said Y must ...") is not a plain report
        plain = e.trigger.text.lower() in PLAIN_SAY and e.cameo.startswith("01")
        # an event with a doer before one without ("23 civilians were killed as forces launched strikes")
        return (plain, e.sentence, not e.source, depth.get(e.id, 0), e.modality not in ("asserted", "reported"),
                -e.confidence)

    return sorted(events, key=rank)[0]


def _code(texts: list[str], nlp, coder):
    from ..nlp import parse

    arts = [Article(id=str(i), origin=str(i), text=t, published="2018-01-01") for i, t in enumerate(texts)]
    out: list[list[Event] | None] = [None] * len(texts)
    sents: list = [None] * len(texts)
    for pa in parse(arts, nlp=nlp, batch_size=64):
        i = int(pa.article.id)
        out[i] = coder.code(pa.article, pa.sentences)
        sents[i] = pa.sentences
    return out, sents


def read_classes(root: Path) -> list[tuple[str, int]]:
    rows = []
    for line in (root / "cameo_class_train.tsv").read_text("utf-8").splitlines():
        if "\t" in line:
            s, lab = line.rsplit("\t", 1)
            rows.append((s.strip(), int(lab)))
    return rows


def read_spans(root: Path) -> list[tuple[list[str], list[str]]]:
    out, toks, tags = [], [], []
    for line in (root / "cameo_ner_train.txt").read_text("utf-8").splitlines():
        if not line.strip():
            if toks:
                out.append((toks, tags))
            toks, tags = [], []
            continue
        parts = line.rsplit(" ", 1)
        if len(parts) == 2:
            toks.append(parts[0])
            tags.append(parts[1])
    if toks:
        out.append((toks, tags))
    return out


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "’s", "n't", "'re", "'ve",
                              "'ll", "'d", "'m"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "€", "£"})


def detokenize(toks: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as it was written ("May’s offer", "rebel-held", "$1.5
    billion", "(NAF)") from the data's tokens, with each token's character
    span: spaCy parses written text, and a predicted span is mapped back to
    the gold tokens by these offsets (see the module docstring)."""
    text, offs = "", []
    for i, t in enumerate(toks):
        prev = toks[i - 1] if i else ""
        nxt = toks[i + 1] if i + 1 < len(toks) else ""
        glue = (not text or t in _NO_SPACE_BEFORE or prev in _NO_SPACE_AFTER
                or (t in ("’", "'") and nxt == "s") or (t == "s" and prev in ("’", "'"))
                or (t == "-" and prev[-1:].isalnum() and nxt[:1].isalnum())
                or (prev == "-" and i > 1 and toks[i - 2][-1:].isalnum() and t[:1].isalnum())
                or (t in (".", ",") and prev.isdigit() and nxt.isdigit())
                or (prev in (".", ",") and i > 1 and toks[i - 2].isdigit() and t.isdigit()))
        if text and not glue:
            text += " "
        offs.append((len(text), len(text) + len(t)))
        text += t
    return text, offs


def _gold_spans(tags: list[str]) -> dict[str, list[tuple[int, int]]]:
    spans = {"S": [], "T": []}
    i = 0
    while i < len(tags):
        t = tags[i]
        if t.startswith("B-"):
            role = t[2:]
            j = i + 1
            while j < len(tags) and tags[j] == f"I-{role}":
                j += 1
            for r in ("S", "T") if role == "R" else (role,):
                spans[r].append((i, j))
            i = j
        else:
            i += 1
    return spans


_GLUE = frozenset({",", "and", "or", "&", "as well as"})


def coordinations_as_gold(pred: list[tuple[int, int]], gold: list[tuple[int, int]], toks: list[str]):
    """Predicted spans of coordinated parties ("Canada", "Costa Rica") joined
    into one when the gold marks the coordination as one span ("Canada and
    Costa Rica"): the annotation does both (each party its own span, or
    one span for all), the coder always gives one actor per party, and both
    name the same parties.  Only spans separated by nothing but commas and
    conjunctions are joined, and only into a span the gold has."""
    out, i = [], 0
    gold_set = set(gold)
    while i < len(pred):
        for j in range(len(pred) - 1, i, -1):
            run = pred[i:j + 1]
            if (run[0][0], run[-1][1]) in gold_set and all(
                    all(t.lower() in _GLUE for t in toks[a[1]:b[0]]) and a[1] < b[0] for a, b in zip(run, run[1:])):
                out.append((run[0][0], run[-1][1]))
                i = j + 1
                break
        else:
            out.append(pred[i])
            i += 1
    return out


def evaluate(root: Path, split: str = "test", nlp=None, coder=None) -> dict:
    """Class and span scores on the sentences of ``split`` ("dev", "test" or
    "all") of ``root/conflibert`` (the rule coder and the default pipeline
    unless given)."""
    from ..events import get_coder
    from ..nlp import load

    nlp = nlp or load()
    coder = coder or get_coder("rules")
    root = Path(root) / FOLDER
    rows = [(s, lab) for s, lab in read_classes(root) if split in ("all", split_of(s))]
    _code(["France condemned the attack on the convoy."], nlp, coder)  # warm-up: one-time loads (place index)
    t0 = _time.perf_counter()
    events, parsed = _code([s for s, _ in rows], nlp, coder)
    secs = _time.perf_counter() - t0
    conf = Counter()
    for (s, gold), evs, sents in zip(rows, events, parsed):
        me = main_event(evs or [], sents)
        pred = CLASS_OF_ROOT.get(me.cameo[:2], 0) if me else 0
        conf[(gold, pred)] += 1
    per = {}
    for c in range(5):
        tp = conf[(c, c)]
        npred = sum(v for (g, p), v in conf.items() if p == c)
        ngold = sum(v for (g, p), v in conf.items() if g == c)
        per[c] = prf(tp, npred, ngold) + (ngold,)
    macro = sum(v[2] for v in per.values()) / 5
    acc = sum(conf[(c, c)] for c in range(5)) / max(1, len(rows))

    # spans
    span_rows = [(toks, tags) for toks, tags in read_spans(root) if split in ("all", split_of(" ".join(toks)))]
    texts, offsets = [], []
    for toks, _ in span_rows:
        text, offs = detokenize(toks)
        texts.append(text)
        offsets.append(offs)
    sp_events, sp_parsed = _code(texts, nlp, coder)
    counts = {r: Counter() for r in ("S", "T")}
    strict = {r: Counter() for r in ("S", "T")}
    for (toks, tags), offs, evs, sents in zip(span_rows, offsets, sp_events, sp_parsed):
        gold = _gold_spans(tags)
        me = main_event(evs or [], sents)
        pred = {"S": [], "T": []}
        if me:
            roles = (("S", me.source), ("T", me.target))
            if mutual(me):
                # the gold tags the parties of a mutual act R (both roles)
                both = me.source + [a for a in me.target if all(a.start != b.start for b in me.source)]
                roles = (("S", both), ("T", both))
            for r, actors in roles:
                for a in actors:
                    ti = [k for k, (a0, a1) in enumerate(offs) if a0 < a.end and a1 > a.start]
                    if ti:
                        pred[r].append((ti[0], ti[-1] + 1))
        for r in ("S", "T"):
            raw = sorted(set(pred[r]))
            strict[r]["pred"] += len(raw)  # strict: the coder's spans as they are
            strict[r]["exact"] += len(set(raw) & set(gold[r]))
            pred[r] = coordinations_as_gold(raw, gold[r], toks)
            counts[r]["pred"] += len(pred[r])
            counts[r]["gold"] += len(gold[r])
            counts[r]["exact"] += len(set(pred[r]) & set(gold[r]))
            used = set()
            for p in pred[r]:
                for k, g in enumerate(gold[r]):
                    if k not in used and p[0] < g[1] and g[0] < p[1]:
                        used.add(k)
                        counts[r]["overlap"] += 1
                        break
    spans = {}
    for r in ("S", "T"):
        c = counts[r]
        spans[r] = {"exact": prf(c["exact"], c["pred"], c["gold"]), "overlap": prf(c["overlap"], c["pred"], c["gold"]),
                    "strict_exact": prf(strict[r]["exact"], strict[r]["pred"], c["gold"]),
                    "gold": c["gold"], "pred": c["pred"]}
    return {"split": split, "sentences": len(rows), "per_class": per, "macro_f1": macro, "accuracy": acc,
            "confusion": conf, "spans": spans, "span_sentences": len(span_rows), "seconds": secs,
            "sentences_per_second": len(rows) / secs if secs else 0.0}


def markdown(results: list[dict]) -> str:
    lines = ["## Event coding (ConfliBERT CAMEO sentences)", "",
             "Command: `diurna eval events`; data `../shared/data/conflibert` (real news sentences). Classes read from the "
             "data: " + "; ".join(f"{k} = {v}" for k, v in CLASS_NAMES.items()) + ". The **test** split (sha1 of the "
             "sentence ends in 0-4) was never used to write rules or lexicon entries; dev is what the rules were "
             "checked on. A sentence's prediction is its main event (no event: class 0). Spans: the main event's source "
             "and target actors against the gold S/T/R spans, exact tokens and overlap; the span sentences are "
             "rebuilt as written before parsing, the parties of a mutual act (meeting, negotiation, agreement, "
             "coordinated parties acting together) count in both roles as the gold's R does, and coordinated "
             "parties are joined only where the gold has the coordination as one span (details in "
             "`diurna/evaluation/events.py`).", ""]
    lines += ["| split | sentences | " + " | ".join(f"F1 {c}" for c in range(5)) + " | **macro-F1** | accuracy "
              "| source F1 (exact / overlap) | target F1 (exact / overlap) | coding sent/s |",
              "|---|---:|" + "---:|" * 5 + "---:|---:|---:|---:|---:|"]
    for r in results:
        s, t = r["spans"]["S"], r["spans"]["T"]
        lines.append(
            f"| {r['split']} | {r['sentences']} | " + " | ".join(pct(r["per_class"][c][2]) for c in range(5))
            + f" | **{pct(r['macro_f1'])}** | {pct(r['accuracy'])} | {pct(s['exact'][2])} / {pct(s['overlap'][2])} | "
            f"{pct(t['exact'][2])} / {pct(t['overlap'][2])} | {r['sentences_per_second']:.0f} |")
    lines += ["", "Strict spans (the coder's coordinated parties never joined to match a gold span), exact F1: "
              + "; ".join(f"{r['split']} source {pct(r['spans']['S']['strict_exact'][2])}, target "
                          f"{pct(r['spans']['T']['strict_exact'][2])}" for r in results) + "."]
    r = results[-1]
    lines += ["", f"Per class on {r['split']} (precision / recall / F1, gold count):", ""]
    lines += ["| class | P | R | F1 | gold |", "|---|---:|---:|---:|---:|"]
    for c in range(5):
        p, rc, f, n = r["per_class"][c]
        lines.append(f"| {c} {CLASS_NAMES[c]} | {pct(p)} | {pct(rc)} | {pct(f)} | {n} |")
    lines += ["", "Coding sent/s includes spaCy parsing of the sentences (the whole pipeline for one sentence "
              "per article), after one warm-up sentence (one-time loads such as the place index); see the "
              "throughput section for the coder's share."]
    return "\n".join(lines)
