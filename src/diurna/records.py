"""Typed records passed between diurna's stages.

Every stage takes and returns these small dataclasses; every one of them
round-trips through a plain dict (``to_dict`` / ``from_dict``) so that each
stage can read and write JSONL on its own.  Character offsets are always
into ``Article.text`` (the clean text), never into the raw input.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def to_dict(record: Any) -> dict:
    """A record (or nested records) as plain JSON-ready data."""
    return dataclasses.asdict(record)


def from_dict(cls: type[T], data: dict) -> T:
    """Build ``cls`` from a dict, ignoring keys it does not know and
    rebuilding nested records named in ``cls.__nested__``."""
    names = {f.name for f in dataclasses.fields(cls)}
    kwargs = {k: v for k, v in data.items() if k in names}
    for name, sub in getattr(cls, "__nested__", {}).items():
        if name in kwargs and kwargs[name] is not None:
            val = kwargs[name]
            if isinstance(val, list):
                kwargs[name] = [from_dict(sub, v) if isinstance(v, dict) else v for v in val]
            elif isinstance(val, dict):
                kwargs[name] = from_dict(sub, val)
    return cls(**kwargs)


# --------------------------------------------------------------------------
# ingest
# --------------------------------------------------------------------------


@dataclass
class Article:
    """One clean article, as ingest hands it on.

    id            stable id: sha1 of (origin, content hash), 16 hex digits;
                  re-reading the same input gives the same id.
    origin        where it came from: a resolved file path (its ``file://`` URI,
                  bytes percent-encoded, when the name is not UTF-8:
                  ``ingest.path_of`` gives the path back), ``path#L<n>`` or
                  ``path#<id>`` for a JSONL line, or ``stdin``.
    external_id   the ``id`` field of a JSONL record, if any.
    title         given (JSONL/HTML metadata) or detected from plain text.
    text          the clean text: boilerplate removed, paragraphs separated
                  by a blank line.
    source        publisher or site name, if known.
    url           canonical URL, if known.
    published     ISO date ``YYYY-MM-DD`` if known.
    published_source  ``given`` (JSONL field), ``html`` (htmldate), or None.
    format        ``txt``, ``html`` or ``jsonl``.
    content_hash  sha1 of the normalised clean text (exact-duplicate key).
    removed       lines dropped as boilerplate: ``[line, reason]`` pairs.
    duplicate_of  id of the article this one copies (set by dedup).
    duplicate_kind  ``exact`` or ``near`` when ``duplicate_of`` is set.
    similarity    estimated Jaccard similarity to ``duplicate_of`` (near dups).
    encoding      the encoding the input was decoded from.
    published_earliest, published_latest
                  the interval the publication date was inferred to lie in
                  (set when ``published_source`` is ``inferred``).
    date_evidence the clues of that inference: dicts with kind, text,
                  earliest, latest, note, used.
    """

    id: str
    origin: str
    text: str
    title: str | None = None
    external_id: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_source: str | None = None
    format: str = "txt"
    content_hash: str = ""
    removed: list = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_kind: str | None = None
    similarity: float | None = None
    encoding: str = "utf-8"
    published_earliest: str | None = None
    published_latest: str | None = None
    date_evidence: list = field(default_factory=list)


@dataclass
class Rejection:
    """An input that could not become an article.

    origin  the file (or ``file#L<n>`` for a JSONL line) that was rejected.
    reason  one short human sentence: why (``binary file``, ``empty``, ...).
    """

    origin: str
    reason: str


# --------------------------------------------------------------------------
# nlp
# --------------------------------------------------------------------------


@dataclass
class Entity:
    """A named-entity mention: offsets into the article text, spaCy label."""

    start: int
    end: int
    text: str
    label: str


@dataclass
class Sentence:
    """One sentence of an article with its parse, flattened.

    Token arrays are parallel lists; ``heads`` are indices into this
    sentence's tokens (a root points at itself); ``offsets`` are character
    offsets of each token into the article text.  This is what the event
    coder reads, so the coder never needs a spaCy Doc and can run on JSONL.
    """

    index: int
    start: int
    end: int
    text: str
    words: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    __nested__ = {"entities": Entity}


@dataclass
class ParsedArticle:
    """An article after the nlp stage."""

    article: Article
    sentences: list[Sentence]

    __nested__ = {"article": Article, "sentences": Sentence}


# --------------------------------------------------------------------------
# actors, places, events and quotes
# --------------------------------------------------------------------------


@dataclass
class Actor:
    """An actor as it appears in an event.

    text     the span as written; start/end are offsets into the article text.
    code     CAMEO-style actor code: country ISO-3 then sector (``FRAGOV``),
             or an organisation code (``IGOUNO``).
    country  ISO 3166-1 alpha-3, if the actor belongs to a country.
    sector   ``GOV``, ``MIL``, ``REB``, ``OPP``, ``CVL``, ``IGO``, ``NGO``...
    name     a person's name, when the actor is a person.
    """

    text: str
    start: int
    end: int
    code: str
    country: str | None = None
    sector: str | None = None
    name: str | None = None


@dataclass
class Span:
    text: str
    start: int
    end: int


@dataclass
class Place:
    """A place named in the text.

    text, start, end  the words as written (offsets into the article text)
    name              the GeoNames name (or the country's name)
    country           ISO 3166-1 alpha-3
    feature           ``city``, ``admin1`` or ``country``
    lat, lon          coordinates (None for a country)
    geonameid         GeoNames id (None for a country)
    """

    text: str
    start: int
    end: int
    name: str
    country: str
    feature: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


# the precisions of a date, finest first (Event.date_precision; the periods of counts)
PRECISIONS = ("day", "week", "month", "quarter", "year")


@dataclass
class Event:
    """A coded event found in one sentence.

    id            stable: article id, sentence index and trigger offset.
    sentence      index of the sentence in the article.
    cameo         full-depth CAMEO code, e.g. ``"1312"``.
    quad_class    1 verbal cooperation, 2 material cooperation,
                  3 verbal conflict, 4 material conflict (0 for SAY-type 01).
    goldstein     Goldstein score of the code.
    plover        PLOVER event type, ``mode`` its mode (may be empty).
    modality      ``asserted``, ``negated``, ``hypothetical``, ``future``,
                  ``reported``.
    attributed_to the actor who reports it, when reported.
    date          ISO date of the event: from a time expression attached to
                  the trigger's clause, else the article's date.
    date_precision ``day``, ``week``, ``month``, ``year`` or None.
    date_source   ``text`` (a time expression of the clause: ``date_text``),
                  ``article`` (the article's given date) or ``inferred``
                  (the article's inferred date).
    location      the :class:`Place` the trigger's clause names ("talks in
                  Geneva"), or None (never guessed from the dateline).
    confidence    0..1, how sure the coder is.
    """

    id: str
    article_id: str
    sentence: int
    source: list[Actor]
    target: list[Actor]
    cameo: str
    quad_class: int
    goldstein: float
    trigger: Span
    plover: str | None = None
    mode: str | None = None
    modality: str = "asserted"
    attributed_to: Actor | None = None
    date: str | None = None
    date_precision: str | None = None
    confidence: float = 0.5
    date_source: str | None = None
    date_text: str | None = None
    location: Place | None = None

    __nested__ = {"source": Actor, "target": Actor, "trigger": Span, "attributed_to": Actor, "location": Place}


@dataclass
class Quote:
    """One attribution: who said what (``diurna.quotes.find_quotes``).

    speaker   the speaker's words, or None (a passive naming no one).
    cue       the reporting words ("said", "has learned", "according to").
    content   what was said (offsets into the article text); a quotation
              split around its cue runs from its first mark to its last.
    direct    True for a quotation in quotation marks.
    sentence  index of the sentence holding the cue.
    actor     the speaker resolved to an actor (its code may be empty: a
              person named with no country or role known), or None.

    ``to_json`` is the form stored and streamed: ``{"speaker": {"start",
    "end", "text", "actor"} or None, "cue", "content", "direct", "sentence"}``.
    """

    speaker: Span | None
    cue: Span
    content: Span
    direct: bool
    sentence: int
    actor: Actor | None = None

    def to_json(self) -> dict:
        sp = None
        if self.speaker is not None:
            sp = {"start": self.speaker.start, "end": self.speaker.end, "text": self.speaker.text,
                  "actor": dataclasses.asdict(self.actor) if self.actor else None}
        return {"speaker": sp, "cue": dataclasses.asdict(self.cue), "content": dataclasses.asdict(self.content),
                "direct": self.direct, "sentence": self.sentence}


@dataclass
class CodedArticle:
    """An article after event coding: what the store writes in one go."""

    article: Article
    sentences: list[Sentence]
    events: list[Event]
    quotes: list[Quote] = field(default_factory=list)

    __nested__ = {"article": Article, "sentences": Sentence, "events": Event, "quotes": Quote}


EARLIEST_DATE, LATEST_DATE = "1800-01-01", "2100-12-31"


def clean_text(value: str) -> str:
    """A string every later stage can encode: lone surrogates (from JSON
    escapes such as ``"\\udfff"`` or undecodable file names) become U+FFFD."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return SURROGATES.sub("\ufffd", value)


SURROGATES = re.compile("[\ud800-\udfff]")


_ISO_DATE = re.compile(r"\s*([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")


def check_date(value) -> tuple[str | None, str | None]:
    """``(YYYY-MM-DD, None)`` for a string that starts with an ISO date (or
    timestamp) between :data:`EARLIEST_DATE` and :data:`LATEST_DATE`, else
    ``(None, reason)``.  Dates outside that range are refused at the door:
    they are typos or placeholders, and date arithmetic on them overflows."""
    import datetime as _dt

    if not isinstance(value, str):
        return None, f"is {json_type(value)}, expected a date string YYYY-MM-DD"
    m = _ISO_DATE.match(value)
    if not m:
        return None, f"{json.dumps(value[:40], ensure_ascii=False)} is not an ISO date (YYYY-MM-DD)"
    iso = f"{m[1]}-{m[2]}-{m[3]}"
    lo, hi = int(EARLIEST_DATE[:4]), int(LATEST_DATE[:4])
    if not lo <= int(m[1]) <= hi:
        return None, f"{iso} is outside {lo}-{hi}"
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat(), None
    except ValueError:
        return None, f"{iso} is not a real date"


# JSON's names for the types json.loads gives, with their article
_JSON_TYPES = {str: "a string", int: "a number", float: "a number", bool: "a boolean", list: "a list",
               dict: "an object", type(None): "null"}


def json_type(value) -> str:
    """What a JSON value is, in words: "a list", "an object", "a number"..."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def check_id(value) -> tuple[str | None, str | None]:
    """``(id, None)`` for a record id that is a string or an integer (as its
    digits), else ``(None, "is a list")``-style reason; a boolean is no id."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value), None
    if isinstance(value, str):
        return value, None
    return None, f"is {json_type(value)}"


def text_records(lines):
    """Parse ``{"id", "text", "date"?}`` JSONL lines (the stage commands' input).

    Yields ``(line number, record, None)`` for good lines and ``(line number,
    id or None, reason)`` for bad ones, so a command can report them and go
    on.  In a good record ``id`` is a string (a number is taken as its
    digits; missing: the line number), ``text`` has no lone surrogates and
    ``date``, when given, is a checked ``YYYY-MM-DD`` (:func:`check_date`);
    an id of another type or a bad date makes the line bad.
    """
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        if not isinstance(rec, dict):
            yield n, None, f"the line is {json_type(rec)} in JSON, not an object"
            continue
        rid, why = check_id(rec.get("id", n))
        if why:
            yield n, None, f'"id" {why}, expected a string'
            continue
        rid = clean_text(rid)
        if not isinstance(rec.get("text"), str):
            yield n, rid, 'no "text" string'
            continue
        rec = {**rec, "id": rid, "text": clean_text(rec["text"])}
        if rec.get("date") is not None:
            rec["date"], why = check_date(rec["date"])
            if why:
                yield n, rid, f'"date" {why}'
                continue
        yield n, rec, None


# --------------------------------------------------------------------------
# time
# --------------------------------------------------------------------------


@dataclass
class Timex:
    """A time expression (:func:`diurna.time.find_timexes`).

    start, end  character offsets into the text
    text        the expression as written
    type        DATE, TIME, DURATION or SET
    value       TIMEX3 value (``2013-09-16``, ``P5Y``, ``PAST_REF``...), or
                None when it cannot be resolved without an anchor
    mod         TIMEX3 mod (``START``, ``MID``, ``END``, ``APPROX``...) or None
    tense       the clause tense used to resolve direction: past, present,
                future or None
    """

    start: int
    end: int
    text: str
    type: str
    value: str | None
    mod: str | None = None
    tense: str | None = None

    def to_json(self) -> dict:
        d = dataclasses.asdict(self)
        if d["mod"] is None:
            d.pop("mod")
        return d


@dataclass
class DateInference:
    """An article's publication date inferred from its text
    (:func:`diurna.time.pubdate.infer_publication_date`).

    earliest, latest  ISO dates of the interval the date lies in (either may
                      be None: open on that side)
    best              the single most likely day, or None when no day is
                      better than another
    evidence          the clues (:class:`diurna.time.pubdate.Evidence`), used
                      or rejected
    """

    earliest: str | None
    latest: str | None
    best: str | None
    evidence: list = field(default_factory=list)

    @property
    def width_days(self) -> int | None:
        """Days from ``earliest`` to ``latest``, when both are known."""
        import datetime as _dt

        if self.earliest and self.latest:
            return (_dt.date.fromisoformat(self.latest) - _dt.date.fromisoformat(self.earliest)).days
        return None
