from django.contrib import admin

from jixiao.goals.models import Goal, GoalAdjustment, Indicator, LibraryIndicator


class ReadOnlyAdmin:
    """Goals change only through the services (audit, version, status checks): nothing
    approved may be edited silently, not even in the admin."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class IndicatorInline(ReadOnlyAdmin, admin.TabularInline):
    model = Indicator
    extra = 0
    fields = [
        "position",
        "level1",
        "level2",
        "name",
        "comparator",
        "target",
        "measure_unit",
        "weight",
    ]


@admin.register(Goal)
class GoalAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ["project", "status", "version"]
    list_filter = ["status"]
    inlines = [IndicatorInline]


@admin.register(LibraryIndicator)
class LibraryIndicatorAdmin(admin.ModelAdmin):
    list_display = ["level1", "level2", "name", "comparator", "typical_target", "measure_unit"]
    list_filter = ["level1", "level2"]
    search_fields = ["name"]


@admin.register(GoalAdjustment)
class GoalAdjustmentAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Adjustments are requested in the goal editor and decided in the workflow."""

    list_display = ["goal", "indicator", "field", "old_value", "new_value", "status"]
    list_filter = ["status", "field"]
