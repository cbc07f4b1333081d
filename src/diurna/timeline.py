"""timeline stage: the dates that matter, and what happened on them.

The method follows DATEWISE (Gholipour Ghalandari & Ifrim 2020), without its
trained date ranker:

1. **Which dates.**  A journalist dates a timeline entry by when something
   happened, and the days that matter are the ones the coverage keeps coming
   back to.  Every article's time expressions (``time.expressions``, anchored
   to the article's date) are resolved to days; each article that names a day
   is one piece of evidence for it, weighed by what kind of reference it is
   (:data:`RECALL`, :data:`REPORT`, :data:`AHEAD`), and an article published
   on the day counts :data:`PUBLISHED` for it.  Dates are ranked by the sum.
2. **Candidate sentences of a date**: the sentences that name the day, and
   the lead sentences (the first :data:`LEAD` of an article) that name no day,
   for the day of publication and the day before (news reports yesterday's
   events).
3. **Which sentences.**  The date's centre is the mean TF-IDF vector of its
   candidates (as in DATEWISE, only the words that both the sentences naming
   the day and the day's own reports use, when there are both); sentences are
   picked greedily to keep the summary closest to that centre (centroid
   optimisation), never a near-repeat (:data:`REPEAT_SIM`) of a sentence
   already in the timeline.  Dates are filled in rank order; a date left
   without a sentence is skipped.

Filters (actor, CAMEO code, quad class, story, storyline, free text) choose
events; the articles of those events are then the timeline's sources.
``since``/``until`` bound the dates.  Each entry also lists the events
(coded mentions) dated to its day and the articles its sentences come from.
Events without any date are kept under ``date = None`` at the end when all
dates are listed (``dates=None``): nothing is dropped silently.

:func:`render_html` writes a self-contained report (no external assets);
every string from article text goes through :func:`html.escape`.
"""

from __future__ import annotations

import datetime as _dt
import html
import math
import re
from collections import Counter, defaultdict

from . import query
from .store import Store

QUAD_NAMES = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}
QUAD_COLOURS = {0: "#888888", 1: "#2b8cbe", 2: "#31a354", 3: "#fd8d3c", 4: "#de2d26"}


def _quad_class(q) -> str:
    """The report's CSS class of a quad class's colour (``q0`` ... ``q4``):
    classes, not style attributes, so the report needs no inline styles."""
    return f"q{q}" if q in QUAD_COLOURS else "q0"

# Evidence one article gives a day (the largest that applies counts once):
RECALL = 1.0      # named by an article published two or more days later: worth recalling
REPORT = 0.5      # named on the day itself or the day after: the ordinary news cycle
AHEAD = 0.25      # named before it came (deadlines, scheduled votes): may not happen as planned
PUBLISHED = 0.25  # published that day without naming it: coverage volume, the weakest sign
LEAD = 5          # lead sentences per article (DATEWISE's clip); leads state the news
MIN_WORDS, MAX_WORDS = 8, 50  # shorter: captions, fragments; longer: run-on segmentation (title+caption+lead)
REPEAT_SIM = 0.5  # cosine (TF-IDF) above which a sentence repeats one already chosen
# first words of a sentence that needs the previous one (pronouns, connectives)
_DANGLING = re.compile(r"(?:he|she|it|they|his|her|its|their|this|these|those|but|and|or|so|yet|also|however|"
                       r"still|such|then)\b", re.I)
_ENDS = re.compile(r"[.!][\"”’')]*\s*$")
# page furniture that boilerplate removal can leave inside a sentence (time stamps, "last updated")
_FURNITURE = re.compile(r"\b(?:last\s+updated|updated\s+at|published\s+at)\b|\b\d{1,2}:\d{2}\s*(?:GMT|BST|UTC|EST|EDT)\b", re.I)


