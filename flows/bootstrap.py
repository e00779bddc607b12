"""The composition root: settings in, the registry, renderer and notifier the use cases need out."""

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from pydantic import Field
from sqlalchemy.engine import Engine

from flows.adapters.apprise_notifier import AppriseNotifier
from flows.adapters.message_templates import TemplateRenderer
from flows.adapters.settings import MailSettings
from governance.action_plans.model import ActionPlanPolicy
from governance.dates import today_in_london
from registry.engine import make_engine
from registry.migrate import check_ready
from registry.settings import RegistrySettings
from registry.unit_of_work import SqlUnitOfWork

_engines: dict[str, Engine] = {}


class Settings(RegistrySettings, MailSettings):
    """What the flows read: the registry, where mail goes, and the cycles' own settings."""

    due_soon_days: int = Field(
        14, ge=0, le=90, description="an action or deadline due within this many days is due soon"
    )

    @property
    def mail_sink_dir(self) -> Path:
        return self.data_dir / "mail"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / "prefect"


def utc_now() -> datetime:
    """The one place the platform reads the clock."""
    return datetime.now(UTC)


def london_today() -> date:
    return today_in_london(utc_now())


def engine_for(url: str) -> Engine:
    """The process's engine for the registry, once the registry is checked to be at this code's
    revision (``RegistryNotReady`` says what to run otherwise)."""
    if url not in _engines:
        check_ready(url)
        _engines[url] = make_engine(url)
    return _engines[url]


@dataclass(frozen=True)
class Platform:
    settings: Settings
    clock: Callable[[], datetime] = utc_now

    @classmethod
    def from_environment(cls) -> "Platform":
        return cls(Settings())

    @property
    def engine(self) -> Engine:
        return engine_for(self.settings.registry_url)

    def uow(self, partnership: str | None = None, *, dry_run: bool = False) -> SqlUnitOfWork:
        """A unit of work for the partnership named, else ``GOVERN_PARTNERSHIP``, else the only one loaded."""
        return SqlUnitOfWork(
            self.engine, partnership=partnership or self.settings.partnership, dry_run=dry_run
        )

    @property
    def renderer(self) -> TemplateRenderer:
        return TemplateRenderer()

    @property
    def notifier(self) -> AppriseNotifier:
        return AppriseNotifier(self.settings.outgoing_email_url, self.settings.apprise_config)

    @property
    def action_plan_policy(self) -> ActionPlanPolicy:
        return ActionPlanPolicy(due_soon_days=self.settings.due_soon_days)


def drain_prefect_workers() -> None:
    """Send the flows' pending logs and events while the Prefect server still runs; afterwards they
    would keep retrying against a stopped server and hold up the exit."""
    if "prefect" not in sys.modules:
        return
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        worker.drain_all(timeout=5)
