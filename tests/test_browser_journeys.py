"""The four kinds of user, each signing in and doing their main job in a real browser on a running
``govern up`` stack (Debian's chromium through Playwright, headless). Each step is saved as a
screenshot under tests/artifacts/journeys/, and axe-core checks every page.

One stack for the module: the tests run in order, as a day in the partnership would.
"""

import email
import email.policy
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM_ARGS, IDLE, chromium_path, free_port  # noqa: F401  (fixture)
from tests.test_up import lines_of, read_until

pytestmark = [pytest.mark.browser, pytest.mark.prefect]
GOVERN = Path(sys.executable).parent / "govern"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts" / "journeys"
PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
LEAD, CHAIR, SCRUTINEER = "mark.ellison@wyp.example", "helen.achebe@bradford-partnership.example", "graham.whitfield@bradford-partnership.example"  # fmt: skip
MANAGER, AGENCY = "joanne.pickering@bradford-council.example", "siobhan.kelly@bthft-nhs.example"
PAGES = {"my-work": "My work", "calendar": "Calendar", "submit": "Submit", "approvals": "Approvals",
         "deadlines": "Deadlines", "registry": "Registry", "action-plans": "Action plans", "reports": "Reports",
         "statistics": "Statistics"}  # fmt: skip


def password_of(address: str) -> str:
    return "demo-" + address.split("@")[0].replace(".", "-")


@pytest.fixture(scope="module")
def stack(chromium_path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:  # noqa: F811
    """``govern demo load`` (the demo and its accounts), then ``govern up`` until the module ends."""
    home = tmp_path_factory.mktemp("stack")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVERN_", "PREFECT_"))}
    ports = {
        "GOVERN_PREFECT_PORT": free_port(),
        "GOVERN_APP_PORT": free_port(),
        "GOVERN_FEED_PORT": free_port(),
        "GOVERN_MAIL_SINK_PORT": free_port(),
    }
    env |= {k: str(v) for k, v in ports.items()} | {"GOVERN_DATA_DIR": str(home / "data")}
    url = f"http://127.0.0.1:{ports['GOVERN_APP_PORT']}"
    env["GOVERN_WORKSPACE_URL"] = url
    loaded = subprocess.run(
        [str(GOVERN), "demo", "load"], cwd=home, env=env, capture_output=True, text=True, timeout=300
    )
    assert loaded.returncode == 0, loaded.stderr
    process = subprocess.Popen([str(GOVERN), "up"], cwd=home, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)  # fmt: skip
    seen: list[str] = []
    try:
        read_until(lines_of(process), "Press Ctrl-C to stop.", seen, timeout=300)
        yield {"url": url, "data": home / "data", "registry": f"sqlite:///{home / 'data' / 'registry.db'}"}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser(chromium_path):  # noqa: F811
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    yield context.new_page()
    context.close()


def settle(page, text: str | None = None) -> None:
    if text:
        page.wait_for_selector(f"text={text}", timeout=30_000)
    page.wait_for_timeout(200)
    page.wait_for_selector(IDLE, timeout=60_000)


def shot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.wait_for_timeout(500)  # widgets drawn after the script ends (the upload box) are grey until then
    page.screenshot(path=str(path), full_page=True)
    print(f"screenshot: {path}")
    return path


def sign_in(page, address: str, *, at: str = "") -> None:
    if at:
        page.goto(at)
    settle(page, "Sign in")
    page.get_by_label("E-mail address").fill(address)
    page.get_by_role("textbox", name="Password").fill(password_of(address))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("[data-testid=stSidebarNavItems]", timeout=30_000)
    settle(page)


def go(page, title: str) -> None:
    page.get_by_role("link", name=title, exact=True).click()
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=30_000)
    settle(page)


def heading(page) -> str:
    return page.inner_text("h1")


def test_the_lead_submits_an_update_with_evidence(stack, page, tmp_path):
    sign_in(page, LEAD, at=f"{stack['url']}/submit?partnership=bradford&action=CSE-2021%2FR01.2")
    settle(page, "What progress was made this month")
    evidence = tmp_path / "audit-sample.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("What progress was made this month").fill(
        "Sample of 20 risk assessments audited; findings to the sub-group in January."
    )
    page.locator("[data-testid=stSelectbox]").filter(has_text="Status").click()
    page.get_by_role("option", name="at risk").click()
    page.get_by_text("amber: at risk, recoverable").click()
    page.locator("[data-testid=stFileUploaderDropzoneInput]").first.set_input_files(str(evidence))
    page.wait_for_selector("text=audit-sample.pdf", timeout=30_000)
    shot(page, "1-lead-update-form")
    page.get_by_role("button", name="Submit the update").click()
    settle(page, "Update on CSE-2021/R01.2")
    assert "with 1 evidence file(s)" in page.inner_text("body")
    shot(page, "1-lead-update-submitted")
    go(page, "My work")
    settle(page, "Update on CSE-2021/R01.2 for")  # under "What I submitted"
    shot(page, "1-lead-my-work")


