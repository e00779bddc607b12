"""My work, the first page after sign-in: what waits on me by due date, what I gave and how it
stands, and the messages sent to me (mine only)."""

import pandas as pd
import streamlit as st

from app.web.acting import Page
from app.web.awaiting import extension_requests, reports_to_approve, submissions_to_decide
from app.web.linked import show_linked_item
from app.web.navigation import DECIDERS
from app.web.wording import due_words, standing_words
from registry.read_models.deadlines import deadline_board
from registry.read_models.work import given_by, messages_to

page = Page("My work")
person = page.visitor.person
st.caption(f"{person.name}, {page.visitor.partnership_name}. As of {page.today:%A %d %B %Y}.")

messages = messages_to(page.engine, partnership=page.partnership, person=person.key)
given = given_by(page.engine, partnership=page.partnership, person=person.key)
show_linked_item(page, messages, given)

st.header("Waiting on me")
mine = [
    r
    for r in deadline_board(
        page.engine,
        partnership=page.partnership,
        as_of=page.today,
        due_soon_days=page.config.due_soon_days,
        owner_key=person.key,
    )
    if r.is_open
]
decisions = []
if person.works_in_business_unit or person.holds(*DECIDERS):
    decisions = [
        *(f"Extension of {row.title} to {r.proposed_due_on:%d %b %Y}" for row, r in extension_requests(page)),
        *(f"Approve the report {s.title}" for s in reports_to_approve(page)),
        *(f"Accept or return: {row.title}" for row in submissions_to_decide(page)),
    ]
if not mine and not decisions:
    st.success("Nothing is waiting on you.", icon=":material/check_circle:")
if mine:
    st.table(
        pd.DataFrame(
            [
                {"Standing": standing_words(r), "Due": due_words(r), "What": r.title, "Board": r.board}
                for r in mine
            ]
        ),
        hide_index=True,
    )
    st.page_link(
        "views/submit.py",
        label="Submit an update, a return or an extension request",
        icon=":material/upload_file:",
    )
if decisions:
    st.subheader(f"{len(decisions)} awaiting your decision")
    st.markdown("\n".join(f"- {d}" for d in decisions))
    st.page_link("views/approvals.py", label="Decide them on Approvals", icon=":material/approval:")

st.header("What I submitted")
if given:
    st.table(
        pd.DataFrame([{"What": g.what, "On": f"{g.on:%d %b %Y}", "Where it stands": g.state} for g in given]),
        hide_index=True,
    )
else:
    st.info("You have submitted nothing yet.")

st.header("My recent messages")
if not messages:
    st.info("No messages have been sent to you.")
for message in messages:
    sent = f"sent {message.sent_at:%d %b %Y %H:%M}" if message.sent_at else message.status
    with st.expander(f"{message.subject} ({sent})"):
        st.text(message.body)
