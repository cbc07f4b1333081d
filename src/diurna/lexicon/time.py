"""Words of the time stage: the time-expression tagger
(:mod:`diurna.time.expressions`) and the publication-date inference
(:mod:`diurna.time.pubdate`).

The regular expressions of the tagger spell some of these words again as
patterns (``diurna.time.expressions.fragments``); the tables here say what a
matched word means.
"""

# --------------------------------------------------------------------------
# calendar words
# --------------------------------------------------------------------------

# month names and their abbreviations -> month number
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

# months that are also common words or that are abbreviated ("may", "march",
# "Jan"): without a day they are a month only after a time preposition
AMBIGUOUS_MONTHS = ("may", "march", "mar", "jan", "dec", "sep", "jun", "jul", "oct", "nov", "aug", "feb", "apr")

# weekday names and their abbreviations -> weekday (Monday 0, as datetime counts)
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}

# weekday abbreviations that are also words ("sun", "sat", "wed", "mon"):
# written in lower case they are not a day
WORDLIKE_WEEKDAYS = ("sun", "sat", "wed", "mon")

# seasons -> TIMEX3 season code
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

# the last month of each season ("last spring" said in October is this year's);
# winter spans two years and has none
SEASON_END = {"spring": 5, "summer": 8, "autumn": 11, "fall": 11}

# parts of the day -> TIMEX3 part code; the order is the order a phrase is
# searched in ("tomorrow morning")
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "midday": "MI"}

# days named by a word -> days from the anchor
DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1}

# "the first week of August": a day inside the n-th week of a month
WEEK_OF_MONTH = {"first": 4, "second": 11, "third": 18, "fourth": 25, "last": 25, "final": 25}

# "the nineties" -> the decade's second digit
DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")

# ordinal century words -> the century's number ("the twentieth century": 20)
CENTURY_WORDS = {"first": 1, "twenty-first": 21, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                 "nineteenth": 19, "twentieth": 20}

# --------------------------------------------------------------------------
# holidays
# --------------------------------------------------------------------------

# holidays on a fixed day -> (month, day); keys as the tagger folds the name
# (lower case, apostrophes as spaces: "new year s day")
FIXED_HOLIDAYS = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year s": (1, 1),
                  "new year s day": (1, 1), "new year s eve": (12, 31), "halloween": (10, 31), "valentine s day": (2, 14),
                  "fourth of july": (7, 4), "july fourth": (7, 4), "veterans day": (11, 11),
                  "boxing day": (12, 26)}

# holidays on the n-th such weekday of a month (US calendar) -> (month,
# weekday, n), n = -1 for the last one
FLOATING_HOLIDAYS = {"thanksgiving": (11, 3, 4), "thanksgiving day": (11, 3, 4), "memorial day": (5, 0, -1),
                     "labor day": (9, 0, 1), "mother s day": (5, 6, 2), "father s day": (6, 6, 3),
                     "presidents day": (2, 0, 3), "mlk day": (1, 0, 3)}

# days counted from Easter Sunday
EASTER_DAYS = {"good friday": -2, "easter monday": 1}

# --------------------------------------------------------------------------
# numbers, units and quantities
# --------------------------------------------------------------------------

# number words -> value ("half a" year: 0.5)
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "a dozen": 12, "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5,
    "twenty-four": 24, "twenty four": 24, "forty-eight": 48, "forty eight": 48,
}

# quantities without a number ("several years"): the duration's count is X
VAGUE = frozenset({"several", "a few", "few", "many", "some", "recent", "the coming", "coming", "numerous"})

# ordinals of a quarter or a half ("the third quarter")
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}

# units of time -> (TIMEX3 duration prefix, unit code)
UNITS = {
    "second": ("PT", "S"), "minute": ("PT", "M"), "hour": ("PT", "H"), "day": ("P", "D"),
    "night": ("P", "D"), "week": ("P", "W"), "weekend": ("P", "WE"), "fortnight": ("P", "W"),
    "month": ("P", "M"), "quarter": ("P", "Q"), "year": ("P", "Y"), "decade": ("P", "DE"),
    "century": ("P", "CE"),
}

