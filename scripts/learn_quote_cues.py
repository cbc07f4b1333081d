"""Learn the cue table of quote attribution from the PolNeAR dev split.

Writes ``src/diurna/data/quote_cues.tsv``: for every word that heads a gold
attribution cue at least ``--min-cues`` times in the **dev** split (the
articles whose file name's sha1 ends in 5-f, as in
:mod:`diurna.evaluation.quotes`), how often it cues an attribution against how
often it occurs at all, and where the source and the content typically sit
relative to it in the dependency parse.  The files of the test split are
never opened (``read_gold(root, "dev")`` filters on the file name before
reading).

    .venv/bin/python scripts/learn_quote_cues.py [../shared/data/polnear-dev] [--min-cues 2]

The cue's head is the token of the cue span whose syntactic head lies
outside the span (a verb preferred, then a noun): "is calling for" ->
call/VERB, "made the reference" -> make/VERB, "his criticism of" ->
criticism/NOUN.  Occurrences count every token of the dev texts with the
same lemma and coarse part of speech.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from diurna.nlp import flatten, load  # noqa: E402
from diurna.quotes import _lemma  # noqa: E402
from diurna.evaluation.quotes import read_gold  # noqa: E402

POS = ("VERB", "NOUN", "ADJ")


def _head(s, toks: list[int]) -> int | None:
    """The token of ``toks`` whose head is outside them, a verb first."""
    inside = set(toks)
    tops = [t for t in toks if s.heads[t] not in inside or s.heads[t] == t]
    for pos in POS:
        for t in tops:
            if s.pos[t] == pos:
                return t
    return tops[0] if tops else None


def _tokens(s, span) -> list[int]:
    a, b = span
    return [i for i in range(len(s.words)) if a <= s.offsets[i] < b]


def _relation(s, cue: int, span) -> str:
    """Where a gold span sits relative to the cue head: its head's dependency
    label when it hangs on the cue (``nsubj``, ``ccomp``, ``dobj``...),
    ``prep:<word>`` when it hangs on a preposition of the cue, ``agent``
    for "by X" after a passive, else ``left``/``right``/``none``."""
    if span is None:
        return "none"
    toks = _tokens(s, span)
    if not toks:
        return "outside"  # in another sentence
    h = _head(s, toks)
    if h is None:
        return "none"
    up = s.heads[h]
    if up == cue:
        return s.deps[h]
    if s.heads[up] == cue and s.deps[up] in ("prep", "agent"):
        return "agent" if s.deps[up] == "agent" else f"prep:{s.words[up].lower()}"
    if cue in toks:
        return "overlap"
    return "left" if s.offsets[h] < s.offsets[cue] else "right"


def learn(root: Path, min_cues: int = 2):
    docs = read_gold(root, "dev")
    nlp = load()
    cues: Counter = Counter()
    seen: Counter = Counter()
    source: dict = defaultdict(Counter)
    content: dict = defaultdict(Counter)
    for (name, text, gold), sents in zip(docs, (flatten(d) for d in nlp.pipe([t for _, t, _ in docs],
                                                                            batch_size=8))):
        for s in sents:
            for i in range(len(s.words)):
                if s.pos[i] in POS:
                    seen[(_lemma(s, i), s.pos[i])] += 1
        for att in gold["Attributions"]:
            if att["Cue"] is None:
                continue
            s = next((x for x in sents if x.start <= att["Cue"][0] < x.end), None)
            toks = _tokens(s, att["Cue"]) if s is not None else []
            h = _head(s, toks) if toks else None
            if h is None or s.pos[h] not in POS:
                continue
            key = (_lemma(s, h), s.pos[h])
            cues[key] += 1
            source[key][_relation(s, h, att["Source"])] += 1
            content[key][_relation(s, h, att["Content"])] += 1
    rows = []
    for key, n in cues.items():
        if n < min_cues:
            continue
        occ = max(seen[key], n)
        src, src_n = source[key].most_common(1)[0]
        cnt, cnt_n = content[key].most_common(1)[0]
        rows.append((key[0], key[1], n, occ, n / occ, src, src_n / n, cnt, cnt_n / n))
    rows.sort(key=lambda r: (r[1], -r[2], r[0]))
    return len(docs), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "polnear-dev"))
    ap.add_argument("--min-cues", type=int, default=2)
    ap.add_argument("--out", default=str(ROOT / "src" / "diurna" / "data" / "quote_cues.tsv"))
    args = ap.parse_args()
    n, rows = learn(Path(args.root), args.min_cues)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(f"# Cue words of attributions learned from the PolNeAR dev split ({n} articles) by\n"
                f"# scripts/learn_quote_cues.py (--min-cues {args.min_cues}); see src/diurna/data/README.md.\n")
        f.write("lemma\tpos\tcues\toccurrences\tprecision\tsource\tsource_share\tcontent\tcontent_share\n")
        for r in rows:
            f.write(f"{r[0]}\t{r[1]}\t{r[2]}\t{r[3]}\t{r[4]:.2f}\t{r[5]}\t{r[6]:.2f}\t{r[7]}\t{r[8]:.2f}\n")
    print(f"{len(rows)} cue words from {n} dev articles -> {args.out}")


if __name__ == "__main__":
    main()
