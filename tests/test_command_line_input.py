"""What a business manager types at the command line: every value checked, refused in the users'
words with exit 2 and no traceback, dates as the pages write them (DD/MM/YYYY) or ISO."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BY_OWNER = ("--by", "grace-mensah")


@pytest.fixture
def govern(bradford, govern):
    """The command line on a SQLite registry holding the Bradford demo."""
    return govern


def refused(result) -> str:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output and "Value error" not in result.output
    return " ".join(result.output.replace("│", " ").split())


def update(govern, *options: str):
    return govern("action", "update", "CSE-2021/R01.1", *BY_OWNER, "--progress", "Protocol revised", *options)


@pytest.mark.parametrize("month", ["2026-13", "2026-00"])
def test_a_month_that_does_not_exist_is_refused_saying_how_to_write_one(govern, month):
    said = refused(update(govern, "--on", "2026-01-12", "--period", month))
    assert "the month answered (--period): Give the month as YYYY-MM, e.g. 2026-01" in said
    assert f"(given '{month}')" in said


@pytest.mark.parametrize(
    ("given", "spoken"), [("1900-01-01", "1 January 1900"), ("31/12/9999", "31 December 9999")]
)
def test_a_date_outside_the_partnership_years_is_refused_naming_the_range(govern, given, spoken):
    said = refused(update(govern, "--on", given))
    assert f"Give a date from 1 January 2000 to 31 December 2099 (given {spoken})" in said


@pytest.mark.parametrize("given", ["31/02/2026", "2026-02-30", "next tuesday", "12-01-2026", "2026/01/12"])
def test_a_date_that_is_no_day_or_is_written_otherwise_is_refused(govern, given):
    said = refused(update(govern, "--on", given))
    assert "there is no such day" in said or "write the date as DD/MM/YYYY or YYYY-MM-DD" in said


def test_an_update_is_dated_as_the_pages_write_dates(govern):
    result = update(govern, "--on", "12/01/2026")
    assert result.exit_code == 0, result.output
    assert "update on CSE-2021/R01.1 recorded for 2026-01" in result.output


def test_every_date_option_takes_dd_mm_yyyy(govern):
    ask = ("extension", "request", "councillor-enquiry", "ENQ-2026-014", "once", "--by", "joanne-pickering")
    result = govern(*ask, "--to", "04/12/2026", "--reason", "", "--evidence", "x", "--on", "25/11/2026")
    assert "the reason (--reason): An extension request must say why" in refused(result)  # the dates passed
    listed = govern("deadlines", "--from", "25/11/2026", "--to", "30/11/2026")
    assert (
        listed.exit_code == 0 and "deadlines due from 25 November 2026 to 30 November 2026" in listed.output
    )


@pytest.mark.parametrize("number", ["99999999999999999999", "0", "2147483648"])
def test_a_request_number_the_registry_cannot_hold_is_refused_without_a_traceback(govern, number):
    said = refused(govern("extension", "decide", number, "--by", "helen-achebe", "--approve"))
    assert (
        "the request's number: Give the number as shown by the registry: a whole number from 1 to 2,147,483,647"
        in said
    )


def test_a_progress_text_with_a_control_character_is_refused(govern):
    said = refused(govern("action", "update", "CSE-2021/R01.1", *BY_OWNER, "--progress", "a\x00b"))
    assert (
        "progress (--progress): Write plain text (no control characters) of at most 20,000 characters" in said
    )


# --- copies of a published report ------------------------------------------------------------

YEARLY = "tbp-yearly-report-2025-26"  # published 24 September 2026; sent to the Panel on 28 September


def sent(govern, recipient: str, sent_to: str, on: str):
    return govern("report", "sent", YEARLY, "--by", "joanne-pickering", "--recipient", recipient, "--sent-to", sent_to, "--on", on)  # fmt: skip


def test_a_copy_to_a_statutory_recipient_with_no_addressee_is_refused(govern):
    said = refused(sent(govern, "what-works", "  ", "2026-10-01"))
    assert "Say who the copy was addressed to, as sent" in said


def test_a_copy_dated_1900_is_refused_and_the_report_is_not_distributed(govern):
    assert "Give a date from 1 January 2000" in refused(
        sent(govern, "what-works", "Foundations", "01/01/1900")
    )
    assert "Give a date from 1 January 2000" in refused(
        sent(govern, "what-works", "Foundations", "2100-01-01")
    )
    checked = govern("check", "report", YEARLY, "--json")
    assert '"state": "published"' in checked.output


def test_a_second_copy_to_the_same_recipient_is_refused_saying_when_the_first_went(govern):
    said = refused(sent(govern, "national-panel", "The Panel (again)", "2026-10-01"))
    assert (
        "A copy to each statutory recipient is recorded once: already sent to the Child Safeguarding Practice "
        "Review Panel on 28 September 2026" in said
    )


def test_the_last_copy_completes_distribution(govern):
    result = sent(govern, "what-works", "Foundations (by e-mail)", "01/10/2026")
    assert result.exit_code == 0, result.output
    assert ": distributed (version" in result.output


# --- the README's examples ----------------------------------------------------------------------


def test_the_readmes_examples_that_run_a_cycle_as_of_a_date_are_dry_runs():
    """A date in an example is soon in the past, and a past run records and sends for real."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    runs = re.findall(r"govern cycle run [^\n`#]*--as-of [^\n`#]*", readme)
    assert runs, "the README shows cycles run as of a date"
    assert [run for run in runs if "--dry-run" not in run] == []
