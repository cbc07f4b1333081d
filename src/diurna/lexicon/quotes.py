"""Words of the quotes stage (:mod:`diurna.quotes`): cues, what they state, who states it.

The verbs of saying are :data:`diurna.lexicon.reporting.SAYING`, every one
of them a cue; the lists here are the other cue words and the words the
rules around a cue test.  A list whose words must all be verbs of saying is
taken from :data:`SAYING`.
"""

from .reporting import SAYING

# --------------------------------------------------------------------------
# cue verbs besides the verbs of saying
# --------------------------------------------------------------------------

# verbs of stance that attribution corpora count as well ("called for", "cited", "wants")
STANCE = frozenset({
    "call", "cite", "want", "plan", "decline", "mention", "point", "criticize", "criticise", "condemn",
    "encourage", "demand", "defend", "offer", "propose", "describe", "liken", "blast", "document", "oppose",
    "support", "attack", "recommend", "hope", "expect", "fear", "accuse", "praise", "welcome", "reject",
    "dismiss", "blame", "refuse", "threaten", "decry", "slam", "hail", "lament", "question", "doubt", "see",
    "endorse", "rule", "discuss", "express", "consider", "view", "echo", "compare", "worry", "mock", "label",
    "feel", "intend", "seek", "recognize", "recognise", "highlight", "reference", "chant", "tout", "dispute",
    "assume", "imagine", "realize", "realise", "wonder", "disagree", "chastise", "grill", "rip", "ridicule",
    "applaud", "champion", "advocate", "favor", "favour", "characterize", "portray", "brand", "dub", "deem",
    "speak", "talk", "comment", "press", "lobby", "signal", "testify", "assure", "reassure", "reveal",
    "disclose", "speculate", "hint", "imply", "proclaim", "prefer", "trust", "distrust", "like", "love", "hate",
    "approve", "disapprove", "regret", "apologize", "apologise", "celebrate", "emphasize",
    "appeal", "attest", "beg", "clarify", "confess", "confide", "contradict", "counter", "guarantee", "inform",
    "plead", "rebut", "refute", "request", "retort", "specify", "swear", "whisper", "wish", "envision", "envisage",
    "determine", "judge", "reason", "calculate", "suppose", "guess", "reckon", "presume", "perceive", "suspect",
    "forecast", "project", "anticipate", "foresee", "desire",
    "promote", "detail", "paint", "frame", "depict", "downplay", "embrace", "justify", "link",
    "know", "understand", "laud", "back", "implore", "rate", "react", "outline", "retweet", "bemoan", "decide", "chide",
    "scold",
    "lambaste", "berate", "denounce", "fault", "assail", "knock", "insult", "taunt", "joke",
    # praise, blame and persuasion
    "compliment", "commend", "congratulate", "thank", "extol", "admire", "despise", "exhort", "persuade", "convince",
    "belittle", "disparage", "deride", "lampoon", "scoff", "sneer", "excoriate", "castigate", "rebuke", "reprimand",
    "admonish", "bash", "trash", "vilify", "demonize", "demonise", "smear", "heckle", "jeer", "cheer",
    # saying again, telling at length, thinking aloud
    "repeat", "recount", "chronicle", "profile", "summarize", "summarise", "underscore", "underline", "reaffirm",
    "affirm", "concur", "vouch", "protest", "object", "opine", "muse", "ponder", "contemplate", "theorize",
    "theorise", "posit", "surmise", "insinuate", "moralize", "moralise", "propound", "pitch", "lie",
    # stating, judging and condemning, general English
    "articulate", "voice", "convey", "communicate", "relay", "paraphrase", "censure", "deplore", "denigrate",
    "disavow", "disown", "repudiate", "renounce", "reproach", "pillory", "scorn", "salute",
    "nickname", "term", "regard", "petition", "entreat", "beseech",
})

# verbs whose object holds the stance and whose subject is what it is about ("That worries environmentalists")
FELT_BY_OBJECT = frozenset({"worry", "concern", "alarm", "anger", "frustrate", "trouble", "bother", "upset", "disturb",
                            "outrage", "infuriate", "dismay", "frighten", "scare", "irritate", "annoy",
                            "offend", "appall", "appal", "horrify", "disappoint", "encourage", "please", "delight",
                            "impress", "reassure", "unsettle", "rattle", "spook"})

# regular inflections back to the base form, to mend a cue verb's lemma: hopes, rated, retweeted, hoping, denied
INFLECTIONS = (("ies", "y"), ("ied", "y"), ("s", ""), ("es", ""), ("d", ""), ("ed", ""), ("ing", "e"), ("ing", ""))

