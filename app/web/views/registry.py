"""The registry, for the business unit: boards and their meetings, sub-groups and whom they report
to, agencies, people and their roles, resolutions, the reviews register and enquiries. Read here;
changed through the partnership file (`govern demo load --file …`), with the same checks."""

import pandas as pd
import streamlit as st

from app.web.acting import Page
from app.web.wording import day
from registry.queries import people

page = Page("Registry")
if not page.visitor.person.works_in_business_unit:
    st.warning("The registry is kept by the safeguarding business unit.")
    st.stop()
with page.uow() as uow:
    p = uow.partnership.snapshot()
boards = {b.key: b.short_name for b in p.boards}
names = {person.key: person.name for person in p.people}


def table(rows: list[dict]) -> None:
    if rows:
        st.table(pd.DataFrame(rows), hide_index=True)
    else:
        st.caption("None on record.")


tabs = st.tabs(["Boards", "Sub-groups", "Agencies", "People", "Resolutions", "Reviews", "Enquiries"])
with tabs[0]:
    table([{"Board": b.name, "Short name": b.short_name, "Kind": b.kind.value,
            "Meetings": ", ".join(day(m.held_on) for m in b.meetings)} for b in p.boards])  # fmt: skip
with tabs[1]:
    table(
        [
            {"Sub-group": s.name, "Reports to": ", ".join(boards.get(k, k) for k in s.reports_to)}
            for s in p.sub_groups
        ]
    )
with tabs[2]:
    table([{"Agency": a.name, "Kind": a.kind.value, "Statutory partner": "yes" if a.statutory_partner else "no"}
           for a in p.agencies])  # fmt: skip
with tabs[3]:
    table([{"Name": r.name, "E-mail": r.email, "Agency": r.agency or "", "Roles": "; ".join(r.roles)}
           for r in people(page.engine, partnership=page.partnership, as_of=page.today)])  # fmt: skip
with tabs[4]:
    table([{"Board": boards.get(r.board_key, r.board_key), "Resolved": day(r.resolved_on), "Number": r.number,
            "Resolution": r.text, "Action owner": names.get(r.action_owner_key, r.action_owner_key)}
           for r in p.resolutions])  # fmt: skip
with tabs[5]:
    table([{"Reference": c.reference, "Kind": c.kind.value, "Board": boards.get(c.board_key, c.board_key),
            "Became aware": day(c.became_aware_on) if c.became_aware_on else "",
            "Concluded": day(c.concluded_on) if c.concluded_on else "not yet"} for c in p.case_reviews])  # fmt: skip
with tabs[6]:
    table([{"Reference": e.reference, "Subject": e.subject, "Received": day(e.received_on),
            "Owner": names.get(e.owner_key, e.owner_key),
            "Answered": day(e.answered_on) if e.answered_on else "not yet"} for e in p.enquiries])  # fmt: skip
st.caption("Edit the partnership file and load it again (`govern demo load --file …`): it is checked whole.")
