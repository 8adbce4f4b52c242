"""Clearance request letters: grouping by holder, selection, validation, and both renderings."""

from __future__ import annotations

import dataclasses
import io
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from paperwork.builders import clearance_letter
from paperwork.builders.base import BuildJob, BuildOptions, BuiltDocument
from paperwork.builders.clearance_letter import LetterContext
from paperwork.errors import Diagnostics
from paperwork.model.clearances import (
    Clearance,
    ClearanceStatus,
    ClearanceType,
    IntendedUse,
    RightsHolder,
)
from paperwork.model.document import ContextMapping
from paperwork.model.production import Production
from paperwork.model.records import Company, Money, Person
from paperwork.model.source import Pos

TODAY = date(2026, 11, 29)
S = ClearanceStatus
T = ClearanceType

ARCHIVE = RightsHolder(
    "Severn Film Archive Trust",
    "Ruth Penhaligon",
    ("The Granary", "Bristol", "BS1 4RR"),
    "footage@severn.example.org",
)
PUBLISHER = RightsHolder("Tidewater Music Ltd", "Imogen Hartley", ("London",), "sync@tide.example")
LABEL = RightsHolder("Gullwing Records Ltd", "Dev Okafor", ("Manchester",), "sync@gull.example")
FULL_USE = IntendedUse("All media", "Worldwide", "Perpetuity", "1", "In-context promo")


def row(
    ident: str,
    line: int,
    *,
    type: ClearanceType = T.ARCHIVE_FOOTAGE,
    status: ClearanceStatus = S.TO_REQUEST,
    holder: RightsHolder = ARCHIVE,
    use: IntendedUse = FULL_USE,
    **kw: object,
) -> Clearance:
    kw.setdefault("description", f"Item {ident}")
    kw.setdefault("identifiers", f"REF-{ident}")
    kw.setdefault("duration", "10s")
    return Clearance(
        id=ident,
        type=type,
        holder=holder,
        use=use,
        status=status,
        pos=Pos("clearances.csv", line),
        **kw,  # type: ignore[arg-type]
    )


def production(*clearances: Clearance, **kw: object) -> Production:
    values: dict[str, object] = {
        "root": Path("/prod"),
        "manifest": Pos("production.yaml"),
        "title": "The Salt Road",
        "company": Company(
            "Harbour Light Pictures Ltd",
            ("Unit 4, Quayside Studios", "12 Wapping Lane", "Bristol BS1 6XX"),
            email="office@harbourlight.example.co.uk",
            phone="0117 496 0123",
            company_number="09876543",
        ),
        "people": (Person("Tom Reddaway", "Production Co-ordinator", "tom@hl.example"),),
        "production_type": "TV drama",
        "commissioner": "Westcountry Television",
        "release": "spring 2027",
        "clearances": clearances,
    }
    values.update(kw)
    return Production(**values)  # type: ignore[arg-type]


def build(
    prod: Production, *, all_rows: bool = False, today: date = TODAY
) -> tuple[tuple[BuiltDocument, ...], Diagnostics]:
    d = Diagnostics()
    docs = clearance_letter.build(BuildJob(prod, today, d, BuildOptions(all_rows)))
    return docs, d


def ctx(doc: BuiltDocument) -> LetterContext:
    assert isinstance(doc.context, LetterContext)
    return doc.context


def found(d: Diagnostics, code: str) -> list[tuple[str, str]]:
    return [(x.severity, str(x.pos)) for x in d if x.code == code]


# --- Grouping and selection ------------------------------------------------------------------


def test_holder_with_four_items_gets_one_letter_with_four_items() -> None:
    """Four rows of one holder make one letter listing all four, in natural id order."""
    prod = production(
        row("AR10", 2),
        row("AR2", 3),
        row("AR1", 4),
        row("AR3", 5),
        row("MU1", 6, type=T.MUSIC_SYNC, holder=PUBLISHER, iswc="T-1"),
    )
    docs, _ = build(prod)
    assert len(docs) == 2
    archive = next(d for d in docs if "severn" in d.stem)
    assert [i.id for i in ctx(archive).material] == ["AR1", "AR2", "AR3", "AR10"]
    assert [i.number for i in ctx(archive).material] == ["1", "2", "3", "4"]
    assert ctx(archive).item_count == "4 items"
    assert ctx(archive).subject == "The Salt Road: request to license 4 items"


