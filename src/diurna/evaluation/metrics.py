"""The measures the evaluators share: shares, precision/recall/F1, percentiles."""

from __future__ import annotations


def share(part: float, whole: float) -> float:
    """``part / whole``, 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def harmonic(p: float, r: float) -> float:
    """The harmonic mean of a precision and a recall (F1), 0.0 when both are 0."""
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    """(precision, recall, F1) of ``tp`` matches among ``n_pred`` predicted and ``n_gold`` gold items."""
    p, r = share(tp, n_pred), share(tp, n_gold)
    return p, r, harmonic(p, r)


def f1(tp: float, n_pred: float, n_gold: float) -> float:
    """The F1 of :func:`prf`."""
    return prf(tp, n_pred, n_gold)[2]


def percentile(xs: list[float], q: float) -> float | None:
    """The ``q`` quantile of ``xs`` (linear between the two nearest values), None when empty."""
    if not xs:
        return None
    xs = sorted(xs)
    k = (len(xs) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)
