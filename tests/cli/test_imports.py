"""The CLI imports heavy modules only inside the commands that use them, so `--help`,
`stats` and `search` start in well under a second (speed itself lives in bench/)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("torch", "spacy", "thinc", "numpy", "fastapi", "jinja2")


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_imports_cli_loads_no_heavy_module() -> None:
    loaded = _modules_after("import counterclaim.cli")
    assert not loaded & set(HEAVY)


@pytest.mark.parametrize("args", [["--help"], ["stats", "--help"], ["run", "--help"]])
def test_imports_help_loads_no_heavy_module(args: list[str]) -> None:
    code = (
        "import contextlib\nfrom counterclaim.cli import cli\n"
        f"with contextlib.suppress(SystemExit):\n    cli.main({args!r}, prog_name='counterclaim')"
    )
    loaded = _modules_after(code)
    assert not loaded & set(HEAVY)


def test_imports_stats_loads_no_heavy_module(tmp_path) -> None:
    db = tmp_path / "s.db"
    from counterclaim.store.db import connect

    connect(str(db)).close()
    code = (
        "import contextlib\nfrom counterclaim.cli import cli\n"
        "with contextlib.suppress(SystemExit):\n"
        f"    cli.main(['stats', '--db', {str(db)!r}], prog_name='counterclaim')"
    )
    loaded = _modules_after(code)
    assert not loaded & set(HEAVY)
