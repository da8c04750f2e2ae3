from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class EmailPreferencesForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(
        label=_("E-mail me about"),
        help_text=_("Unticked kinds still appear in your notification inbox; they are just not e-mailed."),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_kinds"].choices = kinds.registered()
