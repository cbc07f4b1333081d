"""Archives and web archives: real files written with gzip, bz2, lzma,
zipfile, tarfile and warcio (never bytes that only look like one)."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import re
import struct
import tarfile
import zipfile
import zlib

import pytest
from conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from diurna.ingest import read
from diurna.records import Article, Rejection

MAX = 200_000


def _read(paths, **kw):
    """(articles, rejections, skipped (origin, reason) pairs) of a read."""
    skipped = []
    items = list(read([str(p) for p in paths], on_skip=lambda o, r: skipped.append((o, r)), **kw))
    for item in items:
        for text in (item.origin, getattr(item, "reason", ""), getattr(item, "url", None) or ""):
            text.encode("utf-8")  # every origin valid UTF-8 text
    return ([x for x in items if isinstance(x, Article)], [x for x in items if isinstance(x, Rejection)],
            skipped)


def _html(article: str, meta: str = "") -> bytes:
    title, *paras = [p for p in article.split("\n\n") if p.strip()]
    body = "".join(f"<p>{p.strip()}</p>\n" for p in paras[:3])
    return (f"<!doctype html><html><head><title>{title}</title>{meta}</head><body><nav><a href='/'>Home</a>"
            f"</nav><article><h1>{title}</h1>\n{body}</article></body></html>").encode("utf-8")


DATED = '<meta property="article:published_time" content="2019-05-14T08:30:00Z">'


def _png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _jsonl(*records) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


# --------------------------------------------------------------------------
# compressed files, ZIP, tar
# --------------------------------------------------------------------------


def test_a_gzipped_text_article_is_read_like_the_file(tmp_path):
    f = tmp_path / "story.txt.gz"
    with gzip.open(f, "wt", encoding="utf-8") as out:
        out.write(ARTICLE_A)
    (art,), rej, _ = _read([f])
    assert not rej
    assert art.origin == str(f.resolve()) and art.format == "txt"
    assert art.title == "Ministers meet in Geneva over border crisis"
    assert "Subscribe" not in art.text
    # a gzipped JSONL file: one article a line, named file#L<n>
    w = tmp_path / "wire.jsonl.gz"
    w.write_bytes(gzip.compress(_jsonl({"text": ARTICLE_B}, {"id": 7, "text": ARTICLE_C})))
    arts, rej, _ = _read([w])
    assert not rej and [a.origin for a in arts] == [f"{w.resolve()}#L1", f"{w.resolve()}#7"]


@pytest.mark.parametrize("suffix, compress", [(".bz2", bz2.compress), (".xz", lzma.compress)])
def test_bzip2_and_xz_files_are_read_too(tmp_path, suffix, compress):
    f = tmp_path / f"story.html{suffix}"
    f.write_bytes(compress(_html(ARTICLE_B, DATED)))
    (art,), rej, _ = _read([f])
    assert not rej and art.format == "html" and art.published == "2019-05-14"


def test_zip_members_are_read_one_by_one(tmp_path):
    z = tmp_path / "bundle.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("2019/may/envoy.html", _html(ARTICLE_A, DATED))
        zf.writestr("wire.jsonl", _jsonl({"id": "b", "text": ARTICLE_B}, {"id": "c", "text": ARTICLE_C}))
        zf.writestr("img/logo.png", _png())
        zf.writestr("__MACOSX/2019/may/._envoy.html", b"\x00\x05\x16\x07 resource fork")
        zf.writestr("README.md", "What this bundle is")
        zf.writestr("empty/", b"")
    arts, rej, skipped = _read([z])
    base = str(z.resolve())
    assert [a.origin for a in arts] == [f"{base}#2019/may/envoy.html", f"{base}#wire.jsonl#b", f"{base}#wire.jsonl#c"]
    assert [a.format for a in arts] == ["html", "jsonl", "jsonl"]
    assert arts[0].published == "2019-05-14" and arts[0].published_source == "html"
    assert [(r.origin, r.reason) for r in rej] == [(f"{base}#img/logo.png", "binary file (PNG image)")]
    assert not skipped
    # the same archive read again gives the same ids
    assert [a.id for a in _read([z])[0]] == [a.id for a in arts]


def test_a_tar_gz_is_read_as_a_stream(tmp_path):
    t = tmp_path / "corpus.tar.gz"
    with tarfile.open(t, "w:gz") as tf:
        for name, data in [("corpus/a.txt", ARTICLE_A.encode()), ("corpus/b.html", _html(ARTICLE_B)),
                           ("corpus/.hidden.txt", ARTICLE_C.encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
        link = tarfile.TarInfo("corpus/latest.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "a.txt"
        tf.addfile(link)
    arts, rej, _ = _read([t])
    base = str(t.resolve())
    assert [a.origin for a in arts] == [f"{base}#corpus/a.txt", f"{base}#corpus/b.html"]
    assert [a.format for a in arts] == ["txt", "html"]
    assert [(r.origin, r.reason) for r in rej] == [(f"{base}#corpus/latest.txt", "symbolic link to a.txt: not followed")]
    # .tgz, and a plain .tar, are the same archive
    plain = tmp_path / "corpus.tar"
    plain.write_bytes(gzip.decompress(t.read_bytes()))
    tgz = tmp_path / "corpus.tgz"
    tgz.write_bytes(t.read_bytes())
    for other in (plain, tgz):
        assert [a.origin.split("#", 1)[1] for a in _read([other])[0]] == ["corpus/a.txt", "corpus/b.html"]


def test_tar_xz_members(tmp_path):
    t = tmp_path / "corpus.tar.xz"
    with tarfile.open(t, "w:xz") as tf:
        data = ARTICLE_C.encode()
        info = tarfile.TarInfo("c.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    (art,), rej, _ = _read([t])
    assert not rej and art.origin == f"{t.resolve()}#c.txt"


def test_nested_archives_and_big_members_are_refused(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("a.txt", ARTICLE_A)
    z = tmp_path / "outer.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("inner.zip", inner.getvalue())
        zf.writestr("story.txt.gz", gzip.compress(ARTICLE_B.encode()))
        zf.writestr("huge.txt", b"word " * (MAX // 4))  # declared size over the limit
        zf.writestr("c.txt", ARTICLE_C)
    arts, rej, _ = _read([z], max_bytes=MAX)
    why = {r.origin.split("#", 1)[1]: r.reason for r in rej}
    assert [a.origin.split("#", 1)[1] for a in arts] == ["c.txt"]
    assert why["inner.zip"].startswith("an archive inside an archive (a ZIP archive in a ZIP archive)")
    assert why["story.txt.gz"].startswith("an archive inside an archive (a gzip-compressed file in a ZIP archive)")
    assert why["huge.txt"] == f"too large ({MAX // 4 * 5:,} bytes; limit {MAX:,}, see --max-bytes)"
    # a ZIP gzipped is an archive inside an archive too
    g = tmp_path / "outer.zip.gz"
    g.write_bytes(gzip.compress(z.read_bytes()))
    _, (r,), _ = _read([g])
    assert r.origin == str(g.resolve()) and "a ZIP archive in a gzip-compressed file" in r.reason


def test_a_gzip_bomb_stops_at_the_limit(tmp_path):
    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as out:
        chunk = b"A" * (1 << 20)
        for _ in range(64):  # 64 MB of text in some 64 KB
            out.write(chunk)
    assert bomb.stat().st_size < 1 << 20
    _, (r,), _ = _read([bomb], max_bytes=MAX)
    assert r.reason == f"too large (more than {MAX:,} bytes; limit {MAX:,}, see --max-bytes) once decompressed"


def test_broken_archives_are_rejections(tmp_path):
    t = tmp_path / "cut.tar.gz"
    with tarfile.open(t, "w:gz") as tf:
        for i, text in enumerate([ARTICLE_A, ARTICLE_B, ARTICLE_C]):
            data = (text + "\n" + "filler line of the archive %d\n" % i * 2000).encode()
            info = tarfile.TarInfo(f"{i}.txt")
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    t.write_bytes(t.read_bytes()[: t.stat().st_size // 2])
    z = tmp_path / "cut.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.txt", ARTICLE_A)
    z.write_bytes(z.read_bytes()[:-30])  # the central directory cut
    after = tmp_path / "z.txt"
    after.write_text(ARTICLE_B, encoding="utf-8")
    arts, rej, _ = _read([t, z, after])
    assert arts[-1].origin == str(after.resolve())  # the run goes on
    reasons = [r.reason for r in rej]
    assert any(r.startswith("broken tar archive after") or r.startswith("unreadable member") for r in reasons)
    assert any(r.startswith("broken ZIP archive") for r in reasons)


def test_office_documents_stay_binary_files(tmp_path):
    d = tmp_path / "report.docx"
    with zipfile.ZipFile(d, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    _, (r,), _ = _read([d])
    assert r.reason.startswith("binary file (ZIP archive")


def test_an_archive_on_stdin(tmp_path):
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        zf.writestr("a.txt", ARTICLE_A)
    (art,), rej, _ = _read(["-"], stdin=io.BytesIO(data.getvalue()))
    assert not rej and art.origin == "stdin#a.txt"
    (art,), rej, _ = _read(["-"], stdin=io.BytesIO(gzip.compress(ARTICLE_B.encode())))
    assert not rej and art.origin == "stdin"
    # a WARC.gz piped in: offsets in the stream
    plain = tmp_path / "news.warc.gz"
    offsets = _write_warc(plain, _news)
    arts, rej, skipped = _read(["-"], stdin=io.BytesIO(plain.read_bytes()))
    assert not rej and [a.origin for a in arts] == [f"stdin#offset={offsets[i]}" for i in (0, 2, 4)]
    # what is not an archive is read as before
    (art,), rej, _ = _read(["-"], stdin=io.BytesIO(ARTICLE_C.encode()))
    assert not rej and art.title == "Aid groups warn of shortages"


# --------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------


def _response(w: WARCWriter, url: str, body: bytes, ctype="text/html; charset=utf-8", status="200 OK",
              date="2024-03-05T10:20:30Z"):
    http = StatusAndHeaders(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))],
                            protocol="HTTP/1.1")
    return w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                warc_headers_dict={"WARC-Date": date})


def _request(w: WARCWriter, url: str):
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
    return w.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http)


def _write_warc(path, make, gz=True) -> list[int]:
    """Write the records ``make(writer)`` gives; their offsets."""
    offsets = []
    with open(path, "wb") as out:
        w = WARCWriter(out, gzip=gz)
        for rec in make(w):
            offsets.append(out.tell())
            w.write_record(rec)
    # what warcio itself reads back
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        assert [it.offset for _ in it] == offsets
    return offsets


SKIPPED_IN_NEWS = 2  # the request record and the image


def _news(w):
    return [
        _response(w, "https://news.example/2019/envoy", _html(ARTICLE_A, DATED)),
        _request(w, "https://news.example/2019/envoy"),
        _response(w, "https://news.example/council", _html(ARTICLE_B)),    # to be broken
        _response(w, "https://news.example/logo.jpg", b"\xff\xd8\xff\xe0" + bytes(200), ctype="image/jpeg"),
        _response(w, "https://news.example/aid", _html(ARTICLE_C), date="2024-03-06T23:59:59Z"),
    ]


def test_a_warc_gz_gives_its_html_pages(tmp_path):
    f = tmp_path / "CC-NEWS-20240305.warc.gz"
    offsets = _write_warc(f, _news)
    data = bytearray(f.read_bytes())
    start, end = offsets[2], offsets[3]
    for i in range(start + 40, end - 20, 7):  # corrupt the compressed bytes of record 3
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))
    after = tmp_path / "z.txt"
    after.write_text(ARTICLE_B, encoding="utf-8")
    arts, rej, skipped = _read([f, after])
    base = str(f.resolve())
    envoy, aid, z = arts
    assert envoy.origin == f"{base}#offset={offsets[0]}" and aid.origin == f"{base}#offset={offsets[4]}"
    assert envoy.url == "https://news.example/2019/envoy" and aid.url == "https://news.example/aid"
    assert (envoy.published, envoy.published_source) == ("2019-05-14", "html")  # the page's own date
    assert (aid.published, aid.published_source) == ("2024-03-06", "warc")     # none: the capture's
    assert envoy.format == "html" and envoy.title == "Ministers meet in Geneva over border crisis"
    assert "Kenya accused its neighbour" in envoy.text
    (r,) = rej
    assert r.origin == f"{base}#offset={start}" and r.reason.startswith("broken WARC record")
    assert [(o, why) for o, why in skipped] == [(f"{base}#offset={offsets[1]}", "request record"),
                                                (f"{base}#offset={offsets[3]}", "not HTML (image/jpeg)")]
    assert z.origin == str(after.resolve())  # the run goes on
    # the same ids on a second read
    assert [a.id for a in _read([f])[0]] == [envoy.id, aid.id]


def test_a_warc_cut_mid_record(tmp_path):
    for gz in (True, False):
        f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        offsets = _write_warc(f, _news, gz=gz)
        f.write_bytes(f.read_bytes()[: offsets[4] + 300])  # the last page cut short
        arts, rej, skipped = _read([f])
        assert [a.url for a in arts] == ["https://news.example/2019/envoy", "https://news.example/council"]
        (r,) = rej
        assert r.origin == f"{f.resolve()}#offset={offsets[4]}" and r.reason.startswith("broken WARC record")
        assert len(skipped) == 2


def test_a_corrupted_byte_in_a_plain_warc(tmp_path):
    f = tmp_path / "news.warc"
    offsets = _write_warc(f, _news, gz=False)
    data = bytearray(f.read_bytes())
    i = data.index(b"shelling villages")
    data[i:i + 8] = b"SHELLING"  # same length, other bytes: only the digest tells
    f.write_bytes(bytes(data))
    arts, rej, skipped = _read([f])
    assert [a.url for a in arts] == ["https://news.example/council", "https://news.example/aid"]
    (r,) = rej
    assert r.origin == f"{f.resolve()}#offset={offsets[0]}" and "WARC-Block-Digest" in r.reason
    assert len(skipped) == 2
    # a Content-Length too long swallows the next record: it is found again
    f.write_bytes(f.read_bytes().replace(b"SHELLING", b"shelling"))
    length = re.search(rb"Content-Length: (\d+)", f.read_bytes())
    data, longer = f.read_bytes(), str(int(length.group(1)) + 400).encode()
    f.write_bytes(data[:length.start(1)] + longer + data[length.end(1):])
    shift = len(longer) - len(length.group(1))
    arts, rej, skipped = _read([f])
    assert len(arts) == 2 and len(rej) == 1
    assert [o for o, _ in skipped] == [f"{f.resolve()}#offset={offsets[i] + shift}" for i in (1, 3)]


def test_a_warc_gzipped_whole_is_read(tmp_path):
    plain = tmp_path / "news.warc"
    offsets = _write_warc(plain, _news, gz=False)
    f = tmp_path / "whole.warc.gz"
    f.write_bytes(gzip.compress(plain.read_bytes()))
    arts, rej, skipped = _read([f])
    assert not rej and len(arts) == 3 and len(skipped) == 2
    assert [a.origin.rsplit("#offset=", 1)[1] for a in arts] == [str(offsets[i]) for i in (0, 2, 4)]


def test_warc_records_that_are_not_pages_are_skipped(tmp_path):
    f = tmp_path / "mixed.warc.gz"

    def make(w):
        return [
            w.create_warcinfo_record("mixed.warc.gz", {"software": "test"}),
            _response(w, "https://news.example/old", b"<html><body>Moved</body></html>", status="301 Moved"),
            _response(w, "https://news.example/gone", _html(ARTICLE_A), status="404 Not Found"),
            _response(w, "https://news.example/api", b'{"a": 1}', ctype="application/json"),
            _response(w, "https://news.example/big", _html(ARTICLE_B) + b"<!-- pad -->" * 20_000),
            _response(w, "https://news.example/ru", _html(ARTICLE_C).replace(b"Aid groups", "Помощь".encode("cp1251")),
                      ctype="text/html; charset=windows-1251"),
        ]

    offsets = _write_warc(f, make)
    arts, rej, skipped = _read([f], max_bytes=MAX)
    assert [why for _, why in skipped] == ["warcinfo record", "HTTP status 301", "HTTP status 404",
                                           "not HTML (application/json)"]
    (r,) = rej
    assert r.origin.endswith(f"#offset={offsets[4]}") and r.reason.startswith("too large (")
    (ru,) = arts
    assert ru.title.startswith("Помощь") and ru.encoding == "cp1251"


def test_ingest_command_reads_a_warc(tmp_path):
    from click.testing import CliRunner

    from diurna.cli import main

    f = tmp_path / "news.warc.gz"
    _write_warc(f, _news)
    result = CliRunner().invoke(main, ["ingest", str(f)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in rows] == ["https://news.example/2019/envoy", "https://news.example/council",
                                        "https://news.example/aid"]
    assert [r["published_source"] for r in rows] == ["html", "warc", "warc"]


def test_run_stores_the_pages_of_a_broken_warc(tmp_path):
    from diurna.pipeline import Settings, run

    f = tmp_path / "news.warc.gz"
    offsets = _write_warc(f, _news)
    data = bytearray(f.read_bytes())
    for i in range(offsets[2] + 40, offsets[3] - 20, 7):
        data[i] ^= 0x5A
    f.write_bytes(bytes(data))
    other = tmp_path / "other.txt"
    other.write_text(ARTICLE_B, encoding="utf-8")
    summary = run([str(f), str(other)], Settings(db=str(tmp_path / "d.duckdb")))
    assert (summary.stored, summary.rejected) == (3, 1)
    assert summary.rejections[0].origin == f"{f.resolve()}#offset={offsets[2]}"
    assert summary.skipped_records == SKIPPED_IN_NEWS
    from diurna.pipeline import report_line

    assert f"{SKIPPED_IN_NEWS} archive records skipped (not HTML pages)" in report_line(summary)


def test_an_archive_with_nothing_to_read_says_so(tmp_path):
    z = tmp_path / "nothing.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("folder/", b"")
        zf.writestr(".DS_Store", b"\x00\x00\x00\x01Bud1")
    t = tmp_path / "nothing.tar.gz"
    with tarfile.open(t, "w:gz"):
        pass
    _, rej, _ = _read([z, t])
    assert [(r.origin, r.reason) for r in rej] == [(str(p.resolve()), "empty archive: no file to read in it")
                                                   for p in (z, t)]


def test_a_page_as_the_server_sent_it_chunked_and_gzipped(tmp_path):
    f = tmp_path / "raw.warc.gz"
    body = gzip.compress(_html(ARTICLE_A))
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 100]), body[i:i + 100]) for i in range(0, len(body), 100))
    chunked += b"0\r\n\r\n"

    def make(w):
        headers = [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]
        br = [("Content-Type", "text/html"), ("Content-Encoding", "br")]
        return [
            w.create_warc_record("https://news.example/a", "response", payload=io.BytesIO(chunked),
                                 http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")),
            w.create_warc_record("https://news.example/b", "response", payload=io.BytesIO(bytes(range(256))),
                                 http_headers=StatusAndHeaders("200 OK", br, protocol="HTTP/1.1")),
        ]

    offsets = _write_warc(f, make)
    (art,), rej, _ = _read([f])
    assert art.title == "Ministers meet in Geneva over border crisis" and art.url == "https://news.example/a"
    try:
        import brotli  # noqa: F401 (warcio decodes br pages when it is installed)
    except ImportError:
        (r,) = rej
        assert r.origin.endswith(f"#offset={offsets[1]}") and "'br' (Content-Encoding)" in r.reason
