"""The database behind the platform: SQLite by default, PostgreSQL for many plants.

App processes keep no state that matters: everything lives here, so several processes can
serve one PostgreSQL behind a load balancer. Schema comes from `central.models`
(`create_all` at start, version kept in `meta`). The hot paths talk to the DBAPI
connection directly (`Conn`), with `?` placeholders translated for psycopg.

Durability: SQLite runs WAL with `synchronous=FULL` (a committed batch survives a power
cut); PostgreSQL keeps its default `fsync`. Write transactions are serialised per plant:
`BEGIN IMMEDIATE` in SQLite (one writer at a time anyway), a row lock on the plant
(`SELECT ... FOR UPDATE`) in PostgreSQL.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import psycopg
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from deungdae.central.key_vault import KeyVault, ServerKeyError, load_server_key
from deungdae.central.models import SCHEMA_VERSION, CentralModel

ENV_DB = "DEUNGDAE_CENTRAL_DB"


class DatabaseConfigError(Exception):
    """The --db URL cannot be used (bad form, unknown kind, unwritable path)."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached or is busy now; trying again later may work."""


class DatabaseRefused(Exception):
    """The database refused the data itself (a constraint, a value it cannot store)."""


def default_url() -> str:
    """`$DEUNGDAE_CENTRAL_DB`, else an SQLite file in the platform's user data dir."""
    import os

    env = os.environ.get(ENV_DB)
    if env:
        return env
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('DeungdaeCentral')) / 'central.db'}"


def normalize_url(url: str) -> sa.URL:
    """A SQLAlchemy URL for `url` (also a bare file path), or DatabaseConfigError."""
    url = url.strip()
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().absolute()}"
    try:
        u = make_url(url)
    except (ArgumentError, ValueError) as exc:
        raise DatabaseConfigError(f"--db {url!r} is not a database URL; use sqlite:///PATH "
                                  "or postgresql://USER@HOST:PORT/DB") from exc
    backend = u.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return u.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        if not u.database or u.database == ":memory:":
            raise DatabaseConfigError("--db needs an SQLite file (sqlite:///PATH): an in-memory "
                                      "database would be lost at exit and differs per process")
        return u.set(drivername="sqlite")
    raise DatabaseConfigError(f"--db {u.render_as_string(hide_password=True)}: unsupported "
                              f"database kind {backend!r}; use sqlite:///PATH or "
                              "postgresql://...")


def classify(exc: BaseException) -> Exception:
    """Turn a driver error into DatabaseUnavailable (retry later) or DatabaseRefused.

    Only errors about the data sent (integrity, data) are refusals, which a plant reads as
    final; a ProgrammingError (a missing table, a schema not migrated) is the server's
    problem, so it is DatabaseUnavailable (503) and the plant retries."""
    orig = getattr(exc, "orig", None) or exc
    msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if isinstance(orig, (sqlite3.IntegrityError, sqlite3.DataError, psycopg.IntegrityError,
                         psycopg.DataError)):
        return DatabaseRefused(f"the database refused the data: {msg}")
    return DatabaseUnavailable(f"database unavailable: {msg}")


DB_ERRORS = (sqlite3.Error, psycopg.Error, SQLAlchemyError)


