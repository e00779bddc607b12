"""Reports through AppTest: the business unit edits a section and sends the report for review; its
approver reads it with its findings and is told why a report with blocking findings cannot be
approved; exempt appendices reach no one who may not see them."""

import base64

from tests.test_app import demo, open_page, prepared, signed_in_as, texts  # noqa: F401  (fixtures)

SAB_REPORT = "bsab-annual-report-2025-26"
COMMITTEE_REPORT = "executive-exploitation-update-2027"
EXEMPT_APPENDIX = "The 30 recommendations and their actions, owners and due dates."


def choose(at, key: str):
    at.selectbox(key="report_choice").set_value(key).run()
    assert not at.exception, at.exception
    return at


def frames(at) -> str:
    """The documents shown in the page's frames, as their HTML."""
    found = []
    for frame in at.get("iframe"):
        src = frame.proto.src
        if src.startswith("data:text/html") and "base64," in src:
            found.append(base64.b64decode(src.split("base64,", 1)[1]).decode("utf-8"))
    return " ".join(found)


def test_the_business_unit_edits_a_section_and_sends_the_report_for_review(demo):  # noqa: F811
    at = choose(open_page(signed_in_as("joanne-pickering"), "reports.py"), SAB_REPORT)
    at.selectbox(key="edit_section").set_value("objective")
    at.text_area(key="edit_text").set_value(
        "To help and protect adults with care and support needs in Bradford."
    )
    at.button(key="FormSubmitter:edit_form-Save this section").click().run()
    assert "Saved. The report is now draft" in texts(at), texts(at)
    at.button(key="send_for_review").click().run()
    assert "Sent for review; the report is in review" in texts(at), texts(at)


def test_a_keyed_section_asks_which_entry(demo):  # noqa: F811
    at = choose(open_page(signed_in_as("joanne-pickering"), "reports.py"), SAB_REPORT)
    at.selectbox(key="edit_section").set_value("member_contributions/KEY")
    at.text_area(key="edit_text").set_value("What the police did.")
    at.button(key="FormSubmitter:edit_form-Save this section").click().run()
    assert "Say which entry" in texts(at)


def test_the_approver_reads_the_findings_and_is_told_why_it_cannot_be_approved(demo):  # noqa: F811
    at = choose(open_page(signed_in_as("joanne-pickering"), "reports.py"), SAB_REPORT)
    at.button(key="send_for_review").click().run()
    at = open_page(signed_in_as("rukhsana-malik"), "approvals.py")
    shown = " ".join(str(m.value) for m in at.markdown)
    assert "Blocks approval:" in shown and "Care Act 2014 Sch 2 para 4(1)" in shown
    assert "<html" in frames(at)
    at.button(key=f"report-approve-{SAB_REPORT}").click().run()
    assert "Not done." in texts(at), texts(at)


def test_someone_else_is_not_offered_the_report_to_approve(demo):  # noqa: F811
    at = choose(open_page(signed_in_as("joanne-pickering"), "reports.py"), SAB_REPORT)
    at.button(key="send_for_review").click().run()
    at = open_page(signed_in_as("helen-achebe"), "approvals.py")
    assert "No report awaits your approval." in texts(at)


def test_an_exempt_appendix_reaches_only_those_entitled(demo):  # noqa: F811
    outsider = choose(open_page(signed_in_as("lena-hart"), "reports.py"), COMMITTEE_REPORT)
    assert "<html" in frames(outsider) and EXEMPT_APPENDIX not in frames(outsider)
    assert "For the business unit" not in [h.value for h in outsider.header]
    insider = choose(open_page(signed_in_as("joanne-pickering"), "reports.py"), COMMITTEE_REPORT)
    assert EXEMPT_APPENDIX in frames(insider)
