"""Submit, for action owners and sub-group leads: an action's monthly update, a return against a
deadline, and an extension request, each with evidence. The use cases decide who may."""

import streamlit as st

from app.web.acting import EXEMPT_TEXT, Page, attempt, done, query_item
from app.web.uploads import evidence_uploader, keep, refused_files
from app.web.wording import RAG_WORDS, day
from flows.bootstrap import utc_now
from governance.action_plans.use_cases import SubmitActionUpdate, submit_action_update
from governance.dates import month_label
from governance.deadlines.model import Duty
from governance.deadlines.obligations import MetBy, obligation_for
from governance.evidence.model import EvidenceFor, Supports
from governance.extensions.model import RequestExtension
from governance.extensions.use_cases import request_extension
from governance.permissions import SUB_GROUP_LEADERS, may_see_exempt
from governance.returns.model import SubmitReturn
from governance.returns.use_cases import submit_return
from governance.vocabulary import UpdateStatus
from registry.read_models.deadlines import deadline_board
from registry.read_models.plans import action_plans

STATUSES = [s.value for s in UpdateStatus]
RAG = list(RAG_WORDS.values())


def recorded(what: str, kept: int | None) -> None:
    """Done, with the evidence kept; or, when a file was refused after all, what was recorded without it."""
    if kept is None:
        st.warning(f"{what}, but without its evidence (see why above).")
    else:
        done(f"{what}, with {kept} evidence file(s).")


page = Page("Submit")
person = page.visitor.person
mine = [
    r
    for r in deadline_board(
        page.engine, partnership=page.partnership, as_of=page.today, due_soon_days=page.config.due_soon_days
    )
    if r.state.value in ("open", "returned", "scheduled")
    and (
        r.owner_key == person.key
        or person.works_in_business_unit
        or (
            r.sub_group_key is not None
            and any(person.holds_on(role, r.sub_group_key) for role in SUB_GROUP_LEADERS)
        )
    )  # fmt: skip
]
asked_deadline = query_item("deadline")


def pick(rows, key: str):
    ids = [r.id for r in rows]
    start = (
        ids.index(int(asked_deadline))
        if asked_deadline and asked_deadline.isdigit() and int(asked_deadline) in ids
        else 0
    )
    chosen = st.selectbox("Deadline", ids, index=start, key=key,
                          format_func=lambda i: next(f"{r.title} (due {day(r.due_on)})" for r in rows if r.id == i))  # fmt: skip
    return next(r for r in rows if r.id == chosen)


linked = next((r for r in mine if asked_deadline and str(r.id) == asked_deadline), None)
if asked_deadline and linked is None:
    st.warning("The deadline this link names is not one of yours to submit, or is no longer open.")
# A link lands on its item: an update's deadline opens that action's update; a return's, the return.
linked_action = linked.subject if linked and linked.duty is Duty.ACTION_PLAN_UPDATE else None
return_first = linked is not None and obligation_for(linked.duty).met_by is MetBy.RETURN
labels = (
    ["Return", "Monthly update", "Extension request"]
    if return_first
    else ["Monthly update", "Return", "Extension request"]
)
tabs = dict(zip(labels, st.tabs(labels), strict=True))
tab_update, tab_return, tab_extension = tabs["Monthly update"], tabs["Return"], tabs["Extension request"]

