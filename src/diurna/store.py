"""store stage: one DuckDB file holds the whole record.

Schema (version :data:`SCHEMA_VERSION`; :data:`MIGRATIONS` upgrades older
files in order and records each step in ``schema_version``):

``articles``    one row per distinct input document.  Canonical articles
                have ``duplicate_of`` NULL and are processed; copies point at
                the article they copy (``duplicate_kind`` exact|near) and are
                not processed again.  Exact copies do not store their text.
``sentences``   (article_id, idx): character span into ``articles.text``.
``mentions``    named-entity mentions per sentence (spaCy label, offsets).
``events``      coded events: CAMEO code, quad class, Goldstein, PLOVER,
                source/target actor lists, trigger span, modality, date.
``events`` (v4) ``location`` (JSON), ``location_name``, ``location_country``.
``event_groups`` (v5) one row per event merged from its mentions
                (``events.group_id``); ``stories`` (v5) articles grouped into
                stories (``articles.story_id``) and storylines.
``quotes``      (v3) who said what: speaker span and actor, cue, content.
``rejections``  inputs that could not be read, with the reason.
``articles`` (v2) also keeps the inferred publication interval
                (``published_earliest``/``published_latest``) and its
                evidence (JSON); ``events`` (v2) ``date_source``/``date_text``.
``inputs`` (v6)  the files a finished run read: path, size, mtime (ns) and
                how many articles they held; a later run does not read a
                file again while its size and mtime are unchanged.
``article_features`` (v7) what each canonical article names (normalised
                entities, ``@`` + actor country), ``story_features`` (v7) the
                union per story: the index the stories stage looks candidate
                stories up in (filled on the first update after the upgrade).
``runs``        one row per ``diurna run``: counts; ``finished_at`` stays
                NULL when a run was killed.

Each batch of articles is written in ONE transaction (article rows,
sentences, mentions and events together), so a killed run leaves only whole
articles behind, and a re-run skips the ids already present.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import asdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from .records import Article, CodedArticle, Rejection

SCHEMA_VERSION = 7

_ACTOR = "STRUCT(text VARCHAR, start INTEGER, \"end\" INTEGER, code VARCHAR, country VARCHAR, sector VARCHAR, name VARCHAR)"

_V1 = f"""
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    external_id VARCHAR,
    title VARCHAR,
    text VARCHAR,
    source VARCHAR,
    url VARCHAR,
    published DATE,
    published_source VARCHAR,
    format VARCHAR,
    encoding VARCHAR,
    content_hash VARCHAR NOT NULL,
    duplicate_of VARCHAR,
    duplicate_kind VARCHAR,
    similarity DOUBLE,
    minhash UBIGINT[],
    removed VARCHAR[],
    n_sentences INTEGER,
    n_events INTEGER,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (article_id, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    label VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    sentence INTEGER NOT NULL,
    date DATE,
    date_precision VARCHAR,
    source_code VARCHAR,
    target_code VARCHAR,
    cameo VARCHAR NOT NULL,
    quad_class INTEGER,
    goldstein DOUBLE,
    plover VARCHAR,
    mode VARCHAR,
    modality VARCHAR,
    confidence DOUBLE,
    trigger_text VARCHAR,
    trigger_start INTEGER,
    trigger_end INTEGER,
    source {_ACTOR}[],
    target {_ACTOR}[],
    attributed_to {_ACTOR}
);
CREATE TABLE IF NOT EXISTS rejections (
    origin VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,
    seen_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER,
    started_at TIMESTAMP,
    finished_at TIMESTAMP,
    inputs VARCHAR[],
    stored INTEGER,
    duplicates INTEGER,
    rejected INTEGER,
    skipped INTEGER,
    events INTEGER
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
"""

_V2 = """
ALTER TABLE articles ADD COLUMN published_earliest DATE;
ALTER TABLE articles ADD COLUMN published_latest DATE;
ALTER TABLE articles ADD COLUMN date_evidence VARCHAR;
ALTER TABLE events ADD COLUMN date_source VARCHAR;
ALTER TABLE events ADD COLUMN date_text VARCHAR;
"""

_V3 = f"""
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL,
    sentence INTEGER NOT NULL,
    direct BOOLEAN,
    speaker_text VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_actor {_ACTOR},
    speaker_code VARCHAR,
    cue_text VARCHAR,
    cue_start INTEGER,
    cue_end INTEGER,
    content_text VARCHAR,
    content_start INTEGER,
    content_end INTEGER
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
"""

# MIGRATIONS[v] takes a store at version v-1 to version v.
_V4 = """
ALTER TABLE events ADD COLUMN location VARCHAR;
ALTER TABLE events ADD COLUMN location_name VARCHAR;
ALTER TABLE events ADD COLUMN location_country VARCHAR;
"""

_V5 = """
ALTER TABLE events ADD COLUMN group_id INTEGER;
ALTER TABLE articles ADD COLUMN story_id INTEGER;
CREATE TABLE IF NOT EXISTS event_groups (
    id INTEGER PRIMARY KEY, source_code VARCHAR, cameo VARCHAR, target_code VARCHAR, date DATE,
    n_mentions INTEGER, n_articles INTEGER, n_sources INTEGER
);
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY, first DATE, last DATE, n_articles INTEGER, title VARCHAR, storyline_id INTEGER
);
"""

_V6 = """
CREATE TABLE IF NOT EXISTS inputs (
    path VARCHAR PRIMARY KEY, size BIGINT, mtime_ns BIGINT, n_articles INTEGER, run_id INTEGER
);
"""

_V7 = """
CREATE TABLE IF NOT EXISTS article_features (article_id VARCHAR NOT NULL, feature VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS story_features (story_id INTEGER NOT NULL, feature VARCHAR NOT NULL);
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3, 4: _V4, 5: _V5, 6: _V6, 7: _V7}


