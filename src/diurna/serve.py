"""serve: a JSON API and a small web app over the store, read-only.

``diurna serve --db FILE [--host 127.0.0.1] [--port 8000]`` starts a FastAPI
app on loopback by default.  Each request opens the store read-only, so a
``diurna run`` can keep adding articles while it serves.  The API is the
Python API of :mod:`diurna.query`, :mod:`diurna.stories` and
:mod:`diurna.timeline` behind HTTP, with an OpenAPI spec at ``/openapi.json``.  FastAPI's interactive
``/docs`` and ``/redoc`` pages are switched off: they load their scripts from
a CDN, and nothing the app serves may load from the internet.

* ``GET /api/articles``, ``/api/articles/{id}`` (text, sentences, events, quotes)
* ``GET /api/events`` (filters: actor, cameo, quad, plover, source, target,
  story, storyline, q, since, until; ``merged=true`` for events merged from
  their mentions); ``total`` = how many match
* ``GET /api/facets``, ``/api/network``, ``/api/counts`` (same filters):
  counts by facet, who acts on whom, events per day/week/month/year by quad class
* ``GET /api/quotes``, ``/api/stories``, ``/api/timeline``, ``/api/stats``
* exports: ``format=csv|parquet`` on list endpoints

Pages (plain JS/CSS/SVG in ``static/``, shell in ``templates/page.html``):
``/`` timeline (zoom day/month/year, click a period for its events and
sentences), ``/events`` (table with facets), ``/network`` (actor network),
``/chart`` (events per week by quad class), ``/articles/{id}`` (rendered
here: event sentences highlighted, events, quotes, removed lines),
``/report`` (the static timeline report).  The scripts put text from
articles into the page with ``textContent`` only; the server-rendered pages
escape it with :func:`html.escape`.

Every response (pages, API, static files, errors) carries a strict
Content-Security-Policy (:data:`CSP`: scripts, styles and everything else
from this server only, no inline script or style, no plugins, no framing),
``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``
(:class:`SecurityHeaders`); ``/report``, a self-contained page with its own
``<style>``, allows that style and its colour swatches by hash and no script.

Pagination: ``limit`` (at most :data:`MAX_PAGE`) and ``offset``.  Bad
parameters get a 4xx with a message, never a 500; nothing outside the store
can be read (no path parameter reaches the file system but the static
folder's, which Starlette confines to it).
"""

from __future__ import annotations

import asyncio
import base64
import collections
import contextlib
import datetime as dt
import functools
import hashlib
import html
import io
import os
import re
import string
import threading
from pathlib import Path

from .store import dumps

MAX_PAGE = 500
HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"
PAGES = {"/": ("Timeline", "timeline"), "/events": ("Events", "events"), "/network": ("Actor network", "network"),
         "/chart": ("Events per week", "chart"), "/map": ("Map of events", "map")}
ARTICLE_SQL = ("SELECT id, title, source, url, published, published_source, text, removed, origin, story_id, "
               "duplicate_of FROM articles WHERE id = ?")


# What a page may load and run: this server's scripts, styles, images (and
# data: images: the page icon), nothing inline (an injected <script>, onclick=
# or style= does not run), no plugins, no <base>, not inside another site's
# frame, forms sent here only.
CSP_DIRECTIVES = {
    "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self' data:",
    "object-src": "'none'", "base-uri": "'none'", "frame-ancestors": "'none'", "form-action": "'self'",
}


def csp(**directives: str) -> str:
    """The policy of :data:`CSP_DIRECTIVES`, some directives replaced (``style_src="..."``)."""
    merged = {**CSP_DIRECTIVES, **{k.replace("_", "-"): v for k, v in directives.items()}}
    return "; ".join(f"{k} {v}" for k, v in merged.items())


CSP = csp()
# no-referrer: page URLs carry the filters of a search (/events?q=...), which
# an article's "original" link would otherwise hand to the publisher's site;
# nothing here reads the Referer header
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"}


