"""Progress persistence for aimath: lesson status, scroll positions, settings, quiz
attempts, FSRS review scheduling and statistics, in TinyDB files under the user's data
directory (``AIMATH_DATA_DIR`` overrides it).  See ``progress.store`` for the layout and
the durability guarantees.  Importing this package is cheap (no fsrs, no tinydb)."""

from .errors import DataDirError, DiskError, ImportRejected, LockTimeout, ReadOnlyStore
from .settings import SETTINGS, SettingError, validate_setting
from .store import SCHEMA_VERSION, SHARD_SIZE, STATUSES, Store, StoreError, default_data_dir, open_store

from .writequeue import WriteQueue

__all__ = [
    "DataDirError",
    "DiskError",
    "ImportRejected",
    "LockTimeout",
    "ReadOnlyStore",
    "SETTINGS",
    "SettingError",
    "WriteQueue",
    "validate_setting",
    "SCHEMA_VERSION", "SHARD_SIZE", "STATUSES", "Store", "StoreError", "default_data_dir", "open_store"]
