"""The package arrows of the README's diagram, kept: app → flows → registry → governance."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_hold():
    """The import-linter contracts in pyproject.toml: the layers, and what each package may not import."""
    linter = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(linter)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "0 broken" in result.stdout


def modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def test_the_domain_never_reads_the_clock_the_environment_or_files():
    forbidden = ("datetime.now(", "date.today(", "utcnow(", "os.environ", "getenv(", "open(", ".read_text(")
    found = {
        str(path.relative_to(ROOT)): [f for f in forbidden if f in path.read_text(encoding="utf-8")]
        for path in modules("governance")
    }
    assert {path: hits for path, hits in found.items() if hits} == {}


def test_no_module_is_longer_than_about_three_hundred_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for package in ("governance", "registry", "flows", "app")
        for path in modules(package)
        if "migrations/versions" not in str(path)
        and (n := len(path.read_text(encoding="utf-8").splitlines())) > 320
    }
    assert long == {}


def test_each_feature_package_has_its_model_and_its_use_cases():
    features = [p for p in (ROOT / "governance").iterdir() if p.is_dir() and (p / "__init__.py").exists()]
    assert features, "governance/ has feature packages"
    for feature in features:
        names = {p.name for p in feature.glob("*.py")}
        assert "use_cases.py" in names, f"{feature.name} has no use_cases.py"
        assert "model.py" in names, f"{feature.name} has no model.py"
