"""Bring your own PETRARCH-2 style dictionaries.

Readers for the three dictionary formats of PETRARCH-2 / TABARI (documented
in PETRARCH's ``docs/source/dictionaries.rst``), turned into diurna's own
structures, so a project with years of dictionary work can code with diurna:

* verbs (``CAMEO.2.0.txt`` style): ``--- NAME [code] ---`` blocks of verb
  lines (``SAY {SAID}``, ``CLEAR_UP``, each with an optional ``[code]``)
  followed by ``- ...`` patterns.  Every verb becomes a
  :class:`~diurna.events.rules.VerbPattern` with the block's (or its own)
  code; a pattern of the simple form ``- * PREP [code]`` / ``- ** PREP +
  [code]`` becomes a verb+preposition pattern.  Other patterns (noun
  phrases, synsets) are counted and skipped: diurna's coder works on the
  dependency parse, not on PETRARCH's phrase patterns.
* actors (``Phoenix.Countries.actors.txt`` style): ``PHRASE_ [CODE]`` with
  ``+SYNONYM`` lines and tab-indented ``[CODE dates]`` restrictions; the
  default code (else the most recent restriction) is used.
* agents (``Phoenix.agents.txt`` style): ``PHRASE {plural} [~GOV]`` become
  sector nouns.

Use them with ``diurna run --petrarch-verbs FILE --petrarch-actors FILE
--petrarch-agents FILE`` (or the ``DIURNA_PETRARCH_*`` environment
variables); they are added to diurna's own files, yours first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .rules import VerbPattern

__all__ = ["PetrarchVerbs", "read_actors", "read_agents", "read_verbs"]

_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]\s]+)(?:\s+[^\]]*)?\]")


def _strip(text: str) -> list[str]:
    text = _COMMENT.sub("", text)
    out = []
    for line in text.splitlines():
        line = re.split(r"\s[#;]|^[#;]", line, maxsplit=1)[0].rstrip()
        out.append(line)
    return out


def _phrase(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("_", " ")).strip().lower()


@dataclass
class PetrarchVerbs:
    patterns: list[VerbPattern] = field(default_factory=list)
    skipped_patterns: int = 0


def read_verbs(path: str | Path) -> PetrarchVerbs:
    out = PetrarchVerbs()
    block_code = None
    current: list[str] = []
    for line in _strip(Path(path).read_text("utf-8", errors="replace")):
        s = line.strip()
        if not s:
            continue
        if s.startswith("---"):
            m = _CODE.search(s)
            block_code = m.group(1) if m else None
            current = []
            continue
        if s.startswith("###"):
            block_code, current = None, []
            continue
        if s.startswith(("&", "+")):
            continue  # synsets: not used by the parse-based coder
        if s.startswith("-"):
            m = _CODE.search(s)
            body = _CODE.sub("", s[1:]).replace("*", " ").replace("+", " ").split()
            if m and len(body) == 1 and body[0].isalpha() and current and m.group(1) != "---":
                for lemma in current:
                    out.patterns.append(VerbPattern(lemma, body[0].lower(), None, m.group(1), "PETRARCH pattern"))
            else:
                out.skipped_patterns += 1
            continue
        m = _CODE.search(s)
        words = re.sub(r"\{[^}]*\}", "", _CODE.sub("", s)).strip()
        if not words:
            continue
        code = m.group(1) if m else block_code
        if block_code is None and m:
            block_code = m.group(1)
        parts = _phrase(words).split()
        lemma, prep = parts[0], " ".join(parts[1:]) or None
        current.append(lemma)
        if code and code != "---":
            out.patterns.append(VerbPattern(lemma, prep, None, code, "PETRARCH verb"))
    return out


def read_actors(path: str | Path) -> list[dict]:
    """Rows for :class:`~diurna.actors.Gazetteer` (phrase, code, country, sector, kind)."""
    rows: list[dict] = []
    record: list[str] = []
    default = None
    dated: list[str] = []

    def flush():
        code = default or (dated[-1] if dated else None)
        if code and record:
            # CAMEO actor codes: a 3-letter country (or IGO/NGO/IMG/MNC) code, then sectors
            head = code[:3]
            if head in ("IGO", "NGO", "IMG", "MNC", "NGM"):
                country, sector, kind = "", head if head in ("IGO", "NGO") else "REB", {"IGO": "igo", "NGO": "ngo"}.get(head, "group")
            else:
                country, sector = head, code[3:6]
                kind = "country" if not sector else "seat"
            for p in record:
                rows.append({"phrase": p, "code": code, "country": country, "sector": sector, "kind": kind})

    for raw in _strip(Path(path).read_text("utf-8", errors="replace")):
        if not raw.strip():
            continue
        if raw[0] in " \t" and raw.strip().startswith("["):
            m = _CODE.search(raw)
            if m:
                dated.append(m.group(1))
            continue
        s = raw.strip()
        if s.startswith("+"):
            record.append(_phrase(_CODE.sub("", s[1:])))
            continue
        flush()
        m = _CODE.search(s)
        default = m.group(1) if m else None
        record, dated = [_phrase(_CODE.sub("", s))], []
    flush()
    return [r for r in rows if r["phrase"]]


def read_agents(path: str | Path) -> list[dict]:
    """Rows for the sector table (phrase, sector, role)."""
    rows = []
    for raw in _strip(Path(path).read_text("utf-8", errors="replace")):
        s = raw.strip()
        if not s or s.startswith("!"):
            continue
        m = _CODE.search(s)
        if not m:
            continue
        code = m.group(1).replace("~", "")[:3]
        plural = re.search(r"\{([^}]*)\}", s)
        phrase = _phrase(re.sub(r"\{[^}]*\}", "", _CODE.sub("", s)))
        if not phrase or "!" in phrase:
            continue
        rows.append({"phrase": phrase, "sector": code, "role": ""})
        if plural is None:
            rows.append({"phrase": phrase + ("es" if phrase.endswith("ss") else "s"), "sector": code, "role": ""})
        elif plural.group(1).strip():
            rows.append({"phrase": _phrase(plural.group(1)), "sector": code, "role": ""})
    return rows
