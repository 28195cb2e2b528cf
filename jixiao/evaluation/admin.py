from django.contrib import admin

from jixiao.evaluation.models import IndicatorActual, ScoreSnapshot, SelfEvaluation


class IndicatorActualInline(admin.TabularInline):
    model = IndicatorActual
    extra = 0


@admin.register(SelfEvaluation)
class SelfEvaluationAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "total", "grade", "scheme_code"]
    list_filter = ["status", "grade"]
    readonly_fields = ["scheme_code", "execution_score", "indicator_score", "total", "grade"]
    inlines = [IndicatorActualInline]


@admin.register(ScoreSnapshot)
class ScoreSnapshotAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "scheme_code", "scheme_version", "total", "grade", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False
