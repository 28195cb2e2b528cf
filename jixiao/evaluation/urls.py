"""URLs of the evaluation app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