def test_sync_and_master_of_one_song_go_to_their_own_holders() -> None:
    """The publisher gets the sync request and the label the master request."""
    prod = production(
        row("MU1", 2, type=T.MUSIC_SYNC, holder=PUBLISHER, description='"Salt Water" (song)'),
        row("MU2", 3, type=T.MUSIC_MASTER, holder=LABEL, description='"Salt Water" by The Gulls'),
    )
    docs, d = build(prod)
    by_holder = {ctx(doc).holder: [(i.id, i.type) for i in ctx(doc).material] for doc in docs}
    assert by_holder == {
        "Tidewater Music Ltd": [("MU1", "Music (sync)")],
        "Gullwing Records Ltd": [("MU2", "Music (master)")],
    }
    assert found(d, "music-master-sync-pair") == []  # the pair is matched by its quoted title


def test_only_rows_that_want_a_letter_unless_all_rows() -> None:
    """Default: 'to request' rows only; --all writes every row into the letters."""
    rows = [row(f"AR{n}", n + 1, status=s) for n, s in enumerate(ClearanceStatus, start=1)]
    docs, _ = build(production(*rows))
    assert [i.id for i in ctx(docs[0]).material] == ["AR1"]
    docs, _ = build(production(*rows), all_rows=True)
    assert [i.id for i in ctx(docs[0]).material] == [f"AR{n}" for n in range(1, 8)]


def test_nothing_to_request_writes_no_letters_and_says_so() -> None:
    """With no 'to request' row there are no letters, and an info points at --all."""
    docs, d = build(production(row("AR1", 2, status=S.LICENSED)))
    assert docs == ()
    assert d.codes() == ["no-letters"]


def test_holder_key_ignores_case_spacing_punctuation_and_limited() -> None:
    """'Tidewater Music Ltd' and 'tidewater  music limited.' with one email are one holder."""
    a = PUBLISHER
    b = RightsHolder("tidewater  music limited.", "", (), "SYNC@tide.example")
    c = RightsHolder("Tidewater Music Ltd", "", (), "")  # no email: joins the emailed group
    docs, _ = build(
        production(row("MU1", 2, holder=a), row("MU2", 3, holder=b), row("MU3", 4, holder=c))
    )
    assert len(docs) == 1
    assert [i.id for i in ctx(docs[0]).material] == ["MU1", "MU2", "MU3"]
    assert ctx(docs[0]).holder == "Tidewater Music Ltd"  # as first spelled in the log


def test_stems_are_safe_unique_and_deterministic() -> None:
    """Same company with two emails: two letters, stems disambiguated the same way each run."""
    one = RightsHolder("Sony/ATV Music (UK)", "A", ("x",), "a@example.com")
    two = RightsHolder("Sony/ATV Music (UK)", "B", ("x",), "b@example.com")
    evil = RightsHolder("../../etc/passwd", "C", ("x",), "c@example.com")
    prod = production(row("A1", 2, holder=one), row("A2", 3, holder=two), row("A3", 4, holder=evil))
    docs, _ = build(prod)
    stems = [d.stem for d in docs]
    assert stems == [
        "clearance-request_etc-passwd_2026-11-29",
        "clearance-request_sony-atv-music-uk_2026-11-29",
        "clearance-request_sony-atv-music-uk-2_2026-11-29",
    ]
    assert all(re.fullmatch(r"[a-z0-9_-]+", s) for s in stems)
    assert [d.stem for d in build(prod)[0]] == stems


def test_same_input_twice_and_in_any_row_order_gives_equal_letters() -> None:
    """Building is deterministic: equal documents for equal input, whatever the row order."""
    rows = [
        row("AR1", 2),
        row("AR2", 3, reply_by=date(2026, 12, 20)),
        row("MU1", 4, type=T.MUSIC_SYNC, holder=PUBLISHER, iswc="T-1"),
        row("MU2", 5, type=T.MUSIC_MASTER, holder=LABEL, isrc="GB-X"),
    ]
    first, _ = build(production(*rows))
    again, _ = build(production(*rows))
    reversed_, _ = build(production(*reversed(rows)))
    assert first == again == reversed_


# --- The letter's facts -------------------------------------------------------------------------


