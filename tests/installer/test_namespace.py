"""tools/namespace.py: the one rewrite onto the `deungdae` namespace is right and idempotent.

The full proof (the rewritten tree passes the whole suite and installs editable into a
fresh venv) is the integrator's command sequence; here: the rules on the cases that
matter, and the script on a copy of this checkout, twice.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("namespace_tool", REPO / "tools" / "namespace.py")
ns = importlib.util.module_from_spec(_spec)
sys.modules["namespace_tool"] = ns
_spec.loader.exec_module(ns)


def rw(text: str) -> str:
    return ns.rewrite_python(text, REPO)[0]


def test_imports_of_every_form():
    assert rw("from records.store import Store\n") == "from deungdae.records.store import Store\n"
    assert rw("from records import chain\n") == "from deungdae.records import chain\n"
    assert rw("    from desktop.ui.app import run_gui\n") == \
        "    from deungdae.desktop.ui.app import run_gui\n"
    assert rw("import records.store as rs\n") == "import deungdae.records.store as rs\n"
    assert rw("import sync\n") == "from deungdae import sync\n"
    assert rw("import hardware.modbus\n") == \
        "import deungdae.hardware.modbus\nfrom deungdae import hardware\n"
    assert rw('code = "from sectors.contract import discover; x()"\n') == \
        'code = "from deungdae.sectors.contract import discover; x()"\n'


def test_module_strings_but_not_words_or_file_names():
    assert rw('[py, "-m", "desktop.cli.main", "run"]') == \
        '[py, "-m", "deungdae.desktop.cli.main", "run"]'
    assert rw('monkeypatch.setattr("records.store.now_ms", f)') == \
        'monkeypatch.setattr("deungdae.records.store.now_ms", f)'
    assert rw('importlib.import_module("desktop.cli.site_commands")') == \
        'importlib.import_module("deungdae.desktop.cli.site_commands")'
    assert rw('("records.errors", "StoreError", 3)') == \
        '("deungdae.records.errors", "StoreError", 3)'
    assert rw('"python -m desktop.cli.main status"') == '"python -m deungdae.desktop.cli.main status"'
    # left alone: a room's name as a word, a file named like a module, unknown modules
    for same in ('Thread(name="sync")', 'url = tmp / "central.db"', 'open("sync.db")',
                 'p = root / "records"', '"sync.err"', '"records.NoSuchThing"',
                 "from recordsx import y", "from deungdae.records import chain",
                 "x.from records import"):
        assert rw(same) == same, same


def test_pyproject_scripts_entry_points_packages_and_contracts():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    new, _ = ns.rewrite_pyproject(text, REPO)
    assert 'deungdae = "deungdae.desktop.cli.main:main"' in new
    assert 'haccp = "deungdae.sectors.haccp.plugin:sector"' in new
    assert "[tool.setuptools.packages.find]" not in new
    assert '"deungdae.records" = "records"' in new and '"deungdae" = "deungdae"' in new
    assert 'root_packages = ["deungdae"]' in new
    assert '"deungdae.sectors.*.views -> PySide6"' in new
    assert '"deungdae.desktop.cli.main -> deungdae.desktop.ui"' in new
    assert 'source_modules = ["deungdae.hardware"]' in new and '"PySide6"' in new
    assert 'name = "hardware imports no other room"' in new
    assert 'known-first-party = ["deungdae"]' in new
    assert ns.rewrite_pyproject(new, REPO)[0] == new


@pytest.mark.slow
def test_the_whole_checkout_rewritten_twice_changes_nothing_the_second_time(tmp_path):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    copy = tmp_path / "tree"
    for rel in files:
        if (REPO / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, copy / rel)
    subprocess.run(["git", "init", "-q"], cwd=copy, check=True)
    subprocess.run(["git", "add", "-A"], cwd=copy, check=True)
    tool = [sys.executable, str(copy / "tools" / "namespace.py"), "--repo", str(copy)]
    done = (REPO / "deungdae" / "__init__.py").is_file()  # main after the rename: a guard
    assert subprocess.run([*tool, "--check"], capture_output=True).returncode == (0 if done
                                                                                  else 1)
    first = subprocess.run(tool, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert ("rewrote pyproject.toml" in first.stdout) != done
    again = subprocess.run([*tool, "--check"], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stdout
    assert "nothing to change" in again.stdout
    left = subprocess.run(["grep", "-rnE", r"^\s*(from|import) (hardware|records|sync|sectors|"
                           r"desktop|central|resources)\b", "--include=*.py", "--include=*.spec",
                           "."], cwd=copy, capture_output=True, text=True)
    stray = [line for line in left.stdout.splitlines()
             if not line.startswith(("./tools/namespace.py", "./tests/installer/test_namespace",
                                     "./tests/fixtures/"))]
    assert stray == []
    # the package works from the rewritten checkout without any install
    got = subprocess.run([sys.executable, "-c", "import deungdae.records.store as s, "
                          "deungdae.hardware.profiles as p; print(s.__file__); "
                          "print(len(p.list_profiles()))"], cwd=copy, capture_output=True,
                         text=True, env={"PATH": "/usr/bin:/bin"}, timeout=120)
    assert got.returncode == 0, got.stderr
    assert got.stdout.split()[0] == str(copy / "records" / "store.py")
    assert int(got.stdout.split()[1]) >= 8
