"""Benchmarks of speed and memory (``diurna bench ...``), each writing its
section of ``docs/benchmarks.md`` (:mod:`.sections`).

``throughput``: spaCy alone (``nlp.pipe`` with the same pipeline and batch
size, nothing else), the stages after it alone on the same parses, and the
full pipeline (``diurna run`` into a fresh store, in a fresh process per
worker count so that peak memory is its own) on the same clean texts.  The
corpus is ``t17-syria-bbc`` under the data root (:mod:`.data`) when present,
else a generated corpus of 600-word articles (``--generate N`` chooses its
size).  ``profile``: cProfile of one full run, the functions that take the
time.  ``stories``: the stories update after a run on synthetic stores of
growing size.  ``serve``: ``diurna serve`` under concurrent clients.
"""

from __future__ import annotations

import datetime as _dt
import os
import platform
import re
import tempfile
import time
from pathlib import Path

from ..ingest import read
from ..nlp import load, pipeline_name
from ..pipeline import Settings, peak_mb, run
from ..records import Article
from .data import optional_data, repo_file


def default_corpus() -> list[str]:
    """The t17 articles of the data root, or none (then a generated corpus: see :func:`generated_corpus`)."""
    t17 = optional_data("t17-syria-bbc/InputDocs")
    return [str(t17)] if t17 is not None and t17.is_dir() else []


def generated_corpus(n: int, words: int = 600, seed: int = 7) -> list[str]:
    """``n`` articles of about ``words`` words, each a random draw of the
    sentences of the bundled sample corpus (``examples/``, written for diurna)
    with its numbers varied: news-shaped text of a chosen size when the
    shared data is absent.  Draws differ enough not to be near copies."""
    import random

    pool: list[str] = []
    for a in read([str(repo_file("examples"))]):
        if isinstance(a, Article):
            pool += [s.strip() for s in re.split(r"(?<=[.!?])\s+", a.text) if len(s.split()) >= 6]
    pool = sorted(set(pool))
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras, count = [], 0
        while count < words:
            s = re.sub(r"\d+", lambda m: str(rng.randint(2, 60)), rng.choice(pool))
            paras.append(s)
            count += len(s.split())
        out.append(f"Report {i + 1}\n\n" + "\n\n".join(" ".join(paras[k:k + 3]) for k in range(0, len(paras), 3)))
    return out


def corpus_texts(paths: list[str], limit: int | None = None, generate: int | None = None) -> list[str]:
    """The clean texts of ``paths``, or a generated corpus (``generate``
    articles; 300 when there are no paths), the first ``limit`` of them."""
    if generate or not paths:
        texts = generated_corpus(generate or 300)
    else:
        texts = [a.text for a in read(paths) if isinstance(a, Article)]
    return texts[:limit] if limit else texts


def write_jsonl(texts: list[str], path: Path) -> Path:
    """Texts as ``diurna run`` JSONL input (ids are their positions)."""
    import json

    with path.open("w", encoding="utf-8") as f:
        for i, t in enumerate(texts):
            f.write(json.dumps({"id": str(i), "text": t}) + "\n")
    return path


CANDIDATE_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "us"})


def actor_candidates(docs) -> dict:
    """How much text could not hold an event because its sentence has no
    actor candidate (no named entity of an actor kind, no gazetteer or sector
    phrase, no personal pronoun): the most a skip-the-parse pass could save."""
    from ..actors import default_gazetteer

    gaz = default_gazetteer()
    n_sent = n_tok = skip_sent = skip_tok = 0
    for doc in docs:
        for sent in doc.sents:
            words = [t.text for t in sent if not t.is_space]
            if not words:
                continue
            n_sent += 1
            n_tok += len(words)
            if any(e.label_ in CANDIDATE_LABELS for e in sent.ents) or gaz.mentions(words) or \
                    any(w.lower() in PRONOUNS for w in words):
                continue
            skip_sent += 1
            skip_tok += len(words)
    return {"sentences": n_sent, "tokens": n_tok, "no_actor_sentences": skip_sent, "no_actor_tokens": skip_tok}


