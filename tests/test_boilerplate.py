"""The plain-text boilerplate classifier on page shapes written for these
tests and on the real seed articles (skipped when ../shared is absent)."""

import doctest
import re

import diurna.ingest.boilerplate as bp
from diurna.ingest.boilerplate import clean_plain_text


def test_doctests():
    assert doctest.testmod(bp).failed == 0


# A page shape unlike any seed: cookie banner, byline, inline "Read also",
# subheading, tags, social links, copyright; the title is the first line.
PAGE = """We use cookies to improve your experience. Accept all cookies

Kenya and Somalia agree to reopen border crossings

By Staff Reporter | 3 min read

NAIROBI - Kenya and Somalia agreed on Friday to reopen two border crossings closed since March, the foreign ministries of both countries said in a joint statement.

Read also: Ten photos from the week in East Africa

The agreement follows talks in Nairobi between the two foreign ministers, who also pledged to share intelligence on armed groups operating in the border region.

Trade hopes

Traders in the border town of Mandera welcomed the decision, saying months of closure had doubled the price of food.

The African Union's envoy said the deal was "a welcome first step".

Tags: Kenya, Somalia, Border

Follow us on Facebook and Twitter

© 2024 The Daily Example. All rights reserved.
"""


def test_general_page_shape():
    r = clean_plain_text(PAGE)
    assert r.title == "Kenya and Somalia agree to reopen border crossings"
    paragraphs = r.text.split("\n\n")
    assert paragraphs[0].startswith("NAIROBI - Kenya and Somalia agreed on Friday")
    assert len(paragraphs) == 4
    assert paragraphs[-1] == 'The African Union\'s envoy said the deal was "a welcome first step".'
    removed = dict(r.removed)
    assert "Read also: Ten photos from the week in East Africa" in removed
    assert "Tags: Kenya, Somalia, Border" in removed
    assert "© 2024 The Daily Example. All rights reserved." in removed
    assert "We use cookies to improve your experience. Accept all cookies" in removed
    assert "Follow us on Facebook and Twitter" in removed


def test_reporting_with_cue_words_is_kept():
    # "support", "share", "comment" and "email" are ordinary words in news
    text = (
        "Russia voiced support for the draft on Monday and said it would share intelligence.\n\n"
        "The ministry declined to comment on the leaked email exchange between the envoys.\n\n"
        "Latest figures show that more than 80 people were killed in the attack."
    )
    r = clean_plain_text(text)
    assert r.removed == []
    assert r.text.count("\n\n") == 2


def test_related_list_and_repeated_title():
    text = (
        "Talks collapse in Vienna\n\n"
        "Negotiators left Vienna on Sunday without an agreement, diplomats said.\n\n"
        "Iran blamed the United States for the failure of the talks.\n\n"
        "Related articles\n\n"
        "Oil Prices Climb As Talks Stall\n\n"
        "What The Failed Deal Means For The Region\n\n"
        "Talks collapse in Vienna\n"
    )
    r = clean_plain_text(text)
    assert r.title == "Talks collapse in Vienna"
    assert r.text == (
        "Negotiators left Vienna on Sunday without an agreement, diplomats said.\n\n"
        "Iran blamed the United States for the failure of the talks."
    )
    reasons = {reason for _, reason in r.removed}
    assert {"link-list header", "link-list entry", "repeats the title"} <= reasons


def test_hard_wrapped_paragraphs_are_joined():
    para = (
        "The foreign ministers of France and Germany travelled to Kyiv on\n"
        "Monday for talks with the Ukrainian government on reconstruction aid\n"
        "and on the security guarantees discussed at the last summit of the\n"
        "alliance, a spokesman for the French foreign ministry said.\n"
    )
    r = clean_plain_text(para + "\n" + para.replace("Kyiv", "Warsaw"))
    assert r.removed == []
    assert r.text.count("\n") == 2  # two joined paragraphs
    assert "on Monday for talks" in r.text


def test_given_title_is_removed_from_text():
    r = clean_plain_text("Russia vetoes draft\n\nRussia vetoed the draft on Friday, diplomats said.",
                         title="Russia vetoes draft")
    assert r.title == "Russia vetoes draft"
    assert r.text == "Russia vetoed the draft on Friday, diplomats said."


def _sentences_of(raw: str) -> list[str]:
    return [ln.strip() for ln in raw.splitlines() if re.search(r"[.!?][\"'”’)]*\s*$", ln.strip())]


def test_seeds_keep_reporting_and_drop_boilerplate(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text("utf-8")
        r = clean_plain_text(raw)
        kept = r.text.split("\n\n")
        removed = [line for line, _ in r.removed]
        # nothing of the page that looks like a call to action, a link or a form survives
        for para in kept:
            assert not re.match(r"(Also Read|Read more|Related|Support|Contribute|Leave a Reply|"
                                r"Sign up|Get email|Post a Comment|No comments)", para), (path.name, para)
            assert "<" not in para and "Required fields" not in para
        # every long sentence-like line of the page is kept unless it is a caption
        for line in _sentences_of(raw):
            norm = re.sub(r"\s+", " ", line.replace("\u00a0", " "))
            if len(norm.split()) >= 12 and norm not in removed:
                assert norm in kept, (path.name, norm)
        assert all(reason for _, reason in r.removed)
    # titles: at the top, at the end (001), or none (000)
    titles = {p.name[:3]: clean_plain_text(p.read_text("utf-8")).title for p in seeds_dir.glob("*.txt")}
    assert titles["000"] is None
    assert titles["001"].startswith("Lavrov, Kerry Discuss Ukraine")
    assert titles["003"] == "Paris Says Russia Reviewing Syria Stance"
