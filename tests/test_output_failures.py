"""The output folder under failure: full and read-only disks, names taken by folders,
dangling links, foreign manifests, two runs at once, runs killed half way.

Each ends with a plain message and an exit code (3: the output folder cannot take the run),
and the folder as it was: a run is all or nothing."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.cli import main
from paperwork.output import JOURNAL, STAGING_PREFIX, OutputFolder

DATE = ["--date", "2026-11-29"]
KINDS = ["--only", "clearance-letters", "--only", "clearance-log"]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def build(show: Path, out: Path, *extra: str) -> tuple[int, str]:
    return run("build", str(show), "-o", str(out), *KINDS, *DATE, *extra)


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry of the folder, hidden ones too, with its content's hash."""
    if not folder.exists():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "<dir>"
        for p in sorted(folder.iterdir())
    }


@pytest.fixture()
def show(tmp_path: Path) -> Path:
    code, _ = run("init", str(tmp_path / "show"))
    assert code == 0
    return tmp_path / "show"


@contextlib.contextmanager
def mounted(folder: Path, options: str) -> Iterator[Path]:
    """A small tmpfs at ``folder`` (root only: the real disk-full and read-only errors)."""
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_is_a_message_and_leaves_the_folder_as_it_was(
    show: Path, tmp_path: Path
) -> None:
    """A 120 KB disk takes some of the 300 KB run: none of it may stay, nor a manifest."""
    with mounted(tmp_path / "disk", "size=120k") as disk:
        (disk / "out").mkdir()
        (disk / "out" / "notes.txt").write_text("the co-ordinator's own file")
        before = snapshot(disk / "out")
        code, out = build(show, disk / "out")
        assert code == 3, out
        assert "disk is full" in out or "too large" in out
        assert snapshot(disk / "out") == before


def test_a_read_only_disk_is_a_message(show: Path, tmp_path: Path) -> None:
    with mounted(tmp_path / "ro", "size=1m,ro") as disk:
        code, out = build(show, disk / "out")
        assert code == 3 and "read-only" in out, out
        assert snapshot(disk) == {}


