"""Crew list: departments in order, personal data only where allowed, versions, and the vCard."""

from __future__ import annotations

import csv
import io
import re
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperwork.builders import crew_list
from paperwork.builders.base import BuildJob, BuildOptions, BuiltDocument
from paperwork.cli import main
from paperwork.errors import Diagnostics
from paperwork.model.call_sheets import CALL_SHEET_DEPARTMENTS
from paperwork.model.production import Production
from paperwork.readers.production import read_production
from paperwork.vcard import VCard, phone_uri, split_name, write_vcards
from tests.pdf_text import page_texts

TODAY = date(2026, 12, 2)


# --- a strict vCard reader, written from RFC 6350 / RFC 2426, for the tests only -------------


def unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        c = value[i]
        if c == "\\":
            nxt = value[i + 1]  # a lone backslash at the end is an error: IndexError
            assert nxt in "\\,;nN", f"bad escape \\{nxt} in {value!r}"
            out.append("\n" if nxt in "nN" else nxt)
            i += 2
            continue
        assert c not in ",;" or False, f"unescaped {c!r} in a TEXT value {value!r}"
        out.append(c)
        i += 1
    return "".join(out)


def components(value: str) -> list[str]:
    """A structured value (N, ORG) split on unescaped semicolons, each part unescaped."""
    parts = re.split(r"(?<!\\);", value)
    return [unescape(p) for p in parts]


def parse_vcf(data: bytes) -> list[dict[str, list[tuple[str, str]]]]:
    """Cards as {property name: [(parameters, raw value)]}; fails on anything not strict:
    a bare LF, a line over 75 octets, a folded line cut inside a UTF-8 character, a card
    not opened and closed, a missing VERSION, FN or N."""
    assert data.endswith(b"\r\n")
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert b"\n" not in line and b"\r" not in line, "a bare line break"
        assert len(line) <= 75, f"{len(line)} octets: {line!r}"
        line.decode("utf-8")  # each physical line is whole characters
    logical: list[str] = []
    for line in physical:
        text = line.decode("utf-8")
        if text.startswith((" ", "\t")):
            assert logical, "a continuation with nothing before it"
            logical[-1] += text[1:]
        else:
            logical.append(text)
    cards: list[dict[str, list[tuple[str, str]]]] = []
    current: dict[str, list[tuple[str, str]]] | None = None
    for line in logical:
        name_params, sep, value = line.partition(":")
        assert sep, f"no colon in {line!r}"
        name, _, params = name_params.partition(";")
        name = name.upper()
        if name == "BEGIN":
            assert value.upper() == "VCARD" and current is None
            current = {}
            continue
        if name == "END":
            assert value.upper() == "VCARD" and current is not None
            assert current["VERSION"][0][1] in ("3.0", "4.0")
            assert "FN" in current and "N" in current
            cards.append(current)
            current = None
            continue
        assert current is not None, f"{line!r} outside a card"
        current.setdefault(name, []).append((params, value))
    assert current is None
    return cards


def text(card: dict[str, list[tuple[str, str]]], name: str) -> str:
    return unescape(card[name][0][1])


# --- helpers --------------------------------------------------------------------------------


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


