"""The room's progress service on a JupyterHub: learners' checks arrive, the facilitator watches.

JupyterHub runs it as one of its services (``deploy/jupyterhub/config.yaml``, or the hub of
``make bench-workshop``) and hands it its name, address, API token and OAuth client in the
``JUPYTERHUB_*`` variables; everyone is known by their hub login, nobody registers again.

Under the service's prefix (``/services/mops-progress/``):

- ``POST api/progress``: a learner's progress file, sent by ``check()`` with the learner's
  server token (``Authorization: token …``). The hub says whose token it is; that learner's
  record is merged with what arrived before and kept in ``--data`` (one file per learner,
  which ``mopskit progress FOLDER`` also reads).
- ``GET`` (the page): the room table, as ``mopskit progress`` lays it out, refreshed every
  :data:`REFRESH_SECONDS`; learners are numbered unless ``?show=names``. Hub admins only:
  a learner gets 403. ``GET room.json`` is the same as JSON.

    python -m mopskit.hubservice [--data FOLDER]

This module is the only one in the kit that imports ``jupyterhub`` (the ``workshop`` extra,
installed in the hub's user image); ``check()`` reports with the standard library.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlparse

from jupyterhub.services.auth import HubOAuth, HubOAuthCallbackHandler, HubOAuthenticated
from tornado import ioloop, web

from mopskit.course.progress import (
    FORMAT,
    Ledger,
    Lesson,
    RoomProgress,
    TaskRecord,
    read_ledger,
    write_ledger,
)
from mopskit.errors import InputError

NAME = "mops-progress"
"""The service's name in the hub's configuration (and so its address: /services/mops-progress/)."""
REFRESH_SECONDS = 15
MAX_BODY_BYTES = 256 * 1024
"""A progress file for every task of the course is a few KB; anything far larger is refused."""


def merge(earlier: Ledger, arrived: Ledger) -> Ledger:
    """One learner's record from two reports (two folders' files, or reports out of order):
    per task the latest result, the most attempts, and a pass stays a pass."""
    records = dict(earlier.records)
    for task_id, new in arrived.records.items():
        old = records.get(task_id)
        if old is None:
            records[task_id] = new
            continue
        latest = new if new.last >= old.last else old
        records[task_id] = TaskRecord(task_id, max(old.attempts, new.attempts), old.passed or new.passed,
                                      latest.last_result, latest.last)
    return Ledger(arrived.name or earlier.name, records)


@dataclass
class Room:
    """The learners' records, by hub login, kept in ``folder`` (one ``<login>.json`` each)."""

    folder: Path
    lessons: Sequence[Lesson]
    titles: Mapping[str, str] = field(default_factory=dict)
    ledgers: dict[str, Ledger] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.folder.glob("*.json")):
            try:
                ledger = read_ledger(path)
            except InputError as error:
                print(f"{NAME}: skipped {error}", file=sys.stderr)
                continue
            self.ledgers[unquote(path.stem)] = ledger

    def file_for(self, login: str) -> Path:
        return self.folder / f"{quote(login, safe='')}.json"

    def report(self, login: str, data: Any) -> Ledger:
        """Merge a learner's report; ``InputError`` if it is not a progress file."""
        arrived = Ledger.from_json(data, file=f"the report from {login}")
        merged = merge(self.ledgers.get(login, Ledger()), arrived)
        if not merged.name:
            merged = merged.with_name(login)  # named by the hub login unless the learner chose a name
        write_ledger(self.file_for(login), merged)
        self.ledgers[login] = merged
        return merged

    def progress(self) -> RoomProgress:
        """The room as ``mopskit progress`` shows it: one row per learner, in login order."""
        learners = tuple((str(self.file_for(login)), self.ledgers[login]) for login in sorted(self.ledgers))
        return RoomProgress(tuple(self.lessons), learners, dict(self.titles))


