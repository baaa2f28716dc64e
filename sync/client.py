"""HTTP to the central platform (`sync.wire` protocol), with failures turned into `sync.errors`.

TLS is verified (httpx's default); `ca_bundle` trusts a private CA instead of the public
ones. Every failure becomes one exception whose message says what to do: the caller
never has to read an httpx traceback to tell a revoked token from a dropped link.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from deungdae.sync import errors, wire

T = TypeVar("T", bound=BaseModel)

# Connect fast (a dead link should show quickly), but give a committing batch time.
TIMEOUT = httpx.Timeout(60.0, connect=10.0)


def normalize_url(url: str) -> str:
    """The platform's base address as typed, without a trailing slash or the API prefix."""
    url = url.strip().rstrip("/")
    if url.endswith(wire.API_PREFIX):
        url = url[: -len(wire.API_PREFIX)]
    if "://" not in url:
        url = "https://" + url
    return url


def _ssl_context(ca_bundle: str | None) -> ssl.SSLContext | bool:
    if not ca_bundle:
        return True
    try:
        return ssl.create_default_context(cafile=ca_bundle)
    except (OSError, ssl.SSLError) as exc:
        raise errors.CertificateError(
            f"cannot use the CA bundle {ca_bundle}: {exc}; give a PEM file with the "
            "platform's CA certificate") from exc


def _root_cause(exc: BaseException) -> BaseException:
    seen = set()
    while exc.__cause__ is not None or exc.__context__ is not None:
        if id(exc) in seen:
            break
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return exc


def _find(exc: BaseException, kind: type) -> BaseException | None:
    seen = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, kind):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


# The prefix of a 409 detail that means "gap: resend from expected_seq" (the platform
# guarantees it: central.ingest.GAP).
GAP_PREFIX = "gap:"


class Client:
    """One platform address and (after registration) one plant's token."""

    def __init__(self, url: str, token: str | None = None, *, ca_bundle: str | None = None,
                 timeout: httpx.Timeout | float = TIMEOUT,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.url = normalize_url(url)
        headers = {"User-Agent": "deungdae-sync/1"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(base_url=self.url + wire.API_PREFIX, headers=headers,
                                  verify=_ssl_context(ca_bundle), timeout=timeout,
                                  transport=transport)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ endpoints
    def register(self, req: wire.RegisterRequest) -> wire.RegisterResponse:
        r = self._request("POST", "/register", content=req.model_dump_json().encode(),
                          headers={"Content-Type": "application/json"}, registering=True)
        return self._parse(r, wire.RegisterResponse)

    def position(self) -> wire.Position:
        return self._parse(self._request("GET", "/position"), wire.Position)

    def ingest(self, gz_body: bytes) -> wire.Ack:
        """Send one gzip'd `wire.Batch`; returns only once the platform committed it."""
        r = self._request("POST", "/ingest", content=gz_body,
                          headers={"Content-Type": "application/json",
                                   "Content-Encoding": "gzip"})
        return self._parse(r, wire.Ack)

    def fork_report(self, report: wire.ForkReport) -> wire.ForkAck:
        """Tell the platform this record and its copy parted (the operator sees it)."""
        r = self._request("POST", "/fork-report", content=report.model_dump_json().encode(),
                          headers={"Content-Type": "application/json"})
        return self._parse(r, wire.ForkAck)

    # ------------------------------------------------------------------ plumbing
    def _request(self, method: str, path: str, *, registering: bool = False,
                 **kw) -> httpx.Response:
        where = self.url
        try:
            r = self._http.request(method, path, **kw)
        except httpx.TimeoutException as exc:
            raise errors.Unreachable(f"the platform at {where} did not answer in time "
                                     f"({exc.__class__.__name__}); will retry") from exc
        except httpx.ConnectError as exc:
            cert = _find(exc, ssl.SSLCertVerificationError)
            if cert is not None:
                why = getattr(cert, "verify_message", "") or str(cert)
                raise errors.CertificateError(
                    f"the platform's certificate was not trusted: {why} ({where}); if it "
                    "uses a private CA, register with --ca-bundle FILE") from exc
            if _find(exc, ssl.SSLError) is not None:
                raise errors.CertificateError(
                    f"the TLS handshake with {where} failed: {_root_cause(exc)}") from exc
            if _find(exc, socket.gaierror) is not None:
                raise errors.Unreachable(
                    f"no Deungdae platform at {where}: the name does not resolve (check the "
                    "address and this computer's network)") from exc
            raise errors.Unreachable(
                f"no Deungdae platform at {where}: {_root_cause(exc)} (check the address; "
                "the platform may be down or the network unplugged)") from exc
        except httpx.TransportError as exc:
            raise errors.Unreachable(f"the connection to {where} broke ({exc.__class__.__name__}:"
                                     f" {exc}); will retry") from exc
        if r.status_code < 400:
            return r
        detail, expected = self._detail(r)
        code = r.status_code
        if code == 401:
            if registering:
                raise errors.RegistrationRefused(
                    f"the registration code was not accepted: {detail}; ask the platform "
                    "admin for a new one (`deungdae-central plant add`)")
            raise errors.TokenRejected(
                f"the platform at {where} no longer accepts this computer's token ({detail}); "
                "it was revoked or expired: register again with a new code "
                "(`deungdae register URL CODE`)")
        if code == 404 and (detail in ("", "Not Found") or not self._is_json(r)):
            raise errors.NotAPlatform(
                f"no Deungdae platform at {where} ({method} {wire.API_PREFIX}{path} answered "
                "404); check the address")
        if registering and code in (403, 404, 409, 410, 422):
            raise errors.RegistrationRefused(
                f"the registration code was not accepted: {detail}; ask the platform admin "
                "for a new one (`deungdae-central plant add`)")
        if code == 409:
            # The platform starts every ingest 409 detail with exactly "gap:" or "fork:"
            # (`central.ingest.GAP` / `FORK`). Only a gap with a position to resume from is
            # resumed; anything else is taken as a fork, which stops rather than resends.
            if detail.startswith(GAP_PREFIX) and expected is not None:
                raise errors.GapError(detail, expected)
            raise errors.ForkError(detail)
        if code == 413:
            raise errors.BatchTooLarge(f"the platform refused a batch as too large: {detail}")
        if code >= 500:
            raise errors.ServerUnavailable(
                f"the platform at {where} cannot store data now ({code} {detail}); will retry")
        raise errors.Rejected(f"the platform refused {method} {path} ({code}): {detail}")

    @staticmethod
    def _is_json(r: httpx.Response) -> bool:
        return "json" in r.headers.get("content-type", "")

    @staticmethod
    def _detail(r: httpx.Response) -> tuple[str, int | None]:
        with contextlib.suppress(ValueError, TypeError, AttributeError):
            body = r.json()
            if isinstance(body, dict):
                d = body.get("detail", "")
                exp = body.get("expected_seq")
                if not isinstance(d, str):
                    d = json.dumps(d, ensure_ascii=False)[:300]
                return d, exp if isinstance(exp, int) else None
        return r.text[:200].strip() or r.reason_phrase, None

    def _parse(self, r: httpx.Response, model: type[T]) -> T:
        try:
            return model.model_validate_json(r.content)
        except ValidationError as exc:
            raise errors.NotAPlatform(
                f"{self.url} answered {r.request.url.path} with something that is not a "
                f"Deungdae platform's answer ({exc.error_count()} problem(s)); check the "
                "address") from exc
