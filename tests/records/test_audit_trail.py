"""The audit trail viewer's data: every audited change, filterable, with old → new, in
CSV and PDF (issue 12 item 5)."""

from __future__ import annotations

import csv
import shutil
import sqlite3
import subprocess
from zoneinfo import ZoneInfo

import pytest

from deungdae.desktop.engine import audit_report as ar
from deungdae.records import audit_trail, users
from deungdae.records.store import now_ms
from tests.records.audit_script import run_script
from tests.records.integrity_fixtures import fast_argon2, file_key, make_store  # noqa: F401

TZ = ZoneInfo("Asia/Seoul")


@pytest.fixture
def scripted(tmp_path):
    store = make_store(tmp_path, blocks=1, events=1)
    script = run_script(store)
    yield store, script
    store.close()


def test_the_trail_lists_exactly_the_scripted_changes_with_old_and_new(scripted):
    store, script = scripted
    rows = audit_trail.entries(store, t0=script.since)
    assert [(e.kind, e.who) for e in rows] == [(k, w) for k, w, _, _ in script.expected]
    for e, (_k, _w, ko, en) in zip(rows, script.expected, strict=True):
        assert "; ".join(ar.change_lines(e, "ko")) == ko
        assert "; ".join(ar.change_lines(e, "en")) == en
    limit, added, failed, corr, sig = rows
    assert (limit.entity, limit.key, limit.reason) == ("limit", "t1", "경보 시험")
    assert (added.action, added.key) == ("added", "choi")
    assert failed.action == "bad_password" and failed.detail["purpose"] == "sign-in"
    assert corr.reason == "센서 세척 후 재확인" and corr.detail["target"] == f"event:{script.event_id}"
    assert sig.action == "reviewed" and sig.reason == "검토함"
    assert sig.detail == {"printed_name": "Park Manager", "role": "manager", "targets": 1}
    # each row names its sealed source row
    assert [e.ref.split(":")[0] for e in rows] == ["config_change", "config_change",
                                                   "auth_log", "event", "signature"]


def test_filters_by_period_kind_who_and_entity(scripted):
    store, script = scripted
    everything = audit_trail.entries(store)
    assert len(everything) > 5  # the fixture's channel/site setup and the two users first
    assert audit_trail.entries(store, t0=script.since, kinds=["signin"])[0].who == "choi"
    assert [e.kind for e in audit_trail.entries(store, t0=script.since, who="PARK")] == [
        "config", "correction", "signature"]
    assert [e.key for e in audit_trail.entries(store, entity="limit")] == ["t1"]
    assert [e.kind for e in audit_trail.entries(store, t0=script.since, entity="choi")] == [
        "user", "signin"]
    assert audit_trail.entries(store, t0=now_ms() + 60_000) == []
    assert audit_trail.entries(store, t1=script.since, kinds=["signature"]) == []
    with pytest.raises(audit_trail.AuditFilterError, match="choose among config"):
        audit_trail.entries(store, kinds=["limits"])


def test_unlock_and_password_changes_are_user_changes(scripted):
    store, script = scripted
    for _ in range(users.MAX_FAILURES):
        with pytest.raises(users.AuthError):
            users.authenticate(store, "choi", "0000")
    assert users.locked_until(store, "choi") is not None
    users.unlock(store, "choi", by="lee")
    users.set_password(store, "choi", "2580", by="lee")
    rows = audit_trail.entries(store, t0=script.since, kinds=["user"])
    assert [(e.action, e.who, e.key) for e in rows] == [
        ("added", "lee", "choi"), ("unlocked", "lee", "choi"), ("password", "lee", "choi")]
    assert ar.change_lines(rows[1], "ko") == ["잠김: 예 → 아니오"]
    assert ar.change_lines(rows[2], "en") == ["password: (previous) → (changed)"]
    fails = audit_trail.entries(store, t0=script.since, kinds=["signin"])
    # the script's failure and 4 more lock the account; the 5th try of the loop is refused
    assert [e.action for e in fails] == ["bad_password"] * users.MAX_FAILURES + ["locked"]


