"""Publication dates inferred from the text when the input gives none.

Each clue becomes a piece of :class:`Evidence`: an interval the publication
date must lie in, with the words it came from.

* ``date``: a full date, month or year written in the text.  In a past or
  present clause the article is written on or after it; in a future clause
  or as a deadline or due date ("destroyed by mid-2014", "notes due 1999")
  on or before its end.  A year or decade alone in a present clause or one
  of unknown tense ("sales in 1990 are expected") is no clue.
* ``stamp``: a full date next to a clock time or before "last updated" ("24th
  June 2011 - 20:55" before a reader's comment, "21 December 2011 Last
  updated at 04:27 GMT"): the page's time stamp, so the article was written
  on or before it; the earliest one is the best day.
* ``yearless``: a date or month without a year ("the Aug. 21 attack", "in
  September").  Style guides drop the year only for recent dates, so in a
  past clause the article is written within :data:`YEARLESS_WINDOW` days
  after it (a month alone, "in March": before that month comes round again,
  :data:`YEARLESS_MONTH_WINDOW`; before it in a future clause or as a
  deadline, either side in a present clause: "the vote is on 10 April"); the
  year is the one that fits the other clues.
* ``weekday``: a weekday and a yearless date that agree ("Monday ... Sept. 16"
  in a year where Sept. 16 is a Monday): the article is written that day or
  within the week after.  The weekday is the date's own ("Monday, Sept. 16")
  or the one the text names most (the news day); for the news day the other
  clues must first narrow the date to two years (over more, a date falls on
  any weekday and coincidences outnumber agreements).
* ``office``: a person named with an office ("U.S. Secretary of State Rex
  Tillerson", "Sergei Lavrov, Russia's foreign minister,") bounds the
  article to the tenure, from ``data/officeholders.tsv``; the title must be
  next to the name (not another person's in the sentence, nor one elsewhere
  in the article), a title the knowledge base does not list ("Home
  Secretary X") is no clue, "former", "then-", "the late", "predecessor"
  and "the downfall of" are respected, and so is a sentence told at a
  written past date or "years ago" ("In 1995, Prime Minister John Major
  ...": the title then).  The title picks the office of a person who held
  several ("Secretary of State Madeleine Albright", not her UN term), a
  deputy's title is not the office ("Vice President George Bush"), the
  title's country picks among namesakes ("Iraqi President Hussein"), an
  honorific that is part of a name is tried first ("King Hussein"), and
  several terms or several people of one name and office ("President
  Bush") are alternatives.  "President-elect" and "-designate" put the
  article before the term; a sentence that tells of the term's end
  ("Defence Minister Daoud Rajiha was killed") lifts the upper bound.  A
  leader's name written without any office ("Col Muammar Gaddafi") only
  puts the article after the first term began: deposed and dead leaders
  are named for years after (other people's names say nothing: they are
  in the news before their first listed office too).
* ``conflict``: "the five-year civil war" in an article about Syria puts it
  four to six years after the war began, "the 16-month uprising" 15 to 17
  months after, "the second anniversary of the uprising" within weeks of the
  day (``data/conflicts.tsv``).
* ``event``: a dated event or state of the world the text refers to
  (``data/dated_events.tsv``): an event in a past or present clause ("the
  resolution that authorized military intervention in Libya") happened
  before the article (a future clause is no clue: it may speak of the
  event's aftermath); "nearly 30 years ago"
  in the same sentence measures the distance; a state ("a draft resolution
  on Syria" not yet voted on) held when the article was written, unless the
  text says it is over ("vetoed"); an incident told with "earlier this week"
  or "on Tuesday" in its clause happened days before; a scheduled event
  ("ahead of Russia's presidential election") comes within the year after.
* ``member``: countries named as voting in the UN Security Council ("failed
  to convince South Africa, India and Brazil to vote in favor") sat on it
  (``data/memberships.tsv``); each country's terms are alternatives.

Combining is robust: the evidence intervals are swept to find the dates
consistent with the most clues; clues that contradict them are reported as
rejected, so one wrong clue cannot empty the interval.  Dates equally well
supported (a clue's alternatives that nothing else decides between) all stay
in the interval.  The best date is a
weekday-date agreement if there is one, else the last day of the latest
period the text names as past (a date, a yearless date, a dated event: news
is written soon after what it reports), else the middle of the interval;
none when the interval is open on one side or made of several equally
supported stretches (no day is better than another).
"""

from __future__ import annotations

import datetime as dt
import collections
import functools
import itertools
import re
from dataclasses import dataclass

from ..kb import conflicts, dated_events, memberships, offices_by_name
from ..lexicon.time import CONFLICT_NUMBERS, CONFLICT_ORDINALS, LEADER_ROLES, WEEKDAYS
from ..records import DateInference, Sentence
from .expressions import find_timexes
from .expressions.tense import lexical_tense, tense_at

__all__ = ["DateInference", "Evidence", "infer_publication_date"]

YEARLESS_WINDOW = 183  # days
YEARLESS_MONTH_WINDOW = 334  # "in March": the latest March, so before March comes round again
LAST_MONTH_WINDOW = 457  # "last March": up to fifteen months back
PRESENT_AHEAD = 92  # a yearless date in a present clause may be up to three months ahead
_GROUPS = itertools.count()
DEADLINE = re.compile(r"\b(by|until|before|ahead of|no later than|due(?:\s+(?:in|on|by))?|matur(?:e|es|ing)(?:\s+(?:in|on))?|"
                      r"expir(?:e|es|ing)(?:\s+(?:in|on))?|scheduled for|set for)\s+(the\s+)?(end\s+of\s+|mid-?|early\s+|late\s+)?$",
                      re.I)
WEEKDAY_WINDOW = 6
WEEKDAY_SPAN_DAYS = 2 * 366  # the other clues must first narrow the date to two years at most
MIN_DATE, MAX_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

