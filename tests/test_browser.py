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
from governance.action_plans.model import ActionPlanPolicy
from governance.action_plans.use_cases import run_action_plan_update
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


@pytest.fixture
def app_url(chromium_path, bradford, sqlite_url: str, tmp_path: Path) -> Iterator[str]:
    """The app served from the repository, on the Bradford demo after the January action-plan update."""
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


def test_the_deadline_board_shows_recorded_deadlines_in_the_browser(app_url, page, tmp_path):
    page.goto(app_url)
    settle(page, "[data-testid=stDataFrame]")
    # The grid is drawn on a canvas; its cells are also kept in an accessible table for screen readers.
    cells = page.locator("[data-testid=stDataFrame] [role=gridcell]")
    cells.filter(has_text="CSE-2021/R01.1").first.wait_for(state="attached", timeout=30_000)
    shown = set(cells.all_text_contents())
    # R01.1 is completed on 28 January, so it owes no January update; R01.2 does
    assert {"CSE-2021/R01.1: complete the action", "CSE-2021/R01.2: update for January 2026"} <= shown
    assert {"overdue", "due soon"} & shown
    assert "Deadlines" in page.inner_text("h1")
    page.screenshot(path=str(tmp_path / "deadlines.png"), full_page=True)


def test_the_notifications_page_opens_from_the_navigation(app_url, page, tmp_path):
    page.goto(app_url)
    settle(page, "[data-testid=stDataFrame]")
    page.get_by_role("link", name="Notifications").click()
    settle(page, "h1:has-text('Notifications')")
    page.wait_for_selector("text=Local mail sink", timeout=30_000)
    assert "Queued" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "notifications.png"), full_page=True)


def test_a_deep_link_opens_the_page_inside_the_navigation(app_url, page, tmp_path):
    page.goto(f"{app_url}/notifications")
    settle(page, "h1:has-text('Notifications')")
    page.screenshot(path=str(tmp_path / "deep-link.png"), full_page=True)
    assert "Business unit" in page.inner_text("[data-testid=stSidebar]")
