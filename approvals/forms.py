from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core import roles
from core.pickers import PickerSource
from core.widgets import PickerField
from employees.forms import USERS, pickable_users

from .models import DecisionKind, Delegation, RequestStep
from .services import decisions_allowed

ACTION_LABELS = {
    DecisionKind.APPROVE: _("Approve"),
    DecisionKind.ACKNOWLEDGE: _("Acknowledge"),
    DecisionKind.REJECT: _("Reject"),
    DecisionKind.RETURN: _("Return for changes"),
}


class DecisionForm(forms.Form):
    """Approve / reject / return with a comment; acknowledgement steps offer no reject."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject or return the request."),
    )

    def __init__(self, *args, step: RequestStep, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = decisions_allowed(step)
        self.fields["decision"].choices = [(value, ACTION_LABELS[value]) for value in allowed]

    def clean(self):
        data = super().clean()
        if data.get("decision") in (DecisionKind.REJECT, DecisionKind.RETURN) and not data.get("comment", "").strip():
            self.add_error("comment", _("Please say why you reject or return the request."))
        return data


class WithdrawForm(forms.Form):
    comment = forms.CharField(label=_("Reason"), required=False, max_length=500)


# Roles whose holders see no department of their own: they stand in for each other (a planner for a planner).
COLLEAGUE_ROLES = frozenset(roles.ALL_ROLES) - {roles.DEPT_HEAD, roles.DEPT_MANAGER, roles.EMPLOYEE}


def delegates_for(user):
    """Whom a user may hand their approvals to: the logins of the people in their scope, and the colleagues who
    hold one of their roles without a department (production management, records keeper…)."""
    colleagues = get_user_model().objects.filter(is_active=True, groups__name__in=user.role_names & COLLEAGUE_ROLES)
    return (pickable_users(user) | colleagues).exclude(pk=user.pk).distinct()


DELEGATES = PickerSource(
    url_name="approvals:pick_delegates",
    rows=delegates_for,
    check=lambda user: None,  # everyone has the delegation page; an employee finds nobody
    search_fields=USERS.search_fields,
    label=USERS.label,
    ordering=USERS.ordering,
    placeholder=USERS.placeholder,
)


class DelegationForm(forms.ModelForm):
    to_user = PickerField(DELEGATES, label=capfirst(_("delegate")), queryset=get_user_model().objects.none())

    class Meta:
        model = Delegation
        fields = ["to_user", "start_date", "end_date", "comment"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}),
            "end_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.from_user = user
        self.fields["to_user"].queryset = delegates_for(user)
