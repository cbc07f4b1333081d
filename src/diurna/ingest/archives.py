"""Compressed files, archives and web archives, read member by member.

:func:`is_archive` tells from a source's first bytes (its magic number, not
its name) whether it is one of these; :func:`read_archive` yields the
articles and rejections of its members, each read like a file of its own
(:func:`~diurna.ingest.readers.read_bytes`: txt, HTML or JSONL, by the
member's extension, else by its text).

Kinds, and the origin of what they hold:

* gzip, bzip2 or xz compression of one file (``story.txt.gz``): the
  decompressed bytes are the file, named ``story.txt`` for its format; the
  origin is the compressed file's (``story.txt.gz``, ``wire.jsonl.gz#L3``).
* ZIP archives and tar archives (plain, ``.tar.gz``/``.tgz``, ``.tar.bz2``,
  ``.tar.xz``): every regular member is read; its origin is the archive's,
  ``#`` and the member's path as the archive spells it
  (``archive.zip#2019/may/envoy.html``; bytes of a name that are not UTF-8
  are written ``%XX``).  Directories, hidden members (a path part starting
  with ``.``, ``__MACOSX/``) and READMEs are passed over, as in a folder.
  An encrypted member, a link or a device is a rejection.
* WARC files (``.warc``, and ``.warc.gz`` with each record its own gzip
  member, as Common Crawl and the Internet Archive ship them; a WARC gzipped
  whole, or compressed with bzip2 or xz, is read too): each ``response``
  record whose HTTP status is 2xx and whose content type is HTML (the HTTP
  ``Content-Type``, else ``WARC-Identified-Payload-Type``, else the payload's
  first bytes) is a page, read like an HTML file: decoded as UTF-8, else
  with the charset of the HTTP header or of the page's ``<meta>``, else the
  detected one; its ``url`` is the record's ``WARC-Target-URI``; its
  ``published`` is the page's own date (htmldate), else the record's
  ``WARC-Date`` with ``published_source`` ``"warc"`` (the capture date: an
  upper bound of the publication date).  The origin is the WARC's,
  ``#offset=`` and the record's byte offset in the file (in the compressed
  file for a ``.warc.gz``, as a CDX index gives it; in the decompressed WARC
  for one compressed whole): ``news.warc.gz#offset=12345``.  Other records
  (``warcinfo``, ``request``, ``metadata``, ``revisit``, images, JSON,
  redirects, errors) are neither articles nor rejections: they are skipped,
  and ``on_skip(origin, reason)`` hears of each.  A broken record (bad
  gzip data, a record cut short, a block digest that does not match, a
  wrong length) is one rejection naming its offset, and reading goes on at
  the next record found after it.

Limits: an archive may be of any size; it is read as a stream, one member
or record at a time, and never held in memory (only a ZIP's directory is:
one small entry per member).  Each member, decompressed, obeys ``max_bytes``
(its declared size is checked before it is read, its actual size while it
is read: a zip bomb stops at the limit) and each article ``max_chars``.
Archives are read one level deep: an archive inside an archive (a ``.zip``
in a ``.tar``, a ``.gz`` in a ``.zip``, a ZIP gzipped) is a rejection.  A
compression layer and what it compresses are one level: ``.tar.gz`` and
``.warc.gz`` are read.  An archive given on stdin is first copied to a
temporary file (on disk, not in memory).  Office documents and other
packages that are ZIP files (``.docx``, ``.epub``...) are not archives of
articles: they stay rejections as binary files.

Every origin is the same on every read of the same input, so article ids
are stable across runs.
"""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import lzma
import os
import re
import shutil
import stat
import tarfile
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator

from ..records import SURROGATES, Article, Rejection
from .readers import _README, DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, Source, _checked_date, read_bytes

_HEAD = 512  # enough for every magic number (tar's is at offset 257)

