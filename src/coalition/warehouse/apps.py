from django.apps import AppConfig


class WarehouseConfig(AppConfig):
    """Parquet datasets in the data directory, and the one module that talks to DuckDB."""

    name = "coalition.warehouse"
    label = "warehouse"
    verbose_name = "Warehouse"