def test_stem_title_ref_date_and_addressee() -> None:
    """Stem, title, our ref (production/CLR/first item), long date and the address block."""
    (doc,), _ = build(production(row("AR7", 2), row("AR3", 3)))
    c = ctx(doc)
    assert doc.stem == "clearance-request_severn-film-archive-trust_2026-11-29"
    assert doc.title == "Clearance request: Severn Film Archive Trust"
    assert doc.kind == "clearance-letters" and doc.template == "clearance_letter"
    assert c.our_ref == "THE-SALT-ROAD/CLR/AR3"
    assert c.date == "29 November 2026"
    assert c.addressee == (
        "Ruth Penhaligon",
        "Severn Film Archive Trust",
        "The Granary",
        "Bristol",
        "BS1 4RR",
    )
    assert c.salutation == "Dear Ruth Penhaligon,"
    assert c.intro.startswith(
        "We are producing The Salt Road, a TV drama for Westcountry Television. "
        "Intended release: spring 2027."
    )
    assert c.letterhead.registration_line == "Registered in England and Wales no.\u00a009876543"


def test_no_contact_is_sir_or_madam_and_an_individual_is_named_once() -> None:
    """No contact name: 'Dear Sir or Madam,'; contact = company: one name line."""
    nobody = RightsHolder("Kestrel Photo Agency", "", ("Cardiff",), "desk@kestrel.example")
    person = RightsHolder("Marisol Ortega", "Marisol Ortega", ("Cádiz", "Spain"), "")
    docs, _ = build(production(row("ST1", 2, holder=nobody), row("ST2", 3, holder=person)))
    by_holder = {ctx(d).holder: ctx(d) for d in docs}
    assert by_holder["Kestrel Photo Agency"].salutation == "Dear Sir or Madam,"
    assert by_holder["Marisol Ortega"].addressee == ("Marisol Ortega", "Cádiz", "Spain")


def test_reply_by_is_earliest_future_date_else_fourteen_days() -> None:
    """The earliest reply-by not yet past; a past one is reported; none means today + 14."""
    prod = production(
        row("AR1", 2, reply_by=date(2026, 12, 20)),
        row("AR2", 3, reply_by=date(2026, 12, 11)),
        row("AR3", 4, reply_by=date(2026, 11, 1)),
        row("MU1", 5, type=T.MUSIC_SYNC, holder=PUBLISHER, iswc="T-1"),
    )
    docs, d = build(prod)
    by_holder = {ctx(doc).holder: ctx(doc) for doc in docs}
    assert by_holder["Severn Film Archive Trust"].reply_by == "11 December 2026"
    assert by_holder["Tidewater Music Ltd"].reply_by == "13 December 2026"
    assert found(d, "reply-by-passed") == [("warning", "clearances.csv:4")]
    assert clearance_letter.reply_by_date([], TODAY) == TODAY + timedelta(days=14)


def test_identifiers_line_holds_only_what_is_there() -> None:
    """ISRC, ISWC, catalogue number, timecodes and duration, in that order, when present."""
    item = row(
        "MU1",
        2,
        type=T.MUSIC_MASTER,
        isrc="GB-GWR-98-00123",
        iswc="T-917.204.551-3",
        identifiers="GWR-CD-0412",
        timecode_in="10:03:12:04",
        timecode_out="10:04:02:18",
        duration="0'50\"",
    )
    assert clearance_letter.identifiers_line(item) == (
        "ISRC GB-GWR-98-00123 · ISWC T-917.204.551-3 · Cat. no. GWR-CD-0412 · "
        "TC 10:03:12:04–10:04:02:18 · Duration 0'50\""
    )
    bare = row("ST1", 2, type=T.STILL, identifiers="", duration="")
    assert clearance_letter.identifiers_line(bare) == ""