def request_extension_for_the_lead(registry: str) -> int:
    from app.web.acting import identify
    from governance.evidence.model import AttachEvidence, EvidenceFor, Supports
    from governance.evidence.use_cases import attach_evidence
    from governance.extensions.model import RequestExtension
    from governance.extensions.use_cases import request_extension
    from registry.engine import make_engine
    from registry.sql.evidence_records import EvidenceUnitOfWork
    from registry.unit_of_work import SqlUnitOfWork

    command = RequestExtension(
        duty="action completion", subject="CSE-2021/R01.2", period="once", requested_by="mark-ellison",
        reason="The case system migration delayed the audit sample.", evidence="Migration notice of 3 November.",
        proposed_due_on=date(2027, 1, 29), requested_on=date.today(),
    )  # fmt: skip
    engine = make_engine(registry)
    try:
        request_id = request_extension(command, uow=SqlUnitOfWork(engine), now=datetime.now(UTC))
        about = EvidenceFor(supports=Supports.EXTENSION_REQUEST, request_id=request_id)
        evidence = AttachEvidence(
            about=about, file_name="migration-notice.pdf", content=PDF, uploaded_by="mark-ellison"
        )
        attach_evidence(evidence, uow=EvidenceUnitOfWork(engine), identify=identify, now=datetime.now(UTC))
        return request_id
    finally:
        engine.dispose()


def approve_as(page, stack, address: str, request_id: int, name: str) -> str:
    sign_in(page, address, at=f"{stack['url']}/approvals?partnership=bradford&extension={request_id}")
    assert heading(page) == "Approvals"
    page.wait_for_selector(
        "text=Download migration-notice.pdf", timeout=30_000
    )  # the evidence, for the deciders
    shot(page, f"2-{name}-approvals")
    page.get_by_role("button", name="Approve the extension").click()
    settle(page, "Recorded.")
    shot(page, f"2-{name}-approved")
    return page.inner_text("body")


def test_the_chair_approves_an_extension_and_the_scrutineer_approves_it_too(stack, page, browser):
    request_id = request_extension_for_the_lead(stack["registry"])
    assert "Still awaiting the decision of the independent scrutineer" in approve_as(
        page, stack, CHAIR, request_id, "chair"
    )
    other = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    assert "The request is approved" in approve_as(other, stack, SCRUTINEER, request_id, "scrutineer")


def test_the_business_manager_sees_the_deadline_move_and_sends_reminders_now(stack, page):
    from registry.engine import make_engine
    from registry.read_models.deadlines import deadline_board

    engine = make_engine(stack["registry"])
    rows = deadline_board(engine, partnership="bradford", as_of=date.today(), due_soon_days=14)
    engine.dispose()
    moved = next(r for r in rows if r.subject == "CSE-2021/R01.2" and r.period == "once")
    sign_in(page, MANAGER, at=f"{stack['url']}/deadlines?partnership=bradford&deadline={moved.id}")
    settle(page, "extended 1×")
    assert "first due 31 Jul 2026" in page.inner_text("body") and "extension decided" in page.inner_text(
        "body"
    )
    shot(page, "3-manager-deadline-moved")
    page.get_by_text("Reminders and outbox").click()
    settle(page, "Send reminders now")
    page.get_by_role("button", name="Send reminders now").click()
    settle(page, "Today's calendar:")
    shot(page, "3-manager-reminders-sent")


def link_in_mail(data: Path, address: str, base: str) -> str | None:
    for path in sorted((data / "mail" / "new").iterdir()):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        if address in str(message["To"]):
            found = re.search(re.escape(base) + r"/[\w-]+\?\S+", message.get_body().get_content())
            if found:
                return found.group(0)
    return None


def test_the_agency_contact_follows_the_link_in_their_email_and_lands_on_their_item(stack, page):
    link = link_in_mail(stack["data"], AGENCY, stack["url"])
    assert link, f"no message to {AGENCY} in the mail sink carries a link to the workspace"
    sign_in(page, AGENCY, at=link)
    shot(page, "4-agency-landed")
    item = re.search(r"&(\w+)=([^&\s]+)", link)
    assert item and heading(page) in PAGES.values()
    from urllib.parse import unquote

    assert unquote(item.group(2)) in page.inner_text("[data-testid=stMain]")


def test_no_page_has_a_serious_or_critical_accessibility_violation_of_ours(stack, page):
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    page.goto(stack["url"])
    settle(page, "Sign in")
    found["sign-in"] = ours(page, axe.run(page).response["violations"])
    sign_in(page, MANAGER)
    for path, title in PAGES.items():
        go(page, title)
        found[path] = ours(page, axe.run(page).response["violations"])
    assert found == {path: [] for path in ["sign-in", *PAGES]}


def ours(page, violations: list[dict]) -> list[str]:
    """Serious and critical violations outside Streamlit's own sidebar navigation: its sectioned
    ``<ul>`` holds ``<div>`` and ``<header>`` children (Streamlit 1.67's markup, not ours to fix)."""
    inside_nav = "t => !!document.querySelector(t)?.closest('[data-testid=stSidebarNavItems]')"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
        and not all(len(n["target"]) == 1 and page.evaluate(inside_nav, n["target"][0]) for n in v["nodes"])
    ]
