"""Progress persistence for aimath: lesson status, scroll positions, settings, quiz
attempts, FSRS review scheduling and statistics, in TinyDB files under the user's data
directory (``AIMATH_DATA_DIR`` overrides it).  See ``progress.store`` for the guarantees
and ``progress._layout`` for the layout and the layers.  Importing this package is cheap
(no fsrs, no tinydb)."""

from ._files import atomic_write
from .errors import DataDirError, DiskError, ImportRejected, LockTimeout, ReadOnlyStore, StoreError
from .settings import SETTINGS, SettingError, validate_setting
from .store import SCHEMA_VERSION, SHARD_SIZE, STATUSES, Store, default_data_dir, open_store
from .writequeue import WriteQueue

__all__ = [
    "atomic_write",
    "DataDirError",
    "DiskError",
    "ImportRejected",
    "LockTimeout",
    "ReadOnlyStore",
    "SCHEMA_VERSION",
    "SETTINGS",
    "SHARD_SIZE",
    "STATUSES",
    "SettingError",
    "Store",
    "StoreError",
    "WriteQueue",
    "default_data_dir",
    "open_store",
    "validate_setting",
]
