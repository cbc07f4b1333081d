"""Recurring times (TIMEX3 SET): "every week", "each July", "on Mondays",
with its normaliser."""

from __future__ import annotations

import re

from ...lexicon.time import MONTHS, SEASONS, SETS, WEEKDAYS
from .fragments import MONTH_NAME, SEASON_NAME, UNIT_NAME, WEEKDAY_NAME, I
from .kind import Context, Kind, Normalised
from .values import duration, month_number, unit_key, weekday_number


def recurring(c: Context) -> Normalised:
    """"every week": ``P1W``; "on Mondays": ``XXXX-WXX-1``; "each July":
    ``XXXX-07`` (not "each may come": the verb)."""
    g = c.groups
    if g.get("w"):
        return "SET", SETS[g["w"].lower()], None
    if g.get("wdp"):
        return "SET", f"XXXX-WXX-{weekday_number(g['wdp']) + 1}", None  # "on Mondays"
    u = g["u"].lower()
    if u.rstrip(".") in WEEKDAYS:
        return "SET", f"XXXX-WXX-{weekday_number(u) + 1}", None
    if u in SEASONS:
        return "SET", f"XXXX-{SEASONS[u]}", None
    if u.rstrip(".") in MONTHS:
        if u[0] == "m" and g["u"][0] != "M":
            return None  # "each may come", "every march": the verb, not the month
        return "SET", f"XXXX-{month_number(u):02d}", None
    value = duration(1, unit_key(u))
    return ("SET", value, None) if value else None


RECURRING = Kind("recurring", re.compile(
    rf"\b(?:every|each)\s+(?P<u>{UNIT_NAME}|{WEEKDAY_NAME}|{MONTH_NAME}|{SEASON_NAME})\b|\b(?P<wdp>(?:mon|tues|wednes|thurs|fri|satur|sun)day)s\b", I),
    recurring, gate=("every", "each", "days"))
