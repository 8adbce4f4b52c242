"""Builds off the request path: a small job-runner interface and a process-pool runner.

The pages know only :class:`JobRunner` (submit, status). Here it is a
``ProcessPoolExecutor``, with progress reported by the worker into a
``multiprocessing.Manager().dict()``; a studio hosting many productions could put RQ,
Celery or Dramatiq behind the same three methods without touching the pages.

A build is the CLI's: ``service.plan_build``, then ``service.write`` into a staged
``OutputFolder``. Each goes into a new numbered folder ``OUT/build-0001/`` so that an
issued document is never overwritten.
"""

from __future__ import annotations

import itertools
import multiprocessing
import re
import threading
import traceback
from collections.abc import Callable, Mapping, MutableMapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from paperwork import __version__
from paperwork.errors import Diagnostics, PaperworkError

BUILD_DIR = re.compile(r"build-(\d{4,})")


class Busy(Exception):
    """A build of this production is already queued or running."""


class JobRunner(Protocol):
    """Where builds run. ``key`` groups jobs that must not run at once (a production)."""

    def submit(self, key: str, fn: Callable[..., object], *args: object) -> str:
        """Start ``fn(*args, progress)``; raises :class:`Busy` while ``key`` has a job."""
        ...

    def status(self, job_id: str) -> dict[str, Any] | None:
        """The job's state: ``queued|running|done|failed``, its progress and its result."""
        ...

    def shutdown(self) -> None: ...


@dataclass
class _Job:
    key: str
    future: Future[object]


class ProcessRunner:
    """A ``ProcessPoolExecutor`` runner: at most one job per key at a time, the rest 409."""

    def __init__(self, workers: int = 1) -> None:
        ctx = multiprocessing.get_context("spawn")  # no threads of the server forked
        self._ctx, self._workers = ctx, workers
        self._manager = ctx.Manager()
        self._progress: MutableMapping[str, dict[str, Any]] = self._manager.dict()
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
        self._jobs: dict[str, _Job] = {}
        self._lock = threading.Lock()
        self._ids = itertools.count(1)

    def submit(self, key: str, fn: Callable[..., object], *args: object) -> str:
        with self._lock:
            if any(j.key == key and not j.future.done() for j in self._jobs.values()):
                raise Busy(key)
            job_id = f"b{next(self._ids)}"
            self._progress[job_id] = {"state": "queued", "done": 0, "total": 0, "kind": ""}
            try:
                future = self._pool.submit(fn, *args, _Reporter(self._progress, job_id))
            except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
                self._pool = ProcessPoolExecutor(max_workers=self._workers, mp_context=self._ctx)
                future = self._pool.submit(fn, *args, _Reporter(self._progress, job_id))
            self._jobs[job_id] = _Job(key, future)
        return job_id

    def status(self, job_id: str) -> dict[str, Any] | None:
        job = self._jobs.get(job_id)
        if job is None:
            return None
        state = dict(self._progress.get(job_id, {}))
        if job.future.done():
            exc = job.future.exception()
            if exc is not None:
                state["state"] = "failed"
                state["message"] = f"the build stopped: {exc}"
            else:
                result = job.future.result()
                state.update(result if isinstance(result, Mapping) else {})
        state["key"] = job.key
        return state

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._manager.shutdown()


class _Reporter:
    """Picklable: the worker's handle on the shared progress dictionary."""

    def __init__(self, shared: MutableMapping[str, dict[str, Any]], job_id: str) -> None:
        self.shared = shared
        self.job_id = job_id

    def __call__(self, **values: Any) -> None:
        current = dict(self.shared.get(self.job_id, {}))
        current.update(values)
        self.shared[self.job_id] = current  # a whole value: a Manager's nested dicts do not sync


def next_build_folder(out_root: Path) -> Path:
    """A new ``build-NNNN`` folder in ``out_root``, numbered after the highest there."""
    out_root.mkdir(parents=True, exist_ok=True)
    numbers = [
        int(m[1]) for p in out_root.iterdir() if (m := BUILD_DIR.fullmatch(p.name)) and p.is_dir()
    ]
    n = max(numbers, default=0) + 1
    while True:
        folder = out_root / f"build-{n:04d}"
        try:
            folder.mkdir()
            return folder
        except FileExistsError:
            n += 1


