"""Admin of the satisfaction survey. Responses are shown read-only, without any person field, and only for closed
surveys (their groups already coarsened, see models); nobody adds, changes or deletes an answer here."""

from django.contrib import admin

from .models import Answer, Invitation, Response, Survey, SurveyQuestion, SurveyStatus, SurveyTemplate, TemplateQuestion


class TemplateQuestionInline(admin.TabularInline):
    model = TemplateQuestion
    extra = 0


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "active"]
    inlines = [TemplateQuestionInline]


class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "status", "start_date", "end_date"]
    list_filter = ["status", "year"]
    readonly_fields = ["status", "template_version", "closed_on", "published_on", "created_by"]
    inlines = [SurveyQuestionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Participation (who was invited, whether they answered): never what they answered."""

    list_display = ["survey", "employee", "department", "answered"]
    list_filter = ["survey", "answered"]
    list_select_related = ["survey", "employee", "department"]
    readonly_fields = ["survey", "employee", "department", "answered"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AnswerInline(admin.TabularInline):
    model = Answer
    fields = ["question", "score", "text"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    list_display = ["survey", "department"]
    list_filter = ["survey"]
    list_select_related = ["survey", "department"]
    fields = ["survey", "department"]
    readonly_fields = fields
    inlines = [AnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(survey__status__in=[SurveyStatus.CLOSED, SurveyStatus.PUBLISHED])

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
