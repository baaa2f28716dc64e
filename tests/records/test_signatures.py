"""Electronic signatures and corrections, end to end."""

from __future__ import annotations

import sqlite3

import pytest

from deungdae.records import corrections, signatures, users
from tests.records.integrity_fixtures import T0, fast_argon2, file_key, make_store  # noqa: F401


@pytest.fixture
def store(tmp_path):
    s = make_store(tmp_path, blocks=3, events=4)
    users.add_user(s, "boss", "Kim Boss", "manager", "boss-pw", by="setup")
    users.add_user(s, "op", "Lee Op", "operator", "op-pw", by="boss")
    yield s
    s.close()


def test_sign_shows_name_time_meaning_and_stays_valid(store):
    refs = signatures.refs_for_period(store, T0, T0 + 10**9)
    assert "ingest_block:1" in refs and "event:1" in refs
    sid = signatures.sign(store, "boss", "boss-pw", "reviewed", refs, comment="daily review")
    (st,) = signatures.status(store, sid)
    assert st.valid and st.printed_name == "Kim Boss" and st.meaning == "reviewed"
    assert "UTC" in st.line() and "valid" in st.line()
    assert store.verify().ok


def test_wrong_password_or_role_signs_nothing(store):
    with pytest.raises(users.WrongPassword):
        signatures.sign(store, "boss", "nope", "approved", ["event:1"])
    with pytest.raises(users.NotAllowed):
        signatures.sign(store, "op", "op-pw", "approved", ["event:1"])
    with pytest.raises(signatures.SignatureError):
        signatures.sign(store, "boss", "boss-pw", "liked", ["event:1"])
    with pytest.raises(signatures.SignatureError):
        signatures.sign(store, "boss", "boss-pw", "reviewed", ["event:999"])
    assert signatures.status(store) == []
    assert signatures.sign(store, "op", "op-pw", "performed", ["event:1"])


def test_correction_of_an_event_keeps_the_original_and_invalidates(store):
    sid = signatures.sign(store, "boss", "boss-pw", "approved", ["event:2"])
    cid = corrections.correct_event(store, 2, {"message": "hot 1 (sensor 2)"},
                                    reason="wrong sensor named", user="op")
    evs = store.events(limit=100)
    assert [e.id for e in evs if e.id == 2][0]  # the original is still listed
    (c,) = corrections.with_corrections(store, store.events(ids=[2]))
    assert c.original.message == "hot 1" and c.current["message"] == "hot 1 (sensor 2)"
    assert c.corrections[0].id == cid and c.corrections[0].user == "op"
    (st,) = signatures.status(store, sid)
    assert not st.valid and "corrected after signing" in st.why[0]
    # a signature made after the correction holds
    sid2 = signatures.sign(store, "boss", "boss-pw", "approved", ["event:2", f"event:{cid}"])
    assert signatures.status(store, sid2)[0].valid


def test_correction_of_a_reading_invalidates_the_signed_block(store):
    sid = signatures.sign(store, "boss", "boss-pw", "reviewed", ["ingest_block:1"])
    corrections.correct_reading(store, 1, T0, 21.5, reason="calibration offset", user="op")
    assert store.readings(1, T0, T0 + 1)[0][1] != 21.5  # the original value stays
    got = corrections.reading_corrections(store, 1, T0, T0 + 1)
    assert got[T0].data["now"]["v"] == 21.5
    assert not signatures.status(store, sid)[0].valid
    with pytest.raises(corrections.CorrectionError):
        corrections.correct_reading(store, 1, T0, 1.0, reason="", user="op")
    with pytest.raises(corrections.CorrectionError):
        corrections.correct_reading(store, 1, T0, 1.0, reason="x", user="system")


def test_tampered_signed_row_shows_invalidated(store, tmp_path):
    sid = signatures.sign(store, "boss", "boss-pw", "reviewed", ["event:3"])
    con = sqlite3.connect(tmp_path / "deungdae.db", isolation_level=None)
    con.execute("DROP TRIGGER event_no_update")
    con.execute("UPDATE event SET message = 'fine' WHERE id = 3")
    con.close()
    (st,) = signatures.status(store, sid)
    assert not st.valid and "changed since signing" in st.why[0]
