"""Bad input is refused with a 4xx that says what is wrong, and nothing is stored."""

from __future__ import annotations

import base64
import gzip

import httpx
import numpy as np
import pytest

from deungdae.central.ingest import READING_DT
from deungdae.sync import wire
from tests.central import records_to_wire as rw
from tests.central.records_to_wire import post
from tests.conftest import T0


@pytest.fixture
def plant(central, desktop):
    desktop.fill(blocks=2, per_block=50)
    token = central.register(desktop.store)
    with central.client(token) as c:
        yield c, desktop


def _block_with(ents, fn):
    """Entries with the first ingest block's (row, readings array) changed by `fn`."""
    out = list(ents)
    i, e = next((i, e) for i, e in enumerate(out) if e.tbl == "ingest_block")
    a = np.frombuffer(base64.b64decode(e.readings), dtype=READING_DT).copy()
    row, a = fn(list(e.row), a)
    out[i] = e.model_copy(update={"row": row,
                                  "readings": base64.b64encode(a.tobytes()).decode()})
    return out


def _send(c, d, ents):
    return post(c, rw.batch(d.path, d.store.key_id, ents))


def _refused(r, status, *words):
    assert r.status_code == status, r.text
    detail = r.json()["detail"]
    assert isinstance(detail, str)
    for w in words:
        assert w in detail, detail


def _short(row, a):
    return row, a[:-1]


def _unsorted(row, a):
    return row, a[::-1]


def _outside(row, a):
    a["ts"][-1] = row[6] + 1
    return row, a


def _too_many(row, a):
    row[2] = wire.MAX_BLOCK_ROWS + 1
    return row, a


def _wrong_type(row, a):
    row[3] = "one"
    return row, a


def _gone(row, a):
    return [], a[:0]


@pytest.mark.parametrize(("fn", "words", "kept"), [
    (_short, ("readings hold", "n = 100"), 99), (_unsorted, ("(ch, ts) order",), 100),
    (_outside, ("outside the header",), 99), (_too_many, ("a block holds",), 100),
    (_wrong_type, ("ch_lo", "integer"), 0), (_gone, ("8 columns",), 0)])
def test_a_damaged_block_is_a_chain_problem_not_a_refusal(plant, fn, words, kept):
    """A block damaged or missing on the plant: stored as far as usable, the chain marked
    broken naming the entry, and everything after it stored."""
    c, d = plant
    ents = d.entries()
    sent = _block_with(ents, fn)
    blk = next(e for e in sent if e.tbl == "ingest_block")
    r = _send(c, d, sent)
    assert r.status_code == 200, r.text
    ack = r.json()
    assert ack["stored_seq"] == ents[-1].seq and not ack["chain_ok"]
    assert f"ledger #{blk.seq} ingest_block {blk.row_id}: row missing or malformed on the " \
        "plant" in ack["problem"]
    for w in words:
        assert w in ack["problem"], ack["problem"]
    assert ack["readings"] == kept + 100  # the other block is whole
    chain = c.get("/chain").json()
    assert any(f"#{blk.seq} " in str(p) for p in chain["problems"]), chain


def test_block_checks(plant):
    c, d = plant
    ents = d.entries()
    blk = next(e for e in ents if e.tbl == "ingest_block")
    no_readings = [e if e is not blk else e.model_copy(update={"readings": None}) for e in ents]
    _refused(_send(c, d, no_readings), 400, "needs its readings")
    bad64 = [e if e is not blk else e.model_copy(update={"readings": "@@@"}) for e in ents]
    _refused(_send(c, d, bad64), 400, "base64")
    ragged = [e if e is not blk else e.model_copy(update={"readings": "AAAA"}) for e in ents]
    _refused(_send(c, d, ragged), 400, "32-byte rows")
    assert c.get("/position").json()["stored_seq"] == 0


def test_entry_checks(plant):
    c, d = plant
    ents = d.entries()
    ev_i = next(i for i, e in enumerate(ents) if e.tbl == "event")
    ev = ents[ev_i]
    _refused(_send(c, d, [ents[0], ents[2]]), 400, "consecutive")
    carrying = ents[:ev_i] + [ev.model_copy(update={"readings": ""})]
    _refused(_send(c, d, carrying), 400, "only ingest_block")
    other_key = rw.batch(d.path, "0123456789abcdef", ents)
    _refused(post(c, other_key), 400, "0123456789abcdef", "register")
    assert c.get("/position").json()["stored_seq"] == 0


