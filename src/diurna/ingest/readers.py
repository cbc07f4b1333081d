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

Every failure becomes a :class:`~diurna.records.Rejection` naming the file
(and the line, for JSONL) and the reason; nothing raises past
:func:`read_source`.
"""

from __future__ import annotations

import glob
import hashlib
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..records import Article, Rejection
from .boilerplate import clean_plain_text

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

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


@dataclass
class Source:
    """One input: a file path, or stdin's bytes (``data``)."""

    origin: str
    path: Path | None = None
    data: bytes | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()

    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        return self.path.stat().st_size


def expand(args: Iterable[str], stdin=None) -> Iterator[Source | Rejection]:
    """Files, directories (recursive, sorted, hidden files skipped), globs and
    ``-`` (stdin) to sources; a path that does not exist is a rejection."""
    for arg in args:
        if arg == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield Source(origin="stdin", data=stream.read())
            continue
        p = Path(arg)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if f.is_symlink() and not f.exists():
                    yield Rejection(str(f.absolute()), "unreadable (broken symbolic link)")
                elif f.is_file() and f.name.lower() not in {"readme.md", "readme.txt"}:
                    yield Source(origin=str(f.resolve()), path=f)
        elif p.exists():
            yield Source(origin=str(p.resolve()), path=p)
        elif glob.has_magic(arg):
            hits = sorted(glob.glob(arg, recursive=True))
            if not hits:
                yield Rejection(arg, "no file matches this pattern")
            for h in hits:
                if Path(h).is_file():
                    yield Source(origin=str(Path(h).resolve()), path=Path(h))
        else:
            yield Rejection(arg, "no such file or directory")


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


def decode(data: bytes) -> tuple[str | None, str | None]:
    """(text, encoding) for these bytes; (None, reason) when undecodable.

    UTF-8 is tried first; otherwise charset-normalizer's best guess is used
    if it is confident enough that the result is text.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
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


def article_id(origin: str, chash: str) -> str:
    return hashlib.sha1(f"{origin}\0{chash}".encode("utf-8")).hexdigest()[:16]


def _iso_date(value) -> str | None:
    """A YYYY-MM-DD string from an ISO-ish date/datetime value, else None."""
    if not value or not isinstance(value, str):
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    y, mo, d = map(int, m.groups())
    try:
        import datetime as _dt

        return _dt.date(y, mo, d).isoformat()
    except ValueError:
        return None


def make_article(origin: str, raw_text: str, fmt: str, *, title=None, external_id=None,
                 source=None, url=None, published=None, published_source=None) -> Article | Rejection:
    cleaned = clean_plain_text(raw_text, title=title)
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
    parts = html_to_parts(html)
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


def read_jsonl(origin: str, text: str) -> Iterator[Article | Rejection]:
    """One article per line: ``{"id"?, "url"?, "source"?, "title"?,
    "published"?, "text" | "html"}``.  Blank lines are skipped; a broken line
    is a rejection naming ``file#L<n>``; the other lines go on."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}#L{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(where, f"invalid JSON ({exc.msg} at column {exc.colno})")
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
        ext_id = rec.get("id")
        ext_id = str(ext_id) if ext_id is not None else None
        line_origin = f"{origin}#{ext_id}" if ext_id else where
        published = _iso_date(rec.get("published"))
        meta = dict(
            title=rec.get("title") if isinstance(rec.get("title"), str) else None,
            external_id=ext_id,
            source=rec.get("source") if isinstance(rec.get("source"), str) else None,
            url=rec.get("url") if isinstance(rec.get("url"), str) else None,
            published=published,
        )
        if isinstance(body_text, str) and body_text.strip():
            yield make_article(line_origin, body_text, "jsonl", published_source="given", **meta)
        else:
            yield from read_html(line_origin, body_html, fmt="jsonl", **meta)


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """Everything one source yields; never raises for bad input."""
    try:
        size = source.size()
        if size > max_bytes:
            yield Rejection(source.origin, f"too large ({size:,} bytes; limit {max_bytes:,}, see --max-bytes)")
            return
        data = source.read()
    except OSError as exc:
        yield Rejection(source.origin, f"unreadable ({exc.strerror or exc})")
        return
    reason = check_bytes(data, max_bytes)
    if reason:
        yield Rejection(source.origin, reason)
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            text, enc = None, "invalid UTF-16"
    else:
        text, enc = decode(data)
    if text is None:
        yield Rejection(source.origin, enc or "undecodable")
        return
    if _control_ratio(text) > 0.05:
        yield Rejection(source.origin, "binary file (control characters)")
        return
    fmt = sniff_format(source.origin if source.path else "", text)
    readers = {"html": read_html, "jsonl": read_jsonl, "txt": read_txt}
    try:
        for item in readers[fmt](source.origin, text):
            if isinstance(item, Article):
                item.encoding = enc
            yield item
    except Exception as exc:  # a reader bug must not stop the run
        yield Rejection(source.origin, f"could not be read ({type(exc).__name__}: {exc})")
