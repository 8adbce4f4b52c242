"""PDF layout cost per page of every kind's HTML template, against a plain reference page.

Plans the demo production (``fixtures/demo``) in this process, then lays out each kind's
documents with the project's own renderer (:func:`paperwork.render.html_pdf._render_chunk`:
Jinja, WeasyPrint layout, one PDF written and split), timing CPU seconds of this process
(``time.process_time``: the machine is shared), median of several runs after a warm-up. The
reference is a plain two-page letter with a 40-row table and one stylesheet, no nested
tables, laid out by WeasyPrint with the same settings; each kind's cost per page is
divided by the reference's. Target: every kind at most 1.5x.

    python bench/templates.py                      # every kind, 4 documents each, 5 runs
    python bench/templates.py --kinds call_sheet --runs 7 --docs 10
    python bench/templates.py --profile call_sheet # where WeasyPrint spends a kind's time
    python bench/templates.py --before a06181f     # also the templates of that revision

With ``--before REV`` the templates folder of that git revision is laid out too, in the same
rounds (before and after alternate, so both see the same machine load). It is not the
bundled folder, so its ``_base.css`` is parsed for every document, as it was then.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEMO = REPO / "fixtures" / "demo"

_ROW = "<tr><td>{i}</td><td>Item {i}: archive footage, stills</td><td>Holder {i} Ltd</td>"
_ROW += "<td class=num>£{fee}.00</td></tr>"


def reference_html(rows: int = 40) -> str:
    """A plain two-page letter: a letterhead, paragraphs, one 40-row table, one stylesheet."""
    body = "".join(_ROW.format(i=i + 1, fee=(i * 37) % 900 + 50) for i in range(rows))
    para = (
        "<p>Further to our conversation, we write to confirm the arrangements set out below. "
        "Please read them carefully and tell us of anything that is not as you understand it, "
        "so that we can correct it before the shoot begins.</p>"
    )
    return f"""<!doctype html><html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 20mm; @bottom-right {{ content: "Page " counter(page); }} }}
