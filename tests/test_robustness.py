"""No input ends a run: a folder of hostile inputs, bad records inside
streams, a second process on a store in use, and mutated real articles.

Each hostile file's name starts with a marker (``c01-`` ...) so that the
test can find it again in the run's stderr (rejected, or a note) or among the
stored articles' origins, whatever its name turned into.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import ARTICLE_A, ARTICLE_B, ARTICLE_C, EXAMPLES

DIURNA = [sys.executable, "-m", "diurna"]

# wire text on which the coder once gave two events one id
REUTERS = ("\\* Gas oversupply to end as early as 2012 \\* Middle east political unrest to cut supplies "
           "\\* Post-quake Japan demand to soak up more excess supplies PERTH , June 23 -LRB- Reuters -RRB- - "
           "Surplus global gas supplies could disappear as early")
MODAL_MAY = "Trade and security are linked, and each may come to the forefront again, the minister said."
SEPARATORS = ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


def _jsonl(*records) -> str:
    return "".join(json.dumps(r, ensure_ascii=True) + "\n" for r in records)


def make_hostile(root: Path) -> dict[str, str]:
    """Write one file per hostile case under ``root``; marker -> what the
    run must do with it: ``stored`` (at least one article from it),
    ``rejected`` (named on stderr), or ``either``."""
    root.mkdir(parents=True, exist_ok=True)
    want: dict[str, str] = {}

    def put(marker: str, name: str, data: bytes | str, expect: str) -> Path:
        p = root / f"{marker}-{name}"
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        want[marker] = expect
        return p

    # kinds already handled before
    put("c01", "empty.txt", b"", "rejected")
    put("c02", "image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "rejected")
    put("c03", "nul.txt", b"abc\x00def\x00" * 50, "rejected")
    put("c04", "undecodable.txt", bytes(range(128, 256)) * 40, "either")
    put("c05", "broken.html", "<html><body><div><p>unclosed <b><i>" * 3, "either")
    put("c06", "broken.jsonl", '{"text": "Turkey closed its border with Syria on Monday, officials said."}\n{oops\n',
        "stored")
    # 1: two events on one trigger
    put("c07", "reuters.jsonl", _jsonl({"id": "x", "published": "2011-06-23", "text": REUTERS}), "either")
    # 2: "may" the modal verb
    put("c08", "modal.txt", f"Ministers meet on trade\n\n{MODAL_MAY}\n\n{ARTICLE_A}", "stored")
    # 3: the same article twice: a symlink and a hard link beside the file, a line repeated, an id repeated
    target = put("c09", "target.txt", ARTICLE_B, "stored")
    os.symlink(target, root / "c10-symlink.txt")
    want["c10"] = "rejected"
    os.link(target, root / "c11-hardlink.txt")
    want["c11"] = "rejected"
    line = {"id": "same", "text": ARTICLE_C}
    put("c12", "repeated.jsonl", _jsonl(line, line, {"text": ARTICLE_C}, {"text": ARTICLE_C}), "stored")
    # 4: longer than spaCy's max_length (1,000,000 characters)
    paragraphs = [p for p in (ARTICLE_A + ARTICLE_B + ARTICLE_C).split("\n\n") if len(p) > 60]
    long_text, k = ["Long wire digest"], 0
    while sum(len(p) + 2 for p in long_text) < 1_300_000:
        long_text.append(f"Item {k}. " + paragraphs[k % len(paragraphs)])
        k += 1
    put("c13", "long.txt", "\n\n".join(long_text), "stored")
    # 5: JSONL field values
    put("c14", "fields.jsonl", _jsonl(
        {"id": "far", "published": "9999-12-31", "text": ARTICLE_A},
        {"id": "old", "published": "0001-01-01", "text": ARTICLE_A},
        {"id": 12, "published": 20110623, "text": ARTICLE_A},
        {"id": ["a"], "text": ARTICLE_A},
        {"id": {"k": 1}, "text": ARTICLE_A},
        {"id": "t", "title": 5, "url": ["u"], "text": ARTICLE_A},
        {"id": "sur", "title": "Title \udfff", "url": "http://x/\udfff", "text": ARTICLE_B},
        {"id": "ok", "published": "2012-02-04", "text": ARTICLE_C},
    ), "stored")
    # 6: file names
    latin = os.fsencode(str(root)) + b"/c15-latin1-\xe9t\xe9.txt"
    with open(latin, "wb") as f:
        f.write(ARTICLE_A.replace("Geneva", "Vienna").encode("utf-8"))
    want["c15"] = "stored"
    put("c16", "[bold]markup[red].txt", ARTICLE_B.replace("Russia", "Britain"), "stored")
    put("c17", "\x1b]0;pwned\x07\x1b[2J.txt", b"\x89PNG\r\n\x1a\n", "rejected")
    put("c18", "new\nline.txt", b"", "rejected")
    # 7: line boundaries inside JSON strings, CR-only line ends
    put("c19", "separators.jsonl", _jsonl(*[
        {"id": f"sep{i}", "text": f"Kenya accused Norway{sep} of shelling villages near the frontier on Monday, "
                                  f"officials said in a statement number {i}."}
        for i, sep in enumerate(SEPARATORS)]).replace("\\u2028", "\u2028").replace("\\u2029", "\u2029")
        .replace("\\u0085", "\u0085"), "stored")
    put("c20", "cr-only.jsonl", _jsonl(
        {"id": "cr1", "text": ARTICLE_A}, {"id": "cr2", "text": ARTICLE_B}).replace("\n", "\r"), "stored")
    return want


def _run(args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*DIURNA, *args], capture_output=True, timeout=900, **kw)


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    want = make_hostile(folder)
    db = root / "h.duckdb"
    out = _run(["run", str(folder), "--db", str(db), "--quiet"])
    return want, out, db


def test_hostile_folder_runs_to_the_end(hostile_run):
    want, out, db = hostile_run
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == 0, err
    assert "Traceback" not in err
    assert " stored, " in err.splitlines()[-1] and " rejected;" in err.splitlines()[-1]
    # nothing from the inputs reaches the terminal raw: no escape, no bell
    assert "\x1b" not in err and "\x07" not in err
    with duckdb.connect(str(db), read_only=True) as con:
        origins = [r[0] for r in con.execute("SELECT origin FROM articles").fetchall()]
        rejected = [r[0] for r in con.execute("SELECT origin FROM rejections").fetchall()]
    lines = err.splitlines()
    for marker, expect in want.items():
        named = [ln for ln in lines if marker + "-" in ln]
        stored = [o for o in origins if marker + "-" in o]
        if expect == "stored":
            assert stored, f"{marker}: nothing stored; stderr says {named}"
        elif expect == "rejected":
            assert named and not stored, f"{marker}: not rejected by name ({named}, {stored})"
        else:
            assert named or stored, f"{marker}: neither stored nor named"
    # each rejection is one line that names its file
    assert all(ln.startswith(("rejected ", "note: ", "failed ")) or ln is lines[-1] or ln.startswith("batches")
               for ln in lines), lines
    assert len(rejected) == sum(1 for ln in lines if ln.startswith("rejected "))


def test_hostile_cases_each_give_the_right_reason(hostile_run):
    _, out, db = hostile_run
    err = out.stderr.decode("utf-8", "replace")
    assert "c10-symlink.txt: already read as" in err
    assert "c11-hardlink.txt: already read as" in err
    assert "9999-12-31 is outside 1800-2100" in err
    assert "0001-01-01 is outside 1800-2100" in err
    assert "\\x1b]0;pwned\\x07" in err  # the name is shown, escaped
    assert "new\\nline.txt" in err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("SELECT origin, title, url, text FROM articles").fetchall()
        events = con.execute("SELECT id FROM events").fetchall()
        n_sep = con.execute("SELECT count(*) FROM articles WHERE origin LIKE '%c19-%'").fetchone()[0]
        n_cr = con.execute("SELECT count(*) FROM articles WHERE origin LIKE '%c20-%'").fetchone()[0]
        long_ = con.execute("SELECT length(text), n_sentences FROM articles WHERE origin LIKE '%c13-%'").fetchone()
        same = con.execute("SELECT count(*) FROM articles WHERE origin LIKE '%c12-%#same'").fetchone()[0]
    assert len(events) == len({e[0] for e in events})
    assert n_sep == len(SEPARATORS), "a line separator inside a JSON string split its record"
    assert n_cr == 2
    assert same == 1
    assert long_[0] > 1_000_000 and long_[1] > 1000
    for origin, title, url, text in rows:
        for v in (origin, title, url, text):
            if v is not None:
                v.encode("utf-8")  # stored as text that encodes
    assert [o for o, *_ in rows if o.endswith("c16-[bold]markup[red].txt")]
    latin = [o for o, *_ in rows if "c15-" in o]
    from diurna.ingest.readers import path_of

    assert latin and path_of(latin[0]).is_file()


def test_rerun_of_the_hostile_folder_adds_nothing(hostile_run, tmp_path):
    _, _, db = hostile_run
    with duckdb.connect(str(db), read_only=True) as con:
        before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    folder = db.parent / "in"
    out = _run(["run", str(folder), "--db", str(db), "--quiet"])
    assert out.returncode == 0 and b"Traceback" not in out.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == before


def test_names_on_a_terminal_are_neither_markup_nor_control(tmp_path):
    """With a terminal (rich's progress display and coloured rejections),
    a name holding rich markup or escape sequences is printed as text."""
    (tmp_path / "[bold]x[red].txt").write_bytes(b"")
    (tmp_path / "\x1b]0;pwned\x07\x1b[2J.txt").write_bytes(b"")
    out = _run(["run", str(tmp_path), "--db", str(tmp_path / "t.duckdb")], env={**os.environ, "FORCE_COLOR": "1",
                                                                              "COLUMNS": "200"})
    err = out.stderr.decode("utf-8", "replace")
    assert out.returncode == 0 and "Traceback" not in err and "MarkupError" not in err
    assert "[bold]x[red].txt" in err
    assert "\\x1b]0;pwned\\x07" in err and "\x07" not in err and "\x1b]0;" not in err and "\x1b[2J" not in err


# --------------------------------------------------------------------------
# streams: a bad record in the middle of good ones
# --------------------------------------------------------------------------

GOOD1 = {"id": "g1", "text": "Russia condemned the French draft resolution on Monday.", "date": "2012-02-06"}
GOOD2 = {"id": "g2", "text": "France urged the Security Council to act on Syria on Tuesday.", "date": "2012-02-07"}
BAD_RECORDS = [
    '{"id": "b1", "text": "' + MODAL_MAY + '", "date": "2011-06-23"}',  # once a KeyError in the timex normaliser
    '{"id": "b2", "text": 12}',
    '{"id": "b3", "text": "Fine text.", "date": "9999-12-31"}',
    'not json at all',
    '{"id": ["b5"], "text": "x"}',
]


@pytest.mark.parametrize("command", ["code", "timex", "quotes"])
def test_stream_goes_on_past_bad_records(command):
    lines = [json.dumps(GOOD1), *BAD_RECORDS, json.dumps(GOOD2)]
    out = _run([command, "-"], input=("\n".join(lines) + "\n").encode("utf-8"))
    err = out.stderr.decode()
    assert "Traceback" not in err
    got = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert len(got) == len(lines)
    assert got[0]["id"] == "g1" and "error" not in got[0]
    assert got[-1]["id"] == "g2" and "error" not in got[-1]
    errors = [g for g in got[1:-1] if "error" in g]
    # the modal "may" is fine text: only the four broken records fail
    assert len(errors) == 4, got
    assert "error" not in got[1]
    assert out.returncode == 1  # some records failed


def test_parse_stream_goes_on_past_bad_records(tmp_path):
    arts = _run(["ingest", str(EXAMPLES / "txt")]).stdout.decode().splitlines()[:2]
    lines = [arts[0], '{"id": 5}', "{oops", arts[1]]
    out = _run(["parse", "-"], input=("\n".join(lines) + "\n").encode())
    got = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert len(got) == 4 and "error" in got[1] and "error" in got[2]
    assert got[0]["sentences"] and got[3]["sentences"]
    assert out.returncode == 1 and b"Traceback" not in out.stderr


def test_ingest_stream_names_bad_files_and_goes_on(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    (tmp_path / "b.bin").write_bytes(b"\x7fELF\x02\x01")
    (tmp_path / "c.txt").write_text(ARTICLE_C)
    out = _run(["ingest", str(tmp_path)])
    assert len(out.stdout.decode().splitlines()) == 2
    assert "b.bin: binary file (executable)" in out.stderr.decode()
    assert out.returncode == 1


# --------------------------------------------------------------------------
# a store in use
# --------------------------------------------------------------------------


def test_second_process_on_a_store_in_use_says_so(tmp_path):
    db = tmp_path / "busy.duckdb"
    (tmp_path / "a.txt").write_text(ARTICLE_A)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"con = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        for args in (["run", str(tmp_path / "a.txt")], ["events"]):
            out = _run([*args, "--db", str(db)])
            err = out.stderr.decode()
            assert out.returncode != 0 and "Traceback" not in err
            assert f"is in use by another process (PID {holder.pid})" in err, err
            assert len(err.strip().splitlines()) == 1
    finally:
        holder.kill()
        holder.wait()


# --------------------------------------------------------------------------
# fuzz: mutated real articles
# --------------------------------------------------------------------------


def _mutants(texts: list[bytes], n: int, rng: random.Random) -> list[bytes]:
    out = []
    for i in range(n):
        data = bytearray(rng.choice(texts))
        kind = i % 5
        if kind == 0:  # bit flips
            for _ in range(rng.randint(1, 40)):
                j = rng.randrange(len(data))
                data[j] ^= 1 << rng.randrange(8)
        elif kind == 1:  # truncation, possibly inside a UTF-8 sequence or a tag
            data = data[: rng.randrange(1, len(data))]
        elif kind == 2:  # splicing two inputs at random points
            other = rng.choice(texts)
            data = data[: rng.randrange(len(data))] + other[rng.randrange(len(other)):]
        elif kind == 3:  # a piece repeated
            a = rng.randrange(len(data))
            b = min(len(data), a + rng.randint(1, 400))
            data = data[:a] + data[a:b] * rng.randint(2, 30) + data[b:]
        else:  # random bytes inserted
            j = rng.randrange(len(data))
            data = data[:j] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[j:]
        out.append(bytes(data))
    return out


def test_fuzzed_articles_never_end_a_run(tmp_path):
    from diurna.pipeline import Settings, run

    texts = [p.read_bytes() for p in sorted(EXAMPLES.rglob("*")) if p.is_file() and p.name != "README.md"]
    rng = random.Random(13)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    exts = [".txt", ".html", ".jsonl"]
    for i, data in enumerate(_mutants(texts, 60, rng)):
        (folder / f"m{i:02d}{exts[i % 3]}").write_bytes(data)
    t0 = time.perf_counter()
    # near copies are processed too (each mutant of one article is a near copy of the others)
    summary = run([str(folder)], Settings(db=str(tmp_path / "f.duckdb"), near_threshold=0.98))
    assert time.perf_counter() - t0 < 300
    assert summary.stored >= 20, summary  # most mutants still hold an article, and were coded
    named = {r.origin.split("#", 1)[0] for r in summary.rejections}
    with duckdb.connect(str(tmp_path / "f.duckdb"), read_only=True) as con:
        stored = {r[0].split("#", 1)[0] for r in con.execute("SELECT origin FROM articles").fetchall()}
    for p in folder.iterdir():
        assert str(p.resolve()) in stored | named, p.name
    assert not [r for r in summary.rejections if "could not be" in r.reason], summary.rejections


# --------------------------------------------------------------------------
# the store: a batch that meets a constraint is split
# --------------------------------------------------------------------------


def test_store_splits_a_batch_and_rejects_only_the_article_that_fails(tmp_path, nlp):
    from diurna.events import code_article, get_coder
    from diurna.nlp import parse
    from diurna.records import Article, CodedArticle
    from diurna.store import Store

    arts = [Article(id=f"a{i}", origin=f"/in/{i}.txt", text=t, content_hash=f"h{i}", published="2012-02-06")
            for i, t in enumerate((ARTICLE_A, ARTICLE_B, ARTICLE_C))]
    coded = []
    for pa in parse(arts, nlp=nlp):
        coded.append(CodedArticle(pa.article, pa.sentences, code_article(get_coder(), pa.article, pa.sentences)))
    bad = coded[1]
    assert bad.events
    bad.events.append(bad.events[0])  # two events of one id: the primary key refuses the batch
    with Store(tmp_path / "s.duckdb") as st:
        failed = st.write_batch(coded)
        assert [r.origin for r in failed] == ["/in/1.txt"]
        assert "could not be stored (store: ConstraintException" in failed[0].reason
        ids = {r["id"] for r in st.query("SELECT id FROM articles")}
        assert ids == {"a0", "a2"}
        assert st.query("SELECT count(*) AS n FROM sentences WHERE article_id = 'a1'")[0]["n"] == 0
        assert st.query("SELECT origin FROM rejections")[0]["origin"] == "/in/1.txt"


def test_stdin_is_read_no_further_than_the_size_limit():
    out = _run(["ingest", "-", "--max-bytes", "2000"], input=(ARTICLE_A * 20).encode())
    assert out.returncode == 1 and "stdin: too large (more than 2,000 bytes" in out.stderr.decode()
    out = _run(["ingest", "-"], input=ARTICLE_A.encode())
    assert out.returncode == 0 and json.loads(out.stdout)["origin"] == "stdin"
