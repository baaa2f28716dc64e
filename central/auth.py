"""Plants, tokens and registration codes.

Tokens and codes are 32/15 random bytes (`secrets`), so a plain SHA-256 of them is a safe
thing to store: only the hash is kept, and a stolen database gives no usable token. A
code works once; using it issues a new plant token (replacing the old one) and escrows
the plant's chain key, which the platform needs to check every seal it receives.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import time

from deungdae.central.db import Conn, Database

TOKEN_BYTES = 32
CODE_BYTES = 15

TOKEN_REFUSED = ("this plant's token was not accepted (expired, revoked or wrong): ask the "
                 "platform operator for a new registration code and run "
                 "`deungdae register URL CODE`")
TOKEN_MISSING = ("no token: send `Authorization: Bearer <token>`; a plant gets its token by "
                 "registering (`deungdae register URL CODE` with a code from the platform "
                 "operator)")
OPERATOR_REFUSED = ("this is not an operator token: the cluster view needs one from "
                    "`deungdae-central operator-token` on the platform")


class AuthError(Exception):
    """Registration or authentication refused; `status` is the HTTP status to answer."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def add_plant(db: Database, name: str) -> tuple[int, str]:
    """Create a plant; return (plant id, one-time registration code)."""
    name = name.strip()
    if not name:
        raise ValueError("a plant needs a name")
    with db.write() as con:
        if con.one("SELECT id FROM plant WHERE name = ?", (name,)):
            raise ValueError(f"a plant named {name!r} already exists; use `deungdae-central "
                             f"plant code {name!r}` for a new registration code")
        con.execute("INSERT INTO plant(name, stored_seq, head_mac, chain_ok, problem_count, "
                    "client_version, created_at) VALUES (?, 0, ?, ?, 0, '', ?)",
                    (name, bytes(32), True, now_ms()))
        pid = con.one("SELECT id FROM plant WHERE name = ?", (name,))[0]
        return pid, _new_code(con, pid)


def new_code(db: Database, name: str) -> str:
    """A fresh registration code for an existing plant (to re-register or rotate its token)."""
    with db.write() as con:
        row = con.one("SELECT id FROM plant WHERE name = ?", (name,))
        if row is None:
            raise ValueError(f"no plant named {name!r}; `deungdae-central plant list` shows "
                             "the plants, `plant add NAME` adds one")
        return _new_code(con, row[0])


def normalize_code(code: str) -> str:
    """Codes are read aloud and typed on plant floors: case, spaces and dashes don't count."""
    return "".join(code.split()).replace("-", "").upper()


def _new_code(con: Conn, plant_id: int) -> str:
    # base32 (letters and 2-7): no 0/O or 1/l to confuse, never a leading '-' that a
    # command line would take for an option; shown in groups of four
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode()
    con.execute("INSERT INTO reg_code(code_hash, plant_id, created_at) VALUES (?, ?, ?)",
                (secret_hash(raw), plant_id, now_ms()))
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def new_operator_token(db: Database) -> str:
    token = "op-" + secrets.token_urlsafe(TOKEN_BYTES)
    with db.write() as con:
        con.execute("INSERT INTO operator_token(token_hash, created_at) VALUES (?, ?)",
                    (secret_hash(token), now_ms()))
    return token


def register(db: Database, code: str, key_id: str, chain_key: str, client_version: str
             ) -> tuple[int, str, str]:
    """Exchange a one-time code for a plant token; return (plant id, name, token)."""
    h = secret_hash(normalize_code(code))
    client_version = client_version.encode("utf-8", "replace").decode().replace("\x00", "")
    with db.write() as con:
        row = con.one("SELECT plant_id, used_at FROM reg_code WHERE code_hash = ?", (h,))
        if row is None:
            raise AuthError(401, "this registration code is not known here: check it was typed "
                                 "in full, or ask the platform operator for a new one "
                                 "(`deungdae-central plant code NAME`)")
        pid, used_at = row
        if used_at is not None:
            raise AuthError(409, "this registration code was already used (a code works "
                                 "once): ask the platform operator for a new one "
                                 "(`deungdae-central plant code NAME`)")
        plant = con.one("SELECT name, key_id, chain_key, stored_seq FROM plant WHERE id = ?" +
                        (" FOR UPDATE" if con.pg else ""), (pid,))
        name, old_key_id, old_key, stored = plant
        if old_key is not None:
            old_key = db.vault.open(pid, old_key)
        if old_key_id is not None and old_key_id != key_id and stored > 0:
            raise AuthError(409, f"plant {name!r} already holds data sealed with key "
                                 f"{old_key_id}; this record uses key {key_id}. Register the "
                                 "original record, or ask the operator to add it as a new "
                                 "plant")
        if old_key is not None and old_key != chain_key and stored > 0:
            raise AuthError(409, f"plant {name!r} already holds data sealed with key "
                                 f"{old_key_id}, and the key sent now is not that key: the "
                                 "platform could no longer check this plant's seals")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        con.execute("UPDATE reg_code SET used_at = ? WHERE code_hash = ?", (now_ms(), h))
        con.execute("UPDATE plant SET token_hash = ?, key_id = ?, chain_key = ?, "
                    "client_version = ? WHERE id = ?",
                    (secret_hash(token), key_id, db.vault.seal(pid, chain_key),
                     client_version, pid))
        return pid, name, token


def plant_for_token(con: Conn, token: str | None) -> tuple[int, str, str | None]:
    """(plant id, name, key id) of the plant holding `token`, or AuthError 401."""
    if not token:
        raise AuthError(401, TOKEN_MISSING)
    row = con.one("SELECT id, name, key_id FROM plant WHERE token_hash = ?",
                  (secret_hash(token),))
    if row is None:
        raise AuthError(401, TOKEN_REFUSED)
    return row


def check_operator(con: Conn, token: str | None) -> None:
    if not token:
        raise AuthError(401, TOKEN_MISSING.replace("a plant gets its token by registering "
                                                   "(`deungdae register URL CODE` with a code "
                                                   "from the platform operator)",
                                                   "operators get one from `deungdae-central "
                                                   "operator-token`"))
    if con.one("SELECT 1 FROM operator_token WHERE token_hash = ?",
               (secret_hash(token),)) is None:
        raise AuthError(401, OPERATOR_REFUSED)
