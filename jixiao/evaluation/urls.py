"""URLs of the evaluation app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.evaluation import views

urlpatterns = [
    path("projects/<str:code>/evaluation/", views.evaluation_page, name="evaluation-page"),
    path("projects/<str:code>/evaluation/start/", views.evaluation_start, name="evaluation-start"),
    path(
        "projects/<str:code>/evaluation/preview/",
        views.evaluation_preview_partial,
        name="evaluation-preview",
    ),
    path(
        "projects/<str:code>/evaluation/narrative/",
        views.evaluation_narrative,
        name="evaluation-narrative",
    ),
    path("projects/<str:code>/evaluation/check/", views.evaluation_check, name="evaluation-check"),
]