def _copy(demo: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "show"
    shutil.copytree(demo, folder)
    return folder


def _read(folder: Path) -> tuple[Production, Diagnostics]:
    d = Diagnostics()
    production = read_production(folder, d)
    assert production is not None
    return production, d


def _build(production: Production, d: Diagnostics, **options: object) -> BuiltDocument:
    job = BuildJob(production, TODAY, d, BuildOptions(**options))  # type: ignore[arg-type]
    (doc,) = crew_list.build(job)
    assert doc.kind == "crew-list" and doc.formats == ("docx", "pdf", "xlsx", "vcf")
    return doc


def _context(doc: BuiltDocument) -> crew_list.CrewListContext:
    assert isinstance(doc.context, crew_list.CrewListContext)
    return doc.context


def _set_share(who: dict[str, str]) -> Callable[[dict[str, str]], None]:
    def edit(row: dict[str, str]) -> None:
        if row["name"] in who:
            row["share_contact"] = who[row["name"]]

    return edit


# --- departments ----------------------------------------------------------------------------


def test_departments_follow_the_call_sheets_order(demo: Path) -> None:
    """The demo's departments in CALL_SHEET_DEPARTMENTS order; key people head Production."""
    production, d = _read(demo)
    context = _context(_build(production, d))
    names = [dep.name for dep in context.departments]
    assert names == [
        "Production",
        "Assistant Directors",
        "Camera",
        "Sound",
        "Lighting",
        "Art",
        "Costume",
        "Make-up",
        "Locations",
        "Transport",
        "Medical",
        "Publicity",
        "Post Production",
    ]
    rank = [CALL_SHEET_DEPARTMENTS.index(n) for n in names]
    assert rank == sorted(rank)
    production_rows = context.departments[0].rows
    assert [r.name for r in production_rows][:4] == [
        "Maya Okafor",
        "Tom Reddaway",
        "Priya Nandra",
        "Eira Vaughan",
    ]
    assert production_rows[-1].name == "Fiona Marsh" and production_rows[-1].start == "22/02/2027"
    assert [r.name for r in context.departments[-3].rows] == ["Joy Abara"]  # Unit Medic
    assert context.crew_count == "25 people in 13 departments"


def test_key_contacts_office_roles_unit_bases_and_locations(demo: Path) -> None:
    """The office first, the call sheet's contact roles, each unit base once with the
    locations it serves, and every location's on-site contact."""
    production, d = _read(demo)
    context = _context(_build(production, d))
    keys = [(k.label, k.name, k.phone) for k in context.key_contacts]
    assert keys[0] == ("Production office", "Harbour Light Pictures Ltd", "0117 496 0123")
    assert [k[0] for k in keys[1:]] == [
        "Producer",
        "Director",
        "Production Manager",
        "1st Assistant Director",
        "2nd Assistant Director",
        "Production Co-ordinator",
        "Location Manager",
        "Unit Medic",
    ]
    assert context.unit_bases[:2] == (
        "Pill Memorial Club car park, Underbanks, BS20 0AA (L01, L05, L06, L10)",
        "Quayside Studios, 12 Wapping Lane, BS1 6XX (L02, L03, L04, L07, L08)",
    )
    assert len(context.unit_bases) == 6
    places = {r.id: r for r in context.locations}
    assert places["L11"].contact == "Élodie Garnier (owner) +33 2 61 91 00 17"
    assert (
        places["L01"].address
        == "Pilot's Cottage, 3 Watch House Row, Pill, North Somerset, BS20 0AL"
    )


def test_a_manifest_department_order_rules_the_crew_list_too(demo: Path, tmp_path: Path) -> None:
    """call_sheets: departments puts Post Production first, loosely matched (& for and)."""
    folder = _copy(demo, tmp_path)
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "call_sheets:\n", "call_sheets:\n  departments: [post-production, Hair & Make up]\n", 1
        )
    )
    _edit_csv(folder / "crew.csv", lambda r: r.update(department="Hair and Make-up") if r["department"] == "Make-up" else None)  # fmt: skip
    production, d = _read(folder)
    names = [dep.name for dep in _context(_build(production, d)).departments]
    assert names[:2] == ["Post Production", "Hair and Make-up"]


# --- UK GDPR --------------------------------------------------------------------------------


def _all_outputs(doc: BuiltDocument, demo: Path) -> dict[str, str]:
    """The document as every format's text: PDF (pdfium), DOCX, XLSX cells, vCard."""
    from openpyxl import load_workbook

    from paperwork.render.docx import docx_text, render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.sheets import render_xlsx
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    templates = TemplateSet([templates_dir()])
    pdf = render_pdfs([doc], templates, [templates_dir(), demo]).pdfs[0]
    pages = page_texts(pdf)
    workbook = load_workbook(io.BytesIO(render_xlsx(doc.sheets, doc.title)))
    cells = [
        str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value
    ]
    vcf = crew_list.text_output(doc, "vcf")
    assert vcf is not None
    return {
        "pdf": "\n=== page ===\n".join(pages),
        "docx": docx_text(render_docx(doc, templates)),
        "xlsx": "\n".join(cells),
        "vcf": vcf.decode("utf-8"),
    }


