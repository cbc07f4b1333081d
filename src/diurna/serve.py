"""serve: a JSON API (and a first page) over the store, read-only.

``diurna serve --db FILE [--host 127.0.0.1] [--port 8000]`` starts a FastAPI
app on loopback by default.  Each request opens the store read-only, so a
``diurna run`` can keep adding articles while it serves.  The API is the
Python API of :mod:`diurna.query`, :mod:`diurna.stories` and
:mod:`diurna.timeline` behind HTTP, with an OpenAPI spec at ``/openapi.json``
and interactive docs at ``/docs``:

* ``GET /api/articles``, ``/api/articles/{id}`` (text, sentences, events, quotes)
* ``GET /api/events`` (filters: actor, cameo, quad, story, storyline, q,
  since, until; ``merged=true`` for events merged from their mentions)
* ``GET /api/quotes``, ``/api/stories``, ``/api/timeline``, ``/api/stats``
* exports: ``format=csv|parquet`` on list endpoints

Pagination: ``limit`` (at most :data:`MAX_PAGE`) and ``offset``.  Bad
parameters get a 4xx with a message, never a 500; nothing outside the store
can be read (no path parameters reach the file system).  The HTML page
escapes everything that comes from article text.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from pathlib import Path

MAX_PAGE = 500


def create_app(db: str | Path):
    from fastapi import FastAPI, HTTPException, Query
    from fastapi.responses import HTMLResponse, JSONResponse, Response

    from . import __version__, query, stories, timeline
    from .store import Store, StoreError

    db = str(db)
    app = FastAPI(title="diurna", version=__version__,
                  description="Dated, sourced events from news: who did what to whom.")

    def store() -> Store:
        try:
            return Store(db, read_only=True)
        except StoreError as exc:
            raise HTTPException(status_code=503, detail=str(exc)) from None

    def _date(name: str, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value).isoformat()
        except ValueError:
            raise HTTPException(status_code=422, detail=f"{name} must be a date YYYY-MM-DD, got {value!r}") from None

    def page(rows: list[dict], limit: int, offset: int, fmt: str):
        rows = rows[offset:offset + limit]
        if fmt == "csv":
            buf = io.StringIO()
            if rows:
                w = csv.DictWriter(buf, fieldnames=list(rows[0]))
                w.writeheader()
                for r in rows:
                    w.writerow({k: json.dumps(v, default=str) if isinstance(v, (list, dict)) else v for k, v in r.items()})
            return Response(buf.getvalue(), media_type="text/csv")
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            sink = io.BytesIO()
            clean = [{k: (json.dumps(v, default=str) if isinstance(v, (list, dict)) else v) for k, v in r.items()}
                     for r in rows]
            pq.write_table(pa.Table.from_pylist(clean), sink)
            return Response(sink.getvalue(), media_type="application/vnd.apache.parquet")
        return JSONResponse(json.loads(json.dumps({"offset": offset, "count": len(rows), "items": rows}, default=str)))

    Limit = Query(100, ge=1, le=MAX_PAGE)
    Offset = Query(0, ge=0, le=10_000_000)
    Fmt = Query("json", pattern="^(json|csv|parquet)$")

    @app.get("/api/stats")
    def stats():
        with store() as st:
            return json.loads(json.dumps(query.stats(st), default=str))

    @app.get("/api/articles")
    def articles(limit: int = Limit, offset: int = Offset, format: str = Fmt):
        with store() as st:
            rows = query.articles(st, with_text=False)
        return page(rows, limit, offset, format)

    @app.get("/api/articles/{article_id}")
    def article(article_id: str):
        if not article_id.isalnum() or len(article_id) > 64:
            raise HTTPException(status_code=422, detail="article id must be letters and digits")
        with store() as st:
            rows = [r for r in query.articles(st) if r["id"] == article_id]
            if not rows:
                raise HTTPException(status_code=404, detail=f"no article {article_id}")
            art = rows[0]
            art["sentences"] = st.query('SELECT idx, start, "end", text FROM sentences WHERE article_id = ? ORDER BY idx',
                                        [article_id])
            art["events"] = query.events(st, article=article_id)
            art["quotes"] = query.quotes(st, article=article_id)
        return JSONResponse(json.loads(json.dumps(art, default=str)))

    @app.get("/api/events")
    def events(actor: str | None = Query(None, max_length=20, pattern=r"^[A-Za-z]+$"),
               cameo: str | None = Query(None, max_length=4, pattern=r"^\d+$"),
               quad: int | None = Query(None, ge=1, le=4), story: int | None = Query(None, ge=1),
               storyline: int | None = Query(None, ge=1), q: str | None = Query(None, max_length=200),
               since: str | None = None, until: str | None = None, merged: bool = False,
               limit: int = Limit, offset: int = Offset, format: str = Fmt):
        with store() as st:
            if merged:
                rows = stories.merged_events(st)
            else:
                rows = query.events(st, actor=actor, cameo=cameo, quad=quad, story=story, storyline=storyline,
                                    text=q, since=_date("since", since), until=_date("until", until))
        return page(rows, limit, offset, format)

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
                     actor: str | None = Query(None, max_length=20, pattern=r"^[A-Za-z]+$"),
                     quad: int | None = Query(None, ge=1, le=4), storyline: int | None = Query(None, ge=1),
                     q: str | None = Query(None, max_length=200), since: str | None = None, until: str | None = None):
        with store() as st:
            tl = timeline.build(st, dates=dates, sentences=sentences, actor=actor, quad=quad, storyline=storyline,
                                text=q, since=_date("since", since), until=_date("until", until))
        return JSONResponse(json.loads(json.dumps(tl, default=str)))

    @app.get("/", response_class=HTMLResponse)
    def home():
        with store() as st:
            tl = timeline.build(st, dates=30, sentences=2)
            st_ = query.stats(st)
        return HTMLResponse(timeline.render_html(tl, st_))

    @app.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(article_id: str):
        data = json.loads(article(article_id).body)
        text = data.get("text") or ""
        marks = sorted({(e["sentence_start"], e["sentence_end"]) for e in data["events"] if e.get("sentence_start") is not None})
        out, pos = [], 0
        for a, b in marks:  # event sentences highlighted, everything escaped
            out.append(html.escape(text[pos:a]))
            out.append(f"<mark>{html.escape(text[a:b])}</mark>")
            pos = b
        out.append(html.escape(text[pos:]))
        rows = "".join(
            f"<tr><td>{html.escape(str(e['date']))}</td><td>{html.escape(str(e['source_code'] or ''))}</td>"
            f"<td>{html.escape(e['cameo'])}</td><td>{html.escape(str(e['target_code'] or ''))}</td>"
            f"<td>{html.escape(e['trigger_text'] or '')}</td></tr>" for e in data["events"])
        title = html.escape(data.get("title") or data["id"])
        return HTMLResponse(
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<h1>{title}</h1><p>{html.escape(str(data.get('published') or 'undated'))} · "
            f"{html.escape(data.get('source') or '')}</p><div class='text' style='white-space:pre-wrap'>{''.join(out)}</div>"
            f"<h2>Events</h2><table><tr><th>date</th><th>source</th><th>CAMEO</th><th>target</th><th>trigger</th></tr>"
            f"{rows}</table></body></html>")

    return app


def serve(db: str, host: str = "127.0.0.1", port: int = 8000) -> None:
    import uvicorn

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")