_WHAT = {
    "gzip": "gzip-compressed file",
    "bzip2": "bzip2-compressed file",
    "xz": "xz-compressed file",
    "zip": "ZIP archive",
    "tar": "tar archive",
    "warc": "WARC file",
}
_COMPRESSED = {"gzip": lambda fh: gzip.GzipFile(fileobj=fh, mode="rb"), "bzip2": bz2.BZ2File, "xz": lzma.LZMAFile}
# the name a compressed file's content goes by: story.txt.gz -> story.txt, x.tgz -> x.tar
_INNER_NAME = [(".tgz", ".tar"), (".tbz2", ".tar"), (".tbz", ".tar"), (".txz", ".tar"),
               (".gz", ""), (".gzip", ""), (".bz2", ""), (".xz", "")]
# ZIP files that are documents, not archives of articles
_PACKAGES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".epub", ".jar", ".apk", ".xpi", ".whl"}
_PACKAGE_FIRST = (b"[Content_Types].xml", b"mimetype", b"META-INF/", b"AndroidManifest.xml")


def _kind(head: bytes, name: str = "") -> str | None:
    """The kind of archive these first bytes start (``name`` tells a ZIP
    from an office document, and an old tar without magic), or None."""
    if head.startswith(b"\x1f\x8b\x08"):
        return "gzip"
    if head.startswith(b"BZh") and head[4:10] == b"1AY&SY":
        return "bzip2"
    if head.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if head.startswith(b"WARC/"):
        return "warc"
    if head[257:262] == b"ustar":
        return "tar"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")) and not _package(head, name):
        return "zip"
    if name.lower().endswith(".tar") and len(head) >= _HEAD:
        return "tar"
    return None


def _package(head: bytes, name: str) -> bool:
    """Whether a ZIP file is a document (docx, epub, jar...): by its name, or
    by its first member's, which such formats fix."""
    if os.path.splitext(name)[1].lower() in _PACKAGES:
        return True
    n = int.from_bytes(head[26:28], "little")
    return head[30:30 + n].startswith(_PACKAGE_FIRST)


def is_archive(source: Source) -> bool:
    """Whether ``source`` is a compressed file, an archive or a WARC (read
    by :func:`read_archive`).  Only the first bytes are read; a stream's are
    put back."""
    name = source.origin if source.path is not None else ""
    try:
        if source.path is not None:
            if not source.path.is_file():  # a pipe or a device: read once, as it comes
                return False
            with source.path.open("rb") as fh:
                head = fh.read(_HEAD)
        elif source.data is not None:
            head = source.data[:_HEAD]
        elif source.stream is not None:
            head = _read_at_most(source.stream, _HEAD - 1)
            source.stream = io.BufferedReader(_Prefixed(head, source.stream))
        else:
            return False
    except (OSError, ValueError):
        return False  # read_source says why it cannot be read
    return _kind(head, name) is not None


class _Prefixed(io.RawIOBase):
    """A stream's first bytes, read already, then the rest of it."""

    def __init__(self, head: bytes, rest):
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.head:
            n = min(len(buf), len(self.head))
            buf[:n], self.head = self.head[:n], self.head[n:]
            return n
        data = self.rest.read(len(buf))
        buf[:len(data)] = data
        return len(data)


