"""Write src/diurna/data/cameo.tsv: every CAMEO event code with this project's
own short label, quad class, Goldstein weight and PLOVER type/mode/context.

    python scripts/build_cameo_table.py [../shared/data]

Inputs: the list of codes in ``cameo/CAMEO_codefile.txt`` (only the code
numbers are read) and the code-to-type correspondence of
``plover/CAMEO2PLOVER-2021.txt``. Labels are written here, in our words:
3-digit labels by hand, 4-digit labels as the parent's label plus the
qualifier of their family. Goldstein weights are the published CAMEO scale
(Goldstein 1992, extended to CAMEO) as this project knows it; a 4-digit code
takes its parent's weight.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "diurna" / "data" / "cameo.tsv"

ROOTS = {
    "01": "make a public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
    "05": "cooperate diplomatically", "06": "cooperate materially", "07": "give aid", "08": "yield",
    "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten",
    "14": "protest", "15": "show force", "16": "reduce relations", "17": "coerce", "18": "assault",
    "19": "fight", "20": "use mass violence",
}

LABELS = {
    "010": "statement, unspecified", "011": "decline to comment", "012": "pessimistic remark",
    "013": "optimistic remark", "014": "weigh a policy option", "015": "claim responsibility",
    "016": "deny responsibility", "017": "symbolic act", "018": "express sympathy", "019": "express agreement",
    "020": "appeal, unspecified", "021": "appeal for material cooperation", "022": "appeal for diplomatic support",
    "023": "appeal for aid", "024": "appeal for political reform", "025": "appeal to yield",
    "026": "appeal to others to meet", "027": "appeal to settle a dispute", "028": "appeal to meet or negotiate",
    "030": "intend to cooperate, unspecified", "031": "intend material cooperation",
    "032": "intend diplomatic cooperation", "033": "intend to give aid", "034": "intend political reform",
    "035": "intend to yield", "036": "intend to meet or negotiate", "037": "intend to settle a dispute",
    "038": "accept mediation", "039": "intend to mediate",
    "040": "consult, unspecified", "041": "talk by phone", "042": "visit", "043": "host a visit",
    "044": "meet on neutral ground", "045": "mediate", "046": "negotiate",
    "050": "diplomatic cooperation, unspecified", "051": "praise or endorse", "052": "defend verbally",
    "053": "rally support for", "054": "recognise diplomatically", "055": "apologise", "056": "forgive",
    "057": "sign an agreement",
    "060": "material cooperation, unspecified", "061": "economic cooperation", "062": "military cooperation",
    "063": "judicial cooperation", "064": "share intelligence",
    "070": "aid, unspecified", "071": "economic aid", "072": "military aid", "073": "humanitarian aid",
    "074": "military protection or peacekeeping", "075": "grant asylum",
    "080": "yield, unspecified", "081": "ease administrative sanctions", "082": "ease political dissent",
    "083": "accede to demands for reform", "084": "return or release", "085": "ease economic sanctions",
    "086": "allow international involvement", "087": "de-escalate militarily",
    "090": "investigate, unspecified", "091": "investigate crime or corruption",
    "092": "investigate rights abuses", "093": "investigate military action", "094": "investigate war crimes",
    "100": "demand, unspecified", "101": "demand material cooperation", "102": "demand diplomatic support",
    "103": "demand aid", "104": "demand political reform", "105": "demand that the target yield",
    "106": "demand a meeting or talks", "107": "demand settlement of a dispute", "108": "demand mediation",
    "110": "disapprove, unspecified", "111": "criticise or denounce", "112": "accuse", "113": "rally opposition",
    "114": "complain officially", "115": "take to court", "116": "find guilty",
    "120": "reject, unspecified", "121": "reject material cooperation", "122": "refuse requested aid",
    "123": "refuse political reform", "124": "refuse to yield", "125": "refuse talks",
    "126": "refuse mediation", "127": "reject a settlement plan", "128": "defy norms or law", "129": "veto",
    "130": "threaten, unspecified", "131": "threaten non-force measures", "132": "threaten administrative sanctions",
    "133": "threaten protest or dissent", "134": "threaten to halt talks", "135": "threaten to halt mediation",
    "136": "threaten to expel international presence", "137": "threaten repression",
    "138": "threaten military force", "139": "issue an ultimatum",
    "140": "dissent, unspecified", "141": "demonstrate", "142": "hunger strike", "143": "strike or boycott",
    "144": "block passage", "145": "riot",
    "150": "show force, unspecified", "151": "raise police alert", "152": "raise military alert",
    "153": "mobilise police", "154": "mobilise armed forces",
    "160": "reduce relations, unspecified", "161": "cut diplomatic ties", "162": "cut material aid",
    "163": "impose embargo or sanctions", "164": "halt negotiations", "165": "halt mediation",
    "166": "expel international presence",
    "170": "coerce, unspecified", "171": "seize or destroy property", "172": "impose administrative sanctions",
    "173": "arrest or detain", "174": "deport", "175": "repress violently",
    "180": "assault, unspecified", "181": "abduct or take hostages", "182": "physically assault",
    "183": "bombing outside combat", "184": "use human shields", "185": "attempt to assassinate",
    "186": "assassinate",
    "190": "fight, unspecified", "191": "blockade", "192": "occupy territory", "193": "fight with small arms",
    "194": "fight with artillery and tanks", "195": "air strikes", "196": "violate a ceasefire",
    "200": "mass violence, unspecified", "201": "mass expulsion", "202": "mass killing",
    "203": "ethnic cleansing", "204": "use weapons of mass destruction",
}

# qualifiers of 4-digit codes, by family (the parent's last digits)
Q_COOP = {"1": "economic", "2": "military", "3": "judicial", "4": "intelligence"}
Q_AID = {"1": "economic", "2": "military", "3": "humanitarian", "4": "protection/peacekeeping"}
Q_REFORM = {"1": "leadership change", "2": "policy change", "3": "rights", "4": "institutional change"}
FOURTH = {
    "021": Q_COOP, "031": Q_COOP, "101": Q_COOP, "121": Q_COOP,
    "023": Q_AID, "033": Q_AID, "103": Q_AID, "122": Q_AID,
    "024": Q_REFORM, "034": Q_REFORM, "083": Q_REFORM, "104": Q_REFORM, "123": Q_REFORM,
    "141": Q_REFORM, "142": Q_REFORM, "143": Q_REFORM, "144": Q_REFORM, "145": Q_REFORM,
    "025": {"1": "ease sanctions", "2": "ease dissent", "3": "release people or property",
            "4": "ease economic sanctions", "5": "allow international involvement", "6": "de-escalate"},
    "035": {"1": "ease sanctions", "2": "ease dissent", "3": "release people or property",
            "4": "ease economic sanctions", "5": "allow international involvement", "6": "de-escalate"},
    "105": {"1": "ease sanctions", "2": "ease dissent", "3": "release people or property",
            "4": "ease economic sanctions", "5": "allow international involvement", "6": "de-escalate"},
    "124": {"1": "ease sanctions", "2": "ease dissent", "3": "release people or property",
            "4": "ease economic sanctions", "5": "allow international involvement", "6": "de-escalate"},
    "081": {"1": "speech freedoms", "2": "party bans", "3": "curfew", "4": "state of emergency"},
    "084": {"1": "people", "2": "property"},
    "086": {"1": "peacekeepers", "2": "inspectors", "3": "humanitarian aid"},
    "087": {"1": "ceasefire", "2": "ease blockade", "3": "demobilise", "4": "retreat or surrender"},
    "112": {"1": "crime or corruption", "2": "rights abuses", "3": "aggression", "4": "war crimes",
            "5": "espionage or treason"},
    "131": {"1": "cut aid", "2": "sanctions", "3": "break relations"},
    "132": {"1": "speech restrictions", "2": "party bans", "3": "curfew", "4": "state of emergency"},
    "138": {"1": "blockade", "2": "occupation", "3": "unconventional violence", "4": "conventional attack",
            "5": "weapons of mass destruction"},
    "162": {"1": "economic", "2": "military", "3": "humanitarian"},
    "166": {"1": "peacekeepers", "2": "inspectors", "3": "aid agencies"},
    "171": {"1": "confiscate", "2": "destroy"},
    "172": {"1": "speech restrictions", "2": "party bans", "3": "curfew", "4": "state of emergency"},
    "182": {"1": "sexual", "2": "torture", "3": "kill by assault"},
    "183": {"1": "suicide bombing", "2": "vehicle bombing", "3": "roadside bombing"},
    "195": {"1": "drones", "2": "aircraft"},
    "204": {"1": "chemical, biological or radiological", "2": "nuclear"},
}

GOLDSTEIN = {
    "010": 0.0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0.0, "015": 0.0, "016": -2.0, "017": 0.0,
    "018": 3.4, "019": 3.4, "020": 3.0, "021": 3.4, "022": 3.2, "023": 3.4, "024": -0.3, "025": -0.3,
    "026": 4.0, "027": 4.0, "028": 4.0, "030": 4.0, "031": 5.2, "032": 4.5, "033": 5.2, "034": 7.0,
    "035": 7.0, "036": 4.0, "037": 5.0, "038": 7.0, "039": 5.0, "040": 1.0, "041": 1.0, "042": 1.9,
    "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8,
    "054": 6.0, "055": 7.0, "056": 7.0, "057": 8.0, "060": 6.0, "061": 6.4, "062": 7.4, "063": 7.4,
    "064": 7.0, "070": 7.0, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7.0, "080": 5.0,
    "081": 5.0, "082": 5.0, "083": 5.0, "084": 7.0, "085": 7.0, "086": 9.0, "087": 9.0, "090": -2.0,
    "091": -2.0, "092": -2.0, "093": -2.0, "094": -2.0, "100": -5.0, "101": -5.0, "102": -4.9,
    "103": -5.0, "104": -5.0, "105": -5.0, "106": -5.0, "107": -5.0, "108": -5.0, "110": -2.0,
    "111": -2.0, "112": -2.0, "113": -2.0, "114": -2.0, "115": -2.0, "116": -2.0, "120": -4.0,
    "121": -4.0, "122": -4.0, "123": -4.0, "124": -5.0, "125": -5.0, "126": -5.0, "127": -5.0,
    "128": -5.0, "129": -5.0, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8,
    "135": -5.8, "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0, "140": -6.5, "141": -6.5,
    "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5, "150": -7.2, "151": -7.2, "152": -7.2,
    "153": -7.2, "154": -7.2, "160": -4.0, "161": -4.0, "162": -5.6, "163": -8.0, "164": -7.0,
    "165": -7.0, "166": -7.0, "170": -7.0, "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0,
    "175": -9.0, "180": -9.0, "181": -9.0, "182": -9.5, "183": -10.0, "184": -8.0, "185": -8.0,
    "186": -10.0, "190": -10.0, "191": -9.5, "192": -9.5, "193": -10.0, "194": -10.0, "195": -10.0,
    "196": -9.5, "200": -10.0, "201": -9.5, "202": -10.0, "203": -10.0, "204": -10.0,
}
# a 4-digit code whose weight differs from its parent's
GOLDSTEIN_4 = {"0874": 10.0, "0841": 7.0}

PLOVER_FILL = {"02": ("REQUEST", "", "")}  # the crosswalk file has no 02 section


def quad(code: str) -> int:
    root = int(code[:2])
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def main(data: Path) -> int:
    codes = []
    for line in (data / "cameo" / "CAMEO_codefile.txt").read_text("utf-8").splitlines():
        m = re.match(r"LABEL: (\d{3,4})=", line)
        if m and m.group(1) not in codes:
            codes.append(m.group(1))
    plover: dict[str, tuple[str, str, str]] = {}
    for line in (data / "plover" / "CAMEO2PLOVER-2021.txt").read_text("utf-8").splitlines():
        m = re.match(r"(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        parts = [p.strip() for p in m.group(2).split(",")] + ["", ""]
        plover.setdefault(m.group(1), (parts[0], parts[1], parts[2].replace(" ", "")))
    rows = []
    for root, label in ROOTS.items():
        rows.append((root, label))
    rows += [(c, None) for c in codes]
    out = ["# CAMEO event codes (format: src/diurna/data/README.md); written by scripts/build_cameo_table.py",
           "code\tlabel\tquad\tgoldstein\tplover\tmode\tcontext"]
    for code, label in rows:
        parent = code[:3]
        if label is None:
            label = LABELS.get(code) or (
                f"{LABELS[parent]}: {FOURTH.get(parent, {}).get(code[3], 'other')}" if len(code) == 4 else "")
        g = GOLDSTEIN_4.get(code, GOLDSTEIN.get(parent, GOLDSTEIN.get(code[:2] + "0", 0.0)))
        if code.startswith("01") or code == "015" or code == "016":
            p = ("-", "", "")
        else:
            p = plover.get(code) or plover.get(parent) or PLOVER_FILL.get(code[:2]) or plover.get(code[:2]) or ("", "", "")
        out.append("\t".join([code, label, str(quad(code)), f"{g:.1f}", p[0], p[1], p[2]]))
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} codes to {OUT}")
    return 0


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[1]
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent / "shared" / "data"))
