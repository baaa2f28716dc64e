"""CLI commands for the hardware room: `ports`, `probe`, `profiles`.

The CLI main calls `add_parsers(sub)` with its argparse subparsers; every parser sets
`func`, a handler taking the parsed args and returning the exit code.
"""

from __future__ import annotations

import argparse

from desktop.paths import data_dir
from desktop.plant_files import profile_dir
from hardware.probe import ProbeError, probe
from hardware.profiles import list_profiles, load_profile
from hardware.reading import Quality
from hardware.source import ConfigError
from hardware.transport import list_serial_ports


def quality_text(q: int) -> str:
    if not q:
        return "good"
    return "+".join((f.name or "?").lower() for f in Quality if f and q & f)


def cmd_ports(args) -> int:
    ports = list_serial_ports()
    if not ports:
        print("no serial ports found (is the USB-RS485 adapter plugged in?)")
        return 0
    for p in ports:
        ids = f"  USB {p.vid:04x}:{p.pid or 0:04x}" if p.vid is not None else ""
        sn = f" serial={p.serial_number}" if p.serial_number else ""
        print(f"{p.device}  {p.description}{ids}{sn}")
        if p.vid is not None:
            print(f"    port = \"{p.usb_spec()}\"   (finds this adapter on any USB port)")
    return 0


def _profile_dirs(args) -> list:
    """`--profile-dir` folders first, then the data dir's own `devices/`."""
    return [*(args.profile_dir or ()), profile_dir(data_dir(getattr(args, "data_dir", None)))]


def cmd_probe(args) -> int:
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
            print(f"  {p.name:<20} {p.unit:<6} {where}{scale}{off}{rng}")
        return 0
    for name, path in list_profiles(dirs).items():
        try:
            prof = load_profile(str(path))
            print(f"{name:<22} {prof.protocol:<7} {len(prof.points):>3} points  {prof.description}")
        except ConfigError as e:
            print(f"{name:<22} BROKEN  {e}")
    print(f"{'simulator':<22} sim      —          simulated device (points in the site config)")
    return 0


def add_parsers(sub) -> None:
    """Add `ports`, `probe` and `profiles` to an argparse subparsers object."""
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

    p = sub.add_parser("profiles", help="list device profiles, or show one")
    p.add_argument("--profile-dir", action="append", help="extra profile directory")
    p.set_defaults(func=cmd_profiles, action=None)
    psub = p.add_subparsers(dest="action")
    show = psub.add_parser("show", help="show a profile's points")
    show.add_argument("name")
    show.add_argument("--profile-dir", action="append", help=argparse.SUPPRESS)
    show.set_defaults(func=cmd_profiles)
