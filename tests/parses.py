"""Parses built by hand, for tests of the rules that read them.

A rule test should check the rule, not how the statistical parser happens
to parse its sentence: like spaCy's own tests, which build a ``Doc`` from
``words``, ``heads`` and ``deps``, these helpers build the
:class:`~diurna.records.Sentence` records the later stages read (they are
plain data) from a parse written in the test.

:func:`sentence` is the primitive, spaCy's ``Doc(vocab, words=..., heads=...,
deps=..., pos=...)``: parallel lists, heads as indices of the head token (the
root points at itself), offsets from the words joined by single spaces or
found in a given ``text``.

:func:`parse` is the form a test reads: the text as written and, for each of
its sentences, a table of one token a row, like CoNLL::

    VETO = parse("Russia vetoed the draft.", '''
        0 Russia  1 nsubj    PROPN
        1 vetoed  1 ROOT     VERB:VBD  veto
        2 the     3 det      DET
        3 draft   1 dobj     NOUN
        4 .       1 punct    PUNCT
    ''', ents=[("Russia", "GPE")], published="2024-03-05")

The columns are the token's index (checked: it is the row's number), the
word, the index of its head (0-based; the root's is its own), its dependency
label (spaCy's English labels), its coarse part of speech with its fine tag
after a colon, and its lemma.  The tag may be left out but for verbs and
auxiliaries (where tense and form decide rules) and is then the usual one
for the part of speech (``NNP``, ``NN``, ``NNS`` when the lemma differs from
the word, ``IN``, ``DT``...); the lemma may be left out when it is the word
(lower-cased but for a proper noun).  Entities are ``(text, label)`` pairs,
found in the text in order, each after the one before.

Everything is checked, as spaCy checks a ``Doc``: one root a sentence,
every token reaching it, heads in range, known labels and tags, words that
are the text (nothing but white space between them, none left over),
entities on token boundaries inside one sentence; a mistake is a
``ValueError`` that names the token.  A table is a string: rows shared by
two sentences can be one constant, a row that varies an f-string field.  The
result is a :class:`~diurna.records.ParsedArticle` whose article has the
given fields (``published=...``; ``id`` and ``origin`` default to ``"t"``).
"""

from __future__ import annotations

import re

from diurna.records import Article, Entity, ParsedArticle, Sentence

__all__ = ["parse", "sentence", "rows"]

# spaCy's English dependency labels (en_core_web_*), its universal parts of
# speech, its fine tags and entity labels
DEPS = frozenset(
    "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj csubj "
    "csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass nummod oprd "
    "parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl xcomp".split())
POS = frozenset("ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X SPACE".split())
TAGS = frozenset(
    "$ '' , -LRB- -RRB- . : ADD AFX CC CD DT EX FW HYPH IN JJ JJR JJS LS MD NFP NN NNP NNPS NNS PDT POS PRP "
    "PRP$ RB RBR RBS RP SYM TO UH VB VBD VBG VBN VBP VBZ WDT WP WP$ WRB XX ``".split())
LABELS = frozenset("CARDINAL DATE EVENT FAC GPE LANGUAGE LAW LOC MONEY NORP ORDINAL ORG PERCENT PERSON "
                   "PRODUCT QUANTITY TIME WORK_OF_ART".split())

_TAG_OF_POS = {"PROPN": "NNP", "NOUN": "NN", "ADJ": "JJ", "ADV": "RB", "ADP": "IN", "DET": "DT",
               "PRON": "PRP", "NUM": "CD", "CCONJ": "CC", "SCONJ": "IN", "SYM": "SYM", "INTJ": "UH", "X": "XX"}
_TAG_OF_WORD = {".": ".", "!": ".", "?": ".", ",": ",", ":": ":", ";": ":", "-": "HYPH", "(": "-LRB-",
                ")": "-RRB-", '"': "''", "“": "``", "”": "''", "$": "$", "to": "TO", "'s": "POS", "’s": "POS",
                "not": "RB", "n't": "RB", "'": "''"}


