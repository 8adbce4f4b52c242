"""One person, one key: the same name however it is typed matches in every table and check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from paperwork.costing.checks import check_calls
from paperwork.errors import Diagnostics
from paperwork.model.names import label_key, person_key
from paperwork.model.source import Pos
from paperwork.planning import shoot
from paperwork.readers.calls import read_calls
from paperwork.readers.context import ReaderContext
from paperwork.readers.production import read_production
from paperwork.readers.tables import read_table
from paperwork.send.plan import PlannedMessage

# One person as four people type her: case, spacing, a decomposed accent, Word's curly
# apostrophe and its non-breaking hyphen.
SPELLINGS = (
    "Siân O'Neill-Hughes",
    "  SIÂN   O’NEILL-HUGHES ",
    "sia\u0302n o\u02bcneill\u2011hughes",
    "Siân O'Neill\u2010Hughes",
)


@pytest.mark.parametrize("spelling", SPELLINGS[1:])
def test_one_person_however_typed_has_one_key(spelling: str) -> None:
    """Case, spacing, Unicode forms, curly apostrophes and typographic hyphens are ignored."""
    assert person_key(spelling) == person_key(SPELLINGS[0]) == "siân o'neill-hughes"


@pytest.mark.parametrize(
    "other", ("Sian O'Neill-Hughes", "Siân O'Neill Hughes", "Siân ONeill-Hughes")
)
def test_letters_and_accents_still_tell_people_apart(other: str) -> None:
    """A dropped accent, hyphen or apostrophe is another spelling, not the same person."""
    assert person_key(other) != person_key(SPELLINGS[0])


@pytest.mark.parametrize("spelling", ("O'Neill-Hughes, Siân", "  o’neill-hughes ,SIÂN "))
def test_surname_first_after_a_comma_is_the_same_person(spelling: str) -> None:
    """A payroll's "Surname, First names" is the person the other tables call by first name."""
    assert person_key(spelling) == person_key(SPELLINGS[0])


@pytest.mark.parametrize("typed", ("Cher,", ", Cher", "Smith, Jones, and Partners"))
def test_a_comma_that_is_not_surname_then_first_name_is_kept(typed: str) -> None:
    """Nothing before or after the comma, or more than one comma: compared as typed."""
    assert person_key(typed) == " ".join(typed.split()).casefold()


def test_the_calls_table_finds_a_call_typed_surname_first(tmp_path: Path) -> None:
    """A second call on one day for "O'Neill-Hughes, Siân" is a duplicate of Siân's."""
    path = tmp_path / "calls.csv"
    path.write_text(
        "day,who,call\n1,Siân O'Neill-Hughes,08:00\n1,\"O'Neill-Hughes, Siân\",09:00\n",
        encoding="utf-8",
    )
    d = Diagnostics()
    table = read_table(path, "calls", path.name, d)
    assert table is not None
    calls = read_calls(table, d, ReaderContext(tmp_path))
    assert [c.who for c in calls] == ["Siân O'Neill-Hughes"]
    assert [(i.code, str(i.pos)) for i in d] == [("duplicate-call", "calls.csv:3:who")]


def test_labels_fold_to_upper_case_as_a_script_prints_them() -> None:
    """Scene numbers, ids and character names: `` 12a `` is ``12A``."""
    assert label_key(" 12a ") == "12A"
    assert label_key("dr\u00a0 jones") == "DR JONES"


def test_the_shoot_plan_compares_people_with_the_one_key() -> None:
    """The shoot plan's (the call sheet's) name and scene keys are the model's, not copies."""
    assert shoot.name_key is person_key
    assert shoot.scene_key is label_key


MANIFEST = """\
title: Test Show
company:
  name: Test Pictures Ltd
terms:
  agreement: Pact/Bectu TV Drama Agreement 2023
  cancellation: One week's notice either way.
tables:
  crew: crew.csv
"""
HEADER = "name,role,department,start,end,days_per_week,rate,rate_basis,tax_status\n"


def _crew_row(name: str) -> str:
    return f'"{name}",Gaffer,Lighting,2027-03-01,2027-03-12,5,330,daily,PAYE\n'


def test_the_crew_table_finds_the_same_person_twice(tmp_path: Path) -> None:
    """A second row for the same person, typed differently, is a duplicate at its name cell."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    rows = "".join(_crew_row(s) for s in SPELLINGS)
    (tmp_path / "crew.csv").write_text(HEADER + rows, encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None
    assert [m.name for m in p.crew] == [SPELLINGS[0]]
    assert [(i.code, str(i.pos)) for i in d] == [
        ("duplicate-person", "crew.csv:3:name"),
        ("duplicate-person", "crew.csv:4:name"),
        ("duplicate-person", "crew.csv:5:name"),
    ]


def test_the_contract_check_finds_a_call_for_the_person_typed_otherwise(tmp_path: Path) -> None:
    """A call under another spelling is checked against her contract, not 'not in crew'."""
    (tmp_path / "production.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "crew.csv").write_text(HEADER + _crew_row(SPELLINGS[0]), encoding="utf-8")
    d = Diagnostics()
    p = read_production(tmp_path, d)
    assert p is not None and p.terms is not None and not d.has_errors
    calls = {s: [date(2027, 3, 13)] for s in SPELLINGS[1:]}
    check_calls(p.crew, calls, p.terms, d, Pos("calls.csv"))
    # each spelling finds her contract; the same finding at the same cell is said once
    assert [(i.code, str(i.pos)) for i in d] == [("called-outside-contract", "crew.csv:2:end")]


def test_the_calls_table_finds_a_second_call_for_the_same_person(tmp_path: Path) -> None:
    """Two calls on one day for one person, typed differently, are a duplicate call."""
    path = tmp_path / "calls.csv"
    rows = "".join(f'1,"{s}",08:00\n' for s in SPELLINGS)
    path.write_text("day,who,call\n" + rows, encoding="utf-8")
    d = Diagnostics()
    table = read_table(path, "calls", path.name, d)
    assert table is not None
    calls = read_calls(table, d, ReaderContext(tmp_path))
    assert [c.who for c in calls] == [SPELLINGS[0]]
    assert [(i.code, str(i.pos)) for i in d] == [
        ("duplicate-call", "calls.csv:3:who"),
        ("duplicate-call", "calls.csv:4:who"),
        ("duplicate-call", "calls.csv:5:who"),
    ]


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_resend_finds_the_message_for_the_person_typed_otherwise(spelling: str) -> None:
    """``paperwork send --resend NAME`` finds her message however her name is typed."""
    message = PlannedMessage(
        key="crew-contracts:sian@example.com",
        kind="crew-contracts",
        name=SPELLINGS[0],
        address="sian@example.com",
        pos=None,
        stems=("contract_sian-o-neill-hughes_2027-02-01",),
        body={},
    )
    assert message.matches(spelling)
    assert message.matches("SIAN@example.com") and not message.matches("Sian O'Neill-Hughes")
