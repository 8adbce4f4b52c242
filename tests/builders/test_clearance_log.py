"""The clearance log: sorted rows, exact totals, budget and licence warnings, sheets, rendering."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from paperwork.builders import clearance_log
from paperwork.builders.base import BuildJob, BuiltDocument
from paperwork.builders.clearance_log import LogContext
from paperwork.errors import Diagnostics
from paperwork.model.clearances import (
    Clearance,
    ClearanceStatus,
    ClearanceType,
    Distribution,
    IntendedUse,
)
from paperwork.model.delivery import DeliverySettings
from paperwork.model.production import Production
from paperwork.model.records import Money
from paperwork.model.source import Pos

from .test_clearance_letter import (
    FULL_USE,
    NASTY_HOLDER,
    TODAY,
    production,
    render_pdf_and_docx,
    row,
)

S = ClearanceStatus
T = ClearanceType


def build(prod: Production, today: date = TODAY) -> tuple[BuiltDocument, Diagnostics]:
    d = Diagnostics()
    (doc,) = clearance_log.build(BuildJob(prod, today, d))
    return doc, d


def ctx(doc: BuiltDocument) -> LogContext:
    assert isinstance(doc.context, LogContext)
    return doc.context


def found(d: Diagnostics, code: str) -> list[tuple[str, str]]:
    return [(x.severity, str(x.pos)) for x in d if x.code == code]


def test_every_row_sorted_by_id_with_display_fields() -> None:
    """All rows, natural id order, statuses, fees and dates formatted for display."""
    prod = production(
        row("MU10", 2, status=S.LICENSED, fee_agreed=Money(300000), requested=date(2026, 9, 1)),
        row("MU2", 3, status=S.REFUSED, notes="Replaced by MU10"),
        row("AR1", 4, fee_quoted=Money(125050), reply_by=date(2026, 12, 3)),
    )
    doc, _ = build(prod)
    c = ctx(doc)
    assert [r.id for r in c.rows] == ["AR1", "MU2", "MU10"]
    ar1, _, mu10 = c.rows
    assert (ar1.status, ar1.fee_quoted, ar1.reply_by) == ("To request", "£1,250.50", "03/12/2026")
    assert (mu10.fee_agreed, mu10.requested, mu10.holder) == (
        "£3,000.00",
        "01/09/2026",
        "Severn Film Archive Trust",
    )
    assert doc.stem == "clearance-log_the-salt-road_2026-11-29"
    assert doc.formats == ("docx", "pdf", "xlsx")
    assert c.item_count == "3 items"


def test_totals_are_exact_to_the_penny() -> None:
    """Pence add exactly: 10p + 20p is 30p, three £333.33 are £999.99; refusals cost nothing."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(10)),
        row("A2", 3, status=S.LICENSED, fee_agreed=Money(20)),
        row("S1", 4, type=T.STILL, status=S.QUOTED, fee_quoted=Money(33333)),
        row("S2", 5, type=T.STILL, status=S.REQUESTED, fee_quoted=Money(33333)),
        row("S3", 6, type=T.STILL, fee_quoted=Money(33333)),
        row("R1", 7, status=S.REFUSED, fee_quoted=Money(99900), notes="replaced by A1"),
        row("R2", 8, status=S.REPLACED, fee_agreed=Money(50000)),
        row("Q1", 9, status=S.AGREED, fee_quoted=Money(70000), fee_agreed=Money(65000)),
    )
    doc, _ = build(prod, today=TODAY)
    c = ctx(doc)
    status = {t.label: (t.count, t.agreed, t.quoted, t.total) for t in c.by_status}
    assert status["Agreed"] == ("2", "£650.10", "£0.00", "£650.10")
    assert status["Licensed"] == ("1", "£0.20", "£0.00", "£0.20")
    assert status["Quoted"] == ("1", "£0.00", "£333.33", "£333.33")
    assert status["Refused"] == ("1", "£0.00", "£0.00", "£0.00")
    assert status["Replaced"] == ("1", "£0.00", "£0.00", "£0.00")
    types = {t.label: (t.count, t.agreed, t.quoted) for t in c.by_type}
    assert types == {
        "Archive footage": ("5", "£650.30", "£0.00"),
        "Still": ("3", "£0.00", "£999.99"),
    }
    g = c.grand_total
    assert (g.count, g.agreed, g.quoted, g.total) == ("8", "£650.30", "£999.99", "£1,650.29")


