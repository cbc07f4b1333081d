"""Time expressions on sentences written for these tests, with and without a
parse (the TempEval-3 score: test_evaluation.py)."""

import json

from diurna.nlp import flatten
from diurna.time import find_timexes, timexes_jsonl


def tx(text, anchor, nlp=None):
    sents = flatten(nlp(text)) if nlp is not None else None
    return {t.text: (t.type, t.value, t.mod) for t in find_timexes(text, anchor, sents)}


def test_weekday_direction_follows_tense(nlp):
    # Thursday 2017-04-06
    got = tx("Trump said on Wednesday that the attack crossed a red line.", "2017-04-06", nlp)
    assert got["Wednesday"] == ("DATE", "2017-04-05", None)
    # Wednesday 2016-10-05: a future trip
    got = tx("Ayrault travels to Moscow on Thursday and Washington on Friday.", "2016-10-05", nlp)
    assert got["Thursday"][1] == "2016-10-06" and got["Friday"][1] == "2016-10-07"
    got = tx("The minister will meet his counterpart on Monday.", "2016-10-05", nlp)
    assert got["Monday"][1] == "2016-10-10"
    got = tx("The minister met his counterpart on Monday.", "2016-10-05", nlp)
    assert got["Monday"][1] == "2016-10-03"
    # an infinitive says when its verb happened unless the verb looks ahead ("expected to", "agreed to")
    got = tx("Government forces continued to pound the city of Homs on Wednesday.", "2012-06-15", nlp)
    assert got["Wednesday"][1] == "2012-06-13"
    got = tx("Kofi Annan is expected to visit Damascus on Monday.", "2012-06-15", nlp)
    assert got["Monday"][1] == "2012-06-18"


def test_relative_and_calendar_expressions(nlp):
    got = tx("The ceasefire collapsed last month, two years ago the talks began, and the day before "
             "diplomats met; the program must be destroyed by mid-2014.", "2013-09-16", nlp)
    assert got["last month"] == ("DATE", "2013-08", None)
    assert got["two years ago"] == ("DATE", "2011", None)
    assert got["the day before"] == ("DATE", "2013-09-15", None)
    assert got["mid-2014"] == ("DATE", "2014", "MID")
    got = tx("The Aug. 21 poison-gas attack killed hundreds; Russia and China vetoed three "
             "resolutions in the past two years.", "2013-09-16", nlp)
    assert got["Aug. 21"] == ("DATE", "2013-08-21", None)
    assert got["the past two years"] == ("DURATION", "P2Y", None)
    got = tx("Talks have stalled since April 22 and will resume in September, earlier this week "
             "the envoy said.", "2016-05-02", nlp)
    assert got["April 22"][1] == "2016-04-22"
    assert got["September"][1] == "2016-09"
    assert got["earlier this week"][1] == "2016-W18"


def test_month_without_year_in_a_past_clause(nlp):
    got = tx("The ceasefire collapsed in September.", "2016-10-05", nlp)
    assert got["September"][1] == "2016-09"
    got = tx("The ceasefire collapsed in November.", "2016-10-05", nlp)
    assert got["November"][1] == "2015-11"


def test_without_parse_and_without_anchor():
    got = tx("The council will vote on Friday, diplomats said.", "2024-03-12")
    assert got["Friday"][1] == "2024-03-15"
    got = tx("Officials met on March 5 and again on Friday; the war began in 2011.", None)
    assert got["March 5"][1] == "XXXX-03-05"
    assert got["Friday"][1] == "XXXX-WXX-5"
    assert got["2011"][1] == "2011"


def test_not_times():
    got = tx("The May Day parade may go ahead, and 2000 troops will march to the border; "
             "a $1990 fee was paid.", "2020-01-10")
    assert "May" not in got and "march" not in got and "2000" not in got and "1990" not in got


