"""Put every room under one import namespace, `deungdae`, without moving a folder.

Today the wheel installs seven generic top-level packages (`records` is another project
on PyPI). After this script, code imports `deungdae.records`, `deungdae.hardware`, ...,
while the folders of the design card stay where they are (`records/`, `hardware/`, ...):

- `deungdae/__init__.py` is a small real package. In a source checkout (no install, e.g.
  `PYTHONPATH=<checkout>` or pytest's rootdir) it adds the checkout to its own
  `__path__`, so `deungdae.records` is the folder `records/`; installed (wheel, bundle)
  it does nothing, the rooms being installed inside it.
- setuptools maps the rooms onto the namespace with nested `package-dir` entries
  (`"deungdae.records" = "records"`), and `setup.py` lists the packages (found under each
  room, so a new sector folder needs no edit). Wheels and editable installs both work:
  setuptools' editable finder maps each `deungdae.<room>` to its folder.
- imports, `-m` module invocations, entry points, mock.patch / importlib / sys.modules
  strings naming one of our modules, and the import-linter contracts (root package
  `deungdae`) are rewritten.

It is mechanical and idempotent: run it on a tree, run it again, nothing changes the
second time. `--check` changes nothing and exits 1 if anything would change (CI can keep
main in the new form with it). Run from the checkout's root:

    python tools/namespace.py            # rewrite in place; prints what changed
    python tools/namespace.py --check    # would anything change?
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PKG = "deungdae"
ROOMS = ("hardware", "records", "sync", "sectors", "desktop", "central", "resources")
_R = "|".join(ROOMS)
# Files that hold these patterns as data, not as code to rewrite.
SKIP = ("tools/namespace.py", "tests/installer/test_namespace.py")
SKIP_DIRS = ("tests/fixtures/",)
# "central.db" is a file name, not the module central.db: a two-part string whose last part
# is a file suffix is left alone.
FILE_SUFFIXES = {"db", "log", "err", "out", "lock", "toml", "json", "csv", "pdf", "xlsx",
                 "txt", "key", "head", "ini", "qm", "ts", "png", "svg", "wal", "shm"}

PACKAGE_INIT = '''"""Deungdae (등대): one import namespace over the rooms of the checkout.

Installed, the rooms are packages inside this one (`deungdae.records`, ...). In a source
checkout that is not installed (PYTHONPATH, pytest's rootdir, a worktree ahead of an
editable install elsewhere) the checkout itself is added to this package's path, so
`deungdae.records` is the checkout's `records/` folder. Written by tools/namespace.py.
"""

from pathlib import Path as _Path

_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "records" / "__init__.py").is_file():
    __path__.append(str(_checkout))  # noqa: F821 - the package's own __path__
del _Path, _checkout
'''

SETUP_PY = f'''"""The packages of the `deungdae` namespace, found under each room's folder.

