"""Reading inputs: paths to sources, bytes to text, text to articles.

Small pure functions, one decision each:

* :func:`expand` turns command-line arguments (files, directories, globs,
  ``-`` for stdin) into a sorted stream of :class:`Source` objects.
* :func:`check_bytes` rejects what is not text: empty, too large, binary.
* :func:`decode` turns bytes into ``str``: UTF-8 (with or without BOM) first,
  else the encoding charset-normalizer detects; undecodable is a rejection.
* :func:`sniff_format` picks ``txt``, ``html`` or ``jsonl`` from the
  extension, else from the first characters.
* :func:`read_txt`, :func:`read_html`, :func:`read_jsonl` make articles.
* :func:`read_bytes` does all of that for one input's bytes; compressed
  files, ZIP and tar archives and WARC files are read member by member
  through it (:mod:`.archives`).

Every failure becomes a :class:`~diurna.records.Rejection` naming the file
(and the line, for JSONL) and the reason; nothing raises past
:func:`expand` and :func:`read_source`.

Origins (the name of an input in every record) are valid UTF-8 text, so that
any store, terminal or JSON file takes them.  A file's origin is its resolved
path, ``str(path.resolve())``, exactly as the operating system spells it, with
one exception.  A name whose bytes are not UTF-8 (a Latin-1 disk, an old
archive) reaches Python with surrogate escapes that no UTF-8 writer accepts;
such a name (and the rare one that starts with ``file:``) becomes the
RFC 8089 ``file://`` URI of its absolute path, every byte outside
``A-Za-z0-9_.-~/`` percent-encoded (``file:///data/latin1-%E9t%E9.txt``
for the bytes ``/data/latin1-\\xe9t\\xe9.txt``; the same text as
``Path.as_uri()``).
Resolved paths start with ``/``, never with ``file:``, so the two forms
cannot be mistaken for each other and the scheme is reversible:
:func:`origin_of` encodes, :func:`path_of` decodes, and
``path_of(origin_of(p)) == p`` for every absolute path.  A ``#`` in such a
URI is escaped (``%23``), so ``origin.split("#", 1)[0]`` names the file of a
JSONL record's origin (``file#L<n>``, ``file#<id>``).  :func:`display_origin`
makes an origin safe to print on one terminal line.

At the door every string that enters an :class:`~diurna.records.Article` or
a :class:`~diurna.records.Rejection` has its lone surrogates (a JSON
``"\\udfff"``, a lenient decoder) replaced by U+FFFD (:func:`clean_text`), so
that nothing later fails to encode it.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import os
import re
import sys
import unicodedata
import urllib.parse
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import SURROGATES, Article, Rejection, check_date, check_id, clean_text, json_type
from .boilerplate import clean_plain_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# the longest clean text an article may have: some hundred times a long
# feature; what is longer is a book, a dump or a scraping accident
DEFAULT_MAX_CHARS = 5_000_000

TXT_EXT = {".txt", ".text", ".md"}
HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_EXT = {".jsonl", ".ndjson", ".json"}

# Magic numbers of common binary formats that are not articles.
_MAGIC = {
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (or docx/xlsx)",
    b"\x1f\x8b": "gzip archive",
    b"\x89PNG": "PNG image",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x7fELF": "executable",
    b"BZh": "bzip2 archive",
    b"\xfd7zXZ": "xz archive",
}


# --------------------------------------------------------------------------
# origins: valid UTF-8 names for paths, and back
# --------------------------------------------------------------------------

_URI = "file://"


def origin_of(path: str | os.PathLike) -> str:
    """The origin (valid UTF-8 text) naming ``path``: the path as it is when
    its name is UTF-8, else its ``file://`` URI (see the module docstring).
    The path is not resolved here: pass ``path.resolve()`` for a file read."""
    text = os.fspath(path)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if not SURROGATES.search(text) and not text.startswith("file:"):
        return text
    absolute = os.path.abspath(text)
    try:
        raw = os.fsencode(absolute)
    except UnicodeEncodeError:  # a surrogate no file name can hold: still an origin
        raw = absolute.encode("utf-8", "surrogatepass")
    return _URI + urllib.parse.quote(raw, safe="/")


def path_of(origin: str) -> Path:
    """The path a file's origin names (the inverse of :func:`origin_of`)."""
    if origin.startswith(_URI):
        return Path(os.fsdecode(urllib.parse.unquote_to_bytes(origin[len(_URI):])))
    return Path(origin)


