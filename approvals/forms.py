from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

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


class DelegationForm(forms.ModelForm):
    to_user = PickerField(USERS, label=capfirst(_("delegate")), queryset=get_user_model().objects.none())

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
        self.fields["to_user"].queryset = pickable_users(user).exclude(pk=user.pk)
