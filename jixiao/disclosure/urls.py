"""URLs of the disclosure app (included at the site root by jixiao.config.urls): the bureau's
page under /disclosure/ and the public portal under /public/."""

from django.urls import path

from jixiao.disclosure import portal_views, views

urlpatterns = [
    path("disclosure/", views.disclosure_page, name="disclosure-publish"),
    path("disclosure/publish/", views.disclosure_publish, name="disclosure-publish-post"),
    path(
        "disclosure/snapshots/<int:snapshot_id>/withdraw/",
        views.disclosure_withdraw,
        name="disclosure-withdraw",
    ),
    path("public/", portal_views.portal_home, name="portal-home"),
    path("public/<int:year>/", portal_views.portal_year, name="portal-year"),
    path("public/<int:year>/search/", portal_views.portal_search, name="portal-search"),
    path("public/<int:year>/units/<str:unit_code>/", portal_views.portal_unit, name="portal-unit"),
    path(
        "public/<int:year>/projects/<str:code>/",
        portal_views.portal_project,
        name="portal-project",
    ),
    path(
        "public/<int:year>/projects/<str:code>/report/",
        portal_views.portal_report,
        name="portal-report",
    ),
    path(
        "public/<int:year>/projects/<str:code>/report.pdf",
        portal_views.portal_report_pdf,
        name="portal-report-pdf",
    ),
    path("public/<int:year>/data/<str:kind>/", portal_views.portal_data, name="portal-data"),
]