def _full_run(src: str, db: str, workers: int, batch_size: int) -> dict:
    """One ``diurna run`` in this (fresh) process: seconds, counts, peak memory."""
    from ..pipeline import tune_malloc

    tune_malloc()  # as ``diurna run`` does
    load_s = 0.0
    if workers <= 1:
        # as for spaCy alone: the model is loaded and warmed up before the clock starts
        # (how long that took is kept: workers load theirs on the clock)
        t0 = time.perf_counter()
        list(load().pipe(["Warm-up sentence for the parser."]))
        load_s = time.perf_counter() - t0
    gc_s = _gc_timer()
    t0 = time.perf_counter()
    s = run([src], Settings(db=db, workers=workers, batch_size=batch_size))
    return {"full_s": time.perf_counter() - t0, "stored": s.stored, "sentences": s.sentences, "events": s.events,
            "peak_mb_main": peak_mb(), "peak_mb_worker": s.peak_worker_mb, "gc_main_s": gc_s[0], "gc_main_n": gc_s[1], "load_s": load_s}


def _gc_timer() -> list:
    """[seconds, collections] of this process's cyclic garbage collections from now on (updated in place)."""
    import gc

    acc, start = [0.0, 0], [0.0]

    def cb(phase, info):
        if phase == "start":
            start[0] = time.perf_counter()
        else:
            acc[0] += time.perf_counter() - start[0]
            acc[1] += 1

    gc.callbacks.append(cb)
    return acc


def throughput(paths: list[str], workers=(1,), batch_size: int = 32, limit: int | None = None,
               generate: int | None = None, repeat: int = 1) -> dict:
    """spaCy alone, the stages after it alone, and the full pipeline with each
    number of ``workers`` (each in a fresh process, so its memory is its own),
    on the same texts."""
    import json
    import subprocess
    import sys

    texts = corpus_texts(paths, limit, generate)
    words = sum(len(t.split()) for t in texts)
    nlp = load()
    list(nlp.pipe(texts[:4]))  # warm up
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    spacy_s = time.perf_counter() - t0
    cands = actor_candidates(docs)
    # the stages after spaCy, alone, on the same parses: dating, coding, quotes
    from ..events import get_coder
    from ..nlp import flatten
    from ..quotes import find_quotes
    from ..time.pubdate import date_article

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
    t0 = time.perf_counter()
    for a, sents in zip(arts, parsed):
        find_quotes(a.text, sents, a.published)
    quote_s = time.perf_counter() - t0
    n_sent = sum(len(p) for p in parsed)
    del parsed
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(texts, Path(tmp) / "in.jsonl")
        # ``repeat`` rounds, each timing spaCy alone again and every worker count, interleaved so that
        # a busy spell of the machine hits all of them; the fastest of each is kept (peak memory: the largest)
        best: dict[int, dict] = {}
        for rnd in range(repeat):
            if rnd:
                t0 = time.perf_counter()
                for _ in nlp.pipe(texts, batch_size=batch_size):
                    pass
                spacy_s = min(spacy_s, time.perf_counter() - t0)
            for w in workers:
                db = Path(tmp) / f"w{w}-{rnd}.duckdb"
                out = subprocess.run([sys.executable, "-m", "diurna.evaluation.bench", str(src), str(db), str(w), str(batch_size)],
                                     capture_output=True, text=True, check=True)
                x = {"workers": w, **json.loads(out.stdout.strip().splitlines()[-1])}
                if w in best:
                    x["peak_mb_main"] = max(x["peak_mb_main"], best[w]["peak_mb_main"])
                    x["peak_mb_worker"] = max(x["peak_mb_worker"], best[w]["peak_mb_worker"])
                    if best[w]["full_s"] < x["full_s"]:
                        x.update({k: best[w][k] for k in ("full_s", "gc_main_s", "gc_main_n", "load_s")})
                best[w] = x
        runs = [best[w] for w in workers]
    return {
        "articles": len(texts), "words": words, "generated": bool(generate or not paths),
        "spacy_s": spacy_s, "repeat": repeat, "date_s": date_s, "code_s": code_s, "quote_s": quote_s,
        "n_sent_alone": n_sent, "n_ev_alone": n_ev, "candidates": cands, "runs": runs,
    }


