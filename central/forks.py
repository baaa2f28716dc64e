"""Forks in a plant's stream, and the operator's repair of one.

A fork is a plant's record and the platform's copy parting: the plant cut its record or
put an old backup in place (its head is now behind or beside what the platform holds), or
someone with the plant's token and key stored a junk entry ahead of the real plant. The
platform never accepts a stream that goes backwards from what it holds (`central.ingest`
refuses it with "fork:"). Both sides say so: the platform records the refusals it makes,
the client reports what it sees (`POST /fork-report`), and both show in `plant list` and
the cluster view until an operator resolves them.

`repair` is that resolution: it discards the platform's copy after a given position (the
junk or rejected tail), recomputes the chart summaries the discarded readings were in,
resolves the open fork reports and records who did it, when and why (`repair_log`), so
the real plant's next sync continues from there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from deungdae.central.auth import now_ms
from deungdae.central.db import Conn, Database
from deungdae.records.chain import GENESIS, READING_DT
from deungdae.records.schema import ROLLUP_LEVELS

MAX_OPEN = 100  # open reports kept per plant; beyond, the newest one counts on
_CHUNK = 500


class RepairError(ValueError):
    """The repair cannot be made as asked (the message says why); nothing was changed."""


@dataclass(frozen=True, slots=True)
class Fork:
    source: str
    first_at: int
    last_at: int
    times: int
    local_seq: int | None
    platform_seq: int
    first_differing: int | None
    detail: str


def record(con: Conn, plant_id: int, source: str, platform_seq: int, detail: str, *,
           local_seq: int | None = None, local_mac: str | None = None,
           first_differing: int | None = None) -> int:
    """Record (or count again) one fork seen in `plant_id`'s stream; returns the number of
    open reports. Call inside a write transaction."""
    now = now_ms()
    detail = detail[:2000]
    same = con.one(
        "SELECT id FROM fork_report WHERE plant_id = ? AND resolved_at IS NULL AND source = ? "
        "AND platform_seq = ? AND coalesce(local_seq, -1) = ? AND coalesce(local_mac, '') = ? "
        "ORDER BY id DESC LIMIT 1",
        (plant_id, source, platform_seq, -1 if local_seq is None else local_seq,
         local_mac or ""))
    if same is None:
        n = con.one("SELECT count(*) FROM fork_report WHERE plant_id = ? AND resolved_at IS "
                    "NULL", (plant_id,))[0]
        if n >= MAX_OPEN:
            same = con.one("SELECT max(id) FROM fork_report WHERE plant_id = ? AND "
                           "resolved_at IS NULL", (plant_id,))
    if same is not None and same[0] is not None:
        con.execute("UPDATE fork_report SET times = times + 1, last_at = ?, detail = ? "
                    "WHERE id = ?", (now, detail, same[0]))
    else:
        con.execute(
            "INSERT INTO fork_report(plant_id, source, first_at, last_at, times, local_seq, "
            "local_mac, platform_seq, first_differing, detail) VALUES "
            "(?, ?, ?, ?, 1, ?, ?, ?, ?, ?)",
            (plant_id, source, now, now, local_seq, local_mac, platform_seq,
             first_differing, detail))
    return con.one("SELECT count(*) FROM fork_report WHERE plant_id = ? AND resolved_at IS "
                   "NULL", (plant_id,))[0]


def open_forks(con: Conn, plant_id: int) -> list[Fork]:
    """The plant's unresolved fork reports, oldest first."""
    return [Fork(*r) for r in con.all(
        "SELECT source, first_at, last_at, times, local_seq, platform_seq, first_differing, "
        "detail FROM fork_report WHERE plant_id = ? AND resolved_at IS NULL ORDER BY id",
        (plant_id,))]


def summary(forks: list[Fork]) -> str | None:
    """One line for `plant list` and the cluster view (None: no open fork)."""
    if not forks:
        return None
    f = forks[-1]
    who = "the plant reports" if f.source == "client" else "the platform refused"
    at = f" from #{f.first_differing}" if f.first_differing is not None else ""
    more = f" (+{len(forks) - 1} more)" if len(forks) > 1 else ""
    return f"fork{at}: {who} {f.detail}"[:300] + more


@dataclass(frozen=True, slots=True)
class Repaired:
    plant: str
    from_seq: int
    old_seq: int
    entries: int
    blocks: int
    rows: int
    readings: int
    problems_left: int
    forks_resolved: int


