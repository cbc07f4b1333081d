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
             with_text: bool = True, offset: int = 0) -> list[dict]:
    cols = [c for c in ARTICLE_COLUMNS if with_text or c not in ("text", "removed", "date_evidence")]
    sql = f"SELECT {', '.join(cols)} FROM articles"
    if not include_duplicates:
        sql += " WHERE duplicate_of IS NULL"
    sql += " ORDER BY published NULLS LAST, ingested_at, id"
    if limit:
        sql += f" LIMIT {int(limit)}"
    if offset:
        sql += f" OFFSET {int(offset)}"
    rows = store.query(sql)
    for r in rows:
        if r.get("date_evidence"):
            r["date_evidence"] = json.loads(r["date_evidence"])
    return rows


def events(store: Store, *, actor: str | None = None, cameo: str | None = None,
           article: str | None = None, since: str | None = None, until: str | None = None,
           limit: int | None = None, quad: int | None = None, story: int | None = None,
           storyline: int | None = None, text: str | None = None, place: str | None = None) -> list[dict]:
    """Events with their sentence and article title.

    actor      matches a source or target code prefix (``FRA``, ``RUSGOV``) or country
    cameo      a code prefix (``11`` for all disapprove); quad the quad class (1-4)
    story, storyline  ids from ``diurna stories``; text: words in the sentence
    place      the name of the place where the event happened (``Aleppo``)
    """
    where, params = event_where(actor=actor, cameo=cameo, article=article, since=since, until=until, quad=quad,
                                story=story, storyline=storyline, text=text, place=place)
    return _decoded(_select(store, EVENT_SELECT + EVENT_FROM, where, params, EVENT_ORDER, limit))


EVENT_SELECT = """
    SELECT e.id, coalesce(e.date, a.published) AS date, e.date_precision,
           e.source_code, e.cameo, e.target_code, e.quad_class, e.goldstein, e.plover, e.mode,
           e.date_source, e.date_text, e.location_name, e.location_country, e.location, e.modality, e.confidence,
           e.trigger_text, e.trigger_start, e.trigger_end,
           e.source, e.target, e.attributed_to,
           e.article_id, a.title AS article_title, a.url, a.source AS outlet,
           e.sentence, s.text AS sentence_text, s.start AS sentence_start, s."end" AS sentence_end"""
EVENT_FROM = """
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence
"""
EVENT_ORDER = "date NULLS LAST, e.article_id, e.sentence, e.trigger_start"
EVENT_DATE = "coalesce(e.date, a.published)"


def _side_key(side: str) -> str:
    """SQL for who acts (``source``) or is acted on (``target``), one value per
    event: the country of the first actor when the actor code starts with it
    (``FRAGOV`` -> ``FRA``), else the code itself (``IGOUNO``, ``REB``)."""
    return (f"CASE WHEN starts_with(e.{side}_code, coalesce(e.{side}[1].country, '#')) "
            f"THEN e.{side}[1].country ELSE e.{side}_code END")


SOURCE_KEY = _side_key("source")
TARGET_KEY = _side_key("target")
FACETS = {"quad": "e.quad_class", "cameo_root": "left(e.cameo, 2)", "source": SOURCE_KEY, "target": TARGET_KEY,
          "plover": "e.plover"}


def event_where(*, actor: str | None = None, cameo: str | None = None, article: str | None = None,
                since: str | None = None, until: str | None = None, quad: int | None = None,
                story: int | None = None, storyline: int | None = None, text: str | None = None,
                plover: str | None = None, source: str | None = None, target: str | None = None,
                place: str | None = None) -> tuple[list[str], list]:
    """WHERE clauses and parameters for the event filters of :func:`events`;
    ``plover`` a PLOVER type, ``source``/``target`` the actor key of
    :data:`SOURCE_KEY` / :data:`TARGET_KEY` (a country or an actor code),
    ``place`` the name of the place an event happened (its location)."""
    where, params = [], []
    if place:
        where.append("e.location_name = ?")
        params.append(place)
    if quad is not None:
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
        where.append(f"{EVENT_DATE} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{EVENT_DATE} <= CAST(? AS DATE)")
        params.append(until)
    for expr, value in ((SOURCE_KEY, source), (TARGET_KEY, target), ("e.plover", plover)):
        if value:
            where.append(f"{expr} = ?")
            params.append(value.upper())
    return where, params


def _where_sql(where: list[str]) -> str:
    return (" WHERE " + " AND ".join(where)) if where else ""


def events_page(store: Store, *, limit: int = 100, offset: int = 0, **filters) -> tuple[int, list[dict]]:
    """One page of :func:`events` (filters of :func:`event_where`), limited in
    SQL, and the number of events that match."""
    where, params = event_where(**filters)
    rows = store.query(f"{EVENT_SELECT}, count(*) OVER () AS _total {EVENT_FROM}{_where_sql(where)} "
                       f"ORDER BY {EVENT_ORDER} LIMIT {int(limit)} OFFSET {int(offset)}", params)
    if rows:
        total = rows[0]["_total"]
        for r in rows:
            del r["_total"]
    else:  # past the end: count separately
        total = store.con.execute(f"SELECT count(*) {EVENT_FROM}{_where_sql(where)}", params).fetchone()[0]
    return total, _decoded(rows)


def _decoded(rows: list[dict]) -> list[dict]:
    for r in rows:
        if r.get("location"):
            r["location"] = json.loads(r["location"])
    return rows


