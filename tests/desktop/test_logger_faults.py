"""The logger under faults: a full disk, a locked database, a log handler that raises.

Each test counts readings in (what the simulated device produced) and out (what the record
holds afterwards) and checks the outage incident and the recovery are recorded. The disk
is really full: a 2 MB tmpfs (this machine and CI run as root) filled by a filler file.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from deungdae.desktop.engine import config as site_config
from deungdae.desktop.engine.engine import Engine
from deungdae.desktop.engine.write_buffer import WriteHealth
from deungdae.hardware.clock import ManualClock
from deungdae.records.store import Store
from deungdae.sectors.contract import discover
from tests.conftest import T0
from tests.desktop.sites import COLD_ROOM


class FakeMono:
    """A monotonic clock the test steps, so backoff waits cost no real time."""

    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def _engine(root: Path, mono: FakeMono, **kw) -> Engine:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(COLD_ROOM, encoding="utf-8")
    cfg = site_config.load(root / "site.toml", discover())
    return Engine(root, cfg, ManualClock(T0), discover(),
                  write_health=WriteHealth(monotonic=mono, **kw))


@pytest.fixture
def small_fs(tmp_path: Path):
    """A 2 MB tmpfs; a clear failure (not a skip) when mounting is not permitted."""
    mnt = tmp_path / "fs"
    mnt.mkdir()
    res = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mnt)],
                         capture_output=True, text=True)
    if res.returncode != 0:
        pytest.fail(f"the disk-full tests need `mount -t tmpfs` (root): {res.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(fs: Path) -> Path:
    """Fill `fs` to the last byte with a filler file; returns it (delete it to free)."""
    filler = fs / "filler"
    with open(filler, "wb", buffering=0) as f:
        for size in (65536, 4096, 512, 1):
            try:
                while True:
                    f.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC, exc
    return filler


def _kinds(root: Path) -> list[str]:
    with Store.open_reader(root / "deungdae.db") as s:
        return [e.kind for e in s.events()]


def _count(root: Path) -> int:
    with Store.open_reader(root / "deungdae.db") as s:
        return len(s.readings(s.channel_id("fridge.temp"), 0, 2**62))


def test_a_full_disk_holds_everything_and_writes_it_when_space_returns(small_fs: Path) -> None:
    root = small_fs / "site"
    mono = FakeMono()
    eng = _engine(root, mono)
    eng.open()
    filler = _fill(small_fs)
    eng.run(300, close=False)              # t = 0..300 s while the disk is full
    st = eng.status()
    assert st.write_error, "writing never failed: the disk was not full"
    assert st.buffered == 301 - eng.readings_written
    assert st.held_events >= 2             # alarm.start and alarm.end, held
    mono.t += 5                            # a retry is due, but the disk is still full
    eng.run(5, close=False)
    assert eng.status().write_error
    filler.unlink()                        # space returns
    mono.t += 60
    eng.run(5, close=False)                # t = 305..310
    st = eng.status()
    assert (st.write_error, st.buffered, st.held_events, st.dropped) == ("", 0, 0, 0)
    eng.close()
    assert _count(root) == 311             # every reading from t = 0 to 310 s
    kinds = _kinds(root)
    assert kinds.count("system.write_failed") == 1
    assert kinds.count("system.write_restored") == 1
    assert "alarm.start" in kinds and "alarm.end" in kinds
    with Store.open_reader(root / "deungdae.db") as s:
        failed = [e for e in s.events() if e.kind == "system.write_failed"][0]
    assert failed.data["held_readings"] > 0 and failed.ts >= T0


def test_the_buffer_cap_drops_oldest_readings_never_events(small_fs: Path) -> None:
    root = small_fs / "site"
    mono = FakeMono()
    eng = _engine(root, mono, max_readings=50)
    eng.open()
    filler = _fill(small_fs)
    eng.run(300, close=False)
    st = eng.status()
    assert st.buffered <= 50 and st.dropped > 0 and st.held_events >= 2
    filler.unlink()
    mono.t += 60
    eng.run(1, close=False)
    dropped = eng.status().dropped
    eng.close()
    assert _count(root) + dropped == 302
    kinds = _kinds(root)
    assert "alarm.start" in kinds and "alarm.end" in kinds and "system.write_restored" in kinds


def test_a_locked_database_is_waited_out(data_dir: Path) -> None:
    mono = FakeMono()
    eng = _engine(data_dir, mono)
    eng.open()
    other = sqlite3.connect(data_dir / "deungdae.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")       # another program holds the write lock
    try:
        eng.run(150, close=False)          # alarm.start forces a write: busy beyond 5 s
        assert "locked" in eng.status().write_error
    finally:
        other.execute("ROLLBACK")
        other.close()
    mono.t += 60
    eng.run(10, close=False)
    assert eng.status().write_error == ""
    eng.close()
    assert _count(data_dir) == 161
    assert _kinds(data_dir).count("system.write_failed") == 1


def test_a_log_handler_that_raises_never_stops_the_logger(small_fs: Path) -> None:
    class Broken(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

    broken = Broken()
    logger = logging.getLogger("deungdae")
    logger.addHandler(broken)
    try:
        root = small_fs / "site"
        mono = FakeMono()
        eng = _engine(root, mono)
        eng.open()
        filler = _fill(small_fs)           # the state change is logged into the broken handler
        eng.run(200, close=False)
        assert eng.status().write_error
        filler.unlink()
        mono.t += 60
        eng.run(10, close=False)
        eng.close()
    finally:
        logger.removeHandler(broken)
    assert _count(root) == 211


def test_headless_run_on_a_full_disk_keeps_running_and_resumes(small_fs: Path) -> None:
    root = small_fs / "site"
    root.mkdir()
    (root / "site.toml").write_text(COLD_ROOM, encoding="utf-8")
    env = dict(os.environ, DEUNGDAE_HOME=str(root))
    proc = subprocess.Popen([sys.executable, "-m", "deungdae.desktop.cli.main", "run",
                             "--headless"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        db = root / "deungdae.db"
        _wait(lambda: db.exists() and _count_safe(root) > 0, proc, "first readings")
        filler = _fill(small_fs)
        before = _count_safe(root)
        _wait(lambda: proc.poll() is None and _elapsed(8), proc, "8 s on a full disk")
        assert proc.poll() is None, "the logger exited on a full disk"
        filler.unlink()
        _wait(lambda: "system.write_restored" in _kinds_safe(root), proc, "recovery")
        assert _count_safe(root) >= before + 8
    finally:
        proc.terminate()
        out = proc.communicate(timeout=30)[0]
    assert out.count("Traceback") == 0, out[-2000:]


_T = {"t0": 0.0}


def _elapsed(seconds: float) -> bool:
    if not _T["t0"]:
        _T["t0"] = time.monotonic()
    if time.monotonic() - _T["t0"] >= seconds:
        _T["t0"] = 0.0
        return True
    return False


def _count_safe(root: Path) -> int:
    try:
        return _count(root)
    except Exception:  # noqa: BLE001 - not open yet
        return 0


def _kinds_safe(root: Path) -> list[str]:
    try:
        return _kinds(root)
    except Exception:  # noqa: BLE001
        return []


def _wait(cond, proc: subprocess.Popen, what: str, deadline: float = 90.0) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        if proc.poll() is not None:
            pytest.fail(f"the logger exited (rc {proc.returncode}) waiting for {what}:\n"
                        + (proc.stdout.read() if proc.stdout else ""))
        if cond():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def test_a_failed_append_leaves_the_record_and_the_chain_head_as_they_were(
        small_fs: Path) -> None:
    from deungdae.records.errors import DiskFull
    from deungdae.records.schema import ROLLUP_LEVELS

    db = small_fs / "d.db"
    s = Store.open_writer(db)
    ch = s.ensure_channel("a", "A", "°C")
    s.append_readings([(ch, T0 + i * 1000, 1.0, 0) for i in range(10)])
    head = (s._sealer.seq, s._sealer.mac)
    filler = _fill(small_fs)
    rows = [(ch, T0 + (10 + i) * 1000, 2.0, 0) for i in range(5000)]
    failures = 0
    for _ in range(3):                     # retried like the engine does, each one refused
        with pytest.raises(DiskFull):
            s.append_readings(rows)
        failures += 1
        assert (s._sealer.seq, s._sealer.mac) == head
    filler.unlink()
    s.append_readings(rows)
    assert s.verify().ok
    s.close()
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reading").fetchone()[0] == 5010
    # the retried batch is in the rollups once, not once per failed try
    assert con.execute(f"SELECT sum(n) FROM {ROLLUP_LEVELS[0][0]}").fetchone()[0] == 5010
    assert failures == 3


def test_retries_back_off_from_1_s_doubling_to_30_s() -> None:
    mono = FakeMono()
    h = WriteHealth(monotonic=mono)
    assert h.may_try()
    assert h.failed(OSError(errno.ENOSPC, "No space left on device"), T0) is True
    gaps = []
    for i in range(8):
        start = mono.t
        while not h.may_try():
            mono.t += 0.5
        gaps.append(mono.t - start)
        # one outage: a log line when it starts and when its reason changes, no more
        assert h.failed(OSError("still full"), T0) is (i == 0)
    assert gaps == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]
    out = h.recovered()
    assert out is not None and out.failures == 9 and out.since_ms == T0
    assert out.error == "OSError: still full" and not h.failing and h.may_try()


def test_a_removed_data_dir_is_held_in_memory_not_written_into_a_deleted_file(
        tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "site"
    mono = FakeMono()
    eng = _engine(root, mono)
    eng.open()
    eng.run(20, close=False)
    written = eng.readings_written
    assert written == 21
    shutil.rmtree(root)                    # someone deletes the data dir while it runs
    eng.run(100, close=False)
    st = eng.status()
    assert "is gone" in st.write_error
    assert st.buffered == 100 and eng.readings_written == written  # held, none lost
    mono.t += 60
    eng.run(5, close=False)                # retried with backoff, still held
    assert eng.status().buffered == 105
    with pytest.raises(OSError, match="is gone"):  # stopping now says so, never silently
        eng.close()


def test_a_data_dir_put_back_is_reopened_and_gets_every_held_reading(tmp_path: Path) -> None:
    import shutil

    from deungdae.records.audit import verify_database

    eng_dir = tmp_path / "site"
    mono = FakeMono()
    eng = _engine(eng_dir, mono)
    eng.open()
    eng.run(20, close=False)
    eng.flush()
    moved = tmp_path / "unmounted"
    shutil.copytree(eng_dir, moved)        # a byte copy of the record as written so far
    shutil.rmtree(eng_dir)                 # the dir vanishes (unmounted, deleted)
    eng.run(30, close=False)
    st = eng.status()
    assert "is gone" in st.write_error and st.buffered == 30
    assert eng.readings_written == 21
    shutil.copytree(moved, eng_dir)        # and comes back as it was: another file (inode)
    mono.t += 60
    eng.run(1, close=False)
    st = eng.status()
    assert not st.write_error and st.buffered == 0
    assert eng.readings_written == 21 + 30 + 1
    eng.close()
    with Store.open_reader(eng_dir / "deungdae.db") as s:
        assert s.query("SELECT count(*) FROM reading")[0][0] == 52
    assert verify_database(eng_dir / "deungdae.db", eng_dir).ok


def test_an_older_copy_put_back_is_not_written_into(tmp_path: Path) -> None:
    import shutil

    root = tmp_path / "site"
    mono = FakeMono()
    eng = _engine(root, mono)
    eng.open()
    eng.run(20, close=False)
    eng.flush()
    old = tmp_path / "old"
    shutil.copytree(root, old)             # a copy of the record at 21 readings
    eng.run(10, close=False)
    eng.flush()                            # the logger wrote on: the copy is now behind
    shutil.rmtree(root)
    eng.run(5, close=False)
    shutil.copytree(old, root)             # someone puts the older copy back
    mono.t += 60
    eng.run(1, close=False)
    st = eng.status()
    assert "not the record this logger was writing" in st.write_error
    assert st.buffered == 6                # held, none written into the older copy
    with Store.open_reader(root / "deungdae.db") as s:
        assert s.query("SELECT count(*) FROM reading")[0][0] == 21
    with pytest.raises(OSError):
        eng.close()