# control characters (C0, DEL, C1), line and paragraph separators, surrogates
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def display_origin(origin: str) -> str:
    """``origin`` safe to print on one terminal line: control characters
    (newline, tab, ESC of a terminal sequence, C1...), U+2028/U+2029 and lone
    surrogates written as Python escapes (``\\n``, ``\\x1b``, ``\\u2028``);
    every other character, ``\\`` and markup included, is left as it is."""
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], origin)


@dataclass
class Source:
    """One input: a file path, given bytes (``data``), or a binary stream
    such as stdin (``stream``: read when the source is, never more than the
    size limit and one byte).

    ``origin`` is the valid UTF-8 name of the input (:func:`origin_of`),
    ``path`` the real path to read."""

    origin: str
    path: Path | None = None
    data: bytes | None = None
    stream: object | None = None

    def read(self, limit: int | None = None) -> bytes:
        """The bytes, at most ``limit + 1`` of them (a pipe or a device has
        no size to check first)."""
        if self.data is not None:
            return self.data
        if self.stream is not None:
            return self.stream.read() if limit is None else self.stream.read(limit + 1)
        assert self.path is not None
        with self.path.open("rb") as fh:
            return fh.read() if limit is None else fh.read(limit + 1)

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        if self.stream is not None:
            return 0  # not known before reading: read() stops past the limit
        return self.path.stat().st_size


_README = {"readme.md", "readme.txt"}