def _read_at_most(stream, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream`` (one more than allowed tells
    that there are more), in pieces: a decompressor gives what it has."""
    parts, n = [], 0
    while n <= limit:
        part = stream.read(min(limit + 1 - n, 1 << 20))
        if not part:
            break
        parts.append(part)
        n += len(part)
    return b"".join(parts)


def _why(exc: BaseException) -> str:
    """An exception in a few readable words: the bytes warcio quotes from a
    broken record are left out, the rest cut at 100 characters."""
    text = " ".join(str(exc).split(", first line:", 1)[0].split())
    text = re.sub(r"[^\x20-\x7e\xa0-\U0010ffff]", "?", text)
    text = text if len(text) <= 100 else text[:99] + "\u2026"
    if isinstance(exc, _Broken):
        return text
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _too_large(size: int, max_bytes: int, more: bool = False) -> str:
    size_text = f"more than {max_bytes:,} bytes" if more else f"{size:,} bytes"
    return f"too large ({size_text}; limit {max_bytes:,}, see --max-bytes)"


def _member_name(name: str) -> str:
    """A member's name as valid UTF-8 text: a byte that is not UTF-8 (a
    surrogate escape of tarfile) written ``%XX``."""
    return SURROGATES.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}" if 0xDC80 <= ord(m.group()) <= 0xDCFF
                          else "\ufffd", name)


def _passed_over(name: str) -> bool:
    """Hidden members (a part starting with ``.``, ``__MACOSX``) and READMEs,
    which a folder's walk passes over too."""
    parts = [p for p in name.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    return not parts or any(p.startswith(".") or p == "__MACOSX" for p in parts) or parts[-1].lower() in _README


# --------------------------------------------------------------------------
# the entry point
# --------------------------------------------------------------------------


def read_archive(source: Source, max_bytes: int = DEFAULT_MAX_BYTES, max_chars: int = DEFAULT_MAX_CHARS,
                 on_skip: Callable[[str, str], None] | None = None) -> Iterator[Article | Rejection]:
    """The articles and rejections of an archive's members, in the archive's
    order; never raises for bad input (see the module docstring)."""
    on_skip = on_skip or (lambda origin, reason: None)
    try:
        fh = _open(source)
    except OSError as exc:
        yield Rejection(source.origin, f"unreadable ({exc.strerror or exc})")
        return
    try:
        yield from _read(source.origin, source.origin if source.path is not None else "", fh,
                         max_bytes, max_chars, on_skip)
    except Exception as exc:  # noqa: BLE001 (a bug or an unforeseen break must not stop the run)
        yield Rejection(source.origin, f"could not be read ({_why(exc)})")
    finally:
        fh.close()


def _open(source: Source):
    """A seekable binary file of the source's bytes (a stream is copied to
    a temporary file first: ZIP directories and WARC offsets need seeking)."""
    if source.path is not None:
        return source.path.open("rb")
    if source.data is not None:
        return io.BytesIO(source.data)
    tmp = tempfile.TemporaryFile()
    shutil.copyfileobj(source.stream, tmp, 1 << 20)
    tmp.seek(0)
    return tmp


def _read(origin: str, name: str, fh, max_bytes: int, max_chars: int, on_skip) -> Iterator[Article | Rejection]:
    kind = _kind(fh.read(_HEAD), name)
    fh.seek(0)
    if kind in _COMPRESSED:
        yield from _compressed(origin, name, fh, kind, max_bytes, max_chars, on_skip)
    elif kind == "zip":
        yield from _zip(origin, fh, max_bytes, max_chars)
    elif kind == "tar":
        yield from _tar(origin, fh, max_bytes, max_chars)
    elif kind == "warc":
        yield from _warc(origin, fh, max_bytes, max_chars, on_skip, gz_members=False)


_BROKEN = (OSError, EOFError, zlib.error, lzma.LZMAError, ValueError)


def _compressed(origin: str, name: str, fh, kind: str, max_bytes: int, max_chars: int,
                on_skip) -> Iterator[Article | Rejection]:
    """One compressed file: a WARC, a tar archive, or one file."""
    inner_name = next((name[:-len(old)] + new for old, new in _INNER_NAME if name.lower().endswith(old)), name)
    try:
        with _COMPRESSED[kind](fh) as dec:
            head = _read_at_most(dec, _HEAD - 1)
    except _BROKEN as exc:
        yield Rejection(origin, f"broken {_WHAT[kind]} ({_why(exc)})")
        return
    fh.seek(0)
    inner = _kind(head, inner_name)
    if inner == "warc" and kind == "gzip":
        yield from _warc(origin, fh, max_bytes, max_chars, on_skip, gz_members=True)
        return
    with _COMPRESSED[kind](fh) as dec:
        if inner == "warc":
            yield from _warc(origin, dec, max_bytes, max_chars, on_skip, gz_members=False)
        elif inner == "tar":
            yield from _tar(origin, dec, max_bytes, max_chars)
        elif inner is not None:
            yield Rejection(origin, _nested(inner, kind))
        else:
            try:
                data = _read_at_most(dec, max_bytes)
            except _BROKEN as exc:
                yield Rejection(origin, f"broken {_WHAT[kind]} ({_why(exc)})")
                return
            if len(data) > max_bytes:
                yield Rejection(origin, _too_large(0, max_bytes, more=True) + " once decompressed")
                return
            yield from read_bytes(origin, data, inner_name, max_bytes, max_chars)


def _nested(inner: str, outer: str) -> str:
    return (f"an archive inside an archive (a {_WHAT[inner]} in a {_WHAT[outer]}): archives are read "
            "one level deep; unpack it first")


# --------------------------------------------------------------------------
# ZIP and tar members
# --------------------------------------------------------------------------


def _member(origin: str, name: str, size: int, read: Callable[[], bytes], outer: str,
            max_bytes: int, max_chars: int) -> Iterator[Article | Rejection]:
    """One member, declared ``size`` bytes, whose bytes ``read()`` gives
    (at most ``max_bytes + 1`` of them)."""
    if size > max_bytes:
        yield Rejection(origin, _too_large(size, max_bytes))
        return
    try:
        data = read()
    except Exception as exc:  # noqa: BLE001 (zipfile and tarfile raise many kinds on broken data)
        yield Rejection(origin, f"unreadable member ({_why(exc)})")
        return
    if len(data) > max_bytes:  # more than it declared
        yield Rejection(origin, _too_large(0, max_bytes, more=True))
        return
    inner = _kind(data[:_HEAD], name)
    if inner is not None:
        yield Rejection(origin, _nested(inner, outer))
        return
    yield from read_bytes(origin, data, name, max_bytes, max_chars)


_EMPTY = "empty archive: no file to read in it"


def _zip(origin: str, fh, max_bytes: int, max_chars: int) -> Iterator[Article | Rejection]:
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, *_BROKEN) as exc:
        yield Rejection(origin, f"broken ZIP archive ({_why(exc)})")
        return
    with zf:
        found = False
        for info in zf.infolist():
            if info.is_dir() or _passed_over(info.filename):
                continue
            found = True
            where = f"{origin}#{_member_name(info.filename)}"
            if info.flag_bits & 0x1:
                yield Rejection(where, "encrypted (password-protected) member: not read")
            elif stat.S_ISLNK(info.external_attr >> 16):
                yield Rejection(where, "symbolic link: not followed")
            else:
                def read(info=info):
                    with zf.open(info) as member:
                        return _read_at_most(member, max_bytes)
                yield from _member(where, info.filename, info.file_size, read, "zip", max_bytes, max_chars)
        if not found:
            yield Rejection(origin, _EMPTY)


