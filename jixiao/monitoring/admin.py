from django.contrib import admin

from jixiao.monitoring.models import Message, MonitoringReport, MonitoringRound, MonitoringWarning


@admin.register(MonitoringRound)
class MonitoringRoundAdmin(admin.ModelAdmin):
    list_display = ("year", "checkpoint_month", "deadline", "status", "computed_at")


@admin.register(MonitoringReport)
class MonitoringReportAdmin(admin.ModelAdmin):
    list_display = ("project", "round", "status", "execution_rate", "light", "warning_count")
    list_filter = ("round", "status", "light")
    raw_id_fields = ("project", "unit", "department")
    readonly_fields = ("budget_initial", "executed_to_checkpoint", "execution_rate", "light")


@admin.register(MonitoringWarning)
class MonitoringWarningAdmin(admin.ModelAdmin):
    list_display = ("project", "rule", "colour", "subject")
    list_filter = ("round", "rule", "colour")
    raw_id_fields = ("report", "project", "unit", "department")


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("unit", "subject", "created_at", "is_emailed")
    raw_id_fields = ("unit", "sender")