# --------------------------------------------------------------------------
# what a cue verb states
# --------------------------------------------------------------------------

# verbs of knowing, attributions only with a clause ("she knows that ...", not "knows the area")
CLAUSE_ONLY = frozenset({"know", "understand", "see", "find", "maintain", "imagine", "determine", "judge", "reason",
                         "calculate", "suppose", "guess", "reckon", "presume", "perceive", "suspect", "realize",
                         "realise", "wonder", "assume", "forecast", "project", "anticipate", "foresee", "answer",
                         "gather", "figure", "sense", "infer", "deduce", "relate"})

# verbs whose "that" clause is a fact or a goal, not something stated ("ensure that", "means that")
NOT_STATED = frozenset({"be", "ensure", "insure", "mean", "require", "make", "provide", "happen", "seem", "appear",
                        "matter", "help"})

# verbs of saying whose clause without "that" the parser may hang on them as an adverbial clause
# ("said after the convention he would ...")
THATLESS_REPORTERS = SAYING & frozenset({"say", "tell", "add", "insist", "claim", "argue", "note"})

# verbs of charging whose "of" phrase is the charge ("accused X of being duped")
CHARGE_VERBS = frozenset({"accuse", "suspect"})

# verbs of answering, whose "to"/"with"/"by" phrase is the answer ("responded with attacks")
RESPONSE_VERBS = frozenset({"respond", "reply", "react"})
RESPONSE_PREPS = frozenset({"to", "with", "by"})

# verbs that take a person as object, not what was said ("told reporters", "asked him")
ADDRESS_VERBS = frozenset({"tell", "ask", "urge", "encourage", "warn", "remind", "exhort", "persuade", "convince",
                           "advise", "counsel", "forewarn", "inform", "notify"})
# prepositions through which a verb of address states something ("asked for X", "warned of Y")
ADDRESS_PREPS = frozenset({"for", "as", "of"})
# verbs of address whose object noun may be what is urged ("urged restraint"), unless it names people
URGING_VERBS = frozenset({"urge", "encourage"})

# contents that only point back at something ("what she called...", "denied it")
EMPTY = frozenset({"what", "that", "it", "this", "him", "her", "them", "himself", "herself", "themselves",
                   "which", "who", "so", "something", "anything", "nothing", "one"})

# words opening an indirect question ("said when ...", "asked whether ...")
WH = frozenset({"whether", "when", "how", "why", "what", "where", "who", "which", "if"})

# --------------------------------------------------------------------------
# prepositions of cues and of what they state
# --------------------------------------------------------------------------

# prepositions that belong to the cue ("called for", "called on", "pointed to")
CUE_PREPS = {"call": frozenset({"for", "on"}), "point": frozenset({"to"}),
             "press": frozenset({"for"}), "advocate": frozenset({"for"}), "lobby": frozenset({"for"}),
             "plead": frozenset({"for"}), "argue": frozenset({"for"}), "speak": frozenset({"of"}),
             "comment": frozenset({"on"}), "weigh": frozenset({"in"})}

# "about" belongs to any cue it follows: "complained about", "spoke about", "talked about"
CUE_ABOUT = frozenset({"about"})

# prepositions a verb of stance with no object takes into its cue ("apologized for", "railed against")
STANCE_PREPS = frozenset({"for", "against", "of", "over"})

# verbs of saying that state a stance through one of those ("warned against X", "complained of Y")
REPORTING_PREP = frozenset({"warn", "caution", "argue", "complain", "testify", "insist", "plead", "vow", "pledge"})

# prepositions on the right of a stance verb whose phrase is part of what was stated
CORE_PREPS = frozenset({"as", "for", "of", "about", "against", "over", "into"})

# prepositions left out of the front of what was stated: "described as “unhinged”", "talked about X"
OPENING_PREPS = frozenset({"as", "about"})
# ... and these when hung on the verb itself: "spoke out Tuesday about the death", "warned on X"
VERB_OPENING_PREPS = frozenset({"on", "over", "against"})

# words of a comparison that goes with what was stated ("rated 32% as false, compared to 11% of ...")
COMPARISON_PREPS = frozenset({"compared", "versus", "relative"})

# prepositions of a noun of saying whose object is what it is about ("his criticism of the deal")
TOPIC_PREPS = frozenset({"of", "about", "over", "for", "against", "on"})

# prepositions of a stance adjective or holder whose object is the stance ("critical of", "sure about")
STANCE_ADJ_PREPS = frozenset({"of", "about", "on", "toward", "towards", "to", "with", "over", "that"})

