"""URLs of the ledger app (included at the site root by jixiao.config.urls)."""

urlpatterns: list = []
