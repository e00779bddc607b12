"""``govern up`` end to end, as a user runs it: the platform comes up, the page shows the Bradford
partnership's deadlines, a cycle run from a second terminal puts e-mail in the local mail sink,
and Ctrl-C stops everything."""

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from tests.test_browser import chromium_path, free_port, page, settle, sign_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.prefect]
GOVERN = Path(sys.executable).parent / "govern"


def lines_of(process: subprocess.Popen) -> "queue.Queue[str]":
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    return lines


def read_until(lines: "queue.Queue[str]", marker: str, seen: list[str], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not any(marker in line for line in seen):
        try:
            seen.append(lines.get(timeout=max(0.1, deadline - time.monotonic())))
        except queue.Empty:
            pytest.fail(f"no {marker!r} after {timeout:.0f} s; output so far:\n{''.join(seen)}")


def queued_count(output: str) -> int:
    return int(re.search(r"messages: (\d+) queued", output).group(1))


def sent_count(output: str) -> int:
    """Everything the runs in ``output`` delivered (reminders wait for 09:00 London, so this depends on the hour)."""
    return sum(int(n) for n in re.findall(r"^notifications: (\d+) sent", output, flags=re.MULTILINE))


def runs_named(prefect_port: int, name: str) -> list[dict]:
    """The flow runs of that name on the platform's Prefect server (name: cycle-partnership-date)."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{prefect_port}/api/flow_runs/filter",
        data=json.dumps({"flow_runs": {"name": {"any_": [name]}}}).encode(),
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


@pytest.fixture
def platform_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GOVERN_", "PREFECT_"))}
    ports = dict(
        GOVERN_PREFECT_PORT=free_port(),
        GOVERN_APP_PORT=free_port(),
        GOVERN_MAIL_SINK_PORT=free_port(),
        GOVERN_FEED_PORT=free_port(),
    )
    return {**env, **{k: str(v) for k, v in ports.items()}, "GOVERN_DATA_DIR": str(tmp_path / "data")}


def ignoring_ctrl_c() -> None:
    """As a shell starts a background job (or a parent that ignores SIGINT starts its child): Ctrl-C
    must still stop ``govern up``."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def test_govern_up_runs_the_platform_until_ctrl_c(platform_env, page, tmp_path):  # noqa: F811
    process = subprocess.Popen(
        [str(GOVERN), "up"],
        preexec_fn=ignoring_ctrl_c,
        cwd=tmp_path,
        env=platform_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    seen: list[str] = []
    lines = lines_of(process)
    mail = tmp_path / "data" / "mail" / "new"
    try:
        read_until(lines, "Press Ctrl-C to stop.", seen, timeout=240)
        output = "".join(seen)
        assert "loaded the Bradford demo partnership" in output
        queued = queued_count(output)
        first = re.search(r"^notifications: (\d+) sent(?:.*?(\d+) held for the daily digest)?", output, re.M)
        # the action-plan requests (and the plans' monthly summaries) sent, or held for a digest
        assert queued > 0 and first and int(first[1]) + int(first[2] or 0) >= queued, output
        assert "calendar as of" in output and "deadlines recorded:" in output
        sent = sent_count(output)
        assert len(list(mail.iterdir())) == sent >= queued

        # the demo's accounts were made by `govern up` itself: the business manager signs in
        sign_in(page, f"http://127.0.0.1:{platform_env['GOVERN_APP_PORT']}/deadlines")
        settle(page, "[data-testid=stTable]")
        cells = page.locator("[data-testid=stTable] td")
        cells.filter(has_text="CSE-2021/").first.wait_for(state="attached", timeout=30_000)
        assert any(c.startswith("overdue by ") for c in cells.all_text_contents())

        second_terminal = subprocess.run(
            [str(GOVERN), "cycle", "run", "action-plan-update", "--as-of", "2026-01-05", "--yes"],
            cwd=tmp_path, env=platform_env, capture_output=True, text=True, timeout=180,
        )  # fmt: skip
        assert second_terminal.returncode == 0, second_terminal.stderr
        assert "running on the platform's Prefect server" in second_terminal.stdout  # its served deployment
        january = queued_count(second_terminal.stdout)
        assert january == 9, "every demo owner has open actions on 5 January 2026"
        held = sum(int(n) for n in re.findall(r"(\d+) held for", second_terminal.stdout))  # digest people
        assert sent_count(second_terminal.stdout) + held >= january
        assert len(list(mail.iterdir())) == sent + sent_count(second_terminal.stdout)
        (run,) = runs_named(int(platform_env["GOVERN_PREFECT_PORT"]), "action-plan-update-all-2026-01-05")
        assert run["deployment_id"] and run["state_type"] == "COMPLETED"  # under its served deployment
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail("govern up did not stop within 60 s of Ctrl-C")
    read_until(lines, "stopped.", seen, timeout=5)
    assert process.returncode == 0
