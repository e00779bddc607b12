"""Each user's main job through AppTest: the owner's monthly update and extension request, the chair
and the scrutineer deciding it, refusals that say why, and evidence checked by its bytes."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from app.web.acting import identify
from governance.evidence.model import AttachEvidence, EvidenceFor, Supports
from governance.evidence.use_cases import attach_evidence, evidence_for, open_evidence
from governance.permissions import PermissionRefused
from governance.rules import RuleBroken
from governance.vocabulary import Rag, UpdateStatus
from registry.read_models.deadlines import deadline_board
from registry.read_models.work import messages_to
from registry.sql.evidence_records import EvidenceUnitOfWork
from registry.unit_of_work import SqlUnitOfWork
from tests.test_app import EMAIL, demo, open_page, prepared, signed_in_as, texts  # noqa: F401  (fixtures)

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
NOW = datetime(2026, 12, 1, 10, tzinfo=UTC)


def completion_of(engine, reference: str) -> int:
    rows = deadline_board(engine, partnership="bradford", as_of=date(2026, 12, 1), due_soon_days=14)
    return next(r.id for r in rows if r.subject == reference and r.duty.value == "action completion")


def test_the_owner_submits_a_monthly_update_and_sees_it_in_my_work(demo):  # noqa: F811
    at = open_page(signed_in_as("mark-ellison"), "submit.py")
    at.selectbox(key="update_action").set_value("CSE-2021/R01.2")
    at.selectbox(key="update_status").set_value("at risk")
    at.radio(key="update_rag").set_value("amber: at risk, recoverable")
    at.text_area(key="update_narrative").set_value("Sample of 20 assessments drawn; audit half done.")
    at.button(key="FormSubmitter:update_form-Submit the update").click().run()
    assert "Update on CSE-2021/R01.2" in texts(at), texts(at)
    at = open_page(at, "my_work.py")
    given = at.table[-1].value if at.table else None
    assert given is not None and any("Update on CSE-2021/R01.2" in w for w in given["What"])
    with SqlUnitOfWork(demo, partnership="bradford") as uow:
        [kept] = [
            u for u in uow.partnership.action_updates("cse-thematic-review-2021") if u.period == "2026-12"
        ]
    assert (kept.status, kept.rag, kept.progress) == (
        UpdateStatus.AT_RISK,
        Rag.AMBER,
        "Sample of 20 assessments drawn; audit half done.",
    )  # fmt: skip  (the status and rating are facts of their own, not words in the progress text)


def test_an_update_without_progress_is_refused_with_the_reason(demo):  # noqa: F811
    at = open_page(signed_in_as("mark-ellison"), "submit.py")
    at.button(key="FormSubmitter:update_form-Submit the update").click().run()
    assert "Say what progress was made this month." in texts(at)


def test_an_update_without_its_status_and_rating_is_refused_nothing_is_assumed(demo):  # noqa: F811
    at = open_page(signed_in_as("mark-ellison"), "submit.py")
    at.text_area(key="update_narrative").set_value("Audit half done.")
    at.button(key="FormSubmitter:update_form-Submit the update").click().run()
    assert "Choose the action's status and its RAG rating: nothing is assumed." in texts(at)


def test_a_link_to_an_update_deadline_opens_that_actions_update(demo):  # noqa: F811
    [row] = [
        r
        for r in deadline_board(demo, partnership="bradford", as_of=date(2026, 12, 1), due_soon_days=14)
        if r.duty.value == "monthly action-plan update"
        and r.subject == "CSE-2021/R02.1"
        and r.state.value == "open"
    ][:1]
    at = signed_in_as("joanne-pickering")
    at.query_params["deadline"] = str(row.id)
    at = open_page(at, "submit.py")
    assert at.selectbox(key="update_action").value == "CSE-2021/R02.1"


def ask_for_extension(engine) -> None:
    at = open_page(signed_in_as("mark-ellison"), "submit.py")
    at.selectbox(key="extension_deadline").set_value(completion_of(engine, "CSE-2021/R01.2"))
    at.date_input(key="extension_to").set_value(date(2027, 1, 29))
    at.text_area(key="extension_reason").set_value(
        "The audit sample was delayed by the case system migration."
    )
    at.text_area(key="extension_evidence").set_value("Migration notice of 3 November; revised audit plan.")
    at.button(key="FormSubmitter:extension_form-Ask for the extension").click().run()
    assert "Extension request 1 made" in texts(at), texts(at)


def decide(person: str, *, approve: bool, note: str = ""):
    at = open_page(signed_in_as(person), "approvals.py")
    assert at.expander, f"{person} sees no request"
    at.text_area(key="ext-note-1").set_value(note)
    at.button(key="ext-approve-1" if approve else "ext-refuse-1").click().run()
    return at


def test_the_chair_and_the_scrutineer_both_approve_and_the_deadline_moves(demo):  # noqa: F811
    ask_for_extension(demo)
    assert "Still awaiting the decision of the independent scrutineer" in texts(
        decide("helen-achebe", approve=True)
    )
    assert "The request is approved" in texts(decide("graham-whitfield", approve=True))
    moved = next(
        r for r in deadline_board(demo, partnership="bradford", as_of=date(2026, 12, 1), due_soon_days=14)
        if r.id == completion_of(demo, "CSE-2021/R01.2")
    )  # fmt: skip
    assert moved.due_on == date(2027, 1, 29) and moved.extensions == 1


def test_a_refusal_without_a_reason_is_refused_and_says_why(demo):  # noqa: F811
    ask_for_extension(demo)
    at = decide("helen-achebe", approve=False)
    assert "Not done. Say why the extension is refused" in texts(at)


def test_someone_who_decides_nothing_sees_no_request(demo):  # noqa: F811
    ask_for_extension(demo)
    at = open_page(signed_in_as("joanne-pickering"), "approvals.py")
    assert "No extension request awaits your decision." in texts(at)


def attach(engine, content: bytes, name: str, by: str = "mark-ellison") -> int:
    about = EvidenceFor(supports=Supports.ACTION_UPDATE, reference="CSE-2021/R01.2", period="2026-12")
    command = AttachEvidence(about=about, file_name=name, content=content, uploaded_by=by)
    return attach_evidence(
        command, uow=EvidenceUnitOfWork(engine, partnership="bradford"), identify=identify, now=NOW
    )


def test_evidence_is_kept_when_its_bytes_are_a_pdf_and_shown_to_those_concerned(demo):  # noqa: F811
    evidence_id = attach(demo, PDF, "audit plan.pdf")
    opened = open_evidence(
        evidence_id, reader="joanne-pickering", uow=EvidenceUnitOfWork(demo, partnership="bradford")
    )
    assert opened.content == PDF and opened.media_type == "application/pdf"
    about = opened.about
    assert evidence_for(about, reader="lena-hart", uow=EvidenceUnitOfWork(demo, partnership="bradford")) == []
    with pytest.raises(PermissionRefused, match="shown only to those concerned"):
        open_evidence(evidence_id, reader="lena-hart", uow=EvidenceUnitOfWork(demo, partnership="bradford"))


def test_a_program_named_as_a_pdf_is_refused_by_its_bytes(demo):  # noqa: F811
    with pytest.raises(RuleBroken, match="Evidence must be a PDF"):
        attach(demo, b"MZ\x90\x00\x03\x00\x00\x00" + bytes(200), "report.pdf")


def test_evidence_over_10_mb_is_refused(demo):  # noqa: F811
    with pytest.raises(RuleBroken, match="at most 10 MB"):
        attach(demo, PDF + b" " * (10 * 1024 * 1024), "big.pdf")


def test_only_the_owner_or_the_business_unit_adds_evidence_to_an_update(demo):  # noqa: F811
    with pytest.raises(PermissionRefused):
        attach(demo, PDF, "plan.pdf", by="lena-hart")


def submit_the_sub_groups_report(engine) -> str:
    at = open_page(signed_in_as("mark-ellison"), "submit.py")
    returns = [
        r for r in deadline_board(engine, partnership="bradford", as_of=date(2026, 12, 1), due_soon_days=14)
        if r.duty.value == "sub-group report to board" and r.sub_group_key == "all-age-exploitation"
        and r.state.value in ("open", "scheduled")
    ]  # fmt: skip
    chosen = min(returns, key=lambda r: r.due_on)
    at.selectbox(key="return_deadline").set_value(chosen.id)
    at.text_area(key="return_note").set_value("Highlight report for the meeting.")
    at.button(key="FormSubmitter:return_form-Submit the return").click().run()
    assert f"Submitted: {chosen.title}" in texts(at), texts(at)
    return str(chosen.id)


def test_a_return_submitted_by_the_lead_awaits_the_business_unit_and_is_accepted(demo):  # noqa: F811
    deadline = submit_the_sub_groups_report(demo)
    at = open_page(signed_in_as("joanne-pickering"), "approvals.py")
    at.button(key=f"ret-accept-{deadline}").click().run()
    assert "Recorded: accepted." in texts(at), texts(at)


def test_returning_a_return_without_saying_why_is_refused(demo):  # noqa: F811
    deadline = submit_the_sub_groups_report(demo)
    at = open_page(signed_in_as("joanne-pickering"), "approvals.py")
    at.button(key=f"ret-return-{deadline}").click().run()
    assert "Not done." in texts(at), texts(at)


def test_the_business_manager_sends_reminders_now(demo):  # noqa: F811
    at = open_page(signed_in_as("joanne-pickering"), "deadlines.py")
    at.radio(key="deadline_view").set_value("Reminders and outbox").run()
    at.button(key="send_reminders").click().run()
    assert "Today's calendar: calendar as of" in texts(at), texts(at)
    assert "Delivery:" in texts(at)


def test_a_page_not_offered_is_not_registered_so_its_address_opens_nothing(demo):  # noqa: F811
    at = signed_in_as("lena-hart")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/deadlines.py")


def test_someone_with_roles_in_two_partnerships_chooses_which_to_work_in(demo, tmp_path):  # noqa: F811
    """Calderdale's independent chair is, here, Helen Achebe too: one account, two partnerships."""
    import yaml

    from registry.partnership_file.loader import load_partnership_file

    calderdale = yaml.safe_load((Path(__file__).parent / "partnerships" / "calderdale.yaml").read_text())
    calderdale["people"][0]["email"] = "helen.achebe@bradford-partnership.example"
    (tmp_path / "calderdale.yaml").write_text(yaml.safe_dump(calderdale, allow_unicode=True))
    load_partnership_file(demo, tmp_path / "calderdale.yaml")
    at = signed_in_as("helen-achebe")
    choice = at.sidebar.selectbox(key="partnership")
    assert set(choice.options) == {
        "Bradford District safeguarding partnerships",
        "Calderdale safeguarding partnerships",
    }
    choice.set_value("calderdale").run()
    assert "Calderdale safeguarding partnerships" in at.caption[0].value


def test_a_link_to_my_deadline_lands_on_it_in_my_work_and_anyone_elses_says_it_is_not_theirs(demo):  # noqa: F811
    [row] = [
        r
        for r in deadline_board(demo, partnership="bradford", as_of=date(2026, 12, 1), due_soon_days=14)
        if r.owner_key == "mark-ellison" and r.is_open
    ][:1]
    owner = signed_in_as("mark-ellison")
    owner.query_params["deadline"] = str(row.id)
    assert f"The item your link names:** {row.title}" in " ".join(
        i.value for i in open_page(owner, "my_work.py").info
    )
    told = {"mark-ellison", "helen-achebe", "joanne-pickering"}  # the owner, the chair it was escalated to
    stranger_key = next(
        k
        for k in EMAIL
        if k not in told
        and not any(
            f"deadline={row.id}" in m.body for m in messages_to(demo, partnership="bradford", person=k)
        )
    )
    stranger = signed_in_as(stranger_key)
    stranger.query_params["deadline"] = str(row.id)
    shown = open_page(stranger, "my_work.py")
    assert "The deadline this link names is not one of yours" in texts(shown)
    assert row.title not in texts(shown)
