"""A partnership described in one YAML file, validated before anything is written.

Every problem is reported in one pass, each naming its entry (``plans[0] cse-thematic-review ›
recommendations[3] 4 › actions[0] CSE-2021/R04.1 › due_on: …``) so the business unit can fix the
file: the fields of each entry (``entries``, pydantic), and what crosses entries (``cross_checks``:
keys defined once, references that resolve, reports on the right kind of board, published reports
with their approvals), which runs over whatever parsed. A file that cannot be read at all
(``reading``: too large, not UTF-8, not YAML, too deep) is one sentence.
"""

from pathlib import Path
from typing import Any, Self

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from governance.policy import GovernancePolicy
from registry.partnership_file.addressees import AddresseeEntry, by_recipient, recipients_known
from registry.partnership_file.cross_checks import REPORT_BOARDS, cross_entry_problems
from registry.partnership_file.entries import (
    AgencyEntry,
    BoardEntry,
    CaseReviewEntry,
    EnquiryEntry,
    Entry,
    PersonEntry,
    PlanEntry,
    ReportEntry,
    ResolutionEntry,
    StatisticEntry,
    SubGroupEntry,
)
from registry.partnership_file.errors import PartnershipFileError
from registry.partnership_file.messages import field_problem, last_path, problem_list
from registry.partnership_file.reading import read_data

__all__ = ["REPORT_BOARDS", "PartnershipFile", "PartnershipFileError", "read_partnership_file"]

_CHECKED_APART = "cross-entry problems are checked over the raw data"


class PartnershipEntry(Entry):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$")
    name: str
    area: str


class PartnershipFile(Entry):
    partnership: PartnershipEntry
    policy: GovernancePolicy = GovernancePolicy()
    boards: list[BoardEntry]
    agencies: list[AgencyEntry] = []
    sub_groups: list[SubGroupEntry] = []
    people: list[PersonEntry] = []
    plans: list[PlanEntry] = []
    resolutions: list[ResolutionEntry] = []
    enquiries: list[EnquiryEntry] = []
    case_reviews: list[CaseReviewEntry] = []
    reports: list[ReportEntry] = []
    statistics: list[StatisticEntry] = []
    statutory_recipients: dict[str, AddresseeEntry] = Field(
        {}, description="who each statutory recipient of a published report is, keyed by its short name"
    )
    """Keyed by ``Recipient`` once validated (the file may name each by its short name)."""

    @field_validator("statutory_recipients", mode="before")
    @classmethod
    def _recipients_known(cls, value: Any) -> Any:
        return recipients_known(value)

    @field_validator("statutory_recipients", mode="after")
    @classmethod
    def _by_recipient(cls, value: dict[str, AddresseeEntry]) -> dict[str, AddresseeEntry]:
        return by_recipient(value)

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Self:
        if info.context != _CHECKED_APART and (problems := cross_entry_problems(self.model_dump())):
            raise ValueError("; ".join(problems))
        return self

    def policy_overrides(self) -> dict[str, Any]:
        """The settings the file sets explicitly (the rest follow the defaults as they evolve)."""
        return self.policy.model_dump(mode="json", exclude_unset=True)


def read_partnership_file(path: Path) -> PartnershipFile:
    data, problems = read_data(path)
    if not isinstance(data, dict):
        shape = "nothing" if data is None else f"a {type(data).__name__}"
        raise PartnershipFileError(
            f"{path}: holds {shape}, not a partnership (a mapping with partnership:, boards:, people: …)"
        )
    try:
        file = PartnershipFile.model_validate(data, context=_CHECKED_APART)
    except ValidationError as error:
        end = last_path(data)
        problems = [field_problem(data, e, end) for e in error.errors()] + problems
    problems += cross_entry_problems(data)
    if problems:
        raise PartnershipFileError(problem_list(str(path), problems))
    return file