def test_csv_in_both_languages_holds_the_same_rows(scripted, tmp_path):
    store, script = scripted
    rows = audit_trail.entries(store, t0=script.since)
    for lang in ("ko", "en"):
        out = ar.write_csv(rows, tmp_path / f"audit-{lang}.csv", lang, TZ)
        assert out.read_bytes().startswith(b"\xef\xbb\xbf")
        got = list(csv.reader(out.open(encoding="utf-8-sig")))
        assert got[0] == ar.headers(lang) and len(got) == 6
        col = ar.CSV_COLUMNS.index("change")
        assert [r[col] for r in got[1:]] == [x[2 if lang == "ko" else 3]
                                             for x in script.expected]
        assert [r[ar.CSV_COLUMNS.index("ref")] for r in got[1:]] == [e.ref for e in rows]
    ko = (tmp_path / "audit-ko.csv").read_text(encoding="utf-8-sig")
    for word in ("설정 변경", "관리기준 t1", "사용자 추가", "로그인 실패", "비밀번호 틀림",
                 "이벤트 정정", "전자서명", "검토", "경보 시험"):
        assert word in ko
    for code in ("bad_password", "reviewed", "config,", "signin"):
        assert code not in ko


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pdf_lists_the_same_rows_with_fonts_embedded(scripted, tmp_path, lang):
    store, script = scripted
    rows = audit_trail.entries(store, t0=script.since)
    head = ar.Heading("Plant", ar.period_text(lang, script.since, None, TZ),
                      ar.filters_text(lang, None, None, None), ar.record_state(store, lang),
                      ar.local_time(now_ms(), TZ))
    out = ar.write_pdf(rows, tmp_path / f"audit-{lang}.pdf", lang, TZ, head)
    text = " ".join(_pdftotext(out).split())
    for e, x in zip(rows, script.expected, strict=True):
        c = ar.cells(e, lang, TZ)
        assert c.time in text and c.ref in text
        for line in (x[2] if lang == "ko" else x[3]).split("; "):
            if line:
                assert " ".join(line.split()) in text, line
    assert ar.word("rows", lang).replace("%1", "5") in text
    assert ar.record_state(store, lang) in text
    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True,
                           text=True).stdout.splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts


def test_a_hand_made_row_is_shown_not_hidden(scripted):
    """An insider with sqlite3 writes junk JSON: the trail shows it (verify flags it)."""
    store, script = scripted
    con = sqlite3.connect(store.path)
    con.execute("INSERT INTO config_change(ts, entity, key, old, new, user, reason) "
                "VALUES (?, 'limit', 't2', '{bad', '3', 'mallory', '')", (now_ms(),))
    con.commit()
    con.close()
    rows = audit_trail.entries(store, who="mallory")
    assert len(rows) == 1 and ar.change_lines(rows[0], "en") == ["{bad → 3"]
    assert not store.verify().ok


def test_hand_made_rows_of_the_wrong_type_are_listed_not_a_crash(scripted):
    store, script = scripted
    con = sqlite3.connect(store.path)
    con.execute("INSERT INTO config_change(ts, entity, key, old, new, user, reason) "
                "VALUES ('soon', 7, X'00ff', NULL, '[1, {\"a\": 2}]', 9, 3.5)")
    con.execute("INSERT INTO auth_log(ts, login, outcome, purpose) VALUES "
                "(1.5e12, 42, 'bad_password', X'01')")
    con.commit()
    con.close()
    rows = audit_trail.entries(store)
    odd = [e for e in rows if e.ts in (0, 1_500_000_000_000)]
    assert {e.kind for e in odd} == {"config", "signin"}
    for e in odd:
        ar.cells(e, "ko", TZ)  # words it without a crash
    assert audit_trail.entries(store, who="42")[0].kind == "signin"


def test_csv_cells_that_look_like_formulas_are_not_run(scripted, tmp_path):
    store, script = scripted
    store.record_config_change("limit", "t3", {"high": 1}, {"high": 2}, "park",
                               '=HYPERLINK("http://x","click")')
    rows = audit_trail.entries(store, entity="t3")
    out = ar.write_csv([r for r in rows if r.entity == "limit"], tmp_path / "x.csv", "en", TZ)
    got = list(csv.reader(out.open(encoding="utf-8-sig")))[1]
    assert got[ar.CSV_COLUMNS.index("reason")] == '\'=HYPERLINK("http://x","click")'
    assert ar.csv_safe("-3 → 4") == "-3 → 4" and ar.csv_safe("+1") == "'+1"
