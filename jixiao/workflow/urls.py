"""URLs of the workflow app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
