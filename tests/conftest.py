"""Shared test fixtures: the read-only corpus beside the repository, and the demo production."""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
DEMO = REPO / "fixtures" / "demo"


BUILT = ("demo_pdfs", "long_values_pdfs")  # the run's whole-production builds


@pytest.hookimpl(tryfirst=True)  # before -m "not slow" deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that reads a whole-production build, itself or through another fixture, is
    slow whether or not it says so: ``-m "not slow"`` never waits for a build."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & set(BUILT) or any(f"[{name}" in item.nodeid for name in BUILT):
            item.add_marker(pytest.mark.slow)


def pytest_sessionstart(session: pytest.Session) -> None:
    """On CI, what the accuracy tests need must be there: a missing corpus or script font
    would otherwise turn the paginator's floors against Final Draft into silent skips."""
    if not os.environ.get("CI"):
        return
    from paperwork.render.fonts import find_courier_prime

    missing = []
    if not CORPUS.is_dir():
        missing.append(f"the screenplay corpus ({CORPUS})")
    if find_courier_prime() is None:
        missing.append("the Courier Prime font (Debian: fonts-courier-prime)")
    if missing:
        raise pytest.UsageError("CI is missing " + " and ".join(missing))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """``../shared/corpus``; tests that need it are skipped where it is absent."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside the repository")
    return CORPUS


@pytest.fixture(scope="session")
def demo() -> Path:
    return DEMO


# --- Built productions (PDF only), shared by the tests that read rendered output ---------

BUILD_DATE = "2026-12-02"


@dataclass(frozen=True, slots=True)
class BuiltProduction:
    """A production built once as PDF: its folder, the CLI's exit code and output, and every
    PDF written, grouped by document kind (``script`` for the formatted script)."""

    name: str
    source: Path
    out: Path
    exit_code: int
    output: str
    pdfs: dict[str, tuple[Path, ...]]
    templates: frozenset[str] = frozenset()  # the HTML templates its PDFs were laid out from

    def all_pdfs(self) -> tuple[Path, ...]:
        return tuple(sorted(self.out.glob("*.pdf")))

    def record(self) -> dict[str, object]:
        """What another worker needs to use this build (JSON)."""
        return {
            "name": self.name,
            "source": str(self.source),
            "out": str(self.out),
            "exit_code": self.exit_code,
            "output": self.output,
            "pdfs": {kind: [str(p) for p in paths] for kind, paths in self.pdfs.items()},
            "templates": sorted(self.templates),
        }

    @classmethod
    def from_record(cls, record: dict[str, object]) -> BuiltProduction:
        pdfs, templates = record["pdfs"], record["templates"]
        assert isinstance(pdfs, dict) and isinstance(templates, list)
        return cls(
            name=str(record["name"]),
            source=Path(str(record["source"])),
            out=Path(str(record["out"])),
            exit_code=int(str(record["exit_code"])),
            output=str(record["output"]),
            pdfs={str(k): tuple(Path(p) for p in v) for k, v in pdfs.items()},
            templates=frozenset(str(t) for t in templates),
        )


def build_pdfs(name: str, production: Path, out: Path, *, pdf_only: bool = True) -> BuiltProduction:
    """``paperwork build PRODUCTION --format pdf`` through the CLI, once (every default
    format with ``pdf_only=False``); then which kind wrote which PDF, from the pipeline's own
    names (the builders only, no rendering)."""
    from click.testing import CliRunner

    from paperwork.cli import main
    from paperwork.errors import Diagnostics
    from paperwork.pipeline import (
        SCRIPT,
        BuildRequest,
        build_documents,
        output_names,
        prepare_script,
        wants_script,
        with_breakdown,
    )
    from paperwork.readers.production import read_production

    formats = ["--format", "pdf"] if pdf_only else []
    jobs = str(max(2, os.cpu_count() or 1))  # at least two: a -j1 build is compared with it
    result = CliRunner().invoke(
        main,
        ["build", str(production), "-o", str(out), *formats, "--date", BUILD_DATE, "-j", jobs],
    )
    pdfs: dict[str, tuple[Path, ...]] = {}
    templates: frozenset[str] = frozenset()
    if result.exit_code == 0:
        diagnostics = Diagnostics()
        found = read_production(production, diagnostics)
        assert found is not None
        request = BuildRequest(today=date.fromisoformat(BUILD_DATE), formats=("pdf",))
        script = prepare_script(found, diagnostics) if wants_script(found, request) else None
        docs = build_documents(found, with_breakdown(request, script), diagnostics)
        for kind in dict.fromkeys(d.kind for d in docs):
            batch = [d for d in docs if d.kind == kind]
            pdfs[kind] = tuple(out / n for n in output_names(batch, ("pdf",), request.today))
        if script is not None:
            pdfs[SCRIPT] = (out / f"{script.stem}.pdf",)
        templates = frozenset(f"{d.template}.html" for d in docs if "pdf" in d.formats)
    return BuiltProduction(name, production, out, result.exit_code, result.output, pdfs, templates)


def _built_once(
    name: str, tmp_path_factory: pytest.TempPathFactory, make: Callable[[Path], BuiltProduction]
) -> BuiltProduction:
    """``make(folder)`` once for the whole run, however many xdist workers ask: the first to
    ask builds under an exclusive lock on a file in the run's shared temporary folder and
    leaves a record of the build beside it; the others wait for the lock, then read the
    record. Without xdist (or without ``fcntl``) each process builds its own."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the folder every worker's own temporary folder is in
    folder = base / f"built-{name}"
    record = base / f"built-{name}.json"
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock to share one build by
        return make(tmp_path_factory.mktemp(name))
    with (base / f"built-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if record.is_file():
            return BuiltProduction.from_record(json.loads(record.read_text(encoding="utf-8")))
        folder.mkdir()
        built = make(folder)
        record.write_text(json.dumps(built.record()), encoding="utf-8")
        return built


@pytest.fixture(scope="session")
def demo_pdfs(tmp_path_factory: pytest.TempPathFactory) -> BuiltProduction:
    """The demo production built once per run, every default format (the README's main job;
    about 50 s of CPU): the tests that read its documents, on every worker, share it."""
    return _built_once(
        "demo", tmp_path_factory, lambda f: build_pdfs("demo", DEMO, f / "out", pdf_only=False)
    )


def build_fullest(
    name: str, production: Path, out: Path, *, per_template: int = 2
) -> BuiltProduction:
    """The fullest ``per_template`` documents of each template (by what they say: the size
    of the document's content digest), their merged PDFs and the formatted script, laid out
    as PDF through the service API the CLI's ``build`` calls. The build's diagnostics stand
    in for the CLI's output, and its errors for the exit code."""
    from dataclasses import replace

    from paperwork import service
    from paperwork.errors import Diagnostics
    from paperwork.model.document import BuiltDocument
    from paperwork.output import OutputFolder
    from paperwork.pipeline import SCRIPT, BuildRequest, output_names
    from paperwork.render.fonts import DEFAULT_FONT_DIRS
    from paperwork.render.keys import document_digest

    diagnostics = Diagnostics()
    request = BuildRequest(
        today=date.fromisoformat(BUILD_DATE),
        formats=("pdf",),
        workers=max(2, os.cpu_count() or 1),
    )
    run = service.plan_build(production, request, diagnostics)
    kept: list[BuiltDocument] = []
    pdfs: dict[str, tuple[Path, ...]] = {}
    if not diagnostics.has_errors and run.production is not None:
        for template in dict.fromkeys(d.template for d in run.docs):
            of = [d for d in run.docs if d.template == template]
            kept += sorted(of, key=lambda d: -document_digest(d)[1])[:per_template]
        kept = [d for d in run.docs if any(d is k for k in kept)]  # in the build's order
        for kind in dict.fromkeys(d.kind for d in kept):
            batch = [d for d in kept if d.kind == kind]
            pdfs[kind] = tuple(out / n for n in output_names(batch, ("pdf",), request.today))
        run = replace(run, docs=kept)
        with OutputFolder(out, staged=True) as folder:
            service.write(
                run, folder, producer="tests", font_dirs=DEFAULT_FONT_DIRS, diagnostics=diagnostics
            )
        if run.script is not None:
            pdfs[SCRIPT] = (out / f"{run.script.stem}.pdf",)
    templates = frozenset(f"{d.template}.html" for d in run.docs if "pdf" in d.formats)
    output = "\n".join(str(d) for d in diagnostics)
    return BuiltProduction(
        name, production, out, int(diagnostics.has_errors), output, pdfs, templates
    )


@pytest.fixture(scope="session")
def long_values_pdfs(tmp_path_factory: pytest.TempPathFactory) -> BuiltProduction:
    """A copy of the demo whose names, places, synopses and fees are as long as real ones
    get. Long values test each template's layout at its fullest, so the two fullest
    documents of each template are laid out as PDF, once per run (21 s of CPU, against 51 s
    for every document); the demo build lays out every document at ordinary lengths."""

    def make(root: Path) -> BuiltProduction:
        folder = root / "production"
        shutil.copytree(DEMO, folder)
        lengthen(folder)
        return build_fullest("long-values", folder, root / "out")

    return _built_once("long-values", tmp_path_factory, make)


LONG_SURNAME = "-Fitzwilliam-Montgomery-Ashcombe"
CONTACT_ROLES = {"1st Assistant Director", "2nd Assistant Director", "Location Manager"}


def _edit_csv(path: Path, edit: Callable[[dict[str, str]], None]) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or ())
        rows = list(reader)
    for row in rows:
        edit(row)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _longer(row: dict[str, str], *columns: str, tail: str) -> None:
    for c in columns:
        if row.get(c):
            row[c] = f"{row[c]} {tail}"


def lengthen(folder: Path) -> None:
    """Lengthen the values of a copy of the demo in place: names, roles, companies, places,
    synopses and notes, and five-digit fees (the script's scene headings and the keys that
    join tables stay as they are)."""
    names: dict[str, str] = {}

    def crew(row: dict[str, str]) -> None:
        names[row["name"]] = row["name"] + LONG_SURNAME
        row["name"] = names[row["name"]]
        row["email"] = (
            "firstname.middlename.lastname-fitzwilliam@harbourlight-pictures.example.co.uk"
        )
        if row["role"] not in CONTACT_ROLES:  # the call sheet's contacts name these
            _longer(row, "role", tail="(Second Unit, Splinter Unit and Additional Photography)")
        _longer(row, "company", "credit", "kit_items", tail="and Associated Enterprises Ltd")
        _longer(row, "address", tail="/ The Old Rope Works, Lower Canal Street East")
        row["rate"] = "12750" if row["rate"] else ""

    def calls(row: dict[str, str]) -> None:
        row["who"] = names.get(row["who"], row["who"])
        _longer(row, "notes", "pick_up_from", tail="via the unit base car park on the far side")

    def cast(row: dict[str, str]) -> None:
        names[row["artist"]] = row["artist"] + LONG_SURNAME
        row["artist"] = names[row["artist"]]
        _longer(row, "agent", "notes", tail="International Artists' Representation")

    def locations(row: dict[str, str]) -> None:
        _longer(row, "name", tail="and the Old Harbour Master's Warehouse (East Quay)")
        _longer(row, "address", tail="/ Harbourside Industrial Estate, Unit 14B")
        _longer(
            row,
            "parking",
            "unit_base",
            "access",
            "contact",
            tail="(see the location map; ask the location manager before moving any vehicle)",
        )
        _longer(row, "hospital", tail="Emergency Department, main entrance off the ring road")

    def schedule(row: dict[str, str]) -> None:
        _longer(
            row, "notes", "weather", tail="(confirm with the location manager the night before)"
        )

    def supporting(row: dict[str, str]) -> None:
        _longer(
            row,
            "description",
            "agency",
            "notes",
            tail="from the Severnside and Westcountry register",
        )

    def clearances(row: dict[str, str]) -> None:
        _longer(row, "holder_company", tail="International Rights and Licensing Holdings Ltd")
        _longer(row, "description", "restrictions", "credit", tail="(full version, all verses)")
        for fee in ("fee_quoted", "fee_agreed"):
            if row[fee]:
                row[fee] = "£12,500.00"

    def kit(row: dict[str, str]) -> None:
        _longer(
            row,
            "description",
            tail="(serial-numbered, in its own foam-lined flight case compartment)",
        )
        _longer(row, "owner", tail="Equipment Rental and Leasing Holdings Ltd")

    def risks(row: dict[str, str]) -> None:
        _longer(
            row,
            "hazard",
            "who",
            "controls",
            "further_controls",
            "location",
            tail="(as briefed at the unit base and in the daily safety meeting)",
        )

    def deliverables(row: dict[str, str]) -> None:
        _longer(
            row,
            "item",
            "spec",
            "recipient",
            "responsible",
            "notes",
            tail="(per the commissioner's delivery requirements, version 7)",
        )

    def who(row: dict[str, str]) -> None:
        row["who"] = "; ".join(names.get(n.strip(), n.strip()) for n in row["who"].split(";"))

    def travel(row: dict[str, str]) -> None:
        who(row)
        row["driver"] = names.get(row["driver"], row["driver"])
        for end in ("from", "to"):  # in front: the last part still names the country
            row[end] = f"Departures and Arrivals Hall B (far side of the building), {row[end]}"
        _longer(row, "meeting_point", "vehicle", "notes", tail="(see the map the office sent)")

    def accommodation(row: dict[str, str]) -> None:
        who(row)
        _longer(row, "hotel", tail="and Conference Centre (Annexe)")
        _longer(row, "address", tail="/ Zone d'Activités du Port, Bâtiment C")
        _longer(row, "notes", tail="(rooms held until 23:00; call the night porter after)")

    for name, edit in (
        ("crew.csv", crew),
        ("calls.csv", calls),
        ("cast.csv", cast),
        ("locations.csv", locations),
        ("schedule.csv", schedule),
        ("supporting_artists.csv", supporting),
        ("clearances.csv", clearances),
        ("kit.csv", kit),
        ("risks.csv", risks),
        ("deliverables.csv", deliverables),
        ("travel.csv", travel),
        ("accommodation.csv", accommodation),
    ):
        _edit_csv(folder / name, edit)
    script = folder / "script.fountain"
    synopsis = (
        "= A long synopsis, as some writers give every scene: the light goes, the tide turns, "
        "and everyone on the quay waits for a boat that may not come back before morning."
    )
    lines = []
    for line in script.read_text(encoding="utf-8").splitlines():
        lines.append(line)
        if re.match(r"^(INT|EXT|INT/EXT|I/E)[. ]", line):
            lines += ["", synopsis]
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace(
            "  name: Harbour Light Pictures Ltd",
            "  name: Harbour Light Pictures and Westcountry Broadcast Productions Ltd",
            1,
        ),
        encoding="utf-8",
    )
