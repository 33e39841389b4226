"""The test summary reads true: a skipped SQLite twin of a PostgreSQL-only test says it is
PostgreSQL-only behaviour, not as if PostgreSQL were missing; only the runs that need a server
say that TEST_DATABASE_URL is not set."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ALLOWED = ("PostgreSQL-only behaviour: ", "SQLite-only behaviour: ", "TEST_DATABASE_URL is not set")


def skip_reasons() -> list[tuple[str, str]]:
    found = []
    for path in TESTS.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "skip"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((f"{path.relative_to(TESTS)}:{node.lineno}", node.args[0].value))
    return found


def test_database_skips_say_why() -> None:
    reasons = skip_reasons()
    assert any(reason.startswith("PostgreSQL-only behaviour") for _, reason in reasons)
    about_databases = [(where, r) for where, r in reasons if "PostgreSQL" in r or "SQLite" in r]
    assert [(where, r) for where, r in about_databases if not r.startswith(ALLOWED)] == []
