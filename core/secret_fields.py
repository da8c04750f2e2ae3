"""A write-only secret in an admin form: typed once, stored encrypted (core.crypto), never shown again."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.crypto import encrypt


class SecretField(forms.CharField):
    """Empty means "keep the stored value"; the widget never renders what is stored."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("strip", True)
        kwargs.setdefault("widget", forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}))
        super().__init__(**kwargs)


class SecretFieldsForm(forms.ModelForm):
    """A model form whose ``secret_fields`` map a form field to the model's encrypted text field."""

    secret_fields: dict[str, str] = {}
    clear_label = _("Clear the stored value")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, stored in self.secret_fields.items():
            has_value = bool(self.instance.pk and getattr(self.instance, stored))
            state = _("A value is stored; leave empty to keep it.") if has_value else _("Nothing is stored.")
            field = self.fields[name]
            field.help_text = f"{field.help_text} {state}".strip()

    def save(self, commit=True):
        for name, stored in self.secret_fields.items():
            typed = self.cleaned_data.get(name)
            if typed:
                setattr(self.instance, stored, encrypt(typed))
        return super().save(commit=commit)
