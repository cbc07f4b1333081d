"""events stage: parsed sentences and their actors to coded events.

A coder is anything with ``name`` and ``code(article, sentences) -> list[Event]``
(:class:`Coder`).  Coders are registered by name, like spaCy's registry, so the
pipeline, CLI and tests pick one with a string (``--coder rules``) and a later
coder can replace the first one without touching the callers::

    from diurna.events import register

    @register("mine")
    def make_mine():
        return MyCoder()

The CAMEO code table (``data/cameo.tsv``) gives each code its quad class,
Goldstein score and PLOVER type and mode: :func:`cameo_info`.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Protocol

from ..records import Article, Event, Sentence

__all__ = ["Coder", "CodeInfo", "cameo_info", "code_article", "get_coder", "register", "registered", "unique_ids"]


class Coder(Protocol):
    name: str

    def code(self, article: Article, sentences: list[Sentence]) -> list[Event]: ...


_REGISTRY: dict[str, Callable[[], Coder]] = {}
_INSTANCES: dict[str, Coder] = {}


def register(name: str):
    """Decorator: register a factory that builds the coder called ``name``."""

    def deco(factory):
        _REGISTRY[name] = factory
        return factory

    return deco


def registered() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_coder(name: str = "rules") -> Coder:
    """The (per-process, cached) coder called ``name``."""
    _load_builtin()
    if name not in _INSTANCES:
        try:
            factory = _REGISTRY[name]
        except KeyError:
            raise ValueError(f"unknown coder {name!r}; known: {', '.join(sorted(_REGISTRY))}") from None
        _INSTANCES[name] = factory()
    return _INSTANCES[name]


def unique_ids(events: list[Event]) -> list[Event]:
    """Make event ids unique within an article, in place: the first event of
    an id keeps it (``article:sentence:trigger``), a later one on the same
    trigger gets ``:2``, ``:3``... (ids stay stable from run to run, since a
    coder's output order is)."""
    used: set[str] = set()
    for e in events:
        base, k = e.id, 1
        while e.id in used:
            k += 1
            e.id = f"{base}:{k}"
        used.add(e.id)
    return events


def code_article(coder: Coder, article: Article, sentences: list[Sentence]) -> list[Event]:
    """``coder.code`` with ids unique by construction: what the pipeline and
    ``diurna code`` call, so no coder can hand the store two events of one id."""
    return unique_ids(coder.code(article, sentences))


def _load_builtin() -> None:
    from . import rules  # noqa: F401  (registers "rules")


@dataclass(frozen=True)
class CodeInfo:
    """One row of ``data/cameo.tsv``."""

    code: str
    label: str
    quad: int
    goldstein: float
    plover: str | None
    mode: str | None
    context: str | None


@lru_cache(maxsize=1)
def _cameo_table() -> dict[str, CodeInfo]:
    path = os.environ.get("DIURNA_CAMEO")
    text = (Path(path).read_text("utf-8") if path
            else resources.files("diurna").joinpath("data/cameo.tsv").read_text("utf-8"))
    rows = csv.DictReader((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
    out = {}
    for r in rows:
        plover = (r.get("plover") or "").strip()
        out[r["code"].strip()] = CodeInfo(
            r["code"].strip(), (r.get("label") or "").strip(), int(r["quad"]), float(r["goldstein"]),
            None if plover in ("", "-") else plover, (r.get("mode") or "").strip() or None,
            (r.get("context") or "").strip() or None)
    return out


def quad_of(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def cameo_info(code: str) -> CodeInfo:
    """Quad class, Goldstein score, PLOVER type of a CAMEO code (falling back
    to the nearest listed parent code)."""
    table = _cameo_table()
    c = code
    while c:
        if c in table:
            info = table[c]
            return info if c == code else CodeInfo(code, info.label, info.quad, info.goldstein,
                                                   info.plover, info.mode, info.context)
        c = c[:-1] if len(c) > 3 else (c[:2] + "0" if len(c) == 3 and not c.endswith("0") else "")
    return CodeInfo(code, "", quad_of(code), 0.0, None, None, None)
