"""Scoring quote attribution on PolNeAR (``diurna eval quotes``).

``../shared/data/polnear-dev/``: 84 political news articles (2016) with gold
``Source`` (speaker), ``Cue`` and ``Content`` spans in brat standoff files
(several annotators for some articles: the first file in name order is
used).  Speaker and content spans are scored exact (same offsets) and by
overlap (one-to-one), as P/R/F1 over all attributions.  Split: articles whose
file name's sha1 ends in 0-4 are **test**, never looked at while writing the
rules; the rest is dev.
"""

from __future__ import annotations

import hashlib
import re
import time as _time
from pathlib import Path

PUBLISHED = {"source_exact": 82.0, "source_overlap": 85.3, "content_exact": 59.3, "content_overlap": 83.3}


def split_of(name: str) -> str:
    return "test" if hashlib.sha1(name.encode("utf-8")).hexdigest()[-1] in "01234" else "dev"


def read_gold(root: Path) -> list[tuple[str, str, dict]]:
    """(name, text, {"Source": [(a, b)], "Content": [...], "Cue": [...]})."""
    anns = {}
    for f in sorted((root / "attributions").glob("*.ann")):
        base = re.sub(r"_[0-9a-f]{4}\.ann$", "", f.name)
        anns.setdefault(base, f)
    out = []
    for base, f in sorted(anns.items()):
        tf = root / "text" / f"{base}.txt"
        if not tf.exists():
            continue
        spans = {"Source": [], "Content": [], "Cue": []}
        for line in f.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, *offs = parts[1].replace(";", " ").split()
            if kind in spans and len(offs) >= 2:
                spans[kind].append((int(offs[0]), int(offs[-1])))
        out.append((base, tf.read_text("utf-8"), spans))
    return out


def _prf(tp, npred, ngold):
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _score(pred, gold):
    exact = len(set(pred) & set(gold))
    used, over = set(), 0
    for a, b in pred:
        for k, (c, d) in enumerate(gold):
            if k not in used and a < d and c < b:
                used.add(k)
                over += 1
                break
    return exact, over


def evaluate(root: Path, split: str = "test", nlp=None) -> dict:
    from .nlp import flatten, load
    from .quotes import find_quotes

    nlp = nlp or load()
    docs = [d for d in read_gold(root) if split in ("all", split_of(d[0]))]
    t0 = _time.perf_counter()
    parsed = [flatten(d) for d in nlp.pipe([t for _, t, _ in docs], batch_size=8)]
    counts = {k: {"exact": 0, "overlap": 0, "pred": 0, "gold": 0} for k in ("Source", "Content", "Cue")}
    for (name, text, gold), sents in zip(docs, parsed):
        qs = find_quotes(text, sents)
        pred = {"Source": [(q.speaker.start, q.speaker.end) for q in qs if q.speaker],
                "Content": [(q.content.start, q.content.end) for q in qs],
                "Cue": [(q.cue.start, q.cue.end) for q in qs]}
        for k in counts:
            e, o = _score(pred[k], gold[k])
            c = counts[k]
            c["exact"] += e
            c["overlap"] += o
            c["pred"] += len(pred[k])
            c["gold"] += len(gold[k])
    secs = _time.perf_counter() - t0
    res = {"split": split, "articles": len(docs), "seconds": secs}
    for k, c in counts.items():
        res[k] = {"exact": _prf(c["exact"], c["pred"], c["gold"]), "overlap": _prf(c["overlap"], c["pred"], c["gold"]),
                  "pred": c["pred"], "gold": c["gold"]}
    return res


def markdown_section(results: list[dict], command: str = "diurna eval quotes") -> str:
    pct = lambda x: f"{100 * x:.1f}"  # noqa: E731
    lines = ["## Quotes (PolNeAR attributions)", "",
             f"Command: `{command}`; data `../shared/data/polnear-dev` (84 political news articles, 2016, gold "
             "source/cue/content spans). The **test** split (sha1 of the file name ends in 0-4) was not looked at "
             "while writing the rules.", "",
             "| split | articles | gold | speaker F1 exact | speaker F1 overlap | content F1 exact | content F1 overlap "
             "| cue F1 exact | seconds |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['split']} | {r['articles']} | {r['Content']['gold']} | {pct(r['Source']['exact'][2])} | "
                     f"{pct(r['Source']['overlap'][2])} | {pct(r['Content']['exact'][2])} | "
                     f"{pct(r['Content']['overlap'][2])} | {pct(r['Cue']['exact'][2])} | {r['seconds']:.1f} |")
    lines.append(f"| *supervised attribution system, comparable corpus (published)* | | | {PUBLISHED['source_exact']} | "
                 f"{PUBLISHED['source_overlap']} | {PUBLISHED['content_exact']} | {PUBLISHED['content_overlap']} | | |")
    return "\n".join(lines)
