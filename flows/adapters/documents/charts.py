"""A document's charts, drawn offline: Altair describes each chart, vl-convert draws it, as SVG for
HTML and PDF (vector, with its text alternative inside) and as PNG for Word.

The chart's title and axes are the ``Chart``'s own words, which say the unit, whether the figure is
cumulative or for the period, and the denominator of any rate; nothing here invents a label.
"""

import re
from functools import lru_cache
from html import escape

import altair as alt
import vl_convert

from governance.documents.model import Chart

WIDTH = 520
HEIGHT = 240
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
BAR = "#1d4f91"
"""A dark blue: 8.6:1 against white, so the bars meet the 3:1 of WCAG 2.2 1.4.11 with room to spare."""


def spec(chart: Chart) -> dict:
    """The Vega-Lite specification of a chart: bars in the order of the data, axes titled as given."""
    values = [{"label": point.label, "value": point.value} for point in chart.points]
    drawn = (
        alt.Chart(alt.Data(values=values))
        .mark_bar(color=BAR)
        .encode(
            x=alt.X("label:N", sort=None, title=chart.x_title, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("value:Q", title=chart.y_title),
            tooltip=[
                alt.Tooltip("label:N", title=chart.x_title),
                alt.Tooltip("value:Q", title=chart.y_title),
            ],
        )
        .properties(title=chart.title, width=WIDTH, height=HEIGHT)
        .configure(font=FONT, aria=False)
        .configure_axis(labelColor="#0b0c0c", titleColor="#0b0c0c", labelFontSize=11, titleFontSize=12)
        .configure_title(color="#0b0c0c", fontSize=14, anchor="start")
    )
    return drawn.to_dict()


@lru_cache(maxsize=64)
def svg(chart: Chart) -> str:
    """The chart as an SVG image whose accessible name and description are the chart's alternative."""
    drawn = vl_convert.vegalite_to_svg(spec(chart))
    return _labelled(drawn, title=chart.title, description=chart.alternative)


@lru_cache(maxsize=64)
def png(chart: Chart) -> bytes:
    """The chart as a PNG at twice screen resolution, for Word (which cannot take SVG alone), drawn
    from the SVG already made for the HTML (a third of the time of drawing it again from Vega-Lite)."""
    return vl_convert.svg_to_png(svg(chart), scale=2)


DATA_FOLLOWS = "The figures are in the table that follows the chart."
_SVG_OPENING = re.compile(r"<svg\b([^>]*)>")
_INNER_ROLES = re.compile(r'\s(?:role|aria-[a-z]+)="[^"]*"')


def _labelled(drawn: str, *, title: str, description: str) -> str:
    """Give the drawn SVG ``role="img"``, an accessible name and a description, and let it scale."""
    opening = _SVG_OPENING.search(drawn)
    if opening is None:
        raise ValueError("vl-convert drew no <svg> element")
    attributes = re.sub(r'\s(width|height)="[^"]*"', "", opening.group(1))
    attributes = re.sub(r'\sclass="[^"]*"', "", attributes)
    name = f"{title}: {description}"
    # The <title> is also the PDF figure's /Alt (WeasyPrint reads it), so it carries the whole alternative.
    tag = (
        f'<svg{attributes} class="chart" role="img" aria-label="{escape(name, quote=True)}" focusable="false"'
        f' preserveAspectRatio="xMinYMin meet"><title>{escape(name)}</title><desc>{DATA_FOLLOWS}</desc>'
    )
    inside = _INNER_ROLES.sub("", drawn[opening.end() :])  # an image's parts are not read one by one
    return drawn[: opening.start()] + tag + inside
