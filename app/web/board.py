"""The deadline board's parts: the day it is seen from, its filters, its table and its timeline."""

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

import altair as alt
import pandas as pd
import streamlit as st

from app.web.wording import due_words, standing_words
from governance.deadlines.model import Duty, Standing
from registry.read_models.deadlines import BoardRow

STANDING_ORDER = [
    Standing.OVERDUE,
    Standing.DUE_SOON,
    Standing.ON_TRACK,
    Standing.SCHEDULED,
    Standing.SUBMITTED,
    Standing.ACCEPTED,
]
DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%d-%m-%Y")


def parse_day(text: str) -> date | None:
    """A day as people type it: 25/11/2026, 2026-11-25, 25 November 2026 or 25 Nov 2026."""
    cleaned = re.sub(r"\s+", " ", text.strip())
    for format in DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, format).replace(tzinfo=UTC).date()
        except ValueError:
            continue
    return None


def as_of_day(today: date) -> date:
    """The day the board is seen from. A text box: a date typed and confirmed with Enter applies."""
    typed = st.text_input(
        "As of (day/month/year)",
        value=f"{today:%d/%m/%Y}",
        key="as_of",
        help="Type a day and press Enter: shows how things stand on that day. A later day shows what "
        "will be overdue by then, an earlier one how things stood.",
    )
    chosen = parse_day(typed)
    if chosen is None:
        st.error(f"“{typed}” is not a date. Type it as day/month/year, for example 25/11/2026.")
        return today
    return chosen


def board_filters(rows: Sequence[BoardRow]) -> list[BoardRow]:
    """The rows every non-empty filter admits, overdue first (longest overdue first), then by due date."""
    columns = st.columns(3)
    chosen = {
        "board": columns[0].multiselect(
            "Board", sorted({r.board for r in rows}), key="board_filter", placeholder="All boards"
        ),
        "sub_group": columns[1].multiselect(
            "Sub-group",
            sorted({r.sub_group for r in rows if r.sub_group}),
            key="sub_group_filter",
            placeholder="All sub-groups",
        ),
        "agency": columns[2].multiselect(
            "Agency",
            sorted({r.agency for r in rows if r.agency}),
            key="agency_filter",
            placeholder="All agencies",
        ),
    }
    columns = st.columns(3)
    chosen["owner"] = columns[0].multiselect(
        "Owner", sorted({r.owner for r in rows}), key="owner_filter", placeholder="All owners"
    )
    standings = columns[1].multiselect(
        "Standing", [s.value for s in STANDING_ORDER], key="standing_filter", placeholder="All standings"
    )
    duties = columns[2].multiselect(
        "Duty", [d.value for d in Duty], key="duty_filter", placeholder="All duties"
    )

    def admitted(row: BoardRow) -> bool:
        return (
            all(not wanted or getattr(row, field) in wanted for field, wanted in chosen.items())
            and (not standings or row.standing.value in standings)
            and (not duties or row.duty.value in duties)
        )

    return sorted(filter(admitted, rows), key=order)


def order(row: BoardRow) -> tuple:
    rank = STANDING_ORDER.index(row.standing) if row.standing in STANDING_ORDER else len(STANDING_ORDER)
    return (rank, -row.days_overdue, row.due_on, row.subject)


def board_table(rows: Sequence[BoardRow]) -> pd.DataFrame:
    """Five columns that wrap, every row shown: standing first, as the business manager scans it."""
    return pd.DataFrame(
        [
            {
                "Standing": standing_words(r),
                "Due": due_words(r),
                "What": r.title,
                "Owner": r.owner + (f" ({r.agency})" if r.agency else ""),
                "Board and sub-group": r.board + (f", {r.sub_group}" if r.sub_group else ""),
            }
            for r in rows
        ],
        columns=["Standing", "Due", "What", "Owner", "Board and sub-group"],
    )


def timeline(rows: Sequence[BoardRow]) -> None:
    """Deadlines by the week they fall due, each standing in its own mark and colour, with the table."""
    if not rows:
        st.info("No deadlines recorded yet.")
        return
    frame = pd.DataFrame(
        [
            {
                "Due": r.due_on,
                "Board": r.board,
                "Standing": r.standing.value,
                "What": r.title,
                "Owner": r.owner,
            }
            for r in rows
        ]
    )
    chart = (
        alt.Chart(frame, title="Deadlines by due date and board (one mark per deadline)")
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X("Due:T", title="Due date"),
            y=alt.Y("Board:N", title="Board"),
            color=alt.Color("Standing:N", title="Standing"),
            shape=alt.Shape("Standing:N", title="Standing"),
            tooltip=["What", "Owner", "Standing", alt.Tooltip("Due:T", format="%d %b %Y")],
        )
    )
    st.altair_chart(chart, width="stretch")
    months = frame.assign(Month=pd.to_datetime(frame["Due"]).dt.strftime("%Y-%m"))
    counts = months.pivot_table(
        index="Month", columns="Standing", values="What", aggfunc="count", fill_value=0
    )
    st.caption("How many deadlines fall due each month, by standing:")
    st.table(counts)
