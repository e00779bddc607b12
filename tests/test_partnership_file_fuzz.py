"""The loader under fuzzed input: the demo file's data mutated at random (keys dropped, replaced,
duplicated; wrong types, huge strings, deep nesting; random bytes). Whatever comes in, nothing but a
``PartnershipFileError`` escapes, and a refused file leaves every table of the registry as it was."""

import copy
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registry.partnership_file.file import PartnershipFileError
from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file

NOW = datetime(2026, 11, 25, 10, tzinfo=UTC)
DEMO = yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))
TRIED = {"inputs": 0, "refused": 0, "loaded": 0}
TABLES: dict[str, sa.MetaData] = {}
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def paths(node: Any, here: tuple = ()) -> list[tuple]:
    found = [here]
    if isinstance(node, dict):
        found += [p for k, v in node.items() for p in paths(v, (*here, k))]
    elif isinstance(node, list):
        found += [p for i, v in enumerate(node) for p in paths(v, (*here, i))]
    return found


PATHS = paths(DEMO)[1:]


def nested(depth: int) -> Any:
    value: Any = "deep"
    for _ in range(depth):
        value = [value]
    return value


values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.integers(min_value=10_000, max_value=200_000).map(lambda n: "x" * n),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
    st.integers(min_value=20, max_value=120).map(nested),
    st.sampled_from(["2026-02-30", "tbp", "no-such-key", "independent chair", "", "helen-achebe"]),
)


@st.composite
def mutations(draw) -> tuple[str, Any]:
    if draw(st.integers(0, 9)) == 0:
        return "bytes", draw(st.binary(max_size=2_000))
    data = copy.deepcopy(DEMO)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            last = path[-1]
            what = draw(st.sampled_from(["drop", "replace", "duplicate"]))
            if what == "drop":
                del parent[last]
            elif what == "replace":
                parent[last] = draw(values)
            elif isinstance(parent, list):
                parent.append(copy.deepcopy(parent[last]))
            else:
                parent[last] = [parent[last], copy.deepcopy(parent[last])]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path
    return "data", data


def every_row(engine) -> dict[str, list[str]]:
    metadata = TABLES.setdefault(str(engine.url), sa.MetaData())
    if not metadata.tables:
        metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: sorted(repr(tuple(row)) for row in connection.execute(sa.select(table)))
            for name, table in metadata.tables.items()
        }


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(mutation=mutations())
def test_a_fuzzed_file_is_loaded_or_refused_whole_and_nothing_else_escapes(
    bradford, tmp_path: Path, mutation
):
    kind, content = mutation
    path = tmp_path / "fuzzed.yaml"
    if kind == "bytes":
        path.write_bytes(content)
    else:
        path.write_text(
            yaml.dump(content, Dumper=DUMPER, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    before = every_row(bradford)
    TRIED["inputs"] += 1
    try:
        load_partnership_file(bradford, path, at=NOW)
    except PartnershipFileError:
        TRIED["refused"] += 1
        assert every_row(bradford) == before
    else:
        TRIED["loaded"] += 1


def test_the_fuzzing_tried_and_refused_inputs():
    print(f"\nfuzzed partnership files: {TRIED}")
    assert TRIED["inputs"] == 0 or TRIED["refused"] > 0