def test_timeml_conventions_not_timexes():
    # ages, rates, fractions and "as soon as" are not time expressions in TimeML
    got = tx("Mr. Reupke, 52 years old, runs a 136-year-old bank that flies four flights a week, "
             "earns $2 million a year and imports about three-quarters of its food; it will pay as soon as "
             "possible, soon after the vote.", "1989-11-02")
    assert not any(k in got for k in ("52 years", "136-year", "a week", "a year", "three-quarters", "soon"))
    # a programme's title is not "this week"
    got = tx('Baker said on ABC\'s "This Week" that talks went on.', "1990-08-13")
    assert "This Week" not in got


def test_timeml_conventions_found(nlp):
    got = tx("The third-quarter results beat forecasts. Net income for the year ended Sept. 30 rose, "
             "up from $3 million a year earlier, and the transaction closes by year-end. "
             "Recent declines in the nineties and the near term worry analysts.", "1989-11-02", nlp)
    assert got["the year"] == ("DURATION", "P1Y", None)
    assert got["a year earlier"][1] == "1988-Q3"  # a quarterly report compares quarters
    assert got["third-quarter"][1] == "1989-Q3"
    assert got["year-end"][1] == "1989"
    assert got["Recent"][1] == "PAST_REF" and got["the nineties"][1] == "199" and got["the near term"][1] == "FUTURE_REF"
    # "N units after" an event is a length of time; "since" looks back, "until" forward
    got = tx("Inspectors resumed work nearly two months after the team left; no inspection was allowed "
             "since Jan. 13 and the offer runs until mid-November; officials said late yesterday.", "1998-03-06", nlp)
    assert got["nearly two months"] == ("DURATION", "P2M", None)
    assert got["Jan. 13"][1] == "1998-01-13"
    assert got["mid-November"][1] == "1998-11"
    assert got["late yesterday"][1] == "1998-03-05"
    got = tx("Fifty children have been killed since April 22.", "2017-04-06", nlp)
    assert got["April 22"][1] == "2016-04-22"  # "since" never looks ahead


def test_offsets_and_jsonl():
    lines = [json.dumps({"id": "a", "text": "He arrived yesterday.", "date": "2020-02-03"}),
             "not json", json.dumps({"id": "b"})]
    out = [json.loads(x) for x in timexes_jsonl(lines)]
    assert out[0] == {"id": "a", "timexes": [{"start": 11, "end": 20, "text": "yesterday", "type": "DATE",
                                               "value": "2020-02-02", "tense": "past"}]}
    assert out[1]["error"].startswith("line 2: invalid JSON")
    assert out[2] == {"id": "b", "error": 'line 3: no "text" string'}


def test_reference_time_and_clock_times(nlp):
    # "the next day", "the following year", "that day" count from the last date named, not the article's date
    got = tx("The embassy was bombed on Aug. 7. The next day, investigators arrived. He was born on "
             "May 22, 1995, and the following year he moved; the year before, his father had died.", "1998-08-10", nlp)
    assert got["The next day"][1] == "1998-08-08"
    assert got["the following year"][1] == "1996" and got["the year before"][1] == "1995"
    got = tx("Investigators will study the Aug. 7 bombings before the trial starts Aug. 20.", "1998-08-12", nlp)
    assert got["Aug. 7"][1] == "1998-08-07" and got["Aug. 20"][1] == "1998-08-20"  # a day just past, not next year's
    got = tx("Rebels attacked Monday. That day, the army retreated, and in the evening the town fell.", "1998-08-12", nlp)
    assert got["That day"][1] == "1998-08-10" and got["the evening"] == ("TIME", "1998-08-10TEV", None)
    got = tx("On Friday, rebels attacked the town. Two days earlier, they had seized a bridge.", "1998-08-12", nlp)
    assert got["Two days"] == ("DURATION", "P2D", None)  # TimeBank: "A day earlier" is a length of time
    # a clock time takes the day its sentence names; zones, 24-hour GMT times, midnight = 24:00
    got = tx("The bombs exploded at 10:30 a.m. (0730 GMT) Friday. The offer expires at 5 p.m. EST Nov. 9 "
             "and the last one ended at midnight Friday.", "1998-08-10", nlp)
    assert got["10:30 a.m."][1] == "1998-08-07T10:30" and got["0730 GMT"][1] == "1998-08-07T07:30"
    assert got["5 p.m. EST Nov. 9"] == ("TIME", "1998-11-09T17:00", None)
    assert got["midnight Friday"][1] == "1998-08-07T24:00"