def _default_tag(word: str, pos: str, lemma: str) -> str:
    if pos in ("VERB", "AUX"):
        raise ValueError(f"{word!r}: a {pos} needs its tag (VB, VBD, VBG, VBN, VBP, VBZ, MD)")
    if pos in ("PUNCT", "PART", "SYM") and word.lower() in _TAG_OF_WORD:
        return _TAG_OF_WORD[word.lower()]
    if pos == "PUNCT":
        return "."
    if pos == "NOUN" and lemma != word.lower():
        return "NNS"
    if pos == "PRON" and word.lower() in ("his", "her", "its", "their", "our", "my", "your"):
        return "PRP$"
    if pos == "PRON" and word.lower() in ("who", "what"):
        return "WP"
    if pos == "DET" and word.lower() in ("which", "that") or pos == "PRON" and word.lower() == "which":
        return "WDT"
    return _TAG_OF_POS.get(pos, "XX")


def _check(words, heads, deps, pos, lemmas, tags) -> None:
    n = len(words)
    for name, arr in (("heads", heads), ("deps", deps), ("pos", pos), ("lemmas", lemmas), ("tags", tags)):
        if len(arr) != n:
            raise ValueError(f"{len(arr)} {name} for {n} words")
    for i, (w, h, d, p, t) in enumerate(zip(words, heads, deps, pos, tags)):
        if not isinstance(h, int) or not 0 <= h < n:
            raise ValueError(f"token {i} {w!r}: head {h!r} is not a token of the sentence (0..{n - 1})")
        if d not in DEPS:
            raise ValueError(f"token {i} {w!r}: unknown dependency label {d!r}")
        if p not in POS:
            raise ValueError(f"token {i} {w!r}: unknown part of speech {p!r}")
        if t not in TAGS:
            raise ValueError(f"token {i} {w!r}: unknown tag {t!r}")
        if (h == i) != (d == "ROOT"):
            raise ValueError(f"token {i} {w!r}: the root (and only it) is labelled ROOT and is its own head")
    roots = [i for i in range(n) if heads[i] == i]
    if len(roots) != 1:
        raise ValueError(f"a sentence has one root, not {len(roots)}: {[words[i] for i in roots]}")
    for i in range(n):
        seen, t = set(), i
        while heads[t] != t:
            if t in seen:
                raise ValueError(f"token {i} {words[i]!r}: its heads go round in a cycle")
            seen.add(t)
            t = heads[t]


def _align(words: list[str], text: str, at: int) -> list[int]:
    """Offsets of ``words`` in ``text``, from ``at``: only white space may stand between them."""
    offsets = []
    for w in words:
        while at < len(text) and text[at].isspace():
            at += 1
        if text[at:at + len(w)] != w:
            raise ValueError(f"word {w!r} is not the text at {at}: {text[at:at + len(w) + 10]!r}")
        offsets.append(at)
        at += len(w)
    return offsets


def sentence(words: list[str], heads: list[int], deps: list[str], pos: list[str], *,
             lemmas: list[str] | None = None, tags: list[str] | None = None,
             entities: list[tuple[str, str]] | list[Entity] = (), text: str | None = None,
             at: int = 0, index: int = 0) -> Sentence:
    """A :class:`Sentence` from parallel token lists, as spaCy's ``Doc(words=, heads=, deps=, pos=)``.

    ``heads`` are indices of each token's head (the root's is its own).
    ``lemmas`` default to the words (lower-cased but for proper nouns),
    ``tags`` to the usual tag of each part of speech (not for verbs).  The
    offsets are those of the words joined by single spaces, or of the words
    found in ``text`` from character ``at`` (white space only between them:
    ``text`` is then the article's text, which may hold other sentences).
    ``entities`` are ``(text, label)`` pairs found in order in the
    sentence, or :class:`Entity` records.  ``index`` numbers the sentence.
    """
    words = list(words)
    if lemmas is None:
        lemmas = [w if p == "PROPN" else w.lower() for w, p in zip(words, pos)]
    if tags is None:
        tags = [_default_tag(w, p, lem) for w, p, lem in zip(words, pos, lemmas)]
    _check(words, heads, deps, pos, lemmas, tags)
    if text is None:
        text = " ".join(words)
    offsets = _align(words, text, at)
    start, end = offsets[0], offsets[-1] + len(words[-1])
    ents = sorted([e for e in entities if isinstance(e, Entity)] + _entities(
        [e for e in entities if not isinstance(e, Entity)], text, start, end), key=lambda e: e.start)
    for e in ents:
        _on_tokens(e, offsets, words)
    return Sentence(index=index, start=start, end=end, text=text[start:end], words=words, lemmas=list(lemmas),
                    pos=list(pos), tags=list(tags), deps=list(deps), heads=list(heads), offsets=offsets,
                    entities=ents)


