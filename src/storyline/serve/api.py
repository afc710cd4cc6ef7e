"""The HTTP app: read-only JSON API under /api/, the web UI at /, OpenAPI docs at /docs.

Read-only by default: every request opens the store read-only. Uploads (POST /api/ingest) exist
only when the app is created with a token, and then need `Authorization: Bearer <token>`.

Every response carries a strict Content-Security-Policy: article text is untrusted, and the UI
never needs inline script or style, nor anything from another origin. FastAPI's stock /docs page
loads Swagger UI from a CDN with an inline script, which that policy forbids, so /docs is our own
static page using Swagger UI 5 vendored from npm's swagger-ui-dist (web/vendor/; the 3.x shipped by the
`swagger-ui-bundle` wheel cannot render the OpenAPI 3.1 that FastAPI emits).
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import os
import re
import tempfile
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request, UploadFile
from starlette.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from fastapi.staticfiles import StaticFiles

from storyline.serve import api_models as m
from storyline.serve.api_routes import router
from storyline.serve.api_views import router as views_router
from storyline.serve.framing_cache import FramingCache
from storyline.store import StoreError, open_store, resolve_target
from storyline.store.redact import redact

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}
MAX_UPLOAD_BYTES = 20 * 1024 * 1024  # per request, all files together
MAX_UPLOAD_FILES = 200
_SAFE_NAME = re.compile(r"[^\w.\-]")


def web_dir() -> Path:
    return Path(str(resources.files("storyline.serve") / "web"))


def migrate_once(target: str) -> None:
    """Requests open the store read-only, and a read-only store cannot be migrated: bring an
    existing store to the current schema once, here (SPEC: migrated automatically on open). A
    store that cannot be opened read-write (read-only file system, newer schema) is left alone;
    requests then report why."""
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).is_file():
        return  # nothing to migrate; never create an empty store just by serving
    try:
        open_store(target).close()
    except Exception:  # noqa: BLE001 -- never fail start-up here: each request reports the store's error
        pass


def create_app(db: str | None = None, token: str | None = None, max_upload: int = MAX_UPLOAD_BYTES) -> FastAPI:
    app = FastAPI(title="storyline", version="0.1", docs_url=None, redoc_url=None,
                  description="Chinese-language news: entities, events, quotes, disputes, timeline. Read-only "
                              "unless started with a token (then POST /api/ingest accepts uploads).")
    app.state.db = resolve_target(db)
    migrate_once(app.state.db)
    app.state.framing = FramingCache()
    app.state.framing_warm = app.state.framing.warm(app.state.db)  # joinable (bench/serve.py waits)
    app.state.token = token or None
    app.state.max_upload = max_upload
    app.state.ingest_lock = threading.Lock()  # one writer at a time
    app.include_router(router)
    app.include_router(views_router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """Every error body passes here: a store's message never carries its password."""
        detail = redact(exc.detail) if isinstance(exc.detail, str) else exc.detail
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers[key] = value
        if request.url.path.startswith("/api/"):
            response.headers["Cache-Control"] = "no-store"
        return response

    if app.state.token is not None:  # without a token there is no upload route at all
        app.post("/api/ingest", response_model=m.IngestResult, summary="上传 Upload files to ingest (token only)",
                 openapi_extra=UPLOAD_BODY, responses={403: {"description": "missing or wrong bearer token"},
                                                       413: {"description": "too large or too many files"}},
                 )(ingest_upload)

    web = web_dir()
    app.mount("/static", StaticFiles(directory=str(web)), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(web / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return FileResponse(web / "docs.html", media_type="text/html; charset=utf-8")

    # Everything alive now (modules, routes, pydantic schemas) lives as long as the process. A
    # timeline page allocates thousands of small objects, which triggers full collections; frozen,
    # those long-lived objects are no longer rescanned by each one (measured: p95 of a 500-event
    # timeline call 71 -> 39 ms CPU). Objects still die by reference counting as usual.
    gc.freeze()
    return app


UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}}}}}


