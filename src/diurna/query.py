"""Reading the record back: articles, events, stats (the Python API the CLI,
reports and later the server share).

Every function takes an open :class:`~diurna.store.Store` and returns plain
dicts (JSON-ready but for dates), so a notebook can call them directly.
"""

from __future__ import annotations

import json

from .store import Store

ARTICLE_COLUMNS = ("id", "title", "source", "url", "published", "published_source", "published_earliest",
                   "published_latest", "date_evidence", "text",
                   "duplicate_of", "duplicate_kind", "origin", "external_id", "format",
                   "n_sentences", "n_events", "removed")


def articles(store: Store, *, limit: int | None = None, include_duplicates: bool = True,
             with_text: bool = True) -> list[dict]:
    cols = [c for c in ARTICLE_COLUMNS if with_text or c not in ("text", "removed", "date_evidence")]
    sql = f"SELECT {', '.join(cols)} FROM articles"
    if not include_duplicates:
        sql += " WHERE duplicate_of IS NULL"
    sql += " ORDER BY published NULLS LAST, ingested_at, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    rows = store.query(sql)
    for r in rows:
        if r.get("date_evidence"):
            r["date_evidence"] = json.loads(r["date_evidence"])
    return rows


def events(store: Store, *, actor: str | None = None, cameo: str | None = None,
           article: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = None, quad: int | None = None, story: int | None = None,
           storyline: int | None = None, text: str | None = None) -> list[dict]:
    """Events with their sentence and article title.

    actor      matches a source or target code prefix (``FRA``, ``RUSGOV``) or country
    cameo      a code prefix (``11`` for all disapprove); quad the quad class (1-4)
    story, storyline  ids from ``diurna stories``; text: words in the sentence
    """
    where, params = [], []
    if quad:
        where.append("e.quad_class = ?")
        params.append(int(quad))
    if story:
        where.append("a.story_id = ?")
        params.append(int(story))
    if storyline:
        where.append("a.story_id IN (SELECT id FROM stories WHERE storyline_id = ?)")
        params.append(int(storyline))
    if text:
        where.append("s.text ILIKE ?")
        params.append(f"%{text}%")
    if actor:
        where.append("(list_has_any([?], list_transform(e.source, lambda x: x.country)) OR "
                     "list_has_any([?], list_transform(e.target, lambda x: x.country)) OR "
                     "starts_with(coalesce(e.source_code, ''), ?) OR starts_with(coalesce(e.target_code, ''), ?))")
        params += [actor.upper()] * 4
    if cameo:
        where.append("starts_with(e.cameo, ?)")
        params.append(cameo)
    if article:
        where.append("e.article_id = ?")
        params.append(article)
    if since:
        where.append("coalesce(e.date, a.published) >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("coalesce(e.date, a.published) <= CAST(? AS DATE)")
        params.append(until)
    sql = """
        SELECT e.id, coalesce(e.date, a.published) AS date, e.date_precision,
               e.source_code, e.cameo, e.target_code, e.quad_class, e.goldstein, e.plover, e.mode,
               e.date_source, e.date_text, e.location_name, e.location_country, e.location, e.modality, e.confidence, e.trigger_text, e.trigger_start, e.trigger_end,
               e.source, e.target, e.attributed_to,
               e.article_id, a.title AS article_title, a.url, a.source AS outlet,
               e.sentence, s.text AS sentence_text, s.start AS sentence_start, s."end" AS sentence_end
        FROM events e
        JOIN articles a ON a.id = e.article_id
        LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence
    """
    rows = _select(store, sql, where, params, "date NULLS LAST, e.article_id, e.sentence, e.trigger_start", limit)
    for r in rows:
        if r.get("location"):
            r["location"] = json.loads(r["location"])
    return rows


def stats(store: Store) -> dict:
    q = store.con.execute
    one = lambda sql: q(sql).fetchone()[0]  # noqa: E731
    return {
        "articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL"),
        "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
        "dated_articles": one("SELECT count(*) FROM articles WHERE duplicate_of IS NULL AND published IS NOT NULL"),
        "sentences": one("SELECT count(*) FROM sentences"),
        "entity_mentions": one("SELECT count(*) FROM mentions"),
        "events": one("SELECT count(*) FROM events"),
        "rejections": one("SELECT count(*) FROM rejections"),
        "runs": one("SELECT count(*) FROM runs"),
        "first_date": one("SELECT min(published) FROM articles"),
        "last_date": one("SELECT max(published) FROM articles"),
        "events_by_quad_class": dict(q("SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1").fetchall()),
        "top_event_codes": q("SELECT cameo, count(*) n FROM events GROUP BY 1 ORDER BY n DESC, cameo LIMIT 10").fetchall(),
        "top_actors": q("""SELECT code, count(*) n FROM (
                              SELECT source_code AS code FROM events UNION ALL SELECT target_code FROM events)
                           WHERE code IS NOT NULL GROUP BY 1 ORDER BY n DESC, code LIMIT 10""").fetchall(),
        "schema_version": store.version(),
    }


def quotes(store: Store, *, speaker: str | None = None, text: str | None = None, article: str | None = None,
           limit: int | None = None) -> list[dict]:
    """Stored quotes; ``speaker`` matches an actor code prefix or the speaker's words, ``text`` the content."""
    where, params = [], []
    if speaker:
        where.append("(starts_with(coalesce(q.speaker_code, ''), ?) OR q.speaker_text ILIKE ?)")
        params += [speaker.upper(), f"%{speaker}%"]
    if text:
        where.append("q.content_text ILIKE ?")
        params.append(f"%{text}%")
    if article:
        where.append("q.article_id = ?")
        params.append(article)
    sql = """SELECT a.published AS date, q.speaker_text AS speaker, q.speaker_code, q.cue_text AS cue,
                    q.content_text AS content, q.direct, q.article_id, q.sentence, q.speaker_actor,
                    q.cue_start, q.content_start, q.content_end
             FROM quotes q JOIN articles a ON a.id = q.article_id"""
    return _select(store, sql, where, params, "date NULLS LAST, q.article_id, q.cue_start", limit)


def _select(store: Store, sql: str, where: list[str], params: list, order: str, limit: int | None) -> list[dict]:
    """Run ``sql`` with its filters, order and limit (the shared tail of the queries)."""
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql, params)
