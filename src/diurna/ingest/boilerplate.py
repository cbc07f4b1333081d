"""Boilerplate removal and title detection for plain text scraped from the web.

Text copied out of a web page carries the page around the article: donation
banners, "Also read" links to other stories, photo captions and credits,
newsletter prompts, comment forms, "Related" link lists, copyright lines and a
headline repeated at the end.  This module classifies each line (or paragraph,
for hard-wrapped text) of the page with general features, not a list of known
strings, so that it works on pages of sites it has never seen:

* **sentence shape**: does the line end like a sentence (``.``, ``!``, ``?``,
  possibly followed by closing quotes or brackets), how many words it has, its
  ratio of stop words (prose ~0.4, headlines and link lists ~0.1-0.3) and of
  capitalised content words (headline case);
* **cues** from ``data/boilerplate.tsv``: call-to-action and site-furniture
  vocabulary, link-list leads ("Also read", "Read more:"), list headers
  ("Related news"), caption and credit patterns, legal lines;
* **markup**: text that is HTML tags;
* **position**: what stands before the title or after the last sentence of the
  reporting is page furniture unless it is prose itself.

A cue alone never removes a sentence of reporting: a long sentence ending in a
full stop is removed only when it is a caption or when its cues and its address
to the reader ("you", "our", an exclamation mark) add up.

The title of a plain-text article is the first short, non-sentence, cue-free
line before the reporting starts; failing that, a headline-cased line after
the reporting ends (some scrapers put the headline last).  A line repeating
the title is removed.

Everything removed is returned with a reason, so the decision can be audited
(``diurna articles --format jsonl`` shows the ``removed`` list).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

__all__ = ["CleanText", "Line", "clean_plain_text", "classify_lines", "load_cues"]

_SENT_END = re.compile(r"[.!?…][\"'”’»)\]\s]*$")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_TAGS = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s+[^<>]*)?/?\s*>")
_MENU_SEP = re.compile(r"\s[|•·›»/]\s")
_SECOND_PERSON = re.compile(r"\b(you|your|yours|our|us)\b", re.I)
_DATELINE = re.compile(r"^[A-Z][A-Z .'-]{2,40}(,\s*[A-Z][\w. ]{2,30})?\s*(\([^)]{1,30}\))?\s*[—–-]{1,2}\s")


@dataclass
class CleanText:
    """Result of :func:`clean_plain_text`.

    title:   the detected (or given) title, or None
    text:    the kept paragraphs, separated by blank lines
    removed: ``(line, reason)`` for every line that was dropped
    """

    title: str | None
    text: str
    removed: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Line:
    """One unit of the page (a line, or a paragraph of hard-wrapped text)."""

    text: str
    n_words: int
    sentence: bool      # ends like a sentence
    stop_ratio: float   # stop words / words
    cap_ratio: float    # capitalised / content words
    cues: dict[str, int]
    prose: bool = False
    label: str = ""     # "keep", "title" or a removal reason


@lru_cache(maxsize=1)
def load_cues() -> dict[str, list[re.Pattern]]:
    """Cue regexes by kind, from ``diurna/data/boilerplate.tsv``."""
    cues: dict[str, list[re.Pattern]] = {}
    text = resources.files("diurna").joinpath("data/boilerplate.tsv").read_text("utf-8")
    for n, row in enumerate(text.splitlines(), 1):
        if not row.strip() or row.startswith("#"):
            continue
        kind, _, pattern = row.partition("\t")
        try:
            cues.setdefault(kind.strip(), []).append(re.compile(pattern.strip(), re.I))
        except re.error as exc:  # a data-file error must name its line
            raise ValueError(f"boilerplate.tsv line {n}: bad regex ({exc})") from None
    return cues


@lru_cache(maxsize=1)
def _cue_sets() -> list[tuple[str, re.Pattern, list[re.Pattern]]]:
    """Each kind's cues with one alternation of them all: most lines match
    none, and one search of the alternation tells so (a profile found the
    per-cue searches were most of the time of ingest)."""
    return [(kind, re.compile("|".join(f"(?:{p.pattern})" for p in pats), re.I), pats)
            for kind, pats in load_cues().items()]


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _features(text: str) -> Line:
    words = _WORD.findall(text)
    n = len(words)
    stops = _stop_words()
    lower = [w.lower().strip(".'’") for w in words]
    n_stop = sum(1 for w in lower if w in stops)
    content = [w for w, lw in zip(words, lower) if lw not in stops]
    # the first word of a line is capitalised anyway
    body = content[1:] if content and content[0] == words[0] else content
    cap = sum(1 for w in body if w[0].isupper()) / len(body) if body else 0.0
    cues = {}
    for kind, any_cue, patterns in _cue_sets():
        if any_cue.search(text):
            cues[kind] = sum(1 for p in patterns if p.search(text))
    sentence = bool(_SENT_END.search(text))
    line = Line(text, n, sentence, n_stop / n if n else 0.0, cap, cues)
    # prose: a sentence of some length, or a long unpunctuated paragraph that
    # reads like running text (not headline case)
    line.prose = (sentence and (n >= 8 or (n >= 5 and line.stop_ratio >= 0.15))) or (
        n >= 15 and line.stop_ratio >= 0.3 and cap < 0.5
    )
    if len(_MENU_SEP.findall(text)) >= 2 and not sentence:
        cues["menu"] = 1  # "Home | World | Politics": a navigation bar or a list of links
    tags = _TAGS.findall(text)
    if len(tags) >= 2:
        tag_chars = sum(len(m.group(0)) for m in _TAGS.finditer(text))
        # a sentence quoting a tag or two is still a sentence
        if not line.prose or tag_chars > 0.3 * len(text):
            cues["markup"] = len(tags)
    return line


def _units(raw: str) -> list[str]:
    """Lines of the page; hard-wrapped paragraphs are joined first."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    blocks = [b.split("\n") for b in re.split(r"\n[ \t\u00a0]*\n", raw)]
    multi = [ln.strip() for b in blocks if len(b) > 2 for ln in b[:-1] if ln.strip()]
    wrapped = False
    if len(multi) >= 4:
        lengths = [len(x) for x in multi]
        open_ends = sum(1 for x in multi if not _SENT_END.search(x)) / len(multi)
        wrapped = 40 <= statistics.median(lengths) <= 100 and open_ends >= 0.6 and (
            statistics.pstdev(lengths) < 0.25 * statistics.mean(lengths)
        )
    units: list[str] = []
    for b in blocks:
        lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in b]
        lines = [ln for ln in lines if ln]
        if wrapped and len(lines) > 1:
            units.append(" ".join(lines))
        else:
            units.extend(lines)
    return units


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return bool(a) and norm(a) == norm(b)


