"""The workshop hub: its Helm values fit the chart, and its user image holds what the lessons need."""

from __future__ import annotations

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path
from typing import Any

import jsonschema
import nbformat
import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from mopskit.content import knowledge
from mopskit.course.agenda import build_agenda
from mopskit.course.workshop import HUB_OVERHEAD_BYTES, memory_bytes, per_user_resources, size_for

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "jupyterhub"
SCHEMA = DEPLOY / "schema"
BINDER = ROOT / "binder"
MEASURED = DEPLOY / "measured" / "workshop-30.json"
DAY = DEPLOY / "measured" / "workshop-day-5.json"


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def schema_errors(values: dict[str, Any]) -> list[str]:
    """What the chart's schema refuses at the levels the kit sets (see schema/README.md)."""
    validator = jsonschema.Draft7Validator(load_yaml(SCHEMA / "config.schema.yaml"))
    return sorted(f"{'.'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(values))


def test_the_schema_is_a_valid_draft_7_schema():
    jsonschema.Draft7Validator.check_schema(load_yaml(SCHEMA / "config.schema.yaml"))


def test_config_targets_the_chart_version_of_the_schema():
    config_version = re.search(r"^# chart: jupyterhub (\S+)", (DEPLOY / "config.yaml").read_text(), re.MULTILINE)
    schema_version = re.search(r"^Chart version: (\S+)", (SCHEMA / "README.md").read_text(), re.MULTILINE)
    assert config_version and schema_version
    assert config_version.group(1) == schema_version.group(1)
    assert f"--version {config_version.group(1)}" in (DEPLOY / "README.md").read_text()


def test_config_fits_the_chart_schema():
    assert schema_errors(load_yaml(DEPLOY / "config.yaml")) == []


@pytest.mark.parametrize(("change", "expected"), [
    (lambda values: values["singleuser"].update(memroy={"limit": "1G"}), "'memroy' was unexpected"),
    (lambda values: values["hub"].update(baseURL="/"), "'baseURL' is not one of"),
    (lambda values: values["hub"]["config"].update(authenticator={}), "'authenticator' does not match any"),
    (lambda values: values["cull"].update(enabled="yes"), "cull.enabled: 'yes' is not of type"),
    (lambda values: values["cull"].update(timeout="one hour"), "cull.timeout: 'one hour' is not of type"),
    (lambda values: values["singleuser"]["cpu"].update(limit="1 core"), "singleuser.cpu.limit"),
    (lambda values: values["singleuser"]["image"].update(tag=2026.11), "singleuser.image.tag: 2026.11 is not of type"),
])
def test_schema_check_catches_a_wrong_key_or_type(change, expected):
    values = load_yaml(DEPLOY / "config.yaml")
    change(values)
    errors = schema_errors(values)
    assert any(expected in error for error in errors), errors


def day_and_room() -> tuple[dict[str, Any], dict[str, Any]]:
    """The recorded runs: a learner's whole day (memory) and a room of 30 at once (processor)."""
    day = json.loads(DAY.read_text(encoding="utf-8"))
    room = json.loads(MEASURED.read_text(encoding="utf-8"))
    assert day["failures"] == [] and room["failures"] == [] and room["learners"] == 30
    return day, room


def test_the_day_measured_every_notebook_of_the_one_day_agenda_kept_open():
    day, _ = day_and_room()
    syllabus = knowledge.syllabus()
    lessons = build_agenda("one-day", syllabus).lessons
    assert [path.split("/")[1][:2] for path in day["notebooks"] if path.startswith("notebooks/")] == list(lessons)
    assert day["kernels_open_at_end"]["p50"] == day["kernels_open_at_end"]["max"] == len(day["notebooks"])
    after = [row["max"] for row in day["learner_rss_after_each_notebook_mib"]]
    assert after == sorted(after), "memory grows with every notebook left open"


def test_config_takes_its_resources_from_the_measurements():
    """The per-learner memory and CPU in config.yaml are the ones the recorded runs imply."""
    day, room = day_and_room()
    peak = day["learner_peak_rss_mib"]["max"] * 2**20
    singleuser = load_yaml(DEPLOY / "config.yaml")["singleuser"]
    resources = per_user_resources(peak)
    assert singleuser["memory"] == {"guarantee": resources["mem_guarantee"], "limit": resources["mem_limit"]}
    assert memory_bytes(singleuser["memory"]["guarantee"]) >= peak, "a learner's whole day fits the guarantee"
    readme = (DEPLOY / "README.md").read_text(encoding="utf-8")
    assert f"tljh-config set limits.memory {resources['mem_limit']}" in readme, "the one-server route uses it too"
    sizing = size_for(30, peak, room["learner_cpu_seconds"]["p50"])
    assert singleuser["cpu"]["guarantee"] == pytest.approx(round(sizing.cores / 30, 2))


def sizing_rows(text: str) -> dict[int, tuple[int, int]]:
    """The sizing table of a page: learners -> (RAM GiB, cores)."""
    return {int(learners): (int(ram), int(cores))
            for learners, ram, cores in re.findall(r"^\| (\d+) \| (\d+) GiB \| (\d+) \|$", text, re.MULTILINE)}


@pytest.mark.parametrize("page", [DEPLOY / "README.md", ROOT / "docs" / "workshop-hub.md"], ids=lambda path: path.name)
def test_sizing_tables_match_the_measurements_and_hold_every_guarantee(page):
    day, room = day_and_room()
    peak = day["learner_peak_rss_mib"]["max"] * 2**20
    cpu = room["learner_cpu_seconds"]["p50"]
    rows = sizing_rows(page.read_text(encoding="utf-8"))
    assert set(rows) == {30, 100}, rows
    guarantee = memory_bytes(load_yaml(DEPLOY / "config.yaml")["singleuser"]["memory"]["guarantee"])
    for learners, (ram_gib, cores) in rows.items():
        sizing = size_for(learners, peak, cpu)
        assert (ram_gib, cores) == (sizing.ram_gib, sizing.cores), f"{page.name}: the row for {learners}"
        # the memory config.yaml guarantees the whole room, plus the hub, fits the RAM the table gives
        assert learners * guarantee + HUB_OVERHEAD_BYTES <= ram_gib * 2**30


def test_idle_kernels_are_culled_on_the_learners_servers():
    singleuser = load_yaml(DEPLOY / "config.yaml")["singleuser"]
    files = [entry for entry in singleuser["extraFiles"].values()
             if entry["mountPath"] == "/etc/jupyter/jupyter_server_config.json"]
    assert len(files) == 1, "Jupyter Server reads jupyter_server_config.json from /etc/jupyter"
    culling = files[0]["data"]["MappingKernelManager"]
    assert culling["cull_connected"] is True, "learners leave their tabs open: culling must not wait for them"
    assert 0 < culling["cull_interval"] < culling["cull_idle_timeout"] <= 3600
    assert load_yaml(DEPLOY / "config.yaml")["cull"]["enabled"] is True
    minutes = culling["cull_idle_timeout"] // 60
    for page in (DEPLOY / "README.md", ROOT / "docs" / "workshop-hub.md", ROOT / "docs" / "facilitators.md"):
        assert f"{minutes} minutes" in page.read_text(encoding="utf-8"), f"{page.name} does not say when kernels stop"


# --------------------------------------------------------------------------- the user image


def requirements() -> dict[str, Requirement]:
    lines = (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines()
    found = [Requirement(line.split("#")[0].strip()) for line in lines if line.split("#")[0].strip()]
    return {canonicalize_name(requirement.name): requirement for requirement in found}


def test_image_installs_the_kits_dependencies_as_pyproject_pins_them():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [Requirement(text) for text in project["dependencies"] + project["optional-dependencies"]["lab"]]
    listed = requirements()
    for requirement in wanted:
        name = canonicalize_name(requirement.name)
        assert name in listed, f"binder/requirements.txt lacks {requirement}"
        assert listed[name].specifier == requirement.specifier, f"{name}: {listed[name]} vs pyproject {requirement}"


def test_image_installs_the_kit_and_the_hub_side():
    listed = requirements()
    assert {"nbgitpuller", "jupyterhub"} <= set(listed)
    post_build = (BINDER / "postBuild").read_text(encoding="utf-8")
    assert re.search(r"^python -m pip install .*--no-deps \.$", post_build, re.MULTILINE)
    assert (BINDER / "postBuild").stat().st_mode & 0o111, "repo2docker runs postBuild only if it is executable"
    assert re.fullmatch(r"python-3\.\d+\n", (BINDER / "runtime.txt").read_text())


def imported_modules(path: Path) -> set[str]:
    notebook = nbformat.read(path, as_version=4)
    names = set()
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return names


def test_image_provides_every_module_the_notebooks_import():
    notebooks = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "exercises").glob("*.ipynb"))
    assert notebooks
    listed = set(requirements())
    providers = packages_distributions()
    for path in notebooks:
        for module in sorted(imported_modules(path)):
            if module in sys.stdlib_module_names or module == "mopskit":
                continue
            dists = {canonicalize_name(name) for name in providers.get(module, [])}
            assert dists & listed, f"{path.name} imports {module}, which binder/requirements.txt does not install"


