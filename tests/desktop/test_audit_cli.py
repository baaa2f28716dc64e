"""`deungdae audit`: the scripted changes on screen, in CSV and PDF, filtered; bad input
is one line and a non-zero exit."""

from __future__ import annotations

import csv
import shutil
import subprocess

import pytest

from deungdae.desktop.cli.main import main
from deungdae.desktop.engine import audit_report as ar
from tests.records.audit_script import run_script
from tests.records.integrity_fixtures import fast_argon2, file_key, make_store  # noqa: F401


@pytest.fixture
def record(tmp_path):
    store = make_store(tmp_path, blocks=1, events=1)
    script = run_script(store)
    store.close()
    return tmp_path, script


def _since(script) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromtimestamp(script.since / 1000, ZoneInfo("Asia/Seoul")).isoformat(
        timespec="milliseconds")


def test_screen_csv_and_pdf_list_the_scripted_changes(record, capsys):
    root, script = record
    assert main(["--data-dir", str(root), "audit", "--from", _since(script),
                 "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t") == ar.headers("en") and len(lines) == 6
    assert [ln.split("\t")[5] for ln in lines[1:]] == [x[3] for x in script.expected]
    out = root / "a.csv"
    pdf = root / "a.pdf"
    assert main(["--data-dir", str(root), "audit", "--from", _since(script), "--csv",
                 str(out), "--pdf", str(pdf)]) == 0  # Korean by default
    rows = list(csv.reader(out.open(encoding="utf-8-sig")))[1:]
    assert [r[5] for r in rows] == [x[2] for x in script.expected]
    assert [r[1] for r in rows] == ["설정 변경", "사용자 변경", "로그인 실패", "정정", "전자서명"]
    if shutil.which("pdftotext"):
        text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                       capture_output=True, text=True).stdout.split())
        for r in rows:
            assert r[0] in text and r[-1] in text
        assert "상한: 8 → 3" in text and "경보 시험" in text


def test_filters(record, capsys):
    root, script = record
    since = _since(script)
    assert main(["--data-dir", str(root), "audit", "--from", since, "--who", "park",
                 "--kind", "correction", "--kind", "signature", "--lang", "ko"]) == 0
    body = capsys.readouterr().out.splitlines()[1:]
    assert [ln.split("\t")[1] for ln in body] == ["정정", "전자서명"]
    assert main(["--data-dir", str(root), "audit", "--entity", "limit", "--lang", "en"]) == 0
    body = capsys.readouterr().out.splitlines()[1:]
    assert len(body) == 1 and "high: 8 → 3" in body[0]
    assert main(["--data-dir", str(root), "audit", "--to", "2001-01-01", "--lang", "en"]) == 0
    assert capsys.readouterr().out.strip() == ar.word("none", "en")


@pytest.mark.parametrize(("argv", "says"), [
    (["--from", "yesterday"], "is not a date"),
    (["--from", "2026-12-03", "--to", "2026-12-01"], "--to is before --from"),
    (["--csv", "/no/such/folder/a.csv"], "does not exist"),
    (["--pdf", "trail.txt"], "should end in .pdf"),
])
def test_bad_input_is_one_line(record, capsys, argv, says):
    root, _ = record
    assert main(["--data-dir", str(root), "audit", *argv]) != 0
    err = capsys.readouterr().err
    assert says in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_bad_kind_and_missing_record(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["--data-dir", str(tmp_path), "audit", "--kind", "limits"])
    assert "invalid choice" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path / "none"), "audit"]) != 0
    assert "no record here" in capsys.readouterr().err