def test_body_checks(plant):
    c, d = plant
    _refused(c.post("/ingest", content=b"{not json", headers={"Content-Type":
                                                                 "application/json"}),
             422, "not a valid wire.Batch")
    _refused(c.post("/ingest", json={"key_id": "abcdefgh", "sent_at": 1, "entries": []}),
             422, "entries")
    nan = d.batches(50)[0].model_dump_json().replace('"kim"', "NaN", 1)
    r = c.post("/ingest", content=nan.encode())
    assert r.status_code in (400, 422) and r.json()["detail"]
    _refused(c.post("/ingest", content=b"\x1f\x8b\x08garbage",
                    headers={"Content-Encoding": "gzip"}), 400, "gzip")
    _refused(c.post("/ingest", content=b"{}", headers={"Content-Encoding": "br"}), 400, "br")
    body = d.batches(50)[0].model_dump_json().encode()
    _refused(c.post("/ingest", content=gzip.compress(body)[:-20],
                    headers={"Content-Encoding": "gzip"}), 400, "gzip")
    assert c.get("/position").json()["stored_seq"] == 0


def test_oversize_bodies_are_413(plant):
    c, _d = plant
    _refused(c.post("/ingest", content=b" " * (wire.MAX_BODY_BYTES + 1)), 413, "smaller")
    bomb = gzip.compress(b" " * (wire.MAX_INFLATED_BYTES + 1024), 9)
    assert len(bomb) < wire.MAX_BODY_BYTES
    _refused(c.post("/ingest", content=bomb, headers={"Content-Encoding": "gzip"}), 413,
             "inflates")

    def chunks():  # no Content-Length: the limit holds while streaming too
        for _ in range(17):
            yield b" " * (1 << 20)

    _refused(c.post("/ingest", content=chunks()), 413, "smaller")


def test_query_checks(plant):
    c, _d = plant
    _refused(c.get("/readings", params={"channel": "cooler.temp", "start": T0 + 10,
                                        "end": T0}), 422, "before end")
    _refused(c.get("/readings", params={"channel": "cooler.temp", "start": 0,
                                        "end": 2**53}), 422, "at most")
    _refused(c.get("/readings", params={"channel": "cooler.temp", "start": T0,
                                        "end": T0 + 1, "max_points": 0}), 422, "max_points")
    _refused(c.get("/readings/raw", params={"channel": "cooler.temp", "start": T0,
                                            "end": T0 + 1, "limit": 10**9}), 422, "limit")
    _refused(c.get("/events", params={"start": "yesterday", "end": T0}), 422, "start")
    # any table a plant may have declared is a valid name; one it did not is not found
    _refused(c.get("/records/passwords"), 404, "no record table 'passwords'")
    _refused(c.get("/records/Robert');DROP"), 422, "table")
    _refused(c.get("/readings", params={"channel": "nope", "start": T0, "end": T0 + 1}),
             404, "no channel 'nope'")


def test_events_query(plant):
    c, d = plant
    for b in d.batches(20):
        assert post(c, b).status_code == 200
    devs = c.get("/events", params={"start": T0, "end": T0 + 10**8,
                                    "kind": "haccp.deviation"}).json()
    want = [e for e in d.store.events(T0, T0 + 10**8, kinds=["haccp.deviation"])]
    assert [(e["id"], e["ts"], e["message"], e["channel"]) for e in devs] == \
        [(e.id, e.ts, e.message, e.channel) for e in want]
    everything = c.get("/events", params={"start": T0, "end": T0 + 10**8, "limit": 3}).json()
    assert len(everything) == 3 and everything == sorted(everything, key=lambda e: e["ts"])


def _nul(ev):
    row = list(ev.row)
    row[6] = "bad\x00text"
    return {"row": row}


@pytest.mark.parametrize(("change", "words"), [
    (lambda ev: {"row": ev.row[:-1]}, ("11 columns",)),
    (lambda ev: {"row": []}, ("11 columns",)),
    (lambda ev: {"row_id": ev.row_id + 1}, ("differs from the entry's row_id",)),
    (_nul, ("cannot be stored",))])
def test_a_damaged_row_is_a_chain_problem_not_a_refusal(plant, change, words):
    c, d = plant
    ents = d.entries()
    i, ev = next((i, e) for i, e in enumerate(ents) if e.tbl == "event")
    r = _send(c, d, ents[:i] + [ev.model_copy(update=change(ev))] + ents[i + 1:])
    assert r.status_code == 200, r.text
    ack = r.json()
    assert ack["stored_seq"] == ents[-1].seq and not ack["chain_ok"]
    assert f"ledger #{ev.seq} event" in ack["problem"], ack["problem"]
    assert "row missing or malformed on the plant" in ack["problem"]
    for w in words:
        assert w in ack["problem"], ack["problem"]


