"""The architecture notes are how the next engineer finds the way: every
file, module, command and option they name exists, and what they say of the
import order holds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click

from diurna.cli import main

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "diurna"
DOCS = [REPO / "docs" / "architecture.md", REPO / "README.md"]


def _code_spans(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return re.findall(r"`([^`\n]+)`", text)


def test_the_files_named_exist():
    missing = []
    for doc in DOCS:
        for span in _code_spans(doc):
            for m in re.finditer(r"(?<![\w/.])((?:src/|tests/|docs/|bench/|diurna/)[\w/.-]+\.(?:py|md|tsv|html|js|css))",
                                 span):
                p = m.group(1)
                candidates = [REPO / p, REPO / "src" / p]
                if not any(c.exists() for c in candidates):
                    missing.append(f"{doc.name}: {p}")
    assert not missing, missing


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], click.Command]:
    out = {}
    for name, cmd in group.commands.items():
        out[prefix + (name,)] = cmd
        if isinstance(cmd, click.Group):
            out.update(_commands(cmd, prefix + (name,)))
    return out


def test_the_commands_and_options_named_exist():
    commands = _commands(main)
    wrong = []
    for doc in DOCS:
        for span in _code_spans(doc):
            if not span.startswith("diurna "):
                continue
            words = span.split()[1:]
            path: tuple[str, ...] = ()
            for w in words:
                if path + (w,) in commands:
                    path += (w,)
                else:
                    break
            if not path:
                wrong.append(f"{doc.name}: `{span}` names no command")
                continue
            cmd = commands[path]
            opts = {o for p in cmd.params for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
            for w in words[len(path):]:
                flag = w.split("=", 1)[0]
                if flag.startswith("--") and flag not in opts and not isinstance(cmd, click.Group):
                    wrong.append(f"{doc.name}: `{span}`: {' '.join(path)} has no {flag}")
    assert not wrong, wrong


STAGES = ["lexicon", "records", "syntax", "kb", "ingest", "nlp", "time", "actors", "places", "quotes", "events",
          "store", "stories", "query", "timeline", "export", "terminal", "pipeline", "serve", "cli"]


def _module_of(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return rel.parts[0]


def test_no_stage_imports_a_later_one():
    """The order of docs/architecture.md: a module imports only from those
    before it (evaluation and bench code stand apart and may import any)."""
    order = {name: i for i, name in enumerate(STAGES)}
    wrong = []
    for path in sorted(SRC.rglob("*.py")):
        me = _module_of(path)
        if me not in order:
            continue
        pkg = path.relative_to(SRC).parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or node.level == 0:
                continue
            base = list(pkg)[: len(pkg) - (node.level - 1)] if node.level > 1 else list(pkg)
            target = (base + (node.module or "").split("."))[0] if (base or node.module) else ""
            if not target:  # "from . import x" at the package root
                names = [a.name for a in node.names]
                target = names[0]
            if target in order and order[target] > order[me]:
                wrong.append(f"{path.relative_to(SRC)}:{node.lineno} ({me}) imports {target}")
    assert not wrong, wrong
