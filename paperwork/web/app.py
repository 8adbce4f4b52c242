"""The web page and its JSON API: the only part of paperwork that speaks HTTP.

Starlette, not FastAPI: a small ASGI toolkit with Jinja2 templates, static files and a
test client, and nothing of FastAPI's pydantic layer, which the API's few fixed shapes do
not need. uvicorn runs it (in ``cli.py``, the only place that starts a server).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from paperwork import __version__
from paperwork.errors import Diagnostics, PaperworkError
from paperwork.web import callsheets, scripts, service
from paperwork.web import grid as grids
from paperwork.web.auth import SecurityHeaders, TokenAuth, csrf_value
from paperwork.web.jobs import BuildSpec, Busy, JobRunner, ProcessRunner, run_build
from paperwork.web.service import Checked, Gone, Workspace, inside

HERE = Path(__file__).resolve().parent
MAX_UPLOAD = 20 << 20  # 20 MB: a table or a script is far smaller
MAX_UNZIPPED = 200 << 20  # an XLSX that unpacks to more is refused (a zip bomb)
MAX_RATIO = 200  # nor one whose members are packed more tightly than this
UPLOAD_TYPES = {".csv": "table", ".xlsx": "table", ".fountain": "script", ".fdx": "script"}


@dataclass
class Build:
    """A build the server started: its production and where its folder will be."""

    pid: str
    out_root: Path


def _date(value: date | None) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}" if value else ""


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,  # every value from a table is escaped; no |safe on data anywhere
        undefined=jinja2.StrictUndefined,
    )
    env.filters["day"] = _date
    env.filters["label"] = lambda kind: str(kind).replace("-", " ")
    return Jinja2Templates(env=env)


def create_app(
    folders: Iterable[Path],
    token: str,
    *,
    today: Callable[[], date],
    out: Path | None = None,
    runner: JobRunner | None = None,
) -> Starlette:
    """The server for these production folders, behind ``token``.

    ``today`` dates checks and builds (the CLI passes the clock); ``out`` is where builds
    go (default: each production's ``out/``); ``runner`` runs them (default: a process pool).
    """
    workspace = Workspace(folders, today)
    templates = _templates()
    csrf = csrf_value(token)
    builds: dict[str, Build] = {}
    state: dict[str, JobRunner] = {}

    def jobs() -> JobRunner:
        if "runner" not in state:
            state["runner"] = runner or ProcessRunner()
        return state["runner"]

    def out_root(pid: str) -> Path:
        folder = workspace.folder(pid)
        return (out / folder.name) if out is not None else folder / "out"

    def page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("title", "paperwork")
        return templates.TemplateResponse(
            request,
            name,
            {"csrf": csrf, "version": __version__, **context},
            status_code=status,
        )

    def gone_page(request: Request, exc: Gone) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "gone", "message": str(exc)}, status_code=410)
        return page(request, "gone.html", 410, folder=str(exc.folder), why=exc.why)

    def missing(request: Request, what: str = "page") -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "not-found", "message": f"no such {what}"}, 404)
        return page(request, "missing.html", 404, what=what)

    async def checked(pid: str) -> Checked:
        return await run_in_threadpool(workspace.check, pid)

    # -- pages --

    async def home(request: Request) -> Response:
        workspace.refresh()
        cards = []
        for pid in workspace.ids:
            cards.append((pid, workspace.folder(pid), workspace.cached(pid)))
        return page(request, "home.html", cards=cards)

    async def summary(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        try:
            c = await checked(pid)
        except Gone as exc:
            return page(request, "_gone_card.html", folder=str(exc.folder), why=exc.why)
        return page(request, "_summary.html", c=c, pid=pid, oob=True)  # the card's title too

    async def new_production(request: Request) -> Response:
        form = await request.form()
        name = str(form.get("name", "")).strip()
        try:
            folder = await run_in_threadpool(workspace.new_production, name)
        except (ValueError, OSError) as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", status_code=400)
        from paperwork.web.service import production_id

        return Response(
            status_code=204,
            headers={"HX-Redirect": f"/productions/{production_id(folder.resolve())}"},
        )

    async def production_page(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        tables = await run_in_threadpool(grids.grids_for, c)
        yaml = grids.source_lines(c.folder, "production.yaml", c.problems)
        from paperwork.pipeline import FORMATS, kinds

        return page(
            request,
            "production.html",
            c=c,
            pid=pid,
            tables=tables,
            grid_of={t.name: t for t in tables},
            yaml=yaml,
            stamp=service.stamp_digest(c.folder),
            kinds=kinds(),
            formats=FORMATS,
            editable=grids.editing_available(),
            title=f"{c.title}: paperwork",
        )

    async def stamp(request: Request) -> Response:
        """A short digest of the production's files: the page polls it to see a table saved
        in Excel (or anything else) while it is open."""
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        folder = workspace.folder(pid)
        if not folder.is_dir():
            raise Gone(folder, "the folder is no longer there")
        digest = await run_in_threadpool(service.stamp_digest, folder)
        return JSONResponse({"stamp": digest})

    async def marks(request: Request) -> Response:
        """After an edit: the problems list, the counts, and which cells and rows are marked,
        so the page updates without loading every table again."""
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        tables = await run_in_threadpool(grids.grids_for, c)
        context = {
            "c": c,
            "pid": pid,
            "tables": tables,
            "grid_of": {t.name: t for t in tables},
        }
        cells = {
            cell.id: [cell.severity, cell.tip]
            for t in tables
            for r in t.rows
            for cell in r.cells
            if cell.severity
        }
        rows = {
            f"row-{t.name}-{r.number}": "\n".join(f"{p.message} [{p.code}]" for p in r.problems)
            for t in tables
            for r in t.rows
            if r.problems
        }
        return JSONResponse(
            {
                "errors": c.errors,
                "warnings": c.warnings,
                "summary": templates.get_template("_summary.html").render(context),
                "problems": templates.get_template("_problems.html").render(context),
                "cells": cells,
                "rows": rows,
            }
        )

    async def script_page(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        script_file = str(c.script.relative_to(c.folder)) if c.script else ""
        problems = [p for p in c.problems if script_file and p.file == script_file]
        from paperwork.revise import lock_path_for

        return page(
            request,
            "script.html",
            c=c,
            pid=pid,
            rows=grids.breakdown_rows(c.breakdown),
            problems=problems,
            source=grids.source_lines(c.folder, script_file, c.problems) if script_file else [],
            locked=bool(c.script and lock_path_for(c.script).is_file()),
            editable=grids.editing_available(),
            colours=scripts.colours(c.revision_colours)[1:],
            revisions=scripts.revisions(out_root(pid)),
            today=workspace.today().isoformat(),
            title=f"{c.title}: script",
        )

    async def script_lock(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        if c.script is None:
            return HTMLResponse("<p class=error>This production names no script.</p>", 400)
        d = Diagnostics()
        order = scripts.colours(c.revision_colours)
        try:
            target = await run_in_threadpool(
                scripts.lock, c.script, c.script_paper, workspace.today(), order, d
            )
        except PaperworkError as exc:
            d.extend(exc.diagnostics)
            return page(request, "_script_result.html", 400, ok=False, message=exc.message,
                        problems=d.items, files=[])  # fmt: skip
        return page(request, "_script_result.html", ok=True, message=f"Locked: {target.name}",
                    problems=d.items, files=[])  # fmt: skip

    async def script_revise(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        if c.script is None:
            return HTMLResponse("<p class=error>This production names no script.</p>", 400)
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            colour = str(form.get("colour", "")) or None
            when = str(form.get("date", ""))
            if upload is None or isinstance(upload, str):
                return HTMLResponse("<p class=error>Choose the new draft to upload.</p>", 400)
            data = await upload.read(MAX_UPLOAD + 1)
            suffix = Path(upload.filename or "").suffix.lower()
        problem = _upload_problem(data, suffix, "script")
        if problem:
            return HTMLResponse(f"<p class=error>{_esc(problem)}</p>", 400)
        try:
            on = date.fromisoformat(when) if when else workspace.today()
        except ValueError:
            return HTMLResponse("<p class=error>The date must be like 2026-12-03.</p>", 400)
        order = scripts.colours(c.revision_colours)
        try:
            rev, d = await run_in_threadpool(
                scripts.revise, out_root(pid), c.script, data, suffix, colour, on,
                c.script_paper, order,
            )  # fmt: skip
        except PaperworkError as exc:
            return page(request, "_script_result.html", 400, ok=False,
                        message="Nothing was issued: the drafts have problems.",
                        problems=exc.diagnostics, files=[])  # fmt: skip
        files = [(f"/productions/{pid}/revisions/{rev.folder}/{f}", f) for f in rev.files]
        return page(request, "_script_result.html", ok=True,
                    message=f"Issued into revisions/{rev.folder}.", problems=d.items,
                    files=files)  # fmt: skip

    async def revision_file(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        path = inside(out_root(pid) / "revisions", request.path_params["name"])
        if path is None:
            return missing(request, "file")
        inline = request.query_params.get("inline") == "1" and path.suffix == ".pdf"
        return FileResponse(
            path, filename=path.name, content_disposition_type="inline" if inline else "attachment"
        )

    def call_sheet_folder(pid: str) -> Path:
        return out_root(pid) / "call-sheets"

    async def call_sheet_page(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        days = dict(c.days)
        try:
            day = int(request.query_params.get("day", "0"))
        except ValueError:
            day = 0
        if day not in days:
            day = c.next_day[0] if c.next_day else (c.days[0][0] if c.days else 0)
        issues = callsheets.issues(call_sheet_folder(pid), day) if day else []
        return page(
            request,
            "callsheet.html",
            c=c,
            pid=pid,
            day=day,
            day_date=days.get(day),
            issues=issues,
            next_version=callsheets.next_version(issues),
            title=f"{c.title}: call sheets",
        )

    async def call_sheet_action(request: Request) -> Response:
        pid, action = request.path_params["pid"], request.path_params["action"]
        if pid not in workspace.ids or action not in ("preview", "issue"):
            return missing(request, "production")
        day = int(request.path_params["day"])
        c = await checked(pid)
        if day not in dict(c.days):
            return HTMLResponse(f"<p class=error>There is no shoot day {day}.</p>", 400)
        folder = call_sheet_folder(pid)
        version = callsheets.next_version(callsheets.issues(folder, day))
        try:
            if action == "preview":
                bid = await start_build(
                    pid, ["call-sheets"], ["pdf"], day=day, version=version,
                    root=out_root(pid) / "previews", issued=folder,
                )  # fmt: skip
            else:
                bid = await start_build(
                    pid, ["call-sheets"], ["docx", "pdf", "json"], day=day, version=version,
                    root=folder, issued=folder, fixed=True,
                )  # fmt: skip
        except Busy:
            return HTMLResponse(
                "<p class=error>A build of this production is running; wait for it.</p>", 409
            )
        return Response(status_code=204, headers={"HX-Redirect": f"/builds/{bid}"})

    async def issued_file(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        path = inside(call_sheet_folder(pid), request.path_params["name"])
        if path is None:
            return missing(request, "file")
        inline = request.query_params.get("inline") == "1" and path.suffix == ".pdf"
        return FileResponse(
            path, filename=path.name, content_disposition_type="inline" if inline else "attachment"
        )

    async def build_page(request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in builds:
            return missing(request, "build")
        return page(request, "build.html", bid=bid, b=builds[bid], s=_status(bid), title="Build")

    async def build_progress(request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in builds:
            return missing(request, "build")
        return page(request, "_progress.html", bid=bid, s=_status(bid))

    async def production_file(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        path = inside(workspace.folder(pid), request.path_params["name"])
        if path is None:
            return missing(request, "file")
        return FileResponse(path, filename=path.name)

    async def build_file(request: Request) -> Response:
        bid = request.path_params["bid"]
        folder = _build_folder(bid)
        if folder is None:
            return missing(request, "build")
        path = inside(folder, request.path_params["name"])
        if path is None:
            return missing(request, "file")
        inline = request.query_params.get("inline") == "1" and path.suffix == ".pdf"
        return FileResponse(
            path,
            filename=path.name,
            content_disposition_type="inline" if inline else "attachment",
        )

    # -- the JSON API --

    def _status(bid: str) -> dict[str, Any]:
        s = jobs().status(bid) or {"state": "failed", "message": "unknown build"}
        s.setdefault("files", [])
        s.setdefault("diagnostics", [])
        s.setdefault("done", 0)
        s.setdefault("total", 0)
        s.setdefault("message", "")
        s.setdefault("kind", "")
        s.setdefault("folder", "")
        s.setdefault("where", "")
        return s

    def _build_folder(bid: str) -> Path | None:
        b = builds.get(bid)
        s = _status(bid) if b else None
        if b is None or s is None or s.get("state") != "done" or not s.get("where"):
            return None
        return b.out_root / str(s["folder"])

    async def api_productions(request: Request) -> Response:
        workspace.refresh()
        out = []
        for pid in workspace.ids:
            try:
                c = await checked(pid)
            except Gone as exc:
                out.append({"id": pid, "title": "", "folder": str(exc.folder), "errors": 1,
                            "warnings": 0, "gone": exc.why})  # fmt: skip
                continue
            out.append({"id": pid, "title": c.title, "folder": str(c.folder),
                        "errors": c.errors, "warnings": c.warnings})  # fmt: skip
        return JSONResponse(out)

    async def api_check(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        c = await checked(pid)
        return JSONResponse(_check_json(c))

    async def start_build(
        pid: str,
        kinds: Sequence[str],
        formats: Sequence[str],
        *,
        day: int | None = None,
        version: int | None = None,
        root: Path | None = None,
        issued: Path | None = None,
        fixed: bool = False,
    ) -> str:
        from paperwork.pipeline import FORMATS
        from paperwork.pipeline import kinds as known

        bad = [k for k in kinds if k not in known()] + [f for f in formats if f not in FORMATS]
        if bad:
            raise ValueError(f"unknown kind or format: {', '.join(map(str, bad))}")
        folder = workspace.folder(pid)
        if not folder.is_dir():
            raise Gone(folder, "the folder is no longer there")
        root = root or out_root(pid)
        spec = BuildSpec(
            str(folder),
            str(root),
            tuple(kinds),
            tuple(formats),
            workspace.today(),
            day=day,
            version=version,
            issued=str(issued) if issued else None,
            fixed=fixed,
        )
        bid = jobs().submit(pid, run_build, spec)
        builds[bid] = Build(pid, root)
        return bid

    async def api_build(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        try:
            body = await request.json()
        except ValueError:
            return JSONResponse({"error": "bad-request", "message": "send JSON"}, 400)
        if not isinstance(body, dict):
            body = {}
        kinds, formats = body.get("kinds") or [], body.get("formats") or []
        if not isinstance(kinds, list) or not isinstance(formats, list):
            return JSONResponse({"error": "bad-request", "message": "lists expected"}, 400)
        try:
            bid = await start_build(pid, kinds, formats)
        except Busy:
            return JSONResponse(
                {"error": "busy", "message": "a build of this production is running"}, 409
            )
        except ValueError as exc:
            return JSONResponse({"error": "bad-request", "message": str(exc)}, 400)
        return JSONResponse(
            {"id": bid}, status_code=202, headers={"Location": f"/api/builds/{bid}"}
        )

    async def form_build(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        form = await request.form()
        kinds = [str(k) for k in form.getlist("kind")]
        formats = [str(f) for f in form.getlist("format")]
        try:
            bid = await start_build(pid, kinds, formats)
        except Busy:
            return HTMLResponse(
                "<p class=error>A build of this production is already running; "
                "wait for it to finish.</p>",
                status_code=409,
            )
        except ValueError as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", status_code=400)
        return Response(status_code=204, headers={"HX-Redirect": f"/builds/{bid}"})

    async def api_build_status(request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in builds:
            return missing(request, "build")
        s = _status(bid)
        keep = ("state", "done", "total", "kind", "files", "diagnostics", "message", "folder")
        # "where" (a full path on this computer) stays on the page, out of the API
        return JSONResponse({"id": bid, **{k: s[k] for k in keep if k in s}})

    async def api_zip(request: Request) -> Response:
        bid = request.path_params["bid"]
        folder = _build_folder(bid)
        if folder is None:
            return missing(request, "finished build")
        kind = request.query_params.get("kind")
        files = [f for f in _status(bid)["files"] if kind is None or f["kind"] == kind]
        data = await run_in_threadpool(_zip, folder, [str(f["name"]) for f in files])
        name = f"{folder.name}{'-' + re.sub(r'[^a-z0-9-]', '', kind) if kind else ''}.zip"
        return Response(
            data,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def api_edit(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        try:
            body = await request.json()
            edit = grids.cell_edit(body)
        except (ValueError, KeyError, TypeError):
            return JSONResponse(
                {"error": "bad-request", "message": "send {table, row, column, value}"}, 400
            )
        try:
            result = await run_in_threadpool(grids.edit, workspace.folder(pid), edit)
        except grids.NoEditing as exc:
            return JSONResponse({"error": "unavailable", "message": str(exc)}, 501)
        except (PaperworkError, ValueError, KeyError) as exc:
            return JSONResponse({"error": "refused", "message": str(exc)}, 400)
        c = await checked(pid)
        return JSONResponse({"undo_id": getattr(result, "undo_id", None), **_check_json(c)})

    async def api_undo(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        try:
            result = await run_in_threadpool(grids.undo, workspace.folder(pid))
        except grids.NoEditing as exc:
            return JSONResponse({"error": "unavailable", "message": str(exc)}, 501)
        c = await checked(pid)
        return JSONResponse({"undone": result is not None, **_check_json(c)})

    async def upload(request: Request) -> Response:
        pid = request.path_params["pid"]
        if pid not in workspace.ids:
            return missing(request, "production")
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_UPLOAD + 65536:
            return HTMLResponse("<p class=error>The file is larger than 20 MB.</p>", 413)
        async with request.form(max_files=1, max_fields=10) as form:
            upload = form.get("file")
            target = str(form.get("table", ""))
            if upload is None or isinstance(upload, str):
                return HTMLResponse("<p class=error>Choose a file to upload.</p>", 400)
            data = await upload.read(MAX_UPLOAD + 1)
            suffix = Path(upload.filename or "").suffix.lower()
        problem = _upload_problem(data, suffix, target)
        if problem:
            return HTMLResponse(f"<p class=error>{_esc(problem)}</p>", 400)
        c = await checked(pid)
        try:
            result = await run_in_threadpool(
                grids.replace, workspace.folder(pid), c, target, suffix, data
            )
        except grids.NoEditing as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", 501)
        except (PaperworkError, ValueError) as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", 400)
        return page(request, "_upload.html", result=result)

    routes = [
        Route("/", home),
        Route("/productions/new", new_production, methods=["POST"]),
        Route("/productions/{pid}", production_page),
        Route("/productions/{pid}/summary", summary),
        Route("/productions/{pid}/marks", marks),
        Route("/productions/{pid}/stamp", stamp),
        Route("/productions/{pid}/script", script_page),
        Route("/productions/{pid}/script/lock", script_lock, methods=["POST"]),
        Route("/productions/{pid}/script/revise", script_revise, methods=["POST"]),
        Route("/productions/{pid}/revisions/{name:path}", revision_file),
        Route("/productions/{pid}/build", form_build, methods=["POST"]),
        Route("/productions/{pid}/callsheet", call_sheet_page),
        Route(
            "/productions/{pid}/callsheet/{day:int}/{action}",
            call_sheet_action,
            methods=["POST"],
        ),
        Route("/productions/{pid}/issued/{name:path}", issued_file),
        Route("/productions/{pid}/upload", upload, methods=["POST"]),
        Route("/productions/{pid}/files/{name:path}", production_file),
        Route("/builds/{bid}", build_page),
        Route("/builds/{bid}/progress", build_progress),
        Route("/builds/{bid}/files/{name:path}", build_file),
        Route("/api/productions", api_productions),
        Route("/api/productions/{pid}/check", api_check),
        Route("/api/productions/{pid}/builds", api_build, methods=["POST"]),
        Route("/api/productions/{pid}/cells", api_edit, methods=["POST"]),
        Route("/api/productions/{pid}/undo", api_undo, methods=["POST"]),
        Route("/api/builds/{bid}", api_build_status),
        Route("/api/builds/{bid}/zip", api_zip),
        Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
    ]

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if "runner" in state:
            state["runner"].shutdown()

    async def on_gone(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Gone)
        return gone_page(request, exc)

    async def on_missing(request: Request, exc: Exception) -> Response:
        return missing(request)

    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityHeaders), Middleware(TokenAuth, token=token)],
        exception_handlers={Gone: on_gone, KeyError: on_missing, 404: on_missing},
        lifespan=lifespan,
    )
    app.state.workspace = workspace
    app.state.builds = builds
    return app


def _check_json(c: Checked) -> dict[str, Any]:
    return {
        "errors": c.errors,
        "warnings": c.warnings,
        "diagnostics": [p.as_json() for p in c.problems],
    }


def _zip(folder: Path, names: list[str]) -> bytes:
    """The files as a zip, each by its bare name (never a path, never ``..``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(names):
            path = inside(folder, name)
            if path is None or "/" in name:
                continue
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # same bytes each time
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    return buffer.getvalue()


def _upload_problem(data: bytes, suffix: str, table: str) -> str | None:
    """Why an upload is refused before anything reads it (None: it may be checked)."""
    if len(data) > MAX_UPLOAD:
        return "The file is larger than 20 MB."
    kind = UPLOAD_TYPES.get(suffix)
    if kind is None:
        return "Upload a table (.csv, .xlsx) or a script (.fountain, .fdx)."
    if (kind == "script") != (table == "script"):
        return "That file type does not fit: tables are .csv or .xlsx, scripts .fountain or .fdx."
    if suffix == ".xlsx":
        if not data.startswith(b"PK\x03\x04"):
            return "That is not an XLSX workbook."
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
        except (zipfile.BadZipFile, ValueError):
            return "That is not an XLSX workbook (a damaged zip)."
        total = sum(i.file_size for i in infos)
        packed = max(1, sum(i.compress_size for i in infos))
        if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
            return "That workbook unpacks to far more than it holds (a zip bomb?): refused."
    elif b"\x00" in data[:65536]:
        return "That is not a text file."
    return None


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
