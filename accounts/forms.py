from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import roles
from core.forms import submit_helper
from core.security import SecrecyLevel
from employees.models import Employee

# The employee role comes with every login linked to an employee; the others are granted here.
GRANTABLE_ROLES = [(name, label) for name, label in roles.ROLE_LABELS.items() if name != roles.EMPLOYEE]


def _clearance_choices(by) -> list[tuple[int, str]]:
    """An HR manager grants up to their own clearance (accounts.policies.can_grant); a superuser any."""
    return [(value, label) for value, label in SecrecyLevel.choices if by.is_superuser or value <= by.clearance]


class AccessFields(forms.Form):
    role_names = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=GRANTABLE_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Every login linked to an employee also has the employee role."),
    )
    clearance = forms.TypedChoiceField(label=_("Clearance"), coerce=int)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clearance"].choices = _clearance_choices(by)


class LoginCreateForm(AccessFields):
    employee_number = forms.CharField(label=_("Employee number"), max_length=20)
    username = forms.CharField(label=_("Username"), max_length=150, validators=[get_user_model().username_validator])
    field_order = ["employee_number", "username", "role_names", "clearance"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clearance"].initial = SecrecyLevel.INTERNAL
        self.helper = submit_helper(_("Create login"))

    def clean_employee_number(self):
        number = self.cleaned_data["employee_number"].strip()
        self.employee = Employee.objects.filter(number=number).first()
        if self.employee is None:
            raise ValidationError(_("No employee has this number."), code="employee_unknown")
        return number


class AccessForm(AccessFields):
    superuser = forms.BooleanField(label=_("Superuser (system administrator)"), required=False)

    def __init__(self, *args, by, **kwargs):
        super().__init__(*args, by=by, **kwargs)
        if not by.is_superuser:
            del self.fields["superuser"]
        self.helper = submit_helper(_("Save"))


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class LockoutLiftForm(forms.Form):
    username = forms.CharField(required=False, max_length=255)
    ip_address = forms.GenericIPAddressField(required=False)
