"""Candidate import from .xlsx / .csv (django-import-export): every row is checked like the form — choices,
ID number, the recorded PIPL consent, and duplicates on phone / e-mail / ID number (in the file and on file)."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, resources, widgets

from employees.models import Education, Gender

from .models import Candidate, Channel
from .services.candidates import CANDIDATE_FIELDS, _normalise, duplicate_errors

TRUE_WORDS = {"1", "y", "yes", "true", "是", "有", "同意", "√"}
FALSE_WORDS = {"", "0", "n", "no", "false", "否", "无", "不同意"}


class ChoiceWidget(widgets.Widget):
    """Accepts the stored code, the English label, the Chinese name in the label, or the whole label."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices
        self.lookup = {}
        for code, label in choices:
            label = str(label)
            self.lookup[code.lower()] = code
            self.lookup[label.lower()] = code
            if "(" in label:
                english, _sep, rest = label.partition("(")
                self.lookup[english.strip().lower()] = code
                for part in rest.rstrip(")").split("/"):
                    self.lookup[part.strip().lower()] = code
        for code, words in (("M", ("男", "male")), ("F", ("女", "female"))):
            if any(c == code for c, _label in choices):
                for word in words:
                    self.lookup[word] = code

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return ""
        code = self.lookup.get(text.lower())
        if code is None:
            allowed = ", ".join(str(label) for _code, label in self.choices)
            raise ValueError(
                _("“%(value)s” is not a known value; use one of: %(allowed)s.") % {"value": text, "allowed": allowed}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return dict(self.choices).get(value, value or "")


class YesNoWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in TRUE_WORDS:
            return True
        if text in FALSE_WORDS:
            return False
        raise ValueError(_("Write yes or no (是/否), not “%(value)s”.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class TextWidget(widgets.CharWidget):
    """Text cells; spreadsheet numbers such as phone numbers come back without a trailing ".0"."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value).strip()


COLUMNS = {
    "name": gettext_lazy("Name (required)"),
    "gender": gettext_lazy("Gender: M/F or 男/女"),
    "phone": gettext_lazy("Phone (phone or e-mail required)"),
    "email": gettext_lazy("E-mail"),
    "id_number": gettext_lazy("ID number (optional until the offer)"),
    "education": gettext_lazy("Education, e.g. 本科 or bachelor"),
    "school": gettext_lazy("School and major"),
    "work_experience": gettext_lazy("Work experience"),
    "expected_salary": gettext_lazy("Expected monthly salary (yuan)"),
    "source_channel": gettext_lazy("Source channel, e.g. 网上招聘 or online"),
    "talent_pool_consent": gettext_lazy("Consents to the talent pool: yes/no"),
    "consent": gettext_lazy("Privacy notice given and consent recorded (PIPL): must be yes"),
}


class CandidateResource(resources.ModelResource):
    name = fields.Field(attribute="name", column_name="name", widget=TextWidget())
    gender = fields.Field(attribute="gender", column_name="gender", widget=ChoiceWidget(Gender.choices))
    phone = fields.Field(attribute="phone", column_name="phone", widget=TextWidget())
    email = fields.Field(attribute="email", column_name="email", widget=TextWidget())
    id_number = fields.Field(attribute="id_number", column_name="id_number", widget=TextWidget())
    education = fields.Field(attribute="education", column_name="education", widget=ChoiceWidget(Education.choices))
    school = fields.Field(attribute="school", column_name="school", widget=TextWidget())
    work_experience = fields.Field(attribute="work_experience", column_name="work_experience", widget=TextWidget())
    expected_salary = fields.Field(
        attribute="expected_salary", column_name="expected_salary", widget=widgets.DecimalWidget()
    )
    source_channel = fields.Field(
        attribute="source_channel", column_name="source_channel", widget=ChoiceWidget(Channel.choices)
    )
    talent_pool_consent = fields.Field(
        attribute="talent_pool_consent", column_name="talent_pool_consent", widget=YesNoWidget()
    )

    class Meta:
        model = Candidate
        fields = CANDIDATE_FIELDS
        force_init_instance = True
        skip_diff = True
        clean_model_instances = True

    def __init__(self, *, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.seen: dict[tuple[str, str], int] = {}

    def import_instance(self, instance, row, **kwargs):
        errors: dict = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        now = timezone.now()
        try:
            consent = YesNoWidget().clean(row.get("consent"))
        except ValueError:
            consent = False
        if not consent:
            errors.setdefault("privacy_notice_at", []).append(
                _(
                    "The column “consent” must say yes: candidates are imported only with a recorded notice and "
                    "consent (PIPL)."
                )
            )
        instance.privacy_notice_at = now
        instance.created_by = self.user
        if instance.talent_pool_consent:
            instance.talent_pool_consent_at = now
        _normalise(instance)
        for field, message in duplicate_errors(instance).items():
            errors.setdefault(field, []).append(message)
        row_number = kwargs.get("row_number")
        for field in ("phone", "email", "id_number"):
            value = getattr(instance, field)
            if not value:
                continue
            first = self.seen.setdefault((field, value), row_number)
            if first != row_number and field not in errors:
                errors.setdefault(field, []).append(
                    _("The same %(field)s is already on row %(row)s of this file.") % {"field": field, "row": first + 1}
                )
        if errors:
            raise ValidationError(errors)
