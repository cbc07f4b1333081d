"""Ingest: formats, bad input, duplicates (real files written to tmp)."""

import json
import os

from conftest import ARTICLE_A, ARTICLE_B

from diurna.ingest import Deduplicator, read
from diurna.ingest.readers import content_hash
from diurna.records import Article, Rejection


def _split(items):
    arts = [x for x in items if isinstance(x, Article)]
    rej = [x for x in items if isinstance(x, Rejection)]
    return arts, rej


def test_plain_text_gets_title_and_loses_boilerplate(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE_A, encoding="utf-8")
    (art,), rej = _split(list(read([str(f)])))
    assert not rej
    assert art.title == "Ministers meet in Geneva over border crisis"
    assert "Kenya accused its neighbour of shelling villages" in art.text
    assert "Subscribe" not in art.text and "Share this article" not in art.text
    assert art.format == "txt" and art.published is None
    assert art.text.count("\n\n") == 2  # three paragraphs kept


HTML_PAGE = """<!doctype html><html><head><title>Envoy shuttles between capitals | Example News</title>
<meta property="og:title" content="Envoy shuttles between capitals">
<meta property="article:published_time" content="2019-05-14T08:30:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Advertisement</div>
<article><h1>Envoy shuttles between capitals</h1>
<p>The UN special envoy travelled from Nairobi to Addis Ababa on Monday in a new attempt to revive peace talks between the two governments, his office said.</p>
<p>The envoy met the Ethiopian prime minister and urged him to release detained opposition politicians before the talks resume next month.</p>
<p>Kenya's foreign ministry said in a statement that it welcomed the mediation and was ready to send a delegation.</p>
</article>
<section class="comments"><h3>Comments</h3><p>Nobody believes these talks will work, total waste of money.</p></section>
<footer>Copyright 2019 Example News. All rights reserved.</footer>
</body></html>"""


def test_html_main_text_metadata_and_date(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(HTML_PAGE, encoding="utf-8")
    (art,), rej = _split(list(read([str(f)])))
    assert not rej
    assert art.format == "html"
    assert art.title == "Envoy shuttles between capitals"
    assert art.published == "2019-05-14" and art.published_source == "html"
    assert "urged him to release detained opposition politicians" in art.text
    assert "waste of money" not in art.text
    assert "Sport" not in art.text and "All rights reserved" not in art.text


def test_jsonl_records_fields_and_broken_lines(tmp_path):
    f = tmp_path / "wire.jsonl"
    lines = [
        json.dumps({"id": "w1", "url": "https://example.org/1", "source": "Example Wire", "title": "Talks resume",
                    "published": "2019-06-02", "text": ARTICLE_B}),
        '{"id": "w2", "text": "unterminated',
        json.dumps({"id": "w3", "html": "<p>The African Union suspended the country's membership on Friday after the "
                                        "army seized power, the bloc said in a statement.</p>"}),
        json.dumps({"id": "w4", "title": "no body"}),
        json.dumps([1, 2, 3]),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, rej = _split(list(read([str(f)])))
    assert [a.external_id for a in arts] == ["w1", "w3"]
    assert arts[0].published == "2019-06-02" and arts[0].published_source == "given"
    assert arts[0].url == "https://example.org/1" and arts[0].source == "Example Wire"
    assert arts[0].title == "Talks resume"
    assert "African Union suspended" in arts[1].text
    reasons = {r.origin.rsplit("#", 1)[1]: r.reason for r in rej}
    assert set(reasons) == {"L2", "L4", "L5"}
    assert "invalid JSON" in reasons["L2"]
    assert "no \"text\" or \"html\"" in reasons["L4"]


def test_bad_inputs_each_get_a_reason(tmp_path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"   \n\n  \n")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(200))
    (d / "nul.bin").write_bytes(b"abc\x00def" * 50)
    (d / "big.txt").write_bytes(b"word " * 3000)
    (d / "broken.html").write_bytes(b"<html><body><div><<<<>>></div")
    (d / "dangling.txt").symlink_to(d / "nowhere.txt")
    latin = "Le ministre a d\u00e9clar\u00e9 mardi que la France d\u00e9posera un projet de r\u00e9solution au Conseil de s\u00e9curit\u00e9."
    (d / "latin1.txt").write_bytes((latin + "\n\n" + latin.replace("mardi", "mercredi")).encode("latin-1"))
    items = list(read([str(d), str(tmp_path / "missing.txt")], max_bytes=10_000))
    arts, rej = _split(items)
    why = {os.path.basename(r.origin): r.reason for r in rej}
    assert why["empty.txt"] == "empty file"
    assert why["blank.txt"] == "empty file"
    assert why["image.txt"].startswith("binary file")
    assert why["nul.bin"].startswith("binary file")
    assert why["big.txt"].startswith("too large")
    assert "HTML" in why["broken.html"]
    assert "dangling.txt" in why
    assert why["missing.txt"] == "no such file or directory"
    # the Latin-1 file is decoded, not lost
    (art,) = arts
    assert art.encoding != "utf-8"
    assert "d\u00e9clar\u00e9 mardi" in art.text


def test_exact_and_near_duplicates(tmp_path):
    base = ARTICLE_B.replace("\n\n", "\n\n") + (
        "\nThe draft calls for an immediate halt to air strikes on the city and for humanitarian access "
        "to areas cut off for weeks by the fighting, diplomats familiar with the text said on condition of anonymity.\n")
    (tmp_path / "one.txt").write_text(base, encoding="utf-8")
    # same text, different whitespace and quotes: exact after normalisation
    (tmp_path / "two.txt").write_text(base.replace("  ", " ").replace("\n\n", "\n\n\n"), encoding="utf-8")
    # one sentence changed: near duplicate
    (tmp_path / "three.txt").write_text(base.replace("through the weekend", "into next week"), encoding="utf-8")
    arts, rej = _split(list(read([str(tmp_path)])))
    assert len(arts) == 3 and not rej
    assert content_hash(arts[0].text) == content_hash(arts[2].text)  # sorted: one, three, two -> one == two
    dd = Deduplicator()
    for a in arts:
        dd.check(a)
    by_name = {os.path.basename(a.origin): a for a in arts}
    assert by_name["one.txt"].duplicate_of is None
    assert by_name["two.txt"].duplicate_kind == "exact"
    assert by_name["two.txt"].duplicate_of == by_name["one.txt"].id
    assert by_name["three.txt"].duplicate_kind == "near"
    assert by_name["three.txt"].duplicate_of == by_name["one.txt"].id
    assert 0.8 <= by_name["three.txt"].similarity < 1.0


def test_different_articles_are_not_duplicates(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    arts, _ = _split(list(read([str(tmp_path)])))
    dd = Deduplicator()
    for a in arts:
        dd.check(a)
    assert all(a.duplicate_of is None for a in arts)


def test_stdin_and_glob(tmp_path):
    import io

    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    arts, _ = _split(list(read([str(tmp_path / "*.txt")])))
    assert len(arts) == 2
    arts, _ = _split(list(read(["-"], stdin=io.BytesIO(ARTICLE_B.encode()))))
    assert arts[0].origin == "stdin" and "postponed a vote" in arts[0].text
    _, rej = _split(list(read([str(tmp_path / "*.none")])))
    assert rej[0].reason == "no file matches this pattern"
