"""On a JupyterHub, each ``check()`` also tells the room's progress service, so the facilitator
sees the room live.

Only when the kernel runs under a hub (JupyterHub sets ``JUPYTERHUB_API_TOKEN`` and
``JUPYTERHUB_API_URL`` or ``JUPYTERHUB_SERVICE_PREFIX`` for every learner's server) and the hub's
configuration names the service (``MOPSKIT_PROGRESS_SERVICE``, its address as seen from a
learner's server). The learner's progress file is sent whole, authenticated with the server's own
hub token: no other host, no other account. Sending uses only the standard library, waits
at most :data:`TIMEOUT_SECONDS`, and never raises or prints: a check works the same when the
service is down.
"""

from __future__ import annotations

import json
import os
import threading
import urllib.request
from collections.abc import Mapping

from mopskit.course.progress import Ledger

SERVICE_VARIABLE = "MOPSKIT_PROGRESS_SERVICE"
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"
HUB_VARIABLES = ("JUPYTERHUB_API_URL", "JUPYTERHUB_SERVICE_PREFIX")
REPORT_PATH = "api/progress"
TIMEOUT_SECONDS = 1.0
"""The longest a check waits for the service; a report still under way then finishes on its own."""
REQUEST_SECONDS = 10.0
"""The longest a report may take in the background (a busy hub answers late, not never)."""


def service_endpoint(environment: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """(the service's report address, the hub token) when running under a hub that names the
    service; None on a laptop or a hub without it."""
    env = os.environ if environment is None else environment
    service, token = env.get(SERVICE_VARIABLE, "").strip(), env.get(TOKEN_VARIABLE, "").strip()
    if not (service and token and any(env.get(name, "").strip() for name in HUB_VARIABLES)):
        return None
    return service.rstrip("/") + "/" + REPORT_PATH, token


def _post(url: str, token: str, body: bytes, timeout: float) -> None:
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Authorization": f"token {token}", "Content-Type": "application/json"})
    direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # the service is inside the hub
    try:
        with direct.open(request, timeout=timeout) as response:
            response.read()
    except Exception:  # the service being down, slow or refusing never reaches the learner
        pass


def send(ledger: Ledger, *, environment: Mapping[str, str] | None = None,
         timeout: float = TIMEOUT_SECONDS) -> threading.Thread | None:
    """Report ``ledger`` to the room's service when on a hub; returns the sending thread (waited
    for at most ``timeout``), or None when there is nowhere to send."""
    endpoint = service_endpoint(environment)
    if endpoint is None:
        return None
    url, token = endpoint
    body = json.dumps(ledger.to_json()).encode("utf-8")
    sender = threading.Thread(target=_post, args=(url, token, body, max(timeout, REQUEST_SECONDS)),
                              name="mopskit-progress-report", daemon=True)
    sender.start()
    sender.join(timeout)
    return sender
