"""Scoring places (``diurna eval places``) on gold written for this project
on lines of the t17 BBC Syria articles (see each file's header for how the
lines were chosen).

* **Place resolution**, ``bench/places_gold.tsv``: a gold place counts as
  resolved when a predicted place covers its words in that line, in the
  same country, and (for towns and cities) within 50 km of the gold point.
* **Event locations**, ``bench/event_locations_gold.tsv``: for the main
  event of each line (its trigger word), the place where it happened or
  none.  Each article is coded whole (the event coder, places resolved with
  the article's countries); the answer is the location of the coded event
  whose trigger is the gold trigger, none when the coder gives no event
  there (``coded`` says how often it gave one).  A second row asks
  :func:`diurna.places.place_at` directly for every gold trigger (with the
  coded event's CAMEO code when there is one), which measures the locative
  rules apart from event detection.  Right = same country and, for a town
  or city, within 50 km; a gold country needs a country.  Scores: precision
  of the locations given, recall of the gold places, and how many of the
  events without a stated place were left without one.
* **Event locations, wide**, ``bench/event_locations_wide_gold.tsv``: the
  same measures on 180 events drawn by a fixed rule (:func:`draw_wide`) from
  t17, TempEval-3 and PolNeAR (files relative to the data root); a gold
  region (note ``region``) is right within 250 km of its point.

The splits: ``resolution`` (place resolution), then the sets of the event
location gold files: ``dev`` and ``held-out``, ``wide-dev`` and
``wide-held-out``.  The gold files are in ``bench/`` of the repository
(:func:`diurna.evaluation.data.repo_file`)."""

from __future__ import annotations

import csv
import math
import re
from pathlib import Path

from .data import repo_file
from .metrics import share
from .sections import pct

T17 = "t17-syria-bbc/InputDocs"
DATA = (T17, "tempeval3", "polnear-dev")
GOLD = {"resolution": "places_gold.tsv", "dev": "event_locations_gold.tsv", "held-out": "event_locations_gold.tsv",
        "wide-dev": "event_locations_wide_gold.tsv", "wide-held-out": "event_locations_wide_gold.tsv"}
SPLITS = tuple(GOLD)


def _km(a, b, c, d) -> float:
    p1, p2, dl = math.radians(a), math.radians(c), math.radians(d - b)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(x))


def _gold_rows(gold_file: Path) -> list[dict]:
    """The rows of a gold TSV file, its ``#`` comment lines left out."""
    return list(csv.DictReader((ln for ln in gold_file.read_text("utf-8").splitlines() if not ln.startswith("#")),
                               delimiter="\t"))


def evaluate(root: Path, split: str, gold: str | Path | None = None, nlp=None) -> dict:
    """The scores of one split (see the module docstring) under the data root
    ``root``; ``gold``: another gold file for place resolution."""
    if split not in GOLD:
        raise ValueError(f"no places split {split!r} (splits: {', '.join(SPLITS)})")
    root = Path(root)
    gold_file = Path(gold) if gold and split == "resolution" else repo_file(f"bench/{GOLD[split]}")
    if split == "resolution":
        return {"split": split, **evaluate_resolution(root / T17, gold_file)}
    # the wide gold's files are relative to the data root, the other's to t17's articles
    base = root if split.startswith("wide-") else root / T17
    return {"split": split, **evaluate_events(base, gold_file, nlp, split)}


