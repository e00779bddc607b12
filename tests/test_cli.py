"""The command line the business unit uses, on a real SQLite registry (cycles: see test_flows)."""

import pytest
import yaml

from registry.partnership_file.loader import BRADFORD_DEMO


def test_demo_load_creates_the_partnership_and_a_second_load_changes_nothing(govern):
    first, second = govern("demo", "load"), govern("demo", "load")
    assert first.exit_code == second.exit_code == 0
    assert "303 created" in first.output
    assert "bradford.yaml: 0 created, 0 updated, 0 ended, 303 unchanged" in second.output


def test_demo_load_of_a_broken_file_names_the_entry_and_writes_nothing(govern, tmp_path):
    data = yaml.safe_load(BRADFORD_DEMO.read_text())
    data["plans"][0]["recommendations"][6]["actions"][0]["owner"] = "nobody"
    broken = tmp_path / "broken.yaml"
    broken.write_text(yaml.safe_dump(data))
    result = govern("demo", "load", "--file", str(broken))
    assert result.exit_code == 2
    assert "actions[0] CSE-2021/R07.1 › owner: person 'nobody' is not defined in this file" in result.output
    assert "0 created" not in govern("demo", "load").output  # the registry was still empty


def test_db_upgrade_says_where_the_registry_is(govern, sqlite_url):
    result = govern("db", "upgrade")
    assert result.exit_code == 0 and sqlite_url in result.output


def test_an_action_update_by_someone_else_even_the_independent_chair_is_refused_with_the_reason(govern):
    govern("demo", "load")
    result = govern(
        "action",
        "update",
        "CSE-2021/R01.1",
        "--by",
        "helen-achebe",
        "--progress",
        "Done",
        "--on",
        "2026-01-12",
    )
    assert result.exit_code == 2
    assert "Only the action's owner or the safeguarding business unit may submit an update" in result.output


def test_the_owner_submits_an_update_from_the_command_line(govern):
    govern("demo", "load")
    result = govern(
        "action",
        "update",
        "CSE-2021/R01.1",
        "--by",
        "grace-mensah",
        "--progress",
        "Protocol revised",
        "--on",
        "2026-01-12",
    )
    assert result.exit_code == 0, result.output
    assert "update on CSE-2021/R01.1 recorded for 2026-01" in result.output


def test_an_empty_progress_text_is_refused_naming_the_field(govern):
    govern("demo", "load")
    result = govern(
        "action", "update", "CSE-2021/R01.1", "--by", "grace-mensah", "--progress", " ", "--on", "2026-01-12"
    )
    assert result.exit_code == 2
    assert "progress (--progress): An action update must say what progress was made" in result.output
    assert "Value error" not in result.output


# --- the governance engine from the command line ---------------------------------------------

import json  # noqa: E402


def as_json(result) -> object:
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_rules_lists_every_rule_with_its_source_default_and_how_binding_it_is(govern):
    govern("demo", "load")
    entries = as_json(govern("rules", "--json"))
    by_name = {e["name"]: e for e in entries}
    assert by_name["serious incident notification"]["default"] == "5 working days from becoming aware"
    assert by_name["serious incident notification"]["source"].startswith("Children Act 2004 s16C(1)")
    assert (
        by_name["annual_report_states_reasons_for_unimplemented_sar_findings"]["source"]
        == "Care Act 2014 Sch 2 para 4(1)(g)"
    )
    assert (
        by_name["Section 11 audit return"]["default"] == "by 10-31 (MM-DD), every 2 year(s)"
    )  # the demo's own setting
    assert {e["authority"] for e in entries} == {
        "law",
        "statutory guidance",
        "practice",
        "seed",
        "local policy",
    }


def test_deadlines_lists_what_the_engine_produces_for_the_registry_in_a_range(govern):
    govern("demo", "load")
    rows = as_json(govern("deadlines", "--from", "2026-11-25", "--to", "2026-11-30", "--json"))
    enquiry = next(r for r in rows if r["subject"] == "ENQ-2026-014")
    assert (enquiry["due_on"], enquiry["board"], enquiry["owner"]) == (
        "2026-11-27",
        "Keighley AC",
        "Joanne Pickering",
    )
    assert enquiry["source"].startswith("seed 000")
    notify = next(r for r in rows if r["duty"] == "serious incident notification")
    assert (notify["due_on"], notify["subject"]) == ("2026-11-26", "TBP-SI-2026-02")
    assert [r["due_on"] for r in rows] == sorted(r["due_on"] for r in rows)


