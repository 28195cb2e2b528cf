from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from jixiao.accounts.models import Organisation, User


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "code"]
    readonly_fields = ["path"]


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    list_display = ["username", "full_name", "organisation", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (*UserAdmin.fieldsets, ("绩效", {"fields": ("full_name", "organisation", "role")}))
