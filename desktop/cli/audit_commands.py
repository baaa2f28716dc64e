"""`deungdae audit`: the audit trail (settings and user changes, failed sign-ins,
corrections, signatures) on screen, as CSV or as PDF, in Korean or English.

Read-only: it opens the record as a reader, so it runs beside the logger. Filters are the
window's: a period in the site's time zone, kinds, a person, an entity or thing.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.desktop.cli.common import EXIT_CONFIG, parse_time
from deungdae.desktop.engine import audit_report as ar
from deungdae.desktop.paths import data_dir, db_path
from deungdae.records import audit_trail
from deungdae.records.store import Store


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "audit", help="list the audit trail: settings/user changes, failed sign-ins, "
                      "corrections, signatures (screen, --csv or --pdf)")
    p.add_argument("--from", dest="t_from", metavar="WHEN",
                   help="from this date or time (site's zone), e.g. 2026-12-01")
    p.add_argument("--to", dest="t_to", metavar="WHEN",
                   help="up to this date (included) or time, e.g. 2026-12-03")
    p.add_argument("--kind", action="append", choices=audit_trail.KINDS,
                   help="only this kind (repeat for several)")
    p.add_argument("--who", help="only what this login did (or tried, for failed sign-ins)")
    p.add_argument("--entity", help="only this entity (limit, user, device, ...) or thing "
                                    "(a channel key, a login)")
    p.add_argument("--csv", metavar="FILE", help="write a CSV file (UTF-8)")
    p.add_argument("--pdf", metavar="FILE", help="write a PDF file (fonts embedded)")
    p.add_argument("--lang", choices=ar.LANGS,
                   help="language of the list (default: $DEUNGDAE_REPORT_LANG, else ko)")
    p.set_defaults(func=cmd_audit)


def _err(text: str, code: int = EXIT_CONFIG) -> int:
    print(f"error: {text}", file=sys.stderr)
    return code


def _out(path: str, suffix: str) -> Path | str:
    """The output file, or why it cannot be written (one line)."""
    out = Path(path)
    if out.suffix.lower() != suffix:
        return f"{path}: the file name should end in {suffix}"
    if not out.parent.is_dir():
        return f"{path}: the folder {out.parent} does not exist"
    return out


def cmd_audit(args: argparse.Namespace) -> int:
    lang = args.lang or (os.environ.get("DEUNGDAE_REPORT_LANG") or "ko")[:2].lower()
    if lang not in ar.LANGS:
        return _err(f"DEUNGDAE_REPORT_LANG={lang!r}: expected ko or en")
    outs: dict[str, Path] = {}
    for what, suffix in (("csv", ".csv"), ("pdf", ".pdf")):
        if getattr(args, what):
            got = _out(getattr(args, what), suffix)
            if isinstance(got, str):
                return _err(got)
            outs[what] = got
    db = db_path(data_dir(args.data_dir))
    if not db.exists():
        return _err(f"{db}: no record here; run `deungdae init` first or pass --data-dir")
    with Store.open_reader(db) as store:
        site = store.site() or ("Deungdae", "Asia/Seoul")
        try:
            tz = ZoneInfo(site[1])
        except (KeyError, ValueError):
            tz = ZoneInfo("UTC")
        try:
            t0 = parse_time(args.t_from, tz) if args.t_from else None
            t1 = parse_time(args.t_to, tz, end_of_day=True) if args.t_to else None
        except argparse.ArgumentTypeError as exc:
            return _err(f"--from/--to: {exc}")
        if t0 is not None and t1 is not None and t1 <= t0:
            return _err("--to is before --from; give the earlier date first")
        rows = audit_trail.entries(store, t0=t0, t1=t1, kinds=args.kind, who=args.who,
                                   entity=args.entity)
        names = {k: n for k, n in store.query("SELECT key, name FROM channel") if n}
        if "csv" in outs:
            ar.write_csv(rows, outs["csv"], lang, tz, names)
            print(f"wrote {outs['csv']} ({len(rows)} entries)")
        if "pdf" in outs:
            from deungdae.sectors.report_fonts import FontMissing

            head = ar.Heading(site[0], ar.period_text(lang, t0, t1, tz),
                              ar.filters_text(lang, args.kind, args.who, args.entity),
                              ar.record_state(store, lang),
                              ar.local_time(int(time.time() * 1000), tz))
            try:
                ar.write_pdf(rows, outs["pdf"], lang, tz, head, names)
            except FontMissing as exc:
                return _err(str(exc))
            print(f"wrote {outs['pdf']} ({len(rows)} entries)")
    if not outs:
        _print(rows, lang, tz, names)
    return 0


def _print(rows, lang: str, tz: ZoneInfo, names: dict[str, str]) -> None:
    if not rows:
        print(ar.word("none", lang))
        return
    print("\t".join(ar.headers(lang)))
    for e in rows:
        print("\t".join(ar.cells(e, lang, tz, names).as_list()))

