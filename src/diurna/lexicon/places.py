"""Words of the places stage (:mod:`diurna.places`): what makes a place
the place of an event."""

# prepositions that can introduce where something is
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "throughout", "within",
                      "on", "over", "into", "to", "toward", "towards", "against"})
# "on", "over", "against" name a place only for force ("air raids on Aleppo"), "to" and
# "into" only for movement and force; a "resolution on Syria" is about Syria, not in it;
# "from" names where someone came from or reported from, not where the event was
FORCE_PREPS = frozenset({"on", "over", "against", "into"})
MOVE_PREPS = frozenset({"to", "toward", "towards", "into"})
# inside a locative phrase, the words that lead on to the place: "in the suburbs of the
# capital Damascus", "in parts of the city of Aleppo", "in towns around Syria"
INNER_PREPS = frozenset({"of", "in", "at", "near", "around", "across", "inside", "outside", "throughout", "within"})
# verbs whose object is where the event is: "visited Syria", "entered Homs", "lost control of X"
# (or the place left: "fled violence in Syria", "left Homs")
PLACE_OBJECT = frozenset({"visit", "enter", "tour", "reach", "storm", "capture", "seize", "besiege", "overrun",
                          "shell", "bomb", "raid", "attack", "hit", "strike", "pound", "bombard", "take", "recapture",
                          "lose", "gain", "regain", "retake", "control", "flee", "leave", "escape"})
# verbs that only say an event named by their subject or object took place: "a meeting
# would be held in Cairo", "clashes have been reported in Aleppo", "protests broke out in Deraa"
LIGHT_VERBS = frozenset({"hold", "take", "occur", "happen", "erupt", "break", "rage", "continue", "begin", "start",
                         "resume", "stage", "convene", "organise", "organize", "report", "see", "witness",
                         "intensify", "spread", "follow", "come", "be", "go", "end", "last", "flare", "hit"})
# nouns of places, which a place name before them locates ("the Damascus suburbs", "Syria's
# cities", "the Aleppo airport"); before other nouns it is an owner or a topic ("the U.S. embassy")
PLACE_HEADS = frozenset({"suburb", "outskirt", "outskirts", "countryside", "city", "town", "village", "province",
                         "region", "area", "district", "quarter", "neighbourhood", "neighborhood", "street",
                         "border", "frontier", "capital", "airport", "port", "coast", "camp", "square", "centre",
                         "center", "downtown", "hospital", "university", "prison", "mosque", "stadium", "highway",
                         "road", "hill", "mountain", "valley", "desert", "part", "side", "north", "south", "east",
                         "west", "heart", "headquarters", "building", "compound", "hotel", "palace", "office"})
# verbs whose object event is what they are about, not where they happen: "condemned the attacks in Kenya"
TOPIC_VERBS = frozenset({"condemn", "denounce", "criticise", "criticize", "deplore", "discuss", "investigate",
                         "blame", "deny", "welcome", "praise", "describe", "mourn", "debate", "oppose", "support",
                         "back", "reject", "regret", "commemorate", "remember", "recall", "probe", "examine",
                         "protest", "mark", "call", "demand", "urge", "end", "stop", "halt", "ban", "prevent",
                         "say", "report", "claim", "announce", "confirm", "watch", "monitor", "cover", "document"})
# where something is said: "said at a news conference in Paris"
GATHERINGS = frozenset({"meeting", "conference", "session", "summit", "rally", "speech", "interview", "forum",
                        "briefing", "hearing", "gathering", "assembly", "ceremony", "convention", "debate", "event",
                        "talks", "visit", "trip", "tour", "funeral", "parliament", "congress", "council"})
# lemmas the small model gets wrong ("raged" -> "rag")
LEMMA_FIX = {"rag": "rage"}
# words that stand for part of a number of people: "140 people were killed, most of them in Hama"
PART_WORDS = frozenset({"most", "many", "some", "all", "half", "several", "dozens", "hundreds", "thousands",
                        "majority", "one", "two", "three", "none", "each", "both", "others"})
# verbs of moving, whose destination is where the event ends: "refugees moving into Turkey"
MOVE_VERBS = frozenset({"move", "flee", "cross", "go", "travel", "arrive", "return", "head", "stream", "pour",
                        "spill", "spread", "deploy", "send", "fly", "march"})
# verbs of leaving a place, where "from" names it: "withdrew staff from the embassy in Damascus"
FROM_VERBS = frozenset({"withdraw", "evacuate", "pull", "expel", "oust", "drive", "escape", "rescue"})
# nouns of violence, which take "on" / "against" of their target place ("an attack on a bus in Bulgaria")
VIOLENT_NOUNS = frozenset({"attack", "assault", "raid", "strike", "airstrike", "shelling", "bombardment",
                           "bombing", "offensive", "fighting", "clash", "ambush", "massacre", "killing",
                           "explosion", "blast", "crackdown", "siege", "incursion", "invasion", "air"})
# nouns of a journey, which take "to" of their destination ("during the visit to the Syrian capital")
TRIP_NOUNS = frozenset({"visit", "trip", "tour", "journey", "mission", "stop"})
# nouns of events that happen at a place, which a place name before them locates ("the Houla
# massacre", "the Kenya bombing", "the Midan explosion"); not talks or deals ("Syria talks")
SITE_NOUNS = VIOLENT_NOUNS | frozenset({"protest", "demonstration", "rally", "march", "riot", "unrest",
                                         "uprising", "explosion", "blast", "fire", "shooting"}) - {"air"}
