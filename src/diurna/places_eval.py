"""Scoring place resolution (``diurna eval places``) on ``bench/places_gold.tsv``:
gold places written for this project on lines of the t17 BBC Syria articles
(see the file's header for how the lines were chosen).  A gold place counts
as resolved when a predicted place covers its words in that line, in the
same country, and (for towns and cities) within 50 km of the gold point."""

from __future__ import annotations

import csv
import math
from pathlib import Path


def _km(a, b, c, d) -> float:
    p1, p2, dl = math.radians(a), math.radians(c), math.radians(d - b)
    x = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(x))


def evaluate(root: Path, gold_file: Path) -> dict:
    from .nlp import flatten, load
    from .places import find_places

    rows = list(csv.DictReader((ln for ln in gold_file.read_text("utf-8").splitlines() if not ln.startswith("#")),
                               delimiter="\t"))
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
    n = len(rows)
    return {"gold": n, "found": found, "correct": ok, "accuracy": ok / n if n else 0.0,
            "precision": ok / found if found else 0.0, "misses": misses,
            "small": sum(1 for r in rows if r["note"] == "small")}


def markdown_section(r: dict, command: str = "diurna eval places") -> str:
    miss = "; ".join(f"{s} ({why})" for s, why in r["misses"]) or "none"
    return "\n".join([
        "## Places (gold written for diurna on t17 BBC Syria lines)", "",
        f"Command: `{command}`; gold `bench/places_gold.tsv` ({r['gold']} places in 21 lines; how chosen: see the "
        "file). Correct = same country and, for towns and cities, within 50 km.", "",
        "| gold places | found | correct | accuracy | precision of found | villages in gold (not in GeoNames 15k) |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {r['gold']} | {r['found']} | {r['correct']} | {100 * r['accuracy']:.1f} | {100 * r['precision']:.1f} | "
        f"{r['small']} |", "", f"Misses: {miss}."])