class Conn:
    """A DBAPI connection with one placeholder style (`?`) for both backends."""

    def __init__(self, raw: Any, pg: bool) -> None:
        self.raw = raw
        self.pg = pg

    def sql(self, text: str) -> str:
        return text.replace("?", "%s") if self.pg else text

    def execute(self, text: str, params: Sequence = ()) -> Any:
        return self.raw.execute(self.sql(text), params)

    def all(self, text: str, params: Sequence = ()) -> list[tuple]:
        return [tuple(r) for r in self.execute(text, params).fetchall()]

    def one(self, text: str, params: Sequence = ()) -> tuple | None:
        row = self.execute(text, params).fetchone()
        return None if row is None else tuple(row)

    def executemany(self, text: str, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        if self.pg:
            with self.raw.cursor() as cur:
                cur.executemany(self.sql(text), rows)
        else:
            self.raw.executemany(text, rows)


class Database:
    """One database URL: an engine (pool) and the transactions the app needs."""

    def __init__(self, url: str | None = None) -> None:
        self.url = normalize_url(url or default_url())
        self.pg = self.url.get_backend_name() == "postgresql"
        if self.pg:
            self.engine: Engine = sa.create_engine(
                self.url, pool_size=8, max_overflow=8, pool_timeout=10, pool_pre_ping=True,
                connect_args={"connect_timeout": 5})
        else:
            path = Path(self.url.database or "")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                _private_file(path)
            except OSError as exc:
                raise DatabaseConfigError(f"cannot create {path.parent}: {exc}") from exc
            self.engine = sa.create_engine(self.url, pool_size=8, max_overflow=16,
                                           pool_timeout=10,
                                           connect_args={"check_same_thread": False,
                                                         "timeout": 10})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        try:
            self.vault = KeyVault(*load_server_key(self._default_key_file()))
        except ServerKeyError as exc:
            raise DatabaseConfigError(str(exc)) from exc

    def _default_key_file(self) -> Path:
        """`<db>.key` beside an SQLite file, else `server.key` in the platform's data dir."""
        if not self.pg:
            p = Path(self.url.database or "")
            return p.with_name(p.name + ".key")
        from platformdirs import user_data_dir

        return Path(user_data_dir("DeungdaeCentral")) / "server.key"

    def describe(self) -> str:
        return self.url.render_as_string(hide_password=True)

    def init(self) -> None:
        """Create missing tables and check the schema version; raise with a clear message."""
        try:
            CentralModel.metadata.create_all(self.engine)
            with self.write() as con:
                row = con.one("SELECT value FROM meta WHERE key = 'schema_version'")
                if row is None:
                    con.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)",
                                (str(SCHEMA_VERSION),))
                elif int(row[0]) > SCHEMA_VERSION:
                    raise DatabaseConfigError(
                        f"{self.describe()} has schema version {row[0]}, newer than this "
                        f"deungdae-central ({SCHEMA_VERSION}); upgrade deungdae-central")
                self._seal_escrowed_keys(con)
        except ServerKeyError as exc:
            raise DatabaseConfigError(f"cannot open {self.describe()}: {exc}") from exc
        except DB_ERRORS as exc:
            raise DatabaseUnavailable(f"cannot open {self.describe()}: "
                                      f"{classify(exc)}") from exc
        except (DatabaseUnavailable, DatabaseRefused) as exc:
            raise DatabaseUnavailable(f"cannot open {self.describe()}: {exc}") from exc

    def _seal_escrowed_keys(self, con: Conn) -> None:
        """Encrypt plaintext keys left by older versions; check the server key opens the
        sealed ones (one clear error now, not a failed check on every batch later)."""
        checked = False
        for pid, stored in con.all("SELECT id, chain_key FROM plant "
                                   "WHERE chain_key IS NOT NULL"):
            if not KeyVault.is_sealed(stored):
                con.execute("UPDATE plant SET chain_key = ? WHERE id = ?",
                            (self.vault.seal(pid, stored), pid))
            elif not checked:
                self.vault.open(pid, stored)
                checked = True

    @contextlib.contextmanager
    def read(self) -> Iterator[Conn]:
        """A connection for reads (its transaction is rolled back when returned)."""
        try:
            raw = self.engine.raw_connection()
        except DB_ERRORS as exc:
            raise classify(exc) from exc
        try:
            yield Conn(raw.driver_connection, self.pg)
        except DB_ERRORS as exc:
            raise classify(exc) from exc
        finally:
            with contextlib.suppress(*DB_ERRORS):
                raw.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[Conn]:
        """One write transaction: committed when the block ends, rolled back on error.

        The caller returns its answer only after this commit, so an acknowledged batch is
        durable.
        """
        with self.read() as con:
            try:
                if not self.pg:
                    con.raw.execute("BEGIN IMMEDIATE")
                yield con
                con.raw.commit() if self.pg else con.raw.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(*DB_ERRORS):
                    if self.pg:
                        con.raw.rollback()
                    elif con.raw.in_transaction:
                        con.raw.execute("ROLLBACK")
                raise

    def lock_plant(self, con: Conn, plant_id: int) -> tuple | None:
        """Lock one plant's row for this transaction (PostgreSQL; SQLite holds a write lock)."""
        return con.one(
            "SELECT stored_seq, head_mac, chain_ok, problem_count, chain_key, key_id FROM plant "
            "WHERE id = ?" + (" FOR UPDATE" if self.pg else ""), (plant_id,))

    def dispose(self) -> None:
        self.engine.dispose()


def _private_file(path: Path) -> None:
    """Create the SQLite file readable by its owner only (0600), or tighten an old one."""
    import os

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    os.close(fd)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


def _sqlite_pragmas(dbapi_con: sqlite3.Connection, _record: Any) -> None:
    dbapi_con.isolation_level = None  # we issue BEGIN IMMEDIATE / COMMIT ourselves
    dbapi_con.execute("PRAGMA journal_mode=WAL")
    dbapi_con.execute("PRAGMA synchronous=FULL")
    dbapi_con.execute("PRAGMA busy_timeout=10000")
    dbapi_con.execute("PRAGMA cache_size=-32000")