def _on_tokens(e: Entity, offsets: list[int], words: list[str]) -> None:
    if e.start not in offsets or e.end not in {o + len(w) for o, w in zip(offsets, words)}:
        raise ValueError(f"entity {e.text!r} does not begin and end on token boundaries")


def _entities(pairs: list[tuple[str, str]], text: str, start: int, end: int) -> list[Entity]:
    out, at = [], start
    for span, label in pairs:
        if label not in LABELS:
            raise ValueError(f"entity {span!r}: unknown label {label!r}")
        i = text.find(span, at, end)
        if i < 0:
            raise ValueError(f"entity {span!r} is not in the text after {text[at:at + 20]!r}")
        out.append(Entity(i, i + len(span), span, label))
        at = i + 1
    return out


_ROW = re.compile(r"(\d+)\s+(\S+)\s+(\d+)\s+(\S+)\s+([A-Z]+)(?::(\S+))?(?:\s+(\S+))?")


def rows(table: str) -> dict[str, list]:
    """The token lists of a table (see the module docstring): one row a token,
    ``index word head dep POS[:TAG] [lemma]``.  Blank lines are skipped."""
    out: dict[str, list] = {k: [] for k in ("words", "heads", "deps", "pos", "tags", "lemmas")}
    for line in table.splitlines():
        if not line.strip():
            continue
        m = _ROW.fullmatch(line.strip())
        if m is None:
            raise ValueError(f"not a row (index word head dep POS[:TAG] [lemma]): {line.strip()!r}")
        i, word, head, dep, pos, tag, lemma = m.groups()
        if int(i) != len(out["words"]):
            raise ValueError(f"row {len(out['words'])} is numbered {i}: {line.strip()!r}")
        lemma = lemma or (word if pos == "PROPN" else word.lower())
        for k, v in (("words", word), ("heads", int(head)), ("deps", dep), ("pos", pos), ("lemmas", lemma),
                     ("tags", tag or _default_tag(word, pos, lemma))):
            out[k].append(v)
    if not out["words"]:
        raise ValueError("a table with no rows")
    return out


def parse(text: str, *tables: str, ents: list[tuple[str, str]] = (), **article) -> ParsedArticle:
    """The article ``text`` parsed by hand: one table a sentence (see the
    module docstring), in the order of the text, which they must cover;
    ``ents`` are ``(text, label)`` pairs in the order of the text; the other
    keywords are fields of the :class:`Article` (``published=...``)."""
    sents, at = [], 0
    for k, table in enumerate(tables):
        s = sentence(**rows(table), text=text, at=at, index=k)
        sents.append(s)
        at = s.end
    if text[at:].strip():
        raise ValueError(f"text left over after the last sentence: {text[at:at + 30]!r}")
    for e in _entities(list(ents), text, 0, len(text)):
        s = next((s for s in sents if s.start <= e.start < s.end), None)
        if s is None or e.end > s.end:
            raise ValueError(f"entity {e.text!r} is not inside one sentence")
        _on_tokens(e, s.offsets, s.words)
        s.entities.append(e)
    article.setdefault("id", "t")
    article.setdefault("origin", "t")
    return ParsedArticle(Article(text=text, **article), sents)