async def ingest_upload(request: Request) -> m.IngestResult:
    """POST /api/ingest. The token and the declared size are checked from the headers before a
    byte of the body is read, and the body is counted as it arrives (a chunked upload has no
    length to check first): a client without the token, or with too much, costs a header's
    worth of work, never a spooled body. (FastAPI's `File()` parameters would parse the whole
    multipart body before the endpoint runs, hence the form is read here by hand.)"""
    app = request.app
    _check_token(app.state.token, request.headers.get("authorization"))
    limit = app.state.max_upload
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit + 64 * 1024):
        raise HTTPException(413, f"upload larger than {limit} bytes")  # + room for the multipart framing
    counted = Request(request.scope, _counting(request.receive, limit + 64 * 1024, limit))
    try:
        form = await counted.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES)
    except HTTPException:
        raise
    except Exception as exc:  # a malformed body, too many parts
        raise HTTPException(400, f"cannot read the upload: {type(exc).__name__}: {exc}") from None
    try:
        files = [f for f in form.getlist("files") if hasattr(f, "read")]
        if not files:
            raise HTTPException(422, "no files: send multipart/form-data with one or more `files` parts")
        return await run_in_threadpool(_ingest_files, app, files)
    finally:
        await form.close()


def _counting(receive, cap: int, limit: int):
    """An ASGI receive that stops the request with 413 once more than `cap` body bytes came."""
    seen = 0

    async def wrapped():
        nonlocal seen
        message = await receive()
        if message.get("type") == "http.request":
            seen += len(message.get("body", b""))
            if seen > cap:
                raise HTTPException(413, f"upload larger than {limit} bytes")
        return message
    return wrapped


def _check_token(token: str | None, authorization: str | None) -> None:
    if token is None:
        raise HTTPException(403, "uploads are disabled: start `storyline serve` with --token")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "a valid bearer token is required")


def upload_dir(target: str) -> Path:
    """Where uploaded files are kept: `STORYLINE_UPLOAD_DIR`, else beside a SQLite file
    (`<file>.uploads/`), else `storyline-uploads/` in the working folder (PostgreSQL)."""
    if os.environ.get("STORYLINE_UPLOAD_DIR"):
        return Path(os.environ["STORYLINE_UPLOAD_DIR"])
    if target.startswith(("postgresql://", "postgres://")):
        return Path.cwd() / "storyline-uploads"
    return Path(f"{target}.uploads")


def _ingest_files(app: FastAPI, files: list[UploadFile]) -> m.IngestResult:
    """Keep each upload under `<upload dir>/<SHA-256 of its bytes>/<its own name>` and ingest
    those files. Before, uploads went to a fresh temporary folder: the same file uploaded
    again became a new article every time (its source key is its path), the stored path named
    a deleted file, and a crash left the folder behind. Keyed by content and name, an upload
    again is `unchanged`, the path stays readable, and a file is written as `.<name>.part` and
    renamed into place (ingest skips hidden names), so a crash leaves no half file in use."""
    from storyline.ingest import ingest
    from storyline.store import open_store

    limit, used = app.state.max_upload, 0
    root = upload_dir(app.state.db)
    kept: list[str] = []
    for i, upload in enumerate(files):
        name = _SAFE_NAME.sub("_", Path(upload.filename or "").name).lstrip(".") or f"upload-{i}.txt"
        root.mkdir(parents=True, exist_ok=True)
        part = Path(tempfile.mkstemp(prefix=f".{name[:50]}.", suffix=".part", dir=root)[1])
        digest = hashlib.sha256()
        try:
            with part.open("wb") as out:
                while chunk := upload.file.read(1 << 16):
                    used += len(chunk)
                    if used > limit:
                        raise HTTPException(413, f"upload larger than {limit} bytes")
                    digest.update(chunk)
                    out.write(chunk)
            final = root / digest.hexdigest()[:32] / name
            final.parent.mkdir(exist_ok=True)
            os.replace(part, final)
        finally:
            part.unlink(missing_ok=True)
        kept.append(str(final))
    with app.state.ingest_lock:
        try:
            store = open_store(app.state.db)
            try:
                summary = ingest(store, kept)
            finally:
                store.close()
        except StoreError as exc:  # the store cannot take it (full disk, lock): say so, not a bare 500
            raise HTTPException(503, str(exc)) from None
    return m.IngestResult(files=len(files), summary=summary.line(), failures=summary.failures)
