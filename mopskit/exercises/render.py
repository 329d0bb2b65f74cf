"""HTML and plain-text views of check results, hints and quizzes.

The values (:mod:`~mopskit.exercises.tasks`, :mod:`~mopskit.exercises.quiz`) do not
import this module: it registers its views for them with :func:`mopskit.display.shows`.

Everything here is deterministic (no random ids, no times) so stored notebook outputs
stay stable under nbval, and the quiz HTML works on a static page with no kernel and
no JavaScript: radio inputs, ``:checked`` CSS for feedback and CSS counters for the score.

The quiz must not give its answers away where its CSS is missing: JupyterLab drops the
``<style>`` of an untrusted notebook (every fresh clone). So feedback carries the HTML
``hidden`` attribute, which needs no CSS, and only the quiz's own CSS reveals it.
"""

from __future__ import annotations

import re

from jinja2 import Environment
from markupsafe import Markup, escape

from mopskit.exercises.quiz import Quiz
from mopskit.exercises.tasks import CheckResult, Hint
from mopskit.display import shows

_ENVIRONMENT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)
_CODE_SPAN = re.compile(r"`([^`]+)`")


def inline_code(text: str) -> Markup:
    """``text`` escaped, with Markdown-style `code` spans shown as code, not as backticks."""
    return Markup(_CODE_SPAN.sub(lambda match: f"<code>{match[1]}</code>", str(escape(text))))


_ENVIRONMENT.filters["code"] = inline_code

STATUS_LABELS = {
    "passed": "correct",
    "failed": "not right yet",
    "unanswered": "not answered yet",
}
_STATUS_COLOURS = {"passed": "#2e7d32", "failed": "#c62828", "unanswered": "#757575"}
_STATUS_MARKS = {"passed": "✔", "failed": "✘", "unanswered": "…"}
_HINT_COLOUR = "#1565c0"

_CHECK_TEMPLATE = _ENVIRONMENT.from_string(
    """\
<div class="mopskit-check mopskit-check--{{ result.status }}" \
style="border-left:4px solid {{ colour }};background:{{ colour }}14;padding:0.5em 0.9em;margin:0.3em 0;">
<p style="margin:0 0 0.3em 0;"><strong>{{ mark }} Task {{ result.task_id }} · {{ result.title }} — {{ label }}</strong>\
{% if result.level %} <span style="font-size:0.85em;opacity:0.8;">({{ result.level }})</span>{% endif %}</p>
<p style="margin:0;">{{ result.summary | code }}</p>
{% if result.problems %}
<ul style="margin:0.3em 0;">
{% for problem in result.problems %}
<li>{{ problem | code }}</li>
{% endfor %}
</ul>
{% endif %}
{% if result.suggestion %}
<p style="margin:0.3em 0 0 0;"><em>{{ result.suggestion | code }}</em></p>
{% endif %}
</div>"""
)

_HINT_TEMPLATE = _ENVIRONMENT.from_string(
    """\
<div class="mopskit-hint" \
style="border-left:4px solid {{ colour }};background:{{ colour }}14;padding:0.5em 0.9em;margin:0.3em 0;">
{% if hint.exhausted %}
<p style="margin:0;">{{ hint.text | code }}</p>
{% else %}
<p style="margin:0;"><strong>Hint {{ hint.number }} of {{ hint.total }}</strong> (task {{ hint.task_id }}\
{% if hint.level %}, {{ hint.level }}{% endif %}): {{ hint.text | code }}</p>
{% endif %}
</div>"""
)

