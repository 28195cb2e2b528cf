from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "jixiao.projects"
    verbose_name = "项目与预算"
