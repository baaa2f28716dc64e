"""The audit trail as one list: settings and user changes, sign-in failures, corrections,
signatures — who, when, what, old → new, why.

The record keeps these in four sealed tables (`config_change`, `auth_log`, `event` rows of
kind "correction", `signature`); an inspector asks for them as one time-ordered list they
can narrow by period, kind, person and entity. This module reads the tables and returns
`AuditEntry` rows holding keys and values only (no sentence in any language): the screen,
the CSV and the PDF render them in the reader's language (`desktop.engine.audit_report`).
Qt-free and reportlab-free, so the CLI, the window's worker thread and tests share it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from deungdae.records.store import Store

# what the trail lists, in the order a filter offers them
KINDS = ("config", "user", "signin", "correction", "signature")
# auth_log outcomes that are failed sign-ins (or signature attempts) worth auditing
FAILED_OUTCOMES = ("bad_password", "unknown", "disabled", "locked")
# the reason `records.users` stores with each user change -> the action it means
USER_ACTIONS = {"user added": "added", "password changed": "password",
                "role changed": "role", "user disabled": "disabled"}


def _int(v: object) -> int:
    """A time stamp as stored, or 0 for a hand-made one that is not a number (the row is
    still listed: `deungdae verify` says what is wrong with it)."""
    try:
        return int(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        try:
            return int(float(v))  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError):
            return 0


def _s(v: object) -> str:
    return "" if v is None else str(v)


class AuditFilterError(ValueError):
    """A filter the trail cannot apply (unknown kind); the message lists the known ones."""


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One audited thing that happened. Keys and values only; no translated text.

    `kind` is one of KINDS; `action` a key within the kind (config: the entity's change
    "changed"/"added"/"removed"; user: added, password, role, disabled, unlocked; signin:
    the auth outcome; correction: "event"/"reading"; signature: the meaning). `entity` and
    `key` name what changed (e.g. "limit", "cold_room.temp"); `old`/`new` are the values
    before and after (dicts for settings, None when there was none). `ref` points at the
    sealed row ("config_change:12"), so a finding can be checked with `deungdae verify`.
    """

    ts: int
    kind: str
    action: str
    who: str
    entity: str
    key: str
    old: object = None
    new: object = None
    reason: str = ""
    ref: str = ""
    detail: dict = field(default_factory=dict)

    def __post_init__(self) -> None:  # rows an insider wrote by hand may hold any type
        for name in ("kind", "action", "who", "entity", "key", "reason", "ref"):
            v = getattr(self, name)
            if not isinstance(v, str):
                object.__setattr__(self, name, _s(v))
        if not isinstance(self.ts, int) or isinstance(self.ts, bool):
            object.__setattr__(self, "ts", _int(self.ts))

    def changes(self) -> list[tuple[str, object, object]]:
        """(field, old, new) for every field that differs; ("", old, new) for plain values."""
        return diff(self.old, self.new)


_MISSING = object()


def diff(old: object, new: object) -> list[tuple[str, object, object]]:
    """Fields whose value differs between two settings (dicts), in a stable order.

    A field only on one side shows None on the other. Non-dict values are one change
    with an empty field name. Equal values give no change.
    """
    if isinstance(old, dict) or isinstance(new, dict):
        o = old if isinstance(old, dict) else {}
        n = new if isinstance(new, dict) else {}
        keys = list(dict.fromkeys([*o, *n]))
        out = []
        for k in keys:
            a, b = o.get(k, _MISSING), n.get(k, _MISSING)
            if a != b:
                out.append((str(k), None if a is _MISSING else a, None if b is _MISSING else b))
        return out
    return [] if old == new else [("", old, new)]


def _loads(text: str | None) -> object:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (TypeError, ValueError):
        return text  # a hand-made row: show what it holds rather than hide it


def _config_rows(store: Store, t0: int | None, t1: int | None) -> Iterable[AuditEntry]:
    sql, params = _span("SELECT id, ts, entity, key, old, new, user, reason FROM config_change",
                        t0, t1)
    for rid, ts, entity, key, old, new, user, reason in store.query(sql, params):
        o, n = _loads(old), _loads(new)
        if entity == "user":
            action = USER_ACTIONS.get(reason, "changed")
            yield AuditEntry(ts, "user", action, user, "user", key, o, n,
                             "" if reason in USER_ACTIONS else reason, f"config_change:{rid}")
            continue
        action = "added" if o is None else "removed" if n is None else "changed"
        yield AuditEntry(ts, "config", action, user, entity, key, o, n, reason or "",
                         f"config_change:{rid}")


def _auth_rows(store: Store, t0: int | None, t1: int | None) -> Iterable[AuditEntry]:
    listed = (*FAILED_OUTCOMES, "unlock")
    sql, params = _span("SELECT id, ts, login, outcome, purpose FROM auth_log WHERE outcome "
                        f"IN ({', '.join('?' * len(listed))})", t0, t1)
    for rid, ts, login, outcome, purpose in store.query(sql, [*listed, *params]):
        purpose = _s(purpose)
        if outcome == "unlock":  # `records.users.unlock` writes "unlocked by <admin>"
            by = purpose.removeprefix("unlocked by ").strip()
            yield AuditEntry(ts, "user", "unlocked", by or login, "user", login,
                             {"locked": True}, {"locked": False}, "", f"auth_log:{rid}")
        else:
            yield AuditEntry(ts, "signin", outcome, login, "user", login, None, None, "",
                             f"auth_log:{rid}", {"purpose": purpose})


