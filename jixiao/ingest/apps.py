from django.apps import AppConfig


class IngestConfig(AppConfig):
    name = "jixiao.ingest"
    verbose_name = "导入与核查"
