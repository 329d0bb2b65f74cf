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


LEARNERS_BRANCH = "learners"
"""The branch learners pull: written by ``make handout BRANCH=learners``, without the solutions."""


def nbgitpuller_link(hub_url: str, repo: str, path: str, *, branch: str = LEARNERS_BRANCH,
                     app: str = "lab", folder: str | None = None) -> str:
    """The link that pulls ``repo`` into a learner's server and opens ``path`` in JupyterLab.

    ``path`` is relative to the repository (``notebooks/04-stack-audit.ipynb``); ``branch``
    is the learners' branch, never the one with the solutions (the site passes ``extra.kit``'s
    ``learners_branch`` from mkdocs.yml). The hub's
    ``/hub/user-redirect/`` part sends each learner to their own server, which starts if
    needed; nbgitpuller then clones the repository, or merges new commits without
    overwriting the learner's edits. Every value is URL-encoded as nbgitpuller's own link
    generator does.

    >>> nbgitpuller_link("https://hub.example.org", "https://github.com/example/kit", "notebooks/01.ipynb")
    'https://hub.example.org/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fexample%2Fkit&urlpath=lab%2Ftree%2Fkit%2Fnotebooks%2F01.ipynb&branch=learners'
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
        raise InputError("the branch is empty: name the branch learners pull, e.g. learners", column="jupyterhub_branch")
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


STEP_BYTES = 128 * MIB
"""Kubernetes memory figures are rounded up to this step."""
LIMIT_FACTOR = 2
"""A learner's memory limit over their guarantee: one who loads a big file slows down instead of
losing the kernel at once, while the room's RAM is planned on the guarantees."""
HUB_OVERHEAD_BYTES = 1 * GIB
"""The hub, the proxy and the operating system, on top of the learners' servers."""
BURST_SECONDS = 60.0
"""Worst case for CPU: every learner runs a lesson and its exercise within the same minute."""


def guarantee_bytes(day_peak_bytes_per_learner: float) -> int:
    """One learner's guaranteed memory: the measured peak of a learner who keeps every notebook
    of the day open, rounded up to 128 MiB. No further margin: it is already the whole day."""
    if day_peak_bytes_per_learner <= 0:
        raise InputError("the measurement has no memory per learner; run the benchmark first", column="peak_rss")
    return math.ceil(day_peak_bytes_per_learner / STEP_BYTES) * STEP_BYTES


def size_for(learners: int, day_peak_bytes_per_learner: float, cpu_seconds_per_learner: float, *,
             burst_seconds: float = BURST_SECONDS) -> Sizing:
    """RAM = every learner's guarantee + the hub's own share, so the guarantees always fit;
    cores = CPU seconds of the busiest lesson with its exercise × learners ÷ the burst window, at least 2.

    It assumes memory adds up per learner (each server and kernel is its own process) and that
    the busiest moment is the whole room pressing "Run all" together.
    """
    if learners < 1:
        raise InputError(f"learners must be at least 1, not {learners}", column="learners")
    if cpu_seconds_per_learner < 0:
        raise InputError("the measurement has no CPU time per learner; run the benchmark first", column="cpu")
    ram = learners * guarantee_bytes(day_peak_bytes_per_learner) + HUB_OVERHEAD_BYTES
    cores = max(2, math.ceil(learners * cpu_seconds_per_learner / burst_seconds))
    return Sizing(learners=learners, ram_bytes=ram, cores=cores)


def per_user_resources(day_peak_bytes_per_learner: float) -> dict[str, str]:
    """Kubernetes guarantee and limit for one learner (``896M``): the guarantee from the day-long
    peak (:func:`guarantee_bytes`), the limit twice that."""
    guarantee = guarantee_bytes(day_peak_bytes_per_learner)
    return {"mem_guarantee": f"{guarantee // MIB}M", "mem_limit": f"{LIMIT_FACTOR * guarantee // MIB}M"}


def memory_bytes(quantity: str) -> int:
    """Bytes in a Kubernetes memory quantity as the kit writes them: ``1536M`` (MiB here, as
    JupyterHub's spawners read a bare M), ``2G``, ``512Mi``, ``2Gi``."""
    units = {"M": MIB, "Mi": MIB, "G": GIB, "Gi": GIB}
    for unit in ("Mi", "Gi", "M", "G"):
        number = quantity.strip()[: -len(unit)]
        if quantity.strip().endswith(unit) and number.isdigit():
            return int(number) * units[unit]
    raise InputError(f"'{quantity}' is not a memory size the kit writes (e.g. 1536M or 2G)", column="memory")
