"""Ingest: formats, bad input, duplicates (real files written to tmp)."""

import io
import json
import os
import pathlib

from conftest import ARTICLE_A, ARTICLE_B

from diurna.ingest import DEFAULT_MAX_CHARS, Deduplicator, display_origin, expand, origin_of, path_of, read
from diurna.ingest.readers import content_hash
from diurna.records import Article, Rejection, to_dict


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
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    arts, _ = _split(list(read([str(tmp_path / "*.txt")])))
    assert len(arts) == 2
    arts, _ = _split(list(read(["-"], stdin=io.BytesIO(ARTICLE_B.encode()))))
    assert arts[0].origin == "stdin" and "postponed a vote" in arts[0].text
    _, rej = _split(list(read([str(tmp_path / "*.none")])))
    assert rej[0].reason == "no file matches this pattern"


# --------------------------------------------------------------------------
# the door: odd lines, fields, strings, names, links, lengths
# --------------------------------------------------------------------------

SEPARATORS = ["\u2028", "\u2029", "\u0085", "\v", "\f", "\x1c", "\x1d", "\x1e"]


def _jsonl(tmp_path, name, records, end="\n"):
    f = tmp_path / name
    f.write_bytes(end.join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)
                           for r in records).encode("utf-8") + end.encode())
    return f


def _encodes(record):
    """Every string of the record encodes as UTF-8 (what a store needs)."""
    json.dumps(to_dict(record), ensure_ascii=False).encode("utf-8")
    return True


def test_jsonl_unicode_separators_inside_a_string_are_one_record(tmp_path):
    for i, sep in enumerate(SEPARATORS):
        f = _jsonl(tmp_path, f"sep{i}.jsonl", [{"id": f"s{i}", "title": f"Talks{sep}resume",
                                                  "text": ARTICLE_B.replace("\n\n", f"\n\n{sep}", 1)}])
        arts, rej = _split(list(read([str(f)])))
        assert not rej, (repr(sep), rej)
        (art,) = arts
        assert art.external_id == f"s{i}" and art.title == f"Talks{sep}resume"


def test_jsonl_line_ends_lf_crlf_and_cr_only(tmp_path):
    recs = [{"id": "a", "text": ARTICLE_A}, '{"id": "b", "text": broken', {"id": "c", "text": ARTICLE_B}]
    for end in ("\n", "\r\n", "\r"):
        f = _jsonl(tmp_path, "ends.jsonl", recs, end=end)
        arts, rej = _split(list(read([str(f)])))
        assert [a.external_id for a in arts] == ["a", "c"], repr(end)
        assert [r.origin.rsplit("#", 1)[1] for r in rej] == ["L2"], repr(end)


def test_jsonl_cr_only_file_of_three_records(tmp_path):
    recs = [{"text": ARTICLE_A}, {"text": ARTICLE_B}, {"text": ARTICLE_A.replace("Tuesday", "Friday")}]
    f = _jsonl(tmp_path, "mac.jsonl", recs, end="\r")
    arts, rej = _split(list(read([str(f)])))
    assert not rej
    assert [a.origin.rsplit("#", 1)[1] for a in arts] == ["L1", "L2", "L3"]


BAD_TYPES = {"a number": 3.5, "a boolean": True, "a list": ["x"], "an object": {"x": 1}}


def test_jsonl_each_bad_field_type_is_one_rejection_naming_it(tmp_path):
    recs = [{"field": name, "kind": kind, name: value, "text": ARTICLE_B}
            for name in ("id", "title", "url", "source", "published")
            for kind, value in BAD_TYPES.items()]
    f = _jsonl(tmp_path, "types.jsonl", recs)
    arts, rej = _split(list(read([str(f)])))
    assert not arts and len(rej) == len(recs)
    for rec, r in zip(recs, rej):
        assert f'field "{rec["field"]}" is {rec["kind"]}, expected a string' in r.reason, r.reason
    assert rej[2].reason == 'field "id" is a list, expected a string or an integer'


def test_jsonl_kept_values_null_and_integer_id(tmp_path):
    f = _jsonl(tmp_path, "ok.jsonl", [
        {"id": 17, "title": None, "url": None, "source": None, "published": None, "text": ARTICLE_B},
        {"id": None, "title": "", "published": "", "text": ARTICLE_A},
        {"id": "x", "published": "2019-06-02T23:30:00-05:00", "text": ARTICLE_A.replace("Tuesday", "Monday")},
    ])
    arts, rej = _split(list(read([str(f)])))
    assert not rej
    assert [a.external_id for a in arts] == ["17", None, "x"]
    assert arts[0].origin.endswith("#17") and arts[1].origin.endswith("#L2")
    assert arts[1].title == "Ministers meet in Geneva over border crisis"  # "" is no title: detected
    assert [a.published for a in arts] == [None, None, "2019-06-02"]


