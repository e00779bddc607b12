"""Aggregate statistics and how they are said: councillors asked that every figure say whether it
is a count or a rate per 10,000, and whether it is cumulative or for the period (seed 000)."""

from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

from governance.rules import A_FIGURE_SAYS_WHAT_IT_COUNTS


class Unit(StrEnum):
    COUNT = "count"
    RATE_PER_10000 = "rate per 10,000"
    PERCENTAGE = "percentage"


class Measure(StrEnum):
    CUMULATIVE = "cumulative"
    FOR_THE_PERIOD = "for the period"
    AT_A_DATE = "at a date"
    """A snapshot: how many on that day (e.g. children registered as home educated on 30 September)."""


class StatisticDefinition(BaseModel):
    """No defaults for unit and measure: a figure that does not say what it counts is refused."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str
    title: str
    definition: str
    unit: Unit
    measure: Measure
    denominator: str = ""
    """For a rate or percentage: of what (e.g. "children aged 0–17", "missing incidents")."""
    source: str = ""

    @model_validator(mode="after")
    def _rates_name_their_denominator(self) -> Self:
        if self.unit is not Unit.COUNT and not self.denominator.strip():
            raise ValueError(
                f"{A_FIGURE_SAYS_WHAT_IT_COUNTS.message}: a {self.unit.value} needs its denominator"
            )
        return self


class StatisticValue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    period: str
    starts_on: date
    ends_on: date
    value: float
    note: str = ""

    @model_validator(mode="after")
    def _period_runs_forwards(self) -> Self:
        if self.ends_on < self.starts_on:
            raise ValueError("a period ends on or after the day it starts")
        return self


def say(definition: StatisticDefinition, value: StatisticValue) -> str:
    """A figure in words that leave no doubt: "389 (count, cumulative, May 2020)"."""
    number = f"{value.value:,.1f}" if value.value % 1 else f"{int(value.value):,}"
    if definition.unit is Unit.PERCENTAGE:
        number += "%"
    unit = definition.unit.value + (
        f" of {definition.denominator}" if definition.unit is not Unit.COUNT else ""
    )
    return f"{number} ({unit}, {definition.measure.value}, {value.period})"


class StatisticOnRecord(BaseModel):
    """A statistic the registry holds: what it counts, and its values in the order of their periods."""

    model_config = ConfigDict(frozen=True)

    definition: StatisticDefinition
    values: tuple[StatisticValue, ...] = ()

    @property
    def key(self) -> str:
        return self.definition.key


def axis_title(definition: StatisticDefinition) -> str:
    """What a figure's value axis says: the unit, its denominator and whether it is cumulative or
    for the period: "Children (count, cumulative)", "Percentage of missing incidents, for the period"."""
    unit = definition.unit.value
    if definition.unit is not Unit.COUNT:
        unit += f" of {definition.denominator}"
    return f"{unit[0].upper()}{unit[1:]}, {definition.measure.value}"
