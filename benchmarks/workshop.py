"""`make bench-workshop`: a room of simulated learners on a local JupyterHub, measured.

It starts JupyterHub on 127.0.0.1 in a temporary folder (DummyAuthenticator, one local
process per learner via SimpleLocalProcessSpawner, configurable-http-proxy from npm), then
N learners at once: each logs in through the hub API (a token made with the admin token the
config creates), starts a server, copies of the lessons being in their home as nbgitpuller
would leave them, and runs lesson 04 and its exercise cell by cell over the kernel
websocket. Lesson kernel stays open while the exercise runs, as in a room. Each learner then
checks an answer, which reports to the room's progress service (mopskit.hubservice, run by the
hub as in deploy/jupyterhub/config.yaml); the facilitator's view must show every learner.

With --day each learner works through the one-day agenda instead: every lesson it places
(00-04) and its exercise, in order, and keeps every kernel running to the end, as a learner
who never shuts a kernel down does. It records the learner's memory after each notebook and
checks that all the kernels were still there at the end: the figure the hub's per-learner
memory guarantee comes from (deploy/jupyterhub/measured/workshop-day-*.json).
With --day --cull SECONDS the servers shut down kernels idle that long, as config.yaml does
for 30 minutes, and the day runs on the agenda's clock compressed to match: each notebook
opens when its lesson starts, is kept busy until the lesson ends, then left idle.

It prints time to a running server and to each finished notebook (p50, p95, max), memory
per learner (peak RSS of the learner's server and kernels, sampled every 0.5 s), CPU
seconds per learner, failures, the machine, the sizing it implies, and how many learners the
facilitator's view saw; writes them as JSON, and the facilitator's page as HTML beside it.
The hub, the proxy and every server are stopped at the end, also on failure or Ctrl-C.

    python benchmarks/workshop.py --learners 30 [--day [--cull 30]] [--timeout 1200] [--json build/workshop-bench.json]

Environment: WORKSHOP_PROXY=path to configurable-http-proxy (default .venv/npm/node_modules/.bin/)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClosedError, websocket_connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mopskit.content import knowledge  # noqa: E402
from mopskit.course.agenda import build_agenda  # noqa: E402
from mopskit.course.workshop import GIB, MIB, per_user_resources, percentile, size_for  # noqa: E402
from mopskit.hubservice import NAME as SERVICE  # noqa: E402

MAX_RECONNECTS = 5
"""Reopened kernel connections one learner may need before the run counts as failed."""
LESSON = "notebooks/04-stack-audit.ipynb"
EXERCISE = "exercises/04-stack-audit.ipynb"
MAX_LEARNERS = 200
PROXY = ROOT / ".venv" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
SAMPLE_SECONDS = 0.5
CHECK = 'from mopskit.lessons import check\ncheck("04.1", "a first guess")'
"""What each learner runs last in the exercise's kernel: an answer checked, so reported to the room."""
FACILITATOR = "facilitator"

HUB_CONFIG = """\
# Written by benchmarks/workshop.py for one run; everything lives in this folder.
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/cookie_secret"
c.JupyterHub.pid_file = "{folder}/jupyterhub.pid"
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{folder}/home/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}
c.Spawner.environment = {{"MPLCONFIGDIR": "{folder}/matplotlib",
                          "JUPYTER_RUNTIME_DIR": lambda spawner: "{runtime}/" + spawner.user.name,
                          "MOPSKIT_PROGRESS_SERVICE": "http://127.0.0.1:{port}/services/{service}/"}}
c.JupyterHub.concurrent_spawn_limit = {learners}
c.JupyterHub.cleanup_servers = True
c.Authenticator.admin_users = {{"facilitator"}}
# The room's progress service and its permissions, as deploy/jupyterhub/config.yaml gives them.
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", "access:services!service={service}"]
c.JupyterHub.services = [
    {{"name": "workshop-bench", "api_token": {token!r}}},
    {{"name": "{service}", "url": "http://127.0.0.1:{service_port}", "oauth_no_confirm": True,
      "command": [{python!r}, "-m", "mopskit.hubservice", "--data", "{folder}/progress"],
      "environment": {{"MPLCONFIGDIR": "{folder}/matplotlib"}}}},
]
c.JupyterHub.load_roles = [
    {{"name": "workshop-bench", "scopes": ["admin:users", "admin:servers", "tokens", "list:users",
                                          "access:services!service={service}"],
      "services": ["workshop-bench"]}},
    {{"name": "user", "scopes": ["self", "access:services!service={service}"]}},
]
"""