def test_learners_are_told_when_to_shut_kernels_down():
    """Lesson 00 and the end of every exercise notebook say how, in JupyterLab's own menu words."""
    menu = "*Kernel → Shut Down Kernel*"
    start = nbformat.read(ROOT / "notebooks" / "00-start-here.ipynb", as_version=4)
    assert any(menu in cell.source for cell in start.cells if cell.cell_type == "markdown")
    exercises = sorted((ROOT / "exercises").glob("*.ipynb"))
    assert exercises
    for path in exercises:
        last = nbformat.read(path, as_version=4).cells[-1]
        assert last.cell_type == "markdown" and menu in last.source, f"{path.name} does not end by saying so"


def test_the_culled_day_is_recorded_and_stays_under_the_guarantee():
    day, _ = day_and_room()
    culled = json.loads((DEPLOY / "measured" / "workshop-day-cull-5.json").read_text(encoding="utf-8"))
    assert culled["failures"] == [] and culled["notebooks"] == day["notebooks"]
    assert culled["kernels_open_at_end"]["max"] < len(day["notebooks"]), "the culler shut kernels down"
    peak = culled["learner_peak_rss_mib"]["max"]
    assert peak < day["learner_peak_rss_mib"]["max"]
    guarantee = memory_bytes(load_yaml(DEPLOY / "config.yaml")["singleuser"]["memory"]["guarantee"])
    assert peak * 2**20 < guarantee
    for page in (DEPLOY / "README.md", ROOT / "docs" / "workshop-hub.md"):
        assert f"{round(peak)} MiB" in page.read_text(encoding="utf-8"), f"{page.name} lacks the culled figure"


