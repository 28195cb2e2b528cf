"""URLs of the monitoring app (included at the site root by jixiao.config.urls)."""

from django.urls import path, re_path

from jixiao.monitoring import views

urlpatterns = [
    path("overview/", views.overview, name="monitoring-overview"),
    path("overview/warnings/", views.warning_page, name="monitoring-warnings"),
    path("overview/projects/", views.drilldown, name="monitoring-drilldown"),
    path("overview/pending/", views.pending, name="monitoring-pending"),
    path("monitoring/rounds/open/", views.round_open, name="monitoring-round-open"),
    path(
        "monitoring/rounds/<str:slug>/recompute/",
        views.round_recompute,
        name="monitoring-round-recompute",
    ),
    path("monitoring/rounds/<str:slug>/remind/", views.remind, name="monitoring-remind"),
    path("monitoring/rounds/<str:slug>/decide/", views.decide, name="monitoring-decide"),
    path("monitoring/messages/", views.message_list, name="monitoring-messages"),
    path(
        "projects/<str:code>/monitoring/<str:slug>/",
        views.report_form,
        name="monitoring-report",
    ),
    re_path(
        r"^projects/(?P<code>[^/]+)/monitoring/(?P<slug>[^/]+)/table\.(?P<fmt>docx|xlsx)$",
        views.report_download,
        name="monitoring-table",
    ),
]
