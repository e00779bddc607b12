"""The registry, for the business unit: boards and their meetings, sub-groups and whom they report
to, agencies, people and their roles, resolutions, the reviews register and enquiries. Read here,
and changed here one thing at a time: each change is checked exactly as the partnership file is,
and a refused one changes nothing and says every reason (``registry.partnership_file.editing``)."""

import re
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from app.web.acting import Page, done, said
from app.web.wording import day
from flows.bootstrap import utc_now
from governance.partnership.model import FindingDecision
from governance.rules import RuleBroken, UnknownRecord
from governance.vocabulary import AgencyKind, BoardKind, Role
from registry.partnership_file import editing as edits
from registry.partnership_file import edits_bodies as bodies
from registry.partnership_file.editing import REVIEW_DATES, EditRefused, edit_partnership
from registry.queries import people

page = Page("Registry")
person = page.visitor.person
if not person.works_in_business_unit:
    st.warning("The registry is kept by the safeguarding business unit.")
    st.stop()
with page.uow() as uow:
    p = uow.partnership.snapshot()
boards = {b.key: b.short_name for b in p.boards}
groups = {s.key: s.name for s in p.sub_groups}
lines = {s.key: s.reports_to for s in p.sub_groups}
names = {someone.key: someone.name for someone in p.people}
BODIES = {"": "the whole partnership"} | {f"board:{k}": v for k, v in boards.items()}
BODIES |= {f"sub_group:{k}": f"{v} (sub-group)" for k, v in groups.items()}
ROLES = [r.value for r in Role]


