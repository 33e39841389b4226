"""Imports point one way: bot → handlers, scheduler → models; models imports no Slack and no other package.

Inside the layers, each domain is a package (handlers/goals, models/goals, scheduler/jobs/goals, …). A module
of one domain reaches another domain only through that domain's package (its public names in
`__init__.py`), never into its modules; `handlers/kit` imports no domain at all.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = {
    "models": {"slack_bolt", "slack_sdk", "handlers", "scheduler", "bot"},
    "handlers": {"bot", "scheduler"},
    "scheduler": {"bot"},
}
# Where domain packages live, as module prefixes; `kit` is shared by all and is no domain.
DOMAIN_HOMES = (("handlers",), ("models",), ("scheduler", "jobs"))
SHARED = {"kit"}
MAX_LINES = 400


def imported_modules(path: Path) -> Iterator[str]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            # `from handlers.goals import listeners` names a module, not a public name
            for alias in node.names:
                if (ROOT / node.module.replace(".", "/") / f"{alias.name}.py").exists():
                    yield f"{node.module}.{alias.name}"


def top_level(path: Path) -> set[str]:
    return {module.split(".")[0] for module in imported_modules(path)}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def domain_package(module: str) -> str | None:
    """`models.goals.service` → `models.goals`; None for a module outside any domain package."""
    parts = module.split(".")
    for home in DOMAIN_HOMES:
        n = len(home)
        package = ROOT.joinpath(*parts[: n + 1])
        if tuple(parts[:n]) == home and len(parts) > n and (package / "__init__.py").exists():
            return ".".join(parts[: n + 1])
    return None


def domain(module: str) -> str | None:
    package = domain_package(module)
    return package.rsplit(".", 1)[1] if package else None


def project_files() -> list[Path]:
    return sorted(p for layer in FORBIDDEN for p in (ROOT / layer).rglob("*.py"))


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_one_way(package: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(top_level(path) & FORBIDDEN[package])
        for path in (ROOT / package).rglob("*.py")
    }
    assert {path: bad for path, bad in offenders.items() if bad} == {}


def test_a_domain_reaches_another_only_through_its_public_names() -> None:
    offenders: dict[str, list[str]] = {}
    for path in project_files():
        mine = domain(module_name(path))
        if mine is None or mine in SHARED:
            continue
        deep = [
            module
            for module in imported_modules(path)
            if domain(module) not in (None, mine, *SHARED) and module != domain_package(module)
        ]
        if deep:
            offenders[str(path.relative_to(ROOT))] = sorted(set(deep))
    assert offenders == {}


def test_kit_imports_no_domain() -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(
            {m for m in imported_modules(path) if domain(m) not in (None, *SHARED)}
        )
        for path in (ROOT / "handlers" / "kit").rglob("*.py")
    }
    assert {path: bad for path, bad in offenders.items() if bad} == {}


def test_the_layering_check_sees_domains() -> None:
    """Guard the guard: the helpers above must recognise the packages they police."""
    assert domain_package("models.goals.service") == "models.goals"
    assert domain_package("scheduler.jobs.praise.nudge") == "scheduler.jobs.praise"
    assert domain("handlers.kit.blocks") == "kit"
    assert domain("handlers.context") is None


def test_modules_stay_small() -> None:
    too_long = {
        str(path.relative_to(ROOT)): n
        for folder in ("bot", "handlers", "models", "scheduler", "bench", "tests")
        for path in (ROOT / folder).rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
