from django.contrib.auth import views as auth_views
from django.urls import path

from jixiao.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("projects/", views.project_list, name="project-list"),
    path("projects/<str:code>/", views.project_detail, name="project-detail"),
    path("review/", views.review_list, name="review-list"),
]