# half of a unit in the next smaller one ("two and a half years": P2Y6M)
HALF_UNITS = {"year": "6M", "day": "T12H", "hour": "30M", "minute": "30S"}

# units whose "the past ..." names the unit before the anchor's ("the past
# year": last year) -> offset code
PAST_UNITS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE"}

# units that are counted in a larger grain when a mentioned date anchors them
# ("the next night" counts from a day, "the following spring" from a quarter)
UNIT_GRAIN = {"night": "day", "morning": "day", "afternoon": "day", "evening": "day", "weekend": "week",
              "decade": "year", "century": "year", **{s: "quarter" for s in SEASONS}}

# the precisions of a mentioned date that can anchor a unit of that grain
# ("1995-05-22" anchors "the next day", "1995" only "the following year")
ANCHORING_PRECISIONS = {"day": ("day",), "week": ("day", "week"), "month": ("day", "week", "month"),
                        "quarter": ("day", "week", "month", "quarter"),
                        "half": ("day", "week", "month", "quarter", "half")}

# --------------------------------------------------------------------------
# relative words
# --------------------------------------------------------------------------

# words that count a unit from the anchor ("last week": -1, "the following year": +1)
RELATIVE_STEPS = {"the": 0, "this": 0, "current": 0, "same": 0, "last": -1, "past": -1, "previous": -1,
                  "next": 1, "coming": 1, "following": 1}

# words that name a part of a period -> TIMEX3 mod ("mid-2014": MID;
# "earlier this week" has none)
MODS = {"early": "START", "the start of": "START", "the beginning of": "START", "mid": "MID",
        "mid-": "MID", "the middle of": "MID", "late": "END", "the end of": "END", "end": "END",
        "end-": "END", "earlier": None, "later": None}

# words for the present, the past and the future -> TIMEX3 value (None: no time)
REFS = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "at present": "PRESENT_REF", "at the moment": "PRESENT_REF", "these days": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF", "lately": "PAST_REF",
    "previously": "PAST_REF", "the past": "PAST_REF", "formerly": "PAST_REF", "once": None,
    "in recent years": "PAST_REF", "recent years": "PAST_REF", "recent months": "PAST_REF",
    "recent weeks": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "shortly": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "eventually": None,
}

# adverbs of frequency -> TIMEX3 value of the SET
SETS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
        "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D"}

# --------------------------------------------------------------------------
# tense of a clause
# --------------------------------------------------------------------------

# auxiliaries of the future ("wo" of "won't")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})

# auxiliaries of the perfect: the clause is past
PERFECT_AUX = frozenset({"had", "has", "have"})

# present forms of "be" before a gerund: the clause is present ("is meeting")
PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})

# verbs whose passive participle puts its time ahead ("the vote is expected
# Wednesday", "was scheduled for Nov. 6")
SCHEDULING_VERBS = frozenset({"expect", "schedule", "slate"})

# verbs whose infinitive looks ahead of them ("expected to", "agreed to", "is to")
AHEAD_HEADS = frozenset({
    "expect", "schedule", "due", "plan", "hope", "intend", "aim", "want", "agree", "promise", "vow", "threaten",
    "prepare", "set", "decide", "pledge", "seek", "propose", "invite", "urge", "ask", "call", "order", "tell",
    "offer", "refuse", "arrange", "slate", "be", "need", "have", "go", "get", "likely", "wish", "vote", "ready",
    "demand", "warn", "request", "encourage", "force", "persuade", "instruct", "authorize", "commit"})

# --------------------------------------------------------------------------
# publication dates (diurna.time.pubdate)
# --------------------------------------------------------------------------

# ordinal words of a conflict's age or anniversary ("the second anniversary of the uprising")
CONFLICT_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                     "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}

# number words of a conflict's age and of "N years ago" ("the five-year war";
# "twenty-two" is read as twenty and two)
CONFLICT_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
                    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
                    "thirty": 30, "forty": 40, "fifty": 50}

# the offices a country's "leader" holds ("Syrian leader Bashar al-Assad"),
# as the knowledge base names them (data/officeholders.tsv)
LEADER_ROLES = ("head_of_state", "head_of_government", "party_leader", "supreme_leader")
