"""Whether messages were queued before, asked of the outbox.

A cycle asks this before rendering a document to attach (a board pack's PDF, a plan's monthly
update), so that a run after the messages went out renders nothing; the outbox's own key check
would keep each message from being queued twice in any case.
"""

from collections.abc import Iterable

from governance.ports import Outbox


def queued_before(outbox: Outbox, keys: Iterable[str]) -> bool:
    """Every one of ``keys`` was queued before (and there was at least one)."""
    keys = list(keys)
    return bool(keys) and all(outbox.queued(key) for key in keys)
