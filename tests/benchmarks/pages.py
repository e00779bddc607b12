"""Benchmark: each workspace page's render time in a real browser, and sign-in to My work, on the
Bradford demo (or a registry given by URL), against a lower bound: a bare Streamlit page with one
``st.write`` reached the same way.

Prints figures and ratios, asserts nothing (the targets, ≤ 1 s a page and ≤ 2 s to My work, live
here, not in timed tests). Run:

    .venv/bin/python -m tests.benchmarks.pages [sqlite:///…|postgresql+psycopg://…]

With no URL it builds a temporary SQLite registry: the demo, its accounts, and today's cycles.
A given registry must hold the demo accounts (``govern demo load``).
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.test_browser import CHROMIUM_ARGS, IDLE, free_port

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 6  # the first is the first load; the median is of the other five
MANAGER = ("joanne.pickering@bradford-council.example", "demo-joanne-pickering")
PAGES = [
    "Calendar",
    "Submit",
    "Approvals",
    "Deadlines",
    "Registry",
    "Action plans",
    "Reports",
    "Statistics",
    "My work",
]
BARE = """import streamlit as st
st.navigation([st.Page(lambda: st.title("One") or st.write("one"), title="One", url_path="one"),
               st.Page(lambda: st.title("Two") or st.write("two"), title="Two", url_path="two")]).run()
"""


def demo_registry(folder: Path) -> str:
    from flows.adapters.message_templates import TemplateRenderer
    from flows.bootstrap import london_today
    from governance.action_plans.model import ActionPlanPolicy
    from governance.action_plans.use_cases import run_action_plan_update
    from governance.deadlines.use_cases import run_calendar
    from registry.demo.accounts import load_demo_accounts
    from registry.engine import make_engine
    from registry.migrate import upgrade
    from registry.partnership_file.loader import load_partnership_file
    from registry.unit_of_work import SqlUnitOfWork

    url = f"sqlite:///{folder / 'registry.db'}"
    upgrade(url)
    engine = make_engine(url)
    load_partnership_file(engine)
    now, today = datetime.now(UTC), london_today()
    load_demo_accounts(engine, now=now)
    run_action_plan_update(
        today, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=now, policy=ActionPlanPolicy()
    )
    run_calendar(today, uow=SqlUnitOfWork(engine), render=TemplateRenderer(), now=now)
    engine.dispose()
    return url


def serve(script: Path, env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    argv = [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true", "--server.port",
            str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"]  # fmt: skip
    process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            import urllib.request

            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                return process, url
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not start; see {log}")


def timed(page, click, title: str) -> float:
    started = time.perf_counter()
    click()
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
    page.wait_for_selector(IDLE, timeout=60_000)
    return time.perf_counter() - started


def go(page, title: str) -> float:
    return timed(page, lambda: page.get_by_role("link", name=title, exact=True).click(), title)


def median_after_first(samples: list[float]) -> float:
    return statistics.median(samples[1:])


def main(url: str | None) -> None:
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="govern-pages-"))
    url = url or demo_registry(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GOVERN_")}
    env |= {"GOVERN_DATABASE_URL": url, "GOVERN_DATA_DIR": str(folder / "data")}
    (folder / "bare.py").write_text(BARE)
    app, app_url = serve(ROOT / "app" / "web" / "main.py", env, folder / "app.log")
    bare, bare_url = serve(folder / "bare.py", env, folder / "bare.log")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(bare_url)
            page.wait_for_selector(IDLE)
            lower = []
            for _ in range(ROUNDS):
                lower.append(go(page, "Two"))
                go(page, "One")
            lower_bound = median_after_first(lower)
            sign_ins = []
            for _ in range(ROUNDS):
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                fresh = context.new_page()
                fresh.goto(app_url)
                fresh.wait_for_selector("text=E-mail address")
                fresh.wait_for_selector(IDLE)
                fresh.get_by_label("E-mail address").fill(MANAGER[0])
                fresh.get_by_role("textbox", name="Password").fill(MANAGER[1])
                sign_ins.append(
                    timed(fresh, lambda f=fresh: f.get_by_role("button", name="Sign in").click(), "My work")
                )
                if len(sign_ins) < ROUNDS:
                    context.close()
            page = fresh
            print(f"registry: {url}")
            print(f"lower bound (bare page, one st.write): {lower_bound:.3f} s")
            print(f"sign-in to My work: {median_after_first(sign_ins):.3f} s "
                  f"({median_after_first(sign_ins) / lower_bound:.1f}× the lower bound; target 2 s)")  # fmt: skip
            for title in PAGES:
                samples = []
                for _ in range(ROUNDS):
                    other = "Calendar" if title == "My work" else "My work"
                    go(page, other)
                    samples.append(go(page, title))
                m = median_after_first(samples)
                flag = "" if m <= 1 else "  (over the 1 s target)"
                print(
                    f"{title:13} {m:.3f} s  first {samples[0]:.3f} s  {m / lower_bound:5.1f}× the lower bound{flag}"
                )
            browser.close()
    finally:
        for process in (app, bare):
            process.terminate()
            process.wait(timeout=15)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
