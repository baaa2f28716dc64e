"""Where a key of a TOML file is: the line of every table header and `key = value`.

`tomllib` gives values, not positions, so a message about `channels[2].alarm.hihg`
could not say which line to fix. `KeyLines` scans the text once and maps each key path
(table names and `[[array]]` indices, e.g. `("channels", 1, "alarm", "hihg")`) to the
line it is written on. Keys inside an inline table (`role = { what = ... }`) get the
line of the inline table's start; a path not written in the file (a default) falls back
to its nearest written parent.

`nesting_problem` refuses text nested deeper than `MAX_DEPTH` before `tomllib` sees it:
the parser recurses, and a 5,000-deep array would raise RecursionError, not a message.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

Path = tuple[str | int, ...]

MAX_DEPTH = 16  # deeper than any site config needs; each level is a table or an array

_BARE = re.compile(r"[A-Za-z0-9_\-]+")
_WS = re.compile(r"[ \t]*")


def _key_parts(s: str, i: int) -> tuple[list[str], int] | None:
    """The dotted key starting at s[i] (bare or quoted parts) and the index after it."""
    parts: list[str] = []
    while True:
        i = _WS.match(s, i).end()
        if i < len(s) and s[i] in "\"'":
            q = s[i]
            j = i + 1
            buf = []
            while j < len(s) and s[j] != q:
                if q == '"' and s[j] == "\\" and j + 1 < len(s):
                    buf.append(s[j + 1])
                    j += 2
                    continue
                buf.append(s[j])
                j += 1
            if j >= len(s):
                return None
            parts.append("".join(buf))
            i = j + 1
        else:
            m = _BARE.match(s, i)
            if not m:
                return None
            parts.append(m.group())
            i = m.end()
        i = _WS.match(s, i).end()
        if i < len(s) and s[i] == ".":
            i += 1
            continue
        return parts, i


def _tokens(text: str) -> Iterator[tuple[int, str, int]]:
    """(line, char, depth) for each bracket, `=`, `,` and newline outside strings and
    comments; depth counts open `[`/`{` of values only."""
    line, i, n = 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            yield line, c, 0
            line += 1
            i += 1
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "\"'":
            triple = text.startswith(c * 3, i)
            end_mark = c * 3 if triple else c
            j = i + len(end_mark)
            while j < n:
                if c == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(end_mark, j):
                    break
                if text[j] == "\n":
                    if not triple:
                        break
                    line += 1
                j += 1
            i = j + len(end_mark)
        else:
            yield line, c, 0
            i += 1


def nesting_problem(text: str) -> tuple[int, str] | None:
    """(line, message) when arrays/inline tables nest deeper than MAX_DEPTH, else None."""
    depth = 0
    in_value = False
    for line, c, _ in _tokens(text):
        if c == "=":
            in_value = True
        elif c == "\n" and depth == 0:
            in_value = False
        elif c in "[{" and in_value:
            depth += 1
            if depth > MAX_DEPTH:
                return line, (f"values nest deeper than {MAX_DEPTH} levels of arrays or "
                              "inline tables; a site config never needs that")
        elif c in "]}" and in_value and depth > 0:
            depth -= 1
    return None


def dotted_depth_problem(raw: dict) -> list[str] | None:
    """The path of a table nested deeper than MAX_DEPTH (dotted keys, headers), else None.

    Iterative, so a 5,000-deep `a.a.a...` key cannot exhaust the stack.
    """
    stack: list[tuple[object, list[str]]] = [(raw, [])]
    while stack:
        v, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path
        if isinstance(v, dict):
            stack.extend((x, [*path, str(k)]) for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, [*path, f"[{i}]"]) for i, x in enumerate(v))
    return None


class KeyLines:
    """Line numbers of the key paths written in a TOML text."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._arrays: dict[Path, int] = {}  # [[array]] path -> entries seen
        self._scan(text)

    def _resolve(self, parts: list[str], array: bool) -> Path:
        out: list[str | int] = []
        for n, p in enumerate(parts):
            out.append(p)
            last = n == len(parts) - 1
            if array and last:
                key = tuple(out)
                self._arrays[key] = self._arrays.get(key, 0) + 1
                out.append(self._arrays[key] - 1)
            elif tuple(out) in self._arrays:
                out.append(self._arrays[tuple(out)] - 1)
        return tuple(out)

    def _note(self, path: Path, line: int) -> None:
        self.lines.setdefault(path, line)

    def _scan(self, text: str) -> None:
        table: Path = ()
        in_multi: str | None = None  # inside a multi-line string opened by this mark
        for no, raw in enumerate(text.splitlines(), start=1):
            s = raw.lstrip()
            if in_multi is not None:
                if raw.count(in_multi) % 2:
                    in_multi = None
                continue
            for mark in ('"""', "'''"):
                if raw.count(mark) % 2:  # opens here, closes on a later line
                    in_multi = mark
            if not s or s[0] == "#":
                continue
            if s.startswith("[["):
                got = _key_parts(s, 2)
                if got and s[got[1]:].lstrip().startswith("]]"):
                    table = self._resolve(got[0], array=True)
                    self._note(table, no)
                continue
            if s.startswith("["):
                got = _key_parts(s, 1)
                if got and s[got[1]:].lstrip().startswith("]"):
                    table = self._resolve(got[0], array=False)
                    self._note(table, no)
                continue
            got = _key_parts(s, 0)
            if not got or not s[got[1]:].startswith("="):
                continue  # a continuation line of a multi-line value
            path = (*table, *got[0])
            self._note(path, no)
            self._inline(s[got[1] + 1:], path, no)

    def _inline(self, rest: str, path: Path, line: int) -> None:
        """Keys of inline tables on the same line: `{ a = 1, b = { c = 2 } }`."""
        stack: list[Path] = []
        i, cur = 0, path
        pending: Path | None = None
        while i < len(rest):
            c = rest[i]
            if c in "\"'":
                j = rest.find(c, i + 1)
                i = len(rest) if j < 0 else j + 1
                continue
            if c == "#":
                return
            if c == "{":
                stack.append(cur)
                cur = pending if pending is not None else cur
                got = _key_parts(rest, i + 1)
                if got and rest[got[1]:].startswith("="):
                    pending = (*cur, *got[0])
                    self._note(pending, line)
                    i = got[1] + 1
                    continue
            elif c == "}":
                cur = stack.pop() if stack else path
            elif c == "," and stack:
                got = _key_parts(rest, i + 1)
                if got and rest[got[1]:].startswith("="):
                    pending = (*cur, *got[0])
                    self._note(pending, line)
                    i = got[1] + 1
                    continue
            i += 1

    def line_of(self, path: Path) -> int | None:
        """The line `path` is written on, or that of its nearest written parent."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return None
