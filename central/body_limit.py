"""Request body limits enforced before any endpoint parses a byte (ASGI middleware).

Why a middleware: FastAPI reads and parses a JSON body before the endpoint runs, so a limit
inside an endpoint comes too late (four parallel 200 MB bodies to the unauthenticated
`/register` once took the server to 1.8 GB). Here a declared `Content-Length` over the
limit is refused at once, and a body without one (chunked) is counted while it streams and
refused as soon as it passes the limit; only a body within the limit is handed on.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from deungdae.sync import wire

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SMALL_BODY_BYTES = 64 * 1024  # /register, /fork-report and anything not listed below
LIMITS: dict[str, int] = {wire.API_PREFIX + "/ingest": wire.MAX_BODY_BYTES}


def limit_for(path: str) -> int:
    """The most bytes a request body to `path` may have."""
    return LIMITS.get(path.rstrip("/"), SMALL_BODY_BYTES)


class BodyLimit:
    """Refuse (413, JSON `detail`) request bodies larger than `limit_for(path)`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = limit_for(path)
        declared = _content_length(scope)
        hint = ": send smaller batches" if limit > SMALL_BODY_BYTES else ""
        if declared is not None and declared > limit:
            await _refuse(send, f"the body is {declared:,} bytes; at most {limit:,} for "
                                f"{path}{hint}")
            return
        messages: list[Message] = []
        size = 0
        while True:
            msg = await receive()
            if msg["type"] != "http.request":  # client went away: let the app see it
                messages.append(msg)
                break
            size += len(msg.get("body", b""))
            if size > limit:
                await _refuse(send, f"the body is over {limit:,} bytes for {path}{hint}")
                return
            messages.append(msg)
            if not msg.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)


def _content_length(scope: Scope) -> int | None:
    for k, v in scope.get("headers", ()):
        if k.lower() == b"content-length":
            try:
                return int(v)
            except ValueError:
                return None
    return None


async def _refuse(send: Send, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
