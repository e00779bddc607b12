"""Statutory content checks: each a named rule with its citation, returning what is missing.

A report with a finding from a blocking check cannot be approved; an advisory finding is shown
but does not block.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from governance.partnership.model import PartnershipOnRecord
from governance.reports.model import ReportOnRecord
from governance.sources import Source
from governance.vocabulary import ReportKind

Test = Callable[[ReportOnRecord, PartnershipOnRecord], list[str]]


@dataclass(frozen=True, kw_only=True)
class ContentCheck:
    name: str
    requirement: str
    source: Source
    applies_to: ReportKind
    test: Test
    blocking: bool = True


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True)

    check: str
    citation: str
    message: str
    blocking: bool

    def __str__(self) -> str:
        return f"{self.message} ({self.citation})"


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.blocking]


def said(text: str) -> bool:
    return bool(text and text.strip())


def names(text: str, reference: str) -> bool:
    """``text`` names ``reference`` as a whole word: "LCSPR-10" does not name "LCSPR-1"."""
    return re.search(rf"(?<![\w/-]){re.escape(reference)}(?![\w/-])", text) is not None


def missing(label: str) -> list[str]:
    return [f"{label} is missing"]
