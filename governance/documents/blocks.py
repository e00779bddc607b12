"""Blocks every kind of document is drafted with: written text or a plain gap, the statutory checks'
findings, and a statistic as a chart that says what it counts."""

from datetime import date

from governance.dates import spoken
from governance.documents.model import Block, Chart, ChartPoint, FindingNote, Findings, Paragraph, Severity
from governance.partnership.statistics import StatisticOnRecord, axis_title, say
from governance.reports.checks import Finding

NOT_YET_WRITTEN = "[Not yet written.]"
"""What a draft shows where a section people write is still empty: the checks say it is missing."""


def written(text: str, gap: str = NOT_YET_WRITTEN) -> Paragraph:
    return Paragraph(text=text.strip() or gap)


def findings_block(findings: list[Finding]) -> Findings:
    return Findings(
        findings=tuple(
            FindingNote(
                rule=f.message,
                source=f.citation,
                severity=Severity.BLOCKS_APPROVAL if f.blocking else Severity.ADVISORY,
                detail=f.check.replace("_", " "),
            )
            for f in findings
        )
    )


def with_findings(blocks: list[Block], findings: list[Finding], *, draft: bool) -> tuple[Block, ...]:
    """A draft opens with the checks' findings (or a note that there are none); an approved
    document carries none."""
    if not draft:
        return tuple(blocks)
    return (findings_block(findings), *blocks)


def day(value: date | None, gap: str = "not recorded") -> str:
    return spoken(value) if value else gap


def _period_word(statistic: StatisticOnRecord) -> str:
    spans = [(v.ends_on - v.starts_on).days for v in statistic.values]
    if spans and all(27 <= s <= 31 for s in spans):
        return "Month"
    if spans and all(360 <= s <= 366 for s in spans):
        return "Year"
    return "Period"


def chart(statistic: StatisticOnRecord) -> Chart:
    """The statistic's values as a chart: the title and value axis say the unit, the denominator of
    a rate or percentage, and whether each figure is cumulative or for its period; the alternative
    text says every figure in words, and where the highest and lowest fall."""
    definition = statistic.definition
    word = _period_word(statistic)
    values = statistic.values
    figures = "; ".join(say(definition, v) + (f" ({v.note})" if v.note else "") for v in values)
    alternative = f"{definition.title}, by {word.lower()}: {figures}."
    if len(values) > 1:
        high = max(values, key=lambda v: v.value)
        low = min(values, key=lambda v: v.value)
        alternative += f" Highest in {high.period}, lowest in {low.period}."
    return Chart(
        title=f"{definition.title} by {word.lower()} ({axis_title(definition).lower()})",
        x_title=word,
        y_title=axis_title(definition),
        points=tuple(ChartPoint(label=v.period, value=v.value) for v in values),
        alternative=alternative,
        source=definition.source,
    )


def figures(statistics: tuple[StatisticOnRecord, ...]) -> list[Block]:
    """A chart for each statistic with several values; a sentence for one with a single value."""
    blocks: list[Block] = []
    for statistic in statistics:
        if len(statistic.values) > 1:
            blocks.append(chart(statistic))
        elif statistic.values:
            value = statistic.values[0]
            blocks.append(
                Paragraph(text=f"{statistic.definition.title}: {say(statistic.definition, value)}.")
            )
    return blocks
