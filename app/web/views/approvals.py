"""Approvals, for chairs, scrutineers, lead safeguarding partners and the business unit: reports
awaiting me with the document and its findings, extension requests with their evidence, and
returns awaiting acceptance. The version I read is the version I approve."""

import streamlit as st

from app.web.acting import Page, attempt, done, query_item
from app.web.awaiting import extension_requests, reports_to_approve, submissions_to_decide
from app.web.documents import show_document, show_findings
from app.web.uploads import show_evidence
from app.web.wording import day
from flows.adapters.documents.render import DocumentRenderer
from flows.bootstrap import utc_now
from governance.evidence.model import EvidenceFor, Supports
from governance.extensions.model import DecideExtension
from governance.extensions.use_cases import decide_extension
from governance.lifecycles import ExtensionState
from governance.reports.use_cases import approve_report, return_report
from governance.returns.model import DecideSubmission
from governance.returns.use_cases import decide_submission
from registry.read_models.deadlines import BoardRow
from registry.read_models.reports import report_list

page = Page("Approvals")
me = page.visitor.key
requests, reports, returns = extension_requests(page), reports_to_approve(page), submissions_to_decide(page)
st.caption(
    f"{len(reports)} report(s), {len(requests)} extension request(s) and {len(returns)} return(s) await your decision."
)


def decide_request(request_id: int, approve: bool, note: str) -> None:
    def command() -> DecideExtension:
        return DecideExtension(
            request_id=request_id, decided_by=me, approve=approve, note=note, decided_on=page.today
        )

    decided = attempt(lambda: decide_extension(command(), uow=page.uow(), now=utc_now(), render=page.render))
    if decided:
        waiting = decided.awaiting() if decided.state is ExtensionState.REQUESTED else []
        done(
            "Recorded. Still awaiting the decision of the " + " and the ".join(r.value for r in waiting) + "."
            if waiting
            else f"Recorded. The request is {decided.state.value}."
        )


def approve_version(key: str, version: str) -> None:
    status = attempt(
        lambda: approve_report(
            key,
            approved_by=me,
            version=version,
            uow=page.uow(),
            now=utc_now(),
            renderer=DocumentRenderer(),
            render=page.render,
        )
    )
    if status:
        done(f"Approved version {version}. The report is now {status.state.value}.")


def send_back(key: str, note: str) -> None:
    if attempt(
        lambda: return_report(key, by=me, note=note, uow=page.uow(), now=utc_now(), render=page.render)
    ):
        done("Returned to the business unit with your comment.")


def decide_return(row: BoardRow, accept: bool, note: str) -> None:
    def command() -> DecideSubmission:
        return DecideSubmission(
            duty=row.duty, subject=row.subject, period=row.period, decided_by=me, accept=accept, note=note,
            decided_on=page.today,
        )  # fmt: skip

    state = attempt(lambda: decide_submission(command(), uow=page.uow(), now=utc_now(), render=page.render))
    if state:
        done(f"Recorded: {state.value}.")


st.header("Extension requests")
if not requests:
    st.info("No extension request awaits your decision.")
asked = query_item("extension")
for row, request in requests:
    with st.expander(
        f"Request {request.id}: {row.title}, to {day(request.proposed_due_on)}",
        expanded=asked == str(request.id) or len(requests) == 1,
    ):
        st.markdown(
            f"Asked by **{request.requested_by}** on {day(request.requested_on)} to move the due date from "
            f"**{day(request.current_due_on)}** to **{day(request.proposed_due_on)}**.  \n"
            f"Needs the approval of: {', '.join(request.required)}."
            + "".join(
                f"  \nAlready {'approved' if d.approve else 'refused'} by {d.person} ({d.role})."
                for d in request.decisions
            )
        )
        st.markdown(f"**Reason:** {request.reason}  \n**Evidence:** {request.evidence}")
        show_evidence(
            page,
            EvidenceFor(supports=Supports.EXTENSION_REQUEST, request_id=request.id),
            key=f"ext-{request.id}",
        )
        note = st.text_area("Note (a refusal must give its reason)", key=f"ext-note-{request.id}")
        approve, refuse = st.columns(2)
        decision = None
        if approve.button("Approve the extension", key=f"ext-approve-{request.id}", type="primary"):
            decision = True
        if refuse.button("Refuse the extension", key=f"ext-refuse-{request.id}"):
            decision = False
        if decision is not None:
            decide_request(request.id, decision, note)

st.header("Reports")
if not reports:
    st.info("No report awaits your approval.")
boards = {r.key: r.board_key for r in report_list(page.engine, partnership=page.partnership)}
awaiting = {s.key for s in reports}
for pressed in [k for k, v in st.session_state.items() if k.startswith("report-approve-") and v]:
    if (gone := pressed.removeprefix("report-approve-")) not in awaiting:
        st.error(
            f"Not done. {gone} changed since you read it and no longer awaits your approval: nothing was approved."
        )
for status in reports:
    read = st.session_state.get(f"report-read-{status.key}", status.version)  # the version shown last time
    with st.expander(
        f"{status.title} ({status.state.value})",
        expanded=query_item("report") == status.key or len(reports) == 1,
    ):
        st.markdown(f"You are reading version **{status.version}**; your approval is of this version only.")
        show_findings(status)
        show_document(page, status, boards[status.key], key=f"doc-{status.key}")
        note = st.text_area("What must change (to return it)", key=f"report-note-{status.key}")
        approve, back = st.columns(2)
        if approve.button("Approve this version", key=f"report-approve-{status.key}", type="primary"):
            approve_version(status.key, read)  # what was read; a newer version is refused, not approved
        st.session_state[f"report-read-{status.key}"] = status.version
        if back.button("Return it with my comment", key=f"report-return-{status.key}"):
            send_back(status.key, note)

st.header("Returns awaiting acceptance")
if not returns:
    st.info("No submitted return awaits acceptance.")
for row in returns:
    with st.expander(
        f"{row.title} (submitted, owner {row.owner})", expanded=query_item("deadline") == str(row.id)
    ):
        show_evidence(
            page,
            EvidenceFor(supports=Supports.RETURN, period=row.period, deadline_key=row.key),
            key=f"ret-{row.id}",
        )
        note = st.text_area("Note (returning it must say why)", key=f"ret-note-{row.id}")
        accept, back = st.columns(2)
        verdict = None
        if accept.button("Accept", key=f"ret-accept-{row.id}", type="primary"):
            verdict = True
        if back.button("Return to the owner", key=f"ret-return-{row.id}"):
            verdict = False
        if verdict is not None:
            decide_return(row, verdict, note)