@pytest.mark.slow  # renders documents: over a second
def test_opted_out_numbers_and_emails_appear_in_no_output(demo: Path) -> None:
    """Kit (no) and Marcus (office-only) are "via production office" in the PDF, DOCX and
    XLSX; neither's own number or email is in any of the four files; Kit has no vCard,
    Marcus one with the office's number and email; Ciarán's own details are everywhere."""
    production, d = _read(demo)
    doc = _build(production, d)
    assert d.items == []
    outputs = _all_outputs(doc, demo)
    for fmt, out in outputs.items():
        for private in ("07700 900105", "kit.ashworth@", "07700 900120", "marcus.bell@"):
            assert private not in out and private.replace("07700", "+44 7700") not in out, fmt
        assert "ciaran.oneill@example.com" in out, fmt
    for fmt in ("pdf", "docx", "xlsx"):
        flat = " ".join(outputs[fmt].split())
        assert "via production office" in flat
        assert (
            "Contains personal data" in flat
            and "destroy every copy when the production wraps" in flat
        )
    cards = {text(c, "FN"): c for c in parse_vcf(outputs["vcf"].encode("utf-8"))}
    assert "Kit Ashworth" not in cards
    marcus = cards["Marcus Bell"]
    assert marcus["TEL"] == [("TYPE=WORK", "+44 117 496 0123")]
    assert text(marcus, "EMAIL") == "office@harbourlight.example.co.uk"
    ciaran = cards["Ciarán O'Neill"]
    assert ciaran["TEL"] == [("TYPE=CELL", "+44 7700 900101")]
    assert components(ciaran["N"][0][1])[:2] == ["O'Neill", "Ciarán"]
    assert components(ciaran["ORG"][0][1]) == ["Harbour Light Pictures Ltd", "Camera"]
    assert text(ciaran, "TITLE") == "Director of Photography"
    assert text(ciaran, "NOTE") == "The Salt Road: Camera, 22/02/2027 to 14/03/2027"
    # the cast page: agents printed, the direct artist who said no is not
    assert "Terry Nance" in outputs["pdf"] and "07700 900211" not in outputs["pdf"]
    assert "bookings@westway.example.co.uk" in outputs["pdf"]


@pytest.mark.slow  # renders documents: over a second
def test_cast_is_on_a_page_of_its_own(demo: Path) -> None:
    """The PDF's cast heading opens a page holding no crew; the data-protection line, the
    issue and the version are on the first page."""
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    production, d = _read(demo)
    doc = _build(production, d)
    pdf = render_pdfs([doc], TemplateSet([templates_dir()]), [templates_dir(), demo]).pdfs[0]
    pages = [" ".join(p.split()) for p in page_texts(pdf)]
    assert "Version 1 · Issued Wed 2 Dec 2026 by Tom Reddaway, Production Co-ordinator" in pages[0]
    assert "Contains personal data" in pages[0]
    cast = next(i for i, p in enumerate(pages) if "CAST AND AGENTS" in p)
    assert cast > 0 and pages[cast].index("CAST AND AGENTS") < 60  # its page's first heading
    assert "Daniel Osei" in pages[cast - 1] and "Daniel Osei" not in pages[cast]
    assert all("Westway Artists" not in p for p in pages[:cast])


def test_the_production_default_and_a_rows_own_say(demo: Path, tmp_path: Path) -> None:
    """crew_list: share_contact: no withholds everyone who left the cell empty; a row's yes
    still prints; a key person under people: is a business contact and always prints."""
    folder = _copy(demo, tmp_path)
    manifest = folder / "production.yaml"
    manifest.write_text(manifest.read_text().replace("  share_contact: yes", "  share_contact: no"))
    production, d = _read(folder)
    context = _context(_build(production, d))
    rows = {r.name: r for dep in context.departments for r in dep.rows}
    assert rows["Jo Bloggs"].mobile == "via production office" and rows["Jo Bloggs"].email == ""
    assert rows["Jo Bloggs"].withheld
    assert rows["Hannah Price"].mobile == "07700 900102"  # her own cell says yes
    assert rows["Maya Okafor"].mobile == "07700 900123"
    cards = {text(c, "FN") for c in parse_vcf(context.vcard.encode("utf-8"))}
    assert "Jo Bloggs" not in cards and "Hannah Price" in cards
    keys = {k.label: k for k in context.key_contacts}
    assert keys["Location Manager"].phone == "via production office"
    assert keys["1st Assistant Director"].phone == "07700 900102"


def test_no_default_and_no_cell_shares_nothing_with_a_located_warning(
    demo: Path, tmp_path: Path
) -> None:
    """Without crew_list: share_contact, an empty cell withholds, warned at the first such
    row's share_contact cell; a direct artist with no say is withheld too."""
    folder = _copy(demo, tmp_path)
    manifest = folder / "production.yaml"
    manifest.write_text(manifest.read_text().replace("  share_contact: yes", ""))
    production, d = _read(folder)
    context = _context(_build(production, d))
    (warning,) = d.items
    assert warning.code == "contact-sharing-unset" and warning.severity == "warning"
    assert str(warning.pos) == "crew.csv:4:share_contact"  # Olu Adebayo's empty cell
    rows = {r.name: r for dep in context.departments for r in dep.rows}
    assert rows["Olu Adebayo"].withheld and not rows["Hannah Price"].withheld
    cards = {text(c, "FN"): c for c in parse_vcf(context.vcard.encode("utf-8"))}
    assert cards["Olu Adebayo"]["TEL"] == [("TYPE=WORK", "+44 117 496 0123")]  # office-only


