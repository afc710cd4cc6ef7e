"""Upload bodies are not read before the token and the size are checked (issue #29, defect 6).

Before the fix, FastAPI parsed (and spooled to disk) the whole multipart body before the
endpoint checked the token, so 3 GB were written to /tmp before the 403, even on a server
started without `--token`. Measured here on a real uvicorn server over a raw socket: the client
declares a huge body, sends a little of it, and must get its answer while most of the body was
never sent (no 3 GB file: the server must answer within a second of the headers).
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from storyline.serve.api import create_app

DECLARED = 3 * 1024 ** 3  # what the client claims to send


@pytest.fixture
def server(tmp_path):
    servers = []

    def start(token: str | None, max_upload: int = 4096) -> int:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        sock.close()
        app = create_app(str(tmp_path / "up.db"), token=token, max_upload=max_upload)
        srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
        threading.Thread(target=srv.run, daemon=True).start()
        deadline = time.monotonic() + 20
        while not srv.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.02)
        servers.append(srv)
        return port

    yield start
    for srv in servers:
        srv.should_exit = True


def _post(port: int, headers: dict[str, str], body_chunks: int = 4, chunked: bool = False) -> tuple[int, float]:
    """POST /api/ingest declaring DECLARED bytes (or chunked), send `body_chunks` x 16 KB, then
    wait for the status line. Returns (status, seconds from the end of the headers)."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        head = ["POST /api/ingest HTTP/1.1", f"Host: 127.0.0.1:{port}",
                "Content-Type: multipart/form-data; boundary=xyz"]
        head += ["Transfer-Encoding: chunked"] if chunked else [f"Content-Length: {DECLARED}"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        conn.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        started = time.monotonic()
        part = b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        payload = part + b"x" * (16384 - len(part))
        for i in range(body_chunks):
            data = payload if i == 0 else b"x" * 16384
            try:
                conn.sendall(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
            except OSError:  # the server answered and closed: that is the point
                break
        status = conn.recv(64).split(b" ")[1]
        return int(status), time.monotonic() - started
    finally:
        conn.close()


def test_no_upload_route_without_a_token(server):
    port = server(None)
    status, seconds = _post(port, {})
    assert status == 404 and seconds < 1.0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}])
def test_wrong_token_refused_before_the_body(server, headers):
    port = server("s3cret")
    status, seconds = _post(port, headers)
    assert status == 403 and seconds < 1.0


def test_declared_size_over_the_cap_refused_before_the_body(server):
    port = server("s3cret")
    status, seconds = _post(port, {"Authorization": "Bearer s3cret"})
    assert status == 413 and seconds < 1.0


def test_chunked_body_stopped_at_the_cap(server):
    """No length to check first: the body is counted as it comes and cut off past the cap."""
    port = server("s3cret", max_upload=4096)
    status, seconds = _post(port, {"Authorization": "Bearer s3cret"}, body_chunks=64, chunked=True)
    assert status == 413 and seconds < 2.0
