"""Counts of events per group and period: what ICEWS, GDELT, Phoenix and
POLECAT users compute before anything else (``diurna counts``,
``/api/counts``; the full description, with the class tables code by code,
is ``docs/counts.md``).

:func:`counts` runs ONE DuckDB query over the store: the events matching the
filters of :func:`diurna.query.event_where` (every filter of ``diurna
events``) are grouped by any of :data:`GROUPS` and by period (:data:`EVERY`),
and the series is zero-filled: every period from the first to the last asked
(``since``/``until``, else the first and last dated event that matches)
appears for every group, with zeros where nothing happened (a calendar made
by DuckDB's ``generate_series``, cross joined with the groups).

Duplicate control (``dedup``, :data:`DEDUP`), written in the result
(:attr:`Counts.dedup`; the CLI prints it on stderr, the API returns it):

``daily``     (default) one event per source, target, CAMEO code and day:
              the "one-a-day" filter of the field.  It is what the ICEWS
              aggregations and the Phoenix data apply, so diurna's counts
              compare with theirs; it also removes most of the repetition of
              a wire story by many outlets without needing the merge.
``merged``    one event per merged event (``events.group_id``: the event
              built from its mentions across articles; an event not merged
              counts on its own).
``mentions``  every coded event mention (no duplicate control: what a
              coder produced; the ``mentions`` column is always this).

Columns per group and period: ``events`` (after duplicate control),
``mentions`` (coded mentions), ``articles`` (distinct articles), ``outlets``
(distinct ``articles.source``), the count per class (:data:`CLASSES`: the
quad classes, or one of the two five-class groupings ``phoenix`` and
``icews``), ``goldstein_sum`` (each counted event's Goldstein score once),
``goldstein_mean``, ``net_cooperation`` (events of classes 1 and 2 minus
classes 3 and 4) and ``net_goldstein`` (the Goldstein-weighted net: the sum
of the scores, positive cooperative, negative conflictual).

Long form (default): one row per group, period and class, with ``class``,
``class_name`` and that class's ``events``, ``mentions``, ``articles``,
``outlets``, ``goldstein_sum``, ``goldstein_mean``; ``net_cooperation`` and
``net_goldstein`` are those of the group and period (the same on each of its
class rows).  Wide (``wide=True``): one row per group and period, totals and
one column per class (named by :data:`CLASS_NAMES`).
"""

from __future__ import annotations

from .records import PRECISIONS
from .query import EVENT_DATE, SOURCE_KEY, TARGET_KEY, event_where
from .store import Store

DEDUP = ("daily", "merged", "mentions")
DEFAULT_DEDUP = "daily"
EVERY = (*PRECISIONS, "none")
STEP = {"day": "INTERVAL 1 DAY", "week": "INTERVAL 7 DAY", "month": "INTERVAL 1 MONTH",
        "quarter": "INTERVAL 3 MONTH", "year": "INTERVAL 1 YEAR"}
CLASSES = ("quad", "phoenix", "icews")

# the two five-class groupings, CAMEO root (two digits) -> class
PHOENIX = {**{r: 0 for r in (1, 2)}, **{r: 1 for r in (3, 4, 5)}, **{r: 2 for r in (6, 7, 8)},
           **{r: 3 for r in (9, 10, 11, 12, 13, 16)}, **{r: 4 for r in (14, 15, 17, 18, 19, 20)}}
ICEWS = {**PHOENIX, 16: 4}  # the same but for 16 (reduce relations), material conflict as in the quad classes
FIVE = {"phoenix": PHOENIX, "icews": ICEWS}

CLASS_NAMES = {
    "quad": {0: "neutral", 1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
             4: "material_conflict"},
    "five": {0: "statements_appeals", 1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict",
             4: "material_conflict"},
}

_SOURCE_COUNTRY = "e.source[1].country"
_SOURCE_SECTOR = "e.source[1].sector"

# group name -> [(output column, SQL expression)]
GROUPS = {
    "source": [("source", SOURCE_KEY)],
    "target": [("target", TARGET_KEY)],
    "dyad": [("source", SOURCE_KEY), ("target", TARGET_KEY)],
    "actor": [("actor", None)],  # source side and target side (a UNION ALL)
    "country": [("country", _SOURCE_COUNTRY)],
    "sector": [("sector", _SOURCE_SECTOR)],
    "cameo": [("cameo_root", "left(e.cameo, 2)")],
    "quad": [("quad", "e.quad_class")],
    "five": [("five_class", None)],  # the five-class grouping of ``classes`` (phoenix when classes=quad)
    "plover": [("plover", "e.plover")],
    "place": [("place", "e.location_name")],
    "story": [("story", "a.story_id")],
}


