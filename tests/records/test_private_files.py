"""Record files are 0600: the database, its -wal/-shm, the keys, the witness, backups.

Tested with a permissive umask (0o022, the common default), so a file that is only
private because of the umask would fail.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from deungdae.records import backup as rbackup
from deungdae.records.keys import KeyStore
from deungdae.records.store import NewEvent, Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


@pytest.fixture()
def open_umask():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _write_some(store: Store) -> None:
    store.set_site("Plant", "Asia/Seoul")
    store.append_events([NewEvent(ts=1_800_000_000_000, kind="note", severity="info",
                                  message="x")])


def test_a_new_record_and_its_side_files_are_owner_only(tmp_path: Path, open_umask) -> None:
    db = tmp_path / "deungdae.db"
    with Store.open_writer(db, keystore=KeyStore(tmp_path, use_keyring=False)) as s:
        _write_some(s)
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert wal.exists() and shm.exists()
        assert (mode(db), mode(wal), mode(shm)) == (0o600, 0o600, 0o600)
    keys = [p for p in (tmp_path / "keys").iterdir()]
    assert keys and all(mode(p) == 0o600 for p in keys)  # the key and the head witness
    assert mode(tmp_path / "keys") == 0o700


def test_an_old_0644_record_is_narrowed_when_opened(tmp_path: Path, open_umask) -> None:
    db = tmp_path / "deungdae.db"
    ks = KeyStore(tmp_path, use_keyring=False)
    with Store.open_writer(db, keystore=ks) as s:
        _write_some(s)
    os.chmod(db, 0o644)
    for side in ("-wal", "-shm"):
        if Path(f"{db}{side}").exists():
            os.chmod(f"{db}{side}", 0o644)
    with Store.open_writer(db, keystore=ks) as s:
        _write_some(s)
        assert mode(db) == 0o600 and mode(Path(f"{db}-wal")) == 0o600


def test_a_backup_is_as_private_as_the_record(tmp_path: Path, open_umask) -> None:
    db = tmp_path / "deungdae.db"
    ks = KeyStore(tmp_path, use_keyring=False)
    with Store.open_writer(db, keystore=ks) as s:
        _write_some(s)
    dest = tmp_path / "copies" / "b.db"
    rbackup.backup(db, dest, tmp_path, keystore=ks)
    assert mode(dest) == 0o600
