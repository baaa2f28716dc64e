"""`deungdae report NAME ...`: any report an installed sector offers, as PDF, CSV or XLSX."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timedelta
from pathlib import Path

from deungdae.desktop.cli.common import EXIT_CONFIG, writable_output
from deungdae.desktop.engine import config as site_config
from deungdae.desktop.paths import config_path, data_dir, db_path
from deungdae.records.store import Store
from deungdae.sectors.api.integrity import integrity_statement_for
from deungdae.sectors.api.periods import PERIODS
from deungdae.sectors.api.site import SiteContext
from deungdae.sectors.contract import ReportDef, discover, reports_of
from deungdae.sectors.report_fonts import FontMissing


def all_reports() -> dict[str, ReportDef]:
    out: dict[str, ReportDef] = {}
    for sector in discover().values():
        for r in reports_of(sector):
            out[r.name] = r
    return out


def _listing(reps: dict[str, ReportDef]) -> str:
    lines = ["reports (every installed sector's):"]
    for name, r in sorted(reps.items()):
        p = r.period_def
        lines.append(f"  {name:<20} {p.key:<6} {', '.join(r.formats):<14} {r.title}")
    lines.append("periods (--period ARG):")
    keys = {r.period_def.key: r.period_def for r in reps.values()} | PERIODS
    lines += [f"  {p.key:<8} {p.arg_help}" for p in keys.values()]
    return "\n".join(lines)


_LISTING = "\x00every sector's reports\x00"  # replaced when help is shown (lazy import)


class _ReportHelp(argparse.RawDescriptionHelpFormatter):
    """Lists the reports only when help is printed: loading every sector's report code
    on each CLI start would slow `deungdae run` for nothing."""

    def add_text(self, text: str | None) -> None:
        if text == _LISTING:
            try:
                text = _listing(all_reports())
            except Exception as exc:  # a broken sector must not take the help down
                text = f"(reports could not be listed: {exc})"
        super().add_text(text)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="make a report (PDF, CSV or XLSX by the -o suffix)",
                       epilog=_LISTING, formatter_class=_ReportHelp)
    p.add_argument("name", nargs="?", help="report name; leave out to list them")
    p.add_argument("--period", dest="period_arg",
                   help="the report's period: a day YYYY-MM-DD, a shift YYYY-MM-DD/NAME, a "
                        "week YYYY-Www, a month YYYY-MM, a range FROM..TO, or a sector's own")
    p.add_argument("--date", help="day reports: YYYY-MM-DD (default: today)")
    p.add_argument("--month", help="month reports: YYYY-MM (default: this month)")
    p.add_argument("--from", dest="t_from", help="range reports: first day YYYY-MM-DD")
    p.add_argument("--to", dest="t_to", help="range reports: last day YYYY-MM-DD (included)")
    p.add_argument("-o", "--output", help="file to write: .pdf, .csv or .xlsx")
    p.add_argument("--lang", choices=("ko", "en"), default="",
                   help="language of the report (default: the report's own, Korean for "
                        "reports that take a language)")
    p.set_defaults(func=cmd_report)


def integrity_statement(store: Store) -> tuple[bool, str]:
    """Whether the record's hash chain verifies now; every report prints it."""
    return integrity_statement_for(store.path, store.path.parent)


def _span(rep: ReportDef, args: argparse.Namespace, site: SiteContext
          ) -> tuple[datetime, datetime]:
    tz = site.tz
    today = datetime.now(tz).date()
    key = rep.period_key
    arg = getattr(args, "period_arg", None)
    if arg is None:  # the v1 options, and today / this month / the last 30 days
        if key == "day":
            arg = args.date or today.isoformat()
        elif key == "month":
            arg = args.month or f"{today:%Y-%m}"
        elif key == "range":
            d0 = args.t_from or (today - timedelta(days=30)).isoformat()
            arg = f"{d0}..{args.t_to or today.isoformat()}"
        elif key == "week":
            arg = args.date or today.isoformat()
        else:
            raise ValueError(f"report {rep.name!r} needs --period {rep.period_def.arg_help}")
    t0, t1 = rep.period_def.resolve(arg, site)
    return datetime.fromtimestamp(t0 / 1000, tz), datetime.fromtimestamp(t1 / 1000, tz)


def cmd_report(args: argparse.Namespace) -> int:
    reps = all_reports()
    if not args.name:
        print(_listing(reps))
        return 0
    rep = reps.get(args.name)
    if rep is None:
        print(f"error: unknown report '{args.name}'; reports: {', '.join(sorted(reps))}",
              file=sys.stderr)
        return EXIT_CONFIG
    root = data_dir(args.data_dir)
    cfg = site_config.load(config_path(root), discover())
    try:
        start, end = _span(rep, args, getattr(cfg, "site", None) or SiteContext(cfg.timezone))
    except ValueError as exc:
        print(f"error: bad period ({exc}); use --period {rep.period_def.arg_help} (or --date "
              "2026-11-25, --month 2026-11, --from/--to 2026-11-01)", file=sys.stderr)
        return EXIT_CONFIG
    out = Path(args.output or f"{args.name}-{start:%Y-%m-%d}.pdf")
    if out.suffix.lower().lstrip(".") not in rep.formats:
        print(f"error: {out.name}: choose a .pdf, .csv or .xlsx file", file=sys.stderr)
        return EXIT_CONFIG
    writable_output(out)  # a missing folder is one line, not an error inside the renderer
    with Store.open_reader(db_path(root)) as store:
        try:
            rep.make(store, cfg.raw, start, end, out, integrity_statement(store), args.lang)
        except FontMissing as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_CONFIG
    print(f"wrote {out}")
    return 0