class _Handler(HubOAuthenticated, web.RequestHandler):  # type: ignore[misc]
    def initialize(self, room: Room, hub_auth: HubOAuth) -> None:
        self.room = room
        self.hub_auth = hub_auth

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        reason = kwargs.get("exc_info", (None, None))[1]
        message = getattr(reason, "log_message", None) or self._reason
        self.finish(f"{status_code}: {message}\n")

    def facilitator(self) -> None:
        """Only hub admins may see the room."""
        user = self.current_user
        if not user or not user.get("admin"):
            raise web.HTTPError(403, "the room's progress is for the hub's admins (the facilitators)")

    def show_names(self) -> bool:
        return self.get_argument("show", "") == "names"


class PageHandler(_Handler):
    @web.authenticated
    def get(self) -> None:
        from mopskit.report.html import render

        self.facilitator()
        page = render(self.room.progress(), show_users=self.show_names())
        refresh = f'<meta charset="utf-8">\n<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'.encode()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(page.replace(b'<meta charset="utf-8">', refresh, 1))


class RoomJsonHandler(_Handler):
    @web.authenticated
    def get(self) -> None:
        self.facilitator()
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(self.room.progress().to_dict(show_users=self.show_names())))


class ReportHandler(_Handler):
    def get_login_url(self) -> str:
        raise web.HTTPError(403)  # a kernel cannot log in: no redirect

    def check_xsrf_cookie(self) -> None:
        """Reports come with a token in the Authorization header, never a browser's cookie."""

    def post(self) -> None:
        if not self.request.headers.get("Authorization"):
            raise web.HTTPError(403, "send the hub token in the Authorization header")
        user = self.current_user
        if not user or user.get("kind", "user") != "user":
            raise web.HTTPError(403, "this token may not report progress to the room")
        if len(self.request.body) > MAX_BODY_BYTES:
            raise web.HTTPError(413, "a progress report is at most 256 KB")
        try:
            data = json.loads(self.request.body)
            self.room.report(user["name"], data)
        except (ValueError, InputError) as error:
            raise web.HTTPError(400, str(error)) from None
        self.set_status(204)
        self.finish()


class CallbackHandler(HubOAuthCallbackHandler):  # type: ignore[misc]
    """Finishes the hub's OAuth login in the facilitator's browser, with the app's own HubOAuth."""

    def initialize(self, hub_auth: HubOAuth) -> None:
        self.hub_auth = hub_auth


def make_app(room: Room, hub_auth: HubOAuth, prefix: str) -> web.Application:
    """The service's routes under ``prefix`` (ending in /), with the hub's OAuth."""
    arguments = {"room": room, "hub_auth": hub_auth}
    return web.Application([
        (prefix, PageHandler, arguments),
        (prefix + "room.json", RoomJsonHandler, arguments),
        (prefix + "api/progress", ReportHandler, arguments),
        (prefix + "oauth_callback", CallbackHandler, {"hub_auth": hub_auth}),
    ], cookie_secret=os.urandom(32), hub_auth=hub_auth)


def course() -> tuple[tuple[Lesson, ...], dict[str, str]]:
    """What the room's table counts against: the one the command line's ``mopskit progress`` uses."""
    from mopskit.lessons.session import course as lessons_and_titles

    return lessons_and_titles()


def main(argv: list[str] | None = None, *, serve: Callable[[], None] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mopskit.hubservice", description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(os.environ.get("MOPSKIT_PROGRESS_DATA", "mops-progress")),
                        help="folder for the learners' progress files (default ./mops-progress)")
    options = parser.parse_args(argv)
    if not os.environ.get("JUPYTERHUB_API_TOKEN"):
        print(f"{NAME}: run by JupyterHub as a service (JUPYTERHUB_API_TOKEN is not set)", file=sys.stderr)
        return 2
    lessons, titles = course()
    room = Room(options.data, lessons, titles)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{NAME}/")
    address = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:10101"))
    app = make_app(room, HubOAuth.instance(), prefix)
    app.listen(address.port or 80, address.hostname or "")
    print(f"{NAME}: {len(room.ledgers)} learners on file; listening on {address.geturl()} at {prefix}",
          file=sys.stderr)
    try:
        (serve or ioloop.IOLoop.current().start)()
    except KeyboardInterrupt:  # the hub stopping its services
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
