"""Benchmark: the Bradford demo's full SAB annual report rendered as HTML, Word and tagged PDF, and a
board pack for the board meeting that receives the most sub-group reports; the issue's target is ≤ 2 s each for all three formats.

Prints the median of 5 runs and each as a ratio to lower bounds measured in the same run: the bare
Jinja2 render of the same page (charts already drawn) and WeasyPrint printing a one-paragraph page.
Charts are drawn afresh in every run (their cache is cleared). Asserts nothing. Run:

    .venv/bin/python -m tests.benchmarks.documents
"""

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flows.adapters.documents import charts, render_all
from flows.adapters.documents.html import environment, render_html
from flows.adapters.documents.pdf import html_to_pdf
from flows.adapters.documents.word import render_docx
from governance.documents.model import Document
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.unit_of_work import SqlUnitOfWork

SAB_ANNUAL_REPORT = "bsab-annual-report-2025-26"
RUNS = 5
ONE_PARAGRAPH = (
    '<!DOCTYPE html><html lang="en-GB"><head><title>t</title></head><body><p>One paragraph.</p></body></html>'
)


def median_of(runs: int, work: Callable[[], object], *, cold_charts: bool = True) -> float:
    times = []
    for _ in range(runs):
        if cold_charts:
            charts.svg.cache_clear()
            charts.png.cache_clear()
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def demo_documents() -> tuple[Document, Document]:
    """The SAB annual report as drafted from the demo registry, and the pack of the board meeting
    that receives the most sub-group reports, each sub-group having submitted a full highlight report."""
    from governance.documents.drafting import draft_report

    url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='govern-bench-')) / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    with SqlUnitOfWork(engine) as uow:
        partnership = uow.partnership.snapshot()
        report = draft_report(uow.reports.find(SAB_ANNUAL_REPORT), partnership)
    engine.dispose()
    return report, largest_board_pack(partnership)


def largest_board_pack(p) -> Document:  # p: PartnershipOnRecord
    from governance.documents.sub_group_reports import board_pack
    from governance.returns.model import SubmissionOnRecord

    def reporting_to(board) -> list:
        return [g for g in p.sub_groups if board.key in g.reports_to]

    board = max((b for b in p.boards if b.meetings), key=lambda b: len(reporting_to(b)))
    meeting_on = max(m.held_on for m in board.meetings)
    words = " ".join(["The sub-group met twice and reviewed its actions against the plan."] * 12)
    submissions = [
        SubmissionOnRecord(
            id=number,
            kind="sub-group report",
            sub_group_key=group.key,
            submitted_by="joanne-pickering",
            submitted_by_name="Joanne Pickering",
            submitted_on=meeting_on,
            content={
                "progress": words,
                "risks_and_issues": words,
                "asks_of_the_board": words,
                "rag": "amber",
            },
            meetings=((board.key, meeting_on.isoformat()),),
        )
        for number, group in enumerate(reporting_to(board), start=1)
    ]
    return board_pack(board.key, meeting_on, submissions, p)


def measure(name: str, document: Document) -> None:
    render_all(document)  # warm up: vl-convert's engine, WeasyPrint's fonts, the templates
    html = render_html(document)
    template = environment().get_template("document.html.j2")
    bare = median_of(RUNS, lambda: template.render(document=document), cold_charts=False)
    one_page = median_of(RUNS, lambda: html_to_pdf(ONE_PARAGRAPH))
    timings = {
        "HTML": median_of(RUNS, lambda: render_html(document)),
        "Word": median_of(RUNS, lambda: render_docx(document)),
        "PDF (from the HTML)": median_of(RUNS, lambda: html_to_pdf(html)),
        "all three": median_of(RUNS, lambda: render_all(document)),
    }
    blocks = len(document.blocks)
    print(f"{name}: {document.title} ({blocks} blocks, {len(html) // 1024} KiB of HTML)")
    print(
        f"  lower bounds: bare Jinja2 {bare * 1000:.1f} ms; WeasyPrint one paragraph {one_page * 1000:.1f} ms"
    )
    for what, seconds in timings.items():
        print(
            f"  {what:<20} {seconds * 1000:8.1f} ms  = {seconds / bare:6.1f}× bare Jinja2"
            f"  = {seconds / one_page:5.1f}× a one-paragraph PDF"
        )
    verdict = "within" if timings["all three"] <= 2.0 else "OVER"
    print(f"  all three formats: {timings['all three']:.2f} s, {verdict} the 2 s target")


def main() -> None:
    report, pack = demo_documents()
    measure("SAB annual report", report)
    measure("board pack", pack)


if __name__ == "__main__":
    main()