def test_an_output_name_taken_by_a_folder_stops_before_rendering(
    show: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    (out_dir / "clearance-log_my-production_2026-11-29.pdf").mkdir(parents=True)
    before = snapshot(out_dir)
    code, out = build(show, out_dir, "--force")
    assert code == 3 and "folder named like a document" in out, out
    assert snapshot(out_dir) == before


def test_a_dangling_link_as_the_output_folder_is_a_message(show: Path, tmp_path: Path) -> None:
    (tmp_path / "out").symlink_to(tmp_path / "nowhere")
    code, out = build(show, tmp_path / "out")
    assert code == 3 and "does not exist" in out, out
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize(
    "manifest",
    ['{"files": 5}', "[]", "[" * 100_000 + "]" * 100_000, "not json", '{"files": [1]}'],
    ids=["files-not-a-list", "a-list", "deeply-nested", "not-json", "entry-not-a-file"],
)
def test_a_manifest_that_is_not_ours_is_kept_and_stops_the_run(
    show: Path, tmp_path: Path, manifest: str
) -> None:
    """Replacing it would lose what it listed: stop before rendering, change nothing."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "manifest.json").write_text(manifest)
    before = snapshot(out_dir)
    code, out = build(show, out_dir)
    assert code == 3 and "not a paperwork manifest" in out, out
    assert snapshot(out_dir) == before


def test_a_manifest_that_is_a_link_is_not_followed(show: Path, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (tmp_path / "elsewhere.json").write_text('{"files": []}')
    (out_dir / "manifest.json").symlink_to(tmp_path / "elsewhere.json")
    code, out = build(show, out_dir)
    assert code == 3 and "not a paperwork manifest" in out, out
    assert (tmp_path / "elsewhere.json").read_text() == '{"files": []}'


def test_a_second_run_into_a_locked_folder_stops_naming_the_first(
    show: Path, tmp_path: Path
) -> None:
    """Two builds into one folder cannot interleave: the second exits 3 at once."""
    out_dir = tmp_path / "out"
    with OutputFolder(out_dir, staged=True) as first:
        first.write("mine.pdf", b"%PDF-1.7")
        code, out = build(show, out_dir)
        assert code == 3 and "another paperwork run" in out and str(os.getpid()) in out, out
    code, out = build(show, out_dir)  # and once the first has finished, it goes ahead
    assert code == 0, out


def test_the_lock_is_the_kernel_s_and_dies_with_its_holder(tmp_path: Path) -> None:
    """flock on the folder: a holder's death (kill -9 included) frees it."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time; fd = os.open(sys.argv[1], os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(out_dir),
        ],
        stdout=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
    with pytest.raises(Exception, match="another paperwork run"):
        OutputFolder(out_dir, staged=True).open()
    holder.kill()
    holder.wait()
    holder.stdout.close()
    folder = OutputFolder(out_dir, staged=True)
    folder.open()
    fd = os.open(out_dir, os.O_RDONLY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by us now
    finally:
        os.close(fd)
        folder.close()


@pytest.mark.slow  # renders documents: over a second
def test_a_run_killed_while_rendering_leaves_nothing_and_is_reported(
    show: Path, tmp_path: Path
) -> None:
    """kill -9 half way through a real build: no document, no manifest appears; the next
    run removes the staging folder, says so, and builds the whole set."""
    out_dir = tmp_path / "out"
    args = [str(Path(sys.executable).parent / "paperwork"), "build", str(show), "-o", str(out_dir)]
    proc = subprocess.Popen([*args, *KINDS, *DATE], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    staged: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        staged = [p for p in out_dir.glob(f"{STAGING_PREFIX}*/*") if not p.name.startswith(".")]
        if staged:
            break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.skip("the build finished before it could be killed")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert [p.name for p in out_dir.iterdir() if not p.name.startswith(".")] == []
    code, out = build(show, out_dir)
    assert code == 0 and "[interrupted-run]" in out, out
    assert sorted(p.name for p in out_dir.iterdir() if p.name.startswith(".")) == []
    names = {f["name"] for f in json.loads((out_dir / "manifest.json").read_text())["files"]}
    assert names == {p.name for p in out_dir.iterdir()} - {"manifest.json"}


def test_a_run_killed_while_moving_in_is_finished_by_the_next(tmp_path: Path) -> None:
    """The journal written before the moves lets the next run move the rest in: the folder
    then holds the whole of the interrupted set, with a manifest that matches it."""
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    (out_dir / "a.pdf").write_bytes(b"A, already moved in")
    staging = out_dir / f"{STAGING_PREFIX}999-dead"
    staging.mkdir()
    (staging / "b.pdf").write_bytes(b"B, still staged")
    (staging / JOURNAL).write_text(json.dumps({"names": ["a.pdf", "b.pdf"], "produced_by": "x"}))
    (out_dir / ".c.pdf.123abc.part").write_bytes(b"half")
    folder = OutputFolder(out_dir, staged=True)
    folder.open()
    folder.close()
    assert folder.recovered == ["a.pdf", "b.pdf"]
    assert sorted(p.name for p in out_dir.iterdir()) == ["a.pdf", "b.pdf", "manifest.json"]
    manifest = json.loads((out_dir / "manifest.json").read_text())
    assert {f["name"]: f["sha256"] for f in manifest["files"]} == {
        "a.pdf": hashlib.sha256(b"A, already moved in").hexdigest(),
        "b.pdf": hashlib.sha256(b"B, still staged").hexdigest(),
    }


@pytest.mark.slow  # renders documents: over a second
def test_force_replaces_the_set_and_the_manifest_matches_the_disk(
    show: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    assert build(show, out_dir)[0] == 0
    (out_dir / "clearance-log_my-production_2026-11-29.pdf").write_bytes(b"edited by hand")
    (out_dir / "clearance-log_my-production_2026-11-29.docx").unlink()
    assert build(show, out_dir, "--only", "clearance-log", "--format", "pdf", "--force")[0] == 0
    files = json.loads((out_dir / "manifest.json").read_text())["files"]
    on_disk = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out_dir.iterdir()}
    assert {f["name"]: f["sha256"] for f in files} == {
        k: v for k, v in on_disk.items() if k != "manifest.json"
    }
