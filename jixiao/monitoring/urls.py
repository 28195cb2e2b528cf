"""URLs of the monitoring app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
