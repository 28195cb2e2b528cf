"""URLs of the ingest app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.ingest import views

urlpatterns = [
    path("ingest/", views.ingest_upload, name="ingest-upload"),
    path("ingest/<str:token>/", views.ingest_preview, name="ingest-preview"),
    path("ingest/<str:token>/cancel/", views.ingest_cancel, name="ingest-cancel"),
]
