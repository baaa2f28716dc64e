"""What only an admin may do to a record, each an explicit, signed event in it.

The chain head only moves forward (`Store._check_anchor`). The few ways it may move back
or a finding may be set aside are here, each needing an admin's password and leaving a
sealed event the admin signs ("approved"), so the record itself says what was done, by
whom and why:

- `restore`: put a verified backup in place (event `record.restored`);
- `accept_loss`: keep recording on a record shorter than what this computer saw
  (event `record.loss_accepted`, naming the missing entries);
- `acknowledge_findings`: findings the logger recorded (a dropped trigger, a witness that
  was missing, a table changed behind its back) stop failing `verify`
  (event `record.findings_acknowledged`);
- `repair`: rebuild the rollups charts read from the sealed readings and re-create
  dropped triggers (event `record.repaired`).
"""

from __future__ import annotations

from pathlib import Path

from deungdae.records import backup as rbackup
from deungdae.records import chain, signatures, users
from deungdae.records.errors import StoreError
from deungdae.records.store import NewEvent, Store, now_ms


def _admin(db_path: Path, login: str, password: str) -> users.User:
    """Check an admin's credentials in `db_path` without writing to it."""
    try:
        reader = Store.open_reader(db_path)
    except StoreError as exc:
        raise users.AuthError(f"cannot check the admin's password: {exc}") from exc
    try:
        user = users.check_credentials(reader, login, password)
    finally:
        reader.close()
    users.require_role(user, "admin")
    return user


def _sign(store: Store, login: str, password: str, event_id: int, reason: str) -> int:
    return signatures.sign(store, login, password, "approved", [f"event:{event_id}"],
                           comment=reason)


def _last_event(store: Store, kind: str) -> int:
    rows = store.query("SELECT max(id) FROM event WHERE kind = ?", (kind,))
    if not rows or rows[0][0] is None:
        raise StoreError(f"the {kind} event was not recorded")
    return rows[0][0]


def _need_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise StoreError("say why (--reason): it is recorded with the signature")
    return reason


def restore(path: Path, db_path: Path, data_dir: Path | None, *, login: str, password: str,
            reason: str) -> tuple[chain.Report, Path | None, int]:
    """Put the verified backup `path` in place as an admin. Returns (report, kept, event id).

    The admin signs in against the backup (it becomes the record). The witness moves to
    the restored head only through the signed `record.restored` event.
    """
    reason = _need_reason(reason)
    path, db_path = Path(path), Path(db_path)
    data_dir = Path(data_dir) if data_dir else db_path.parent
    _admin(path, login, password)
    report, kept = rbackup.restore(path, db_path, data_dir, move_witness=False)
    store = Store.open_writer(db_path, accept_behind={
        "kind": "record.restored", "always": True, "by": login, "reason": reason,
        "from_file": str(path), "kept": str(kept) if kept else None})
    try:
        users.authenticate(store, login, password, purpose="restore")
        eid = _last_event(store, "record.restored")
        _sign(store, login, password, eid, reason)
    finally:
        store.close()
    return report, kept, eid


def accept_loss(db_path: Path, *, login: str, password: str, reason: str) -> int:
    """Record on a record shorter than what was seen, as a signed admin decision."""
    reason = _need_reason(reason)
    _admin(db_path, login, password)
    store = Store.open_writer(db_path, accept_behind={
        "kind": "record.loss_accepted", "by": login, "reason": reason})
    try:
        users.authenticate(store, login, password, purpose="accept loss")
        rows = store.query("SELECT max(id) FROM event WHERE kind = 'record.loss_accepted'")
        if not rows or rows[0][0] is None:
            raise StoreError("the record is not behind what this computer saw; nothing to "
                             "accept")
        eid = rows[0][0]
        _sign(store, login, password, eid, reason)
        store.rebuild_rollups()  # the lost readings must not stay in the charts' summaries
    finally:
        store.close()
    return eid


def acknowledge_findings(db_path: Path, *, login: str, password: str, reason: str) -> int:
    """An admin has looked at the recorded findings: `verify` stops failing on them."""
    reason = _need_reason(reason)
    store = Store.open_writer(db_path)
    try:
        user = users.authenticate(store, login, password, purpose="acknowledge findings")
        users.require_role(user, "admin")
        ack = store.query("SELECT max(id) FROM event WHERE kind = ?",
                          (chain.ACKNOWLEDGED_KIND,))[0][0] or 0
        found = [r[0] for r in store.query(
            f"SELECT id FROM event WHERE kind IN ({','.join('?' * len(chain.FINDING_KINDS))}) "
            "AND id > ? ORDER BY id", (*chain.FINDING_KINDS, ack))]
        if not found:
            raise StoreError("there are no recorded findings to acknowledge")
        eid = store.append_event(NewEvent(
            ts=now_ms(), kind=chain.ACKNOWLEDGED_KIND, severity="warning", user=login,
            message=f"{len(found)} finding(s) acknowledged: {reason}",
            data={"events": found, "reason": reason}))
        _sign(store, login, password, eid, reason)
    finally:
        store.close()
    return eid


def repair(db_path: Path, *, login: str, password: str, reason: str) -> tuple[int, int]:
    """Rebuild every rollup from the sealed readings; returns (buckets written, event id)."""
    reason = _need_reason(reason)
    store = Store.open_writer(db_path)  # re-creates dropped triggers itself, recorded
    try:
        user = users.authenticate(store, login, password, purpose="repair")
        users.require_role(user, "admin")
        n = store.rebuild_rollups()
        eid = store.append_event(NewEvent(
            ts=now_ms(), kind="record.repaired", severity="warning", user=login,
            message=f"summaries for charts rebuilt from the sealed readings ({n:,} buckets): "
                    f"{reason}", data={"buckets": n, "reason": reason}))
        _sign(store, login, password, eid, reason)
    finally:
        store.close()
    return n, eid
