"""Generate the movement order and travel itinerary DOCX templates (docxtpl) with python-docx.

    python -m tools.docx_templates travel            # write them into templates/
    python -m tools.docx_templates --check travel    # exit 1 if a committed one differs

They place the fields of ``paperwork.builders.movement_order.MovementOrderContext`` and
``ItineraryContext``, as the HTML does: A4 portrait, the company over a navy rule, each
journey as a shaded line and its details, then the carnet, the night's beds, the emergency
numbers and the production's contacts.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from . import kit

NAVY, GREY, RED = kit.NAVY, kit.GREY, kit.RED
HEAD_FILL = "E8EDF3"
AMBER = kit.RGBColor(0x7A, 0x4B, 0x00)
WIDTH = 174.0  # mm: A4 portrait less 18 mm margins


def _start(title: str, facts: str) -> Document:
    doc = Document()
    kit.styles(doc, 8.5)
    kit.page(doc, landscape=False, margins=(18, 18, 18, 18))
    heading = kit.report_start(doc, "{{ document_title }}", title)
    heading.paragraph_format.space_before = Pt(0)
    kit.para(doc, facts, colour=GREY, after=4)
    return doc


def _line(where: object, cond: str, text: str, **style: object) -> None:
    """A paragraph shown only when ``cond`` holds (docxtpl drops the tag paragraphs)."""
    kit.tag(where, f"{{%p if {cond} %}}")  # type: ignore[arg-type]
    kit.para(where, text, after=0, **style)  # type: ignore[arg-type]
    kit.tag(where, "{%p endif %}")  # type: ignore[arg-type]


def _countries_and_contacts(doc: Document) -> None:
    kit.para(doc, "Emergency numbers", style="Heading 2")
    t = kit.table(doc, 4, (34, 80, 60))
    kit.header_row(t, ("Country", "Emergency", "British mission"))
    kit.loop_rows(
        t,
        1,
        "for c in countries",
        ("{{ c.country }}", "{{ c.emergency }}", "{{ c.mission }} {{ c.mission_phone }}"),
    )
    kit.para(doc, "{{ fcdo }}", size=7.5, colour=GREY, after=4)
    kit.tag(doc, "{%p if contacts %}")
    kit.para(doc, "Production contacts", style="Heading 2")
    c = kit.table(doc, 3, (70, 64, 40))
    kit.cell(c.cell(0, 0), "{%tr for c in contacts %}")
    kit.cell(c.cell(1, 0), "{{ c.role }}")
    kit.cell(c.cell(1, 1), "{{ c.name }}")
    kit.cell(c.cell(1, 2), "{{ c.phone }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    kit.cell(c.cell(2, 0), "{%tr endfor %}")
    kit.tag(doc, "{%p endif %}")


def movement_order() -> Document:
    doc = _start(
        "Movement order: {{ date }}",
        "{{ production_title }} · {{ day_label }} · Issued {{ as_at }}",
    )
    p = kit.para(doc, after=2)
    kit.run(p, "{{ summary }}", bold=True)
    kit.run(p, "{% if shoot_note %} · {{ shoot_note }}{% endif %}")
    kit.para(doc, "{{ time_note }}", bold=True, colour=NAVY, after=4)

    kit.tag(doc, "{%p if no_bed %}")
    kit.para(doc, "No bed booked tonight", style="Heading 2").runs[0].font.color.rgb = RED
    kit.tag(doc, "{%p for name in no_bed %}")
    kit.para(doc, "{{ name }}", style="List Bullet", colour=RED, after=1)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p endif %}")

    kit.para(doc, "Journeys", style="Heading 2")
    kit.tag(doc, "{%p for j in journeys %}")
    t = kit.table(doc, 1, (WIDTH,))
    top = kit.cell(t.cell(0, 0), "{{ j.departs }}", bold=True, size=11, colour=NAVY)
    kit.run(top, "  {{ j.route }}", bold=True)
    kit.run(top, " · {{ j.mode }}{% if j.service %}: {{ j.service }}{% endif %}", colour=GREY)
    kit.shade(t.cell(0, 0), HEAD_FILL)
    for label, value in (
        ("Arrives", "arrives"),
        ("Check in by", "check_in"),
        ("Meet", "meeting_point"),
        ("Vehicle", "vehicle"),
        ("Booking", "booking"),
    ):
        kit.tag(doc, f"{{%p if j.{value} %}}")
        line = kit.para(doc, after=0)
        kit.run(line, f"{label}: ", colour=GREY)
        kit.run(line, f"{{{{ j.{value} }}}}")
        kit.tag(doc, "{%p endif %}")
    kit.tag(doc, "{%p for n in j.notes %}")
    kit.para(doc, "{{ n }}", after=0)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p if j.carnet %}")
    kit.para(doc, "{{ j.carnet }}", bold=True, colour=AMBER, after=0)
    kit.tag(doc, "{%p endif %}")
    who = kit.para(doc, after=8)
    kit.run(who, "{{ j.count }}: ", bold=True)
    kit.run(
        who,
        "{% for t in j.travellers %}{{ t.name }}{% if t.role %} ({{ t.role }}){% endif %}"
        "{% if t.booking %}, ref {{ t.booking }}{% endif %}{% if t.note %}, {{ t.note }}"
        "{% endif %}{% if not loop.last %}; {% endif %}{% endfor %}",
    )
    kit.tag(doc, "{%p endfor %}")

    kit.tag(doc, "{%p if carnet %}")
    kit.para(doc, "ATA carnet", style="Heading 2")
    for label, value in (
        ("Holder", "{{ carnet.holder }}{% if carnet.number %} · {{ carnet.number }}{% endif %}"),
        ("Carried by", "{{ carnet.carried_by }}"),
    ):
        line = kit.para(doc, after=0)
        kit.run(line, f"{label}: ", colour=GREY)
        kit.run(line, value)
    kit.tag(doc, "{%p for l in carnet.legs %}")
    kit.para(doc, "{{ l }}", style="List Bullet", after=0)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p for s in carnet.stamps %}")
    kit.para(doc, "{{ s }}", style="List Bullet", after=0)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p endif %}")

    kit.para(doc, "Tonight", style="Heading 2")
    kit.tag(doc, "{%p if hotels %}")
    h = kit.table(doc, 4, (74, 100))
    kit.header_row(h, ("Hotel", "Guests"))
    kit.cell(h.cell(1, 0), "{%tr for h in hotels %}")
    kit.cell(h.cell(2, 0), "{{ h.hotel }}", bold=True)
    _line(h.cell(2, 0), "h.address", "{{ h.address }}")
    _line(h.cell(2, 0), "h.phone", "{{ h.phone }}")
    kit.para(h.cell(2, 0), "{{ h.dates }}{% if h.reference %} · ref {{ h.reference }}{% endif %}",
             size=7.5, colour=GREY, after=0)  # fmt: skip
    kit.cell(h.cell(2, 1), "{{ h.guests }}")
    _line(h.cell(2, 1), "h.notes", "{{ h.notes }}", size=7.5, colour=GREY)
    kit.cell(h.cell(3, 0), "{%tr endfor %}")
    kit.tag(doc, "{%p endif %}")
    kit.tag(doc, "{%p for a in aboard %}")
    kit.para(doc, "{{ a }}", after=2)
    kit.tag(doc, "{%p endfor %}")
    kit.tag(doc, "{%p if not hotels and not aboard and not no_bed %}")
    kit.para(doc, "Everyone travelling today is home tonight.", after=2)
    kit.tag(doc, "{%p endif %}")

    _countries_and_contacts(doc)
    return doc


def travel_itinerary() -> Document:
    doc = _start(
        "Travel itinerary: {{ traveller }}",
        "{{ production_title }}{% if role %} · {{ role }}{% endif %} · Issued {{ as_at }}",
    )
    kit.para(doc, "{{ span }}", bold=True, after=2)
    kit.para(doc, "{{ time_note }}", bold=True, colour=NAVY, after=4)

    kit.para(doc, "Journeys", style="Heading 2")
    t = kit.table(doc, 4, (24, 42, 108))
    kit.header_row(t, ("Day", "Departs / arrives", "Journey"))
    kit.cell(t.cell(1, 0), "{%tr for j in journeys %}")
    kit.cell(t.cell(2, 0), "{{ j.when }}")
    kit.cell(t.cell(2, 1), "{{ j.departs }}")
    _line(t.cell(2, 1), "j.arrives", "to {{ j.arrives }}")
    _line(t.cell(2, 1), "j.check_in", "Check in by {{ j.check_in }}", size=7.5, colour=GREY)
    kit.cell(t.cell(2, 2), "{{ j.route }}", bold=True)
    kit.para(
        t.cell(2, 2),
        "{{ j.mode }}{% if j.service %}: {{ j.service }}{% endif %}"
        "{% if j.booking %} · booking ref {{ j.booking }}{% endif %}",
        after=0,
    )
    _line(t.cell(2, 2), "j.meeting_point", "Meet: {{ j.meeting_point }}")
    _line(t.cell(2, 2), "j.vehicle", "{{ j.vehicle }}")
    _line(t.cell(2, 2), "j.notes", "{{ j.notes|join('; ') }}", size=7.5, colour=GREY)
    _line(t.cell(2, 2), "j.carnet", "{{ j.carnet }}", bold=True, colour=AMBER)
    kit.cell(t.cell(3, 0), "{%tr endfor %}")
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())

    kit.tag(doc, "{%p if nights %}")
    kit.para(doc, "Where you sleep", style="Heading 2")
    n = kit.table(doc, 4, (24, 90, 30, 30))
    kit.header_row(n, ("Night of", "Bed", "Phone", "Reference"))
    kit.cell(n.cell(1, 0), "{%tr for n in nights %}")
    kit.cell(n.cell(2, 0), "{{ n.night }}")
    kit.cell(n.cell(2, 1), "{{ n.bed }}", bold=True)
    _line(n.cell(2, 1), "n.address", "{{ n.address }}")
    kit.cell(n.cell(2, 2), "{{ n.phone }}")
    kit.cell(n.cell(2, 3), "{{ n.reference }}")
    kit.cell(n.cell(3, 0), "{%tr endfor %}")
    kit.tag(doc, "{%p endif %}")

    _countries_and_contacts(doc)
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "movement_order.docx": movement_order,
    "travel_itinerary.docx": travel_itinerary,
}
