from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "jixiao.ledger"
    verbose_name = "资金使用"