def test_periods_holidays_sets_and_halves(nlp):
    got = tx("Exports rose 12 percent in the first half of this year over the same period of last year, "
             "and will slow in the first quarter of next year.", "1998-08-10", nlp)
    assert got["the first half of this year"][1] == "1998-H1"
    assert got["the same period of last year"][1] == "1997-H1"
    assert got["the first quarter of next year"] == ("DATE", "1999-Q1", None)
    got = tx("The boy was rescued on Thanksgiving Day and spent Christmas with relatives; he will "
             "return before Easter. Marchers parade each July and meet on Sundays.", "2000-01-10", nlp)
    assert got["Thanksgiving Day"][1] == "1999-11-25" and got["Christmas"][1] == "1999-12-25"
    assert got["Easter"][1] == "2000-04-23"
    assert got["each July"] == ("SET", "XXXX-07", None) and got["Sundays"][1] == "XXXX-WXX-7"
    got = tx("Refugees lived in camps for 2 1/2 years and waited a minute and a half; a second "
             "blast came half an hour later. Thursday's closing price fell.", "1989-10-30", nlp)
    assert got["2 1/2 years"][1] == "P2Y6M" and got["a minute and a half"][1] == "PT1M30S"
    assert got["half an hour"][1] == "PT30M" and "a second" not in got
    assert got["Thursday"][1] == "1989-10-26"  # a possessive weekday is a day reported on
    got = tx("Violence rose over the past year and in the last decade.", "1998-03-03", nlp)
    assert got["the past year"] == ("DATE", "1997", None) and got["the last decade"][1] == "198"
    got = tx("Talks will resume in the first week of August and the hearing will be held the week of May 8.", "1998-07-20", nlp)
    assert got["the first week of August"][1] == "1998-W32" and got["the week of May 8"][1] == "1999-W18"


def test_not_times_in_general_news():
    # numbers and names that look like years, sports halves, a fall that is a drop, 'headquarters'
    got = tx("Flight 1800 left under Resolution 1701 after the 1600 meters race; he was named player of "
             "the year. The now-defunct firm saw the fall of the Berlin Wall and a fall in prices.", "1998-10-10")
    assert not any(k in got for k in ("1800", "1701", "1600", "the year", "now", "fall"))
    got = tx("Smith scored two touchdowns in the fourth quarter and the Jets led in the second half.", "1998-10-10")
    assert "the fourth quarter" not in got and "the second half" not in got
    got = tx("Profit rose 5% in the fourth quarter.", "1998-10-10")
    assert got["the fourth quarter"][1] == "1998-Q4"
    got = tx("The company moved its headquarters to Atlanta a year ago.", "1998-08-10")
    assert got["a year ago"][1] == "1997"  # a quarter only near a quarterly report


def test_parts_of_days_and_names(nlp):
    got = tx("Yesterday morning, protesters marked 30 years since the uprising; a couple of nights ago, "
             "an MP said so. USA Today reported it.", "2012-04-13", nlp)
    assert got["Yesterday morning"] == ("TIME", "2012-04-12TMO", None)
    assert got["30 years"] == ("DURATION", "P30Y", None)  # "N years since": a length of time
    assert got["a couple of nights ago"][1] == "2012-04-11"
    assert "Today" not in got  # a newspaper's name