def build(store: Store, *, dates: int | None = None, sentences: int = 3, actor: str | None = None,
          cameo: str | None = None, since: str | None = None, until: str | None = None, **filters) -> list[dict]:
    """Timeline entries ``{"date", "sentences", "events", "articles"}``, oldest first.

    dates      keep the N most important dates (None: every date with events or mentions)
    sentences  sentences per date
    filters    those of :func:`diurna.query.events` (quad, story, storyline, text)
    """
    filters = {k: v for k, v in filters.items() if v}
    evs = query.events(store, actor=actor, cameo=cameo, since=since, until=until, **filters)
    filtered = bool(actor or cameo or filters)
    lo = _dt.date.fromisoformat(str(since)[:10]) if since else None
    hi = _dt.date.fromisoformat(str(until)[:10]) if until else None
    corpus = _corpus(store, {e["article_id"] for e in evs} if filtered else None)
    ranked = rank_dates(corpus)
    ranked = [d for d in ranked if (lo is None or d >= lo) and (hi is None or d <= hi)]
    by_date: dict = defaultdict(list)
    for e in evs:
        if e.get("date_precision") in (None, "day") or e["date"] is None:
            by_date[e["date"]].append(e)
    cands = _candidates(corpus)
    vec = _Vectors([s["text"] for c in cands.values() for s in c])
    chosen: dict = {}
    taken: list = []  # vectors of the sentences already in the timeline
    order = ranked if dates else sorted(set(ranked) | {k for k in by_date if k is not None})
    for d in order:
        if dates and len(chosen) >= dates:
            break
        # a day no sentence names and no lead reports: the sentences of its events
        picked = _summarise(cands.get(d) or _event_sentences(by_date.get(d, [])), sentences, vec, taken)
        if picked:  # a date without a sentence is left out (DATEWISE does the same)
            chosen[d] = picked
    if not dates and None in by_date:
        chosen[None] = _summarise(_event_sentences(by_date[None]), sentences, vec, taken)
    keys = sorted(k for k in chosen if k is not None) + ([None] if None in chosen else [])
    out = []
    for k in keys:
        picked = chosen.get(k, [])
        out.append({
            "date": k.isoformat() if k is not None else None,
            "sentences": [s["text"] for s in picked],
            "events": [_event_summary(e) for e in by_date.get(k, [])],
            "articles": _articles(picked, by_date.get(k, []), corpus),
        })
    return out


# --------------------------------------------------------------------------
# the corpus: articles, their sentences and the days they name
# --------------------------------------------------------------------------


_MENTIONS: dict = {}
_MENTIONS_MAX = 200_000  # articles remembered (a few small tuples each)


def _day_mentions(aid: str, text: str, published: str | None) -> tuple[tuple[int, str], ...]:
    """(offset, YYYY-MM-DD) of the time expressions of ``text`` that resolve
    to a day, anchored to the article's date.  The store keeps no time
    expressions, so they are found here (about 7 ms an article) and
    remembered per article id and date for the life of the process (the web
    app builds many timelines)."""
    from .time.expressions import find_timexes

    key = (aid, published, len(text))
    hit = _MENTIONS.get(key)
    if hit is None:
        if len(_MENTIONS) >= _MENTIONS_MAX:
            _MENTIONS.clear()
        hit = _MENTIONS[key] = tuple((t.start, t.value) for t in find_timexes(text, published)
                                     if t.type == "DATE" and t.value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value))
    return hit