class StoreError(RuntimeError):
    pass


def _open_error(path: str, exc: Exception) -> str:
    """One line on why a store cannot be opened; for DuckDB's lock conflict,
    who holds it and what to do (DuckDB lets one process write a file and
    no other process read it meanwhile)."""
    import re

    m = re.search(r"Conflicting lock is held in .*?\(PID (\d+)\)", str(exc))
    if not m:
        return f"cannot open store {path}: {exc}"
    pid = m.group(1)
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace").strip()
    except OSError:
        cmd = ""
    holder = f"another diurna process (PID {pid})" if "diurna" in cmd else f"another process (PID {pid})"
    return (f"store {path} is in use by {holder}: wait for it to finish, or use another --db; "
            f"read commands and `diurna serve` open it read-only once no run is writing it")


def _now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)


class Store:
    """The embedded DuckDB store. ``read_only=True`` for readers (serve,
    queries) so a writer can keep adding while they read."""

    def __init__(self, path: str | Path = "diurna.duckdb", read_only: bool = False):
        self.path = str(path)
        if read_only and self.path != ":memory:" and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}: run `diurna run PATH --db {self.path}` first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(_open_error(self.path, exc)) from exc
        self.read_only = read_only
        self._schemas: dict[str, pa.Schema] = {}
        if not read_only:
            self.migrate()
        elif self.version() < SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema version {self.version()}; run `diurna migrate`")

    # -- schema ----------------------------------------------------------
    def version(self) -> int:
        try:
            row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.CatalogException:
            return 0
        return row[0] or 0

    def migrate(self) -> int:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
        current = self.version()
        for v in range(current + 1, SCHEMA_VERSION + 1):
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(MIGRATIONS[v])
                self.con.execute("INSERT INTO schema_version VALUES (?, ?)", [v, _now()])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
        return self.version()

    def close(self) -> None:
        self.con.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- what is there -----------------------------------------------------
    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        if not ids:
            return set()
        tbl = pa.table({"id": list(ids)})  # noqa: F841 (scanned by DuckDB)
        rows = self.con.execute("SELECT a.id FROM articles a JOIN tbl USING (id)").fetchall()
        return {r[0] for r in rows}

    def dedup_seed(self) -> Iterable[tuple[str, str, list | None]]:
        """(id, content hash, minhash) of every canonical article."""
        cur = self.con.execute(
            "SELECT id, content_hash, minhash FROM articles WHERE duplicate_of IS NULL ORDER BY ingested_at"
        )
        while True:
            rows = cur.fetchmany(10_000)
            if not rows:
                break
            yield from rows

    # -- writing -----------------------------------------------------------
    def write_batch(
        self,
        coded: Sequence[CodedArticle],
        copies: Sequence[Article] = (),
        signatures: dict | None = None,
        rejections: Sequence[Rejection] = (),
    ) -> list[Rejection]:
        """Write processed articles, duplicate copies and rejections in one
        transaction; rows whose article id is already stored are skipped.

        Content can never fail the whole batch: when the batch's transaction
        fails (a constraint, a value DuckDB or Arrow refuses), it is rolled
        back and each article is written in a transaction of its own; those
        that still fail are left out and returned as rejections naming the
        store and the error (and written to ``rejections``).  Only when not
        one article can be written (the disk, not the content) does the
        error propagate."""
        signatures = signatures or {}
        try:
            self._write(coded, copies, signatures, rejections)
            return []
        except Exception as exc:  # noqa: BLE001 (split below; re-raised when not about content)
            batch_error = exc
        items = [*coded, *copies]
        if not items:
            raise batch_error
        failed: list[Rejection] = []
        for item in items:
            art = item.article if isinstance(item, CodedArticle) else item
            try:
                self._write(*(([item], []) if isinstance(item, CodedArticle) else ([], [item])), signatures, ())
            except Exception as exc:  # noqa: BLE001 (reported as this article's rejection)
                failed.append(Rejection(art.origin, f"could not be stored (store: {type(exc).__name__}: "
                                                    f"{_one_line(exc)})"))
        if len(failed) == len(items) and not _about_content(batch_error):
            raise batch_error
        self._write([], [], {}, [*rejections, *failed])
        return failed

    def _write(self, coded: Sequence[CodedArticle], copies: Sequence[Article], signatures: dict,
               rejections: Sequence[Rejection]) -> None:
        """One transaction: the rows of these articles, copies and rejections."""
        now = _now()
        arts = [c.article for c in coded] + list(copies)
        present = self.existing_ids([a.id for a in arts])
        n_ev = {c.article.id: len(c.events) for c in coded}
        n_se = {c.article.id: len(c.sentences) for c in coded}
        art_rows, sent_rows, ment_rows, ev_rows = [], [], [], []
        seen: set[str] = set()
        for a in arts:
            if a.id in present or a.id in seen:
                continue
            seen.add(a.id)
            sig = signatures.get(a.id)
            art_rows.append({
                "id": a.id, "origin": a.origin, "external_id": a.external_id, "title": a.title,
                "text": None if a.duplicate_kind == "exact" else a.text,
                "source": a.source, "url": a.url,
                "published": _dt.date.fromisoformat(a.published) if a.published else None,
                "published_source": a.published_source, "format": a.format, "encoding": a.encoding,
                "content_hash": a.content_hash, "duplicate_of": a.duplicate_of,
                "duplicate_kind": a.duplicate_kind, "similarity": a.similarity,
                "minhash": [int(x) for x in sig] if sig is not None else None,
                "removed": [f"{reason}\t{line}" for line, reason in a.removed],
                "n_sentences": n_se.get(a.id), "n_events": n_ev.get(a.id), "ingested_at": now,
                "published_earliest": _dt.date.fromisoformat(a.published_earliest) if a.published_earliest else None,
                "published_latest": _dt.date.fromisoformat(a.published_latest) if a.published_latest else None,
                "date_evidence": json.dumps(a.date_evidence, ensure_ascii=False) if a.date_evidence else None,
            })
        for c in coded:
            aid = c.article.id
            if aid not in seen:
                continue
            for s in c.sentences:
                sent_rows.append({"article_id": aid, "idx": s.index, "start": s.start, "end": s.end, "text": s.text})
                for e in s.entities:
                    ment_rows.append({"article_id": aid, "sentence": s.index, "start": e.start,
                                      "end": e.end, "text": e.text, "label": e.label})
            for e in c.events:
                ev_rows.append({
                    "id": e.id, "article_id": aid, "sentence": e.sentence,
                    "date": _dt.date.fromisoformat(e.date) if e.date else None,
                    "date_precision": e.date_precision,
                    "source_code": next((a.code for a in e.source if a.code), None),
                    "target_code": next((a.code for a in e.target if a.code), None),
                    "cameo": e.cameo, "quad_class": e.quad_class, "goldstein": e.goldstein,
                    "plover": e.plover, "mode": e.mode, "modality": e.modality,
                    "confidence": e.confidence, "trigger_text": e.trigger.text,
                    "trigger_start": e.trigger.start, "trigger_end": e.trigger.end,
                    "source": [_actor(x) for x in e.source], "target": [_actor(x) for x in e.target],
                    "attributed_to": _actor(e.attributed_to) if e.attributed_to else None,
                    "date_source": e.date_source, "date_text": e.date_text,
                    "location": json.dumps(asdict(e.location), ensure_ascii=False) if e.location else None,
                    "location_name": e.location.name if e.location else None,
                    "location_country": e.location.country if e.location else None,
                })
        q_rows = []
        for c in coded:
            if c.article.id not in seen:
                continue
            for q in c.quotes:
                sp = q.speaker
                act = _actor(q.actor) if sp and q.actor else None
                q_rows.append({
                    "article_id": c.article.id, "sentence": q.sentence, "direct": q.direct,
                    "speaker_text": sp.text if sp else None, "speaker_start": sp.start if sp else None,
                    "speaker_end": sp.end if sp else None,
                    "speaker_actor": act, "speaker_code": (act or {}).get("code") or None,
                    "cue_text": q.cue.text, "cue_start": q.cue.start, "cue_end": q.cue.end,
                    "content_text": q.content.text, "content_start": q.content.start, "content_end": q.content.end})
        rej_rows = [{"origin": _text(r.origin), "reason": _text(r.reason), "seen_at": now} for r in rejections]
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            for table, rows in (("articles", art_rows), ("sentences", sent_rows),
                                ("mentions", ment_rows), ("events", ev_rows), ("quotes", q_rows),
                                ("rejections", rej_rows)):
                if rows:
                    self._insert(table, rows)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    def _insert(self, table: str, rows: list[dict]) -> None:
        schema = self._arrow_schema(table)
        batch = pa.Table.from_pylist(rows, schema=schema)  # noqa: F841 (scanned by DuckDB)
        cols = ", ".join(f'"{c}"' for c in schema.names)
        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM batch")

    def _arrow_schema(self, table: str) -> pa.Schema:
        if table not in self._schemas:
            empty = self.con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table()
            self._schemas[table] = empty.schema
        return self._schemas[table]

    # -- runs ----------------------------------------------------------------
    def known_inputs(self) -> dict[str, tuple[int, int, int]]:
        """path -> (size, mtime_ns, n_articles) of every file a finished run read."""
        return {r[0]: r[1:] for r in self.con.execute("SELECT path, size, mtime_ns, n_articles FROM inputs").fetchall()}

    def record_inputs(self, rows: Sequence[tuple[str, int, int, int]], run_id: int) -> None:
        """Remember files read to their end (path, size, mtime_ns, n_articles), in one transaction."""
        if not rows:
            return
        tbl = pa.table({"path": [r[0] for r in rows], "size": [r[1] for r in rows],  # noqa: F841 (scanned)
                        "mtime_ns": [r[2] for r in rows], "n_articles": [r[3] for r in rows]})
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM inputs WHERE path IN (SELECT path FROM tbl)")
            self.con.execute("INSERT INTO inputs SELECT path, size, mtime_ns, n_articles, ? FROM tbl", [run_id])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def start_run(self, inputs: Sequence[str]) -> int:
        rid = (self.con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()[0])
        self.con.execute("INSERT INTO runs (id, started_at, inputs) VALUES (?, ?, ?)", [rid, _now(), list(inputs)])
        return rid

    def finish_run(self, rid: int, counts: dict) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, stored = ?, duplicates = ?, rejected = ?, skipped = ?, events = ? WHERE id = ?",
            [_now(), counts.get("stored", 0), counts.get("duplicates", 0), counts.get("rejected", 0),
             counts.get("skipped", 0), counts.get("events", 0), rid],
        )

    # -- reading -------------------------------------------------------------
    def query(self, sql: str, params: Sequence | None = None) -> list[dict]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]


def _text(s: str) -> str:
    """A string DuckDB can store: lone surrogates (from file names or JSON
    escapes) replaced."""
    return s.encode("utf-8", "replace").decode("utf-8") if isinstance(s, str) else s


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())[:300]


def _about_content(exc: Exception) -> bool:
    """Whether a write failed on what was written (a key, a value), not on
    the store itself (disk full, file gone: every article fails then)."""
    return isinstance(exc, (duckdb.ConstraintException, duckdb.ConversionException, duckdb.InvalidInputException,
                            duckdb.OutOfRangeException, pa.ArrowException, UnicodeError, ValueError,
                            OverflowError, TypeError))


def _actor(a) -> dict:
    return {"text": a.text, "start": a.start, "end": a.end, "code": a.code,
            "country": a.country, "sector": a.sector, "name": a.name}


def dumps(value) -> str:
    """JSON for query results (dates, structs)."""
    return json.dumps(value, default=str, ensure_ascii=False)
