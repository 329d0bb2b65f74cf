"""The room's progress on a JupyterHub: check() reports to the hub service, the facilitator's page shows it.

The service runs with JupyterHub's own HubOAuth against a stand-in for the hub's API that knows
four tokens (two learners, a facilitator who is a hub admin, and a learner's token without access
to the service), as JupyterHub would answer for them. The whole hub runs in `make bench-workshop`.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from jupyterhub.services.auth import HubOAuth
from tornado import ioloop

from mopskit import hubservice
from mopskit.course import hubreport
from mopskit.course import progress as tracking
from mopskit.lessons import check

PREFIX = f"/services/{hubservice.NAME}/"
ACCESS = f"access:services!service={hubservice.NAME}"


def user(name: str, *, admin: bool = False, access: bool = True) -> dict[str, Any]:
    scopes = [f"read:users:name!user={name}", f"read:users:groups!user={name}"] + ([ACCESS] if access else [])
    return {"kind": "user", "name": name, "admin": admin, "groups": [], "scopes": scopes}


TOKENS = {
    "ana-token": user("ana"),
    "bob-token": user("bob"),
    "facilitator-token": user("facilitator", admin=True),
    "no-access-token": user("carla", access=False),
}


class FakeHubApi(BaseHTTPRequestHandler):
    """GET /hub/api/user: whose token this is, as JupyterHub answers it."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        token = self.headers.get("Authorization", "").partition(" ")[2]
        model = TOKENS.get(token)
        if self.path.rstrip("/") != "/hub/api/user" or model is None:
            self.send_response(403)
            self.end_headers()
            return
        body = json.dumps(model).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def hub_api() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeHubApi)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hub/api"
    server.shutdown()
    server.server_close()


@pytest.fixture
def service(hub_api: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """The service on a free port, its room kept in a temporary folder; yields (base URL, folder)."""
    lessons, titles = hubservice.course()
    folder = tmp_path / "room"
    room = hubservice.Room(folder, lessons, titles)
    auth = HubOAuth(api_url=hub_api, api_token="service-token", oauth_client_id=f"service-{hubservice.NAME}",
                    oauth_redirect_uri=PREFIX + "oauth_callback", access_scopes={ACCESS}, cache_max_age=0,
                    hub_prefix="/hub/", base_url=PREFIX)
    port = free_port()
    ready = threading.Event()
    loops: list[ioloop.IOLoop] = []

    def run() -> None:
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = ioloop.IOLoop.current()
        server = hubservice.make_app(room, auth, PREFIX).listen(port, "127.0.0.1")
        loops.append(loop)
        loop.add_callback(ready.set)
        loop.start()
        server.stop()
        loop.close(all_fds=True)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(30), "the service did not start"
    yield f"http://127.0.0.1:{port}{PREFIX}", folder
    loops[0].add_callback(loops[0].stop)
    thread.join(30)


def call(url: str, token: str | None = None, body: Any = None) -> tuple[int, str]:
    headers = {"Authorization": f"token {token}"} if token else {}
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method="POST" if data is not None else "GET")
    opener = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def ledger_json(**results: bool) -> dict[str, Any]:
    ledger = tracking.Ledger()
    for task_id, passed in results.items():
        ledger = ledger.with_attempt(task_id.lstrip("_").replace("_", "."), passed, datetime(2026, 11, 30, 10, tzinfo=timezone.utc))
    return ledger.to_json()


# --------------------------------------------------------------------------- who may see what


def test_a_learner_gets_403_and_a_hub_admin_gets_the_room(service):
    base, _folder = service
    for path in ("", "room.json"):
        status, text = call(base + path, "ana-token")
        assert status == 403, text
        assert "admins" in text
    status, page = call(base, "facilitator-token")
    assert status == 200
    assert "Exercise progress" in page
    assert f'<meta http-equiv="refresh" content="{hubservice.REFRESH_SECONDS}">' in page


def test_without_a_login_the_page_sends_the_browser_to_the_hubs_login(service):
    base, _folder = service
    status, _text = call(base)
    assert status == 302


