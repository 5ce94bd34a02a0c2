"""The web application: `create_app(db_path)` gives the FastAPI app that serves the pages
and the JSON API over one store, opened read-only for every request but a user's
correction (`corrections.py`), which opens it writable for that one write."""

from __future__ import annotations

import sqlite3
from datetime import date
from importlib import resources
from pathlib import Path

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from counterclaim import __version__
from counterclaim.present.web.timeline_chart import format_date
from counterclaim.present.web.views import safe_href
from counterclaim.store import browse

# No inline script or style anywhere: every script and stylesheet is a file under /static.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
WEB = Path(str(resources.files("counterclaim.present.web")))


def templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(WEB / "templates"),
        autoescape=True,  # every template, whatever its name
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["nice_date"] = nice_date
    env.filters["safe_href"] = safe_href
    return Jinja2Templates(env=env)


def nice_date(value: str | None, precision: str = "day") -> str:
    """`2017-10-05` → `5 Oct 2017` (`Oct 2017` for a month, `2017` for a year)."""
    if not value:
        return ""
    try:
        return format_date(date.fromisoformat(value[:10]), precision)
    except ValueError:
        return value


def _error_response(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return request.app.state.templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )


def create_app(db_path: str | Path) -> FastAPI:
    """The app serving the store at `db_path` (which must exist: it is never created)."""
    from counterclaim.present.web import api, corrections, pages

    app = FastAPI(
        title="counterclaim",
        version=__version__,
        summary="Who claims what, who disputes it, and where each report came from.",
        # the interactive docs load scripts from a CDN, which the CSP (rightly) refuses
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.db_path = str(db_path)
    app.state.templates = templates()

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error_response(request, exc.status_code, str(exc.detail))

    @app.exception_handler(sqlite3.OperationalError)
    async def store_error(request: Request, exc: sqlite3.OperationalError) -> Response:
        if "interrupted" in str(exc):  # browse.limit_query_time
            return _error_response(
                request, 503, f"the query took too long (over {browse.QUERY_SECONDS:g} s)"
            )
        raise exc

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors()
        )
        return _error_response(request, 422, problems or "invalid request")

    app.mount("/static", StaticFiles(directory=WEB / "static"), name="static")
    app.include_router(api.router)
    app.include_router(corrections.api)
    app.include_router(corrections.router)
    app.include_router(pages.router)
    return app
