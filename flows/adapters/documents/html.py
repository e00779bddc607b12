"""A document as one accessible HTML page, from the templates in ``templates/documents``.

The same page is what the PDF is printed from, so what a reader sees on the web and on paper is one
rendering. Text is escaped; the charts' SVG is the only markup that comes in whole (drawn here).
"""

from datetime import date
from functools import cache
from importlib.resources import files

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from flows.adapters.documents import charts
from governance.documents.model import Chart, ChartPoint, Document


def figure(value: float) -> str:
    """A chart's value as its table shows it: whole numbers without a decimal point."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def chart_rows(points: tuple[ChartPoint, ...]) -> list[tuple[str, str]]:
    return [(point.label, figure(point.value)) for point in points]


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@cache
def environment() -> Environment:
    folder = files("templates") / "documents"
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["j2", "html"], default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(chart_svg=_chart_svg, chart_rows=chart_rows, long_date=long_date)
    return env


def _chart_svg(chart: Chart) -> Markup:
    # Drawn here by vl-convert, which escapes the labels it writes (a test tries markup in a label).
    return Markup(charts.svg(chart))


def render_html(document: Document) -> str:
    """The document as a standalone HTML page (style sheet inline, charts inline as SVG)."""
    return environment().get_template("document.html.j2").render(document=document)
