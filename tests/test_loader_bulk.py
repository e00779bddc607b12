"""Rules for loading a partnership file a table at a time: what the file no longer lists is ended,
what changed is updated and named, a copy under another key stands alone, and the C YAML parser
reads a file exactly as the pure-Python one does."""

from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from registry import tables as m
from registry.partnership_file import reading
from registry.partnership_file.file import read_partnership_file
from registry.partnership_file.loader import (
    BRADFORD_DEMO,
    LOADED,
    as_partnership,
    load_partnership,
    load_partnership_file,
)
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.scope import Scope, chosen_partnership_id


def demo() -> dict[str, Any]:
    return yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partnership.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def snapshot(engine, key: str = "bradford"):
    with Session(engine) as session:
        return SqlPartnershipRecords(Scope(session, chosen_partnership_id(session, key))).snapshot()


def sub_group(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(g for g in data["sub_groups"] if g["key"] == key)


def test_a_reporting_line_the_file_no_longer_lists_is_ended_and_named_in_the_audit_event(engine, tmp_path):
    load_partnership_file(engine)
    data = demo()
    sub_group(data, "all-age-exploitation")["reports_to"] = ["bsab"]
    summary = load_partnership_file(engine, write(tmp_path, data))
    assert (summary["created"], summary["updated"], summary["ended"]) == (0, 0, 1)
    assert {"change": "ended", "record": "sub-group all-age-exploitation's reporting line to board tbp"} in (
        summary.changes
    )
    aae = next(g for g in snapshot(engine).sub_groups if g.key == "all-age-exploitation")
    assert aae.reports_to == ("bsab",)


def test_a_new_reporting_line_and_a_new_meeting_are_created_beside_the_existing_ones(engine, tmp_path):
    load_partnership_file(engine)
    data = demo()
    sub_group(data, "training")["reports_to"].append("csp")
    data["boards"][0]["meetings"].append({"held_on": "2027-05-18", "title": "TBP board meeting"})
    summary = load_partnership_file(engine, write(tmp_path, data))
    assert (summary["created"], summary["updated"], summary["ended"]) == (2, 0, 0)
    partnership = snapshot(engine)
    assert next(g for g in partnership.sub_groups if g.key == "training").reports_to == ("tbp", "bsab", "csp")
    assert str(partnership.board("tbp").meetings[-1].held_on) == "2027-05-18"


def test_the_audit_event_counts_what_each_table_gained(engine):
    load_partnership_file(engine)
    with Session(engine) as session:
        event = session.exec(select(m.AuditEvent).where(m.AuditEvent.event == LOADED)).one()
    by_table = event.details["created by table"]
    assert (by_table["Meeting"], by_table["Person"], by_table["StatutoryAddressee"]) == (41, 32, 7)
    assert sum(by_table.values()) == event.details["created"]


def test_a_copy_under_another_key_is_a_partnership_of_its_own_and_leaves_the_original_as_it_was(engine):
    load_partnership_file(engine)
    file = read_partnership_file(BRADFORD_DEMO)
    copied = load_partnership(engine, as_partnership(file, "bradford-copy"))
    assert copied["created"] == load_partnership_file(engine)["unchanged"]
    original, copy = snapshot(engine), snapshot(engine, "bradford-copy")
    assert copy.name == "Bradford District safeguarding partnerships (bradford-copy)"
    assert copy.model_copy(update={"key": original.key, "name": original.name}) == original
    again = load_partnership_file(engine, key="bradford-copy", name="A copy")
    assert (again["created"], again["updated"]) == (0, 1)
    assert snapshot(engine, "bradford-copy").name == "A copy"


def test_the_c_parser_reads_the_demo_exactly_as_the_pure_python_parser_does():
    text = BRADFORD_DEMO.read_text(encoding="utf-8").replace(
        'short_name: "TBP"', 'short_name: "TBP"\n    short_name: "T"'
    )
    fast = reading.parse(text, reading.text_dates_loader(reading.FASTEST))
    careful = reading.parse(text, reading.text_dates_loader(yaml.SafeLoader))
    assert fast == careful
    assert "'short_name' is given twice in one entry" in fast[1][0]
    assert isinstance(fast[0]["boards"][0]["meetings"][0]["held_on"], str)  # dates left for pydantic
