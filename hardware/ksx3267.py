"""KS X 3267 nodes as the standard describes them: node info, device codes, status words.

A KS X 3267 node (RS-485 Modbus RTU, 9600 8N1, FC 03) says what it is: registers 1-8
hold its node info (certification body, company, product type, product code, protocol
version, channel count, serial number), registers 101.. one device code per channel
(0: nothing attached). A sensor node then has its node status at 202 and sensor i at
203+3(i-1) (float32, low word first) with its status word at 205+3(i-1); an actuator
node has switch k (1-16) at 203+4(k-1) and opener j (1-8) at 267+4(j-1), each block
(opid, status, remaining seconds low word, high word). The PDU address is the KS
register number. (2022 edition, Annex A; see ../shared/reference/domain.md.)

So a node is read by what it says it is: `NodeLayout` turns its node info and device
codes into points (name, unit and plausible range by device code, in Korean and
English) and turns what was read into readings, with each channel's status word as
the reading's quality. The protocol version tells the editions apart (10: 2022; 101:
a 2018-era node, whose device codes are numbered differently). This module is pure:
no I/O, so the scan, the probe and the bus source share one reading of the standard.

Deungdae records what a controller did; it never writes to a node (no FC 06/16 here).
Units and plausible ranges per device code are Deungdae's defaults (the standard names
the quantities); a value outside its range is kept and flagged OUT_OF_RANGE.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from deungdae.hardware.profiles import Profile, ProfilePoint
from deungdae.hardware.reading import Quality, Reading

# --- the register map (KS X 3267:2022 Annex A) ----------------------------------------------
INFO_START, INFO_COUNT = 1, 8  # node info, every node
CODES_START = 101  # device code of channel i at 100 + i
NODE_STATUS = 202
SENSOR_BASE, SENSOR_STRIDE, MAX_SENSORS = 203, 3, 30
SWITCH_BASE, MAX_SWITCHES = 203, 16
OPENER_BASE, MAX_OPENERS = 267, 8
ACTUATOR_STRIDE = 4  # opid, status, remaining time (uint32, low word first)
MAX_CHANNELS = 64  # what a node may claim in register 6 and still be believed

EDITIONS = {10: "2022", 101: "2018"}
PRODUCT_TYPES = {1: ("센서 노드", "sensor node"), 2: ("구동기 노드", "actuator node"),
                 3: ("통합 노드", "integrated node")}

# A reading whose status word is not 0: the node itself says not to trust it. Set with
# OUT_OF_RANGE as the profiles' fault codes are, so every consumer treats it as bad.
STATUS_BAD = Quality.SENSOR_FAULT | Quality.OUT_OF_RANGE

# status word -> (Korean, English); 900-999 are the vendor's own
STATUS_NAMES: dict[int, tuple[str, str]] = {
    0: ("정상", "normal"), 1: ("오류", "error"), 2: ("사용 중", "busy"),
    3: ("전압 이상", "voltage error"), 4: ("전류 이상", "current error"),
    5: ("온도 이상", "temperature error"), 6: ("퓨즈 이상", "fuse error"),
    101: ("교체 필요", "needs replacement"), 102: ("보정 필요", "needs calibration"),
    103: ("점검 필요", "needs checking"),
    201: ("작동 중", "on"), 301: ("여는 중", "opening"), 302: ("닫는 중", "closing"),
}
SWITCH_ON = 201
FIXED_NAMES = {"node_status": ("노드 상태", "node status")}
OPENER_OPENING, OPENER_CLOSING = 301, 302


def status_name(code: int) -> tuple[str, str]:
    """(Korean, English) words for a status word."""
    if code in STATUS_NAMES:
        return STATUS_NAMES[code]
    if 900 <= code <= 999:
        return (f"제조사 정의 상태 {code}", f"vendor-specific status {code}")
    return (f"알 수 없는 상태 {code}", f"unknown status {code}")


def status_text(code: int) -> str:
    """'102 보정 필요 / needs calibration'."""
    ko, en = status_name(code)
    return f"{code} {ko} / {en}"


@dataclass(frozen=True, slots=True)
class SensorKind:
    """What a sensor device code measures: point name, names, unit, plausible range."""

    key: str
    ko: str
    en: str
    unit: str
    range: tuple[float, float] | None


def _k(key: str, ko: str, en: str, unit: str, lo: float | None = None,
       hi: float | None = None) -> SensorKind:
    return SensorKind(key, ko, en, unit, None if lo is None or hi is None else (lo, hi))


SENSORS_2022: dict[int, SensorKind] = {
    1: _k("temperature", "온도", "temperature", "°C", -40, 80),
    2: _k("humidity", "습도", "humidity", "%RH", 0, 100),
    3: _k("dew_point", "이슬점", "dew point", "°C", -60, 80),
    4: _k("rain", "감우", "rain detection", "", 0, 1),
    5: _k("flow", "유량", "flow", "L/min", 0, 10000),
    6: _k("rainfall", "강우량", "rainfall", "mm", 0, 1000),
    7: _k("solar_radiation", "일사량", "solar radiation", "W/m²", 0, 2000),
    8: _k("wind_speed", "풍속", "wind speed", "m/s", 0, 75),
    9: _k("wind_direction", "풍향", "wind direction", "°", 0, 360),
    10: _k("voltage", "전압", "voltage", "V", 0, 1000),
    11: _k("co2", "이산화탄소", "CO2", "ppm", 0, 10000),
    12: _k("ec", "전기전도도", "EC", "dS/m", 0, 20),
    13: _k("ppfd", "광합성유효광량자속밀도", "PPFD", "µmol/m²/s", 0, 3000),
    14: _k("soil_moisture", "토양 수분", "soil moisture", "%", 0, 100),
    15: _k("soil_water_tension", "토양 수분 장력", "soil water tension", "kPa", -1500, 1500),
    16: _k("ph", "산도", "pH", "pH", 0, 14),
    17: _k("soil_temperature", "지온", "soil temperature", "°C", -40, 80),
    18: _k("weight", "무게", "weight", "kg", 0, 100000),
}
# The 2018 SDK numbered sensors differently; only these codes are known to us. Any
# other code is read and recorded under its number, with no unit or range.
SENSORS_2018: dict[int, SensorKind] = {
    1: SENSORS_2022[1], 2: SENSORS_2022[2], 3: SENSORS_2022[11], 4: SENSORS_2022[7],
}
SENSOR_TABLES = {"2022": SENSORS_2022, "2018": SENSORS_2018}


class KsxError(Exception):
    """A node answered something that is not KS X 3267, or is not the kind expected."""


@dataclass(frozen=True, slots=True)
class KsxNode:
    """What a KS X 3267 node says about itself in registers 1-8 (and its device codes)."""

    certification: int
    company: int
    product_type: int
    product_code: int
    protocol_version: int
    channels: int
    serial: int
    device_codes: tuple[int, ...] = ()

    @property
    def edition(self) -> str:
        return EDITIONS.get(self.protocol_version, "")

    @property
    def kind(self) -> str:
        names = PRODUCT_TYPES.get(self.product_type)
        return names[1] if names else f"node type {self.product_type}"

    @property
    def kind_ko(self) -> str:
        names = PRODUCT_TYPES.get(self.product_type)
        return names[0] if names else f"노드 종류 {self.product_type}"

    @property
    def sensors(self) -> int:
        return sum(1 for c in self.device_codes if c)

    def describe(self) -> str:
        """One line for a scan table: kind, edition and what is attached."""
        edition = (f"edition {self.edition}" if self.edition
                   else f"protocol version {self.protocol_version} (edition unknown)")
        what = f"KS X 3267 {self.kind}, {edition}"
        if self.product_type in (1, 3) and self.device_codes:
            table = SENSOR_TABLES.get(self.edition, {})
            names = [table[c].en if c in table else f"code {c}" for c in self.device_codes if c]
            what += f", {self.sensors} sensor{'s' if self.sensors != 1 else ''}"
            if names:
                what += f" ({', '.join(names)})"
        else:
            what += f", {self.channels} channel{'s' if self.channels != 1 else ''}"
            if self.product_type == 2 and any(self.device_codes):
                chans = actuator_channels(self)
                sw = sum(c.kind == "switch" for c in chans)
                op = len(chans) - sw
                what += (f" ({sw} switch{'es' if sw != 1 else ''}, "
                         f"{op} opener{'s' if op != 1 else ''} attached)")
        return what

    def info_lines(self) -> list[str]:
        """Node info in Korean and English, a line each, for the probe and the scan."""
        ed = self.edition or "알 수 없음 unknown"
        return [
            f"노드 종류 node type: {self.kind_ko} / {self.kind} ({self.product_type})",
            f"판 edition: {ed} (프로토콜 버전 protocol version {self.protocol_version})",
            f"인증기관 certification body {self.certification} · 회사 company {self.company} · "
            f"제품 product code {self.product_code} · 일련번호 serial {self.serial} "
            f"(0x{self.serial:08X})",
            f"채널 channels: {self.channels} · 장치 코드 device codes: "
            f"{' '.join(map(str, self.device_codes)) or '—'}",
        ]


def parse_node_info(regs: Sequence[int]) -> KsxNode:
    """Node info from registers 1-8; KsxError when they cannot be a KS X 3267 node."""
    if len(regs) != INFO_COUNT:
        raise KsxError(f"node info is {INFO_COUNT} registers, got {len(regs)}")
    v = [int(r) & 0xFFFF for r in regs]
    ptype, version, channels = v[2], v[4], v[5]
    problems = []
    if ptype not in PRODUCT_TYPES:
        problems.append(f"product type {ptype} (1 sensor, 2 actuator, 3 integrated node)")
    if not 1 <= channels <= MAX_CHANNELS:
        problems.append(f"channel count {channels} (1..{MAX_CHANNELS})")
    if version not in EDITIONS and not 1 <= version <= 255:
        problems.append(f"protocol version {version}")
    if problems:
        raise KsxError("registers 1-8 are not KS X 3267 node info: " + ", ".join(problems))
    serial = v[6] | (v[7] << 16)  # 32-bit values: low word first in KS X 3267
    return KsxNode(v[0], v[1], ptype, v[3], version, channels, serial)


def codes_count(node: KsxNode) -> int:
    """How many device code registers to read (101..)."""
    return min(node.channels, MAX_CHANNELS)


# --- channels and points ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class KsxChannel:
    """One attached channel of a node: a sensor, a switch or an opener."""

    index: int  # channel number on the node, 1-based (device code at 100 + index)
    code: int
    kind: str  # "sensor", "switch", "opener"
    name: str  # point name (sensors) or prefix (actuators)
    ko: str
    en: str
    unit: str = ""
    range: tuple[float, float] | None = None

    @property
    def base(self) -> int:
        if self.kind == "sensor":
            return SENSOR_BASE + SENSOR_STRIDE * (self.index - 1)
        if self.kind == "switch":
            return SWITCH_BASE + ACTUATOR_STRIDE * (self.index - 1)
        return OPENER_BASE + ACTUATOR_STRIDE * (self.index - MAX_SWITCHES - 1)

    def outputs(self) -> list[tuple[str, str, str, str]]:
        """(point, unit, Korean, English) of what this channel records."""
        if self.kind == "sensor":
            return [(self.name, self.unit, self.ko, self.en)]
        rem = (f"{self.name}_remaining", "s", f"{self.ko} 남은 시간", f"{self.en} remaining time")
        if self.kind == "switch":
            return [(f"{self.name}_on", "", f"{self.ko} 켜짐", f"{self.en} on"), rem]
        return [(f"{self.name}_opening", "", f"{self.ko} 여는 중", f"{self.en} opening"),
                (f"{self.name}_closing", "", f"{self.ko} 닫는 중", f"{self.en} closing"), rem]


def sensor_channels(node: KsxNode) -> list[KsxChannel]:
    """The node's attached sensors in its own order, named by device code.

    A second sensor of one kind is `humidity_2`, and so on; a code this edition does not
    define is `code{N}_ch{i}` with no unit (recorded all the same: nothing is dropped).
    """
    table = SENSOR_TABLES.get(node.edition, {})
    out: list[KsxChannel] = []
    seen: dict[str, int] = {}
    for i, code in enumerate(node.device_codes[:MAX_SENSORS], start=1):
        if not code:
            continue
        kind = table.get(code)
        if kind is None:
            out.append(KsxChannel(i, code, "sensor", f"code{code}_ch{i}", f"장치 코드 {code}",
                                  f"device code {code}"))
            continue
        n = seen[kind.key] = seen.get(kind.key, 0) + 1
        suffix = "" if n == 1 else f"_{n}"
        out.append(KsxChannel(i, code, "sensor", kind.key + suffix, kind.ko + suffix.replace(
            "_", " "), kind.en + suffix.replace("_", " "), kind.unit, kind.range))
    return out


def actuator_channels(node: KsxNode) -> list[KsxChannel]:
    """Channels 1-16 are switches, 17-24 openers (their blocks follow one another in
    the map: 203 + 4·16 = 267); a channel with device code 0 has nothing attached."""
    out = []
    for i, code in enumerate(node.device_codes[:MAX_SWITCHES + MAX_OPENERS], start=1):
        if not code:
            continue
        if i <= MAX_SWITCHES:
            out.append(KsxChannel(i, code, "switch", f"switch{i}", f"스위치 {i}", f"switch {i}"))
        else:
            j = i - MAX_SWITCHES
            out.append(KsxChannel(i, code, "opener", f"opener{j}", f"개폐기 {j}", f"opener {j}"))
    return out


def _status_point(key: str) -> str:
    return f"{key}#status"


class NodeLayout:
    """How to read one node, built from what it said about itself.

    `profile` holds the registers to read (the node status, each channel's value or
    block and its status word), for the poller's planner; `points` are what the node
    records; `translate` turns the raw readings of one poll into those readings.

    The node status (202) is recorded as its code; a code other than 0 is named in the
    device event. An integrated node (product type 3) is read by the profile's role
    alone (its sensors, or its switches and openers), since Annex A gives no combined
    map; channels past the map's 30 sensors (24 actuators) are not read.
    """

    def __init__(self, node: KsxNode, role: str, base: Profile) -> None:
        """`role` is what the site's profile expects ("sensor" or "actuator"); a node
        that says it is the other kind is refused with what to set instead."""
        self.node = node
        if role == "sensor" and node.product_type == 2:
            raise KsxError("the node says it is an actuator node (product type 2): give "
                           "this device the profile ksx3267-actuator-node")
        if role == "actuator" and node.product_type == 1:
            raise KsxError("the node says it is a sensor node (product type 1): give this "
                           "device the profile ksx3267-sensor-node")
        self.role = role
        self.channels = sensor_channels(node) if role == "sensor" else actuator_channels(node)
        fixed = list(base.points)
        internal: list[ProfilePoint] = list(fixed)
        for ch in self.channels:
            if ch.kind == "sensor":
                internal.append(ProfilePoint(name=ch.name, unit=ch.unit, function="holding",
                                             address=ch.base, type="float32",
                                             word_order="little", range=ch.range,
                                             description=f"{ch.ko} / {ch.en}"))
                internal.append(ProfilePoint(name=_status_point(ch.name), function="holding",
                                             address=ch.base + 2, type="uint16"))
            else:
                internal.append(ProfilePoint(name=_status_point(ch.name), function="holding",
                                             address=ch.base + 1, type="uint16"))
                internal.append(ProfilePoint(name=f"{ch.name}#remaining", function="holding",
                                             address=ch.base + 2, type="uint32",
                                             word_order="little"))
        self.fixed = tuple(p.name for p in fixed)
        self.profile = Profile(name=base.name, protocol="modbus", points=tuple(internal),
                               description=base.description,
                               description_ko=base.description_ko, path=base.path,
                               max_gap=base.max_gap, defaults=dict(base.defaults),
                               bauds=base.bauds, parities=base.parities,
                               transports=base.transports)
        # channel name -> its status word at the last `translate` (None: not read)
        self.statuses: dict[str, int | None] = {}
        self.units = {p.name: p.unit for p in fixed}
        self.names: dict[str, tuple[str, str]] = {
            p.name: FIXED_NAMES.get(p.name, (p.description or p.name, p.name)) for p in fixed}
        for ch in self.channels:
            for point, unit, ko, en in ch.outputs():
                self.units[point] = unit
                self.names[point] = (ko, en)

    @property
    def points(self) -> list[tuple[str, str]]:
        """(point, unit) of every reading this node gives, in the node's order."""
        return list(self.units.items())

    def translate(self, raw: Mapping[str, Reading], channel_of) -> tuple[list[Reading], list[str]]:
        """Readings of the node's points from one poll's raw readings (by point name).

        `channel_of(point)` gives the channel key. Returns the readings and, for each
        channel whose status word is not 0 or not what its kind may say, a line naming
        it (for the device event).
        """
        out: list[Reading] = []
        faults: list[str] = []
        self.statuses.clear()
        for name in self.fixed:
            r = raw.get(name)
            if r is not None:
                out.append(Reading(channel_of(name), r.ts, r.value, r.quality))
                if name == "node_status" and r.value and not r.quality:
                    faults.append(f"노드 상태 node status: {status_text(int(r.value))}")
        for ch in self.channels:
            st = raw.get(_status_point(ch.name))
            self.statuses[ch.name] = self._status(st)[0]
            if ch.kind == "sensor":
                out.append(self._sensor(ch, raw.get(ch.name), st, channel_of, faults))
            else:
                out.extend(self._actuator(ch, st, raw.get(f"{ch.name}#remaining"), channel_of,
                                          faults))
        return out, faults

    @staticmethod
    def _status(st: Reading | None) -> tuple[int | None, int]:
        """The status word and, when it could not be read, the quality why."""
        if st is None:
            return None, Quality.GARBAGE
        if st.value is None or st.quality & ~Quality.OUT_OF_RANGE:
            return None, st.quality or Quality.GARBAGE
        return int(st.value), Quality.GOOD

    def _sensor(self, ch: KsxChannel, val: Reading | None, st: Reading | None, channel_of,
                faults: list[str]) -> Reading:
        key = channel_of(ch.name)
        if val is None:
            return Reading(key, st.ts if st else 0, None, st.quality if st else Quality.GARBAGE)
        code, why = self._status(st)
        if code is None:
            # without its status word the value cannot be vouched for
            return Reading(key, val.ts, None, val.quality or why)
        if code == 0:
            return Reading(key, val.ts, val.value, val.quality)
        faults.append(f"{ch.en} ({ch.ko}, ch {ch.index}): {status_text(code)}")
        value = val.value if val.value is not None and math.isfinite(val.value) else None
        return Reading(key, val.ts, value, STATUS_BAD)

    def _actuator(self, ch: KsxChannel, st: Reading | None, rem: Reading | None, channel_of,
                  faults: list[str]) -> list[Reading]:
        states = [p for p, *_ in ch.outputs()[:-1]]
        ts = st.ts if st is not None else (rem.ts if rem is not None else 0)
        code, why = self._status(st)
        if code is None:
            return [Reading(channel_of(p), ts, None, why) for p in (*states, f"{ch.name}_remaining")]
        if ch.kind == "switch":
            known = {0: (0.0,), SWITCH_ON: (1.0,)}
        else:
            known = {0: (0.0, 0.0), OPENER_OPENING: (1.0, 0.0), OPENER_CLOSING: (0.0, 1.0)}
        values = known.get(code)
        quality = Quality.GOOD if values is not None else STATUS_BAD
        if values is None:
            faults.append(f"{ch.en} ({ch.ko}, ch {ch.index}, code {ch.code}): "
                          f"{status_text(code)}")
        out = [Reading(channel_of(p), ts, None if values is None else v, quality)
               for p, v in zip(states, values or (None,) * len(states), strict=True)]
        if rem is None or rem.value is None or rem.quality & ~Quality.OUT_OF_RANGE:
            out.append(Reading(channel_of(f"{ch.name}_remaining"), ts, None,
                               (rem.quality if rem is not None else 0) or Quality.GARBAGE))
        else:
            out.append(Reading(channel_of(f"{ch.name}_remaining"), rem.ts, rem.value, quality))
        return out


def profile_role(profile: Profile) -> str | None:
    """'sensor' or 'actuator' when the profile is read as a KS X 3267 node, else None.

    A profile named `ksx3267-sensor-node` (or a site's copy named `ksx3267-sensor-...`)
    reads a sensor node; `ksx3267-actuator-...` an actuator node.
    """
    name = profile.name.lower()
    if profile.protocol != "modbus" or not name.startswith("ksx3267-"):
        return None
    if name.startswith("ksx3267-sensor"):
        return "sensor"
    if name.startswith("ksx3267-actuator"):
        return "actuator"
    return None


__all__ = ["EDITIONS", "KsxChannel", "KsxError", "KsxNode", "NodeLayout", "SENSORS_2018",
           "SENSORS_2022", "STATUS_BAD", "actuator_channels", "parse_node_info", "profile_role",
           "sensor_channels", "status_name", "status_text"]