def test_text_no_database_can_hold(plant, central):
    c, d = plant
    ents = d.entries()
    i, ev = next((i, e) for i, e in enumerate(ents) if e.tbl == "event")
    raw = rw.batch(d.path, d.store.key_id, ents[:i + 1]).model_dump_json()
    assert '"cooler above 5' in raw
    surrogate = raw.replace('"cooler above 5', '"\\ud800cooler above 5', 1)
    r = c.post("/ingest", content=surrogate.encode())
    assert r.status_code in (400, 422) and r.json()["detail"]
    for channel in ("%00", "%ED%A0%80x", "%FF"):  # NUL, a surrogate, not UTF-8
        r = c.get(f"/readings/raw?channel={channel}&start={T0}&end={T0 + 1}")
        assert r.status_code == 404, r.text
    assert c.get("/position").json()["stored_seq"] == 0
    _name, code = central.add_plant()

    def reg(version: str) -> httpx.Response:
        body = ('{"code": "' + code + '", "key_id": "abcdef01", "chain_key": "' + "00" * 32 +
                '", "client_version": "' + version + '"}')
        return c.post("/register", content=body.encode(),
                      headers={"Content-Type": "application/json"})

    _refused(reg("v\\ud800"), 422, "client_version")
    assert reg("v\\u0000").status_code == 200  # stored without the NUL


def test_repeated_readings_are_found_with_one_query_per_channel(plant, central):
    """`_dedup_readings` (the path taken when a batch's readings collide with stored ones):
    stored and repeated (ch, ts) are dropped, the first of repeats kept, with one range
    query per channel, not one per reading."""
    from deungdae.central.ingest import _dedup_readings

    c, d = plant
    ents = d.entries()
    assert _send(c, d, ents).status_code == 200
    pid = c.get("/position").json()["plant_id"]
    blk = next(e for e in ents if e.tbl == "ingest_block")
    stored = np.frombuffer(base64.b64decode(blk.readings), dtype=READING_DT)
    new = stored.copy()
    new["ts"] += 10**9
    rows = np.concatenate([stored, new, new[:3]])
    ids = np.arange(len(rows), dtype=np.int64)

    class Counting:
        def __init__(self, con):
            self.con, self.queries = con, 0

        def __getattr__(self, name):
            if name in ("one", "all", "execute"):
                self.queries += 1
            return getattr(self.con, name)

    db = central.db()
    try:
        with db.write() as con:
            counting = Counting(con)
            kept, kept_ids = _dedup_readings(counting, pid, rows, ids)
    finally:
        db.dispose()
    assert kept.tobytes() == new.tobytes()
    assert kept_ids.tolist() == ids[len(stored):len(stored) + len(new)].tolist()
    assert counting.queries <= len(np.unique(rows["ch"]))


def test_every_endpoint_limits_its_body_before_parsing(central):
    """/register (no token) takes at most 64 KiB, declared or streamed (chunked)."""
    from deungdae.central.body_limit import SMALL_BODY_BYTES

    with central.client() as c:
        r = c.post("/register", content=b"{" + b" " * SMALL_BODY_BYTES + b"}",
                   headers={"Content-Type": "application/json"})
        _refused(r, 413, "at most 65,536", "/register")

        def chunks():  # no Content-Length: counted while it streams
            for _ in range(64):
                yield b" " * 4096

        r = c.post("/register", content=chunks(), headers={"Content-Type": "application/json"})
        assert "content-length" not in {k.lower() for k in r.request.headers}
        _refused(r, 413, "over 65,536", "/register")
        # a body within the limit still reaches the endpoint (and is validated there)
        _refused(c.post("/register", json={"code": "x"}), 422, "code")
        _refused(c.request("GET", "/health", content=b"x" * (SMALL_BODY_BYTES + 1)), 413,
                 "/health")


@pytest.mark.parametrize("bad", ['"1"', "true", "1.0"])
def test_wire_integers_are_strict(plant, bad):
    """`seq: "12"`, `seq: true` or `seq: 1.0` is refused (422) instead of being coerced."""
    import json

    c, d = plant
    body = json.loads(d.batches(50)[0].model_dump_json())
    assert body["entries"][0]["seq"] == 1
    body["entries"][0]["seq"] = json.loads(bad)
    _refused(c.post("/ingest", content=json.dumps(body).encode()), 422, "seq")
    body["entries"][0]["seq"] = 1
    body["sent_at"] = json.loads(bad)
    _refused(c.post("/ingest", content=json.dumps(body).encode()), 422, "sent_at")
    assert c.get("/position").json()["stored_seq"] == 0
    body["sent_at"] = 1
    assert c.post("/ingest", content=json.dumps(body).encode()).status_code == 200
