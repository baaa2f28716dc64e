"""The smart-HACCP readiness checklist: the four things the certification agency checks.

1. automatic recording is really built for the CCP(s);
2. monitoring records cannot be forged or altered;
3. a critical-limit breach raises an alert and the alert is logged;
4. a documented fallback exists for when automatic recording fails (manual, flagged).
Each check is computed from the config and the record, with the reason shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from deungdae.records.store import Store
from deungdae.sectors.haccp.ccp_config import parse_ccps
from deungdae.sectors.haccp.deviations import collect

DAY = 86_400_000


@dataclass(frozen=True, slots=True)
class Check:
    key: str
    title: str
    met: bool
    why: str


def readiness(store: Store, site: dict, now_ms: int, integrity: tuple[bool, str],
              window_ms: int = DAY) -> list[Check]:
    ccps, errs = parse_ccps(site.get("sectors", {}).get("haccp", {}))
    devices = {d.get("id"): d for d in site.get("devices", [])}
    checks: list[Check] = []

    # 1. automatic recording
    missing = []
    for c in ccps:
        dev = devices.get(c.channel.split(".", 1)[0])
        try:
            last = store.latest(store.channel_id(c.channel))
        except KeyError:
            last = None
        if dev is None:
            missing.append(f"{c.id}: 장치 없음 (no device)")
        elif last is None or now_ms - last[0] > window_ms:
            missing.append(f"{c.id}: 최근 24시간 자동 기록 없음")
        elif dev.get("profile") == "simulator":
            missing.append(f"{c.id}: 모의 장치 — 실제 센서로 연결 필요 (simulated)")
    checks.append(Check(
        "automatic", "1. CCP 자동 기록 (automatic recording of every CCP)",
        bool(ccps) and not missing and not errs,
        "; ".join(missing + errs) or f"CCP {len(ccps)}개 모두 자동 기록 중"))

    # 2. integrity
    ok, text = integrity
    checks.append(Check("integrity", "2. 기록 위·변조 방지 (records cannot be altered)", ok, text))

    # 3. alerts raised and logged
    no_limit = [c.id for c in ccps if c.kind in ("heating", "cold_storage", "limit")
                and c.limit is None]
    events = store.events(now_ms - 30 * DAY, None, kinds=("haccp.deviation", "haccp.ack"),
                          limit=1_000_000)
    devs = [e for e in events if e.kind == "haccp.deviation"]
    unlogged = [e for e in devs if e.severity != "alarm"]
    checks.append(Check(
        "alerts", "3. 한계기준 이탈 시 경보 및 기록 (alert raised and logged)",
        bool(ccps) and not no_limit and not unlogged,
        (f"한계기준 없는 CCP: {', '.join(no_limit)}" if no_limit else
         f"최근 30일 이탈 {len(devs)}건 모두 경보로 기록됨")))

    # 4. fallback: every loss of automatic recording is covered by manual entries or closed
    lost = [d for d in collect(store.events(now_ms - 30 * DAY, None, limit=1_000_000))
            if d.event.data.get("reason") == "sensor_lost"]
    manual = store.events(now_ms - 30 * DAY, None, kinds=("manual.entry",), limit=1_000_000)
    uncovered = []
    for d in lost:
        covered = any(m.channel == d.event.channel and m.ts >= d.event.ts for m in manual)
        if not covered and d.status != "closed":
            uncovered.append(f"{d.ccp} {d.event.ts}")
    checks.append(Check(
        "fallback", "4. 자동 기록 중단 시 대체 기록 (manual fallback, flagged as manual)",
        not uncovered,
        (f"센서 중단 후 수기 기록 없음: {', '.join(uncovered)}" if uncovered else
         "수기 입력 기능 사용 가능; 센서 중단 " + f"{len(lost)}건 모두 수기 기록 또는 조치 완료")))
    return checks
