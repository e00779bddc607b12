"""The package arrows of the README's diagram, kept: app → flows → registry → governance."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORKS = {"prefect", "sqlmodel", "sqlalchemy", "alembic", "streamlit", "apprise", "aiosmtpd", "psycopg", "typer"}
MAY_NOT_IMPORT = {
    "governance": FRAMEWORKS | {"registry", "flows", "app"},
    "registry": {"flows", "app", "prefect", "streamlit", "apprise"},
    "flows": {"app", "streamlit"},
    "app": {"prefect", "sqlmodel", "sqlalchemy", "apprise"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(MAY_NOT_IMPORT))
def test_each_package_imports_only_along_the_arrows(package):
    offences = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & MAY_NOT_IMPORT[package]) for path in modules(package)
    }
    assert {path: bad for path, bad in offences.items() if bad} == {}


def test_the_domain_never_reads_the_clock_the_environment_or_files():
    forbidden = ("datetime.now(", "date.today(", "utcnow(", "os.environ", "getenv(", "open(", ".read_text(")
    found = {
        str(path.relative_to(ROOT)): [f for f in forbidden if f in path.read_text(encoding="utf-8")] for path in modules("governance")
    }
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_the_check_itself_sees_a_forbidden_import(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text("import sqlalchemy.orm\nfrom prefect import flow\n")
    assert imported_packages(probe) & MAY_NOT_IMPORT["governance"] == {"sqlalchemy", "prefect"}
