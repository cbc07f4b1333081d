"""The sections of ``docs/benchmarks.md``: each benchmark and evaluator owns
one, between ``<!-- bench:NAME -->`` and ``<!-- /bench:NAME -->``; writing it
replaces that section and leaves the others alone.  Figures are never typed
by hand."""

from __future__ import annotations

import re
from pathlib import Path

DEFAULT_OUTPUT = "docs/benchmarks.md"
HEADER = ("# Benchmarks\n\nWritten by the benchmark commands (`make bench`, `diurna bench ...`); "
          "do not edit figures by hand.\n")


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"


def remove_section(path: Path, name: str) -> None:
    if path.exists():
        start, end = _markers(name)
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n*" + re.escape(start) + r".*?" + re.escape(end) + r"\n?", "\n", text, flags=re.S)
        path.write_text(text, encoding="utf-8")


def write_section(path: Path, name: str, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    start, end = _markers(name)
    block = f"{start}\n{body.strip()}\n{end}"
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def pct(x: float) -> str:
    """A share as a percentage with one decimal, as the tables give it."""
    return f"{100 * x:.1f}"
