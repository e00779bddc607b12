"""Reading a partnership file's plain data (as parsed, or a validated file's ``model_dump()``)
without trusting it: malformed parts are skipped, since pydantic names them."""

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from registry.partnership_file.messages import entry_name


def entries(data: Any, field: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """The entries of a list that are mappings, with their index."""
    items = data.get(field) if isinstance(data, dict) else None
    if isinstance(items, list):
        yield from ((i, e) for i, e in enumerate(items) if isinstance(e, dict))


def named(section: str, index: int, entry: dict[str, Any]) -> str:
    """``people[3] kwame-boateng``: an entry as the messages name it."""
    name = entry_name(entry)
    return f"{section}[{index}]" + (f" {name}" if name is not None else "")


def label(value: Any) -> str | None:
    """A key, reference, number or date as text; ``None`` for anything that cannot be one."""
    if isinstance(value, bool) or not isinstance(value, str | int | date):
        return None
    return str(value)


E = TypeVar("E", bound=StrEnum)


def member(kind: type[E], value: Any) -> E | None:
    """The member of ``kind`` with this value, or ``None``."""
    try:
        return kind(value)
    except (ValueError, TypeError):
        return None
