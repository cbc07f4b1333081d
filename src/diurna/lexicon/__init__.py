"""Word knowledge: every closed list of words a rule tests, in one home.

One module per stage (:mod:`.actors`, :mod:`.events`, :mod:`.time`,
:mod:`.quotes`, :mod:`.places`), as spaCy keeps ``lang/en/stop_words.py``
and trafilatura its ``xpaths.py``: a reader looking for why a word counts
finds every list here, with a comment on what it is for, and a test
(``tests/test_lexicon.py``) fails when the same list is written twice.

Why Python modules and not data files: these are small closed-class lists
(prepositions, auxiliaries, reporting verbs, month names) tied to one rule
each, read at import with no parsing, and their comments matter more than a
format.  Knowledge that is large, open-ended or that users replace (the
gazetteer of actors, the verb and noun lexicons, office-holders, conflicts)
stays in the data files of ``diurna/data/`` with their documented formats.

This package sits below every stage: it imports nothing of diurna.
"""
