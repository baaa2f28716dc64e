"""CLI commands for record integrity: verify, user, backup, restore, archive.

`add_parsers(sub)` adds them to the main parser's subparsers; each handler takes the
parsed args (with `args.data_dir`, possibly None) and returns the exit code. Secrets are
read with getpass, or one per line from stdin with `--password-stdin` (in the order the
command asks for them: the acting admin's password first, then the new one).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sqlite3
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from deungdae.desktop import paths
from deungdae.records import backup as rbackup
from deungdae.records import chain, recovery
from deungdae.records import users as rusers
from deungdae.records.audit import verify_database
from deungdae.records.errors import StoreError
from deungdae.records.store import Store


def _db(args) -> tuple[Path, Path]:
    root = paths.data_dir(getattr(args, "data_dir", None))
    return root, paths.db_path(root)


def _err(msg: str) -> int:
    print(f"deungdae: {msg}", file=sys.stderr)
    return 1


class _Secrets:
    def __init__(self, args) -> None:
        self.stdin = getattr(args, "password_stdin", False)

    def ask(self, prompt: str, confirm: bool = False) -> str:
        if self.stdin:
            line = sys.stdin.readline()
            if not line:
                raise rusers.AuthError("--password-stdin: no more lines on stdin")
            return line.rstrip("\r\n")
        first = getpass.getpass(prompt)
        if confirm and getpass.getpass("again: ") != first:
            raise rusers.AuthError("the two entries differ; nothing was changed")
        return first


def _actor(store: Store, args, secrets: _Secrets, need_admin: bool = True) -> str:
    """Sign in the acting user (--as); returns their login."""
    login = getattr(args, "as_user", None)
    if not login:
        raise rusers.AuthError("this needs an admin: add --as LOGIN")
    user = rusers.authenticate(store, login, secrets.ask(f"password of {login}: "),
                               purpose=f"cli {args.rec_command}")
    if need_admin:
        rusers.require_role(user, "admin")
    return user.login


# ---------------------------------------------------------------------- handlers
def cmd_verify(args) -> int:
    root, db = _db(args)
    if not db.exists():
        return _err(f"no record at {db}")
    if getattr(args, "repair", False):
        return _recovery(args, "repair")
    try:
        report = verify_database(db, root, live=True,
                                 progress=None if args.quiet else
                                 (lambda m: print(f"  {m} ...", file=sys.stderr)))
    except StoreError as exc:
        return _err(f"cannot verify: {exc}")
    print(report.summary())
    for p in report.problems:
        print(f"  {p}")
    if report.more:
        print(f"  ... and {report.more:,} more")
    if any(p.kind == "triggers" for p in report.problems):
        _put_back_triggers(db)
    return 0 if report.ok else 1


def _put_back_triggers(db: Path) -> None:
    """Dropped append-only triggers are re-created at once (and recorded when possible)."""
    try:
        # the writer re-creates them at open and records a sealed event saying so
        Store.open_writer(db).close()
        print("  the dropped triggers were re-created; a sealed event records it")
        return
    except StoreError as exc:
        if "already running" not in str(exc):
            print(f"  cannot re-create the triggers through the record: {exc}")
    con = sqlite3.connect(str(db), timeout=10)
    try:
        gone = chain.restore_triggers(con)
        con.commit()
        print(f"  re-created {len(gone)} trigger(s) beside the running logger: "
              f"{', '.join(gone)}")
    except sqlite3.Error as exc:
        print(f"  cannot re-create the triggers: {exc}")
    finally:
        con.close()


def _recovery(args, what: str) -> int:
    """restore / accept-loss / acknowledge / repair: an admin's signed act."""
    root, db = _db(args)
    login = getattr(args, "as_user", None)
    if not login:
        return _err(f"{what} needs an admin: add --as LOGIN (and --reason \"...\")")
    reason = getattr(args, "reason", None) or ""
    try:
        password = _Secrets(args).ask(f"password of {login}: ")
        if what == "restore":
            report, kept, _eid = recovery.restore(Path(args.file), db, root, login=login,
                                                  password=password, reason=reason)
            print(f"restored {args.file}: {report.summary()}")
            if kept:
                print(f"the record it replaced is kept at {kept}")
            print(f"recorded as a restore signed by {login}")
        elif what == "accept-loss":
            recovery.accept_loss(db, login=login, password=password, reason=reason)
            print(f"the loss is recorded as an event signed by {login}; the logger can record "
                  "again")
        elif what == "acknowledge":
            recovery.acknowledge_findings(db, login=login, password=password, reason=reason)
            print(f"the recorded findings are acknowledged by {login} (a signed event)")
        else:
            n, _eid = recovery.repair(db, login=login, password=password, reason=reason)
            print(f"rebuilt {n:,} chart summaries from the sealed readings; signed by {login}")
    except (StoreError, OSError) as exc:
        return _err(f"{what} refused: {exc}")
    return 0


