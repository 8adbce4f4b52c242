"""Generate the call sheet, day-out-of-days and breakdown DOCX templates, reproducibly.

    python -m tools.docx_templates call_sheet            # write them into templates/
    python -m tools.docx_templates --check call_sheet    # exit 1 if a committed one differs

Plain Word documents with Jinja tags, each in a single run (docxtpl does not see a tag split
across runs): ``{{ name }}`` places a value; ``{%p ... %}`` alone in a paragraph loops or
branches over paragraphs (and the tables between them); ``{%tr ... %}`` alone in a row's first
cell loops or branches over rows. The day out of days has a fixed grid of ``BLOCK_DAYS`` day
columns (the builder pads each block of days to it), so Word and LibreOffice lay it out
alike. Variables are the fields of the contexts in
``paperwork.builders.call_sheet`` (``CallSheetContext``), ``day_out_of_days``
(``DoodContext``) and ``scene_breakdown_report`` (``BreakdownContext``). The shared helpers
(styles, tables, footer, writing) are those of ``kit``.
"""

from __future__ import annotations

from collections.abc import Callable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from docx.table import Table

from paperwork.builders.day_out_of_days import BLOCK_DAYS

from . import kit

NAVY, GREY, RED = kit.NAVY, kit.GREY, kit.RED
_para, _run, _tag, _cell = kit.para, kit.run, kit.tag, kit.cell
_first_para, _table, _shade = kit.first_para, kit.table, kit.shade


def _heading(doc: object, text: str) -> None:
    _para(doc, text, style="Heading 2")


def _header_row(t: Table, labels: tuple[str, ...], right: tuple[int, ...] = ()) -> None:
    for i, label in enumerate(labels):
        _cell(t.cell(0, i), label, bold=True,
              align=WD_ALIGN_PARAGRAPH.RIGHT if i in right else None)  # fmt: skip
        _shade(t.cell(0, i), "E8EDF3")
    kit.repeat_header(t)


def _loop_table(
    doc: object,
    widths: tuple[float, ...],
    labels: tuple[str, ...],
    loop: str,
    cells: tuple[str, ...],
    right: tuple[int, ...] = (),
) -> Table:
    t = _table(doc, 4, widths)
    _header_row(t, labels, right)
    kit.loop_rows(t, 1, loop, cells, right=right)
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    return t


# --- The call sheet (A4 portrait) ---------------------------------------------------------------


