"""Helpers the pages share: opening the registry with a clear message instead of a traceback, and
shaping query rows into the tables the pages show. No SQL here: the pages' data comes from
``registry.queries``.
"""

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import datetime

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler
from pydantic import ValidationError

from app.settings import PlatformSettings as Settings
from flows.bootstrap import engine_for
from governance.dates import LONDON
from governance.deadlines.model import Standing
from registry.migrate import current_revision, head_revision
from registry.partnership_file.loader import registry_is_empty
from registry.queries import DeadlineRow, NotificationRow, partnerships

STANDING_ORDER = [
    Standing.OVERDUE,
    Standing.DUE_SOON,
    Standing.ON_TRACK,
    Standing.SCHEDULED,
    Standing.SUBMITTED,
    Standing.ACCEPTED,
]
# Colour only repeats what the cell already says in words; dark text on a light tint reads in both themes.
STANDING_STYLE = {
    Standing.OVERDUE.value: "background-color: #f8d7da; color: #58151c; font-weight: 600",
    Standing.DUE_SOON.value: "background-color: #fff3cd; color: #664d03",
    Standing.SUBMITTED.value: "background-color: #d1e7dd; color: #0a3622",
    Standing.ACCEPTED.value: "background-color: #d1e7dd; color: #0a3622",
}
# Standing leads: it is what the business manager scans for, and it must not scroll out of sight.
DEADLINE_ORDER = [
    "Standing",
    "Days overdue",
    "Due",
    "Extended",
    "What",
    "Duty",
    "Owner",
    "Agency",
    "Board",
    "Sub-group",
    "Subject",
    "Period",
]
DEADLINE_COLUMNS = {
    "What": st.column_config.TextColumn("What", help="What the deadline asks, in words", width="large"),
    "Subject": st.column_config.TextColumn(
        "Subject", help="What the deadline is about: an action's reference, a sub-group and board, a review"
    ),
    "Due": st.column_config.DateColumn("Due", format="D MMM YYYY"),
    "Standing": st.column_config.TextColumn("Standing", help="How the deadline stands on the As of day"),
    "Days overdue": st.column_config.NumberColumn("Days overdue", format="%d"),
    "Extended": st.column_config.TextColumn(
        "Extended", help="How many times the due date was extended, and the date first set"
    ),
}
NOTIFICATION_COLUMNS = {
    "Queued at": st.column_config.DatetimeColumn(
        "Queued at", format="D MMM YYYY, HH:mm", timezone="Europe/London"
    ),
    "Sent at": st.column_config.DatetimeColumn(
        "Sent at", format="D MMM YYYY, HH:mm", timezone="Europe/London"
    ),
}


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


def chosen_partnership(engine, config: Settings) -> str:
    """The partnership the pages show, chosen in the sidebar (kept across pages); ``GOVERN_PARTNERSHIP``
    or the first by name to begin with. Every page's rows come from this partnership only."""
    choices = {p.key: p.name for p in partnerships(engine)}
    keys = list(choices)
    start = keys.index(config.partnership) if config.partnership in choices else 0
    return st.sidebar.selectbox(
        "Partnership",
        keys,
        index=start,
        format_func=choices.__getitem__,
        key="partnership",
        help="The partnership whose boards, deadlines and messages these pages show.",
    )


def filtered(
    rows: Sequence[DeadlineRow],
    *,
    boards: Collection[str] = (),
    owners: Collection[str] = (),
    standings: Collection[str] = (),
    duties: Collection[str] = (),
) -> list[DeadlineRow]:
    """The rows every non-empty filter admits, overdue first (longest overdue first), then by due date."""

    def admitted(row: DeadlineRow) -> bool:
        return all(
            not chosen or value in chosen
            for chosen, value in (
                (boards, row.board),
                (owners, row.owner),
                (standings, row.standing.value),
                (duties, row.duty.value),
            )
        )

    def order(row: DeadlineRow) -> tuple:
        rank = STANDING_ORDER.index(row.standing) if row.standing in STANDING_ORDER else len(STANDING_ORDER)
        return (rank, -row.days_overdue, row.due_on, row.subject)

    return sorted(filter(admitted, rows), key=order)


def extended(row: DeadlineRow) -> str:
    """ "1× (first due 4 Dec 2026)"; empty when never extended."""
    if not row.extensions or row.original_due_on is None:
        return ""
    return f"{row.extensions}× (first due {row.original_due_on.day} {row.original_due_on:%b %Y})"


def standing_counts(rows: Sequence[DeadlineRow]) -> Counter[Standing]:
    return Counter(row.standing for row in rows)


def deadline_table(rows: Sequence[DeadlineRow]) -> Styler:
    table = pd.DataFrame(
        [
            {
                "Board": r.board,
                "Sub-group": r.sub_group or "",
                "Duty": r.duty.value,
                "What": r.title,
                "Subject": r.subject,
                "Period": r.period,
                "Owner": r.owner,
                "Agency": r.agency or "",
                "Due": r.due_on,
                "Extended": extended(r),
                "Standing": r.standing.value,
                "Days overdue": r.days_overdue or None,
            }
            for r in rows
        ],
        columns=DEADLINE_ORDER,
    )
    table["Days overdue"] = table["Days overdue"].astype("Int64")
    return table.style.map(lambda value: STANDING_STYLE.get(value, ""), subset=["Standing"])


def notification_table(rows: Sequence[NotificationRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Recipient": n.recipient,
                "Address": n.address,
                "Subject": n.subject,
                "Status": n.status.value,
                "Attempts": n.attempts,
                "Last error": n.last_error or "",
                "Queued at": in_london(n.queued_at),
                "Sent at": in_london(n.sent_at),
            }
            for n in rows
        ],
        columns=[
            "Recipient",
            "Address",
            "Subject",
            "Status",
            "Attempts",
            "Last error",
            "Queued at",
            "Sent at",
        ],
    )


def in_london(instant: datetime | None) -> datetime | None:
    """An instant as a London wall-clock time (the registry gives UTC)."""
    return instant.astimezone(LONDON) if instant else None
