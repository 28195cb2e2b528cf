from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "jixiao 绩效 · 后台管理"
admin.site.site_title = "jixiao 后台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("jixiao.web.urls")),
]
