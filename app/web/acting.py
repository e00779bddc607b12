"""What every workspace page does the same way: find the visitor and the registry, open a unit of
work, call a use case and say plainly why it was refused, and identify an uploaded file by its bytes."""

from collections.abc import Callable
from typing import TypeVar

import filetype
import streamlit as st
from pydantic import ValidationError

from app.settings import PlatformSettings
from app.web.components import settings
from app.web.session import Visitor, current
from flows.adapters.message_templates import TemplateRenderer
from flows.bootstrap import engine_for, london_today
from governance.rules import RuleBroken, UnknownRecord
from governance.values import is_plain
from registry.sql.evidence_records import EvidenceUnitOfWork

T = TypeVar("T")
FLASH = "done_message"
EXEMPT_TEXT = "Exempt item (Local Government Act 1972 Sch 12A paragraph {paragraph}): not shown to you."


class Page:
    """The page's settings, registry, visitor and day, found once at its top."""

    def __init__(self, title: str) -> None:
        st.title(title)
        self.config: PlatformSettings = settings()
        self.engine = engine_for(self.config.registry_url)  # the entry file checked it is ready, this run
        self.visitor: Visitor = current()
        self.today = london_today()
        if said_before := st.session_state.pop(FLASH, None):
            st.success(said_before, icon=":material/check_circle:")

    @property
    def partnership(self) -> str:
        return self.visitor.partnership

    def uow(self) -> EvidenceUnitOfWork:
        return EvidenceUnitOfWork(self.engine, partnership=self.partnership)

    @property
    def render(self) -> TemplateRenderer:
        """Renders the messages a step sends; their links point at this workspace."""
        return TemplateRenderer(self.config.workspace_url)


def said(error: Exception) -> str:
    """A refusal in the users' words: the rule's message, or each invalid value's."""
    if isinstance(error, ValidationError):
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in error.errors())
    return str(error).strip("'\"")


def attempt(action: Callable[[], T], *, done: str = "") -> T | None:
    """Runs the use case; a refusal is shown with its reason and nothing else happens."""
    try:
        result = action()
    except (RuleBroken, UnknownRecord, ValidationError) as refusal:
        st.error(f"Not done. {said(refusal)}", icon=":material/block:")
        return None
    if done:
        st.success(done, icon=":material/check_circle:")
    return result


def done(message: str) -> None:
    """Say what was done at the top of the page, run again: lists then show the change."""
    st.session_state[FLASH] = message
    st.rerun()


def identify(content: bytes, file_name: str) -> str | None:
    """The media type the file's bytes show (magic numbers); text only when it decodes as plain UTF-8."""
    kind = filetype.guess(content)
    if kind is not None:
        return kind.mime
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not is_plain(text):
        return None
    return "text/csv" if file_name.lower().endswith(".csv") else "text/plain"


def query_item(name: str) -> str | None:
    """The item a link names (``?deadline=12``), kept for the page after sign-in."""
    value = st.query_params.get(name)
    return str(value) if value else None
