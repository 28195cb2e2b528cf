from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "jixiao 绩效 · 后台管理"
admin.site.site_title = "jixiao 后台"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("jixiao.projects.urls")),  # before web: "projects/new/" is not a code
    path("", include("jixiao.web.urls")),
    path("", include("jixiao.goals.urls")),
    path("", include("jixiao.ledger.urls")),
    path("", include("jixiao.evaluation.urls")),
    path("", include("jixiao.workflow.urls")),
    path("", include("jixiao.reports.urls")),
    path("", include("jixiao.monitoring.urls")),
    path("", include("jixiao.ingest.urls")),
    path("", include("jixiao.followup.urls")),
    path("", include("jixiao.disclosure.urls")),
]
