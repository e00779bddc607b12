"""Every figure says what it counts: a count or a rate (of what), cumulative or for the period."""

import re
from datetime import date

import pytest
from pydantic import ValidationError

from governance.partnership.statistics import Measure, StatisticDefinition, StatisticValue, Unit, say
from governance.rules import A_FIGURE_SAYS_WHAT_IT_COUNTS


def definition(**overrides: object) -> StatisticDefinition:
    values: dict[str, object] = dict(
        key="referrals",
        title="Referrals",
        definition="Referrals to children's social care",
        unit=Unit.COUNT,
        measure=Measure.CUMULATIVE,
    )
    values.update(overrides)
    return StatisticDefinition.model_validate(values)


def figure(
    value: float,
    period: str = "May 2020",
    starts_on: date = date(2020, 4, 1),
    ends_on: date = date(2020, 5, 31),
) -> StatisticValue:
    return StatisticValue(period=period, starts_on=starts_on, ends_on=ends_on, value=value)


@pytest.mark.parametrize("unit", [Unit.RATE_PER_10000, Unit.PERCENTAGE])
@pytest.mark.parametrize("denominator", ["", "   "])
def test_a_rate_or_percentage_without_a_denominator_is_refused_with_the_rules_message(unit, denominator):
    with pytest.raises(ValidationError, match=re.escape(A_FIGURE_SAYS_WHAT_IT_COUNTS.message)):
        definition(unit=unit, denominator=denominator)


def test_a_rate_with_its_denominator_and_a_count_without_one_are_accepted():
    assert (
        definition(unit=Unit.RATE_PER_10000, denominator="children aged 0–17").denominator
        == "children aged 0–17"
    )
    assert definition(unit=Unit.COUNT).denominator == ""


@pytest.mark.parametrize("field", ["unit", "measure"])
def test_unit_and_measure_have_no_defaults(field):
    values = dict(
        key="referrals", title="Referrals", definition="Referrals", unit="count", measure="cumulative"
    )
    del values[field]
    with pytest.raises(ValidationError) as refused:
        StatisticDefinition.model_validate(values)
    assert [(e["loc"], e["type"]) for e in refused.value.errors()] == [((field,), "missing")]


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValidationError):
        definition(unit="per cent")


def test_a_count_is_said_with_its_unit_measure_and_period():
    assert say(definition(), figure(389)) == "389 (count, cumulative, May 2020)"


def test_a_percentage_is_said_with_what_it_is_a_percentage_of():
    missing = definition(
        unit=Unit.PERCENTAGE,
        measure=Measure.FOR_THE_PERIOD,
        denominator="missing incidents with a return interview offered",
    )
    said = say(missing, figure(48.3, period="2018", starts_on=date(2018, 1, 1), ends_on=date(2018, 12, 31)))
    assert (
        said
        == "48.3% (percentage of missing incidents with a return interview offered, for the period, 2018)"
    )


def test_a_rate_per_10000_is_said_with_its_denominator_at_a_date():
    rate = definition(unit=Unit.RATE_PER_10000, measure=Measure.AT_A_DATE, denominator="children aged 0–17")
    said = say(
        rate, figure(12.7, period="31 March 2025", starts_on=date(2025, 3, 31), ends_on=date(2025, 3, 31))
    )
    assert said == "12.7 (rate per 10,000 of children aged 0–17, at a date, 31 March 2025)"


def test_large_whole_numbers_are_said_with_thousands_separators():
    assert say(definition(), figure(12345.0)) == "12,345 (count, cumulative, May 2020)"


def test_a_period_ending_before_it_starts_is_refused():
    with pytest.raises(ValidationError, match="a period ends on or after the day it starts"):
        figure(1, starts_on=date(2020, 5, 31), ends_on=date(2020, 4, 1))


def test_a_period_of_a_single_day_is_accepted():
    assert figure(1, starts_on=date(2025, 9, 30), ends_on=date(2025, 9, 30)).ends_on == date(2025, 9, 30)
