"""Electronic approval of a day's CCP monitoring log: 작성 → 검토 → 승인 (Qt-free).

Each step is an e-signature (`records.signatures`: re-entered password, printed name, UTC
time, meaning) over everything recorded for that local day: its reading blocks, its
events, and the later lifecycle steps (acknowledgement, corrective action, verification)
of its deviations, because the daily log prints those too. The signature's comment holds
which document it approves, as keys and values: {"doc": "haccp-daily", "day": ..., "memo":
...}.

The 결재란 shows each signature with the signer's printed name, the time in the site's
zone and its meaning. An approval stays valid only while the day's records are what was
signed: a signed row that no longer hashes the same, a correction appended after signing
(both from `signatures.status`), or a row added to the day afterwards (a late manual entry,
a corrective action, a late reading block) shows it as invalidated, on screen and on paper.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from deungdae.records import signatures
from deungdae.records.store import Store, now_ms
from deungdae.sectors.haccp import report_text as tx
from deungdae.sectors.haccp.deviations import LIFECYCLE_KINDS
from deungdae.sectors.haccp.report_data import Period

DOC = "haccp-daily"
ORDER = ("performed", "reviewed", "approved")  # 작성, 검토, 승인


class ApprovalError(signatures.SignatureError):
    """A step out of order or on a day that cannot be signed yet; the message says why."""


@dataclass(frozen=True, slots=True)
class DaySignature:
    id: int
    ts: int
    login: str
    printed_name: str
    meaning: str
    memo: str
    valid: bool
    why: tuple[str, ...]  # English, for logs
    # What invalidated it, as (key, count) for `report_text.void_reasons`: "changed"
    # (signed rows no longer hash the same), "missing" (signed rows gone), "corrected"
    # (corrections after signing), "added" (rows added to the day after signing).
    void: tuple[tuple[str, int], ...] = ()


def day_refs(store: Store, period: Period) -> list[str]:
    """What a day's log is made of: the day's blocks and events, and the lifecycle steps
    of its deviations recorded later."""
    refs = signatures.refs_for_period(store, period.t0, period.t1)
    devs = [r for (r,) in store.query(
        "SELECT id FROM event WHERE kind = 'haccp.deviation' AND ts >= ? AND ts < ?",
        (period.t0, period.t1))]
    if devs:
        marks = ",".join("?" * len(LIFECYCLE_KINDS))
        later = store.query(
            f"SELECT id FROM event WHERE ts >= ? AND kind IN ({marks}) AND ref_id IN "
            f"({','.join(str(int(d)) for d in devs)}) ORDER BY id",
            (period.t1, *LIFECYCLE_KINDS))
        refs += [f"event:{e}" for (e,) in later]
    return refs


def _day(period: Period) -> str:
    return period.start.date().isoformat()


def day_signatures(store: Store, period: Period) -> list[DaySignature]:
    """The signatures of this day's log, oldest first, each with whether it still holds."""
    rows = store.query("SELECT id, comment FROM signature ORDER BY id")
    mine: list[tuple[int, dict]] = []
    for sid, comment in rows:
        try:
            c = json.loads(comment)
        except (TypeError, ValueError):
            continue
        if isinstance(c, dict) and c.get("doc") == DOC and c.get("day") == _day(period):
            mine.append((sid, c))
    if not mine:
        return []
    now_refs = set(day_refs(store, period))
    out = []
    for sid, c in mine:
        (st,) = signatures.status(store, sid)
        why = list(st.why)
        counts: dict[str, int] = {}
        for key, _target in st.reasons:
            counts[key] = counts.get(key, 0) + 1
        added = now_refs - set(st.targets)
        if added:
            why.append(f"{len(added)} record row(s) added to the day after signing")
            counts["added"] = len(added)
        out.append(DaySignature(sid, st.ts, st.login, st.printed_name, st.meaning,
                                str(c.get("memo", "")), not why, tuple(why),
                                tuple(counts.items())))
    return out


def sign_day(store: Store, period: Period, login: str, password: str, meaning: str,
             memo: str = "", *, at_ms: int | None = None) -> int:
    """Sign the day's log as `meaning` (performed / reviewed / approved) after checking
    the password; returns the signature id.

    Refused: a day not over yet (its record still grows), a step before the one it
    follows has a valid signature (검토 needs 작성, 승인 needs 검토), a step already
    validly signed, and anything `signatures.sign` refuses (wrong password, a role that
    may not review or approve).
    """
    if meaning not in ORDER:
        raise ApprovalError(f"a daily log is signed as one of {', '.join(ORDER)}, not {meaning!r}")
    now = now_ms() if at_ms is None else at_ms
    if now < period.t1:
        raise ApprovalError(f"the day {_day(period)} is not over yet; its log is signed after "
                            "the last hour")
    valid = {s.meaning for s in day_signatures(store, period) if s.valid}
    if meaning in valid:
        raise ApprovalError(f"the log of {_day(period)} is already signed as {meaning}")
    step = ORDER.index(meaning)
    if step and ORDER[step - 1] not in valid:
        raise ApprovalError(f"sign as {ORDER[step - 1]} first: {meaning} follows it")
    refs = day_refs(store, period)
    if not refs:
        raise ApprovalError(f"nothing is recorded for {_day(period)}")
    comment = json.dumps({"doc": DOC, "day": _day(period), "memo": memo}, ensure_ascii=False)
    return signatures.sign(store, login, password, meaning, refs, comment)


def signoffs(store: Store, period: Period, lang: str) -> list:
    """The 결재란 entries of the day (latest per meaning), for `reports.ReportContext`."""
    from deungdae.sectors.haccp.reports import Signoff

    out = []
    for s in day_signatures(store, period):
        when = tx.stamp(datetime.fromtimestamp(s.ts / 1000, period.tz), lang)
        out.append(Signoff(s.meaning, s.printed_name, when, s.valid,
                           tx.void_reasons(s.void, lang), s.memo))
    return out