def test_fee_label_follows_what_is_known() -> None:
    """Agreed beats our offer, which beats the holder's quote; with none, 'Please quote'."""
    prod = production(
        row("A1", 2, status=S.AGREED, fee_quoted=Money(90000), fee_agreed=Money(80000)),
        row("A2", 3, status=S.QUOTED, fee_quoted=Money(125050)),
        row("A3", 4, fee_offered=Money(50000)),
        row("A4", 5),
        row("A5", 6, status=S.QUOTED, fee_quoted=Money(275000), fee_offered=Money(225000)),
    )
    (doc,), _ = build(prod, all_rows=True)
    items = ctx(doc).material
    fees = [(i.fee_label, i.fee) for i in items]
    assert fees == [
        ("Fee agreed", "£800.00"),
        ("Fee quoted", "£1,250.50"),
        ("Fee offered", "£500.00"),
        ("Fee", "Please quote"),
        ("Fee offered", "£2,250.00"),
    ]
    details = {(d.label, d.value) for d in items[4].details}
    assert {("Your quote", "£2,750.00"), ("Fee offered", "£2,250.00")} <= details


def test_shared_terms_print_once_and_differing_terms_per_item() -> None:
    """Terms every item shares go under 'Rights sought'; differing ones stay with the item."""
    uk = dataclasses.replace(FULL_USE, territory="UK", promo="No")
    (doc,), _ = build(production(row("AR1", 2), row("AR2", 3, use=uk)))
    c = ctx(doc)
    rights = {r.label: r.value for r in c.rights_sought}
    assert rights["Media"] == "All media" and rights["Term"] == "Perpetuity"
    assert rights["Territory"] == "As set out against each item above"
    first = {x.label: x.value for x in c.material[0].details}
    second = {x.label: x.value for x in c.material[1].details}
    assert "Media" not in first and first["Territory"] == "Worldwide"
    assert second["Territory"] == "UK"


def test_manifest_terms_fill_empty_use() -> None:
    """A row's empty media/territory/term take the manifest's clearance terms."""
    terms = IntendedUse("All media", "Worldwide", "10 years")
    (doc,), d = build(production(row("AR1", 2, use=IntendedUse()), clearance_terms=terms))
    assert {r.label: r.value for r in ctx(doc).rights_sought}["Term"] == "10 years"
    assert found(d, "incomplete-request") == []


def test_credit_wording_shared_or_per_item_or_asked_for() -> None:
    """One credit for all items is quoted in the letter; none means we ask for it."""
    (same,), _ = build(
        production(row("A1", 2, credit="Courtesy of SFA"), row("A2", 3, credit="Courtesy of SFA"))
    )
    assert "“Courtesy of SFA”" in ctx(same).credit
    (none,), _ = build(production(row("A1", 2)))
    assert ctx(none).credit.startswith("Please tell us the on-screen credit")


# --- Validation -----------------------------------------------------------------------------


def test_incomplete_request_is_located_and_lists_what_is_missing() -> None:
    """Missing identifiers, duration, territory and term are one warning at the row."""
    gappy = IntendedUse(media="All media")
    prod = production(
        row("AR1", 2),
        row("AR2", 3, identifiers="", duration="", use=gappy),
    )
    _, d = build(prod)
    (diag,) = [x for x in d if x.code == "incomplete-request"]
    assert (diag.severity, str(diag.pos)) == ("warning", "clearances.csv:3")
    for word in ("identifiers", "duration", "territory", "term"):
        assert word in diag.message


def test_a_still_needs_no_duration_but_footage_does() -> None:
    """Duration (or timecodes in and out) is required for music and footage only."""
    prod = production(
        row("ST1", 2, type=T.STILL, duration=""),
        row("AR1", 3, duration="", timecode_in="01:00:00:00"),
        row("AR2", 4, duration="", timecode_in="01:00:00:00", timecode_out="01:00:10:00"),
    )
    _, d = build(prod)
    assert found(d, "incomplete-request") == [("warning", "clearances.csv:3")]


def test_holder_with_neither_email_nor_address_is_unreachable() -> None:
    """No email and no postal address: warning at the holder's first item."""
    lost = RightsHolder("Nobody Knows Ltd", "X")
    post = RightsHolder("By Post Only Ltd", "Y", ("1 High St",))
    _, d = build(
        production(row("B2", 3, holder=lost), row("B1", 2, holder=lost), row("C1", 4, holder=post))
    )
    assert found(d, "holder-unreachable") == [("warning", "clearances.csv:2")]


