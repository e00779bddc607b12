"""Links in messages to the page where the recipient acts: one scheme, built here and nowhere else.

``{base}/{page}?partnership=KEY&{item}=VALUE``: the page is one of ``Page``, the item one of
``Item`` (a deadline or an extension request by its number, a report by its key, an action by its
reference). The workspace asks the recipient to sign in first, then lands on the item. The base is
the workspace's address (setting ``GOVERN_WORKSPACE_URL``), handed to the use cases by the renderer.
"""

from enum import StrEnum
from typing import Any
from urllib.parse import urlencode

DEFAULT_WORKSPACE_URL = "http://127.0.0.1:8501"


class Page(StrEnum):
    MY_WORK = "my-work"
    DEADLINES = "deadlines"
    SUBMIT = "submit"
    APPROVALS = "approvals"
    ACTION_PLANS = "action-plans"
    REPORTS = "reports"
    REGISTRY = "registry"
    STATISTICS = "statistics"
    CALENDAR = "calendar"
    OUTBOX = "outbox"


class Item(StrEnum):
    DEADLINE = "deadline"
    EXTENSION = "extension"
    REPORT = "report"
    ACTION = "action"


def link(base: str, page: Page, partnership: str, item: Item | None = None, value: str | int = "") -> str:
    """The address of ``page`` for the partnership, landing on one item when named."""
    query: dict[str, str] = {"partnership": partnership}
    if item is not None:
        query[item.value] = str(value)
    return f"{base.rstrip('/')}/{page.value}?{urlencode(query)}"


def workspace_of(renderer: Any) -> str:
    """The workspace's address the renderer was set up with (``MessageRenderer.workspace_url``); a
    renderer that names none (a test's) links to the default, the address ``govern up`` serves."""
    return str(getattr(renderer, "workspace_url", None) or DEFAULT_WORKSPACE_URL)