def throughput_markdown(r: dict, paths: list[str], command: str) -> str:
    corpus = (f"generated ({r['articles']} articles of ~600 words from the sample corpus's sentences)" if r["generated"]
              else ", ".join(Path(p).name for p in paths))
    lines = [
        "## Throughput", "",
        f"Command: `{command}`; corpus: {corpus} ({r['articles']} articles, {r['words']:,} words); "
        f"pipeline `{pipeline_name()}`; {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; run {_dt.date.today().isoformat()}. Each full run is a fresh process "
        "into a fresh store (ingest, boilerplate, de-duplication, parse, dates, events, quotes, places, store "
        "writes, event merging and stories); with more than one worker the workers' model loading is "
        f"counted. Times are the fastest of {r['repeat']} interleaved round(s).", "",
        "| what | seconds | articles/s | words/s | events/s | / spaCy alone | peak MB main | peak MB per worker |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| spaCy alone (`nlp.pipe`, one process) | {r['spacy_s']:.2f} | {r['articles'] / r['spacy_s']:.1f} | "
        f"{r['words'] / r['spacy_s']:,.0f} |  | 1.00 |  |  |",
    ]
    for x in r["runs"]:
        s = x["full_s"]
        worker_mb = f"{x['peak_mb_worker']:.0f}" if x["workers"] > 1 else "(main)"
        lines.append(f"| full pipeline, {x['workers']} worker(s) | {s:.2f} | {r['articles'] / s:.1f} | "
                     f"{r['words'] / s:,.0f} | {x['events'] / s:.1f} | **{r['spacy_s'] / s:.2f}** | "
                     f"{x['peak_mb_main']:.0f} | {worker_mb} |")
    one = next((x for x in r["runs"] if x["workers"] == 1), None)
    c = r["candidates"]
    lines += [
        "",
        f"Stages after spaCy alone, on the same parses (one process): publication-date inference "
        f"{r['n_sent_alone'] / r['date_s']:,.0f} sentences/s, event coding {r['n_sent_alone'] / r['code_s']:,.0f} "
        f"sentences/s ({r['n_ev_alone']:,} events), quotes {r['n_sent_alone'] / r['quote_s']:,.0f} sentences/s.",
    ]
    if one:
        lines.append(f"Whole pipeline, 1 worker: {one['sentences'] / one['full_s']:,.0f} sentences/s; stored "
                     f"{one['stored']} articles, {one['sentences']:,} sentences, {one['events']:,} events; "
                     f"{one.get('gc_main_n', 0):,} cyclic garbage collections took {one.get('gc_main_s', 0):.2f} s "
                     f"(thresholds `pipeline.GC_THRESHOLD`).")
    for x in r["runs"]:
        if one and x["workers"] > 1:
            lines.append(f"Scaling: {x['workers']} workers run at **{one['full_s'] / x['full_s']:.2f}x** the "
                         f"throughput of 1 worker as timed above; counting the model's loading in both "
                         f"(the workers load theirs on the clock; 1 worker's took {one.get('load_s', 0):.2f} s "
                         f"before it), **{(one['full_s'] + one.get('load_s', 0)) / x['full_s']:.2f}x**.")
    lines += [
        "",
        f"Sentences with no actor candidate (no person, organisation, place or group entity, no gazetteer or "
        f"sector phrase, no personal pronoun): {c['no_actor_sentences']:,} of {c['sentences']:,} "
        f"({100 * c['no_actor_sentences'] / max(1, c['sentences']):.1f}%), holding "
        f"{100 * c['no_actor_tokens'] / max(1, c['tokens']):.1f}% of the tokens: the most that skipping their "
        f"parse could save.",
    ]
    return "\n".join(lines)


def profile(paths: list[str], limit: int = 60, top: int = 18) -> dict:
    """cProfile of one full run (1 worker) on ``limit`` articles: where the time goes."""
    import cProfile
    import pstats

    texts = corpus_texts(paths, limit, generate=None if paths else limit)
    load()
    with tempfile.TemporaryDirectory() as tmp:
        src = write_jsonl(texts, Path(tmp) / "in.jsonl")
        prof = cProfile.Profile()
        prof.enable()
        run([str(src)], Settings(db=str(Path(tmp) / "p.duckdb")))
        prof.disable()
    st = pstats.Stats(prof)
    total = max(v[3] for v in st.stats.values())
    rows = []
    for (fn, line, name), (_cc, _nc, tt, ct, _callers) in st.stats.items():
        short = fn.split("site-packages/")[-1].split("src/")[-1]
        rows.append((ct, tt, f"{short}:{line}({name})"))
    by_cum = [r for r in sorted(rows, reverse=True) if "diurna/" in r[2] or "spacy/language" in r[2]][:top]
    by_own = sorted(rows, key=lambda r: r[1], reverse=True)[:top]
    return {"articles": len(texts), "total": total, "by_cum": by_cum, "by_own": by_own}