QUIZ_CSS = """\
.mopskit-quiz{counter-reset:mopskit-quiz-right mopskit-quiz-answered;border:1px solid #9e9e9e66;\
border-radius:6px;padding:0.6em 1em;margin:0.5em 0;}
.mopskit-quiz__title{font-weight:bold;margin:0 0 0.4em 0;}
.mopskit-quiz__question{border:0;padding:0;margin:0 0 0.9em 0;}
.mopskit-quiz__prompt{font-weight:600;padding:0;margin-bottom:0.3em;}
.mopskit-quiz__option{margin:0.15em 0;}
.mopskit-quiz__option input{margin-right:0.5em;}
.mopskit-quiz__run{display:none;}
.mopskit-quiz__feedback{display:none;margin:0.2em 0 0.3em 1.8em;padding:0.2em 0.6em;border-left:3px solid;}
.mopskit-quiz__option input:checked~.mopskit-quiz__feedback{display:block;}
.mopskit-quiz__option--right .mopskit-quiz__feedback{border-color:#2e7d32;background:#2e7d3214;}
.mopskit-quiz__option--wrong .mopskit-quiz__feedback{border-color:#c62828;background:#c6282814;}
.mopskit-quiz__option--right input:checked{counter-increment:mopskit-quiz-right mopskit-quiz-answered;}
.mopskit-quiz__option--wrong input:checked{counter-increment:mopskit-quiz-answered;}
.mopskit-quiz__score{margin:0.3em 0 0 0;font-weight:600;}
.mopskit-quiz__score::after{content:"Score: " counter(mopskit-quiz-right) " of " attr(data-total) \
" correct (" counter(mopskit-quiz-answered) " answered).";}"""

_QUIZ_TEMPLATE = _ENVIRONMENT.from_string(
    """\
<style>{{ css | safe }}</style>
<div class="mopskit-quiz" id="{{ base }}">
<p class="mopskit-quiz__title">{{ quiz.title }}</p>
<p class="mopskit-quiz__run"><em>Run this cell (Shift+Enter) to answer the quiz here.</em></p>
{% for question in quiz.questions %}
{% set group = base ~ "--" ~ question.id %}
<fieldset class="mopskit-quiz__question" id="{{ group }}">
<legend class="mopskit-quiz__prompt">{{ loop.index }}. {{ question.prompt }}</legend>
{% for option in question.options %}
<div class="mopskit-quiz__option mopskit-quiz__option--{{ 'right' if option.correct else 'wrong' }}">
<input type="radio" name="{{ group }}" id="{{ group }}--{{ loop.index }}" value="{{ loop.index }}">\
<label for="{{ group }}--{{ loop.index }}">{{ option.text }}</label>
<div class="mopskit-quiz__feedback" hidden="hidden">{{ option.feedback }}</div>
</div>
{% endfor %}
</fieldset>
{% endfor %}
<p class="mopskit-quiz__score" data-total="{{ quiz.questions | length }}"></p>
</div>"""
)


def check_result_html(result: CheckResult) -> str:
    """A coloured box: the task, whether it passed, what is wrong and what to try."""
    return _CHECK_TEMPLATE.render(
        result=result,
        colour=_STATUS_COLOURS[result.status],
        mark=_STATUS_MARKS[result.status],
        label=STATUS_LABELS[result.status],
    )


def check_result_text(result: CheckResult) -> str:
    """The plain-text twin of :func:`check_result_html`."""
    heading = f"{_STATUS_MARKS[result.status]} Task {result.task_id} · {result.title} — {STATUS_LABELS[result.status]}"
    if result.level:
        heading += f" ({result.level})"
    return f"{heading}\n{result.message}"


def hint_html(hint: Hint) -> str:
    """A blue box with the revealed hint."""
    return _HINT_TEMPLATE.render(hint=hint, colour=_HINT_COLOUR)


def hint_text(hint: Hint) -> str:
    """The plain-text twin of :func:`hint_html`."""
    return hint.message


def quiz_html(quiz: Quiz) -> str:
    """The quiz as a self-contained HTML form that works with no kernel and no JavaScript."""
    return _QUIZ_TEMPLATE.render(quiz=quiz, base=quiz_element_id(quiz), css=QUIZ_CSS)


def quiz_text(quiz: Quiz) -> str:
    """A short, deterministic line for plain-text displays."""
    count = len(quiz.questions)
    return f"Quiz '{quiz.bank}': {quiz.title} ({count} question{'s' if count != 1 else ''})"


def quiz_element_id(quiz: Quiz) -> str:
    """The quiz's HTML id, derived from the bank name so it never changes between runs."""
    return f"mopskit-quiz-{quiz.bank}"


shows(CheckResult, html=check_result_html, text=check_result_text)
shows(Hint, html=hint_html, text=hint_text)
shows(Quiz, html=quiz_html, text=quiz_text)
