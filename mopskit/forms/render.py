"""Static views of the forms: HTML that reads on the published site with no kernel and no
JavaScript, and a plain-text line. They show the questions and the scale, never the answers
chosen or the name typed, so a saved notebook gives nothing of its author away."""

from __future__ import annotations

from jinja2 import Environment

from mopskit.frameworks.assess.framework import levels
from mopskit.forms.values import SCALE, AssessmentForm, QuestionnaireForm
from mopskit.display import shows

RUN_HINT = "Run this notebook in JupyterLab to fill it in"

_ENVIRONMENT = Environment(autoescape=True, trim_blocks=True, lstrip_blocks=True)

FORM_CSS = """\
.mopskit-form{border:1px solid #9e9e9e66;border-radius:6px;padding:0.6em 1em;margin:0.5em 0;}
.mopskit-form__title{font-weight:bold;margin:0 0 0.3em 0;}
.mopskit-form__run{margin:0 0 0.6em 0;}
.mopskit-form details{margin:0.3em 0;}
.mopskit-form summary{cursor:pointer;}
.mopskit-form ol{margin:0.3em 0 0.5em 0;}
.mopskit-form__statement{margin:0.35em 0;}"""

_ASSESSMENT_TEMPLATE = _ENVIRONMENT.from_string(
    """\
<style>{{ css | safe }}</style>
<div class="mopskit-form mopskit-form--assessment">
<p class="mopskit-form__title">Maturity self-assessment: {{ framework.name }}</p>
<p class="mopskit-form__run"><em>{{ hint }}</em>: for each responsibility, choose the level now and the level \
you want in a year, from {{ levels[0].level }} ({{ levels[0].name }}) to {{ levels[-1].level }} \
({{ levels[-1].name }}). Open a responsibility to read what each level asks for.</p>
{% for dimension in framework.dimensions %}
<details class="mopskit-form__dimension">
<summary><strong>{{ dimension.name }}</strong>: {{ dimension.description }}</summary>
<ol>
{% for level in levels %}
<li><strong>{{ level.name }}</strong>: {{ dimension.anchor(level.level) }}</li>
{% endfor %}
</ol>
</details>
{% endfor %}
</div>"""
)

_QUESTIONNAIRE_TEMPLATE = _ENVIRONMENT.from_string(
    """\
<style>{{ css | safe }}</style>
<div class="mopskit-form mopskit-form--questionnaire">
<p class="mopskit-form__title">Where do you sit on the MOps 2x2?</p>
<p class="mopskit-form__run"><em>{{ hint }}</em>: rate each statement from 1 ({{ scale[0] | lower }}) \
to 5 ({{ scale[-1] | lower }}), for how you work today.</p>
<p class="mopskit-form__scale" style="margin:0 0 0.4em 0;">{% for words in scale %}<strong>{{ loop.index }}</strong> \
{{ words | lower }}{{ " · " if not loop.last }}{% endfor %}</p>
<ol class="mopskit-form__statements">
{% for statement in statements %}
<li class="mopskit-form__statement">{{ statement.text }}<br>\
<span class="mopskit-form__choices" style="color:#757575;white-space:nowrap;">\
{% for _ in scale %}○ {{ loop.index }}{{ "&emsp;" | safe if not loop.last }}{% endfor %}</span></li>
{% endfor %}
</ol>
</div>"""
)


def assessment_form_html(form: AssessmentForm) -> str:
    """The responsibilities and what each level asks for; no levels chosen, no name."""
    return _ASSESSMENT_TEMPLATE.render(framework=form.scored_framework, levels=levels(), hint=RUN_HINT,
                                       css=FORM_CSS)


def assessment_form_text(form: AssessmentForm) -> str:
    return (f"Maturity self-assessment form ({form.scored_framework.name}, "
            f"{len(form.dimensions)} responsibilities). {RUN_HINT}.")


def questionnaire_form_html(form: QuestionnaireForm) -> str:
    """The statements with an empty 1-5 scale, like a paper form; no answers, no name."""
    return _QUESTIONNAIRE_TEMPLATE.render(statements=form.statements, scale=SCALE, hint=RUN_HINT, css=FORM_CSS)


def questionnaire_form_text(form: QuestionnaireForm) -> str:
    return (f"MOps 2x2 questionnaire form ({len(form.statements)} statements, 1 {SCALE[0].lower()} to "
            f"5 {SCALE[-1].lower()}). {RUN_HINT}.")


shows(AssessmentForm, html=assessment_form_html, text=assessment_form_text)
shows(QuestionnaireForm, html=questionnaire_form_html, text=questionnaire_form_text)
