"""Finding devices on a bus: which unit ids answer, and what they probably are.

`scan_bus` asks each unit id in turn with the reads the candidate profiles need (merged
and deduplicated, most shared first). A unit that stays silent on its first read is
absent: a device that is there answers even a register it lacks, with exception 2. A
first answer of exception 4 (what pymodbus servers send for an id they do not hold) or
10/11 (a gateway with nobody behind it) counts as silence too. For each unit that
answers, the profiles whose points read plausibly (inside the point's declared range,
not the zeros any empty register gives, not a float built from integer registers) are
suggested, best first. KS X 3267 nodes identify themselves from node info registers
1-8 and their device codes (`hardware.ksx3267`, the 2022 Annex A map); `scan_ksx3267`
looks for those alone.

Time is bounded: an absent unit costs one read, `timeout_s` plus the request's time on
the wire; a present one costs one read per distinct block (and, for a read the device
leaves unanswered, the timeout plus the late-answer guard). `worst_case_s` gives the
figure before a scan starts: at 9600 baud with the default 0.1 s timeout, 247 silent
units take at most 31.5 s (measured here: 28.8 s over a silent RTU-over-TCP line; a
machine so loaded that a read costs more than 15 ms of its own can exceed it). `cancel`
is looked at before every read, so a scan stops within one timeout of being told to.
A unit whose answer came after the timeout (found waiting when the next unit was asked:
a slow device, or a computer too busy to wait for it) is asked once more at the end with
a longer wait (`SLOW_TIMEOUT_S`), so it is not reported absent; that costs only those
units, never the silent ones.

No Qt here: the window runs `scan_bus` on a QThread and passes `progress` and `cancel`;
the CLI prints the same.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from deungdae.hardware.decode import decode_registers
from deungdae.hardware.ksx3267 import (
    CODES_START,
    INFO_COUNT,
    INFO_START,
    MAX_CHANNELS,
    KsxError,
    KsxNode,
    codes_count,
    parse_node_info,
)
from deungdae.hardware.modbus import LinkError, ModbusLink, answer_length, framing
from deungdae.hardware.planner import ReadBlock, plan_reads
from deungdae.hardware.poller import decode_point, plan_for
from deungdae.hardware.ports import PortError, check_port
from deungdae.hardware.profiles import Profile, ProfilePoint, list_profiles, load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.source import ConfigError
from deungdae.hardware.transport import PortInfo, list_serial_ports

DEFAULT_TIMEOUT_S = 0.1
SLOW_TIMEOUT_S = 0.5  # the second ask of a unit whose answer came late
ALL_UNITS = range(1, 248)
NO_DEVICE_CODES = frozenset({4, 10, 11})
KSX_INFO = (3, INFO_START, INFO_COUNT)  # node info (KS X 3267:2022 Annex A)
# a float made of two small integer registers decodes to ~1e-38 or less: not a reading
_TINY_FLOAT = 1e-12
_MIN_SCORE = 0.75
# pymodbus polls the port every 4 character times and Python adds its own: measured
# 5-10 ms a read on a loaded 2-core machine; the bound counts 15 ms
READ_OVERHEAD_S = 0.015


class ScanError(Exception):
    """The scan could not run (no such port, cannot open it); the message says what to check."""


@dataclass(frozen=True, slots=True)
class ScanRead:
    """One request of the scan and what came back: registers (or bits as 0/1) or an error."""

    function: int
    start: int
    count: int
    values: tuple[int, ...] | None = None
    quality: int = Quality.GOOD
    code: int | None = None  # Modbus exception code
    message: str = ""

    @property
    def key(self) -> tuple[int, int, int]:
        return (self.function, self.start, self.count)

    @property
    def answered(self) -> bool:
        """The unit sent something for this request (values, an exception, a bad frame)."""
        return self.values is not None or not self.quality & (Quality.TIMEOUT | Quality.DISCONNECTED)


@dataclass(frozen=True, slots=True)
class PointCheck:
    """A profile point as read during the scan, and whether it speaks for the profile."""

    point: str
    value: float | None
    quality: int
    unit: str
    verdict: str  # "plausible", "implausible", "no evidence"


@dataclass(frozen=True, slots=True)
class Suggestion:
    profile: str
    plausible: int
    implausible: int
    points: tuple[PointCheck, ...]
    description: str = ""

    @property
    def score(self) -> float:
        seen = self.plausible + self.implausible
        return self.plausible / seen if seen else 0.0


@dataclass(frozen=True, slots=True)
class ScanHit:
    """A unit id that answered: what it answered, and what it probably is."""

    unit: int
    reads: tuple[ScanRead, ...]
    suggestions: tuple[Suggestion, ...] = ()
    ksx3267: KsxNode | None = None
    note: str = ""

    @property
    def registers(self) -> dict[tuple[int, int], int]:
        """(function, address) -> raw value of every register or bit that was read."""
        out: dict[tuple[int, int], int] = {}
        for r in self.reads:
            if r.values is not None:
                for i, v in enumerate(r.values):
                    out[(r.function, r.start + i)] = v
        return out

    @property
    def best(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None

    def summary(self) -> str:
        if self.ksx3267 is not None:
            return self.ksx3267.describe()
        if self.suggestions:
            return ", ".join(s.profile for s in self.suggestions)
        return self.note or "answered, but no profile reads plausibly"


@dataclass(frozen=True, slots=True)
class ScanPlan:
    """What a scan will send to each unit, and how long it may take at most."""

    reads: tuple[tuple[int, int, int], ...]
    baud: int
    parity: str
    bytesize: int
    stopbits: float
    timeout_s: float
    units: tuple[int, ...]
    tcp: bool = False
    profiles: tuple[Profile, ...] = field(default=(), repr=False)

    @property
    def framing(self) -> str:
        return "Modbus TCP" if self.tcp else framing(self.baud, self.parity, self.bytesize,
                                                     self.stopbits)

    def worst_case_s(self, present: int = 0) -> float:
        """Seconds for the whole scan if `present` units answer and the rest are silent.

        A KS X 3267 node that answers its node info costs one more read: its device codes.
        """
        reads = list(self.reads)
        if KSX_INFO in reads:
            reads.append((3, CODES_START, MAX_CHANNELS))
        return worst_case_s(len(self.units), self.baud, self.timeout_s, reads,
                            present=present, bytesize=self.bytesize,
                            parity=self.parity, stopbits=self.stopbits)


def char_time_s(baud: int, bytesize: int = 8, parity: str = "N", stopbits: float = 1) -> float:
    return (1 + bytesize + (parity != "N") + stopbits) / baud


def read_time_s(read: tuple[int, int, int], baud: int, bytesize: int = 8, parity: str = "N",
                stopbits: float = 1) -> float:
    """Wire time of one request and its full answer with the 3.5-character gaps."""
    fn, _start, count = read
    chars = 8 + answer_length(fn, count) + 7
    return chars * char_time_s(baud, bytesize, parity, stopbits)


def wait_s(timeout_s: float, baud: int, bytesize: int = 8, parity: str = "N",
           stopbits: float = 1) -> float:
    """How long a scan read waits for an answer to start: the timeout counted from the
    end of the request (8 characters and the 3.5-character gap on the wire)."""
    return timeout_s + 12 * char_time_s(baud, bytesize, parity, stopbits)


def worst_case_s(units: int, baud: int, timeout_s: float,
                 reads: Sequence[tuple[int, int, int]] = ((3, 0, 1),), present: int = 0,
                 bytesize: int = 8, parity: str = "N", stopbits: float = 1) -> float:
    """The longest a scan of `units` ids can take.

    An absent unit costs its first read: `wait_s` plus the software's own time per
    read (`READ_OVERHEAD_S`). A present unit may cost every read, each its full wire
    time plus the wait plus the late-answer guard (one more timeout) when the device
    leaves it unanswered.
    """
    reads = list(reads) or [(3, 0, 1)]
    wait = wait_s(timeout_s, baud, bytesize, parity, stopbits)
    silent = wait + READ_OVERHEAD_S
    per_present = sum(read_time_s(r, baud, bytesize, parity, stopbits) + wait + timeout_s
                      + READ_OVERHEAD_S for r in reads)
    present = max(0, min(present, units))
    return (units - present) * silent + present * per_present


def modbus_profiles(extra_dirs: Iterable[str] = ()) -> list[Profile]:
    """Every Modbus profile that loads (a broken one is left out, `profiles` says why)."""
    out = []
    for name in list_profiles(extra_dirs):
        try:
            prof = load_profile(name, extra_dirs)
        except ConfigError:
            continue
        if prof.protocol == "modbus":
            out.append(prof)
    return out


def _bus_setting(profiles: Sequence[Profile], key: str, given, fallback):
    if given is not None:
        return given
    values = {p.defaults.get(key, fallback) for p in profiles}
    return values.pop() if len(values) == 1 else fallback


def plan_scan(port: str, *, baud: int | None = None, parity: str | None = None,
              profiles: Sequence[Profile] | None = None, units: Iterable[int] = ALL_UNITS,
              timeout_s: float = DEFAULT_TIMEOUT_S, ksx3267: bool = True,
              bytesize: int = 8, stopbits: float = 1,
              lister: Callable[[], list[PortInfo]] = list_serial_ports) -> ScanPlan:
    """Check the arguments and the port, and say what the scan will do.

    Raises ScanError for a port that is malformed or not here, ConfigError for bad
    arguments. `baud`/`parity` left out: the profiles' common default, else 9600 N.
    """
    unit_list = []
    for u in units:
        if isinstance(u, bool) or not isinstance(u, int) or not 0 <= u <= 255:
            raise ConfigError(f"unit ids are 0..255 (1..247 on RS-485), got {u!r}")
        if u not in unit_list:
            unit_list.append(u)
    if not unit_list:
        raise ConfigError("no unit ids to scan")
    if isinstance(timeout_s, bool) or not isinstance(timeout_s, int | float) \
            or not math.isfinite(timeout_s) or not 0.01 <= timeout_s <= 10:
        raise ConfigError(f"scan timeout must be 0.01..10 s, got {timeout_s!r}")
    try:
        ep = check_port(port, lister)
    except PortError as e:
        raise ScanError(str(e)) from None
    transport = "tcp" if ep.kind == "tcp" else "rtu"
    if profiles is None:
        profs = [p for p in modbus_profiles() if transport in p.transports]
    else:
        profs = list(profiles)
    for p in profs:
        if p.protocol != "modbus":
            raise ConfigError(f"profile '{p.name}' is a {p.protocol} device: only Modbus "
                              "devices can be found by a bus scan")
        if transport not in p.transports:
            raise ConfigError(f"profile '{p.name}' speaks {'/'.join(p.transports).upper()} "
                              f"only; {port} is Modbus {transport.upper()}")
    b = _bus_setting(profs, "baud", baud, 9600)
    par = _bus_setting(profs, "parity", parity, "N")
    if isinstance(b, bool) or not isinstance(b, int) or not 50 <= b <= 4_000_000:
        raise ConfigError(f"baud must be a baud rate like 9600, got {b!r}")
    if par not in ("N", "E", "O"):
        raise ConfigError(f"parity must be N, E or O, got {par!r}")
    return ScanPlan(reads=tuple(scan_reads(profs, ksx3267)), baud=b, parity=par,
                    bytesize=bytesize, stopbits=stopbits, timeout_s=float(timeout_s),
                    units=tuple(unit_list), tcp=ep.kind == "tcp", profiles=tuple(profs))


def scan_reads(profiles: Sequence[Profile], ksx3267: bool = True) -> list[tuple[int, int, int]]:
    """The distinct reads the profiles need, the most shared first (it decides presence).

    With no profiles, only KS X 3267 node info is read (a KS X-only scan).
    """
    need: dict[tuple[int, int, int], int] = {}
    order: list[tuple[int, int, int]] = []
    for prof in profiles:
        for b in plan_for(prof):
            key = (b.function, b.start, b.count)
            if key not in need:
                order.append(key)
                need[key] = 0
            need[key] += 1
    reads = sorted(order, key=lambda k: (-need[k], order.index(k)))
    if ksx3267 and KSX_INFO not in need:
        reads.insert(0 if not reads else 1, KSX_INFO)
    return reads


def scan_bus(port: str, *, baud: int | None = None, parity: str | None = None,
             profiles: Sequence[Profile] | None = None, units: Iterable[int] = ALL_UNITS,
             timeout_s: float = DEFAULT_TIMEOUT_S,
             progress: Callable[[int, int], None] | None = None,
             cancel: threading.Event | None = None, ksx3267: bool = True,
             bytesize: int = 8, stopbits: float = 1,
             lister: Callable[[], list[PortInfo]] = list_serial_ports,
             plan: ScanPlan | None = None) -> list[ScanHit]:
    """Ask every unit id on `port` and return those that answered, in unit order.

    `profiles`: the candidates (default: every Modbus profile); `[]` with `ksx3267`
    looks for KS X 3267 nodes only. `progress(done, total)` is called after each unit;
    setting `cancel` stops the scan before its next read and returns what was found.
    Raises ScanError when the port is not there or cannot be opened, or goes away.
    """
    if plan is None:
        plan = plan_scan(port, baud=baud, parity=parity, profiles=profiles, units=units,
                         timeout_s=timeout_s, ksx3267=ksx3267, bytesize=bytesize,
                         stopbits=stopbits, lister=lister)
    link = ModbusLink(check_port(port, lister, must_exist=False), baud=plan.baud,
                      parity=plan.parity, bytesize=plan.bytesize, stopbits=plan.stopbits,
                      timeout=plan.timeout_s, lister=lister)
    link.interrupt = cancel
    try:
        link.open()
    except LinkError as e:
        raise ScanError(f"{e} — is another program using the port?") from None
    hits: list[ScanHit] = []
    total = len(plan.units)
    try:
        for i, unit in enumerate(plan.units):
            if cancel is not None and cancel.is_set():
                break
            hit = _scan_unit(link, unit, plan, cancel)
            if hit is not None:
                hits.append(hit)
            if progress is not None:
                progress(i + 1, total)
        hits += _ask_slow_ones_again(link, plan, hits, cancel)
    finally:
        link.close()
    return sorted(hits, key=lambda h: h.unit)


def _ask_slow_ones_again(link: ModbusLink, plan: ScanPlan, hits: list[ScanHit],
                         cancel: threading.Event | None) -> list[ScanHit]:
    """Units whose answer came after the timeout (found waiting when the next unit was
    asked), asked once more with a longer wait: a slow device (or a busy computer) is
    not reported absent. Silent units cost nothing more."""
    found = {h.unit for h in hits}
    slow = [u for u in plan.units if link.late_answers.get(u) and u not in found]
    if not slow:
        return []
    patient = replace(plan, timeout_s=max(plan.timeout_s * 5, SLOW_TIMEOUT_S))
    out = []
    for unit in slow:
        if cancel is not None and cancel.is_set():
            break
        hit = _scan_unit(link, unit, patient, cancel)
        if hit is not None:
            out.append(hit)
    return out


class _Reader:
    """Reads for one unit, each sent once, with the scan's cancel checked before each."""

    def __init__(self, link: ModbusLink, unit: int, plan: ScanPlan,
                 cancel: threading.Event | None) -> None:
        self.link, self.unit, self.plan, self.cancel = link, unit, plan, cancel
        self.done: dict[tuple[int, int, int], ScanRead] = {}

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def read(self, key: tuple[int, int, int]) -> ScanRead | None:
        if key in self.done:
            return self.done[key]
        if self.cancelled:
            return None
        fn, start, count = key
        p = self.plan
        timeout = wait_s(p.timeout_s, p.baud, p.bytesize, p.parity, p.stopbits)
        try:
            data = self.link.read(fn, self.unit, start, count, timeout)
        except LinkError as e:
            if e.quality & Quality.DISCONNECTED:
                raise ScanError(f"{self.link.label} went away during the scan ({e}) — "
                                "was the adapter unplugged?") from None
            r = ScanRead(fn, start, count, None, int(e.quality), e.code, str(e))
        else:
            r = ScanRead(fn, start, count, tuple(int(v) for v in data))
        self.done[key] = r
        return r


