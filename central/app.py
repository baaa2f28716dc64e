"""The HTTP API of the central platform (FastAPI).

The app holds no state of its own beyond a connection pool: every answer comes from the
database, so any number of app processes can serve one PostgreSQL behind a load balancer.
Every error is a JSON body with a `detail` a person can act on (`wire.ErrorBody`); a 409
also carries `expected_seq`, and a 503 (database unavailable) carries `Retry-After`.
"""


import os
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from deungdae.central import auth, forks, queries
from deungdae.central import schemas as s
from deungdae.central.body_limit import BodyLimit
from deungdae.central.db import Database, DatabaseRefused, DatabaseUnavailable
from deungdae.central.ingest import IngestError, inflate, ingest, parse, prepare
from deungdae.sync import wire

MAX_SPAN_MS = 3660 * 86_400_000  # ten years: charts coarser than a day per point are rare
MAX_RAW_LIMIT = 100_000
MAX_LIMIT = 10_000
RETRY_AFTER_S = "5"

_bearer = HTTPBearer(auto_error=False, description="plant token (from /register) or, for "
                                                   "/cluster, an operator token")
Creds = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
TimeMs = Annotated[int, Query(ge=0, le=2**53, description="UTC milliseconds")]

_DESCRIPTIONS = {
    400: "the request is malformed (says what is wrong)",
    401: "no token, or the token was not accepted (says what to do)",
    404: "no such channel or table",
    409: "conflict: gap or fork (with `expected_seq`), used registration code, other key",
    413: "body too large (compressed or inflated)",
    422: "a field is invalid (says which)",
    503: "database unavailable; try again after `Retry-After` seconds",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    out: dict[int | str, dict[str, Any]] = {}
    for c in codes:
        out[c] = {"model": s.ErrorBody, "description": _DESCRIPTIONS[c]}
    out[503]["headers"] = {"Retry-After": {"schema": {"type": "string"},
                                           "description": "seconds"}}
    return out


class ApiError(Exception):
    def __init__(self, status: int, detail: str, expected_seq: int | None = None) -> None:
        super().__init__(detail)
        self.status, self.detail, self.expected_seq = status, detail, expected_seq


def _body(status: int, detail: str, expected_seq: int | None = None,
          headers: dict[str, str] | None = None) -> JSONResponse:
    content: dict[str, Any] = {"detail": detail}
    if expected_seq is not None:
        content["expected_seq"] = expected_seq
    return JSONResponse(content, status_code=status, headers=headers)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    @app.exception_handler(IngestError)
    async def _api(_r: Request, exc: Any) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _body(exc.status, exc.detail, getattr(exc, "expected_seq", None), headers)

    @app.exception_handler(auth.AuthError)
    async def _auth(_r: Request, exc: auth.AuthError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return _body(exc.status, exc.detail, headers=headers)

    @app.exception_handler(queries.NotFound)
    async def _nf(_r: Request, exc: queries.NotFound) -> JSONResponse:
        return _body(404, str(exc))

    @app.exception_handler(DatabaseUnavailable)
    async def _unavail(_r: Request, exc: DatabaseUnavailable) -> JSONResponse:
        return _body(503, f"{exc}; try again shortly", headers={"Retry-After": RETRY_AFTER_S})

    @app.exception_handler(DatabaseRefused)
    async def _refused(_r: Request, exc: DatabaseRefused) -> JSONResponse:
        return _body(400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_r: Request, exc: RequestValidationError) -> JSONResponse:
        errs = exc.errors()
        parts = [f"{'.'.join(str(x) for x in e.get('loc', ())) or 'request'}: {e.get('msg')}"
                 for e in errs[:5]]
        more = f" (and {len(errs) - 5} more)" if len(errs) > 5 else ""
        return _body(422, "invalid request: " + "; ".join(parts) + more)


def _range(start: int, end: int) -> None:
    if start >= end:
        raise ApiError(422, f"start ({start}) must be before end ({end})")
    if end - start > MAX_SPAN_MS:
        raise ApiError(422, f"the range spans {end - start} ms; at most {MAX_SPAN_MS} "
                            "(ten years) per query")


def create_app(db_url: str | None = None, db: Database | None = None) -> FastAPI:
    """The app over `db` (or a new Database for `db_url`, `$DEUNGDAE_CENTRAL_DB`, default)."""
    database = db or Database(db_url or os.environ.get("DEUNGDAE_CENTRAL_DB"))
    database.init()
    app = FastAPI(title="Deungdae central platform", version="1",
                  description="Receives plants' sealed records (see `sync.wire`), checks "
                              "their hash chains and serves queries.")
    app.state.db = database
    app.add_middleware(BodyLimit)
    _install_handlers(app)
    P = wire.API_PREFIX

    def plant(creds: Creds) -> int:
        with database.read() as con:
            return auth.plant_for_token(con, creds.credentials if creds else None)[0]

    Plant = Annotated[int, Depends(plant)]

    @app.get(P + "/health", response_model=s.Health, responses=errors(503))
    def health() -> s.Health:
        with database.read() as con:
            con.one("SELECT 1")
        return s.Health(status="ok", server_time=auth.now_ms())

    @app.post(P + "/register", response_model=wire.RegisterResponse,
              responses=errors(400, 401, 409, 422, 503))
    def register(req: wire.RegisterRequest) -> wire.RegisterResponse:
        """Exchange a one-time registration code for this plant's token (escrows the key)."""
        pid, name, token = auth.register(database, req.code, req.key_id, req.chain_key,
                                         req.client_version)
        return wire.RegisterResponse(plant_id=pid, plant_name=name, token=token,
                                     server_time=auth.now_ms())

    @app.get(P + "/position", response_model=wire.Position, responses=errors(401, 503))
    def position(pid: Plant) -> wire.Position:
        """Where the platform's copy of this plant's chain stands: send from stored_seq + 1."""
        with database.read() as con:
            return queries.position(con, pid, auth.now_ms())

    @app.post(P + "/ingest", response_model=wire.Ack,
              responses=errors(400, 401, 409, 413, 422, 503),
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/Batch"}}}}})
    async def ingest_batch(request: Request, pid: Plant) -> wire.Ack:
        """Store a batch (`wire.Batch`, gzip allowed); answered only after it is committed."""
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > wire.MAX_BODY_BYTES:
            raise ApiError(413, f"the body is {int(length):,} bytes; at most "
                                f"{wire.MAX_BODY_BYTES:,}: send smaller batches")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > wire.MAX_BODY_BYTES:
                raise ApiError(413, f"the body is over {wire.MAX_BODY_BYTES:,} bytes: send "
                                    "smaller batches")
            chunks.append(chunk)
        body = b"".join(chunks)

        def work() -> wire.Ack:
            data = inflate(body, request.headers.get("content-encoding"))
            return ingest(database, pid, prepare(parse(data)))

        return await run_in_threadpool(work)

    @app.post(P + "/fork-report", response_model=wire.ForkAck,
              responses=errors(400, 401, 413, 422, 503))
    def fork_report(report: wire.ForkReport, pid: Plant) -> wire.ForkAck:
        """The plant's client saw its record and the platform's copy part: recorded for
        the operator (`plant list`, the cluster view); the same fork again is counted."""
        with database.write() as con:
            row = con.one("SELECT key_id FROM plant WHERE id = ?", (pid,))
            if row is None or row[0] != report.key_id:
                raise ApiError(400, f"the report is about key {report.key_id}; this plant "
                                    f"registered key {row[0] if row else None}")
            n = forks.record(con, pid, "client", report.platform_seq, report.detail,
                             local_seq=report.local_seq, local_mac=report.local_mac,
                             first_differing=report.first_differing)
        return wire.ForkAck(recorded=True, reports=n, server_time=auth.now_ms())

    @app.get(P + "/channels", response_model=list[s.ChannelOut], responses=errors(401, 503))
    def channels(pid: Plant) -> list[s.ChannelOut]:
        with database.read() as con:
            return queries.channels(con, pid)

    @app.get(P + "/readings", response_model=s.ReadingsOut,
             responses=errors(401, 404, 422, 503))
    def readings(pid: Plant, channel: Annotated[str, Query(min_length=1, max_length=200)],
                 start: TimeMs, end: TimeMs,
                 max_points: Annotated[int, Query(ge=1, le=10_000)] = 2000) -> s.ReadingsOut:
        """At most `max_points` (min, max, avg) buckets, downsampled as the desktop does."""
        _range(start, end)
        with database.read() as con:
            return queries.readings(con, pid, channel, start, end, max_points)

    @app.get(P + "/readings/raw", response_model=s.RawOut, responses=errors(401, 404, 422, 503))
    def readings_raw(pid: Plant, channel: Annotated[str, Query(min_length=1, max_length=200)],
                     start: TimeMs, end: TimeMs,
                     limit: Annotated[int, Query(ge=1, le=MAX_RAW_LIMIT)] = 10_000) -> s.RawOut:
        """Raw readings of one channel with start <= ts < end, oldest first."""
        _range(start, end)
        with database.read() as con:
            return queries.raw_readings(con, pid, channel, start, end, limit)

    @app.get(P + "/events", response_model=list[s.EventOut], responses=errors(401, 422, 503))
    def events(pid: Plant, start: TimeMs, end: TimeMs,
               kind: Annotated[str | None, Query(max_length=200)] = None,
               limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000) -> list[s.EventOut]:
        """Events with start <= ts < end (optionally of one kind), oldest first."""
        _range(start, end)
        with database.read() as con:
            return queries.events(con, pid, start, end, kind, limit)

    @app.get(P + "/records/{table}", response_model=s.RecordsOut,
             responses=errors(401, 404, 422, 503))
    def records(pid: Plant,
                table: Annotated[str, Path(pattern=wire.TABLE_PATTERN, max_length=63,
                                           description="ingest_block, a core table or a "
                                                       "sector table the plant declared")],
                after_id: Annotated[int, Query(ge=-(2**62), le=2**62)] = 0,
                limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 1000) -> s.RecordsOut:
        """Rows of one record table after `after_id`, oldest first, exactly as received."""
        with database.read() as con:
            return queries.records(con, pid, table, after_id, limit)

    @app.get(P + "/chain", response_model=s.ChainOut, responses=errors(401, 503))
    def chain(pid: Plant) -> s.ChainOut:
        """The state of this plant's chain: head, problems found, entries per table."""
        with database.read() as con:
            return queries.chain_state(con, pid)

    @app.get(P + "/cluster", response_model=s.ClusterOut, responses=errors(401, 422, 503))
    def cluster(creds: Creds, start: Annotated[int | None, Query(ge=0, le=2**53)] = None,
                end: Annotated[int | None, Query(ge=0, le=2**53)] = None) -> s.ClusterOut:
        """Every plant at a glance (operator token): health, latest values, open
        incidents, forks and the headline figures each plant declared, over [start, end)
        (default: the last 24 hours)."""
        now = auth.now_ms()
        t1 = end if end is not None else now
        t0 = start if start is not None else max(0, t1 - 86_400_000)
        _range(t0, t1)
        with database.read() as con:
            auth.check_operator(con, creds.credentials if creds else None)
            return queries.cluster(con, t0, t1)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            doc = get_openapi(title=app.title, version=app.version,
                              description=app.description, routes=app.routes)
            comps = doc.setdefault("components", {}).setdefault("schemas", {})
            batch = wire.Batch.model_json_schema(ref_template="#/components/schemas/{model}")
            comps.update(batch.pop("$defs", {}))
            comps["Batch"] = batch
            app.openapi_schema = doc
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def factory() -> FastAPI:
    """For `uvicorn --factory central.app:factory` (workers read `$DEUNGDAE_CENTRAL_DB`)."""
    return create_app()
