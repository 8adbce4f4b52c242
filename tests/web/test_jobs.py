"""The process-pool job runner: one job per key, progress from the worker, a dead worker."""

from __future__ import annotations

import os
import time

import pytest

from paperwork.web.jobs import Busy, ProcessRunner, next_build_folder


def _count(n: int, report) -> dict:  # type: ignore[no-untyped-def]
    for i in range(n):
        report(state="running", done=i + 1, total=n)
        time.sleep(0.05)
    return {"state": "done", "files": []}


def _die(report) -> None:  # type: ignore[no-untyped-def]
    os._exit(3)


def _wait(runner: ProcessRunner, job: str) -> dict:
    end = time.monotonic() + 60
    while time.monotonic() < end:
        s = runner.status(job)
        assert s is not None
        if s["state"] in ("done", "failed"):
            return s
        time.sleep(0.05)
    raise AssertionError("the job did not finish")


@pytest.mark.slow  # renders documents: over a second
def test_one_job_per_key_progress_and_a_dead_worker() -> None:
    runner = ProcessRunner()
    try:
        job = runner.submit("a", _count, 5)
        with pytest.raises(Busy):
            runner.submit("a", _count, 1)
        s = _wait(runner, job)
        assert (s["state"], s["done"], s["total"], s["key"]) == ("done", 5, 5, "a")
        dead = _wait(runner, runner.submit("b", _die))
        assert dead["state"] == "failed" and "stopped" in dead["message"]
        # The pool is started afresh: the next job runs.
        assert _wait(runner, runner.submit("b", _count, 2))["state"] == "done"
    finally:
        runner.shutdown()


def test_build_folders_are_numbered_and_never_reused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert next_build_folder(tmp_path).name == "build-0001"
    (tmp_path / "build-0007").mkdir()
    (tmp_path / "build-notes").mkdir()
    assert next_build_folder(tmp_path).name == "build-0008"
