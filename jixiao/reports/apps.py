from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "jixiao.reports"
    verbose_name = "报告"
