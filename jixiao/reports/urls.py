"""URLs of the reports app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.reports import export_views, views

urlpatterns = [
    path(
        "projects/<str:code>/reports/self-eval-report.html",
        views.report_page,
        name="report-page",
    ),
    path(
        "projects/<str:code>/reports/<slug:kind>.<slug:fmt>",
        views.report_download,
        name="report-download",
    ),
    # Bureau export and report templates (export_views.py).
    path("reports/exports/", export_views.export_start, name="report-export"),
    path("reports/exports/<int:pk>/", export_views.export_job, name="report-export-job"),
    path(
        "reports/exports/<int:pk>/download/",
        export_views.export_download,
        name="report-export-download",
    ),
    path("reports/templates/", export_views.template_list, name="report-templates"),
    path(
        "reports/templates/<str:kind>/<str:template>/download/",
        export_views.template_download,
        name="report-template-download",
    ),
    path(
        "reports/templates/<str:kind>/<str:template>/upload/",
        export_views.template_upload,
        name="report-template-upload",
    ),
    path(
        "reports/templates/<str:kind>/<str:template>/reset/",
        export_views.template_reset,
        name="report-template-reset",
    ),
]
