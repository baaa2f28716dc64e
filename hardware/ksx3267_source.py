"""A Modbus bus with KS X 3267 nodes on it, each read by what it says it is.

`KsxBusSource` is the bus's `ModbusSource` (same merging, timeouts, late-answer
defences, lost/restored events and backoff for every device on it) that learns each
KS X 3267 node before reading it: node info (registers 1-8) and device codes (101..),
two reads, after which the node's points are its own channels in its own order
(`hardware.ksx3267.NodeLayout`). Other devices on the same bus are read as before.

When the node is learnt: the engine asks `points()` once, right after building the
sources and before any poll, to register its channels; a node not learnt yet is learnt
then (two reads, each bounded by the device's timeout). A node that does not answer
then is learnt at its first good poll; its channels are read from then on, and one
device event says which of them the running engine was not told about (they are
recorded from its next start, since channels are registered once). A learnt node's
info and codes are read again every 10 minutes and after an outage; codes that changed
(a sensor moved to another channel, a node replaced) are read by from then on, and a
device event says so.

Nothing is ever written to a node: the source only reads (FC 03).
"""

from __future__ import annotations

import threading

from deungdae.hardware.ksx3267 import (
    CODES_START,
    INFO_COUNT,
    INFO_START,
    KsxError,
    KsxNode,
    NodeLayout,
    codes_count,
    parse_node_info,
    profile_role,
)
from deungdae.hardware.modbus import LinkError, ModbusLink
from deungdae.hardware.poller import (
    DeviceConfig,
    DeviceState,
    DeviceTracker,
    ModbusSource,
    plan_for,
)
from deungdae.hardware.reading import DeviceEvent, Quality, Reading
from deungdae.hardware.source import PointInfo, PollResult, channel_key

RECHECK_MS = 600_000  # a learnt node's codes are read again every 10 minutes (one read)


def read_node(link: ModbusLink, unit: int, timeout: float | None = None,
              late_guard: float | None = None) -> KsxNode:
    """Node info and device codes of the node at `unit` (two reads, FC 03).

    Raises LinkError (no answer, bad frame, exception) or KsxError (an answer that is
    not KS X 3267 node info).
    """
    info = link.read(3, unit, INFO_START, INFO_COUNT, timeout, late_guard)
    node = parse_node_info([int(v) for v in info])
    codes = link.read(3, unit, CODES_START, codes_count(node), timeout, late_guard)
    return KsxNode(node.certification, node.company, node.product_type, node.product_code,
                   node.protocol_version, node.channels, node.serial,
                   tuple(int(c) & 0xFFFF for c in codes))


def has_ksx_nodes(devices: list[DeviceConfig]) -> bool:
    return any(profile_role(d.profile) for d in devices)


