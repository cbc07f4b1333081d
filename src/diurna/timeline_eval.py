"""Timeline scoring against a journalist's timeline (``diurna eval timeline``).

Data: ``../shared/data/t17-syria-bbc/``: ``InputDocs/YYYY-MM-DD/*.htm.txt``
(the folder is the publication day, given to diurna as the article's
``published`` date; the text is tokenised, one sentence a line) and
``timelines/tl1.txt`` (a date line, its sentences, a line of dashes).

diurna runs on the articles into a temporary store, then builds a timeline
of the gold's number of dates and (rounded) sentences per date.  Scores, as
in the timeline-summarisation literature:

* date F1: the chosen dates against the gold dates;
* concatenated ROUGE-1/2 F: all chosen sentences against all gold
  sentences (unigram / bigram overlap of lower-cased tokens);
* date-aligned ROUGE-1/2 F: overlaps counted only between the summaries of
  the same date, over the n-grams of all dates of both timelines.

Nothing is tuned to this timeline: the command uses the same
``timeline.build`` as ``diurna timeline``.
"""

from __future__ import annotations

import json
import re
import tempfile
import time as _time
from collections import Counter
from pathlib import Path

PUBLISHED = {"DATEWISE (Gholipour Ghalandari and Ifrim 2020)": (0.077, 0.445, 0.095),
             "days with most articles, first sentences": (0.000, 0.412, 0.088)}


def read_gold(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    cur = None
    for line in path.read_text("utf-8").splitlines():
        s = line.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
            cur = s
            out.setdefault(cur, [])
        elif s.startswith("-----"):
            cur = None
        elif s and cur:
            out[cur].append(s)
    return out


def _detok(s: str) -> str:
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", "“").replace("''", "”")
    return re.sub(r"\s+([,.;:!?)%])", r"\1", re.sub(r"\(\s+", "(", s))


def _ngrams(text: str, n: int) -> Counter:
    toks = re.findall(r"\w+", text.lower())
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def rouge_f(pred: str, gold: str, n: int) -> tuple[int, int, int]:
    p, g = _ngrams(pred, n), _ngrams(gold, n)
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def _f(overlap, npred, ngold) -> float:
    pr = overlap / npred if npred else 0.0
    rc = overlap / ngold if ngold else 0.0
    return 2 * pr * rc / (pr + rc) if pr + rc else 0.0


def score(pred: dict[str, list[str]], gold: dict[str, list[str]]) -> dict:
    pd, gd = set(pred), set(gold)
    res = {"date_f1": _f(len(pd & gd), len(pd), len(gd))}
    for n in (1, 2):
        o, np_, ng = rouge_f(" ".join(s for v in pred.values() for s in v),
                             " ".join(s for v in gold.values() for s in v), n)
        res[f"rouge{n}"] = _f(o, np_, ng)
        o = np_ = ng = 0
        for d in pd | gd:
            a, b, c = rouge_f(" ".join(pred.get(d, [])), " ".join(gold.get(d, [])), n)
            o, np_, ng = o + a, np_ + b, ng + c
        res[f"rouge{n}_aligned"] = _f(o, np_, ng)
    return res


def evaluate(root: Path, workers: int = 1) -> dict:
    from . import timeline
    from .pipeline import Settings, run
    from .store import Store

    gold = read_gold(root / "timelines" / "tl1.txt")
    n_dates = len(gold)
    per_date = max(1, round(sum(len(v) for v in gold.values()) / n_dates))
    t0 = _time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "t17.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for path in sorted((root / "InputDocs").glob("*/*.txt")):
                text = "\n".join(_detok(ln) for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip())
                if text:
                    f.write(json.dumps({"id": f"{path.parent.name}/{path.name}", "published": path.parent.name,
                                        "text": text}) + "\n")
        db = Path(tmp) / "t17.duckdb"
        summary = run([str(src)], Settings(db=str(db), workers=workers))
        with Store(db, read_only=True) as st:
            tl = timeline.build(st, dates=n_dates, sentences=per_date)
    secs = _time.perf_counter() - t0
    pred = {e["date"]: e["sentences"] for e in tl if e["date"]}
    res = score(pred, gold)
    res.update({"dates": n_dates, "sentences_per_date": per_date, "articles": summary.stored,
                "events": summary.events, "seconds": secs, "pred_dates": sorted(pred)})
    return res


def markdown_section(r: dict, command: str = "diurna eval timeline") -> str:
    f3 = lambda x: f"{x:.3f}"  # noqa: E731
    lines = ["## Timeline (t17 BBC Syria, journalist's timeline)", "",
             f"Command: `{command}`; {r['articles']} articles (publication day from the folder), {r['events']:,} events; "
             f"timeline of {r['dates']} dates × {r['sentences_per_date']} sentences, built by `diurna timeline`'s "
             f"own selection (nothing tuned to this timeline); {r['seconds']:.0f} s.", "",
             "| method | date F1 | ROUGE-1 F (concat) | ROUGE-2 F (concat) | ROUGE-1 F (date-aligned) | ROUGE-2 F (date-aligned) |",
             "|---|---:|---:|---:|---:|---:|",
             f"| diurna | {f3(r['date_f1'])} | {f3(r['rouge1'])} | {f3(r['rouge2'])} | {f3(r['rouge1_aligned'])} | "
             f"{f3(r['rouge2_aligned'])} |"]
    for name, (d, r1, r2) in PUBLISHED.items():
        lines.append(f"| *{name}, published* | {d} | {r1} | {r2} | | |")
    lines += ["", f"Dates chosen: {', '.join(r['pred_dates'])}."]
    return "\n".join(lines)
