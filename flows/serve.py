"""Runs every scheduled cycle: served from this process, or deployed to a work pool for workers.

``python -m flows.serve`` serves every cycle on its schedule against the Prefect server named by
PREFECT_API_URL (``govern up`` starts both). ``python -m flows.serve --pool NAME`` instead deploys
every cycle from this source tree to the process work pool NAME, for ``prefect worker start --pool
NAME`` on as many machines as needed (README "Running at scale"), with the rule that marks a run
whose worker died as crashed, so it can be retried.
"""

import argparse
from datetime import timedelta
from pathlib import Path
from uuid import UUID

from prefect import Flow, serve
from prefect.schedules import Cron

from flows.schedules import SCHEDULED_CYCLES, TIME_ZONE, deployments

SOURCE = Path(__file__).resolve().parents[1]
ZOMBIE_RULE = "a running cycle whose heartbeat stopped is crashed"
NEVER_STARTED_RULE = "a cycle run claimed by a worker that never started it is crashed"
ENDED = ("Completed", "Failed", "Cancelled", "Crashed")


def entrypoint(flow: Flow) -> str:
    """The flow's ``path:function`` within the source tree, as a worker loads it."""
    module = flow.fn.__module__
    return f"{module.replace('.', '/')}.py:{flow.fn.__name__}"


def deploy_to_pool(pool: str, *, paused: bool = False) -> dict[str, UUID]:
    """Deploy every cycle to the work pool ``pool`` from this source tree, on its schedule
    (``paused``: schedules off, runs only when triggered); the deployments' ids by cycle."""
    deployed = {}
    for cycle in SCHEDULED_CYCLES:
        deployed[cycle.name] = Flow.from_source(source=str(SOURCE), entrypoint=entrypoint(cycle.flow)).deploy(
            name=cycle.name,
            work_pool_name=pool,
            schedules=[Cron(cycle.cron, timezone=TIME_ZONE)],
            paused=paused,
            description=cycle.why,
            tags=[f"cycle:{cycle.name}"],
            build=False,
            push=False,
            print_next_steps=False,
            ignore_warnings=True,
        )
    return deployed


def crash_lost_runs(within: timedelta | None = None) -> list[UUID]:
    """The rules that mark a run whose worker died as crashed, so it shows as such and can be
    retried: a running flow run that stops sending heartbeats (workers send one every
    PREFECT_FLOWS_HEARTBEAT_FREQUENCY seconds), and a run a worker claimed (pending) that never
    started. ``within`` defaults to three heartbeats as this process's settings have them; it must
    exceed the workers' interval. Idempotent: rules already there are kept."""
    if within is None:
        from prefect.settings import get_current_settings

        within = timedelta(seconds=3 * (get_current_settings().flows.heartbeat_frequency or 180))
    return [
        # a run killed before its first heartbeat reached the server counts from its Running state
        _crash_unless(ZOMBIE_RULE, after=("Running", "heartbeat"), expect=("heartbeat",), within=within),
        _crash_unless(NEVER_STARTED_RULE, after=("Pending",), expect=("Running",), within=within),
    ]


def _crash_unless(name: str, *, after: tuple[str, ...], expect: tuple[str, ...], within: timedelta) -> UUID:
    from prefect.automations import Automation
    from prefect.client.schemas.objects import StateType
    from prefect.events.actions import ChangeFlowRunState
    from prefect.events.schemas.automations import EventTrigger, Posture

    try:
        return Automation.read(name=name).id
    except ValueError:  # not there yet
        pass
    rule = Automation(
        name=name,
        trigger=EventTrigger(
            after={f"prefect.flow-run.{event}" for event in after},
            expect={f"prefect.flow-run.{event}" for event in (*expect, *ENDED)},
            match={"prefect.resource.id": ["prefect.flow-run.*"]},
            for_each={"prefect.resource.id"},
            posture=Posture.Proactive,
            threshold=1,
            within=within,
        ),
        actions=[ChangeFlowRunState(state=StateType.CRASHED, message=f"{name} (nothing within {within})")],
    )
    return rule.create().id


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--pool", help="deploy every cycle to this process work pool instead of serving")
    parser.add_argument("--paused", action="store_true", help="with --pool: schedules off (runs on demand)")
    options = parser.parse_args(argv)
    if options.pool is None:
        serve(*deployments(), print_starting_message=False)
        return
    for name, deployment_id in deploy_to_pool(options.pool, paused=options.paused).items():
        print(f"deployed {name} to work pool {options.pool} ({deployment_id})")
    for rule in crash_lost_runs():
        print(f"rule for runs whose worker died: {rule}")


if __name__ == "__main__":
    main()