def test_cast_contacts_agents_direct_artists_and_children(demo: Path, tmp_path: Path) -> None:
    """An agent's contacts print; a direct artist's own print only on yes; a child's (under
    18 by date of birth) never."""
    folder = _copy(demo, tmp_path)

    def edit(row: dict[str, str]) -> None:
        if row["id"] == "7":
            row["share_contact"] = "yes"
        if row["id"] == "3":  # born 2015: a child by date of birth, not marked a minor
            row["agent"], row["share_contact"], row["minor"] = "Direct", "yes", ""

    _edit_csv(folder / "cast.csv", edit)
    production, d = _read(folder)
    cast = {r.id: r for r in _context(_build(production, d)).cast}
    assert (cast["1"].agent, cast["1"].phone) == ("Westway Artists", "020 7946 0311")
    assert (cast["7"].agent, cast["7"].phone) == ("Direct", "07700 900211")
    assert cast["3"].phone == "via production office" and cast["3"].email == ""
    assert cast["3"].withheld


def test_bad_share_values_are_located_errors(demo: Path, tmp_path: Path) -> None:
    """A share_contact cell or manifest value that is not yes/office-only/no is an error at
    its cell; an unknown crew_list key a warning at its line."""
    folder = _copy(demo, tmp_path)
    _edit_csv(folder / "crew.csv", _set_share({"Jo Bloggs": "maybe"}))
    manifest = folder / "production.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "  share_contact: yes", "  share_contact: sometimes\n  shared_by: Tom"
        )
    )
    _production, d = _read(folder)
    found = {(x.code, x.pos.file, x.pos.line) for x in d.items if x.pos is not None}
    line = next(
        i
        for i, t in enumerate(manifest.read_text().splitlines(), 1)
        if "share_contact: sometimes" in t
    )
    assert ("unknown-choice", "crew.csv", 10) in found
    assert ("unknown-choice", "production.yaml", line) in found
    assert ("unknown-key", "production.yaml", line + 1) in found
    jo = next(x for x in d.items if x.pos is not None and x.pos.file == "crew.csv")
    assert str(jo.pos) == "crew.csv:10:share_contact"


# --- versions -------------------------------------------------------------------------------


def test_versions_from_the_issued_file_names() -> None:
    """The next version after the latest issue; the same one when that was today."""
    names = (
        "crew-list_the-salt-road_2027-03-03_v1.pdf",
        "crew-list_the-salt-road_2027-03-03_v1.vcf",
        "crew-list_other-show_2027-03-20_v7.pdf",
        "call-sheet_day01_2027-03-01_v1.pdf",
    )
    issues = crew_list.earlier_issues(names, "the-salt-road")
    assert issues == {1: date(2027, 3, 3)}
    assert crew_list.version_of({}, TODAY) == (1, None)
    assert crew_list.version_of(issues, date(2027, 3, 10)) == (2, (1, date(2027, 3, 3)))
    assert crew_list.version_of(issues, date(2027, 3, 3)) == (1, None)
    two = {**issues, 2: date(2027, 3, 10)}
    assert crew_list.version_of(two, date(2027, 3, 10)) == (2, (1, date(2027, 3, 3)))


