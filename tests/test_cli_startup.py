"""The command line starts at once: `mopskit --help` loads no command, and a command's help loads
only that command, never the libraries or capabilities another command needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mopskit.cli import build_parser, selected_command
from mopskit.commands import COMMANDS

HEAVY_LIBRARIES = ("pandas", "duckdb", "matplotlib", "openpyxl", "numpy", "ipywidgets", "jinja2", "jsonschema")
PRESENTATION = ("mopskit.stack", "mopskit.exercises", "mopskit.report", "mopskit.viz", "mopskit.forms")

CAPABILITY_OF = {  # what each command may load for its own --help; the others' packages stay out
    "new": "mopskit.templates",
    "audit": "mopskit.stack",
    "assess": "mopskit.frameworks.assess",
    "plan": "mopskit.change.plan",
    "progress": "mopskit.exercises",
}
CAPABILITIES = ("mopskit.stack", "mopskit.frameworks.assess", "mopskit.change.plan", "mopskit.exercises", "mopskit.forms")


def imported_by(*argv: str) -> set[str]:
    """Every module ``python -X importtime -m mopskit ARGV`` imports, by name."""
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mopskit", *argv],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    names = set()
    for line in completed.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    assert "mopskit.cli" in names, completed.stderr[-2000:]
    return names


def under(names: set[str], packages: tuple[str, ...]) -> list[str]:
    return sorted(name for name in names if any(name == p or name.startswith(p + ".") for p in packages))


def test_help_loads_no_command_no_capability_and_no_heavy_library():
    names = imported_by("--help")
    assert under(names, HEAVY_LIBRARIES + PRESENTATION + CAPABILITIES) == []
    assert under(names, ("mopskit.commands",)) == ["mopskit.commands"]  # the table of commands only


@pytest.mark.parametrize("command", [command.name for command in COMMANDS])
def test_a_commands_help_loads_only_that_command(command):
    names = imported_by(command, "--help")
    others = tuple(f"mopskit.commands.{other.name}" for other in COMMANDS if other.name != command)
    assert under(names, others) == []
    foreign = tuple(package for package in CAPABILITIES if package != CAPABILITY_OF[command])
    assert under(names, foreign) == [], f"mopskit {command} --help loads another command's capability"


def test_every_command_is_listed_with_its_summary(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    shown = " ".join(capsys.readouterr().out.split())
    for command in COMMANDS:
        assert f"{command.name} {' '.join(command.summary.split())}" in shown


@pytest.mark.parametrize(("argv", "expected"), [
    (["audit", "x.csv"], "audit"),
    (["--version"], None),
    (["nonsense", "audit"], None),
    (["--", "audit"], None),
    ([], None),
])
def test_the_command_is_the_first_word_that_is_not_an_option(argv, expected):
    assert selected_command(argv) == expected


def test_an_unknown_command_is_refused_with_the_list(capsys):
    with pytest.raises(SystemExit) as stopped:
        build_parser(selected_command(["audti"])).parse_args(["audti"])
    assert stopped.value.code == 2
    assert "invalid choice: 'audti'" in capsys.readouterr().err


def test_an_audit_written_as_json_loads_no_page_model_and_no_heavy_library(tmp_path):
    """The audit's fixed cost counts at every log size: a JSON report needs the result's own
    ``to_dict`` only, not the page model, the page or sheet writers, or pandas and matplotlib."""
    log = tmp_path / "signins.csv"
    log.write_text("timestamp,user,tool,success\n2026-10-30T10:00:00Z,a@x.example,Canva,true\n", encoding="utf-8")
    script = (
        "import sys\nfrom mopskit.cli import main\n"
        f"code = main(['audit', 'mopskit/data/sample-company/inventory.csv', '--usage', {str(log)!r},"
        f" '--as-of', '2026-10-31', '--out', {str(tmp_path / 'audit.json')!r}])\n"
        "print(' '.join(sorted(sys.modules)))\nsys.exit(code)\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    names = set(completed.stdout.splitlines()[-1].split())
    assert "mopskit.report.jsonfile" in names
    pages = ("mopskit.report.document", "mopskit.report.html", "mopskit.report.markdown", "mopskit.report.xlsx",
             "mopskit.report.audit", "mopskit.viz")
    assert under(names, pages + ("pandas", "matplotlib", "openpyxl", "jinja2")) == []


def test_a_command_runs_with_rare_collections_and_puts_the_setting_back(monkeypatch, capsys):
    """The cycle collector passes rarely while a command runs (its objects live to the end) and
    returns to the caller's setting after, even when the command exits early."""
    import gc

    import mopskit.cli as cli

    before = gc.get_threshold()
    during = []
    real = cli.build_parser

    def spying(command=None):  # noqa: ANN001, ANN202
        during.append(gc.get_threshold()[0])
        return real(command)

    monkeypatch.setattr(cli, "build_parser", spying)
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert during == [cli.COLLECT_EVERY] and gc.get_threshold() == before
    assert cli.main(["audit", "no-such-inventory.csv"]) == 2
    assert gc.get_threshold() == before