def test_jsonl_published_out_of_range_impossible_or_not_iso(tmp_path):
    dates = ["9999-12-31", "1799-12-31", "0001-01-01", "2101-01-01", "2011-02-30", "06/02/2019",
             "2019-06-021", "1800-01-01", "2100-12-31T23:59:59Z"]
    f = _jsonl(tmp_path, "dates.jsonl", [{"published": d, "text": ARTICLE_B.replace("vote", f"vote {i}")}
                                         for i, d in enumerate(dates)])
    arts, rej = _split(list(read([str(f)])))
    why = {r.origin.rsplit("#L", 1)[1]: r.reason for r in rej}
    assert why == {
        "1": "published 9999-12-31 is outside 1800-2100",
        "2": "published 1799-12-31 is outside 1800-2100",
        "3": "published 0001-01-01 is outside 1800-2100",
        "4": "published 2101-01-01 is outside 1800-2100",
        "5": "published 2011-02-30 is not a real date",
        "6": 'published "06/02/2019" is not an ISO date (YYYY-MM-DD)',
        "7": 'published "2019-06-021" is not an ISO date (YYYY-MM-DD)',
    }
    assert [a.published for a in arts] == ["1800-01-01", "2100-12-31"]


def test_jsonl_all_wrong_fields_in_one_reason_and_odd_json(tmp_path):
    f = _jsonl(tmp_path, "odd.jsonl", [
        {"title": 1, "url": [], "published": "9999-12-31", "text": ARTICLE_B},
        '{"id": ' + "1" * 5000 + ', "text": "x"}',
        "[" * 100_000 + "]" * 100_000,
        {"text": ARTICLE_A},
    ])
    arts, rej = _split(list(read([str(f)])))
    assert len(arts) == 1 and arts[0].origin.endswith("#L4")
    assert rej[0].reason == ('field "title" is a number, expected a string; field "url" is a list, '
                             'expected a string; published 9999-12-31 is outside 1800-2100')
    assert [r.origin.rsplit("#", 1)[1] for r in rej] == ["L1", "L2", "L3"]
    assert all(r.reason.startswith("invalid JSON") for r in rej[1:])


def test_lone_surrogates_are_mended_at_the_door(tmp_path):
    f = tmp_path / "sur.jsonl"
    f.write_text('{"id": "x\\udfff", "title": "Talks \\udfff resume", "url": "https://e.org/\\ud800", '
                 '"source": "Wire \\udc80", "text": ' + json.dumps(ARTICLE_B.replace("Wednesday", "Wednesday \udfff"), ensure_ascii=True)
                 + '}\n{"html": ' + json.dumps("<p>The African Union suspended the country's membership on "
                                               "Friday \udfff after the army seized power.</p>") + '}\n',
                 encoding="utf-8")
    arts, rej = _split(list(read([str(f)])))
    assert not rej and len(arts) == 2
    a, h = arts
    assert a.title == "Talks \ufffd resume" and a.url == "https://e.org/\ufffd" and a.source == "Wire \ufffd"
    assert a.external_id == "x\ufffd" and a.origin.endswith("#x\ufffd") and "Wednesday \ufffd" in a.text
    assert "\ufffd" in h.text
    assert all(_encodes(x) for x in arts)


def test_stdin_with_surrogates_from_a_lenient_decoder():
    data = ('{"title": "T\\ud83d", "text": ' + json.dumps(ARTICLE_A) + "}\n").encode()
    items = list(read(["-"], stdin=io.BytesIO(data)))
    (art,) = items
    assert art.title == "T\ufffd" and _encodes(art)


