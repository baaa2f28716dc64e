"""Approval of a day's CCP log (작성 → 검토 → 승인) and its invalidation on paper.

Uses the handled day of `test_reports` (a deviation with its corrective action and
verification), with users who have full names, so the PDF must show names, not logins.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from deungdae.records import users
from deungdae.records.store import NewEvent, Store
from deungdae.sectors.haccp import approval
from deungdae.sectors.haccp.report_data import day_period
from deungdae.sectors.haccp.report_render import daily, deviations, monthly
from tests.sectors.haccp.test_reports import handled_day  # noqa: F401  (fixture)

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
SEOUL = ZoneInfo("Asia/Seoul")
DAY = date(2025, 11, 25)
OK = (True, "해시 체인 검증 통과 — 시험")


def _site(root: Path) -> dict:
    import tomllib

    return tomllib.loads((root / "site.toml").read_text(encoding="utf-8"))


def _text(pdf: Path, layout: bool = True) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(pdf), "-"]
    return " ".join(subprocess.run(args, capture_output=True, text=True,
                                   check=True).stdout.split())


@pytest.fixture
def signed(handled_day: Path):  # noqa: F811
    store = Store.open_writer(handled_day / "deungdae.db")
    users.add_user(store, "admin", "관리자", "admin", "admin-pw-1", by="setup")
    users.add_user(store, "kim", "김민수", "operator", "kim-pw-1", by="admin")
    users.add_user(store, "park", "박지영", "manager", "park-pw-1", by="admin")
    users.add_user(store, "lee", "이철호", "manager", "lee-pw-1", by="admin")
    yield store, day_period("시험 공장", SEOUL, DAY)
    store.close()


def test_three_steps_in_order_and_shown_in_the_signoff_box(signed, tmp_path: Path) -> None:
    store, period = signed
    with pytest.raises(approval.ApprovalError, match="not over"):
        approval.sign_day(store, period, "kim", "kim-pw-1", "performed", at_ms=period.t1 - 1)
    with pytest.raises(approval.ApprovalError, match="sign as performed first"):
        approval.sign_day(store, period, "park", "park-pw-1", "reviewed")
    approval.sign_day(store, period, "kim", "kim-pw-1", "performed", "오븐 1회 재가열")
    with pytest.raises(approval.ApprovalError, match="already signed"):
        approval.sign_day(store, period, "kim", "kim-pw-1", "performed")
    with pytest.raises(users.NotAllowed):  # an operator may not review
        approval.sign_day(store, period, "kim", "kim-pw-1", "reviewed")
    with pytest.raises(users.WrongPassword):
        approval.sign_day(store, period, "park", "wrong-pw", "reviewed")
    approval.sign_day(store, period, "park", "park-pw-1", "reviewed")
    approval.sign_day(store, period, "lee", "lee-pw-1", "approved", "이상 없음")
    sigs = approval.day_signatures(store, period)
    assert [(s.meaning, s.printed_name, s.valid) for s in sigs] == [
        ("performed", "김민수", True), ("reviewed", "박지영", True), ("approved", "이철호", True)]
    pdf = daily(store, _site(store.path.parent), period.start, period.end, tmp_path / "d.pdf", OK)
    text = _text(pdf)
    for name in ("김민수", "박지영", "이철호", "작성함", "검토함", "승인함", "오븐 1회 재가열",
                 "이상 없음"):
        assert name in text, name
    assert "무효" not in text
    # the times are the site's (KST), not UTC
    assert text.count("KST") >= 3
    en = _text(daily(store, _site(store.path.parent), period.start, period.end,
                     tmp_path / "d-en.pdf", OK, lang="en"))
    assert "Prepared" in en and "Approved" in en and "approved" in en and "VOID" not in en


def test_a_later_manual_entry_voids_the_approval_on_paper(signed, tmp_path: Path) -> None:
    store, period = signed
    approval.sign_day(store, period, "kim", "kim-pw-1", "performed")
    approval.sign_day(store, period, "park", "park-pw-1", "reviewed")
    ch = store.channel_id("freezer.temp")
    ts = period.t0 + 11 * 3_600_000  # a value for 11:00 that day, entered afterwards
    store.append_readings([(ch, ts, -19.0, 64)], user="kim")
    store.append_event(NewEvent(ts=ts, kind="manual.entry", channel="freezer.temp", user="kim",
                                message="", data={"value": -19.0, "reason": "power_cut",
                                                  "note": ""}))
    sigs = approval.day_signatures(store, period)
    assert [s.valid for s in sigs] == [False, False]
    assert "added to the day after signing" in sigs[0].why[0]
    assert sigs[0].void == (("added", 2),)  # the reading's block and the entry's event
    text = _text(daily(store, _site(store.path.parent), period.start, period.end,
                       tmp_path / "void.pdf", OK))
    assert text.count("무효") == 2 and "정전" in text
    # in reading order, cell by cell: the 결재란's narrow cells wrap it
    flat = _text(tmp_path / "void.pdf", layout=False).replace(" ", "")
    assert flat.count("무효—서명후추가기록2건") == 2 and "aftersigning" not in flat
    en = _text(daily(store, _site(store.path.parent), period.start, period.end,
                     tmp_path / "void-en.pdf", OK, lang="en"), layout=False)
    assert en.count("VOID") == 2 and en.count("added after") == 2 and "2 record(s)" in en and "서명" not in en
    # signing again over the changed day is possible and valid
    approval.sign_day(store, period, "kim", "kim-pw-1", "performed")
    assert approval.day_signatures(store, period)[-1].valid


def test_a_correction_or_an_edit_with_sqlite3_after_signing_is_said_in_words(
        signed, tmp_path: Path) -> None:
    import sqlite3

    from deungdae.records import corrections

    store, period = signed
    approval.sign_day(store, period, "kim", "kim-pw-1", "performed")
    ch = store.channel_id("freezer.temp")
    ts, _v, _q = store.readings(ch, period.t0, period.t1, limit=1)[0]
    corrections.correct_reading(store, ch, ts, -18.5, reason="교정값 반영", user="park")
    (sig,) = approval.day_signatures(store, period)
    assert not sig.valid and dict(sig.void)["corrected"] == 1
    text = _text(daily(store, _site(store.path.parent), period.start, period.end,
                       tmp_path / "c.pdf", OK))
    assert "서명후정정1건" in text.replace(" ", "")
    # an insider edits a signed reading in the file itself
    path = store.path
    store.close()
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER reading_no_update")
    con.execute("UPDATE reading SET v = v + 1 WHERE ch = ? AND ts = ?", (ch, ts + 60_000))
    con.commit()
    con.close()
    with Store.open_reader(path) as reader:
        (sig,) = approval.day_signatures(reader, period)
    assert not sig.valid and "changed" in dict(sig.void)
    assert "서명한 기록 변경" in approval_text(sig)


def approval_text(sig: approval.DaySignature) -> str:
    from deungdae.sectors.haccp import report_text as tx

    return tx.void_reasons(sig.void, "ko")


def test_names_not_logins_and_manual_reasons_on_every_report(signed, tmp_path: Path) -> None:
    store, period = signed
    ch = store.channel_id("freezer.temp")
    ts = period.t0 + 11 * 3_600_000
    store.append_readings([(ch, ts, -19.0, 64)], user="kim")
    store.append_event(NewEvent(ts=ts, kind="manual.entry", channel="freezer.temp", user="kim",
                                message="", data={"value": -19.0, "reason": "sensor_failure",
                                                  "note": "탐침 교체 중"}))
    site = _site(store.path.parent)
    from datetime import datetime

    month = (datetime(2025, 11, 1, tzinfo=SEOUL), datetime(2025, 12, 1, tzinfo=SEOUL))
    for name, out in (("daily", daily(store, site, period.start, period.end,
                                      tmp_path / "d.pdf", OK)),
                      ("deviations", deviations(store, site, period.start, period.end,
                                                tmp_path / "v.pdf", OK)),
                      ("monthly", monthly(store, site, *month, tmp_path / "m.pdf", OK))):
        text = _text(out)
        assert "센서 고장 — 탐침 교체 중" in text, name
        assert "김민수" in text, name  # kim's corrective action / entry, by name
        assert " kim " not in f" {text} ", name
