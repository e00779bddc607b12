"""The command line the business unit uses, on a real SQLite registry (cycles: see test_flows)."""

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from flows.cli import app
from registry.loader import BRADFORD_DEMO


@pytest.fixture
def govern(sqlite_url: str, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_demo_load_creates_the_partnership_and_a_second_load_changes_nothing(govern):
    first, second = govern("demo", "load"), govern("demo", "load")
    assert first.exit_code == second.exit_code == 0
    assert "203 created" in first.output
    assert "bradford.yaml: 0 created, 0 updated, 203 unchanged" in second.output


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
    result = govern("action", "update", "CSE-2021/R01.1", "--by", "helen-achebe", "--progress", "Done", "--on", "2026-01-12")
    assert result.exit_code == 2
    assert "Only the action's owner or the safeguarding business unit may submit an update" in result.output


def test_the_owner_submits_an_update_from_the_command_line(govern):
    govern("demo", "load")
    result = govern("action", "update", "CSE-2021/R01.1", "--by", "grace-mensah", "--progress", "Protocol revised", "--on", "2026-01-12")
    assert result.exit_code == 0, result.output
    assert "update on CSE-2021/R01.1 recorded for 2026-01" in result.output


def test_an_empty_progress_text_is_refused_naming_the_field(govern):
    govern("demo", "load")
    result = govern("action", "update", "CSE-2021/R01.1", "--by", "grace-mensah", "--progress", " ", "--on", "2026-01-12")
    assert result.exit_code == 2 and "progress: Value error, An action update must say what progress was made" in result.output