def call_sheet() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=False, margins=(12, 11, 14, 11))
    section = doc.sections[0]
    running = _first_para(section.header)
    _run(running, "{{ production_title }} · Call sheet {{ call_sheet_no }} · {{ day_of }} · "
         "{{ date }} · {{ version }}", size=7, colour=GREY)  # fmt: skip
    running.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    kit.footer(section.footer, "{{ confidentiality }} · {{ footer_note }}", size=6.5)

    top = _table(doc, 1, (70, 55, 63), lines=False)
    left, mid, right = top.cell(0, 0), top.cell(0, 1), top.cell(0, 2)
    _run(_first_para(left), "{%p if logo %}")
    _para(left, "{{ logo }}", after=1)
    _tag(left, "{%p endif %}")
    _para(left, "{{ letterhead.company }}", bold=True, colour=NAVY, after=0)
    _para(left, "{{ production_title }}", bold=True, size=13, after=0)
    _tag(left, "{%p if production_line %}")
    _para(left, "{{ production_line }}", after=0)
    _tag(left, "{%p endif %}")
    _para(left, "{{ unit }}", after=0)
    title = _first_para(mid)
    title.style = doc.styles["Heading 1"]
    _run(title, "CALL SHEET")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(0)
    for run in title.runs:
        run.font.size = Pt(15)
        run.font.color.rgb = NAVY
    _para(mid, "No. {{ call_sheet_no }} · {{ version }}", align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _tag(mid, "{%p if supersedes %}")
    _para(mid, "{{ supersedes }}", bold=True, colour=RED, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _tag(mid, "{%p endif %}")
    _cell(right, "{{ day_of }}", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(right, "{{ date }}", bold=True, size=12, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _para(right, "{{ week }}", align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _para(right, "{{ issued }}", size=7, colour=GREY, align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    kit.rule_below(_para(doc, after=2))

    facts = _table(doc, 1, (40, 58, 90), lines=False)
    times, sun, contacts = facts.cell(0, 0), facts.cell(0, 1), facts.cell(0, 2)
    _run(_first_para(times), "{%p for t in times %}")
    p = _para(times, after=0)
    _run(p, "{{ t.label }}  ", colour=GREY)
    _run(p, "{{ t.value }}", bold=True)
    _tag(times, "{%p endfor %}")
    _run(_first_para(sun), "{%p for s in sun %}")
    p = _para(sun, after=0)
    _run(p, "{{ s.label }}  ", colour=GREY)
    _run(p, "{{ s.value }}", bold=True)
    _tag(sun, "{%p endfor %}")
    _tag(sun, "{%p if sun_place %}")
    _para(sun, "{{ sun_place }}", size=7, colour=GREY, after=1)
    _tag(sun, "{%p endif %}")
    _tag(sun, "{%p if weather %}")
    p = _para(sun, after=0)
    _run(p, "Weather ", bold=True)
    _run(p, "{{ weather }}")
    _tag(sun, "{%p endif %}")
    _run(_first_para(contacts), "{%p for c in contacts %}")
    p = _para(contacts, after=0)
    _run(p, "{{ c.role }}: ", colour=GREY)
    _run(p, "{{ c.name }}")
    _run(p, "  {{ c.phone }}", bold=True)
    _tag(contacts, "{%p endfor %}")

    _tag(doc, "{%p if changes %}")
    h = _para(doc, "What has changed", style="Heading 2")
    h.runs[0].font.color.rgb = RED
    _tag(doc, "{%p if supersedes %}")
    _para(doc, "{{ supersedes }}", bold=True, colour=RED, after=1)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p for c in changes %}")
    _para(doc, "{{ c }}", style="List Bullet", colour=RED, after=0)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")

    _heading(doc, "Locations")
    _tag(doc, "{%p for loc in locations %}")
    p = _para(doc, after=0)
    _run(p, "{{ loc.id }} · {{ loc.name }}", bold=True)
    _run(p, "   {{ loc.sets }}", size=7, colour=GREY)
    _para(doc, "{{ loc.address }}", after=0)
    _para(doc, "{% for r in loc.map_refs %}{{ r.label }}: {{ r.value }}{% if not loop.last %} · "
          "{% endif %}{% endfor %}", after=0)  # fmt: skip
    _tag(doc, "{%p if loc.unit_base %}")
    _para(doc, "{{ loc.unit_base }}", after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if loc.parking %}")
    _para(doc, "Parking: {{ loc.parking }}", after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if loc.access %}")
    _para(doc, "{{ loc.access }}", size=7, colour=GREY, after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if loc.contact %}")
    _para(doc, "On site: {{ loc.contact }}", after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if loc.hospital %}")
    _para(doc, "A&E: {{ loc.hospital }}, {{ loc.hospital_address }} · {{ loc.hospital_phone }}",
          colour=RED, after=3)  # fmt: skip
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")

    _heading(doc, "Scenes · {{ scene_count }} · {{ total_pages }}")
    widths = (10, 11, 36, 12, 58, 14, 22, 25)
    t = _table(doc, 7, widths)
    labels = ("Sc.", "I/E", "Set", "D/N", "Synopsis and notes", "Pages", "Cast", "Time")
    _header_row(t, labels, right=(5,))
    _cell(t.cell(1, 0), "{%tr for r in scenes %}")
    _cell(t.cell(2, 0), '{%tr if r.kind == "banner" %}')
    banner = t.cell(3, 0).merge(t.cell(3, len(widths) - 1))
    _cell(banner, "{{ r.set }}  {{ r.time }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _shade(banner, "F1F4F8")
    _cell(t.cell(4, 0), "{%tr else %}")
    for i, text in enumerate(
        ("{{ r.number }}", "{{ r.int_ext }}", "{{ r.set }}", "{{ r.day_night }}",
         "{{ r.synopsis }}", "{{ r.pages }}", "{{ r.cast }}", "{{ r.time }}")
    ):  # fmt: skip
        _cell(t.cell(5, i), text, bold=i == 0, align=WD_ALIGN_PARAGRAPH.RIGHT if i == 5 else None)
    _para(t.cell(5, 2), "{{ r.location }}", size=6.5, colour=GREY, after=0)
    _para(t.cell(5, 4), "{{ r.notes }}", size=6.5, colour=GREY, after=0)
    _cell(t.cell(6, 0), "{%tr endif %}")
    end = t.add_row()
    _cell(end.cells[0], "{%tr endfor %}")
    total = t.add_row()
    _cell(total.cells[0].merge(total.cells[4]), "Total", bold=True)
    _cell(total.cells[5], "{{ total_pages }}", bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())

    _heading(doc, "Cast")
    _loop_table(
        doc,
        (8, 25, 20, 11, 33, 12, 12, 14, 12, 41),
        ("ID", "Artist", "Character", "Status", "Pick-up", "Call", "HMU", "Costume", "On set",
         "Notes"),
        "for c in cast",
        ("{{ c.id }}", "{{ c.artist }}", "{{ c.character }}", "{{ c.status }}", "{{ c.pick_up }}",
         "{{ c.call }}", "{{ c.hmu }}", "{{ c.costume }}", "{{ c.on_set }}", "{{ c.notes }}"),
    )  # fmt: skip

    _tag(doc, "{%p if supporting %}")
    _heading(doc, "Supporting artists · {{ supporting_total }}")
    _loop_table(
        doc,
        (10, 50, 16, 14, 18, 14, 28, 38),
        ("No.", "Description", "Scenes", "Call", "Costume/HMU", "On set", "Agency", "Notes"),
        "for s in supporting",
        ("{{ s.count }}", "{{ s.description }}", "{{ s.scenes }}", "{{ s.call }}",
         "{{ s.costume }}", "{{ s.on_set }}", "{{ s.agency }}", "{{ s.notes }}"),
    )  # fmt: skip
    _tag(doc, "{%p endif %}")

    _heading(doc, "Crew calls")
    _tag(doc, "{%p for dept in crew %}")
    # the department's name keeps with its first row (Word's keep with next); no row splits
    _para(doc, "{{ dept.name }}", style="Heading 3").paragraph_format.keep_with_next = True
    crew = _table(doc, 3, (55, 45, 30, 16, 42))
    kit.loop_rows(
        crew,
        0,
        "for c in dept.rows",
        ("{{ c.role }}", "{{ c.name }}", "{{ c.phone }}", "{{ c.call }}", "{{ c.notes }}"),
    )
    for row in crew.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    _tag(doc, "{%p endfor %}")

    _tag(doc, "{%p if notes %}")
    _heading(doc, "Department notes")
    notes = _table(doc, 3, (30, 158))
    kit.loop_rows(notes, 0, "for n in notes", ("{{ n.label }}", "{{ n.value }}"))
    _tag(doc, "{%p endif %}")

    _tag(doc, "{%p for a in advance %}")
    _heading(doc, "Advance schedule · {{ a.title }} · unit call {{ a.unit_call }} · {{ a.pages }}")
    _para(doc, "{{ a.locations }}", size=7, colour=GREY, after=1)
    _loop_table(
        doc,
        (12, 14, 80, 20, 20, 42),
        ("Sc.", "I/E", "Set", "D/N", "Pages", "Cast"),
        "for s in a.scenes",
        ("{{ s.number }}", "{{ s.int_ext }}", "{{ s.set }}", "{{ s.day_night }}", "{{ s.pages }}",
         "{{ s.cast }}"),
    )  # fmt: skip
    _tag(doc, "{%p endfor %}")

    _heading(doc, "Safety")
    _tag(doc, "{%p for s in safety %}")
    _para(doc, "{{ s }}", style="List Bullet", after=0)
    _tag(doc, "{%p endfor %}")
    _heading(doc, "Emergency numbers")
    emergency = _table(doc, 3, (70, 118))
    kit.loop_rows(emergency, 0, "for e in emergency", ("{{ e.label }}", "{{ e.value }}"))
    _tag(doc, "{%p for loc in locations %}")
    _tag(doc, "{%p if loc.hospital %}")
    _para(doc, "A&E for {{ loc.id }}: {{ loc.hospital }} · {{ loc.hospital_phone }}", after=0)
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p if reminders %}")
    _heading(doc, "Reminders")
    _tag(doc, "{%p for r in reminders %}")
    _para(doc, "{{ r }}", style="List Bullet", after=0)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    return doc


# --- Day out of days (A4 landscape) ----------------------------------------------------------------


def _report_head(doc: object, title: str, facts: str) -> None:
    section = doc.sections[0]  # type: ignore[attr-defined]
    head = section.header
    kit.logo(head)
    top = _para(head, after=0)
    _run(top, "{{ letterhead.company }}", bold=True, size=8, colour=NAVY)
    running = _para(head, "{{ document_title }} · as at {{ as_at }}", size=7.5, colour=GREY,
                    align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)  # fmt: skip
    kit.rule_below(running)
    kit.footer(section.footer)
    heading = _first_para(doc)
    heading.style = doc.styles["Heading 1"]  # type: ignore[attr-defined]
    _run(heading, title)
    heading.paragraph_format.space_before = Pt(0)
    _para(doc, facts, colour=GREY, after=6)


def day_out_of_days() -> Document:
    doc = Document()
    kit.styles(doc, 7.5)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    _report_head(doc, "Day out of days: {{ production_title }}", "{{ span }}")
    days = range(BLOCK_DAYS)
    widths = (8, 26, 22, *(10 for _ in days), 10, 10, 10, 18, 18)  # 262 mm of 267
    count = len(widths)
    _tag(doc, "{%p for b in blocks %}")
    _tag(doc, "{%p if blocks|length > 1 %}")
    _para(doc, "{{ b.title }}", style="Heading 2")
    _tag(doc, "{%p endif %}")
    t = _table(doc, 5, widths)
    labels = ("ID", "Artist", "Character", *(f"{{{{ b.slots[{i}].number }}}}" for i in days),
              "Work", "Hold", "Total", "Start", "Finish")  # fmt: skip
    _header_row(t, labels)
    for i in days:
        cell = t.cell(0, 3 + i)
        _para(cell, f"{{{{ b.slots[{i}].weekday }}}} {{{{ b.slots[{i}].date }}}}", size=6,
              align=WD_ALIGN_PARAGRAPH.CENTER, after=0)  # fmt: skip
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _cell(t.cell(1, 0), "{%tr for r in b.rows %}")
    cells = ("{{ r.id }}", "{{ r.artist }}", "{{ r.character }}",
             *(f"{{{{ r.slots[{i}] }}}}" for i in days),
             "{{ r.work }}", "{{ r.hold }}", "{{ r.total }}", "{{ r.start }}", "{{ r.finish }}")  # fmt: skip
    for i, text in enumerate(cells):
        centre = 3 <= i < 3 + BLOCK_DAYS
        _cell(t.cell(2, i), text, bold=i == 0 or centre,
              align=WD_ALIGN_PARAGRAPH.CENTER if centre else None)  # fmt: skip
    _cell(t.cell(3, 0), "{%tr endfor %}")
    foot = (
        "Cast working",
        "",
        "",
        *(f"{{{{ b.slots[{i}].working }}}}" for i in days),
        *("" for _ in range(5)),
    )
    for i, text in enumerate(foot):
        if i in (1, 2):
            continue
        _cell(t.cell(4, i), text, bold=i == 0, align=WD_ALIGN_PARAGRAPH.CENTER if i >= 3 else None)
    t.cell(4, 0).merge(t.cell(4, 2))
    assert len(cells) == count
    for row in t.rows:
        row._tr.get_or_add_trPr().append(kit.cant_split())
    _tag(doc, "{%p endfor %}")
    p = _para(doc, after=0)
    p.paragraph_format.space_before = Pt(6)
    _run(p, "{% for l in legend %}{{ l.label }} {{ l.value }}{% if not loop.last %} · {% endif %}"
         "{% endfor %}", size=7, colour=GREY)  # fmt: skip
    _tag(doc, "{%p if not_working %}")
    _para(doc, 'Not called on any shoot day: {{ not_working|join("; ") }}', size=7, colour=GREY)
    _tag(doc, "{%p endif %}")
    return doc


# --- The breakdown report (A4 landscape) ----------------------------------------------------------


def breakdown() -> Document:
    doc = Document()
    kit.styles(doc, 8)
    kit.page(doc, landscape=True, margins=(18, 15, 18, 15))
    _report_head(
        doc,
        "Script breakdown: {{ production_title }}",
        "{% for s in summary %}{{ s.label }}: {{ s.value }}{% if not loop.last %} · {% endif %}"
        "{% endfor %}",
    )
    _tag(doc, "{%p if unscheduled %}")
    h = _para(doc, "Not scheduled", style="Heading 2")
    h.runs[0].font.color.rgb = RED
    _tag(doc, "{%p for u in unscheduled %}")
    _para(doc, "{{ u }}", style="List Bullet", colour=RED, after=0)
    _tag(doc, "{%p endfor %}")
    _tag(doc, "{%p endif %}")
    _loop_table(
        doc,
        (12, 16, 55, 18, 12, 16, 50, 18, 22, 48),
        ("Sc.", "I/E", "Set", "D/N", "Page", "Length", "Characters", "Cast", "Shot", "Location"),
        "for s in scenes",
        ("{{ s.number }}", "{{ s.int_ext }}", "{{ s.set }}", "{{ s.day_night }}", "{{ s.page }}",
         "{{ s.pages }}", "{{ s.characters }}", "{{ s.cast }}", "{{ s.days }}",
         "{{ s.location }}"),
        right=(4, 5),
    )  # fmt: skip
    _tag(doc, "{%p if by_day %}")
    _heading(doc, "Pages per shoot day")
    _loop_table(
        doc,
        (25, 45, 20, 25),
        ("Day", "Date", "Scenes", "Pages"),
        "for t in by_day",
        ("{{ t.label }}", "{{ t.detail }}", "{{ t.scenes }}", "{{ t.pages }}"),
        right=(2, 3),
    )
    _tag(doc, "{%p endif %}")
    _tag(doc, "{%p if by_location %}")
    _heading(doc, "Pages per location")
    _loop_table(
        doc,
        (90, 20, 25),
        ("Location", "Scenes", "Pages"),
        "for t in by_location",
        ("{{ t.label }}", "{{ t.scenes }}", "{{ t.pages }}"),
        right=(1, 2),
    )
    _tag(doc, "{%p endif %}")
    return doc


TEMPLATES: dict[str, Callable[[], Document]] = {
    "call_sheet.docx": call_sheet,
    "day_out_of_days.docx": day_out_of_days,
    "breakdown.docx": breakdown,
}