class KsxBusSource(ModbusSource):
    """All devices on one bus; KS X 3267 nodes among them learnt before they are read."""

    def __init__(self, link: ModbusLink, devices: list[DeviceConfig], start_ms: int,
                 name: str | None = None) -> None:
        super().__init__(link, devices, start_ms, name)
        self.roles = {d.id: role for d in self.devices if (role := profile_role(d.cfg.profile))}
        self.base = {d.id: d.cfg.profile for d in self.devices if d.id in self.roles}
        self.layouts: dict[str, NodeLayout] = {}
        self.node_errors: dict[str, str] = {}  # device id -> why it is not learnt yet
        # device id -> the points the engine was told of (None: points() never asked)
        self.announced: dict[str, set[str]] | None = None
        self._told_late: set[str] = set()
        # device id -> when to read its node info and device codes again (ms)
        self.recheck_at: dict[str, int] = {}
        self._lock = threading.Lock()

    # --- learning a node ---------------------------------------------------------------------
    def learn(self, d: DeviceState) -> NodeLayout:
        """Read the node's info and device codes and read it by them from now on."""
        cfg = d.cfg
        node = read_node(self.link, cfg.unit, cfg.timeout_s, cfg.late_guard_s)
        layout = NodeLayout(node, self.roles[d.id], self.base[d.id])
        self.layouts[d.id] = layout
        self.node_errors.pop(d.id, None)
        self.recheck_at[d.id] = d.next_ms + RECHECK_MS
        cfg.profile = layout.profile
        d.plan = plan_for(layout.profile)
        d.split = False
        return layout

    def _try_learn(self, d: DeviceState) -> tuple[int, str] | None:
        """Learn the node; on failure (quality, message) saying why."""
        try:
            self.learn(d)
        except LinkError as e:
            msg = f"unit {d.cfg.unit}: KS X 3267 node info: {e}"
            self.node_errors[d.id] = msg
            return int(e.quality), msg
        except KsxError as e:
            msg = f"unit {d.cfg.unit}: {e}"
            self.node_errors[d.id] = msg
            return int(Quality.GARBAGE), msg
        return None

    def layout(self, device_id: str) -> NodeLayout | None:
        return self.layouts.get(device_id)

    # --- the Source protocol -----------------------------------------------------------------
    def points(self) -> list[PointInfo]:
        """Every device's points; a KS X node not learnt yet is learnt first (bounded)."""
        with self._lock:
            pending = [d for d in self.devices if d.id in self.roles and d.id not in self.layouts]
            if pending and (self.link.is_open or self._open_now()):
                for d in pending:
                    if self.link.is_open:
                        self._try_learn(d)
            out: list[PointInfo] = []
            told: dict[str, set[str]] = {}
            for d in self.devices:
                lay = self.layouts.get(d.id)
                if lay is not None:
                    pts = [PointInfo(d.id, p, u) for p, u in lay.points]
                else:
                    pts = [PointInfo(d.id, p.name, d.cfg.unit_of(p)) for p in d.cfg.profile.points]
                told[d.id] = {p.point for p in pts}
                out += pts
            self.announced = told
            return out

    def _open_now(self) -> bool:
        try:
            self.link.open()
        except LinkError as e:
            self.link_message = str(e)
            return False
        return True

    def poll_due(self, now_ms: int) -> PollResult:
        with self._lock:
            pre = PollResult()
            due = [d for d in self.devices if d.next_ms <= now_ms and d.id in self.roles
                   and d.id not in self.layouts]
            if due and (self.link.is_open or self._reopen(now_ms)):
                for d in due:
                    if not self.link.is_open:
                        break
                    failed = self._try_learn(d)
                    if failed is not None:
                        quality, msg = failed
                        self._fail_all(d, now_ms, now_ms, quality, msg, pre,
                                       immediate=bool(quality & Quality.DISCONNECTED))
            self._recheck(now_ms, pre)
            lost_before = {d.id for d in self.devices if d.lost}
            out = super().poll_due(now_ms)
            for d in self.devices:
                if d.id in lost_before and not d.lost and d.id in self.layouts:
                    self.recheck_at[d.id] = 0  # back after an outage: the same node?
            out.readings[:0] = pre.readings
            out.events[:0] = pre.events
            self._translate(out, now_ms)
            return out

    def _recheck(self, now_ms: int, out: PollResult) -> None:
        """Read a learnt node's info and device codes again, now and then and after an
        outage: a node rewired or replaced is then read by its new codes, not mislabelled
        by its old ones."""
        for d in self.devices:
            old = self.layouts.get(d.id)
            if old is None or d.lost or d.next_ms > now_ms or not self.link.is_open:
                continue
            if now_ms < self.recheck_at.get(d.id, now_ms + RECHECK_MS):
                continue
            self.recheck_at[d.id] = now_ms + RECHECK_MS
            try:
                node = read_node(self.link, d.cfg.unit, d.cfg.timeout_s, d.cfg.late_guard_s)
                if node == old.node:
                    continue
                layout = NodeLayout(node, self.roles[d.id], self.base[d.id])
            except (LinkError, KsxError):
                continue  # the poll that follows reports what is wrong
            changes = []
            for label, a, b in (("장치 코드 device codes", old.node.device_codes, node.device_codes),
                                ("프로토콜 버전 protocol version", old.node.protocol_version,
                                 node.protocol_version),
                                ("일련번호 serial", old.node.serial, node.serial)):
                if a != b:
                    fmt = (lambda v: " ".join(map(str, v))) if isinstance(a, tuple) else str
                    changes.append(f"{label} {fmt(a)} -> {fmt(b)}")
            self.layouts[d.id] = layout
            d.cfg.profile = layout.profile
            d.plan = plan_for(layout.profile)
            d.split = False
            self._told_late.discard(d.id)
            out.events.append(DeviceEvent(
                d.id, now_ms, "error",
                f"KS X 3267 노드 '{d.id}'가 바뀌었습니다, 지금 알려 주는 대로 읽습니다 / KS X "
                f"3267 node '{d.id}' changed, it is read by what it says now: "
                f"{'; '.join(changes) or 'node info'}",
                {"before": list(old.node.device_codes), "after": list(node.device_codes),
                 "protocol_version": node.protocol_version}))

    def _translate(self, out: PollResult, now_ms: int) -> None:
        """Raw readings of learnt nodes become their channels' readings, status as quality."""
        if not self.layouts:
            return
        prefixes = {f"{dev}.": dev for dev in self.layouts}
        raw: dict[str, dict[str, Reading]] = {}
        readings: list[Reading | str] = []
        for r in out.readings:
            dev, _, point = r.channel.partition(".")
            if f"{dev}." in prefixes and point:
                if dev not in raw:
                    raw[dev] = {}
                    readings.append(dev)  # their place in the list
                raw[dev][point] = r
            else:
                readings.append(r)
        translated: dict[str, list[Reading]] = {}
        for dev, got in raw.items():
            lay = self.layouts[dev]
            rs, faults = lay.translate(got, lambda p, dev=dev: channel_key(dev, p))
            translated[dev] = rs
            st = next(d for d in self.devices if d.id == dev)
            ts = max((r.ts for r in rs), default=now_ms)
            if faults:
                st.counts["sensor_fault"] += len(faults)
                DeviceTracker(st).error(ts, "; ".join(faults), out)
            self._tell_late(dev, lay, ts, out)
        out.readings[:] = [x for item in readings
                           for x in (translated[item] if isinstance(item, str) else [item])]

    def _tell_late(self, dev: str, lay: NodeLayout, ts: int, out: PollResult) -> None:
        if self.announced is None or dev in self._told_late:
            return
        unknown = [p for p, _ in lay.points if p not in self.announced.get(dev, set())]
        if not unknown:
            return
        self._told_late.add(dev)
        out.events.append(DeviceEvent(
            dev, ts, "error",
            f"KS X 3267 노드가 시작 후에 응답했습니다: 채널 {', '.join(unknown)}은(는) 다음 "
            f"시작부터 기록됩니다 / the KS X 3267 node '{dev}' answered after start: channels "
            f"{', '.join(unknown)} are recorded from the next start",
            {"channels": unknown}))


__all__ = ["KsxBusSource", "has_ksx_nodes", "read_node"]
