"""The benchmark helpers (not timings: those belong in docs/benchmarks.md)."""

from diurna.evaluation.bench import actor_candidates, generated_corpus
from diurna.evaluation.sections import remove_section, write_section
from diurna.ingest import Deduplicator, read
from diurna.records import Article


def test_generated_corpus_is_news_sized_and_not_copies(tmp_path):
    texts = generated_corpus(12)
    assert len(texts) == 12
    assert all(580 <= len(t.split()) <= 700 for t in texts)
    for i, t in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(t, encoding="utf-8")
    dedup = Deduplicator(threshold=0.8)
    arts = [a for a in read([str(tmp_path)]) if isinstance(a, Article)]
    assert len(arts) == 12
    for a in arts:
        dedup.check(a)
    assert not any(a.duplicate_of for a in arts)
    assert generated_corpus(3) == generated_corpus(3)  # reproducible


def test_actor_candidates_counts_sentences_without_actors(nlp):
    doc = nlp("France called for a vote on Monday. It rained all day long. Protesters marched on the palace.")
    c = actor_candidates([doc])
    assert c["sentences"] == 3 and c["no_actor_sentences"] == 1
    assert c["no_actor_tokens"] == 6


def test_sections_are_replaced_and_removed(tmp_path):
    md = tmp_path / "b.md"
    write_section(md, "x", "one")
    write_section(md, "y", "two")
    write_section(md, "x", "three")
    text = md.read_text()
    assert "three" in text and "one" not in text and "two" in text
    remove_section(md, "x")
    assert "three" not in md.read_text() and "two" in md.read_text()