def _tar(origin: str, stream, max_bytes: int, max_chars: int) -> Iterator[Article | Rejection]:
    """A tar archive as a stream (mode ``r|``): members in order, each read
    or passed by once; the member list tarfile keeps is emptied as it goes."""
    try:
        tf = tarfile.open(fileobj=stream, mode="r|")
    except (tarfile.TarError, *_BROKEN) as exc:
        yield Rejection(origin, f"broken tar archive ({_why(exc)})")
        return
    n, found = 0, False
    with tf:
        while True:
            try:
                m = tf.next()
            except (tarfile.TarError, *_BROKEN) as exc:
                yield Rejection(origin, f"broken tar archive after {n:,} members ({_why(exc)})")
                return
            if m is None:
                if not found:
                    yield Rejection(origin, _EMPTY)
                return
            tf.members.clear()  # bounded memory, whatever the number of members
            n += 1
            if m.isdir() or _passed_over(m.name):
                continue
            found = True
            where = f"{origin}#{_member_name(m.name)}"
            if m.islnk():
                yield Rejection(where, f"hard link to {_member_name(m.linkname)}: read under that name")
            elif m.issym():
                yield Rejection(where, f"symbolic link to {_member_name(m.linkname)}: not followed")
            elif not m.isfile():
                yield Rejection(where, "not a regular file")
            else:
                def read(m=m):
                    return _read_at_most(tf.extractfile(m), max_bytes)
                yield from _member(where, m.name, m.size, read, "tar", max_bytes, max_chars)


