from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "jixiao.monitoring"
    verbose_name = "运行监控"
