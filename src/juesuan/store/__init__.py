"""The store: reports, cells and findings in embedded DuckDB; batch ingest, compare, export."""

from .database import Payload, Store, StoreError, default_path

__all__ = ["Payload", "Store", "StoreError", "default_path"]
