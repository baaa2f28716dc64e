"""`deungdae devices`: list, test, set, remove and map the site's devices.

The same core as the window's device pages (`desktop.engine.device_changes`): a change
is checked against the profile, written into `site.toml` with comments kept, recorded
in the audit trail with who and why, and applied through the engine. Changing devices
needs a manager or admin (`--as LOGIN`, password asked, or read from stdin with
`--password-stdin`). While the window records, it holds the record: change devices
there (Settings → Devices), or close it first.
"""

from __future__ import annotations

import argparse
import getpass
import sys

# The core is imported when a devices command runs, not when the parser is built: every
# command (`run` too) builds all parsers, and start-up time matters to them.


def _err(msg: str, code: int = 2) -> int:
    print(f"deungdae: {msg}", file=sys.stderr)
    return code


def _load(args):
    from deungdae.desktop import paths
    from deungdae.desktop.engine import config as site_config
    from deungdae.sectors.contract import discover

    root = paths.data_dir(getattr(args, "data_dir", None))
    sectors = discover()
    return root, sectors, site_config.load(paths.config_path(root), sectors)


def _dirs(root) -> list:
    from deungdae.desktop.plant_files import profile_dir

    return [profile_dir(root)]


def cmd_list(args) -> int:
    from deungdae.desktop.engine.device_changes import SIMULATOR
    from deungdae.desktop.engine.device_roles import role_of

    _root, _sectors, cfg = _load(args)
    for d in cfg.devices:
        role = role_of(d)
        where = "" if d["profile"] == SIMULATOR else (
            f"  {d.get('port', '?')} unit {d.get('unit', 1)}"
            + (f" {d['baud']} baud" if d.get("baud") else "")
            + (f" parity {d['parity']}" if d.get("parity") else ""))
        print(f"{d['id']}: {d.get('name', d['id'])} — {d['profile']}{where}")
        if role:
            print(f"    role: {role.describe()}")
        for c in cfg.channels:
            if c.device == d["id"]:
                print(f"    {c.key} <- {c.point}  ({c.name})")
    return 0


def _setting_of(cfg, device: str):
    from deungdae.desktop.engine.device_changes import DeviceChangeError, DeviceSetting

    d = next((d for d in cfg.devices if d["id"] == device), None)
    if d is None:
        raise DeviceChangeError(f"no device '{device}' (devices: "
                                f"{', '.join(x['id'] for x in cfg.devices) or 'none'})")
    return DeviceSetting(device, d["profile"], str(d.get("port", "")), d.get("unit", 1),
                         d.get("baud"), d.get("parity"))


def cmd_test(args) -> int:
    from deungdae.desktop.engine.device_changes import DeviceChangeError, read_now

    root, _sectors, cfg = _load(args)
    try:
        reads = read_now(_setting_of(cfg, args.device), _dirs(root), timeout=args.timeout)
    except DeviceChangeError as e:
        return _err(f"test of '{args.device}' failed: {e}")
    width = max(len(r.point) for r in reads)
    for r in reads:
        value = "—" if r.value is None else f"{r.value:g}"
        print(f"{r.point:<{width}}  {value:>12} {r.unit:<6}  {r.words}")
    return 0 if all(not r.quality for r in reads) else 1


def _password(args, login: str) -> str:
    from deungdae.records import users as rusers

    if args.password_stdin:
        line = sys.stdin.readline()
        if not line:
            raise rusers.AuthError("--password-stdin: no more lines on stdin")
        return line.rstrip("\r\n")
    return getpass.getpass(f"password of {login}: ")


def _apply(args, plan) -> int:
    """Open the engine on the record, sign the actor in, apply the planned change."""
    from deungdae.desktop.engine.device_changes import DeviceChangeError
    from deungdae.desktop.engine.engine import Engine, EngineError
    from deungdae.hardware.clock import RealClock
    from deungdae.records import users as rusers

    if not args.as_user or not (args.reason or "").strip():
        return _err("changing devices needs a manager or admin: add --as LOGIN and "
                    "--reason \"why\"")
    root, sectors, cfg = _load(args)
    try:
        change = plan(cfg, root)
    except DeviceChangeError as e:
        return _err(f"{e}; nothing was changed")
    eng = Engine(root, cfg, RealClock(), sectors)
    eng.open()
    try:
        user = eng.authenticate(args.as_user, _password(args, args.as_user),
                                purpose=f"cli devices {args.dev_command}")
        eng.apply_devices(change, by=user.login, reason=args.reason)
    except (rusers.AuthError, rusers.NotAllowed, EngineError) as e:
        return _err(f"{e}; nothing was changed")
    finally:
        eng.close()
    print(f"device {change.device} {change.kind}; recorded with the reason")
    return 0