@pytest.mark.slow  # renders documents: over a second
def test_a_reissue_supersedes_the_one_in_the_output_folder(demo: Path, tmp_path: Path) -> None:
    """Built on 3 March, then 10 March into the same folder: v2 says it supersedes v1 of
    3 March, in the workbook and the PDF; built again on 10 March it stays v2 (unchanged, it
    is not even rewritten)."""
    from openpyxl import load_workbook

    out = tmp_path / "out"
    runner = CliRunner()

    def build(day: str, *extra: str) -> None:
        args = ["build", str(demo), "-o", str(out), "--only", "crew-list", "--date", day]
        result = runner.invoke(main, [*args, "--format", "xlsx", "--format", "vcf", *extra])
        assert result.exit_code == 0, result.output

    build("2027-03-03")
    build("2027-03-10")
    assert sorted(p.name for p in out.glob("crew-list_*")) == [
        "crew-list_the-salt-road_2027-03-03_v1.vcf",
        "crew-list_the-salt-road_2027-03-03_v1.xlsx",
        "crew-list_the-salt-road_2027-03-10_v2.vcf",
        "crew-list_the-salt-road_2027-03-10_v2.xlsx",
    ]
    about = load_workbook(out / "crew-list_the-salt-road_2027-03-10_v2.xlsx")["About this list"]
    values = {r[0].value: r[1].value for r in about.iter_rows(min_row=2)}
    assert values["Version"] == "Version 2"
    assert values["Supersedes"] == "Supersedes v1 of 3 March 2027"
    assert "destroy every copy of it" in values["Data protection"]
    first = load_workbook(out / "crew-list_the-salt-road_2027-03-03_v1.xlsx")["About this list"]
    assert "Supersedes" not in {r[0].value for r in first.iter_rows(min_row=2)}
    issued = (out / "crew-list_the-salt-road_2027-03-10_v2.xlsx").stat()
    result = runner.invoke(
        main,
        ["build", str(demo), "-o", str(out), "--only", "crew-list", "--date", "2027-03-10",
         "--format", "xlsx"],
    )  # fmt: skip
    # the same day and the same crew: v2 is up to date, and is neither rewritten nor re-issued
    assert result.exit_code == 0 and "Nothing changed" in result.output, result.output
    again = (out / "crew-list_the-salt-road_2027-03-10_v2.xlsx").stat()
    assert (again.st_ino, again.st_mtime_ns) == (issued.st_ino, issued.st_mtime_ns)
    build("2027-03-10", "--force")
    assert not list(out.glob("*_v3.*"))


# --- vCard ----------------------------------------------------------------------------------


def test_vcards_round_trip_accents_commas_and_semicolons() -> None:
    """FN, N, ORG, TITLE and NOTE come back exactly through a strict parser."""
    cards = (
        VCard(
            uid="a@b",
            full_name="Zoë D'Arcy; Ortiz, Jr",
            family="D'Arcy; Ortiz, Jr",
            given="Zoë",
            organisation="Smith, Jones & Co; Ltd",
            unit="Hair & Make-up",
            title="Key Hair, Make-up; Prosthetics",
            mobile="07700 900999",
            email="zoe@example.com",
            note="Line one\nLine two \\ backslash; semi, comma",
        ),
    )
    (card,) = parse_vcf(write_vcards(cards).encode("utf-8"))
    assert text(card, "FN") == "Zoë D'Arcy; Ortiz, Jr"
    assert components(card["N"][0][1]) == ["D'Arcy; Ortiz, Jr", "Zoë", "", "", ""]
    assert components(card["ORG"][0][1]) == ["Smith, Jones & Co; Ltd", "Hair & Make-up"]
    assert text(card, "TITLE") == "Key Hair, Make-up; Prosthetics"
    assert text(card, "NOTE") == "Line one\nLine two \\ backslash; semi, comma"
    assert card["TEL"] == [("TYPE=CELL", "+44 7700 900999")]


def test_long_lines_fold_at_75_octets_between_characters() -> None:
    """A note of 300 accented characters folds into lines of at most 75 octets, each whole
    UTF-8, and unfolds to the same text."""
    note = "Élodie à Saint-Malo — " * 14
    data = write_vcards((VCard("u", "Ana", "", "Ana", note=note),)).encode("utf-8")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    assert data.count(b"\r\n ") >= 4 and b"\n" not in data.replace(b"\r\n", b"")
    (card,) = parse_vcf(data)
    assert text(card, "NOTE") == note


def test_names_and_numbers_for_a_phone() -> None:
    """Family name last (or first, before a comma); UK numbers in +44 form."""
    assert split_name("Ciarán O'Neill") == ("O'Neill", "Ciarán")
    assert split_name("Mary Anne  Smith") == ("Smith", "Mary Anne")
    assert split_name("O'Neill, Ciarán") == ("O'Neill", "Ciarán")
    assert split_name("Cher") == ("", "Cher")
    assert phone_uri("07700 900101") == "+44 7700 900101"
    assert phone_uri("+34 956 00 00 41") == "+34 956 00 00 41"
    assert phone_uri("0033 2 61 91 00 17") == "0033 2 61 91 00 17"


