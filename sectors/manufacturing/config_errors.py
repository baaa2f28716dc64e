"""Collecting config problems, each naming its key (shared by the config parsers)."""

from __future__ import annotations

from collections.abc import Mapping


class Errs(list):
    """Problems found so far, and checks that add one naming the key and what was expected."""

    def num(self, raw: Mapping, key: str, where: str, default=None, *, lo: float | None = None,
            required: bool = False, integer: bool = False):
        v = raw.get(key, default)
        if v is None:
            if required:
                self.append(f"{where}.{key}: required")
            return None
        if isinstance(v, bool) or not isinstance(v, int | float) or (integer
                                                                      and not isinstance(v, int)):
            self.append(f"{where}.{key}: expected a{'n integer' if integer else ' number'}, "
                        f"got {v!r}")
            return default
        if lo is not None and v < lo:
            self.append(f"{where}.{key}: must be >= {lo:g}, got {v!r}")
            return default
        return v

    def text(self, raw: Mapping, key: str, where: str, default: str | None = None,
             required: bool = True) -> str | None:
        v = raw.get(key, default)
        if v is None or v == "":
            if required:
                self.append(f"{where}.{key}: required (text)")
            return default
        if not isinstance(v, str):
            self.append(f"{where}.{key}: expected text, got {v!r}")
            return default
        return v

    def unknown(self, raw: Mapping, allowed: set[str], where: str) -> None:
        extra = sorted(set(raw) - allowed)
        if extra:
            self.append(f"{where}: unknown key(s) {', '.join(extra)} (expected "
                        f"{', '.join(sorted(allowed))})")


def table(v: object, where: str, errs: Errs) -> dict:
    if not isinstance(v, dict):
        errs.append(f"{where}: expected a table, got {v!r}")
        return {}
    return v


def tables(v: object, where: str, errs: Errs) -> list[dict]:
    if v is None:
        return []
    if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
        errs.append(f"{where}: expected [[{where}]] tables")
        return []
    return v
