"""The import rules of docs/architecture.md: no stage imports a later one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "counterclaim"

BASE = {"model", "config", "text"}
STAGES = ["ingest", "nlp", "extract", "link"]
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "config": set(),
    "text": set(),
    "ingest": BASE,
    "nlp": BASE | {"ingest"},
    "extract": BASE | {"ingest", "nlp"},
    "link": BASE | {"ingest", "nlp", "extract"},
    "store": BASE,
    "present": BASE | set(STAGES) | {"store"},
    "pipeline": BASE | set(STAGES) | {"store"},
    "scale": BASE | set(STAGES) | {"store", "pipeline"},
    "eval": BASE | set(STAGES) | {"store", "pipeline", "present"},
    "train": BASE | set(STAGES) | {"store", "pipeline", "eval"},
    "cli": BASE | set(STAGES) | {"store", "pipeline", "present", "scale", "eval", "train"},
    "__main__": {"cli"},
}

# Imports that break the rules, each to be moved (issue 16 moved the last ones). The list
# only shrinks: it is empty, and a new exception needs a reason in review.
KNOWN_EXCEPTIONS: set[tuple[str, str]] = set()


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def imports() -> set[tuple[str, str]]:
    """(importing module, imported module) for every counterclaim import, at any depth."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            found |= {(module, n) for n in names if n.startswith("counterclaim.")}
    return found


def breaking_the_rules() -> set[tuple[str, str]]:
    return {
        (source, target)
        for source, target in imports()
        if _stage(source) != _stage(target)
        and _stage(target) not in ALLOWED.get(_stage(source), set())
    }


def test_architecture_every_package_has_rules():
    packages = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
    packages -= {"__init__", "__pycache__", "data", "models"}
    assert packages <= set(ALLOWED), packages - set(ALLOWED)


def test_architecture_no_stage_imports_a_later_one():
    new = breaking_the_rules() - KNOWN_EXCEPTIONS
    assert not new, f"imports against docs/architecture.md: {sorted(new)}"


def test_architecture_known_exceptions_only_shrink():
    gone = KNOWN_EXCEPTIONS - breaking_the_rules()
    assert not gone, f"fixed: remove from KNOWN_EXCEPTIONS: {sorted(gone)}"
