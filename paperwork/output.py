"""The output folder: all-or-nothing runs, no silent overwrites, a manifest of what is there.

A run that writes a set of documents (``build``) is **staged**: each file is written into a
hidden staging folder inside the output folder (the same file system, so moving in is a
rename; nothing is held in memory), and only when every document has rendered is the set
moved in and the manifest written, last. A run that fails half way (a broken template, a
full disk, Ctrl-C) removes its staging folder and leaves the output folder as it was; a run
killed outright leaves a staging folder that the next run removes and reports.

While a staged run writes, it holds an exclusive lock on the output folder (``flock`` on the
folder itself), so two builds into one folder cannot interleave: the second stops at once,
naming the process that holds it.

Before anything is rendered, :meth:`OutputFolder.claim` checks every name the run will write;
if any exists and ``force`` is off, nothing at all is written.

Builds are **incremental**: given each file's key (a content address of everything its bytes
depend on, :mod:`paperwork.render.keys`), :meth:`OutputFolder.claim` leaves out every file
the manifest already lists with that key and whose bytes are still the ones it lists: those
are up to date, are not rendered again, and need no ``--force``. The manifest records the
key of each file it lists. A run with nothing to write touches nothing at all (not even the
manifest), and its staging folder is only made at the first write. Every file-system failure
(permissions, a full disk, a name that is a folder, a dangling link, a manifest that is not
ours) is an :class:`~paperwork.errors.OutputError` with a plain message, never a traceback.
Files get the permissions the user's umask gives (0644 under the usual 022).
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from paperwork.errors import OutputError, UsageError

MANIFEST = "manifest.json"
STAGING_PREFIX = ".paperwork-run-"  # + the run's pid and a token
JOURNAL = ".moving-in"  # in a staging folder: the set is being moved in (names, produced_by)
_MAX_MANIFEST = 16 << 20  # a manifest larger than this is not one of ours


def safe_name(name: str) -> str:
    """Refuse a file name that could leave its folder (separators, ``..``, hidden names)."""
    if (
        not name
        or name in {".", ".."}
        or name.startswith(".")
        or any(sep in name for sep in ("/", "\\", "\x00", ":"))
    ):
        raise ValueError(f"unsafe output file name {name!r}")
    return name


def _create_temp(folder: Path, name: str) -> tuple[int, Path]:
    """A new, empty, uniquely named file beside ``name``, created with mode 0666 so that
    the kernel applies the process umask (and any default ACL) as it would to any file the
    user saves: 0644 under the usual umask 022, 0600 under 077. ``tempfile.mkstemp`` would
    make it 0600 whatever the umask, and colleagues on a shared drive could not open it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = folder / f".{name}.{secrets.token_hex(6)}.part"
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name for {name} in {folder}")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    The file (and any folder made for it) gets the permissions the user's umask gives a new
    file, as any other program would make it; the temporary file never holds a wider mode.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _problem(exc: OSError, doing: str) -> OutputError:
    """A plain message for a file-system failure while ``doing`` something."""
    where = exc.filename or ""
    why = {
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the folder is on a read-only disk",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "a folder has that name",
        errno.ENOTDIR: "part of the path is a file, not a folder",
        errno.ELOOP: "too many symbolic links",
        errno.ENAMETOOLONG: "the name is too long",
        errno.EFBIG: "the file is too large for this disk or account",
    }.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"could not {doing}{f' ({where})' if where else ''}: {why}")


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@dataclass
class OutputFolder:
    """A folder that receives a run's documents.

    Unstaged (the script commands' single files), each :meth:`write` is atomic on its own.
    Staged (``build``), use it as a context manager, or call :meth:`commit`: writes go to the
    staging folder under the folder's lock until :meth:`commit` moves the set in.
    """

    root: Path
    force: bool = False
    staged: bool = False  # write into a staging folder until commit()
    written: dict[str, str] = field(default_factory=dict)  # name -> sha256
    pending: dict[str, str] = field(default_factory=dict)  # staged name -> sha256
    keys: dict[str, str] = field(default_factory=dict)  # name -> content key (claim)
    current: set[str] = field(default_factory=set)  # names up to date: not written again
    cleaned: list[str] = field(default_factory=list)  # leftovers of interrupted runs removed
    recovered: list[str] = field(default_factory=list)  # an interrupted run's set, finished
    _staging: Path | None = None
    _lock_fd: int | None = None
    _made_root: bool = False
    _keep_journal: bool = False

    # -- opening and closing a staged run --

    def __enter__(self) -> OutputFolder:
        if self.staged:
            self.open()
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        self.close()

    def open(self) -> None:
        """Make the folder if needed, lock it and clear what interrupted runs left. This
        run's staging folder is made at its first write: a run that writes nothing leaves
        the folder as it found it."""
        if self._lock_fd is not None:
            return
        self._check_root()
        try:
            if not self.root.exists():
                self.root.mkdir(parents=True)
                self._made_root = True
            self._lock()
            self._clear_leftovers()
        except OSError as exc:
            self.close()
            raise _problem(exc, f"prepare the output folder {self.root}") from None

    def held_fds(self) -> tuple[int, ...]:
        """The descriptors this folder holds open (its lock): a process forked to help the
        run closes them, so that only the run itself holds the lock."""
        return (self._lock_fd,) if self._lock_fd is not None else ()

    def _stage(self) -> Path:
        """This run's staging folder, made on first use."""
        self.open()
        if self._staging is None:
            staging = self.root / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
            try:
                staging.mkdir()
            except OSError as exc:
                self.close()
                raise _problem(exc, f"prepare the output folder {self.root}") from None
            self._staging = staging
        return self._staging

    def close(self) -> None:
        """Drop whatever is still staged, unlock, and remove the folder if this run made it
        and left nothing in it."""
        if self._staging is not None and not self._keep_journal:
            shutil.rmtree(self._staging, ignore_errors=True)
        self._staging = None
        self.pending.clear()
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # releases the flock
            self._lock_fd = None
        if self._made_root and not self.written:
            try:
                self.root.rmdir()
            except OSError:
                pass
            self._made_root = False

    def _check_root(self) -> None:
        if self.root.is_symlink() and not self.root.exists():
            raise OutputError(
                f"the output folder {self.root} is a link to {os.readlink(self.root)}, "
                "which does not exist"
            )
        if self.root.exists() and not self.root.is_dir():
            raise OutputError(f"{self.root} exists and is not a folder")

    def _lock(self) -> None:
        import fcntl

        fd = os.open(self.root, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holders = sorted(
                p.name[len(STAGING_PREFIX) :].split("-")[0]
                for p in self.root.glob(f"{STAGING_PREFIX}*")
            )
            who = f" (process {', '.join(holders)})" if holders else ""
            raise OutputError(
                f"another paperwork run is writing into {self.root}{who}; wait for it to "
                "finish, or choose another output folder"
            ) from None
        self._lock_fd = fd

    def _clear_leftovers(self) -> None:
        """Deal with what runs that were killed left behind. Under the lock, none of it can
        belong to a live run. A run killed while moving its set in (its journal says so) is
        finished: the rest of its set is moved in and the manifest written, so the folder
        holds all of that run or none of it. Any other staging folder and ``.part`` file is
        removed."""
        for path in sorted(self.root.glob(f"{STAGING_PREFIX}*")):
            journal = path / JOURNAL
            if journal.is_file():
                self._finish_interrupted(path, journal)
            shutil.rmtree(path, ignore_errors=True)
            self.cleaned.append(path.name)
        for path in sorted(self.root.glob(".*.part")):
            if path.is_file():
                path.unlink(missing_ok=True)
                self.cleaned.append(path.name)

    def _finish_interrupted(self, staging: Path, journal: Path) -> None:
        try:
            data = json.loads(journal.read_text(encoding="utf-8"))
            names = [n for n in data["names"] if isinstance(n, str)]
            produced_by = str(data["produced_by"])
            keys = data.get("keys") or {}
            keys = {n: k for n, k in keys.items() if isinstance(n, str) and isinstance(k, str)}
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return  # not ours to finish: the staging folder is just removed
        for name in names:
            if (staging / name).is_file():
                os.replace(staging / name, self.path(name))
            if self.path(name).is_file():
                self.recovered.append(name)
        if self.recovered:
            finished = OutputFolder(self.root)
            finished.written = {
                n: hashlib.sha256(self.path(n).read_bytes()).hexdigest() for n in self.recovered
            }
            finished.keys = {n: keys[n] for n in self.recovered if n in keys}
            finished.write_manifest(produced_by)

    # -- names --

    def path(self, name: str) -> Path:
        path = (self.root / safe_name(name)).resolve()
        if path.parent != self.root.resolve():
            raise ValueError(f"output {name!r} would leave {self.root}")
        return path

    def claim(self, names: Iterable[str], keys: Mapping[str, str] | None = None) -> list[str]:
        """Stop before writing anything if an issued document would be overwritten, a name
        is taken by a folder, or the manifest is not one this run can extend.

        With ``keys`` (name -> content key), a file the manifest lists with the same key
        and whose bytes on disk are still the listed ones is up to date: it goes into
        :attr:`current`, is left out of the check, and is not to be written. Returns the
        names that are to be written, in the order given."""
        names = list(names)
        dupes = sorted({n for n in names if names.count(n) > 1})
        if dupes:
            raise UsageError(
                f"two documents of this run would have the same file name: {', '.join(dupes)}"
            )
        self._check_root()
        folders = [n for n in names if self.path(n).is_dir()]
        if folders:
            raise OutputError(
                f"{self.root} has a folder named like a document of this run: "
                f"{', '.join(folders[:5])}; move it away or choose another output folder"
            )
        manifest = self.read_manifest() if self.staged or keys else {}
        if keys:
            self.keys.update(keys)
            self.current = {n for n in names if self._up_to_date(n, manifest.get(n))}
        names = [n for n in names if n not in self.current]
        if self.force:
            return names
        existing = [n for n in names if self.path(n).exists()]
        if existing:
            shown = ", ".join(existing[:5]) + (
                f" and {len(existing) - 5} more" if len(existing) > 5 else ""
            )
            raise UsageError(
                f"{len(existing)} file(s) already issued in {self.root}: {shown}. "
                "Nothing was written. Use --force to replace them, or another output folder."
            )
        return names

    def _up_to_date(self, name: str, entry: Mapping[str, object] | None) -> bool:
        """Whether ``name`` is on disk as the manifest lists it, with this run's key."""
        key = self.keys.get(name)
        if not key or entry is None or entry.get("key") != key:
            return False
        path = self.path(name)
        try:
            if path.is_symlink() or not path.is_file() or path.stat().st_size != entry.get("bytes"):
                return False
            return hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")
        except OSError:
            return False

    def source(self, name: str) -> Path:
        """Where ``name``'s bytes are now: this run's staged file, else the folder's."""
        if name in self.pending and self._staging is not None:
            return self._staging / name
        return self.path(name)

    # -- writing --

    def write(self, name: str, data: bytes) -> Path:
        path = self.path(name)
        if self.staged:
            staging = self._stage()
            try:
                write_atomic(staging / name, data)
            except OSError as exc:
                raise _problem(exc, f"write {name} into {self.root}") from None
            self.pending[name] = hashlib.sha256(data).hexdigest()
            return path
        try:
            write_atomic(path, data)
        except OSError as exc:
            raise _problem(exc, f"write {path}") from None
        self.written[name] = hashlib.sha256(data).hexdigest()
        return path

    def commit(self, produced_by: str | None = None) -> None:
        """Move every staged file in, all or nothing, then write the manifest (when
        ``produced_by`` is given) and end the run.

        A file it replaces (``--force``) is set aside first and put back if a move fails. A
        journal written first lets the next run finish the move if this one is killed.
        A staged run that wrote nothing (every file up to date) changes nothing, not even
        the manifest."""
        if not self.staged:
            if produced_by is not None:
                self.write_manifest(produced_by)
            return
        if self._staging is None or not self.pending:
            self.close()
            return
        staging, pending = self._staging, dict(self.pending)
        backup = staging / ".replaced"
        moved: list[str] = []
        try:
            backup.mkdir()
            journal = {
                "names": sorted(pending),
                "produced_by": produced_by or "paperwork",
                "keys": {n: self.keys[n] for n in sorted(pending) if n in self.keys},
            }
            write_atomic(staging / JOURNAL, json.dumps(journal).encode("utf-8"))
            for name in sorted(pending):
                target = self.path(name)
                if target.exists():
                    os.replace(target, backup / name)
                os.replace(staging / name, target)
                moved.append(name)
            _fsync_dir(self.root)
        except OSError as exc:
            for name in reversed(moved):  # put the folder back as it was
                target = self.path(name)
                try:
                    target.unlink(missing_ok=True)
                    if (backup / name).exists():
                        os.replace(backup / name, target)
                except OSError:
                    pass
            self.close()
            raise _problem(exc, f"move the documents into {self.root}") from None
        self.written.update(pending)
        self.pending.clear()
        if produced_by is not None:
            try:
                self.write_manifest(produced_by)
            except OutputError:
                self._keep_journal = True  # the next run writes the manifest for this set
                raise
        self.close()

    # -- the manifest --

    def read_manifest(self) -> dict[str, dict[str, object]]:
        """The entries of the folder's ``manifest.json`` by name (none when there is none).

        A manifest that is not ours (a link, not JSON, not ``{"files": [...]}``, absurdly
        deep or large) is an error: replacing it would lose what it listed."""
        path = self.root / MANIFEST
        if not path.exists() and not path.is_symlink():
            return {}
        problem = ""
        files: dict[str, dict[str, object]] = {}
        if path.is_symlink() or not path.is_file():
            problem = "it is a link or not a file"
        else:
            try:
                raw = path.read_bytes()
                if len(raw) > _MAX_MANIFEST:
                    raise ValueError("too large")
                data = json.loads(raw.decode("utf-8"))
                entries = data.get("files") if isinstance(data, dict) else None
                if not isinstance(entries, list):
                    raise ValueError('it has no "files" list')
                for entry in entries:
                    if not (isinstance(entry, dict) and isinstance(entry.get("name"), str)):
                        raise ValueError("an entry has no name")
                    files[entry["name"]] = entry
            except OSError as exc:
                raise _problem(exc, f"read {path}") from None
            except (ValueError, RecursionError, UnicodeDecodeError) as exc:
                problem = str(exc) or type(exc).__name__
        if problem:
            raise OutputError(
                f"{path} is not a paperwork manifest ({problem}); nothing was written. "
                "Move it away, or choose another output folder."
            )
        return files

    def write_manifest(self, produced_by: str) -> Path:
        """Write ``manifest.json``, last: this run's files and earlier runs' files that are
        still there, each with the checksum of the file as it is on disk now."""
        path = self.path(MANIFEST)
        try:
            files = self.read_manifest()
            for name in list(files):
                if name not in self.written and not self.path(name).is_file():
                    del files[name]  # gone since: the manifest names only what is there
            for name, digest in self.written.items():
                files[name] = {
                    "name": name,
                    "sha256": digest,
                    "bytes": self.path(name).stat().st_size,
                }
                if name in self.keys:
                    files[name]["key"] = self.keys[name]
            for name, entry in files.items():
                if name not in self.written:
                    data = self.path(name).read_bytes()
                    digest = hashlib.sha256(data).hexdigest()
                    if digest != entry.get("sha256"):
                        entry.pop("key", None)  # changed by hand: its key no longer says it
                    entry["sha256"] = digest
                    entry["bytes"] = len(data)
            body = {"produced_by": produced_by, "files": [files[k] for k in sorted(files)]}
            text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
            write_atomic(path, text.encode("utf-8"))
        except OSError as exc:
            raise _problem(exc, f"write {path}") from None
        return path
