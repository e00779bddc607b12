"""The monthly update of an action plan: each recommendation, then its actions, each with its owner,
due date, original due date and extensions, RAG status, evidence and the progress reported for the
month (seed 003 §2.89: the plan "will be updated monthly").

The RAG status is worked out from the registry, not claimed: green when completed or on track,
amber when due within the due-soon window, red when overdue. A plan exempt from publication
(Sch 12A, e.g. the CSE thematic review plan under paragraph 7) keeps every recommendation and action
text inside an exempt part; the public version says only how many actions stand at each status.
"""

from collections import Counter
from datetime import date

from governance.action_plans.model import ActionOnRecord
from governance.dates import last_day_of_month, spoken
from governance.deadlines.model import DeadlineState, Standing, standing_on
from governance.documents.blocks import day
from governance.documents.model import Block, Document, ExemptPart, Fields, Heading, Paragraph, Table
from governance.partnership.model import ActionUpdateOnRecord, PartnershipOnRecord, PlanOnRecord
from governance.vocabulary import Rag

SCHEDULE_12A = {
    1: "information relating to any individual",
    2: "information likely to reveal the identity of an individual",
    3: "information relating to the financial or business affairs of any particular person",
    4: "information relating to consultations or negotiations in connection with labour relations",
    5: "information in respect of which a claim to legal professional privilege could be maintained",
    6: "information revealing a proposal to give a notice, make an order or direction",
    7: "information relating to action taken in connection with the prevention, investigation or prosecution of crime",
}


def rag_of(action: ActionOnRecord, as_of: date, *, due_soon_days: int) -> Rag:
    if action.completed_on is not None and action.completed_on <= as_of:
        return Rag.GREEN
    standing = standing_on(DeadlineState.OPEN, action.due_on, as_of, due_soon_days=due_soon_days)
    return {Standing.OVERDUE: Rag.RED, Standing.DUE_SOON: Rag.AMBER}.get(standing, Rag.GREEN)


def _rated(update: ActionUpdateOnRecord | None) -> Rag | None:
    """The owner's own rating in this month's update, which stands over the one the dates suggest."""
    return update.rag if update is not None else None


def _rag_words(action: ActionOnRecord, rag: Rag, as_of: date, update: ActionUpdateOnRecord | None) -> str:
    if update is not None and update.rag is not None:
        status = f", {update.status.value}" if update.status else ""
        return f"{rag.value.title()}: rated by the owner{status}"
    if action.completed_on is not None and action.completed_on <= as_of:
        return f"{rag.value.title()}: completed on {spoken(action.completed_on)}"
    words = {Rag.RED: "overdue", Rag.AMBER: "due soon", Rag.GREEN: "on track"}
    return f"{rag.value.title()}: {words[rag]}"


def action_plan_update(
    plan: PlanOnRecord,
    month: date,
    p: PartnershipOnRecord,
    updates: list[ActionUpdateOnRecord],
    *,
    due_soon_days: int = 14,
) -> Document:
    """The update for the month ``month`` falls in, as things stood at its end."""
    as_of = last_day_of_month(month)
    period = f"{month.year:04d}-{month.month:02d}"
    actions = {a.reference: a for a in p.actions if a.plan_key == plan.key}
    this_month = {u.reference: u for u in updates if u.period == period}
    rags = {
        ref: _rated(this_month.get(ref)) or rag_of(a, as_of, due_soon_days=due_soon_days)
        for ref, a in actions.items()
    }
    detail: list[Block] = []
    for recommendation in plan.recommendations:
        detail += [
            Heading(
                level=2, number=str(recommendation.number), text=f"Recommendation {recommendation.number}"
            ),
            Paragraph(text=recommendation.text),
        ]
        for ref in recommendation.action_references:
            if ref in actions:
                detail += _action(actions[ref], rags[ref], this_month.get(ref), as_of)
    board = p.board(plan.board_key)
    blocks: list[Block] = [
        Fields(
            caption="About this update",
            pairs=(
                ("Plan", plan.title),
                ("Board", board.name),
                (
                    "Lead sub-group",
                    p.sub_group(plan.lead_sub_group_key).name if plan.lead_sub_group_key else "None",
                ),
                ("Month", f"{month:%B %Y}"),
                ("As at", spoken(as_of)),
            ),
        ),
        Heading(level=1, text="Summary"),
        _summary(rags, this_month),
        Heading(level=1, text="Recommendations and actions"),
    ]
    if plan.exempt_paragraph:
        blocks.append(
            ExemptPart(
                title=f"{plan.title}: recommendations and actions",
                paragraph=plan.exempt_paragraph,
                public_interest_test=_public_interest_test(plan.exempt_paragraph),
                blocks=tuple(detail),
            )
        )
    else:
        blocks += detail
    return Document(
        key=f"{plan.key}-update-{period}",
        title=f"{plan.title}: monthly update, {month:%B %Y}",
        subtitle=board.name,
        author=board.name,
        draft=False,
        blocks=tuple(blocks),
    )


def _public_interest_test(paragraph: int) -> str:
    return (
        f"Exempt under Schedule 12A paragraph {paragraph} ({SCHEDULE_12A[paragraph]}). While the actions "
        "are in progress, the public interest in withholding them outweighs the public interest in disclosing them."
    )


def _summary(rags: dict[str, Rag], this_month: dict[str, ActionUpdateOnRecord]) -> Table:
    counts = Counter(rags.values())
    return Table(
        caption="How many actions stand at each RAG status, and how many reported progress this month",
        header=("Status", "Actions"),
        rows=(
            *((rag.value.title(), str(counts.get(rag, 0))) for rag in (Rag.RED, Rag.AMBER, Rag.GREEN)),
            ("Updated this month", str(len(this_month))),
            ("All actions", str(len(rags))),
        ),
    )


def _action(
    action: ActionOnRecord, rag: Rag, update: ActionUpdateOnRecord | None, as_of: date
) -> list[Block]:
    progress = (
        f"{update.progress} (reported by {update.submitted_by} on {spoken(update.submitted_on)})"
        if update
        else "No update reported for this month."
    )
    evidence = ", ".join(update.evidence) if update and update.evidence else "None uploaded"
    return [
        Heading(level=3, text=action.reference),
        Fields(
            caption=f"Action {action.reference}",
            pairs=(
                ("Action", action.text),
                ("Owner", action.owner_name),
                ("Due date", spoken(action.due_on)),
                ("Original due date", day(action.original_due_on, spoken(action.due_on))),
                ("Extensions", str(action.extensions)),
                ("RAG status", _rag_words(action, rag, as_of, update)),
                ("Evidence", evidence),
                ("Progress since last month", progress),
            ),
        ),
    ]
