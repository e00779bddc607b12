"""The values a command is given, checked where the command is made: a page, a flow, a script and the
command line all meet the same refusal, worded by the rule it breaks (``governance.rules``)."""

import unicodedata
from datetime import date
from typing import Annotated

from pydantic import AfterValidator

from governance.dates import is_month_label, spoken, within_partnership_years
from governance.rules import (
    A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS,
    A_KEY_IS_SHORT_PLAIN_TEXT,
    A_MONTH_IS_A_REAL_MONTH,
    A_RECORD_NUMBER_IS_ONE_THE_REGISTRY_HOLDS,
    A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH,
    Rule,
)

LONGEST_TEXT = 20_000
LONGEST_KEY = 200
LARGEST_RECORD_NUMBER = 2**31 - 1
"""The largest id a PostgreSQL ``integer`` column holds (SQLite's are larger)."""
LINE_BREAKS = "\n\r\t"


def _refused(rule: Rule, got: object) -> ValueError:
    shown = repr(got) if len(repr(got)) <= 60 else repr(got)[:57] + "…"
    return ValueError(f"{rule.message} (given {shown})")


def check_day(day: date) -> date:
    if not within_partnership_years(day):
        raise ValueError(f"{A_DATE_FALLS_IN_THE_PARTNERSHIP_YEARS.message} (given {spoken(day)})")
    return day


def check_month(label: str) -> str:
    if not is_month_label(label):
        raise _refused(A_MONTH_IS_A_REAL_MONTH, label)
    return label


def check_record_number(number: int) -> int:
    if not 1 <= number <= LARGEST_RECORD_NUMBER:
        raise _refused(A_RECORD_NUMBER_IS_ONE_THE_REGISTRY_HOLDS, number)
    return number


def is_plain(text: str) -> bool:
    """No control characters (a NUL, an escape …) other than line breaks and tabs."""
    return not any(unicodedata.category(c) in ("Cc", "Cs") and c not in LINE_BREAKS for c in text)


def is_readable_text(text: str) -> bool:
    """Plain text of a readable length: what every free text a person writes must be."""
    return len(text) <= LONGEST_TEXT and is_plain(text)


def check_text(text: str) -> str:
    if not is_readable_text(text):
        raise _refused(A_TEXT_IS_PLAIN_AND_OF_READABLE_LENGTH, text)
    return text


def check_key(key: str) -> str:
    if len(key) > LONGEST_KEY or not is_plain(key) or any(c in LINE_BREAKS for c in key):
        raise _refused(A_KEY_IS_SHORT_PLAIN_TEXT, key)
    return key


Day = Annotated[date, AfterValidator(check_day)]
"""A date within the partnership's years (``governance.dates``)."""
Month = Annotated[str, AfterValidator(check_month)]
"""A month as monthly returns name it: ``2026-01``."""
RecordNumber = Annotated[int, AfterValidator(check_record_number)]
"""The number the registry gave a record (an extension request …)."""
Text = Annotated[str, AfterValidator(check_text)]
"""Free text someone wrote: a note, a reason, progress."""
Key = Annotated[str, AfterValidator(check_key)]
"""A key, reference, e-mail address or period, as the registry lists it."""


def said(rule: Rule, text: str) -> str:
    """The text, stripped; a refusal in the rule's words when nothing is said."""
    if not text.strip():
        raise ValueError(rule.message)
    return text.strip()
