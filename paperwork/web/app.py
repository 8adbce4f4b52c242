"""The web page and its JSON API: the only part of paperwork that speaks HTTP.

Starlette, not FastAPI: a small ASGI toolkit with Jinja2 templates, static files and a
test client, and nothing of FastAPI's pydantic layer, which the API's few fixed shapes do
not need. uvicorn runs it (in ``cli.py``, the only place that starts a server).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Sequence
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

from paperwork import __version__, editing
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


Handler = Callable[[Request], Awaitable[Response]]
ProductionHandler = Callable[[Request, str], Awaitable[Response]]
ScriptHandler = Callable[[Request, str, Checked, Path], Awaitable[Response]]


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
    site = _Site(Workspace(folders, today), token, out, runner)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        if site.started is not None:
            site.started.shutdown()

    async def on_gone(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Gone)
        return site.gone_page(request, exc)

    async def on_missing(request: Request, exc: Exception) -> Response:
        return site.missing(request)

    app = Starlette(
        routes=site.routes(),
        middleware=[Middleware(SecurityHeaders), Middleware(TokenAuth, token=token)],
        exception_handlers={Gone: on_gone, KeyError: on_missing, 404: on_missing},
        lifespan=lifespan,
    )
    app.state.workspace = site.workspace
    app.state.builds = site.builds
    return app


class _Site:
    """The server's pages and API over one workspace: each route is a method; the
    productions' own routes go through :meth:`production_route` (404 for an unknown id)."""

    def __init__(
        self, workspace: Workspace, token: str, out: Path | None, runner: JobRunner | None
    ) -> None:
        self.workspace = workspace
        self.templates = _templates()
        self.csrf = csrf_value(token)
        self.builds: dict[str, Build] = {}
        self.out = out
        self.runner = runner  # default: a process pool
        self.started: JobRunner | None = None  # at the first build: a page only looked at
        # starts no processes

    def jobs(self) -> JobRunner:
        if self.started is None:
            self.started = self.runner or ProcessRunner()
        return self.started

    def out_root(self, pid: str) -> Path:
        folder = self.workspace.folder(pid)
        return (self.out / folder.name) if self.out is not None else folder / "out"

    def page(self, request: Request, name: str, status: int = 200, **context: Any) -> Response:
        context.setdefault("title", "paperwork")
        return self.templates.TemplateResponse(
            request,
            name,
            {"csrf": self.csrf, "version": __version__, **context},
            status_code=status,
        )

    def gone_page(self, request: Request, exc: Gone) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "gone", "message": str(exc)}, status_code=410)
        return self.page(request, "gone.html", 410, folder=str(exc.folder), why=exc.why)

    def missing(self, request: Request, what: str = "page") -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "not-found", "message": f"no such {what}"}, 404)
        return self.page(request, "missing.html", 404, what=what)

    async def checked(self, pid: str) -> Checked:
        return await run_in_threadpool(self.workspace.check, pid)

    def production_route(self, handler: ProductionHandler) -> Handler:
        """A route of one production: ``handler(request, pid)``, or 404 for an unknown one."""

        async def route(request: Request) -> Response:
            pid = request.path_params["pid"]
            if pid not in self.workspace.ids:
                return self.missing(request, "production")
            return await handler(request, pid)

        return route

    def script_route(self, handler: ScriptHandler) -> Handler:
        """A route acting on the production's script: ``handler(request, pid, checked,
        script)``, or 400 when the production names no script."""

        async def route(request: Request, pid: str) -> Response:
            c = await self.checked(pid)
            if c.script is None:
                return HTMLResponse("<p class=error>This production names no script.</p>", 400)
            return await handler(request, pid, c, c.script)

        return self.production_route(route)

    # -- pages --

    async def home(self, request: Request) -> Response:
        self.workspace.refresh()
        cards = []
        for pid in self.workspace.ids:
            cards.append((pid, self.workspace.folder(pid), self.workspace.cached(pid)))
        return self.page(request, "home.html", cards=cards)

    async def summary(self, request: Request, pid: str) -> Response:
        try:
            c = await self.checked(pid)
        except Gone as exc:
            return self.page(request, "_gone_card.html", folder=str(exc.folder), why=exc.why)
        return self.page(request, "_summary.html", c=c, pid=pid, oob=True)  # the card's title too

    async def new_production(self, request: Request) -> Response:
        form = await request.form()
        name = str(form.get("name", "")).strip()
        try:
            folder = await run_in_threadpool(self.workspace.new_production, name)
        except (ValueError, OSError) as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", status_code=400)
        from paperwork.web.service import production_id

        return Response(
            status_code=204,
            headers={"HX-Redirect": f"/productions/{production_id(folder.resolve())}"},
        )

    async def production_page(self, request: Request, pid: str) -> Response:
        c = await self.checked(pid)
        tables = await run_in_threadpool(grids.grids_for, c)
        yaml = grids.source_lines(c.folder, "production.yaml", c.problems)
        from paperwork.service import FORMATS, kinds

        return self.page(
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
            title=f"{c.title}: paperwork",
        )

    async def stamp(self, request: Request, pid: str) -> Response:
        """A short digest of the production's files: the page polls it to see a table saved
        in Excel (or anything else) while it is open."""
        folder = self.workspace.folder(pid)
        if not folder.is_dir():
            raise Gone(folder, "the folder is no longer there")
        digest = await run_in_threadpool(service.stamp_digest, folder)
        return JSONResponse({"stamp": digest})

    async def marks(self, request: Request, pid: str) -> Response:
        """After an edit: the problems list, the counts, and which cells and rows are marked,
        so the page updates without loading every table again."""
        c = await self.checked(pid)
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
        rows = {f"row-{t.name}-{r.number}": r.tip for t in tables for r in t.rows if r.problems}
        return JSONResponse(
            {
                "errors": c.errors,
                "warnings": c.warnings,
                "summary": self.templates.get_template("_summary.html").render(context),
                "problems": self.templates.get_template("_problems.html").render(context),
                "cells": cells,
                "rows": rows,
            }
        )

    async def script_page(self, request: Request, pid: str) -> Response:
        c = await self.checked(pid)
        script_file = str(c.script.relative_to(c.folder)) if c.script else ""
        problems = [p for p in c.problems if script_file and p.file == script_file]
        from paperwork.revise import lock_path_for

        return self.page(
            request,
            "script.html",
            c=c,
            pid=pid,
            rows=grids.breakdown_rows(c.breakdown),
            problems=problems,
            source=grids.source_lines(c.folder, script_file, c.problems) if script_file else [],
            locked=bool(c.script and lock_path_for(c.script).is_file()),
            colours=scripts.colours(c.revision_colours)[1:],
            revisions=scripts.revisions(self.out_root(pid)),
            today=self.workspace.today().isoformat(),
            title=f"{c.title}: script",
        )

    async def script_lock(self, request: Request, pid: str, c: Checked, script: Path) -> Response:
        d = Diagnostics()
        order = scripts.colours(c.revision_colours)
        try:
            target = await run_in_threadpool(
                scripts.lock, script, c.script_paper, self.workspace.today(), order, d
            )
        except PaperworkError as exc:
            d.extend(exc.diagnostics)
            return self.page(request, "_script_result.html", 400, ok=False, message=exc.message,
                        problems=d.items, files=[])  # fmt: skip
        return self.page(request, "_script_result.html", ok=True, message=f"Locked: {target.name}",
                    problems=d.items, files=[])  # fmt: skip

    async def script_revise(self, request: Request, pid: str, c: Checked, script: Path) -> Response:
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
            on = date.fromisoformat(when) if when else self.workspace.today()
        except ValueError:
            return HTMLResponse("<p class=error>The date must be like 2026-12-03.</p>", 400)
        order = scripts.colours(c.revision_colours)
        try:
            rev, d = await run_in_threadpool(
                scripts.revise, self.out_root(pid), script, data, suffix, colour, on,
                c.script_paper, order,
            )  # fmt: skip
        except PaperworkError as exc:
            return self.page(request, "_script_result.html", 400, ok=False,
                        message="Nothing was issued: the drafts have problems.",
                        problems=exc.diagnostics, files=[])  # fmt: skip
        files = [(f"/productions/{pid}/revisions/{rev.folder}/{f}", f) for f in rev.files]
        return self.page(request, "_script_result.html", ok=True,
                    message=f"Issued into revisions/{rev.folder}.", problems=d.items,
                    files=files)  # fmt: skip

    async def revision_file(self, request: Request, pid: str) -> Response:
        path = inside(self.out_root(pid) / "revisions", request.path_params["name"])
        if path is None:
            return self.missing(request, "file")
        return _download(request, path)

    def call_sheet_folder(self, pid: str) -> Path:
        return self.out_root(pid) / "call-sheets"

    async def call_sheet_page(self, request: Request, pid: str) -> Response:
        c = await self.checked(pid)
        days = dict(c.days)
        try:
            day = int(request.query_params.get("day", "0"))
        except ValueError:
            day = 0
        if day not in days:
            day = c.next_day[0] if c.next_day else (c.days[0][0] if c.days else 0)
        issues = callsheets.issues(self.call_sheet_folder(pid), day) if day else []
        return self.page(
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

    async def call_sheet_action(self, request: Request) -> Response:
        pid, action = request.path_params["pid"], request.path_params["action"]
        if pid not in self.workspace.ids or action not in ("preview", "issue"):
            return self.missing(request, "production")
        day = int(request.path_params["day"])
        c = await self.checked(pid)
        if day not in dict(c.days):
            return HTMLResponse(f"<p class=error>There is no shoot day {day}.</p>", 400)
        folder = self.call_sheet_folder(pid)
        version = callsheets.next_version(callsheets.issues(folder, day))
        try:
            if action == "preview":
                bid = await self.start_build(
                    pid, ["call-sheets"], ["pdf"], day=day, version=version,
                    root=self.out_root(pid) / "previews", issued=folder,
                )  # fmt: skip
            else:
                bid = await self.start_build(
                    pid, ["call-sheets"], ["docx", "pdf", "json"], day=day, version=version,
                    root=folder, issued=folder, fixed=True,
                )  # fmt: skip
        except Busy:
            return HTMLResponse(
                "<p class=error>A build of this production is running; wait for it.</p>", 409
            )
        return Response(status_code=204, headers={"HX-Redirect": f"/builds/{bid}"})

    async def issued_file(self, request: Request, pid: str) -> Response:
        path = inside(self.call_sheet_folder(pid), request.path_params["name"])
        if path is None:
            return self.missing(request, "file")
        return _download(request, path)

    async def build_page(self, request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in self.builds:
            return self.missing(request, "build")
        return self.page(
            request,
            "build.html",
            bid=bid,
            b=self.builds[bid],
            s=self.build_status(bid),
            title="Build",
        )

    async def build_progress(self, request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in self.builds:
            return self.missing(request, "build")
        return self.page(request, "_progress.html", bid=bid, s=self.build_status(bid))

    async def production_file(self, request: Request, pid: str) -> Response:
        path = inside(self.workspace.folder(pid), request.path_params["name"])
        if path is None:
            return self.missing(request, "file")
        return FileResponse(path, filename=path.name)

    async def build_file(self, request: Request) -> Response:
        bid = request.path_params["bid"]
        folder = self.build_folder(bid)
        if folder is None:
            return self.missing(request, "build")
        path = inside(folder, request.path_params["name"])
        if path is None:
            return self.missing(request, "file")
        return _download(request, path)

    # -- the JSON API --

    def build_status(self, bid: str) -> dict[str, Any]:
        s = self.jobs().status(bid) or {"state": "failed", "message": "unknown build"}
        s.setdefault("files", [])
        s.setdefault("diagnostics", [])
        s.setdefault("done", 0)
        s.setdefault("total", 0)
        s.setdefault("message", "")
        s.setdefault("kind", "")
        s.setdefault("folder", "")
        s.setdefault("where", "")
        return s

    def build_folder(self, bid: str) -> Path | None:
        b = self.builds.get(bid)
        s = self.build_status(bid) if b else None
        if b is None or s is None or s.get("state") != "done" or not s.get("where"):
            return None
        return b.out_root / str(s["folder"])

    async def api_productions(self, request: Request) -> Response:
        self.workspace.refresh()
        out = []
        for pid in self.workspace.ids:
            try:
                c = await self.checked(pid)
            except Gone as exc:
                out.append({"id": pid, "title": "", "folder": str(exc.folder), "errors": 1,
                            "warnings": 0, "gone": exc.why})  # fmt: skip
                continue
            out.append({"id": pid, "title": c.title, "folder": str(c.folder),
                        "errors": c.errors, "warnings": c.warnings})  # fmt: skip
        return JSONResponse(out)

    async def api_check(self, request: Request, pid: str) -> Response:
        c = await self.checked(pid)
        return JSONResponse(_check_json(c))

    async def start_build(
        self,
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
        from paperwork.service import FORMATS
        from paperwork.service import kinds as known

        bad = [k for k in kinds if k not in known()] + [f for f in formats if f not in FORMATS]
        if bad:
            raise ValueError(f"unknown kind or format: {', '.join(map(str, bad))}")
        folder = self.workspace.folder(pid)
        if not folder.is_dir():
            raise Gone(folder, "the folder is no longer there")
        root = root or self.out_root(pid)
        spec = BuildSpec(
            str(folder),
            str(root),
            tuple(kinds),
            tuple(formats),
            self.workspace.today(),
            day=day,
            version=version,
            issued=str(issued) if issued else None,
            fixed=fixed,
        )
        bid = self.jobs().submit(pid, run_build, spec)
        self.builds[bid] = Build(pid, root)
        return bid

    async def api_build(self, request: Request, pid: str) -> Response:
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
            bid = await self.start_build(pid, kinds, formats)
        except Busy:
            return JSONResponse(
                {"error": "busy", "message": "a build of this production is running"}, 409
            )
        except ValueError as exc:
            return JSONResponse({"error": "bad-request", "message": str(exc)}, 400)
        return JSONResponse(
            {"id": bid}, status_code=202, headers={"Location": f"/api/builds/{bid}"}
        )

    async def form_build(self, request: Request, pid: str) -> Response:
        form = await request.form()
        kinds = [str(k) for k in form.getlist("kind")]
        formats = [str(f) for f in form.getlist("format")]
        try:
            bid = await self.start_build(pid, kinds, formats)
        except Busy:
            return HTMLResponse(
                "<p class=error>A build of this production is already running; "
                "wait for it to finish.</p>",
                status_code=409,
            )
        except ValueError as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", status_code=400)
        return Response(status_code=204, headers={"HX-Redirect": f"/builds/{bid}"})

    async def api_build_status(self, request: Request) -> Response:
        bid = request.path_params["bid"]
        if bid not in self.builds:
            return self.missing(request, "build")
        s = self.build_status(bid)
        keep = ("state", "done", "total", "kind", "files", "diagnostics", "message", "folder")
        # "where" (a full path on this computer) stays on the page, out of the API
        return JSONResponse({"id": bid, **{k: s[k] for k in keep if k in s}})

    async def api_zip(self, request: Request) -> Response:
        bid = request.path_params["bid"]
        folder = self.build_folder(bid)
        if folder is None:
            return self.missing(request, "finished build")
        kind = request.query_params.get("kind")
        files = [f for f in self.build_status(bid)["files"] if kind is None or f["kind"] == kind]
        data = await run_in_threadpool(_zip, folder, [str(f["name"]) for f in files])
        name = f"{folder.name}{'-' + re.sub(r'[^a-z0-9-]', '', kind) if kind else ''}.zip"
        return Response(
            data,
            media_type="application/zip",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )

    async def api_edit(self, request: Request, pid: str) -> Response:
        try:
            body = await request.json()
            edit = grids.cell_edit(body)
        except (ValueError, KeyError, TypeError):
            return JSONResponse(
                {"error": "bad-request", "message": "send {table, row, column, value}"}, 400
            )
        try:
            result = await run_in_threadpool(editing.edit_cell, self.workspace.folder(pid), edit)
        except (PaperworkError, ValueError, KeyError) as exc:
            return JSONResponse({"error": "refused", "message": str(exc)}, 400)
        c = await self.checked(pid)
        return JSONResponse({"undo_id": result.undo_id, **_check_json(c)})

    async def api_undo(self, request: Request, pid: str) -> Response:
        result = await run_in_threadpool(editing.undo, self.workspace.folder(pid))
        c = await self.checked(pid)
        return JSONResponse({"undone": result is not None, **_check_json(c)})

    async def upload(self, request: Request, pid: str) -> Response:
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
        c = await self.checked(pid)
        try:
            result = await run_in_threadpool(
                grids.replace, self.workspace.folder(pid), c, target, suffix, data
            )
        except (PaperworkError, ValueError) as exc:
            return HTMLResponse(f"<p class=error>{_esc(str(exc))}</p>", 400)
        return self.page(request, "_upload.html", result=result)

    def routes(self) -> list[Route | Mount]:
        return [
            Route("/", self.home),
            _post("/productions/new", self.new_production),
            Route("/productions/{pid}", self.production_route(self.production_page)),
            Route("/productions/{pid}/summary", self.production_route(self.summary)),
            Route("/productions/{pid}/marks", self.production_route(self.marks)),
            Route("/productions/{pid}/stamp", self.production_route(self.stamp)),
            Route("/productions/{pid}/script", self.production_route(self.script_page)),
            _post("/productions/{pid}/script/lock", self.script_route(self.script_lock)),
            _post("/productions/{pid}/script/revise", self.script_route(self.script_revise)),
            Route(
                "/productions/{pid}/revisions/{name:path}",
                self.production_route(self.revision_file),
            ),
            _post("/productions/{pid}/build", self.production_route(self.form_build)),
            Route("/productions/{pid}/callsheet", self.production_route(self.call_sheet_page)),
            _post("/productions/{pid}/callsheet/{day:int}/{action}", self.call_sheet_action),
            Route("/productions/{pid}/issued/{name:path}", self.production_route(self.issued_file)),
            _post("/productions/{pid}/upload", self.production_route(self.upload)),
            Route(
                "/productions/{pid}/files/{name:path}", self.production_route(self.production_file)
            ),
            Route("/builds/{bid}", self.build_page),
            Route("/builds/{bid}/progress", self.build_progress),
            Route("/builds/{bid}/files/{name:path}", self.build_file),
            Route("/api/productions", self.api_productions),
            Route("/api/productions/{pid}/check", self.production_route(self.api_check)),
            _post("/api/productions/{pid}/builds", self.production_route(self.api_build)),
            _post("/api/productions/{pid}/cells", self.production_route(self.api_edit)),
            _post("/api/productions/{pid}/undo", self.production_route(self.api_undo)),
            Route("/api/builds/{bid}", self.api_build_status),
            Route("/api/builds/{bid}/zip", self.api_zip),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ]


def _post(path: str, endpoint: Callable[..., Any]) -> Route:
    """A route that only takes POST: a form or API call that changes something."""
    return Route(path, endpoint, methods=["POST"])


def _download(request: Request, path: Path) -> FileResponse:
    """A file to save, or a PDF to show in the browser when asked with ``?inline=1``."""
    inline = request.query_params.get("inline") == "1" and path.suffix == ".pdf"
    return FileResponse(
        path, filename=path.name, content_disposition_type="inline" if inline else "attachment"
    )


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
