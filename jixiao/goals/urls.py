"""URLs of the goals app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.goals import views

urlpatterns = [
    path("projects/<str:code>/goal/", views.goal_editor, name="goal-editor"),
    path("projects/<str:code>/goal/start/", views.goal_start, name="goal-start"),
    path("projects/<str:code>/goal/annual/", views.goal_annual, name="goal-annual"),
    path("projects/<str:code>/goal/check/", views.goal_check, name="goal-check"),
    path("projects/<str:code>/goal/library/", views.library_picker, name="goal-library"),
    path("projects/<str:code>/goal/indicators/", views.indicator_add, name="indicator-add"),
    path("projects/<str:code>/goal/indicators/new/", views.indicator_new, name="indicator-new"),
    path(
        "projects/<str:code>/goal/indicators/<int:pk>/",
        views.indicator_edit,
        name="indicator-edit",
    ),
    path(
        "projects/<str:code>/goal/indicators/<int:pk>/move/<str:direction>/",
        views.indicator_move,
        name="indicator-move",
    ),
    path(
        "projects/<str:code>/goal/indicators/<int:pk>/remove/",
        views.indicator_remove,
        name="indicator-remove",
    ),
    path(
        "projects/<str:code>/goal/adjustments/",
        views.adjustment_request,
        name="goal-adjustment-request",
    ),
]