def test_a_report_from_a_learner_updates_the_table_and_names_stay_hidden_unless_asked(service):
    base, folder = service
    assert call(base + "api/progress", "ana-token", ledger_json(_01_1=True, _01_2=False)) == (204, "")
    assert call(base + "api/progress", "bob-token", ledger_json(_01_1=False))[0] == 204
    room = json.loads(call(base + "room.json", "facilitator-token")[1])
    assert [row["learner"] for row in room["learners"]] == ["Learner 1", "Learner 2"]
    assert room["learners"][0]["passed"]["01"] == 1 and room["learners"][1]["passed"]["01"] == 0
    assert {"task": "01.2", "learners": 1, "attempts": 1} in room["stuck"]
    hidden = call(base, "facilitator-token")[1]
    assert ">ana<" not in hidden and ">bob<" not in hidden and ">Learner 2<" in hidden
    named = json.loads(call(base + "room.json?show=names", "facilitator-token")[1])
    assert [row["learner"] for row in named["learners"]] == ["ana", "bob"]
    assert ">ana<" in call(base + "?show=names", "facilitator-token")[1]
    # a later report merges: a pass stays a pass; the files are what `mopskit progress FOLDER` reads
    assert call(base + "api/progress", "ana-token", ledger_json(_01_2=True))[0] == 204
    loaded = tracking.load_room(folder, hubservice.course()[0])
    assert {ledger.name: sorted(task for task, record in ledger.records.items() if record.passed)
            for _file, ledger in loaded.learners} == {"ana": ["01.1", "01.2"], "bob": []}


@pytest.mark.parametrize(("token", "body", "status"), [
    (None, ledger_json(_01_1=True), 403),
    ("nobody-token", ledger_json(_01_1=True), 403),
    ("no-access-token", ledger_json(_01_1=True), 403),
    ("ana-token", {"format": "something else"}, 400),
    ("ana-token", {"format": tracking.FORMAT, "tasks": {"1.x": {}}}, 400),
])
def test_a_report_needs_a_token_with_access_to_the_service_and_a_progress_file(service, token, body, status):
    base, folder = service
    assert call(base + "api/progress", token, body)[0] == status
    assert not list(folder.glob("*.json"))


def test_the_room_reads_back_what_it_kept_after_a_restart(tmp_path):
    lessons, titles = hubservice.course()
    room = hubservice.Room(tmp_path, lessons, titles)
    room.report("ana.maria@example.org", ledger_json(_01_1=True))
    again = hubservice.Room(tmp_path, lessons, titles)
    assert list(again.ledgers) == ["ana.maria@example.org"]
    assert again.progress().to_dict(show_users=True)["learners"][0]["learner"] == "ana.maria@example.org"


def test_merging_keeps_a_pass_the_latest_result_and_the_most_attempts():
    early, late = datetime(2026, 11, 30, 9, tzinfo=timezone.utc), datetime(2026, 11, 30, 11, tzinfo=timezone.utc)
    before = tracking.Ledger().with_attempt("01.1", True, early).with_attempt("01.1", False, early)
    after = tracking.Ledger("Ana").with_attempt("01.1", False, late)
    merged = hubservice.merge(before, after).records["01.1"]
    assert (merged.passed, merged.attempts, merged.last_result, merged.last) == (True, 2, "failed", late)
    assert hubservice.merge(after, before).records["01.1"].last == late


# --------------------------------------------------------------------------- check() reports


HUB_ENVIRONMENT = {"JUPYTERHUB_API_URL": "http://127.0.0.1:1/hub/api", "JUPYTERHUB_SERVICE_PREFIX": "/user/ana/"}


@pytest.fixture
def on_a_hub(tmp_path, monkeypatch):
    """A learner's kernel on a hub: the hub's variables, the server's token, a progress file."""
    for name, value in HUB_ENVIRONMENT.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "ana-token")
    monkeypatch.setenv(tracking.FILE_VARIABLE, str(tmp_path / tracking.FILE_NAME))
    monkeypatch.delenv(tracking.NAME_VARIABLE, raising=False)
    return monkeypatch


def test_check_on_a_hub_reports_to_the_service_and_the_facilitator_sees_it(service, on_a_hub):
    base, _folder = service
    on_a_hub.setenv(hubreport.SERVICE_VARIABLE, base)
    before = json.loads(call(base + "room.json", "facilitator-token")[1])
    assert before["learners"] == []
    assert check("01.1", "a first guess").status == "failed"
    deadline = time.monotonic() + 30  # the report is under way in its own thread
    while time.monotonic() < deadline:
        room = json.loads(call(base + "room.json?show=names", "facilitator-token")[1])
        if room["learners"]:
            break
    assert [row["learner"] for row in room["learners"]] == ["ana"]
    assert room["stuck"] == [{"task": "01.1", "learners": 1, "attempts": 1}]