# --------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------

_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_LOOKS_HTML = re.compile(rb"<\s*(!doctype\s+html|html|head|body)\b", re.I)


class _Broken(Exception):
    """A record whose bytes are not what its headers say."""


def _records():
    """warcio's record iterator, its warnings kept off stderr (they become
    rejections here)."""
    from warcio.archiveiterator import ArchiveIterator

    class Records(ArchiveIterator):
        INC_RECORD = ""

    return Records


def _warc(origin: str, fh, max_bytes: int, max_chars: int, on_skip, *, gz_members: bool,
          done: int = 0) -> Iterator[Article | Rejection]:
    """The records of a WARC (``fh`` seekable; ``gz_members``: a gzip member
    per record).  After a broken record, reading starts again at the next
    record start found after it (a gzip header, or a ``WARC/`` line):
    candidates that do not parse are passed over in silence, so that one
    broken region is one rejection.  ``done`` records, read already, are
    not read again."""
    records = _records()
    needle, shift = (b"\x1f\x8b\x08", 0) if gz_members else (b"\nWARC/", 1)
    start = fh.tell()
    searching, n = False, 0
    while True:
        it = records(fh, check_digests=True)
        at = None  # the offset of the record being read, while it is
        try:
            for record in it:
                searching, at = False, it.offset
                n += 1
                if n > done:
                    yield from _record(it, record, f"{origin}#offset={at}", max_bytes, max_chars, on_skip)
                at = None
        except Exception as exc:  # noqa: BLE001 (warcio, zlib and the stream raise many kinds)
            if gz_members and n == 1 and "non-chunked gzip" in str(exc):
                # a WARC gzipped whole, not record by record: read it decompressed
                fh.seek(start)
                yield from _warc(origin, _COMPRESSED["gzip"](fh), max_bytes, max_chars, on_skip,
                                 gz_members=False, done=n)
                return
            bad = it.offset if at is None else at
            why = _why(exc) if not (gz_members and _gzip_at(fh, bad)) else "its gzip data does not decompress"
        else:  # warcio stops in silence at what it cannot parse (a gzip member cut short)
            bad, why = it.offset, "cut short, or bytes that are not a WARC record"
            fh.seek(bad)
            if not fh.read(1 << 16).strip(b"\r\n\t \x00"):
                return
        if not searching:
            yield Rejection(f"{origin}#offset={bad}", f"broken WARC record ({why})")
        found = _find(fh, bad + 1, needle)
        if found is None:
            return
        fh.seek(found + shift)
        searching = True


def _gzip_at(fh, offset: int) -> bool:
    """Whether a gzip member starts at ``offset`` that does not decompress
    (warcio then takes its bytes for an uncompressed record)."""
    fh.seek(offset)
    head = fh.read(1 << 16)
    if not head.startswith(b"\x1f\x8b\x08"):
        return False
    try:
        zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head)
    except zlib.error:
        return True
    return False


