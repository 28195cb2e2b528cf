from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "jixiao.followup"
    verbose_name = "结果应用"
