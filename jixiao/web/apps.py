from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    verbose_name = "页面"