def silent_listener() -> socket.socket:
    """A port that accepts connections and never answers: a hung service."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    return listener


@pytest.mark.parametrize("service_state", ["refused", "hung"])
def test_check_is_quick_and_silent_when_the_service_is_down(on_a_hub, capsys, service_state):
    listener = silent_listener()
    port = listener.getsockname()[1]
    if service_state == "refused":
        listener.close()
    on_a_hub.setenv(hubreport.SERVICE_VARIABLE, f"http://127.0.0.1:{port}{PREFIX}")
    started = time.perf_counter()
    result = check("01.1", "a guess")
    took = time.perf_counter() - started
    listener.close()
    assert result.status == "failed"
    assert took < hubreport.TIMEOUT_SECONDS + 1.5
    assert capsys.readouterr() == ("", "")
    assert "01.1" in tracking.read_ledger(Path(tracking.progress_path() or "")).records


class Recorder(BaseHTTPRequestHandler):
    seen: list[tuple[str, str, dict[str, Any]]] = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorder.seen.append((self.path, self.headers.get("Authorization", ""), body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()
    server.server_close()


def test_check_posts_the_progress_file_with_the_servers_hub_token(on_a_hub, recorder):
    on_a_hub.setenv(hubreport.SERVICE_VARIABLE, recorder)
    for variable in ("http_proxy", "HTTP_PROXY"):  # a proxy for the web is not the way to the hub's service
        on_a_hub.setenv(variable, "http://127.0.0.1:9")
    on_a_hub.delenv("no_proxy", raising=False)
    on_a_hub.delenv("NO_PROXY", raising=False)
    on_a_hub.setenv(tracking.NAME_VARIABLE, "Ana")
    check("01.1", "a guess")
    sender = hubreport.send(tracking.read_ledger(Path(tracking.progress_path() or "")))
    assert sender is not None
    sender.join(30)
    path, authorization, body = Recorder.seen[0]
    assert (path, authorization) == (PREFIX + hubreport.REPORT_PATH, "token ana-token")
    assert body["format"] == tracking.FORMAT and body["name"] == "Ana"
    assert body["tasks"]["01.1"]["last_result"] == "failed"


@pytest.mark.parametrize("missing", ["JUPYTERHUB_API_TOKEN", "hub", hubreport.SERVICE_VARIABLE, "recording"])
def test_nothing_is_sent_off_a_hub_without_the_service_or_with_recording_off(on_a_hub, recorder, missing):
    on_a_hub.setenv(hubreport.SERVICE_VARIABLE, recorder)
    if missing == "hub":
        for name in HUB_ENVIRONMENT:
            on_a_hub.delenv(name)
    elif missing == "recording":
        on_a_hub.setenv(tracking.FILE_VARIABLE, tracking.OFF)
    else:
        on_a_hub.delenv(missing)
    assert check("01.1", "a guess").status == "failed"
    if missing != "recording":
        assert hubreport.send(tracking.Ledger()) is None
    assert Recorder.seen == []


# --------------------------------------------------------------------------- laptops hand in a file


def test_export_saves_a_visible_copy_that_the_room_report_reads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(tracking.FILE_VARIABLE, str(tmp_path / tracking.FILE_NAME))
    monkeypatch.delenv(tracking.NAME_VARIABLE, raising=False)
    from mopskit.lessons import progress

    check("01.1", "a guess")
    progress.set_name("Ana")
    handed = progress.export()
    assert handed.path == tmp_path / tracking.EXPORT_NAME and handed.tried == 1 and handed.passed == 0
    assert "Saved my-progress.json" in str(handed) and "named Ana" in str(handed) and "Download" in str(handed)
    room_folder = tmp_path / "room"
    room_folder.mkdir()
    (room_folder / "my-progress.json").write_bytes(b"\xef\xbb\xbf" + handed.path.read_bytes())  # saved by Notepad
    (room_folder / "my-progress (1).json").write_bytes(handed.path.read_bytes())
    room = tracking.load_room(room_folder, hubservice.course()[0])
    assert [room.label(index, show_users=True) for index in range(2)] == ["Ana", "Ana"]
    with pytest.raises(tracking.InputError, match="ends in .json"):
        progress.export("my-progress.txt")
    with pytest.raises(tracking.InputError, match="the progress file itself"):
        progress.export(tracking.FILE_NAME)