def _unreadable(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return f"unreadable ({exc.strerror})"
    return f"unreadable ({type(exc).__name__}: {exc})"


def expand(args: Iterable[str], stdin=None) -> Iterator[Source | Rejection]:
    """Files, directories (recursive, sorted, hidden files skipped), globs and
    ``-`` (stdin) to sources; a path that does not exist is a rejection.

    A file is read once per call, whatever the number of names it is met by
    (given twice, a symbolic link beside its target, hard links): the other
    names are rejections ``already read as <origin>``.  An argument that
    cannot be walked (a folder the system refuses to list, a name too long)
    is a rejection too: nothing raises."""
    seen: dict[tuple[int, int], str] = {}  # (st_dev, st_ino) -> how it was read
    for arg in args:
        try:
            yield from _expand_one(arg, stdin, seen)
        except Exception as exc:  # noqa: BLE001 (a path the system refuses is a rejection)
            yield Rejection(origin_of(arg), clean_text(_unreadable(exc)))


def _expand_one(arg: str, stdin, seen: dict) -> Iterator[Source | Rejection]:
    if arg == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield Source(origin="stdin", stream=stream)
        return
    p = Path(arg)
    if p.is_dir():
        yield from _once(_walk(p), seen)
    elif p.exists():
        yield from _once([p], seen)
    elif glob.has_magic(arg):
        hits = sorted(glob.glob(arg, recursive=True))
        if not hits:
            yield Rejection(origin_of(arg), "no file matches this pattern")
        yield from _once([Path(h) for h in hits if Path(h).is_file()], seen)
    else:
        yield Rejection(origin_of(arg), "no such file or directory")


def _walk(top: Path) -> list[Path | Rejection]:
    """The files below ``top`` (hidden ones and READMEs left out) and the
    rejections of what cannot be listed, in sorted path order."""
    found: list[tuple[Path, Path | Rejection]] = []

    def refused(where: Path, exc: BaseException) -> None:
        found.append((where, Rejection(origin_of(where.absolute()), clean_text(_unreadable(exc)))))

    def unlistable(exc: OSError) -> None:
        refused(Path(exc.filename) if exc.filename else top, exc)

    for dirpath, dirnames, filenames in os.walk(top, onerror=unlistable):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            f = Path(dirpath, name)
            if name.startswith("."):
                continue
            try:
                if f.is_symlink() and not f.exists():
                    found.append((f, Rejection(origin_of(f.absolute()), "unreadable (broken symbolic link)")))
                elif f.is_file() and name.lower() not in _README:
                    found.append((f, f))
            except (OSError, ValueError) as exc:
                refused(f, exc)
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _once(entries: list[Path | Rejection], seen: dict) -> Iterator[Source | Rejection]:
    """Sources for these files (rejections pass through), each file once.

    Of the names one file has among ``entries``, the first that is not a
    symbolic link is read, at the place of the first name met; the others
    are rejected, in sorted order, at the places of the later names."""
    keys: dict[Path, tuple[int, int]] = {}
    names: dict[tuple[int, int], list[Path]] = {}
    for f in entries:
        if isinstance(f, Path):
            try:
                st = f.stat()
            except OSError:
                continue  # read_source says why it cannot be read
            keys[f] = (st.st_dev, st.st_ino)
            names.setdefault(keys[f], []).append(f)
    others: dict[tuple[int, int], list[Path]] = {}
    for f in entries:
        if isinstance(f, Rejection):
            yield f
            continue
        key = keys.get(f)
        if key is None:
            yield Source(origin=origin_of(f.resolve()), path=f)
        elif key in seen:
            name = others[key].pop(0) if others.get(key) else f
            yield Rejection(origin_of(name.absolute()), f"already read as {seen[key]}")
        else:
            group = names[key]
            first = next((g for g in group if not g.is_symlink()), group[0])
            others[key] = [g for g in group if g is not first]
            origin = origin_of(first.resolve())
            seen[key] = f"{origin} (through {origin_of(first.absolute())})" if first.is_symlink() else origin
            yield Source(origin=origin, path=first)


def check_bytes(data: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str | None:
    """The reason these bytes cannot be an article, or None."""
    if len(data) > max_bytes:
        return f"too large ({len(data):,} bytes; limit {max_bytes:,}, see --max-bytes)"
    if not data.strip():
        return "empty file"
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file ({what})"
    head = data[:8192]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        return "binary file (contains NUL bytes)"
    return None


def decode(data: bytes, declared: str | None = None) -> tuple[str | None, str | None]:
    """(text, encoding) for these bytes; (None, reason) when undecodable.

    UTF-8 is tried first, then the ``declared`` encoding (an HTTP or
    ``<meta>`` charset) if any; otherwise charset-normalizer's best guess is
    used if it is confident enough that the result is text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        return None, "not valid UTF-8 and no text encoding detected"
    try:
        return data.decode(best.encoding), best.encoding
    except (UnicodeDecodeError, LookupError):
        return None, f"not valid UTF-8 and not decodable as {best.encoding}"


def _control_ratio(text: str) -> float:
    sample = text[:5000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    return bad / len(sample)


def sniff_format(name: str, text: str) -> str:
    ext = Path(name).suffix.lower()
    if ext in TXT_EXT:
        return "txt"
    if ext in HTML_EXT:
        return "html"
    if ext in JSONL_EXT:
        return "jsonl"
    head = text.lstrip()[:1000].lower()
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("<") and re.search(r"<(html|body|p|div|article|!doctype)\b", head):
        return "html"
    return "txt"


# --------------------------------------------------------------------------
# normalisation and ids
# --------------------------------------------------------------------------

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                         "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The form two copies of an article share: NFKC, case-folded, quotes and
    dashes unified, whitespace collapsed."""
    return _WS.sub(" ", unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()).strip()


def content_hash(text: str) -> str:
    return hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()


ARTICLE_ID = re.compile(r"[0-9a-f]{16}")  # what :func:`article_id` makes


def article_id(origin: str, chash: str) -> str:
    return hashlib.sha1(f"{origin}\0{chash}".encode("utf-8")).hexdigest()[:16]


def _checked_date(value: str) -> tuple[str | None, str | None]:
    """(``YYYY-MM-DD``, None) for a string that starts with an ISO date in
    1800-2100 (:func:`~diurna.records.check_date`), else (None, the reason)."""
    day, why = check_date(value)
    return day, None if why is None else f"published {why}"


def _iso_date(value) -> str | None:
    """A YYYY-MM-DD string from an ISO-ish date/datetime value, else None."""
    if not value or not isinstance(value, str):
        return None
    return _checked_date(value)[0]


def make_article(origin: str, raw_text: str, fmt: str, *, title=None, external_id=None,
                 source=None, url=None, published=None, published_source=None) -> Article | Rejection:
    """The article of one text and its metadata; every string is made valid
    UTF-8 here (:func:`clean_text`), the one door all readers go through."""
    origin = clean_text(origin)
    title, external_id, source, url = (clean_text(v) if isinstance(v, str) else v
                                       for v in (title, external_id, source, url))
    cleaned = clean_plain_text(clean_text(raw_text), title=title)
    text = cleaned.text.strip()
    if not text:
        return Rejection(origin, "no article text left after removing boilerplate")
    chash = content_hash(text)
    return Article(
        id=article_id(origin, chash),
        origin=origin,
        text=text,
        title=title or cleaned.title,
        external_id=external_id,
        source=source,
        url=url,
        published=published,
        published_source=published_source if published else None,
        format=fmt,
        content_hash=chash,
        removed=[list(x) for x in cleaned.removed],
    )


# --------------------------------------------------------------------------
# format readers
# --------------------------------------------------------------------------


def read_txt(origin: str, text: str) -> Iterator[Article | Rejection]:
    yield make_article(origin, text, "txt")


def html_to_parts(html: str) -> dict | None:
    """Main text and metadata of an HTML page (trafilatura), publication date
    from htmldate (metadata and markup only: no guessing from body text)."""
    import trafilatura
    from htmldate import find_date

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    if not re.search(r"<\s*(html|body)\b", html[:5000], re.I):
        html = f"<html><body>{html}</body></html>"  # a fragment: give it a document
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception:  # trafilatura/lxml raise many kinds on broken markup
        doc = None
    meta = (doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)) if doc is not None else {}
    if not _WORDY.search(meta.get("text") or ""):
        # short pages and fragments fall under trafilatura's size floor:
        # take the paragraphs of the body as they are
        meta["text"] = _fragment_text(html)
        if not meta["text"].strip():
            return None
    try:
        published = find_date(html, extensive_search=False, original_date=True)
    except Exception:
        published = None
    return {
        "text": meta.get("text") or "",
        "title": meta.get("title"),
        "source": meta.get("sitename"),
        "url": meta.get("url"),
        "published": _iso_date(published),
    }


# markup debris is not text: a page must have a few real words in a row
_WORDY = re.compile(r"([^\W\d_]{2,}\W+){4}[^\W\d_]{2,}")


def _fragment_text(html: str) -> str:
    """Text of the block elements of a small page (no scripts, styles, nav)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//nav|//header|//footer|//aside|//form"):
        bad.drop_tree()
    blocks = [" ".join(el.text_content().split()) for el in root.xpath("//p|//h1|//h2|//h3|//li|//blockquote")]
    blocks = [b for b in blocks if b]
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    text = "\n".join(blocks)
    return text if _WORDY.search(text) else ""


def read_html(origin: str, html: str, **given) -> Iterator[Article | Rejection]:
    parts = html_to_parts(clean_text(html))
    if parts is None:
        yield Rejection(origin, "malformed HTML or no article text found in it")
        return
    published = given.get("published") or parts["published"]
    yield make_article(
        origin,
        parts["text"],
        given.pop("fmt", "html"),
        title=given.get("title") or parts["title"],
        external_id=given.get("external_id"),
        source=given.get("source") or parts["source"],
        url=given.get("url") or parts["url"],
        published=published,
        published_source="given" if given.get("published") else ("html" if published else None),
    )


JSONL_FIELDS = ("id", "url", "source", "title", "published", "text", "html")

def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text: split at ``\\n`` only (a ``\\r`` before it
    dropped), or at ``\\r`` in a file whose lines end with CR alone.  U+2028,
    U+2029, U+0085, ``\\v``, ``\\f`` and ``\\x1c``-``\\x1e`` inside a record
    are characters of its strings, not line ends (``str.splitlines`` would
    cut the record there)."""
    if "\n" not in text:
        return text.split("\r")
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


def _record_meta(rec: dict) -> tuple[dict, list[str]]:
    """The metadata of a JSONL record and what is wrong with its fields."""
    wrong = []
    ext_id = rec.get("id")
    if ext_id is not None:
        ext_id, why = check_id(ext_id)
        if why:
            wrong.append(f'field "id" {why}, expected a string or an integer')
    meta = {"external_id": ext_id}
    for name in ("title", "url", "source"):
        value = rec.get(name)
        if value is not None and not isinstance(value, str):
            wrong.append(f'field "{name}" is {json_type(value)}, expected a string')
        meta[name] = value if isinstance(value, str) and value.strip() else None
    published = rec.get("published")
    meta["published"] = None
    if isinstance(published, str) and published.strip():
        meta["published"], why = _checked_date(published)
        wrong += [why] if why else []
    elif published is not None and not isinstance(published, str):
        wrong.append(f'field "published" is {json_type(published)}, expected a string')
    return meta, wrong


def read_jsonl(origin: str, text: str) -> Iterator[Article | Rejection]:
    """One article per line: ``{"id"?, "url"?, "source"?, "title"?,
    "published"?, "text" | "html"}``.  Blank lines are skipped; a broken line
    is a rejection naming ``file#L<n>``; the other lines go on.

    Lines end at ``\\n`` (CRLF and CR-only files too: :func:`jsonl_lines`).
    Control characters left raw inside a string are taken as they are.

    Fields, checked at the door so that a wrong value is reported, never
    dropped in silence or carried on to fail later:

    * ``null``, or a missing field, is no value; so is an empty (or blank)
      ``title``, ``url``, ``source`` or ``published``.
    * ``id``: a string, or an integer (kept as its decimal string); any other
      type rejects the record (``field "id" is a list, expected a string or
      an integer``): a float or a boolean id is a mistake in the data, and
      guessing a string for it would name records the user cannot find.
    * ``title``, ``url``, ``source``: strings; any other type rejects the
      record (``field "url" is an object, expected a string``).  Dropping the
      field instead would store an article without what the user believes
      they gave it.
    * ``published``: a string starting with an ISO date ``YYYY-MM-DD``
      (``2019-06-02``, ``2019-06-02T08:30:00Z``), a real date in the years
      1800-2100; anything else rejects the record with the reason
      (``published 9999-12-31 is outside 1800-2100``, ``published
      2011-02-30 is not a real date``, ``published "06/02/2019" is not an ISO
      date``).  Dates outside those years are typos or placeholders, and
      date arithmetic on them overflows later.
    * ``text`` or ``html``: a non-blank string (``text`` first).

    All wrong fields of a record are named in its one rejection.  Strings
    with lone surrogates (``"\\udfff"``) are mended, not rejected (U+FFFD).
    """
    for n, line in enumerate(jsonl_lines(text), 1):
        if not line.strip():
            continue
        where = f"{origin}#L{n}"
        try:
            rec = json.loads(line, strict=False)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
            continue
        except (ValueError, RecursionError) as exc:  # a 5,000-digit number, [[[[...]]]]
            yield Rejection(where, f"invalid JSON ({type(exc).__name__}: {str(exc)[:80]})")
            continue
        if not isinstance(rec, dict):
            yield Rejection(where, "JSON line is not an object")
            continue
        body_text, body_html = rec.get("text"), rec.get("html")
        if not (isinstance(body_text, str) and body_text.strip()) and not (
            isinstance(body_html, str) and body_html.strip()
        ):
            yield Rejection(where, 'record has no "text" or "html" string')
            continue
        meta, wrong = _record_meta(rec)
        if wrong:
            yield Rejection(where, "; ".join(wrong))
            continue
        ext_id = meta["external_id"]
        line_origin = f"{origin}#{ext_id}" if ext_id else where
        if isinstance(body_text, str) and body_text.strip():
            yield make_article(line_origin, body_text, "jsonl", published_source="given", **meta)
        else:
            yield from read_html(line_origin, body_html, fmt="jsonl", **meta)


def _door(item: Article | Rejection) -> Article | Rejection:
    """A rejection's origin and reason as valid UTF-8 (articles are mended
    in :func:`make_article`)."""
    if isinstance(item, Rejection):
        item.origin, item.reason = clean_text(item.origin), clean_text(item.reason)
    return item


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES, *,
                max_chars: int = DEFAULT_MAX_CHARS, on_skip=None) -> Iterator[Article | Rejection]:
    """Everything one source yields; never raises for bad input.

    A source over ``max_bytes`` bytes, or an article whose clean text is
    over ``max_chars`` characters, is a rejection.  Compressed files and
    archives (gzip, bzip2, xz, ZIP, tar, WARC) are read member by member
    (:mod:`.archives`): each member obeys ``max_bytes``, the archive does
    not; ``on_skip(origin, reason)`` hears of each WARC record that is not
    an HTML page (neither an article nor a rejection)."""
    for item in _read_source(source, max_bytes, max_chars, on_skip):
        yield _door(item)