# prepositions of when something was said, never part of it ("since the debate", "during his time on MSNBC")
SETTING_PREPS = frozenset({"since", "during", "after", "before", "until", "at", "amid", "throughout"})

# prepositions that name a poll or an estimate as a source ("in a new poll", "by one estimate")
POLL_PREPS = frozenset({"in", "by"})

# --------------------------------------------------------------------------
# nouns of saying, messages and sources
# --------------------------------------------------------------------------

# nouns of saying or believing that take a that-clause ("Trump's claim that ...")
CLAIM_NOUNS = frozenset({
    "claim", "assertion", "argument", "warning", "belief", "insistence", "suggestion", "promise", "pledge", "vow",
    "accusation", "allegation", "statement", "view", "opinion", "fear", "hope", "concern", "contention",
    "prediction", "admission", "acknowledgment", "acknowledgement", "assurance", "threat", "charge", "message",
    "notion", "complaint", "denial", "announcement", "report", "conclusion", "finding", "estimate", "assessment",
})

# nouns of messages: a verb with one as object reports it ("unleashed a flurry of tweets")
MESSAGE_NOUNS = frozenset({
    "statement", "tweet", "remark", "comment", "letter", "message", "speech", "reference", "criticism", "warning",
    "appeal", "plea", "ultimatum", "proposal", "endorsement", "apology", "denial", "rebuke", "condemnation", "memo",
    "editorial", "op-ed", "post", "announcement", "assurance",
})

# nouns of many messages at once ("a flurry of tweets", "a series of statements")
MESSAGE_GROUPS = frozenset({"flurry", "series", "barrage", "string", "stream", "volley"})

# nouns of stance whose object is what is stated ("his criticism of the deal")
STANCE_NOUNS = frozenset({
    "criticism", "support", "comment", "remark", "concern", "question", "attack", "praise", "opposition", "call",
    "demand", "plan", "proposal", "disdain", "admiration", "contempt", "rhetoric", "push", "endorsement",
    "condemnation", "defense", "defence", "rejection", "denunciation", "embrace", "skepticism", "scepticism",
})

# nouns of intent whose infinitive is what is stated ("Clinton's plan to raise taxes")
INTENT_NOUNS = frozenset({
    "plan", "promise", "pledge", "vow", "determination", "refusal", "threat", "call", "demand", "push",
    "proposal", "offer", "intention", "desire", "wish", "willingness", "eagerness", "reluctance",
    "commitment", "vision", "hope",
})

# every noun that cues an attribution of its owner
SAID_NOUNS = STANCE_NOUNS | CLAIM_NOUNS | INTENT_NOUNS

# nouns of feeling and of weighing whose object is what is stated ("expressed outrage over X", "touted the
# virtues of X", "embraced the idea of X", "sounded a note of caution"); not nouns of a property claimed
# ("questioned the very need for X", "stressed the importance of Y")
ABOUT_NOUNS = frozenset({
    "outrage", "anger", "frustration", "alarm", "dismay", "disgust", "sympathy", "gratitude", "regret", "sorrow",
    "displeasure", "satisfaction", "confidence", "doubt", "reservation", "misgiving", "optimism", "pessimism",
    "enthusiasm", "disappointment", "idea", "notion", "prospect", "possibility", "virtue", "note", "word",
})

# what something was said in ("in a statement", "in an interview"): when or where, not what
SETTING_NOUNS = MESSAGE_NOUNS | {"interview", "diatribe", "broadcast", "appearance"}

# what speaks when a participle hangs on it ("a statement announcing the pick", "an ad attacking X")
DOCUMENTS = frozenset({"ad", "advertisement", "video", "spot", "commercial", "article", "story", "column", "book",
                       "film", "documentary", "paper", "filing", "lawsuit", "complaint", "petition", "resolution",
                       "bill", "law", "measure", "amendment", "ruling", "order", "decision", "document", "email",
                       "release", "note", "sign", "banner", "headline", "campaign", "platform"})

# "in a new poll", "by one estimate": a source of figures named by a preposition
POLL_NOUNS = frozenset({"poll", "survey", "study", "estimate", "analysis", "census", "tally", "count", "projection",
                        "forecast"})

# one word before a headline colon that names a source ("Poll: ...", "Officials: ...")
HEADLINE_SOURCES = POLL_NOUNS | {"report", "officials", "sources", "experts"}

# sources whose object is their finding ("the study found 31 incidents")
FINDERS = POLL_NOUNS | {"report", "review", "investigation", "audit", "research", "data", "analysis", "probe",
                        "inquiry", "researcher", "scientist", "investigator", "auditor"}