def event_facets(store: Store, *, top: int = 25, **filters) -> dict:
    """Counts of the matching events by quad class, CAMEO root (two digits),
    source and target (country or actor code) and PLOVER type; the ``top``
    values of each, most frequent first (``None`` = not coded)."""
    where, params = event_where(**filters)
    names = list(FACETS)
    cols = ", ".join(f"{expr} AS {name}" for name, expr in FACETS.items())
    which = " ".join(f"WHEN GROUPING({name}) = 0 THEN {i}" for i, name in enumerate(names))
    sets = ", ".join(f"({name})" for name in names)
    rows = store.con.execute(  # one scan for all the facets
        f"SELECT CASE {which} ELSE -1 END AS facet, {', '.join(names)}, count(*) AS n "
        f"FROM (SELECT {cols} {EVENT_FROM}{_where_sql(where)}) GROUP BY GROUPING SETS ({sets}, ())",
        params).fetchall()
    out: dict = {"total": 0, **{name: [] for name in names}}
    for facet, *values, n in rows:
        if facet < 0:
            out["total"] = n
        else:
            out[names[facet]].append({"value": values[facet], "count": n})
    for name in names:
        out[name] = sorted(out[name], key=lambda x: (-x["count"], x["value"] is None, str(x["value"])))[:top]
    return out


def actor_network(store: Store, *, top: int = 40, **filters) -> dict:
    """Who acts on whom: edges (source -> target actor key, per quad class,
    with counts) among the ``top`` actors by number of events with both sides
    coded; nodes with their event counts as source and as target."""
    where, params = event_where(**filters)
    where = where + [f"{SOURCE_KEY} IS NOT NULL", f"{TARGET_KEY} IS NOT NULL", f"{SOURCE_KEY} <> {TARGET_KEY}"]
    rows = store.con.execute(f"SELECT {SOURCE_KEY} AS s, {TARGET_KEY} AS t, e.quad_class AS q, count(*) AS n "
                             f"{EVENT_FROM}{_where_sql(where)} GROUP BY 1, 2, 3 ORDER BY n DESC, s, t, q",
                             params).fetchall()
    weight: dict = {}
    for s, t, _q, n in rows:
        weight[s] = weight.get(s, 0) + n
        weight[t] = weight.get(t, 0) + n
    keep = set(sorted(weight, key=lambda k: (-weight[k], k))[:top])
    edges = [{"source": s, "target": t, "quad_class": q, "count": n} for s, t, q, n in rows if s in keep and t in keep]
    nodes = {k: {"id": k, "count": weight[k], "out": 0, "in": 0} for k in sorted(keep)}
    for e in edges:
        nodes[e["source"]]["out"] += e["count"]
        nodes[e["target"]]["in"] += e["count"]
    return {"nodes": list(nodes.values()), "edges": edges, "actors_left_out": len(weight) - len(keep)}


PERIODS = ("day", "week", "month", "year")


def event_counts(store: Store, *, unit: str = "week", **filters) -> dict:
    """Events per ``unit`` (day, week from Monday, month, year) and quad class:
    ``periods`` = [{period, total, by_quad: {quad: n}}] in date order, and the
    number of matching events without any date."""
    if unit not in PERIODS:
        raise ValueError(f"unit must be one of {', '.join(PERIODS)}")
    where, params = event_where(**filters)
    rows = store.con.execute(f"SELECT CAST(date_trunc('{unit}', {EVENT_DATE}) AS DATE) AS p, e.quad_class AS q, count(*) AS n "
                             f"{EVENT_FROM}{_where_sql(where)} GROUP BY 1, 2 ORDER BY 1 NULLS LAST, 2",
                             params).fetchall()
    periods: dict = {}
    undated = 0
    for p, q, n in rows:
        if p is None:
            undated += n
            continue
        entry = periods.setdefault(p.isoformat(), {"period": p.isoformat(), "total": 0, "by_quad": {}})
        entry["total"] += n
        entry["by_quad"][str(q)] = entry["by_quad"].get(str(q), 0) + n
    return {"unit": unit, "periods": list(periods.values()), "undated": undated}


def event_places(store: Store, **filters) -> dict:
    """Where the matching events happened: ``places`` = [{name, country,
    feature, lat, lon, geonameid, total, by_quad: {quad: n}}], most events
    first (a country named as the place has no coordinates), and how many
    matching events have no location (``without_place``)."""
    where, params = event_where(**filters)
    loc = lambda key: f"json_extract_string(e.location, '$.{key}')"  # noqa: E731
    rows = store.con.execute(
        f"SELECT e.location_name, e.location_country, {loc('feature')}, TRY_CAST({loc('lat')} AS DOUBLE), "
        f"TRY_CAST({loc('lon')} AS DOUBLE), TRY_CAST({loc('geonameid')} AS BIGINT), e.quad_class, count(*) "
        f"{EVENT_FROM}{_where_sql(where)} GROUP BY ALL", params).fetchall()
    places: dict = {}
    without = 0
    for name, country, feature, lat, lon, gid, q, n in rows:
        if name is None:
            without += n
            continue
        p = places.setdefault((name, country, lat, lon, gid), {  # a city and its province: one point
            "name": name, "country": country, "feature": feature, "lat": lat, "lon": lon, "geonameid": gid,
            "total": 0, "by_quad": {}})
        p["total"] += n
        p["by_quad"][str(q)] = p["by_quad"].get(str(q), 0) + n
    ranked = sorted(places.values(), key=lambda p: (-p["total"], p["name"], p["country"] or ""))
    return {"places": ranked, "without_place": without}


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