def test_master_without_sync_warns_and_sync_without_master_informs() -> None:
    """Every recording needs its composition cleared; a re-record needs no label."""
    prod = production(
        row("MU1", 2, type=T.MUSIC_MASTER, holder=LABEL, description='"Cold Front" by Pearl'),
        row("MU2", 3, type=T.MUSIC_SYNC, holder=PUBLISHER, description="Nine Knots - song"),
        row("MU3", 4, type=T.MUSIC_SYNC, holder=PUBLISHER, description="'Lantern' (Tally)"),
        row(
            "MU4",
            5,
            type=T.MUSIC_MASTER,
            holder=LABEL,
            description="Lantern, single 2003",
            status=S.LICENSED,
        ),
    )
    _, d = build(prod)
    assert found(d, "music-master-sync-pair") == [
        ("warning", "clearances.csv:2"),
        ("info", "clearances.csv:3"),
    ]


def test_signatory_is_the_coordinator_else_the_office_else_warned() -> None:
    """The co-ordinator signs; failing that the first office contact; failing that a warning."""
    (doc,), d = build(production(row("A1", 2)))
    assert (ctx(doc).signatory_name, ctx(doc).signatory_role) == (
        "Tom Reddaway",
        "Production Co-ordinator",
    )
    office = (Person("Production office", "", "office@hl.example", "0117 496 0123"),)
    (doc,), d = build(production(row("A1", 2), people=(), office=office))
    assert ctx(doc).signatory_name == "Production office"
    assert "no-signatory" not in d.codes()
    (doc,), d = build(production(row("A1", 2), people=()))
    assert ctx(doc).signatory_name == ""
    assert found(d, "no-signatory") == [("warning", "production.yaml")]


def test_a_complete_batch_raises_nothing() -> None:
    """A tidy log gives letters and no diagnostics at all."""
    prod = production(
        row("MU1", 2, type=T.MUSIC_SYNC, holder=PUBLISHER, description='"Salt Water" (song)'),
        row("MU2", 3, type=T.MUSIC_MASTER, holder=LABEL, description='"Salt Water" recording'),
        row("AR1", 4, reply_by=date(2026, 12, 5)),
    )
    docs, d = build(prod)
    assert len(docs) == 3 and list(d) == []


# --- The context as a mapping ---------------------------------------------------------------


def test_context_is_a_mapping_of_its_top_level_fields() -> None:
    """Renderers can pass **context: the keys are the dataclass's field names."""
    (doc,), _ = build(production(row("A1", 2)))
    c = ctx(doc)
    assert list(c) == [f.name for f in dataclasses.fields(c)]
    assert dict(c)["material"] is c.material
    with pytest.raises(KeyError):
        c["nope"]


def test_a_context_field_may_not_shadow_the_mapping_methods() -> None:
    """A field named 'items' would hide Mapping.items(): refused when the class is made."""
    with pytest.raises(TypeError, match="reserved"):

        @dataclasses.dataclass(frozen=True, slots=True)
        class Bad(ContextMapping):
            items: tuple[str, ...]


# --- Rendering: the same facts, escaped, in the PDF and the DOCX ----------------------------

NASTY_HOLDER = RightsHolder(
    'Smith & Jones <Archive> "Ltd"',
    "Zoë Łukasiewicz",
    ("Rue de l'Église 3", "Kraków & <Łódź>"),
    "zoe@smith-jones.example.com",
)


def render_pdf_and_docx(doc: BuiltDocument) -> tuple[str, str]:
    """The document's text as the shared renderers write it: (PDF via pypdf, DOCX)."""
    from docx import Document
    from docx.oxml.ns import qn
    from pypdf import PdfReader
    from pypdf.generic import NameObject

    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    templates = TemplateSet([templates_dir()])
    batch = render_pdfs([doc], templates, [templates_dir()])
    reader = PdfReader(io.BytesIO(batch.pdfs[0]))
    for page in reader.pages:
        # WeasyPrint writes a font's /Encoding as an embedded CMap when a glyph is missing
        # (日本 without a CJK font); its codes are still glyph ids, which pypdf reads
        # correctly as Identity-H. The /ToUnicode map, which poppler uses, is untouched.
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if not isinstance(font.get("/Encoding"), NameObject | type(None)):
                font[NameObject("/Encoding")] = NameObject("/Identity-H")
    pdf = " ".join(page.extract_text() for page in reader.pages)
    document = Document(io.BytesIO(render_docx(doc, templates)))
    parts = [document.element.body]
    for s in document.sections:
        parts += [s.first_page_header._element, s.header._element, s.footer._element]
    docx = " ".join(
        "".join(t.text or "" for t in p.iter(qn("w:t")))
        for part in parts
        for p in part.iter(qn("w:p"))
    )
    return " ".join(pdf.split()), " ".join(docx.split())


