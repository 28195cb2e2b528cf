from django.contrib import admin

from jixiao.goals.models import Goal, Indicator


class IndicatorInline(admin.TabularInline):
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
class GoalAdmin(admin.ModelAdmin):
    list_display = ["project", "status", "version"]
    list_filter = ["status"]
    inlines = [IndicatorInline]