def _corpus(store: Store, ids: set | None) -> dict:
    """Articles (not copies) with their sentences and the days each sentence names."""
    only = "" if ids is None else " AND list_contains(?, id)"
    rows = store.con.execute("SELECT id, published, title, url, source, text, external_id FROM articles "
                             "WHERE duplicate_of IS NULL" + only, [] if ids is None else [sorted(ids)]).fetchall()
    arts = {}
    for aid, pub, title, url, src, text, ext in rows:
        arts[aid] = {"id": aid, "published": pub, "title": title, "url": url, "source": src, "text": text or "",
                     "external_id": ext, "sentences": []}
    if not arts:
        return arts
    only = "" if ids is None else " WHERE list_contains(?, article_id)"
    for aid, idx, start, end, text in store.con.execute(
            'SELECT article_id, idx, start, "end", text FROM sentences' + only + " ORDER BY article_id, idx",
            [] if ids is None else [sorted(arts)]).fetchall():
        a = arts.get(aid)
        if a is None:
            continue
        # a line break inside a "sentence" is a segmentation slip (a headline or
        # caption run into the next line): each line is its own unit
        off = 0
        for piece in text.split("\n"):
            # a closing quote left at the start belongs to the previous sentence
            clean = re.sub(r"^[\s”’]+", "", piece).strip()
            if clean:
                a["sentences"].append({"article_id": aid, "idx": idx, "start": start + off + piece.find(clean[0]),
                                       "end": start + off + len(piece), "text": clean, "days": set()})
            off += len(piece) + 1
    for a in arts.values():
        sents = a["sentences"]
        pub = a["published"].isoformat() if a["published"] else None
        for off, day in _day_mentions(a["id"], a["text"], pub):
            for s in sents:
                if s["start"] <= off < s["end"]:
                    s["days"].add(_dt.date.fromisoformat(day))
                    break
    return arts


def _evidence(pub: _dt.date | None, day: _dt.date) -> float:
    if pub is None:
        return REPORT
    gap = (pub - day).days
    return RECALL if gap >= 2 else REPORT if gap >= 0 else AHEAD


def date_scores(corpus: dict) -> Counter:
    """How much each day matters: the evidence of every article for it."""
    score: Counter = Counter()
    for a in corpus.values():
        ev: dict = {}
        if a["published"]:
            ev[a["published"]] = PUBLISHED
        for s in a["sentences"]:
            for d in s["days"]:
                ev[d] = max(ev.get(d, 0.0), _evidence(a["published"], d))
        for d, w in ev.items():
            score[d] += w
    return score


def rank_dates(corpus: dict) -> list:
    score = date_scores(corpus)
    return sorted(score, key=lambda d: (-score[d], d))


def _candidates(corpus: dict) -> dict:
    """date -> candidate sentences: those naming the day, and leads naming no day
    of articles published that day or the next."""
    out: dict = defaultdict(list)
    for a in corpus.values():
        for s in a["sentences"]:
            n = len(s["text"].split())
            # a sentence ends like one: not a question, a heading or a list's lead-in (":")
            if not MIN_WORDS <= n <= MAX_WORDS or not _ENDS.search(s["text"]) or _FURNITURE.search(s["text"]):
                continue
            if s["idx"] == 0 and not a["title"]:
                continue  # no title found: the first "sentence" runs the headline (and a caption) into the lead
            if s["days"]:
                for d in s["days"]:
                    out[d].append({**s, "kind": "mention"})
            elif s["idx"] < LEAD and a["published"]:
                for back in (0, 1):
                    out[a["published"] - _dt.timedelta(days=back)].append({**s, "kind": "lead"})
    return out


def _event_sentences(day: list[dict]) -> list[dict]:
    out = []
    for e in day:
        if e.get("sentence_text"):
            out.append({"article_id": e["article_id"], "idx": e["sentence"], "text": e["sentence_text"].strip(),
                        "days": set(), "kind": "event"})
    return out


# --------------------------------------------------------------------------
# choosing sentences: centroid optimisation over TF-IDF vectors
# --------------------------------------------------------------------------