def test_the_demo_vcf_parses_with_one_card_per_shareable_person(demo: Path) -> None:
    """The office, then everyone but the one who said no, each with a stable UID."""
    production, d = _read(demo)
    doc = _build(production, d)
    data = crew_list.text_output(doc, "vcf")
    assert data is not None and crew_list.text_output(doc, "pdf") is None
    cards = parse_vcf(data)
    names = [text(c, "FN") for c in cards]
    assert names[0] == "The Salt Road production office" and "Kit Ashworth" not in names
    assert text(cards[0], "NOTE") == (
        "The Salt Road: production office. Crew list v1, Wed 2 Dec 2026: personal data; "
        "delete these contacts when the production wraps."
    )
    assert cards[0]["X-ABSHOWAS"] == [("", "COMPANY")]
    assert len(names) == 1 + 25 - 1
    uids = [c["UID"][0][1] for c in cards]
    assert len(set(uids)) == len(uids)
    assert data == crew_list.text_output(_build(production, Diagnostics()), "vcf")


def test_two_people_whose_names_slug_alike_get_two_cards(demo: Path, tmp_path: Path) -> None:
    """Sean Murphy and Seán Murphy are two people (two crew rows, no duplicate-person) and two
    cards with distinct UIDs, so that a phone importing the file keeps both."""
    folder = _copy(demo, tmp_path)
    renamed = {"Sam Okoro": "Sean Murphy", "Grace Lin": "Seán Murphy"}
    _edit_csv(folder / "crew.csv", lambda r: r.update(name=renamed.get(r["name"], r["name"])))
    production, d = _read(folder)
    data = crew_list.text_output(_build(production, d), "vcf")
    assert data is not None and not d.has_errors
    seans = [c for c in parse_vcf(data) if text(c, "FN") in renamed.values()]
    assert [text(c, "TITLE") for c in seans] == ["Electrician", "Make-up Artist"]
    assert len({c["UID"][0][1] for c in seans}) == 2


def test_formula_like_names_stay_text_in_the_workbook(demo: Path, tmp_path: Path) -> None:
    """A role that starts with = is a text cell in the XLSX, never a formula."""
    from openpyxl import load_workbook

    from paperwork.render.sheets import render_xlsx

    folder = _copy(demo, tmp_path)
    _edit_csv(
        folder / "crew.csv",
        lambda r: r.update(role='=HYPERLINK("http://x")') if r["name"] == "Sam Okoro" else None,
    )
    production, d = _read(folder)
    doc = _build(production, d)
    book = load_workbook(io.BytesIO(render_xlsx(doc.sheets, doc.title)))
    cell = next(
        c
        for row in book["Crew"].iter_rows()
        for c in row
        if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


@pytest.mark.slow  # renders documents: over a second
@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_departments_and_dates_in_the_rendered_documents(demo: Path, fmt: str) -> None:
    """Each department heading comes before its people, in order, in the PDF and the DOCX."""
    production, d = _read(demo)
    doc = _build(production, d)
    out = " ".join(_all_outputs(doc, demo)[fmt].split())
    where = [
        out.index(name) for name in ("Producer", "Assistant Directors", "Camera", "Post Production")
    ]
    assert where == sorted(where)
    assert "Ciarán O'Neill" in out and "22/02/2027" in out and "14/03/2027" in out


def test_the_init_example_builds_a_crew_list_with_its_opt_out(tmp_path: Path) -> None:
    """paperwork init, then build --only crew-list: no warning; Kim (no) is withheld and has
    no card, Alex (yes) is on both."""
    from openpyxl import load_workbook

    runner = CliRunner()
    show, out = tmp_path / "show", tmp_path / "out"
    assert runner.invoke(main, ["init", str(show)]).exit_code == 0
    args = ["build", str(show), "-o", str(out), "--only", "crew-list", "--date", "2027-02-01"]
    result = runner.invoke(main, [*args, "--format", "xlsx", "--format", "vcf"])
    assert result.exit_code == 0 and "warning" not in result.output, result.output
    (xlsx,) = out.glob("crew-list_*_v1.xlsx")
    crew = {r[2]: r for r in load_workbook(xlsx)["Crew"].iter_rows(min_row=2, values_only=True)}
    assert crew["Kim Trial"][3:5] == ("via production office", None)
    assert crew["Alex Example"][3] == "07700 900010"
    assert [d.date() for d in crew["Alex Example"][5:7]] == [date(2027, 3, 1), date(2027, 3, 13)]
    (vcf,) = out.glob("crew-list_*_v1.vcf")
    names = {text(c, "FN") for c in parse_vcf(vcf.read_bytes())}
    assert "Alex Example" in names and "Kim Trial" not in names
