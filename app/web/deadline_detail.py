"""One deadline in detail: how it stands, its history, its submission, extensions and escalation steps."""

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from app.web.acting import Page
from app.web.components import in_london
from app.web.wording import day, due_words, standing_words
from registry.read_models.deadlines import BoardRow, deadline_detail


def show_detail(page: Page, rows: Sequence[BoardRow], as_of: date, *, chosen: str | None) -> None:
    if not rows:
        st.info("No deadlines recorded yet.")
        return
    ids = [r.id for r in rows]
    titles = {r.id: f"{r.title} (due {day(r.due_on)}, {r.board})" for r in rows}
    start = ids.index(int(chosen)) if chosen and chosen.isdigit() and int(chosen) in ids else 0
    picked = st.selectbox("Deadline", ids, index=start, format_func=titles.__getitem__, key="deadline_choice")
    detail = deadline_detail(
        page.engine,
        partnership=page.partnership,
        deadline_id=picked,
        as_of=as_of,
        due_soon_days=page.config.due_soon_days,
    )
    if detail is None:
        st.warning("That deadline is not one of this partnership's.")
        return
    row = detail.row
    st.subheader(row.title)
    st.markdown(
        f"**Standing:** {standing_words(row)} · **State:** {row.state.value} · **Due:** {due_words(row)}  \n"
        f"**Duty:** {row.duty.value} · **Owner:** {row.owner}{f' ({row.agency})' if row.agency else ''} · "
        f"**Board:** {row.board}{f', {row.sub_group}' if row.sub_group else ''}"
    )
    st.markdown("**History**")
    if detail.history:
        st.table(
            pd.DataFrame(
                [
                    {
                        "When": f"{in_london(h.at):%d %b %Y %H:%M}",
                        "Who": h.actor + (f" ({h.role})" if h.role else ""),
                        "What": h.event,
                        "Note": h.note,
                    }  # fmt: skip
                    for h in detail.history
                ]
            ),
            hide_index=True,
        )
    else:
        st.caption("Nothing recorded about it yet beyond the cycle that recorded it.")
    st.markdown("**Submission**")
    if detail.submission:
        s = detail.submission
        st.write(f"{s.kind} by {s.submitted_by} on {day(s.submitted_on)}")
        if s.content:
            st.json(s.content, expanded=False)
    else:
        st.caption("Nothing submitted against it.")
    st.markdown("**Extension requests**")
    for r in detail.requests:
        decisions = "; ".join(
            f"{d.person} ({d.role}) {'approved' if d.approve else 'refused'} on {day(d.decided_on)}"
            + (f": {d.note}" if d.note else "")
            for d in r.decisions
        )
        st.markdown(
            f"- Request {r.id} by {r.requested_by} on {day(r.requested_on)}: from {day(r.current_due_on)} to "
            f"{day(r.proposed_due_on)}, **{r.state.value}**. Needs: {', '.join(r.required)}. "
            f"Reason: {r.reason.rstrip('.')}" + (f". Decisions: {decisions}" if decisions else "")
        )
    if not detail.requests:
        st.caption("No extension asked for.")
    st.markdown("**Escalation steps**")
    if detail.steps:
        st.table(
            pd.DataFrame(
                [
                    {
                        "Step": s.step,
                        "For due date": day(s.for_due_on),
                        "Taken on": day(s.taken_on),
                        "How": "skipped as stale" if s.skipped else "sent",
                    }  # fmt: skip
                    for s in detail.steps
                ]
            ),
            hide_index=True,
        )
    else:
        st.caption("No reminder or escalation taken yet.")
