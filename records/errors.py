"""Errors the store raises, each carrying a message a plant operator can act on."""


class StoreError(Exception):
    """Base class: anything that stops the record from being read or written."""


class AlreadyRunning(StoreError):
    """Another Deungdae process holds the writer lock on this data dir."""


class StoreUnavailable(StoreError):
    """The database file cannot be opened, is locked, corrupt or not ours."""


class DiskFull(StoreError):
    """The disk is full; the batch was not written and is still held by the caller."""