html {{ font-family: "DejaVu Sans", sans-serif; font-size: 9.5pt; line-height: 1.4; }}
h1 {{ font-size: 14pt; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ text-align: left; padding: 1mm 1.5mm; border-bottom: 0.3pt solid #ccc; }}
.num {{ text-align: right; }}
</style></head><body>
<h1>Example Productions Ltd</h1><p>12 Example Street, Bristol BS1 1AA</p>
<p>Dear Rights Holder,</p>{para * 4}
<table><thead><tr><th>No.</th><th>Item</th><th>Holder</th><th>Fee</th></tr></thead>
<tbody>{body}</tbody></table>{para * 4}
<p>Yours sincerely,</p><p>Production Co-ordinator</p></body></html>"""


def render_reference(html_text: str) -> int:
    """Lay out and write the reference as the project renders a one-document batch."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    doc = weasyprint.HTML(string=html_text, base_url=str(REPO) + "/").render(
        font_config=FontConfiguration(), cache={}
    )
    doc.write_pdf()
    return len(doc.pages)


def demo_documents(
    today: date,
) -> tuple[dict[str, list[object]], tuple[Path, ...], tuple[Path, ...]]:
    """The demo's PDF documents by template, the template folders and the allowed folders."""
    from paperwork.errors import Diagnostics
    from paperwork.pipeline import BuildRequest, plan, template_folders
    from paperwork.render.templates import TemplateSet

    diagnostics = Diagnostics()
    made = plan(DEMO, BuildRequest(today=today), diagnostics)
    assert made.production is not None
    templates = TemplateSet(template_folders(made.production))
    by_template: dict[str, list[object]] = {}
    for doc in made.docs:
        if "pdf" in doc.formats:
            by_template.setdefault(doc.template, []).append(doc)
    allowed = tuple(Path(p).resolve() for p in (made.production.root, *templates.folders))
    return by_template, templates.folders, allowed


def boxes_of(html_texts: Sequence[str], base_url: str) -> int:
    """How many boxes WeasyPrint lays out for these documents (its work grows with them)."""
    import weasyprint

    return sum(
        sum(1 for _ in page._page_box.descendants())
        for text in html_texts
        for page in weasyprint.HTML(string=text, base_url=base_url).render().pages
    )


def cpu_medians(works: Sequence[Callable[[], int]], runs: int) -> list[tuple[float, int]]:
    """Median CPU seconds of each of ``works`` over ``runs`` rounds after one warm-up, and
    its pages; each round runs every work once, so all see the same machine load."""
    pages = [work() for work in works]
    times: list[list[float]] = [[] for _ in works]
    for _ in range(runs):
        for work, spent in zip(works, times, strict=True):
            t0 = time.process_time()
            work()
            spent.append(time.process_time() - t0)
    return [(statistics.median(t), n) for t, n in zip(times, pages, strict=True)]


def templates_at(rev: str, into: Path) -> Path:
    """The repository's ``templates/`` folder as it was at ``rev``, extracted under ``into``."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "templates"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=__import__("io").BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "templates"


def unlimited_templates() -> None:
    """Render an extracted folder's templates in this process, as the bundled ones are (a
    user's folder would render Jinja in a child process under limits: not what we time)."""
    import paperwork.render.html_pdf as html_pdf
    from paperwork.render.templates import TemplateSet

    class Unlimited(TemplateSet):
        def __init__(self, folders: Sequence[Path]) -> None:
            super().__init__(folders)
            self.limited = False

    html_pdf.TemplateSet = Unlimited  # type: ignore[misc]


_BUCKETS = (
    ("layout", ("weasyprint/layout/", "weasyprint/formatting_structure/")),
    ("text (Pango)", ("weasyprint/text/",)),
    ("cascade", ("weasyprint/css/", "tinycss2/", "cssselect2/")),
    ("draw + PDF", ("weasyprint/draw", "weasyprint/pdf/", "pydyf", "fontTools/", "PIL/")),
    ("HTML parse", ("tinyhtml5/", "html5lib/", "weasyprint/html.py")),
    ("Jinja", ("jinja2/", "markupsafe/")),
    ("split (pypdf)", ("pypdf/",)),
)


def profile_buckets(work: Callable[[], int]) -> list[tuple[str, float]]:
    """Own time of ``work``'s functions summed by where they live (layout, cascade...)."""
    prof = cProfile.Profile()
    prof.enable()
    work()
    prof.disable()
    stats = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    totals: dict[str, float] = {}
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        where = filename.replace(os.sep, "/")
        bucket = next((b for b, keys in _BUCKETS if any(k in where for k in keys)), "other")
        totals[bucket] = totals.get(bucket, 0.0) + tottime
    return sorted(totals.items(), key=lambda kv: -kv[1])


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--docs", type=int, default=4, help="documents of each kind (first N)")
    ap.add_argument("--kinds", default="", help="templates to time, comma-separated")
    ap.add_argument("--profile", default="", help="profile one template's batch instead")
    ap.add_argument("--date", default="2026-12-02")
    ap.add_argument("--before", default="", help="also time the templates of this git revision")
    a = ap.parse_args(argv)

    from paperwork.render.html_pdf import _render_chunk

    by_template, folders, allowed = demo_documents(date.fromisoformat(a.date))

    def batch(name: str, where: tuple[Path, ...] = folders) -> Callable[[], int]:
        docs = by_template[name][: a.docs]
        job = (docs, where, (*allowed, *where))
        return lambda: sum(_render_chunk(job).pages)  # type: ignore[arg-type]

    def html_of(name: str) -> list[str]:
        from paperwork.render.html_pdf import _html_context
        from paperwork.render.templates import TemplateSet

        templates = TemplateSet(folders)
        docs = by_template[name][: a.docs]
        return [templates.render_html(f"{d.template}.html", _html_context(d)) for d in docs]

    if a.profile:
        work = batch(a.profile)
        pages = work()
        buckets = profile_buckets(work)
        total = sum(s for _, s in buckets)
        print(f"{a.profile}: {pages} pages, {total:.2f} s under cProfile")
        for bucket, seconds in buckets:
            print(f"  {bucket:14} {seconds:6.2f} s  {seconds / total:5.1%}")
        return

    load = os.getloadavg()[0]
    ref_html = reference_html()
    wanted = [k for k in a.kinds.split(",") if k] or sorted(by_template)
    with tempfile.TemporaryDirectory(prefix="bench-templates-") as tmp:
        old = templates_at(a.before, Path(tmp)) if a.before else None
        if old is not None:
            unlimited_templates()
        works: list[Callable[[], int]] = [lambda: render_reference(ref_html)]
        for name in wanted:
            works.append(batch(name))
            if old is not None:
                works.append(batch(name, (old, *folders[1:])))
        results = cpu_medians(works, a.runs)
    end_load = os.getloadavg()[0]
    ref_cpu, ref_pages = results[0]
    ref_page = ref_cpu / ref_pages
    ref_boxes = boxes_of([ref_html], str(REPO) + "/")
    bundled = str(folders[-1]) + "/"
    boxes = {name: boxes_of(html_of(name), bundled) for name in wanted}
    print(
        f"load average {load:.2f} at the start, {end_load:.2f} at the end; CPU seconds of "
        f"this process, median of {a.runs} interleaved rounds after a warm-up"
    )
    head = f"{'template':24} {'docs':>4} {'pages':>5} {'CPU s':>7} {'ms/page':>8} {'x ref':>6}"
    head += f" {'boxes/page':>10} {'us/box':>7} {'x ref':>6}"
    print(head + (f" {'before ms/page':>15} {'x ref':>6}" if old is not None else ""))
    ref_box = ref_cpu / ref_boxes
    print(
        f"{'reference letter':24} {1:4} {ref_pages:5} {ref_cpu:7.3f} {ref_page * 1000:8.1f} "
        f"{1:6.2f} {ref_boxes / ref_pages:10.0f} {ref_box * 1e6:7.1f} {1:6.2f}"
    )
    worst = 0.0
    step = 2 if old is not None else 1
    for i, name in enumerate(wanted):
        cpu, pages = results[1 + i * step]
        ratio = cpu / pages / ref_page
        worst = max(worst, ratio)
        docs = len(by_template[name][: a.docs])
        line = f"{name:24} {docs:4} {pages:5} {cpu:7.3f} {cpu / pages * 1000:8.1f} {ratio:6.2f}"
        per_box = cpu / boxes[name]
        line += f" {boxes[name] / pages:10.0f} {per_box * 1e6:7.1f} {per_box / ref_box:6.2f}"
        if old is not None:
            before, before_pages = results[2 + i * step]
            per = before / before_pages
            line += f" {per * 1000:15.1f} {per / ref_page:6.2f}"
        print(line)
    print(f"worst: {worst:.2f}x the reference per page (target 1.5x)")


if __name__ == "__main__":
    main()
