"""What a cycle's run shows in Prefect, run for real: its name (cycle, partnership, date), its tags
(per partnership and cycle, on the flow run and each partnership's task), and a markdown artifact
saying what was asked of whom, what is overdue, what was sent and what failed."""

from datetime import date

import pytest
from prefect import flow, task
from prefect.cache_policies import NONE
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
from pydantic import BaseModel

from flows.bootstrap import london_today
from flows.each_partnership import run_in_turn
from flows.run_summary import CycleOutcome, publish, run_name
from governance.vocabulary import Cycle
from tests.prefect_harness import prefect_server  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.prefect, pytest.mark.usefixtures("prefect_server")]
DAY = date(2026, 12, 1)


class SubGroupRequests(BaseModel):
    """A cycle's result, shaped as every use case's is (any model with these fields will do)."""

    cycle: str = Cycle.SUB_GROUP_REPORTING.value
    as_of: date
    recipients: list[str] = []
    asked: list[str] = []
    overdue: list[str] = []
    sent: list[str] = []

    def summary(self) -> str:
        return f"{self.cycle} as of {self.as_of}: {len(self.asked)} highlight reports asked for"


@task(cache_policy=NONE, task_run_name="ask {partnership}")
def ask_for_highlight_reports(partnership: str, as_of: date) -> SubGroupRequests:
    if partnership == "corrupt":
        raise ValueError("the partnership's reminder_time is 99:99")
    return SubGroupRequests(
        as_of=as_of,
        recipients=["Amira Test"],
        asked=["the exploitation sub-group's highlight report, of Amira Test"],
        overdue=["P/R01.1, Ben Test, overdue by 3 days"],
    )


@flow(name=Cycle.SUB_GROUP_REPORTING.value, flow_run_name=run_name)
def sub_group_requests(as_of: date | None = None, partnership: str | None = None) -> CycleOutcome:
    as_of = as_of or london_today()
    outcome = CycleOutcome(cycle=Cycle.SUB_GROUP_REPORTING, as_of=as_of)
    run_in_turn(outcome, ask_for_highlight_reports, partnership, deliver=False, as_of=as_of)
    return publish(outcome)


def flow_run_of(state):
    with get_client(sync_client=True) as client:
        return client.read_flow_run(state.state_details.flow_run_id)


def artifact_of(state) -> str:
    only = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[state.state_details.flow_run_id]))
    with get_client(sync_client=True) as client:
        (artifact,) = client.read_artifacts(artifact_filter=only)
    return artifact.data


def test_a_run_is_named_after_its_cycle_partnership_and_date():
    state = sub_group_requests(as_of=DAY, partnership="bradford", return_state=True)
    assert flow_run_of(state).name == "sub-group-reporting-bradford-2026-12-01"


def test_a_run_without_a_date_is_named_for_today_in_london():
    state = sub_group_requests(partnership="bradford", return_state=True)
    assert flow_run_of(state).name == f"sub-group-reporting-bradford-{london_today().isoformat()}"


def test_the_run_carries_the_cycle_and_partnership_as_tags_and_its_tasks_are_named_for_the_partnership():
    """Task runs carry no tags: Prefect asks its server for a concurrency slot per tagged task run,
    two round trips each, which made a run over every partnership several times its work."""
    state = sub_group_requests(as_of=DAY, partnership="bradford", return_state=True)
    assert {"cycle:sub-group-reporting", "partnership:bradford"} <= set(flow_run_of(state).tags)
    from prefect.client.schemas.filters import TaskRunFilter, TaskRunFilterFlowRunId

    only = TaskRunFilter(flow_run_id=TaskRunFilterFlowRunId(any_=[state.state_details.flow_run_id]))
    with get_client(sync_client=True) as client:
        task_runs = client.read_task_runs(task_run_filter=only)
    assert task_runs and all("bradford" in task_run.name and not task_run.tags for task_run in task_runs)


def test_the_artifact_says_what_was_asked_of_whom_and_what_is_overdue():
    markdown = artifact_of(sub_group_requests(as_of=DAY, partnership="bradford", return_state=True))
    assert markdown.startswith("# Sub group reporting, 01 December 2026")
    assert "## bradford" in markdown
    assert "**Asked:** \n- the exploitation sub-group's highlight report, of Amira Test" in markdown
    assert "**Overdue:** \n- P/R01.1, Ben Test, overdue by 3 days" in markdown
    assert "**Sent:** none" in markdown and "**Failed:** none" in markdown


def test_the_artifact_says_what_failed_and_why():
    state = sub_group_requests(as_of=DAY, partnership="corrupt", return_state=True)
    assert state.is_completed()  # one partnership's failure is reported, not raised
    assert "**Failed:** ValueError: the partnership's reminder_time is 99:99" in artifact_of(state)


def test_the_outcome_keeps_any_cycles_own_result_whole():
    outcome = sub_group_requests(as_of=DAY, partnership="bradford")
    kept = outcome.model_dump(mode="json")["partnerships"][0]["cycle"]
    assert kept["asked"] == ["the exploitation sub-group's highlight report, of Amira Test"]
    assert kept["overdue"] == ["P/R01.1, Ben Test, overdue by 3 days"]
