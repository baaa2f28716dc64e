"""The main flows over a real socket, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from deungdae.records.chain import ROW_TABLES
from tests.central import records_to_wire as rw
from tests.central.records_to_wire import post
from tests.conftest import T0


def ship(client, desktop, size=10, after_seq=0, gzip_it=False):
    acks = []
    for b in desktop.batches(size, after_seq):
        r = post(client, b, gzip_it=gzip_it)
        assert r.status_code == 200, r.text
        acks.append(r.json())
    return acks


def test_whole_record_arrives_equal(central, desktop):
    desktop.fill()
    token = central.register(desktop.store)
    with central.client(token) as c:
        pos = c.get("/position").json()
        assert pos["stored_seq"] == 0 and pos["chain_ok"] and pos["key_id"] == desktop.store.key_id
        acks = ship(c, desktop, size=7, gzip_it=True)
        head = desktop.store.heads()
        assert acks[-1]["stored_seq"] == head["seq"]
        assert acks[-1]["head_mac"] == head["mac"]
        assert all(a["chain_ok"] and a["problem"] is None for a in acks)
        assert sum(a["accepted"] for a in acks) == head["seq"]
        assert sum(a["readings"] for a in acks) == desktop.store.count_readings() == 4800
        pos = c.get("/position").json()
        assert (pos["stored_seq"], pos["head_mac"], pos["chain_ok"]) == (head["seq"],
                                                                         head["mac"], True)
        # every record table, row by row, as the desktop's SELECT * returns it
        for table in ("ingest_block", *ROW_TABLES):
            got = c.get(f"/records/{table}", params={"limit": 10_000}).json()
            assert got["rows"] == rw.rows_as_stored(desktop.path, table), table
        chain = c.get("/chain").json()
        assert chain["counts"] == head["rows"] and chain["readings"] == 4800
        assert chain["problems"] == [] and chain["last_seen"] is not None
        # raw readings, value by value (None where the desktop has no value)
        for key in ("cooler.temp", "meter.kwh"):
            ch = desktop.store.channel_id(key)
            want = desktop.store.readings(ch, T0, T0 + 10**8)
            got = c.get("/readings/raw", params={"channel": key, "start": T0,
                                                 "end": T0 + 10**8, "limit": 100_000}).json()
            assert [(r["ts"], r["v"], r["q"]) for r in got["rows"]] == want
        chans = {ch["key"]: ch for ch in c.get("/channels").json()}
        assert chans["meter.kwh"]["unit"] == "kWh" and chans["cooler.temp"]["name"] == "Cooler"


@pytest.mark.parametrize("max_points,span", [(2000, 3_000_000), (100, 3_000_000),
                                             (10, 2_400_000), (7, 86_400_000 * 3)])
def test_downsampling_equals_desktop(central, desktop, max_points, span):
    desktop.fill()
    token = central.register(desktop.store)
    with central.client(token) as c:
        ship(c, desktop, size=50)
        for key in ("cooler.temp", "meter.kwh"):
            ch = desktop.store.channel_id(key)
            for t0 in (T0 - 5000, T0 + 123_457):
                want = desktop.store.downsample(ch, t0, t0 + span, max_points)
                r = c.get("/readings", params={"channel": key, "start": t0, "end": t0 + span,
                                               "max_points": max_points})
                assert r.status_code == 200, r.text
                got = r.json()["buckets"]
                assert len(got) == len(want) and 0 < len(got) <= max_points
                for g, w in zip(got, want, strict=True):
                    assert (g["ts"], g["n"], g["min"], g["max"]) == (w.ts, w.n, w.vmin, w.vmax)
                    assert g["avg"] == pytest.approx(w.avg, rel=1e-12)


def test_resend_is_harmless(central, desktop):
    desktop.fill(blocks=3)
    token = central.register(desktop.store)
    with central.client(token) as c:
        batches = desktop.batches(size=8)
        first = post(c, batches[0]).json()
        before = c.get("/chain").json()
        again = post(c, batches[0])
        assert again.status_code == 200
        a = again.json()
        assert (a["accepted"], a["duplicates"], a["readings"]) == (0, 8, 0)
        assert a["stored_seq"] == first["stored_seq"] and a["head_mac"] == first["head_mac"]
        after = c.get("/chain").json()
        assert {k: v for k, v in after.items() if k not in ("last_seen", "clock_offset_ms")} \
            == {k: v for k, v in before.items() if k not in ("last_seen", "clock_offset_ms")}
        # a batch that overlaps: the stored half is skipped, the rest is stored
        ents = desktop.entries()
        overlap = rw.batch(desktop.path, desktop.store.key_id, ents[4:16])
        o = post(c, overlap).json()
        assert (o["duplicates"], o["accepted"], o["stored_seq"]) == (4, 8, 16)
        ship(c, desktop, size=5, after_seq=16)
        assert c.get("/position").json()["head_mac"] == desktop.store.heads()["mac"]
        assert c.get("/records/event").json()["rows"] == rw.rows_as_stored(desktop.path, "event")


def test_gap_is_409_with_expected_seq(central, desktop):
    desktop.fill(blocks=1)
    token = central.register(desktop.store)
    with central.client(token) as c:
        ents = desktop.entries()
        r = post(c, rw.batch(desktop.path, desktop.store.key_id, ents[3:6]))
        assert r.status_code == 409
        body = r.json()
        assert body["expected_seq"] == 1 and "gap" in body["detail"] and "#1" in body["detail"]
        assert c.get("/position").json()["stored_seq"] == 0
        post(c, rw.batch(desktop.path, desktop.store.key_id, ents[:2]))
        r = post(c, rw.batch(desktop.path, desktop.store.key_id, ents[4:6]))
        assert r.status_code == 409 and r.json()["expected_seq"] == 3


def test_fork_is_409_and_stores_nothing(central, desktop):
    desktop.fill(blocks=1)
    token = central.register(desktop.store)
    with central.client(token) as c:
        ents = desktop.entries()
        post(c, rw.batch(desktop.path, desktop.store.key_id, ents[:4]))
        before = c.get("/chain").json()
        forked = [e.model_copy() for e in ents[2:8]]
        forked[1] = forked[1].model_copy(update={"mac": "ab" * 32})
        r = post(c, rw.batch(desktop.path, desktop.store.key_id, forked))
        assert r.status_code == 409, r.text
        body = r.json()
        assert "fork" in body["detail"] and "#4" in body["detail"]
        assert body["expected_seq"] == 5
        after = c.get("/chain").json()
        assert after["stored_seq"] == 4 and after["counts"] == before["counts"]


def test_tampered_row_is_stored_and_named(central, desktop):
    desktop.fill(blocks=2)
    token = central.register(desktop.store)
    with central.client(token) as c:
        ents = desktop.entries()
        i, ev = next((i, e) for i, e in enumerate(ents) if e.tbl == "event")
        row = list(ev.row)
        row[6] = "all fine, nothing happened"  # the message column
        ents[i] = ev.model_copy(update={"row": row})
        ack = post(c, rw.batch(desktop.path, desktop.store.key_id, ents)).json()
        want = f"ledger #{ev.seq} event {ev.row_id}: content differs from what was sealed"
        assert ack["chain_ok"] is False and ack["problem"].startswith(want)
        assert ack["stored_seq"] == len(ents)
        pos = c.get("/position").json()
        assert pos["chain_ok"] is False and pos["problem"].startswith(want)
        assert c.get("/chain").json()["problems"] == [want]
        stored = c.get("/records/event").json()["rows"]
        assert row in stored  # kept as received: nothing a plant sends is lost
        # a tampered reading inside a block is named by its block entry
        d2 = [e for e in desktop.entries() if e.tbl == "ingest_block"]
        assert d2


def test_tampered_block_is_named(central, desktop):
    desktop.fill(blocks=2)
    token = central.register(desktop.store)
    with central.client(token) as c:
        ents = desktop.entries()
        i, blk = next((i, e) for i, e in enumerate(ents) if e.tbl == "ingest_block")
        row = list(blk.row)
        row[-1] = "mallory"
        ents[i] = blk.model_copy(update={"row": row})
        ack = post(c, rw.batch(desktop.path, desktop.store.key_id, ents)).json()
        assert not ack["chain_ok"]
        assert ack["problem"].startswith(f"ledger #{blk.seq} ingest_block {blk.row_id}: "
                                         "content differs")
        assert ack["readings"] == 1600


def test_plants_only_see_their_own_data(central, desktop, tmp_path):
    desktop.fill(blocks=1)
    token_a = central.register(desktop.store)
    with central.client(token_a) as a:
        ship(a, desktop)
    from tests.central.conftest import Desktop

    other = Desktop(tmp_path / "b" / "deungdae.db")
    try:
        token_b = central.register(other.store)
        with central.client(token_b) as b:
            assert b.get("/position").json()["stored_seq"] == 0
            assert b.get("/channels").json() == []
            assert b.get("/records/event").json()["rows"] == []
            r = b.get("/readings/raw", params={"channel": "meter.kwh", "start": T0,
                                               "end": T0 + 10**8})
            assert r.status_code == 404 and "no channel" in r.json()["detail"]
            # B's token cannot push A's record (A's key is not B's)
            r = post(b, desktop.batches(5)[0])
            assert r.status_code == 400 and "key" in r.json()["detail"]
    finally:
        other.close()
    with central.client(token_a) as a:
        assert a.get("/position").json()["stored_seq"] > 0


def test_tokens_and_codes(central, desktop):
    with central.client() as c:
        r = c.get("/position")
        assert r.status_code == 401 and "Authorization: Bearer" in r.json()["detail"]
        assert r.headers["www-authenticate"] == "Bearer"
    with central.client("not-a-token") as c:
        r = c.get("/chain")
        assert r.status_code == 401
        assert "deungdae register URL CODE" in r.json()["detail"]
        assert post(c, desktop.batches(5)[0]).status_code == 401
    name, code = central.add_plant()
    # codes are typed by people: groups of four letters/digits, never a leading '-';
    # case, spaces and dashes do not matter
    assert len(code) == 29 and code[4] == "-" and code[0] != "-"
    typed = code.replace("-", " ").lower()
    token = central.register(desktop.store, typed)
    with central.client() as c:
        again = c.post("/register", json={"code": code, "key_id": desktop.store.key_id,
                                          "chain_key": desktop.store.key.hex()})
        assert again.status_code == 409 and "already used" in again.json()["detail"]
        unknown = c.post("/register", json={"code": "x" * 20, "key_id": desktop.store.key_id,
                                            "chain_key": desktop.store.key.hex()})
        assert unknown.status_code == 401 and "not known" in unknown.json()["detail"]
    with central.client(token) as c:
        assert c.get("/position").json()["plant_name"] == name
        r = c.get("/cluster")
        assert r.status_code == 401 and "operator" in r.json()["detail"]


def test_cluster_view(central, desktop):
    desktop.fill(blocks=3, per_block=100)
    name, code = central.add_plant()
    token = central.register(desktop.store, code)
    with central.client(token) as c:
        ship(c, desktop, size=20)
    db = central.db()
    try:
        from deungdae.central import auth

        op = auth.new_operator_token(db)
    finally:
        db.dispose()
    with central.client(op) as c:
        r = c.get("/cluster", params={"start": T0, "end": T0 + 10**7})
        assert r.status_code == 200, r.text
        mine = next(p for p in r.json()["plants"] if p["name"] == name)
        assert mine["chain_ok"] and mine["stored_seq"] == desktop.store.heads()["seq"]
        latest = {x["channel"]: x for x in mine["latest"]}
        ch = desktop.store.channel_id("meter.kwh")
        ts, v, _q = desktop.store.latest(ch)
        assert (latest["meter.kwh"]["ts"], latest["meter.kwh"]["v"]) == (ts, v)
        # the figure the plant declared, computed without central knowing what it is
        (energy,) = mine["figures"]
        assert (energy["key"], energy["owner"], energy["unit"], energy["title_ko"]) == (
            "energy", "eco", "kWh", "사용 전력량")
        assert energy["value"] == pytest.approx(299 * 0.01)
        assert energy["parts"][0]["first"] == pytest.approx(1000.0)
        # deviations of blocks 0 and 2 were verified, block 1's not; the last alarm is open
        kinds = sorted(d["kind"] for d in mine["open_deviations"])
        assert kinds == ["alarm.start", "haccp.deviation"]
        assert c.get("/position").status_code == 401  # an operator is not a plant


def test_cluster_figures_follow_the_newest_declaration(central, desktop):
    """A new declaration replaces the old one; `latest` and a factor (a Wh register shown
    in kWh) are computed generically; an input with no reading makes the figure null."""
    from deungdae.central import auth
    from deungdae.sectors.api.figures import Figure, record_declared_figures

    desktop.fill(blocks=2, per_block=100)
    record_declared_figures(desktop.store, [
        Figure("meter", "Meter reading", "계량기 지침", "MWh", (("meter.kwh", 0.001),),
               "latest", "eco"),
        Figure("water", "Water used", "용수 사용량", "m³", (("water.m3", 1.0),), "delta",
               "eco")])
    name, code = central.add_plant()
    token = central.register(desktop.store, code)
    with central.client(token) as c:
        for b in desktop.batches(20):
            assert post(c, b).status_code == 200
    db = central.db()
    try:
        op = auth.new_operator_token(db)
    finally:
        db.dispose()
    with central.client(op) as c:
        plants = c.get("/cluster", params={"start": T0, "end": T0 + 10**7}).json()["plants"]
    mine = next(p for p in plants if p["name"] == name)
    figures = {f["key"]: f for f in mine["figures"]}
    assert set(figures) == {"meter", "water"}  # the first declaration ("energy") is gone
    ts, v, _q = desktop.store.latest(desktop.store.channel_id("meter.kwh"))
    assert figures["meter"]["value"] == pytest.approx(v * 0.001)
    assert figures["meter"]["unit"] == "MWh" and figures["meter"]["method"] == "latest"
    assert figures["water"]["value"] is None and figures["water"]["parts"][0]["last"] is None
