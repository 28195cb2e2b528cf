"""URLs of the ingest app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
