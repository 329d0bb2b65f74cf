"""Forms to fill in a notebook: the maturity self-assessment and the MOps 2x2 questionnaire.

In JupyterLab::

    from mopskit.forms import AssessmentForm, QuestionnaireForm
    AssessmentForm(framework="ghantous", respondent="Giulia")

shows a live form with a "Save answers" button; the file it saves (``my-assessment.yaml``,
``my-persona.yaml``) is what ``mopskit assess FILE`` reads. On the published site the same
cell shows the questions as static HTML. Imports go one way: ``values`` < ``render``,
``widgets`` (views) < this package.
"""

from mopskit.forms import render, widgets
from mopskit.frameworks.assess import ASSESSMENT_FILE
from mopskit.io.files import free_name
from mopskit.forms.values import (
    EXAMPLE_LEARNER, QUESTIONNAIRE_FILE, SCALE, AssessmentForm, QuestionnaireForm,
)

VIEWS = (render, widgets)
"""The static and the live views of the forms: importing them registers how the forms show."""

__all__ = [
    "ASSESSMENT_FILE", "EXAMPLE_LEARNER", "QUESTIONNAIRE_FILE", "SCALE", "AssessmentForm", "QuestionnaireForm",
    "free_name",
]