def _scan_unit(link: ModbusLink, unit: int, plan: ScanPlan,
               cancel: threading.Event | None) -> ScanHit | None:
    rd = _Reader(link, unit, plan, cancel)
    first = rd.read(plan.reads[0])
    if first is None or not first.answered or first.code in NO_DEVICE_CODES:
        return None
    for key in plan.reads[1:]:
        if rd.read(key) is None:
            break
    node = _ksx_node(rd) if KSX_INFO in plan.reads else None
    suggestions = [] if rd.cancelled else rank(plan.profiles, rd)
    note = ""
    if all(r.values is None for r in rd.done.values()):
        bad = [r for r in rd.done.values() if r.quality & (Quality.CRC_ERROR | Quality.GARBAGE)]
        if bad:
            note = ("answers with damaged frames: two devices with this address, wrong "
                    "baud or parity, or a bad line (termination, A/B swapped)")
        elif all(r.code is not None for r in rd.done.values()):
            codes = sorted({r.code for r in rd.done.values() if r.code is not None})
            note = (f"answers every read with Modbus exception {'/'.join(map(str, codes))}: "
                    "none of the profiles' registers are there")
    return ScanHit(unit, tuple(rd.done.values()), tuple(suggestions), node, note)


def _ksx_node(rd: _Reader) -> KsxNode | None:
    info = rd.done.get(KSX_INFO)
    if info is None or info.values is None or len(info.values) != INFO_COUNT:
        return None
    try:
        node = parse_node_info(info.values)
    except KsxError:
        return None
    codes: tuple[int, ...] = ()
    r = rd.read((3, CODES_START, codes_count(node)))
    if r is not None and r.values is not None:
        codes = r.values
    return KsxNode(node.certification, node.company, node.product_type, node.product_code,
                   node.protocol_version, node.channels, node.serial, codes)


