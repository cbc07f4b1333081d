"""Benchmarks that write their figures into ``docs/benchmarks.md``.

Each benchmark owns one section of that file, between
``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``; running it replaces
its section and leaves the others alone.  Figures are never typed by hand.

``throughput``: the full pipeline (``diurna run`` into a fresh store) and,
in the same process on the same clean texts, spaCy alone (``nlp.pipe`` with
the same pipeline and batch size, nothing else).  The corpus is
``../shared/data/t17-syria-bbc`` when present, else ``examples/``.
"""

from __future__ import annotations

import datetime as _dt
import platform
import re
import resource
import tempfile
import time
from pathlib import Path

from .ingest import read
from .nlp import load, pipeline_name
from .pipeline import Settings, run
from .records import Article


def write_section(path: Path, name: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else (
        "# Benchmarks\n\nWritten by the benchmark commands (`make bench`, `diurna bench ...`); "
        "do not edit figures by hand.\n")
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def _peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024.0


def default_corpus(repo: Path) -> list[str]:
    t17 = repo.parent / "shared" / "data" / "t17-syria-bbc" / "InputDocs"
    if t17.is_dir():
        return [str(t17)]
    return [str(repo / "examples")]


def throughput(paths: list[str], workers: int = 1, batch_size: int = 32, limit: int | None = None) -> dict:
    texts = [a.text for a in read(paths) if isinstance(a, Article)]
    if limit:
        texts = texts[:limit]
    words = sum(len(t.split()) for t in texts)
    nlp = load()
    list(nlp.pipe(texts[:4]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    spacy_s = time.perf_counter() - t0
    n_tok = sum(len(d) for d in docs)
    # the stages after spaCy, alone, on the same parses: dating and coding
    from .events import get_coder
    from .nlp import flatten
    from .time.pubdate import date_article

    parsed = [flatten(d) for d in docs]
    del docs
    coder = get_coder("rules")
    arts = [Article(id=str(i), origin=str(i), text=t) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    for a, sents in zip(arts, parsed):
        date_article(a, sents)
    date_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_ev = sum(len(coder.code(a, sents)) for a, sents in zip(arts, parsed))
    code_s = time.perf_counter() - t0
    n_sent = sum(len(p) for p in parsed)
    del parsed
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.jsonl"
        import json

        with src.open("w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}) + "\n")
        t0 = time.perf_counter()
        summary = run([str(src)], Settings(db=str(Path(tmp) / "b.duckdb"), workers=workers, batch_size=batch_size))
        full_s = time.perf_counter() - t0
    return {
        "articles": len(texts), "words": words, "tokens": n_tok, "stored": summary.stored,
        "sentences": summary.sentences, "events": summary.events,
        "spacy_s": spacy_s, "full_s": full_s, "workers": workers, "date_s": date_s, "code_s": code_s,
        "n_sent_alone": n_sent, "n_ev_alone": n_ev,
        "peak_mb_main": _peak_mb(), "peak_mb_children": _peak_mb(resource.RUSAGE_CHILDREN),
    }


def throughput_markdown(r: dict, paths: list[str]) -> str:
    ratio = r["spacy_s"] / r["full_s"] if r["full_s"] else 0.0
    rows = [
        ("spaCy alone (`nlp.pipe`)", r["spacy_s"], None),
        (f"full pipeline, {r['workers']} worker(s)", r["full_s"], r["events"]),
    ]
    lines = [
        "## Throughput",
        "",
        f"Command: `diurna bench throughput --workers {r['workers']}`; corpus: {', '.join(Path(p).name for p in paths)} "
        f"({r['articles']} articles, {r['words']:,} words); pipeline `{pipeline_name()}`; "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"run {_dt.date.today().isoformat()}.",
        "",
        "| what | seconds | articles/s | words/s | events/s |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, secs, ev in rows:
        lines.append(f"| {name} | {secs:.2f} | {r['articles'] / secs:.1f} | {r['words'] / secs:,.0f} | "
                     f"{'' if ev is None else f'{ev / secs:.1f}'} |")
    lines += [
        "",
        f"Stages after spaCy alone, on the same parses (one process): publication-date inference "
        f"{r['n_sent_alone'] / r['date_s']:,.0f} sentences/s, event coding {r['n_sent_alone'] / r['code_s']:,.0f} "
        f"sentences/s ({r['n_ev_alone']:,} events); whole pipeline {r['sentences'] / r['full_s']:,.0f} sentences/s.",
        "",
        f"Full pipeline / spaCy-alone throughput: **{ratio:.2f}**. "
        f"Stored {r['stored']} articles, {r['sentences']:,} sentences, {r['events']:,} events. "
        f"Peak resident memory: {r['peak_mb_main']:.0f} MB main process, " +
        (f"{r['peak_mb_children']:.0f} MB largest worker." if r['peak_mb_children'] >= 1
         else "no worker processes (one worker runs in the main process)."),
    ]
    return "\n".join(lines)


def serve_load(db: str, clients: int = 200, seconds: float = 30.0, port: int = 8799) -> dict:
    """Start ``diurna serve`` on loopback and hit its main endpoints with
    ``clients`` concurrent clients for ``seconds``; latencies and failures."""
    import asyncio
    import subprocess
    import sys

    import httpx

    proc = subprocess.Popen([sys.executable, "-m", "diurna", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    paths = ["/api/events?limit=50", "/api/articles?limit=50", "/api/timeline?dates=10&sentences=2",
             "/api/events?merged=true&limit=20", "/api/stories", "/api/quotes?limit=20"]
    try:
        for _ in range(100):  # wait for the server
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        lat: list[float] = []
        failed = 0

        async def client(i: int, deadline: float):
            nonlocal failed
            async with httpx.AsyncClient(base_url=base, timeout=30) as c:
                k = i
                while time.perf_counter() < deadline:
                    t0 = time.perf_counter()
                    try:
                        r = await c.get(paths[k % len(paths)])
                        if r.status_code != 200:
                            failed += 1
                    except httpx.HTTPError:
                        failed += 1
                    lat.append(time.perf_counter() - t0)
                    k += 1

        async def main():
            deadline = time.perf_counter() + seconds
            await asyncio.gather(*(client(i, deadline) for i in range(clients)))

        t0 = time.perf_counter()
        asyncio.run(main())
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0.0  # noqa: E731
    return {"clients": clients, "seconds": wall, "requests": len(lat), "rps": len(lat) / wall if wall else 0.0,
            "p50_ms": q(0.50), "p99_ms": q(0.99), "failed": failed}


def serve_markdown(r: dict, db: str) -> str:
    return "\n".join([
        "## Web API under load", "",
        f"Command: `diurna bench serve`; store: the demo corpus ({Path(db).name}); {r['clients']} concurrent clients "
        f"for {r['seconds']:.0f} s on loopback against /api/events, /api/articles, /api/timeline, merged events, "
        f"stories and quotes, one uvicorn worker; {platform.machine()}, Python {platform.python_version()}; "
        f"run {_dt.date.today().isoformat()}.", "",
        "| requests | requests/s | p50 ms | p99 ms | failed |", "|---:|---:|---:|---:|---:|",
        f"| {r['requests']:,} | {r['rps']:.0f} | {r['p50_ms']:.0f} | {r['p99_ms']:.0f} | {r['failed']} |"])
