"""Timeline scoring against a journalist's timeline (``diurna eval timeline``).

Data: ``t17-syria-bbc/`` under the data root: ``InputDocs/YYYY-MM-DD/*.htm.txt``
(the folder is the publication day, given to diurna as the article's
``published`` date; the text is tokenised, one sentence a line) and
``timelines/SPLIT.txt``, the journalist's timeline (``tl1``: a date line, its
sentences, a line of dashes).

diurna runs on the articles into a temporary store, then builds a timeline
of the gold's number of dates and (rounded) sentences per date.  Scores, as
in the timeline-summarisation literature:

* date F1: the chosen dates against the gold dates;
* concatenated ROUGE-1/2 F: all chosen sentences against all gold sentences;
* agreement ROUGE-1/2 F (Martschat & Markert 2017): overlaps counted only
  between the summaries of the same date, over the n-grams of all dates of
  both timelines;
* alignment-based ROUGE-1/2 F (``align+ m:1``, reported by news-tls): each
  date compared with the other timeline's date of least cost, the overlap
  weighted by 1/(days apart + 1).

Tokens are lower-cased runs of letters and digits, as ROUGE-1.5.5 counts
them without options: the figures published for this collection were
computed that way (this scorer gives the published baseline's figures back,
0.414 / 0.088 against 0.412 / 0.088).  The same scores with tilse's options
(``-m -s``: stopwords out, Porter stems) are reported as well.

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

from .metrics import f1, harmonic, share

FOLDER = "t17-syria-bbc"
DATA = (FOLDER,)
SPLITS = ("tl1",)
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


def detok(s: str) -> str:
    """A line of PTB tokens as written (brackets, quotes, no space before punctuation)."""
    s = s.replace("-LRB-", "(").replace("-RRB-", ")").replace("``", "“").replace("''", "”")
    return re.sub(r"\s+([,.;:!?)%])", r"\1", re.sub(r"\(\s+", "(", s))


# --------------------------------------------------------------------------
# ROUGE as ROUGE-1.5.5 -m -s computes it (the settings of tilse / news-tls)
# --------------------------------------------------------------------------

_V = "aeiou"


def _cons(w: str, i: int) -> bool:
    c = w[i]
    if c in _V:
        return False
    if c == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem: str) -> int:
    """Porter's measure: the number of vowel-consonant sequences."""
    n, prev_vowel = 0, False
    for i in range(len(stem)):
        c = _cons(stem, i)
        if c and prev_vowel:
            n += 1
        prev_vowel = not c
    return n


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_cons(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    return (len(w) >= 3 and _cons(w, len(w) - 3) and not _cons(w, len(w) - 2) and _cons(w, len(w) - 1)
            and w[-1] not in "wxy")


_STEP2 = [("ational", "ate"), ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("izer", "ize"),
          ("abli", "able"), ("alli", "al"), ("entli", "ent"), ("eli", "e"), ("ousli", "ous"),
          ("ization", "ize"), ("ation", "ate"), ("ator", "ate"), ("alism", "al"), ("iveness", "ive"),
          ("fulness", "ful"), ("ousness", "ous"), ("aliti", "al"), ("iviti", "ive"), ("biliti", "ble")]
_STEP3 = [("icate", "ic"), ("ative", ""), ("alize", "al"), ("iciti", "ic"), ("ical", "ic"), ("ful", ""), ("ness", "")]
_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism",
          "ate", "iti", "ous", "ive", "ize"]


def _replace(w: str, rules, min_m: int) -> str:
    for suf, rep in rules:
        if w.endswith(suf):
            stem = w[:-len(suf)]
            return stem + rep if _m(stem) > min_m else w
    return w