def _point_check(p: ProfilePoint, block: ReadBlock, data: Sequence) -> PointCheck:
    value, q = decode_point(p, block, list(data))
    off = p.address - block.start
    raw = list(data[off:off + p.count])
    if value is None or q & ~Quality.OUT_OF_RANGE:
        # a named sensor fault is the device speaking its own language: no evidence
        verdict = "no evidence" if q & Quality.SENSOR_FAULT else "implausible"
    elif q & Quality.OUT_OF_RANGE:
        verdict = "implausible"
    elif p.is_bit or not any(raw):
        verdict = "no evidence"  # zeros fit every profile
    elif p.type == "float32" and abs(decode_registers(raw, p.type, p.word_order,
                                                      p.byte_order)) < _TINY_FLOAT:
        verdict = "implausible"
    elif p.range is None:
        verdict = "no evidence"
    else:
        verdict = "plausible"
    return PointCheck(p.name, value, int(q), p.unit, verdict)


def evaluate(profile: Profile, rd: _Reader) -> Suggestion | None:
    """How well `profile` explains what the unit answered (None: it cannot be judged)."""
    checks: list[PointCheck] = []
    for block in plan_for(profile):
        r = rd.read((block.function, block.start, block.count))
        if r is not None and r.code == 2 and len(block.spans) > 1:
            # a device with holes in its map refuses a merged read: read its points alone
            for sub in plan_reads(list(block.spans), 0):
                rs = rd.read((sub.function, sub.start, sub.count))
                checks += _block_checks(profile, sub, rs)
            continue
        checks += _block_checks(profile, block, r)
    if not checks:
        return None
    plausible = sum(c.verdict == "plausible" for c in checks)
    implausible = sum(c.verdict == "implausible" for c in checks)
    return Suggestion(profile.name, plausible, implausible, tuple(checks), profile.description)


