"""How a problem in a partnership file is worded: where it is, in the file's own terms, and what is
wrong, in the rule's own words. Values are echoed shortened, so a huge bad value cannot flood the
message."""

from collections.abc import Sequence
from typing import Any

from pydantic_core import ErrorDetails

LONGEST_VALUE = 80
"""Characters of a value echoed in a message; longer ones end in an ellipsis."""
LONGEST_LINE = 400
MOST_PROBLEMS = 50
"""Problems listed in one message; the rest are counted."""


def shorten(value: object, limit: int = LONGEST_VALUE) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(value: object) -> str:
    """``'value'``, shortened: how a key or reference the file gave is echoed."""
    return repr(shorten(value))


def entry_name(node: Any) -> str | None:
    """The name a keyed entry goes by: its key, reference or number."""
    if not isinstance(node, dict):
        return None
    for field in ("key", "reference", "number"):
        value = node.get(field)
        if isinstance(value, str | int) and not isinstance(value, bool):
            return shorten(value)
    return None


def where(raw: Any, loc: Sequence[int | str]) -> str:
    """``plans[0] cse-thematic-review › recommendations[3] › due_on``: the path, naming keyed entries."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and parts and isinstance(node, list):
            node = node[step] if step < len(node) else None
            name = entry_name(node)
            parts[-1] += f"[{step}]" + (f" {name}" if name is not None else "")
        else:
            node = node.get(step) if isinstance(node, dict) else None
            parts.append(shorten(step, 40))
    return " › ".join(parts) or "the file"


def last_path(raw: Any) -> tuple[int | str, ...]:
    """The path to the last thing in the file: a file cut short ends there."""
    path: list[int | str] = []
    node = raw
    while isinstance(node, dict | list) and node:
        step: Any = next(reversed(node)) if isinstance(node, dict) else len(node) - 1
        path.append(step)
        node = node[step]
    return tuple(path)


PATTERNS = {
    r"^[a-z0-9][a-z0-9-]{0,79}$": "a key of lower-case letters, digits and hyphens (at most 80), e.g. helen-achebe",
    r"^[A-Za-z0-9][A-Za-z0-9/._-]{0,79}$": "a reference of letters, digits and / . _ - (at most 80), e.g. CSE-2021/R01.1",
    r"^[^@\s]+@[^@\s]+\.[^@\s]+$": "an e-mail address, e.g. name@example.org",
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$": "an Apprise tag of letters, digits and _ . - (at most 200), e.g. bsab-teams",
}
"""What each pattern a field must match means, in the users' words."""
WORDS = {
    "string_pattern_mismatch": lambda e: (
        "should be " + PATTERNS.get(e["ctx"]["pattern"], "in the form shown in the demo")
    ),
    "date_from_datetime_parsing": lambda e: "should be a real date, written YYYY-MM-DD",
    "date_parsing": lambda e: "should be a real date, written YYYY-MM-DD",
    "date_type": lambda e: "should be a date, written YYYY-MM-DD",
    "enum": lambda e: (
        "should be one of " + shorten(e.get("ctx", {}).get("expected", "the names the demo file uses"), 240)
    ),
}


def field_problem(raw: Any, error: ErrorDetails, end: tuple[int | str, ...]) -> str:
    """One pydantic error as a line of the message, without pydantic's "Value error, " prefix."""
    loc = tuple(error["loc"])
    message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    kind = error["type"]
    if kind in WORDS:
        message = f"{WORDS[kind](error)} (given {quoted(error['input'])})"
    if kind == "missing":
        message = "required, but missing"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"should be an entry of named fields (name: value), not {_shape(error['input'])}"
    entry = loc[:-1] if kind == "missing" else loc
    cut_short = kind in ("missing", "model_type", "model_attributes_type") and end[: len(entry)] == entry
    if cut_short and not entry:
        message += "; the file may be incomplete (cut short?)"
    elif cut_short:
        message += "; it is in the file's last entry, so the file may be incomplete (cut short?)"
    return f"{where(raw, loc)}: {shorten(message, LONGEST_LINE)}"


def _shape(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    return f"{type(value).__name__} {quoted(value)}"


def problem_list(source: str, problems: list[str]) -> str:
    shown = [shorten(p, LONGEST_LINE) for p in problems[:MOST_PROBLEMS]]
    if len(problems) > MOST_PROBLEMS:
        shown.append(f"… and {len(problems) - MOST_PROBLEMS} more")
    return f"{source} has {len(problems)} problem(s):\n  " + "\n  ".join(shown)
