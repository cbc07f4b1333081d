"""The nlp stage on texts too long to parse whole: cut points, offsets into
the full text, sentence numbering, and normal articles left as they were."""

import pytest
from conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C

from diurna.nlp import flatten, parse, parse_long, parse_texts, pieces
from diurna.records import Article

# the paragraphs that end a sentence: a whole parse may run a headline on
# into the next paragraph ("Aid groups warn of shortages\n\nAid agencies
# warned ..."), where a piece ending after the headline cannot
PARAGRAPHS = [p for a in (ARTICLE_A, ARTICLE_B, ARTICLE_C) for p in a.strip().split("\n\n") if p.endswith(".")]


def news(chars: int) -> str:
    """News paragraphs, repeated to ``chars`` characters (cut after a paragraph)."""
    block = "\n\n".join(PARAGRAPHS) + "\n\n"
    text = block * (chars // len(block) + 1)
    return text[:text.index("\n\n", chars) + 2] if "\n\n" in text[chars:] else text


def check_offsets(text, sentences):
    """Every offset of every Sentence points into ``text`` at what it names."""
    assert [s.index for s in sentences] == list(range(len(sentences)))
    for s in sentences:
        assert s.text == text[s.start:s.end]
        assert s.offsets == sorted(s.offsets)
        for w, o in zip(s.words, s.offsets, strict=True):
            assert text[o:o + len(w)] == w
        for e in s.entities:
            assert text[e.start:e.end] == e.text
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)


def test_pieces_cut_at_paragraphs_then_lines_sentences_whitespace():
    text = news(5000)
    spans = pieces(text, 1000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a < b and b - a <= 1000 for a, b in spans)
    assert all(b == c for (_, b), (c, _) in zip(spans, spans[1:]))  # consecutive, nothing left out
    assert all(text[b - 2:b] == "\n\n" for _, b in spans[:-1])
    assert pieces(text, len(text)) == [(0, len(text))]
    # no paragraph break: a line break; none: a sentence end before a capital; none: whitespace
    lines = "\n".join(p.replace("\n", " ") for p in PARAGRAPHS)
    assert all(lines[b - 1] == "\n" for _, b in pieces(lines, 400)[:-1])
    flat = " ".join(p.replace("\n", " ") for p in PARAGRAPHS)
    for _, b in pieces(flat, 400)[:-1]:
        assert flat[b - 2:b] == ". " and flat[b].isupper()
    words = " ".join(w.lower().strip(".,") for w in flat.split())
    for _, b in pieces(words, 400)[:-1]:
        assert words[b - 1] == " " and words[b] != " "  # never inside a word
    # a "word" longer than the limit can only be cut inside
    assert pieces("x" * 25, 10) == [(0, 10), (10, 20), (20, 25)]
    with pytest.raises(ValueError):
        pieces("abc", 1)


def test_small_pieces_give_the_sentences_of_the_whole_parse(nlp):
    text = news(5000)
    whole = flatten(nlp(text))
    parts = parse_long(nlp, text, piece_chars=1000)
    assert len(pieces(text, 1000)) >= 5
    check_offsets(text, parts)
    assert [s.text for s in parts] == [s.text for s in whole]
    assert [s.words for s in parts] == [s.words for s in whole]
    assert sum(len(s.entities) for s in parts) > 10


def test_normal_articles_parse_as_before(nlp):
    arts = [Article(id=str(i), origin="test", text=t) for i, t in enumerate((ARTICLE_A, ARTICLE_B, ARTICLE_C))]
    for pa, art in zip(parse(arts, nlp), arts, strict=True):
        assert pa.sentences == flatten(nlp(art.text))


def test_parse_goes_on_in_pieces_past_a_long_article(nlp):
    # pieces of 1,500 characters stand in for PIECE_CHARS; the articles
    # around the long one are parsed (and grouped) as before
    long = news(6000)
    arts = [Article(id="a", origin="t", text=ARTICLE_A), Article(id="long", origin="t", text=long),
            Article(id="b", origin="t", text=ARTICLE_B)]
    out = list(parse(arts, nlp, piece_chars=1500))
    assert [p.article.id for p in out] == ["a", "long", "b"]
    check_offsets(long, out[1].sentences)
    assert [s.text for s in out[1].sentences] == [s.text for s in flatten(nlp(long))]
    assert out[0].sentences == flatten(nlp(ARTICLE_A)) and out[2].sentences == flatten(nlp(ARTICLE_B))


def test_parse_texts_isolates_the_text_that_fails(nlp):
    class Picky:  # the real pipeline, which fails on one text
        max_length = nlp.max_length

        def pipe(self, texts, batch_size=1):
            for t in texts:
                if "BOOM" in t:
                    raise RuntimeError("cannot parse BOOM")
                yield nlp(t)

    texts = [ARTICLE_A, "BOOM went the parser.", ARTICLE_B, news(3000)]
    out = parse_texts(Picky(), texts, piece_chars=1000)
    assert isinstance(out[1], RuntimeError)
    assert out[0] == flatten(nlp(ARTICLE_A)) and out[2] == flatten(nlp(ARTICLE_B))
    check_offsets(texts[3], out[3])


def test_an_article_over_max_length(nlp):
    """1.2 million characters: spaCy refuses it whole (E088); parse() takes
    it in pieces (about 40 s with the small model on 2 cores)."""
    text = news(1_200_000)
    assert len(text) > nlp.max_length
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    spans = pieces(text)
    assert len(spans) >= 12 and all(text[b - 2:b] == "\n\n" for _, b in spans[:-1])
    (pa,) = parse([Article(id="x", origin="t", text=text)], nlp)
    check_offsets(text, pa.sentences)
    assert pa.sentences[-1].end > 1_199_000
    block = flatten(nlp("\n\n".join(PARAGRAPHS)))
    assert [s.text for s in pa.sentences[:len(block)]] == [s.text for s in block]
