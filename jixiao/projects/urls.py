"""URLs of the project pages; included before jixiao.web.urls so that "projects/new/" is not
read as a project code."""

from django.urls import path

from jixiao.projects import views

urlpatterns = [
    path("projects/new/", views.project_new, name="project-new"),
    path("projects/<str:code>/funding/", views.project_funding, name="project-funding"),
]
