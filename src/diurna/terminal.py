"""What the terminal shows: stored rows as a one-line-per-row table, a
timeline as dated lines (rich).  Everything from article text is shown as
text: rich markup escaped, control characters and escape sequences made
visible (:func:`diurna.ingest.display_origin`)."""

from __future__ import annotations

from .ingest.readers import ARTICLE_ID, display_origin

# columns whose text takes the width the others leave
WIDE_COLUMNS = frozenset({"title", "sentence", "text", "content"})
# column headers, short enough for a terminal
SHORT_NAMES = {"published": "date", "published_source": "dated by", "n_mentions": "mentions", "n_articles": "arts",
               "duplicate_of": "dup_of", "n_sentences": "sents", "n_events": "events", "source_code": "source",
               "target_code": "target", "trigger_text": "trigger", "sentence_text": "sentence"}
# columns that hold article ids, shown by their first 8 hex digits (enough to read)
ARTICLE_ID_COLUMNS = frozenset({"id", "article_id", "duplicate_of"})
NARROW = 16  # the widest a narrow column gets


def _safe(text: str) -> str:
    from rich.markup import escape

    return escape(display_origin(text))


def cell(v, column: str = "") -> str:
    """One table cell: lists of actors by their codes, article ids short,
    one line, at most 160 characters, safe to print."""
    if v is None:
        return ""
    if isinstance(v, list):
        v = ", ".join(x.get("code", "") if isinstance(x, dict) else str(x) for x in v)
    if column in ARTICLE_ID_COLUMNS and isinstance(v, str) and ARTICLE_ID.fullmatch(v):
        v = v[:8]
    s = " ".join(str(v).split())
    return _safe(s if len(s) < 160 else s[:157] + "...")


def print_rows(rows: list[dict], columns: list[str] | None = None, title: str | None = None) -> None:
    """``rows`` as a table, one line per row: narrow columns as wide as their
    content (at most :data:`NARROW`), text columns share what is left, cut
    with an ellipsis; a column empty in every row is left out."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title=title, show_lines=False, box=None, header_style="bold")
    cols = columns or (list(rows[0]) if rows else [])
    cols = [c for c in cols if any(r.get(c) not in (None, "", []) for r in rows)] or cols
    cells = [[cell(r.get(c), c) for c in cols] for r in rows]
    cols = [SHORT_NAMES.get(c, c) for c in cols]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(cols)]
    narrow = sum(min(w, NARROW) + 2 for w, c in zip(widths, cols) if c not in WIDE_COLUMNS)
    n_wide = sum(1 for c in cols if c in WIDE_COLUMNS) or 1
    wide_w = max(20, (console.width - narrow - 2) // n_wide - 2)
    for c, w in zip(cols, widths):
        table.add_column(c, overflow="ellipsis", no_wrap=True,
                         width=min(w, wide_w) if c in WIDE_COLUMNS else min(w, NARROW))
    for row in cells:
        table.add_row(*row)
    console.print(table)


def print_timeline(tl: list[dict]) -> None:
    """Each date of a timeline (:func:`diurna.timeline.build`), its sentences
    and the codes of its events."""
    from rich.console import Console

    con = Console()
    for entry in tl:
        con.print(f"[bold cyan]{entry['date'] or 'undated'}[/]  "
                  f"[dim]{len(entry['events'])} events, {len(entry['articles'])} articles[/]")
        for s in entry["sentences"]:
            con.print(f"  - {_safe(s)}", soft_wrap=False)
        shown = {(e["source"], e["cameo"], e["target"]) for e in entry["events"]}
        codes = "; ".join(f"{s or '?'} {c} {t or ''}".strip() for s, c, t in sorted(shown, key=str)[:6])
        con.print(f"    [dim]{_safe(codes)}[/]")