def test_a_jupyter_server_does_not_build_parsers_for_a_format_no_schema_uses():
    """Jupyter's event schemas load jsonschema's format checkers at start. From jsonschema 4.25
    these build about 35 Earley parsers (rfc3987-syntax), a second of CPU per server: for each
    learner on a hub, each test worker. pyproject.toml keeps jsonschema below 4.25."""
    completed = subprocess.run(
        [sys.executable, "-c", "import sys, jupyter_events.validators; print('rfc3987_syntax' in sys.modules)"],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert completed.stdout.strip() == "False"


def test_the_installed_command_leaves_without_teardown_but_flushes_and_runs_exit_handlers(tmp_path):
    """``run`` (the ``mopskit`` script and ``python -m mopskit``) ends the process without freeing
    what the command built, one object at a time; the output still arrives whole, through a pipe's
    buffer, exit handlers still run, and the status is the command's."""
    log = tmp_path / "signins.csv"
    log.write_text("timestamp,user,tool,success\n2026-10-30T10:00:00Z,a@x.example,Canva,true\n", encoding="utf-8")

    def command(*argv: str) -> subprocess.CompletedProcess[str]:
        script = (
            "import atexit, sys\nfrom mopskit.cli import run\n"
            "class Kept:\n    def __del__(self):\n        print('torn down', flush=True)\n"
            "kept = Kept()\n"  # a teardown would destroy it and print
            "atexit.register(print, 'exit handler ran')\n"
            f"sys.argv = ['mopskit', *{list(argv)!r}]\nrun()\n"
        )
        return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)

    done = command("audit", "mopskit/data/sample-company/inventory.csv", "--usage", str(log), "--as-of", "2026-10-31")
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[-2].startswith("For the full report") and lines[-1] == "exit handler ran"
    assert "torn down" not in done.stdout
    refused = command("audit", str(tmp_path / "no-such-inventory.csv"))
    assert refused.returncode == 2 and refused.stdout == "exit handler ran\n"
    assert refused.stderr.startswith("mopskit audit: ") and len(refused.stderr.splitlines()) == 1


def test_the_installed_command_is_run():
    """The script pip writes and ``python -m mopskit`` both end through ``run``."""
    from importlib.metadata import entry_points

    (script,) = [entry for entry in entry_points(group="console_scripts") if entry.name == "mopskit"]
    assert script.value == "mopskit.cli:run"
    assert "run()" in (Path(__file__).parents[1] / "mopskit" / "__main__.py").read_text(encoding="utf-8")


def test_under_a_profiler_the_command_ends_as_usual_so_the_profile_is_written(tmp_path):
    """``python -m cProfile -o F -m mopskit ...`` writes F: a profiler or debugger gets a normal exit."""
    profile = tmp_path / "audit.prof"
    completed = subprocess.run(
        [sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mopskit", "audit", str(tmp_path / "none.csv")],
        capture_output=True, text=True, timeout=120,
    )
    assert completed.stderr.startswith("mopskit audit: "), completed.stderr[-2000:]  # (cProfile keeps no status)
    assert profile.stat().st_size > 0


def test_a_profiler_watching_through_sys_monitoring_also_gets_a_normal_exit(monkeypatch):
    """From Python 3.12 cProfile and coverage may watch through ``sys.monitoring``, with no
    profile or trace function set; a loaded debugger counts too."""
    import mopskit.cli as cli

    class Monitoring:
        def __init__(self, tools: dict[int, str]) -> None:
            self.tools = tools

        def get_tool(self, tool: int) -> str | None:
            return self.tools.get(tool)

    monkeypatch.delitem(sys.modules, "bdb", raising=False)
    monkeypatch.setattr(sys, "gettrace", lambda: None)
    monkeypatch.setattr(sys, "getprofile", lambda: None)
    monkeypatch.setattr(sys, "monitoring", Monitoring({}), raising=False)
    assert not cli._watched()
    monkeypatch.setattr(sys, "monitoring", Monitoring({2: "cProfile"}), raising=False)
    assert cli._watched()
    monkeypatch.setattr(sys, "monitoring", Monitoring({}), raising=False)
    monkeypatch.setitem(sys.modules, "bdb", sys)  # a debugger loaded
    assert cli._watched()


def test_a_closed_output_is_no_failure():
    """``mopskit ... >&-``: with standard output or error closed by the shell, a command that
    succeeded still exits 0."""
    for redirect in (">&-", "2>&- >/dev/null"):
        completed = subprocess.run(["sh", "-c", f'exec "$0" -m mopskit new --list {redirect}', sys.executable],
                                   capture_output=True, text=True, timeout=120)
        assert completed.returncode == 0, (redirect, completed.stderr[-2000:])
