"""Bench: the hostile-input sweep of issue 13, rerun: ~700 bad, hostile and faulty inputs.

    .venv/bin/python bench/hostile.py                        # this checkout, every case
    .venv/bin/python bench/hostile.py --repo ../before       # another checkout's code
    .venv/bin/python bench/hostile.py --area yaml --jobs 1   # one area
    .venv/bin/python bench/hostile.py --quick                # a sample of ~100 cases

Every case is generated here, by code: a fresh copy of the checkout's demo production (or
of a ``paperwork init`` folder, smaller and faster) in a temporary folder, one mutation, and
the real CLI run as a subprocess (60 s timeout, 4 GiB address space). Each case is then
classified, worst first:

- ``hang``: a run passed the timeout (it is killed);
- ``traceback``: a run printed "Traceback", or died of a signal it was not sent;
- ``escape``: a sentinel from outside the production folder (a secret file, /etc/passwd)
  turned up in an output's text, or a formula from the data was written as a live formula;
- ``loss``: rows silently dropped, or a folder left inconsistent (a file on disk the
  manifest does not name or whose checksum differs, a named file missing, ``.part`` files
  left, two concurrent builds both exiting 0, a garbage manifest silently replaced);
- ``other``: a non-zero exit with no message at all;
- ``located``: a non-zero exit with a located diagnostic or a plain ``error:`` line;
- ``ok``: exit 0.

A case the checkout's CLI cannot express (an option or table column it does not have, a
read-only folder when running as root) counts as ``n/a``. Prints a table by area, then
every case that is not clean with its one-line reason. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TIMEOUT = 60.0
MEMORY = 4 << 30
DATE = "2026-12-02"
SECRET = "SWEEPSECRET7F3A9C"
PASSWD = "root:x:0:0"
FORMULA = '=HYPERLINK("http://x","y")'
RUNNER = "from paperwork.cli import main; main(prog_name='paperwork')"
CLASSES = ("ok", "located", "traceback", "hang", "escape", "loss", "other", "n/a")
RANK = {
    c: i for i, c in enumerate(("ok", "located", "other", "loss", "escape", "traceback", "hang"))
}
LOCATED = re.compile(r"^(\S[^\n]*?: )?(error|Error): ", re.MULTILINE)


class NotApplicable(Exception):
    """The checkout's CLI or production format cannot express this case."""


@dataclass
class Run:
    argv: tuple[str, ...]
    code: int | None  # None: killed by the timeout
    output: str
    seconds: float
    killed: bool = False  # we sent the signal ourselves (kill -9 cases)