def test_agreed_over_budget_is_a_located_warning_and_shown_first() -> None:
    """Agreed fees past budget: clearances-over-budget at the manifest, and a visible warning."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(1_000_000)),
        row("A2", 3, status=S.LICENSED, fee_agreed=Money(900_001)),
        row("A3", 4),
        budget=(("clearances", Money(1_850_000)),),
    )
    doc, d = build(prod)
    c = ctx(doc)
    assert found(d, "clearances-over-budget") == [("warning", "production.yaml")]
    assert c.over_budget is True
    assert c.warnings[0] == (
        "Over budget: agreed fees of £19,000.01 exceed the clearances budget of £18,500.00 "
        "by £500.01."
    )
    assert {b.label: b.value for b in c.budget}["Over budget by"] == "£500.01"


def test_open_quotes_that_would_break_the_budget_are_an_exposure_warning() -> None:
    """Agreed within budget but agreed + open quotes beyond it: exposure warning, not over."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(1_000_000)),
        row("A2", 3, status=S.QUOTED, fee_quoted=Money(900_000)),
        budget=(("clearances", Money(1_850_000)),),
    )
    doc, d = build(prod)
    assert d.codes() == ["clearances-exposure-over-budget"]
    budget = {b.label: b.value for b in ctx(doc).budget}
    assert budget["Remaining"] == "£8,500.00"
    assert budget["Over budget by, if all open fees are agreed"] == "£500.00"
    assert ctx(doc).over_budget is False


def test_within_budget_and_no_budget_line() -> None:
    """Within budget: no diagnostics. No budget line: an info and 'Not set'."""
    within = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(100)),
        budget=(("clearances", Money(100)),),
    )
    doc, d = build(within)
    assert list(d) == [] and ctx(doc).warnings == ()
    doc, d = build(production(row("A1", 2)))
    assert found(d, "no-clearances-budget") == [("info", "production.yaml")]
    assert ctx(doc).budget[0].value == "Not set"


def test_expiring_and_expired_licences_are_located() -> None:
    """Expiry within 90 days warns licence-expiring; before today, licence-expired."""
    prod = production(
        row("A1", 2, status=S.LICENSED, licence_expiry=TODAY + timedelta(days=90)),
        row("A2", 3, status=S.LICENSED, licence_expiry=TODAY + timedelta(days=91)),
        row("A3", 4, status=S.LICENSED, licence_expiry=TODAY - timedelta(days=1)),
        row("A4", 5, status=S.AGREED, licence_expiry=TODAY),
        row("A5", 6, status=S.REPLACED, licence_expiry=TODAY - timedelta(days=30)),
    )
    doc, d = build(prod)
    assert found(d, "licence-expiring") == [
        ("warning", "clearances.csv:2"),
        ("warning", "clearances.csv:5"),
    ]
    assert found(d, "licence-expired") == [("warning", "clearances.csv:4")]
    flags = {r.id: (r.flag, r.css) for r in ctx(doc).rows}
    assert flags["A1"] == ("Licence expires in 90 days", "expiring")
    assert flags["A2"] == ("", "")
    assert flags["A3"] == ("Licence expired 28/11/2026", "expired")
    assert flags["A4"] == ("Licence expires today", "expiring")
    assert flags["A5"] == ("", "")


def test_refused_without_a_replacement_in_the_notes_is_flagged() -> None:
    """A refusal must name its replacement in the notes, or it is flagged."""
    prod = production(
        row("A1", 2, status=S.REFUSED, notes="Writer declined."),
        row("A2", 3, status=S.REFUSED, notes="Replaced by A3"),
        row("A3", 4, status=S.REQUESTED, reply_by=TODAY - timedelta(days=3)),
    )
    doc, d = build(prod)
    assert found(d, "refused-no-replacement") == [("warning", "clearances.csv:2")]
    flags = {r.id: r.flag for r in ctx(doc).rows}
    assert flags["A1"] == "Refused: no replacement noted"
    assert flags["A3"] == "Reply overdue since 26/11/2026: chase"