def test_pattern_gates_do_not_depend_on_other_words():
    from diurna.time.expressions import GATES

    assert not [w for ws in GATES.values() for w in ws if not w.strip() or " " in w]
    # "hours after" and "Good\nFriday" are found whatever else the text says
    alone = find_timexes("Rescuers arrived hours after the blast.", "2012-06-15")
    assert [(t.text, t.value) for t in alone] == [("hours", "PTXH")]
    assert [(t.text, t.value) for t in find_timexes("Rescuers arrived hours after the blast. It was later confirmed.",
                                                     "2012-06-15")] == [("hours", "PTXH")]
    assert [t.text for t in find_timexes("Shops close on Good\nFriday.", "2012-06-15")] == ["Good\nFriday"]


def test_modal_may_is_no_month_and_unknown_units_give_no_timex():
    # the modal verb after "each"/"every" was read as the month, then as a duration unit (KeyError: 'may')
    assert find_timexes("The issues are linked, and each may come to the forefront again.", "2011-06-23") == []
    assert find_timexes("Each march ends at the square.", "2011-06-23") == []
    got = find_timexes("The fair opens each May.", "2011-06-23")
    assert [(t.text, t.value) for t in got] == [("each May", "XXXX-05")]
    from diurna.time.expressions import _duration

    assert _duration(1, "may") is None and _duration(2, "week") == "P2W"
    # dates past the calendar's ends (an anchor of year 1 or 9999) drop the match, not the run
    assert find_timexes("He left on Monday, before Christmas.", "9999-12-31") is not None
    assert find_timexes("He left on Monday, before Christmas.", "0001-01-01") is not None


def test_jsonl_goes_on_past_a_record_that_raises(monkeypatch):
    from diurna.time import expressions

    real = expressions.find_timexes

    def fails_on_boom(text, *args, **kw):
        if "BOOM" in text:
            raise RuntimeError("cannot tag BOOM")
        return real(text, *args, **kw)

    monkeypatch.setattr(expressions, "find_timexes", fails_on_boom)
    lines = [json.dumps({"id": "a", "text": "He arrived yesterday.", "date": "2020-02-03"}),
             json.dumps({"id": "b", "text": "BOOM on Monday.", "date": "2020-02-03"}),
             json.dumps({"id": "c", "text": "The issues are linked, and each may come to the forefront again.",
                         "date": "2011-06-23"}),
             json.dumps({"id": "d", "text": 5}),
             json.dumps({"id": "e", "text": "She left last week.", "date": "2020-02-03"})]
    out = [json.loads(x) for x in timexes_jsonl(lines, batch_size=2)]
    assert [o["id"] for o in out] == ["a", "b", "c", "d", "e"]
    assert out[0]["timexes"][0]["value"] == "2020-02-02"
    assert out[1] == {"id": "b", "error": "timex: RuntimeError: cannot tag BOOM"}
    assert out[2] == {"id": "c", "timexes": []}  # used to end the run with KeyError: 'may'
    assert out[3] == {"id": "d", "error": 'line 4: no "text" string'}
    assert out[4]["timexes"][0]["value"] == "2020-W05"


def test_jsonl_parses_a_text_over_the_limit_in_pieces(nlp, monkeypatch):
    para = ("Talks resumed in Geneva on Monday, three weeks after the ceasefire collapsed. "
            "The envoy said on Tuesday that a deal could come next month.")
    text = "\n\n".join([para] * 40)
    whole = json.loads(next(timexes_jsonl([json.dumps({"id": "x", "text": text, "date": "2016-10-05"})], nlp=nlp)))
    monkeypatch.setattr(nlp, "max_length", 1000)  # spaCy's limit, far below the text: E088 if parsed whole
    (line,) = timexes_jsonl([json.dumps({"id": "x", "text": text, "date": "2016-10-05"})], nlp=nlp)
    out = json.loads(line)
    assert len(out["timexes"]) == 4 * 40
    assert all(text[t["start"]:t["end"]] == t["text"] for t in out["timexes"])
    assert out == whole
