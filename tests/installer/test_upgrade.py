"""Upgrades keep every record: the 0.1.0 data dir opens, migrates and verifies.

The fixture (tests/fixtures/datadir-0.1.0) was written by release 0.1.0's own code and is
never regenerated. Migrations are injected by copying the shipped migrations folder and
adding a revision, so the backup/restore paths run on the real alembic machinery.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from deungdae.records import migrate, signatures
from deungdae.records.store import Store

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "datadir-0.1.0"
FIXTURE_REVISION = "0002"
COUNTS = {"reading": 3967, "event": 4, "signature": 1, "user_version": 2, "config_change": 10,
          "ledger": 27}


@pytest.fixture
def old_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DEUNGDAE_KEYRING", "off")
    dest = tmp_path / "plant"
    shutil.copytree(FIXTURE, dest)
    (dest / "keys").chmod(0o700)
    for key in (dest / "keys").glob("*.key"):
        key.chmod(0o600)
    return dest


def _connect(db: Path) -> sqlite3.Connection:
    # the fixture in the checkout is opened immutable: no -wal/-shm appear beside it
    flags = "immutable=1" if db.is_relative_to(FIXTURE) else "mode=ro"
    return sqlite3.connect(f"file:{db}?{flags}", uri=True)


def _content(db: Path) -> dict[str, list]:
    con = _connect(db)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2, 3").fetchall() for t in COUNTS}
    finally:
        con.close()


def _digest(db: Path) -> str:
    con = _connect(db)
    try:
        return hashlib.sha256("\n".join(con.iterdump()).encode()).hexdigest()
    finally:
        con.close()


def _migrations_with(tmp_path: Path, body: str) -> Path:
    """The shipped migrations plus one more revision on top of the current head."""
    folder = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, folder, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (folder / "versions" / "9001_injected.py").write_text(
        f'"""Injected by the upgrade test."""\n\nimport sqlalchemy as sa\nfrom alembic import op\n\n'
        f'revision = "9001"\ndown_revision = "{head}"\nbranch_labels = None\n'
        f'depends_on = None\n\n\ndef upgrade() -> None:\n{body}\n\n\ndef downgrade() -> None:\n'
        f'    pass\n', encoding="utf-8")
    return folder


def test_the_fixture_is_what_0_1_0_wrote(old_dir):
    assert migrate.current_revision(old_dir / "deungdae.db") == FIXTURE_REVISION
    assert (FIXTURE / "deungdae.db").stat().st_size < 300_000
    got = {t: len(rows) for t, rows in _content(FIXTURE / "deungdae.db").items()}
    assert got == COUNTS
    assert sorted(p.name for p in FIXTURE.iterdir()) == ["deungdae.db", "keys", "site.toml"]


def test_an_old_data_dir_opens_migrates_and_verifies(old_dir: Path):
    db = old_dir / "deungdae.db"
    before = _content(db)
    store = Store.open_writer(db)
    try:
        report = store.verify()
        assert report.ok, report.problems
        assert migrate.current_revision(db) == migrate.head_revision()
        after = _content(db)
        for table in COUNTS:
            # every row the old program wrote is still there, unchanged (new columns may
            # have been added by migrations: compare the old columns)
            assert [r[:len(before[table][0])] for r in after[table][:len(before[table])]] == \
                before[table], table
        sig = signatures.status(store)
        assert [s.valid for s in sig] == [True]
        assert sig[0].printed_name == "박반장"
    finally:
        store.close()
    backups = list((old_dir / "backups").glob("*.db")) if (old_dir / "backups").exists() else []
    if migrate.head_revision() != FIXTURE_REVISION:
        assert len(backups) == 1
        assert _content(backups[0]) == before
    else:
        assert backups == []  # nothing to migrate: no copy


def test_an_upgrade_backs_up_first_and_keeps_the_chain(old_dir, tmp_path, monkeypatch):
    folder = _migrations_with(tmp_path, '    op.create_table("extra_note", '
                                        'sa.Column("id", sa.Integer, primary_key=True))')
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    db = old_dir / "deungdae.db"
    digest = _digest(db)
    store = Store.open_writer(db)
    try:
        assert store.verify().ok
        assert store.query("SELECT count(*) FROM reading") == [(COUNTS["reading"],)]
    finally:
        store.close()
    assert migrate.current_revision(db) == "9001"
    (backup,) = (old_dir / "backups").glob("*.db")
    assert "before-9001" in backup.name
    assert migrate.current_revision(backup) == FIXTURE_REVISION
    assert _digest(backup) == digest


def test_a_failing_migration_restores_the_backup_and_says_so(old_dir, tmp_path, monkeypatch):
    # The first statement succeeds, the second fails: a half-done upgrade must not stay.
    folder = _migrations_with(
        tmp_path,
        '    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))\n'
        '    op.execute("INSERT INTO reading(ch, ts, v, q, blk) VALUES (1, 1, 1.0, 0, 1)")\n'
        '    raise RuntimeError("disk said no")')
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)
    db = old_dir / "deungdae.db"
    digest = _digest(db)
    with pytest.raises(migrate.MigrationFailed) as info:
        Store.open_writer(db)
    text = str(info.value)
    assert "restored from the backup" in text and "disk said no" in text
    assert f"{FIXTURE_REVISION} to 9001" in text
    assert _digest(db) == digest
    assert migrate.current_revision(db) == FIXTURE_REVISION
    # and the program it came from still opens it, intact
    monkeypatch.setattr(migrate, "MIGRATIONS", Path(migrate.__file__).with_name("migrations"))
    store = Store.open_writer(db)
    try:
        assert store.verify().ok
    finally:
        store.close()


def test_a_failed_migration_whose_restore_also_fails_names_the_copy(old_dir, tmp_path,
                                                                    monkeypatch):
    folder = _migrations_with(tmp_path, '    raise RuntimeError("broken migration")')
    monkeypatch.setattr(migrate, "MIGRATIONS", folder)

    def no_restore(backup, db_path):
        raise OSError("read-only file system")

    monkeypatch.setattr(migrate, "_restore", no_restore)
    with pytest.raises(migrate.MigrationFailed) as info:
        Store.open_writer(old_dir / "deungdae.db")
    (backup,) = (old_dir / "backups").glob("*.db")
    assert str(backup) in str(info.value) and "read-only" in str(info.value)
    assert migrate.current_revision(backup) == FIXTURE_REVISION


def test_a_record_of_a_newer_program_is_refused_untouched(old_dir):
    db = old_dir / "deungdae.db"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0107'")
    con.commit()
    con.close()
    digest = _digest(db)
    with pytest.raises(migrate.SchemaTooNew) as info:
        Store.open_writer(db)
    text = str(info.value)
    assert "newer version of Deungdae" in text and "0107" in text
    assert migrate.head_revision() in text and "not changed" in text
    assert _digest(db) == digest
    assert not (old_dir / "backups").exists()


def test_the_cli_says_so_in_one_line(old_dir, python):
    import subprocess

    db = old_dir / "deungdae.db"
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '0107'")
    con.commit()
    con.close()
    out = subprocess.run([python, "-m", "deungdae.desktop.cli.main", "--data-dir", str(old_dir),
                          "verify"], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in out.stderr
    out = subprocess.run([python, "-m", "deungdae.desktop.cli.main", "--data-dir", str(old_dir), "run",
                          "--headless", "--for", "1"], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode != 0
    assert "Traceback" not in out.stderr
    assert "newer version of Deungdae" in out.stderr
