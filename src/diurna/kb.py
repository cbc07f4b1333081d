"""Knowledge bases shared by stages: office-holders, conflicts, memberships
of bodies and dated events.

All are data files (``data/officeholders.tsv``, ``data/conflicts.tsv``,
``data/memberships.tsv``, ``data/dated_events.tsv``, formats in
``data/README.md``); this module only loads and indexes them.
It imports no stage, so the time stage (publication dates from office
tenures) and the actors stage (people resolved in time) can both use it.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Conflict", "DatedEvent", "Membership", "Office", "conflicts", "dated_events", "memberships",
           "offices", "offices_by_name"]


@dataclass(frozen=True)
class Office:
    """One term of one person in one office."""

    name: str
    aliases: tuple[str, ...]
    country: str | None
    role: str
    sector: str
    start: dt.date
    end: dt.date | None   # None: in office when the row was written
    source: str

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Conflict:
    country: str
    names: tuple[str, ...]
    nouns: tuple[str, ...]
    start: dt.date
    end: dt.date | None
    source: str


@dataclass(frozen=True)
class Membership:
    """One term of one country in a body whose members change (the UN Security Council)."""

    body: str
    country: str
    names: tuple[str, ...]
    start: dt.date
    end: dt.date
    source: str


@dataclass(frozen=True)
class DatedEvent:
    """An event (kind ``event``) or a state of the world (kind ``state``) with its dates.

    cues   regular expressions that must all match one sentence for it to
           refer to this row (lower-cased text)
    done   a regular expression that, matched in that sentence, says the
           state is over ("vetoed", "adopted"); None for events
    """

    name: str
    kind: str
    cues: tuple[str, ...]
    done: str | None
    start: dt.date
    end: dt.date | None
    source: str


def _read(name: str, env: str) -> list[dict]:
    path = os.environ.get(env)
    text = Path(path).read_text("utf-8") if path else resources.files("diurna").joinpath(f"data/{name}").read_text("utf-8")
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def _date(s: str) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


@lru_cache(maxsize=1)
def offices() -> tuple[Office, ...]:
    out = []
    for r in _read("officeholders.tsv", "DIURNA_OFFICEHOLDERS"):
        out.append(Office(r["name"], tuple(a for a in r["aliases"].split("|") if a), r["country"] or None,
                          r["role"], r["sector"], _date(r["start"]), _date(r["end"]), r["source"]))
    return tuple(out)


@lru_cache(maxsize=1)
def offices_by_name() -> dict[str, tuple[Office, ...]]:
    """Lower-cased full names and aliases -> the terms they may refer to."""
    idx: dict[str, list[Office]] = {}
    for o in offices():
        for key in {o.name.lower(), *(a.lower() for a in o.aliases)}:
            idx.setdefault(key, []).append(o)
    return {k: tuple(v) for k, v in idx.items()}


@lru_cache(maxsize=1)
def conflicts() -> tuple[Conflict, ...]:
    return tuple(Conflict(r["country"], tuple(r["names"].split("|")), tuple(r["nouns"].split("|")),
                          _date(r["start"]), _date(r["end"]), r["source"])
                 for r in _read("conflicts.tsv", "DIURNA_CONFLICTS"))


@lru_cache(maxsize=1)
def memberships() -> tuple[Membership, ...]:
    return tuple(Membership(r["body"], r["country"], tuple(n for n in r["names"].split("|") if n),
                            _date(r["start"]), _date(r["end"]), r["source"])
                 for r in _read("memberships.tsv", "DIURNA_MEMBERSHIPS"))


@lru_cache(maxsize=1)
def dated_events() -> tuple[DatedEvent, ...]:
    return tuple(DatedEvent(r["name"], r["kind"], tuple(c.strip() for c in r["cues"].split(" & ") if c.strip()),
                            r["done"] or None, _date(r["start"]), _date(r["end"]), r["source"])
                 for r in _read("dated_events.tsv", "DIURNA_DATED_EVENTS"))
