"""Words of the stories stage (:mod:`diurna.stories`)."""

from .time import WEEKDAYS

# entity texts that name no happening, so two articles sharing them are not
# the same story ("Monday", "today": the recogniser sometimes tags them)
STOP_ENTITIES = frozenset({"today"}) | frozenset(w for w in WEEKDAYS if w.endswith("day"))