pyproject.toml maps each room onto the namespace (`package-dir`); this lists the packages
inside the rooms, so a new sector or folder needs no edit here. Written by
tools/namespace.py.
"""

from setuptools import find_namespace_packages, setup

ROOMS = {ROOMS!r}

packages = ["{PKG}"]
for room in ROOMS:
    packages.append(f"{PKG}.{{room}}")
    packages += [f"{PKG}.{{room}}.{{p}}" for p in find_namespace_packages(
        where=room, exclude=["__pycache__", "*.__pycache__"])]

setup(packages=packages)
'''

PACKAGE_DIR = ("[tool.setuptools.package-dir]\n" + f'"{PKG}" = "{PKG}"\n'
               + "".join(f'"{PKG}.{r}" = "{r}"\n' for r in ROOMS))


@dataclass
class Result:
    changed: dict[str, int] = field(default_factory=dict)  # file -> rewrites
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------- Python source
_FROM = re.compile(rf"(?<![\w.])from ({_R})((?:\.\w+)*) import\b")
_IMPORT_AS = re.compile(rf"(?m)^(\s*)import ({_R})((?:\.\w+)*) as (\w+)")
_IMPORT_BARE = re.compile(rf"(?m)^(\s*)import ({_R})((?:\.\w+)*)[ \t]*(#.*)?$")
_IMPORT_INLINE = re.compile(rf"(?<=[;\"'] )import ({_R})((?:\.\w+)*)\b(?!\s*=)")
_MODFLAG = re.compile(rf"(?<![\w.-])-m ({_R})\.")
_DOTTED = re.compile(rf"""(?P<q>["'])(?P<room>{_R})(?P<rest>(?:\.[\w*]+)+)(?P<attr>:\w+)?(?P=q)""")


def _resolves(repo: Path, room: str, rest: str) -> bool:
    """Whether "room.rest" names one of our modules (the remainder may be attributes)."""
    parts = rest.lstrip(".").split(".")
    if "*" in rest:
        return True
    if parts[-1] in FILE_SUFFIXES:  # "central.db.key" is a file name
        return False
    path = repo / room
    if not path.is_dir():
        return False
    for part in parts:
        if (path / part).is_dir():
            path = path / part
            continue
        return (path / f"{part}.py").is_file() or path != repo / room
    return True


def rewrite_python(text: str, repo: Path) -> tuple[str, int]:
    n = 0

    def count(sub):
        def inner(m):
            nonlocal n
            n += 1
            return sub(m)
        return inner

    text = _FROM.sub(count(lambda m: f"from {PKG}.{m[1]}{m[2]} import"), text)
    text = _IMPORT_AS.sub(count(lambda m: f"{m[1]}import {PKG}.{m[2]}{m[3]} as {m[4]}"), text)

    def bare(m):
        indent, room, sub, comment = m[1], m[2], m[3], m[4] or ""
        tail = f"  {comment}" if comment else ""
        if not sub:
            return f"{indent}from {PKG} import {room}{tail}"
        # `import records.store` binds `records` with `records.store` loaded
        return f"{indent}import {PKG}.{room}{sub}{tail}\n{indent}from {PKG} import {room}"

    text = _IMPORT_BARE.sub(count(bare), text)
    text = _IMPORT_INLINE.sub(count(lambda m: f"import {PKG}.{m[1]}{m[2]} as {m[1]}"
                                    if not m[2] else f"import {PKG}.{m[1]}{m[2]}"), text)
    text = _MODFLAG.sub(count(lambda m: f"-m {PKG}.{m[1]}."), text)

    def dotted(m):
        nonlocal n
        if not _resolves(repo, m["room"], m["rest"]):
            return m[0]
        n += 1
        return f'{m["q"]}{PKG}.{m["room"]}{m["rest"]}{m["attr"] or ""}{m["q"]}'

    text = _DOTTED.sub(dotted, text)
    return text, n


# ---------------------------------------------------------------------- pyproject.toml
def _prefix_contract_string(s: str) -> str:
    sides = s.split(" -> ")
    out = []
    for side in sides:
        head = side.split(".", 1)[0]
        out.append(f"{PKG}.{side}" if head in ROOMS else side)
    return " -> ".join(out)


def rewrite_pyproject(text: str, repo: Path) -> tuple[str, int]:
    n = 0
    # 1. package discovery: nested package-dir (here) and the package list (setup.py)
    # the table's own lines: up to a blank line, a comment or the next table
    find = re.compile(r"(?m)^\[tool\.setuptools\.packages\.find\]\n(?:[^\n\[#][^\n]*\n)*\n?")
    found = find.search(text)
    if found:
        text = text[:found.start()] + text[found.end():]
        n += 1
    if "[tool.setuptools.package-dir]" not in text:
        # where the find table was, else before the package data
        anchor = re.search(r"(?m)^(#.*\n)*\[tool\.setuptools\.package-data\]", text)
        where = found.start() if found else anchor.start() if anchor else len(text)
        text = (text[:where] + "# One import namespace over the rooms' folders (tools/namespace"
                ".py); setup.py lists the\n# packages found inside them.\n" + PACKAGE_DIR
                + "\n" + text[where:])
        n += 1
    if "known-first-party" not in text and "[tool.ruff.lint]" in text:
        ruff = re.search(r"(?m)^\[tool\.ruff\.lint\]\n(?:[^\n\[][^\n]*\n)*", text)
        text = (text[:ruff.end()] + f'\n[tool.ruff.lint.isort]\nknown-first-party = ["{PKG}"]\n'
                + text[ruff.end():])
        n += 1
    # 2. entry points and scripts
    text, k = rewrite_python(text, repo)
    n += k
    # 3. import-linter: root package and every contract's module names
    start = text.find("[tool.importlinter]")
    if start >= 0:
        head, body = text[:start], text[start:]
        end = re.search(r"(?m)^\[(?!\[?tool\.importlinter)", body[1:])
        tail = body[end.start() + 1:] if end else ""
        body = body[:end.start() + 1] if end else body
        new = re.sub(r'(?m)^root_packages = \[.*\]$', f'root_packages = ["{PKG}"]', body)

        def quoted(m):
            return f'"{_prefix_contract_string(m[1])}"'

        new = re.sub(r'"([^"\n]*)"', lambda m: m[0] if m[0].startswith('"' + PKG)
                     else quoted(m), new)
        # contract names are prose: keep them as they were
        new = re.sub(r'(?m)^name = "(.*)"$',
                     lambda m: 'name = "' + re.sub(rf"\b{PKG}\.", "", m[1]) + '"', new)
        if new != body:
            n += 1
        text = head + new + tail
    return text, n


# ---------------------------------------------------------------------- other text files
def rewrite_text(text: str) -> tuple[str, int]:
    """Makefile, CI, shell, README, service units: only `-m room.module`."""
    new, k = _MODFLAG.subn(lambda m: f"-m {PKG}.{m[1]}.", text)
    return new, k


# ---------------------------------------------------------------------- driver
def tracked_files(repo: Path) -> list[str]:
    out = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=repo,
                         capture_output=True, text=True, check=True).stdout
    return sorted(set(out.splitlines()))