# the value columns of a row (the rest are its group keys and period)
MEASURES = frozenset({"class", "class_name", "events", "mentions", "articles", "outlets", "goldstein_sum",
                      "goldstein_mean", "net_cooperation", "net_goldstein",
                      *CLASS_NAMES["quad"].values(), *CLASS_NAMES["five"].values()})


# shorter column names for the terminal table
TABLE_NAMES = {"neutral": "neutral", "statements_appeals": "stmt", "verbal_cooperation": "vcoop",
               "material_cooperation": "mcoop", "verbal_conflict": "vconf", "material_conflict": "mconf",
               "net_cooperation": "net", "goldstein_mean": "gold", "class_name": "class", "mentions": "ment",
               "articles": "arts"}


def class_names(classes: str) -> dict[int, str]:
    """Class number -> column name for ``classes`` (quad, phoenix, icews)."""
    return CLASS_NAMES["quad" if classes == "quad" else "five"]


class Counts(list):
    """The rows (dicts) of :func:`counts` and how they were counted."""

    def __init__(self, rows, *, dedup: str, every: str, classes: str, by: list[str], wide: bool,
                 undirected: bool, undated: int = 0):
        super().__init__(rows)
        self.dedup, self.every, self.classes, self.by = dedup, every, classes, by
        self.wide, self.undirected, self.undated = wide, undirected, undated

    def header(self) -> str:
        """One line saying how the rows were counted (the CLI prints it on stderr)."""
        return (f"# counts: dedup={self.dedup} every={self.every} classes={self.classes} "
                f"by={','.join(self.by) or '-'}{' undirected' if self.undirected else ''}"
                f"{' wide' if self.wide else ''}; {len(self)} rows"
                + (f"; {self.undated} undated events left out" if self.undated else ""))

    def meta(self) -> dict:
        return {"dedup": self.dedup, "every": self.every, "classes": self.classes, "by": self.by,
                "undirected": self.undirected, "wide": self.wide, "undated": self.undated}


def _five_sql(mapping: dict[int, int]) -> str:
    cases = " ".join(f"WHEN {root} THEN {cls}" for root, cls in sorted(mapping.items()))
    return f"CASE TRY_CAST(left(e.cameo, 2) AS INTEGER) {cases} END"


def _class_sql(classes: str) -> str:
    return "e.quad_class" if classes == "quad" else _five_sql(FIVE[classes])


def _unit_sql(dedup: str) -> str:
    """What one counted event is, per row of ``events`` (a 64-bit hash of its key)."""
    if dedup == "mentions":
        return "hash(e.id)"
    if dedup == "merged":
        return "CASE WHEN e.group_id IS NULL THEN hash(e.id) ELSE hash(e.group_id) END"
    return f"hash(e.source_code, e.target_code, e.cameo, {EVENT_DATE})"


def check(by, every, dedup, classes) -> None:
    for b in by:
        if b not in GROUPS:
            raise ValueError(f"unknown group {b!r}; one of {', '.join(GROUPS)}")
    if every not in EVERY:
        raise ValueError(f"every must be one of {', '.join(EVERY)}")
    if dedup not in DEDUP:
        raise ValueError(f"dedup must be one of {', '.join(DEDUP)}")
    if classes not in CLASSES:
        raise ValueError(f"classes must be one of {', '.join(CLASSES)}")


def _day(name: str, value: str | None) -> str | None:
    import datetime as dt

    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date YYYY-MM-DD, got {value!r}") from None