class SecurityHeaders:
    """ASGI middleware: :data:`SECURITY_HEADERS` on every HTTP response that
    does not set the header itself (``/report`` sets its own policy)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        from starlette.datastructures import MutableHeaders

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


_STYLE_ELEMENT = re.compile(r"<style>(.*?)</style>", re.S)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def report_csp(page: str) -> str:
    """The policy of the self-contained report (:func:`diurna.timeline.render_html`):
    no script at all; styles from here and its own ``<style>`` elements
    (those of the head: article text is in the body, escaped), by hash; no
    ``style`` attribute is allowed (the report uses none)."""
    head = page.split("<body", 1)[0]
    hashes = sorted({_sha256(x) for x in _STYLE_ELEMENT.findall(head)})
    return csp(script_src="'none'", style_src=" ".join(["'self'", *hashes]))


@functools.lru_cache(maxsize=1)
def _shell() -> string.Template:
    return string.Template((TEMPLATES / "page.html").read_text(encoding="utf-8"))


def page_html(title: str, body: str = "", script: str | None = None) -> str:
    """The page shell (``templates/page.html``, read once): nav, ``body``
    (already escaped HTML) and the page's script from ``static/``."""
    shell = _shell()
    scripts = f'<script src="/static/{script}.js" defer></script>' if script else ""
    return shell.substitute(title=html.escape(title), body=body, scripts=scripts)


def article_html(art: dict) -> str:
    """The article page body: text with event sentences highlighted (class
    by quad class) and triggers in bold, the events, quotes and the lines the
    cleaner removed.  Every string from the article is escaped."""
    from .timeline import QUAD_NAMES, safe_url

    e_ = html.escape
    text = art.get("text") or ""
    events = art["events"]
    sentences = {}
    for e in events:
        if e.get("sentence_start") is not None:
            s = sentences.setdefault(e["sentence"], {"start": e["sentence_start"], "end": e["sentence_end"],
                                                     "quads": [], "triggers": []})
            s["quads"].append(e["quad_class"])
            if e.get("trigger_start") is not None and s["start"] <= e["trigger_start"] < e["trigger_end"] <= s["end"]:
                s["triggers"].append((e["trigger_start"], e["trigger_end"]))
    out, pos = [], 0
    for idx, s in sorted(sentences.items(), key=lambda kv: kv[1]["start"]):
        if s["start"] < pos:
            continue
        out.append(e_(text[pos:s["start"]]))
        quad = max(s["quads"], key=lambda q: (s["quads"].count(q), q or 0))
        inner, p = [], s["start"]
        for a, b in sorted(set(s["triggers"])):
            if a < p:
                continue
            inner.append(e_(text[p:a]))
            inner.append(f'<b class="trigger">{e_(text[a:b])}</b>')
            p = b
        inner.append(e_(text[p:s["end"]]))
        out.append(f'<mark class="q{quad}" id="s{idx}">{"".join(inner)}</mark>')
        pos = s["end"]
    out.append(e_(text[pos:]))

    def actors(lst, code):
        words = ", ".join(a.get("text") or "" for a in lst or [])
        return f"<code>{e_(code or '')}</code> {e_(words)}" if code or words else ""

    rows = "".join(
        f'<tr><td>{e_(str(e["date"] or ""))} <small>{e_(e.get("date_source") or "")}</small></td>'
        f'<td>{actors(e["source"], e["source_code"])}</td>'
        f'<td><span class="swatch q{e["quad_class"]}"></span>{e_(e["cameo"])} '
        f'<small>{e_(QUAD_NAMES.get(e["quad_class"], ""))}</small></td>'
        f'<td>{actors(e["target"], e["target_code"])}</td><td>{e_(e.get("plover") or "")}</td>'
        f'<td><a href="#s{e["sentence"]}">{e_(e["trigger_text"] or "")}</a></td>'
        f'<td>{e_(e.get("modality") or "")}</td></tr>' for e in events)
    quotes = "".join(
        f'<li><b>{e_(q["speaker"] or "")}</b> <code>{e_(q["speaker_code"] or "")}</code> '
        f'{e_(q["cue"] or "")}: <span class="quote">{e_(q["content"] or "")}</span></li>' for q in art["quotes"])
    removed = "".join(
        f'<li><small>{e_(r.partition(chr(9))[0])}</small> <span class="removed-line">'
        f'{e_(r.partition(chr(9))[2] or r)}</span></li>' for r in art.get("removed") or [])
    url = safe_url(art.get("url"))
    meta = [e_(str(art.get("published") or "undated"))
            + (f' <small>({e_(art["published_source"])})</small>' if art.get("published_source") else ""),
            e_(art.get("source") or ""), f'<a href="{e_(url)}" rel="noreferrer">original</a>' if url else "",
            f'<a href="/events?article={e_(art["id"])}">events in the table</a>',
            f'<a href="/events?story={int(art["story_id"])}">story {int(art["story_id"])}</a>' if art.get("story_id") else "",
            f'copy of <a href="/articles/{e_(art["duplicate_of"])}">{e_(art["duplicate_of"])}</a>'
            if art.get("duplicate_of") else ""]
    return (
        f'<article class="article"><h1>{e_(art.get("title") or art["id"])}</h1>'
        f'<p class="meta">{" · ".join(m for m in meta if m)}</p>'
        f'<p class="legend">Sentences with events are highlighted by quad class; triggers in bold.</p>'
        f'<div class="text" id="article-text">{"".join(out)}</div></article>'
        f'<h2>Events ({len(events)})</h2>'
        f'<table class="grid" id="article-events"><thead><tr><th>date</th><th>source</th><th>CAMEO</th>'
        f'<th>target</th><th>PLOVER</th><th>trigger</th><th>modality</th></tr></thead><tbody>{rows}</tbody></table>'
        + (f'<h2>Quotes ({len(art["quotes"])})</h2><ul class="quotes">{quotes}</ul>' if quotes else "")
        + (f'<details id="removed"><summary>Lines removed as boilerplate ({len(art["removed"])})</summary>'
           f'<ul>{removed}</ul></details>' if removed else ""))