# --------------------------------------------------------------------------
# stance stated with "be"
# --------------------------------------------------------------------------

# "is critical of", "was sure (that)": adjectives of stance after a copula
STANCE_ADJ = frozenset({
    "critical", "supportive", "skeptical", "sceptical", "sure", "confident", "certain", "convinced", "adamant",
    "wary", "opposed", "dismissive", "optimistic", "pessimistic", "doubtful", "hopeful", "fearful", "worried",
    "concerned", "angry", "furious", "outspoken", "vocal", "proud", "insistent", "enthusiastic", "passionate",
    "suspicious", "hostile", "sympathetic", "favorable", "favourable", "unhappy", "upset", "frustrated",
    "disappointed", "pleased", "grateful", "appreciative", "cautious", "ambivalent", "unequivocal", "emphatic",
    "afraid", "determined", "eager", "anxious", "keen", "reluctant", "unwilling", "resolved", "loath",
    "hesitant", "aware", "unaware", "mindful", "alarmed", "troubled", "dismayed", "outraged", "incensed",
})

# "is a staunch opponent of": nouns of those who hold a stance
STANCE_HOLDERS = frozenset({
    "supporter", "opponent", "critic", "advocate", "proponent", "champion", "fan", "defender", "backer", "foe",
    "skeptic", "sceptic", "admirer", "believer", "detractor",
})

# --------------------------------------------------------------------------
# speakers
# --------------------------------------------------------------------------

# nouns of people, addressed or affected ("urged supporters", "worries voters", "led the reporter to fear")
PEOPLE_NOUNS = frozenset({
    "supporter", "voter", "reporter", "people", "american", "member", "official", "leader", "lawmaker", "country",
    "nation", "resident", "citizen", "follower", "fan", "colleague", "party", "side", "ally", "government",
    "student", "parent", "worker", "audience", "crowd", "everyone", "public", "woman", "man", "youth", "donor",
    "investor", "company", "employee", "state", "administration", "congress", "republican", "democrat",
})

# endings of nouns of people ("journalist", "leader", "investor", "politician", "participant", "resident")
PERSON_SUFFIXES = ("ist", "er", "or", "ian", "ant", "ent")

# pronouns that stand for the last person named ("he said")
SPEAKER_PRONOUNS = frozenset({"he", "she"})

# objects that name no one ("it concerns itself with ..."): no one to hold a stance
NO_ONE = frozenset({"it", "itself", "themselves"})

# relative pronouns: a speaker "who said" stands for the noun it hangs on
RELATIVE = frozenset({"who", "that", "which", "whom"})

# relative pronouns of things ("a letter that says ...", "the plan, which ...")
THING_RELATIVES = frozenset({"that", "which"})

# prepositions of an aside after a comma in a speaker's phrase ("Clinton, like Obama, said")
LIKENESS_PREPS = frozenset({"like", "unlike"})

# quantifiers whose "of" phrase is the source ("in one of the first polls")
SOURCE_QUANTIFIERS = frozenset({"one", "some", "many", "most"})

# determiners that point at a message said elsewhere ("made the comments", "made this statement")
POINTING_DETERMINERS = frozenset({"this", "these", "that", "those", "the"})

# --------------------------------------------------------------------------
# the words around what was said
# --------------------------------------------------------------------------

# relative pronouns opening a closing aside after a comma (", which ...", ", who ...")
ASIDE_RELATIVES = frozenset({"which", "who"})

# two-word links opening a reported clause, not part of it ("In addition, ...", "Of course, ...")
LINKING_PHRASES = frozenset({"in addition", "of course"})

# a sentence's opening link, not part of what was said: conjunctions, with or without a comma ("But ...")
LINKING_CONJUNCTIONS = ("But", "And", "So", "Yet", "Still")
# ... and adverbs, with their comma ("However, ...")
LINKING_ADVERBS = ("However", "Meanwhile", "In addition")

# words that do not go on a mid-sentence aside after its cue (", he said that ...", ", he said and ...")
ASIDE_TAIL_STOPS = ("that", "and", "but")

# words before a word in "-ing" that make it a noun, not a participle opening a quotation of its own
# ("in her ruling", "at a briefing"), and nouns in "-ing" that are never participles
BEFORE_ING_NOUN = ("her", "his", "its", "their", "the", "a", "in", "at", "of")
ING_NOUNS = ("during", "morning", "evening")

# dashes: a spaced one opens a speaker ("... predictable - Donald J. Trump said") or closes a stance
DASHES = frozenset({"-", "--", "—", "–", "―"})
