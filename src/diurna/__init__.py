"""diurna: news articles in, a dated and sourced record of who did what to whom out.

Stages (each a module, each callable alone)::

    diurna.ingest     files/HTML/JSONL -> Article          (read, Deduplicator)
    diurna.nlp        Article -> ParsedArticle              (parse)
    diurna.actors     Sentence -> Actor mentions            (Gazetteer)
    diurna.events     ParsedArticle -> Event                (get_coder)
    diurna.store      CodedArticle -> DuckDB                (Store)
    diurna.timeline   Store -> timeline entries, reports    (build, render_html)
    diurna.pipeline   all of the above                      (run, Settings)

The quickest start in Python::

    from diurna.pipeline import run, Settings
    summary = run(["examples/"], Settings(db="diurna.duckdb"))
"""

__version__ = "0.1.0"