def _read_source(source: Source, max_bytes: int, max_chars: int, on_skip=None) -> Iterator[Article | Rejection]:
    from .archives import is_archive, read_archive

    if is_archive(source):
        yield from read_archive(source, max_bytes, max_chars, on_skip)
        return
    try:
        size = source.size()
        if size > max_bytes:
            yield Rejection(source.origin, f"too large ({size:,} bytes; limit {max_bytes:,}, see --max-bytes)")
            return
        data = source.read(max_bytes)
    except OSError as exc:
        yield Rejection(source.origin, f"unreadable ({exc.strerror or exc})")
        return
    if len(data) > max_bytes:  # a pipe or a device: no size known before reading
        yield Rejection(source.origin, f"too large (more than {max_bytes:,} bytes, see --max-bytes)")
        return
    yield from read_bytes(source.origin, data, source.origin if source.path else "", max_bytes, max_chars)


def read_bytes(origin: str, data: bytes, name: str = "", max_bytes: int = DEFAULT_MAX_BYTES,
               max_chars: int = DEFAULT_MAX_CHARS, *, fmt: str | None = None, charset: str | None = None,
               **given) -> Iterator[Article | Rejection]:
    """The articles of one input's bytes (a file, an archive member, a web
    page): the format is ``fmt``, else ``name``'s extension, else sniffed;
    ``charset`` is a declared encoding (:func:`decode`); ``given`` metadata
    goes to :func:`read_html`."""
    reason = check_bytes(data, max_bytes)
    if reason:
        yield Rejection(origin, reason)
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            text, enc = None, "invalid UTF-16"
    else:
        text, enc = decode(data, charset)
    if text is None:
        yield Rejection(origin, enc or "undecodable")
        return
    if _control_ratio(text) > 0.05:
        yield Rejection(origin, "binary file (control characters)")
        return
    fmt = fmt or sniff_format(name, text)
    readers = {"html": read_html, "jsonl": read_jsonl, "txt": read_txt}
    try:
        for item in readers[fmt](origin, text, **given):
            if isinstance(item, Article):
                if len(item.text) > max_chars:
                    item = Rejection(item.origin, f"too long ({len(item.text):,} characters; limit "
                                                  f"{max_chars:,}, see --max-chars)")
                else:
                    item.encoding = enc
            yield item
    except Exception as exc:  # a reader bug must not stop the run
        yield Rejection(origin, f"could not be read ({type(exc).__name__}: {exc})")
