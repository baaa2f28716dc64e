"""The secret key that seals the record, kept outside the database file.

Each database names its key by a random id (meta `chain_key_id`). The key itself lives in
the OS keyring when one is usable (Windows Credential Manager, macOS Keychain, Secret
Service), else in a file readable only by its owner, `<data dir>/keys/record-<id>.key`
(mode 0600, folder 0700). Headless Linux has no keyring backend, so the file is the
normal case there. `DEUNGDAE_KEYRING=off` forces the file (tests, service accounts).

Whoever copies only the database cannot re-seal edited rows; whoever also has the key
can, which is what anchoring chain heads at the central platform is for.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
from pathlib import Path

from deungdae.records.errors import StoreError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "deungdae-record"
KEY_BYTES = 32


class KeyMissing(StoreError):
    """The key that sealed this record is not on this computer."""


def new_key_id() -> str:
    return secrets.token_hex(8)


def usable_keyring():
    """The keyring module if a real backend is available, else None."""
    if os.environ.get("DEUNGDAE_KEYRING", "").lower() in ("off", "0", "no", "file"):
        return None
    try:
        import keyring
        from keyring.backends import fail

        kr = keyring.get_keyring()
        if isinstance(kr, fail.Keyring) or "fail" in type(kr).__module__:
            return None
        if getattr(kr, "priority", 1) <= 0:
            return None
        return keyring
    except Exception:  # noqa: BLE001 - any keyring trouble means: use the file
        log.debug("no usable keyring", exc_info=True)
        return None


class KeyStore:
    """Finds and creates record keys for one data dir."""

    def __init__(self, data_dir: Path, use_keyring: bool | None = None) -> None:
        self.data_dir = Path(data_dir)
        self._kr = usable_keyring() if use_keyring in (None, True) else None

    @property
    def where(self) -> str:
        return "the OS keyring" if self._kr is not None else str(self.data_dir / "keys")

    def key_file(self, key_id: str) -> Path:
        return self.data_dir / "keys" / f"record-{key_id}.key"

    def load(self, key_id: str) -> bytes:
        """The key named `key_id`; raises KeyMissing with a message a person can act on."""
        if self._kr is not None:
            with contextlib.suppress(Exception):
                got = self._kr.get_password(KEYRING_SERVICE, key_id)
                if got:
                    return bytes.fromhex(got)
        path = self.key_file(key_id)
        try:
            raw = path.read_text().strip()
            key = bytes.fromhex(raw)
        except FileNotFoundError:
            raise KeyMissing(
                f"the key that sealed this record (id {key_id}) is not on this computer: "
                f"looked in {self.where} and {path}. Copy the key file from the computer "
                "that wrote the record, or verify there"
            ) from None
        except (OSError, ValueError) as exc:
            raise KeyMissing(f"cannot read the record key {path}: {exc}") from exc
        if len(key) != KEY_BYTES:
            raise KeyMissing(f"the record key {path} is damaged (wrong length)")
        return key

    def create(self, key_id: str) -> bytes:
        key = secrets.token_bytes(KEY_BYTES)
        if self._kr is not None:
            try:
                self._kr.set_password(KEYRING_SERVICE, key_id, key.hex())
                if self.load(key_id) == key:
                    return key
            except Exception:  # noqa: BLE001
                log.warning("keyring refused the record key; keeping it in a file", exc_info=True)
        path = self.key_file(key_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path.parent, 0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key.hex() + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        return key

    def load_or_create(self, key_id: str) -> bytes:
        try:
            return self.load(key_id)
        except KeyMissing:
            if self.key_file(key_id).exists():
                raise
            return self.create(key_id)
