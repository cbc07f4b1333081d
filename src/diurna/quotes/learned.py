"""Cue verbs learned from annotated news (``data/quote_cues.tsv``).

``scripts/learn_quote_cues.py`` counts, on the dev split of PolNeAR, how
often each word heads an attribution's cue among its occurrences; a verb of
the table that does so in at least :data:`LEARNED_PRECISION` of them is a
cue, besides the hand-written lists of :mod:`diurna.lexicon.quotes`, and
one whose content is mostly a clausal complement reports a clause only.
``diurna/data/README.md`` documents the table.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

# a learned cue counts when it cued an attribution at least this often among its occurrences
LEARNED_PRECISION = 0.4


@lru_cache(maxsize=1)
def learned_cues() -> tuple[frozenset, frozenset]:
    """Verbs of ``data/quote_cues.tsv`` (learned from annotated news, see
    ``scripts/learn_quote_cues.py``) that cue an attribution often enough
    (``LEARNED_PRECISION``), and those of them that report a clause only
    (their content is mostly a clausal complement)."""
    verbs, clause = set(), set()
    text = resources.files("diurna").joinpath("data/quote_cues.tsv").read_text("utf-8")
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        if r["pos"] != "VERB" or float(r["precision"]) < LEARNED_PRECISION:
            continue
        verbs.add(r["lemma"])
        if r["content"] == "ccomp" and float(r["content_share"]) >= 0.5:
            clause.add(r["lemma"])
    return frozenset(verbs), frozenset(clause)
