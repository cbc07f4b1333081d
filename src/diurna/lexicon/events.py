"""Words of the event coder (:mod:`diurna.events.rules`): what turns a verb and its
arguments into an event, its target and its modality."""

# prepositions whose object can be the target, most likely first ("talks with X",
# "a letter to X", "sanctions against X"); the order breaks ties
TARGET_PREPS = ("with", "to", "against", "on", "at", "into", "from", "between", "in", "about", "over", "regarding",
                "concerning", "for", "by")

# verbs whose object names the act their subject does: "announced a
# ceasefire", "began a joint exercise", "approved the deployment of troops"
DECLARING = frozenset({"announce", "declare", "approve", "authorize", "authorise", "order", "begin", "start",
                       "launch", "conduct", "hold", "stage", "perform", "carry", "complete", "make", "unveil",
                       "continue", "resume", "intensify", "escalate", "step", "renew", "extend", "mount",
                       "undertake", "issue", "set", "impose", "pay"})

# words of an amount: "pledged $10 million" gives (aid) money, not a target
AMOUNTS = frozenset({"$", "€", "£", "million", "billion", "euro", "dollar", "pound", "yuan", "yen"})

# prepositions of place: where an act happens, not to whom (not lexicon.actors.PLACE_PREPS,
# the narrower set that restricts a common noun)
WHERE_PREPS = frozenset({"in", "near", "inside", "outside", "across", "throughout"})

# nouns for a party that "the two ..." / "both ..." make a pair of parties ("the two countries")
GROUP_NOUNS = frozenset({"country", "nation", "government", "state", "power", "side", "ally", "neighbour", "neighbor"})

# prepositions that name a target only when their object is a party, or
# after a noun ("pessimism about the talks")
WEAK_PREPS = frozenset({"about", "over", "regarding", "concerning", "for", "by"})

# pronouns that can stand for a party as an argument
ACTOR_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "he", "she", "they", "we"})

# heads of an infinitive that is announced, not done: "threatened to veto", "ready to talk"
FUTURE_HEADS = frozenset({"threaten", "plan", "intend", "ready", "prepare", "want", "hope", "vow", "willing",
                          "prepared", "determined", "eager",
                          "promise", "aim", "seek", "expect", "pledge", "agree", "likely", "set"})

# auxiliaries of an act that is only possible: "could impose sanctions"
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should"})

# relative pronouns: the subject of "the country which vetoed" is the noun they hang on
RELATIVE = frozenset({"who", "which", "that"})

# subject pronouns, resolved to the party they stand for
PRONOUNS = frozenset({"he", "she", "they", "it", "we"})

# "refused to release", "declined to resign": the complement is not done
NEGATING_HEADS = frozenset({"refuse", "decline", "fail"})

# verbs whose infinitive complement is only asked for, not done: "urged Russia to
# stop the bombing" is an appeal to Russia; the stopping is not an event
UNREALISED_UNDER = frozenset({"urge", "ask", "call", "press", "demand", "request", "persuade", "convince",
                              "want", "encourage", "invite", "order", "force", "allow", "help", "tell",
                              "appeal", "implore", "plead", "lobby", "push", "try", "attempt", "hope"})
