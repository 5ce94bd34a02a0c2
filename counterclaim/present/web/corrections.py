"""The only writes the web app makes: a user marking a link wrong (or undoing it), from the
button under each reply on a story page (a form, then back to the page) or from the JSON
API. Each opens the store writable for that one write, after checking that the request
comes from this site's own pages (a state change another site must not trigger)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.exceptions import HTTPException

from counterclaim.present.web.responses import LinkCorrection
from counterclaim.store.db import StoreError, connect, transaction
from counterclaim.store.links import LinkOverrideError, reject_link, restore_link

router = APIRouter()
api = APIRouter(prefix="/api", tags=["api"])
NOTE_MAX = 500


def same_origin(request: Request) -> bool:
    """Whether a state-changing request comes from this site. Sec-Fetch-Site, set by the
    browser and never by a page, must say same-origin; an Origin, when sent, must be this
    server's, except `null`, which is what a form posts under our `Referrer-Policy:
    no-referrer` (Sec-Fetch-Site then decides). A client that sends neither (curl, a
    script) is no browser another site could drive."""
    site = request.headers.get("sec-fetch-site")
    origin = request.headers.get("origin")
    if site is not None:
        if site != "same-origin":
            return False
        if origin in (None, "null"):
            return True
    elif origin is None:
        return True
    own = f"{request.url.scheme}://{request.headers.get('host', '')}"
    return origin == own


def _write(request: Request, action: str, link_id: str, note: str | None) -> dict:
    if not same_origin(request):
        raise HTTPException(403, "a correction must come from this site's own pages")
    path = request.app.state.db_path
    if not Path(path).exists():
        raise HTTPException(503, f"{path}: no such database")
    try:
        conn = connect(path)
    except StoreError as exc:
        raise HTTPException(503, str(exc)) from exc
    try:
        with transaction(conn):
            if action == "reject":
                done = reject_link(conn, link_id, note)
            else:
                done = restore_link(conn, link_id)
    except LinkOverrideError as exc:
        raise HTTPException(404 if "no such" in str(exc) else 409, str(exc)) from exc
    finally:
        conn.close()
    return {
        "link_id": done["link_id"],
        "relation": done["relation"],
        "story_id": done["story_id"],
        "rejected": action == "reject",
    }


def _local(path: str | None, fallback: str) -> str:
    """`path` when it is a path on this site (never another site's address)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return fallback
    parts = urlsplit(path)
    return path if not parts.scheme and not parts.netloc else fallback


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v[0] for k, v in parse_qs(body).items()}


@router.post("/links/{link_id}/reject", include_in_schema=False)
async def reject_page(request: Request, link_id: str):
    form = await _form(request)
    done = _write(request, "reject", link_id, (form.get("note") or "")[:NOTE_MAX] or None)
    fallback = f"/stories/{done['story_id']}" if done["story_id"] else "/"
    return RedirectResponse(_local(form.get("next"), fallback), status_code=303)


@router.post("/links/{link_id}/restore", include_in_schema=False)
async def restore_page(request: Request, link_id: str):
    form = await _form(request)
    done = _write(request, "restore", link_id, None)
    fallback = f"/stories/{done['story_id']}" if done["story_id"] else "/"
    return RedirectResponse(_local(form.get("next"), fallback), status_code=303)


@api.post(
    "/links/{link_id}/reject",
    response_model=LinkCorrection,
    summary="Mark a link wrong (kept across re-analysis)",
)
def reject_api(request: Request, link_id: str, note: str | None = None) -> dict:
    return _write(request, "reject", link_id, (note or "")[:NOTE_MAX] or None)


@api.post(
    "/links/{link_id}/restore", response_model=LinkCorrection, summary="Undo marking a link wrong"
)
def restore_api(request: Request, link_id: str) -> dict:
    return _write(request, "restore", link_id, None)
