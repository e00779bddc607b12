"""Reports: each with its state, the document to read and download; for the business unit, a section
edited on the version opened, sent for review, published and its dispatches recorded."""

import streamlit as st

from app.web.acting import Page, attempt, query_item
from app.web.acting import done as flash
from app.web.documents import show_document, show_findings
from app.web.wording import day
from flows.adapters.documents.accessibility import AccessibilityChecker
from flows.adapters.documents.render import DocumentRenderer
from flows.bootstrap import utc_now
from governance.reports.content import narrative_sections
from governance.reports.model import RECIPIENTS
from governance.reports.use_cases import (
    check_report,
    edit_report_section,
    publish_report,
    record_dispatch,
    send_for_review,
)
from registry.read_models.reports import report_list

page = Page("Reports")
me = page.visitor.key
rows = report_list(page.engine, partnership=page.partnership)
if not rows:
    st.info("No report is on record.")
    st.stop()
st.table(
    [{"Report": r.title, "Board": r.board, "Period": r.period, "State": r.state.value} for r in rows],
    hide_index=True,
)
keys = [r.key for r in rows]
asked = query_item("report")
key = st.selectbox(
    "Report",
    keys,
    index=keys.index(asked) if asked in keys else 0,
    format_func=lambda k: next(r.title for r in rows if r.key == k),
    key="report_choice",
)
row = next(r for r in rows if r.key == key)
status = check_report(key, uow=page.uow())
st.markdown(f"**State:** {status.state.value} · **Version:** {status.version}")
if status.outstanding_approvals:
    st.markdown("**Awaiting approval of:** " + ", ".join(r.label for r in status.outstanding_approvals))
show_findings(status)
show_document(page, status, row.board_key, key=f"report-{key}")


def edit(section: str, text: str) -> None:
    done = attempt(
        lambda: edit_report_section(
            key,
            section=section,
            text=text,
            edited_by=me,
            based_on=status.version,
            uow=page.uow(),
            now=utc_now(),
        )
    )
    if done:
        flash(f"Saved. The report is now {done.state.value}, version {done.version}.")


if page.visitor.person.works_in_business_unit:
    st.header("For the business unit")
    sections = narrative_sections(row.kind)
    with st.form("edit_form"):
        section = st.selectbox(
            "Section", list(sections), format_func=sections.__getitem__, key="edit_section"
        )
        entry = st.text_input("Entry, for a section kept one entry at a time (an agency's or a review's key)",
                              key="edit_entry")  # fmt: skip
        text = st.text_area("New text", key="edit_text", height=200)
        if st.form_submit_button("Save this section"):
            if not text.strip():
                st.error("Write the section's new text.")
            elif section.endswith("/KEY") and not entry.strip():
                st.error("Say which entry: this section is kept one entry at a time.")
            else:
                edit(section.replace("/KEY", f"/{entry.strip()}"), text)
    review, publish = st.columns(2)
    if review.button("Send for review", key="send_for_review") and (
        done := attempt(
            lambda: send_for_review(key, by=me, uow=page.uow(), now=utc_now(), render=page.render)
        )
    ):
        flash(f"Sent for review; the report is {done.state.value}.")
    publish.caption(
        "Publishing issues HTML, Word, PDF and the accessibility statement, once each passes the checks."
    )
    if publish.button("Publish", key="publish"):
        when = page.today
        if done := attempt(
            lambda: publish_report(
                key,
                by=me,
                on=when,
                uow=page.uow(),
                now=utc_now(),
                renderer=DocumentRenderer(),
                checker=AccessibilityChecker(),
            )
        ):
            flash(f"Published on {day(when)}.")
    recipients = RECIPIENTS.get(row.kind, ())
    if recipients:
        with st.form("dispatch_form"):
            recipient = st.selectbox("Sent to", recipients, key="dispatch_recipient")
            sent_to = st.text_input("Addressed to (name and address)", key="dispatch_to")
            if st.form_submit_button("Record the copy sent") and attempt(
                lambda: record_dispatch(
                    key,
                    by=me,
                    recipient=recipient,
                    sent_to=sent_to,
                    sent_on=page.today,
                    uow=page.uow(),
                    now=utc_now(),
                )  # fmt: skip
            ):
                st.success(f"Recorded: sent to {recipient.value}.")