class SharedReader:
    """Read-only stores for the requests.  While any request is in flight the
    file stays open, so DuckDB hands each new request a connection to the
    database it already has (about 0.1 ms instead of 25 ms to open the file);
    when the last request ends the file is closed, so a writer (``diurna
    run``) can take its lock between requests, as when every request opened
    the file itself."""

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        self._in_flight = 0
        self._anchor = None

    @contextlib.contextmanager
    def open(self):
        from .store import Store, StoreError

        with self._lock:
            if self._in_flight == 0:
                import duckdb

                if not Path(self.path).exists():
                    raise StoreError(f"no store at {self.path}: run `diurna run PATH --db {self.path}` first")
                try:
                    self._anchor = duckdb.connect(self.path, read_only=True)
                except duckdb.Error as exc:
                    raise StoreError(f"cannot open store {self.path}: {exc}") from exc
            self._in_flight += 1
        try:
            with Store(self.path, read_only=True) as st:
                yield st
        finally:
            with self._lock:
                self._in_flight -= 1
                if self._in_flight == 0:
                    self._anchor.close()
                    self._anchor = None


class ResponseCache:
    """Finished GET responses of the API, keyed by URL and the state of the
    store files (size and modification time of the DuckDB file and its WAL):
    once a writer changes the store, no older response is served again, but
    while a writer holds the store's lock (a ``diurna run``: DuckDB lets no
    reader in) the newest response kept for the URL is, marked ``stale``.
    At most ``size`` responses and ``budget`` bytes, least recently used out
    first; a response larger than ``max_bytes`` is not kept; ``size=0``
    turns it off."""

    def __init__(self, db: str, size: int = 512, max_bytes: int = 4_000_000, budget: int = 64_000_000):
        self.files = [Path(db), Path(db + ".wal")]
        self.size, self.max_bytes, self.budget = size, max_bytes, budget
        self._items: collections.OrderedDict = collections.OrderedDict()
        self._latest: dict = {}  # URL -> key of its newest kept response
        self._bytes = 0
        self._lock = threading.Lock()

    def state(self) -> tuple:
        out = []
        for f in self.files:
            try:
                st = f.stat()
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)

    def get(self, key):
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
            return hit

    def latest(self, url):
        """The newest kept response for ``url`` = (path, query), whatever the
        store's state was then (for when the store cannot be read now)."""
        with self._lock:
            return self._items.get(self._latest.get(url))

    def put(self, key, value) -> None:
        if not self.size or len(value[0]) > self.max_bytes:
            return
        with self._lock:
            old = self._items.pop(key, None)
            self._bytes += len(value[0]) - (len(old[0]) if old else 0)
            self._items[key] = value
            self._latest[key[:-1]] = key
            while len(self._items) > self.size or self._bytes > self.budget:
                gone, (body, _) = self._items.popitem(last=False)
                self._bytes -= len(body)
                if self._latest.get(gone[:-1]) == gone:
                    del self._latest[gone[:-1]]