def counts(store: Store, by=("dyad",), every: str | None = "month", dedup: str = DEFAULT_DEDUP,
           undirected: bool = False, wide: bool = False, classes: str = "quad", since: str | None = None,
           until: str | None = None, max_rows: int | None = None, **filters) -> Counts:
    """Event counts per group (``by``: names of :data:`GROUPS`, in order) and
    period (``every``: day, week from Monday, month, quarter, year, or
    None/"none" for one row per group), zero-filled, with duplicate control
    ``dedup`` (default ``daily``, the one-a-day filter ICEWS and Phoenix
    users compare against; see the module docstring) and classes ``classes``
    (``quad``; ``phoenix`` or ``icews`` five classes).  ``undirected``: a
    dyad is the sorted pair (A->B and B->A together, columns ``actor_a``,
    ``actor_b``).  ``filters``: those of :func:`diurna.query.event_where`.
    ``max_rows``: refuse (ValueError) a zero-filled result of more rows
    (the web API's bound), counted before the rows are made.
    Returns a :class:`Counts` (a list of dicts with ``.dedup`` etc.)."""
    by = list(by or [])
    every = every or "none"
    check(by, every, dedup, classes)
    since, until = _day("since", since), _day("until", until)
    if since and until and since > until:
        raise ValueError(f"since ({since}) is after until ({until})")
    where, params = event_where(since=since, until=until, **filters)
    scheme = "quad" if classes == "quad" else "five"
    names = CLASS_NAMES[scheme]
    cls_expr = _class_sql(classes)
    five_expr = _class_sql(classes if classes != "quad" else "phoenix")
    periodic = every != "none"
    period_expr = f"CAST(date_trunc('{every}', {EVENT_DATE}) AS DATE)" if periodic else "NULL"

    # the key columns of each side (the actor group is one column fed by both sides)
    keys: list[tuple[str, str, str]] = []  # (column, expr for the source-side row, expr for the target-side row)
    for b in by:
        for col, expr in GROUPS[b]:
            if b == "actor":
                keys.append((col, SOURCE_KEY, TARGET_KEY))
            elif b == "five":
                keys.append((col, five_expr, five_expr))
            elif b == "dyad" and undirected:
                s, t = SOURCE_KEY, TARGET_KEY
                first = f"CASE WHEN ({s}) IS NULL OR (({t}) IS NOT NULL AND ({t}) < ({s})) THEN ({t}) ELSE ({s}) END"
                second = f"CASE WHEN ({s}) IS NULL OR (({t}) IS NOT NULL AND ({t}) < ({s})) THEN ({s}) ELSE ({t}) END"
                col2 = "actor_a" if col == "source" else "actor_b"
                keys.append((col2, first if col == "source" else second, first if col == "source" else second))
            else:
                keys.append((col, expr, expr))
    cols = [k[0] for k in keys]
    if len(set(cols)) != len(cols):
        raise ValueError("a group is asked twice (dyad already has source and target)")
    join_s = " LEFT JOIN sentences s ON s.article_id = e.article_id AND s.idx = e.sentence" if filters.get("text") else ""
    where_sql = (" WHERE " + " AND ".join(where)) if where else ""
    common = (f"{period_expr} AS period, {cls_expr} AS cls, {_unit_sql(dedup)} AS unit, e.goldstein AS g, "
              f"e.article_id AS art, a.source AS outlet")
    frm = f" FROM events e JOIN articles a ON a.id = e.article_id{join_s}{where_sql}"

    def side(i: int) -> str:
        ks = "".join(f"{k[1 + i]} AS \"{k[0]}\", " for k in keys)
        return f"SELECT {ks}{common}{frm}"

    base = side(0)
    base_params = list(params)
    if "actor" in by:
        base = f"{base} UNION ALL {side(1)}"
        base_params += params
    qk = [f'"{c}"' for c in cols]
    key_sel = "".join(f"{c}, " for c in qk)
    cls_list = ", ".join(f"({c}, '{n}')" for c, n in names.items())
    cls_key = "" if wide else "cls, "
    sql = [f"WITH raw AS ({base}),",
           f"dated AS (SELECT * FROM raw{' WHERE period IS NOT NULL' if periodic else ''}),",
           # one row per counted event: its mentions and its Goldstein score (once)
           f"u AS (SELECT {key_sel}period, cls, unit, count(*) AS n, avg(g) AS g FROM dated GROUP BY ALL),",
           f"ua AS (SELECT {key_sel}period, {cls_key}count(DISTINCT art) AS articles, "
           f"count(DISTINCT outlet) AS outlets FROM dated GROUP BY ALL),"]
    measures = "count(*) AS events, CAST(sum(n) AS BIGINT) AS mentions, sum(g) AS goldstein_sum"
    if wide:
        per_class = "".join(f", count(*) FILTER (WHERE cls = {c}) AS \"{n}\"" for c, n in names.items())
        net = "count(*) FILTER (WHERE cls IN (1, 2)) - count(*) FILTER (WHERE cls IN (3, 4)) AS net_cooperation"
        sql.append(f"agg AS (SELECT {key_sel}period, {measures}{per_class}, {net} FROM u GROUP BY ALL),")
    else:
        sql.append(f"agg AS (SELECT {key_sel}period, cls, {measures} FROM u GROUP BY ALL),")
    sql.append(f"grp AS (SELECT DISTINCT {', '.join(qk) if qk else '1 AS _one'} FROM dated),")
    if periodic:
        lo = f"date_trunc('{every}', CAST(? AS DATE))" if since else "(SELECT min(period) FROM dated)"
        hi = f"date_trunc('{every}', CAST(? AS DATE))" if until else "(SELECT max(period) FROM dated)"
        sql.append(f"cal AS (SELECT CAST(generate_series AS DATE) AS period FROM generate_series("
                   f"CAST({lo} AS TIMESTAMP), CAST({hi} AS TIMESTAMP), {STEP[every]})),")
    else:
        sql.append("cal AS (SELECT CAST(NULL AS DATE) AS period),")
    cal_params = ([since] if periodic and since else []) + ([until] if periodic and until else [])
    frame_cls = "" if wide else f" CROSS JOIN (VALUES {cls_list}) AS c(cls, class_name)"
    sql.append(f"frame AS (SELECT * FROM grp CROSS JOIN cal{frame_cls})")

    def on(t: str) -> str:
        conds = [f"f.{c} IS NOT DISTINCT FROM {t}.{c}" for c in qk] + [f"f.period IS NOT DISTINCT FROM {t}.period"]
        return " AND ".join(conds + ([] if wide else [f"f.cls = {t}.cls"]))

    def z(c: str, t: str = "agg") -> str:
        return f"coalesce({t}.{c}, 0) AS {c}"

    out_keys = "".join(f"f.{c}, " for c in qk)
    period_col = "f.period, " if periodic else ""
    gmean = "CASE WHEN coalesce(agg.events, 0) > 0 THEN agg.goldstein_sum / agg.events END AS goldstein_mean"
    common_cols = f"{z('events')}, {z('mentions')}, {z('articles', 'ua')}, {z('outlets', 'ua')}"
    if wide:
        cls_cols = "".join(f", {z(chr(34) + n + chr(34))}" for n in names.values())
        select = (f"SELECT {out_keys}{period_col}{common_cols}{cls_cols}, {z('goldstein_sum')}, {gmean}, "
                  f"{z('net_cooperation')}, coalesce(agg.goldstein_sum, 0) AS net_goldstein")
        order = ", ".join([*(f"f.{c} NULLS LAST" for c in qk), "f.period"])
    else:
        window = f"OVER (PARTITION BY {', '.join([*(f'f.{c}' for c in qk), 'f.period'])})"
        net = (f"CAST(sum(CASE WHEN f.cls IN (1, 2) THEN coalesce(agg.events, 0) WHEN f.cls IN (3, 4) "
               f"THEN -coalesce(agg.events, 0) ELSE 0 END) {window} AS BIGINT) AS net_cooperation")
        netg = f"sum(coalesce(agg.goldstein_sum, 0)) {window} AS net_goldstein"
        select = (f"SELECT {out_keys}{period_col}f.cls AS class, f.class_name, {common_cols}, {z('goldstein_sum')}, "
                  f"{gmean}, {net}, {netg}")
        order = ", ".join([*(f"f.{c} NULLS LAST" for c in qk), "f.period", "f.cls"])
    sql.append(f"{select} FROM frame f LEFT JOIN agg ON {on('agg')} LEFT JOIN ua ON {on('ua')} ORDER BY {order}")
    text = "\n".join(sql)
    cur = store.con.cursor()  # its own result: the store's connection may hold an unfinished one
    try:
        if max_rows is not None:
            head = "\n".join(sql[:-1]).rstrip().removesuffix(",")  # the CTEs up to the calendar
            head = head[:head.rindex("frame AS")].rstrip().removesuffix(",")
            n_rows = cur.execute(f"{head} SELECT (SELECT count(*) FROM grp) * (SELECT count(*) FROM cal) * "
                                 f"{1 if wide else len(names)}", base_params + cal_params).fetchall()[0][0]
            if n_rows > max_rows:
                raise ValueError(f"{n_rows:,} rows (every group x period{'' if wide else ' x class'}) is more than "
                                 f"{max_rows:,}: filter (actor, since, until), choose a longer period or wide")
        rows = cur.sql(text, params=base_params + cal_params).to_arrow_table().to_pylist()
    finally:
        cur.close()
    for r in rows:
        r.pop("_one", None)
        for k in ("goldstein_sum", "goldstein_mean", "net_goldstein"):
            if r.get(k) is not None:
                r[k] = round(float(r[k]), 4)
    undated = 0
    if periodic:
        undated = store.con.execute(
            f"SELECT count(DISTINCT {_unit_sql(dedup)}){frm}{' AND ' if where else ' WHERE '}{EVENT_DATE} IS NULL",
            params).fetchall()[0][0]
    return Counts(rows, dedup=dedup, every=every, classes=classes, by=by, wide=wide, undirected=undirected,
                  undated=undated)