def profile_markdown(p: dict) -> str:
    lines = ["## Profile", "",
             f"Command: `diurna bench profile`; cProfile of one full run (1 worker) on {p['articles']} articles, "
             f"{p['total']:.1f} s under the profiler (which slows Python code more than compiled code); "
             f"run {_dt.date.today().isoformat()}.", "",
             "| cumulative s | share | function (diurna stages and spaCy's pipe) |", "|---:|---:|---|"]
    lines += [f"| {ct:.2f} | {100 * ct / p['total']:.0f}% | `{name}` |" for ct, _tt, name in p["by_cum"]]
    lines += ["", "| own s | share | function (most time in its own code) |", "|---:|---:|---|"]
    lines += [f"| {tt:.2f} | {100 * tt / p['total']:.0f}% | `{name}` |" for _ct, tt, name in p["by_own"]]
    return "\n".join(lines)


# the load test's requests; {n} counts up per client, so pages and parameters vary
SERVE_PATHS = ["/api/events?limit=50&offset={n100}", "/api/articles?limit=50", "/api/timeline?dates=10&sentences=2",
               "/api/events?merged=true&limit=20", "/api/stories", "/api/quotes?limit=20", "/api/facets?quad={n5}",
               "/api/network?top={n40}", "/api/counts?unit=week", "/api/events?source=FRA&limit=20&offset={n40}"]


def serve_load(db: str, clients: int = 200, seconds: float = 30.0, port: int = 8799) -> dict:
    """Start ``diurna serve`` on loopback and hit its endpoints (:data:`SERVE_PATHS`)
    with ``clients`` concurrent clients for ``seconds``, once with the
    response cache and once without it; latencies, failures, cache hits."""
    return {"clients": clients,
            "runs": [_serve_run(db, clients, seconds, port, cache) for cache in (True, False)]}