@dataclass
class Learner:
    name: str
    server_seconds: float | None = None
    lesson_seconds: float | None = None
    exercise_seconds: float | None = None
    reconnects: int = 0
    """Kernel connections reopened after the server dropped them (a browser does the same)."""
    error: str | None = None
    day_rss: list[int] = field(default_factory=list)
    """--day: the learner's memory (bytes) after each notebook of the day, every kernel still running."""
    day_cpu: list[float] = field(default_factory=list)
    """--day: the learner's CPU seconds so far, before the first notebook and after each one."""
    kernels_at_end: int = 0
    burst_cpu: float = 0.0
    kernels_restarted: int = 0
    """--cull: notebooks run again because the culler had shut their kernel during a break."""


def day_notebooks() -> list[str]:
    """The one-day agenda's lessons, each followed by its exercise where it has one, in the order taught."""
    syllabus = knowledge.syllabus()
    paths: list[str] = []
    for lesson_id in build_agenda("one-day", syllabus).lessons:
        filename = syllabus.lesson(lesson_id).filename
        paths += [f"{part}/{filename}" for part in ("notebooks", "exercises") if (ROOT / part / filename).exists()]
    return paths


def day_schedule() -> dict[str, list[tuple[int, int]]]:
    """For each notebook of the day: the stretches of its lesson in the one-day agenda, in minutes
    after the day's start (a lesson in two parts has two; an exercise shares its lesson's)."""
    syllabus = knowledge.syllabus()
    day = build_agenda("one-day", syllabus).days[0]
    spans: dict[str, list[tuple[int, int]]] = {}
    for block in day.blocks:
        if block.lesson is not None:
            spans.setdefault(block.lesson, []).append((block.start - day.start, block.end - day.start))
    return {f"{part}/{syllabus.lesson(lesson).filename}": stretches
            for lesson, stretches in spans.items() for part in ("notebooks", "exercises")}


@dataclass
class Sampler:
    """Peak RSS and CPU seconds per learner, from every process whose environment names them."""

    hub_pid: int
    peak_rss: dict[str, int] = field(default_factory=dict)
    cpu: dict[int, tuple[str, float]] = field(default_factory=dict)
    hub_peak_rss: int = 0
    seen: set[int] = field(default_factory=set)
    owners: dict[int, str | None] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)
    latest_rss: dict[str, int] = field(default_factory=dict)

    def owner(self, process: psutil.Process) -> str | None:
        if process.pid not in self.owners:
            try:
                self.owners[process.pid] = process.environ().get("JUPYTERHUB_USER")
            except (psutil.Error, OSError):
                return None
        return self.owners[process.pid]

    def sample(self) -> None:
        with self.lock:
            self._sample()

    def now(self, name: str) -> tuple[int, float]:
        """The learner's memory and CPU seconds so far, from a fresh sample of every process."""
        self.sample()
        return self.latest_rss.get(name, 0), self.cpu_seconds().get(name, 0.0)

    def _sample(self) -> None:
        try:
            hub = psutil.Process(self.hub_pid)
            processes = [hub, *hub.children(recursive=True)]
        except psutil.Error:
            return
        rss: dict[str, int] = {}
        hub_rss = 0
        for process in processes:
            self.seen.add(process.pid)
            try:
                name = self.owner(process)
                memory = process.memory_info().rss
                times = process.cpu_times()
            except psutil.Error:
                continue
            if name is None:
                hub_rss += memory  # the hub and the proxy
                continue
            rss[name] = rss.get(name, 0) + memory
            self.cpu[process.pid] = (name, times.user + times.system)
        self.latest_rss = rss
        for name, value in rss.items():
            self.peak_rss[name] = max(self.peak_rss.get(name, 0), value)
        self.hub_peak_rss = max(self.hub_peak_rss, hub_rss)

    def cpu_seconds(self) -> dict[str, float]:
        total: dict[str, float] = {}
        for name, seconds in self.cpu.values():
            total[name] = total.get(name, 0.0) + seconds
        return total

    def run(self) -> None:
        while not self.stop.wait(SAMPLE_SECONDS):
            self.sample()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "ram_bytes": psutil.virtual_memory().total, "cpu_model": model,
            "python": platform.python_version(), "system": platform.platform()}