def classify_lines(raw: str, title: str | None = None) -> tuple[list[Line], str | None]:
    """Label every unit of ``raw``; return the units and the title."""
    lines = [_features(u) for u in _units(raw)]
    in_list = False
    for ln in lines:
        c = ln.cues
        if title and _same(ln.text, title):
            ln.label = "repeats the title"
        elif "markup" in c:
            ln.label = "HTML markup"
        elif "menu" in c:
            ln.label = "navigation or link bar"
        elif "legal" in c and ln.n_words < 30:
            ln.label = "copyright or legal line"
        elif "header" in c:
            ln.label = "link-list header"
            in_list = True
            continue
        elif "lead" in c or ("weaklead" in c and not ln.prose):
            ln.label = "link to other content"
        elif "caption" in c and ln.n_words <= 60:
            ln.label = "photo caption or credit"
        elif "cta" in c and not ln.prose:
            ln.label = "call to action or site furniture"
        elif "cta" in c and (
            c["cta"] >= 3 or ln.text.rstrip("\"'”’ ").endswith("!") or _SECOND_PERSON.search(ln.text)
        ) and not ln.text.lstrip().startswith(("“", '"', "‘")):
            ln.label = "call to action or site furniture"
        elif in_list and (not ln.prose or ln.cap_ratio >= 0.5) and ln.n_words <= 25:
            ln.label = "link-list entry"
            continue
        elif ln.prose:
            ln.label = "keep"
        else:
            ln.label = "short line, not a sentence"
        in_list = False

    kept = [i for i, ln in enumerate(lines) if ln.label == "keep"]
    if not title:
        title = _find_title(lines, kept)
    if kept:
        first = kept[0]
        for i, ln in enumerate(lines):
            if ln.label == "title":
                first = min(first, i)
        for ln in lines[:first]:
            if ln.label == "keep":
                ln.label = "before the title"
    seen: set[str] = set()
    for ln in lines:
        if ln.label == "keep":
            key = ln.text.lower()
            if key in seen:
                ln.label = "repeated line"
            seen.add(key)
    return lines, title


def _title_candidate(ln: Line) -> bool:
    return (
        ln.label == "short line, not a sentence"
        and 3 <= ln.n_words <= 25
        and not ln.text.rstrip("\"'”’) ").endswith(".")
        and not ln.text.rstrip().endswith((":", ",", ";"))
        and not ln.cues
        and not _DATELINE.match(ln.text)
    )


def _find_title(lines: list[Line], kept: list[int]) -> str | None:
    first = kept[0] if kept else len(lines)
    for ln in lines[:first]:
        if _title_candidate(ln):
            ln.label = "title"
            break
    else:
        last = kept[-1] if kept else -1
        # a headline after the reporting: headline case, or the top prose
        # line being itself a full sentence (no title at the top)
        for ln in lines[last + 1:]:
            if _title_candidate(ln) and ln.cap_ratio >= 0.6:
                ln.label = "title"
                break
        else:
            return None
    title = next(ln.text for ln in lines if ln.label == "title")
    for ln in lines:
        if ln.label != "title" and _same(ln.text, title):
            ln.label = "repeats the title"
    return title


def clean_plain_text(raw: str, title: str | None = None) -> CleanText:
    """Remove page furniture from ``raw``; detect the title unless given.

    >>> page = "Read more: Ten things to know\\n\\nMinisters met in Geneva on Monday to discuss the truce.\\n\\nShare this article"
    >>> r = clean_plain_text(page)
    >>> r.text
    'Ministers met in Geneva on Monday to discuss the truce.'
    >>> [reason for _, reason in r.removed]
    ['link to other content', 'call to action or site furniture']
    """
    lines, title = classify_lines(raw, title)
    text = "\n\n".join(ln.text for ln in lines if ln.label == "keep")
    removed = [(ln.text, ln.label) for ln in lines if ln.label not in ("keep", "title")]
    return CleanText(title=title, text=text, removed=removed)
