"""stories stage: reports merged into events, articles into stories and storylines.

Runs over the store after each ``diurna run`` (and alone: ``diurna stories
--update``), touching only what is new, so adding articles later attaches
them without recomputing everything.

* **Event mentions to events.**  Every coded event is a mention; mentions
  with the same source, CAMEO code (3 digits) and target whose dates agree
  within their precision (a day: ±1 day, a week: 7, a month: 31, a year:
  366) are one event (``events.group_id`` → ``event_groups``, with the
  number of mentions, articles and outlets behind it, like GDELT's events and
  mentions tables).
* **Articles to stories.**  Two articles are the same story when they are
  published within :data:`STORY_DAYS` days and share enough of what they name
  (entities and actor codes, Jaccard ≥ :data:`STORY_SIM`).
* **Stories to storylines.**  Two stories are one storyline, at any distance
  in time, when what they name overlaps by :data:`LINE_SIM` (the push for
  Security Council action on Syria runs through years).

An article without a date takes the given date of a copy of it
(``published_source = "copy"``), or the date of a clearly matching dated
article of the same story (``published_source = "story"``; see
:data:`BORROW_MARGIN`), and so joins that story; its events dated by the
article follow.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import re
from collections import defaultdict

import pyarrow as pa

from .lexicon.stories import STOP_ENTITIES
from .store import Store

STORY_DAYS = 3
STORY_SIM = 0.3
LINE_SIM = 0.2
# An article its text cannot date borrows the date of its story: of the most
# similar firmly dated article, when that one is as similar as two articles of
# one story are (STORY_SIM) and clearly closer (BORROW_MARGIN) than any article
# of another date: a wrong date is worse than none.  Without even an interval
# from its text (nothing to check the match against) it takes a near copy only.
BORROW_MARGIN = 0.15
BORROW_SIM = 0.7
TOLERANCE = {"day": 1, "week": 7, "month": 31, "quarter": 92, "year": 366, None: 1}


def _norm(s: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", s.lower().strip())
    s = re.sub(r"['’]s$", "", s)
    return re.sub(r"[^\w\s-]", "", s).strip()


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


CHUNK = 2000  # new articles placed, and committed, together
MEMORY_LIMIT = "512MB"  # DuckDB's memory during an update (its own default: 80% of the machine's)
MERGE_CHUNK = 200_000  # new mentions merged per pass
_LABELS = "('GPE','ORG','PERSON','NORP','LOC','FAC')"
_KEY = "coalesce(e.source_code, ''), substr(e.cameo, 1, 3), coalesce(e.target_code, '')"
# firmly dated: a given date, or an inferred one from an interval of at most a year
# (the one definition, in SQL: for the pool of stored articles to borrow from and for
# the new articles that may borrow)
FIRM_DAYS = 366
_FIRM = """{a}.published IS NOT NULL AND coalesce({a}.published_source, '') <> 'story' AND NOT (
    coalesce({a}.published_source, '') = 'inferred' AND ({a}.published_earliest IS NULL OR {a}.published_latest IS NULL
    OR {a}.published_latest - {a}.published_earliest > %d))""" % FIRM_DAYS


@contextlib.contextmanager
def _registered(con, **tables):
    """Arrow tables registered under these names for the statements inside."""
    for name, tbl in tables.items():
        con.register(name, tbl)
    try:
        yield con
    finally:
        for name in tables:
            con.unregister(name)


@contextlib.contextmanager
def _Tx(con, **tables):
    """One transaction; Arrow tables registered for its statements."""
    with _registered(con, **tables):
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")


def _ids(ids) -> pa.Table:
    return pa.table({"id": pa.array(list(ids), pa.string())})


def merge_events(store: Store) -> int:
    """Give every event without a group one; returns how many were placed.

    Only the groups that share a key (source, code, target) with a new
    mention are read; new mentions are taken in passes of at most
    :data:`MERGE_CHUNK` (partitioned by key, each pass one transaction)."""
    con = store.con
    n = con.execute("SELECT count(*) FROM events WHERE group_id IS NULL").fetchall()[0][0]
    parts = -(-n // MERGE_CHUNK)
    return sum(_merge_part(con, parts, p) for p in range(parts))


def _merge_part(con, parts: int, p: int) -> int:
    where = "e.group_id IS NULL" + (f" AND hash({_KEY}) % {parts} = {p}" if parts > 1 else "")
    rows = con.execute(f"""
        SELECT e.id, {_KEY}, coalesce(e.date, a.published), e.date_precision
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE {where} ORDER BY 5 NULLS LAST, e.id""").fetchall()
    if not rows:
        return 0
    groups = defaultdict(list)  # key -> [(group id, date)]
    for gid, s, c, t, d in con.execute(f"""
            SELECT g.id, g.source_code, g.cameo, g.target_code, g.date FROM event_groups g
            JOIN (SELECT DISTINCT {_KEY} FROM events e WHERE {where}) k(s, c, t)
              ON g.source_code = k.s AND g.cameo = k.c AND g.target_code = k.t
            ORDER BY g.id""").fetchall():
        groups[(s, c, t)].append((gid, d))
    next_id = (con.execute("SELECT coalesce(max(id), 0) FROM event_groups").fetchall()[0][0] or 0) + 1
    assign, new_groups = ([], []), ([], [], [], [], [])
    for eid, s, c, t, d, prec in rows:
        tol = TOLERANCE.get(prec, 1)
        gid = None
        for g, gd in groups[(s, c, t)]:
            if d is None and gd is None or (d is not None and gd is not None and abs((d - gd).days) <= tol):
                gid = g
                break
        if gid is None:
            gid, next_id = next_id, next_id + 1
            groups[(s, c, t)].append((gid, d))
            for col, v in zip(new_groups, (gid, s, c, t, d)):
                col.append(v)
        assign[0].append(gid)
        assign[1].append(eid)
    ng = pa.table(dict(zip(("id", "source_code", "cameo", "target_code", "date"), new_groups)),
                  schema=pa.schema([("id", pa.int32()), ("source_code", pa.string()), ("cameo", pa.string()),
                                    ("target_code", pa.string()), ("date", pa.date32())]))
    asg = pa.table({"gid": pa.array(assign[0], pa.int32()), "eid": pa.array(assign[1], pa.string())})
    with _Tx(con, _ng=ng, _asg=asg):
        con.execute("INSERT INTO event_groups (id, source_code, cameo, target_code, date) SELECT * FROM _ng")
        con.execute("UPDATE events SET group_id = _asg.gid FROM _asg WHERE events.id = _asg.eid")
        con.execute("""
            UPDATE event_groups SET n_mentions = s.m, n_articles = s.a, n_sources = s.o FROM (
                SELECT e.group_id AS g, count(*) AS m, count(DISTINCT e.article_id) AS a,
                       count(DISTINCT coalesce(ar.source, ar.origin)) AS o
                FROM events e JOIN articles ar ON ar.id = e.article_id
                WHERE e.group_id IN (SELECT DISTINCT gid FROM _asg) GROUP BY 1) s
            WHERE event_groups.id = s.g""")
    return len(rows)


def _features(con, ids: list[str]) -> dict[str, set]:
    """What each of these articles names: entity strings and the countries of its event sources."""
    feats: dict[str, set] = defaultdict(set)
    with _registered(con, _fids=_ids(ids)):
        for aid, text in con.execute(
                f"SELECT m.article_id, m.text FROM mentions m JOIN _fids f ON f.id = m.article_id "
                f"WHERE m.label IN {_LABELS}").fetchall():
            n = _norm(text)
            if n and n not in STOP_ENTITIES:
                feats[aid].add(n)
        for aid, code in con.execute(
                "SELECT e.article_id, e.source_code FROM events e JOIN _fids f ON f.id = e.article_id "
                "WHERE e.source_code IS NOT NULL").fetchall():
            feats[aid].add("@" + code[:3])
    return feats


def _store_features(con, ids: list[str]) -> None:
    """(Re)write ``article_features`` for these articles (the caller's transaction)."""
    feats = _features(con, ids)
    rows = [(a, f) for a in ids for f in sorted(feats.get(a, ()))]
    tbl = pa.table({"article_id": pa.array([r[0] for r in rows], pa.string()),
                    "feature": pa.array([r[1] for r in rows], pa.string())})
    with _registered(con, _feat=tbl, _fdel=_ids(ids)):
        con.execute("DELETE FROM article_features WHERE article_id IN (SELECT id FROM _fdel)")
        con.execute("INSERT INTO article_features SELECT article_id, feature FROM _feat")


def _chunks(xs: list, n: int = CHUNK):
    for i in range(0, len(xs), n):
        yield xs[i:i + n]


def _backfill(con) -> None:
    """A store written before the feature tables (v7): fill them once."""
    if con.execute("SELECT count(*) FROM (SELECT 1 FROM article_features LIMIT 1)").fetchall()[0][0]:
        return
    placed = [r[0] for r in con.execute(
        "SELECT id FROM articles WHERE story_id IS NOT NULL AND duplicate_of IS NULL ORDER BY id").fetchall()]
    if not placed:
        return
    with _Tx(con):
        for ids in _chunks(placed, 20_000):
            _store_features(con, ids)
        con.execute("DELETE FROM story_features")
        con.execute("""INSERT INTO story_features SELECT DISTINCT a.story_id, f.feature
                       FROM articles a JOIN article_features f ON f.article_id = a.id WHERE a.story_id IS NOT NULL""")


def update(store: Store) -> dict:
    """Merge new event mentions, attach new articles to stories and storylines.

    Costs what is new: the features of new articles are stored
    (``article_features``), their candidate stories found through shared
    features within :data:`STORY_DAYS` days, and only the stories they join
    (and the storylines those touch) are rewritten.  New articles are placed
    in chunks of :data:`CHUNK`, each one transaction, so a killed update
    leaves whole chunks behind and the next one places the rest."""
    con = store.con
    limit = con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")  # DuckDB spills its joins to disk past it
    try:
        return _update(store)
    finally:
        con.execute(f"SET memory_limit = '{limit}'")


def _update(store: Store) -> dict:
    placed = merge_events(store)
    con = store.con
    _backfill(con)
    # a copy's given date dates the article it copies (same text, earliest given date)
    with _Tx(con):
        redated = [r[0] for r in con.execute("""
            UPDATE articles SET published = c.d, published_source = 'copy' FROM (
                SELECT duplicate_of AS id, min(published) AS d FROM articles
                WHERE duplicate_of IS NOT NULL AND published IS NOT NULL AND published_source IN ('given', 'html')
                GROUP BY 1) c
            WHERE articles.id = c.id AND (articles.published IS NULL OR articles.published_source = 'inferred')
            RETURNING articles.story_id""").fetchall() if r[0] is not None]
        _refresh_stories(con, redated)
    new = con.execute(f"""SELECT id, published, published_source, published_earliest, published_latest,
                                 NOT coalesce({_FIRM.format(a="articles")}, false) AS weak
                          FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL
                          ORDER BY published NULLS LAST, id""").fetchall()
    if not new:
        return {"events_placed": placed, "articles_placed": 0}
    for chunk in _chunks(new):
        with _Tx(con):
            _store_features(con, [r[0] for r in chunk])
    borrowed = {}
    for chunk in _chunks([r for r in new if r[5]]):  # not firmly dated: may borrow its story's date
        borrowed.update(_borrow(con, chunk))
    for chunk in _chunks(new):
        _place(con, chunk, borrowed)
    return {"events_placed": placed, "articles_placed": len(new)}


def _pairs_sql(probe: str, pool: str, where: str, cols: str) -> str:
    """Articles sharing a feature with the probe table's articles (``aid``,
    ``t`` and other columns) with their Jaccard similarity (``sim``), those
    that can reach ``t``: an article probes all but its ceil(t·n) - 1 most
    common features, as two sets that similar must share one of those
    (prefix filtering; a very common feature's long list is not read).
    ``pool``: which articles can be candidates at all (read first);
    ``where``: which of them for a given probe article ``nf``."""
    return f"""
        WITH nf0 AS (SELECT p.*, f.feature FROM {probe} p JOIN article_features f ON f.article_id = p.aid),
        df AS (SELECT feature, count(*) AS n FROM article_features
               WHERE feature IN (SELECT feature FROM nf0) GROUP BY 1),
        nf AS (SELECT nf0.*, row_number() OVER (PARTITION BY aid ORDER BY df.n DESC, feature) AS common,
                      count(*) OVER (PARTITION BY aid) AS len
               FROM nf0 JOIN df USING (feature)),
        o AS (SELECT * FROM articles o WHERE o.duplicate_of IS NULL AND {pool}),
        pf AS (SELECT f.article_id, f.feature FROM article_features f JOIN o ON o.id = f.article_id),
        cand AS (SELECT DISTINCT nf.aid, o.id AS other, {cols}
                 FROM nf JOIN pf f ON f.feature = nf.feature JOIN o ON o.id = f.article_id
                 WHERE nf.common > ceil(nf.len * nf.t - 1e-9) - 1 AND o.id <> nf.aid AND {where}),
        pairs AS (SELECT cand.*, count(*) AS i FROM cand
                  JOIN article_features fo ON fo.article_id = cand.other
                  JOIN nf0 ON nf0.aid = cand.aid AND nf0.feature = fo.feature GROUP BY ALL),
        sz AS (SELECT article_id, count(*) AS n FROM article_features
               WHERE article_id IN (SELECT other FROM pairs UNION SELECT aid FROM {probe}) GROUP BY 1)
        SELECT pairs.*, pairs.i / (x.n + y.n - pairs.i) AS sim
        FROM pairs JOIN sz x ON x.article_id = pairs.aid JOIN sz y ON y.article_id = pairs.other"""


def _borrow(con, weak: list[tuple]) -> dict:
    """An article its text cannot date takes the date of the most similar
    firmly dated article (its story), if that fits what its text says, is
    similar enough and clearly closer than any article of another date."""
    # a candidate below bar - BORROW_MARGIN can neither be chosen nor stand in the way
    bar = [STORY_SIM if r[3] is not None or r[4] is not None else BORROW_SIM for r in weak]
    w = pa.table({"aid": pa.array([r[0] for r in weak], pa.string()),
                  "t": pa.array([b - BORROW_MARGIN for b in bar], pa.float64()),
                  "lo": pa.array([r[3] for r in weak], pa.date32()),
                  "hi": pa.array([r[4] for r in weak], pa.date32())})
    with _registered(con, _w=w):
        rows = con.execute(f"""
            WITH sims AS ({_pairs_sql("_w", _FIRM.format(a="o"), '''
                    (nf.lo IS NULL OR o.published >= nf.lo) AND (nf.hi IS NULL OR o.published <= nf.hi)''',
                    "o.published AS od")}),
            ranked AS (SELECT *, row_number() OVER (PARTITION BY aid ORDER BY sim DESC, other DESC) AS rn FROM sims)
            SELECT b.aid, b.od, b.sim, (SELECT max(r.sim) FROM ranked r WHERE r.aid = b.aid AND r.rn > 1
                                        AND abs(r.od - b.od) > {STORY_DAYS}) AS rival
            FROM ranked b WHERE b.rn = 1""").fetchall()
    bar_of = {r[0]: b for r, b in zip(weak, bar)}
    out = {}
    for aid, od, sim, rival in rows:
        # only a clear match: same story, and clearly closer than any other date
        if sim >= bar_of[aid] and (rival is None or sim - rival >= BORROW_MARGIN):
            out[aid] = od
    return out


def _place(con, chunk: list[tuple], borrowed: dict) -> None:
    """Attach one chunk of new articles (in order) to stories, one transaction."""
    order = [r[0] for r in chunk]
    pub = {r[0]: borrowed.get(r[0], r[1]) for r in chunk}
    ch = pa.table({"aid": pa.array(order, pa.string()), "pub": pa.array([pub[a] for a in order], pa.date32()),
                   "t": pa.array([STORY_SIM] * len(order), pa.float64())})
    with _registered(con, _ch=ch):
        best_old = {aid: (sim, sid) for aid, sid, sim in con.execute(f"""
            WITH sims AS ({_pairs_sql(
                "_ch", f"o.story_id IS NOT NULL AND o.published IN (SELECT pub + CAST(k AS INTEGER) FROM _ch, "
                       f"range(-{STORY_DAYS}, {STORY_DAYS + 1}) r(k) WHERE pub IS NOT NULL)",
                f"nf.pub IS NOT NULL AND o.published BETWEEN nf.pub - {STORY_DAYS} AND nf.pub + {STORY_DAYS}",
                "o.story_id AS sid")})
            SELECT aid, sid, sim FROM (SELECT *, row_number() OVER (PARTITION BY aid ORDER BY sim DESC, other) AS rn
                                       FROM sims) WHERE rn = 1""").fetchall()}
        feats: dict[str, set] = defaultdict(set)
        for aid, f in con.execute("SELECT f.article_id, f.feature FROM article_features f "
                                  "JOIN _ch ON _ch.aid = f.article_id").fetchall():
            feats[aid].add(f)
    next_story = (con.execute("SELECT coalesce(max(id), 0) FROM stories").fetchall()[0][0] or 0) + 1
    story_of: dict[str, int] = {}
    rank: dict[str, int] = {}
    index: dict[tuple, list] = defaultdict(list)  # (feature, day) -> articles of this chunk placed so far
    for aid in order:
        best_sim, best = best_old.get(aid, (0.0, None))
        d = pub[aid]
        if d is not None:
            cands = {o for f in feats[aid] for k in range(-STORY_DAYS, STORY_DAYS + 1)
                     for o in index.get((f, d + _dt.timedelta(days=k)), ())}
            for other in sorted(cands, key=rank.__getitem__):
                sim = _jaccard(feats[aid], feats[other])
                if sim > best_sim:
                    best, best_sim = story_of[other], sim
        if best is None or best_sim < STORY_SIM:
            best, next_story = next_story, next_story + 1
        story_of[aid], rank[aid] = best, len(rank)
        if d is not None:
            for f in feats[aid]:
                index[(f, d)].append(aid)
    stories_tbl = pa.table({"aid": pa.array(order, pa.string()),
                            "sid": pa.array([story_of[a] for a in order], pa.int32())})
    moved = [a for a in order if a in borrowed]
    bt = pa.table({"aid": pa.array(moved, pa.string()), "d": pa.array([borrowed[a] for a in moved], pa.date32())})
    with _Tx(con, _story=stories_tbl, _borrowed=bt):
        con.execute("UPDATE articles SET story_id = _story.sid FROM _story WHERE articles.id = _story.aid")
        con.execute("""UPDATE articles SET published = _borrowed.d, published_source = 'story'
                       FROM _borrowed WHERE articles.id = _borrowed.aid""")
        # its events dated by the article (not by their own sentence) move with it
        con.execute("""UPDATE events SET date = _borrowed.d, date_precision = 'day', date_source = 'story'
                       FROM _borrowed WHERE events.article_id = _borrowed.aid
                       AND (events.date IS NULL OR events.date_source IN ('article', 'inferred'))""")
        # events that had no date take their article's new one
        con.execute("""
            UPDATE events SET date = a.published, date_precision = 'day', date_source = a.published_source
            FROM articles a WHERE events.article_id = a.id AND events.date IS NULL AND a.published IS NOT NULL""")
        con.execute("""INSERT INTO story_features SELECT DISTINCT s.sid, f.feature
                       FROM _story s JOIN article_features f ON f.article_id = s.aid
                       WHERE NOT EXISTS (SELECT 1 FROM story_features x WHERE x.story_id = s.sid AND x.feature = f.feature)""")
        touched = sorted(set(story_of.values()))
        _relink(con, touched)


def _refresh_stories(con, sids: list[int]) -> None:
    """Rewrite the rows of these stories from their articles (storyline kept)."""
    if not sids:
        return
    with _registered(con, _rs=pa.table({"sid": pa.array(sorted(set(sids)), pa.int32())})):
        lines = con.execute("SELECT id, storyline_id FROM stories WHERE id IN (SELECT sid FROM _rs)").fetchall()
        con.execute("DELETE FROM stories WHERE id IN (SELECT sid FROM _rs)")
        con.execute("""
            INSERT INTO stories (id, first, last, n_articles, title)
            SELECT story_id, min(published), max(published), count(*), arg_min(coalesce(title, substr(text, 1, 80)), published)
            FROM articles WHERE story_id IN (SELECT sid FROM _rs) GROUP BY story_id""")
        _set_lines(con, {s: ln for s, ln in lines if ln is not None})


def _set_lines(con, line_of: dict[int, int]) -> None:
    if line_of:
        with _registered(con, _ln=pa.table({"sid": pa.array(list(line_of), pa.int32()),
                                            "lid": pa.array(list(line_of.values()), pa.int32())})):
            con.execute("UPDATE stories SET storyline_id = _ln.lid FROM _ln WHERE stories.id = _ln.sid")


def _links(con, sids: list[int]) -> set[tuple[int, int]]:
    """Pairs of stories, one of them in ``sids``, whose features overlap by
    :data:`LINE_SIM` (Jaccard): candidates through the inverted index
    (``story_features``: the stories sharing a feature), except those
    already in the same storyline (nothing to merge)."""
    with _registered(con, _ls=pa.table({"sid": pa.array(sids, pa.int32())})):
        rows = con.execute(f"""
            WITH tl AS (SELECT t.story_id, t.feature, s.storyline_id AS line FROM story_features t
                        JOIN _ls ON _ls.sid = t.story_id LEFT JOIN stories s ON s.id = t.story_id),
            ol AS (SELECT o.story_id, o.feature, s.storyline_id AS line FROM story_features o
                   JOIN stories s ON s.id = o.story_id),
            it AS (SELECT tl.story_id AS a, ol.story_id AS b, count(*) AS i
                   FROM tl JOIN ol ON ol.feature = tl.feature
                   WHERE ol.story_id <> tl.story_id AND (tl.line IS NULL OR ol.line IS DISTINCT FROM tl.line)
                   GROUP BY 1, 2),
            sz AS (SELECT story_id, count(*) AS n FROM story_features
                   WHERE story_id IN (SELECT a FROM it UNION SELECT b FROM it) GROUP BY 1)
            SELECT DISTINCT least(it.a, it.b), greatest(it.a, it.b)
            FROM it JOIN sz x ON x.story_id = it.a JOIN sz y ON y.story_id = it.b
            WHERE it.i / (x.n + y.n - it.i) >= {LINE_SIM}""").fetchall()
    return {(a, b) for a, b in rows}


def _relink(con, sids: list[int]) -> None:
    """Stories ``sids`` changed (new, or new articles): their rows, and the
    storylines they join.  A storyline is the stories linked by a chain of
    similar ones (:func:`_links`); only the storylines of these stories and
    of the stories they link to are touched.  Storylines only merge: once
    linked, two stories stay in one storyline when later articles make them
    less alike."""
    if not sids:
        return
    _refresh_stories(con, sids)  # keeps each story's storyline
    links = _links(con, sids)
    near = {x for ab in links for x in ab} | set(sids)
    with _registered(con, _nb=pa.table({"sid": pa.array(sorted(near), pa.int32())})):
        line_before = dict(con.execute(
            "SELECT id, storyline_id FROM stories WHERE id IN (SELECT sid FROM _nb)").fetchall())
    # nodes: the storylines (or the story itself, when it has none yet)
    node = {s: ("l", line_before[s]) if line_before.get(s) is not None else ("s", s) for s in near}
    parent = {n: n for n in node.values()}
    for a, b in links:
        _union(parent, node[a], node[b])
    lid: dict = {}  # root -> the smallest storyline or story id in its group
    for n in parent:
        r = _find(parent, n)
        lid[r] = min(lid.get(r, n[1]), n[1])
    relabel = {n[1]: lid[_find(parent, n)] for n in parent if n[0] == "l" and lid[_find(parent, n)] != n[1]}
    by_story = {s: lid[_find(parent, n)] for s, n in node.items() if n[0] == "s"}
    if relabel:
        with _registered(con, _rel=pa.table({"old": pa.array(list(relabel), pa.int32()),
                                             "lid": pa.array(list(relabel.values()), pa.int32())})):
            con.execute("UPDATE stories SET storyline_id = _rel.lid FROM _rel WHERE stories.storyline_id = _rel.old")
    _set_lines(con, by_story)


def _find(parent: dict, x):
    parent.setdefault(x, x)
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _union(parent: dict, a, b) -> None:
    ra, rb = _find(parent, a), _find(parent, b)
    if ra != rb:
        # the smaller root wins: a storyline's id is its smallest story id
        parent[max(ra, rb)] = min(ra, rb)


def list_stories(store: Store) -> list[dict]:
    return store.query("""
        SELECT storyline_id AS storyline, id AS story, first, last, n_articles, title
        FROM stories ORDER BY storyline_id, first NULLS LAST, id""")


def merged_events(store: Store, limit: int | None = None) -> list[dict]:
    sql = """SELECT g.id, g.date, g.source_code, g.cameo, g.target_code, g.n_mentions, g.n_articles, g.n_sources,
                    (SELECT s.text FROM events e JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence
                     WHERE e.group_id = g.id ORDER BY e.confidence DESC LIMIT 1) AS sentence_text
             FROM event_groups g
             ORDER BY starts_with(g.cameo, '01'), g.n_articles DESC, g.n_mentions DESC, g.date"""
    if limit:
        sql += f" LIMIT {int(limit)}"
    return store.query(sql)