def evaluate_resolution(root: Path, gold_file: Path) -> dict:
    """Place resolution on the lines of the t17 articles (``root``: their folder)."""
    from ..nlp import flatten, load
    from ..places import find_places

    rows = _gold_rows(gold_file)
    nlp = load()
    cache = {}
    ok = found = 0
    misses = []
    for r in rows:
        key = (r["file"], int(r["line"]))
        if key not in cache:
            line = (root / r["file"]).read_text("utf-8", errors="replace").split("\n")[key[1] - 1]
            line = line.replace("-LRB-", "(").replace("-RRB-", ")")
            cache[key] = (line, find_places(line, flatten(nlp(line))))
        line, places = cache[key]
        i = line.find(r["surface"])
        hit = next((p for p in places if i >= 0 and p.start <= i < p.end), None)
        if hit is None:
            misses.append((r["surface"], "not found"))
            continue
        found += 1
        good = hit.country == r["country"]
        if good and r["lat"]:
            good = hit.lat is not None and _km(hit.lat, hit.lon, float(r["lat"]), float(r["lon"])) <= 50
        ok += good
        if not good:
            misses.append((r["surface"], f"{hit.name} {hit.country}"))
    return {"gold": len(rows), "found": found, "correct": ok, "accuracy": share(ok, len(rows)),
            "precision": share(ok, found), "misses": misses,
            "small": sum(1 for r in rows if r["note"] == "small")}


def _right(loc: dict | None, golds: list[dict]) -> bool:
    if loc is None:
        return False
    for g in golds:
        if loc["country"] != g["country"]:
            continue
        radius = 250 if g.get("note", "").startswith("region") else 50
        if not g["lat"]:
            if loc["feature"] == "country":
                return True
        elif loc.get("lat") is not None and _km(loc["lat"], loc["lon"], float(g["lat"]), float(g["lon"])) <= radius:
            return True
    return False


def _article_text(root: Path, file: str) -> tuple[str, str | None]:
    """(text, publication day) of a gold file: a t17 article (its folder is the
    day), a TimeML file (the text of ``<TEXT>``, the DCT) or a PolNeAR text
    (the day in its name)."""
    path = root / file
    if file.endswith(".tml"):
        from .timex import read_tml

        text, dct = read_tml(path)[:2]
        return text, (dct or "")[:10] or None
    text = path.read_text("utf-8", errors="replace").replace("-LRB-", "(").replace("-RRB-", ")")
    m = re.search(r"\d{4}-\d{2}-\d{2}", file)
    return text, m.group(0) if m else None


# the rule that drew bench/event_locations_wide_gold.tsv (see its header)
_EVENT_WORDS = (r"\b(killed|kill|attack(s|ed|ing)?|shell(s|ed|ing)|bomb(s|ed|ing)?|bombardment|clash(es|ed)?|"
                r"fight(s|ing)?|protest(s|ed|ing)?|met|meet(s|ing)?|talks|raid(s|ed)?|strikes?|fired|arrest(s|ed)?|"
                r"seiz(ed|ure)|captur(ed|e)|storm(ed|ing)|massacres?|explosions?|exploded|demonstrat(ions?|ed)|"
                r"rall(y|ies|ied)|visit(s|ed|ing)?|held|deploy(ed|ment)|defect(ed|ions?)|fled|entered|"
                r"launch(ed|es)?|shot|shooting|signed|spoke|speech|debate|died|wounded|injured|invad(ed|e)|invasion|"
                r"march(ed|es)?|crash(ed)?|vot(e|ed|ing))\b")
_DAYS = ("January|February|March|April|May|June|July|August|September|October|November|December|"
         "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday")
_LOCATIVE_CAP = (r"\b(in|at|near|outside|inside|across|around|throughout|on|into|to|from|over|against)\s+(the\s+)?"
                 rf"(?!(?:{_DAYS})\b)[A-Z][a-z]")
WIDE_COUNTS = {"t17": ((35, 15), (7, 3)), "tempeval3": ((30, 15), (7, 3)), "polnear": ((35, 20), (7, 3))}


