"""timeline stage (first version): events grouped by date, and the reports.

A date's entry holds its events, the distinct sentences behind them (most
important first: events with more impact, i.e. larger |Goldstein|, and
more articles), and the articles they come from.  Date selection for
``dates=N``: the N dates with the highest :func:`date_score` (independent
reports, articles naming the day, impact), only among dates events are known
to the day.

Events without any date (article undated, no date in the text) are kept
under ``date = None`` at the end: nothing is dropped silently.

:func:`render_html` writes a self-contained report (no external assets);
every string from article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import datetime as _dt
import html
from collections import Counter, defaultdict

from . import query
from .store import Store

QUAD_NAMES = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {0: "#888888", 1: "#2b8cbe", 2: "#31a354", 3: "#fd8d3c", 4: "#de2d26"}


def build(store: Store, *, dates: int | None = None, sentences: int = 3, actor: str | None = None,
          cameo: str | None = None, since: str | None = None, until: str | None = None, **filters) -> list[dict]:
    """Timeline entries; ``filters`` are those of :func:`diurna.query.events`
    (quad, story, storyline, text)."""
    evs = query.events(store, actor=actor, cameo=cameo, since=since, until=until, **filters)
    by_date: dict = defaultdict(list)
    for e in evs:
        by_date[e["date"]].append(e)
    keys = list(by_date)
    if dates:
        ranked = sorted((k for k in keys if k is not None and _day_events(by_date[k])),
                        key=lambda k: (-date_score(by_date[k]), k))
        # a timeline spreads over its period: a date next to a chosen one waits
        chosen: list = []
        for k in ranked:
            if len(chosen) >= dates:
                break
            if all(abs((k - c).days) > MIN_GAP_DAYS for c in chosen):
                chosen.append(k)
        for k in ranked:  # fill up if spreading left too few
            if len(chosen) >= dates:
                break
            if k not in chosen:
                chosen.append(k)
        keys = chosen
    keys = sorted((k for k in keys if k is not None)) + ([None] if None in keys else [])
    out = []
    for k in keys:
        day = by_date[k]
        out.append({
            "date": k.isoformat() if k is not None else None,
            "sentences": _pick_sentences(day, sentences),
            "events": [_event_summary(e) for e in day],
            "articles": _articles(day),
        })
    return out


MIN_GAP_DAYS = 2
# impact (sum of |Goldstein| of non-statement events) counts as one report per this much
IMPACT_SCALE = 60.0


def _day_events(day: list[dict]) -> list[dict]:
    """Events dated to this very day (not a month or a year that starts on it)."""
    return [e for e in day if e.get("date_precision") in (None, "day")]


def date_score(day: list[dict]) -> float:
    """How much a date matters: independent reports of events on that day,
    counting twice the articles that name the day in their text (later
    articles looking back at it), plus the impact of its conflictual and
    cooperative acts."""
    day = _day_events(day)
    named = {e["article_id"] for e in day if e.get("date_source") == "text"}
    reports = {e["article_id"] for e in day}
    impact = sum(abs(e["goldstein"] or 0.0) for e in day if not (e["cameo"] or "").startswith("01"))
    return 2 * len(named) + len(reports) + impact / IMPACT_SCALE


def _pick_sentences(day: list[dict], k: int) -> list[str]:
    weight: Counter = Counter()
    first: dict = {}
    for e in day:
        s = e["sentence_text"]
        if not s:
            continue
        weight[s] += 1.0 + abs(e["goldstein"] or 0.0) / 10.0
        first.setdefault(s, len(first))
    chosen: list[str] = []
    for s, _ in sorted(weight.items(), key=lambda kv: (-kv[1], first[kv[0]])):
        if any(_overlap(s, c) > 0.6 for c in chosen):
            continue
        chosen.append(s)
        if len(chosen) >= k:
            break
    return chosen


def _overlap(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _event_summary(e: dict) -> dict:
    return {
        "id": e["id"], "source": e["source_code"], "cameo": e["cameo"], "target": e["target_code"],
        "quad_class": e["quad_class"], "goldstein": e["goldstein"], "plover": e["plover"],
        "modality": e["modality"], "trigger": e["trigger_text"], "sentence": e["sentence_text"],
        "article_id": e["article_id"],
        "source_text": ", ".join(a["text"] for a in e["source"] or []),
        "target_text": ", ".join(a["text"] for a in e["target"] or []),
    }


def _articles(day: list[dict]) -> list[dict]:
    seen: dict = {}
    for e in day:
        seen.setdefault(e["article_id"], {"id": e["article_id"], "title": e["article_title"],
                                          "url": e["url"], "source": e["outlet"]})
    return list(seen.values())


# --------------------------------------------------------------------------
# outputs
# --------------------------------------------------------------------------


def render_markdown(tl: list[dict]) -> str:
    lines = ["# Timeline", ""]
    for entry in tl:
        lines.append(f"## {entry['date'] or 'undated'}")
        for s in entry["sentences"]:
            lines.append(f"- {s}")
        titles = "; ".join((a["title"] or a["id"]) for a in entry["articles"])
        lines.append(f"  *sources: {titles}*")
        lines.append("")
    return "\n".join(lines)


def _e(x) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def render_html(tl: list[dict], stats: dict | None = None, title: str = "diurna timeline") -> str:
    """A self-contained HTML report; everything from the text is escaped."""
    weeks: dict = defaultdict(Counter)
    pairs: Counter = Counter()
    for entry in tl:
        for ev in entry["events"]:
            if entry["date"]:
                d = _dt.date.fromisoformat(entry["date"])
                wk = (d - _dt.timedelta(days=d.weekday())).isoformat()
                weeks[wk][ev["quad_class"] or 0] += 1
            if ev["source"] and ev["target"]:
                pairs[(ev["source"], ev["target"], ev["quad_class"] or 0)] += 1
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}.date{border-left:3px solid #2b8cbe;padding:0 0 .6rem 1rem;margin:1.2rem 0}"
        ".date h2{font-size:1.1rem;margin:.2rem 0}.ev{font-size:.85rem;color:#555}.q{display:inline-block;"
        "width:.7rem;height:.7rem;border-radius:50%;margin-right:.3rem}table{border-collapse:collapse;font-size:.85rem}"
        "td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}.src{font-size:.8rem;color:#777}"
        "</style></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    if stats:
        parts.append("<p>" + _e(f"{stats.get('articles', 0)} articles, {stats.get('events', 0)} events, "
                                f"{stats.get('duplicates', 0)} duplicates") + "</p>")
    parts.append("<p>" + " ".join(f"<span class='q' style='background:{QUAD_COLOURS[q]}'></span>{_e(n)}"
                                  for q, n in QUAD_NAMES.items()) + "</p>")
    if weeks:
        parts.append("<h2>Events per week</h2>" + _week_chart(weeks))
    parts.append("<h2>Timeline</h2>")
    for entry in tl:
        parts.append(f"<section class='date'><h2>{_e(entry['date'] or 'undated')}</h2><ul>")
        for s in entry["sentences"]:
            parts.append(f"<li>{_e(s)}</li>")
        parts.append("</ul><div class='ev'>")
        for ev in entry["events"][:12]:
            col = QUAD_COLOURS.get(ev["quad_class"] or 0, "#888")
            parts.append(f"<div><span class='q' style='background:{col}'></span>"
                         f"{_e(ev['source_text'] or ev['source'])} [{_e(ev['source'])}] "
                         f"<b>{_e(ev['trigger'])}</b> ({_e(ev['cameo'])}) "
                         f"{_e(ev['target_text'] or '')} {('[' + _e(ev['target']) + ']') if ev['target'] else ''}"
                         f" <i>{_e(ev['modality'])}</i></div>")
        parts.append("</div><div class='src'>Sources: ")
        links = []
        for a in entry["articles"]:
            label = _e(a["title"] or a["id"])
            if a["url"] and str(a["url"]).startswith(("http://", "https://")):
                links.append(f"<a href='{_e(a['url'])}' rel='noopener noreferrer'>{label}</a>")
            else:
                links.append(label)
        parts.append("; ".join(links) + "</div></section>")
    if pairs:
        parts.append("<h2>Who acts on whom</h2><table><tr><th>source</th><th>target</th><th>class</th><th>events</th></tr>")
        for (s, t, q), n in pairs.most_common(25):
            parts.append(f"<tr><td>{_e(s)}</td><td>{_e(t)}</td><td><span class='q' style='background:"
                         f"{QUAD_COLOURS.get(q, '#888')}'></span>{_e(QUAD_NAMES.get(q, q))}</td><td>{n}</td></tr>")
        parts.append("</table>")
    parts.append("<p class='src'>Generated by diurna.</p></body></html>")
    return "\n".join(parts)


def _week_chart(weeks: dict) -> str:
    keys = sorted(weeks)
    peak = max(sum(c.values()) for c in weeks.values()) or 1
    bw, h = 18, 120
    w = bw * len(keys) + 40
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h + 30}' role='img' "
           "aria-label='events per week by quad class'>"]
    for i, k in enumerate(keys):
        y = h
        for q in (1, 2, 3, 4, 0):
            n = weeks[k].get(q, 0)
            if not n:
                continue
            bh = n / peak * h
            y -= bh
            out.append(f"<rect x='{20 + i * bw}' y='{y:.1f}' width='{bw - 3}' height='{bh:.1f}' "
                       f"fill='{QUAD_COLOURS[q]}'><title>{_e(k)}: {n} {_e(QUAD_NAMES[q])}</title></rect>")
    out.append(f"<text x='20' y='{h + 20}' font-size='11'>{_e(keys[0])}</text>")
    out.append(f"<text x='{max(20, w - 90)}' y='{h + 20}' font-size='11'>{_e(keys[-1])}</text></svg>")
    return "".join(out)
