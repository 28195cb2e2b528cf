"""URLs of the reports app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
