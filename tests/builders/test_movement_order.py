"""Movement orders and travel itineraries: the demo's France and Spain week, and each check."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from paperwork.builders import movement_order
from paperwork.builders.base import BuildJob, BuiltDocument
from paperwork.errors import Diagnostics
from paperwork.model.production import Production
from paperwork.readers.production import read_production
from paperwork.render.docx import render_docx
from paperwork.render.templates import TemplateSet
from paperwork.resources import templates_dir
from tests.pdf_text import page_texts

TODAY = date(2026, 12, 2)
Row = dict[str, str]


def _read(folder: Path) -> tuple[Production, Diagnostics]:
    d = Diagnostics()
    production = read_production(folder, d)
    assert production is not None, [str(x) for x in d]
    return production, d


def _build(production: Production) -> tuple[tuple[BuiltDocument, ...], Diagnostics]:
    d = Diagnostics()
    docs = movement_order.build(BuildJob(production, TODAY, d))
    return docs, d


def _edit(folder: Path, name: str, edit: Callable[[list[Row]], list[Row]]) -> None:
    path = folder / name
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or ())
        rows = edit(list(reader))
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def trip(demo: Path, tmp_path: Path) -> Path:
    """A copy of the demo production to edit."""
    folder = tmp_path / "production"
    shutil.copytree(demo, folder)
    return folder


@pytest.fixture(scope="module")
def demo_docs(demo: Path) -> dict[str, BuiltDocument]:
    production, d = _read(demo)
    assert not d.has_errors
    docs, found = _build(production)
    assert not list(found), [str(x) for x in found]  # the demo's trip adds up
    return {doc.stem: doc for doc in docs}


def _order(docs: dict[str, BuiltDocument], day: str) -> movement_order.MovementOrderContext:
    context = docs[f"movement-order_{day}_{TODAY.isoformat()}"].context
    assert isinstance(context, movement_order.MovementOrderContext)
    return context


def test_one_order_per_travel_day_and_an_itinerary_per_traveller(
    demo_docs: dict[str, BuiltDocument],
) -> None:
    orders = sorted(s for s in demo_docs if s.startswith("movement-order_"))
    assert orders == [
        f"movement-order_2027-03-{d}_2026-12-02" for d in ("07", "08", "09", "13", "14")
    ]
    itineraries = sorted(s.split("_")[1] for s in demo_docs if s.startswith("itinerary_"))
    assert len(itineraries) == 15 and "sol-adeyemi" in itineraries
    assert "lucia-benavente" in itineraries and "rosa-delgado" in itineraries


def test_the_ferry_night_groups_everyone_and_arrives_next_morning_local(
    demo_docs: dict[str, BuiltDocument],
) -> None:
    order = _order(demo_docs, "2027-03-07")
    assert order.day_label == "Travel day 1 of 5" and order.date == "Sunday 7 March 2027"
    assert [j.departs for j in order.journeys] == [
        "14:00",
        "15:10 local (14:10 UK)",
        "18:00 local (17:00 UK)",
        "20:15",
    ]
    ferry = order.journeys[-1]
    assert ferry.route == "Portsmouth International Port → Saint-Malo ferry terminal, France"
    assert (ferry.mode, ferry.service, ferry.booking) == (
        "Ferry",
        "Brittany Ferries · Bretagne",
        "BF-7734219",
    )
    assert ferry.arrives == "08:15 local (07:15 UK), Mon 8 Mar" and ferry.check_in == "18:45"
    assert len(ferry.travellers) == 14 and ferry.count == "14 travelling"
    assert ("Sol Adeyemi", "1st Assistant Camera") in [(t.name, t.role) for t in ferry.travellers]
    assert ("Nadia Rennick", "Cast: Ana") in [(t.name, t.role) for t in ferry.travellers]
    assert ferry.carnet == "Carnet kit aboard: Tom Reddaway or Sol Adeyemi carries the carnet"
    assert order.time_note.endswith("France is 1 hour ahead of the UK.")
    # Tonight: Lucía at the hotel, everyone else in a cabin.
    (hotel,) = order.hotels
    assert (hotel.hotel, hotel.guests) == ("Hôtel Les Remparts", "Lucía Benavente")
    (aboard,) = order.aboard
    assert aboard.startswith("Overnight aboard Brittany Ferries Bretagne: Aisha Begum")
    assert not order.no_bed


def test_carnet_stamps_at_each_customs_border_and_emergency_numbers_per_country(
    demo_docs: dict[str, BuiltDocument],
) -> None:
    order = _order(demo_docs, "2027-03-07")
    assert order.carnet is not None
    assert order.carnet.carried_by == (
        "Tom Reddaway (Production Co-ordinator); Sol Adeyemi (1st Assistant Camera)"
    )
    assert [s.split(":")[0] for s in order.carnet.stamps] == [
        "Portsmouth International Port",
        "Saint-Malo ferry terminal, France",
    ]
    assert [c.country for c in order.countries] == ["United Kingdom", "Spain", "France"]
    france = order.countries[-1]
    assert france.emergency.startswith("112; 15 (medical")
    assert (france.mission, france.mission_phone) == (
        "British Embassy Paris",
        "+33\u00a01\u00a044\u00a051\u00a031\u00a000",
    )
    # France to Spain is inside the EU's customs territory: no stamp on the 9th.
    ninth = _order(demo_docs, "2027-03-09")
    assert ninth.carnet is not None and ninth.carnet.stamps == ()


def test_a_crossing_back_to_uk_time_and_the_shoot_day_it_falls_on(
    demo_docs: dict[str, BuiltDocument],
) -> None:
    ninth = _order(demo_docs, "2027-03-09")
    caen = next(j for j in ninth.journeys if j.route.startswith("Caen"))
    assert (caen.departs, caen.arrives) == ("16:30 local (15:30 UK)", "21:15")
    eighth = _order(demo_docs, "2027-03-08")
    assert eighth.shoot_note == "Also shoot day 7: see its call sheet"
    assert _order(demo_docs, "2027-03-14").journeys[0].arrives == "10:05"


def test_an_itinerary_lists_every_journey_night_and_own_booking(
    demo_docs: dict[str, BuiltDocument],
) -> None:
    context = demo_docs["itinerary_sol-adeyemi_2026-12-02"].context
    assert isinstance(context, movement_order.ItineraryContext)
    assert context.span == "Sun 7 Mar 2027 to Sun 14 Mar 2027 · 11 journeys · 7 nights away"
    assert [n.bed for n in context.nights] == [
        "Aboard Brittany Ferries Bretagne",
        "Hôtel Les Remparts",
        *["Hotel Bahía Blanca"] * 4,
        "Hôtel Roissy Aérogare",
    ]
    flight = next(j for j in context.journeys if "V7 2218" in j.service)
    assert flight.booking == "VLT-7H2M4H"  # his own reference, not the flight's
    rosa = demo_docs["itinerary_rosa-delgado_2026-12-02"].context
    assert isinstance(rosa, movement_order.ItineraryContext)
    assert rosa.span.endswith("2 nights away")  # home by 23:50 on the 9th


def test_a_summer_trip_keeps_the_one_hour_difference(trip: Path) -> None:
    """In July both clocks are on summer time: Paris is still one hour ahead of London."""

    def july(rows: list[Row]) -> list[Row]:
        row = dict(rows[0], date="2027-07-01", to="Gare du Nord, Paris, France", mode="train")
        row.update(departs="09:01", arrives="12:17", carnet="", notes="")
        row.update(who="Sol Adeyemi", **{"from": "St Pancras International, London"})
        return [row]

    _edit(trip, "travel.csv", july)
    _edit(trip, "accommodation.csv", lambda rows: [])
    production, _ = _read(trip)
    docs, d = _build(production)
    (order, _itinerary) = docs
    assert isinstance(order.context, movement_order.MovementOrderContext)
    (leg,) = order.context.journeys
    assert (leg.departs, leg.arrives) == ("09:01", "12:17 local (11:17 UK)")


def test_a_production_of_day_trips_may_keep_its_accommodation_table_empty(trip: Path) -> None:
    """accommodation.csv with its header and no rows reads as "no hotels", not an error; the
    nights the trips spend away are still checked against it (``no-bed``); another table
    with a header and no rows is still an error."""
    _edit(trip, "accommodation.csv", lambda rows: [])
    production, d = _read(trip)
    assert production.accommodation == ()
    assert "table-empty" not in [x.code for x in d]
    _, built = _build(production)
    assert "no-bed" in [x.code for x in built]  # the demo's week away has nights
    _edit(trip, "risks.csv", lambda rows: [])
    _, d = _read(trip)
    assert ("table-empty", "risks.csv") in _codes(d)


def _codes(d: Diagnostics) -> list[tuple[str, str]]:
    return [(x.code, str(x.pos)) for x in d]


def test_a_night_away_with_no_bed_is_an_error_at_the_leg(trip: Path) -> None:
    def without_cadiz(rows: list[Row]) -> list[Row]:
        return [r for r in rows if r["hotel"] != "Hotel Bahía Blanca"]

    _edit(trip, "accommodation.csv", without_cadiz)
    production, _ = _read(trip)
    docs, d = _build(production)
    no_bed = [x for x in d if x.code == "no-bed"]
    assert len(no_bed) == 13  # 13 people, each once for their 4 nights in Cádiz
    assert {str(x.pos) for x in no_bed} == {"travel.csv:25:to"}  # the minibus to the hotel
    sol = next(x for x in no_bed if x.message.startswith("Sol Adeyemi"))
    assert sol.message == (
        "Sol Adeyemi is away on the nights of Tue 9 Mar 2027 to Fri 12 Mar 2027 (after Hotel "
        "Bahía Blanca, Cádiz) with no accommodation booked"
    )
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-09"))
    assert isinstance(order, movement_order.MovementOrderContext)
    assert "Sol Adeyemi" in order.no_bed and "Lucía Benavente" not in order.no_bed


def _one_way(rows: list[Row]) -> list[Row]:
    """Megan Hale takes the train to Lyon on Friday 12 March and the table has her no return."""
    leg = dict.fromkeys(rows[0], "")
    leg.update(
        who="Megan Hale",
        date="2027-03-12",
        **{"from": "Temple Meads, Bristol", "to": "Lyon Part-Dieu, France"},
        mode="train",
        carrier="Eurostar",
        departs="08:00",
        arrives="14:00",
        passport="checked",
    )
    return [*rows, leg]


def test_a_one_way_trip_abroad_with_no_hotel_has_no_bed(trip: Path) -> None:
    _edit(trip, "travel.csv", _one_way)
    production, _ = _read(trip)
    docs, d = _build(production)
    (found,) = [x for x in d if x.code == "no-bed"]
    assert (found.severity, str(found.pos)) == ("error", "travel.csv:55:to")
    assert found.message.startswith("Megan Hale is away on the night of Fri 12 Mar 2027")
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-12"))
    assert isinstance(order, movement_order.MovementOrderContext)
    assert order.no_bed == ("Megan Hale",)  # not "everyone is home tonight"


def test_a_one_way_trip_lists_the_nights_its_hotel_covers(trip: Path) -> None:
    def hotel(rows: list[Row]) -> list[Row]:
        stay = dict(rows[0], who="Megan Hale", hotel="Hôtel Lyon Gare")
        stay.update(check_in="2027-03-12", check_out="2027-03-15", reference="LG-1")
        return [*rows, stay]

    _edit(trip, "travel.csv", _one_way)
    _edit(trip, "accommodation.csv", hotel)
    production, _ = _read(trip)
    docs, d = _build(production)
    assert not [x for x in d if x.code == "no-bed"]
    megan = next(doc.context for doc in docs if doc.stem.startswith("itinerary_megan-hale"))
    assert isinstance(megan, movement_order.ItineraryContext)
    assert megan.span == "Fri 12 Mar 2027 to Mon 15 Mar 2027 · 1 journey · 3 nights away"
    assert [(n.night, n.bed) for n in megan.nights] == [
        ("Fri 12 Mar", "Hôtel Lyon Gare"),
        ("Sat 13 Mar", "Hôtel Lyon Gare"),
        ("Sun 14 Mar", "Hôtel Lyon Gare"),
    ]


def test_a_flight_home_alone_is_not_a_night_away(trip: Path) -> None:
    """Only Megan Hale's flight back from Paris is in the table: she ends at home, so no
    no-bed error and no nights on her itinerary."""

    def home(rows: list[Row]) -> list[Row]:
        leg = dict(rows[40], who="Megan Hale")  # Tom's AF 1044, Paris to Bristol, 14 March
        return [*rows, leg]

    _edit(trip, "travel.csv", home)
    production, _ = _read(trip)
    docs, d = _build(production)
    assert not [x for x in d if x.code == "no-bed"]
    megan = next(doc.context for doc in docs if doc.stem.startswith("itinerary_megan-hale"))
    assert isinstance(megan, movement_order.ItineraryContext)
    assert megan.span == "Sun 14 Mar 2027 · 1 journey · 0 nights away" and not megan.nights


def test_travel_outside_a_contract_is_flagged_at_the_date(trip: Path) -> None:
    def early_finish(rows: list[Row]) -> list[Row]:
        for r in rows:
            if r["name"] == "Jo Bloggs":
                r["end"] = "2027-03-12"
        return rows

    _edit(trip, "crew.csv", early_finish)
    production, _ = _read(trip)
    _, d = _build(production)
    (found,) = [x for x in d if x.code == "travel-leg-outside-contract"]
    assert (found.severity, str(found.pos)) == ("warning", "travel.csv:26:date")
    assert found.message.startswith(
        "Jo Bloggs travels on Sat 13 Mar 2027, Sun 14 Mar 2027, outside their contract "
        "(Wed 24 Feb 2027 to Fri 12 Mar 2027)"
    )


def test_carnet_kit_with_no_representative_aboard(trip: Path) -> None:
    def reps_stay(rows: list[Row]) -> list[Row]:
        out = []
        for r in rows:
            if r["number"] == "AF 1349":
                if r["who"] in ("Sol Adeyemi", "Tom Reddaway"):
                    continue  # nobody box B names on the flight; the kit still goes
                if r["who"] == "Jo Bloggs":
                    r["carnet"] = "yes"
            out.append(r)
        return out

    _edit(trip, "travel.csv", reps_stay)
    production, _ = _read(trip)
    _, d = _build(production)
    (found,) = [x for x in d if x.code == "carnet-no-carrier"]
    assert (found.severity, str(found.pos)) == ("error", "travel.csv:31:carnet")  # Jo's row
    assert found.message.startswith("Sat 13 Mar 2027, Seville Airport, Spain to Paris")
    assert "(travel: representatives names Tom Reddaway, Priya Nandra, Sol Adeyemi)" in (
        found.message
    )


def test_a_passport_the_production_asks_for(trip: Path) -> None:
    def no_passports(rows: list[Row]) -> list[Row]:
        for r in rows:
            if "Nadia Rennick" in r["who"] or r["who"] == "Lucía Benavente":
                r["passport"] = ""
        return rows

    _edit(trip, "travel.csv", no_passports)
    production, _ = _read(trip)
    _, d = _build(production)
    found = [(str(x.pos), x.message.split(",")[0]) for x in d if x.code == "missing-passport"]
    assert found == [
        ("travel.csv:4:passport", "Lucía Benavente travels to France on Sun 7 Mar 2027"),
        ("travel.csv:3:passport", "Nadia Rennick travels to France on Sun 7 Mar 2027"),
        # Rosa's only passport cell was the ferry row she shares with Nadia
        ("travel.csv:3:passport", "Rosa Delgado travels to France on Sun 7 Mar 2027"),
    ]
    assert all(x.severity == "error" for x in d if x.code == "missing-passport")


def test_an_unknown_traveller_is_an_error_and_a_double_booking_a_warning(trip: Path) -> None:
    def stranger(rows: list[Row]) -> list[Row]:
        return [*rows, dict(rows[0], who="Jon Smyth")]

    def twice(rows: list[Row]) -> list[Row]:
        extra = dict(rows[2], who="Sol Adeyemi", hotel="Hotel Atlántico", check_out="2027-03-10")
        return [*rows, extra]

    _edit(trip, "travel.csv", stranger)
    _edit(trip, "accommodation.csv", twice)
    production, _ = _read(trip)
    _, d = _build(production)
    found = {(x.severity, x.code, str(x.pos)) for x in d}
    assert found == {
        ("error", "unknown-traveller", "travel.csv:55:who"),
        ("warning", "double-booked", "accommodation.csv:6:check_in"),
    }


def test_bad_cells_are_located_and_every_one_reported(trip: Path) -> None:
    def broken(rows: list[Row]) -> list[Row]:
        rows[0]["departs"] = "2pm-ish"
        rows[1]["mode"] = "hovercraft"
        rows[2]["date"] = "31/02/2027"
        return rows

    def backwards(rows: list[Row]) -> list[Row]:
        rows[0]["check_out"] = rows[0]["check_in"]
        return rows

    _edit(trip, "travel.csv", broken)
    _edit(trip, "accommodation.csv", backwards)
    _, d = _read(trip)
    errors = {(x.code, str(x.pos)) for x in d.errors}
    assert {str(x.pos) for x in d.errors} >= {
        "travel.csv:2:departs",
        "travel.csv:3:mode",
        "travel.csv:4:date",
        "accommodation.csv:2:check_out",
    }, errors


def test_several_people_on_one_row_share_its_booking(demo: Path) -> None:
    production, _ = _read(demo)
    first = [leg for leg in production.travel_legs if leg.pos.line == 2]
    assert len(first) == 14 and first[0].who == "Eira Vaughan" and first[-1].who == "Rosa Delgado"
    assert {leg.vehicle for leg in first} == {"Unit minibus WU26 HLP with kit trailer"}
    assert production.travel is not None and production.travel.documents == ("passport",)


@pytest.mark.slow
def test_rendered_order_reads_as_the_context_says(demo_pdfs: object) -> None:
    """The PDF (from the session's demo build) and the DOCX carry the same journey text."""
    built = demo_pdfs
    out: Path = built.out  # type: ignore[attr-defined]
    pdf = out / "movement-order_2027-03-07_2026-12-02.pdf"
    text = "\n".join(page_texts(pdf))
    for expected in (
        "Movement order: Sunday 7 March 2027",
        "Portsmouth International Port → Saint-Malo ferry terminal, France",
        "08:15 local (07:15 UK), Mon 8 Mar",
        "Carnet kit aboard: Tom Reddaway or Sol Adeyemi carries the carnet",
        "Hôtel Les Remparts",
        "British Embassy Paris",
    ):
        assert expected in text, expected
    production, _ = _read(Path(built.source))  # type: ignore[attr-defined]
    docs, _ = _build(production)
    order = next(d for d in docs if d.stem.startswith("movement-order_2027-03-07"))
    body = Document(io.BytesIO(render_docx(order, TemplateSet([templates_dir()]))))
    paragraphs = "\n".join(p.text for p in body.paragraphs)
    assert "Movement order: Sunday 7 March 2027" in paragraphs
    assert "Carnet kit aboard: Tom Reddaway or Sol Adeyemi carries the carnet" in paragraphs
    cells = {c.text for t in body.tables for row in t.rows for c in row.cells}
    assert any(c.startswith("Hôtel Les Remparts") for c in cells)
    assert "France" in cells and "United Kingdom" in cells


@pytest.mark.slow  # renders documents: over a second
def test_a_booking_link_in_any_cell_wraps_inside_the_page(trip: Path, tmp_path: Path) -> None:
    """A long unbroken value (a booking link) in a note, a meeting point and a hotel reference
    wraps: no glyph of the order or the itinerary comes near the paper's edge."""
    from paperwork.render.html_pdf import render_pdfs
    from tests.render.test_margins import too_near_the_edge

    link = (  # an e-ticket link as an airline sends it: a token with nowhere to break
        "https://tickets.example.com/t/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9eyJzdWIiOiIxMjM0NTY3"
        "ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQSflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV"
    )

    def long_travel(rows: list[Row]) -> list[Row]:
        rows[1].update(notes=link, meeting_point=f"Gate {link}")
        rows[6]["booking_reference"] = link  # Eira's own reference on the 9 March flight
        return rows

    def long_stay(rows: list[Row]) -> list[Row]:
        rows[0].update(reference=link, notes=link)
        return rows

    _edit(trip, "travel.csv", long_travel)
    _edit(trip, "accommodation.csv", long_stay)
    production, _ = _read(trip)
    docs, _ = _build(production)
    wanted = ("movement-order_2027-03-07", "movement-order_2027-03-09", "itinerary_lucia-benavente")
    chosen = [d for d in docs if d.stem.startswith(wanted)]
    assert len(chosen) == 3
    batch = render_pdfs(chosen, TemplateSet([templates_dir()]), [templates_dir()])
    problems = []
    for doc, pdf in zip(chosen, batch.pdfs, strict=True):
        path = tmp_path / f"{doc.stem}.pdf"
        path.write_bytes(pdf)
        problems += too_near_the_edge(path)
    assert not problems, "\n".join(problems)


def test_a_check_in_the_evening_before_a_flight_after_midnight(trip: Path) -> None:
    """22:30 for a 00:30 flight is the evening before (printed with its date); 11:35 for an
    11:05 flight is still a located call-order error."""

    def red_eye(rows: list[Row]) -> list[Row]:
        for r in rows:
            if r["number"] == "AF 1349":
                r.update(departs="00:30", arrives="02:55", check_in="22:30")
        rows[6]["check_in"] = "11:35"  # Eira's Volotea flight, 11:05
        return rows

    _edit(trip, "travel.csv", red_eye)
    production, d = _read(trip)
    assert [(x.code, str(x.pos)) for x in d.errors] == [("call-order", "travel.csv:8:check_in")]
    docs, _ = _build(production)
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-13"))
    assert isinstance(order, movement_order.MovementOrderContext)
    flight = next(j for j in order.journeys if j.service == "Air France · AF 1349")
    assert flight.check_in == "22:30, Fri 12 Mar"


def test_a_country_without_travel_facts_is_never_given_112(trip: Path) -> None:
    """A recce flight to Los Angeles: paperwork has no facts for the United States, so the
    order prints no guessed emergency number and a located warning says so."""

    def recce(rows: list[Row]) -> list[Row]:
        leg = dict(rows[6], who="Tomasz Nowak", date="2027-03-02", passport="checked")
        leg.update({"from": "Heathrow Airport, UK", "to": "Los Angeles Airport, United States"})
        return [*rows, leg]

    _edit(trip, "travel.csv", recce)
    production, _ = _read(trip)
    docs, d = _build(production)
    found = [(x.severity, x.code, str(x.pos)) for x in d if x.code.startswith("country-")]
    assert found == [("warning", "country-not-in-travel-facts", "travel.csv:55:to")]
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-02"))
    assert isinstance(order, movement_order.MovementOrderContext)
    usa = next(c for c in order.countries if c.country == "United States")
    assert "112" not in usa.emergency and "FCDO" in usa.emergency


def test_a_driver_s_mobile_only_where_they_share_it(trip: Path) -> None:
    """Rosa Delgado (crew, the production shares by default) has her mobile beside her name;
    Javier Ruiz (the service company's driver, in no table) has none; once Rosa opts out,
    her number goes."""
    production, _ = _read(trip)
    docs, _ = _build(production)
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-09"))
    assert isinstance(order, movement_order.MovementOrderContext)
    vehicles = [j.vehicle for j in order.journeys if "driver" in j.vehicle]
    assert vehicles == [
        "Unit minibus WU26 HLP with kit trailer · driver Rosa Delgado 07700\u00a0900119",
        "Sur Films minibus 4417 KLM · driver Javier Ruiz",
    ]

    def opt_out(rows: list[Row]) -> list[Row]:
        for r in rows:
            if r["name"] == "Rosa Delgado":
                r["share_contact"] = "office-only"
        return rows

    _edit(trip, "crew.csv", opt_out)
    production, _ = _read(trip)
    docs, _ = _build(production)
    order = next(doc.context for doc in docs if doc.stem.startswith("movement-order_2027-03-09"))
    assert isinstance(order, movement_order.MovementOrderContext)
    assert "900119" not in " ".join(j.vehicle for j in order.journeys)


@pytest.mark.slow  # renders documents: over a second
def test_a_travellers_booking_reference_is_never_split_across_lines(trip: Path) -> None:
    """The thirteen Air France references of 13 March each print whole on one line (they
    used to break after 'AF-' in the two-column list of travellers)."""
    import re

    from paperwork.render.html_pdf import render_pdfs

    production, _ = _read(trip)
    docs, _ = _build(production)
    order = next(d for d in docs if d.stem.startswith("movement-order_2027-03-13"))
    (pdf,) = render_pdfs([order], TemplateSet([templates_dir()]), [templates_dir()]).pdfs
    text = "\n".join(page_texts(pdf))
    assert len(set(re.findall(r"AF-K9T2W[A-N]\b", text))) == 13
