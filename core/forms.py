"""Form helpers every app uses: the date widget, the crispy submit button, service errors onto a form."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def submit_helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields and field != NON_FIELD_ERRORS else None
            for each in errors:  # each a ValidationError: its code stays on the form
                form.add_error(target, each)
    else:
        for each in error.error_list:
            form.add_error(None, each)
