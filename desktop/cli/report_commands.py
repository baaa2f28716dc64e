"""`deungdae report NAME ...`: any report an installed sector offers, as PDF, CSV or XLSX."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from deungdae.desktop.cli.common import EXIT_CONFIG
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.paths import config_path, data_dir, db_path
from deungdae.records.audit import verify_database
from deungdae.records.errors import StoreError
from deungdae.records.store import Store
from deungdae.sectors.contract import ReportDef, discover
from deungdae.sectors.report_fonts import FontMissing


def all_reports() -> dict[str, ReportDef]:
    out: dict[str, ReportDef] = {}
    for sector in discover().values():
        for r in getattr(sector, "reports", lambda: [])():
            out[r.name] = r
    return out


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="make a report (PDF, CSV or XLSX by the -o suffix)")
    p.add_argument("name", nargs="?", help="report name; leave out to list them")
    p.add_argument("--date", help="day reports: YYYY-MM-DD (default: today)")
    p.add_argument("--month", help="month reports: YYYY-MM (default: this month)")
    p.add_argument("--from", dest="t_from", help="range reports: first day YYYY-MM-DD")
    p.add_argument("--to", dest="t_to", help="range reports: last day YYYY-MM-DD (included)")
    p.add_argument("-o", "--output", help="file to write: .pdf, .csv or .xlsx")
    p.set_defaults(func=cmd_report)


def integrity_statement(store: Store) -> tuple[bool, str]:
    """Whether the record's hash chain verifies now; every report prints it."""
    try:
        report = verify_database(store.path, store.path.parent)
    except StoreError as exc:
        return False, f"검증 불가 (cannot verify): {exc}"
    if report.ok:
        return True, (f"해시 체인 검증 통과 — 생성 시점에 위·변조 없음 ({report.summary()})")
    first = "; ".join(str(p) for p in report.problems[:3])
    return False, f"위·변조 또는 손상 발견 (RECORD DAMAGED): {first}"


def _span(rep: ReportDef, args: argparse.Namespace, tz) -> tuple[datetime, datetime]:
    today = datetime.now(tz).date()
    if rep.period == "day":
        d = date.fromisoformat(args.date) if args.date else today
        start = datetime.combine(d, time(0), tzinfo=tz)
        return start, start + timedelta(days=1)
    if rep.period == "month":
        y, m = map(int, args.month.split("-")) if args.month else (today.year, today.month)
        start = datetime(y, m, 1, tzinfo=tz)
        return start, datetime(y + (m == 12), m % 12 + 1, 1, tzinfo=tz)
    d0 = date.fromisoformat(args.t_from) if args.t_from else today - timedelta(days=30)
    d1 = date.fromisoformat(args.t_to) if args.t_to else today
    return (datetime.combine(d0, time(0), tzinfo=tz),
            datetime.combine(d1 + timedelta(days=1), time(0), tzinfo=tz))


def cmd_report(args: argparse.Namespace) -> int:
    reps = all_reports()
    if not args.name:
        for name, r in sorted(reps.items()):
            print(f"{name:<18} {r.period:<6} {', '.join(r.formats):<14} {r.title}")
        return 0
    rep = reps.get(args.name)
    if rep is None:
        print(f"error: unknown report '{args.name}'; reports: {', '.join(sorted(reps))}",
              file=sys.stderr)
        return EXIT_CONFIG
    root = data_dir(args.data_dir)
    cfg = site_config.load(config_path(root), discover())
    try:
        start, end = _span(rep, args, cfg.tz)
    except ValueError as exc:
        print(f"error: bad date ({exc}); use --date 2026-11-25, --month 2026-11, "
              "--from/--to 2026-11-01", file=sys.stderr)
        return EXIT_CONFIG
    out = Path(args.output or f"{args.name}-{start:%Y-%m-%d}.pdf")
    if out.suffix.lower().lstrip(".") not in rep.formats:
        print(f"error: {out.name}: choose a .pdf, .csv or .xlsx file", file=sys.stderr)
        return EXIT_CONFIG
    with Store.open_reader(db_path(root)) as store:
        try:
            rep.render(store, cfg.raw, start, end, out, integrity_statement(store))
        except FontMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
    print(f"wrote {out}")
    return 0
