"""The plant's bearer token, kept like the record key (see `records.keys`).

In the OS keyring when one is usable, else in `<data dir>/keys/sync-<key id>.token`
(mode 0600, folder 0700); `DEUNGDAE_KEYRING=off` forces the file. Tokens are named by the
record's key id, so two data dirs on one computer never share (or overwrite) a token.
The token never goes into `sync.db`, which people copy around when asking for help.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from deungdae.records.keys import usable_keyring

log = logging.getLogger(__name__)

KEYRING_SERVICE = "deungdae-sync"


class TokenStore:
    """Saves, finds and forgets the token of one data dir."""

    def __init__(self, data_dir: Path, use_keyring: bool | None = None) -> None:
        self.data_dir = Path(data_dir)
        self._kr = usable_keyring() if use_keyring in (None, True) else None

    @property
    def where(self) -> str:
        return "the OS keyring" if self._kr is not None else str(self.data_dir / "keys")

    def token_file(self, key_id: str) -> Path:
        return self.data_dir / "keys" / f"sync-{key_id}.token"

    def load(self, key_id: str) -> str | None:
        """The token, or None when this computer has none (not registered, or removed)."""
        if self._kr is not None:
            with contextlib.suppress(Exception):
                got = self._kr.get_password(KEYRING_SERVICE, key_id)
                if got:
                    return got
        try:
            return self.token_file(key_id).read_text().strip() or None
        except OSError:
            return None

    def save(self, key_id: str, token: str) -> None:
        if self._kr is not None:
            try:
                self._kr.set_password(KEYRING_SERVICE, key_id, token)
                if self.load(key_id) == token:
                    self._remove_file(key_id)  # an older file copy must not win later
                    return
            except Exception:  # noqa: BLE001 - any keyring trouble means: use the file
                log.warning("keyring refused the sync token; keeping it in a file",
                            exc_info=True)
        path = self.token_file(key_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        tmp = path.with_suffix(".tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(token + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    def delete(self, key_id: str) -> None:
        if self._kr is not None:
            with contextlib.suppress(Exception):
                self._kr.delete_password(KEYRING_SERVICE, key_id)
        self._remove_file(key_id)

    def _remove_file(self, key_id: str) -> None:
        with contextlib.suppress(OSError):
            self.token_file(key_id).unlink()