def test_deadlines_prints_one_line_each_with_a_total(govern):
    govern("demo", "load")
    result = govern("deadlines", "--from", "2026-11-26", "--to", "2026-11-27")
    assert result.exit_code == 0 and "Answer enquiry ENQ-2026-014" in result.output
    assert "deadlines due from 26 November 2026 to 27 November 2026" in result.output


def test_deadlines_refuses_a_range_that_runs_backwards(govern):
    govern("demo", "load")
    result = govern("deadlines", "--from", "2026-12-01", "--to", "2026-11-01")
    assert result.exit_code == 2 and "--to is before --from" in result.output


def test_check_report_names_each_finding_with_its_citation_and_exits_1_when_one_blocks(govern):
    govern("demo", "load")
    result = govern("check", "report", "bsab-annual-report-2025-26")
    assert result.exit_code == 1
    assert (
        "MUST  What Healthwatch Bradford and District did to implement the strategy is missing  [Care Act 2014 Sch 2 para 4(1)(c)]"
        in result.output
    )
    # (g) is drafted from the reviews register, which holds the reason the finding was not implemented
    assert "para 4(1)(g)" not in result.output
    assert "awaiting approval by: the independent chair of BSAB" in result.output


def test_check_report_of_a_report_that_passes_exits_0_and_gives_json(govern):
    govern("demo", "load")
    checked = as_json(govern("check", "report", "executive-exploitation-update-2027", "--json"))
    assert checked["findings"] == [] and checked["outstanding_approvals"] == ["the business manager"]


def test_check_report_of_an_unknown_report_says_so(govern):
    govern("demo", "load")
    result = govern("check", "report", "no-such-report")
    assert result.exit_code == 2 and "No report with key 'no-such-report'" in result.output


def test_the_command_line_cannot_approve_what_the_rules_refuse(govern):
    govern("demo", "load")
    version = as_json(govern("check", "report", "executive-exploitation-update-2027", "--json"))["version"]
    govern("report", "review", "executive-exploitation-update-2027", "--by", "joanne-pickering")
    result = govern(
        "report",
        "approve",
        "executive-exploitation-update-2027",
        "--by",
        "helen-achebe",
        "--version",
        version,
    )
    assert (
        result.exit_code == 2
        and "This person does not hold a role that approves this report" in result.output
    )
    approved = govern(
        "report",
        "approve",
        "executive-exploitation-update-2027",
        "--by",
        "joanne-pickering",
        "--version",
        version,
    )
    assert approved.exit_code == 0 and ": approved (version" in approved.output


def test_an_extension_asked_without_evidence_is_refused_naming_the_field(govern):
    govern("demo", "load")
    args = [
        "extension",
        "request",
        "councillor-enquiry",
        "ENQ-2026-014",
        "once",
        "--by",
        "joanne-pickering",
        "--to",
        "2026-12-04",
    ]
    result = govern(*args, "--reason", "Figures from the police arrive on 1 December", "--evidence", "")
    assert result.exit_code == 2
    assert (
        "the evidence (--evidence): An extension is granted only on evidence of justifiable delay"
        in result.output
    )
    assert "Value error" not in result.output


def test_an_unknown_duty_lists_the_duties(govern):
    result = govern("deadline", "submit", "annual-thing", "x", "once", "--by", "joanne-pickering")
    assert result.exit_code == 2 and "section-11-audit" in result.output


@pytest.mark.parametrize("revision", [None, "0003"])
def test_a_registry_not_at_this_version_is_refused_saying_what_to_run(
    revision, sqlite_url, tmp_path, monkeypatch, capsys
):
    """A new registry (no tables) or one an older release made: one sentence, never a traceback."""
    from app.cli.main import main
    from registry.migrate import upgrade

    if revision:
        upgrade(sqlite_url, revision)
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr("sys.argv", ["govern", "people"])
    with pytest.raises(SystemExit) as exit_:
        main()
    said = capsys.readouterr().err
    assert exit_.value.code == 2 and "Traceback" not in said
    assert (
        "has no tables yet: run `govern demo load`" if revision is None else "is at revision 0003"
    ) in said
