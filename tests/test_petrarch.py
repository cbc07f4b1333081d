"""PETRARCH-2 style dictionaries (invented entries in that format) drive the coder."""

import json

from click.testing import CliRunner

from diurna.cli import main
from diurna.events.petrarch import read_actors, read_agents, read_verbs

VERBS = """# a tiny verb dictionary in PETRARCH-2 format
--- SNUB  [120] ---
SNUB {SNUBBED }
COLD_SHOULDER
- * AT [111]
- ** &CURRENCY [903]

--- PRAISE [051] ---
LAUD
"""
ACTORS = """FREEDONIA_  [FRD]
+FREEDONIAN_

RUFUS_FIREFLY_  ; invented
\t[FRDGOV 330101-351231]

SYLVANIA_ [SYL]
"""
AGENTS = """GRAND_VIZIER [~GOV] # invented
PALACE_GUARD {} [~MIL]
"""


def test_readers(tmp_path):
    (tmp_path / "v.txt").write_text(VERBS)
    (tmp_path / "a.txt").write_text(ACTORS)
    (tmp_path / "g.txt").write_text(AGENTS)
    v = read_verbs(tmp_path / "v.txt")
    got = {(p.lemma, p.prep, p.cameo) for p in v.patterns}
    assert {("snub", None, "120"), ("cold", "shoulder", "120"), ("cold", "at", "111"), ("laud", None, "051")} <= got
    assert v.skipped_patterns == 1
    rows = {r["phrase"]: (r["code"], r["country"], r["sector"]) for r in read_actors(tmp_path / "a.txt")}
    assert rows["freedonian"] == ("FRD", "FRD", "")
    assert rows["rufus firefly"] == ("FRDGOV", "FRD", "GOV")
    agents = {r["phrase"]: r["sector"] for r in read_agents(tmp_path / "g.txt")}
    assert agents == {"grand vizier": "GOV", "grand viziers": "GOV", "palace guard": "MIL"}


def test_code_with_petrarch_dictionaries(tmp_path, monkeypatch):
    for k in ("VERBS", "ACTORS", "AGENTS"):
        monkeypatch.delenv(f"DIURNA_PETRARCH_{k}", raising=False)
    (tmp_path / "v.txt").write_text(VERBS)
    (tmp_path / "a.txt").write_text(ACTORS)
    (tmp_path / "g.txt").write_text(AGENTS)
    from diurna import events

    events._INSTANCES.pop("rules", None)  # a fresh coder reads the dictionaries
    try:
        line = json.dumps({"id": "x", "text": "Freedonia snubbed Sylvania. Rufus Firefly lauded the grand vizier."})
        r = CliRunner().invoke(main, ["code", "--petrarch-verbs", str(tmp_path / "v.txt"), "--petrarch-actors",
                                      str(tmp_path / "a.txt"), "--petrarch-agents", str(tmp_path / "g.txt")],
                               input=line + "\n")
        assert r.exit_code == 0, r.output
        evs = [(e["cameo"], [a["code"] for a in e["source"]], [a["code"] for a in e["target"]])
               for e in json.loads(r.output)["events"]]
        assert ("120", ["FRD"], ["SYL"]) in evs
        assert ("051", ["FRDGOV"], ["GOV"]) in evs
    finally:
        events._INSTANCES.pop("rules", None)
        import os
        for k in ("VERBS", "ACTORS", "AGENTS"):
            os.environ.pop(f"DIURNA_PETRARCH_{k}", None)
