"""Errors the store raises, each carrying a message a plant operator can act on."""


class StoreError(Exception):
    """Base class: anything that stops the record from being read or written."""


class AlreadyRunning(StoreError):
    """Another Deungdae process holds the writer lock on this data dir."""


class StoreUnavailable(StoreError):
    """The database file cannot be opened, is locked, corrupt or not ours."""


class DiskFull(StoreError):
    """The disk is full; the batch was not written and is still held by the caller."""


class RecordBehind(StoreError):
    """The record is shorter than (or differs from) the head this computer last saw.

    The writer refuses to record on top of it: new rows would bury the loss. The message
    names what is missing and the two ways out (restore the right file, or an admin
    acknowledges the loss as a signed event).
    """

    def __init__(self, message: str, *, have_seq: int, seen_seq: int, source: str) -> None:
        super().__init__(message)
        self.have_seq, self.seen_seq, self.source = have_seq, seen_seq, source
