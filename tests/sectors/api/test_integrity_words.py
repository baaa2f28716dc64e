"""The record-integrity line of an English report says what the Korean one says, with the
same figures, from a real record's verification."""

from __future__ import annotations

from pathlib import Path

from deungdae.records.store import Store
from deungdae.sectors.api.integrity import integrity_in, integrity_statement_for


def test_an_english_report_words_the_statement_with_its_figures(tmp_path: Path) -> None:
    db = tmp_path / "deungdae.db"
    with Store.open_writer(db) as s:
        cid = s.ensure_channel("t", "t", "°C", "dev")
        s.append_readings([(cid, 1_000 * i, 20.0 + i, 0) for i in range(5)])
    ok, ko = integrity_statement_for(db, tmp_path)
    assert ok and "측정값 5건" in ko
    en = integrity_in((ok, ko), "en")
    assert en.startswith("hash chain verified") and "5 readings" in en and "건" not in en
    head = ko.split("마지막 항목 ")[1].rstrip(")")
    assert en.endswith(f"last entry {head})")
    assert integrity_in((ok, ko), "ko") == ko
    bad = integrity_in((False, "위·변조 또는 손상 발견 (RECORD DAMAGED): block 1: seal"), "en")
    assert bad == "ALTERATION OR DAMAGE FOUND (RECORD DAMAGED): block 1: seal"
    assert integrity_in((False, "검증 불가 (cannot verify): locked"), "en") == (
        "cannot verify the record: locked")
