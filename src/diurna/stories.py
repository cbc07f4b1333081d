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

import re
from collections import defaultdict

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
_STOP_ENTITIES = frozenset({"today", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _norm(s: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", s.lower().strip())
    s = re.sub(r"['’]s$", "", s)
    return re.sub(r"[^\w\s-]", "", s).strip()


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def merge_events(store: Store) -> int:
    """Give every event without a group one; returns how many were placed."""
    con = store.con
    rows = con.execute("""
        SELECT e.id, coalesce(e.source_code, ''), substr(e.cameo, 1, 3), coalesce(e.target_code, ''),
               coalesce(e.date, a.published), e.date_precision, e.article_id, a.source
        FROM events e JOIN articles a ON a.id = e.article_id
        WHERE e.group_id IS NULL ORDER BY 5 NULLS LAST, e.id""").fetchall()
    if not rows:
        return 0
    groups = defaultdict(list)  # key -> [(group id, date)]
    for gid, s, c, t, d in con.execute(
            "SELECT id, source_code, cameo, target_code, date FROM event_groups").fetchall():
        groups[(s, c, t)].append((gid, d))
    next_id = (con.execute("SELECT coalesce(max(id), 0) FROM event_groups").fetchone()[0] or 0) + 1
    assign, new_groups = [], []
    for eid, s, c, t, d, prec, aid, outlet in rows:
        tol = TOLERANCE.get(prec, 1)
        gid = None
        for g, gd in groups[(s, c, t)]:
            if d is None and gd is None or (d is not None and gd is not None and abs((d - gd).days) <= tol):
                gid = g
                break
        if gid is None:
            gid, next_id = next_id, next_id + 1
            groups[(s, c, t)].append((gid, d))
            new_groups.append((gid, s, c, t, d))
        assign.append((gid, eid))
    con.execute("BEGIN TRANSACTION")
    try:
        if new_groups:
            con.executemany("INSERT INTO event_groups (id, source_code, cameo, target_code, date) VALUES (?, ?, ?, ?, ?)",
                            new_groups)
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _assign (gid INTEGER, eid VARCHAR)")
        con.execute("DELETE FROM _assign")
        con.executemany("INSERT INTO _assign VALUES (?, ?)", assign)
        con.execute("UPDATE events SET group_id = _assign.gid FROM _assign WHERE events.id = _assign.eid")
        con.execute("""
            UPDATE event_groups SET n_mentions = s.m, n_articles = s.a, n_sources = s.o FROM (
                SELECT e.group_id AS g, count(*) AS m, count(DISTINCT e.article_id) AS a,
                       count(DISTINCT coalesce(ar.source, ar.origin)) AS o
                FROM events e JOIN articles ar ON ar.id = e.article_id GROUP BY 1) s
            WHERE event_groups.id = s.g""")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return len(assign)


def _article_features(store: Store) -> dict[str, set]:
    """What each article names: entity strings and the countries of its event sources."""
    feats: dict[str, set] = defaultdict(set)
    for aid, text in store.con.execute(
            "SELECT article_id, text FROM mentions WHERE label IN ('GPE','ORG','PERSON','NORP','LOC','FAC')").fetchall():
        n = _norm(text)
        if n and n not in _STOP_ENTITIES:
            feats[aid].add(n)
    for aid, code in store.con.execute(
            "SELECT article_id, source_code FROM events WHERE source_code IS NOT NULL").fetchall():
        feats[aid].add("@" + code[:3])
    return feats


def update(store: Store) -> dict:
    """Merge new event mentions, attach new articles to stories and storylines."""
    placed = merge_events(store)
    con = store.con
    # a copy's given date dates the article it copies (same text, earliest given date)
    con.execute("""
        UPDATE articles SET published = c.d, published_source = 'copy' FROM (
            SELECT duplicate_of AS id, min(published) AS d FROM articles
            WHERE duplicate_of IS NOT NULL AND published IS NOT NULL AND published_source IN ('given', 'html')
            GROUP BY 1) c
        WHERE articles.id = c.id AND (articles.published IS NULL OR articles.published_source = 'inferred')""")
    new = [r[0] for r in con.execute(
        "SELECT id FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL ORDER BY published NULLS LAST, id").fetchall()]
    if not new:
        return {"events_placed": placed, "articles_placed": 0}
    feats = _article_features(store)
    info = {r[0]: r[1:] for r in con.execute(
        "SELECT id, published, published_source, published_earliest, published_latest FROM articles "
        "WHERE duplicate_of IS NULL").fetchall()}
    pub = {a: v[0] for a, v in info.items()}
    borrowed = []
    for aid in new:
        d, src, lo, hi = info[aid]
        weak = d is None or (src == "inferred" and (lo is None or hi is None or (hi - lo).days > 366))
        if not weak:
            continue
        # an article the text cannot date takes the date of the most similar
        # firmly dated article (its story), if that fits what the text says
        sims = []
        for other, (od, osrc, olo, ohi) in info.items():
            if other == aid or od is None or osrc == "story" or (
                    osrc == "inferred" and (olo is None or ohi is None or (ohi - olo).days > 366)):
                continue
            if (lo and od < lo) or (hi and od > hi):
                continue
            sims.append((_jaccard(feats.get(aid, set()), feats.get(other, set())), other))
        sims.sort(reverse=True)
        # only a clear match: same story, and clearly closer than any other date
        best = None
        bar = STORY_SIM if (lo is not None or hi is not None) else BORROW_SIM
        if sims and sims[0][0] >= bar:
            rivals = [x for x, o in sims[1:] if abs((info[o][0] - info[sims[0][1]][0]).days) > STORY_DAYS]
            if not rivals or sims[0][0] - rivals[0] >= BORROW_MARGIN:
                best = sims[0][1]
        if best is not None:
            pub[aid] = info[best][0]
            borrowed.append((aid, pub[aid]))
    story_of = {r[0]: r[1] for r in con.execute(
        "SELECT id, story_id FROM articles WHERE story_id IS NOT NULL").fetchall()}
    next_story = (con.execute("SELECT coalesce(max(id), 0) FROM stories").fetchone()[0] or 0) + 1
    for aid in new:
        best, best_sim = None, 0.0
        d = pub.get(aid)
        for other, sid in story_of.items():
            od = pub.get(other)
            if d is None or od is None or abs((d - od).days) > STORY_DAYS:
                continue
            sim = _jaccard(feats.get(aid, set()), feats.get(other, set()))
            if sim > best_sim:
                best, best_sim = sid, sim
        if best is None or best_sim < STORY_SIM:
            best, next_story = next_story, next_story + 1
        story_of[aid] = best
    # write stories, then storylines over all stories
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _story (aid VARCHAR, sid INTEGER)")
        con.execute("DELETE FROM _story")
        con.executemany("INSERT INTO _story VALUES (?, ?)", [(a, s) for a, s in story_of.items() if a in set(new)])
        con.execute("UPDATE articles SET story_id = _story.sid FROM _story WHERE articles.id = _story.aid")
        for aid, d in borrowed:
            con.execute("UPDATE articles SET published = ?, published_source = 'story' WHERE id = ?", [d, aid])
            # its events dated by the article (not by their own sentence) move with it
            con.execute("""UPDATE events SET date = ?, date_precision = 'day', date_source = 'story'
                           WHERE article_id = ? AND (date IS NULL OR date_source IN ('article', 'inferred'))""",
                        [d, aid])
        # events that had no date take their article's new one
        con.execute("""
            UPDATE events SET date = a.published, date_precision = 'day', date_source = a.published_source
            FROM articles a WHERE events.article_id = a.id AND events.date IS NULL AND a.published IS NOT NULL""")
        con.execute("DELETE FROM stories")
        con.execute("""
            INSERT INTO stories (id, first, last, n_articles, title)
            SELECT story_id, min(published), max(published), count(*), arg_min(coalesce(title, substr(text, 1, 80)), published)
            FROM articles WHERE story_id IS NOT NULL GROUP BY story_id""")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    _storylines(store, feats)
    return {"events_placed": placed, "articles_placed": len(new)}


def _storylines(store: Store, feats: dict[str, set]) -> None:
    con = store.con
    members = defaultdict(set)
    for aid, sid in con.execute("SELECT id, story_id FROM articles WHERE story_id IS NOT NULL").fetchall():
        members[sid] |= feats.get(aid, set())
    sids = sorted(members)
    parent = {s: s for s in sids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, a in enumerate(sids):
        for b in sids[i + 1:]:
            if _jaccard(members[a], members[b]) >= LINE_SIM:
                parent[find(a)] = find(b)
    con.execute("BEGIN TRANSACTION")
    try:
        rows = [(find(s), s) for s in sids]
        con.execute("CREATE TEMP TABLE IF NOT EXISTS _line (lid INTEGER, sid INTEGER)")
        con.execute("DELETE FROM _line")
        if rows:
            con.executemany("INSERT INTO _line VALUES (?, ?)", rows)
        con.execute("UPDATE stories SET storyline_id = _line.lid FROM _line WHERE stories.id = _line.sid")
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


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

