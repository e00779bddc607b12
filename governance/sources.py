"""Where a rule comes from, and how binding it is: the column the rule catalogue shows."""

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Authority(StrEnum):
    """How binding a rule is. The catalogue shows it so nobody mistakes local habit for law."""

    LAW = "law"
    STATUTORY_GUIDANCE = "statutory guidance"
    PRACTICE = "practice"
    SEED = "seed"
    """Stated in the council papers the platform was specified from (``shared/seeds``)."""
    LOCAL_POLICY = "local policy"


class Source(BaseModel):
    """A citation, how binding it is, and whether its detail is confirmed or kept as a setting."""

    model_config = ConfigDict(frozen=True)

    citation: str
    authority: Authority
    unconfirmed: bool = False
    """The detail (a timescale, a date) is not confirmed in the source: it is a setting, not a constant."""

    def __str__(self) -> str:
        return self.citation


def law(citation: str, *, unconfirmed: bool = False) -> Source:
    return Source(citation=citation, authority=Authority.LAW, unconfirmed=unconfirmed)


def guidance(citation: str, *, unconfirmed: bool = False) -> Source:
    return Source(citation=citation, authority=Authority.STATUTORY_GUIDANCE, unconfirmed=unconfirmed)


def practice(citation: str, *, unconfirmed: bool = False) -> Source:
    return Source(citation=citation, authority=Authority.PRACTICE, unconfirmed=unconfirmed)


def seed(citation: str) -> Source:
    return Source(citation=citation, authority=Authority.SEED)


def local_policy(citation: str = "local policy") -> Source:
    return Source(citation=citation, authority=Authority.LOCAL_POLICY)


# Citations used in more than one place.
CARE_ACT_SCH2_PARA3 = "Care Act 2014 Sch 2 para 3"
CARE_ACT_SCH2_PARA4 = "Care Act 2014 Sch 2 para 4"
WORKING_TOGETHER = "Working Together to Safeguard Children 2023"
LGA_1972_SCH12A = "Local Government Act 1972 Sch 12A Part 1"
