"""From a file's bytes to plain data: bounded in size and depth, UTF-8, YAML with line and column.

Each way a file can fail to be read at all is one sentence naming the file, never a traceback.
Dates are left as text so pydantic checks them and an impossible one is named like any other error;
a key given twice in one mapping is collected as a problem (YAML would silently keep the last).
"""

from pathlib import Path
from typing import Any

import yaml

from registry.partnership_file.errors import PartnershipFileError

LARGEST_FILE = 5 * 1024 * 1024
"""Bytes: the Bradford demo, with every entry a partnership has, is under 60 KB."""
DEEPEST_NESTING = 32
"""Levels of nesting: the deepest entry of a partnership file is about eight levels down."""
MOST_VALUES = 1_000_000
"""Values in the file once YAML aliases are expanded (so a few aliases cannot stand for billions)."""


FASTEST: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser where PyYAML was built with it (about 4× the pure-Python one); else the latter."""


def text_dates_loader(base: type) -> type:
    """``base`` (a safe loader) leaving dates as text and collecting the keys a mapping repeats."""

    class TextDatesLoader(base):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.repeated_keys: list[str] = []

        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            first_at: dict[str, int] = {}
            for key_node, _ in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:merge":
                    line = key_node.start_mark.line + 1
                    if key_node.value in first_at:
                        self.repeated_keys.append(
                            f"line {line}, column {key_node.start_mark.column + 1}: {key_node.value[:80]!r} is given "
                            f"twice in one entry (first at line {first_at[key_node.value]}); say it once"
                        )
                    first_at.setdefault(key_node.value, line)
            return super().construct_mapping(node, deep)

    TextDatesLoader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return TextDatesLoader


_FAST, _CAREFUL = text_dates_loader(FASTEST), text_dates_loader(yaml.SafeLoader)


def parse(text: str, loader_class: type) -> tuple[Any, list[str]]:
    """The data and the repeated keys; YAML's own errors raised as they come."""
    loader = loader_class(text)
    try:
        return loader.get_single_data(), loader.repeated_keys
    finally:
        loader.dispose()


def read_data(path: Path) -> tuple[Any, list[str]]:
    """The file's data, and the keys it repeats within one entry (problems to report with the rest).

    Parsed with the C loader; a file it cannot parse (or holding what the pure-Python reader refuses)
    is parsed again by the pure-Python loader, whose errors name the line, column and problem."""
    text = _text(path)
    data: Any = None
    try:
        if yaml.reader.Reader.NON_PRINTABLE.search(text) is None:
            data, repeated = parse(text, _FAST)
        else:
            data, repeated = _careful(path, text)
    except (yaml.YAMLError, RecursionError):
        data, repeated = _careful(path, text)
    problem = shape_problem(data)
    if problem:
        raise PartnershipFileError(f"{path}: {problem}")
    return data, repeated


def _careful(path: Path, text: str) -> tuple[Any, list[str]]:
    """The pure-Python loader, turning each way YAML fails into one sentence."""
    try:
        loader = _CAREFUL(text)
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise PartnershipFileError(
            f"{path}: holds a control character YAML does not allow (#x{error.character:04x}, line {line})"
        ) from None
    try:
        return loader.get_single_data(), loader.repeated_keys
    except yaml.MarkedYAMLError as error:
        raise PartnershipFileError(f"{path}: not valid YAML{_at(error)}") from None
    except yaml.YAMLError as error:
        raise PartnershipFileError(f"{path}: not valid YAML: {str(error)[:200]}") from None
    except RecursionError:
        raise PartnershipFileError(
            f"{path}: nested too deeply to read: a partnership file needs at most {DEEPEST_NESTING} levels"
        ) from None
    finally:
        loader.dispose()


def _text(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            data = stream.read(LARGEST_FILE + 1)
    except OSError as error:
        raise PartnershipFileError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > LARGEST_FILE:
        raise PartnershipFileError(
            f"{path}: larger than {LARGEST_FILE // (1024 * 1024)} MB, the most a partnership file may be"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PartnershipFileError(
            f"{path}: not UTF-8 text (byte 0x{data[error.start]:02x} on line {line}): save it as UTF-8"
        ) from None


def _at(error: yaml.MarkedYAMLError) -> str:
    mark = error.problem_mark or error.context_mark
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    what = "; ".join(part for part in (error.context, error.problem) if part)
    return f"{where}: {what[:200]}" if what else where


def shape_problem(data: Any) -> str | None:
    """Why the data cannot be a partnership file whatever its fields say, if it cannot; else None."""
    sizes: dict[int, tuple[int, int]] = {}  # a container's id: (values within it, depth)
    open_now: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, finished = stack.pop()
        if not isinstance(node, dict | list):
            if problem := _scalar_problem(node):
                return problem
            continue
        children = [*node.keys(), *node.values()] if isinstance(node, dict) else node
        if finished:
            inner = [sizes.get(id(c), (1, 0)) for c in children]
            sizes[id(node)] = (1 + sum(n for n, _ in inner), 1 + max((d for _, d in inner), default=0))
            open_now.discard(id(node))
            size, depth = sizes[id(node)]
            if depth > DEEPEST_NESTING:
                return (
                    f"nested more than {DEEPEST_NESTING} levels deep, deeper than any partnership file needs"
                )
            if size > MOST_VALUES:
                return f"more than {MOST_VALUES:,} values once its aliases are expanded: far more than a partnership holds"
        elif id(node) in open_now:
            return "an alias refers to the entry it is in, so the entry would never end"
        elif id(node) not in sizes:
            open_now.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children)
    return None


def _scalar_problem(value: Any) -> str | None:
    if isinstance(value, bytes):
        return "holds binary data (!!binary): a partnership file holds text"
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL character (\\0): a partnership file holds text"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "holds an escape that is not a character (a lone surrogate such as \\ud800)"
    return None
