"""The admin keeps to the process: statuses, stages and the other fields the services set are read-only here,
records the process creates (applications, interviews, evaluations, offers) are not added here, and a record
is read-only as soon as its policy says it may no longer be changed (recruitment.policies)."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from import_export.admin import ExportMixin

from audit.admin import ExportAccessLogMixin
from core.admin import ScopedAdminMixin

from . import policies
from .models import (
    Application,
    Candidate,
    Evaluation,
    Event,
    Interview,
    Offer,
    PlanChannel,
    RecruitmentPlan,
    Requisition,
)
from .resources import CandidateResource
from .selectors import applications_visible_to, candidates_visible_to, requisitions_visible_to
from .services import offers as offer_services


class CreatedByProcessMixin:
    """Created by the process (a page and its service), never by hand in the admin."""

    def has_add_permission(self, request, obj=None):
        return False


class ViewOnlyMixin(CreatedByProcessMixin):
    """A record of what happened: readable, never changed or deleted here."""

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ByApplicationScope(ScopedAdminMixin):
    """Rows that hang off an application: the applications the user's pages show."""

    application_lookup = "application"

    def scope(self, request, queryset):
        return queryset.filter(**{f"{self.application_lookup}__in": applications_visible_to(request.user)})


@admin.register(Requisition)
class RequisitionAdmin(ScopedAdminMixin, CreatedByProcessMixin, admin.ModelAdmin):
    list_display = ("number", "department", "position", "headcount", "filled_count", "status", "created_at")
    list_filter = ("status", "reason", "urgency")
    search_fields = ("number", "position__title", "department__name")
    list_select_related = ("department", "position")
    autocomplete_fields = ("position", "department")
    raw_id_fields = ("job_description", "requested_by")
    readonly_fields = (
        "status",
        "department",
        "job_description",
        "is_new_position",
        "filled_count",
        "over_headcount",
        "authorised_at_submit",
        "filled_at_submit",
        "requested_at_submit",
        "requested_by",
        "submitted_at",
        "approved_at",
        "closed_at",
    )

    def scope(self, request, queryset):
        return queryset.filter(pk__in=requisitions_visible_to(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or bool(policies.can_edit_requisition(request.user, obj)))


class PlanChannelInline(admin.TabularInline):
    model = PlanChannel
    extra = 0


@admin.register(RecruitmentPlan)
class RecruitmentPlanAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ("requisition", "owner", "start_date", "end_date", "budget")
    inlines = [PlanChannelInline]
    autocomplete_fields = ("requisition",)
    raw_id_fields = ("owner", "updated_by")

    def scope(self, request, queryset):
        return queryset.filter(requisition__in=requisitions_visible_to(request.user))


@admin.register(Candidate)
class CandidateAdmin(ScopedAdminMixin, ExportAccessLogMixin, ExportMixin, admin.ModelAdmin):
    resource_classes = [CandidateResource]
    list_display = ("name", "source_channel", "education", "talent_pool_consent", "anonymised_at", "created_at")
    list_filter = ("source_channel", "talent_pool_consent")
    search_fields = ("name", "phone", "email")
    exclude = ("resume",)
    raw_id_fields = ("created_by",)
    readonly_fields = ("resume_name", "privacy_notice_at", "anonymised_at")
    secret_fields = ("id_number", "expected_salary")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=candidates_visible_to(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or bool(policies.can_edit_candidate(request.user, obj)))


@admin.register(Application)
class ApplicationAdmin(ScopedAdminMixin, CreatedByProcessMixin, admin.ModelAdmin):
    list_display = ("candidate", "requisition", "stage", "applied_on")
    list_filter = ("stage",)
    list_select_related = ("candidate", "requisition__position")
    readonly_fields = ("candidate", "requisition", "stage", "stage_changed_at", "closed_reason", "created_by")

    def scope(self, request, queryset):
        return queryset.filter(pk__in=applications_visible_to(request.user).values("pk"))


@admin.register(Interview)
class InterviewAdmin(ByApplicationScope, ViewOnlyMixin, admin.ModelAdmin):
    """Scheduled, cancelled and evaluated on the application page (interviewers, dates and rounds are checked
    there)."""

    list_display = ("application", "round", "scheduled_at", "status")
    list_filter = ("round", "status")
    # Logins by id (the users have no admin to search them in): a select of every user does not scale.
    raw_id_fields = ("application", "interviewers", "created_by")
    # A meeting link typed without a scheme is an https one (as on the interview form).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Evaluation)
class EvaluationAdmin(ByApplicationScope, ViewOnlyMixin, admin.ModelAdmin):
    """The interviewer's own record: its scores decide, e.g., whether a special post's tests were passed."""

    list_display = ("interview", "evaluator", "recommendation", "submitted_at")
    application_lookup = "interview__application"


class OfferAdminForm(forms.ModelForm):
    """The offer's terms are checked as on the offer page (labour law and company probation policy)."""

    class Meta:
        model = Offer
        fields = [*offer_services.TERM_FIELDS, "conditions", "notes"]

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            offer_services.validate_terms(self.instance, self.instance.application)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(Offer)
class OfferAdmin(ByApplicationScope, CreatedByProcessMixin, admin.ModelAdmin):
    form = OfferAdminForm
    list_display = ("number", "application", "status", "start_date", "probation_months")
    list_filter = ("status",)
    readonly_fields = (
        "application",
        "number",
        "status",
        "employee",
        "created_by",
        "submitted_at",
        "approved_at",
        "responded_at",
    )
    secret_fields = ("salary", "probation_salary")

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or bool(policies.can_edit_offer(request.user, obj)))

    def save_model(self, request, obj, form, change):
        """Through the service, as on the page: the change is recorded in the application's history."""
        terms = {name: form.cleaned_data[name] for name in offer_services.EDITABLE_FIELDS if name in form.cleaned_data}
        offer_services.offer_update(offer=obj, by=request.user, **terms)


@admin.register(Event)
class EventAdmin(ScopedAdminMixin, ViewOnlyMixin, admin.ModelAdmin):
    list_display = ("at", "action", "requisition", "application", "actor")
    list_filter = ("action",)

    def scope(self, request, queryset):
        return queryset.filter(
            models.Q(requisition__in=requisitions_visible_to(request.user))
            | models.Q(application__in=applications_visible_to(request.user))
        )