def test_latin1_file_name_round_trips_and_is_read(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    raw = os.fsencode(d) + b"/latin1-\xe9t\xe9 #1%.txt"
    with open(raw, "wb") as fh:
        fh.write(ARTICLE_A.encode())
    with open(os.fsencode(d) + b"/wire-\xe9.jsonl", "wb") as fh:
        fh.write(json.dumps({"text": ARTICLE_B}).encode() + b"\n")
    p = pathlib.Path(os.fsdecode(raw))
    origin = origin_of(p)
    origin.encode("utf-8")
    assert origin == p.as_uri() and origin.endswith("/latin1-%E9t%E9%20%231%25.txt")
    assert path_of(origin) == p and os.fsencode(path_of(origin)) == raw
    arts, rej = _split(list(read([str(d)])))
    assert not rej and len(arts) == 2
    assert all(_encodes(a) for a in arts)
    txt, jl = arts
    assert txt.origin == origin and path_of(txt.origin).read_bytes() == ARTICLE_A.encode()
    assert jl.origin.endswith("/wire-%E9.jsonl#L1") and path_of(jl.origin.split("#", 1)[0]).is_file()
    # given directly, and a missing one: origins are text too
    (art,) = list(read([os.fsdecode(raw)]))
    assert art.origin == origin
    (miss,) = list(read([os.fsdecode(os.fsencode(d) + b"/gone-\xff.txt")]))
    assert miss.reason == "no such file or directory" and miss.origin.endswith("/gone-%FF.txt")


def test_utf8_names_keep_their_origin(tmp_path):
    for name in ("caf\u00e9 50%.txt", "file:x.txt"):
        p = tmp_path / name
        assert path_of(origin_of(p)) == p
    assert origin_of(tmp_path / "caf\u00e9 50%.txt") == str(tmp_path / "caf\u00e9 50%.txt")
    assert origin_of("notes/a.txt") == "notes/a.txt" and origin_of("stdin") == "stdin"
    (tmp_path / "caf\u00e9 50%.txt").write_text(ARTICLE_A, encoding="utf-8")
    (art,) = list(read([str(tmp_path / "caf\u00e9 50%.txt")]))
    assert art.origin == str(pathlib.Path(tmp_path / "caf\u00e9 50%.txt").resolve())


def test_display_origin_escapes_controls_only():
    assert display_origin("a\nb.txt") == "a\\nb.txt"
    assert display_origin("\x1b]0;title\x07x.txt") == "\\x1b]0;title\\x07x.txt"
    assert display_origin("[bold]x.txt") == "[bold]x.txt"
    assert display_origin("tab\there\r\x00\x7f\x85\x9b\u2028.txt") == "tab\\there\\r\\x00\\x7f\\x85\\x9b\\u2028.txt"
    plain = "/data/caf\u00e9 \u65b0\u805e \\ 'q' \"d\" %E9 #L3.jsonl"
    assert display_origin(plain) == plain
    assert "\n" not in display_origin("x\u2029y\ndone") and display_origin("\udce9").isprintable()


def test_symlink_and_hard_link_beside_their_file_are_read_once(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "story.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "a-link.txt").symlink_to(d / "story.txt")  # sorts before its target
    (d / "z-hard.txt").hardlink_to(d / "story.txt")
    (d / "other.txt").write_text(ARTICLE_B, encoding="utf-8")
    items = list(read([str(d)]))
    arts, rej = _split(items)
    # the file is read at the place of its first name (a-link.txt), under its own
    assert [os.path.basename(a.origin) for a in arts] == ["story.txt", "other.txt"]
    first = str((d / "story.txt").resolve())
    assert {(r.origin, r.reason) for r in rej} == {
        (str(d / "a-link.txt"), f"already read as {first}"),
        (str(d / "z-hard.txt"), f"already read as {first}"),
    }
    # the order is the sorted order, the same each time
    assert [(type(x).__name__, x.origin) for x in items] == [(type(x).__name__, x.origin) for x in read([str(d)])]


def test_same_file_by_two_arguments_is_read_once(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(ARTICLE_A, encoding="utf-8")
    link = tmp_path / "sub" / "link.txt"
    link.parent.mkdir()
    link.symlink_to(f)
    items = list(read([str(f), str(f), str(tmp_path / "sub")]))
    arts, rej = _split(items)
    assert len(arts) == 1 and arts[0].origin == str(f.resolve())
    assert [(r.origin, r.reason) for r in rej] == [(str(f), f"already read as {f.resolve()}"),
                                                   (str(link), f"already read as {f.resolve()}")]
    # read through the link first: the target is named, and the rejection says how it was read
    items = list(expand([str(tmp_path / "sub"), str(f)]))
    assert items[0].origin == str(f.resolve())
    assert items[1].reason == f"already read as {f.resolve()} (through {link})"


def test_text_over_max_chars_is_rejected(tmp_path):
    f = tmp_path / "long.txt"
    f.write_text(ARTICLE_A, encoding="utf-8")
    n = len(list(read([str(f)]))[0].text)
    (r,) = list(read([str(f)], max_chars=n - 1))
    assert r.reason == f"too long ({n:,} characters; limit {n - 1:,}, see --max-chars)"
    (art,) = list(read([str(f)], max_chars=n))
    assert isinstance(art, Article)
    g = _jsonl(tmp_path, "two.jsonl", [{"text": ARTICLE_A}, {"text": "Short text of a few words only here."}])
    arts, rej = _split(list(read([str(g)], max_chars=100)))
    assert len(arts) == 1 and rej[0].origin.endswith("#L1") and rej[0].reason.startswith("too long")
    assert DEFAULT_MAX_CHARS == 5_000_000


def test_a_path_the_system_refuses_is_a_rejection(tmp_path):
    long_name = str(tmp_path / ("x" * 300))
    items = list(read([long_name, str(tmp_path / ("y" * 300) / "*.txt")]))
    assert all(isinstance(x, Rejection) for x in items) and len(items) == 2
    assert items[0].reason == "unreadable (File name too long)"
    # a folder walk that reaches names longer than the system takes goes on
    (tmp_path / "ok.txt").write_text(ARTICLE_A, encoding="utf-8")
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        for _ in range(20):  # 20 x 250 characters: past PATH_MAX
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
    finally:
        os.close(fd)
    arts, rej = _split(list(read([str(tmp_path)])))
    assert [os.path.basename(a.origin) for a in arts] == ["ok.txt"]
    assert rej and all(r.reason == "unreadable (File name too long)" for r in rej)


def test_a_fifo_or_device_is_read_with_a_limit(tmp_path):
    (r,) = list(read(["/dev/zero"], max_bytes=1000))
    assert r.reason == "too large (more than 1,000 bytes, see --max-bytes)"
