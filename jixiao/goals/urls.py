"""URLs of the goals app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
