"""Word knowledge has one home (``diurna/lexicon/``): no list of words is
written twice, and none is kept in stage code.

A "word set" here is a literal set, frozenset, tuple or dict (its keys) of at
least two strings, written anywhere in ``src/diurna``, whose strings are
words: not dependency, part-of-speech or entity labels of the parser, not
codes (digits), not file extensions or punctuation.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "diurna"
LEXICON = SRC / "lexicon"


@pytest.fixture(scope="module")
def labels(nlp) -> set[str]:
    """Every label the parser, tagger and recogniser use, and spaCy's own coarse tags."""
    out = {"ROOT", "obj", "iobj", "nmod", "flat", "case", "obl", "nsubj:pass"}
    for name in ("parser", "tagger", "ner", "morphologizer", "attribute_ruler"):
        if nlp.has_pipe(name):
            out |= set(getattr(nlp.get_pipe(name), "labels", ()))
    from spacy.glossary import GLOSSARY

    return out | set(GLOSSARY)


def _strings(node) -> list[str] | None:
    """The strings of a literal collection (set, frozenset({...}), tuple,
    list, dict keys), or None when it is not one of strings only."""
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("frozenset", "set") and len(node.args) == 1:
        node = node.args[0]
    if isinstance(node, ast.Dict):
        elts = node.keys
    elif isinstance(node, (ast.Set, ast.Tuple, ast.List)):
        elts = node.elts
    else:
        return None
    if len(elts) < 2 or not all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in elts):
        return None
    return [e.value for e in elts]


def _is_words(words: list[str], labels: set[str]) -> bool:
    """Not all labels, codes (digits, upper case), extensions or punctuation."""
    return not all(w in labels or not any(ch.isalpha() for ch in w) or w.startswith((".", "$", "'")) or w.isupper()
                   for w in words)


def word_sets(labels: set[str]) -> list[tuple[str, int, frozenset[str]]]:
    """(file, line, words) of every word set assigned to a name at module
    level in the package (a list a rule is written with)."""
    out = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [getattr(t, "id", "") for t in getattr(node, "targets", [getattr(node, "target", None)])]
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and "__all__" not in names:
                words = _strings(node.value)
                if words and _is_words(words, labels):
                    out.append((str(path.relative_to(SRC)), node.lineno, frozenset(w.lower() for w in words)))
    return out


def _is_table(where: str, line: int) -> bool:
    """Whether the assignment at that line is a dict: a table over a set's
    members (its keys) is not the set written again."""
    tree = ast.parse((SRC / where).read_text(encoding="utf-8"))
    node = next(n for n in tree.body if getattr(n, "lineno", None) == line)
    return isinstance(node.value, ast.Dict)


def test_no_word_set_is_written_twice(labels):
    seen: dict[frozenset[str], tuple[str, int]] = {}
    twice = []
    for where, line, words in word_sets(labels):
        if _is_table(where, line):
            continue
        if len(words) >= 3 and words in seen:
            twice.append(f"{where}:{line} repeats {seen[words][0]}:{seen[words][1]}: {sorted(words)[:6]}")
        seen.setdefault(words, (where, line))
    assert not twice, "\n".join(twice)


# sets of names that are values of diurna's own records, not words read in text
NOT_WORDS = {
    ("records.py", frozenset({"day", "week", "month", "quarter", "year"})),  # Event.date_precision values
}


def test_the_stage_modules_keep_their_words_in_the_lexicon(labels):
    """Module-level word sets of the stages that read words (actors, events,
    places, quotes, time, the phrase helpers) live in diurna/lexicon/."""
    stages = ("actors.py", "events/", "places.py", "quotes", "time/", "syntax.py", "stories.py")
    outside = [f"{where}:{line}" for where, line, words in word_sets(labels)
               if where.startswith(stages) and (where, words) not in NOT_WORDS]
    assert not outside, outside


def test_the_lexicon_imports_nothing_of_diurna():
    for path in LEXICON.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert node.level <= 1 and not (node.module or "").startswith(("diurna", ".")), path.name
                assert node.level == 0 or (node.module or "") in {m.stem for m in LEXICON.glob("*.py")}, path.name
