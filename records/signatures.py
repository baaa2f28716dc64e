"""Electronic signatures (21 CFR 11.50, 11.200): signing is re-entering credentials.

A signature row records the signer's login and printed name, UTC time (ms), meaning
(performed / reviewed / approved), the rows signed (`targets`, refs such as "event:12",
"ingest_block:7", "config_change:3") and the SHA-256 of what they held. `status` shows a
signature as invalidated when a signed row no longer hashes the same, or when a
correction of a signed row (or of a reading in a signed block) was appended after it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from deungdae.records import users
from deungdae.records.chain import ROW_TABLES
from deungdae.records.store import Store, now_ms

MEANINGS = ("performed", "reviewed", "approved")
# who may sign with which meaning
ALLOWED = {"performed": users.ROLES, "reviewed": ("manager", "admin"),
           "approved": ("manager", "admin")}
SIGNABLE = ("ingest_block", *ROW_TABLES)


class SignatureError(users.AuthError):
    pass


def _parse(ref: str) -> tuple[str, int]:
    tbl, _, rid = ref.partition(":")
    if tbl not in SIGNABLE or not rid.isdigit():
        raise SignatureError(f"cannot sign {ref!r}: use table:id with a table among "
                             f"{', '.join(SIGNABLE)}")
    return tbl, int(rid)


def target_hash(store: Store, refs: Sequence[str]) -> str:
    h = hashlib.sha256(b"deungdae-signed-1\n")
    for ref in refs:
        tbl, rid = _parse(ref)
        d = store.row_digest(tbl, rid)
        if d is None:
            raise SignatureError(f"{ref} does not exist")
        h.update(ref.encode() + b"=" + d + b"\n")
    return h.hexdigest()


def refs_for_period(store: Store, t0: int, t1: int) -> list[str]:
    """Everything recorded for [t0, t1): reading blocks and events, to sign as one review."""
    blocks = store.query("SELECT id FROM ingest_block WHERE ts_hi >= ? AND ts_lo < ? ORDER BY id",
                         (t0, t1))
    evs = store.query("SELECT id FROM event WHERE ts >= ? AND ts < ? ORDER BY id", (t0, t1))
    return [f"ingest_block:{b}" for (b,) in blocks] + [f"event:{e}" for (e,) in evs]


def sign(store: Store, login: str, password: str, meaning: str, targets: Sequence[str],
         comment: str = "") -> int:
    """Sign `targets` with `meaning` after checking `login`'s password. Returns the row id."""
    if meaning not in MEANINGS:
        raise SignatureError(f"a signature means one of {', '.join(MEANINGS)}, not {meaning!r}")
    if not targets:
        raise SignatureError("nothing to sign")
    refs = list(dict.fromkeys(targets))
    digest = target_hash(store, refs)  # before credentials: bad refs change nothing
    user = users.authenticate(store, login, password, purpose=f"signature ({meaning})")
    users.require_role(user, *ALLOWED[meaning])
    if user.weak_secret and user.role in users.SIGNER_ROLES:
        # an old short PIN still signs in (nobody is locked out of the floor), never signs
        raise users.WeakSecret(
            f"{user.login} cannot sign with this password or PIN: a {user.role} needs at "
            f"least {users.MIN_SIGNER_SECRET} characters and not a trivial one; change it "
            "first (Settings → Users → Change my PIN or password)", "weak_signer",
            users.MIN_SIGNER_SECRET)
    return store.append_record("signature", {
        "ts": now_ms(), "login": user.login, "printed_name": user.full_name, "role": user.role,
        "meaning": meaning, "targets": json.dumps(refs), "target_hash": digest,
        "comment": comment})


@dataclass(frozen=True, slots=True)
class SignatureStatus:
    id: int
    ts: int
    login: str
    printed_name: str
    role: str
    meaning: str
    targets: tuple[str, ...]
    comment: str
    valid: bool
    why: tuple[str, ...]  # why it is invalidated (empty when valid), for logs and the CLI
    # The same as keys a window or a report renders in its language: ("changed", ""),
    # ("missing", ""), ("corrected", target ref), one per finding.
    reasons: tuple[tuple[str, str], ...] = ()

    def line(self) -> str:
        import datetime as _dt

        when = _dt.datetime.fromtimestamp(self.ts / 1000, _dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
        state = "valid" if self.valid else "INVALIDATED: " + "; ".join(self.why)
        return f"{self.printed_name} ({self.login}), {self.meaning}, {when} - {state}"


def _seq(store: Store, tbl: str, rid: int) -> int:
    got = store.query("SELECT seq FROM ledger WHERE tbl = ? AND row_id = ?", (tbl, rid))
    return got[0][0] if got else 0


def status(store: Store, signature_id: int | None = None) -> list[SignatureStatus]:
    """Signatures with whether each still holds (newest last)."""
    sql = ("SELECT id, ts, login, printed_name, role, meaning, targets, target_hash, comment "
           "FROM signature")
    rows = store.query(sql + (" WHERE id = ?" if signature_id is not None else "") + " ORDER BY id",
                       (signature_id,) if signature_id is not None else ())
    corr = store.query("SELECT id, data FROM event WHERE kind = 'correction' ORDER BY id")
    out = []
    for sid, ts, login, name, role, meaning, targets, digest, comment in rows:
        refs = json.loads(targets)
        why: list[str] = []
        reasons: list[tuple[str, str]] = []
        try:
            if target_hash(store, refs) != digest:
                why.append("signed rows changed since signing")
                reasons.append(("changed", ""))
        except SignatureError as exc:
            why.append(str(exc))
            reasons.append(("missing", ""))
        sig_seq = _seq(store, "signature", sid)
        blocks = {int(r.split(":")[1]) for r in refs if r.startswith("ingest_block:")}
        refset = set(refs)
        for cid, data in corr:
            d = json.loads(data)
            t = d.get("target", "")
            hit = t in refset
            if not hit and t.startswith("reading:") and d.get("block") in blocks:
                hit = True
            if hit and _seq(store, "event", cid) > sig_seq:
                why.append(f"{t} corrected after signing (event {cid})")
                reasons.append(("corrected", t))
        out.append(SignatureStatus(sid, ts, login, name, role, meaning, tuple(refs), comment,
                                   not why, tuple(why), tuple(reasons)))
    return out


def signatures_of(store: Store, ref: str) -> list[SignatureStatus]:
    return [s for s in status(store) if ref in s.targets]
