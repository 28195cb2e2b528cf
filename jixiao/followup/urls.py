"""URLs of the followup app (included at the site root by jixiao.config.urls)."""

from django.urls import path

from jixiao.followup import views

urlpatterns = [
    path("followup/", views.followup_overview, name="followup-overview"),
    path("followup/rates/", views.application_rates, name="followup-rates"),
    path("followup/projects/<str:code>/", views.followup_project, name="followup-project"),
    path(
        "followup/projects/<str:code>/next-year/",
        views.next_year_proposal,
        name="followup-next-year",
    ),
    path("followup/projects/<str:code>/propose/", views.followup_propose, name="followup-propose"),
    path("followup/projects/<str:code>/confirm/", views.followup_confirm, name="followup-confirm"),
    path(
        "followup/projects/<str:code>/rectifications/",
        views.rectification_issue,
        name="rectification-issue",
    ),
    path(
        "followup/rectifications/<int:item_id>/answer/",
        views.rectification_answer,
        name="rectification-answer",
    ),
    path(
        "followup/rectifications/<int:item_id>/accept/",
        views.rectification_accept,
        name="rectification-accept",
    ),
    path(
        "followup/rectifications/<int:item_id>/reopen/",
        views.rectification_reopen,
        name="rectification-reopen",
    ),
]