class _Vectors:
    """TF-IDF vectors (dicts) of sentences, IDF from the candidate sentences."""

    def __init__(self, texts: list[str]):
        from spacy.lang.en.stop_words import STOP_WORDS

        self.stop = STOP_WORDS
        df: Counter = Counter()
        for t in set(texts):
            df.update(set(self.words(t)))
        n = max(1, len(set(texts)))
        self.idf = {w: math.log((1 + n) / (1 + c)) + 1 for w, c in df.items()}
        self.cache: dict = {}

    def words(self, text: str) -> list[str]:
        return [w for w in re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower()) if w not in self.stop]

    def __call__(self, text: str) -> dict:
        v = self.cache.get(text)
        if v is None:
            tf = Counter(self.words(text))
            v = {w: c * self.idf.get(w, 1.0) for w, c in tf.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
            v = self.cache[text] = {w: x / norm for w, x in v.items()}
        return v


def _cos(a: dict, b: dict) -> float:
    if len(a) > len(b):
        a, b = b, a
    dot = sum(x * b.get(w, 0.0) for w, x in a.items())
    na = math.sqrt(sum(x * x for x in a.values()))
    nb = math.sqrt(sum(x * x for x in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def _mean(vs: list[dict]) -> dict:
    out: Counter = Counter()
    for v in vs:
        for w, x in v.items():
            out[w] += x / len(vs)
    return dict(out)


def _summarise(cands: list[dict], k: int, vec: _Vectors, taken: list) -> list[dict]:
    if not cands or k <= 0:
        return []
    seen, uniq = set(), []
    for s in cands:  # one copy of a sentence (a sentence naming two days is a candidate of both)
        key = s["text"].strip().lower()
        if key not in seen:
            seen.add(key)
            uniq.append(s)
    vs = [vec(s["text"]) for s in uniq]
    ment = [v for s, v in zip(uniq, vs) if s["kind"] == "mention"]
    lead = [v for s, v in zip(uniq, vs) if s["kind"] == "lead"]
    if ment and lead:
        # what was said about the day later and what was reported on it:
        # the words both use carry the day's news
        cm, cl = _mean(ment), _mean(lead)
        centre = {w: (cm[w] + cl[w]) / 2 for w in cm.keys() & cl.keys()} or _mean(vs)
    else:
        centre = _mean(vs)
    # every candidate shapes the centre, but an entry must stand alone: a
    # sentence opening on a pronoun or a connective leans on the one before
    alone = [(s, v) for s, v in zip(uniq, vs) if not _DANGLING.match(s["text"])]
    if alone:
        uniq, vs = [s for s, _ in alone], [v for _, v in alone]
    picked: list = []
    summary: Counter = Counter()
    # out: picked, or a near-repeat of a sentence already in the timeline
    # (checked once against ``taken``, then against each new pick)
    out = [any(_cos(v, t) > REPEAT_SIM for t in taken) for v in vs]
    while len(picked) < k:
        best, best_sim = None, 0.0
        for i, v in enumerate(vs):
            if out[i]:
                continue
            trial = Counter(summary)
            for w, x in v.items():
                trial[w] += x
            sim = _cos(centre, trial)
            if sim > best_sim + 1e-12:
                best, best_sim = i, sim
        if best is None:
            break
        picked.append((uniq[best], vs[best]))
        taken.append(vs[best])
        out[best] = True
        out = [o or _cos(v, vs[best]) > REPEAT_SIM for o, v in zip(out, vs)]
        for w, x in vs[best].items():
            summary[w] += x
    return [s for s, _ in picked]  # most central first


def _event_summary(e: dict) -> dict:
    return {
        "id": e["id"], "source": e["source_code"], "cameo": e["cameo"], "target": e["target_code"],
        "quad_class": e["quad_class"], "goldstein": e["goldstein"], "plover": e["plover"],
        "modality": e["modality"], "trigger": e["trigger_text"], "sentence": e["sentence_text"],
        "article_id": e["article_id"],
        "source_text": ", ".join(a["text"] for a in e["source"] or []),
        "target_text": ", ".join(a["text"] for a in e["target"] or []),
    }


def _articles(picked: list[dict], day: list[dict], corpus: dict) -> list[dict]:
    """The articles of the chosen sentences (``sentences``: which of the entry's
    sentences each gave), then those of the day's events."""
    seen: dict = {}
    for i, s in enumerate(picked):
        a = corpus.get(s["article_id"], {})
        seen.setdefault(s["article_id"], {"id": s["article_id"], "title": a.get("title"), "url": a.get("url"),
                                          "source": a.get("source"), "external_id": a.get("external_id"),
                                          "published": a["published"].isoformat() if a.get("published") else None,
                                          "sentences": []})["sentences"].append(i)
    for e in day:
        seen.setdefault(e["article_id"], {"id": e["article_id"], "title": e["article_title"], "url": e["url"],
                                          "source": e["outlet"], "published": None, "sentences": []})
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
        titles = "; ".join((a.get("title") or a.get("external_id") or a["id"]) for a in entry["articles"][:10])
        lines.append(f"  *sources: {titles}*")
        lines.append("")
    return "\n".join(lines)


def _e(x) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _monday(d: _dt.date) -> str:
    """The week of ``d``, by its Monday (YYYY-MM-DD)."""
    return (d - _dt.timedelta(days=d.weekday())).isoformat()


def weekly(store: Store, *, actor: str | None = None, cameo: str | None = None, since: str | None = None,
           until: str | None = None, **filters) -> dict:
    """Events per week (Monday) and quad class, over all events the filters
    select (not only those of the chosen dates): the report's chart."""
    evs = [e for e in query.events(store, actor=actor, cameo=cameo, since=since, until=until,
                                   **{k: v for k, v in filters.items() if v}) if e["date"] is not None]
    days = sorted(e["date"] for e in evs)
    if not days:
        return {}
    # the weeks holding 98% of the events: a few events dated decades back
    # (background history) would otherwise squash the period into a sliver
    lo, hi = days[len(days) // 100], days[-1 - len(days) // 100]
    weeks: dict = defaultdict(Counter)
    for e in evs:
        d = e["date"]
        if lo <= d <= hi:
            weeks[_monday(d)][e["quad_class"] or 0] += 1
    return dict(weeks)


def safe_url(url) -> str | None:
    """``url`` when it is a web address (http or https), else None: no
    ``javascript:`` or ``data:`` link from article metadata reaches a page."""
    return url if url and str(url).lower().startswith(("http://", "https://")) else None


def _link(a: dict) -> str:
    label = _e(a.get("title") or a.get("external_id") or a["id"])
    url = safe_url(a.get("url"))
    if url:
        return f"<a href='{_e(url)}' rel='noopener noreferrer'>{label}</a>"
    return label


def render_html(tl: list[dict], stats: dict | None = None, title: str = "diurna timeline",
                weeks: dict | None = None, places: list[dict] | None = None) -> str:
    """A self-contained HTML report (no external assets): a visual timeline
    of the chosen dates, the chart of events per week by quad class (over
    ``weeks`` from :func:`weekly`, else the entries' own events), a map of
    where events happened (``places`` from :func:`diurna.query.event_places`),
    each date's sentences with the article each comes from, its events, and
    who acts on whom.  Everything from the text is escaped."""
    own_weeks: dict = defaultdict(Counter)
    pairs: Counter = Counter()
    names: dict = {}
    for entry in tl:
        for ev in entry["events"]:
            if entry["date"]:
                d = _dt.date.fromisoformat(entry["date"])
                own_weeks[_monday(d)][ev["quad_class"] or 0] += 1
            if ev["source"] and ev["target"] and ev["source"] != ev["target"]:
                pairs[(ev["source"], ev["target"], ev["quad_class"] or 0)] += 1
                names.setdefault(ev["source"], ev.get("source_text"))
                names.setdefault(ev["target"], ev.get("target_text"))
    weeks = weeks or own_weeks
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{_e(title)}</title>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<style>body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h1{font-size:1.6rem}.date{border-left:3px solid #2b8cbe;padding:0 0 .6rem 1rem;margin:1.2rem 0}"
        ".date h2{font-size:1.1rem;margin:.2rem 0}.ev{font-size:.85rem;color:#555}.q{display:inline-block;"
        "width:.7rem;height:.7rem;border-radius:50%;margin-right:.3rem}table{border-collapse:collapse;font-size:.85rem}"
        "td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}.src{font-size:.8rem;color:#777}"
        "svg{max-width:100%;height:auto}.sent{margin:.3rem 0}.sent .src{display:block}"
        + "".join(f".q{q}{{background:{c}}}" for q, c in QUAD_COLOURS.items())
        + "</style><link rel='icon' href='data:,'></head><body>",
        f"<h1>{_e(title)}</h1>",
    ]
    if stats:
        parts.append("<p>" + _e(f"{stats.get('articles', 0)} articles, {stats.get('events', 0)} events, "
                                f"{stats.get('duplicates', 0)} duplicates") + "</p>")
    parts.append("<p>" + " ".join(f"<span class='q q{q}'></span>{_e(n)}"
                                  for q, n in QUAD_NAMES.items()) + "</p>")
    dated = [e for e in tl if e["date"]]
    if dated:
        parts.append("<h2>Timeline</h2>" + _timeline_svg(dated))
    if weeks:
        parts.append("<h2>Events per week</h2>" + _week_chart(weeks))
    if places:
        parts.append("<h2>Where</h2>" + places_svg(places) + "<h3>The ten busiest places</h3>"
                     + places_svg(places, fit=10) + _places_table(places))
    parts.append("<h2>Dates</h2>")
    for entry in tl:
        anchor = f" id='d-{_e(entry['date'])}'" if entry["date"] else ""
        parts.append(f"<section class='date'{anchor}><h2>{_e(entry['date'] or 'undated')}</h2><ul>")
        by_sentence = {i: a for a in entry["articles"] for i in a.get("sentences", [])}
        for i, s in enumerate(entry["sentences"]):
            a = by_sentence.get(i)
            src = ""
            if a:
                meta = ", ".join(str(x) for x in (a.get("source"), a.get("published")) if x)
                src = f"<span class='src'>— {_link(a)}{(' (' + _e(meta) + ')') if meta else ''}</span>"
            parts.append(f"<li class='sent'>{_e(s)}{src}</li>")
        parts.append("</ul><div class='ev'>")
        for ev in entry["events"][:12]:
            parts.append(f"<div><span class='q {_quad_class(ev['quad_class'])}'></span>"
                         f"{_e(ev['source_text'] or ev['source'])} {('[' + _e(ev['source']) + ']') if ev['source'] else ''} "
                         f"<b>{_e(ev['trigger'])}</b> ({_e(ev['cameo'])}) "
                         f"{_e(ev['target_text'] or '')} {('[' + _e(ev['target']) + ']') if ev['target'] else ''}"
                         f" <i>{_e(ev['modality'])}</i></div>")
        if len(entry["events"]) > 12:
            parts.append(f"<div>… {len(entry['events']) - 12} more events</div>")
        parts.append("</div><div class='src'>Sources: " + "; ".join(_link(a) for a in entry["articles"][:20])
                     + "</div></section>")
    if pairs:
        parts.append("<h2>Who acts on whom</h2><table><tr><th>source</th><th>target</th><th>class</th><th>events</th></tr>")
        for (s, t, q), n in pairs.most_common(25):
            sn = f" <span class='src'>{_e(names[s])}</span>" if names.get(s) else ""
            tn = f" <span class='src'>{_e(names[t])}</span>" if names.get(t) else ""
            parts.append(f"<tr><td>{_e(s)}{sn}</td><td>{_e(t)}{tn}</td><td><span class='q {_quad_class(q)}'>"
                         f"</span>{_e(QUAD_NAMES.get(q, q))}</td><td>{n}</td></tr>")
        parts.append("</table>")
    parts.append("<p class='src'>Generated by diurna.</p></body></html>")
    return "\n".join(parts)


def map_frame(points: list[tuple[float, float]], w: float = 900, h: float = 520, pad: float = 40,
              min_span: float = 4.0):
    """An equirectangular projection fitted to ``points`` (lon, lat): a
    function (lon, lat) -> (x, y) and the graticule step in degrees.  East-west
    distances are shrunk by the cosine of the middle latitude, as on a map."""
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lo_lon, hi_lon, lo_lat, hi_lat = min(lons), max(lons), min(lats), max(lats)
    k = max(0.2, math.cos(math.radians((lo_lat + hi_lat) / 2)))
    span_x, span_y = max((hi_lon - lo_lon) * k, min_span), max(hi_lat - lo_lat, min_span)
    scale = min((w - 2 * pad) / span_x, (h - 2 * pad) / span_y)
    mid_lon, mid_lat = (lo_lon + hi_lon) / 2, (lo_lat + hi_lat) / 2
    step = next(s for s in (1, 2, 5, 10, 20, 30, 60) if max(span_x / k, span_y) / s <= 8)
    return (lambda lon, lat: (w / 2 + (lon - mid_lon) * k * scale, h / 2 - (lat - mid_lat) * scale)), step


def places_svg(places: list[dict], w: int = 900, h: int = 520, labels: int = 20, fit: int | None = None) -> str:
    """Where events happened: a circle per place (area: its events, colour:
    its most frequent quad class) on a latitude/longitude grid, the busiest
    places named; the frame fits all places, or the ``fit`` busiest (places
    outside it are left out).  Places without coordinates (a country) are
    left out."""
    pts = sorted((p for p in places if p.get("lat") is not None and p.get("lon") is not None),
                 key=lambda p: -p["total"])
    if not pts:
        return "<p>No event has a place with coordinates.</p>"
    proj, step = map_frame([(p["lon"], p["lat"]) for p in pts[:fit or len(pts)]], w, h)
    drawn = [(p, *proj(p["lon"], p["lat"])) for p in pts]
    drawn = [(p, x, y) for p, x, y in drawn if 0 <= x <= w and 0 <= y <= h]
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {h}' width='{w}' height='{h}' role='img' "
           "aria-label='map of where events happened'><rect width='100%' height='100%' fill='#f4f7fa'/>"]
    for d in range(-180, 181, step):
        x = proj(d, 0)[0]
        if 0 <= x <= w:
            out.append(f"<line x1='{x:.1f}' y1='0' x2='{x:.1f}' y2='{h}' stroke='#dde3ea'/>"
                       f"<text x='{x + 2:.1f}' y='{h - 4}' font-size='9' fill='#889'>{abs(d)}°{'E' if d >= 0 else 'W'}</text>")
    for d in range(-90, 91, step):
        y = proj(0, d)[1]
        if 0 <= y <= h:
            out.append(f"<line x1='0' y1='{y:.1f}' x2='{w}' y2='{y:.1f}' stroke='#dde3ea'/>"
                       f"<text x='2' y='{y - 2:.1f}' font-size='9' fill='#889'>{abs(d)}°{'N' if d >= 0 else 'S'}</text>")
    taken: list[tuple[float, float, float, float]] = []
    for i, (p, x, y) in enumerate(drawn):
        q = max(p["by_quad"].items(), key=lambda kv: kv[1])[0]
        r = min(30.0, 3 + 2.5 * math.sqrt(p["total"]))
        tip = f"{p['name']} ({p['country']}): {p['total']} events"
        out.append(f"<circle cx='{x:.1f}' cy='{y:.1f}' r='{r:.1f}' fill='{QUAD_COLOURS.get(int(q), '#888')}' "
                   f"fill-opacity='.6' stroke='#fff'><title>{_e(tip)}</title></circle>")
        box = label_box(x, y, r, len(p["name"]), w, taken) if i < labels else None
        if box:
            taken.append(box)
            out.append(f"<text x='{box[0]:.1f}' y='{box[1] + 10:.1f}' font-size='11'>{_e(p['name'])}</text>")
    out.append("</svg>")
    return "".join(out)


def label_box(x: float, y: float, r: float, chars: int, w: float, taken: list) -> tuple | None:
    """Where a place's name goes (left, top, right, bottom): right of its
    circle, else left of it, else nowhere (names never overlap)."""
    lw = 6.3 * chars
    for left in (x + r + 2, x - r - 2 - lw):
        box = (left, y - 6, left + lw, y + 6)
        if box[0] >= 0 and box[2] <= w and not any(
                box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            return box
    return None


def _places_table(places: list[dict], top: int = 15) -> str:
    rows = "".join(f"<tr><td>{_e(p['name'])}</td><td>{_e(p['country'] or '')}</td><td>{_e(p['feature'] or '')}</td>"
                   f"<td>{p['total']}</td></tr>" for p in places[:top])
    return f"<table><tr><th>place</th><th>country</th><th>kind</th><th>events</th></tr>{rows}</table>"


def _timeline_svg(entries: list[dict]) -> str:
    """The chosen dates on a time axis: a dot per date (size: its articles,
    colour: its most frequent event class), linked to the date's entry."""
    days = [_dt.date.fromisoformat(e["date"]) for e in entries]
    first, last = min(days), max(days)
    span = max(1, (last - first).days)
    w, h, pad = 900, 92, 32
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {h}' width='{w}' height='{h}' role='img' "
           "aria-label='the dates of the timeline'>",
           f"<line x1='{pad}' y1='40' x2='{w - pad}' y2='40' stroke='#999'/>"]
    free = [-1e9] * 4
    for e, d in zip(entries, days):
        x = pad + (d - first).days / span * (w - 2 * pad)
        q = Counter(ev["quad_class"] or 0 for ev in e["events"]).most_common(1)
        col = QUAD_COLOURS.get(q[0][0] if q else 0, "#888")
        r = 4 + min(8, len(e["articles"]))
        tip = e["date"] + (": " + e["sentences"][0] if e["sentences"] else "")
        out.append(f"<a href='#d-{_e(e['date'])}'><circle cx='{x:.1f}' cy='40' r='{r}' fill='{col}' "
                   f"fill-opacity='.8'><title>{_e(tip)}</title></circle></a>")
        # a label goes in the first row (above, below, higher, lower) where it has room
        for row, y in enumerate((20, 70, 8, 84)):
            if x - free[row] >= 62:
                free[row] = x
                out.append(f"<text x='{x:.1f}' y='{y}' font-size='10' text-anchor='middle'>{_e(e['date'])}</text>")
                break
    out.append("</svg>")
    return "".join(out)


def _week_chart(weeks: dict) -> str:
    """Stacked bars of events per week by quad class, every week of the period on the axis."""
    keys = sorted(weeks)
    first, last = _dt.date.fromisoformat(keys[0]), _dt.date.fromisoformat(keys[-1])
    n = (last - first).days // 7 + 1
    peak = max(sum(c.values()) for c in weeks.values()) or 1
    w, h, pad = 900, 120, 20
    bw = (w - 2 * pad) / n
    out = [f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {w} {h + 30}' width='{w}' height='{h + 30}' "
           "role='img' aria-label='events per week by quad class'>"]
    for k in keys:
        i = (_dt.date.fromisoformat(k) - first).days // 7
        y = h
        for q in (1, 2, 3, 4, 0):
            c = weeks[k].get(q, 0)
            if not c:
                continue
            bh = c / peak * (h - 10)
            y -= bh
            out.append(f"<rect x='{pad + i * bw:.1f}' y='{y:.1f}' width='{max(1.0, bw - 1):.1f}' height='{bh:.1f}' "
                       f"fill='{QUAD_COLOURS[q]}'><title>{_e(k)}: {c} {_e(QUAD_NAMES[q])}</title></rect>")
    out.append(f"<text x='{pad}' y='{h + 20}' font-size='11'>{_e(keys[0])}</text>")
    out.append(f"<text x='{w - pad}' y='{h + 20}' font-size='11' text-anchor='end'>{_e(keys[-1])}</text>")
    out.append(f"<text x='{pad}' y='10' font-size='10' fill='#666'>peak {peak} events/week</text></svg>")
    return "".join(out)