def create_app(db: str | Path, cache_size: int | None = None):
    """The app over the store ``db``; ``cache_size`` responses kept (default
    $DIURNA_SERVE_CACHE or 512; 0: none)."""
    from fastapi import Depends, FastAPI, HTTPException, Query
    from fastapi.responses import HTMLResponse, JSONResponse, Response
    from fastapi.staticfiles import StaticFiles

    from . import __version__, query, stories, timeline
    from .store import StoreError

    db = str(db)
    app = FastAPI(title="diurna", version=__version__, docs_url=None, redoc_url=None,
                  description="Dated, sourced events from news: who did what to whom.")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    reader = SharedReader(db)
    if cache_size is None:
        cache_size = int(os.environ.get("DIURNA_SERVE_CACHE", "512"))
    cache = ResponseCache(db, size=cache_size)

    in_flight: dict = {}  # key -> future of the response being computed (one computation per key at a time)

    async def cached(request, call_next):
        """API GETs answered from :class:`ResponseCache` while the store is
        unchanged; a request arriving while the same one is being computed
        waits for that answer instead of computing it again."""
        if request.method != "GET" or not request.url.path.startswith("/api/"):
            return await call_next(request)
        key = (request.url.path, request.url.query, cache.state())
        hit = cache.get(key)
        if hit is None and key in in_flight:
            hit = await asyncio.shield(in_flight[key])
        if hit is not None:
            return Response(hit[0], media_type=hit[1], headers={"X-Diurna-Cache": "hit"})
        done = in_flight[key] = asyncio.get_running_loop().create_future()
        value = None
        try:
            response = await call_next(request)
            if response.status_code == 503:  # the store is locked by a writer (a run): the last answer, marked
                stale = cache.latest(key[:-1])
                if stale is not None:
                    return Response(stale[0], media_type=stale[1], headers={"X-Diurna-Cache": "stale"})
            if response.status_code != 200:
                return response
            body = b"".join([chunk async for chunk in response.body_iterator])
            value = (body, response.headers.get("content-type", "application/json"))
            cache.put(key, value)
            return Response(body, media_type=value[1], headers={"X-Diurna-Cache": "miss"})
        finally:
            del in_flight[key]
            done.set_result(value)  # None: the waiters compute it themselves

    if cache.size:  # no cache middleware at all without the cache
        app.middleware("http")(cached)
    app.add_middleware(SecurityHeaders)

    async def server_error(request, exc):
        """A 500 (an exception no route handled) comes from outside every
        middleware: it brings the security headers itself."""
        return JSONResponse({"detail": "internal server error"}, status_code=500, headers=SECURITY_HEADERS)

    app.add_exception_handler(Exception, server_error)

    @contextlib.contextmanager
    def store():
        try:
            with reader.open() as st:
                yield st
        except StoreError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    def json_response(value) -> Response:
        return Response(dumps(value), media_type="application/json")

    def _date(name: str, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise HTTPException(status_code=422, detail=f"{name} must be a date YYYY-MM-DD, got {value!r}") from None

    def export(rows: list[dict], fmt: str, offset: int, total: int | None = None):
        if fmt in ("csv", "parquet"):
            from .export import write_rows

            sink = io.BytesIO()
            write_rows(rows, fmt, sink)
            return Response(sink.getvalue(), media_type="text/csv" if fmt == "csv" else "application/vnd.apache.parquet")
        body = {"offset": offset, "count": len(rows), "items": rows}
        if total is not None:
            body["total"] = total
        return json_response(body)

    def page(rows: list[dict], limit: int, offset: int, fmt: str):
        return export(rows[offset:offset + limit], fmt, offset, total=len(rows))

    Limit = Query(100, ge=1, le=MAX_PAGE)
    Offset = Query(0, ge=0, le=10_000_000)
    Fmt = Query("json", pattern="^(json|csv|parquet)$", description="json, csv or parquet")
    Actor = Query(None, max_length=20, pattern=r"^[A-Za-z]+$", description="code prefix or country (FRA, RUSGOV)")
    Key = r"^[A-Za-z]{2,12}$"
    Quad = Query(None, ge=0, le=4, description="quad class: 0 neutral, 1 verbal / 2 material cooperation, "
                                               "3 verbal / 4 material conflict")
    Text = Query(None, max_length=200, description="words in the sentence")

    def event_filters(actor: str | None = Actor,
                      cameo: str | None = Query(None, max_length=4, pattern=r"^\d+$", description="CAMEO prefix"),
                      quad: int | None = Quad,
                      plover: str | None = Query(None, pattern=r"^[A-Za-z_]{2,30}$", description="PLOVER type"),
                      source: str | None = Query(None, pattern=Key, description="who acts: country or actor code"),
                      target: str | None = Query(None, pattern=Key, description="acted on: country or actor code"),
                      article: str | None = Query(None, pattern=r"^[A-Za-z0-9]{1,64}$"),
                      story: int | None = Query(None, ge=1), storyline: int | None = Query(None, ge=1),
                      q: str | None = Text, since: str | None = Query(None, description="YYYY-MM-DD"),
                      until: str | None = Query(None, description="YYYY-MM-DD"),
                      place: str | None = Query(None, max_length=100, description="where the event happened")) -> dict:
        since, until = _date("since", since), _date("until", until)
        if since and until and since > until:
            raise HTTPException(status_code=422, detail=f"since ({since}) is after until ({until})")
        return {"actor": actor, "cameo": cameo, "quad": quad, "plover": plover, "source": source, "target": target,
                "article": article, "story": story, "storyline": storyline, "text": q, "since": since,
                "until": until, "place": place}

    Filters = Depends(event_filters)

    @app.get("/api/stats")
    def stats():
        with store() as st:
            return json_response(query.stats(st))

    @app.get("/api/articles")
    def articles(limit: int = Limit, offset: int = Offset, format: str = Fmt):
        with store() as st:
            rows = query.articles(st, with_text=False, limit=limit, offset=offset)
            total = st.con.execute("SELECT count(*) FROM articles").fetchone()[0]
        return export(rows, format, offset, total)

    @app.get("/api/articles/{article_id}")
    def article(article_id: str):
        """One article: text, sentences, events, quotes, the lines removed from it."""
        _check_id(article_id)
        return json_response(_article(article_id))

    def _check_id(article_id: str) -> None:
        if not article_id.isascii() or not article_id.isalnum() or len(article_id) > 64:
            raise HTTPException(status_code=422, detail="article id must be letters and digits")

    def _article(article_id: str) -> dict:
        with store() as st:
            rows = st.query(ARTICLE_SQL, [article_id])
            if not rows:
                raise HTTPException(status_code=404, detail=f"no article {article_id}")
            art = rows[0]
            art["sentences"] = st.query('SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx',
                                        [article_id])
            art["events"] = query.events(st, article=article_id)
            art["quotes"] = query.quotes(st, article=article_id)
        return art

    @app.get("/api/events")
    def events(filters: dict = Filters, merged: bool = False,
               limit: int = Limit, offset: int = Offset, format: str = Fmt):
        """Events with their sentence and article; ``total`` = how many match."""
        with store() as st:
            if merged:
                return page(stories.merged_events(st), limit, offset, format)
            total, rows = query.events_page(st, limit=limit, offset=offset, **filters)
        return export(rows, format, offset, total)

    @app.get("/api/facets")
    def facets(filters: dict = Filters, top: int = Query(25, ge=1, le=200)):
        """Counts of the matching events by quad class, CAMEO root, source, target and PLOVER type."""
        with store() as st:
            return json_response(query.event_facets(st, top=top, **filters))

    @app.get("/api/network")
    def network(filters: dict = Filters, top: int = Query(40, ge=2, le=200, description="actors kept")):
        """Who acts on whom: nodes (actors: countries or codes) and edges per quad class with counts."""
        with store() as st:
            return json_response(query.actor_network(st, top=top, **filters))

    @app.get("/api/counts")
    def counts(filters: dict = Filters,
               unit: str | None = Query(None, pattern="^(day|week|month|year)$",
                                        description="the chart's series: events per day, week, month or year by "
                                                    "quad class ({unit, periods, undated}); without it, the counts "
                                                    "of `diurna counts` below"),
               by: list[str] = Query(["dyad"], description="group by (repeat): source, target, dyad, actor, "
                                                           "country, sector, cameo, quad, five, plover, place, story"),
               every: str = Query("month", pattern="^(day|week|month|quarter|year|none)$"),
               dedup: str = Query("daily", pattern="^(daily|merged|mentions)$",
                                  description="daily (one per source, target, CAMEO code and day), merged, mentions"),
               classes: str = Query("quad", pattern="^(quad|phoenix|icews)$"),
               undirected: bool = False, wide: bool = False, format: str = Fmt):
        """Event counts per group and period, zero-filled, with duplicate control (docs/counts.md):
        ``{dedup, every, classes, by, items}``; ``format=csv|parquet`` for the rows alone.  With ``unit``:
        the chart's weekly (daily, monthly, yearly) series by quad class."""
        from . import aggregate

        if unit is not None:
            with store() as st:
                return json_response(query.event_counts(st, unit=unit, **filters))
        bad = [b for b in by if b not in aggregate.GROUPS]
        if bad or len(by) > 4:
            raise HTTPException(status_code=422, detail=f"by must be at most 4 of {', '.join(aggregate.GROUPS)}; "
                                                        f"got {', '.join(by)}")
        with store() as st:
            try:
                rows = aggregate.counts(st, by=by, every=every, dedup=dedup, undirected=undirected, wide=wide,
                                        classes=classes, max_rows=200_000, **filters)
            except ValueError as exc:
                raise HTTPException(status_code=422, detail=str(exc)) from None
        if format in ("csv", "parquet"):
            return export(list(rows), format, 0)
        return json_response({**rows.meta(), "count": len(rows), "items": list(rows)})

    @app.get("/api/places")
    def places(filters: dict = Filters):
        """Where the matching events happened: places with coordinates, counts by quad class."""
        with store() as st:
            return json_response(query.event_places(st, **filters))

    @app.get("/api/quotes")
    def quotes(speaker: str | None = Query(None, max_length=100), q: str | None = Query(None, max_length=200),
               limit: int = Limit, offset: int = Offset, format: str = Fmt):
        with store() as st:
            rows = query.quotes(st, speaker=speaker, text=q)
        return page(rows, limit, offset, format)

    @app.get("/api/stories")
    def story_list(limit: int = Limit, offset: int = Offset, format: str = Fmt):
        with store() as st:
            rows = stories.list_stories(st)
        return page(rows, limit, offset, format)

    @app.get("/api/timeline")
    def timeline_api(dates: int | None = Query(None, ge=1, le=1000), sentences: int = Query(3, ge=1, le=20),
                     actor: str | None = Actor, quad: int | None = Query(None, ge=1, le=4),
                     storyline: int | None = Query(None, ge=1), q: str | None = Text,
                     since: str | None = None, until: str | None = None):
        with store() as st:
            tl = timeline.build(st, dates=dates, sentences=sentences, actor=actor, quad=quad, storyline=storyline,
                                text=q, since=_date("since", since), until=_date("until", until))
        return json_response(tl)

    def _page(path: str, title: str, script: str):
        @app.get(path, response_class=HTMLResponse, include_in_schema=False, name=f"page_{script}")
        def show():
            return HTMLResponse(page_html(title, f'<div id="app" data-page="{script}"></div>', script))

    for path, (title, script) in PAGES.items():
        _page(path, title, script)

    @app.get("/report", response_class=HTMLResponse, include_in_schema=False)
    def report():
        with store() as st:
            tl = timeline.build(st, dates=30, sentences=2)
            st_ = query.stats(st)
            where = query.event_places(st)["places"]
        body = timeline.render_html(tl, st_, places=where)
        return HTMLResponse(body, headers={"Content-Security-Policy": report_csp(body)})

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(article_id: str):
        _check_id(article_id)
        art = _article(article_id)
        return HTMLResponse(page_html(art.get("title") or art["id"], article_html(art)))

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
