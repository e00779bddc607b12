"""Statuses and dates in words, so that nothing is said by colour alone."""

from datetime import date

from governance.deadlines.model import Standing
from registry.read_models.deadlines import BoardRow


def day(when: date) -> str:
    return f"{when.day} {when:%b %Y}"


def standing_words(row: BoardRow) -> str:
    """``overdue by 12 days``; ``due soon``; ``accepted``: how the deadline stands, in words."""
    if row.standing is Standing.OVERDUE:
        return f"overdue by {row.days_overdue} day{'s' * (row.days_overdue != 1)}"
    if row.state.value == "returned":
        return f"returned, {row.standing.value}"
    return row.standing.value


def due_words(row: BoardRow) -> str:
    """``30 Sep 2026 (extended 1×, first due 31 Jul 2026)``."""
    if not row.extensions:
        return day(row.due_on)
    return f"{day(row.due_on)} (extended {row.extensions}×, first due {day(row.original_due_on)})"


def status_and_rag(update) -> tuple[str, str]:  # registry.read_models.plans.UpdateRow
    """The status and RAG rating an update gave, in words; "update given" and no rating for an
    update written without them (the command line's may leave them out)."""
    return (update.status or "update given", RAG_WORDS.get(update.rag, update.rag))


RAG_WORDS = {
    "green": "green: on track",
    "amber": "amber: at risk, recoverable",
    "red": "red: off track, needs help",
}
