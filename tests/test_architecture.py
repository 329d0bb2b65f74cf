"""The design's layers, checked: ``lint-imports`` with the contracts in ``pyproject.toml``.

Values sit below views: ground (errors, wording, display, io, content) < capabilities (stack,
frameworks, ops, course, templates) < change < viz < report < forms, exercises < lessons <
commands < cli. A lower module never imports a higher one, at its top or inside a function
(only under ``TYPE_CHECKING``), and no two modules of a package import each other.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_hold():
    completed = subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    assert "0 broken" in completed.stdout


def test_a_lazy_import_of_a_view_breaks_a_contract(tmp_path):
    """The contracts see imports inside functions, not only at the top of a module."""
    import grimp

    package = tmp_path / "probe"
    (package / "core").mkdir(parents=True)
    (package / "views").mkdir()
    for init in (package, package / "core", package / "views"):
        (init / "__init__.py").write_text("", encoding="utf-8")
    (package / "core" / "value.py").write_text("def show():\n    import probe.views.html\n", encoding="utf-8")
    (package / "views" / "html.py").write_text("", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        graph = grimp.build_graph("probe", cache_dir=None)
    finally:
        sys.path.remove(str(tmp_path))
    assert graph.direct_import_exists(importer="probe.core.value", imported="probe.views.html")
