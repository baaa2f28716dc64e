"""Unknown keys in a sector's config table, named with the nearest known key.

The platform's rule is strict config: a typo such as `limt = 75.0` must not be dropped in
silence (the limit it meant would not be watched). A sector's `check_config` calls
`unknown_keys` for each of its tables; the core checks its own keys the same way.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping


def nearest(key: str, known: Iterable[str]) -> str | None:
    near = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return near[0] if near else None


def unknown_keys(table: Mapping, known: Iterable[str], where: str) -> list[str]:
    """One message per key of `table` that is not in `known`, e.g.
    "CCP 'CCP-1B': unknown key 'limt' (did you mean limit?)"."""
    known = set(known)
    out = []
    for key in table:
        if key in known:
            continue
        near = nearest(key, known)
        hint = f"did you mean {near}?" if near else f"known keys: {', '.join(sorted(known))}"
        out.append(f"{where}: unknown key '{key}' ({hint})")
    return out
