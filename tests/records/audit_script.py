"""A scripted set of audited changes, shared by the audit trail's record, CLI and window
tests: a limit change with a reason, a user added, a failed sign-in, a correction and a
signature, each exactly once after `since` (UTC ms)."""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from deungdae.records import corrections, signatures, users
from deungdae.records.store import NewEvent, Store, now_ms

MANAGER = ("park", "Park Manager", "manager", "246813")
ADMIN = ("lee", "Lee Admin", "admin", "975319")


@dataclass(frozen=True)
class Script:
    since: int
    event_id: int
    # what each entry must say, in (kind, who, ko text of old → new, en text of old → new)
    expected: tuple[tuple[str, str, str, str], ...]


def ensure_people(store: Store) -> None:
    have = {u.login for u in users.users(store)}
    if "lee" not in have:
        users.add_user(store, *ADMIN[:3], ADMIN[3], by="setup")
    if "park" not in have:
        users.add_user(store, *MANAGER[:3], MANAGER[3], by="lee")


def run_script(store: Store, channel: str = "t1", change_limit=None) -> Script:
    """Make the five changes; `change_limit(old, new, by, reason)` lets the window test
    go through the engine (the default appends the audit row as the engine does)."""
    ensure_people(store)
    event_id = store.append_event(NewEvent(ts=now_ms(), kind="alarm.start", channel=channel,
                                           message="hot probe"))
    time.sleep(0.002)  # nothing above shares the first millisecond of the script
    since = now_ms()
    if change_limit is None:
        store.record_config_change("limit", channel, {"high": 8.0}, {"high": 3.0}, "park",
                                   "경보 시험")
    else:
        change_limit({"high": 8.0}, {"high": 3.0}, "park", "경보 시험")
    users.add_user(store, "choi", "최민수", "operator", "1357", by="lee")
    with pytest.raises(users.WrongPassword):
        users.authenticate(store, "choi", "7531")
    corrections.correct_event(store, event_id, {"message": "hot probe (wiped)"},
                              reason="센서 세척 후 재확인", user="park")
    signatures.sign(store, "park", MANAGER[3], "reviewed", [f"event:{event_id}"],
                    comment="검토함")
    return Script(since, event_id, (
        ("config", "park", "상한: 8 → 3", "high: 8 → 3"),
        ("user", "lee", "이름: — → 최민수; 역할: — → 작업자; 활성: — → 예",
         "name: — → 최민수; role: — → operator; active: — → yes"),
        ("signin", "choi", "", ""),
        ("correction", "park", "내용: hot probe → hot probe (wiped)",
         "message: hot probe → hot probe (wiped)"),
        ("signature", "park", "", ""),
    ))
