"""axe-core in Debian's headless Chromium on every HTML document: no serious or critical violation of
WCAG 2.2 A/AA (nor of axe's best practices), in the draft, restricted and public versions alike, and
on the accessibility statement published with them."""

import os
from datetime import date
from pathlib import Path

import pytest

from flows.adapters.documents.html import render_html
from governance.documents.model import Audience
from tests.test_document_rendering import BUSINESS_MANAGER, a_document_with_every_block, demo_url  # noqa: F401

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
SERIOUS = {"serious", "critical"}


@pytest.fixture(scope="module")
def page():
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def violations(page, html: str) -> list[str]:
    """Each serious or critical violation: its rule, its impact and the first element it names."""
    from axe_playwright_python.sync_playwright import Axe

    page.set_content(html, wait_until="load")
    found = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {v['nodes'][0]['html'][:120]}"
        for v in found
        if v["impact"] in SERIOUS
    ]


DOCUMENTS = {
    "draft, restricted": lambda: a_document_with_every_block(),
    "draft, public": lambda: a_document_with_every_block().public(),
    "approved, public": lambda: a_document_with_every_block(draft=False).public(),
}


@pytest.mark.parametrize("version", DOCUMENTS)
def test_a_document_has_no_serious_or_critical_accessibility_violation(page, version):
    assert violations(page, render_html(DOCUMENTS[version]())) == []


def test_the_accessibility_statement_has_no_serious_or_critical_accessibility_violation(page, demo_url):  # noqa: F811
    """The statement published with a report (SI 2018/952), as publication drafts it."""
    from governance.documents.accessibility import accessibility_statement
    from governance.documents.ports import FORMATS
    from registry.engine import make_engine
    from registry.unit_of_work import SqlUnitOfWork

    with SqlUnitOfWork(make_engine(demo_url)) as uow:
        report, partnership = uow.reports.find("bsab-annual-report-2025-26"), uow.partnership.snapshot()
    statement = accessibility_statement(report, partnership, checked_on=date(2026, 12, 1), formats=FORMATS)
    assert violations(page, render_html(statement)) == []


def test_axe_finds_a_serious_violation_where_there_is_one(page):
    """The check can fail: an image without a text alternative is a critical violation."""
    html = '<html lang="en-GB"><head><title>t</title></head><body><main><h1>t</h1><img src="x.png"></main></body></html>'
    assert [v.split(" ")[0] for v in violations(page, html)] == ["image-alt"]


@pytest.fixture(scope="module")
def demo_pages(demo_url) -> dict[str, str]:  # noqa: F811 - the fixture imported above
    """The HTML of every report in the Bradford demo, public and restricted, as the business manager reads it."""
    from governance.documents.use_cases import draft_report_document
    from registry.engine import make_engine
    from registry.partnership_file.file import read_partnership_file
    from registry.partnership_file.loader import BRADFORD_DEMO
    from registry.unit_of_work import SqlUnitOfWork

    engine = make_engine(demo_url)
    pages = {
        f"{report.key} ({audience})": render_html(
            draft_report_document(
                report.key, reader=BUSINESS_MANAGER, audience=audience, uow=SqlUnitOfWork(engine)
            )
        )
        for report in read_partnership_file(BRADFORD_DEMO).reports
        for audience in Audience
    }
    engine.dispose()
    return pages


def test_every_demo_document_has_no_serious_or_critical_accessibility_violation(page, demo_pages):
    assert len(demo_pages) >= 8
    assert {name: found for name, html in demo_pages.items() if (found := violations(page, html))} == {}