def test_a_fee_in_another_currency_is_shown_but_not_summed() -> None:
    """A euro fee in a sterling production is reported and left out of the totals."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(40000, "EUR")),
        row("A2", 3, status=S.AGREED, fee_agreed=Money(34500)),
    )
    doc, d = build(prod)
    assert found(d, "mixed-currency") == [("warning", "clearances.csv:2")]
    assert ctx(doc).rows[0].fee_agreed == "€400.00"
    assert ctx(doc).grand_total.agreed == "£345.00"


def test_sheets_carry_numbers_for_the_spreadsheet() -> None:
    """Clearances and Totals sheets: a row per item, fees as pounds, budget lines at the end."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_agreed=Money(125050)),
        row("A2", 3),
        budget=(("clearances", Money(200000)),),
    )
    doc, _ = build(prod)
    clearances, totals = doc.sheets
    assert (clearances.name, totals.name) == ("Clearances", "Totals")
    col = clearances.header.index("Fee agreed (GBP)")
    assert [r[col] for r in clearances.rows] == [1250.5, ""]
    assert all(len(r) == len(clearances.header) for r in clearances.rows)
    assert totals.rows[-5:][0] == ("Budget", "Clearances budget", "", "", "", 2000.0)
    assert ("All", "All items", 2, 1250.5, 0.0, 1250.5) in totals.rows


def test_same_input_in_any_row_order_gives_an_equal_log() -> None:
    """Deterministic: shuffling the log's rows changes nothing in the document."""
    rows = [
        row("B1", 2, status=S.AGREED, fee_agreed=Money(100), licence_expiry=TODAY),
        row("A1", 3, status=S.REFUSED),
        row("A2", 4, fee_quoted=Money(999)),
    ]
    budget = (("clearances", Money(500)),)
    first, d1 = build(production(*rows, budget=budget))
    again, d2 = build(production(*reversed(rows), budget=budget))
    assert first == again
    assert sorted(map(str, d1)) == sorted(map(str, d2))


def test_log_renders_the_same_escaped_facts_in_pdf_and_docx() -> None:
    """&, <, quotes and é ł 日本 survive both renderers, with ids, fees and warnings in each."""
    prod = production(
        row(
            "AR1",
            2,
            holder=NASTY_HOLDER,
            status=S.LICENSED,
            description="Rock & roll <live> at the “Café Łódź” 日本",
            fee_agreed=Money(1_900_001),
            licence_expiry=date(2027, 1, 31),
        ),
        row("AR2", 3, holder=NASTY_HOLDER, description='Tom & Jerry say "hi" <b>'),
        budget=(("clearances", Money(1_850_000)),),
    )
    doc, _ = build(prod)
    pdf, docx = render_pdf_and_docx(doc)
    facts = [
        "Clearance log: The Salt Road",
        'Smith & Jones <Archive> "Ltd"',
        "AR1",
        "AR2",
        "Rock & roll <live> at the “Café Łódź” 日本",
        'Tom & Jerry say "hi" <b>',
        "£19,000.01",
        "£18,500.00",
        "£500.01",
        "31/01/2027",
        "Licence expires in 63 days",
        "Over budget: agreed fees of £19,000.01",
    ]
    for fact in facts:
        assert fact in pdf, f"PDF lacks {fact!r}"
        assert fact in docx, f"DOCX lacks {fact!r}"


