"""CLI commands for the hardware room: `ports`, `probe`, `profiles`, `scan`.

The CLI main calls `add_parsers(sub)` with its argparse subparsers; every parser sets
`func`, a handler taking the parsed args and returning the exit code.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time

from deungdae.desktop.paths import data_dir
from deungdae.desktop.plant_files import profile_dir
from deungdae.hardware.ksx3267 import STATUS_BAD, profile_role, status_text
from deungdae.hardware.ports import detected_ports, port_choices_text
from deungdae.hardware.probe import KsxProbe, ProbeError, probe, probe_ksx3267
from deungdae.hardware.profiles import list_profiles, load_profile
from deungdae.hardware.reading import Quality
from deungdae.hardware.scan import ScanError, ScanHit, describe_bound, plan_scan, scan_bus
from deungdae.hardware.source import ConfigError


def quality_text(q: int) -> str:
    if not q:
        return "good"
    return "+".join((f.name or "?").lower() for f in Quality if f and q & f)


def cmd_ports(args) -> int:
    ports = detected_ports()
    if not ports:
        print("no serial ports found (is the USB-RS485 adapter plugged in?)")
        return 0
    for line in port_choices_text(ports):
        print(line)
    return 0


def _profile_dirs(args) -> list:
    """`--profile-dir` folders first, then the data dir's own `devices/`."""
    return [*(args.profile_dir or ()), profile_dir(data_dir(getattr(args, "data_dir", None)))]


def ksx_probe_lines(found: KsxProbe, port: str) -> list[str]:
    """What a KS X 3267 probe found: node info, then each channel with its status in words."""
    node, lay = found.node, found.layout
    lines = [f"KS X 3267 {node.kind_ko} {node.kind} — unit {found.unit}, {port}"]
    lines += [f"  {ln}" for ln in node.info_lines()]
    got = {found.point(r): r for r in found.readings}
    lines.append(f"{'ch':>3}  {'point':<22} {'value':>12} {'unit':<10} 상태 status · 이름 name")

    def row(ch: str, point: str, unit: str, status: str, ko: str, en: str) -> None:
        r = got.get(point)
        value = "—" if r is None or r.value is None else f"{r.value:g}"
        lines.append(f"{ch:>3}  {point:<22} {value:>12} {unit:<10} {status} · {ko} / {en}")

    for point in lay.fixed:
        r = got.get(point)
        status = quality_text(r.quality) if r is None or r.quality or r.value is None \
            else status_text(int(r.value))
        ko, en = lay.names.get(point, (point, point))
        row("-", point, lay.units.get(point, ""), status, ko, en)
    for ch in lay.channels:
        code = lay.statuses.get(ch.name)
        for point, unit, ko, en in ch.outputs():
            r = got.get(point)
            status = status_text(code) if code is not None else \
                quality_text(r.quality if r is not None else Quality.GARBAGE)
            if code is not None and r is not None and r.quality and r.quality != STATUS_BAD:
                status += f" [{quality_text(r.quality)}]"  # e.g. out of its plausible range
            row(str(ch.index), point, unit, status, ko, en)
    if not lay.channels:
        lines.append("  장치 코드가 모두 0: 연결된 채널 없음 / every device code is 0: nothing "
                     "attached")
    return lines


def _cmd_probe_ksx(args, dirs) -> int:
    try:
        found = probe_ksx3267(args.port, args.profile, unit=args.unit, baud=args.baud,
                              timeout=args.timeout, parity=args.parity, bytesize=args.bytesize,
                              stopbits=args.stopbits, profile_dirs=dirs)
    except ProbeError as e:
        print(f"probe failed: {e}")
        return 2
    except ConfigError as e:
        print(f"error: {e}")
        return 2
    for line in ksx_probe_lines(found, args.port):
        print(line)
    return 0 if all(not r.quality for r in found.readings) else 1


def cmd_probe(args) -> int:
    dirs = _profile_dirs(args)
    try:
        if profile_role(load_profile(args.profile, dirs)):
            return _cmd_probe_ksx(args, dirs)
    except ConfigError as e:
        print(f"error: {e}")
        return 2
    try:
        readings = probe(args.port, args.profile, unit=args.unit, baud=args.baud,
                         timeout=args.timeout, parity=args.parity, bytesize=args.bytesize,
                         stopbits=args.stopbits, profile_dirs=_profile_dirs(args))
    except ProbeError as e:
        print(f"probe failed: {e}")
        return 2
    except ConfigError as e:
        print(f"error: {e}")
        return 2
    prof = load_profile(args.profile, _profile_dirs(args))
    units = {p.name: p.unit for p in prof.points}
    width = max(len(r.channel) for r in readings) - len("probe.") if readings else 10
    for r in readings:
        point = r.channel.split(".", 1)[1]
        value = "—" if r.value is None else f"{r.value:g}"
        print(f"{point:<{width}}  {value:>12} {units.get(point, ''):<6}  {quality_text(r.quality)}")
    return 0 if all(r.value is not None for r in readings) else 1


