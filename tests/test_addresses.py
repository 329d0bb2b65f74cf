"""The kit's addresses are set once, in mkdocs.yml's extra.kit, and every place that names them
agrees: the hub's values (its postStart pull), the README, the hub pages, the facilitator guide
and the site's "Open in JupyterHub" links. The hub pulls the learners' branch, never the one
with the solutions."""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from _sites import load_hooks
from mopskit.course.workshop import repo_folder

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "jupyterhub"
hooks = load_hooks()


def kit() -> dict[str, str]:
    extra = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]
    return hooks.kit_addresses(extra)


def gitpuller_line() -> list[str]:
    """The arguments of the hub's postStart ``gitpuller REPO BRANCH FOLDER``."""
    values = yaml.safe_load((DEPLOY / "config.yaml").read_text(encoding="utf-8"))
    command = values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    words = shlex.split(command[-1].split("||")[0])
    assert words[0] == "gitpuller", command
    return words[1:]


def yaml_blocks(text: str) -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)]


def test_mkdocs_sets_every_address_and_a_learners_branch_apart_from_main():
    addresses = kit()
    assert set(addresses) == {"site", "repository", "learners_branch", "hub"}
    assert addresses["site"].startswith("https://") and addresses["repository"].startswith("https://")
    assert addresses["learners_branch"] not in ("main", "master")


def test_the_hub_pulls_the_learners_branch_of_the_repository_mkdocs_names():
    addresses = kit()
    repository, branch, folder = gitpuller_line()
    assert (repository, branch) == (addresses["repository"], addresses["learners_branch"])
    assert folder == repo_folder(addresses["repository"]), "the site's links open notebooks in this folder"


def test_the_handout_command_writes_the_branch_the_hub_pulls():
    branch = kit()["learners_branch"]
    for page in (ROOT / "README.md", ROOT / "docs" / "workshop-hub.md", DEPLOY / "README.md"):
        assert f"make handout BRANCH={branch}" in re.sub(r"\s+", " ", page.read_text(encoding="utf-8")), page.name


@pytest.mark.parametrize("page", ["README.md", "docs/workshop-hub.md", "deploy/jupyterhub/README.md",
                                  "docs/facilitators.md"])
def test_each_page_names_the_one_place_and_its_examples_agree(page):
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "extra.kit" in text or "extra:\n  kit:" in text, f"{page} does not say where the addresses are set"
    addresses = kit()
    for block in yaml_blocks(text):
        if isinstance(block, dict) and "extra" in block:
            shown = block["extra"]["kit"]
            for key in ("site", "repository", "learners_branch"):
                assert shown[key] == addresses[key], f"{page}: extra.kit.{key} is {shown[key]!r}"
    urls = set(re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text))
    assert urls <= {addresses["repository"]}, f"{page} names another repository: {urls}"


def test_the_readme_names_the_site_and_the_repository_mkdocs_sets():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    addresses = kit()
    assert addresses["site"] in text and addresses["repository"] in text


def test_the_sites_links_pull_the_learners_branch_into_the_hubs_folder():
    addresses = {**kit(), "hub": "https://hub.example.org"}
    link = hooks.jupyterhub_link({"kit": addresses}, "notebooks/04-stack-audit.ipynb")
    query = parse_qs(urlsplit(link).query)
    repository, branch, folder = gitpuller_line()
    assert query["repo"] == [repository] and query["branch"] == [branch]
    assert query["urlpath"] == [f"lab/tree/{folder}/notebooks/04-stack-audit.ipynb"]


def test_the_hub_page_shows_the_addresses_mkdocs_sets():
    addresses = kit()
    table = hooks.addresses_markdown({"kit": addresses}, "notebooks/00-start-here.ipynb")
    assert addresses["site"] in table and addresses["repository"] in table
    assert f"`{addresses['learners_branch']}`" in table
    with_hub = hooks.addresses_markdown({"kit": {**addresses, "hub": "https://hub.example.org"}},
                                        "notebooks/00-start-here.ipynb")
    assert "https://hub.example.org/hub/user-redirect/git-pull?" in with_hub
    assert "<!-- mopskit:addresses -->" in (ROOT / "docs" / "workshop-hub.md").read_text(encoding="utf-8")
