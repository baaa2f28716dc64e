"""The wheel, installed into a fresh venv outside the checkout, works (the smoke run).

Built from a copy of the checkout's files with `pip wheel --no-deps` (no build isolation:
the test venv has setuptools and wheel, so this runs offline in seconds), installed with
`--no-deps --no-index` into a venv that sees only the shared venv's dependencies (never
the checkout or the shared editable install), and run from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.installer.venvs import make_venv, pip_into

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow

PLANT_PROFILE = """\
name = "plant-meter"
description = "A meter only this plant has"
protocol = "modbus"
[defaults]
interval = 5.0
[points.power]
function = "input"
address = 0
type = "float32"
unit = "kW"
"""


def _source_copy(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO,
                           capture_output=True, text=True, check=True).stdout.splitlines()
    files += [str(p.relative_to(REPO)) for p in (REPO / "resources" / "i18n").glob("*.qm")]
    for rel in files:
        src = REPO / rel
        if src.is_file() and not rel.startswith(("tests/", "bench/")):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    from deungdae.desktop.ui.i18n import I18N_DIR, compile_translations

    compile_translations(I18N_DIR)  # the .qm files a release build puts in the wheel
    base = tmp_path_factory.mktemp("wheel")
    src = _source_copy(base / "src")
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                            "--no-build-isolation", "-w", str(base / "dist"), str(src)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (base / "dist").glob("deungdae-*.whl")
    py = make_venv(base / "venv")
    got = pip_into(py, "install", "--no-deps", "--no-index", "--find-links",
                   str(base / "dist"), "deungdae")
    assert got.returncode == 0, got.stderr[-3000:]
    work = base / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env.update(DEUNGDAE_HOME=str(base / "home"), DEUNGDAE_KEYRING="off")
    return {"py": py, "bin": py.parent, "wheel": wheel, "cwd": work, "env": env,
            "home": base / "home"}


def run(inst: dict, *args: str, timeout: float = 180, **env: str
        ) -> subprocess.CompletedProcess:
    exe = args[0] if args[0].startswith("/") else str(inst["bin"] / args[0])
    return subprocess.run([exe, *args[1:]], cwd=inst["cwd"], env={**inst["env"], **env},
                          capture_output=True, text=True, timeout=timeout)


def test_the_wheel_carries_the_resources(installed):
    names = zipfile.ZipFile(installed["wheel"]).namelist()
    for needed in ("resources/devices/sdm630.toml", "resources/i18n/deungdae_ko.ts",
                   "resources/i18n/deungdae_ko.qm", "resources/icons/deungdae.svg",
                   "sectors/haccp/templates/haccp-bakery.toml",
                   "records/migrations/versions/0002_integrity.py"):
        assert any(n.endswith(needed) for n in names), needed
    assert not [n for n in names if n.endswith((".ttf", ".otf", ".ttc"))]  # never a font


def test_it_runs_from_the_venv_not_the_checkout(installed):
    got = run(installed, "python", "-c",
              "from deungdae.desktop.cli import main; from deungdae.resources import folder; "
              "print(main.__file__); print(folder('devices'))")
    assert got.returncode == 0, got.stderr
    for line in got.stdout.split():
        assert str(REPO) not in line and "site-packages" in line


def test_profiles_with_a_plant_profile_in_the_data_dir(installed):
    (installed["home"] / "devices").mkdir(parents=True, exist_ok=True)
    (installed["home"] / "devices" / "plant-meter.toml").write_text(PLANT_PROFILE)
    got = run(installed, "deungdae", "profiles")
    assert got.returncode == 0, got.stderr
    names = [line.split()[0] for line in got.stdout.splitlines() if line.strip()]
    assert {"sdm630", "xy-md02", "ascii-scale", "plant-meter", "simulator"} <= set(names)
    shown = run(installed, "deungdae", "profiles", "show", "sdm630")
    assert "site-packages" in shown.stdout and str(REPO) not in shown.stdout


def test_templates_with_a_plant_template_in_the_data_dir(installed, tmp_path):
    folder = installed["home"] / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPO / "sectors/haccp/templates/haccp-coldstore.toml").read_text(encoding="utf-8")
    (folder / "our-kimchi.toml").write_text("# 우리 김치 공장 (our kimchi plant)\n" +
                                            text.split("\n", 1)[1], encoding="utf-8")
    got = run(installed, "deungdae", "templates")
    assert got.returncode == 0, got.stderr
    rows = {line.split()[0]: line.split()[1] for line in got.stdout.splitlines()}
    assert rows["haccp-bakery"] == "haccp" and rows["demo"] == "demo"
    assert rows["our-kimchi"] == "haccp"
    # a plant's templates are its data dir's: another data dir does not see them
    other = run(installed, "deungdae", "--data-dir", str(tmp_path / "other"), "init",
                "--template", "our-kimchi")
    assert other.returncode == 2 and "unknown template 'our-kimchi'" in other.stderr
    made = run(installed, "deungdae", "init", "--template", "our-kimchi")
    assert made.returncode == 0, made.stderr
    assert "우리 김치" in (installed["home"] / "site.toml").read_text(encoding="utf-8")


def test_demo_runs_headless(installed, tmp_path):
    got = run(installed, "deungdae", "demo", "--data-dir", str(tmp_path / "demo"), "--for", "5")
    assert got.returncode == 0, got.stdout + got.stderr
    assert "headless" in got.stderr and "stopped:" in got.stdout
    verified = run(installed, "deungdae", "--data-dir", str(tmp_path / "demo"), "verify")
    assert verified.returncode == 0 and "record intact" in verified.stdout


def test_a_korean_pdf_report(installed, tmp_path):
    dd = str(tmp_path / "bakery")
    assert run(installed, "deungdae", "--data-dir", dd, "init", "--template",
               "haccp-bakery").returncode == 0
    rec = run(installed, "deungdae", "--data-dir", dd, "run", "--headless", "--for", "600",
              "--speed", "300")
    assert rec.returncode == 0, rec.stderr
    pdf = tmp_path / "daily.pdf"
    got = run(installed, "deungdae", "--data-dir", dd, "report", "haccp-daily", "-o", str(pdf))
    assert got.returncode == 0, got.stdout + got.stderr
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, timeout=60).stdout
    assert "CCP 모니터링 일지" in text and "해시 체인 검증 통과" in text


def test_self_test_passes_in_the_venv(installed):
    got = run(installed, "deungdae", "self-test", timeout=240)
    assert got.returncode == 0, got.stdout + got.stderr
    assert got.stdout.count("\nok  ") + got.stdout.startswith("ok  ") == 7


def test_central_serves_on_loopback(installed, tmp_path):
    proc = subprocess.Popen([str(installed["bin"] / "deungdae-central"), "serve", "--db",
                             f"sqlite:///{tmp_path / 'central.db'}", "--host", "127.0.0.1",
                             "--port", "0"], cwd=installed["cwd"],
                            env={**installed["env"], "PYTHONUNBUFFERED": "1"},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        port = None
        deadline = time.monotonic() + 60
        seen = []
        while port is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            seen.append(line)
            for word in line.replace("/", " ").replace(":", " ").split():
                if word.isdigit() and "127.0.0.1" in line and int(word) > 1024:
                    port = int(word)
        assert port, "".join(seen)
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/openapi.json",
                                            timeout=5) as r:
                    doc = json.load(r)
                break
            except OSError:
                assert time.monotonic() < deadline, "central never answered"
                time.sleep(0.2)
        assert doc["info"]["title"] and any(p.startswith("/v1/") or p.startswith("/")
                                            for p in doc["paths"])
    finally:
        proc.terminate()
        proc.wait(timeout=30)
