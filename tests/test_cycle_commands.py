"""``govern cycle list`` and ``govern cycle run`` without a running server: every scheduled cycle
with its next run in London time, and a one-off run that says how long Prefect's temporary server
took to start. (The run against a served deployment is in tests/test_scale_out.py.)"""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.cli.cycles import next_run
from flows.schedules import SCHEDULED_CYCLES, TIME_ZONE

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    "after", [datetime(2026, 10, 24, 12, tzinfo=UTC), datetime(2027, 3, 27, 12, tzinfo=UTC)], ids=str
)
def test_a_cycle_next_runs_at_its_london_time_on_the_day_the_clocks_change(after):
    when = next_run("30 6 * * *", after, TIME_ZONE).astimezone(LONDON)
    assert (when.date(), when.time()) == (after.date() + timedelta(days=1), time(6, 30))
    assert when.utcoffset() != after.astimezone(LONDON).utcoffset()  # the clocks changed overnight


def test_cycle_list_shows_every_scheduled_cycle_with_its_next_run_in_london(govern):
    result = govern("cycle", "list")
    assert result.exit_code == 0, result.output
    assert f"next run ({TIME_ZONE})" in result.output
    lines = result.output.splitlines()[1:]
    assert [line.split()[0] for line in lines] == [cycle.name for cycle in SCHEDULED_CYCLES]
    for cycle, line in zip(SCHEDULED_CYCLES, lines, strict=True):
        shown = re.search(r"\w{3} (\d{2} \w{3} \d{4} \d{2}:\d{2})", line).group(1)
        when = datetime.strptime(shown, "%d %b %Y %H:%M").replace(tzinfo=LONDON)
        now = datetime.now(UTC)
        assert now - timedelta(minutes=1) < when <= now + timedelta(days=366)
        assert next_run(cycle.cron, when - timedelta(minutes=1), TIME_ZONE) == when
        assert cycle.cron in line and cycle.why[:40] in line


def test_cycle_run_names_the_known_cycles_when_given_an_unknown_one(govern):
    result = govern("cycle", "run", "no-such-cycle")
    assert result.exit_code == 2
    assert f"known cycles: {', '.join(cycle.name for cycle in SCHEDULED_CYCLES)}" in result.output


@pytest.mark.prefect
def test_without_a_server_a_cycle_run_starts_prefects_temporary_server_and_says_how_long_it_took(govern):
    govern("demo", "load")
    result = govern("cycle", "run", "calendar", "--as-of", "2026-06-24", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "No Prefect server is running (`govern up` starts one)" in result.output
    took = re.search(
        r"Prefect's temporary server took (\d+\.\d) s to start, the calendar run (\d+\.\d) s", result.output
    )
    assert took, result.output
    assert (
        "DRY RUN, nothing was recorded or sent." in result.output
        and "[bradford] calendar as of" in result.output
    )
