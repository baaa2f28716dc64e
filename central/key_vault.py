"""Escrowed chain keys encrypted at rest, with a server key kept outside the database.

Why: a plant's chain key lets anyone re-seal its record. The platform must hold it to check
seals, but a copy of the database (a backup, a dump, a stolen file) must not give it away.
So each key is stored as AES-256-GCM ciphertext (`v1:` + base64 of nonce || ciphertext),
bound to its plant id, under a server key that lives in `$DEUNGDAE_CENTRAL_KEY` (64 hex) or
in a 0600 file (`$DEUNGDAE_CENTRAL_KEY_FILE`, default: next to an SQLite database as
`<db>.key`, else in the platform's data folder). A wrong server key is one clear error at
open, never a silent "fork" on every batch.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

PREFIX = "v1:"
ENV_KEY = "DEUNGDAE_CENTRAL_KEY"
ENV_KEY_FILE = "DEUNGDAE_CENTRAL_KEY_FILE"


class ServerKeyError(Exception):
    """The server key is missing, malformed or not the one the keys were sealed with."""


def _aad(plant_id: int) -> bytes:
    return f"deungdae-central chain key of plant {plant_id}".encode()


def load_server_key(default_file: Path) -> tuple[bytes, str]:
    """(32-byte server key, where it came from); a missing key file is created (0600)."""
    env = os.environ.get(ENV_KEY)
    if env:
        try:
            key = bytes.fromhex(env.strip())
        except ValueError:
            key = b""
        if len(key) != 32:
            raise ServerKeyError(f"${ENV_KEY} must be 64 hex characters (a 32-byte key)")
        return key, f"${ENV_KEY}"
    path = Path(os.environ.get(ENV_KEY_FILE) or default_file).expanduser()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process created it meanwhile: read theirs
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32) + "\n")
                f.flush()
                os.fsync(f.fileno())
    try:
        text = path.read_text().strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError) as exc:
        raise ServerKeyError(f"cannot read the server key {path}: {exc}") from exc
    if len(key) != 32:
        raise ServerKeyError(f"the server key {path} must hold 64 hex characters")
    return key, str(path)


class KeyVault:
    """Seals and opens escrowed chain keys (hex) for storage in `plant.chain_key`."""

    def __init__(self, server_key: bytes, source: str) -> None:
        self._aead = AESGCM(server_key)
        self.source = source

    @staticmethod
    def is_sealed(stored: str) -> bool:
        return stored.startswith(PREFIX)

    def seal(self, plant_id: int, chain_key_hex: str) -> str:
        nonce = secrets.token_bytes(12)
        ct = self._aead.encrypt(nonce, bytes.fromhex(chain_key_hex), _aad(plant_id))
        return PREFIX + base64.b64encode(nonce + ct).decode()

    def open(self, plant_id: int, stored: str) -> str:
        """The chain key (hex) of `stored`; a plaintext (pre-vault) value is returned as is."""
        if not self.is_sealed(stored):
            return stored
        raw = base64.b64decode(stored[len(PREFIX):])
        try:
            return self._aead.decrypt(raw[:12], raw[12:], _aad(plant_id)).hex()
        except InvalidTag as exc:
            raise ServerKeyError(
                f"the server key from {self.source} does not open plant {plant_id}'s "
                f"escrowed chain key: start deungdae-central with the server key the "
                f"keys were sealed with (${ENV_KEY} or ${ENV_KEY_FILE})") from exc
