"""The named changes to the partnership's bodies: a board added, a sub-group added with the boards it
reports to, and a sub-group's reporting lines changed. Each is a pure function on the partnership
file's document (document in, new document out), applied by ``editing.edit_partnership`` and checked
there whole, as a file is: a board key already used, a board of a kind the file does not know, or a
sub-group reporting to a board that is not in this partnership is refused with every problem named.
"""

from collections.abc import Iterable
from datetime import date
from typing import Any

from registry.partnership_file.editing import Document, _find, _plain, _with


def add_board(
    document: Document, *, key: str, name: str, short_name: str, kind: Any, updates_since: date | str | None = None
) -> Document:  # fmt: skip
    """A board, committee or partnership the business unit reports to, with no meetings yet."""
    board = {"key": key, "name": name, "short_name": short_name, "kind": _plain(kind),
             "updates_since": _plain(updates_since), "meetings": []}  # fmt: skip
    return _with(document, lambda d: d.setdefault("boards", []).append(board))


def add_sub_group(
    document: Document, *, key: str, name: str, reports_to: Iterable[str], purpose: str = ""
) -> Document:
    """A sub-group and the boards it reports to (a tri-board sub-group names several)."""
    group = {
        "key": key,
        "name": name,
        "purpose": purpose,
        "reports_to": list(reports_to),
        "protocol_reviews": [],
    }
    return _with(document, lambda d: d.setdefault("sub_groups", []).append(group))


def set_reporting_lines(document: Document, *, sub_group: str, reports_to: Iterable[str]) -> Document:
    """The boards the sub-group reports to from now on: these, and no others."""
    boards = list(reports_to)

    def edit(d: Document) -> None:
        _find(d, "sub_groups", "sub-group", sub_group)["reports_to"] = boards

    return _with(document, edit)
