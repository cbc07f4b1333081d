from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    from diurna.nlp import load

    return load()


# Three short news-style articles written for these tests.
ARTICLE_A = """Ministers meet in Geneva over border crisis

Foreign ministers from Norway and Kenya met in Geneva on Tuesday to discuss the worsening border crisis, officials said.

The Norwegian foreign minister urged both sides to respect the ceasefire agreed last month and to let aid convoys through.

Kenya accused its neighbour of shelling villages near the frontier, a charge the other government denied.

Share this article

Subscribe to our newsletter
"""

ARTICLE_B = """Council delays vote on draft resolution

The UN Security Council postponed a vote on a draft resolution on Wednesday after Russia signalled it would veto the text.

Diplomats said negotiations would continue through the weekend, and that a compromise could still be found.

China said it opposed any measure that would impose sanctions, according to its ambassador.
"""

ARTICLE_C = """Aid groups warn of shortages

Aid agencies warned on Friday that food and medicine were running short in the besieged city, where fighting has continued for a month.

The Red Cross called on all parties to allow safe passage for civilians leaving the area.

Protesters gathered outside the parliament in the capital, demanding an end to the fighting.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (d / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (d / "c.txt").write_text(ARTICLE_C, encoding="utf-8")
    return d
