"""The rule catalogue: every rule the platform applies, its source, its default, and how binding
it is — generated from the tables the code runs on, so it cannot drift from them.

``govern rules`` prints it; the README's catalogue is this, as markdown (a test keeps them equal).
"""

from datetime import timedelta

from pydantic import BaseModel, ConfigDict

from governance.accounts.model import DEFAULT_SETTINGS, AccountSettings, account_rules
from governance.deadlines.obligations import OBLIGATIONS
from governance.evidence.model import RULES as EVIDENCE_RULES
from governance.policy import GovernancePolicy
from governance.reports.catalogue import CONTENT_CHECKS
from governance.rules import all_rules
from governance.sources import Source, law, local_policy, practice

AREAS = ("calendar", "deadline", "escalation", "content check", "sign-in", "refusal")


class CatalogueEntry(BaseModel):
    model_config = ConfigDict(frozen=True)

    area: str
    name: str
    rule: str
    default: str
    source: str
    authority: str
    unconfirmed: bool = False

    @property
    def binding(self) -> str:
        return self.authority + (" (detail unconfirmed: a setting)" if self.unconfirmed else "")


def _entry(*, area: str, name: str, rule: str, default: str, source: Source) -> CatalogueEntry:
    return CatalogueEntry(
        area=area,
        name=name,
        rule=rule,
        default=default,
        source=source.citation,
        authority=source.authority.value,
        unconfirmed=source.unconfirmed,
    )


def _calendar(policy: GovernancePolicy) -> list[CatalogueEntry]:
    return [
        _entry(
            area="calendar",
            name="working days",
            rule="Working days are Monday to Friday except England and Wales bank holidays and substitute days",
            default="offline calendar (holidays package, GB-ENG)",
            source=practice("Banking and Financial Dealings Act 1971 Sch 1; royal proclamations"),
        ),
        _entry(
            area="calendar",
            name="clear days",
            rule="Clear days exclude the day of publication and the day of the meeting",
            default="working days only" if policy.clear_days_are_working_days else "calendar days",
            source=practice("R v Swansea CC ex p Elitestone (1993); council practice", unconfirmed=True),
        ),
        _entry(
            area="calendar",
            name="months after",
            rule="N months after a date is the same day N months later, or the month's last day: 31 January + 1 month is 28/29 February",
            default="—",
            source=local_policy(),
        ),
        _entry(
            area="calendar",
            name="financial year",
            rule="A financial year runs 1 April to 31 March and is labelled 2025/26",
            default="—",
            source=law('Interpretation Act 1978 Sch 1 ("financial year")'),
        ),
        _entry(
            area="calendar",
            name="local times",
            rule="Deadlines are dates in Europe/London; reminders go out at a London time, which stays put across clock changes",
            default=policy.reminder_time.strftime("%H:%M"),
            source=local_policy(),
        ),
        _entry(
            area="calendar",
            name="first run",
            rule="A partnership's first calendar run records every deadline still unmet since it went live; later runs catch up what fell due since the last",
            default=(
                policy.live_from.strftime("%d/%m/%Y")
                if policy.live_from
                else "live from the start of the previous financial year"
            )
            + f"; later runs catch up {policy.catch_up_days} days",
            source=local_policy(),
        ),
        _entry(
            area="deadline",
            name="no update for the month an action is completed",
            rule="An action owes a monthly update for each month it is open in, except the month it is completed in: its completion is that month's report",
            default="—",
            source=local_policy("seed 003 §2.89 (the plan is updated monthly); local policy"),
        ),
    ]


def _escalation(policy: GovernancePolicy) -> list[CatalogueEntry]:
    ladder = "; ".join(f"{s.name} ({s.days:+d} days, {s.audience.value})" for s in policy.escalation)
    rule = "Reminders before a deadline, then overdue notices to the owner, then the sub-group lead or business manager, then the independent chair; each step taken once per due date, stale steps skipped"
    return [
        _entry(area="escalation", name="escalation ladder", rule=rule, default=ladder, source=local_policy())
    ]


def _sign_in(settings: AccountSettings = DEFAULT_SETTINGS) -> list[CatalogueEntry]:
    """How sign-in behaves: local policy, following the NCSC's guidance for staff systems."""
    source = local_policy("local policy (NCSC password and session guidance)")

    def minutes(span: timedelta) -> str:
        whole = int(span.total_seconds() // 60)
        return f"{whole // 60} hours" if whole >= 120 and whole % 60 == 0 else f"{whole} minutes"

    return [
        _entry(
            area="sign-in",
            name="failed sign-ins",
            rule="Failed sign-ins to one address within the window refuse further attempts until it passes",
            default=f"{settings.max_failures} in {minutes(settings.failure_window)}",
            source=source,
        ),
        _entry(
            area="sign-in",
            name="session",
            rule="A session ends after a time without activity, and after a time in all",
            default=f"{minutes(settings.idle_timeout)} idle; {minutes(settings.absolute_timeout)} in all",
            source=source,
        ),
        _entry(
            area="sign-in",
            name="password",
            rule="A password is long, and not one of the obvious ones",
            default=f"{settings.min_password_length} to {settings.max_password_length} characters",
            source=source,
        ),
    ]


def catalogue(policy: GovernancePolicy | None = None) -> list[CatalogueEntry]:
    policy = policy or GovernancePolicy()
    deadlines = [
        _entry(
            area="deadline",
            name=o.duty.value,
            rule=o.rule + ("" if o.extendable else " (not extended locally)"),
            default=o.setting(policy),
            source=o.source,
        )
        for o in OBLIGATIONS
    ]
    checks = [
        _entry(
            area="content check",
            name=c.name,
            rule=f"{c.applies_to.value}: {c.requirement}" + ("" if c.blocking else " (advisory)"),
            default="blocks approval" if c.blocking else "shown, does not block",
            source=c.source,
        )
        for c in CONTENT_CHECKS
    ]
    refusals = [
        _entry(area="refusal", name=r.name, rule=r.message, default="—", source=r.source)
        for r in [*all_rules(), *account_rules(), *EVIDENCE_RULES]
    ]
    return _calendar(policy) + deadlines + _escalation(policy) + checks + _sign_in() + refusals


def settings_markdown() -> str:
    """The partnership settings (a partnership file's ``policy:`` section), their defaults and meaning."""
    lines = ["| setting | default | meaning |", "|---|---|---|"]
    for name, field in GovernancePolicy.model_fields.items():
        default = field.default
        if name == "escalation":
            shown = "reminders at -14, -7 and -1 days; overdue notice at +1; lead at +7; chair at +21"
        elif default is None:
            shown = "—"
        elif hasattr(default, "strftime"):
            shown = default.strftime("%H:%M")
        else:
            shown = str(default).lower() if isinstance(default, bool) else str(default)
        lines.append(f"| `{name}` | {_cell(shown)} | {_cell(field.description or '')} |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def as_markdown(entries: list[CatalogueEntry]) -> str:
    lines = ["| area | rule | default | source | binding |", "|---|---|---|---|---|"]
    lines += [
        f"| {e.area} | **{_cell(e.name)}**: {_cell(e.rule)} | {_cell(e.default)} | {_cell(e.source)} | {e.binding} |"
        for e in entries
    ]
    return "\n".join(lines) + "\n"