# --------------------------------------------------------------------------- the room's progress service


def test_config_registers_the_progress_service_that_check_reports_to():
    from mopskit import hubservice
    from mopskit.course import hubreport

    values = load_yaml(DEPLOY / "config.yaml")
    hub, singleuser = values["hub"], values["singleuser"]
    name = hubservice.NAME
    service = hub["services"][name]
    assert service["oauth_no_confirm"] is True and "apiToken" not in service, "the chart makes the token, kept secret"
    port = int(service["url"].rsplit(":", 1)[1])
    access = f"access:services!service={name}"
    assert access in hub["loadRoles"]["user"]["scopes"] and "self" in hub["loadRoles"]["user"]["scopes"]
    assert access in hub["config"]["Spawner"]["server_token_scopes"], "the kernel's token may report"
    report_to = singleuser["extraEnv"][hubreport.SERVICE_VARIABLE]
    assert report_to == f"{service['url']}/services/{name}/"
    assert {"name": name, "port": port, "targetPort": port} in hub["service"]["extraPorts"]
    assert any(rule["ports"] == [{"port": port}] for rule in hub["networkPolicy"]["ingress"])
    assert any(rule["ports"] == [{"port": port}] for rule in singleuser["networkPolicy"]["egress"])
    container = next(one for one in hub["extraContainers"] if one["name"] == name)
    assert container["image"] == f"{singleuser['image']['name']}:{singleuser['image']['tag']}"
    assert container["command"][:3] == ["python", "-m", "mopskit.hubservice"]
    env = {item["name"]: item for item in container["env"]}
    assert env["JUPYTERHUB_SERVICE_NAME"]["value"] == name
    assert env["JUPYTERHUB_SERVICE_PREFIX"]["value"] == f"/services/{name}/"
    assert env["JUPYTERHUB_SERVICE_URL"]["value"].endswith(f":{port}")
    assert env["JUPYTERHUB_API_TOKEN"]["valueFrom"]["secretKeyRef"] == {
        "name": "hub", "key": f"hub.services.{name}.apiToken"}
    assert {"containerPort": port, "name": name} in container["ports"]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda values: values["hub"]["services"]["mops-progress"].update(oauth_no_confim=True), "'oauth_no_confim'"),
    (lambda values: values["hub"]["services"]["mops-progress"].update(oauth_no_confirm="yes"), "is not of type"),
    (lambda values: values["hub"]["loadRoles"]["user"].update(scopes="self"), "is not of type"),
])
def test_schema_check_catches_a_wrong_service_key(change, expected):
    values = load_yaml(DEPLOY / "config.yaml")
    change(values)
    errors = schema_errors(values)
    assert any(expected in error for error in errors), errors