def test_letter_renders_the_same_escaped_facts_in_pdf_and_docx() -> None:
    """&, <, quotes and é ł 日本 survive both renderers, with every key fact in each."""
    prod = production(
        row(
            "AR1",
            2,
            holder=NASTY_HOLDER,
            description="Rock & roll <live> at the “Café Łódź” 日本",
            fee_quoted=Money(125000),
            reply_by=date(2026, 12, 11),
        ),
        row("AR2", 3, holder=NASTY_HOLDER, description='Tom & Jerry say "hi" <b>'),
    )
    (doc,), _ = build(prod)
    pdf, docx = render_pdf_and_docx(doc)
    facts = [
        'Smith & Jones <Archive> "Ltd"',
        "Dear Zoë Łukasiewicz,",
        "Kraków & <Łódź>",
        "AR1",
        "AR2",
        "Rock & roll <live> at the “Café Łódź” 日本",
        'Tom & Jerry say "hi" <b>',
        "11 December 2026",
        "£1,250.00",
        "THE-SALT-ROAD/CLR/AR1",
        "Harbour Light Pictures Ltd",
        "Tom Reddaway",
    ]
    for fact in facts:
        assert fact in pdf, f"PDF lacks {fact!r}"
        assert fact in docx, f"DOCX lacks {fact!r}"


def template_variables(stem: str) -> tuple[set[str], set[str]]:
    """The top-level names the HTML and the DOCX template of ``stem`` use."""
    from docxtpl import DocxTemplate
    from jinja2 import Environment, meta

    from paperwork.resources import templates_dir

    html = (templates_dir() / f"{stem}.html").read_text(encoding="utf-8")
    html_names = meta.find_undeclared_variables(Environment().parse(html))
    docx = DocxTemplate(str(templates_dir() / f"{stem}.docx"))
    return set(html_names), set(docx.get_undeclared_template_variables())


def test_letter_templates_use_only_context_fields() -> None:
    """Every name in both templates, taken branch or not, is a LetterContext field."""
    fields = {f.name for f in dataclasses.fields(LetterContext)}
    html, docx = template_variables("clearance_letter")
    assert html <= fields, html - fields
    assert docx <= fields, docx - fields
    assert {"logo", "material", "reply_by", "signatory_name"} <= html & docx


def test_logo_appears_in_the_pdf_and_the_docx_letterhead(tmp_path: Path) -> None:
    """A logo path becomes an image in the PDF and an InlineImage in the first-page header."""
    import struct
    import zlib

    from docx import Document
    from docx.oxml.ns import qn
    from pypdf import PdfReader

    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    pixels = zlib.compress(b"".join(b"\x00" + b"\x1f\x3a\x5f" * 8 for _ in range(4)))
    logo = tmp_path / "logo.png"
    logo.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 8, 4, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
    company = dataclasses.replace(production().company, logo=logo)
    (doc,), _ = build(production(row("A1", 2), company=company, root=tmp_path))
    assert ctx(doc).logo == str(logo)
    templates = TemplateSet([templates_dir()])
    batch = render_pdfs([doc], templates, [templates_dir(), tmp_path])
    assert batch.refused == ()
    first_page = PdfReader(io.BytesIO(batch.pdfs[0])).pages[0]
    assert len(first_page.images) == 1
    document = Document(io.BytesIO(render_docx(doc, templates, logo=logo)))
    header = document.sections[0].first_page_header._element
    assert len(list(header.iter(qn("w:drawing")))) == 1


# --- Salutation, footer and sign-off, unbroken numbers ---------------------------------------