with tab_update:
    actions = {
        a.reference: (plan, a)
        for plan in action_plans(page.engine, partnership=page.partnership)
        for r in plan.recommendations
        for a in r.actions
        if a.completed_on is None and (a.owner_key == person.key or person.works_in_business_unit)
    }
    if not actions:
        st.info("No open action of yours needs an update.")
    else:
        refs = list(actions)
        asked = linked_action or query_item("action")
        reference = st.selectbox(
            "Action", refs, index=refs.index(asked) if asked in refs else 0, key="update_action"
        )
        plan, action = actions[reference]
        st.subheader(f"{reference}, {plan.title}")
        seen = plan.exempt_paragraph is None or may_see_exempt(
            person, plan.board_key, plan.lead_sub_group_key
        )
        st.caption(action.text if seen else EXEMPT_TEXT.format(paragraph=plan.exempt_paragraph))
        st.caption(
            f"Due {day(action.due_on)}; owner {action.owner}. This update is for {month_label(page.today)}."
        )
        with st.form("update_form"):
            status = st.selectbox(
                "Status",
                STATUSES,
                index=None,
                placeholder="Choose where the action stands",
                key="update_status",
            )
            rag = st.radio("RAG rating", RAG, index=None, key="update_rag", horizontal=True)
            narrative = st.text_area("What progress was made this month", key="update_narrative")
            files = evidence_uploader("update_evidence")
            sent = st.form_submit_button("Submit the update", type="primary")
        if sent:
            problems = refused_files(files)
            if not narrative.strip():
                st.error("Say what progress was made this month.")
            elif status is None or rag is None:
                st.error("Choose the action's status and its RAG rating: nothing is assumed.")
            elif problems:
                st.error("Not done. " + "; ".join(problems))
            else:
                command = lambda: SubmitActionUpdate(  # noqa: E731
                    reference=reference,
                    submitted_by=person.key,
                    progress=narrative.strip(),
                    status=status,
                    rag=rag.split(":")[0],
                    submitted_on=page.today,
                )
                period = attempt(
                    lambda: submit_action_update(command(), uow=page.uow(), now=utc_now(), render=page.render)
                )
                if period:
                    about = EvidenceFor(supports=Supports.ACTION_UPDATE, reference=reference, period=period)
                    kept = attempt(lambda: keep(page, files, about))
                    recorded(f"Update on {reference} for {period} submitted", kept)

with tab_return:
    returns = [r for r in mine if obligation_for(r.duty).met_by is MetBy.RETURN]
    if not returns:
        st.info("No return is waiting on you.")
    else:
        row = pick(returns, "return_deadline")
        with st.form("return_form"):
            note = st.text_area("Note to the business unit (optional)", key="return_note")
            files = evidence_uploader("return_evidence")
            sent = st.form_submit_button("Submit the return", type="primary")
        if sent:
            problems = refused_files(files)
            if problems:
                st.error("Not done. " + "; ".join(problems))
            else:
                command = lambda: SubmitReturn(  # noqa: E731
                    duty=row.duty, subject=row.subject, period=row.period, submitted_by=person.key,
                    submitted_on=page.today, note=note,
                )  # fmt: skip
                if attempt(
                    lambda: submit_return(command(), uow=page.uow(), now=utc_now(), render=page.render)
                ):
                    about = EvidenceFor(supports=Supports.RETURN, period=row.period, deadline_key=row.key)
                    kept = attempt(lambda: keep(page, files, about))
                    recorded(f"Submitted: {row.title}", kept)

with tab_extension:
    extendable = [
        r for r in mine if r.state.value in ("open", "returned") and obligation_for(r.duty).extendable
    ]
    if not extendable:
        st.info("No deadline of yours can be extended.")
    else:
        row = pick(extendable, "extension_deadline")
        st.caption(f"Due {day(row.due_on)}. An extension needs a reason and evidence of justifiable delay.")
        with st.form("extension_form"):
            proposed = st.date_input(
                "New due date", value=row.due_on, key="extension_to", format="DD/MM/YYYY"
            )
            reason = st.text_area("Reason for the delay", key="extension_reason")
            evidence = st.text_area(
                "Evidence of justifiable delay (describe it; attach files below)", key="extension_evidence"
            )
            files = evidence_uploader("extension_files")
            sent = st.form_submit_button("Ask for the extension", type="primary")
        if sent:
            problems = refused_files(files)
            if problems:
                st.error("Not done. " + "; ".join(problems))
            else:
                command = lambda: RequestExtension(  # noqa: E731
                    duty=row.duty, subject=row.subject, period=row.period, requested_by=person.key,
                    reason=reason, evidence=evidence, proposed_due_on=proposed, requested_on=page.today,
                )  # fmt: skip
                request_id = attempt(
                    lambda: request_extension(command(), uow=page.uow(), now=utc_now(), render=page.render)
                )
                if request_id:
                    about = EvidenceFor(supports=Supports.EXTENSION_REQUEST, request_id=request_id)
                    kept = attempt(lambda: keep(page, files, about))
                    recorded(f"Extension request {request_id} made; those who decide it are told", kept)