def _kind(rel: str) -> str | None:
    if rel in SKIP or rel.startswith(SKIP_DIRS):
        return None
    name = rel.rsplit("/", 1)[-1]
    if rel == "pyproject.toml":
        return "pyproject"
    if name.endswith((".py", ".spec")):
        return "python"
    if name in ("Makefile", "run") or name.endswith((".sh", ".md", ".service", ".iss",
                                                     ".desktop", ".cfg", ".ini", ".txt")):
        return "text"
    return None


def apply(repo: Path, write: bool = True) -> Result:
    res = Result()
    files = {rel: repo / rel for rel in tracked_files(repo)}
    for rel, path in files.items():
        kind = _kind(rel)
        if kind is None or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        if kind == "python":
            new, n = rewrite_python(text, repo)
        elif kind == "pyproject":
            new, n = rewrite_pyproject(text, repo)
        else:
            new, n = rewrite_text(text)
        if new != text:
            res.changed[rel] = n
            if write:
                path.write_text(new, encoding="utf-8")
    for rel, content in ((f"{PKG}/__init__.py", PACKAGE_INIT), ("setup.py", SETUP_PY)):
        path = repo / rel
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            res.changed[rel] = 1
            if write:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(content, encoding="utf-8")
    # what is left for a person to look at: room names inside f-strings
    for rel, path in files.items():
        if _kind(rel) == "python" and path.is_file():
            for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(rf"""f["'](?:{_R})\.\{{""", line):
                    res.notes.append(f"{rel}:{i}: a module name built in an f-string: {line.strip()}")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything would")
    ap.add_argument("--repo", default=".", help="the checkout's root (default: .)")
    args = ap.parse_args(argv)
    repo = Path(args.repo).resolve()
    if not (repo / "pyproject.toml").is_file() or not (repo / "records").is_dir():
        print(f"error: {repo} is not a Deungdae checkout (no pyproject.toml and records/)",
              file=sys.stderr)
        return 2
    res = apply(repo, write=not args.check)
    for rel, n in sorted(res.changed.items()):
        print(f"{'would rewrite' if args.check else 'rewrote'} {rel} ({n})")
    for note in res.notes:
        print(f"note: {note}")
    if not res.changed:
        print("nothing to change: the tree already uses the deungdae namespace")
    elif not args.check:
        sort_imports(repo)
    return 1 if args.check and res.changed else 0


def sort_imports(repo: Path) -> None:
    """`deungdae.*` imports now sort as one first-party block: let ruff place them."""
    cmd = [sys.executable, "-m", "ruff", "check", "--select", "I", "--fix", "--quiet", "."]
    try:
        done = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.SubprocessError) as exc:
        print(f"note: could not run ruff ({exc}); run: ruff check --select I --fix .")
        return
    if done.returncode not in (0, 1) or "No module named ruff" in done.stderr:
        print("note: ruff is not available to this Python; run: ruff check --select I --fix .")
    else:
        print("sorted imports (ruff check --select I --fix)")


if __name__ == "__main__":
    sys.exit(main())
