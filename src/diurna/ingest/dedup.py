"""Duplicate detection: exact (normalised content hash) and near (MinHash LSH).

A :class:`Deduplicator` is seeded with what the store already holds (content
hashes and MinHash signatures of canonical articles) and then sees each new
article once, in input order.  It marks copies in place
(``duplicate_of``, ``duplicate_kind``, ``similarity``) and remembers new
canonical articles, so copies within one run are caught too.

Near duplicates: word 5-gram shingles of the normalised text, 128-permutation
MinHash, LSH at Jaccard threshold 0.8 (settings ``near_threshold``); a
candidate from the LSH index is confirmed with the estimated Jaccard before
it counts.  Very short texts (< 20 words) are only checked exactly: their
shingle sets are too small for a meaningful estimate.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from ..records import Article
from .readers import normalise

NUM_PERM = 128
SHINGLE = 5
MIN_WORDS = 20
SEED = 1
SCHEME = MinHash(num_perm=NUM_PERM, seed=SEED).scheme


def shingles(text: str, k: int = SHINGLE) -> list[bytes]:
    words = normalise(text).split()
    if len(words) < k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


def signature(text: str) -> np.ndarray | None:
    """MinHash signature (uint64 array) of a text, None for very short ones."""
    sh = shingles(text)
    if len(sh) < MIN_WORDS - SHINGLE + 1:
        return None
    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    m.update_batch(sh)
    return m.hashvalues.astype(np.uint64)


class Deduplicator:
    def __init__(self, threshold: float = 0.8):
        self.threshold = threshold
        self.by_hash: dict[str, str] = {}
        self.lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.sigs: dict[str, LeanMinHash] = {}

    def add_known(self, known: Iterable[tuple[str, str, list | None]]) -> None:
        """Seed with (article id, content hash, signature) of stored canonical articles."""
        for aid, chash, sig in known:
            self.by_hash.setdefault(chash, aid)
            if sig is not None and len(sig) == NUM_PERM:
                self._index(aid, np.asarray(sig, dtype=np.uint64))

    def _index(self, aid: str, sig: np.ndarray) -> None:
        lean = LeanMinHash(seed=SEED, hashvalues=sig, scheme=SCHEME)
        if aid not in self.sigs:
            self.lsh.insert(aid, lean)
            self.sigs[aid] = lean

    def check(self, art: Article) -> np.ndarray | None:
        """Mark ``art`` if it copies a known article; else remember it.
        Returns its signature (for the store), None for short texts."""
        first = self.by_hash.get(art.content_hash)
        if first is not None and first != art.id:
            art.duplicate_of, art.duplicate_kind, art.similarity = first, "exact", 1.0
            return None
        sig = signature(art.text)
        if sig is not None:
            lean = LeanMinHash(seed=SEED, hashvalues=sig, scheme=SCHEME)
            best, best_sim = None, 0.0
            for cand in self.lsh.query(lean):
                if cand == art.id:
                    continue
                sim = lean.jaccard(self.sigs[cand])
                if sim > best_sim:
                    best, best_sim = cand, sim
            if best is not None and best_sim >= self.threshold:
                art.duplicate_of, art.duplicate_kind, art.similarity = best, "near", round(best_sim, 3)
                return sig
        self.by_hash.setdefault(art.content_hash, art.id)
        if sig is not None:
            self._index(art.id, sig)
        return sig