def test_demo_production_reads_and_builds_cleanly(demo: Path) -> None:
    """The demo log reads without errors: nine letters, one of four items, known warnings."""
    from paperwork.builders import clearance_letter
    from paperwork.readers.production import read_production

    if not (demo / "production.yaml").is_file():
        pytest.skip("the demo production.yaml is not there yet")
    d = Diagnostics()
    prod = read_production(demo, d)
    assert prod is not None and not d.has_errors, [str(x) for x in d]
    assert len(prod.clearances) == 30
    assert {c.status for c in prod.clearances} == set(ClearanceStatus)
    assert {c.type for c in prod.clearances} == set(ClearanceType)
    letters = clearance_letter.build(BuildJob(prod, TODAY, d))
    sizes = sorted(len(doc.context["material"]) for doc in letters)  # type: ignore[arg-type]
    assert sizes == [1, 1, 1, 1, 1, 1, 2, 2, 4]
    _, log_diagnostics = build(prod)
    d.extend(log_diagnostics)
    assert sorted(set(d.codes())) == [
        "clearances-exposure-over-budget",
        "incomplete-request",
        "licence-does-not-cover",
        "licence-expired",
        "licence-expiring",
        "music-master-sync-pair",
        "refused-no-replacement",
    ]


def test_log_templates_use_only_context_fields() -> None:
    """Every name in both log templates is a LogContext field."""
    import dataclasses

    from .test_clearance_letter import template_variables

    fields = {f.name for f in dataclasses.fields(LogContext)}
    html, docx = template_variables("clearance_log")
    assert html <= fields, html - fields
    assert docx <= fields, docx - fields
    assert {"rows", "warnings", "budget", "by_status", "by_type"} <= html & docx


# --- Rights, coverage of the distribution, quoted vs offered ----------------------------------

DIST = Distribution(Pos("production.yaml", 40), ("TV", "SVOD", "AVOD"), ("Worldwide",), "10 years")
TX = DeliverySettings(Pos("production.yaml", 50), tx=date(2027, 7, 2))


def located(ident: str, line: int, **kw: object) -> Clearance:
    """A row that remembers its media, territory, term and licence expiry cells."""
    cells = tuple(
        (name, Pos("clearances.csv", line, field=name))
        for name in ("media", "territory", "term", "licence_expiry")
    )
    return row(ident, line, cells=cells, **kw)


def test_log_rows_show_media_territory_and_term_in_pdf_and_docx() -> None:
    """Each row's media, territory and term, as read, appear in the row and both renderings."""
    use = IntendedUse("TV, SVOD and festivals", "UK and Ireland", "2 years")
    doc, _ = build(production(row("AR5", 2, use=use)))
    (r,) = ctx(doc).rows
    assert (r.media, r.territory, r.term) == ("TV, SVOD and festivals", "UK and Ireland", "2 years")
    pdf, docx = render_pdf_and_docx(doc)
    for text in (pdf, docx):
        assert "Media · territory · term" in text
        assert "TV, SVOD and festivals" in text and "UK and Ireland" in text and "2 years" in text
        assert "Offered" in text


def test_a_licence_short_of_the_distribution_is_located_at_each_cell() -> None:
    """Narrow media, territory and a term ending before TX + 10 years: one warning each."""
    narrow = IntendedUse("TV, SVOD and festivals", "UK and Ireland", "2 years")
    prod = production(
        located("AR5", 2, status=S.LICENSED, use=narrow, fee_agreed=Money(100)),
        located("AR6", 3, status=S.AGREED, use=FULL_USE, fee_agreed=Money(100)),
        located("AR7", 4, status=S.LICENSED, use=FULL_USE, licence_expiry=date(2030, 1, 1)),
        located("AR8", 5, use=narrow),  # to request: nothing licensed yet, nothing to check
        located(
            "AR9", 6, status=S.LICENSED, use=IntendedUse("Online teaser only", "World", "6 months")
        ),
        located(
            "AR10",
            7,
            status=S.LICENSED,
            use=IntendedUse("All TV and online media", "Worldwide", "10 years from first TX"),
        ),
        distribution=DIST,
        delivery=TX,
    )
    doc, d = build(prod, today=date(2026, 1, 1))
    assert found(d, "licence-does-not-cover") == [
        ("warning", "clearances.csv:2:media"),
        ("warning", "clearances.csv:2:territory"),
        ("warning", "clearances.csv:2:term"),
        ("warning", "clearances.csv:4:licence_expiry"),
        ("warning", "clearances.csv:6:media"),
        ("warning", "clearances.csv:6:term"),
    ]
    rows = {r.id: r for r in ctx(doc).rows}
    assert rows["AR5"].flag == (
        "Licence does not cover: media lacks AVOD; territory UK and Ireland, not worldwide; "
        "term ends 02/07/2029, before 02/07/2037"
    )
    assert rows["AR5"].css == "expired"
    assert rows["AR6"].flag == rows["AR8"].flag == rows["AR10"].flag == ""
    assert any(w.startswith("Licence does not cover the distribution") for w in ctx(doc).warnings)


