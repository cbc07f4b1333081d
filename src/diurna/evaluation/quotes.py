"""Scoring quote attribution on PolNeAR (``diurna eval quotes``).

``polnear-dev/`` under the data root: 84 political news articles (2016) with gold
``Source`` (speaker), ``Cue`` and ``Content`` spans in brat standoff files,
tied into attributions by ``Attribution`` relations (several annotators for
some articles: the first file in name order is used).  A span in pieces
("“A,” he said. “B.”") counts as the extent from its first to its last
character, which is also what :func:`diurna.quotes.find_quotes` gives.

Scores, as P/R/F1 over all articles of a split:

* per role (speaker, content, cue): the distinct predicted spans against the
  distinct gold spans (a speaker named once for two attributions is one
  span on either side), **exact** (same offsets) and **overlap** (sharing a
  character; one-to-one, each gold span matched at most once);
* **attribution**: a predicted quote against a gold attribution, matched one
  to one when their contents overlap and their speakers overlap (or both
  have none): who said what, together.

Split: articles whose file name's sha1 ends in 0-4 are **test**, never
looked at while writing the rules nor read when learning the cue table
(``scripts/learn_quote_cues.py``); the rest is dev, also scored by halves
(A: even places in file-name order, whose errors are studied; B: odd places,
only measured).
"""

from __future__ import annotations

import hashlib
import re
import time as _time
from pathlib import Path

from .metrics import prf
from .sections import pct

FOLDER = "polnear-dev"
DATA = (FOLDER,)
SPLITS = ("dev", "test")
PUBLISHED = {"source_exact": 82.0, "source_overlap": 85.3, "content_exact": 59.3, "content_overlap": 83.3}


def split_of(name: str) -> str:
    return "test" if hashlib.sha1(name.encode("utf-8")).hexdigest()[-1] in "01234" else "dev"


def read_gold(root: Path, split: str = "all") -> list[tuple[str, str, dict]]:
    """(name, text, {"Source": [(a, b)], "Content": [...], "Cue": [...]}) of
    the articles of ``split`` ("dev", "test" or "all") in the PolNeAR folder
    ``root``; the files of another split are not opened."""
    anns = {}
    for f in sorted((root / "attributions").glob("*.ann")):
        base = re.sub(r"_[0-9a-f]{4}\.ann$", "", f.name)
        if split in ("all", split_of(base)):
            anns.setdefault(base, f)
    out = []
    for base, f in sorted(anns.items()):
        tf = root / "text" / f"{base}.txt"
        if not tf.exists():
            continue
        spans = {"Source": [], "Content": [], "Cue": []}
        ents, rels = {}, []
        for line in f.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[0].startswith("E"):
                rels.append(dict(x.split(":", 1) for x in parts[1].split() if ":" in x))
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, *offs = parts[1].replace(";", " ").split()
            if kind in spans and len(offs) >= 2:
                ents[parts[0]] = (int(offs[0]), int(offs[-1]))
                spans[kind].append(ents[parts[0]])
        spans["Attributions"] = [{k: ents.get(r.get(k, "")) for k in ("Source", "Cue", "Content")}
                                 for r in rels if r.get("Content") in ents]
        out.append((base, tf.read_text("utf-8"), spans))
    return out


def _overlaps(x, y) -> bool:
    return x is not None and y is not None and x[0] < y[1] and y[0] < x[1]


def _score(pred, gold):
    """(exact, overlap) matches of distinct predicted against distinct gold
    spans; overlap one to one, the largest overlaps first."""
    pred, gold = sorted(set(pred)), sorted(set(gold))
    exact = len(set(pred).intersection(gold))
    pairs = sorted(((min(b, d) - max(a, c), i, k) for i, (a, b) in enumerate(pred) for k, (c, d) in enumerate(gold)
                    if a < d and c < b), reverse=True)
    used_p, used_g = set(), set()
    for _, i, k in pairs:
        if i not in used_p and k not in used_g:
            used_p.add(i)
            used_g.add(k)
    return exact, len(used_g)


def _score_attributions(pred, gold) -> int:
    """Predicted quotes matched one to one with gold attributions whose
    content and speaker both overlap theirs (or who both have no speaker)."""
    used, hits = set(), 0
    for sp, ct in pred:
        for k, g in enumerate(gold):
            if k not in used and _overlaps(ct, g["Content"]) and (
                    _overlaps(sp, g["Source"]) or (sp is None and g["Source"] is None)):
                used.add(k)
                hits += 1
                break
    return hits