def cmd_profiles(args) -> int:
    dirs = _profile_dirs(args)
    if getattr(args, "action", None) == "show":
        try:
            prof = load_profile(args.name, dirs)
        except ConfigError as e:
            print(f"error: {e}")
            return 2
        print(f"{prof.name}: {prof.description}")
        print(f"protocol: {prof.protocol}    file: {prof.path}")
        if prof.defaults:
            print("defaults: " + ", ".join(f"{k}={v}" for k, v in prof.defaults.items()))
        if prof.protocol == "modbus":
            print(f"transports: {', '.join(prof.transports)}")
            if prof.bauds:
                print(f"bauds: {', '.join(map(str, prof.bauds))}    parities: "
                      f"{', '.join(prof.parities)}")
        if prof.line:
            print(f"pattern: {prof.line.pattern.pattern}")
        for p in prof.points:
            rng = f"  range {p.range[0]:g}..{p.range[1]:g}" if p.range else ""
            if prof.protocol == "modbus":
                where = f"{p.function} {p.address} (0x{p.address:04X}) {p.type}"
                if p.count == 2:
                    where += f" words {p.word_order} bytes {p.byte_order}"
            else:
                where = f"group '{p.group}'"
            scale = f"  x{p.scale:g}" if p.scale != 1 else ""
            off = f" {p.offset:+g}" if p.offset else ""
            extra = ""
            if p.span:
                extra += f"  span {p.span[0]:g}..{p.span[1]:g} (scaled per device)"
            if p.rollover:
                extra += f"  rolls over at {p.rollover}"
            if p.faults:
                extra += "  faults " + ", ".join(f"{c:g}={n}" for c, n in p.faults)
            print(f"  {p.name:<20} {p.unit:<6} {where}{scale}{off}{rng}{extra}")
        return 0
    for name, path in list_profiles(dirs).items():
        try:
            prof = load_profile(str(path))
            print(f"{name:<22} {prof.protocol:<7} {len(prof.points):>3} points  {prof.description}")
        except ConfigError as e:
            print(f"{name:<22} BROKEN  {e}")
    print(f"{'simulator':<22} sim      —          simulated device (points in the site config)")
    return 0


def parse_units(text: str) -> list[int]:
    """'1-20', '1,7,23' or '1-5,30' as unit ids; ValueError with a clear message."""
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        lo, dash, hi = part.partition("-")
        try:
            a = int(lo)
            b = int(hi) if dash else a
        except ValueError:
            raise ValueError(f"--units: expected ids like 1-20 or 1,7,23, got '{text}'") from None
        if not (0 <= a <= 255 and 0 <= b <= 255) or a > b:
            raise ValueError(f"--units: '{part}' is not a range of unit ids within 0-255")
        out += [u for u in range(a, b + 1) if u not in out]
    return out


def _units_text(units: tuple[int, ...]) -> str:
    if list(units) == list(range(units[0], units[-1] + 1)):
        return f"{units[0]}" if len(units) == 1 else f"{units[0]}-{units[-1]}"
    return ",".join(map(str, units))


def _read_text(fn: int, start: int, values) -> str:
    name = {1: "coil", 2: "discrete", 3: "holding", 4: "input"}[fn]
    shown = " ".join(f"{v:04x}" if fn in (3, 4) else str(v) for v in values[:8])
    more = " …" if len(values) > 8 else ""
    return f"{name} {start}: {shown}{more}"


def hit_lines(hit: ScanHit) -> list[str]:
    """The table rows of one unit that answered."""
    answered = sorted((r for r in hit.reads if r.values is not None),
                      key=lambda r: not any(r.values))  # a read with data before zeros
    raw = _read_text(answered[0].function, answered[0].start, answered[0].values) if answered \
        else (hit.reads[0].message if hit.reads else "")
    lines = [f"{hit.unit:>4}  {raw[:44]:<44}  {hit.summary()}"]
    for s in hit.suggestions[:3]:
        vals = ", ".join(f"{c.point} {c.value:g} {c.unit}".rstrip() for c in s.points
                         if c.verdict == "plausible" and c.value is not None)
        lines.append(f"{'':>4}  {'':<44}    {s.profile}: {s.plausible}/{s.plausible + s.implausible}"
                     f" points plausible ({vals[:70]})")
    return lines


NOTHING_ANSWERED = ("nothing answered. Check: the wiring (A to A, B to B; swap A/B if unsure), "
                    "power to the devices, the baud and parity (--baud, --parity: the "
                    "device's manual or its display says which), the unit ids (--units), "
                    "and that the adapter is the one the devices are on.")