def _correction_rows(store: Store, t0: int | None, t1: int | None) -> Iterable[AuditEntry]:
    sql, params = _span("SELECT id, ts, user, channel, data FROM event WHERE kind = "
                        "'correction'", t0, t1)
    for rid, ts, user, channel, data in store.query(sql, params):
        d = _loads(data)
        d = d if isinstance(d, dict) else {}
        target = str(d.get("target", ""))
        what = target.partition(":")[0] or "event"
        yield AuditEntry(ts, "correction", what, user, what, channel or target,
                         d.get("was"), d.get("now"), str(d.get("reason", "")),
                         f"event:{rid}", {"target": target})


def _signature_rows(store: Store, t0: int | None, t1: int | None) -> Iterable[AuditEntry]:
    sql, params = _span("SELECT id, ts, login, printed_name, role, meaning, targets, comment "
                        "FROM signature", t0, t1)
    for rid, ts, login, name, role, meaning, targets, comment in store.query(sql, params):
        refs = _loads(targets)
        refs = refs if isinstance(refs, list) else []
        yield AuditEntry(ts, "signature", meaning, login, "signature", str(rid), None, None,
                         _s(comment), f"signature:{rid}",
                         {"printed_name": _s(name), "role": _s(role), "targets": len(refs)})


def _span(sql: str, t0: int | None, t1: int | None) -> tuple[str, list]:
    where, params = [], []
    if t0 is not None:
        where.append("ts >= ?")
        params.append(int(t0))
    if t1 is not None:
        where.append("ts < ?")
        params.append(int(t1))
    if where:
        sql += (" AND " if " WHERE " in sql else " WHERE ") + " AND ".join(where)
    return sql + " ORDER BY id", params


_SOURCES = {"config": (_config_rows,), "user": (_config_rows, _auth_rows),
            "signin": (_auth_rows,), "correction": (_correction_rows,),
            "signature": (_signature_rows,)}


def entries(store: Store, *, t0: int | None = None, t1: int | None = None,
            kinds: Sequence[str] | None = None, who: str | None = None,
            entity: str | None = None) -> list[AuditEntry]:
    """The audit trail for [t0, t1) (UTC ms; None = open), oldest first.

    `kinds` narrows to some of KINDS; `who` to one person's login (for a failed sign-in,
    the login that was tried); `entity` to an entity or one thing's key (e.g. "limit",
    "user", "cold_room.temp", "kim"), case-insensitive.
    """
    wanted = tuple(kinds) if kinds else KINDS
    bad = [k for k in wanted if k not in KINDS]
    if bad:
        raise AuditFilterError(f"unknown audit kind {bad[0]!r}; choose among {', '.join(KINDS)}")
    sources = list(dict.fromkeys(src for k in wanted for src in _SOURCES[k]))
    out: list[AuditEntry] = []
    for src in sources:
        out.extend(e for e in src(store, t0, t1) if e.kind in wanted)
    seq = _ledger_seq(store, out)
    out.sort(key=lambda e: (e.ts, seq.get(e.ref, 0)))  # same ms: the order it was sealed in
    return narrow(out, who=who, entity=entity)


def narrow(rows: Iterable[AuditEntry], *, kinds: Sequence[str] | None = None,
           who: str | None = None, entity: str | None = None) -> list[AuditEntry]:
    """The rows of `kinds`, by `who`, about `entity` (as `entries` filters; the window
    loads a period once and narrows it as the filters change)."""
    out = [e for e in rows if not kinds or e.kind in kinds]
    if who:
        w = who.strip().lower()
        out = [e for e in out if e.who.lower() == w]
    if entity:
        n = entity.strip().lower()
        out = [e for e in out if n in (e.entity.lower(), e.key.lower())]
    return out


def _ledger_seq(store: Store, rows: Sequence[AuditEntry]) -> dict[str, int]:
    by_table: dict[str, list[int]] = {}
    for e in rows:
        tbl, _, rid = e.ref.partition(":")
        by_table.setdefault(tbl, []).append(int(rid))
    got: dict[str, int] = {}
    for tbl, ids in by_table.items():
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for rid, s in store.query(
                    f"SELECT row_id, seq FROM ledger WHERE tbl = ? AND row_id IN "
                    f"({', '.join('?' * len(part))})", [tbl, *part]):
                got[f"{tbl}:{rid}"] = s
    return got


def people(rows: Iterable[AuditEntry]) -> list[str]:
    """The logins that appear in `rows`, sorted (for a filter's choices)."""
    return sorted({e.who for e in rows if e.who})


def entities(rows: Iterable[AuditEntry]) -> list[str]:
    return sorted({e.entity for e in rows if e.entity})