def _find(fh, start: int, needle: bytes) -> int | None:
    """The offset of the first ``needle`` at or after ``start``, read in pieces."""
    fh.seek(start)
    pos, tail = start, b""
    while True:
        try:
            piece = fh.read(1 << 20)
        except _BROKEN:  # a compressed stream broken there: nothing more can be read
            return None
        if not piece:
            return None
        buf = tail + piece
        i = buf.find(needle)
        if i >= 0:
            return pos - len(tail) + i
        tail = buf[-(len(needle) - 1):]
        pos += len(piece)


def _skip_reason(record) -> str | None:
    """Why a record is not a page (None: it may be one)."""
    if record.rec_type != "response":
        return f"{record.rec_type or 'untyped'} record"
    http = record.http_headers
    if http is None or not (http.protocol or "").upper().startswith("HTTP"):
        return "not an HTTP response"
    code = http.get_statuscode() or ""
    if not code.startswith("2") or code == "204":
        return f"HTTP status {code or 'missing'}"
    mime = _mime(record)
    if mime and mime not in _HTML_TYPES:
        return f"not HTML ({mime})"
    return None


def _mime(record) -> str:
    ctype = (record.http_headers.get_header("Content-Type")
             or record.rec_headers.get_header("WARC-Identified-Payload-Type") or "")
    return ctype.split(";", 1)[0].strip().lower()


def _finish(it, record) -> None:
    """Read the record to its end; raise :class:`_Broken` if it is not whole."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    missing = getattr(raw, "limit", 0)
    if missing:
        raise _Broken(f"cut short: {missing:,} bytes missing")
    problems = [p for p in getattr(record.digest_checker, "problems", []) if p.startswith("block digest")]
    if problems:
        raise _Broken("its bytes do not match its WARC-Block-Digest")
    before = it.err_count
    it.read_to_end()
    if it.err_count > before:
        raise _Broken("not followed by a blank line: its Content-Length is wrong")


def _record(it, record, where: str, max_bytes: int, max_chars: int, on_skip) -> Iterator[Article | Rejection]:
    from warcio.bufferedreaders import BufferedReader

    if not record.rec_type or not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        raise _Broken("no WARC-Type or no Content-Length: cut short?")
    skip = _skip_reason(record)
    data = problem = None
    if skip is None:
        encoding = (record.http_headers.get_header("Content-Encoding") or "").strip().lower()
        if record.payload_length > max_bytes:
            problem = _too_large(record.payload_length, max_bytes)
        elif encoding not in ("", "identity") and encoding not in BufferedReader.get_supported_decompressors():
            problem = f"page compressed as {encoding!r} (Content-Encoding), which cannot be decoded here"
        else:
            data = _read_at_most(record.content_stream(), max_bytes)
    _finish(it, record)
    if skip is None and data is not None and not _mime(record) and not _LOOKS_HTML.search(data[:2048]):
        skip = "not HTML (no content type)"
    if skip is not None:
        on_skip(where, skip)
        return
    if problem is None and len(data) > max_bytes:
        problem = _too_large(0, max_bytes, more=True) + " once decoded"
    if problem is not None:
        yield Rejection(where, problem)
        return
    headers = record.rec_headers
    url = (headers.get_header("WARC-Target-URI") or "").strip().strip("<>") or None
    captured, _ = _checked_date(headers.get_header("WARC-Date") or "")
    charset = _charset(record.http_headers.get_header("Content-Type") or "", data)
    for item in read_bytes(where, data, "", max_bytes, max_chars, fmt="html", charset=charset, url=url):
        if isinstance(item, Article) and item.published is None and captured:
            item.published, item.published_source = captured, "warc"
        yield item


def _charset(content_type: str, data: bytes) -> str | None:
    """The encoding a page declares (HTTP header first, then ``<meta>``), as
    a Python codec; ISO-8859-1 and ASCII mean windows-1252, as in browsers."""
    m = _CHARSET.search(content_type.encode("latin-1", "replace")) or _META_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        codec = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if codec in ("latin-1", "ascii"):
        return "cp1252"
    return None if codec.startswith(("utf-16", "utf-32")) else codec
