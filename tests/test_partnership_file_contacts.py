"""Rules for how the partnership file says people and agencies are reached: a person's choice of
immediate messages or a daily digest and of a channel, an agency's shared mailbox, and the
statutory recipients' addressees; each loaded, kept by a reload and an edit, and refused when malformed."""

from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlmodel import Session

from governance.partnership.model import PartnershipOnRecord, StatutoryAddressee
from governance.partnership.people import NotifyBy
from governance.reports.model import RECIPIENTS, Recipient
from registry.partnership_file.editing import add_meeting, edit_partnership
from registry.partnership_file.file import PartnershipFileError, read_partnership_file
from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file
from registry.sql.partnership_records import SqlPartnershipRecords
from registry.sql.scope import Scope, chosen_partnership_id


def demo() -> dict[str, Any]:
    return yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partnership.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def snapshot(engine) -> PartnershipOnRecord:
    with Session(engine) as session:
        return SqlPartnershipRecords(Scope(session, chosen_partnership_id(session, "bradford"))).snapshot()


def refusal(tmp_path: Path, data: dict[str, Any]) -> str:
    with pytest.raises(PartnershipFileError) as refused:
        read_partnership_file(write(tmp_path, data))
    return str(refused.value)


def test_the_demo_loads_agencies_mailboxes_peoples_choices_and_every_statutory_addressee(engine):
    load_partnership_file(engine)
    partnership = snapshot(engine)
    mailboxes = {a.key: a.mailbox for a in partnership.agencies}
    assert mailboxes["west-yorkshire-police"] == "safeguarding.bradford@wyp.example"
    assert mailboxes["hmrc"] is None
    assert {p.key for p in partnership.people if p.notify_by is NotifyBy.DIGEST} == {
        "helen-achebe",
        "mark-ellison",
    }
    assert all(p.channel is None for p in partnership.people)
    required = {r for recipients in RECIPIENTS.values() for r in recipients}
    assert set(partnership.statutory_recipients) == required
    assert partnership.statutory_recipients[Recipient.COUNCIL_CHIEF_EXECUTIVE] == StatutoryAddressee(
        name="Alison Fairbairn, Chief Executive, Bradford Council",
        address="chief.executive@bradford-council.example",
    )
    assert all(a.address.endswith(".example") for a in partnership.statutory_recipients.values())


def test_a_recipient_may_be_keyed_by_its_name_in_full_and_a_person_may_choose_a_channel(bradford, tmp_path):
    data = demo()
    addressee = data["statutory_recipients"].pop("what-works")
    data["statutory_recipients"]["the What Works body (Foundations)"] = addressee
    data["people"][1]["channel"] = "scrutineer-teams"
    load_partnership_file(bradford, write(tmp_path, data))
    partnership = snapshot(bradford)
    assert partnership.statutory_recipients[Recipient.WHAT_WORKS].address == "reports@foundations.example"
    assert partnership.person("graham-whitfield").channel == "scrutineer-teams"


def test_a_changed_choice_or_mailbox_is_updated_by_a_reload_and_named_in_its_changes(bradford, tmp_path):
    data = demo()
    data["people"][0]["notify_by"] = "immediate"
    data["agencies"][0]["mailbox"] = "partnerships@bradford-council.example"
    data["statutory_recipients"]["council-leader"]["address"] = "leader@bradford-council.example"
    summary = load_partnership_file(bradford, write(tmp_path, data))
    assert (summary["created"], summary["updated"]) == (0, 3)
    records = {c["record"]: c["fields"] for c in summary.changes if c["change"] == "updated"}
    assert records["Person helen-achebe"] == {"notify_by": {"before": "digest", "after": "immediate"}}
    partnership = snapshot(bradford)
    assert partnership.person("helen-achebe").notify_by is NotifyBy.IMMEDIATE
    assert (
        partnership.statutory_recipients[Recipient.COUNCIL_LEADER].address
        == "leader@bradford-council.example"
    )


def test_an_edit_on_the_registry_page_keeps_mailboxes_and_choices(bradford):
    edit_partnership(
        bradford,
        "bradford",
        partial(add_meeting, board="tbp", held_on=date(2027, 5, 18)),
        edited_by="joanne-pickering",
    )
    partnership = snapshot(bradford)
    assert partnership.person("helen-achebe").notify_by is NotifyBy.DIGEST
    assert {a.key: a.mailbox for a in partnership.agencies}["nspcc"] == "safeguarding@nspcc.example"
    assert len(partnership.statutory_recipients) == len(Recipient)


@pytest.mark.parametrize(
    ("break_it", "fragment"),
    [
        (lambda d: d["people"][0].update(notify_by="weekly"), "people[0] helen-achebe › notify_by: should be one of 'immediate' or 'digest'"),
        (lambda d: d["people"][0].update(channel="teams chat"), "people[0] helen-achebe › channel: should be an Apprise tag"),
        (lambda d: d["agencies"][0].update(mailbox="safeguarding"), "agencies[0] bradford-council › mailbox: should be an e-mail address"),
        (lambda d: d["statutory_recipients"].update(mayor={"name": "M", "address": "m@x.example"}), "statutory_recipients: 'mayor' is not a statutory recipient; key each by one of: council-chief-executive,"),
        (lambda d: d["statutory_recipients"]["council-leader"].update(address="the leader"), "statutory_recipients › council-leader › address: should be an e-mail address"),
        (lambda d: d["statutory_recipients"]["national-panel"].pop("name"), "statutory_recipients › national-panel › name: required, but missing"),
        (lambda d: d["statutory_recipients"].update({"the leader of the council": {"name": "L", "address": "l@x.example"}}), "statutory_recipients: a statutory recipient is given twice (by its short name and in full)"),
    ],
    ids=["digest-weekly", "channel-with-a-space", "mailbox-not-an-address", "unknown-recipient", "addressee-not-an-address", "addressee-without-a-name", "recipient-given-twice"],
)  # fmt: skip
def test_a_malformed_choice_mailbox_or_addressee_is_refused_naming_the_entry(tmp_path, break_it, fragment):
    data = demo()
    break_it(data)
    assert fragment in refusal(tmp_path, data)
