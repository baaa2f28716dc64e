"""`deungdae-central`: serve the platform, manage plants and operator tokens.

    deungdae-central serve [--db URL] [--host 127.0.0.1] [--port 8470] [--workers N]
                           [--ssl-keyfile K --ssl-certfile C]
    deungdae-central plant add NAME | plant list | plant code NAME   [--db URL]
    deungdae-central plant repair NAME --from SEQ --reason TEXT [--by WHO] [--db URL]
    deungdae-central operator-token                                  [--db URL]

The database is `--db URL`, else `$DEUNGDAE_CENTRAL_DB`, else an SQLite file in the user
data dir. `serve` prints `deungdae-central serving on URL` as its first line once the
socket listens (with `--port 0`, the real port), so scripts and tests can read it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import socket
import sys

from deungdae.central import auth, forks
from deungdae.central.db import (
    ENV_DB,
    Database,
    DatabaseConfigError,
    DatabaseUnavailable,
    default_url,
)


def _db(args: argparse.Namespace) -> Database:
    db = Database(args.db or default_url())
    db.init()
    return db


def _when(ms: int | None) -> str:
    if ms is None:
        return "never"
    return dt.datetime.fromtimestamp(ms / 1000, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    db = _db(args)  # fail here, with one clear message, before any socket is opened
    db.dispose()
    os.environ[ENV_DB] = db.url.render_as_string(hide_password=False)
    if bool(args.ssl_keyfile) != bool(args.ssl_certfile):
        raise DatabaseConfigError("--ssl-keyfile and --ssl-certfile go together")
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY on accepted connections only when the
    # listening socket says it is TCP; without it every answer waits ~40 ms for a delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"deungdae-central: cannot listen on {args.host}:{args.port}: {exc}",
              file=sys.stderr)
        return 1
    sock.listen(2048)
    sock.set_inheritable(True)
    port = sock.getsockname()[1]
    scheme = "https" if args.ssl_certfile else "http"
    host = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    print(f"deungdae-central serving on {scheme}://{host}:{port} (database "
          f"{db.describe()})", flush=True)
    ssl = {"ssl_keyfile": args.ssl_keyfile, "ssl_certfile": args.ssl_certfile} \
        if args.ssl_certfile else {}
    if args.workers > 1:
        uvicorn.run("deungdae.central.app:factory", factory=True, fd=sock.fileno(),
                    workers=args.workers, log_level=args.log_level, **ssl)
        return 0
    from deungdae.central.app import create_app

    config = uvicorn.Config(create_app(), log_level=args.log_level, **ssl)
    uvicorn.Server(config).run(sockets=[sock])
    return 0


def cmd_plant(args: argparse.Namespace) -> int:
    db = _db(args)
    if args.action == "add":
        pid, code = auth.add_plant(db, args.name)
        print(f"plant {args.name!r} added (id {pid}). One-time registration code:\n{code}\n"
              f"On the plant's computer: deungdae register URL {code}")
    elif args.action == "code":
        code = auth.new_code(db, args.name)
        print(f"new one-time registration code for {args.name!r}:\n{code}\n"
              f"On the plant's computer: deungdae register URL {code}")
    elif args.action == "repair":
        by = args.by or _os_user()
        done = forks.repair(db, args.name, args.from_seq, args.reason, by)
        print(f"plant {done.plant!r}: discarded #{done.from_seq + 1}..#{done.old_seq} on the "
              f"platform ({done.entries} entries: {done.blocks} reading blocks with "
              f"{done.readings:,} readings, {done.rows} rows); {done.forks_resolved} fork "
              f"report(s) resolved; recorded as repaired by {by}: {args.reason.strip()}\n"
              f"The plant's next sync continues from #{done.from_seq + 1}" +
              (f"; {done.problems_left} earlier chain problem(s) remain" if
               done.problems_left else ""))
    else:
        with db.read() as con:
            rows = con.all("SELECT id, name, last_seen, stored_seq, chain_ok, key_id "
                           "FROM plant ORDER BY id")
            extra = {pid: (forks.open_forks(con, pid), forks.repairs(con, pid))
                     for pid, *_r in rows}
        if not rows:
            print("no plants yet; add one with `deungdae-central plant add NAME`")
        print(f"{'id':>4}  {'name':24} {'last seen':24} {'stored seq':>10}  chain")
        for pid, name, seen, seq, ok, key_id in rows:
            open_forks, done = extra[pid]
            state = "ok" if ok else "BROKEN"
            if open_forks:
                state = f"FORK ({len(open_forks)} report(s))" + ("" if ok else ", BROKEN")
            if key_id is None:
                state = "not registered"
            print(f"{pid:>4}  {name:24} {_when(seen):24} {seq:>10}  {state}")
            if open_forks:
                print(f"      {forks.summary(open_forks)}")
                print(f"      repair: deungdae-central plant repair {name!r} --from SEQ "
                      "--reason TEXT")
            if done:
                at, by, reason, from_seq, old_seq, _n, _r = done[-1]
                print(f"      last repair {_when(at)} by {by}: discarded #{from_seq + 1}.."
                      f"#{old_seq} ({reason})")
    return 0


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"


def cmd_operator_token(args: argparse.Namespace) -> int:
    token = auth.new_operator_token(_db(args))
    print(f"new operator token (shown once; it is stored hashed):\n{token}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="deungdae-central",
                                description="Deungdae central platform server")
    sub = p.add_subparsers(dest="command", required=True)
    db_help = f"database URL (default ${ENV_DB}, else SQLite in the user data dir)"
    s = sub.add_parser("serve", help="serve the HTTP API")
    s.add_argument("--db", help=db_help)
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8470, help="0 picks a free port (printed)")
    s.add_argument("--workers", type=int, default=1)
    s.add_argument("--ssl-keyfile")
    s.add_argument("--ssl-certfile")
    s.add_argument("--log-level", default="warning")
    s.set_defaults(fn=cmd_serve)
    pl = sub.add_parser("plant", help="add, list or re-code plants")
    psub = pl.add_subparsers(dest="action", required=True)
    for action, helptext in (("add", "add a plant; prints its one-time registration code"),
                             ("code", "a fresh registration code for an existing plant")):
        a = psub.add_parser(action, help=helptext)
        a.add_argument("name")
        a.add_argument("--db", help=db_help)
    ls = psub.add_parser("list", help="plants, last seen, stored seq, chain state, forks")
    ls.add_argument("--db", help=db_help)
    rp = psub.add_parser("repair", help="discard a plant's rejected or junk tail after SEQ "
                                        "on the platform (recorded), so it syncs again")
    rp.add_argument("name")
    rp.add_argument("--from", dest="from_seq", type=int, required=True, metavar="SEQ",
                    help="keep the stream up to and including #SEQ")
    rp.add_argument("--reason", required=True, help="why (recorded with the repair)")
    rp.add_argument("--by", help="who repairs (default: this OS user)")
    rp.add_argument("--db", help=db_help)
    pl.set_defaults(fn=cmd_plant)
    o = sub.add_parser("operator-token", help="print a new operator token (cluster view)")
    o.add_argument("--db", help=db_help)
    o.set_defaults(fn=cmd_operator_token)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (DatabaseConfigError, DatabaseUnavailable, ValueError) as exc:
        print(f"deungdae-central: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
