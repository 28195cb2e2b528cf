"""URLs of the ledger app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.ledger import views

urlpatterns = [
    path("projects/<str:code>/ledger/", views.ledger_page, name="ledger-page"),
    path("projects/<str:code>/ledger/record/", views.ledger_record, name="ledger-record"),
    path(
        "projects/<str:code>/ledger/<int:entry_id>/reverse/",
        views.ledger_reverse,
        name="ledger-reverse",
    ),
    path("projects/<str:code>/ledger/decisions/", views.decision_record, name="decision-record"),
    path("projects/<str:code>/evidence/", views.evidence_page, name="evidence-page"),
    path("projects/<str:code>/evidence/upload/", views.evidence_upload, name="evidence-upload"),
    path(
        "projects/<str:code>/evidence/<int:evidence_id>/download/",
        views.evidence_download,
        name="evidence-download",
    ),
]