class Hub:
    def __init__(self, folder: Path, port: int, token: str, timeout: float) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.timeout = timeout  # a request may wait as long as the room may: the CPU is the queue
        self.token = token
        self.client = AsyncHTTPClient(max_clients=1000)
        self.folder = folder

    async def call(self, method: str, path: str, token: str | None = None, body: Any = None,
                   expect: tuple[int, ...] = (200, 201, 202, 204)) -> Any:
        request = HTTPRequest(
            self.base + path, method=method,
            headers={"Authorization": f"token {token or self.token}", "Content-Type": "application/json"},
            body=json.dumps(body) if body is not None else (b"" if method in ("POST", "PUT", "PATCH") else None),
            connect_timeout=self.timeout, request_timeout=self.timeout, allow_nonstandard_methods=True,
        )
        try:
            response = await self.client.fetch(request, raise_error=False)
        except Exception as error:
            raise RuntimeError(f"{method} {path}: {error}") from error
        if response.code not in expect:
            detail = response.body.decode("utf-8", "replace")[:300] if response.body else response.reason
            raise RuntimeError(f"{method} {path}: HTTP {response.code} {detail}")
        return json.loads(response.body) if response.body else None


async def run_notebook(hub: Hub, learner: Learner, token: str, path: str, *, kernel: str | None = None,
                       code: str | None = None, then: tuple[str, ...] = ()) -> tuple[float, str]:
    """Open ``path`` in a new kernel and run every code cell, then the code in ``then``; return the
    seconds and the kernel id. With ``kernel`` and ``code``: run that code in the notebook's running
    kernel instead."""
    user = learner.name
    server = f"/user/{user}/api"
    if code is None:
        notebook = await hub.call("GET", f"{server}/contents/{path}?content=1", token)
        cells = [(index, "".join(cell["source"])) for index, cell in enumerate(notebook["content"]["cells"])
                 if cell["cell_type"] == "code" and "".join(cell["source"]).strip()]
        cells += [(len(notebook["content"]["cells"]) + number, extra) for number, extra in enumerate(then)]
    else:
        cells = [(0, code)]
    started = time.perf_counter()
    if kernel is None:
        session = await hub.call("POST", f"{server}/sessions", token, {
            "path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}})
        kernel = session["kernel"]["id"]
    session_id = uuid.uuid4().hex
    # The kernel's channels, through the proxy and the learner's server. With a session id the
    # server keeps the kernel's messages while the socket is down, so a dropped connection is
    # reopened and nothing is lost: what JupyterLab does in a learner's browser.
    url = hub.base.replace("http://", "ws://") + f"{server}/kernels/{kernel}/channels?session_id={session_id}"

    async def connect() -> Any:
        return await websocket_connect(HTTPRequest(url, headers={"Authorization": f"token {token}"},
                                                   connect_timeout=hub.timeout, request_timeout=hub.timeout))

    socket_ = await connect()
    try:
        for index, source in cells:
            msg_id = uuid.uuid4().hex
            request = json.dumps({
                "header": {"msg_id": msg_id, "username": user, "session": session_id, "msg_type": "execute_request",
                           "version": "5.3", "date": ""},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": source, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            })
            sent = False
            while True:
                try:
                    if not sent:
                        await socket_.write_message(request)
                        sent = True
                    raw = await socket_.read_message()
                    if raw is None:
                        raise WebSocketClosedError()
                except WebSocketClosedError:
                    learner.reconnects += 1
                    if learner.reconnects > MAX_RECONNECTS:
                        raise RuntimeError(f"{path} cell {index}: the kernel connection closed "
                                           f"{MAX_RECONNECTS} times") from None
                    socket_ = await connect()
                    continue
                if not isinstance(raw, str):
                    continue  # binary frames carry widget buffers
                message = json.loads(raw)
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = message["header"]["msg_type"]
                if kind == "error":
                    content = message["content"]
                    raise RuntimeError(f"{path} cell {index}: {content['ename']}: {content['evalue']}")
                if kind == "execute_reply":
                    if message["content"]["status"] != "ok":
                        raise RuntimeError(f"{path} cell {index}: {message['content']['status']}")
                    break
    finally:
        socket_.close()
    return time.perf_counter() - started, kernel


async def keep_busy(hub: Hub, learner: Learner, token: str, path: str, kernel: str,
                    stretches: list[tuple[float, float]], every: float) -> None:
    """Run a cell in ``kernel`` every ``every`` seconds within each stretch (clock times): a
    learner still at work in it; between stretches (a break, lunch) it stays idle. A kernel the
    culler shut down in between is started again with every cell run, as the learner would."""
    for start, end in stretches:
        await asyncio.sleep(max(0.0, start - time.perf_counter()))
        running = await hub.call("GET", f"/user/{learner.name}/api/kernels", token)
        if kernel not in {model["id"] for model in running}:
            learner.kernels_restarted += 1
            _, kernel = await run_notebook(hub, learner, token, path)
        while (left := end - time.perf_counter()) > 0:
            await asyncio.sleep(min(every, left))
            try:
                await run_notebook(hub, learner, token, path, kernel=kernel, code="pass")
            except HTTPClientError as error:
                if error.code != 404:
                    raise
                # shut down just before this cell (a busy machine let it sit idle past the
                # timeout): the learner runs the notebook again
                learner.kernels_restarted += 1
                _, kernel = await run_notebook(hub, learner, token, path)


async def learner_run(hub: Hub, learner: Learner, timeout: float, day: Sampler | None = None,
                      cull: float = 0.0) -> None:
    name = learner.name
    try:
        await hub.call("POST", f"/hub/api/users/{name}", expect=(201, 409))
        token = (await hub.call("POST", f"/hub/api/users/{name}/tokens",
                                body={"expires_in": int(timeout) + 600, "note": "workshop bench"}))["token"]
        started = time.perf_counter()
        await hub.call("POST", f"/hub/api/users/{name}/server", token)
        while True:
            model = await hub.call("GET", f"/hub/api/users/{name}", token)
            server = (model.get("servers") or {}).get("")
            if server and server.get("ready"):
                break
            if server is None and time.perf_counter() - started > 5:
                raise RuntimeError("the server stopped while starting")
            await asyncio.sleep(0.25)
        learner.server_seconds = time.perf_counter() - started
        if day is not None:
            # With the culler on, the day runs on the agenda's clock, compressed so that the
            # culler's timeout stands for 30 minutes: each notebook opens when its lesson starts
            # and is kept busy until the lesson ends, then left idle, as a learner leaves it.
            minute, schedule, begin, keepers = cull / 30, day_schedule(), time.perf_counter(), []
            learner.day_cpu.append((await asyncio.to_thread(day.now, name))[1])
            for path in day_notebooks():
                if cull:
                    await asyncio.sleep(max(0.0, begin + schedule[path][0][0] * minute - time.perf_counter()))
                seconds, kernel = await run_notebook(hub, learner, token, path)
                if cull:
                    keepers.append(asyncio.create_task(keep_busy(
                        hub, learner, token, path, kernel,
                        [(begin + start * minute, begin + end * minute) for start, end in schedule[path]], 5 * minute)))
                if path == LESSON:
                    learner.lesson_seconds = seconds
                elif path == EXERCISE:
                    learner.exercise_seconds = seconds
                rss, cpu = await asyncio.to_thread(day.now, name)
                learner.day_rss.append(rss)
                learner.day_cpu.append(cpu)
            await asyncio.gather(*keepers)
            await run_notebook(hub, learner, token, path, kernel=kernel, code=CHECK)  # the room's view sees them
            learner.kernels_at_end = len(await hub.call("GET", f"/user/{name}/api/kernels", token))
            return
        learner.lesson_seconds, _ = await run_notebook(hub, learner, token, LESSON)
        learner.exercise_seconds, _ = await run_notebook(hub, learner, token, EXERCISE, then=(CHECK,))
    except Exception as error:  # one learner's failure is counted, the room goes on
        learner.error = f"{type(error).__name__}: {error}"


async def facilitator_view(hub: Hub, names: list[str], deadline: float) -> tuple[list[str], bytes]:
    """What the facilitator's page shows, logged in as a hub admin: the learners it names (waiting
    until every one of ``names`` is there, or ``deadline``), and the page as a facilitator opens it."""
    token = (await hub.call("POST", f"/hub/api/users/{FACILITATOR}/tokens", body={
        "expires_in": 600, "note": "workshop bench: the facilitator's view",
        "scopes": [f"access:services!service={SERVICE}"]}))["token"]
    seen: list[str] = []
    while True:
        room = await hub.call("GET", f"/services/{SERVICE}/room.json?show=names", token)
        seen = [row["learner"] for row in room["learners"]]
        if set(names) <= set(seen) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)  # the last reports are under way in the learners' kernels
    response = await hub.client.fetch(HTTPRequest(
        f"{hub.base}/services/{SERVICE}/", headers={"Authorization": f"token {token}"},
        request_timeout=hub.timeout), raise_error=False)
    if response.code != 200:
        raise RuntimeError(f"the facilitator's page answered HTTP {response.code}")
    learner_token = (await hub.call("POST", f"/hub/api/users/{names[0]}/tokens", body={
        "expires_in": 600, "note": "workshop bench: a learner tries the facilitator's page"}))["token"]
    refused = await hub.client.fetch(HTTPRequest(
        f"{hub.base}/services/{SERVICE}/", headers={"Authorization": f"token {learner_token}"},
        request_timeout=hub.timeout), raise_error=False)
    if refused.code != 403:
        raise RuntimeError(f"a learner opening the facilitator's page got HTTP {refused.code}, not 403")
    return seen, response.body


def browser_view(base: str, user: str) -> int:
    """The status a browser gets for the facilitator's page after logging in to the hub as ``user``
    (any password: the bench's hub uses DummyAuthenticator), through the hub's OAuth redirects;
    0 when it ends on a page that is not the room's table."""
    import requests

    with requests.Session() as browser:
        browser.get(f"{base}/hub/login", timeout=60)
        browser.post(f"{base}/hub/login", timeout=60, data={
            "username": user, "password": "any", "_xsrf": browser.cookies.get("_xsrf", "")})
        page = browser.get(f"{base}/services/{SERVICE}/", timeout=60)
        shown = page.status_code == 200 and "Exercise progress" in page.text
        return page.status_code if shown or page.status_code != 200 else 0  # 0: a login page, not the room


def prepare_homes(folder: Path, names: list[str]) -> None:
    """Each learner's home holds the lessons and exercises, as nbgitpuller would leave them."""
    for name in names:
        home = folder / "home" / name
        for part in ("notebooks", "exercises"):
            shutil.copytree(ROOT / part, home / part, ignore=shutil.ignore_patterns("solutions", ".ipynb_checkpoints"))


def wait_for_hub(port: int, process: subprocess.Popen[bytes], deadline: float) -> None:
    """Wait until the hub answers through the proxy (the proxy listens before the hub's route exists)."""
    import urllib.error
    import urllib.request

    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited with code {process.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/hub/api/", timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.3)
    raise RuntimeError("JupyterHub did not start in time")


def stop_everything(process: subprocess.Popen[bytes] | None, seen: set[int]) -> list[str]:
    """Stop the hub (which stops the servers and the proxy), then anything of it still alive."""
    if process is not None and process.poll() is None:
        try:
            seen.update(child.pid for child in psutil.Process(process.pid).children(recursive=True))
        except psutil.Error:
            pass
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    left = []
    for pid in seen:
        try:
            child = psutil.Process(pid)
            if child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
                left.append(child)
        except psutil.Error:
            continue
    for child in left:
        child.terminate()
    _, alive = psutil.wait_procs(left, timeout=10)
    for child in alive:
        child.kill()
    return [describe(child) for child in left]


def describe(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())[:120] or str(process.pid)
    except psutil.Error:
        return str(process.pid)


def summary(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {"p50": round(percentile(values, 0.5), 2), "p95": round(percentile(values, 0.95), 2),
            "max": round(max(values), 2)}


def culling(seconds: float) -> list[str]:
    """The learners' servers' arguments for shutting kernels idle ``seconds`` (none for 0), as
    config.yaml sets them (its interval is a sixth of the timeout)."""
    if not seconds:
        return []
    return [f"--MappingKernelManager.cull_idle_timeout={int(seconds)}",
            f"--MappingKernelManager.cull_interval={max(1, int(seconds) // 6)}",
            "--MappingKernelManager.cull_connected=True"]


KERNEL_TRANSPORT = ["--KernelManager.transport=ipc"]
"""Kernels talk to their server over local sockets, not TCP ports. On a hub each learner's pod has
ports of its own; here every learner shares one host, and sixty kernels starting at once picking
free TCP ports race for the same ones (a kernel restarted five times on new ports, then gone)."""

SOCKET_PATH_MAX = 107
"""The longest path a Unix socket may have (Linux: 108 bytes with the final NUL)."""


def kernel_sockets(folder: Path) -> Path:
    """A folder for the learners' kernel sockets short enough for the socket paths
    (``<folder>/<learner>/kernel-<36-character id>-ipc-<n>``): the run's folder, or /tmp if that is too long."""
    longest = len("/learner000/kernel-") + 36 + len("-ipc-00000")
    if len(str(folder / "rt")) + longest <= SOCKET_PATH_MAX:
        return folder / "rt"
    return Path(tempfile.mkdtemp(prefix="mkw-", dir="/tmp"))


MEASURED = ROOT / "deploy" / "jupyterhub" / "measured"
MEASURED_DAY = MEASURED / "workshop-day-5.json"
"""The recorded day: what one learner who keeps every kernel holds at the end of it."""
MEASURED_CULLED_DAY = MEASURED / "workshop-day-cull-5.json"
"""The recorded day with idle kernels culled: a learner's peak when the culler runs."""


def room_too_big(learners: int, available_bytes: int, *, culled: bool = False) -> str | None:
    """Why a --day room of ``learners`` would not fit this machine's free memory (None if it fits).

    A day holds its learners' day-long memory at once (every kernel kept, or what the culler
    leaves with --cull): on a laptop-sized machine thirty whole days exhaust the RAM and the system
    kills processes, which measures nothing. The need comes from the recorded day, plus the hub."""
    source = MEASURED_CULLED_DAY if culled else MEASURED_DAY
    recorded = json.loads(source.read_text(encoding="utf-8"))
    per_learner = recorded["learner_peak_rss_mib"]["max"] * MIB
    hub = recorded["hub_and_proxy_peak_rss_mib"] * MIB
    need = learners * per_learner + hub
    if need <= available_bytes:
        return None
    fits = int((available_bytes - hub) // per_learner)
    return (f"a day for {learners} learners needs about {need / GIB:.0f} GiB ({per_learner / MIB:,.0f} MiB each, "
            f"as recorded in {source.relative_to(ROOT)}); this machine has {available_bytes / GIB:.0f} GiB free. "
            + (f"Run it with LEARNERS={fits} or fewer." if fits >= 1 else "Run it on a larger machine."))


def learners_arg(text: str) -> int:
    value = int(text)
    if not 1 <= value <= MAX_LEARNERS:
        raise argparse.ArgumentTypeError(f"learners must be between 1 and {MAX_LEARNERS}, not {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=learners_arg, default=30, help="simulated learners (1-200, default 30)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds for the whole room (default 1200)")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "workshop-bench.json", help="results file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (logs) after the run")
    parser.add_argument("--day", action="store_true",
                        help="each learner runs the one-day agenda's lessons and exercises and keeps every kernel")
    parser.add_argument("--cull", type=float, default=0.0, metavar="SECONDS",
                        help="with --day: servers shut kernels idle this long, and the day runs on the agenda's "
                             "clock compressed so that SECONDS stand for the 30 minutes of config.yaml")
    options = parser.parse_args(argv)
    if options.cull and not options.day:
        parser.error("--cull needs --day: it measures a day with the culler on")

    short = (room_too_big(options.learners, psutil.virtual_memory().available, culled=bool(options.cull))
             if options.day else None)
    if short:
        print(short, file=sys.stderr)
        return 2

    proxy = Path(os.environ.get("WORKSHOP_PROXY", PROXY))
    if not proxy.exists():
        print(f"configurable-http-proxy not found at {proxy}: run `make bench-workshop` or set WORKSHOP_PROXY",
              file=sys.stderr)
        return 2
    singleuser = Path(sys.executable).parent / "jupyterhub-singleuser"
    if not singleuser.exists():
        print("jupyterhub-singleuser not found next to this Python: pip install -e '.[lab,workshop]'", file=sys.stderr)
        return 2

    folder = Path(tempfile.mkdtemp(prefix="mopskit-workshop-"))
    runtime = kernel_sockets(folder)
    token = secrets.token_hex(32)
    port = free_port()
    names = [f"learner{number:03d}" for number in range(1, options.learners + 1)]
    environment = {**os.environ, "MPLCONFIGDIR": str(folder / "matplotlib"),
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        (folder / "hub.py").write_text(HUB_CONFIG.format(
            port=port, hub_port=free_port(), proxy_api_port=free_port(), proxy=str(proxy), folder=folder,
            singleuser=str(singleuser), runtime=runtime,
            args=(["--allow-root"] if os.geteuid() == 0 else []) + KERNEL_TRANSPORT + culling(options.cull),
            timeout=int(options.timeout), learners=options.learners, token=token, service=SERVICE,
            service_port=free_port(), python=sys.executable))
        prepare_homes(folder, names)
        # The font cache is built once, as an image build does, not by every learner's first plot.
        subprocess.run([sys.executable, "-c", "import matplotlib.pyplot"], env=environment, check=True)
    except BaseException:  # nothing started yet: leave no folder behind
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)
        raise

    load_before = os.getloadavg()
    process: subprocess.Popen[bytes] | None = None
    sampler: Sampler | None = None
    learners = [Learner(name) for name in names]
    previous = signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    interrupted = False
    wall = 0.0
    viewed: list[str] = []
    page = b""
    view_error: str | None = None
    try:
        with open(folder / "hub.log", "wb") as log:
            process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(folder / "hub.py")],
                                       cwd=folder, env=environment, stdout=log, stderr=subprocess.STDOUT)
        wait_for_hub(port, process, time.monotonic() + 120)
        sampler = Sampler(process.pid)
        thread = threading.Thread(target=sampler.run, daemon=True)
        thread.start()
        hub = Hub(folder, port, token, options.timeout)

        async def room() -> None:
            await asyncio.wait_for(asyncio.gather(*(learner_run(hub, one, options.timeout,
                                                                sampler if options.day else None, options.cull)
                                                    for one in learners)),
                                   timeout=options.timeout)

        started = time.perf_counter()
        try:
            asyncio.run(room())
        except (asyncio.TimeoutError, TimeoutError):
            for one in learners:
                if (one.kernels_at_end if options.day else one.exercise_seconds) in (None, 0) and one.error is None:
                    one.error = f"not finished within the {options.timeout:.0f} s timeout"
        wall = time.perf_counter() - started
        try:
            viewed, page = asyncio.run(facilitator_view(hub, names, time.monotonic() + 60))
            in_browser = {who: browser_view(hub.base, who) for who in (FACILITATOR, names[0])}
            if in_browser != {FACILITATOR: 200, names[0]: 403}:
                raise RuntimeError(f"logged in through the hub, the page answered {in_browser}")
        except Exception as error:
            view_error = f"{type(error).__name__}: {error}"
        sampler.sample()
        sampler.stop.set()
        thread.join()
    except KeyboardInterrupt:
        interrupted = True
        print("interrupted: stopping the hub and every server", file=sys.stderr)
    finally:
        signal.signal(signal.SIGTERM, previous)
        seen = sampler.seen if sampler is not None else set()
        if sampler is not None:
            sampler.stop.set()
        leftover = stop_everything(process, seen)
        if not options.keep:
            shutil.rmtree(folder, ignore_errors=True)
            shutil.rmtree(runtime, ignore_errors=True)
    if interrupted:
        return 130
    assert sampler is not None

    load_after = os.getloadavg()
    cpu = sampler.cpu_seconds()
    peaks = [float(sampler.peak_rss.get(one.name, 0)) for one in learners if one.error is None]
    cpus = [cpu.get(one.name, 0.0) for one in learners if one.error is None]
    failures = [{"learner": one.name, "error": one.error} for one in learners if one.error]
    results: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d", time.gmtime()),
        "learners": options.learners,
        "notebooks": day_notebooks() if options.day else [LESSON, EXERCISE],
        "wall_seconds": round(wall, 1),
        "server_ready_seconds": summary([one.server_seconds for one in learners if one.server_seconds is not None]),
        "lesson_seconds": summary([one.lesson_seconds for one in learners if one.lesson_seconds is not None]),
        "exercise_seconds": summary([one.exercise_seconds for one in learners if one.exercise_seconds is not None]),
        "learner_peak_rss_mib": summary([peak / 2**20 for peak in peaks]),
        "learner_cpu_seconds": summary(cpus),
        "hub_and_proxy_peak_rss_mib": round(sampler.hub_peak_rss / 2**20, 1),
        "failures": failures,
        "facilitator_view": {"learners": options.learners, "seen": sum(name in viewed for name in names),
                             "error": view_error},
        "kernel_reconnects": sum(one.reconnects for one in learners),
        "processes_left_after_stop": leftover,
        "load_average_before": [round(value, 2) for value in load_before],
        "load_average_after": [round(value, 2) for value in load_after],
        "machine": machine(),
    }
    if options.day:
        finished = [one for one in learners if one.error is None]
        results["learner_rss_after_each_notebook_mib"] = [
            {"notebook": path, **summary([one.day_rss[index] / 2**20 for one in finished])}
            for index, path in enumerate(results["notebooks"]) if finished]
        results["kernels_open_at_end"] = summary([float(one.kernels_at_end) for one in finished])
        # The busiest minute of a day is one lesson and its exercise run together: the CPU of the
        # heaviest such pair (a lesson without an exercise counts alone) sizes the cores.
        notebooks = results["notebooks"]
        for one in finished:
            pairs = [one.day_cpu[index + 1] - one.day_cpu[index] for index, path in enumerate(notebooks)
                     if path.startswith("notebooks/")]
            for index, path in enumerate(notebooks):
                if path.startswith("exercises/"):
                    pairs.append(one.day_cpu[index + 1] - one.day_cpu[index - 1])
            one.burst_cpu = max(pairs)
        results["learner_cpu_busiest_lesson_seconds"] = summary([one.burst_cpu for one in finished])
        if options.cull:
            results["cull_idle_seconds"] = options.cull
            results["kernels_culled"] = summary([float(len(notebooks) - one.kernels_at_end) for one in finished])
            results["kernels_started_again_after_a_break"] = summary([float(one.kernels_restarted) for one in finished])
        missing = [one.name for one in finished
                   if one.kernels_at_end != len(results["notebooks"]) and not options.cull]
        failures += [{"learner": name, "error": "a kernel of the day was no longer running at the end"}
                     for name in missing]
    if peaks and not options.cull:  # the guarantee covers a learner whose kernels are never culled
        peak, cpu_median = max(peaks), percentile(cpus, 0.5)
        results["per_user_resources"] = per_user_resources(peak)
        results["sizing"] = [
            {"learners": room_size, "ram_gib": sizing.ram_gib, "cores": sizing.cores}
            for room_size in (30, 100)
            for sizing in [size_for(room_size, peak, cpu_median)]
        ]
        if options.day:
            # The day sizes memory; the cores come from a room starting and running lesson 04
            # together (the run without --day), the busiest minute for the processor.
            for row in results["sizing"]:
                del row["cores"]
    options.json.parent.mkdir(parents=True, exist_ok=True)
    options.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    view = options.json.with_name("workshop-facilitator-view.html")
    if page:
        view.write_bytes(page)
    report(results)
    print(f"results written to {options.json}" + (f"; the facilitator's page to {view}" if page else ""))
    missed = results["facilitator_view"]["seen"] < options.learners or view_error
    return 1 if failures or leftover or missed else 0


def report(results: dict[str, Any]) -> None:
    box = results["machine"]
    print(f"Machine: {box['cores']} cores, {box['ram_bytes'] / 2**30:.1f} GiB RAM, {box['cpu_model']}")
    print(f"Load average before {results['load_average_before']}, after {results['load_average_after']}")
    print(f"{results['learners']} learners, {results['wall_seconds']} s for the whole room")
    for key, label in (("server_ready_seconds", "time to a running server (s)"),
                       ("lesson_seconds", "lesson 04 run (s)"), ("exercise_seconds", "exercise 04 run (s)"),
                       ("learner_peak_rss_mib", "peak RSS per learner (MiB)"),
                       ("learner_cpu_seconds", "CPU per learner (s)")):
        figures = results[key]
        if figures:
            print(f"  {label:32} p50 {figures['p50']:>8}  p95 {figures['p95']:>8}  max {figures['max']:>8}")
    print(f"  hub and proxy peak RSS: {results['hub_and_proxy_peak_rss_mib']} MiB")
    # Memory is the day's only in a --day run: lesson 04 alone holds about a third of it.
    day = "kernels_open_at_end" in results
    memory = "" if day else " (lesson 04 only; a day's: make bench-workshop DAY=1)"
    for row in results.get("sizing", []):
        cores = f", {row['cores']} cores" if "cores" in row else " (cores: from a run without --day)"
        print(f"  sizing for {row['learners']:>3} learners: {row['ram_gib']} GiB RAM{memory}{cores}")
    if "per_user_resources" in results:
        print(f"  per learner (Kubernetes){'' if day else ', lesson 04 only'}: {results['per_user_resources']}")
    for row in results.get("learner_rss_after_each_notebook_mib", []):
        print(f"  after {row['notebook']:40} p50 {row['p50']:>8}  max {row['max']:>8} MiB")
    if "kernels_open_at_end" in results:
        print(f"  kernels still running at the end, per learner: {results['kernels_open_at_end']}")
    view = results["facilitator_view"]
    print(f"facilitator view: {view['seen']} of {view['learners']} learners"
          + (f" ({view['error']})" if view["error"] else ""))
    print(f"Kernel connections reopened (as a browser would): {results['kernel_reconnects']}")
    print(f"Failures: {len(results['failures'])}")
    for failure in results["failures"][:10]:
        print(f"  {failure['learner']}: {failure['error']}")
    if results["processes_left_after_stop"]:
        print("Processes that outlived the hub and were stopped:")
        for line in results["processes_left_after_stop"]:
            print(f"  {line}")


if __name__ == "__main__":
    sys.exit(main())
