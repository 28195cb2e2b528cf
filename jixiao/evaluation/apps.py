from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "jixiao.evaluation"
    verbose_name = "绩效自评"