def cmd_user_add(args) -> int:
    _root, db = _db(args)
    secrets = _Secrets(args)
    try:
        with Store.open_writer(db) as store:
            if rusers.users(store):
                by = _actor(store, args, secrets)
            else:
                if args.role != "admin":
                    return _err("the first user must be an admin (--role admin)")
                by = "setup"
            pw = secrets.ask(f"new password or PIN for {args.login}: ", confirm=True)
            u = rusers.add_user(store, args.login, args.name or args.login, args.role, pw, by=by)
    except StoreError as exc:
        return _err(str(exc))
    print(f"added {u.login} ({u.full_name}), {u.role}")
    return 0


def cmd_user_list(args) -> int:
    _root, db = _db(args)
    try:
        store = Store.open_reader(db)
    except StoreError as exc:
        return _err(str(exc))
    with store:
        for u in rusers.users(store):
            state = "active" if u.active else "disabled"
            if u.active and rusers.locked_until(store, u.login):
                state = "locked"
            print(f"{u.login:16s} {u.role:9s} {state:9s} {u.full_name}")
    return 0


def cmd_user_passwd(args) -> int:
    _root, db = _db(args)
    secrets = _Secrets(args)
    try:
        with Store.open_writer(db) as store:
            if rusers.get_user(store, args.login) is None:
                return _err(f"no user {args.login!r}")
            if args.as_user and args.as_user != args.login:
                by = _actor(store, args, secrets)
            else:  # changing one's own password needs the old one
                rusers.authenticate(store, args.login,
                                    secrets.ask(f"current password of {args.login}: "),
                                    purpose="cli passwd")
                by = args.login
            pw = secrets.ask(f"new password or PIN for {args.login}: ", confirm=True)
            rusers.set_password(store, args.login, pw, by=by)
    except StoreError as exc:
        return _err(str(exc))
    print(f"password of {args.login} changed")
    return 0


def cmd_user_disable(args) -> int:
    _root, db = _db(args)
    try:
        with Store.open_writer(db) as store:
            if rusers.get_user(store, args.login) is None:
                return _err(f"no user {args.login!r}")
            by = _actor(store, args, _Secrets(args))
            if by == args.login:
                return _err("an admin cannot disable themself")
            rusers.disable(store, args.login, by=by)
    except StoreError as exc:
        return _err(str(exc))
    print(f"{args.login} disabled")
    return 0


def cmd_user_unlock(args) -> int:
    _root, db = _db(args)
    try:
        with Store.open_writer(db) as store:
            by = _actor(store, args, _Secrets(args))
            rusers.unlock(store, args.login, by=by)
    except StoreError as exc:
        return _err(str(exc))
    print(f"{args.login} unlocked")
    return 0


def cmd_backup(args) -> int:
    root, db = _db(args)
    try:
        report = rbackup.backup(db, Path(args.output), root)
    except StoreError as exc:
        return _err(f"backup failed: {exc}")
    print(f"backed up to {args.output} and verified: {report.summary()}")
    return 0


def cmd_restore(args) -> int:
    return _recovery(args, "restore")


def cmd_record(args) -> int:
    return _recovery(args, args.record_command)


def _parse_day(text: str, db: Path) -> int:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise StoreError(f"--before {text!r}: expected a date like 2026-01-01") from None
    tz: dt.tzinfo = dt.UTC
    try:
        with Store.open_reader(db) as store:
            site = store.site()
        if site:
            tz = ZoneInfo(site[1])
    except (StoreError, KeyError, ValueError):
        pass
    return int(dt.datetime.combine(day, dt.time(), tz).timestamp() * 1000)