def porter(w: str) -> str:
    """The Porter (1980) stemmer, the one ROUGE-1.5.5 ``-m`` applies."""
    if len(w) <= 2:
        return w
    # step 1a
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies"):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    again = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, again = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, again = w[:-3], True
    if again:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_cons(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    w = _replace(w, _STEP2, 0)
    w = _replace(w, _STEP3, 0)
    # step 4
    for suf in _STEP4:
        if w.endswith(suf):
            stem = w[:-len(suf)]
            if _m(stem) > 1 and (suf != "ion" or stem.endswith(("s", "t"))):
                w = stem
            break
    # step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _m(stem) > 1 or (_m(stem) == 1 and not _cvc(stem)):
            w = stem
    if _m(w) > 1 and _double_cons(w) and w.endswith("l"):
        w = w[:-1]
    return w


def _stopwords() -> frozenset:
    # ROUGE-1.5.5 -s removes the SMART list (571 words); spaCy's English list
    # (326 words, installed with the parser) stands in for it
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | {"s", "t"}


_STOP = _stopwords()


def tokens(text: str, strict: bool = False) -> list[str]:
    """ROUGE-1.5.5 tokens: lower case, anything but letters and digits a
    separator; ``strict`` (options ``-m -s``, tilse's settings): stopwords
    dropped and words longer than 3 letters Porter-stemmed."""
    out = []
    for t in re.sub(r"[^a-z0-9]+", " ", text.lower()).split():
        if not strict:
            out.append(t)
        elif t not in _STOP:
            out.append(porter(t) if len(t) > 3 else t)
    return out


def _ngrams(text: str, n: int, strict: bool = False) -> Counter:
    toks = tokens(text, strict)
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def rouge_f(pred: str, gold: str, n: int, strict: bool = False) -> tuple[int, int, int]:
    """(overlap, predicted n-grams, gold n-grams)."""
    p, g = _ngrams(pred, n, strict), _ngrams(gold, n, strict)
    return sum((p & g).values()), sum(p.values()), sum(g.values())


def _approx_r1(pred: list[str], gold: list[str]) -> float:
    """tilse's ROUGE-1 approximation used in the alignment costs."""
    o, a, b = rouge_f(" ".join(pred), " ".join(gold), 1)
    return f1(o, a, b)


def _aligned(pred: dict[str, list[str]], gold: dict[str, list[str]], n: int, strict: bool = False) -> float:
    """Alignment-based ROUGE (Martschat & Markert 2017, "align+ m:1", the
    AR-n of news-tls): every predicted date is compared with the reference
    date of least cost, cost = (1 - 1/(days apart + 1)) x (1 - ROUGE-1 approx.),
    and its overlap counts 1/(days apart + 1); recall the same way round."""
    import datetime as dt

    day = {d: dt.date.fromisoformat(d) for d in set(pred) | set(gold)}

    def side(src: dict, dst: dict, src_is_pred: bool) -> tuple[float, int]:
        num, den = 0.0, 0
        for d, sents in src.items():
            best, best_cost = None, None
            for e, other in dst.items():
                gap = abs((day[d] - day[e]).days)
                p, g = (sents, other) if src_is_pred else (other, sents)
                cost = (1 - 1 / (gap + 1)) * (1 - _approx_r1(p, g))
                if best_cost is None or cost < best_cost:
                    best, best_cost = e, cost
            p, g = (sents, dst.get(best, [])) if src_is_pred else (dst.get(best, []), sents)
            o, np_, ng = rouge_f(" ".join(p), " ".join(g), n, strict)
            w = 1 / (abs((day[d] - day[best]).days) + 1) if best else 0.0
            num += w * o
            den += np_ if src_is_pred else ng
        return num, den

    pn, pd_ = side(pred, gold, True)
    rn, rd = side(gold, pred, False)
    return harmonic(share(pn, pd_), share(rn, rd))


def score(pred: dict[str, list[str]], gold: dict[str, list[str]], strict: bool = False) -> dict:
    """Date F1; concatenated ROUGE-n F (all sentences of each timeline);
    date-agreement ROUGE-n F (overlap only between the summaries of the same
    date, over the n-grams of all dates of both timelines: tilse's
    ``agreement``); alignment-based ROUGE-n F (``align+ m:1``, news-tls's AR).
    ``strict``: tokens as ROUGE-1.5.5 ``-m -s`` (see :func:`tokens`)."""
    pd, gd = set(pred), set(gold)
    res = {"date_f1": f1(len(pd & gd), len(pd), len(gd))}
    for n in (1, 2):
        o, np_, ng = rouge_f(" ".join(s for d in sorted(pred) for s in pred[d]),
                             " ".join(s for d in sorted(gold) for s in gold[d]), n, strict)
        res[f"rouge{n}"] = f1(o, np_, ng)
        o = np_ = ng = 0
        for d in pd | gd:
            a, b, c = rouge_f(" ".join(pred.get(d, [])), " ".join(gold.get(d, [])), n, strict)
            o, np_, ng = o + a, np_ + b, ng + c
        res[f"rouge{n}_aligned"] = f1(o, np_, ng)
        res[f"rouge{n}_align_m1"] = _aligned(pred, gold, n, strict)
    return res


def baseline(root: Path, n_dates: int, per_date: int) -> dict[str, list[str]]:
    """The published baseline "days with most articles, first sentences": the
    days most articles were published on, each summarised by the first lines
    of its articles (to check this scorer against the published figures)."""
    days = [(len(list(d.glob("*.txt"))), d.name) for d in (root / "InputDocs").iterdir() if d.is_dir()]
    out: dict[str, list[str]] = {}
    for _, day in sorted(days, key=lambda x: (-x[0], x[1]))[:n_dates]:
        firsts = []
        for path in sorted((root / "InputDocs" / day).glob("*.txt")):
            lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
            if lines:
                firsts.append(lines[0])
        out[day] = firsts[:per_date]
    return out


def evaluate(root: Path, split: str = "tl1", workers: int = 1) -> dict:
    """diurna's timeline of the t17 articles under the data root ``root``
    (run with ``workers``) scored against the gold timeline ``split``."""
    from .. import timeline
    from ..pipeline import Settings, run
    from ..store import Store

    root = Path(root) / FOLDER
    gold = read_gold(root / "timelines" / f"{split}.txt")
    n_dates = len(gold)
    per_date = max(1, round(sum(len(v) for v in gold.values()) / n_dates))
    t0 = _time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "t17.jsonl"
        with src.open("w", encoding="utf-8") as f:
            for path in sorted((root / "InputDocs").glob("*/*.txt")):
                text = "\n".join(detok(ln) for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip())
                if text:
                    f.write(json.dumps({"id": f"{path.parent.name}/{path.name}", "published": path.parent.name,
                                        "text": text}) + "\n")
        db = Path(tmp) / "t17.duckdb"
        summary = run([str(src)], Settings(db=str(db), workers=workers))
        t1 = _time.perf_counter()
        with Store(db, read_only=True) as st:
            tl = timeline.build(st, dates=n_dates, sentences=per_date)
        t2 = _time.perf_counter()
    pred = {e["date"]: e["sentences"] for e in tl if e["date"]}
    base = baseline(root, n_dates, per_date)
    res = {"plain": score(pred, gold), "strict": score(pred, gold, strict=True),
           "baseline": score(base, gold), "baseline_strict": score(base, gold, strict=True)}
    res.update({"dates": n_dates, "sentences_per_date": per_date, "articles": summary.stored,
                "events": summary.events, "seconds": t2 - t0, "build_seconds": t2 - t1,
                "pred_dates": sorted(pred), "gold_dates": sorted(gold), "timeline": tl})
    return res


def markdown(results: list[dict]) -> str:
    return "\n\n".join(_markdown(r) for r in results)


def _markdown(r: dict) -> str:
    f3 = lambda x: f"{x:.3f}"  # noqa: E731

    def row(name: str, m: dict) -> str:
        return (f"| {name} | {f3(m['date_f1'])} | {f3(m['rouge1'])} | {f3(m['rouge2'])} | {f3(m['rouge1_aligned'])} | "
                f"{f3(m['rouge2_aligned'])} | {f3(m['rouge1_align_m1'])} | {f3(m['rouge2_align_m1'])} |")

    hits = set(r["pred_dates"]) & set(r["gold_dates"])
    lines = ["## Timeline (t17 BBC Syria, journalist's timeline)", "",
             f"Command: `diurna eval timeline`; {r['articles']} articles (publication day from the folder), {r['events']:,} events; "
             f"timeline of {r['dates']} dates × {r['sentences_per_date']} sentences (the gold's number of dates and "
             f"its mean sentences per date, rounded), built by `diurna timeline`'s own `timeline.build` "
             f"(nothing tuned to this timeline, no date range given); {r['seconds']:.0f} s in all, "
             f"{r['build_seconds']:.1f} s for the timeline.", "",
             "ROUGE F over lower-cased letter/digit tokens (as ROUGE-1.5.5 without options; with this scorer the "
             "published baseline's own figures are reproduced, see its row); *concat*: all sentences of each "
             "timeline; *agreement*: only between summaries of the same date (Martschat & Markert 2017); "
             "*align m:1*: each date compared with the least-cost date of the other timeline, weighted by "
             "1/(days apart + 1) (news-tls's alignment-based ROUGE). Rows marked *-m -s*: the same with "
             "stopwords removed and Porter stemming (tilse's ROUGE-1.5.5 settings; spaCy's stopword list).", "",
             "| method | date F1 | R-1 concat | R-2 concat | R-1 agreement | R-2 agreement | R-1 align m:1 | R-2 align m:1 |",
             "|---|---:|---:|---:|---:|---:|---:|---:|",
             row("diurna", r["plain"]),
             row("days with most articles, first sentences (this scorer)", r["baseline"]),
             row("diurna, *-m -s*", r["strict"]),
             row("days with most articles, first sentences, *-m -s*", r["baseline_strict"])]
    for name, (d, r1, r2) in PUBLISHED.items():
        lines.append(f"| *{name}, published* | {d} | {r1} | {r2} | | | | |")
    lines += ["", f"Dates chosen: {', '.join(('**' + d + '**') if d in hits else d for d in r['pred_dates'])} "
                  f"(bold: in the gold timeline).", "",
              "| date | first sentence chosen |", "|---|---|"]
    for e in r["timeline"]:
        if e["date"] and e["sentences"]:
            lines.append(f"| {e['date']} | {e['sentences'][0].replace('|', '/')} |")
    return "\n".join(lines)
