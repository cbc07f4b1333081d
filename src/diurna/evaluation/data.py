"""Where the evaluations find their files.

* The **data root**: the folder of labelled collections (``tempeval3/``,
  ``conflibert/``, ``polnear-dev/``, ``t17-syria-bbc/``...).  In order:
  ``--data`` (the ``explicit`` argument), the ``DIURNA_DATA`` environment
  variable, else ``../shared/data`` beside the source checkout.
* **Checkout files**: what lives in diurna's repository but is not installed
  with the package (``bench/`` gold files, the ``examples/`` corpus).  In
  order: the ``DIURNA_REPO`` environment variable, else the source checkout
  the package runs from (an editable install).

A missing folder or file raises :class:`DataMissing`, whose message says
what to set.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

DATA_ENV = "DIURNA_DATA"
REPO_ENV = "DIURNA_REPO"


class DataMissing(FileNotFoundError):
    """Labelled data or a checkout file is not where it was looked for."""


def checkout() -> Path | None:
    """The source checkout this package runs from (the folder holding
    ``pyproject.toml`` and ``src/diurna/``), None when it is installed."""
    package = Path(__file__).resolve().parent.parent
    for folder in package.parents:
        if (folder / "pyproject.toml").is_file() and package == folder / "src" / "diurna":
            return folder
    return None


def data_root(explicit: str | Path | None = None, needs: Iterable[str] = ()) -> Path:
    """The data root (see the module docstring), checked to hold each of
    ``needs`` (paths under it)."""
    needs = tuple(needs)
    hint = f"set {DATA_ENV} (or pass --data) to the folder holding {', '.join(needs) or 'the labelled collections'}"
    if explicit:
        root, how = Path(explicit), "--data"
    elif os.environ.get(DATA_ENV):
        root, how = Path(os.environ[DATA_ENV]), f"${DATA_ENV}"
    elif (repo := checkout()) is not None:
        root, how = repo.parent / "shared" / "data", "the default beside the source checkout"
    else:
        raise DataMissing(f"no evaluation data (diurna is installed, not run from a source checkout): {hint}")
    if not root.is_dir():
        raise DataMissing(f"no evaluation data at {root} (from {how}): {hint}")
    missing = [n for n in needs if not (root / n).exists()]
    if missing:
        raise DataMissing(f"no {', '.join(missing)} in {root} (from {how}): {hint}")
    return root


def optional_data(rel: str) -> Path | None:
    """``rel`` under the data root when both exist, else None (for benchmarks
    that fall back on something else)."""
    try:
        return data_root(needs=(rel,)) / rel
    except DataMissing:
        return None


def repo_file(rel: str) -> Path:
    """A file or folder of diurna's repository (``bench/places_gold.tsv``,
    ``examples``), which an installed package does not have."""
    if os.environ.get(REPO_ENV):
        base, how = Path(os.environ[REPO_ENV]), f"${REPO_ENV}"
    else:
        base, how = checkout(), "the source checkout"
        if base is None:
            raise DataMissing(f"{rel} is a file of diurna's source repository, not installed with the package: "
                              f"set {REPO_ENV} to a checkout of it")
    path = base / rel
    if not path.exists():
        raise DataMissing(f"no {rel} in {base} (from {how}): set {REPO_ENV} to a checkout of diurna's repository")
    return path
