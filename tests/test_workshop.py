"""Running a workshop on JupyterHub: launch links, sizing, and the "Open in JupyterHub" button."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.exceptions import PluginError

from mopskit import InputError
from mopskit.course.workshop import (GIB, MIB, guarantee_bytes, memory_bytes, nbgitpuller_link, per_user_resources,
                                     percentile, repo_folder, size_for)
from _sites import HUB, REPO, load_hooks

hooks = load_hooks()


def test_link_pulls_the_repository_and_opens_the_notebook_in_lab():
    link = nbgitpuller_link(HUB + "/", REPO + ".git", "notebooks/04-stack-audit.ipynb", branch="workshop-2026")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "hub.example.org", "/hub/user-redirect/git-pull")
    assert parse_qs(parts.query) == {
        "repo": [REPO + ".git"],
        "urlpath": ["lab/tree/mops-kit/notebooks/04-stack-audit.ipynb"],
        "branch": ["workshop-2026"],
    }
    assert "/" not in parts.query.split("urlpath=")[1].split("&")[0]  # every value is URL-encoded


def test_link_encodes_spaces_and_keeps_a_hub_under_a_path():
    link = nbgitpuller_link("https://example.org/jupyter", REPO, "notebooks/a b.ipynb", app="tree")
    assert link.startswith("https://example.org/jupyter/hub/user-redirect/git-pull?")
    assert "urlpath=tree%2Fmops-kit%2Fnotebooks%2Fa%20b.ipynb" in link
    assert link.endswith("&branch=learners"), "by default a link pulls the learners' branch, not the solutions"


@pytest.mark.parametrize(("arguments", "message"), [
    (("hub.example.org", REPO, "notebooks/x.ipynb"), "not a hub address"),
    ((HUB, "git@github.com:example/kit.git", "notebooks/x.ipynb"), "must start with https://"),
    ((HUB, REPO, "../secrets.ipynb"), "not a file inside the repository"),
    ((HUB, "https://github.com/", "notebooks/x.ipynb"), "has no path"),
])
def test_link_refuses_what_nbgitpuller_cannot_use(arguments, message):
    with pytest.raises(InputError, match=message):
        nbgitpuller_link(*arguments)


def test_repo_folder_is_the_name_nbgitpuller_clones_into():
    assert repo_folder("https://gitlab.example.org/team/mops-kit.git/") == "mops-kit"


def test_percentile_interpolates_like_numpy():
    assert percentile([4.0, 1.0, 3.0, 2.0], 0.5) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.95) == pytest.approx(4.8)
    assert percentile([7.0], 0.95) == 7.0


def test_sizing_adds_every_learners_guarantee_and_scales_cores_with_the_burst():
    small, large = size_for(30, 1390 * MIB, 8.0), size_for(100, 1390 * MIB, 8.0)
    assert guarantee_bytes(1390 * MIB) == 1408 * MIB  # rounded up to 128 MiB, no further margin
    assert small.ram_bytes == 30 * 1408 * MIB + GIB
    assert small.ram_gib == 43 and large.ram_gib == 139
    assert (small.cores, large.cores) == (4, 14)  # 30 × 8 s ÷ 60 s, 100 × 8 s ÷ 60 s, rounded up
    assert size_for(1, 500 * MIB, 1.0).cores == 2  # never fewer than the hub needs itself
    with pytest.raises(InputError, match="at least 1"):
        size_for(0, 500 * MIB, 8.0)
    with pytest.raises(InputError, match="run the benchmark"):
        size_for(30, 0, 8.0)


def test_per_user_resources_round_the_day_peak_up_and_double_it_for_the_limit():
    assert per_user_resources(490 * MIB) == {"mem_guarantee": "512M", "mem_limit": "1024M"}
    assert per_user_resources(1390 * MIB) == {"mem_guarantee": "1408M", "mem_limit": "2816M"}


@pytest.mark.parametrize(("quantity", "mib"), [("1408M", 1408), ("512Mi", 512), ("2G", 2048), ("3Gi", 3072)])
def test_memory_quantities_read_as_the_spawners_read_them(quantity, mib):
    assert memory_bytes(quantity) == mib * MIB


def test_a_memory_quantity_the_kit_does_not_write_is_refused():
    with pytest.raises(InputError, match="not a memory size"):
        memory_bytes("1.5G")


# --------------------------------------------------------------------------- the site's button


@pytest.mark.parametrize(("extra", "message"), [
    ({"kit": {"hub": HUB}}, "names a hub but no repository"),
    ({"kit": {"hub": HUB, "repository": REPO, "brnach": "main"}}, "unknown keys brnach"),
    ({"kit": {"hub": "hub.example.org", "repository": REPO}}, "not a hub address"),
    ({"kit": "https://hub.example.org"}, "must be a mapping"),
    ({"jupyterhub": {"url": HUB, "repo": REPO}}, "extra.jupyterhub is now extra.kit"),
])
def test_a_wrong_hub_setting_stops_the_build(extra, message):
    with pytest.raises(PluginError, match=message):
        hooks.jupyterhub_link(extra, "notebooks/04-stack-audit.ipynb")


def test_no_hub_setting_means_no_link():
    assert hooks.jupyterhub_link({}, "notebooks/04-stack-audit.ipynb") is None
    assert hooks.jupyterhub_link({"kit": {"repository": REPO, "hub": ""}}, "notebooks/04-stack-audit.ipynb") is None


# --------------------------------------------------------------------------- the benchmark's own rules


def load_benchmark():
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "workshop.py"
    spec = importlib.util.spec_from_file_location("workshop_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_benchmark_keeps_the_room_between_1_and_200_learners():
    import argparse

    bench = load_benchmark()
    assert bench.learners_arg("1") == 1 and bench.learners_arg("200") == 200
    for wrong in ("0", "201"):
        with pytest.raises(argparse.ArgumentTypeError, match="between 1 and 200"):
            bench.learners_arg(wrong)


def test_benchmark_hub_config_is_python_that_stays_on_loopback(tmp_path):
    bench = load_benchmark()
    text = bench.HUB_CONFIG.format(port=8000, hub_port=8001, proxy_api_port=8002, proxy="/x/chp", folder=tmp_path,
                                   singleuser="/x/jupyterhub-singleuser", args=[], timeout=600, learners=3,
                                   token="t" * 64, service="mops-progress", service_port=8003, python="/x/python",
                                   runtime=tmp_path / "rt")
    compile(text, "hub.py", "exec")
    assert text.count('"127.0.0.1"') == 2 and 'api_url = "http://127.0.0.1:8002"' in text
    # the room's progress service, with the permissions deploy/jupyterhub/config.yaml gives it
    assert '"url": "http://127.0.0.1:8003"' in text and '"-m", "mopskit.hubservice"' in text
    assert '"MOPSKIT_PROGRESS_SERVICE": "http://127.0.0.1:8000/services/mops-progress/"' in text
    assert text.count('"access:services!service=mops-progress"') == 3  # server tokens, learners, the bench
    assert f'home_dir_template = "{tmp_path}/home/{{username}}"' in text
    assert f'"JUPYTER_RUNTIME_DIR": lambda spawner: "{tmp_path}/rt/" + spawner.user.name' in text


def test_the_benchmarks_kernel_sockets_fit_a_unix_socket_path(tmp_path):
    """Kernels talk over local sockets (no TCP port race between learners on one host); a socket
    path over 107 bytes cannot be bound, so a long temporary folder moves them to /tmp."""
    bench = load_benchmark()
    assert bench.KERNEL_TRANSPORT == ["--KernelManager.transport=ipc"]
    longest = "/learner200/kernel-" + "0" * 36 + "-ipc-99999"
    for folder in (Path("/tmp/mopskit-workshop-abcdefgh"), tmp_path / ("deep" * 20)):
        sockets = bench.kernel_sockets(folder)
        try:
            assert len(str(sockets) + longest) <= bench.SOCKET_PATH_MAX
            assert (sockets == folder / "rt") == (len(str(folder)) < 50)
        finally:
            if sockets.parent != folder:
                sockets.rmdir()


def test_the_benchmarks_day_is_the_one_day_agendas_lessons_each_with_its_exercise():
    from mopskit.content import knowledge
    from mopskit.course.agenda import build_agenda

    bench = load_benchmark()
    syllabus = knowledge.syllabus()
    lessons = build_agenda("one-day", syllabus).lessons
    expected = []
    for lesson in lessons:
        expected.append(f"notebooks/{syllabus.lesson(lesson).filename}")
        if (bench.ROOT / "exercises" / syllabus.lesson(lesson).filename).exists():
            expected.append(f"exercises/{syllabus.lesson(lesson).filename}")
    assert bench.day_notebooks() == expected
    assert bench.LESSON in expected and bench.EXERCISE in expected, "the day includes the run the cores come from"


def test_the_benchmarks_culler_is_the_one_config_yaml_sets_scaled_to_its_timeout():
    import yaml

    bench = load_benchmark()
    assert bench.culling(0) == []
    config = yaml.safe_load((bench.ROOT / "deploy" / "jupyterhub" / "config.yaml").read_text(encoding="utf-8"))
    (culler,) = [entry["data"]["MappingKernelManager"] for entry in config["singleuser"]["extraFiles"].values()]
    arguments = dict(argument.removeprefix("--MappingKernelManager.").split("=") for argument in
                     bench.culling(culler["cull_idle_timeout"]))
    assert arguments == {"cull_idle_timeout": str(culler["cull_idle_timeout"]),
                         "cull_interval": str(culler["cull_interval"]), "cull_connected": "True"}
    schedule = bench.day_schedule()
    starts = [schedule[path][0][0] for path in bench.day_notebooks()]
    assert starts == sorted(starts) and starts[0] > 0
    for stretches in schedule.values():
        assert all(start < end for start, end in stretches)
        assert all(before[1] < after[0] for before, after in zip(stretches, stretches[1:])), "a break between parts"


def test_the_benchmarks_day_refuses_a_room_the_machine_cannot_hold():
    """A day keeps every kernel: thirty learners on a 23 GiB machine would exhaust its memory and
    the system would kill processes mid-run. The run refuses first and says how many fit."""
    bench = load_benchmark()
    recorded = json.loads(bench.MEASURED_DAY.read_text(encoding="utf-8"))
    per_learner = recorded["learner_peak_rss_mib"]["max"] * MIB
    hub = recorded["hub_and_proxy_peak_rss_mib"] * MIB
    assert bench.room_too_big(5, int(5 * per_learner + hub) + 1) is None
    message = bench.room_too_big(30, int(10 * per_learner + hub) + 1)
    assert message is not None and "30 learners" in message and "LEARNERS=10 or fewer" in message
    assert "larger machine" in bench.room_too_big(1, int(hub))
    # with the culler on, the culled day's smaller peak is what must fit
    culled = json.loads(bench.MEASURED_CULLED_DAY.read_text(encoding="utf-8"))["learner_peak_rss_mib"]["max"] * MIB
    assert culled < per_learner
    assert bench.room_too_big(10, int(10 * culled + hub) + 1, culled=True) is None
    assert "workshop-day-cull-5.json" in bench.room_too_big(10, int(5 * culled + hub), culled=True)
