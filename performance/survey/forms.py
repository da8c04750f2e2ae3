"""Forms of the satisfaction survey: the questionnaire template (with its questions), a run, the answer
sheet (built from the survey's own questions) and the report's conclusions."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DATE, submit_helper
from org.models import Department

from .models import SCALE, Survey, SurveyTemplate, TemplateQuestion
from .services import OPEN_ANSWER_MAX


class TemplateForm(forms.ModelForm):
    class Meta:
        model = SurveyTemplate
        fields = ["name", "description", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


QuestionFormSet = inlineformset_factory(
    SurveyTemplate,
    TemplateQuestion,
    fields=["section", "order", "text", "kind"],
    extra=3,
    can_delete=True,
    # Plain Bootstrap widgets: the rows are many, and crispy's per-field templates are the slow part of the page.
    widgets={
        "section": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        "order": forms.NumberInput(attrs={"class": "form-control form-control-sm", "min": 0}),
        "text": forms.TextInput(attrs={"class": "form-control form-control-sm"}),
        "kind": forms.Select(attrs={"class": "form-select form-select-sm"}),
    },
)


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "year", "template", "start_date", "end_date", "all_employees", "departments"]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "departments": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = SurveyTemplate.objects.filter(active=True)
        self.fields["departments"].queryset = Department.objects.order_by("path")
        self.helper = submit_helper(_("Save"))

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", forms.ValidationError(_("The end date is before the start date."), code="dates"))
        if not data.get("all_employees") and not data.get("departments"):
            self.add_error(
                "departments",
                forms.ValidationError(_("Choose departments or all active employees."), code="no_population"),
            )
        return data


SCALE_CHOICES = [(str(s), str(s)) for s in SCALE]


class AnswerForm(forms.Form):
    """One field per question of the survey: q<id>, a 1–5 choice (required) or an optional text."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.sections: dict[str, list] = {}
        self.questions = list(survey.questions.all())
        for question in self.questions:
            name = f"q{question.pk}"
            if question.is_scale:
                self.fields[name] = forms.ChoiceField(
                    label=question.text, choices=SCALE_CHOICES, widget=forms.RadioSelect, required=True
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    required=False,
                    max_length=OPEN_ANSWER_MAX,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            self.sections.setdefault(question.section, []).append(self[name])

    def answers(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}


class ReportForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["conclusions", "actions"]
        widgets = {
            "conclusions": forms.Textarea(attrs={"rows": 8}),
            "actions": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper(_("Save"))
