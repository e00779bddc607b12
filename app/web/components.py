"""Helpers every page shares: the settings, and the registry opened with a clear message instead of
a traceback. No SQL here: the pages' data comes from ``registry.queries`` and ``registry.read_models``."""

from datetime import datetime

import streamlit as st
from pydantic import ValidationError

from app.settings import PlatformSettings as Settings
from flows.bootstrap import engine_for
from governance.dates import LONDON
from registry.migrate import current_revision, head_revision
from registry.partnership_file.loader import registry_is_empty


def settings() -> Settings:
    """The GOVERN_* settings, or the page stops with what is wrong in them."""
    try:
        return Settings()
    except ValidationError as error:
        st.error(f"The GOVERN_* settings are not valid:\n\n{error}")
        st.stop()


def registry_problem(url: str) -> str | None:
    """What stops the pages reading the registry, with the command that fixes it; None when nothing does."""
    try:
        revision = current_revision(url)
    except Exception as error:  # whichever driver's connection error: say so on the page
        return f"The registry cannot be reached ({type(error).__name__}). Check `GOVERN_DATABASE_URL`.\n\n{error}"
    if revision != head_revision():
        return "The registry's tables are missing or out of date. Run `govern db upgrade`, then `govern demo load`."
    if registry_is_empty(engine_for(url)):
        return (
            "The registry is empty: no partnership is loaded. Run `govern demo load` for the Bradford demo."
        )
    return None


def open_registry(config: Settings):  # -> sqlalchemy Engine; the app does not import sqlalchemy itself
    """The registry's engine; when it cannot be used, the page says what to run and stops."""
    problem = registry_problem(config.registry_url)
    if problem:
        st.warning(problem, icon=":material/database:")
        st.stop()
    return engine_for(config.registry_url)


def in_london(instant: datetime | None) -> datetime | None:
    """An instant as a London wall-clock time (the registry gives UTC)."""
    return instant.astimezone(LONDON) if instant else None