def draw_wide(data: Path, used: set[str]) -> list[dict]:
    """The events of the wide gold set, drawn by its fixed rule from the data
    folder (``used``: t17 files of the other gold sets, left out)."""
    event, loc = re.compile(_EVENT_WORDS), re.compile(_LOCATIVE_CAP)
    split = re.compile(r"(?<=[.!?])[\"”']?\s+(?=[A-Z\"“])")
    files = {"t17": [f"t17-syria-bbc/InputDocs/{f.parent.name}/{f.name}"
                     for f in sorted((data / "t17-syria-bbc/InputDocs").glob("*/*.txt"))
                     if f"{f.parent.name}/{f.name}" not in used],
             "tempeval3": [str(f.relative_to(data)) for f in sorted((data / "tempeval3").glob("*/*.tml"))],
             "polnear": [str(f.relative_to(data)) for f in sorted((data / "polnear-dev/text").glob("*.txt"))]}
    out, out2 = [], []
    for corpus, names in files.items():
        strata: dict[str, list[dict]] = {"A": [], "B": []}
        seen = set()
        for rel in names:
            for line_no, line in enumerate(_article_text(data, rel)[0].split("\n"), 1):
                pos = 0
                for sent in split.split(line):
                    start = line.index(sent, pos)
                    pos = start + len(sent)
                    key = re.sub(r"\W+", " ", sent.lower())
                    if not 8 <= len(sent.split()) <= 60 or key in seen:
                        continue
                    seen.add(key)
                    m = event.search(sent)
                    if not m:
                        continue
                    off, trig = start + m.start(), m.group(0)
                    for w in re.finditer(r"\S+", line[off:]):
                        if line.find(trig) == off:
                            break
                        trig = line[off:off + w.end()]
                    if line.find(trig) == off:
                        strata["A" if loc.search(sent) else "B"].append(
                            {"file": rel, "line": line_no, "trigger": trig, "sentence": sent})
        (held_a, held_b), (dev_a, dev_b) = WIDE_COUNTS[corpus]
        for name, held, dev in (("A", held_a, dev_a), ("B", held_b, dev_b)):
            lst = strata[name]
            step = len(lst) // held
            out += [{**lst[step * j], "stratum": name, "set": "wide-held-out"} for j in range(held)]
            out += [{**lst[step * j + step // 2], "stratum": name, "set": "wide-dev"} for j in range(dev)]
            # a second dev batch, one sentence further on (added after the first dev batch was read)
            out2 += [{**lst[step * j + step // 2 + 1], "stratum": name, "set": "wide-dev"} for j in range(dev)]
    return out + out2


def evaluate_events(root: Path, gold_file: Path, nlp=None, subset: str | None = None, cache: dict | None = None) -> dict:
    """Event-location precision, recall and 'none' accuracy (see the module
    docstring), on the rows of one ``set`` of the gold file (all with None);
    ``cache`` keeps parsed articles between calls."""
    from dataclasses import asdict

    from ..events import get_coder
    from ..nlp import flatten, load
    from ..places import find_places, place_at
    from ..records import Article
    from ..syntax import children

    rows = _gold_rows(gold_file)
    items: dict[tuple, list[dict]] = {}
    for r in rows:
        if subset is not None and r.get("set") != subset:
            continue
        items.setdefault((r["file"], int(r["line"]), r["trigger"]), []).append(r)
    nlp = nlp or load()
    coder = get_coder("rules")
    nouns = getattr(coder, "nouns", {})
    cache = {} if cache is None else cache
    counts = {k: {"given": 0, "right": 0, "none_ok": 0} for k in ("coded", "clause")}
    coded = 0
    misses = []
    for (file, line_no, trigger), golds in items.items():
        if file not in cache:
            text, day = _article_text(root, file)
            art = Article(id=file, origin=file, text=text, published=day)
            sents = flatten(nlp(text))
            cache[file] = (text, sents, coder.code(art, sents), find_places(text, sents))
        text, sents, events, places = cache[file]
        start = sum(len(x) + 1 for x in text.split("\n")[:line_no - 1])
        off = text.index(trigger, start)
        ev = next((e for e in events if e.trigger.start == off), None)
        coded += ev is not None
        s = next(x for x in sents if x.start <= off < x.end)
        t = next(i for i, o in enumerate(s.offsets) if o == off)
        p = place_at(s, t, children(s), places, ev.cameo if ev else "", nouns.keys())
        answers = {"coded": asdict(ev.location) if ev and ev.location else None, "clause": asdict(p) if p else None}
        has_gold = any(g["surface"] for g in golds)
        for k, loc in answers.items():
            c = counts[k]
            if loc is not None:
                c["given"] += 1
                c["right"] += _right(loc, golds)
            elif not has_gold:
                c["none_ok"] += 1
            if k == "clause" and (loc is not None or has_gold) and not _right(loc, golds):
                given = f"{loc['name']} {loc['country']}" if loc else "none"
                misses.append((trigger, golds[0]["surface"] or "none", given))
    with_place = sum(1 for g in items.values() if any(x["surface"] for x in g))
    out = {"set": subset or "all", "events": len(items), "with_place": with_place, "n_coded": coded, "misses": misses}
    for k, c in counts.items():
        out[k] = {**c, "precision": share(c["right"], c["given"]), "recall": share(c["right"], with_place),
                  "none_accuracy": share(c["none_ok"], len(items) - with_place)}
    return out


def markdown(results: list[dict]) -> str:
    r = next(x for x in results if x["split"] == "resolution")
    ev = [x for x in results if x["split"] != "resolution"]
    miss = "; ".join(f"{s} ({why})" for s, why in r["misses"]) or "none"
    return "\n".join([
        "## Places (gold written for diurna on t17 BBC Syria lines)", "",
        f"Command: `diurna eval places`; gold `bench/places_gold.tsv` ({r['gold']} places in 21 lines; how chosen: see the "
        "file). Correct = same country and, for towns and cities, within 50 km.", "",
        "| gold places | found | correct | accuracy | precision of found | villages in gold (not in GeoNames 15k) |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {r['gold']} | {r['found']} | {r['correct']} | {100 * r['accuracy']:.1f} | {100 * r['precision']:.1f} | "
        f"{r['small']} |", "", f"Misses: {miss}."] + (_events_section(ev) if ev else []))


def _events_section(evs: list[dict]) -> list[str]:
    lines = ["", "### Event locations", "",
             "Gold `bench/event_locations_gold.tsv`: the main event of lines chosen by a fixed rule (see the file), "
             "with the place it happened or none. Set `dev`: the locative rules were revised after reading it; "
             "`held-out`: annotated before it was first scored, its errors never used. *coded*: the location of the event "
             "the coder gives at the gold trigger (none when it codes no event there); *clause*: `place_at` asked "
             "directly on the gold trigger. Sets `wide-dev` / `wide-held-out`: gold "
             "`bench/event_locations_wide_gold.tsv`, events drawn by a fixed rule from t17, TempEval-3 and PolNeAR "
             "(see the file; a region is right within 250 km); `wide-held-out` was annotated in full before it was "
             "first scored, and its errors are never shown.", "",
             "| set | events | with a place | coded at the trigger | answer | locations given | right | precision "
             "| recall | no place, left empty |", "|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"]
    for ev in evs:
        none = ev["events"] - ev["with_place"]
        for k in ("coded", "clause"):
            c = ev[k]
            lines.append(f"| {ev['set']} | {ev['events']} | {ev['with_place']} | {ev['n_coded']} | {k} | "
                         f"{c['given']} | {c['right']} | {pct(c['precision'])} | {pct(c['recall'])} | "
                         f"{c['none_ok']}/{none} ({pct(c['none_accuracy'])}) |")
    for ev in evs:
        if "held-out" not in ev["set"]:  # held-out errors are not shown, so that no rule is written from them
            miss = "; ".join(f"{t} → {g}, given {p}" for t, g, p in ev["misses"]) or "none"
            lines += ["", f"Wrong or missing ({ev['set']}, clause): {miss}."]
    return lines
