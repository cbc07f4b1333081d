"""Quotes and reported speech: who said what (speaker, cue, content).

From the dependency parse of each sentence, with the span conventions of
attribution corpora (PolNeAR).  :func:`find_quotes` gives the
:class:`~diurna.records.Quote` records of one article, :func:`quotes_jsonl`
streams them.  Where each decision lives:

* :mod:`.article` the driver: which token is tried as a cue, and which
  attributions are dropped as part of another one's content ("Trump says he
  plans to ...": one attribution);
* :mod:`.cues` what cues an attribution (verbs of saying, of stance,
  learned ones in :mod:`.learned`; any verb with a subject and a "that"
  clause) and the cue's words ("has also said", "pointed out", "called
  for"); the lemmas of cue verbs the small model gets wrong, mended;
* :mod:`.quotations` quotation marks and direct quotes ("“...,” he said",
  "he said: “...”", a quotation split around its cue or running over
  several paragraphs);
* :mod:`.clauses` what a verb of saying reports: its clause with "that",
  before or after the verb, "..., experts say."; clauses the small parser
  hangs on the wrong word, mended;
* :mod:`.phrases` what a verb of stance states ("called the charges
  unsubstantiated", "called for the repeal of X", "complained about Y");
* :mod:`.verbs` the frames of a verb, in order: a quotation next to it, an
  aside in the middle of a sentence (", he told me on Friday,"), "as X put
  it", what it reports or states;
* :mod:`.frames` frames that are not a verb of saying's: "That worries
  environmentalists", "unleashed a flurry of tweets", "has been critical
  of X", "Trump's claim that ...";
* :mod:`.sources` headline colons ("Sanders: ...", "Poll: ..."), headlines
  in title case ("Sanders Vows To ..."), "according to X", polls and
  estimates named by "in"/"by";
* :mod:`.subjects` which token is the speaker (the subject, the agent of a
  passive, the subject higher up for a verb without one); :mod:`.speakers`
  the speaker's words and actor ("he"/"she": the last person named);
* :mod:`.spans` spans trimmed as annotators mark them; :mod:`.context` what
  the rules share over an article.

The words the rules test are in :mod:`diurna.lexicon.quotes` (the verbs of
saying: :data:`diurna.lexicon.reporting.SAYING`).

Span conventions of PolNeAR's annotations: a passive naming no speaker has
its whole clause as content ("Mr. X was accused of using ..."); what a noun
of feeling or weighing is about is the content ("expressed outrage over
X"), an owned noun is kept whole ("her plans for X"); the writer's
apposition after a spaced dash closes a stance ("linked X to Y — an
opportunity he missed"); a participle after a comma is cut only when it
reports something itself (", citing X"); an adjunct between the cue and a
that-less clause's subject is the cue's ("said after the convention he
would ..."); a quotation the sentence goes on after is the whole clause; a
colon opens a quotation in the next paragraph; a clause joined to the
reporting verb goes on what was said when it quotes the speaker; a
sentence the model split before a capitalised word goes on.
"""

from ..records import Quote
from .article import find_quotes
from .cues import cue_lemma
from .jsonl import quotes_jsonl
from .learned import LEARNED_PRECISION, learned_cues
from .quotations import quote_spans

# the mended lemma of a token, under the name scripts/learn_quote_cues.py imports
_lemma = cue_lemma

__all__ = ["Quote", "find_quotes", "quotes_jsonl"]