def table(rows: list[dict]) -> None:
    if rows:
        st.table(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption("None on record.")


def key_of(name: str) -> str:
    """The key a new entry is known by: its name in lower case, with hyphens (``Sam Okoro`` → ``sam-okoro``)."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:80]


def body(choice: str) -> dict[str, str]:
    """``board:tbp`` → ``{"board": "tbp"}``; the whole partnership → no body."""
    kind, _, key = choice.partition(":")
    return {kind: key} if key else {}


def change(what: str, edit: Callable, **fields) -> None:
    """Make the change as the person signed in; a refusal lists every reason, and nothing changed."""
    try:
        summary = edit_partnership(
            page.engine, page.partnership, partial(edit, **fields), edited_by=person.key, at=utc_now()
        )
    except EditRefused as refused:
        reasons = "\n".join(f"- {problem}" for problem in refused.problems)
        st.error(f"Not done: nothing was changed.\n\n{reasons}", icon=":material/block:")
    except (RuleBroken, UnknownRecord) as refusal:
        st.error(f"Not done. {said(refusal)}", icon=":material/block:")
    else:
        done(f"{what}." if summary.changed_anything else "Nothing changed: that was on record already.")


def pick(label: str, options: dict[str, str], key: str) -> str:
    return st.selectbox(label, list(options), format_func=lambda k: options[k], key=key)


def when(label: str, key: str):
    return st.date_input(label, value=page.today, format="DD/MM/YYYY", key=key)


tabs = st.tabs(["Boards", "Sub-groups", "Agencies", "People", "Resolutions", "Reviews", "Enquiries"])
with tabs[0]:
    table([{"Board": b.name, "Short name": b.short_name, "Kind": b.kind.value,
            "Meetings": ", ".join(day(m.held_on) for m in b.meetings)} for b in p.boards])  # fmt: skip
    with st.form("add_meeting"):
        st.subheader("Add a meeting")
        board = pick("Board", boards, "meeting_board")
        held_on = when("Held on", "meeting_held_on")
        title = st.text_input("Title", key="meeting_title")
        public = st.checkbox("Held in public", key="meeting_public")
        if st.form_submit_button("Add the meeting"):
            change(f"Meeting of {boards[board]} on {day(held_on)} added", edits.add_meeting,
                   board=board, held_on=held_on, title=title.strip(), public=public)  # fmt: skip
    with st.form("add_board"):
        st.subheader("Add a board")
        board_name = st.text_input("Name", key="board_name")
        short_name = st.text_input("Short name", key="board_short_name")
        board_kind = st.selectbox("Kind", [k.value for k in BoardKind], key="board_kind")
        if st.form_submit_button("Add the board"):
            change(f"{board_name.strip()} added", bodies.add_board, key=key_of(board_name), name=board_name.strip(),
                   short_name=short_name.strip() or board_name.strip(), kind=board_kind)  # fmt: skip
with tabs[1]:
    table(
        [
            {"Sub-group": s.name, "Reports to": ", ".join(boards.get(k, k) for k in s.reports_to)}
            for s in p.sub_groups
        ]
    )
    with st.form("add_sub_group"):
        st.subheader("Add a sub-group")
        group_name = st.text_input("Name", key="group_name")
        purpose = st.text_area("Purpose", key="group_purpose")
        to = st.multiselect("Reports to", list(boards), format_func=boards.get, key="group_reports_to")
        if st.form_submit_button("Add the sub-group"):
            change(f"{group_name.strip()} added", bodies.add_sub_group, key=key_of(group_name),
                   name=group_name.strip(), reports_to=to, purpose=purpose.strip())  # fmt: skip
    with st.form("set_reporting_lines"):
        st.subheader("Change whom a sub-group reports to")
        group = pick("Sub-group", groups, "lines_group")
        to = st.multiselect("Reports to", list(boards), format_func=boards.get, key="lines_reports_to")
        submitted = st.form_submit_button("Change the reporting lines")
        if submitted:
            change(f"{groups[group]} now reports to {', '.join(boards[b] for b in to) or 'no board'}",
                   bodies.set_reporting_lines, sub_group=group, reports_to=to)  # fmt: skip
with tabs[2]:
    table([{"Agency": a.name, "Kind": a.kind.value, "Statutory partner": "yes" if a.statutory_partner else "no"}
           for a in p.agencies])  # fmt: skip
    with st.form("add_agency"):
        st.subheader("Add an agency")
        agency_name = st.text_input("Name", key="agency_name")
        kind = st.selectbox("Kind", [k.value for k in AgencyKind], key="agency_kind")
        statutory = st.checkbox("A statutory partner", key="agency_statutory")
        section_11 = st.checkbox("Makes a section 11 return", key="agency_section_11")
        if st.form_submit_button("Add the agency"):
            change(f"{agency_name.strip()} added", edits.add_agency, key=key_of(agency_name), name=agency_name.strip(),
                   kind=kind, statutory_partner=statutory, section_11=section_11)  # fmt: skip
with tabs[3]:
    table([{"Name": r.name, "E-mail": r.email, "Agency": r.agency or "", "Roles": "; ".join(r.roles)}
           for r in people(page.engine, partnership=page.partnership, as_of=page.today)])  # fmt: skip
    agencies = {"": "none"} | {a.key: a.name for a in p.agencies}
    with st.form("add_person"):
        st.subheader("Add a person")
        name = st.text_input("Name", key="person_name")
        email = st.text_input("E-mail address", key="person_email")
        job_title = st.text_input("Job title", key="person_job_title")
        agency = pick("Agency", agencies, "person_agency")
        role = st.selectbox("Role", ["", *ROLES], format_func=lambda r: r or "none yet", key="person_role")
        where = pick("Held on", BODIES, "person_body")
        if st.form_submit_button("Add the person"):
            change(f"{name.strip()} added", edits.add_person, key=key_of(name), name=name.strip(), email=email.strip(),
                   job_title=job_title.strip(), agency=agency or None, role=role or None, **body(where))  # fmt: skip
    with st.form("add_role"):
        st.subheader("Give a role")
        holder = pick("Person", names, "role_person")
        role = st.selectbox("Role", ROLES, key="role_role")
        where = pick("Held on", BODIES, "role_body")
        if st.form_submit_button("Give the role"):
            change(f"{names[holder]} is now {role} on {BODIES[where]}", edits.add_role, person=holder, role=role,
                   **body(where))  # fmt: skip
    held = {
        f"{someone.key}|{r.role.value}|{r.body_key or ''}": f"{someone.name}, {r.role.value}"
        + (f" on {boards.get(r.body_key) or groups.get(r.body_key)}" if r.body_key else "")
        for someone in p.people
        for r in sorted(someone.roles, key=lambda r: (r.role.value, r.body_key or ""))
    }
    with st.form("end_role"):
        st.subheader("End a role")
        ending = pick("Role", held, "end_role_held")
        if st.form_submit_button("End the role") and ending:
            holder, role, on = ending.split("|")
            where = {"board": on} if on in boards else {"sub_group": on} if on else {}
            change(f"Ended: {held[ending]}", edits.end_role, person=holder, role=role, **where)
with tabs[4]:
    table([{"Board": boards.get(r.board_key, r.board_key), "Resolved": day(r.resolved_on), "Number": r.number,
            "Resolution": r.text, "Action owner": names.get(r.action_owner_key, r.action_owner_key)}
           for r in p.resolutions])  # fmt: skip
    with st.form("add_resolution"):
        st.subheader("Add a resolution")
        board = pick("Board", boards, "resolution_board")
        resolved_on = when("Resolved on", "resolution_resolved_on")
        number = st.number_input("Number", min_value=1, max_value=99, step=1, key="resolution_number")
        text = st.text_area("Resolution", key="resolution_text")
        owner = pick("Action owner", names, "resolution_owner")
        months = st.number_input("Further report in (months, 0 for none)", 0, 60, key="resolution_months")
        if st.form_submit_button("Add the resolution"):
            change(f"Resolution {number} of {boards[board]} added", edits.add_resolution,
                   key=f"{board}-{resolved_on.isoformat()}-r{number}", board=board, resolved_on=resolved_on,
                   number=int(number), text=text.strip(), action_owner=owner,
                   further_report_months=int(months) or None)  # fmt: skip
with tabs[5]:
    table([{"Reference": c.reference, "Kind": c.kind.value, "Board": boards.get(c.board_key, c.board_key),
            "Became aware": day(c.became_aware_on) if c.became_aware_on else "",
            "Concluded": day(c.concluded_on) if c.concluded_on else "not yet"} for c in p.case_reviews])  # fmt: skip
    reviews = {c.reference: f"{c.reference} {c.title}".strip() for c in p.case_reviews}
    dates = {d: d.removesuffix("_on").replace("_", " ") for d in REVIEW_DATES}
    with st.form("review_dates"):
        st.subheader("Record a review's date")
        review = pick("Review", reviews, "review_reference")
        which = pick("Date", dates, "review_which")
        on = when("On", "review_on")
        if st.form_submit_button("Record the date"):
            change(
                f"{review}: {dates[which]} {day(on)}", edits.set_review_dates, reference=review, **{which: on}
            )
    findings = {
        f"{c.reference}|{f.number}": f"{c.reference} finding {f.number}: {f.decision.value}"
        for c in p.case_reviews
        for f in c.findings
    }
    if findings:
        with st.form("decide_finding"):
            st.subheader("Record a decision on a finding")
            finding = pick("Finding", findings, "finding_which")
            decision = st.selectbox("Decision", [d.value for d in FindingDecision], key="finding_decision")
            decided_on = when("Decided on", "finding_decided_on")
            reason = st.text_area("Reason", key="finding_reason")
            if st.form_submit_button("Record the decision"):
                reference, number = finding.split("|")
                change(f"{reference} finding {number}: {decision}", edits.decide_finding, reference=reference,
                       number=int(number), decision=decision, decided_on=decided_on, reason=reason.strip())  # fmt: skip
with tabs[6]:
    table([{"Reference": e.reference, "Subject": e.subject, "Received": day(e.received_on),
            "Owner": names.get(e.owner_key, e.owner_key),
            "Answered": day(e.answered_on) if e.answered_on else "not yet"} for e in p.enquiries])  # fmt: skip
    with st.form("record_enquiry"):
        st.subheader("Record an enquiry")
        reference = st.text_input("Reference", placeholder="ENQ-2026-015", key="enquiry_reference")
        board = pick("Board", boards, "enquiry_board")
        received_on = when("Received on", "enquiry_received_on")
        subject = st.text_input("Subject", key="enquiry_subject")
        owner = pick("Answered by", names, "enquiry_owner")
        if st.form_submit_button("Record the enquiry"):
            change(f"Enquiry {reference.strip()} recorded", edits.record_enquiry, reference=reference.strip(),
                   board=board, received_on=received_on, subject=subject.strip(), owner=owner)  # fmt: skip
    waiting = {e.reference: f"{e.reference}: {e.subject}" for e in p.enquiries if e.answered_on is None}
    if waiting:
        with st.form("answer_enquiry"):
            st.subheader("Record an answer")
            answered = pick("Enquiry", waiting, "answer_reference")
            answered_on = when("Answered on", "answer_answered_on")
            if st.form_submit_button("Record the answer"):
                change(f"Enquiry {answered} answered {day(answered_on)}", edits.answer_enquiry,
                       reference=answered, answered_on=answered_on)  # fmt: skip
