"""The output folder: atomic writes, no silent overwrite, names that cannot escape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paperwork.builders.base import slug
from paperwork.errors import UsageError
from paperwork.output import OutputFolder, safe_name


def test_existing_documents_are_not_overwritten_without_force(tmp_path: Path) -> None:
    """A claim on an existing name stops the run before anything is written."""
    out = OutputFolder(tmp_path)
    out.write("a.pdf", b"issued")
    again = OutputFolder(tmp_path)
    with pytest.raises(UsageError) as err:
        again.claim(["b.pdf", "a.pdf"])
    assert (
        err.value.exit_code == 2 and "a.pdf" in err.value.message and "--force" in err.value.message
    )
    assert (tmp_path / "a.pdf").read_bytes() == b"issued"
    OutputFolder(tmp_path, force=True).claim(["a.pdf"])


def test_two_documents_with_one_name_are_refused(tmp_path: Path) -> None:
    """A run may not write the same file twice."""
    with pytest.raises(UsageError, match="same file name"):
        OutputFolder(tmp_path).claim(["x.pdf", "x.pdf"])


@pytest.mark.parametrize(
    "name", ["../x.pdf", "a/b.pdf", "..", ".hidden", "C:x.pdf", "a\\b.pdf", ""]
)
def test_unsafe_names_are_refused(name: str) -> None:
    """Names with separators, dots or drive letters cannot be written."""
    with pytest.raises(ValueError):
        safe_name(name)


@given(st.text())
def test_slug_is_always_a_safe_file_name(text: str) -> None:
    """Any crew member's or holder's name slugs to a name that stays in the folder."""
    s = slug(text)
    assert safe_name(s + "_2026-11-29.pdf")
    assert s and all(c.isascii() and (c.isalnum() or c == "-") for c in s)


def test_manifest_lists_every_file_with_its_sha256(tmp_path: Path) -> None:
    """manifest.json keeps earlier runs' files and adds this run's, each with the sha256 and
    size of the file as it is on disk (a stale hash from an earlier run is corrected)."""
    import hashlib

    OutputFolder(tmp_path).write("a.pdf", b"one")
    first = OutputFolder(tmp_path)
    first.written = {"a.pdf": "stale"}
    first.write_manifest("paperwork test")
    second = OutputFolder(tmp_path)
    second.write("b.pdf", b"two")
    second.write_manifest("paperwork test")
    body = json.loads((tmp_path / "manifest.json").read_text())
    assert body["produced_by"] == "paperwork test"
    assert body["files"] == [
        {"name": n, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
        for n, data in (("a.pdf", b"one"), ("b.pdf", b"two"))
    ]


def test_interrupted_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the rename never happens, neither the target nor a temp file is left behind."""
    import os

    def boom(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        OutputFolder(tmp_path).write("a.pdf", b"data")
    assert list(tmp_path.iterdir()) == []


def test_a_staged_folder_shows_nothing_until_commit(tmp_path: Path) -> None:
    """Staged writes go to a hidden staging folder on the same disk; until commit the
    folder shows no document, and a run that ends without commit leaves no trace."""
    with OutputFolder(tmp_path / "out", staged=True) as out:
        out.write("b.pdf", b"two")
        out.write("a.pdf", b"one")
        assert visible(tmp_path / "out") == [] and out.written == {}
    assert not (tmp_path / "out").exists()  # made by the run, removed with it
    out = OutputFolder(tmp_path / "out", staged=True)
    out.write("b.pdf", b"two")
    out.write("a.pdf", b"one")
    out.commit("paperwork test")
    assert visible(tmp_path / "out") == ["a.pdf", "b.pdf", "manifest.json"]
    assert set(out.written) == {"a.pdf", "b.pdf"}
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []


def visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


@pytest.mark.parametrize(
    ("umask", "file_mode", "dir_mode"), [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)]
)
def test_files_and_folders_take_the_user_umask(
    tmp_path: Path, umask: int, file_mode: int, dir_mode: int
) -> None:
    """Written files (documents, manifest) and made folders honour the umask, not 0600."""
    import os
    import stat

    old = os.umask(umask)
    try:
        out = OutputFolder(tmp_path / "out", staged=True)
        out.write("a.pdf", b"one")
        out.commit()
        OutputFolder(tmp_path / "out", force=True).write("a.pdf", b"again")  # a replaced file too
        out.write_manifest("paperwork test")
    finally:
        os.umask(old)
    for name in ("a.pdf", "manifest.json"):
        assert stat.S_IMODE((tmp_path / "out" / name).stat().st_mode) == file_mode, name
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == dir_mode
    assert [p.name for p in (tmp_path / "out").iterdir() if p.name.startswith(".")] == []
