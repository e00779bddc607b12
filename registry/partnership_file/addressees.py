"""The statutory recipients' addressees in a partnership file: who each is, and where its copy goes.

The file keys each by a short name (``council-chief-executive``) or by the recipient's name in full
(``the council's chief executive``, as a report's ``sent:`` entries name it).
"""

from typing import Any

from pydantic import Field

from governance.reports.model import Recipient
from registry.partnership_file.entries import EMAIL, Entry

RECIPIENT_SLUGS = {r.name.lower().replace("_", "-"): r for r in Recipient}
"""``council-chief-executive``: each statutory recipient by its short name."""


class AddresseeEntry(Entry):
    """Who a statutory recipient is, by name, and the e-mail address its copy of a report goes to."""

    name: str
    address: str = Field(pattern=EMAIL, max_length=320)


def recipients_known(value: Any) -> Any:
    """Refuses a key that names no statutory recipient, or one named twice (short and in full)."""
    if not isinstance(value, dict):
        return value
    named = {key: RECIPIENT_SLUGS.get(key, key) if isinstance(key, str) else key for key in value}
    unknown = [key for key, recipient in named.items() if recipient not in set(Recipient)]
    if unknown:
        raise ValueError(
            f"{', '.join(repr(str(k)[:80]) for k in unknown[:5])} is not a statutory recipient; "
            f"key each by one of: {', '.join(RECIPIENT_SLUGS)}"
        )
    if len(set(named.values())) < len(named):
        raise ValueError("a statutory recipient is given twice (by its short name and in full); give it once")
    return value


def by_recipient(value: dict[str, Any]) -> dict[str, Any]:
    """The section keyed by ``Recipient`` (a ``str``), whichever way the file named each."""
    return {Recipient(RECIPIENT_SLUGS.get(key, key)): entry for key, entry in value.items()}