def _block_checks(profile: Profile, block: ReadBlock, r: ScanRead | None) -> list[PointCheck]:
    out = []
    for s in block.spans:
        p = profile.point(s.key)
        if r is None:
            out.append(PointCheck(p.name, None, Quality.TIMEOUT, p.unit, "no evidence"))
        elif r.values is None:
            out.append(PointCheck(p.name, None, r.quality, p.unit, "implausible"))
        else:
            out.append(_point_check(p, block, r.values))
    return out


def rank(profiles: Sequence[Profile], rd: _Reader) -> list[Suggestion]:
    """Profiles with at least one plausible point and few implausible ones, best first."""
    out = []
    for prof in profiles:
        s = evaluate(prof, rd)
        if s is not None and s.plausible and s.score >= _MIN_SCORE:
            out.append(s)
    return sorted(out, key=lambda s: (-s.score, -s.plausible, s.profile))


def describe_bound(plan: ScanPlan) -> str:
    """'247 units at 9600 8N1, timeout 0.10 s: at most 29 s if none answers'."""
    return (f"{len(plan.units)} unit{'s' if len(plan.units) != 1 else ''} at {plan.framing}, "
            f"timeout {plan.timeout_s:.2f} s: at most {plan.worst_case_s():.0f} s if none "
            f"answers, +{plan.worst_case_s(1) - plan.worst_case_s(0):.1f} s per device that "
            "does")


__all__ = ["ALL_UNITS", "DEFAULT_TIMEOUT_S", "KsxNode", "PointCheck", "ScanError", "ScanHit",
           "ScanPlan", "ScanRead", "Suggestion", "describe_bound", "modbus_profiles",
           "plan_scan", "scan_bus", "scan_reads", "worst_case_s"]
