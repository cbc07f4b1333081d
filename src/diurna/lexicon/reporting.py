"""Verbs of saying, shared by the stages that read what someone said.

:data:`SAYING` is the one list; each stage names the part of it it uses
(and says why a word outside it belongs to its part):

* quotes: all of :data:`SAYING` is a cue of attribution;
* events: :data:`REPORTING_CLAUSE`, verbs whose clause reports an act
  (the reported act is coded, the verb marks its modality ``reported``);
* places: :data:`SAID_AT`, verbs whose place is where the gathering was
  ("told a news conference in Geneva").
"""

SAYING = frozenset({
    "say", "tell", "add", "note", "state", "announce", "insist", "warn", "stress", "argue", "claim", "report",
    "explain", "write", "declare", "acknowledge", "admit", "recall", "respond", "reply", "suggest", "confirm",
    "deny", "assert", "predict", "estimate", "allege", "contend", "maintain", "emphasize", "emphasise",
    "reiterate", "complain", "concede", "caution", "remark", "observe", "learn", "believe", "think", "urge",
    "promise", "vow", "pledge", "tweet", "post", "ask", "question", "agree", "cite", "find", "show", "indicate",
    "read", "shout", "yell", "chant", "scream", "sing", "quip", "boast", "brag", "testify", "conclude",
    # more verbs of saying, general English
    "aver", "avow", "gripe", "grumble", "moan", "crow", "gloat", "elaborate", "relate", "restate", "inquire",
    "query", "forewarn", "advise", "counsel", "infer", "deduce", "prophesy", "foretell", "answer",
    "gather", "figure", "sense",
})

# events: the plainest verbs of saying and asserting, whose complement clause
# is what is reported; with "accuse" (its clause is the act accused of) and
# "repeat" (repeating a claim)
REPORTING_CLAUSE = (SAYING & frozenset({
    "acknowledge", "add", "admit", "announce", "argue", "assert", "believe", "claim", "confirm", "emphasise",
    "emphasize", "explain", "indicate", "insist", "maintain", "note", "reiterate", "report", "say", "state",
    "stress", "suggest", "tell", "think", "warn", "write",
})) | frozenset({"accuse", "repeat"})

# places: verbs of saying a place can be the venue of; with "quote" ("quoted
# by the agency in Cairo")
SAID_AT = ((SAYING & frozenset({"add", "claim", "note", "report", "say", "state", "tell", "write"}))
           | frozenset({"quote"}))
