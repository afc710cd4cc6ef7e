"""The HTTP server `storyline serve` runs: uvicorn, with a header timeout and a connection cap.

uvicorn times out idle keep-alive connections, but not a client that sends its request headers
a byte at a time (slowloris): each such connection holds a file descriptor for as long as the
client likes, and a few thousand exhaust the process. `GuardedH11Protocol` gives every request
HEADER_TIMEOUT seconds from the connection (or the previous response) to the end of its
headers, then closes the connection, and closes a new connection at once while MAX_CONNECTIONS
are open. A request whose headers arrived is served as usual (uvicorn's `limit_concurrency`,
the same cap, answers 503 to a request beyond it). Subclassing uvicorn's h11 protocol is the
one place these limits can be applied before the application sees anything.
"""

from __future__ import annotations

import asyncio

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds to send a request's headers
MAX_CONNECTIONS = 512  # open connections, well under the usual 1024 file descriptors


class GuardedH11Protocol(H11Protocol):
    header_timeout = HEADER_TIMEOUT
    max_connections = MAX_CONNECTIONS

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._header_timer: asyncio.TimerHandle | None = None
        if len(self.connections) > self.max_connections:
            transport.close()  # refused before it costs anything more than the accept
            return
        self._arm()

    def _arm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        serving = self.cycle is not None and not self.cycle.response_complete
        if not serving and not self.transport.is_closing():
            self.transport.close()  # no complete request line and headers in time

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before and self._header_timer is not None:  # headers complete
            self._header_timer.cancel()
            self._header_timer = None

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this keep-alive connection gets the same time

    def connection_lost(self, exc: Exception | None) -> None:
        if getattr(self, "_header_timer", None) is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)


def server_config(app, host: str, port: int, protocol: type[H11Protocol] = GuardedH11Protocol) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=protocol,
                          limit_concurrency=protocol.max_connections, timeout_keep_alive=5)