def test_no_distribution_section_checks_no_coverage() -> None:
    """Without distribution: in the manifest there is nothing to compare a licence with."""
    narrow = IntendedUse("TV", "UK", "1 year")
    doc, d = build(production(located("AR5", 2, status=S.LICENSED, use=narrow), delivery=TX))
    assert found(d, "licence-does-not-cover") == []


def test_term_end_counts_years_months_and_perpetuity() -> None:
    """'2 years' from 29 Feb lands on 28 Feb; perpetuity never ends; no length is None."""
    start = date(2028, 2, 29)
    assert clearance_log.term_end("2 years from first TX", start) == date(2030, 2, 28)
    assert clearance_log.term_end("6 months", date(2026, 8, 31)) == date(2027, 2, 28)
    assert clearance_log.term_end("In perpetuity", start) == date.max
    assert clearance_log.term_end("Life of the programme", start) is None


def test_quoted_and_offered_are_kept_apart_and_the_quote_is_what_is_at_risk() -> None:
    """Open items put the holder's quote at risk, else our offer; both show in the row."""
    prod = production(
        row("A1", 2, status=S.QUOTED, fee_quoted=Money(275000), fee_offered=Money(225000)),
        row("A2", 3, fee_offered=Money(125000)),
        row("A3", 4, status=S.AGREED, fee_offered=Money(50000), fee_agreed=Money(60000)),
    )
    doc, _ = build(prod)
    c = ctx(doc)
    a1 = c.rows[0]
    assert (a1.fee_quoted, a1.fee_offered, a1.fee_agreed) == ("£2,750.00", "£2,250.00", "")
    assert c.grand_total.quoted == "£4,000.00"  # £2,750 quoted + £1,250 offered
    assert c.grand_total.agreed == "£600.00"
    header = doc.sheets[0].header
    assert header[header.index("Fee quoted (GBP)") + 1] == "Fee offered (GBP)"
    assert doc.sheets[0].rows[0][header.index("Fee offered (GBP)")] == 2250.0


def test_demo_reads_offers_salutations_and_flags_the_short_licences(demo: Path) -> None:
    """The demo's fee_offered and salutation columns are read; AR05 and LC01 fall short."""
    from paperwork.builders import clearance_letter
    from paperwork.readers.production import read_production

    d = Diagnostics()
    prod = read_production(demo, d)
    assert prod is not None and prod.distribution is not None
    assert prod.distribution.media == ("TV", "SVOD", "AVOD")
    items = {c.id: c for c in prod.clearances}
    assert items["MU01"].fee_offered == Money(125000) and items["MU01"].fee_quoted is None
    letters = clearance_letter.build(BuildJob(prod, TODAY, d))
    salutes = {doc.context["holder"]: doc.context["salutation"] for doc in letters}
    assert salutes["Harrow & Finch Publishers Ltd"] == "Dear Permissions team,"
    assert salutes["Quayline Ferries Ltd"] == "Dear Sir or Madam,"
    assert salutes["Tidewater Music Publishing Ltd"] == "Dear Imogen Hartley,"
    _, log_d = build(prod)
    assert sorted({str(x.pos) for x in log_d if x.code == "licence-does-not-cover"}) == [
        "clearances.csv:17:licence_expiry",
        "clearances.csv:17:media",
        "clearances.csv:17:territory",
        "clearances.csv:27:licence_expiry",
        "clearances.csv:27:media",
    ]
