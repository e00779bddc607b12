"""The front end in a real browser: ``streamlit run app/web/main.py`` served headless, driven by Debian's chromium."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from flows.adapters.message_templates import TemplateRenderer
from governance.accounts.use_cases import add_account
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
from registry.demo.accounts import demo_password
from registry.engine import make_engine
from registry.migrate import upgrade
from registry.partnership_file.loader import load_partnership_file
from registry.sql.accounts import SqlAccounts
from registry.unit_of_work import SqlUnitOfWork

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",
]
IDLE = "[data-testid=stApp][data-test-script-state=notRunning]"
MANAGER = "joanne.pickering@bradford-council.example"


@pytest.fixture(scope="module")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs Debian's chromium at {CHROMIUM} (apt-get install -y chromium)")
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium to run the browser tests")
    return CHROMIUM


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_health(url: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit stopped while starting (exit {server.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit was not healthy after {timeout:.0f} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def app_url(chromium_path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served from the repository, one server for the module, on the Bradford demo after
    the January action-plan update, with an account for the business manager. The tests only read."""
    tmp_path = tmp_path_factory.mktemp("browser")
    sqlite_url = f"sqlite:///{tmp_path / 'registry.db'}"
    upgrade(sqlite_url)
    bradford = make_engine(sqlite_url)
    load_partnership_file(bradford)
    add_account(
        MANAGER, demo_password("joanne-pickering"), accounts=SqlAccounts(bradford), now=datetime.now(UTC)
    )
    run_action_plan_update(
        date(2026, 1, 5),
        uow=SqlUnitOfWork(bradford),
        render=TemplateRenderer(),
        now=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        policy=ActionPlanPolicy(),
    )
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("GOVERN_")}
    env.update(GOVERN_DATABASE_URL=sqlite_url, GOVERN_DATA_DIR=str(tmp_path / "data"))
    argv = [sys.executable, "-m", "streamlit", "run", "app/web/main.py", "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    log = tmp_path / "streamlit.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        wait_for_health(f"http://127.0.0.1:{port}/_stcore/health", server, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture
def page(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield browser.new_page(viewport={"width": 1400, "height": 1000})
        finally:
            browser.close()


def settle(page, selector: str) -> None:
    """Waits for the element and for the script to finish, so nothing is a grey placeholder."""
    page.wait_for_selector(selector, timeout=30_000)
    page.wait_for_selector(IDLE, timeout=30_000)


def sign_in(page, url: str) -> None:
    page.goto(url)
    settle(page, "text=E-mail address")
    page.get_by_label("E-mail address").fill(MANAGER)
    page.get_by_role("textbox", name="Password").fill(demo_password("joanne-pickering"))
    page.get_by_role("button", name="Sign in").click()
    settle(page, "[data-testid=stSidebarNavItems]")


def test_the_deadline_board_shows_recorded_deadlines_in_the_browser(app_url, page, tmp_path):
    sign_in(page, f"{app_url}/deadlines")
    settle(page, "[data-testid=stTable]")
    cells = set(page.locator("[data-testid=stTable] td").all_text_contents())
    assert "CSE-2021/R01.2: update for January 2026" in cells
    assert any(cell.startswith("overdue by ") for cell in cells)
    assert "Deadlines" in page.inner_text("h1")
    page.screenshot(path=str(tmp_path / "deadlines.png"), full_page=True)


def test_signing_in_lands_on_my_work_and_the_navigation_offers_the_business_units_pages(app_url, page):
    sign_in(page, app_url)
    settle(page, "h1:has-text('My work')")
    sidebar = page.inner_text("[data-testid=stSidebar]")
    assert "Business unit" in sidebar and "Deadlines" in sidebar and "Joanne Pickering" in sidebar


def test_a_deep_link_asks_to_sign_in_then_opens_its_page(app_url, page, tmp_path):
    page.goto(f"{app_url}/registry")
    settle(page, "h1:has-text('Sign in')")
    assert "Business unit" not in page.inner_text("body")
    sign_in(page, f"{app_url}/registry")
    settle(page, "h1:has-text('Registry')")
    page.screenshot(path=str(tmp_path / "deep-link.png"), full_page=True)


def test_a_reload_keeps_the_session_and_signing_out_ends_it(app_url, page):
    sign_in(page, app_url)
    settle(page, "h1:has-text('My work')")
    page.wait_for_timeout(500)  # the cookie is given once the page has been drawn
    page.goto(f"{app_url}/registry")
    settle(page, "h1:has-text('Registry')")
    page.get_by_role("button", name="Sign out").click()
    settle(page, "h1:has-text('Sign in')")
    page.goto(f"{app_url}/registry")
    settle(page, "h1:has-text('Sign in')")
