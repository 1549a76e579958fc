"""Announcements of the warehouse, for layers above it.

`dataset_written` is sent after a dataset's Parquet files and manifest were written
(collect writes one per form, from approved submissions). The indicator engine listens
to queue the import of form-fed datasets: collect and indicators are independent layers,
so the warehouse between them carries the news."""

from django.dispatch import Signal

dataset_written = Signal()  # keyword arguments: name, manifest
