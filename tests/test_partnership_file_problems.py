"""A bad partnership file gets one clear message and nothing is written: every problem in one pass,
each naming its entry, in the rule's own words; a file that cannot be read at all, one sentence."""

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from app.cli.main import app
from registry.partnership_file.file import PartnershipFileError, read_partnership_file
from registry.partnership_file.loader import BRADFORD_DEMO, load_partnership_file, registry_is_empty
from registry.partnership_file.reading import LARGEST_FILE


def demo() -> dict[str, Any]:
    return yaml.safe_load(BRADFORD_DEMO.read_text(encoding="utf-8"))


def write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partnership.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def refusal(path: Path) -> str:
    with pytest.raises(PartnershipFileError) as refused:
        read_partnership_file(path)
    return str(refused.value)


def test_field_reference_and_duplicate_problems_are_reported_together(tmp_path):
    data = demo()
    data["plans"][0]["recommendations"][4]["actions"][0]["due_on"] = "2026-02-30"
    data["plans"][0]["board"] = "no-such-board"
    data["people"].append({**data["people"][0], "email": "someone.else@bradford-council.example"})
    message = refusal(write(tmp_path, data))
    assert "has 3 problem(s)" in message
    assert "recommendations[4] 5 › actions[0] CSE-2021/R05.1 › due_on" in message
    assert "plans[0] cse-thematic-review-2021 › board: board 'no-such-board' is not defined" in message
    assert "person key 'helen-achebe' appears 2 times (people[0], people[32])" in message


def test_messages_use_the_rules_words_not_pydantics_prefix(tmp_path):
    data = demo()
    data["enquiries"][0]["answered_on"] = "2026-06-01"
    data["policy"]["yearly_report_due"] = "02-29"
    message = refusal(write(tmp_path, data))
    assert "answered_on (2026-06-01) is before received_on (2026-06-18)" in message
    assert "Value error" not in message


def test_a_file_that_is_not_utf8_is_one_sentence(tmp_path):
    path = tmp_path / "partnership.yaml"
    demo = BRADFORD_DEMO.read_bytes()
    path.write_bytes(demo.replace(b"Barnardo's", b"Barnardo\x92s"))
    line = demo[: demo.index(b"Barnardo's")].count(b"\n") + 1
    message = refusal(path)
    assert message == f"{path}: not UTF-8 text (byte 0x92 on line {line}): save it as UTF-8"


def test_a_deeply_nested_file_is_one_sentence_not_a_recursion_error(tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_text("partnership: " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in refusal(path)
    path.write_text("partnership: " + "[" * 60 + "]" * 60, encoding="utf-8")
    assert refusal(path) == f"{path}: nested more than 32 levels deep, deeper than any partnership file needs"


def test_a_file_larger_than_five_megabytes_is_refused_unread(tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_bytes(b"#" * (LARGEST_FILE + 1))
    assert refusal(path) == f"{path}: larger than 5 MB, the most a partnership file may be"


def test_aliases_that_expand_to_billions_of_values_are_refused(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    path = tmp_path / "partnership.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "once its aliases are expanded" in refusal(path)


def test_a_truncated_file_says_which_entry_and_that_the_file_may_be_incomplete(tmp_path):
    text = BRADFORD_DEMO.read_text(encoding="utf-8")
    cut = text.index('  - key: ruth-sandler\n    name: "Ruth Sandler"\n') + len(
        '  - key: ruth-sandler\n    name: "Ruth Sandler"\n'
    )
    path = tmp_path / "partnership.yaml"
    path.write_text(text[:cut], encoding="utf-8")
    message = refusal(path)
    assert "people[31] ruth-sandler › email: required, but missing; it is in the file's last entry" in message
    assert "the file may be incomplete" in message


def test_a_huge_bad_value_is_shortened_in_the_message(tmp_path):
    data = demo()
    data["plans"][0]["board"] = "x" * 1_000_000
    message = refusal(write(tmp_path, data))
    assert len(message) < 1_000 and "'xxxxxxxx" in message and "…'" in message


def test_a_yaml_syntax_error_gives_its_line_and_column(tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_text("partnership:\n  key: bradford\n  name: [unclosed\nboards: []\n", encoding="utf-8")
    assert refusal(path).startswith(
        f"{path}: not valid YAML at line 4, column 7: while parsing a flow sequence"
    )


def test_a_key_given_twice_in_one_entry_is_a_problem_not_silently_the_last(tmp_path):
    path = tmp_path / "partnership.yaml"
    text = BRADFORD_DEMO.read_text(encoding="utf-8")
    path.write_text(
        text.replace('    short_name: "TBP"\n', '    short_name: "TBP"\n    short_name: "B"\n'), "utf-8"
    )
    assert "'short_name' is given twice in one entry" in refusal(path)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "- a list\n",
        "partnership: {key: bradford, name: x, area: y}\nboards: {}\n",
        'a: "\\0"\n',
        'a: "\\ud800"\n',
    ],
    ids=["empty", "a list", "boards not a list", "nul", "lone surrogate"],
)
def test_odd_files_are_refused_with_a_partnership_file_error(tmp_path, text):
    path = tmp_path / "partnership.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    refusal(path)


def test_a_refused_file_writes_nothing(sqlite_engine, tmp_path):
    path = tmp_path / "partnership.yaml"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(PartnershipFileError):
        load_partnership_file(sqlite_engine, path)
    assert registry_is_empty(sqlite_engine)


def test_the_command_prints_the_sentence_and_exits_2_without_a_traceback(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("GOVERN_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GOVERN_DATA_DIR", str(tmp_path / "data"))
    path = tmp_path / "partnership.yaml"
    path.write_text("partnership: " + "[" * 100_000, encoding="utf-8")
    result = CliRunner().invoke(app, ["demo", "load", "--file", str(path)])
    assert result.exit_code == 2
    assert "nested too deeply" in result.output and "Traceback" not in result.output