def cmd_archive(args) -> int:
    root, db = _db(args)
    try:
        before = _parse_day(args.before, db)
        report, last = rbackup.archive(db, before, Path(args.output), root)
    except StoreError as exc:
        return _err(f"archive failed: {exc}")
    print(f"archived everything before {args.before} (chain #1..#{last}) to {args.output}, "
          f"verified: {report.summary()}")
    print("nothing was removed from the record")
    return 0


# ---------------------------------------------------------------------- parsers
def add_parsers(sub) -> None:
    """Add verify, user, backup, restore and archive to `sub` (argparse subparsers)."""
    p = sub.add_parser("verify", help="check the record's hash chain; exit 0 intact, 1 not")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress lines")
    p.add_argument("--repair", action="store_true",
                   help="rebuild chart summaries from the sealed readings (admin: --as)")
    p.add_argument("--as", dest="as_user", metavar="LOGIN", help="admin for --repair")
    p.add_argument("--reason", help="why (--repair; recorded with the signature)")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from stdin")
    p.set_defaults(func=cmd_verify, rec_command="verify")

    pu = sub.add_parser("user", help="users and roles")
    us = pu.add_subparsers(dest="user_command", required=True)

    def common(q, as_help="acting admin's login"):
        q.add_argument("--as", dest="as_user", metavar="LOGIN", help=as_help)
        q.add_argument("--password-stdin", action="store_true",
                       help="read passwords one per line from stdin")

    q = us.add_parser("add", help="add a user (the first one must be an admin)")
    q.add_argument("login")
    q.add_argument("--role", choices=rusers.ROLES, required=True)
    q.add_argument("--name", help="printed name shown on signatures")
    common(q)
    q.set_defaults(func=cmd_user_add, rec_command="user add")
    q = us.add_parser("list", help="list users")
    q.set_defaults(func=cmd_user_list, rec_command="user list")
    q = us.add_parser("passwd", help="change a password (own, or another's as admin)")
    q.add_argument("login")
    common(q, "admin setting another user's password")
    q.set_defaults(func=cmd_user_passwd, rec_command="user passwd")
    q = us.add_parser("disable", help="disable a user (kept in the record)")
    q.add_argument("login")
    common(q)
    q.set_defaults(func=cmd_user_disable, rec_command="user disable")
    q = us.add_parser("unlock", help="unlock an account locked after wrong passwords")
    q.add_argument("login")
    common(q)
    q.set_defaults(func=cmd_user_unlock, rec_command="user unlock")

    p = sub.add_parser("backup", help="copy the record (safe while running) and verify it")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_backup, rec_command="backup")
    p = sub.add_parser("restore", help="replace the record with a verified backup (admin)")
    p.add_argument("file", metavar="FILE")
    common(p)
    p.add_argument("--reason", required=True, help="why (recorded with the signature)")
    p.set_defaults(func=cmd_restore, rec_command="restore")
    p = sub.add_parser("record", help="an admin's signed acts on the record")
    rs = p.add_subparsers(dest="record_command", required=True)
    for name, hlp in (("accept-loss", "record again on a record shorter than this computer "
                                      "saw, the loss recorded as a signed event"),
                      ("acknowledge", "acknowledge the findings the logger recorded")):
        q = rs.add_parser(name, help=hlp)
        common(q)
        q.add_argument("--reason", required=True, help="why (recorded with the signature)")
        q.set_defaults(func=cmd_record, rec_command=f"record {name}")
    p = sub.add_parser("archive", help="export a closed period to a verified file")
    p.add_argument("--before", required=True, metavar="DATE", help="YYYY-MM-DD (site time)")
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=cmd_archive, rec_command="archive")


def main(argv: list[str] | None = None) -> int:  # for tests and until main.py wires us
    ap = argparse.ArgumentParser(prog="deungdae")
    ap.add_argument("--data-dir")
    add_parsers(ap.add_subparsers(dest="cmd", required=True))
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
