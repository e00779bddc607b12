"""Which pages a person sees, grouped by the job they do there. The roles come from the registry's
memberships; the use cases still decide each action, so a page offered is never a permission."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from governance.partnership.people import PersonOnRecord
from governance.permissions import SUB_GROUP_LEADERS
from governance.vocabulary import Role

VIEWS = Path(__file__).resolve().parent / "views"
DECIDERS = (
    Role.INDEPENDENT_CHAIR,
    Role.INDEPENDENT_SCRUTINEER,
    Role.LEAD_SAFEGUARDING_PARTNER,
    Role.COMMITTEE_CHAIR,
)


@dataclass(frozen=True)
class PageEntry:
    file: str
    title: str
    url_path: str
    icon: str
    section: str
    shown_to: Callable[[PersonOnRecord, bool], bool]
    """Whether the page is offered, given the person and whether they own any open work."""


def _everyone(person: PersonOnRecord, owns_work: bool) -> bool:
    return True


def _business_unit(person: PersonOnRecord, owns_work: bool) -> bool:
    return person.works_in_business_unit


def _submitters(person: PersonOnRecord, owns_work: bool) -> bool:
    return owns_work or person.works_in_business_unit or person.holds(*SUB_GROUP_LEADERS)


def _deciders(person: PersonOnRecord, owns_work: bool) -> bool:
    return person.works_in_business_unit or person.holds(*DECIDERS)


PAGES = (
    PageEntry("my_work.py", "My work", "my-work", ":material/task_alt:", "My work", _everyone),
    PageEntry("calendar.py", "Calendar", "calendar", ":material/calendar_month:", "My work", _everyone),
    PageEntry("submit.py", "Submit", "submit", ":material/upload_file:", "Act", _submitters),
    PageEntry("approvals.py", "Approvals", "approvals", ":material/approval:", "Act", _deciders),
    PageEntry("deadlines.py", "Deadlines", "deadlines", ":material/event:", "Business unit", _business_unit),
    PageEntry("outbox.py", "Outbox", "outbox", ":material/outbox:", "Business unit", _business_unit),
    PageEntry("registry.py", "Registry", "registry", ":material/database:", "Business unit", _business_unit),
    PageEntry(
        "action_plans.py", "Action plans", "action-plans", ":material/checklist:", "Partnership", _everyone
    ),
    PageEntry("reports.py", "Reports", "reports", ":material/description:", "Partnership", _everyone),
    PageEntry("statistics.py", "Statistics", "statistics", ":material/bar_chart:", "Partnership", _everyone),
)


def pages_for(person: PersonOnRecord, *, owns_work: bool) -> dict[str, list[PageEntry]]:
    """The pages offered to ``person``, by section, in the order of ``PAGES``."""
    sections: dict[str, list[PageEntry]] = {}
    for page in PAGES:
        if page.shown_to(person, owns_work):
            sections.setdefault(page.section, []).append(page)
    return sections