def evaluate(root: Path, split: str = "test", nlp=None) -> dict:
    """Scores of one split of ``root/polnear-dev``; the dev split also by halves (``halves``): A,
    its articles at even places in file-name order, whose errors the rules
    are written from, and B, the others, only measured to check that a rule
    helps articles it was not written from."""
    from ..nlp import flatten, load
    from ..quotes import find_quotes

    nlp = nlp or load()
    docs = read_gold(Path(root) / FOLDER, split)
    t0 = _time.perf_counter()
    parsed = [flatten(d) for d in nlp.pipe([t for _, t, _ in docs], batch_size=8)]
    found = [find_quotes(text, sents) for (_, text, _), sents in zip(docs, parsed)]
    res = _scores(docs, found, split, t0)
    if split == "dev":
        res["halves"] = [_scores(docs[h::2], found[h::2], f"dev {name}", None) for h, name in ((0, "A"), (1, "B"))]
    return res


def _scores(docs, found, split: str, t0: float | None) -> dict:
    """Scores of the quotes ``found`` in each of ``docs``."""
    counts = {k: {"exact": 0, "overlap": 0, "pred": 0, "gold": 0} for k in ("Source", "Content", "Cue")}
    att = {"hits": 0, "pred": 0, "gold": 0}
    for (name, text, gold), qs in zip(docs, found):
        pred = {"Source": [(q.speaker.start, q.speaker.end) for q in qs if q.speaker],
                "Content": [(q.content.start, q.content.end) for q in qs],
                "Cue": [(q.cue.start, q.cue.end) for q in qs]}
        for k in counts:
            e, o = _score(pred[k], gold[k])
            c = counts[k]
            c["exact"] += e
            c["overlap"] += o
            c["pred"] += len(set(pred[k]))
            c["gold"] += len(set(gold[k]))
        att["hits"] += _score_attributions(
            [((q.speaker.start, q.speaker.end) if q.speaker else None, (q.content.start, q.content.end)) for q in qs],
            gold["Attributions"])
        att["pred"] += len(qs)
        att["gold"] += len(gold["Attributions"])
    secs = _time.perf_counter() - t0 if t0 is not None else None
    res = {"split": split, "articles": len(docs), "seconds": secs,
           "Attribution": {"overlap": prf(att["hits"], att["pred"], att["gold"]), **att}}
    for k, c in counts.items():
        res[k] = {"exact": prf(c["exact"], c["pred"], c["gold"]), "overlap": prf(c["overlap"], c["pred"], c["gold"]),
                  "pred": c["pred"], "gold": c["gold"]}
    return res


def markdown(results: list[dict]) -> str:
    lines = ["## Quotes (PolNeAR attributions)", "",
             "Command: `diurna eval quotes`; data `../shared/data/polnear-dev` (84 political news articles, 2016, gold "
             "source/cue/content spans). The **test** split (sha1 of the file name ends in 0-4) was not looked at "
             "while writing the rules, nor read by `scripts/learn_quote_cues.py`, which learns the cue table "
             "`data/quote_cues.tsv` from the dev split (dev figures are therefore on data learned from). *dev A* / *dev B*: the "
             "dev articles at even / odd places in file-name order; the second pass on span conventions was written "
             "from errors on A only and checked on B (earlier rules saw all of dev). "
             "F1 per role over distinct spans, exact offsets / overlapping (one to one); "
             "*attribution*: a quote whose content and speaker both overlap one gold attribution's.", "",
             "| split | articles | gold attributions | speaker F1 exact | speaker F1 overlap | content F1 exact "
             "| content F1 overlap | cue F1 exact | cue F1 overlap | attribution P / R / F1 | seconds |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in [x for r0 in results for x in [r0, *r0.get("halves", [])]]:
        a = r["Attribution"]["overlap"]
        f1 = [pct(r[k][m][2]) for k, m in (("Source", "exact"), ("Source", "overlap"), ("Content", "exact"),
                                            ("Content", "overlap"), ("Cue", "exact"), ("Cue", "overlap"))]
        secs = "" if r["seconds"] is None else f"{r['seconds']:.1f}"
        lines.append(f"| {r['split']} | {r['articles']} | {r['Attribution']['gold']} | {' | '.join(f1)} | "
                     f"{pct(a[0])} / {pct(a[1])} / {pct(a[2])} | {secs} |")
    published = [PUBLISHED[k] for k in ("source_exact", "source_overlap", "content_exact", "content_overlap")]
    lines.append("| *supervised attribution system, comparable corpus (published)* | | | "
                 f"{' | '.join(map(str, published))} | | | | |")
    return "\n".join(lines)
