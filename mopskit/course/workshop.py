"""Running the kit for a room on JupyterHub: launch links and server sizing.

Pure functions only: the site's "Open in JupyterHub" button, the workshop benchmark
(``benchmarks/workshop.py``) and the sizing table in ``docs/workshop-hub.md`` all use them.
"""

from __future__ import annotations

import math
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from mopskit.errors import InputError

MIB = 1024**2
GIB = 1024**3


def repo_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the repository's last path part, without ``.git``.

    >>> repo_folder("https://github.com/example/mops-kit.git")
    'mops-kit'
    """
    path = urlsplit(repo).path.rstrip("/")
    name = posixpath.basename(path)
    if name.endswith(".git"):
        name = name[: -len(".git")]
    if not name:
        raise InputError(f"'{repo}' is not a repository URL: it has no path to name the folder after",
                         column="jupyterhub_repo")
    return name


def nbgitpuller_link(hub_url: str, repo: str, path: str, *, branch: str = "main",
                     app: str = "lab", folder: str | None = None) -> str:
    """The link that pulls ``repo`` into a learner's server and opens ``path`` in JupyterLab.

    ``path`` is relative to the repository (``notebooks/04-stack-audit.ipynb``). The hub's
    ``/hub/user-redirect/`` part sends each learner to their own server, which starts if
    needed; nbgitpuller then clones the repository, or merges new commits without
    overwriting the learner's edits. Every value is URL-encoded as nbgitpuller's own link
    generator does.

    >>> nbgitpuller_link("https://hub.example.org", "https://github.com/example/kit", "notebooks/01.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample%2Fkit&urlpath=lab%2Ftree%2Fkit%2Fnotebooks%2F01.ipynb&branch=main'
    """
    hub = urlsplit(hub_url)
    if hub.scheme not in ("http", "https") or not hub.netloc:
        raise InputError(f"'{hub_url}' is not a hub address: it must start with https:// (or http://)",
                         column="jupyterhub_url")
    source = urlsplit(repo)
    if source.scheme not in ("http", "https") or not source.netloc:
        raise InputError(f"'{repo}' is not a repository URL nbgitpuller can clone: it must start with https://",
                         column="jupyterhub_repo")
    if not branch.strip():
        raise InputError("the branch is empty: name the branch learners pull, e.g. main", column="jupyterhub_branch")
    clean = posixpath.normpath(path.lstrip("/"))
    if clean.startswith("..") or clean == ".":
        raise InputError(f"'{path}' is not a file inside the repository", column="path")
    if app not in ("lab", "tree"):
        raise InputError(f"'{app}' is not an interface nbgitpuller opens: use 'lab' or 'tree'", column="app")
    target = f"{folder or repo_folder(repo)}/{clean}"
    urlpath = f"lab/tree/{target}" if app == "lab" else f"tree/{target}"
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in
                     (("repo", repo), ("urlpath", urlpath), ("branch", branch)))
    return f"{hub_url.rstrip('/')}/hub/user-redirect/git-pull?{query}"


# --------------------------------------------------------------------------- sizing


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0–1) of ``values`` by linear interpolation, as numpy's default."""
    if not values:
        raise InputError("no values to take a percentile of")
    ordered = sorted(values)
    position = (len(ordered) - 1) * share
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


@dataclass(frozen=True)
class Sizing:
    """What a hub needs for a room, derived from one measured learner."""

    learners: int
    ram_bytes: int
    cores: int

    @property
    def ram_gib(self) -> int:
        return math.ceil(self.ram_bytes / GIB)


HEADROOM = 1.5
"""Memory margin over the measured peak: learners open more notebooks and plots than the script does."""
HUB_OVERHEAD_BYTES = 1 * GIB
"""The hub, the proxy and the operating system, on top of the learners' servers."""
BURST_SECONDS = 60.0
"""Worst case for CPU: every learner runs a whole notebook within the same minute."""


def size_for(learners: int, peak_bytes_per_learner: float, cpu_seconds_per_learner: float, *,
             headroom: float = HEADROOM, burst_seconds: float = BURST_SECONDS) -> Sizing:
    """RAM = peak memory per learner × learners × headroom + the hub's own share;
    cores = CPU seconds a learner's notebook run costs × learners ÷ the burst window, at least 2.

    A simplification: it assumes memory adds up per learner (each server and kernel is its
    own process) and that the busiest moment is the whole room pressing "Run all" together.
    """
    if learners < 1:
        raise InputError(f"learners must be at least 1, not {learners}", column="learners")
    if peak_bytes_per_learner <= 0 or cpu_seconds_per_learner < 0:
        raise InputError("the measurement has no memory per learner; run the benchmark first", column="peak_rss")
    ram = learners * peak_bytes_per_learner * headroom + HUB_OVERHEAD_BYTES
    cores = max(2, math.ceil(learners * cpu_seconds_per_learner / burst_seconds))
    return Sizing(learners=learners, ram_bytes=math.ceil(ram), cores=cores)


def per_user_resources(peak_bytes_per_learner: float) -> dict[str, str]:
    """Kubernetes guarantee and limit for one learner: the guarantee is the measured peak
    with the headroom, rounded up to 128 MiB; the limit is twice that, so a learner who
    loads a big file slows down instead of losing the kernel at once."""
    step = 128 * MIB
    guarantee = math.ceil(peak_bytes_per_learner * HEADROOM / step) * step
    return {"mem_guarantee": f"{guarantee // MIB}M", "mem_limit": f"{2 * guarantee // MIB}M"}
