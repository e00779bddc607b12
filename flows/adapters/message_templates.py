"""Renders the message templates in ``templates/`` (Jinja2) for the use cases."""

import re
from collections.abc import Mapping
from datetime import date
from importlib.resources import files
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from flows.adapters.settings import MailSettings

BLANK_LINES = re.compile(r"\n{3,}")
"""Templates' conditional parts leave runs of blank lines; a message has one between paragraphs."""


def long_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def month_year(day: date) -> str:
    return f"{day:%B %Y}"


class TemplateRenderer:
    """``workspace_url`` is where the links in messages point (``governance.notifications.links``):
    by default the setting ``GOVERN_WORKSPACE_URL``, else the front end ``govern up`` serves."""

    def __init__(self, workspace_url: str | None = None) -> None:
        self.workspace_url = workspace_url or MailSettings().workspace_url
        folder = files("templates") / "messages"
        self._env = Environment(
            loader=FileSystemLoader(str(folder)),
            undefined=StrictUndefined,
            keep_trailing_newline=True,
            autoescape=False,
        )
        self._env.filters.update(long_date=long_date, month_year=month_year)

    def render(self, template: str, context: Mapping[str, Any]) -> tuple[str, str]:
        text = self._env.get_template(f"{template}.txt.j2").render(**context)
        subject, _, body = text.partition("\n")
        return subject.strip(), BLANK_LINES.sub("\n\n", body.strip("\n")) + "\n"
