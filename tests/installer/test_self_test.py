"""`deungdae self-test`: one line per check, exit 0 only when every check passes."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CHECKS = ("data dir writable", "serial and Modbus", "record sealed and verified", "report font",
          "Korean PDF report", "translations", "window")


def _self_test(python: str, data_dir: Path, **env: str) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    full.update(env)
    return subprocess.run([python, "-m", "deungdae.desktop.cli.main", "--data-dir", str(data_dir),
                           "self-test"], capture_output=True, text=True, timeout=240, env=full)


def _lines(out: str) -> dict[str, str]:
    got = {}
    for line in out.splitlines():
        status, _, rest = line.partition("  ")
        for name in CHECKS:
            if rest.strip().startswith(name):
                got[name] = status.strip()
    return got


def test_every_check_passes_here(python, tmp_path):
    res = _self_test(python, tmp_path / "dd")
    assert res.returncode == 0, res.stdout + res.stderr
    assert _lines(res.stdout) == dict.fromkeys(CHECKS, "ok")
    assert res.stdout.strip().endswith("self-test passed")
    assert "Traceback" not in res.stderr
    # the real data dir is left as it was found (created empty, no probe file kept)
    assert list((tmp_path / "dd").iterdir()) == []


def test_a_failing_check_fails_the_run_and_says_why(python, tmp_path):
    not_a_dir = tmp_path / "file"
    not_a_dir.write_text("x")
    res = _self_test(python, not_a_dir, DEUNGDAE_REPORT_FONT=str(tmp_path / "none.ttf"))
    assert res.returncode == 1
    got = _lines(res.stdout)
    assert got["data dir writable"] == "FAIL"
    assert got["report font"] == "FAIL" and got["Korean PDF report"] == "FAIL"
    assert got["record sealed and verified"] == "ok" and got["window"] == "ok"
    assert "none.ttf" in res.stdout
    assert "self-test FAILED: 3 check(s)" in res.stdout
    assert "Traceback" not in res.stderr
