"""The README is a contract: every setting and command is in it, and CI runs its test command."""

import re
from pathlib import Path

import pytest
from typer.main import get_command

from app.cli.main import app
from app.settings import PlatformSettings as Settings

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented(field):
    assert f"`GOVERN_{field.upper()}`" in README


def commands(group=None, prefix="govern") -> list[str]:
    group = group or get_command(app)
    found = []
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += commands(command, f"{prefix} {name}")
        else:
            found.append(f"{prefix} {name}")
    return found


@pytest.mark.parametrize("command", commands())
def test_every_command_is_documented(command):
    assert f"`{command}" in README


def test_ci_runs_the_readme_test_command_word_for_word():
    readme_commands = re.findall(r"```sh\n(python3 -m venv .*)\n```", README)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(c for c in readme_commands if "pytest" in c)
    assert test_command in ci.splitlines()


def generated(name: str) -> str:
    begin = re.search(rf"<!-- BEGIN GENERATED: {name} .*-->\n", README)
    end = README.index(f"<!-- END GENERATED: {name} -->")
    assert begin, f"no generated block {name!r} in the README"
    return README[begin.end() : end]


def test_the_readme_rule_catalogue_is_the_one_the_code_generates():
    from governance.catalogue import as_markdown, catalogue
    from governance.policy import GovernancePolicy

    assert generated("rule catalogue") == as_markdown(catalogue(GovernancePolicy())), (
        "regenerate: govern rules --markdown --defaults"
    )


def test_the_readme_lists_every_partnership_setting_with_its_default():
    from governance.catalogue import settings_markdown

    assert generated("partnership settings") == settings_markdown(), (
        "regenerate: govern rules --markdown --defaults"
    )


def test_the_readme_counts_the_obligations_the_code_has():
    from governance.deadlines.obligations import OBLIGATIONS

    assert f"{len(OBLIGATIONS)} obligations" in README


def test_every_scheduled_cycle_is_in_the_readme():
    from flows.schedules import SCHEDULED_CYCLES

    for cycle in SCHEDULED_CYCLES:
        assert f"`{cycle.name}`" in README or f"*{cycle.name}*" in README or f"run {cycle.name}" in README, (
            cycle.name
        )