ROLE_WORDS = [(re.compile(rf"\b({words})(?!\w)", re.I), role) for words, role in [
    (r"foreign (minister|secretary)|secretary of state|minister of foreign affairs|top diplomat|foreign affairs minister",
     "foreign_minister"),
    (r"defen[cs]e (minister|secretary|chief)|secretary of defen[cs]e|minister of defen[cs]e|pentagon chief|war minister",
     "defence_minister"),
    (r"prime minister|premier|taoiseach|chancellor(?! of the exchequer)", "head_of_government"),
    (r"vice[- ]president", "deputy_head_of_state"),
    (r"president|king|queen|emir|emperor|sultan|pope", "head_of_state"),
    (r"secretary[- ]general|u\.?n\.? chief|un chief", "secretary_general"),
    (r"(u\.?n\.?|united nations) ambassador|ambassador to the (u\.?n\.?|united nations)|permanent representative",
     "un_ambassador"),
    (r"envoy|mediator", "envoy"),
    (r"senator|sen\.", "senator"),
    (r"spokes(man|woman|person)", "spokesperson"),
    # bare "Chancellor" is also Britain's finance minister: both roles are tried
    (r"treasury secretary|secretary of the treasury|finance minister|minister of finance|chancellor of the exchequer|"
     r"chancellor(?! of (?!the exchequer))", "finance_minister"),
    (r"attorney[- ]general", "attorney_general"),
    (r"(federal reserve|fed|central bank) (board )?(chairman|chairwoman|chair|chief|governor)|"
     r"chairman of the federal reserve", "central_bank_chair"),
    (r"(house )?speaker", "speaker"),
    (r"general secretary|communist party (chief|leader|boss)", "party_leader"),
    (r"supreme leader|paramount leader", "supreme_leader"),
    (r"foreign policy chief|high representative", "foreign_policy_chief"),
    (r"justice(?! (minister|ministry|department|secretary))", "supreme_court_justice"),
    (r"governor|gov\.", "governor"),
]]
# "Syrian leader Bashar al-Assad", "Soviet leader Mikhail Gorbachev": a
# country's leader holds one of these offices ("opposition leader" none)
LEADER = re.compile(r"\b([\w.'’-]+)\s+(?:leader|ruler|strongman|dictator)\b", re.I)
# a deputy's or a shadow's title is not the office ("Deputy Prime Minister", "Assistant Secretary of State")
DEPUTY = re.compile(r"\b(deputy|vice|assistant|under|junior|shadow)[- ]+$", re.I)
# "President-elect Bill Clinton", "Defense Secretary-designate": before the term, within these days
ELECT = [(re.compile(r"-elect\b|\bincoming\b", re.I), 120),
         (re.compile(r"\bdesignate\b|\bnominee\b|\bnominated\b", re.I), 400)]
# a title of an office the knowledge base does not list ("Home Secretary Michael Howard",
# "Commerce Secretary X"): the person's listed terms say nothing
OTHER_TITLE = re.compile(r"\b(minister|secretary|chancellor|governor|gov\.|rep\.|chairman|chairwoman|commissioner|mayor|"
                         r"director|candidate|nominee|hopeful|challenger|contender|front-?runner|ambassador|judge|justice|"
                         r"leader|chief)(?!\w)", re.I)
# a past office: "former", "then-", "the late", "ousted", "then French Foreign Minister"
FORMER = re.compile(r"\bthen\s+(?:[\w.'’-]+\s+){1,5}$"
                    r"|\b(former|ex-|then-|onetime|one-time|previous|predecessor|ousted|deposed|toppled|overthrown|exiled|"
                    r"slain|assassinated|late(?! (?:on|in|at|last|this|next|night|morning|afternoon|evening|"
                    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b))\b[^.,;:]{0,60}$", re.I)
# "the downfall of Libyan leader Col Muammar Gaddafi": the title at the end of the term, told later
END_OF = re.compile(r"\b(downfall|death|killing|ouster|overthrow|fall|assassination|execution|murder|funeral|toppling|"
                    r"removal|resignation|burial|widow|legacy)\s+of\s+[^.,;:]{0,50}$", re.I)
# a sentence that tells of a term's end ("Defence Minister Daoud Rajiha was killed"): the article may
# come after it, so the term's end does not bound it
ENDED = re.compile(r"\b(killed|died|dead|death|assassinated|slain|defect(?:ed|s|ing|ions?|ors?)?|fled|"
                   r"resign(?:ed|s|ation)|sacked|dismissed|fired|ousted|overthrown|toppled|deposed|stepped down|"
                   r"stepping down|quit|replaced|succeeded by|removed|executed)\b", re.I)
_CONFLICT_NOUN = r"(?:civil war|war|conflict|uprising|revolt|crisis|revolution|insurgency|invasion)"
CONFLICT_AGE = re.compile(rf"\b(?P<n>[\w-]+?)[- ](?P<unit>year|month)[- ](?:old\s+)?(?:(?:civil|armed|popular|bloody|brutal|deadly)\s+)?(?:[a-z][\w-]*\s+)?(?P<noun>{_CONFLICT_NOUN})\b"
                          rf"|\b(?P<ord>\w+)\s+(?P<unit2>year|month)\s+of\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?P<noun2>{_CONFLICT_NOUN})\b"
                          rf"|\b(?P<ann>\w+)\s+anniversary\s+of\s+(?:the\s+)?(?:(?:start|beginning|outbreak)\s+of\s+the\s+)?(?:\w+\s+)?(?P<noun3>{_CONFLICT_NOUN})\b", re.I)
LENGTH_SLACK = 365  # "the eight-year war" of a war that lasted about that long (within a year; a month for months) is its length
ANNIVERSARY_DAYS = 45  # an anniversary is written about in the weeks around the day
AGO = re.compile(r"\b(?:(?P<q>nearly|almost|about|around|some|roughly|more than|over|less than|just over|just under)\s+)?"
                 r"(?P<n>\d+|[a-z]+(?:-[a-z]+)?)\s+years?\s+(?:ago|earlier|before)\b", re.I)
# a dated event told with one of these happened that many days before the article at most
RECENT = [(re.compile(r"\b(?:yesterday|last night|overnight)\b"), 2),
          (re.compile(r"\b(?:today|tonight|this morning|this afternoon|earlier (?:on )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b"), 1),
          (re.compile(r"\b(?:(?:earlier )?this week|(?:on |last )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:a|one|two|three|four|five|six|\d) days? ago)\b"), 8),
          (re.compile(r"\b(?:last week|a week ago|(?:earlier )?this month|(?:two|2) weeks ago)\b"), 16)]
