"""TempEval-3 scoring of the time-expression tagger (``diurna eval timex``).

Reads TimeML files (``tempeval3/SPLIT/*.tml`` under the data root): the plain
text of ``<TEXT>`` with the gold ``TIMEX3`` spans, types and values, and the
document creation time of ``<DCT>`` (the anchor; the DCT's own TIMEX3 is not
scored).  Metrics as in TempEval-3 task A: strict span P/R/F1 (same
offsets), relaxed span P/R/F1 (any overlap, one-to-one), and over relaxed
matches the accuracy of the type and of the value; *value F1* = relaxed F1
× value accuracy (TempEval-3's "value" score), likewise *type F1*.

TimeBank is the split the tagger was tuned on; AQUAINT is held out.
"""

from __future__ import annotations

import html
import re
import time as _time
from dataclasses import dataclass
from pathlib import Path

from ..time.expressions import find_timexes
from .metrics import prf, share
from .sections import pct

FOLDER = "tempeval3"
DATA = (FOLDER,)
SPLITS = ("TimeBank", "AQUAINT")
PUBLISHED = {"HeidelTime (TempEval-3, task A)": {"value_f1": 77.6, "relaxed_f1": 90.3}}


@dataclass
class Gold:
    start: int
    end: int
    text: str
    type: str
    value: str


def read_tml(path: Path) -> tuple[str, str | None, list[Gold]]:
    """(text, DCT value, gold timexes) of one TimeML file."""
    raw = path.read_text("utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    if m:
        dct = m.group(1)
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    out, gold, pos, stack = [], [], 0, []
    for tok in re.finditer(r"<(/?)(\w+)([^>]*)>|([^<]+)", body):
        if tok.group(4) is not None:
            s = html.unescape(tok.group(4))
            out.append(s)
            pos += len(s)
            continue
        closing, name, attrs = tok.group(1), tok.group(2), tok.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            a = dict(re.findall(r'(\w+)="([^"]*)"', attrs))
            stack.append((pos, a))
        elif stack:
            start, a = stack.pop()
            gold.append(Gold(start, pos, "", a.get("type", ""), a.get("value", "")))
    text = "".join(out)
    for g in gold:
        g.text = text[g.start:g.end]
    return text, dct, gold


def _match(pred, gold):
    """One-to-one relaxed matching (greedy by overlap) and the strict count."""
    pairs, used = [], set()
    for p in pred:
        best, best_ov = None, 0
        for i, g in enumerate(gold):
            if i in used:
                continue
            ov = min(p.end, g.end) - max(p.start, g.start)
            if ov > best_ov:
                best, best_ov = i, ov
        if best is not None:
            used.add(best)
            pairs.append((p, gold[best]))
    strict = sum(1 for p, g in pairs if p.start == g.start and p.end == g.end)
    return pairs, strict


def evaluate(root: Path, split: str, parse: bool = True, limit: int | None = None,
             errors: list | None = None) -> dict:
    """Scores of the tagger on ``root/tempeval3/split/*.tml`` (the first
    ``limit`` files); ``parse``: with spaCy's clause tense, else the lexical
    fallback only; wrong values are appended to ``errors`` when given."""
    from ..nlp import flatten, load

    nlp = load() if parse else None
    files = sorted((Path(root) / FOLDER / split).glob("*.tml"))[:limit]
    t0 = _time.perf_counter()
    docs = [read_tml(f) for f in files]
    parsed = [flatten(d) for d in nlp.pipe([t for t, _, _ in docs], batch_size=16)] if nlp is not None else [None] * len(docs)
    n_pred = n_gold = tp = strict = val_ok = type_ok = 0
    for f, (text, dct, gold), sents in zip(files, docs, parsed):
        pred = find_timexes(text, dct[:10] if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct) else None, sents)
        pairs, s = _match(pred, gold)
        n_pred += len(pred)
        n_gold += len(gold)
        tp += len(pairs)
        strict += s
        for p, g in pairs:
            v = (p.value or "") == g.value
            val_ok += v
            type_ok += p.type == g.type
            if errors is not None and not v:
                errors.append((f.name, p.text, g.text, p.value, g.value, p.tense))
    secs = _time.perf_counter() - t0
    sp, sr, sf = prf(strict, n_pred, n_gold)
    rp, rr, rf = prf(tp, n_pred, n_gold)
    va, ta = share(val_ok, tp), share(type_ok, tp)
    return {"split": split, "files": len(files), "gold": n_gold, "predicted": n_pred,
            "strict_p": sp, "strict_r": sr, "strict_f1": sf, "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_acc": va, "type_acc": ta, "value_f1": rf * va, "type_f1": rf * ta, "seconds": secs,
            "parsed": nlp is not None}


def markdown(results: list[dict]) -> str:
    lines = [
        "## Time expressions (TempEval-3)",
        "",
        "Command: `diurna eval timex`; data `../shared/data/tempeval3` (TBAQ-cleaned TimeML; anchor = each file's "
        "DCT). TimeBank is the split the tagger was developed on; **AQUAINT is held out** (not looked at while tuning).",
        "",
        "| split | files | gold | predicted | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 "
        "| type acc | value acc | **value F1** | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['split']}{'' if r['parsed'] else ' (no parse)'} | {r['files']} | {r['gold']} | {r['predicted']} | "
            f"{pct(r['strict_p'])} | {pct(r['strict_r'])} | {pct(r['strict_f1'])} | {pct(r['relaxed_p'])} | "
            f"{pct(r['relaxed_r'])} | {pct(r['relaxed_f1'])} | {pct(r['type_acc'])} | {pct(r['value_acc'])} | "
            f"**{pct(r['value_f1'])}** | {r['seconds']:.1f} |")
    for name, ref in PUBLISHED.items():
        lines.append(f"| *{name}, published* | | | | | | | | | {ref['relaxed_f1']} | | | {ref['value_f1']} | |")
    lines += ["", "Value F1 = relaxed span F1 × value accuracy (TempEval-3's attribute score); seconds include "
              "spaCy parsing of the documents for clause tense."]
    return "\n".join(lines)
