"""How well publication dates are inferred from text (``diurna eval pubdate``).

Documents whose publication day is known, the day hidden from the inference
(the split is the collection):

* TempEval-3 TimeML (``tempeval3/TimeBank``, ``tempeval3/AQUAINT``): the text
  of ``<TEXT>`` without its tags; the truth is the ``<DCT>`` value.
* Timeline17 BBC Syria articles (``t17-syria-bbc/InputDocs/YYYY-MM-DD/``): the
  PTB-tokenised lines detokenised and joined; the truth is the folder name.

Per collection: the share of documents given any interval (a bound on
either side), the share whose interval contains the true day, the median and
90th-percentile width of closed intervals (days, both bounds known), the
share given a best day, its exact-day accuracy, the share within 7 / 31 /
365 days and the median absolute error (days, over documents with a best
day), and how often each evidence kind was used.

TimeBank and t17 are the collections the rules may be studied on; AQUAINT is
held out.
"""

from __future__ import annotations

import collections
import datetime as dt
import re
import time as _time
from dataclasses import dataclass
from pathlib import Path

from ..time.pubdate import DateInference, infer_publication_date
from .metrics import percentile, share
from .sections import pct

COLLECTIONS = SPLITS = ("TimeBank", "t17", "AQUAINT")
DATA = ("tempeval3", "t17-syria-bbc")
HELD_OUT = {"AQUAINT"}
KINDS = ("date", "stamp", "yearless", "weekday", "office", "conflict", "event", "member")


@dataclass
class Doc:
    name: str
    text: str
    truth: dt.date


def read_collection(root: Path, name: str) -> list[Doc]:
    """The documents of one collection under the data root ``root``."""
    if name == "t17":
        from .timeline import detok

        out = []
        for path in sorted((Path(root) / "t17-syria-bbc" / "InputDocs").glob("*/*.txt")):
            lines = path.read_text("utf-8", errors="replace").splitlines()
            text = "\n".join(detok(ln) for ln in lines if ln.strip())
            if text.strip():
                out.append(Doc(f"{path.parent.name}/{path.name}", text, dt.date.fromisoformat(path.parent.name)))
        return out
    from .timex import read_tml

    out = []
    for path in sorted((Path(root) / "tempeval3" / name).glob("*.tml")):
        text, dct, _ = read_tml(path)
        if dct and re.match(r"\d{4}-\d{2}-\d{2}", dct):
            out.append(Doc(path.name, text, dt.date.fromisoformat(dct[:10])))
    return out


def infer_all(docs: list[Doc], nlp=None, cache: dict | None = None) -> list[DateInference]:
    """The inference for each document (parsed with ``nlp`` when given; parses
    are kept in ``cache``, keyed by text, when one is passed)."""
    from ..nlp import flatten

    sents: list = [None] * len(docs)
    if cache is not None:
        sents = [cache.get(d.text) for d in docs]
    if nlp is not None:
        todo = [i for i, s in enumerate(sents) if s is None]
        for i, doc in zip(todo, nlp.pipe([docs[i].text for i in todo], batch_size=16)):
            sents[i] = flatten(doc)
            if cache is not None:
                cache[docs[i].text] = sents[i]
    return [infer_publication_date(d.text, s) for d, s in zip(docs, sents)]


def score(docs: list[Doc], results: list[DateInference]) -> dict:
    """The figures of one collection (see the module's docstring)."""
    n = len(docs)
    any_iv = contains = with_best = exact = 0
    within = {7: 0, 31: 0, 365: 0}
    widths, errors = [], []
    kinds = collections.Counter()
    for d, r in zip(docs, results):
        lo = dt.date.fromisoformat(r.earliest) if r.earliest else None
        hi = dt.date.fromisoformat(r.latest) if r.latest else None
        if lo or hi:
            any_iv += 1
            contains += (lo is None or lo <= d.truth) and (hi is None or d.truth <= hi)
        if lo and hi:
            widths.append((hi - lo).days + 1)
        for kind in {e.kind for e in r.evidence if e.used}:
            kinds[kind] += 1
        if r.best:
            with_best += 1
            err = abs((dt.date.fromisoformat(r.best) - d.truth).days)
            errors.append(err)
            exact += err == 0
            for k in within:
                within[k] += err <= k
    return {"documents": n, "any_interval": share(any_iv, n), "contains": share(contains, n),
            "closed": share(len(widths), n), "median_width": percentile(widths, 0.5),
            "p90_width": percentile(widths, 0.9), "with_best": share(with_best, n), "exact": share(exact, with_best),
            "within": {k: share(v, with_best) for k, v in within.items()},
            "median_error": percentile(errors, 0.5), "kinds": {k: share(kinds[k], n) for k in KINDS}}


def evaluate(root: Path, split: str, parse: bool = True, cache: dict | None = None) -> dict:
    """The figures of the collection ``split`` under the data root ``root``
    (``parse``: with spaCy, else without tense or PERSON entities)."""
    from ..nlp import load

    nlp = load() if parse else None
    t0 = _time.perf_counter()
    docs = read_collection(root, split)
    res = score(docs, infer_all(docs, nlp, cache))
    res.update(collection=split, seconds=_time.perf_counter() - t0, parsed=nlp is not None)
    return res


def markdown(results: list[dict]) -> str:
    num = lambda x: "–" if x is None else f"{x:.0f}"  # noqa: E731
    lines = [
        "## Publication dates inferred from text",
        "",
        "Command: `diurna eval pubdate`; data `../shared/data/tempeval3` (TimeML text without tags; truth = the DCT) "
        "and `../shared/data/t17-syria-bbc/InputDocs` (truth = the folder's day); the true date is hidden from "
        "the inference. TimeBank and t17 are where the rules were studied; **AQUAINT is held out** "
        "(its errors are not looked at).",
        "",
        "| collection | docs | any interval % | contains truth % | closed % | median width (d) | p90 width (d) "
        "| best % | exact day % | ≤7 d % | ≤31 d % | ≤365 d % | median error (d) | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        name = f"{r['collection']}{' (held out)' if r['collection'] in HELD_OUT else ''}"
        name += "" if r["parsed"] else " (no parse)"
        lines.append(
            f"| {name} | {r['documents']} | {pct(r['any_interval'])} | {pct(r['contains'])} | {pct(r['closed'])} | "
            f"{num(r['median_width'])} | {num(r['p90_width'])} | {pct(r['with_best'])} | {pct(r['exact'])} | "
            f"{pct(r['within'][7])} | {pct(r['within'][31])} | {pct(r['within'][365])} | {num(r['median_error'])} | "
            f"{r['seconds']:.1f} |")
    lines += ["", "Evidence kinds used (share of documents with at least one used clue of the kind):", "",
              "| collection | " + " | ".join(KINDS) + " |", "|---|" + "---:|" * len(KINDS)]
    for r in results:
        lines.append(f"| {r['collection']} | " + " | ".join(pct(r["kinds"][k]) for k in KINDS) + " |")
    lines += ["", "Contains truth % is over all documents (a document without interval does not count); widths are "
              "of closed intervals, both days included; the ≤ shares and the median error are over documents "
              "with a best day; seconds include spaCy parsing."]
    return "\n".join(lines)