@dataclass
class Ctx:
    repo: Path
    tmp: Path
    base: Path | None
    show: Path = field(init=False)
    out: Path = field(init=False)
    runs: list[Run] = field(default_factory=list)
    flags: list[tuple[str, str]] = field(default_factory=list)
    check_out: bool = True

    def __post_init__(self) -> None:
        self.show = self.tmp / "show"
        self.out = self.tmp / "out"
        (self.tmp / "secret.txt").write_text(f"{SECRET}\n", encoding="utf-8")
        if self.base is not None:
            shutil.copytree(self.base, self.show, symlinks=True)

    # -- running the CLI --

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        env = dict(os.environ, PYTHONPATH=str(self.repo), PYTHONHASHSEED="0")
        env.pop("PYTHONSTARTUP", None)
        return subprocess.Popen(
            [sys.executable, "-P", "-c", RUNNER, *args],
            cwd=self.tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_limits,
        )

    def finish(self, proc: subprocess.Popen[bytes], args: tuple[str, ...], start: float) -> Run:
        try:
            data, _ = proc.communicate(timeout=TIMEOUT)
            code: int | None = proc.returncode
        except subprocess.TimeoutExpired:
            _kill(proc)
            data, _ = proc.communicate()
            code = None
        run = Run(args, code, data.decode("utf-8", "replace"), time.monotonic() - start)
        self.runs.append(run)
        return run

    def run(self, *args: str) -> Run:
        start = time.monotonic()
        return self.finish(self.popen(*args), args, start)

    def build(
        self, *kinds: str, fmt: tuple[str, ...] = ("pdf",), extra: tuple[str, ...] = ()
    ) -> Run:
        args = ["build", str(self.show), "-o", str(self.out), "--date", DATE, "-j", "1"]
        for k in kinds:
            args += ["--only", k]
        for f in fmt:
            args += ["--format", f]
        return self.run(*args, *extra)

    def check(self) -> Run:
        return self.run("check", str(self.show), "--date", DATE)

    def flag(self, kind: str, reason: str) -> None:
        self.flags.append((kind, reason))

    # -- the production folder --

    @property
    def yaml(self) -> Path:
        return self.show / "production.yaml"

    def yaml_text(self) -> str:
        return self.yaml.read_text(encoding="utf-8")

    def set_yaml(self, text: str) -> None:
        self.yaml.write_text(text, encoding="utf-8")

    def _table_line(self, table: str) -> tuple[str, re.Match[str]]:
        text = self.yaml_text()
        start = re.search(r"^tables:", text, re.MULTILINE)
        m = re.compile(rf"^  {table}: (\S+)", re.MULTILINE).search(
            text, start.end() if start else 0
        )
        if start is None or m is None:
            raise NotApplicable(f"no {table} table")
        return text, m

    def table_path(self, table: str) -> Path:
        return self.show / self._table_line(table)[1].group(1)

    def point_table(self, table: str, value: str) -> None:
        text, m = self._table_line(table)
        self.set_yaml(text[: m.start()] + f"  {table}: {value}" + text[m.end() :])

    def read_table(self, table: str) -> list[list[str]]:
        with self.table_path(table).open(encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def write_table(self, table: str, rows: list[list[str]]) -> None:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows(rows)
        self.table_path(table).write_text(buf.getvalue(), encoding="utf-8")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _kill(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


# --- what the outputs hold ---------------------------------------------------------------


def output_text(folder: Path) -> str:
    """Every output file's text: PDF text, DOCX/XLSX XML, CSV/JSON/FDX as they are."""
    from pypdf import PdfReader

    parts: list[str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        try:
            if path.suffix == ".pdf":
                reader = PdfReader(path)
                parts += [page.extract_text() or "" for page in reader.pages[:200]]
            elif path.suffix in (".docx", ".xlsx"):
                with zipfile.ZipFile(path) as z:
                    parts += [z.read(n).decode("utf-8", "replace") for n in z.namelist()]
            elif path.suffix != ".json" or path.name != "manifest.json":
                parts.append(path.read_bytes()[: 50 << 20].decode("utf-8", "replace"))
        except Exception as exc:  # an unreadable output is a finding of its own  # noqa: BLE001
            parts.append(f"<unreadable {path.name}: {exc}>")
    return "\n".join(parts)


def live_formulas(folder: Path) -> list[str]:
    """Cells written from data as formulas: XLSX formula cells, CSV cells a sheet would run."""
    import openpyxl

    found: list[str] = []
    for path in sorted(folder.rglob("*.xlsx")):
        try:
            book = openpyxl.load_workbook(path)
        except Exception:  # noqa: BLE001
            continue
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f" and "HYPERLINK" in str(cell.value):
                        found.append(f"{path.name}!{sheet.title}!{cell.coordinate}")
    for path in sorted(folder.rglob("*.csv")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            if any(c.startswith("=HYPERLINK") for c in row):
                found.append(f"{path.name}:{n}")
    return found


def folder_problems(out: Path) -> list[str]:
    """How an output folder is inconsistent: all or nothing, and named by its manifest."""
    if not out.is_dir() or out.is_symlink():
        return []
    problems = [f"left {p.name}" for p in sorted(out.rglob("*.part"))]
    visible = {p.name for p in out.iterdir() if not p.name.startswith(".") and p.is_file()}
    visible.discard("manifest.json")
    manifest = out / "manifest.json"
    if not manifest.exists() or manifest.is_symlink():
        if visible:
            problems.append(f"{len(visible)} files and no manifest")
        return problems
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        named = {e["name"]: e for e in entries}
    except (ValueError, KeyError, TypeError):
        return problems  # a garbage manifest; the cases that plant one judge it
    for name in sorted(visible - set(named)):
        problems.append(f"{name} not in the manifest")
    for name, entry in sorted(named.items()):
        path = out / name
        if not path.is_file():
            problems.append(f"manifest names missing {name}")
        elif "sha256" in entry and hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
            problems.append(f"{name}'s checksum differs from the manifest")
    return problems


# --- cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    area: str
    name: str
    base: str  # "init", "demo" or "none"
    body: Callable[[Ctx], None]
    scan: tuple[str, ...] = ()  # what to look for in the outputs: secret, passwd, formula


def _cases() -> Iterator[Case]:
    yield from table_cases()
    yield from table_file_cases()
    yield from yaml_cases()
    yield from script_cases()
    yield from lock_cases()
    yield from template_cases()
    yield from output_cases()
    yield from cli_cases()


# Each table, the base folder that names it, the kind built from it (with its formats),
# and the columns mutated.
TABLES: dict[str, tuple[str, str, tuple[str, ...], tuple[str, ...]]] = {
    "clearances": (
        "init",
        "clearance-log",
        ("xlsx", "docx"),
        ("description", "holder_company", "fee_agreed", "reply_by"),
    ),
    "crew": ("init", "crew-contracts", ("xlsx", "csv", "docx"), ("name", "role", "rate", "start")),
    "kit": ("init", "carnet", ("csv", "docx"), ("description", "unit_value", "quantity")),
    "risks": ("init", "risk-assessments", ("xlsx", "docx"), ("hazard", "likelihood", "review")),
    "deliverables": (
        "demo",
        "delivery-schedule",
        ("xlsx", "csv", "docx"),
        ("item", "due", "delivered"),
    ),
    "schedule": ("demo", "day-out-of-days", ("xlsx", "csv", "docx"), ("location", "date", "notes")),
    "cast": (
        "demo",
        "day-out-of-days",
        ("xlsx", "csv", "docx"),
        ("artist", "character", "date_of_birth"),
    ),
    "locations": ("demo", "call-sheets", ("docx",), ("name", "address", "latitude")),
    "calls": ("demo", "call-sheets", ("docx",), ("who", "call", "notes")),
    "supporting_artists": ("demo", "call-sheets", ("docx",), ("description", "count", "call")),
}

VALUES: dict[str, str] = {
    "nul": "a\x00b",
    "soh": "a\x01b",
    "vt": "a\x0bb",
    "esc": "\x1b[31mred",
    "formula": FORMULA,
    "30-digit": "123456789012345678901234567890",
    "1e308": "1e308",
    "nan": "NaN",
    "year-0001": "0001-01-01",
    "year-9999": "9999-12-31",
    "feb-30": "2027-02-30",
    "empty": "",
    "10k-chars": "x" * 10_000,
    "emoji-rtl": "\U0001f3ac \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u202eevil\u202c",
}


def table_cases() -> Iterator[Case]:
    for table, (base, kind, fmts, columns) in TABLES.items():
        for column in columns:
            for label, value in VALUES.items():

                def body(
                    ctx: Ctx,
                    table: str = table,
                    column: str = column,
                    value: str = value,
                    kind: str = kind,
                    fmts: tuple[str, ...] = fmts,
                ) -> None:
                    rows = ctx.read_table(table)
                    if column not in rows[0]:
                        raise NotApplicable(f"{table}.csv has no {column}")
                    i = rows[0].index(column)
                    row = next(r for r in rows[1:] if any(r))
                    row += [""] * (len(rows[0]) - len(row))
                    row[i] = value
                    ctx.write_table(table, rows)
                    ctx.build(kind, fmt=fmts)

                scan = ("formula",) if label == "formula" else ()
                yield Case("tables", f"{table}.{column}={label}", base, body, scan)


def _xlsx_bytes(rows: list[list[str]], stale: bool = False) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buf = io.BytesIO()
    book.save(buf)
    if not stale:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    dst = io.BytesIO()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                # every column, but only the first 4 rows
                data = re.sub(
                    rb'<dimension ref="A1:([A-Z]+)\d+"', rb'<dimension ref="A1:\g<1>4"', data
                )
            z.writestr(info, data)
    return dst.getvalue()


def _marked(ctx: Ctx, table: str, column: str, count: int) -> tuple[list[list[str]], list[str]]:
    """The table with ``count`` rows, each with a unique marker in ``column``."""
    rows = ctx.read_table(table)
    head, body = rows[0], [r for r in rows[1:] if any(r)]
    i = head.index(column)
    out, marks = [head], []
    for n in range(count):
        row = list(body[n % len(body)]) + [""] * (len(head) - len(body[n % len(body)]))
        if "id" in head:
            row[head.index("id")] = f"R{n:03d}"
        mark = f"ROWMARK{n:03d}"
        row[i] = f"{mark} {row[i]}"
        out.append(row)
        marks.append(mark)
    return out, marks


SECRET_COLUMN = {
    "clearances": "description",
    "crew": "role",
    "kit": "description",
    "risks": "hazard",
}


def table_file_cases() -> Iterator[Case]:
    for table, kind, fmt in (
        ("clearances", "clearance-log", ("xlsx",)),
        ("crew", "crew-contracts", ("xlsx",)),
        ("kit", "carnet", ("csv",)),
        ("risks", "risk-assessments", ("xlsx",)),
    ):

        def mk(
            name: str,
            mutate: Callable[[Ctx, str], None],
            scan: tuple[str, ...] = (),
            table: str = table,
            kind: str = kind,
            fmt: tuple[str, ...] = fmt,
        ) -> Case:
            def body(ctx: Ctx) -> None:
                mutate(ctx, table)
                ctx.check()
                ctx.build(kind, fmt=fmt)

            return Case("table-files", f"{table}: {name}", "init", body, scan)

        def garbage(ctx: Ctx, t: str) -> None:
            ctx.table_path(t).write_bytes(random.Random(t).randbytes(4096))

        def empty(ctx: Ctx, t: str) -> None:
            ctx.table_path(t).write_bytes(b"")

        def header_only(ctx: Ctx, t: str) -> None:
            ctx.write_table(t, ctx.read_table(t)[:1])

        def utf16(ctx: Ctx, t: str) -> None:
            p = ctx.table_path(t)
            p.write_bytes(p.read_text(encoding="utf-8").encode("utf-16"))

        def latin1(ctx: Ctx, t: str) -> None:
            p = ctx.table_path(t)
            p.write_bytes(
                p.read_text(encoding="utf-8").replace("e", "\xe9").encode("latin-1", "replace")
            )

        def bom(ctx: Ctx, t: str) -> None:
            p = ctx.table_path(t)
            p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes())

        def ragged(ctx: Ctx, t: str) -> None:
            rows = ctx.read_table(t)
            ctx.write_table(t, [rows[0]] + [r[:2] + ["x"] * 60 for r in rows[1:]])

        def quote(ctx: Ctx, t: str) -> None:
            p = ctx.table_path(t)
            p.write_text(
                p.read_text(encoding="utf-8") + '"unclosed,quote\n' + "y" * 200_000,
                encoding="utf-8",
            )

        def xlsx_as(ctx: Ctx, t: str, data: bytes) -> None:
            (ctx.show / f"{t}.xlsx").write_bytes(data)
            ctx.point_table(t, f"{t}.xlsx")

        def corrupt_xlsx(ctx: Ctx, t: str) -> None:
            xlsx_as(ctx, t, b"PK\x03\x04" + random.Random(t).randbytes(3000))

        def truncated_xlsx(ctx: Ctx, t: str) -> None:
            data = _xlsx_bytes(ctx.read_table(t))
            xlsx_as(ctx, t, data[: len(data) // 2])

        def sheetless_xlsx(ctx: Ctx, t: str) -> None:
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w") as z:
                z.writestr("[Content_Types].xml", "<Types/>")
            xlsx_as(ctx, t, buf.getvalue())

        def missing_sheet(ctx: Ctx, t: str) -> None:
            (ctx.show / f"{t}.xlsx").write_bytes(_xlsx_bytes(ctx.read_table(t)))
            ctx.point_table(t, f"{t}.xlsx#Nope")

        def symlink_out(ctx: Ctx, t: str) -> None:
            rows = ctx.read_table(t)
            col = rows[0].index(SECRET_COLUMN[t])
            for row in rows[1:]:
                if len(row) > col:
                    row[col] = f"{SECRET} {row[col]}"
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            outside = ctx.tmp / f"{t}.csv"
            outside.write_text(buf.getvalue(), encoding="utf-8")
            p = ctx.table_path(t)
            p.unlink()
            p.symlink_to(outside)

        def relative_out(ctx: Ctx, t: str) -> None:
            symlink_out(ctx, t)
            ctx.point_table(t, f"../{t}.csv")

        def absolute(ctx: Ctx, t: str) -> None:
            symlink_out(ctx, t)
            ctx.point_table(t, str(ctx.tmp / f"{t}.csv"))

        def passwd(ctx: Ctx, t: str) -> None:
            ctx.point_table(t, "/etc/passwd")

        def directory(ctx: Ctx, t: str) -> None:
            (ctx.show / "adir").mkdir()
            ctx.point_table(t, "adir")

        def missing(ctx: Ctx, t: str) -> None:
            ctx.point_table(t, "nowhere.csv")

        def fifo(ctx: Ctx, t: str) -> None:
            os.mkfifo(ctx.show / "pipe.csv")
            ctx.point_table(t, "pipe.csv")

        for name, fn in (
            ("binary garbage as .csv", garbage),
            ("empty file", empty),
            ("header only", header_only),
            ("UTF-16", utf16),
            ("Latin-1 bytes", latin1),
            ("UTF-8 BOM", bom),
            ("ragged rows, 60 extra cells", ragged),
            ("unclosed quote, 200k chars", quote),
            ("corrupt .xlsx", corrupt_xlsx),
            ("truncated .xlsx", truncated_xlsx),
            ("zip without a sheet", sheetless_xlsx),
            ("#sheet that is not there", missing_sheet),
            ("a directory", directory),
            ("a missing file", missing),
            ("a FIFO", fifo),
        ):
            yield mk(name, fn)
        for name, fn in (
            ("symlink out of the folder", symlink_out),
            ("../x.csv", relative_out),
            ("absolute path outside", absolute),
        ):
            yield mk(name, fn, ("secret",))
        yield mk("/etc/passwd as the table", passwd, ("passwd",))

    for table, kind, column, fmt in (
        ("clearances", "clearance-log", "description", "xlsx"),
        ("kit", "carnet", "description", "csv"),
    ):
        for count in (12, 30):

            def stale(
                ctx: Ctx,
                table: str = table,
                kind: str = kind,
                column: str = column,
                fmt: str = fmt,
                count: int = count,
            ) -> None:
                rows, marks = _marked(ctx, table, column, count)
                (ctx.show / f"{table}.xlsx").write_bytes(_xlsx_bytes(rows, stale=True))
                ctx.point_table(table, f"{table}.xlsx")
                run = ctx.build(kind, fmt=(fmt,), extra=("--all",))
                if run.code == 0:
                    text = output_text(ctx.out)
                    lost = [m for m in marks if m not in text]
                    if lost:
                        ctx.flag(
                            "loss",
                            f"stale XLSX dimension: {len(lost)} of {count} rows missing, exit 0",
                        )

            yield Case("table-files", f"{table}: stale XLSX dimension, {count} rows", "init", stale)

    def many_rows(ctx: Ctx) -> None:
        rows, marks = _marked(ctx, "clearances", "description", 20_000)
        ctx.write_table("clearances", rows)
        run = ctx.build("clearance-log", fmt=("xlsx",), extra=("--all",))
        if run.code == 0:
            text = output_text(ctx.out)
            lost = [m for m in marks[::997] if m not in text]
            if lost:
                ctx.flag("loss", f"20,000 rows: sampled rows {lost[:3]} missing")

    yield Case("table-files", "clearances: 20,000 rows", "init", many_rows)


def yaml_cases() -> Iterator[Case]:
    def mk(
        name: str,
        mutate: Callable[[Ctx], None],
        base: str = "init",
        kind: str = "clearance-letters",
    ) -> Case:
        def body(ctx: Ctx) -> None:
            mutate(ctx)
            ctx.check()
            ctx.build(kind, fmt=("docx",))

        return Case("yaml", name, base, body)

    def replace(old: str, new: str) -> Callable[[Ctx], None]:
        def f(ctx: Ctx) -> None:
            text = ctx.yaml_text()
            if old not in text:
                raise NotApplicable(f"no {old!r} in production.yaml")
            ctx.set_yaml(text.replace(old, new, 1))

        return f

    def prepend(extra: str) -> Callable[[Ctx], None]:
        return lambda ctx: ctx.set_yaml(extra + ctx.yaml_text())

    def append(extra: str) -> Callable[[Ctx], None]:
        return lambda ctx: ctx.set_yaml(ctx.yaml_text() + extra)

    def whole(data: bytes) -> Callable[[Ctx], None]:
        return lambda ctx: ctx.yaml.write_bytes(data)

    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    yield mk("alias bomb (9^10)", prepend(bomb))
    yield mk(
        "alias bomb under title", replace("title: My Production", "title: &t [x]\nnotes: [*t, *t]")
    )
    yield mk("one anchor and alias", append("extra: &e {a: 1}\nmore: *e\n"))
    for depth in (100, 1000, 100_000):
        yield mk(f"{depth}-deep list", append("deep: " + "[" * depth + "]" * depth + "\n"))
        yield mk(
            f"{depth}-deep mapping", append("deep: " + "{a: " * depth + "1" + "}" * depth + "\n")
        )
    yield mk(
        "1000-deep title", replace("title: My Production", "title: " + "[" * 1000 + "]" * 1000)
    )
    yield mk("duplicate top-level key", append("title: Another\n"))
    yield mk(
        "duplicate nested key",
        replace("  name: My Production Company Ltd", "  name: A Ltd\n  name: B Ltd"),
    )
    yield mk("duplicate budget", append("budget:\n  clearances: 1\n"))
    for tag, value in (
        ("!!binary", "aGVsbG8="),
        ("!!set", "{a, b}"),
        ("!!python/object/apply:os.system", '["true"]'),
        ("!!python/name:os.system", "''"),
        ("!!python/object/new:str", "[x]"),
        ("!!omap", "[a: 1]"),
        ("!!timestamp", "2027-02-30"),
        ("!custom", "x"),
        ("!!float", ".nan"),
        ("!!int", "0x" + "f" * 40),
    ):
        yield mk(f"title {tag}", replace("title: My Production", f"title: {tag} {value}"))
    for where, old in (
        ("title", "title: My"),
        ("company", "  name: My"),
        ("comment", "# The tables"),
    ):
        yield mk(f"NUL in {where}", replace(old, old[:-2] + "\x00" + old[-2:]))
        yield mk(f"\\x01 in {where}", replace(old, old[:-2] + "\x01" + old[-2:]))
    for date in (
        "2027-02-30",
        "0000-00-00",
        "2027-05-03T25:00",
        "0001-01-01",
        "9999-12-31",
        "2027-13-01",
        "1e308",
        "NaN",
    ):
        yield mk(
            f"departure: {date}",
            replace("departure: 2027-05-03", f"departure: {date}"),
            kind="carnet",
        )
        yield mk(
            f"tx: {date}",
            replace("  tx: 2027-07-02", f"  tx: {date}"),
            base="demo",
            kind="delivery-schedule",
        )
    yield mk(
        "itinerary arrive 2027-02-30",
        replace("arrive: 2027-05-03", "arrive: 2027-02-30"),
        kind="carnet",
    )
    yield mk(
        "budget 30 digits",
        replace("clearances: 10000", "clearances: " + "9" * 30),
        kind="clearance-log",
    )
    yield mk("budget .inf", replace("clearances: 10000", "clearances: .inf"), kind="clearance-log")
    yield mk(
        "holiday_rate NaN",
        replace("holiday_rate: 12.07%", "holiday_rate: NaN"),
        base="demo",
        kind="crew-contracts",
    )
    yield mk(
        "holiday_rate 1e308%",
        replace("holiday_rate: 12.07%", "holiday_rate: 1e308%"),
        base="demo",
        kind="crew-contracts",
    )
    yield mk(
        "shoot_days 10**30",
        replace("shoot_days: 10", "shoot_days: " + "1" + "0" * 30),
        base="demo",
        kind="call-sheets",
    )
    yield mk("empty file", whole(b""))
    yield mk("a list", whole(b"- a\n- b\n"))
    yield mk("a scalar", whole(b"hello\n"))
    yield mk("binary garbage", whole(random.Random(1).randbytes(2048)))
    yield mk("UTF-16", lambda ctx: ctx.yaml.write_bytes(ctx.yaml_text().encode("utf-16")))
    yield mk("invalid YAML", append("title: [unclosed\n"))
    yield mk("tab indentation", append("x:\n\t- y\n"))
    yield mk("10 MB title", replace("title: My Production", "title: " + "t" * 10_000_000))
    yield mk("1M-item list", append("extra: [" + "1," * 1_000_000 + "1]\n"))
    yield mk("tables a list", replace("tables:\n", "tables: [a, b]\nold_tables:\n"))
    yield mk(
        "logo not an image",
        lambda ctx: (
            (ctx.show / "logo.png").write_bytes(b"not an image"),
            ctx.set_yaml(ctx.yaml_text().replace("company:\n", "company:\n  logo: logo.png\n", 1)),
        ),
    )
    yield mk(
        "logo outside",
        lambda ctx: ctx.set_yaml(
            ctx.yaml_text().replace("company:\n", "company:\n  logo: ../secret.txt\n", 1)
        ),
    )


def _fdx(paragraphs: str, head: str = "", settings: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n{head}'
        f'<FinalDraft DocumentType="Script" Template="No" Version="5">\n'
        f"<Content>\n{paragraphs}</Content>\n{settings}</FinalDraft>\n"
    )


def _para(kind: str, text: str) -> str:
    return f'<Paragraph Type="{kind}"><Text>{text}</Text></Paragraph>\n'


def script_cases() -> Iterator[Case]:
    def mk(
        name: str, suffix: str, data: Callable[[Ctx], bytes], scan: tuple[str, ...] = ()
    ) -> Case:
        def body(ctx: Ctx) -> None:
            src = ctx.tmp / f"draft{suffix}"
            src.write_bytes(data(ctx))
            ctx.run("check", str(src))
            ctx.run("script", "format", str(src), "-o", str(ctx.out / "draft.pdf"))

        return Case("scripts", name, "none", body, scan)

    def demo_script(ctx: Ctx) -> str:
        return (ctx.repo / "fixtures" / "demo" / "script.fountain").read_text(encoding="utf-8")

    action = "A long action line that goes on and on across the page."
    yield mk("empty .fountain", ".fountain", lambda ctx: b"")
    yield mk("whitespace only", ".fountain", lambda ctx: b"\n \n\t\n" * 50)
    yield mk("binary garbage", ".fountain", lambda ctx: random.Random(2).randbytes(20_000))
    yield mk(
        "NUL bytes",
        ".fountain",
        lambda ctx: demo_script(ctx).replace("\n\n", "\n\x00\n", 5).encode(),
    )
    yield mk(
        "control characters",
        ".fountain",
        lambda ctx: demo_script(ctx).replace("e", "e\x01\x0b", 50).encode(),
    )
    yield mk("UTF-16", ".fountain", lambda ctx: demo_script(ctx).encode("utf-16"))
    yield mk("Latin-1", ".fountain", lambda ctx: demo_script(ctx).encode("latin-1", "replace"))
    for lines in (1000, 2000):
        yield mk(
            f"{lines}-line action paragraph",
            ".fountain",
            lambda ctx, n=lines: ("INT. ROOM - DAY\n\n" + "\n".join([action] * n) + "\n").encode(),
        )
    for chars in (100_000, 1_000_000):
        yield mk(
            f"{chars:,}-char speech",
            ".fountain",
            lambda ctx, n=chars: (
                "INT. ROOM - DAY\n\nBOB\n" + ("word " * (n // 5)) + "\n"
            ).encode(),
        )
    yield mk(
        "200k chars without a space",
        ".fountain",
        lambda ctx: ("INT. ROOM - DAY\n\n" + "x" * 200_000 + "\n").encode(),
    )
    yield mk(
        "5,000 scene headings",
        ".fountain",
        lambda ctx: "".join(f"INT. ROOM {n} - DAY\n\n" for n in range(5000)).encode(),
    )
    yield mk("unclosed boneyard", ".fountain", lambda ctx: ("/*\n" + demo_script(ctx)).encode())
    yield mk("unclosed note", ".fountain", lambda ctx: ("[[" * 10_000 + demo_script(ctx)).encode())
    yield mk(
        "emphasis soup",
        ".fountain",
        lambda ctx: ("INT. ROOM - DAY\n\n" + "*_" * 50_000 + "\n").encode(),
    )
    yield mk(
        "1000 dual dialogues",
        ".fountain",
        lambda ctx: ("INT. ROOM - DAY\n\n" + "A\nhi\n\nB ^\nho\n\n" * 1000).encode(),
    )
    yield mk("title page only", ".fountain", lambda ctx: b"Title: X\nAuthor: Y\n\n")
    yield mk("forced elements only", ".fountain", lambda ctx: b"!\n\n@\n\n.\n\n>\n\n~\n\n=\n\n#\n")
    yield mk(
        "scene numbers #1A-#",
        ".fountain",
        lambda ctx: b"INT. ROOM - DAY #" + b"9" * 500 + b"#\n\nHi.\n",
    )
    ok = _para("Scene Heading", "INT. ROOM - DAY") + _para("Action", "Hello.")
    yield mk("empty .fdx", ".fdx", lambda ctx: b"")
    yield mk("binary .fdx", ".fdx", lambda ctx: random.Random(3).randbytes(5000))
    yield mk("malformed XML", ".fdx", lambda ctx: _fdx(ok)[:-40].encode())
    yield mk("not FinalDraft XML", ".fdx", lambda ctx: b"<?xml version='1.0'?><html><body/></html>")
    yield mk("FDX with no paragraphs", ".fdx", lambda ctx: _fdx("").encode())
    ents = (
        '<!DOCTYPE FinalDraft [<!ENTITY a "xxxxxxxxxx">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + "]>\n"
    )
    yield mk("entity bomb", ".fdx", lambda ctx: _fdx(_para("Action", "&i;"), ents).encode())
    yield mk(
        "XXE to a secret file",
        ".fdx",
        lambda ctx: _fdx(
            _para("Action", "&x;"),
            f'<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file://{ctx.tmp}/secret.txt">]>\n',
        ).encode(),
        ("secret",),
    )
    yield mk(
        "XXE to /etc/passwd",
        ".fdx",
        lambda ctx: _fdx(
            _para("Action", "&x;"),
            '<!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n',
        ).encode(),
        ("passwd",),
    )
    yield mk(
        "parameter entity",
        ".fdx",
        lambda ctx: _fdx(
            ok, f'<!DOCTYPE FinalDraft [<!ENTITY % p SYSTEM "file://{ctx.tmp}/secret.txt"> %p;]>\n'
        ).encode(),
        ("secret",),
    )
    for value in ("nan", "inf", "-inf", "1e300", "-5", "0", "abc"):
        settings = (
            f'<ElementSettings Type="Action"><FontSpec Size="{value}"/>'
            f'<ParagraphSpec LeftIndent="{value}" Spacing="{value}"/></ElementSettings>\n'
            f'<PageLayout TopMargin="{value}"><PageSize Width="{value}" Height="{value}"/></PageLayout>\n'
        )
        yield mk(f"FDX sizes {value}", ".fdx", lambda ctx, s=settings: _fdx(ok, "", s).encode())
    yield mk(
        "FDX 1M-char paragraph",
        ".fdx",
        lambda ctx: _fdx(ok + _para("Action", "word " * 200_000)).encode(),
    )
    yield mk("FDX 100k paragraphs", ".fdx", lambda ctx: _fdx(ok * 50_000).encode())
    yield mk("FDX unknown types", ".fdx", lambda ctx: _fdx(_para("Bogus", "x") * 100).encode())
    yield mk(
        "FDX control chars (as refs)",
        ".fdx",
        lambda ctx: _fdx(_para("Action", "a&#11;b&#1;c")).encode(),
    )

    def in_production(name: str, data: Callable[[Ctx], str]) -> Case:
        def body(ctx: Ctx) -> None:
            (ctx.show / "script.fountain").write_text(data(ctx), encoding="utf-8")
            ctx.check()
            ctx.build("script", fmt=("pdf",))

        return Case("scripts", f"production script: {name}", "demo", body)

    yield in_production("empty", lambda ctx: "")
    yield in_production(
        "1000-line paragraph", lambda ctx: "INT. ROOM - DAY\n\n" + "\n".join([action] * 1000) + "\n"
    )
    yield in_production(
        "control characters", lambda ctx: demo_script(ctx).replace("e", "e\x0b", 20)
    )

    def script_outside(ctx: Ctx) -> None:
        ctx.set_yaml(ctx.yaml_text().replace("file: script.fountain", "file: ../leak.fountain", 1))
        (ctx.tmp / "leak.fountain").write_text(f"INT. ROOM - DAY\n\n{SECRET}\n", encoding="utf-8")
        ctx.check()
        ctx.build("script", fmt=("pdf",))

    yield Case(
        "scripts", "production script outside the folder", "demo", script_outside, ("secret",)
    )


def lock_cases() -> Iterator[Case]:
    def mk(name: str, edit: Callable[[dict[str, object]], object], raw: bool = False) -> Case:
        def body(ctx: Ctx) -> None:
            old, new = ctx.tmp / "white.fountain", ctx.tmp / "blue.fountain"
            text = (
                "INT. ROOM - DAY\n\nBOB\nHello there.\n\nShe leaves.\n\nEXT. YARD - NIGHT\n\nRain.\n"
                * 20
            )
            old.write_text(text, encoding="utf-8")
            new.write_text(text.replace("Rain.", "Heavy rain.", 3), encoding="utf-8")
            run = ctx.run("script", "lock", str(old))
            lock = ctx.tmp / "white.lock.json"
            if run.code != 0 or not lock.exists():
                raise NotApplicable("script lock did not write white.lock.json")
            data = json.loads(lock.read_text(encoding="utf-8"))
            result = edit(data)
            lock.write_text(str(result) if raw else json.dumps(data), encoding="utf-8")
            ctx.run(
                "script",
                "revise",
                str(old),
                str(new),
                "--colour",
                "blue",
                "--date",
                DATE,
                "-o",
                str(ctx.out),
            )

        return Case("locks", name, "none", body)

    def setter(key: str, value: object) -> Callable[[dict[str, object]], object]:
        return lambda d: d.__setitem__(key, value)

    yield mk(
        "version 1e999",
        lambda d: json.dumps(d).replace('"version": 1', '"version": 1e999'),
        raw=True,
    )
    yield mk("deep JSON", lambda d: '{"a": ' * 100_000 + "1" + "}" * 100_000, raw=True)
    yield mk("deep sequence", setter("sequence", json.loads("[" * 500 + "]" * 500)))
    yield mk("sequence a string", setter("sequence", "abc"))
    yield mk("sequence of strings", setter("sequence", ["x", "y"]))
    yield mk(
        "sequence out of order", lambda d: d.__setitem__("sequence", list(reversed(d["sequence"])))
    )  # type: ignore[call-overload]
    yield mk("sequence with huge page", lambda d: d.__setitem__("sequence", [[0, "", 10**30]]))
    yield mk(
        "sequence NaN",
        lambda d: json.dumps(d).replace('"sequence": [', '"sequence": [[NaN, "", Infinity],', 1),
        raw=True,
    )
    yield mk("revisions wrong type", setter("revisions", {"a": 1}))
    yield mk(
        "revision date 0001-01-01", lambda d: d["revisions"][0].__setitem__("date", "0001-01-01")
    )  # type: ignore[index]
    yield mk("paper bogus", setter("paper", "a0"))
    yield mk("digest missing", lambda d: d.pop("digest", None))
    yield mk("not JSON", lambda d: "{not json", raw=True)
    yield mk("empty file", lambda d: "", raw=True)
    yield mk("a list", lambda d: "[]", raw=True)
    yield mk("NUL bytes", lambda d: json.dumps(d) + "\x00", raw=True)


def template_cases() -> Iterator[Case]:
    runaway = {
        "range(10**9)": "{% for i in range(10**9) %}{{ i }}{% endfor %}",
        "range(10**18)": "{{ range(10**18)|length }}",
        "'a'*10**9": "{{ 'a' * 10**9 }}",
        "'a'*10**6 squared": "{% set s = 'a' * 10**6 %}{% for i in range(1000) %}{{ s }}{% endfor %}",
        "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
        "nested range(100000) loops": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "2**(10**8)": "{{ 2 ** (10 ** 8) }}",
        "attribute escape": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "include /etc/passwd": "{% include '/etc/passwd' %}",
        "include ../secret.txt": "{% include '../../secret.txt' %}",
        "syntax error": "{% for %}",
        "undefined variable": "{{ nothing_here.at_all }}",
        "list * 10**8": "{{ ([1] * 10**8)|length }}",
        "join of range": "{{ range(10**8)|join(',') }}",
        "dict literal bomb": "{% set d = {} %}{% for i in range(10**7) %}{% set _ = d.update({i: i}) %}{% endfor %}",
    }
    for name, body_text in runaway.items():

        def body(ctx: Ctx, text: str = body_text) -> None:
            folder = ctx.show / "templates"
            folder.mkdir()
            src = (ctx.repo / "templates" / "clearance_letter.html").read_text(encoding="utf-8")
            (folder / "clearance_letter.html").write_text(
                src.replace("<body>", "<body>" + text, 1) if "<body>" in src else text + src,
                encoding="utf-8",
            )
            ctx.set_yaml(ctx.yaml_text() + "templates: templates\n")
            ctx.build("clearance-letters", fmt=("pdf",))

        scan = ("passwd",) if "passwd" in name else ("secret",) if "secret" in name else ()
        yield Case("templates", f"HTML override: {name}", "init", body, scan)

    for target, scan in (("/etc/passwd", "passwd"), ("secret", "secret")):

        def link(ctx: Ctx, target: str = target) -> None:
            folder = ctx.show / "templates"
            folder.mkdir()
            (folder / "clearance_letter.html").symlink_to(
                ctx.tmp / "secret.txt" if target == "secret" else target
            )
            ctx.set_yaml(ctx.yaml_text() + "templates: templates\n")
            ctx.build("clearance-letters", fmt=("pdf",))

        yield Case("templates", f"HTML override symlinked to {target}", "init", link, (scan,))

    def outside_folder(ctx: Ctx) -> None:
        (ctx.tmp / "tpl").mkdir()
        (ctx.tmp / "tpl" / "clearance_letter.html").write_text(f"<p>{SECRET}</p>", encoding="utf-8")
        ctx.set_yaml(ctx.yaml_text() + "templates: ../tpl\n")
        ctx.build("clearance-letters", fmt=("pdf",))

    yield Case(
        "templates", "templates folder outside the production", "init", outside_folder, ("secret",)
    )

    def docx(name: str, make: Callable[[Ctx], bytes], scan: tuple[str, ...] = ()) -> Case:
        def body(ctx: Ctx) -> None:
            tpl = ctx.tmp / "memo.docx"
            tpl.write_bytes(make(ctx))
            ctx.run(
                "contracts",
                str(ctx.show),
                "--template",
                str(tpl),
                "-o",
                str(ctx.out),
                "--date",
                DATE,
            )

        return Case("templates", f"contracts --template: {name}", "init", body, scan)

    def real(ctx: Ctx) -> bytes:
        return (ctx.repo / "templates" / "crew_contract.docx").read_bytes()

    def injected(text: str) -> Callable[[Ctx], bytes]:
        def make(ctx: Ctx) -> bytes:
            src = zipfile.ZipFile(io.BytesIO(real(ctx)))
            dst = io.BytesIO()
            with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
                for info in src.infolist():
                    data = src.read(info.filename)
                    if info.filename == "word/document.xml":
                        para = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode()
                        data = data.replace(b"<w:body>", b"<w:body>" + para, 1)
                    z.writestr(info, data)
            return dst.getvalue()

        return make

    yield docx("binary garbage", lambda ctx: random.Random(4).randbytes(8000))
    yield docx("empty file", lambda ctx: b"")
    yield docx("truncated", lambda ctx: real(ctx)[: len(real(ctx)) // 2])
    yield docx("zip without document.xml", lambda ctx: _zip({"a.txt": b"x"}))
    yield docx(
        "document.xml not XML",
        lambda ctx: _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w:document"}),
    )
    yield docx("a .xlsx renamed", lambda ctx: _xlsx_bytes([["a"]]))
    for name, text in (
        ("range(10**9)", "{% for i in range(10**9) %}{{ i }}{% endfor %}"),
        ("'a'*10**9", "{{ 'a' * 10**9 }}"),
        ("recursive macro", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}"),
        (
            "nested loops",
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        ),
        ("syntax error", "{% for %}"),
        ("attribute escape", "{{ ''.__class__.__mro__[1].__subclasses__() }}"),
        ("include /etc/passwd", "{% include '/etc/passwd' %}"),
    ):
        yield docx(f"Jinja {name}", injected(text), ("passwd",) if "passwd" in name else ())


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return buf.getvalue()


def output_cases() -> Iterator[Case]:
    kind = "clearance-letters"

    def mk(name: str, body: Callable[[Ctx], None], base: str = "init") -> Case:
        return Case("output", name, base, body)

    def read_only(ctx: Ctx) -> None:
        if os.geteuid() == 0:
            raise NotApplicable("root ignores a read-only folder")
        ctx.out.mkdir()
        ctx.out.chmod(0o555)
        try:
            ctx.build(kind)
        finally:
            ctx.out.chmod(0o755)

    def a_file(ctx: Ctx) -> None:
        ctx.out.write_text("a file\n", encoding="utf-8")
        ctx.build(kind)

    def dangling(ctx: Ctx) -> None:
        ctx.out.symlink_to(ctx.tmp / "nowhere")
        ctx.build(kind)

    def inside_file(ctx: Ctx) -> None:
        (ctx.tmp / "f").write_text("x", encoding="utf-8")
        ctx.out = ctx.tmp / "f" / "out"
        ctx.build(kind)

    def name_is_dir(ctx: Ctx) -> None:
        run = ctx.build(kind)
        if run.code != 0:
            raise NotApplicable("the first build failed")
        names = [p.name for p in ctx.out.iterdir() if not p.name.startswith(".")]
        shutil.rmtree(ctx.out)
        ctx.out.mkdir()
        for n in names:
            if n != "manifest.json":
                (ctx.out / n).mkdir()
                break
        ctx.build(kind)

    def manifest(data: bytes | None, link: bool = False) -> Callable[[Ctx], None]:
        def body(ctx: Ctx) -> None:
            ctx.out.mkdir()
            m = ctx.out / "manifest.json"
            if link:
                m.symlink_to(ctx.tmp / "secret.txt")
            elif data is not None:
                m.write_bytes(data)
            before = m.read_bytes() if m.exists() else b""
            run = ctx.build(kind, extra=("--force",))
            ctx.check_out = False
            if run.code == 0:
                after = (ctx.tmp / "secret.txt").read_bytes() if link else b""
                if link and SECRET.encode() not in after:
                    ctx.flag("loss", "the symlinked manifest's target was overwritten")
                elif not link and before:
                    ctx.flag("loss", "a manifest that is not ours was silently replaced")

        return body

    yield mk("read-only output folder", read_only)
    yield mk("a file as -o", a_file)
    yield mk("a dangling symlink as -o", dangling)
    yield mk("-o under a file", inside_file)
    yield mk("an output name that is a directory", name_is_dir)
    for label, data in (
        ('{"files": 5}', b'{"files": 5}'),
        ("[]", b"[]"),
        ("not JSON", b"{garbage"),
        ("deeply nested", b"[" * 100_000 + b"]" * 100_000),
        ("binary", random.Random(5).randbytes(512)),
        ('{"files": [5, "x"]}', b'{"files": [5, "x"]}'),
        ("1e999", b'{"files": 1e999}'),
    ):
        yield mk(f"manifest.json {label}", manifest(data))
    yield mk("manifest.json a symlink to a file outside", manifest(None, link=True))

    def concurrent(ctx: Ctx) -> None:
        start = time.monotonic()
        args = (
            "build",
            str(ctx.show),
            "-o",
            str(ctx.out),
            "--only",
            kind,
            "--format",
            "pdf",
            "--date",
            DATE,
            "-j",
            "1",
        )
        procs = [ctx.popen(*args), ctx.popen(*args)]
        runs = [ctx.finish(p, args, start) for p in procs]
        if all(r.code == 0 for r in runs):
            ctx.flag("loss", "two builds into one folder both exited 0 (no --force)")

    yield mk("two concurrent builds into one folder", concurrent)

    def killed(at: float, force: bool) -> Callable[[Ctx], None]:
        def body(ctx: Ctx) -> None:
            args = (
                "build",
                str(ctx.show),
                "-o",
                str(ctx.out),
                "--only",
                kind,
                "--format",
                "pdf",
                "--date",
                DATE,
                "-j",
                "1",
            )
            if force:
                first = ctx.run(*args)
                if first.code != 0:
                    raise NotApplicable("the first build failed")
                args += ("--force",)
                (ctx.show / "clearances.csv").write_text(
                    (ctx.show / "clearances.csv")
                    .read_text(encoding="utf-8")
                    .replace("Example", "Sample"),
                    encoding="utf-8",
                )
            start = time.monotonic()
            proc = ctx.popen(*args)
            time.sleep(at)
            _kill(proc)
            run = ctx.finish(proc, args, start)
            run.killed = True
            problems = [p for p in folder_problems(ctx.out) if "checksum" in p]
            if problems:
                ctx.flag("loss", f"after kill -9 at {at:.1f}s: {problems[0]}")
            ctx.run(*args)

        return body

    for at in (0.8, 1.2, 1.6, 2.0, 2.4, 2.8):
        yield mk(f"kill -9 at {at:.1f}s, then rerun", killed(at, False))
        yield mk(f"kill -9 during --force at {at:.1f}s, then rerun", killed(at, True))

    def odd_path(ctx: Ctx) -> None:
        odd = ctx.tmp / "show #1 ?% x"
        ctx.show.rename(odd)
        ctx.show = odd
        ctx.build(kind, fmt=("pdf",))

    yield mk("production path with # ? %", odd_path)


def cli_cases() -> Iterator[Case]:
    def mk(
        name: str, *extra: str, kind: str = "clearance-log", base: str = "init", fmt: str = "pdf"
    ) -> Case:
        def body(ctx: Ctx) -> None:
            ctx.run(
                "build",
                str(ctx.show),
                "-o",
                str(ctx.out),
                "--only",
                kind,
                "--format",
                fmt,
                "-j",
                "1",
                *extra,
            )

        return Case("cli", name, base, body)

    for date in (
        "0001-01-01",
        "9999-12-31",
        "1900-01-01",
        "2100-12-31",
        "2027-02-30",
        "0000-00-00",
        "tomorrow",
        "2026-12-02T25:00",
        "",
    ):
        for kind, base in (
            ("clearance-log", "init"),
            ("carnet", "init"),
            ("crew-contracts", "init"),
            ("delivery-schedule", "demo"),
            ("call-sheets", "demo"),
        ):
            yield mk(
                f"--date {date or '(empty)'} {kind}",
                "--date",
                date,
                kind=kind,
                base=base,
                fmt="docx" if kind == "call-sheets" else "pdf",
            )
    for only in ("nope", "", "CLEARANCE-LOG", "../x", "clearance-log\x01"):
        yield mk(f"--only {only!r}", "--date", DATE, kind=only)
    yield mk("-j 0", "--date", DATE, "-j", "0")
    yield mk("-j 10**30", "--date", DATE, "-j", "1" + "0" * 30)
    yield mk("--format bogus", "--date", DATE, fmt="bogus")

    def missing_folder(ctx: Ctx) -> None:
        ctx.run("build", str(ctx.tmp / "nowhere"), "-o", str(ctx.out), "--date", DATE)
        ctx.run("check", str(ctx.tmp / "nowhere"), "--date", DATE)

    yield Case("cli", "a folder that does not exist", "none", missing_folder)

    def file_as_folder(ctx: Ctx) -> None:
        ctx.run("check", str(ctx.tmp / "secret.txt"), "--date", DATE)

    yield Case("cli", "a text file as the folder", "none", file_as_folder)

    def init_over(ctx: Ctx) -> None:
        ctx.run("init", str(ctx.show))

    yield Case("cli", "init over an existing folder", "init", init_over)


# --- running and classifying -------------------------------------------------------------


@dataclass
class Verdict:
    case: Case
    klass: str
    reason: str
    seconds: float
    detail: str = ""


def prepare_bases(repo: Path, root: Path) -> dict[str, Path]:
    bases = {"demo": repo / "fixtures" / "demo"}
    init = root / "base-init"
    env = dict(os.environ, PYTHONPATH=str(repo))
    subprocess.run(
        [sys.executable, "-P", "-c", RUNNER, "init", str(init)],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
    )
    bases["init"] = init
    where = subprocess.run(
        [sys.executable, "-P", "-c", "import paperwork; print(paperwork.__file__)"],
        env=env,
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(repo):
        raise SystemExit(f"the runs would import paperwork from {where}, not from {repo}")
    return bases


NA_MARKERS = ("No such option", "No such command")


def classify(case: Case, ctx: Ctx) -> tuple[str, str]:
    worst, reason = "ok", ""

    def note(klass: str, why: str) -> None:
        nonlocal worst, reason
        if RANK[klass] > RANK[worst]:
            worst, reason = klass, why

    for run in ctx.runs:
        what = " ".join(a if len(a) < 40 else a[:37] + "..." for a in run.argv[:2])
        tail = run.output.strip().splitlines()[-1][:160] if run.output.strip() else ""
        if run.code is None:
            note("hang", f"{what}: no answer after {TIMEOUT:.0f} s")
        elif "Traceback" in run.output:
            note("traceback", f"{what}: {tail}")
        elif run.killed:
            continue
        elif run.code < 0:
            note("traceback", f"{what}: killed by signal {-run.code}")
        elif run.code == 0:
            note("ok", "")
        elif LOCATED.search(run.output):
            note("located", "")
        else:
            note("other", f"{what}: exit {run.code} with no message: {tail!r}")
    for klass, why in ctx.flags:
        note(klass, why)
    if "secret" in case.scan or "passwd" in case.scan:
        text = output_text(ctx.out)
        needle = SECRET if "secret" in case.scan else PASSWD
        if needle in text:
            note(
                "escape",
                f"{'the secret file' if needle == SECRET else '/etc/passwd'} read into an output",
            )
    if "formula" in case.scan and ctx.out.is_dir():
        found = live_formulas(ctx.out)
        if found:
            note("escape", f"data written as a live formula: {found[0]}")
    builds = any(r.argv[0] in ("build", "contracts") for r in ctx.runs)
    if builds and ctx.check_out and ctx.out.is_dir() and not ctx.out.is_symlink():
        problems = folder_problems(ctx.out)
        if problems:
            note("loss", f"output folder inconsistent: {problems[0]}")
    return worst, reason


def run_case(case: Case, repo: Path, bases: dict[str, Path], root: Path) -> Verdict:
    tmp = Path(tempfile.mkdtemp(prefix="case-", dir=root))
    start = time.monotonic()
    try:
        ctx = Ctx(repo, tmp, bases.get(case.base))
        try:
            case.body(ctx)
        except NotApplicable as exc:
            return Verdict(case, "n/a", str(exc), time.monotonic() - start)
        if any(m in r.output for r in ctx.runs for m in NA_MARKERS) and case.area != "cli":
            return Verdict(case, "n/a", "the CLI has no such option", time.monotonic() - start)
        klass, reason = classify(case, ctx)
        detail = "\n".join(
            f"    {' '.join(r.argv[:1])}: exit {r.code}: "
            + " | ".join(r.output.strip().splitlines()[-2:])[:300]
            for r in ctx.runs
        )
        return Verdict(case, klass, reason, time.monotonic() - start, detail)
    except Exception as exc:  # a bench bug: show it, count it apart  # noqa: BLE001
        return Verdict(case, "n/a", f"bench error: {exc!r}", time.monotonic() - start)
    finally:
        for p in tmp.rglob("*"):
            if p.is_dir() and not p.is_symlink():
                p.chmod(0o755)
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repo", type=Path, default=HERE, help="the checkout whose code runs (default: this one)"
    )
    parser.add_argument(
        "--jobs", type=int, default=2, help="cases at once (default 2; the box has 2 cores)"
    )
    parser.add_argument("--area", action="append", help="only this area (repeatable)")
    parser.add_argument("--match", help="only cases whose name contains this")
    parser.add_argument("--quick", action="store_true", help="a fixed sample of ~100 cases")
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--verbose", action="store_true", help="print every case's runs")
    parser.add_argument("--json", type=Path, help="also write every verdict to this file")
    parser.add_argument(
        "--report",
        type=Path,
        nargs="+",
        help="print the table of earlier --json files (later files win, case by case)",
    )
    args = parser.parse_args()
    repo = args.repo.resolve()
    if args.report:
        merged: dict[tuple[str, str], Verdict] = {}
        for path in args.report:
            for v in json.loads(path.read_text(encoding="utf-8")):
                case = Case(v["area"], v["case"], "none", lambda ctx: None)
                merged[(v["area"], v["case"])] = Verdict(
                    case, v["class"], v["reason"], v["seconds"]
                )
        order = list(dict.fromkeys(c.area for c in _cases()))
        verdicts = sorted(merged.values(), key=lambda v: order.index(v.case.area))
        report(
            verdicts,
            order,
            Path(", ".join(str(p) for p in args.report)),
            sum(v.seconds for v in verdicts) / max(1, args.jobs),
        )
        return

    cases = list(_cases())
    areas = list(dict.fromkeys(c.area for c in cases))
    if args.area:
        unknown = set(args.area) - set(areas)
        if unknown:
            parser.error(f"unknown area {sorted(unknown)}; areas: {', '.join(areas)}")
        cases = [c for c in cases if c.area in args.area]
    if args.match:
        cases = [c for c in cases if args.match in c.name]
    if args.quick:
        cases = random.Random(13).sample(cases, min(100, len(cases)))
        cases.sort(key=lambda c: areas.index(c.area))
    if args.list:
        for c in cases:
            print(f"{c.area:12} {c.name!r}")
        print(f"{len(cases)} cases")
        return

    root = Path(tempfile.mkdtemp(prefix="paperwork-hostile-"))
    print(f"{len(cases)} cases against {repo} ({args.jobs} at once)", file=sys.stderr)
    lock = threading.Lock()
    done = 0
    started = time.monotonic()

    def one(case: Case) -> Verdict:
        nonlocal done
        v = run_case(case, repo, bases, root)
        with lock:
            done += 1
            if args.verbose:
                print(f"  {v.klass}: {case.area}: {case.name}\n{v.detail}", file=sys.stderr)
            elif v.klass not in ("ok", "located", "n/a"):
                print(
                    f"  [{done}/{len(cases)}] {v.klass}: {case.area}: {case.name}: {v.reason}",
                    file=sys.stderr,
                )
            elif done % 50 == 0:
                print(
                    f"  [{done}/{len(cases)}] {time.monotonic() - started:.0f} s", file=sys.stderr
                )
        return v

    try:
        bases = prepare_bases(repo, root)
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            verdicts = list(pool.map(one, cases))
    finally:
        shutil.rmtree(root, ignore_errors=True)

    report(verdicts, areas, repo, time.monotonic() - started)
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "area": v.case.area,
                        "case": v.case.name,
                        "class": v.klass,
                        "reason": v.reason,
                        "seconds": round(v.seconds, 1),
                    }
                    for v in verdicts
                ],
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )


def report(verdicts: list[Verdict], areas: list[str], repo: Path, seconds: float) -> None:
    print(f"hostile.py against {repo}: {len(verdicts)} cases in {seconds:.0f} s\n")
    head = ("area", "cases", *CLASSES)
    rows = []
    for area in [a for a in areas if any(v.case.area == a for v in verdicts)] + ["total"]:
        mine = [v for v in verdicts if area in (v.case.area, "total")]
        rows.append(
            (area, str(len(mine)), *(str(sum(v.klass == c for v in mine)) for c in CLASSES))
        )
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(
            "| "
            + " | ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
            + " |"
        )
    bad = [v for v in verdicts if v.klass not in ("ok", "located", "n/a")]
    print(f"\nNot clean ({len(bad)}):")
    for v in bad:
        print(f"- {v.klass}: {v.case.area}: {v.case.name}: {v.reason}")
    na = [v for v in verdicts if v.klass == "n/a"]
    if na:
        print(f"\nn/a ({len(na)}):")
        for v in na:
            print(f"- {v.case.area}: {v.case.name}: {v.reason}")


if __name__ == "__main__":
    main()