def cmd_scan(args) -> int:
    profiles = None
    try:
        if args.profile:
            profiles = [load_profile(n, _profile_dirs(args)) for n in args.profile]
        elif args.ksx3267:
            profiles = []
        units = parse_units(args.units) if args.units else range(1, 248)
        plan = plan_scan(args.port, baud=args.baud, parity=args.parity, profiles=profiles,
                         units=units, timeout_s=args.timeout, ksx3267=True)
    except (ConfigError, ValueError) as e:
        print(f"error: {e}")
        return 2
    except ScanError as e:
        print(f"scan failed: {e}")
        return 2
    print(f"scanning {args.port}: units {_units_text(plan.units)}, {describe_bound(plan)}; "
          "Ctrl-C stops")
    sys.stdout.flush()
    cancel = threading.Event()
    found: list[ScanHit] = []
    state: dict = {"done": 0, "error": None}
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        state["done"] = done
        if interactive:
            print(f"\r  {done}/{total} unit ids asked", end="", file=sys.stderr, flush=True)
        elif done == total or done % 25 == 0:
            print(f"  {done}/{total} unit ids asked", file=sys.stderr, flush=True)

    def work() -> None:
        try:
            found.extend(scan_bus(args.port, plan=plan, progress=progress, cancel=cancel))
        except ScanError as e:
            state["error"] = e

    t0 = time.monotonic()
    worker = threading.Thread(target=work, name="scan", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        cancel.set()
        worker.join(plan.timeout_s * 3 + 2)
    if interactive:
        print(file=sys.stderr)
    elapsed = time.monotonic() - t0
    if state["error"] is not None:
        print(f"scan failed: {state['error']}")
        return 2
    stopped = " (stopped early)" if cancel.is_set() else ""
    print(f"asked {state['done']} of {len(plan.units)} unit ids in {elapsed:.1f} s{stopped}")
    if not found:
        print(NOTHING_ANSWERED)
        return 1
    print(f"{'unit':>4}  {'answered':<44}  what it may be")
    for hit in found:
        for line in hit_lines(hit):
            print(line)
        if args.ksx3267 and hit.ksx3267 is not None:
            for line in hit.ksx3267.info_lines():
                print(f"{'':>6}{line}")
    if args.ksx3267:
        nodes = sum(1 for h in found if h.ksx3267 is not None)
        print(f"KS X 3267 노드 {nodes}개 발견 / {nodes} KS X 3267 node{'s' if nodes != 1 else ''} "
              "found")
        if not nodes:
            return 1
    return 0 if not cancel.is_set() else 130


def add_parsers(sub) -> None:
    """Add `ports`, `probe`, `profiles` and `scan` to an argparse subparsers object."""
    p = sub.add_parser("ports", help="list serial ports with their USB ids")
    p.set_defaults(func=cmd_ports)

    p = sub.add_parser("probe", help="read a device once with a profile")
    p.add_argument("port", help="COM3, /dev/ttyUSB0, usb:serial=..., tcp://host:502, socket://...")
    p.add_argument("--profile", required=True, help="profile name (see `deungdae profiles`)")
    p.add_argument("--unit", type=int, default=1, help="Modbus unit id (default 1)")
    p.add_argument("--baud", type=int, default=9600, help="baud rate (default 9600)")
    p.add_argument("--parity", choices=["N", "E", "O"], default="N")
    p.add_argument("--bytesize", type=int, choices=[7, 8], default=8)
    p.add_argument("--stopbits", type=float, choices=[1, 1.5, 2], default=1)
    p.add_argument("--timeout", type=float, default=1.0, help="seconds (default 1)")
    p.add_argument("--profile-dir", action="append", help="extra profile directory")
    p.set_defaults(func=cmd_probe)

    p = sub.add_parser("scan", help="find the Modbus devices on a bus (unit ids 1-247)")
    p.add_argument("port", help="COM3, /dev/ttyUSB0, usb:serial=..., tcp://host:502, socket://...")
    p.add_argument("--profile", action="append",
                   help="only these profiles (repeatable; default: every Modbus profile)")
    p.add_argument("--baud", type=int, help="baud rate (default: the profiles' own, else 9600)")
    p.add_argument("--parity", choices=["N", "E", "O"], help="parity (default N)")
    p.add_argument("--units", help="unit ids, e.g. 1-20 or 1,7,23 (default 1-247)")
    p.add_argument("--timeout", type=float, default=0.1,
                   help="seconds to wait for each unit (default 0.1)")
    p.add_argument("--ksx3267", action="store_true",
                   help="look for KS X 3267 nodes only (node info, then device codes, per "
                        "unit) and list each with its node info")
    p.add_argument("--profile-dir", action="append", help="extra profile directory")
    p.set_defaults(func=cmd_scan)

    p = sub.add_parser("profiles", help="list device profiles, or show one")
    p.add_argument("--profile-dir", action="append", help="extra profile directory")
    p.set_defaults(func=cmd_profiles, action=None)
    psub = p.add_subparsers(dest="action")
    show = psub.add_parser("show", help="show a profile's points")
    show.add_argument("name")
    show.add_argument("--profile-dir", action="append", help=argparse.SUPPRESS)
    show.set_defaults(func=cmd_profiles)