def _mapping(items: list[str] | None) -> dict[str, str] | None:
    from deungdae.desktop.engine.device_changes import DeviceChangeError

    if not items:
        return None
    out = {}
    for it in items:
        ch, sep, point = it.partition("=")
        if not sep or not ch or not point:
            raise DeviceChangeError(f"--map {it!r}: expected CHANNEL=POINT, e.g. "
                                    "oven.core_temp=t1")
        out[ch] = point
    return out


def cmd_set(args) -> int:
    from deungdae.desktop.engine.device_changes import SIMULATOR, DeviceSetting, plan_set

    def plan(cfg, root):
        s = DeviceSetting(args.device, args.profile, args.port or "", args.unit, args.baud,
                          args.parity, args.name, _mapping(args.map))
        return plan_set(cfg, s, _dirs(root))
    if args.profile != SIMULATOR and (not args.port or args.unit is None):
        return _err("give --port and --unit for a real device (or --profile simulator)")
    return _apply(args, plan)


def cmd_add(args) -> int:
    """A new device only: an id or channel id already in use is refused (not replaced)."""
    from deungdae.desktop.engine.device_changes import DeviceSetting, plan_add

    def plan(cfg, root):
        s = DeviceSetting(args.device, args.profile, args.port or "", args.unit, args.baud,
                          args.parity, args.name, _mapping(args.map))
        return plan_add(cfg, s, _dirs(root))
    if not args.port or args.unit is None:
        return _err("give --port and --unit for the device to add")
    return _apply(args, plan)


def cmd_remove(args) -> int:
    from deungdae.desktop.engine.device_changes import plan_remove

    return _apply(args, lambda cfg, root: plan_remove(cfg, args.device))


def cmd_map(args) -> int:
    from deungdae.desktop.engine.device_changes import plan_map

    pairs = args.pairs
    if not pairs or len(pairs) % 2:
        return _err("devices map: give pairs DEVICE.POINT CHANNEL, e.g. oven.t1 oven.core_temp")
    mapping: dict[str, str] = {}
    devices = set()
    for src, channel in zip(pairs[::2], pairs[1::2], strict=True):
        device, sep, point = src.partition(".")
        if not sep or not point:
            return _err(f"devices map: {src!r} is not DEVICE.POINT")
        devices.add(device)
        mapping[channel] = point
    if len(devices) != 1:
        return _err("devices map: map the points of one device at a time")
    return _apply(args, lambda cfg, root: plan_map(cfg, devices.pop(), mapping, _dirs(root)))


def add_parsers(sub) -> None:
    """Add `devices` (alias `device`) to `sub` (argparse subparsers)."""
    p = sub.add_parser("devices", aliases=["device"],
                       help="list, test, set, remove and map the site's devices")
    ds = p.add_subparsers(dest="dev_command", required=True)

    def who(q: argparse.ArgumentParser) -> None:
        q.add_argument("--as", dest="as_user", metavar="LOGIN", help="a manager or admin")
        q.add_argument("--reason", help="why; recorded in the audit trail")
        q.add_argument("--password-stdin", action="store_true",
                       help="read the password from stdin")

    q = ds.add_parser("list", help="the devices, their roles and the channels they feed")
    q.set_defaults(func=cmd_list)
    q = ds.add_parser("test", help="read a device now: each point with value, unit, quality")
    q.add_argument("device")
    q.add_argument("--timeout", type=float, default=1.0, help="seconds per read (1)")
    q.set_defaults(func=cmd_test)
    def setting(q: argparse.ArgumentParser) -> None:
        q.add_argument("device")
        q.add_argument("--profile", required=True,
                       help="a profile (deungdae profiles) or simulator")
        q.add_argument("--port", help="COM3, /dev/ttyUSB0, socket://HOST:PORT, rfc2217://, "
                       "tcp://")
        q.add_argument("--unit", type=int, help="Modbus unit id (address, 국번) 1..247")
        q.add_argument("--baud", type=int, help="baud rate (통신 속도); the profile's default")
        q.add_argument("--parity", choices=["N", "E", "O"], help="parity (패리티)")
        q.add_argument("--name", help="the device's name")
        q.add_argument("--map", action="append", metavar="CHANNEL=POINT",
                       help="which point a channel reads (default: what fits the role; "
                       "for add: every point as DEVICE.POINT)")
        who(q)

    q = ds.add_parser("set", aliases=["replace"],
                      help="add a device, or replace what one is (its channels keep history)")
    setting(q)
    q.set_defaults(func=cmd_set)
    q = ds.add_parser("add", help="add a new device (an id in use is refused, not replaced)")
    setting(q)
    q.set_defaults(func=cmd_add)
    q = ds.add_parser("remove", help="remove a device (its channels' history stays)")
    q.add_argument("device")
    who(q)
    q.set_defaults(func=cmd_remove)
    q = ds.add_parser("map", help="point channels at a device's points: DEVICE.POINT CHANNEL ...")
    q.add_argument("pairs", nargs="+", metavar="DEVICE.POINT CHANNEL")
    who(q)
    q.set_defaults(func=cmd_map)
