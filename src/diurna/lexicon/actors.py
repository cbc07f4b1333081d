"""Words of the actors stage and of the phrase helpers (:mod:`diurna.syntax`)."""

# prepositions whose object still names the same actor ("Ministry of Foreign
# Affairs", "ambassador to the UN", "minister for Europe")
NP_PREPS = frozenset({"of", "to", "for", "at", "in", "from"})

# prepositional phrases that belong to an event argument: "the government of
# Peru", "refugees from Syria", "the embassy in Kabul"; not "troops on Sunday",
# "a request for revocation", "talks with X" (the event's own arguments)
ARGUMENT_PREPS = frozenset({"of", "from", "in", "near", "to"})

# prepositions of place, which restrict a common noun ("people in Somalia")
# but not a name ("Saad Hariri in Washington")
PLACE_PREPS = frozenset({"in", "near"})

# third-person pronouns that stand for the last person named ("he said")
PERSONAL = frozenset({"he", "she", "him", "her"})

# nouns for things an actor authors: "a French-led draft" is France's
DOCUMENT_NOUNS = frozenset({"resolution", "draft", "text", "proposal", "plan", "measure", "initiative", "motion"})
