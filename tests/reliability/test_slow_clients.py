"""`serve` bounds slow and numerous clients (issue #29, defect 11).

Before the fix, uvicorn had no header timeout (a client dripping its headers kept its
connection, and file descriptor, forever: slowloris) and no cap on open connections. Measured
on a real server over raw sockets, with a short timeout and a small cap for speed.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from storyline.serve.api import create_app
from storyline.serve.server import GuardedH11Protocol, server_config


class Quick(GuardedH11Protocol):
    header_timeout = 1.0
    max_connections = 20


@pytest.fixture
def port(tmp_path):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    free = sock.getsockname()[1]
    sock.close()
    srv = uvicorn.Server(server_config(create_app(str(tmp_path / "none.db")), "127.0.0.1", free, Quick))
    threading.Thread(target=srv.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    yield free
    srv.should_exit = True


def _closed(conn: socket.socket, within: float) -> bool:
    conn.settimeout(within)
    try:
        return conn.recv(1024) == b""
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def test_dripped_headers_are_cut_off(port):
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
    started = time.monotonic()
    closed = False
    while time.monotonic() - started < 5:  # one header byte every 0.2 s, never finishing
        try:
            conn.sendall(b"X")
        except OSError:
            closed = True
            break
        if _closed(conn, 0.2):
            closed = True
            break
    assert closed and time.monotonic() - started < 3.0
    conn.close()


def test_a_slow_client_between_requests_is_cut_off_too(port):
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
    conn.settimeout(5)
    assert conn.recv(12).startswith(b"HTTP/1.1 200")
    conn.sendall(b"GET /api/stats HTTP/1.1\r\n")  # the next request's headers never end
    assert _closed_eventually(conn, 4.0)
    conn.close()


def _closed_eventually(conn: socket.socket, within: float) -> bool:
    deadline = time.monotonic() + within
    conn.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if conn.recv(65536) == b"":
                return True
        except socket.timeout:
            continue
        except ConnectionResetError:
            return True
    return False


def test_connections_past_the_cap_are_closed_at_once(port):
    idle = [socket.create_connection(("127.0.0.1", port)) for _ in range(20)]
    time.sleep(0.3)
    extra = socket.create_connection(("127.0.0.1", port))
    assert _closed(extra, 1.0)
    for conn in idle:
        conn.close()
    time.sleep(0.3)
    ok = socket.create_connection(("127.0.0.1", port))
    ok.sendall(b"GET /openapi.json HTTP/1.1\r\nHost: x\r\n\r\n")
    ok.settimeout(5)
    assert ok.recv(12).startswith(b"HTTP/1.1 200")
    ok.close()