@pytest.mark.parametrize(
    ("contact", "explicit", "expected"),
    [
        ("Jane Smith", "", "Dear Jane Smith,"),
        ("Ms J. Smith", "", "Dear Ms Smith,"),
        ("Revd Alison Moyle", "", "Dear Revd Moyle,"),
        ("Zoë Łukasiewicz", "", "Dear Zoë Łukasiewicz,"),
        ("Press Office", "", "Dear Sir or Madam,"),
        ("Permissions Department", "", "Dear Sir or Madam,"),
        ("Licensing", "", "Dear Sir or Madam,"),
        ("Rights Department", "", "Dear Sir or Madam,"),
        ("clip sales", "", "Dear Sir or Madam,"),
        ("", "", "Dear Sir or Madam,"),
        ("Press Office", "Dear Licensing team,", "Dear Licensing team,"),
        ("Jane Smith", "Dear Jane", "Dear Jane,"),
        ("Jane Smith", "Ms Smith", "Dear Ms Smith,"),
    ],
)
def test_salutation_names_a_person_else_uses_the_business_form(
    contact: str, explicit: str, expected: str
) -> None:
    """A person by name; a department or role, or nobody: 'Sir or Madam'; a cell wins."""
    assert clearance_letter.salutation(contact, explicit) == expected


def test_a_salutation_cell_on_any_row_of_the_holder_wins_in_the_letter() -> None:
    """The letter of a department contact uses the business form unless a row says otherwise."""
    press = RightsHolder("Quayline Ferries Ltd", "Press Office", ("Bristol",), "press@q.example")
    (plain,), _ = build(production(row("LG1", 2, holder=press)))
    assert ctx(plain).salutation == "Dear Sir or Madam,"
    told = production(
        row("LG1", 2, holder=press), row("LG2", 3, holder=press, salutation="Dear Press team")
    )
    (doc,), _ = build(told)
    assert ctx(doc).salutation == "Dear Press team,"


def test_footer_and_sign_off_both_say_subject_to_contract() -> None:
    """A request is subject to contract: no 'Agreed and accepted' block, in PDF and DOCX."""
    (doc,), _ = build(production(row("AR1", 2)))
    c = ctx(doc)
    assert c.footer_note.startswith("Subject to contract · Harbour Light Pictures Ltd")
    pdf, docx = render_pdf_and_docx(doc)
    for text in (pdf, docx):
        assert "Agreed and accepted" not in text
        assert "Confirmation of terms, subject to contract" in text
        assert "This letter is a request, subject to contract" in text
        assert "licence signed by both parties" in text
        assert text.count("Subject to contract · Harbour Light Pictures Ltd") >= 1


def test_registration_numbers_are_joined_by_no_break_spaces() -> None:
    """'no. 09876543' and 'VAT no. GB 123 4567 89' never split: U+00A0 inside each."""
    company = Company(
        "Harbour Light Pictures Ltd", company_number="SC123456", vat_number="GB 123 4567 89"
    )
    (doc,), _ = build(production(row("AR1", 2), company=company))
    assert ctx(doc).letterhead.registration_line == (
        "Registered in Scotland no.\u00a0SC123456 · VAT\u00a0no.\u00a0GB\u00a0123\u00a04567\u00a089"
    )
    assert ctx(doc).footer_note.endswith("VAT\u00a0no.\u00a0GB\u00a0123\u00a04567\u00a089")


def test_vat_number_stays_on_one_line_of_the_pdf_and_docx_footer(demo: Path) -> None:
    """The demo footer wraps: the whole 'VAT no. GB 123 4567 89' lands on one line."""
    import pdfplumber
    from docx import Document

    from paperwork.readers.production import read_production
    from paperwork.render.docx import render_docx
    from paperwork.render.html_pdf import render_pdfs
    from paperwork.render.templates import TemplateSet
    from paperwork.resources import templates_dir

    prod = read_production(demo, Diagnostics())
    assert prod is not None
    docs, _ = build(prod)
    doc = docs[0]
    templates = TemplateSet([templates_dir()])
    pdf = render_pdfs([doc], templates, [templates_dir()]).pdfs[0]
    with pdfplumber.open(io.BytesIO(pdf)) as book:
        lines = [
            " ".join(line["text"].replace("\u00a0", " ").split())
            for page in book.pages
            for line in page.extract_text_lines()
        ]
    vat = [line for line in lines if "VAT" in line or "4567" in line]
    assert vat and all("VAT no. GB 123 4567 89" in line for line in vat), vat
    footer = Document(io.BytesIO(render_docx(doc, templates))).sections[0].footer
    text = " ".join(p.text for p in footer.paragraphs)
    assert "VAT\u00a0no.\u00a0GB\u00a0123\u00a04567\u00a089" in text
