from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "jixiao.disclosure"
    verbose_name = "信息公开"