def _serve_run(db: str, clients: int, seconds: float, port: int, cache: bool) -> dict:
    import asyncio
    import subprocess
    import sys

    import httpx

    env = dict(os.environ, **({} if cache else {"DIURNA_SERVE_CACHE": "0"}))
    proc = subprocess.Popen([sys.executable, "-m", "diurna", "serve", "--db", db, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # wait for the server
            try:
                if httpx.get(base + "/api/stats", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        lat: list[float] = []
        failed = hits = 0

        async def client(i: int, deadline: float):
            nonlocal failed, hits
            async with httpx.AsyncClient(base_url=base, timeout=30) as c:
                k = i
                while time.perf_counter() < deadline:
                    n = k // len(SERVE_PATHS)
                    path = SERVE_PATHS[k % len(SERVE_PATHS)].format(n100=n % 100, n5=n % 5, n40=10 + n % 40)
                    t0 = time.perf_counter()
                    try:
                        r = await c.get(path)
                        if r.status_code != 200:
                            failed += 1
                        hits += r.headers.get("X-Diurna-Cache") == "hit"
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
    return {"cache": cache, "seconds": wall, "requests": len(lat), "rps": len(lat) / wall if wall else 0.0,
            "p50_ms": q(0.50), "p99_ms": q(0.99), "failed": failed, "hits": hits}


def serve_markdown(r: dict, db: str) -> str:
    rows = [f"| {'on' if x['cache'] else 'off'} | {x['requests']:,} | {x['rps']:.0f} | {x['p50_ms']:.0f} | "
            f"{x['p99_ms']:.0f} | {x['failed']} | {100 * x['hits'] / max(1, x['requests']):.1f}% |" for x in r["runs"]]
    return "\n".join([
        "## Web API under load", "",
        f"Command: `diurna bench serve`; store: the demo corpus ({Path(db).name}); {r['clients']} concurrent clients "
        f"for {r['runs'][0]['seconds']:.0f} s on loopback, each cycling through {len(SERVE_PATHS)} requests "
        "(events pages, articles, timeline, merged events, stories, quotes, facets, network, weekly counts; "
        "offsets and parameters vary), one uvicorn worker; run twice: with the response cache "
        "(responses kept while the store files are unchanged) and without it (`DIURNA_SERVE_CACHE=0`). "
        "The load generator (Python, httpx) runs on the same machine and takes part of the CPU; "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"run {_dt.date.today().isoformat()}.", "",
        "| cache | requests | requests/s | p50 ms | p99 ms | failed | cache hits |",
        "|---|---:|---:|---:|---:|---:|---:|", *rows])


# -- stories: the update after a run, on archives of growing size ------------------------------

def synthetic_store(db: str, template: str, n: int, new: int = 50, seed: int = 0) -> dict:
    """A store of about ``n`` articles already placed in stories, plus ``new``
    unplaced ones: the rows of a small real store (``template``) copied with
    new ids, dates shifted over ten years and most entity names and many
    actors varied per copy (directly in SQL, nothing parsed); then one update
    fills the stories index, as after an upgrade.  Returns the counts."""
    from .. import stories
    from ..store import Store

    with Store(db) as st:
        con = st.con
        con.execute(f"ATTACH '{template}' AS t (READ_ONLY)")
        per = con.execute("SELECT count(*) FROM t.articles WHERE duplicate_of IS NULL").fetchall()[0][0]
        copies = -(-n // per)
        vocab = 30 * copies  # a name recurs in about 30 copies
        codes = "['USA','GBR','FRA','DEU','RUS','CHN','IRN','ISR','TUR','EGY','SAU','IND','PAK','AFG','IRQ','SYR'," \
                "'LBN','JOR','UKR','JPN']"

        def add(first: int, count: int, limit: int | None) -> None:
            sfx = "printf('%06d', k)"
            con.execute(f"CREATE OR REPLACE TEMP TABLE cp AS SELECT r AS k, CAST(({seed} + r * 7919) % 3650 AS INTEGER) "
                        f"AS shift FROM range({first}, {first + count}) t(r)")
            con.execute(f"""CREATE OR REPLACE TEMP TABLE ids AS SELECT id AS old, k, id || {sfx} AS id FROM (
                SELECT a.id, k, row_number() OVER (ORDER BY k, a.id) AS rn FROM t.articles a, cp
                WHERE a.duplicate_of IS NULL) WHERE rn <= {limit or 'rn'}""")
            placed = "a.story_id + 100000 * k" if limit is None else "NULL"
            con.execute(f"""INSERT INTO articles BY NAME SELECT a.* REPLACE (
                a.id || {sfx} AS id, a.origin || '#' || k AS origin,
                CASE WHEN a.duplicate_of IS NULL THEN NULL ELSE a.duplicate_of || {sfx} END AS duplicate_of,
                a.published + shift AS published, a.published_earliest + shift AS published_earliest,
                a.published_latest + shift AS published_latest,
                CASE WHEN a.duplicate_of IS NULL THEN {placed} END AS story_id)
                FROM t.articles a, cp WHERE coalesce(a.duplicate_of, a.id) || {sfx} IN (SELECT id FROM ids)""")
            con.execute(f"""INSERT INTO mentions BY NAME SELECT m.* REPLACE (m.article_id || {sfx} AS article_id,
                CASE WHEN hash(m.text, k) % 5 < 3 THEN 'Name ' || (hash(m.text, k) % {vocab}) ELSE m.text END AS text)
                FROM t.mentions m, cp WHERE m.article_id || {sfx} IN (SELECT id FROM ids)""")
            con.execute(f"""INSERT INTO events BY NAME SELECT e.* REPLACE (
                e.id || {sfx} AS id, e.article_id || {sfx} AS article_id,
                CASE WHEN e.source_code IS NOT NULL AND hash(e.id, k) % 2 = 0
                     THEN {codes}[CAST(1 + hash(e.id, k) % 20 AS BIGINT)] || 'GOV' ELSE e.source_code END AS source_code,
                e.date + shift AS date, NULL AS group_id)
                FROM t.events e, cp WHERE e.article_id || {sfx} IN (SELECT id FROM ids)""")

        add(0, copies, None)
        con.execute("""INSERT INTO stories (id, first, last, n_articles, title)
                       SELECT story_id, min(published), max(published), count(*), min(title)
                       FROM articles WHERE story_id IS NOT NULL GROUP BY 1""")
        stories.update(st)  # groups the mentions, fills the index (as the first update after an upgrade does)
        add(copies, -(-new // per), new)
        con.execute("DETACH t")
        return {"articles": con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchall()[0][0],
                "new": con.execute("SELECT count(*) FROM articles WHERE story_id IS NULL AND duplicate_of IS NULL")
                .fetchall()[0][0]}


def _stories_update(db: str) -> dict:
    """One ``stories.update`` in this (fresh) process: seconds, what it placed, peak memory."""
    from .. import stories
    from ..store import Store

    with Store(db) as st:
        before = peak_mb()
        t0 = time.perf_counter()
        r = stories.update(st)
        return {"seconds": time.perf_counter() - t0, **r, "peak_mb": peak_mb(), "before_mb": before}


def stories_bench(template: str, sizes=(2_000, 20_000, 100_000), new: int = 50) -> list[dict]:
    """The update after a run that added ``new`` articles, on synthetic stores of each size."""
    import json
    import subprocess
    import sys

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            db = str(Path(tmp) / f"s{n}.duckdb")
            t0 = time.perf_counter()
            counts = synthetic_store(db, template, n, new)
            built = time.perf_counter() - t0
            proc = subprocess.run([sys.executable, "-c", "import json, sys; from diurna.evaluation.bench import _stories_update; "
                                   "print(json.dumps(_stories_update(sys.argv[1])))", db],
                                  capture_output=True, text=True, check=True)
            out.append({**counts, "build_s": built, **json.loads(proc.stdout.strip().splitlines()[-1])})
            Path(db).unlink()
    return out


def stories_markdown(rows: list[dict], command: str) -> str:
    lines = ["## Stories update", "",
             f"Command: `{command}`; run {_dt.date.today().isoformat()} on {platform.machine()} "
             f"({os.cpu_count()} cores).  Synthetic stores: the rows of `examples/` run into a store, copied "
             "with new ids, dates spread over ten years and most entity names and many actors varied per copy; "
             "all articles placed in stories, then the update after a run that added the new articles "
             "(merging their event mentions, placing them in stories and storylines), in a fresh process.", "",
             "| articles in store | new articles | events placed | update s | peak memory MB (process) "
             "| of which before the update (imports, store open) |",
             "|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['articles']:,} | {r['articles_placed']} | {r['events_placed']} | {r['seconds']:.2f} "
              f"| {r['peak_mb']:.0f} | {r['before_mb']:.0f} |" for r in rows]
    return "\n".join(lines)



def counts_store(db: str, n: int = 1_000_000, actors: int = 300, articles: int = 100_000, years: int = 10) -> dict:
    """A synthetic store of ``n`` events made by DuckDB itself (INSERT ...
    SELECT from ``range``): pseudo-random CAMEO codes (all twenty roots),
    dates over ``years`` years from 2015, ``actors`` actor codes drawn with
    a skew (a few actors in most events, as in news), ``articles`` articles
    from 40 outlets, mentions merged three to a group."""
    from ..store import Store

    h = lambda salt: f"(hash(i * 7919 + {salt}) % 1000000)::DOUBLE / 1000000"  # noqa: E731 (uniform in [0, 1))
    actor = lambda salt: f"'A' || lpad(CAST(CAST(floor({actors} * pow({h(salt)}, 2)) AS INTEGER) AS VARCHAR), 3, '0')"  # noqa: E731
    t0 = time.perf_counter()
    with Store(db) as st:
        st.con.execute(
            f"INSERT INTO articles (id, origin, source, published, content_hash, ingested_at, story_id) "
            f"SELECT 'a' || i, 'synthetic', 'outlet' || (i % 40), DATE '2015-01-01' + CAST(floor({h(1)} * "
            f"{365 * years}) AS INTEGER), 'h' || i, TIMESTAMP '2026-01-01', i % 5000 FROM range({articles}) t(i)")
        st.con.execute(
            f"INSERT INTO events (id, article_id, sentence, date, source_code, target_code, cameo, quad_class, "
            f"goldstein, group_id, source, target) "
            f"SELECT 'e' || i, 'a' || (i % {articles}), 0, d, s, t, c, "
            f"CASE WHEN root <= 1 THEN 0 WHEN root <= 5 THEN 1 WHEN root <= 8 THEN 2 WHEN root <= 13 THEN 3 ELSE 4 END, "
            f"round({h(5)} * 20 - 10, 1), i // 3, "
            f"[{{'text': s, 'start': 0, 'end': 3, 'code': s, 'country': s, 'sector': 'GOV', 'name': s}}], "
            f"[{{'text': t, 'start': 0, 'end': 3, 'code': t, 'country': t, 'sector': 'GOV', 'name': t}}] "
            f"FROM (SELECT i, DATE '2015-01-01' + CAST(floor({h(2)} * {365 * years}) AS INTEGER) AS d, "
            f"{actor(3)} AS s, {actor(4)} AS t, 1 + CAST(floor({h(6)} * 20) AS INTEGER) AS root, "
            f"lpad(CAST(1 + CAST(floor({h(6)} * 20) AS INTEGER) AS VARCHAR), 2, '0') || "
            f"CAST(CAST(floor({h(7)} * 4) AS INTEGER) AS VARCHAR) AS c FROM range({n}) r(i))")
        size = st.con.execute("SELECT count(*), count(DISTINCT source_code), "
                              "count(DISTINCT (source_code, target_code)) FROM events").fetchone()
    return {"events": size[0], "actors": size[1], "dyads": size[2], "build_s": time.perf_counter() - t0}


COUNTS_QUERIES = (
    ("one actor's dyads (A000) by month, daily dedup, wide",
     {"by": ["dyad"], "every": "month", "dedup": "daily", "wide": True, "actor": "A000"}),
    ("one actor's dyads (A000) by month, daily dedup, long (5 quad rows each)",
     {"by": ["dyad"], "every": "month", "dedup": "daily", "actor": "A000"}),
    ("actor by week, merged, wide", {"by": ["actor"], "every": "week", "dedup": "merged", "wide": True}),
    ("undirected dyads, no period, mentions, wide",
     {"by": ["dyad"], "every": "none", "dedup": "mentions", "wide": True, "undirected": True}),
    ("quad by year, daily dedup", {"by": ["quad"], "every": "year", "dedup": "daily"}),
    ("all events by day, phoenix classes, wide", {"by": [], "every": "day", "classes": "phoenix", "wide": True}),
)


def counts_bench(n: int = 1_000_000, repeat: int = 3) -> dict:
    """Time :func:`diurna.aggregate.counts` on a synthetic store of ``n``
    events (:func:`counts_store`): each query of :data:`COUNTS_QUERIES`
    ``repeat`` times, the fastest kept; the time includes making the Python
    rows (dicts) the CLI and the API write."""
    from ..aggregate import counts
    from ..store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "counts.duckdb")
        info = counts_store(db, n=n)
        rows = []
        with Store(db, read_only=True) as st:
            st.con.execute("SET enable_progress_bar = false")
            for name, kw in COUNTS_QUERIES:
                best, out = None, None
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    out = counts(st, **kw)
                    dt = time.perf_counter() - t0
                    best = dt if best is None else min(best, dt)
                rows.append({"query": name, "rows": len(out), "seconds": best})
    return {**info, "queries": rows, "repeat": repeat}


def counts_markdown(r: dict, command: str) -> str:
    lines = ["## Counts (aggregation)", "",
             f"Command: `{command}`; run {_dt.date.today().isoformat()} on {platform.machine()} "
             f"({os.cpu_count()} cores), Python {platform.python_version()}.  Synthetic store made by DuckDB "
             f"(INSERT ... SELECT from range, {r['build_s']:.1f} s): {r['events']:,} events over ten years, "
             f"{r['actors']} actors (skewed draw), {r['dyads']:,} directed dyads, 100,000 articles from 40 outlets.  "
             f"Time of `diurna.aggregate.counts` (one DuckDB query, zero-filled, plus making the Python rows), "
             f"fastest of {r['repeat']}.  Zero-filling makes every group x period row: the panel of all "
             f"{r['dyads']:,} dyads by month would be {r['dyads'] * 120:,} rows, so the dyad queries here take "
             f"one actor's dyads (`--actor`), as a study of one country does.", "",
             "| query | rows out | seconds |", "|---|---:|---:|"]
    lines += [f"| {q['query']} | {q['rows']:,} | {q['seconds']:.2f} |" for q in r["queries"]]
    return "\n".join(lines)

if __name__ == "__main__":  # one full run in a fresh process: python -m diurna.evaluation.bench SRC DB WORKERS BATCH
    import json
    import sys

    print(json.dumps(_full_run(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))))
