"""Record files readable by their owner only: the database, its WAL and shared memory.

A plant PC is often shared; a 0644 `deungdae.db` lets every local account copy the
record (and its users' password hashes). SQLite gives the `-wal` and `-shm` files the
mode of the database file, so creating the database 0600 before the first
`sqlite3.connect` is what keeps all three private; files made by an older version are
narrowed when the record is next opened for writing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MODE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private(path: Path) -> None:
    """Create `path` empty with mode 0600 if it is missing, or narrow it to 0600."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, MODE)
        os.close(fd)
    except FileExistsError:
        narrow(path)


def narrow(path: Path) -> None:
    """Mode 0600 for an existing file whose group or others may read it (POSIX only)."""
    if os.name != "posix":
        return  # Windows: the data dir sits in the user's profile, which ACLs protect
    try:
        if stat.S_IMODE(path.stat().st_mode) & 0o077:
            os.chmod(path, MODE)
    except FileNotFoundError:
        pass


def make_record_private(db_path: Path) -> None:
    """The database created or narrowed to 0600, and its side files narrowed."""
    make_private(db_path)
    for suffix in SIDE_FILES:
        narrow(Path(str(db_path) + suffix))