# words that put a scheduled event (an election) still ahead, whatever the clause's tense
AHEAD = re.compile(r"\b(?:ahead of|upcoming|forthcoming|coming|next|run-?up to|in the lead-up to|due|scheduled|"
                   r"will be held|to be held|before the)\b")
SCHEDULED_DAYS = 366  # a scheduled event is written about as ahead in the year before it
# a clock time or "last updated" right after a full date: a time stamp
STAMP = re.compile(r"\s*(?:[-,|]\s*|at\s+)?(?:\d{1,2}[:.]\d{2}\b(?!\s*(?:pm|am|p\.m|a\.m|o'clock)\b[^\n]{0,3}[a-z])|"
                   r"(?:last )?updated\b)", re.I)
STAMP_BEFORE = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:gmt|bst|utc|[ap]\.?m\.?)?\s*,?\s*(?:on\s+)?$", re.I)  # "At 18:03 2nd Mar 2012, X wrote"
VOTE = re.compile(r"\b(?:vote[sd]?|voting|abstain(?:ed|s|ing)?|abstention|in favou?r|veto(?:ed)?)\b", re.I)



@dataclass
class Evidence:
    """One clue: the publication date lies in [earliest, latest] (either may be None)."""

    kind: str
    text: str
    earliest: str | None
    latest: str | None
    note: str = ""
    used: bool = True
    group: int | None = None  # alternatives of one clue share a group (one of them can hold)
    until: str | None = None  # a past date: the last day of the period it names ("March 2012": 2012-03-31)
    weight: int | None = None  # how much the clue counts when clues disagree (None: by its kind)


