"""The composition root: settings in, the registry, renderer and notifier the use cases need out."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.engine import Engine

from flows.notifier import AppriseNotifier
from flows.rendering import TemplateRenderer
from governance.action_plan import ActionPlanPolicy
from governance.calendar import today_in_london
from registry.db import make_engine
from registry.settings import Settings
from registry.unit_of_work import SqlUnitOfWork

_engines: dict[str, Engine] = {}


def utc_now() -> datetime:
    """The one place the platform reads the clock."""
    return datetime.now(UTC)


def london_today() -> date:
    return today_in_london(utc_now())


def engine_for(url: str) -> Engine:
    if url not in _engines:
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

    def uow(self, *, dry_run: bool = False) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, dry_run=dry_run)

    @property
    def renderer(self) -> TemplateRenderer:
        return TemplateRenderer()

    @property
    def notifier(self) -> AppriseNotifier:
        return AppriseNotifier(self.settings.outgoing_email_url, self.settings.apprise_config)

    @property
    def action_plan_policy(self) -> ActionPlanPolicy:
        return ActionPlanPolicy(due_soon_days=self.settings.due_soon_days)
