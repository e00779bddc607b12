"""The item a link in a message names, shown at the top of My work: a link lands on its item.

A deadline is shown to its owner, to the business unit, and to whoever a message linking to it
was sent to (a chair it was escalated to); an exempt plan's item only as "an exempt item" to
those not entitled to it. Anyone else is told the item is not theirs, and sees nothing of it."""

import streamlit as st

from app.web.acting import Page, query_item
from app.web.wording import due_words, standing_words
from governance.permissions import may_see_exempt
from registry.read_models.deadlines import deadline_board
from registry.read_models.plans import action_plans
from registry.read_models.work import Given, MessageRow


def show_linked_item(page: Page, messages: list[MessageRow], given: list[Given]) -> None:
    if asked := query_item("deadline"):
        _deadline(page, asked, messages)
    if asked := query_item("extension"):
        mine = next((g for g in given if g.link.get("extension") == asked), None)
        if mine is None:
            st.warning("The extension request this link names is not one you made.")
        else:
            st.info(f"**The request your link names:** {mine.what}: {mine.state}.", icon=":material/link:")


def _deadline(page: Page, asked: str, messages: list[MessageRow]) -> None:
    person = page.visitor.person
    rows = deadline_board(
        page.engine, partnership=page.partnership, as_of=page.today, due_soon_days=page.config.due_soon_days
    )
    row = next((r for r in rows if str(r.id) == asked), None)
    told = any(f"deadline={asked}" in m.body for m in messages)
    if row is None or not (row.owner_key == person.key or person.works_in_business_unit or told):
        st.warning("The deadline this link names is not one of yours, or is no longer recorded.")
        return
    withheld = {
        a.reference
        for plan in action_plans(page.engine, partnership=page.partnership)
        if plan.exempt_paragraph is not None
        and not may_see_exempt(person, plan.board_key, plan.lead_sub_group_key)
        for r in plan.recommendations
        for a in r.actions
    }
    what = "An exempt item (not shown to you)" if row.subject in withheld else row.title
    st.info(
        f"**The item your link names:** {what}. {standing_words(row).capitalize()}; due {due_words(row)}; "
        f"owner {row.owner}; {row.board}.",
        icon=":material/link:",
    )
