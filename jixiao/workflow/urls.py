"""URLs of the workflow app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.workflow import views

urlpatterns = [
    path("workflow/inbox/", views.inbox, name="workflow-inbox"),
    path(
        "workflow/<str:kind>/<int:pk>/<str:action>/",
        views.transition,
        name="workflow-transition",
    ),
    path("projects/<str:code>/history/", views.project_history, name="project-history"),
]