def latest_build(out_root: Path, before: Path | None = None) -> Path | None:
    """The highest-numbered build folder (below ``before`` when given)."""
    if not out_root.is_dir():
        return None
    found = sorted(
        (int(m[1]), p)
        for p in out_root.iterdir()
        if (m := BUILD_DIR.fullmatch(p.name)) and p.is_dir() and p != before
    )
    return found[-1][1] if found else None


@dataclass(frozen=True, slots=True)
class BuildSpec:
    """What to build and where (picklable: it crosses into the worker process).

    ``out_root`` gets a new ``build-NNNN`` folder, unless ``fixed``: then the documents go
    into ``out_root`` itself, and a name already there stops the build (nothing written).
    ``issued`` is where earlier call sheets are (default: the latest build folder).
    """

    folder: str
    out_root: str
    kinds: tuple[str, ...]
    formats: tuple[str, ...]
    today: date
    day: int | None = None
    version: int | None = None
    issued: str | None = None
    fixed: bool = False


def run_build(spec: BuildSpec, report: Callable[..., None]) -> dict[str, Any]:
    """One build, in a worker process, as ``paperwork build`` does it, into a new folder."""
    from paperwork import service
    from paperwork.output import OutputFolder
    from paperwork.service import BuildOptions
    from paperwork.web.service import problem_of

    report(state="running", kind="checking")
    root = Path(spec.folder)
    out = Path(spec.out_root)
    request = service.BuildRequest(
        today=spec.today,
        kinds=spec.kinds,
        formats=spec.formats or service.DEFAULT_FORMATS,
        options=BuildOptions(day=spec.day, version=spec.version),
    )
    # Earlier issues (a call sheet's previous version) are in the latest build folder.
    issued = Path(spec.issued) if spec.issued else latest_build(out)
    diagnostics = Diagnostics()

    def result(state: str, **more: Any) -> dict[str, Any]:
        tables: dict[str, str] = {}
        problems = [problem_of(d, tables).as_json() for d in diagnostics if d.severity != "info"]
        return {"state": state, "diagnostics": problems, **more}

    try:
        run = service.plan_build(root, request, diagnostics, issued=issued)
        if diagnostics.has_errors or run.production is None:
            return result("failed", message="the production has errors: nothing was built")
        if not run.docs and run.script is None:
            return result("failed", message="nothing to build: no document's inputs are here")
        names = service.files(run)
        report(total=len(names), done=0)
        target = out if spec.fixed else next_build_folder(out)
        done = 0

        def progress(kind: str, files: int) -> None:
            nonlocal done
            done += files
            report(kind=kind, done=done)

        with OutputFolder(target, staged=True) as output:
            service.write(
                run,
                output,
                producer=f"paperwork {__version__} (web)",
                progress=progress,
                diagnostics=diagnostics,
            )
        kinds_of = {f"{d.stem}.{fmt}": d.kind for d in run.docs for fmt in d.formats}
        if run.script is not None:
            kinds_of.update({f"{run.script.stem}.{f}": "script" for f in service.SCRIPT_FORMATS})
        files = [
            {"name": n, "kind": kinds_of.get(n) or n.split("_all_")[0], "bytes": _size(target / n)}
            for n in sorted(output.written)
        ]
        return result(
            "done",
            done=len(names),
            total=len(names),
            folder="" if spec.fixed else target.name,
            where=str(target),
            files=files,
            kind="",
        )
    except PaperworkError as exc:
        diagnostics.extend(exc.diagnostics)
        return result("failed", message=exc.message or "the build stopped")
    except Exception:  # noqa: BLE001 - a bug: keep the server up, show that it failed
        return result(
            "failed", message="the build stopped on an internal error", trace=traceback.format_exc()
        )


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