def _period(value: str, mod: str | None = None) -> tuple[dt.date, dt.date] | None:
    """First and last day of a TIMEX3 calendar value (``2014``, ``2013-09``, ``2013-09-16``)."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value or "")
    if not m:
        m2 = re.fullmatch(r"(\d{3})", value or "")
        if m2:
            d = int(m2.group(1)) * 10
            return dt.date(d, 1, 1), dt.date(d + 9, 12, 31)
        return None
    y = int(m.group(1))
    if m.group(3):
        d = dt.date(y, int(m.group(2)), int(m.group(3)))
        return d, d
    if m.group(2):
        mo = int(m.group(2))
        last = (dt.date(y + (mo == 12), mo % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(y, mo, 1), last
    lo, hi = dt.date(y, 1, 1), dt.date(y, 12, 31)
    if mod == "START":
        hi = dt.date(y, 4, 30)
    elif mod == "MID":
        lo, hi = dt.date(y, 4, 1), dt.date(y, 9, 30)
    elif mod == "END":
        lo = dt.date(y, 9, 1)
    return lo, hi


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _deadline(full: str, start: int) -> bool:
    """Is the date at ``start`` a deadline or due date ("by mid-2014", "notes due 1999")?"""
    before = full[max(0, start - 40):start]
    return bool(DEADLINE.search(before)) and not re.search(r"\b(had|has|have|was|were)\b[^.,;]*$", before, re.I)


_WORD = re.compile(r"[\w'’.-]+")


@functools.lru_cache(maxsize=1)
def _full_names() -> dict[str, list[str]]:
    """The knowledge base's names of two or more words (or hyphenated) by
    their first word, longest first: looked up word by word, not with one
    regular expression of a thousand alternatives (which the profile showed
    to cost as much as the rest of the inference)."""
    by_first: dict[str, list[str]] = {}
    for k in offices_by_name():
        if " " in k or "-" in k:
            by_first.setdefault(_WORD.match(k).group(0), []).append(k)
    return {w: sorted(v, key=len, reverse=True) for w, v in by_first.items()}


def _find_full_names(text: str) -> list[tuple[int, int, str]]:
    idx, low, out, pos = _full_names(), text.lower().replace("’", "'"), [], 0  # (same length: offsets hold)
    for m in _WORD.finditer(low):
        if m.start() < pos:
            continue
        for name in idx.get(m.group(0).rstrip(".'’"), ()) or idx.get(m.group(0), ()):
            end = m.start() + len(name)
            if low.startswith(name, m.start()) and (end == len(low) or not (low[end].isalnum() or low[end] == "_")):
                out.append((m.start(), end, text[m.start():end]))
                pos = end
                break
    return out


# where a title ends, going back from a name: a sentence end (not "U.S." nor
# an abbreviated title, "Gov.", "Sen."), a clause break, another person's verb
_TITLE_SPLIT = re.compile(r"(?<![A-Z])(?<!\b(?:Mr|Ms|Dr|Lt|St))(?<!\b(?:Gov|Sen|Rep|Gen|Col|Maj|Adm|Mrs|Sgt|Rev))"
                          r"(?<!\b(?:Capt|Cmdr|Brig|Atty|Prof|Supt))[.!?]\s|[;:()]|,(?!\s*$)|"
                          r"\b(?:and|or|with|by|met|said|says|told|while|to|for|from)\b")


def _title_window(before: str, after: str) -> tuple[str, str]:
    """The words that give a named person's office: a title right before the
    name ("Russian Prime Minister Vladimir Putin", "the foreign minister,
    Sergei Lavrov") or an apposition right after it ("Sergei Lavrov, Russia's
    foreign minister,"), not another person's title in the same sentence
    ("President Assad and Mr Putin").  Returns the words before and after."""
    head = _TITLE_SPLIT.split(before)[-1]
    head = " ".join(head.split()[-6:])
    m = re.match(r"\s*,\s*([^,;.()]{0,60}?)(?:,|\.(?:\s|$)|;|$)", after)
    tail = m.group(1) if m and not re.search(r"\b(?:who|which|that|said|says|told|and|whose)\b", m.group(1)) else ""
    return head, tail


_SUFFIX = re.compile(r",?\s+(?:jr\.?|sr\.?|iii|3d|3rd|iv)$")
_INITIAL = re.compile(r"\s+[a-z]\.(?=\s)")


def _name_terms(key: str, before: str):
    """The knowledge base's terms for a name as written, and whether the
    name was matched whole (not only by its surname): an honorific that is
    part of an alias first ("King Hussein", "Ayatollah Khomeini"), then the
    name, the name without "Jr."/"3d" and middle initials ("James A. Baker
    3d"), its last two words ("French Foreign Minister Jean-Marc Ayrault"),
    and last its surname ("Secretary of State Baker")."""
    idx = offices_by_name()
    hon = re.search(r"\b([A-Z][a-z]+)\s+$", before)
    if hon and (terms := idx.get(f"{hon.group(1).lower()} {key}")):
        return terms, True
    short = _INITIAL.sub("", _SUFFIX.sub("", key))
    parts = short.split()
    for k in (key, short, " ".join(parts[-2:]) if len(parts) > 2 else None):
        if k and (terms := idx.get(k)):
            return terms, True
    if len(parts) > 1 and (terms := idx.get(parts[-1])):
        return terms, False
    return None, False


@functools.lru_cache(maxsize=1)
def _country_words() -> dict[str, str]:
    """Country names and adjectives of the actor gazetteer (``data/actors.tsv``), to read
    the country of a title ("Iraqi President", "Jordan's King")."""
    from importlib import resources

    out = {}
    for line in resources.files("diurna").joinpath("data/actors.tsv").read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) >= 5 and cols[4] in ("country", "adjective") and cols[2]:
            out[cols[0]] = cols[2]
    return out


def _countries_in(title: str) -> set[str]:
    words = [w[:-2] if w.endswith("'s") else w for w in re.findall(r"[a-z][a-z.'-]*[a-z.]", title.lower().replace("’", "'"))]
    cw = _country_words()
    return {cw[g] for n in (1, 2, 3) for i in range(len(words) - n + 1) if (g := " ".join(words[i:i + n])) in cw}


def _roles_in(title: str) -> list[str]:
    """The offices a title names; a deputy's ("Vice President", "Deputy
    Prime Minister", "Assistant Secretary of State") is not the office; a
    country's leader ("Syrian leader") is its head of state or government."""
    out = []
    for rx, role in ROLE_WORDS:
        if any(not DEPUTY.search(title[:m.start()]) for m in rx.finditer(title)):
            out.append(role)
    m = LEADER.search(title)
    word = m.group(1) if m else ""  # the word right before: "Iraqi opposition leader" is no country's
    if m and (word.lower() == "soviet" or _countries_in(word)):
        out += [r for r in LEADER_ROLES if r not in out]
    return out


def _office_evidence(text: str, entities: list[tuple[int, int, str]]) -> list[Evidence]:
    out, seen = [], set()
    for start, end, name in entities:
        key = name.lower().replace("’", "'")
        key = re.sub(r"'s$", "", key)
        before = text[max(0, start - 70):start]
        terms, whole = _name_terms(key, before)
        if not terms:
            continue
        after = text[end:end + 50]
        head, tail = _title_window(before, after)
        # "former", "then" in the title, not anywhere before it ("Mr. Clinton's
        # former chief of staff said President Clinton ...")
        if FORMER.search(head + " ") or END_OF.search(before) or re.match(r"\s*,\s*(a|the)\s+former\b", after, re.I):
            continue
        title = head + " " + tail
        roles = _roles_in(title)
        if not roles and OTHER_TITLE.search(title):
            continue
        # (an office named elsewhere in the article is not taken as the
        # person's: it is most often another person's, "Prime Minister
        # Thatcher ... Mr. Lawson's successor, John Major")
        cands = [t for t in terms if t.role in roles] if roles else []
        countries = _countries_in(title) if cands else set()
        if countries:
            # "Iraqi President Saddam Hussein", not Jordan's king; a title of
            # another country is another person's office
            cands = [t for t in cands if t.country in countries or t.country is None]
            if not cands:
                continue
        if roles and not cands:
            continue  # an office the knowledge base does not list for them ("Finance Minister Ashraf Ghani")
        if not cands:
            # no role in the text: usable only if the whole name fits one person
            names = {t.name for t in terms}
            if len(names) == 1 and whole and " " in key and any(t.role in LEADER_ROLES for t in terms):
                # a leader named without an office: also long after it (a
                # deposed or dead leader, "Col Muammar Gaddafi"), so only after
                # the first term began; ministers, envoys and judges are named
                # for years before their first listed office (Samuel Alito, a
                # prosecutor in 1989), so they give no clue
                lo = min(t.start for t in terms)
                # (it counts as a date in passing, not as a tenure: a candidate
                # or a governor is named before the first listed term)
                ev = Evidence("office", text[start:end], _iso(lo), None,
                              f"{terms[0].name}: named without an office, after {lo} (the first term's start)", weight=1)
                if (ev.earliest, ev.latest) not in seen:
                    seen.add((ev.earliest, ev.latest))
                    out.append(ev)
            continue
        key2 = tuple((t.name, t.start) for t in cands)
        if key2 in seen:
            continue
        seen.add(key2)
        elect = next((days for rx, days in ELECT if rx.search(title)), None)
        s0 = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        s1 = re.search(r"[.!?\n]|$", text[end:]).start() + end
        ended = bool(ENDED.search(text, s0, s1))
        group = next(_GROUPS)
        # several terms in the office, or several people of that name in it
        # ("President Bush"): alternatives
        for t in cands:
            if elect:
                # "President-elect Bill Clinton": before the term began
                out.append(Evidence("office", text[start:end], _iso(t.start - dt.timedelta(days=elect)), _iso(t.start),
                                    f"{t.name} {t.role} from {t.start}, not yet in office ({t.source})", group=group))
            else:
                out.append(Evidence("office", text[start:end], _iso(t.start), _iso(None if ended else t.end),
                                    f"{t.name} {t.role} {t.start}..{t.end or 'now'}{' (its end told: no upper bound)' if ended else ''} ({t.source})",
                                    group=group))
    return out


def _conflict_evidence(text: str, sentences: list[Sentence] | None = None) -> list[Evidence]:
    low = text.lower()
    out = []
    spans = _sentence_spans(text, sentences)
    for m in CONFLICT_AGE.finditer(text):
        if m.group("ord"):
            # "the first month of the uprising" in a past clause is a time then, not the article's
            sent = next((s for a, b, s in spans if a <= m.start() < b), None)
            if _tense(text, sent, m.start()) == "past":
                continue
        n_word = (m.group("n") or m.group("ord") or m.group("ann") or "").lower()
        noun = (m.group("noun") or m.group("noun2") or m.group("noun3")).lower()
        unit = (m.group("unit") or m.group("unit2") or "year").lower()
        slack = dt.timedelta(0)
        if m.group("ord") or m.group("ann"):
            n = CONFLICT_ORDINALS.get(n_word)
            span = None if not n else ((n, n) if m.group("ann") else (n - 1, n))
            slack = dt.timedelta(days=ANNIVERSARY_DAYS)  # "the first year of the uprising" on its anniversary
        else:
            n = _number(n_word)
            span = (n - 1, n + 1) if n else None
        if not span:
            continue
        rows = [c for c in conflicts() if noun in c.nouns and any(re.search(rf"\b{re.escape(nm)}\b", low) for nm in c.names)]
        group = next(_GROUPS)  # two conflicts of one country that fit: one of them is meant
        for c in rows:
            lo, hi = (_add_years(c.start, k) for k in span) if unit == "year" else (_add_months(c.start, k) for k in span)
            n_on = _add_years(c.start, n) if unit == "year" else _add_months(c.start, n)
            slack_days = LENGTH_SLACK if unit == "year" else 31
            if c.end and not (m.group("ord") or m.group("ann")) and n_on >= c.end - dt.timedelta(days=slack_days):
                # "the eight-year war" of a war that ended: its whole length, told after it
                out.append(Evidence("conflict", m.group(0), _iso(c.end), None,
                                    f"{c.country} {noun} {c.start}..{c.end} ({c.source}); its length, after it ended",
                                    group=group))
                continue
            if m.group("ann"):
                lo, hi = lo - slack, hi + slack
            elif m.group("ord"):
                hi = hi + slack
            what = "anniversary" if m.group("ann") else f"{span[0]}-{span[1]} {unit}s on"
            out.append(Evidence("conflict", m.group(0), _iso(lo), _iso(hi),
                                f"{c.country} {noun} began {c.start} ({c.source}); {what}", group=group))
    return out


def _number(word: str) -> int | None:
    word = word.lower()
    if word.isdigit():
        return int(word)
    if "-" in word:  # "twenty-two"
        a, _, b = word.partition("-")
        nums = CONFLICT_NUMBERS
        return nums[a] + nums[b] if a in nums and b in nums and nums[a] >= 20 and nums[b] < 10 else None
    return CONFLICT_NUMBERS.get(word)


def _add_months(d: dt.date, n: int) -> dt.date:
    t = d.year * 12 + d.month - 1 + n
    y, mo = divmod(t, 12)
    last = (dt.date(y + (mo == 11), (mo + 1) % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(y, mo + 1, min(d.day, last))


def _sentence_spans(text: str, sentences: list[Sentence] | None) -> list[tuple[int, int, Sentence | None]]:
    if sentences:
        return [(s.start, s.end, s) for s in sentences]
    return [(m.start(), m.end(), None) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", text)]


def _tense(text: str, sent: Sentence | None, pos: int) -> str | None:
    t = tense_at(sent, pos) if sent is not None else None
    return t or lexical_tense(text, pos, pos + 1)


def _ago_years(sentence: str) -> tuple[int, int] | None:
    """"nearly 30 years ago": how many years back, as a range."""
    m = AGO.search(sentence)
    n = _number(m.group("n")) if m else None
    if not n:
        return None
    q = (m.group("q") or "").lower()
    if q in ("nearly", "almost", "less than", "just under"):
        return n - 1, n
    if q in ("more than", "over", "just over"):
        return n, n + 1
    return n - 1, n + 1


@functools.lru_cache(maxsize=1)
def _compiled_events() -> dict[str, list[tuple[object, tuple, object]]]:
    """Rows of ``dated_events.tsv`` by name, each with its compiled cues and
    a prefilter: a cue that can only match a sentence if it matches the whole
    text (no ``^``/``$`` anchors, no look-behind), searched once per article."""
    by_name: dict[str, list] = {}
    for r in dated_events():
        cues = tuple(re.compile(c) for c in r.cues)
        pre = next((c for c, raw in zip(cues, r.cues) if not any(x in raw for x in ("^", "$", "(?<"))), None)
        by_name.setdefault(r.name, []).append((r, cues, pre))
    return by_name


def _event_evidence(text: str, sentences: list[Sentence] | None) -> list[Evidence]:
    """Dated events and states the text refers to (``data/dated_events.tsv``)."""
    out, seen = [], set()
    text_low = text.lower()
    # only the rows whose prefilter cue occurs somewhere in the article are tried per sentence
    # (the profile showed ~8,000 regex searches per article otherwise)
    live = {}
    for name, compiled in _compiled_events().items():
        cands = [(r, cues) for r, cues, pre in compiled if pre is None or pre.search(text_low)]
        if cands:
            live[name] = ([r for r, _c, _p in compiled], cands)
    spans = _sentence_spans(text, sentences) if live else []
    for a, b, sent in spans:
        low = text_low[a:b]
        for name, (rows, cands) in live.items():
            if name in seen:
                continue
            hits = []
            for r, cues in cands:
                ms = []
                for c in cues:
                    m = c.search(low)
                    if m is None:
                        break
                    ms.append(m)
                else:
                    hits.append((r, ms[0]))
            if not hits:
                continue
            first = hits[0][1]
            tense = _tense(text, sent, a + first.start())
            group = next(_GROUPS)
            states = [r for r, _ in hits if r.kind == "state"]
            if states and _is_over(text, spans, states[0]):
                # over ("Russia vetoed the draft", anywhere in the article):
                # after the first time such a state ended
                first_end = min(r.end for r in rows if r.end)
                out.append(Evidence("event", text[a + first.start():a + first.end()], _iso(first_end), None,
                                    f"{name} (over): after {first_end} at least ({states[0].source})"))
                seen.add(name)
                continue
            if hits[0][0].kind == "scheduled":
                # "ahead of Russia's presidential election": before one of them, within a year
                if tense == "future" or AHEAD.search(low):
                    for r, _ in hits:
                        out.append(Evidence("event", text[a + first.start():a + first.end()],
                                            _iso(r.start - dt.timedelta(days=SCHEDULED_DAYS)), _iso(r.start),
                                            f"{name} {r.start} still ahead ({r.source})", group=group))
                    seen.add(name)
                continue
            ago = _ago_years(low)
            recent = _recent_days(low, sent, a, first.start())
            for r, _ in hits:
                if r.kind == "state":
                    lo, hi = r.start, r.end
                    note = f"{name} held: {r.start}..{r.end or 'now'} ({r.source})"
                elif ago:
                    lo, hi = _add_years(r.start, ago[0]), _add_years(r.end or r.start, ago[1])
                    note = f"{name} {r.start}, {ago[0]}-{ago[1]} years before ({r.source})"
                elif recent and r.kind == "incident" and tense != "future":
                    # "the chemical attack in Idlib earlier this week": days before the article
                    lo, hi = r.start, (r.end or r.start) + dt.timedelta(days=recent)
                    note = f"{name} {r.start}, at most {recent} days before ({r.source})"
                elif tense == "future":
                    continue  # "the plan will ...": said of an event still to come or of its aftermath
                else:
                    lo, hi = r.start, None
                    note = f"{name} {r.start} already happened ({r.source})"
                # a past event, or the beginning of a state the article speaks
                # of: news is written soon after what it names
                until = r.end or r.start if r.kind != "state" else (r.start if r.end else None)
                out.append(Evidence("event", text[a + first.start():a + first.end()], _iso(lo), _iso(hi), note, group=group,
                                    until=None if ago else _iso(until)))
            seen.add(name)
    return out


def _clause_verb(sent: Sentence, pos: int) -> int | None:
    """The first verb above the token at character ``pos`` (its clause)."""
    tok = next((i for i in range(len(sent.offsets) - 1, -1, -1) if sent.offsets[i] <= pos), None)
    steps = 0
    while tok is not None and sent.pos[tok] not in ("VERB", "AUX") and sent.heads[tok] != tok and steps < 8:
        tok, steps = sent.heads[tok], steps + 1
    return tok


def _recent_days(low: str, sent: Sentence | None, a: int, cue_at: int) -> int | None:
    """Days at most between an incident and the article when its clause says
    "earlier this week", "yesterday", "on Tuesday" (else None)."""
    cue_verb = _clause_verb(sent, a + cue_at) if sent is not None else None
    for rx, days in RECENT:
        for m in rx.finditer(low):
            if sent is not None:
                if _clause_verb(sent, a + m.start()) == cue_verb:
                    return days
            elif abs(m.start() - cue_at) < 60:
                return days
    return None


def _is_over(text: str, spans, row) -> bool:
    """Does a sentence of the text say the state is over: a word of ``done``
    outside a future clause, in a sentence that speaks of the state (its
    first cue) or of a veto ("the veto", "Russia vetoed"; "to get a
    resolution adopted" is not)?"""
    if not row.done:
        return False
    for a, b, sent in spans:
        low = text[a:b].lower()
        if not re.search(row.cues[0], low) and not re.search(r"\bveto", low):
            continue  # "parliament approved the budget" says nothing of the draft
        for m in re.finditer(row.done, low):
            if _tense(text, sent, a + m.start()) != "future":
                return True
    return False


@functools.lru_cache(maxsize=1)
def _member_names() -> tuple[re.Pattern, dict[str, str]]:
    names = {n: m.country for m in memberships() for n in m.names}
    rx = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b")
    return rx, names


def _member_evidence(text: str, sentences: list[Sentence] | None) -> list[Evidence]:
    """Countries voting in the UN Security Council sat on it (``data/memberships.tsv``)."""
    if not re.search(r"security council", text, re.I):
        return []
    rx, names = _member_names()
    if not names:
        return []
    out, seen = [], set()
    for a, b, sent in _sentence_spans(text, sentences):
        chunk = text[a:b]
        if not VOTE.search(chunk) or not re.search(r"resolution|council|\bvotes\b", chunk, re.I):
            continue
        found: dict[str, re.Match] = {}
        for m in rx.finditer(chunk):
            found.setdefault(names[m.group(0)], m)
        if len(found) < 2 and not re.search(r"council members?|members? of the (?:security )?council|non-permanent", chunk, re.I):
            continue
        for country, m in found.items():
            if country in seen:
                continue
            seen.add(country)
            past = _tense(text, sent, a + m.start()) == "past"
            group = next(_GROUPS)
            for t in memberships():
                if t.country == country and t.body == "UNSC":
                    out.append(Evidence("member", m.group(0), _iso(t.start), None if past else _iso(t.end),
                                        f"{m.group(0)} on the UN Security Council {t.start.year}-{t.end.year}"
                                        f"{' (a past vote: on or after the term began)' if past else ''} ({t.source})",
                                        group=group))
    return out


def _add_years(d: dt.date, n: int) -> dt.date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


def _combine(evidence: list[Evidence], regions: list | None = None) -> tuple[dt.date | None, dt.date | None]:
    """The interval consistent with the most clues; marks the others unused.
    ``regions`` (a list) receives the equally supported intervals, earliest first."""
    ivs = []
    for i, e in enumerate(evidence):
        lo = dt.date.fromisoformat(e.earliest) if e.earliest else MIN_DATE
        hi = dt.date.fromisoformat(e.latest) if e.latest else MAX_DATE
        if lo > hi:
            e.used = False
            continue
        ivs.append((lo, hi, i))
    if not ivs:
        return None, None
    points = sorted({lo for lo, _, _ in ivs} | {hi for _, hi, _ in ivs})
    best_sets, best_n = [], -1
    for p in points:
        cover = frozenset(i for lo, hi, i in ivs if lo <= p <= hi)
        # each clue counts once (alternatives share a group); office and
        # weekday clues and time stamps count more than a date in passing
        groups = {}
        for i in cover:
            g = evidence[i].group if evidence[i].group is not None else ("i", i)
            e = evidence[i]
            groups[g] = max(groups.get(g, 0), e.weight or (2 if e.kind in ("office", "weekday", "stamp") else 1))
        w = sum(groups.values())
        if w > best_n:
            best_sets, best_n = [cover], w
        elif w == best_n and cover not in best_sets:
            best_sets.append(cover)
    # dates equally well supported (a clue with alternatives that nothing
    # else decides between): the interval spans them all
    spans = sorted((max(l for l, _, i in ivs if i in c), min(h for _, h, i in ivs if i in c)) for c in best_sets)
    if regions is not None:
        regions.extend((None if a == MIN_DATE else a, None if b == MAX_DATE else b) for a, b in spans)
    lo = spans[0][0]
    hi = max(b for _, b in spans)
    used = frozenset().union(*best_sets)
    for e_i, e in enumerate(evidence):
        if e_i not in used:
            e.used = False
    return (None if lo == MIN_DATE else lo), (None if hi == MAX_DATE else hi)


def infer_publication_date(text: str, sentences: list[Sentence] | None = None,
                           extra_lines: list[str] | tuple[str, ...] = ()) -> DateInference:
    """Infer when ``text`` was written.

    sentences    the parse of ``text`` (tense of date clauses, PERSON entities)
    extra_lines  lines removed from the page that may still date it, such as
                 photo captions ("... in Paris on Sept. 16.")
    """
    evidence: list[Evidence] = []
    full = text + ("\n\n" + "\n".join(extra_lines) if extra_lines else "")
    timexes = find_timexes(text, None, sentences)
    if extra_lines:
        tail = find_timexes(full[len(text):], None, None)
        for t in tail:
            t.start += len(text)
            t.end += len(text)
        timexes += tail
    yearless_days, weekdays, past_weekdays, stamps = [], collections.Counter(), [], []
    for t in timexes:
        v = t.value or ""
        if t.type not in ("DATE", "TIME"):
            continue
        v = v.split("T")[0]
        if v.startswith("XXXX-WXX-"):
            weekdays[int(v[-1]) - 1] += 1
            if t.tense == "past":
                past_weekdays.append(int(v[-1]) - 1)
            continue
        if v.startswith("XXXX-"):
            wd = re.match(r"(mon|tue|wed|thu|fri|sat|sun)", t.text.lower())
            own = WEEKDAYS[wd.group(1)] if wd else None  # "Monday, Sept. 16"
            parts = v.split("-")
            if len(parts) >= 2 and parts[1].isdigit():
                when = "future" if t.tense == "future" or _deadline(full, t.start) else (
                    "past" if t.tense == "past" else "present")
                yearless_days.append((t, int(parts[1]), int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None,
                                      own, when))
            continue
        per = _period(v, t.mod)
        if per is None or per[0].year < 1900:
            continue
        if per[0] == per[1] and (STAMP.match(full, t.end) or STAMP_BEFORE.search(full[max(0, t.start - 16):t.start])):
            # "24th June 2011 - 20:55 My heart goes out...", "21 December 2011
            # Last updated at 04:27 GMT": a comment's or an update's time
            # stamp, written on or after the article
            evidence.append(Evidence("stamp", t.text, None, _iso(per[1]), f"{v} a page's time stamp (comment, update)"))
            stamps.append(per[1])
            continue
        deadline = _deadline(full, t.start)
        if t.tense == "future" or deadline:
            evidence.append(Evidence("date", t.text, None, _iso(per[1]),
                                     f"{v} as a deadline" if deadline else f"{v} in a future clause"))
        elif t.tense in ("present", None) and re.fullmatch(r"\d{3,4}", v):
            # "the 1990s", "sales in 1990" in a present clause (or one whose
            # tense is unknown): as often a plan or forecast as a fact, no clue
            continue
        else:
            evidence.append(Evidence("date", t.text, _iso(per[0]), None, f"{v} in a {t.tense or 'non-future'} clause",
                                     until=_iso(per[1])))
    ents = [(e.start, e.end, e.text) for s in (sentences or []) for e in s.entities if e.label == "PERSON"]
    # full names of the knowledge base found as written (the entity recogniser misses some)
    covered = [(a, b) for a, b, _ in ents]
    for a0, b0, name in _find_full_names(text):
        if not any(a <= a0 < b for a, b in covered):
            ents.append((a0, b0, name))
    # "in 1994, a plane carrying President Habyarimana": a title in a
    # sentence told at a written past date is the title then, not the article's
    past_years = [t.start for t in timexes if t.tense == "past" and re.match(r"\d{4}", t.value or "")]
    # (so is one that says "thirty years ago")
    then = [(a, b) for a, b, _ in _sentence_spans(text, sentences)
            if any(a <= p < b for p in past_years) or AGO.search(text, a, b)]
    ents = [x for x in ents if not any(a <= x[0] < b for a, b in then)]
    evidence += _office_evidence(text, ents)
    evidence += _conflict_evidence(text, sentences)
    evidence += _event_evidence(text, sentences)
    evidence += _member_evidence(text, sentences)

    # a first interval from the year-bearing clues, used to pick yearless dates' years
    lo, hi = _combine([Evidence(e.kind, e.text, e.earliest, e.latest) for e in evidence])
    lo_y = (lo or dt.date(1990, 1, 1)).year - 1
    hi_y = (hi or dt.date.today()).year + 1
    # weekday + yearless date agreement: the date's own weekday ("Monday,
    # Sept. 16"), else the weekday the text names most (the news day), if one
    best_exact = None
    top = weekdays.most_common(2)
    news_day = {top[0][0]} if top and (len(top) == 1 or top[0][1] > top[1][1]) else set()
    if lo is None or hi is None or (hi - lo).days > WEEKDAY_SPAN_DAYS:
        news_day = set()  # over many years a date falls on any weekday once or twice: agreement proves nothing
    wk = dt.timedelta(days=WEEKDAY_WINDOW)
    for t, mo, day, own, when in yearless_days:
        # a date still ahead ("talks will resume on 12 April") is not the news
        # day; with its own weekday it is within the week after the article
        ahead = when == "future"
        days = {own} if own is not None else (set() if ahead else news_day)
        if day is None or not days:
            continue
        years = []
        for y in range(lo_y, hi_y + 1):
            try:
                d = dt.date(y, mo, day)
            except ValueError:
                continue
            if d.weekday() in days and (lo is None or d >= lo - (dt.timedelta(0) if ahead else wk)) and (
                    hi is None or d <= hi + (wk if ahead else dt.timedelta(0))):
                years.append(d)
        if len(years) == 1:
            d = years[0]
            which = "its own weekday" if own is not None else "the weekday the text names most"
            if ahead:
                evidence.append(Evidence("weekday", t.text, _iso(d - wk), _iso(d),
                                         f"{d:%A} {d} is the only {t.text} on {which}, still ahead"))
                continue
            evidence.append(Evidence("weekday", t.text, _iso(d), _iso(d + wk), f"{d:%A} {d} is the only {t.text} on {which}"))
            best_exact = d
    # yearless dates: within half a year after (a month: eleven months; before, in a future clause)
    for t, mo, day, _, when in yearless_days:
        window = dt.timedelta(days=LAST_MONTH_WINDOW if re.match(r"last\s", t.text, re.I) else (YEARLESS_WINDOW if day else YEARLESS_MONTH_WINDOW))
        cands = []
        for y in range(lo_y, hi_y + 1):
            try:
                d0, d1 = (dt.date(y, mo, day),) * 2 if day else _period(f"{y}-{mo:02d}")
            except ValueError:
                continue
            if when == "future":
                e_lo, e_hi = d0 - window, d1
            elif when == "past":
                e_lo, e_hi = d0, d1 + window
            else:
                # a present clause speaks of what is scheduled as well as of
                # what happened ("the vote is on 10 April"): either side
                e_lo, e_hi = d0 - dt.timedelta(days=PRESENT_AHEAD), d1 + window
            if (lo is None or e_hi >= lo) and (hi is None or e_lo <= hi):
                cands.append((e_lo, e_hi))
        if len(cands) > 1 and lo and hi:
            ov = sorted(((min(e_hi, hi) - max(e_lo, lo)).days, e_lo, e_hi) for e_lo, e_hi in cands)
            if ov[-1][0] >= 4 * max(ov[-2][0], 1):
                cands = [(ov[-1][1], ov[-1][2])]  # one year fits far better than the others
        if len(cands) == 1:
            e_lo, e_hi = cands[0]
            evidence.append(Evidence("yearless", t.text, _iso(e_lo), _iso(e_hi),
                                     f"a date written without its year, {when} clause",
                                     until=_iso(e_hi - window) if when == "past" else None))
    regions: list = []
    lo, hi = _combine(evidence, regions)
    if best_exact and (lo is None or best_exact >= lo) and (hi is None or best_exact <= hi):
        best = best_exact
    else:
        # the latest period the text names as past; news is written soon
        # after it: its last day ("in March": March 31), within the interval
        # (a state's beginning only inside a closed interval: its alternatives
        # would pick the latest the knowledge base lists)
        past = [(dt.date.fromisoformat(e.earliest), dt.date.fromisoformat(e.until)) for e in evidence
                if e.used and e.kind in ("date", "yearless", "event") and e.earliest and e.until
                and (e.kind != "event" or e.latest is None or (lo and hi))]
        cand = None
        if past:
            start, end = max(past)
            cand = min(end, hi) if hi else end
        if stamps:
            # the earliest time stamp on the page (a comment, an update): the
            # article was written that day or before
            cand = min(stamps)
        # several equally supported stretches: the best day is in one of them, not between
        r_lo, r_hi = next(((a, b) for a, b in regions if cand and (a is None or a <= cand) and (b is None or cand <= b)),
                          regions[0] if regions else (lo, hi))
        if cand and (r_lo is None or cand >= r_lo) and (r_hi is None or cand <= r_hi):
            best = cand
        elif r_lo and r_hi:
            best = r_lo + (r_hi - r_lo) / 2
        else:
            best = r_lo or r_hi
        if cand is None and len(regions) > 1:
            # several equally supported stretches ("President Assad": the
            # father's or the son's term) and nothing in the text picks one:
            # no day is claimed
            best = None
        if cand is None and (lo is None or hi is None):
            # bounded on one side only ("after 2022", a tenure still running):
            # no day is better than another, so none is claimed; the interval
            # stays, and the article's story may date it (diurna.stories)
            best = None
    if best and not best_exact and not stamps and past_weekdays:
        # news names the days around its own: a story whose latest past
        # weekday is a Thursday was most likely written that Thursday
        wd = past_weekdays[-1]
        shifted = [best + dt.timedelta(days=k) for k in range(-3, 4) if (best + dt.timedelta(days=k)).weekday() == wd]
        if shifted and (lo is None or shifted[0] >= lo) and (hi is None or shifted[0] <= hi):
            best = shifted[0]
    return DateInference(_iso(lo), _iso(hi), _iso(best), evidence)


def date_article(article, sentences: list[Sentence] | None) -> DateInference | None:
    """Give ``article`` a publication date inferred from its text when the
    input gave none (``published_source = "inferred"``, interval and evidence
    on the article).  A known date is left alone."""
    if article.published:
        return None
    # captions may still date the page ("... in Paris on Sept. 16."), and so
    # may time stamps removed as page furniture ("Last updated at 04:27 GMT")
    extra = [line for line, why in (article.removed or [])
             if "caption" in why or re.search(r"\b\d{1,2}:\d{2}\b|\blast updated\b", line, re.I)]
    r = infer_publication_date(article.text, sentences, extra)
    article.published_earliest, article.published_latest = r.earliest, r.latest
    article.date_evidence = [
        {"kind": e.kind, "text": e.text, "earliest": e.earliest, "latest": e.latest, "note": e.note, "used": e.used}
        for e in r.evidence]
    if r.best:
        article.published, article.published_source = r.best, "inferred"
    return r
