"""Action plans: recommendations, then actions with their status and RAG (in words) from the latest
update, original and current due dates and extensions; one action opened with every monthly update
and its evidence. An exempt plan's texts are shown only to those entitled to see them."""

import pandas as pd
import streamlit as st

from app.web.acting import EXEMPT_TEXT, Page, query_item
from app.web.uploads import show_evidence
from app.web.wording import day, status_and_rag
from governance.evidence.model import EvidenceFor, Supports
from governance.permissions import may_see_exempt
from registry.read_models.plans import action_plans

page = Page("Action plans")
person = page.visitor.person
plans = action_plans(page.engine, partnership=page.partnership)
by_reference = {a.reference: (plan, a) for plan in plans for r in plan.recommendations for a in r.actions}


def seen(plan) -> bool:
    return plan.exempt_paragraph is None or may_see_exempt(person, plan.board_key, plan.lead_sub_group_key)


for plan in plans:
    hidden = EXEMPT_TEXT.format(paragraph=plan.exempt_paragraph)
    st.header(plan.title)
    if plan.exempt_paragraph is not None:
        st.caption(
            f"Exempt from publication (Local Government Act 1972 Sch 12A paragraph {plan.exempt_paragraph})."
        )
    rows = []
    for rec in plan.recommendations:
        for a in rec.actions:
            status, rag = status_and_rag(a.updates[0]) if a.updates else ("no update yet", "")
            rows.append(
                {
                    "Action": a.reference,
                    "Recommendation": f"{rec.number}. {rec.text if seen(plan) else hidden}",
                    "Status": f"complete on {day(a.completed_on)}" if a.completed_on else status,
                    "RAG": rag,
                    "Owner": a.owner,
                    "Due": day(a.due_on)
                    + (
                        f" (extended {a.extensions}×, first due {day(a.original_due_on)})"
                        if a.extensions
                        else ""
                    ),
                }
            )
    if rows:
        st.table(pd.DataFrame(rows), hide_index=True)

st.header("One action")
if not by_reference:
    st.info("No action is on record.")
    st.stop()
references = list(by_reference)
asked = query_item("action")
reference = st.selectbox(
    "Action", references, index=references.index(asked) if asked in references else 0, key="plan_action"
)
plan, action = by_reference[reference]
st.write(action.text if seen(plan) else EXEMPT_TEXT.format(paragraph=plan.exempt_paragraph))
st.markdown(
    f"**Owner:** {action.owner} · **Due:** {day(action.due_on)} · **First due:** {day(action.original_due_on)} · "
    f"**Extensions:** {action.extensions}"
)
if not action.updates:
    st.caption("No monthly update yet.")
for n, update in enumerate(action.updates):
    st.markdown(f"**{update.period}**, by {update.submitted_by} on {day(update.submitted_on)}")
    st.write(update.progress if seen(plan) else EXEMPT_TEXT.format(paragraph=plan.exempt_paragraph))
    about = EvidenceFor(supports=Supports.ACTION_UPDATE, reference=reference, period=update.period)
    show_evidence(page, about, key=f"update-{n}")