def repair(db: Database, plant: str, from_seq: int, reason: str, by: str) -> Repaired:
    """Discard `plant`'s stream on the platform after `from_seq`; recorded in repair_log."""
    reason = (reason or "").strip()
    by = (by or "").strip()
    if len(reason) < 3:
        raise RepairError("say why (--reason TEXT): it is recorded with the repair")
    if not by:
        raise RepairError("say who repairs (--by NAME)")
    if from_seq < 0:
        raise RepairError(f"--from must be 0 or more, got {from_seq}")
    with db.write() as con:
        row = con.one("SELECT id FROM plant WHERE name = ?", (plant,))
        if row is None:
            raise RepairError(f"no plant named {plant!r}; `deungdae-central plant list` "
                              "shows them")
        pid = row[0]
        stored_seq, _head, _ok, count, _key, _kid = db.lock_plant(con, pid)
        if from_seq >= stored_seq:
            raise RepairError(f"plant {plant!r} is stored up to #{stored_seq}: nothing after "
                              f"#{from_seq} to discard")
        if from_seq:
            mac = con.one("SELECT mac FROM ledger WHERE plant_id = ? AND seq = ?",
                          (pid, from_seq))
            if mac is None:
                raise RepairError(f"the platform holds no entry #{from_seq} for {plant!r}")
            head = bytes(mac[0])
        else:
            head = GENESIS
        entries = con.one("SELECT count(*) FROM ledger WHERE plant_id = ? AND seq > ?",
                          (pid, from_seq))[0]
        blocks = [r[0] for r in con.all(
            "SELECT DISTINCT l.row_id FROM ledger l WHERE l.plant_id = ? AND l.seq > ? AND "
            "l.tbl = 'ingest_block' AND NOT EXISTS (SELECT 1 FROM ledger k WHERE "
            "k.plant_id = l.plant_id AND k.tbl = 'ingest_block' AND k.row_id = l.row_id "
            "AND k.seq <= ?)", (pid, from_seq, from_seq))]
        spans: dict[int, list[int]] = {}
        n_readings = 0
        for k in range(0, len(blocks), _CHUNK):
            part = blocks[k:k + _CHUNK]
            marks = ", ".join("?" * len(part))
            for ch, lo, hi, n in con.all(
                    f"SELECT ch, min(ts), max(ts), count(*) FROM reading WHERE plant_id = ? "
                    f"AND blk IN ({marks}) GROUP BY ch", (pid, *part)):
                s = spans.setdefault(ch, [lo, hi])
                s[0], s[1] = min(s[0], lo), max(s[1], hi)
                n_readings += n
            con.execute(f"DELETE FROM reading WHERE plant_id = ? AND blk IN ({marks})",
                        (pid, *part))
            con.execute(f"DELETE FROM block WHERE plant_id = ? AND id IN ({marks})",
                        (pid, *part))
        rows = con.one("SELECT count(*) FROM record_row WHERE plant_id = ? AND seq > ?",
                       (pid, from_seq))[0]
        con.execute("DELETE FROM record_row WHERE plant_id = ? AND seq > ?", (pid, from_seq))
        con.execute("DELETE FROM ledger WHERE plant_id = ? AND seq > ?", (pid, from_seq))
        for ch, (lo, hi) in spans.items():
            _rebuild_rollups(con, pid, ch, lo, hi)
        left = _renumber_problems(con, pid, from_seq, count)
        now = now_ms()
        resolved = con.one("SELECT count(*) FROM fork_report WHERE plant_id = ? AND "
                           "resolved_at IS NULL", (pid,))[0]
        con.execute("UPDATE fork_report SET resolved_at = ?, resolved_by = ? WHERE "
                    "plant_id = ? AND resolved_at IS NULL", (now, by, pid))
        con.execute("UPDATE plant SET stored_seq = ?, head_mac = ?, chain_ok = ?, "
                    "problem_count = ? WHERE id = ?", (from_seq, head, left == 0, left, pid))
        con.execute("INSERT INTO repair_log(plant_id, at, done_by, reason, from_seq, old_seq, "
                    "entries, readings) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (pid, now, by, reason, from_seq, stored_seq, entries, n_readings))
    return Repaired(plant, from_seq, stored_seq, entries, len(blocks), rows, n_readings, left,
                    resolved)


def repairs(con: Conn, plant_id: int) -> list[tuple]:
    """(at, by, reason, from_seq, old_seq, entries, readings) of each repair, oldest first."""
    return con.all("SELECT at, done_by, reason, from_seq, old_seq, entries, readings FROM "
                   "repair_log WHERE plant_id = ? ORDER BY id", (plant_id,))


def _renumber_problems(con: Conn, pid: int, from_seq: int, count: int) -> int:
    """Drop the problems found in the discarded tail; keep the others, numbered 1..k."""
    kept = con.all("SELECT seq, text FROM chain_problem WHERE plant_id = ? AND "
                   "(seq IS NULL OR seq <= ?) ORDER BY n", (pid, from_seq))
    stored = con.one("SELECT count(*) FROM chain_problem WHERE plant_id = ?", (pid,))[0]
    con.execute("DELETE FROM chain_problem WHERE plant_id = ?", (pid,))
    con.executemany("INSERT INTO chain_problem(plant_id, n, seq, text) VALUES (?, ?, ?, ?)",
                    [(pid, i, seq, text) for i, (seq, text) in enumerate(kept, 1)])
    # problems beyond the kept list (MAX_PROBLEMS) cannot be placed: they still count
    return len(kept) + max(0, count - stored)


def _rebuild_rollups(con: Conn, pid: int, ch: int, lo: int, hi: int) -> None:
    """Recompute one channel's summary buckets over [lo, hi] from the readings left."""
    from deungdae.central.ingest import _rollup, _upsert_rollup

    for name, width in ROLLUP_LEVELS:
        b_lo, b_hi = lo // width, hi // width
        con.execute(f"DELETE FROM {name} WHERE plant_id = ? AND ch = ? AND b BETWEEN ? AND ?",
                    (pid, ch, b_lo, b_hi))
        got = con.all("SELECT ch, ts, v, q FROM reading WHERE plant_id = ? AND ch = ? AND "
                      "ts >= ? AND ts < ? ORDER BY ts",
                      (pid, ch, b_lo * width, (b_hi + 1) * width))
        if not got:
            continue
        a = np.array([(c, t, np.nan if v is None else v, q) for c, t, v, q in got],
                     dtype=READING_DT)
        agg = _rollup(a, width)
        con.executemany(_upsert_rollup(con.pg, name),
                        [(pid, c, b, x[0], x[1], x[2], x[3]) for (c, b), x in agg.items()])
