from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DATE

from .selectors import ACTION_LABELS, audited_content_types


class EntryFilterForm(forms.Form):
    person = forms.CharField(label=_("Person (login, name or e-mail)"), required=False)
    object_type = forms.TypedChoiceField(label=_("Record type"), required=False, coerce=int, empty_value=None)
    object = forms.CharField(label=_("Record (key or name)"), required=False)
    action = forms.TypedChoiceField(
        label=_("Action"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "---------"), *ACTION_LABELS.items()],
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "---------")] + [
            (ct.pk, label) for ct, label in audited_content_types()
        ]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data
