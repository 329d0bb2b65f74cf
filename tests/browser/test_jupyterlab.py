"""JupyterLab as `make lab` starts it, looked at in a real browser, as a newcomer sees it.

The server runs the command `make -n lab` prints (so the test follows the Makefile), with
`--no-browser`, a free port and a known token added, and its root moved to a temporary copy of
`notebooks/` and `exercises/`: JupyterLab autosaves and writes checkpoints, and the test runs
cells, so it must never touch the tracked files. Jupyter's own settings, workspaces and runtime
files go to the temporary folder too. With `make pages`, screenshots land in
build/screenshots/jupyterlab-*.png.

JupyterLab is loaded once, from the address `make lab` prints, as a newcomer loads it (it
takes seconds to start in a browser); the first test checks what it showed then. The tests
open their notebook in it as its file browser would, through the app's own command; between
tests every tab is closed and every kernel shut down, but the exercise notebooks' hint tests
share one kernel (each still runs its own cells in it). Each wait is for a state (a notebook's
cells on the page, its kernel idle, an output shown), with a generous limit, never a fixed pause.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
import yaml

from mopskit import __version__

if TYPE_CHECKING:  # playwright is imported when a test runs, like the browser fixture does
    from collections.abc import Callable

    from playwright.sync_api import Browser, Locator, Page

    from mopskit.exercises.quiz import Quiz

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = ROOT / ".venv" / "bin"
COPIED = ("notebooks", "exercises")
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
LESSON = "notebooks/01-what-is-mops.ipynb"
EXERCISES = "exercises/01-what-is-mops.ipynb"
QUIZ_BANK = "01-what-is-mops"
VIEWPORT = {"width": 1280, "height": 900}
ANSWER = {"A": "G2"}  # one of four right: check() must say so on the page


@dataclass(frozen=True)
class Lab:
    url: str
    token: str
    root: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(assignments: dict[str, str], home: Path) -> dict[str, str]:
    """A fresh terminal's environment (no .venv on the PATH), then `make lab`'s assignments."""
    env = {key: value for key, value in os.environ.items() if key != "VIRTUAL_ENV"}
    env["PATH"] = os.pathsep.join(
        folder for folder in env.get("PATH", "").split(os.pathsep) if folder and Path(folder) != VENV_BIN
    )
    for name, value in assignments.items():
        env[name] = re.sub(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?", lambda found: env.get(found[1], ""), value)
    for name, folder in {
        "JUPYTER_CONFIG_DIR": "config",
        "JUPYTER_DATA_DIR": "data",
        "JUPYTER_RUNTIME_DIR": "runtime",
        "JUPYTERLAB_SETTINGS_DIR": "settings",
        "JUPYTERLAB_WORKSPACES_DIR": "workspaces",
        "IPYTHONDIR": "ipython",
    }.items():
        env[name] = str(home / folder)
    # The "get notified about Jupyter news?" toast covers the page's corner; answer it "no".
    news = home / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text(json.dumps({"fetchNews": "false"}), encoding="utf-8")
    return env


@pytest.fixture(scope="module")
def lab(
    tmp_path_factory: pytest.TempPathFactory,
    make_lab: tuple[dict[str, str], list[str]],
    missing: Callable[[str], NoReturn],
) -> Iterator[Lab]:
    """JupyterLab started the way `make lab` starts it, rooted at a copy of the kit's notebooks."""
    assignments, argv = make_lab
    jupyter = ROOT / argv[0]
    if not jupyter.is_file() or find_spec("jupyterlab") is None:
        missing(f"JupyterLab is not installed ({argv[0]} missing): run `make lab` or `make test` first")
    roots = [index for index, word in enumerate(argv) if word.startswith("--ServerApp.root_dir=")]
    assert len(roots) == 1 and Path(argv[roots[0]].split("=", 1)[1]).resolve() == ROOT, argv

    base = tmp_path_factory.mktemp("jupyterlab")
    kit = base / "kit"
    for folder in COPIED:
        shutil.copytree(ROOT / folder, kit / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    checkpoints_before = {folder: (ROOT / folder / ".ipynb_checkpoints").exists() for folder in COPIED}

    port, token = free_port(), secrets.token_hex(16)
    argv = [str(jupyter), *argv[1:]]
    argv[roots[0]] = f"--ServerApp.root_dir={kit}"
    argv += [
        "--no-browser",
        "--ServerApp.open_browser=False",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        "--LabApp.expose_app_in_browser=True",  # so a test can open a notebook without reloading the app
    ]
    log_path = base / "jupyterlab.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            argv, cwd=kit, env=server_env(assignments, base / "home"), stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180  # a loaded machine may take long; the wait ends when it answers
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab stopped (exit {server.returncode}):\n{log_path.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer in 180 s:\n{log_path.read_text()[-3000:]}")
            time.sleep(0.25)
        yield Lab(url, token, kit)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # the server shuts its kernels down
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
    for folder, existed in checkpoints_before.items():
        assert existed or not (ROOT / folder / ".ipynb_checkpoints").exists(), f"JupyterLab wrote into {folder}/"


STATE_LIMIT = 120_000
"""ms a test waits for the state it needs (a notebook rendered, a kernel idle, an output shown)
before it fails: generous, since the wait ends as soon as the state is there, and a loaded
machine may take many times longer than a quiet one."""


@pytest.fixture(scope="module")
def context(browser: Browser) -> Iterator[Any]:
    """One browser context for the module: JupyterLab's scripts load once and come from the cache after."""
    from playwright.sync_api import expect

    expect.set_options(timeout=STATE_LIMIT)
    opened = browser.new_context(viewport=VIEWPORT)
    opened.set_default_timeout(STATE_LIMIT)
    try:
        yield opened
    finally:
        opened.close()


_APP_READY = """async () => {
  while (!(window.jupyterapp && window.jupyterapp.shell)) await new Promise(r => setTimeout(r, 50));
  await window.jupyterapp.restored;
  return true;
}"""


@dataclass
class LoadedLab:
    page: Page
    first_in_front: str | None
    """The notebook JupyterLab showed when it had loaded, before any test touched it."""
    shared_kernel: str | None = None
    """The kernel the hint tests share, once the first of them has started it."""


_IN_FRONT = """() => { const w = window.jupyterapp.shell.currentWidget;
  return w ? (w.context ? w.context.path : w.title.label) : null; }"""


@pytest.fixture(scope="module")
def app(context: Any, lab: Lab) -> Iterator[LoadedLab]:
    """JupyterLab loaded once from the address `make lab` prints; the tests open notebooks in it."""
    opened = context.new_page()
    try:
        opened.goto(f"{lab.url}/?token={lab.token}")
        opened.evaluate(_APP_READY)
        opened.wait_for_function("() => !!window.jupyterapp.shell.currentWidget")
        yield LoadedLab(opened, opened.evaluate(_IN_FRONT))
    finally:
        opened.close()


@pytest.fixture
def page(app: LoadedLab, lab: Lab) -> Iterator[Page]:
    """The shared JupyterLab; afterwards its tabs close and its kernels stop (but the hints' one)."""
    yield app.page
    app.page.evaluate(_CLOSE_EVERYTHING)
    shut_down_kernels(lab, keep=app.shared_kernel)


_CLOSE_EVERYTHING = """() => {
  // Close every tab without asking to save it (the tests change notebooks; nothing is kept).
  for (const widget of Array.from(window.jupyterapp.shell.widgets('main'))) {
    if (widget.context && widget.context.model) widget.context.model.dirty = false;
    widget.dispose();
  }
}"""


def shut_down_kernels(lab: Lab, keep: str | None = None) -> None:
    """Stop every kernel the server runs but ``keep``, through its REST API, so the next test starts afresh."""
    def call(method: str, path: str) -> Any:
        request = urllib.request.Request(f"{lab.url}{path}", method=method,
                                         headers={"Authorization": f"token {lab.token}"})
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read()
        return json.loads(body) if body else None

    for session in call("GET", "/api/sessions"):
        if session["kernel"]["id"] != keep:
            call("DELETE", f"/api/sessions/{session['id']}")
    for kernel in call("GET", "/api/kernels"):
        if kernel["id"] != keep:
            call("DELETE", f"/api/kernels/{kernel['id']}")


def open_in_lab(page: Page, path: str, kernel: str | None = None) -> None:
    """Open ``path`` in the loaded JupyterLab, as double-clicking it in the file browser does
    (with ``kernel``, connected to that running kernel instead of a new one)."""
    page.evaluate(
        "async ([path, kernel]) => { await window.jupyterapp.commands.execute("
        "'docmanager:open', kernel ? {path, kernel: {id: kernel}} : {path}); }", [path, kernel])


def kernel_in_front(page: Page) -> str:
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.sessionContext.session.kernel.id")


# --- helpers ------------------------------------------------------------------------------------


def cells_of(lab: Lab, path: str) -> list[dict[str, Any]]:
    return json.loads((lab.root / path).read_text(encoding="utf-8"))["cells"]


def cell_index(cells: list[dict[str, Any]], predicate: Callable[[str], bool]) -> int:
    for index, cell in enumerate(cells):
        if predicate("".join(cell["source"]).strip()):
            return index
    raise AssertionError("the notebook has no such cell; did its cells change?")


def current_notebook(page: Page, lab: Lab, path: str) -> Locator:
    """The notebook panel in front, once every cell of ``path`` is on the page."""
    from playwright.sync_api import expect

    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        page.wait_for_function(
            "path => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return !!w && !!w.context && w.context.path === path; }", arg=path)
    except PlaywrightTimeoutError:
        front = page.evaluate("() => { const w = window.jupyterapp.shell.currentWidget;"
                              " return w ? (w.context ? w.context.path : w.title.label) : null; }")
        raise AssertionError(f"{path} never came to the front; in front: {front!r}") from None
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel).to_have_count(1)
    expect(panel.locator(".jp-Cell")).to_have_count(len(cells_of(lab, path)))
    return panel


_KERNEL_IDLE = """async () => {
  const notebook = window.jupyterapp.shell.currentWidget;
  await notebook.sessionContext.ready;
  while (notebook.sessionContext.session?.kernel?.status !== 'idle') await new Promise(r => setTimeout(r, 50));
  return true;
}"""


def wait_for_kernel(page: Page) -> None:
    """Until the notebook in front has a kernel and that kernel is idle."""
    from playwright.sync_api import expect

    page.evaluate(_KERNEL_IDLE)
    expect(page.locator("#jp-main-statusbar")).to_contain_text("Idle")


_SCROLL_UNTIL_STILL = """async element => {
  // Cells above may change height as they render: scroll, then wait for two frames in which the
  // element stays put near the top of the window.
  const frame = () => new Promise(resolve => requestAnimationFrame(() => resolve()));
  let last = null, still = 0;
  for (let i = 0; i < 600 && still < 2; i++) {
    element.scrollIntoView({block: 'start'});
    await frame();
    const top = Math.round(element.getBoundingClientRect().top);
    still = (top === last && top >= 0 && top < window.innerHeight / 2) ? still + 1 : 0;
    last = top;
  }
  return still >= 2;
}"""


def bring_into_view(page: Page, element: Locator) -> None:
    """Scroll until ``element`` starts on screen and stays there."""
    assert element.evaluate(_SCROLL_UNTIL_STILL), "the element never came to rest on screen"


def run_cell(page: Page, cell: Locator) -> None:
    bring_into_view(page, cell)
    cell.locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


SCREENSHOTS = os.environ.get("MOPSKIT_PAGES") == "all"
"""``make pages`` keeps a picture of each step for a person to look at; ``make test`` only checks."""


def shoot(page: Page, screenshots: Path, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=str(screenshots / f"jupyterlab-{name}.png"))


def quiz_bank() -> Quiz:
    from mopskit.exercises import quiz

    return quiz(QUIZ_BANK)


def quiz_feedback() -> list[str]:
    raw = yaml.safe_load((ROOT / "mopskit" / "content" / f"quiz-{QUIZ_BANK}.yaml").read_text(encoding="utf-8"))
    return [option["feedback"] for question in raw["questions"] for option in question["options"]]


# --- the tests ----------------------------------------------------------------------------------


def test_opens_at_the_start_notebook_and_the_file_browser_shows_the_whole_kit(lab, app, page, screenshots):
    from playwright.sync_api import expect

    assert app.first_in_front == START_NOTEBOOK, f"JupyterLab opened at {app.first_in_front!r}"
    open_in_lab(page, START_NOTEBOOK)  # still open, unless another test ran first
    notebook = current_notebook(page, lab, START_NOTEBOOK)
    expect(notebook.locator("h1", has_text="Start here").first).to_be_visible()
    shoot(page, screenshots, "01-start-notebook")

    page.locator(".jp-BreadCrumbs-home").click()  # the file browser's root: the kit's folder
    listing = page.locator(".jp-DirListing-content")
    for folder in COPIED:
        expect(listing.get_by_text(folder, exact=True)).to_be_visible()
    shoot(page, screenshots, "02-file-browser-root")

    listing.get_by_text("exercises", exact=True).dblclick()
    expect(page.locator(".jp-BreadCrumbs")).to_contain_text("exercises")
    listing.get_by_text(Path(EXERCISES).name, exact=True).dblclick()
    notebook = current_notebook(page, lab, EXERCISES)
    expect(notebook.locator("h1", has_text="Exercises").first).to_be_visible()
    shoot(page, screenshots, "03-exercise-from-file-browser")


def test_a_lesson_link_to_the_exercises_opens_them(lab, page, screenshots):
    from playwright.sync_api import expect

    open_in_lab(page, START_NOTEBOOK)
    notebook = current_notebook(page, lab, START_NOTEBOOK)
    link = notebook.get_by_role("link", name="exercises", exact=True).first
    bring_into_view(page, link)
    link.click()  # ../exercises/…: outside notebooks/, so JupyterLab must be rooted above it
    notebook = current_notebook(page, lab, EXERCISES)
    expect(notebook.locator("h1", has_text="Exercises").first).to_be_visible()
    expect(page.get_by_text("outside root contents directory")).to_have_count(0)
    shoot(page, screenshots, "04-exercise-from-lesson-link")


def test_stored_quiz_shows_no_feedback_before_it_is_run(lab, page, screenshots):
    """Untrusted, the stored quiz loses its <style>: feedback must stay hidden without CSS.
    The stored chart of the same lesson shows too: its SVG, with its description as alt text."""
    from playwright.sync_api import expect

    index = cell_index(cells_of(lab, LESSON), lambda source: f'quiz("{QUIZ_BANK}")' in source)
    chart_index = cell_index(cells_of(lab, LESSON), lambda source: source.startswith("mckinsey_chart()"))
    open_in_lab(page, LESSON)
    chart = current_notebook(page, lab, LESSON).locator(".jp-Cell").nth(chart_index).locator(
        "figure.mopskit-chart img")
    bring_into_view(page, chart)
    expect(chart).to_have_attribute("src", re.compile(r"^data:image/svg\+xml;base64,"))
    expect(chart).to_have_attribute("alt", re.compile(r"^What better marketing operations is worth\. .*84%"))
    assert chart.evaluate("image => image.decode().then(() => image.naturalWidth)") > 0
    cell = current_notebook(page, lab, LESSON).locator(".jp-Cell").nth(index)
    output = cell.locator(".jp-OutputArea-output").first
    bring_into_view(page, output)
    first_prompt = quiz_bank().questions[0].prompt
    expect(output).to_contain_text(first_prompt[:40])  # the stored quiz is there to look at
    shoot(page, screenshots, "05-quiz-stored-not-run")

    feedback = quiz_feedback()
    shown = [text for text in feedback if output.get_by_text(text, exact=True).first.is_visible()]
    assert not shown, (
        f"{len(shown)} of {len(feedback)} quiz feedback texts show before the quiz is run, giving the "
        f"answers away; e.g. {shown[0]!r} (see build/screenshots/jupyterlab-05-quiz-stored-not-run.png)"
    )


def test_live_quiz_has_radio_buttons_and_check_gives_feedback_and_score(lab, page, screenshots):
    from playwright.sync_api import expect

    bank = quiz_bank()
    index = cell_index(cells_of(lab, LESSON), lambda source: f'quiz("{QUIZ_BANK}")' in source)
    open_in_lab(page, LESSON)
    cell = current_notebook(page, lab, LESSON).locator(".jp-Cell").nth(index)
    wait_for_kernel(page)
    run_cell(page, cell)

    radios = cell.locator(".widget-radio-box input[type=radio]")
    expect(radios.first).to_be_visible()
    expect(radios).to_have_count(sum(len(question.options) for question in bank.questions))
    check = cell.get_by_role("button", name="Check")
    expect(check).to_be_visible()
    question = bank.questions[0]
    right = question.options[question.correct_index]
    for text in quiz_feedback():
        expect(cell.get_by_text(text, exact=True)).to_have_count(0)
    bring_into_view(page, cell.locator(".widget-radio-box").first)
    cell.locator(".widget-radio-box").first.get_by_label(right.text, exact=True).check()
    shoot(page, screenshots, "06-quiz-live")

    check.click()
    feedback = cell.get_by_text(right.feedback, exact=True)
    expect(feedback).to_be_visible()
    choices = {other.id: (other.correct_index if other is question else None) for other in bank.questions}
    summary = bank.grade(choices).summary
    expect(cell.get_by_text(summary, exact=True)).to_be_visible()
    bring_into_view(page, cell.locator(".widget-radio-box").first)
    shoot(page, screenshots, "07-quiz-checked")


def test_check_in_an_exercise_answers_on_the_page_and_mopskit_is_on_the_path(lab, page, screenshots):
    from playwright.sync_api import expect

    from mopskit.lessons import check as check_answer

    cells = cells_of(lab, EXERCISES)
    imports = cell_index(cells, lambda source: source.startswith("from mopskit.lessons import"))
    answer = cell_index(cells, lambda source: source == "answer = ...")
    check = cell_index(cells, lambda source: source.startswith('check("01.1"'))
    assert imports < answer < check
    expected = check_answer("01.1", ANSWER)
    assert expected.summary

    open_in_lab(page, EXERCISES)
    notebook = current_notebook(page, lab, EXERCISES)
    cell = notebook.locator(".jp-Cell")
    wait_for_kernel(page)
    bring_into_view(page, cell.nth(check))
    shoot(page, screenshots, "08-exercise-not-run")

    run_cell(page, cell.nth(imports))
    bring_into_view(page, cell.nth(answer))
    cell.nth(answer).locator(".jp-InputArea-editor").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(f"answer = {ANSWER!r}")
    page.keyboard.press("Shift+Enter")
    run_cell(page, cell.nth(check))
    result = cell.nth(check).locator(".jp-OutputArea-output")
    expect(result).to_contain_text(expected.summary)
    expect(result).to_contain_text("Task 01.1")
    bring_into_view(page, cell.nth(answer))
    shoot(page, screenshots, "09-exercise-checked")

    # `make lab` puts .venv/bin on JupyterLab's PATH: a notebook can run the kit's command.
    cell.nth(check).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")  # a new cell below the check
    page.keyboard.press("Enter")
    page.keyboard.insert_text("!mopskit --version")
    page.keyboard.press("Shift+Enter")
    expect(cell.nth(check + 1).locator(".jp-OutputArea-output")).to_contain_text(
        f"mopskit {__version__}"
    )
    shoot(page, screenshots, "10-mopskit-in-a-notebook")


PERSONAS = "notebooks/02-personas-roles.ipynb"


EXERCISE_NOTEBOOKS = sorted(f"exercises/{path.name}" for path in (ROOT / "exercises").glob("[0-9][0-9]-*.ipynb"))
HINT_NOTEBOOKS = EXERCISE_NOTEBOOKS if SCREENSHOTS else [EXERCISE_NOTEBOOKS[0], EXERCISE_NOTEBOOKS[-1]]
"""In JupyterLab, the first and the last exercise (``make pages``: every one). That no hint's output is
stored in any exercise is checked without a browser, in tests/test_stored_outputs.py."""


@pytest.mark.parametrize("path", HINT_NOTEBOOKS, ids=lambda path: Path(path).stem)
def test_an_exercise_notebook_gives_a_hint_only_when_asked(lab, app, page, screenshots, path):
    """JupyterLab shows stored outputs before anything runs: no hint may be among them."""
    from playwright.sync_api import expect

    cells = cells_of(lab, path)
    imports = next(index for index, one in enumerate(cells)
                   if one["cell_type"] == "code" and "from mopskit.lessons import" in "".join(one["source"]))
    first_hint = cell_index(cells, lambda source: source.startswith("hint("))
    task_id = re.search(r'hint\("([0-9.]+)"\)', "".join(cells[first_hint]["source"]))
    assert task_id

    open_in_lab(page, path, kernel=app.shared_kernel)
    notebook = current_notebook(page, lab, path)
    cell = notebook.locator(".jp-Cell")
    expect(notebook.get_by_text(re.compile(r"Hint \d of \d"))).to_have_count(0)
    wait_for_kernel(page)
    app.shared_kernel = kernel_in_front(page)
    run_cell(page, cell.nth(imports))
    run_cell(page, cell.nth(first_hint))
    shown = cell.nth(first_hint).locator(".jp-OutputArea-output")
    expect(shown).to_contain_text("Hint 1 of")
    expect(shown).to_contain_text(f"task {task_id[1]}")
    bring_into_view(page, cell.nth(first_hint))
    shoot(page, screenshots, f"hint-{Path(path).stem}")


def test_persona_form_is_live_saves_a_file_and_shows_the_result(lab, page, screenshots):
    """Lesson 02's questionnaire runs as dropdowns; Save writes my-persona.yaml beside the notebook."""
    from playwright.sync_api import expect

    from mopskit.forms import QuestionnaireForm

    cells = cells_of(lab, PERSONAS)
    imports = cell_index(cells, lambda source: "from mopskit.forms import QuestionnaireForm" in source)
    form_cell = cell_index(cells, lambda source: source.startswith("form = QuestionnaireForm()"))
    expected = QuestionnaireForm()
    expected.set("q1", 5)
    open_in_lab(page, PERSONAS)
    cell = current_notebook(page, lab, PERSONAS).locator(".jp-Cell")
    wait_for_kernel(page)
    run_cell(page, cell.nth(imports))
    run_cell(page, cell.nth(form_cell))

    dropdowns = cell.nth(form_cell).locator(".widget-dropdown select")
    expect(dropdowns.first).to_be_visible()
    expect(dropdowns).to_have_count(len(expected.statements))
    dropdowns.first.select_option(label="5 · Strongly agree")
    cell.nth(form_cell).get_by_role("button", name="Save answers").click()
    output = cell.nth(form_cell).locator(".jp-OutputArea-output")
    expect(output).to_contain_text("Saved to my-persona.yaml")
    expect(output).to_contain_text(expected.result().describe())
    bring_into_view(page, cell.nth(form_cell).get_by_role("button", name="Save answers"))
    shoot(page, screenshots, "11-persona-form-saved")
    saved = yaml.safe_load((lab.root / "notebooks" / "my-persona.yaml").read_text(encoding="utf-8"))
    assert saved == {"questionnaire": "mops-2x2", "people": {"me": {"q1": 5}}}
