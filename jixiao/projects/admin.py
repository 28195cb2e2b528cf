from django.contrib import admin

from jixiao.projects.models import FundingSource, PolicyBasisItem, Project


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 0


class PolicyBasisItemInline(admin.TabularInline):
    model = PolicyBasisItem
    extra = 0


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "unit",
        "year",
        "budget_full_year",
        "executed",
        "execution_rate",
    ]
    list_filter = ["year", "category"]
    search_fields = ["code", "name"]
    readonly_fields = ["budget_initial", "budget_full_year", "executed", "execution_rate"]
    inlines = [FundingSourceInline, PolicyBasisItemInline]
