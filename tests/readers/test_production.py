"""The production folder: every problem in every file reported in one run, located."""

from __future__ import annotations

from pathlib import Path

from paperwork.errors import Diagnostics
from paperwork.model.clearances import ClearanceStatus, ClearanceType
from paperwork.model.records import Money
from paperwork.readers.production import read_production

MANIFEST = """\
title: Test Show
company:
  name: Test Pictures Ltd
  address: [1 High Street, Bristol BS1 1AA]
people:
  - {role: Production Co-ordinator, name: Jo Bloggs, email: jo@example.com}
budget:
  clearances: £5,000
clearances:
  media: All media
  territory: Worldwide
  term: Perpetuity
tables:
  clearances: clearances.csv
"""

HEADER = "id,type,description,holder_company,holder_email,fee_quoted,status,reply_by\n"


def _folder(tmp_path: Path, rows: str, manifest: str = MANIFEST) -> Path:
    (tmp_path / "production.yaml").write_text(manifest, encoding="utf-8")
    (tmp_path / "clearances.csv").write_text(HEADER + rows, encoding="utf-8")
    return tmp_path


def test_reads_manifest_and_clearances(tmp_path: Path) -> None:
    """A good folder reads with no diagnostics, typed values and manifest defaults applied."""
    folder = _folder(
        tmp_path,
        'M1,Music Sync,Song,Acme Music,rights@acme.example,"£1,250.00",To Request,03/12/2026\n',
    )
    d = Diagnostics()
    p = read_production(folder, d)
    assert not d.items and p is not None
    assert p.title == "Test Show" and p.company.address == ("1 High Street", "Bristol BS1 1AA")
    assert p.budget_line("clearances") == Money(500000)
    assert p.person("production co-ordinator").name == "Jo Bloggs"  # type: ignore[union-attr]
    (c,) = p.clearances
    assert c.type is ClearanceType.MUSIC_SYNC and c.status is ClearanceStatus.TO_REQUEST
    assert c.fee_quoted == Money(125000) and c.use.territory == "Worldwide"
    assert str(c.pos) == "clearances.csv:2"


def test_every_bad_cell_is_reported_in_one_run(tmp_path: Path) -> None:
    """Bad money, date, email, status, duplicate id and an empty required cell: all at once."""
    rows = (
        "M1,music sync,Song,Acme,not-an-email,TBC,to request,31/02/2026\n"
        "M1,music sync,Song,Acme,a@b.example,10,pending,\n"
        "M3,music sync,,Acme,a@b.example,10,requested,\n"
    )
    d = Diagnostics()
    read_production(_folder(tmp_path, rows), d)
    found = sorted((x.code, str(x.pos)) for x in d.errors)
    assert found == [
        ("bad-date", "clearances.csv:2:reply_by"),
        ("bad-email", "clearances.csv:2:holder_email"),
        ("bad-money", "clearances.csv:2:fee_quoted"),
        ("duplicate-id", "clearances.csv:3:id"),
        ("missing-value", "clearances.csv:4:description"),
        ("unknown-choice", "clearances.csv:3:status"),
    ]


def test_unknown_column_suggests_the_near_name(tmp_path: Path) -> None:
    """A misspelt heading is an error at its cell with a did-you-mean hint; x_ columns pass."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "clearances.csv").write_text(
        "id,type,description,holder_company,status,fee_quotd,x_my_notes\nA,still,Photo,Acme,to request,1,hi\n",
        encoding="utf-8",
    )
    d = Diagnostics()
    read_production(tmp_path, d)
    (err,) = d.errors
    assert err.code == "unknown-column" and str(err.pos) == "clearances.csv:1:fee_quotd"
    assert "did you mean 'fee_quoted'" in err.message


def test_missing_manifest_and_missing_table(tmp_path: Path) -> None:
    """No production.yaml is one clear error; a table file that is absent is another."""
    d = Diagnostics()
    assert read_production(tmp_path, d) is None
    assert d.codes() == ["manifest-missing"] and "paperwork init" in d.items[0].message
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    d = Diagnostics()
    read_production(tmp_path, d)
    assert d.codes() == ["table-missing"] and str(d.items[0].pos) == "clearances.csv"


def test_manifest_problems_are_located_at_their_keys(tmp_path: Path) -> None:
    """A bad budget amount, a bad paper size, a logo outside the folder and an unknown key."""
    manifest = MANIFEST.replace("clearances: £5,000", "clearances: lots") + (
        "paper: A3\nlogoo: x\n"
    )
    manifest = manifest.replace(
        "  name: Test Pictures Ltd", "  name: Test Pictures Ltd\n  logo: ../../etc/passwd"
    )
    d = Diagnostics()
    read_production(
        _folder(tmp_path, "A,still,Photo,Acme,a@b.example,1,to request,\n", manifest), d
    )
    found = sorted((x.code, x.pos.line) for x in d.items)
    assert found == [
        ("bad-money", 9),
        ("bad-paper", 16),
        ("path-outside-production", 4),
        ("unknown-key", 17),
    ]


def test_a_named_file_or_folder_that_is_not_there_is_located(tmp_path: Path) -> None:
    """The logo, the templates folder and the script: each file-missing at its key."""
    manifest = MANIFEST.replace(
        "  name: Test Pictures Ltd", "  name: Test Pictures Ltd\n  logo: logo.png"
    ) + ("templates: mine\nscript: draft.fountain\n")
    (tmp_path / "logo.png").mkdir()  # there, but not a file
    d = Diagnostics()
    read_production(
        _folder(tmp_path, "A,still,Photo,Acme,a@b.example,1,to request,\n", manifest), d
    )
    assert [(x.code, x.pos.line, x.message) for x in d.items] == [
        ("file-missing", 4, "the logo file 'logo.png' does not exist"),
        ("file-missing", 16, "the templates folder 'mine' does not exist"),
        ("file-missing", 17, "the script 'draft.fountain' does not exist"),
    ]


def test_malformed_yaml_is_located(tmp_path: Path) -> None:
    """A YAML syntax error names its line and column."""
    (tmp_path / "production.yaml").write_text("title: [unclosed\ncompany: x\n", encoding="utf-8")
    d = Diagnostics()
    assert read_production(tmp_path, d) is None
    assert d.codes() == ["yaml-syntax"] and d.items[0].pos.line == 2


def test_clearances_from_xlsx_sheet(tmp_path: Path) -> None:
    """The same table from a workbook sheet; cell positions are Sheet!C7."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Clearances"
    ws.append(["ID", "Type", "Description", "Holder Company", "Fee Quoted", "Status"])
    ws.append(["S1", "still", "Harbour photo", "Acme", "TBC", "to request"])
    book.save(tmp_path / "log.xlsx")
    (tmp_path / "production.yaml").write_text(
        MANIFEST.replace("clearances.csv", "log.xlsx#Clearances"), encoding="utf-8"
    )
    d = Diagnostics()
    read_production(tmp_path, d)
    assert [(x.code, str(x.pos)) for x in d.items] == [("bad-money", "log.xlsx:Clearances!E2")]
