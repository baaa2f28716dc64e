"""The Korean catalogue covers every string the window and the sectors' pages show.

A string added to the code without Korean would show in English in the Korean window
(issue 12: the build fails on untranslated or unfinished strings). This runs lupdate over
the sources into a copy of the committed catalogue: anything new or unfinished fails, with
the list and the way to fix it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
TS = REPO / "resources" / "i18n" / "deungdae_ko.ts"


def _sources() -> list[str]:
    globs = ("desktop/ui/*.py", "desktop/ui/kit/*.py", "sectors/*/views.py",
             "sectors/*/views/*.py")
    return [str(p) for g in globs for p in sorted(REPO.glob(g))]


def test_every_ui_string_has_korean(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists():
        lupdate = shutil.which("pyside6-lupdate")
    assert lupdate, "pyside6-lupdate is part of PySide6: the venv is incomplete"
    ts = tmp_path / "deungdae_ko.ts"
    shutil.copy(TS, ts)
    subprocess.run([str(lupdate), "-silent", *_sources(), "-ts", str(ts)], check=True,
                   capture_output=True, timeout=120)
    missing = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name")
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            kind = tr.get("type") if tr is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            if kind == "unfinished" or not (tr.text or "").strip():
                missing.append(f"{name}: {msg.findtext('source')!r}")
    if missing:
        pytest.fail(f"{len(missing)} UI string(s) without Korean (add them to a "
                    "tools/ko_terms_<room>.py, run pyside6-lupdate and tools/ko_terms.py; "
                    "see tools/ko_terms.py):\n  " + "\n  ".join(missing[:40]))
