"""The README's "Using the kit" commands run as typed, from the kit's folder, and leave nothing behind
in the kit (they run, through the command line's own entry point, in a scratch copy that sees the kit's files)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from mopskit.cli import main
from mopskit.frameworks.questionnaire import questionnaire_yaml

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    """The shell lines of the README's "Using the kit" section, continuations joined, comments cut."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Using the kit", 1)[1].split("\n## ", 1)[0]
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", section, re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            command = line.split("  #", 1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def test_the_readme_shows_commands_for_every_job():
    commands = readme_commands()
    for job in ("mopskit new", "mopskit audit", "mopskit assess", "mopskit plan"):
        assert any(command.startswith(job) for command in commands), job


def test_every_command_runs_as_typed_from_the_kits_folder(tmp_path, monkeypatch, capsys):
    kit = tmp_path / "kit"
    kit.mkdir()
    (kit / "mopskit").symlink_to(ROOT / "mopskit")  # the kit's files, as in a clone
    (kit / "notebooks").mkdir()
    answers = {f"q{number}": 4 if number % 2 else 2 for number in range(1, 11)}
    (kit / "notebooks" / "my-persona.yaml").write_text(questionnaire_yaml({"me": answers}), encoding="utf-8")
    here = kit
    for command in readme_commands():
        words = shlex.split(command)
        if words[0] == "cd":
            here = (here / words[1]).resolve()
            assert here.is_dir(), command
            continue
        assert words[0] == "mopskit", command
        monkeypatch.chdir(here)
        assert main(words[1:]) == 0, f"{command}\n{capsys.readouterr().err}"
    assert (kit / "my-plan.ics").is_file() and (kit / "my-audit" / "audit.json").is_file()
