"""export: rows and coded articles to the files researchers load.

:func:`write_rows` writes query results (lists of dicts) as CSV, JSONL or
Parquet to a binary stream: the one writer behind the CLI's ``--format`` and
the web API's ``format=``.  Nested values (actor lists, locations) stay
nested in JSONL and Parquet (lists and structs) and are JSON text in CSV.

:func:`write_parquet_batch` writes one batch of coded articles as Parquet
under ``DIR/events/month=YYYY-MM/part-<batch>.parquet`` and
``DIR/articles/month=YYYY-MM/part-<batch>.parquet`` (Hive partitioning by
publication or event month; ``month=undated`` when there is none).  Workers
of a distributed run each write their own parts, so nothing is shared
between them; the result is queryable directly::

    SELECT cameo, count(*) FROM read_parquet('DIR/events/*/*.parquet', hive_partitioning = true) GROUP BY 1

The run that wrote them writes the embedded store from the same results.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

from .records import CodedArticle
from .store import dumps

ROW_FORMATS = ("csv", "jsonl", "parquet")


def _flat(v):
    return dumps(v) if isinstance(v, (list, dict)) else v


def rows_table(rows: list[dict]):
    """An Arrow table of the rows; nested values as lists and structs, or as
    JSON text when Arrow cannot give a column one type."""
    import pyarrow as pa

    try:
        return pa.Table.from_pylist(rows)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pa.Table.from_pylist([{k: _flat(v) for k, v in r.items()} for r in rows])


def write_rows(rows: list[dict], fmt: str, out, columns: list[str] | None = None) -> None:
    """Write ``rows`` to the binary stream ``out`` as ``csv`` (header from
    ``columns`` or the first row), ``jsonl`` (one object a line) or
    ``parquet``."""
    if fmt == "jsonl":
        for r in rows:
            out.write((dumps(r) + "\n").encode("utf-8"))
    elif fmt == "csv":
        import csv
        import io

        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        w = csv.DictWriter(text, fieldnames=columns or (list(rows[0]) if rows else []), extrasaction="ignore")
        if rows or columns:
            w.writeheader()
        for r in rows:
            w.writerow({k: _flat(v) for k, v in r.items()})
        text.detach()  # leave ``out`` open for the caller
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        pq.write_table(rows_table(rows), out)
    else:
        raise ValueError(f"unknown row format {fmt!r}; one of {', '.join(ROW_FORMATS)}")


def _month(date: str | None) -> str:
    return date[:7] if date else "undated"


def write_parquet_batch(coded: list[CodedArticle], out_dir: str | Path) -> list[Path]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    ids = ",".join(sorted(c.article.id for c in coded))
    part = hashlib.sha1(ids.encode()).hexdigest()[:12]  # same batch, same file name: re-runs overwrite
    written = []
    arts: dict[str, list[dict]] = {}
    evs: dict[str, list[dict]] = {}
    for c in coded:
        a = c.article
        arts.setdefault(_month(a.published), []).append({
            "id": a.id, "origin": a.origin, "title": a.title, "source": a.source, "url": a.url,
            "published": a.published, "published_source": a.published_source, "text": a.text,
            "n_sentences": len(c.sentences), "n_events": len(c.events)})
        for e in c.events:
            evs.setdefault(_month(e.date), []).append({
                "id": e.id, "article_id": a.id, "sentence": e.sentence, "date": e.date,
                "date_precision": e.date_precision, "cameo": e.cameo, "quad_class": e.quad_class,
                "goldstein": e.goldstein, "plover": e.plover, "modality": e.modality,
                "source_code": next((x.code for x in e.source if x.code), None),
                "target_code": next((x.code for x in e.target if x.code), None),
                "trigger": e.trigger.text, "confidence": e.confidence,
                "location": json.dumps(dataclasses.asdict(e.location)) if e.location else None,
                "sentence_text": c.sentences[e.sentence].text if e.sentence < len(c.sentences) else None})
    for table, groups in (("articles", arts), ("events", evs)):
        for month, rows in groups.items():
            d = out_dir / table / f"month={month}"
            d.mkdir(parents=True, exist_ok=True)
            path = d / f"part-{part}.parquet"
            tmp = path.with_suffix(".tmp")
            pq.write_table(pa.Table.from_pylist(rows), tmp)
            tmp.replace(path)  # a killed worker leaves no half-written part
            written.append(path)
    return written
